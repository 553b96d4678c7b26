import BudgetCore
import Foundation
import XCTest

/// The fully populated example `workbooks/full-2025`: every column of every table and every kind of
/// 说明 sentence holds a non-zero number, so a swapped pair of columns or a term dropped from a sum
/// changes a number that is checked here.
///
/// The expected numbers are NOT budgetc's: `scripts/full-expected.py` computes them from the example's
/// spending lines with its own simple reader and writes `workbooks/full-2025/expected.tsv`
/// (table, row, column, value). This test compiles the example, reads the written .xlsx back and finds
/// every expected cell by its row label/code and column header (never by a fixed position), so the
/// table layouts may move without breaking it as long as the labels stay.
final class FullExampleTests: XCTestCase {
    static let directory = TestSupport.repoRoot.appendingPathComponent("workbooks/full-2025")
    static var budgetPath: String { directory.appendingPathComponent("budget.bud").path }

    struct Fixture: Sendable {
        var result: Pipeline.Result?
        var workbook: XlsxWorkbook?
        var notes: String?
        var problem: String?
    }

    /// Compiled and read once for all tests.
    static let fixture: Fixture = {
        var fixture = Fixture()
        do {
            let temporary = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: temporary) }
            let output = temporary.appendingPathComponent("full.xlsx").path
            let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
            let compiled = pipeline.compile(path: budgetPath, output: output)
            fixture.result = compiled.result
            guard compiled.output != nil else {
                let errors = compiled.result.diagnostics.filter { $0.severity == .error }.map { "\($0.id): \($0.message)" }
                fixture.problem = "compile wrote no workbook: \(compiled.failure ?? "") \(errors.joined(separator: "; "))"
                return fixture
            }
            fixture.workbook = try XlsxWorkbook(path: output)
            if let budget = compiled.result.budget { fixture.notes = Notes.generate(budget).markdown() }
        } catch {
            fixture.problem = "cannot compile or read the example: \(error)"
        }
        return fixture
    }()

    func workbook() throws -> XlsxWorkbook {
        try XCTUnwrap(Self.fixture.workbook, Self.fixture.problem ?? "no workbook")
    }

    // MARK: - expected.tsv

    struct Expected {
        var table: String, row: String, column: String, value: String
        var cents: Int? { GoldenReferenceTests.cents(value.hasPrefix("-") ? String(value.dropFirst()) : value).map { value.hasPrefix("-") ? -$0 : $0 } }
    }

    static let expected: [Expected] = {
        let url = directory.appendingPathComponent("expected.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst(2).map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expected(table: f[0], row: f[1], column: f[2], value: f.count > 3 ? f[3] : "")
        }
    }()

    func testExampleChecksWithoutErrorsOrWarnings() throws {
        let result = try XCTUnwrap(Self.fixture.result, Self.fixture.problem ?? "")
        let problems = result.diagnostics.filter { $0.severity != .note }
        XCTAssertTrue(problems.isEmpty, problems.map { "\($0.id): \($0.message)" }.joined(separator: "\n"))
        XCTAssertGreaterThan(Self.expected.count, 900, "expected.tsv missing or truncated")
    }

    /// The committed expected.tsv is what the script computes from the committed example.
    func testExpectedValuesAreTheScriptsOutput() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 not installed: expected.tsv not regenerated (run scripts/full-expected.py)") }
        let run = try TestSupport.run(executable: URL(fileURLWithPath: python),
                                      [TestSupport.repoRoot.appendingPathComponent("scripts/full-expected.py").path, "--check"])
        XCTAssertEqual(run.status, 0, "scripts/full-expected.py --check: \(run.stderr)")
    }

    /// Every expected cell of 表1–表15 and 图表, found by row label/code and column header.
    func testEveryExpectedCell() throws {
        let wb = try workbook()
        var checked = 0
        var indexes: [String: SheetIndex] = [:]
        for item in Self.expected where item.table != "说明" {
            guard let sheet = wb.sheet(item.table) else {
                XCTFail("no sheet \(item.table)")
                continue
            }
            let what = "\(item.table) row “\(item.row)” column “\(item.column)”"
            let index = indexes[item.table] ?? SheetIndex(sheet)
            indexes[item.table] = index
            guard let (row, column) = Self.locate(item, in: index) else {
                XCTFail("\(what): cell not found")
                continue
            }
            let reference = XlsxCell.reference(row: row, column: column)
            let cell = sheet.cell(row: row, column: column)
            if item.column == "数量" {
                XCTAssertEqual(cell?.number ?? 0, Double(item.value) ?? -1, "\(item.table)!\(reference) \(what): found \(cell?.description ?? "no cell")")
            } else {
                let actual = cell?.number.map { Int(($0 * 100).rounded()) } ?? 0
                XCTAssertEqual(actual, item.cents, "\(item.table)!\(reference) \(what): expected \(item.value), found \(cell?.description ?? "no cell")")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 900)
    }

    /// The example itself: every column header named in expected.tsv has a non-zero expected value
    /// in some row, so no column is checked only against zeros.
    func testEveryExpectedColumnHasANonZeroValue() {
        var nonZero: [String: Bool] = [:]
        for item in Self.expected where item.table != "说明" {
            let key = item.table + " | " + item.column
            nonZero[key] = (nonZero[key] ?? false) || (item.cents ?? 0) != 0 || (item.column == "数量" && item.value != "0")
        }
        XCTAssertGreaterThan(nonZero.count, 60)
        for (key, value) in nonZero.sorted(by: { $0.key < $1.key }) { XCTAssertTrue(value, "\(key): every expected value is zero") }
    }

    /// Every column of 表1–表15 that holds numbers has a non-zero one.
    func testEveryNumericColumnOfEveryTableHasANonZeroCell() throws {
        let wb = try workbook()
        for n in 1...15 {
            let sheet = try XCTUnwrap(wb.sheet("表\(n)"))
            let numeric = sheet.cells.values.filter { $0.number != nil }
            XCTAssertFalse(numeric.isEmpty, "表\(n) has no numbers")
            for column in Set(numeric.map(\.column)).sorted() {
                let values = numeric.filter { $0.column == column }.compactMap(\.number)
                XCTAssertTrue(values.contains { abs($0) >= 0.005 }, "表\(n) column \(XlsxCell.reference(row: 0, column: column).dropLast()) holds only zeros")
            }
            // Neighbouring amount columns differ in some row, so swapping them changes a number.
            let columns = Set(numeric.map(\.column)).sorted()
            for (left, right) in zip(columns, columns.dropFirst()) {
                let differs = Set(numeric.map(\.row)).contains { row in
                    abs((sheet.number(row: row, column: left) ?? 0) - (sheet.number(row: row, column: right) ?? 0)) >= 0.005
                }
                XCTAssertTrue(differs, "表\(n): columns \(left) and \(right) hold the same numbers in every row")
            }
        }
        // The tables that can be empty are not: the contents page marks none of 表1–表15 empty.
        let contents = try XCTUnwrap(wb.sheet("目录"))
        for n in 1...15 {
            let row = try XCTUnwrap(contents.findRow(where: 0, equals: "表\(n)"))
            XCTAssertEqual(contents.text(row: row, column: 2), "否", "目录 marks 表\(n) empty")
        }
    }

    // MARK: - 说明

    /// Each 说明 sentence kind with its numbers: increase, decrease, unchanged (持平 / 与上年相同),
    /// new (上年 0) and removed (本年 0) items, with the reason of the right topic, or without one.
    func testNotesSentences() throws {
        let notes = try XCTUnwrap(Self.fixture.notes, Self.fixture.problem ?? "no notes")
        var bySubject: [String: [String: String]] = [:]
        var order: [String] = []
        for item in Self.expected where item.table == "说明" {
            if bySubject[item.row] == nil { order.append(item.row) }
            bySubject[item.row, default: [:]][item.column] = item.value
        }
        var kinds: Set<String> = []
        for subject in order {
            let values = bySubject[subject]!
            if let count = values["数量"] {
                // Counts: “当年部门预算安排购置车辆 1 辆”. The equipment count has its own test (a known bug).
                if subject.contains("设备") { continue }
                XCTAssertTrue(notes.contains("\(subject) \(count) "), "说明 lacks “\(subject) \(count) …”")
                continue
            }
            guard let amount = values["本年"].flatMap({ Expected(table: "", row: "", column: "", value: $0).cents }) else { continue }
            let written = Self.wan(amount)
            guard let start = notes.range(of: "\(subject)\(written) 万元") ?? notes.range(of: "\(subject) \(written) 万元") else {
                XCTFail("说明 lacks “\(subject) \(written) 万元”")
                continue
            }
            guard let deltaText = values["较上年"], let delta = Expected(table: "", row: "", column: "", value: deltaText).cents else { continue }
            // The change clause of this sentence (after a breakdown “其中……” when there is one).
            let rest = notes[start.upperBound...]
            let sentenceEnd = rest.firstIndex { $0 == "\n" } ?? rest.endIndex
            // The comparison may name its basis (“较上年预算增加”, “与上年预算持平”); the example's basis is its 上年预算.
            let sentence = String(rest[..<sentenceEnd]).replacingOccurrences(of: "上年预算", with: "上年")
            var expectedChanges: [String]
            if delta == 0 {
                expectedChanges = subject.hasSuffix("费") || subject.hasSuffix("经费") ? ["与上年相同，无增减变化"] : ["较上年持平", "与上年持平"]
                kinds.insert("unchanged")
            } else {
                expectedChanges = ["较上年\(delta > 0 ? "增加" : "减少") \(Self.wan(abs(delta))) 万元"]
                kinds.insert(delta > 0 ? "increase" : "decrease")
                if amount == abs(delta) && delta > 0 { kinds.insert("new") }
                if amount == 0 { kinds.insert("removed") }
            }
            // The first change clause after the amount is this subject's.
            let clause = [sentence.range(of: "较上年"), sentence.range(of: "与上年")].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
            guard let clause, let expectedChange = expectedChanges.first(where: { sentence[clause.lowerBound...].hasPrefix($0) }) else {
                XCTFail("说明 “\(subject)”: expected “\(expectedChanges.joined(separator: "” or “"))” in “\(sentence.prefix(200))”")
                continue
            }
            let change = clause.lowerBound..<sentence.index(clause.lowerBound, offsetBy: expectedChange.count)
            // Optional percentage “（5.44%）” for the 三公 sentences, then the reason clause or not.
            var after = sentence[change.upperBound...]
            if after.hasPrefix("（"), let close = after.firstIndex(of: "）") { after = after[after.index(after: close)...] }
            let hasReason = after.hasPrefix("，主要原因是")
            if let reason = values["原因"], reason != "无原因" {
                // The reason of the right topic (its own, or the one it borrows), not just any reason.
                XCTAssertTrue(after.hasPrefix("，主要原因是" + reason),
                              "说明 “\(subject)”: expected “主要原因是\(reason)” after “\(expectedChange)”: “\(sentence.prefix(200))”")
                kinds.insert(delta == 0 ? "unchanged+reason" : "reason")
            } else {
                XCTAssertFalse(hasReason, "说明 “\(subject)”: no reason was written, found “\(after.prefix(60))”")
                if delta != 0 { kinds.insert("no reason") }
            }
        }
        for kind in ["increase", "decrease", "unchanged", "new", "removed", "reason", "no reason"] {
            XCTAssertTrue(kinds.contains(kind), "the example has no 说明 sentence of kind “\(kind)”")
        }
        // The workbook's 说明 sheet carries the same text.
        let sheet = try XCTUnwrap(try workbook().sheet("说明"))
        let sheetText = sheet.cells.values.compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(sheetText.contains("行政运行（2100101）"), "说明 sheet lacks the function-class sentences")
    }

    /// Only goods count as “单价 20 万元以上的设备”: the example has one such piece of equipment (A02320000,
    /// 21.30 万元) beside a 168.40 万元 service and two works of 24.50 and 35.40 万元 (once counted as 4).
    func testNotesCountOnlyGoodsAsEquipment() throws {
        let notes = try XCTUnwrap(Self.fixture.notes, Self.fixture.problem ?? "no notes")
        let expected = try XCTUnwrap(Self.expected.first { $0.table == "说明" && $0.row.contains("设备") }?.value)
        let phrase = "安排购置单价 20 万元以上的设备 "
        let range = try XCTUnwrap(notes.range(of: phrase), "说明 lacks “\(phrase)”")
        let count = String(notes[range.upperBound...].prefix { $0.isNumber })
        XCTAssertEqual(count, expected, "说明: equipment of 20 万元 or more")
    }

    /// The income breakdown does not double the word 收入 for sources whose name ends in it (once “上级补助收入收入”).
    func testNotesIncomeBreakdownWording() throws {
        let notes = try XCTUnwrap(Self.fixture.notes, Self.fixture.problem ?? "no notes")
        XCTAssertTrue(notes.contains("上级补助收入"), "说明 lacks the 上级补助收入 breakdown")
        XCTAssertFalse(notes.contains("收入收入"), "“上级补助收入收入”")
    }

    // MARK: - Locating cells by labels and headers

    static func wan(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let whole = abs(cents) / 100, fraction = abs(cents) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : String(format: "%@%d.%02d", sign, whole, fraction)
    }

    /// A label without its list numbering: “(1)一般公共预算拨款”, “1、财政拨款”, “一、部门预算” → the text.
    /// A label without its list number; a label printed on two lines (表12's 目录 code, then the item) reads as one.
    static func bare(_ label: String) -> String {
        var text = label.replacingOccurrences(of: "\n", with: "").trimmingCharacters(in: .whitespaces)
        if let match = text.range(of: #"^(\(\d+\)|（\d+）|\d+、|[一二三四五六七八九十]+、)"#, options: .regularExpression) {
            text.removeSubrange(match)
        }
        return text
    }

    static let summaryTables: Set<String> = ["表1", "表4", "表9"]

    /// A sheet's text cells in reading order and the first row holding a number (where the headers end).
    struct SheetIndex {
        var sheet: XlsxSheet
        var strings: [XlsxCell]
        var firstNumericRow: Int

        init(_ sheet: XlsxSheet) {
            self.sheet = sheet
            strings = sheet.cells.values.filter { $0.string != nil }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
            firstNumericRow = sheet.cells.values.filter { $0.number != nil }.map(\.row).min() ?? 0
        }
    }

    /// (row, column) of an expected cell.
    static func locate(_ item: Expected, in index: SheetIndex) -> (Int, Int)? {
        let (sheet, strings, firstNumericRow) = (index.sheet, index.strings, index.firstNumericRow)
        if summaryTables.contains(item.table) {
            // The label column is the one headed `column`; the amount is just right of the label.
            guard let header = strings.filter({ $0.string == item.column && $0.row < firstNumericRow }).min(by: { $0.row < $1.row }),
                  let row = findPath(item.row, in: strings, column: header.column, from: header.row) else { return nil }
            return (row, header.column + 1)
        }
        if item.table == "表14" {
            // A block per project: its name in the 项目名称 row, then the amount rows below.
            guard let start = strings.first(where: { $0.string == item.row }),
                  let row = strings.filter({ $0.row > start.row && $0.string.map(GoldenReferenceTests.withoutColon) == GoldenReferenceTests.withoutColon(item.column) })
                    .min(by: { $0.row < $1.row })?.row else { return nil }
            let amount = sheet.cells(inRow: row).first { $0.column > 2 && $0.number != nil }?.column
                ?? strings.first { $0.string == "实施期资金总额：" }.flatMap { label in sheet.cells(inRow: label.row).first { $0.number != nil }?.column }
            return amount.map { (row, $0) }
        }
        if item.table == "图表" {
            // Three small tables, each with its own header row: the path's first label names the table.
            let parts = item.row.components(separatedBy: ">")
            guard parts.count == 2, let head = strings.first(where: { $0.string == parts[0] }),
                  let row = strings.filter({ $0.row > head.row && $0.column == head.column && $0.string == parts[1] }).min(by: { $0.row < $1.row })?.row,
                  // “2024年”, “2024年预算” or “2024年预算数”: the header names the year.
                  let column = sheet.cells(inRow: head.row).first(where: { $0.string?.hasPrefix(item.column) == true })?.column else { return nil }
            return (row, column)
        }
        guard let column = headerColumn(item.column, strings: strings, below: firstNumericRow),
              let row = findRow(item.row, in: strings, from: firstNumericRow) else { return nil }
        return (row, column)
    }

    /// A header's column: `block|label` (表13) is the label within the block's columns; otherwise the
    /// topmost cell with the text among the header rows (above the first number).
    static func headerColumn(_ header: String, strings: [XlsxCell], below limit: Int) -> Int? {
        let headers = strings.filter { $0.row < limit }
        let parts = header.components(separatedBy: "|")
        if parts.count == 2 {
            guard let block = headers.first(where: { $0.string == parts[0] }) else { return nil }
            let blockStarts = headers.filter { $0.row == block.row && $0.column > block.column }.map(\.column)
            let end = blockStarts.min() ?? Int.max
            return headers.filter { $0.string == parts[1] && $0.column >= block.column && $0.column < end }
                .min { ($0.row, $0.column) < ($1.row, $1.column) }?.column
        }
        return headers.filter { $0.string == header }.min { ($0.row, $0.column) < ($1.row, $1.column) }?.column
    }

    /// A row by its key: `A>B` is row B below row A (in A's column); `X/Y` is a row holding both X and Y;
    /// otherwise the first row at or below `from` with a cell equal to the key (list numbering ignored).
    static func findRow(_ key: String, in strings: [XlsxCell], from: Int) -> Int? {
        func rows(_ text: String) -> [XlsxCell] {
            strings.filter { $0.row >= from && ($0.string == text || bare($0.string!) == text) }
        }
        let path = key.components(separatedBy: ">")
        if path.count == 2 {
            guard let parent = rows(path[0]).first else { return nil }
            return rows(path[1]).first { $0.row > parent.row && $0.column == parent.column }?.row
        }
        let both = key.components(separatedBy: "/")
        if both.count == 2 {
            let second = Set(rows(both[1]).map(\.row))
            return rows(both[0]).first { second.contains($0.row) }?.row
        }
        return rows(key).first?.row
    }

    /// In a summary table: the label (or path) within one label column, below the header.
    static func findPath(_ key: String, in strings: [XlsxCell], column: Int, from: Int) -> Int? {
        let cells = strings.filter { $0.row > from && $0.column == column }
        func row(_ text: String, after: Int) -> Int? {
            cells.first { $0.row > after && ($0.string == text || bare($0.string!) == text) }?.row
        }
        var after = from
        for part in key.components(separatedBy: ">") {
            guard let found = row(part, after: after) else { return nil }
            after = found
        }
        return after
    }
}
