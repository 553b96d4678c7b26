import BudgetCore
import Foundation
import XCTest

/// The 决算 publication: `budgetc compile actuals-2024.bud` writes the 公开01–09 tables and the
/// 决算说明; the WRITTEN workbook is read back and compared, table by table and cell by cell, with
/// reference 002's published tables (`Fixtures/reference-002/公开NN表.tsv`, the data rows as printed).
///
/// Reference 002 has rounding tails of its own (its 类/款/合计 rows and 302/人员经费 totals differ
/// from the sum of their rounded lines by 0.01–0.02 万元, footnoted “本套报表金额单位转换时可能存在尾数误差”).
/// The 决算 file copies those printed totals and budgetc prints them as published, so every cell
/// compared here equals the publication; `budgetc check` lists the tails as `actuals-parts` notes
/// (checked below). The one departure: 公开06 lists the whole 款 catalogue of each class, so it
/// prints a few zero 款 that 002 leaves out (their cells are blank, so nothing is compared).
final class ActualsPublicationTests: XCTestCase {
    static let actualsPath = TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/actuals-2024.bud").path
    static let fixtures = TestSupport.repoRoot.appendingPathComponent("Tests/BudgetCoreTests/Fixtures/reference-002")

    /// Compiled once for all tests (the workbook is read back from the file).
    static let fixture: (compiled: Pipeline.Compiled, workbook: XlsxWorkbook?, directory: URL) = {
        let directory = (try? TestSupport.temporaryDirectory()) ?? URL(fileURLWithPath: NSTemporaryDirectory())
        let output = directory.appendingPathComponent("决算.xlsx").path
        let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
        let compiled = pipeline.compile(path: actualsPath, output: output)
        return (compiled, try? XlsxWorkbook(path: output), directory)
    }()

    func sheet(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> XlsxSheet {
        let workbook = try XCTUnwrap(Self.fixture.workbook, "no workbook: \(Self.fixture.compiled.failure ?? "")", file: file, line: line)
        return try XCTUnwrap(workbook.sheet(name), "sheet \(name) missing", file: file, line: line)
    }

    /// The published rows of one table: Tab-separated cells as printed.
    func published(_ table: String) throws -> [[String]] {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("\(table).tsv"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// A published amount in fen of 万元 hundredths (2,984.80 → 298480); nil for a blank cell.
    static func hundredths(_ text: String) -> Int? {
        let clean = text.replacingOccurrences(of: ",", with: "")
        guard !clean.isEmpty, let value = Decimal(string: clean) else { return nil }
        return NSDecimalNumber(decimal: value * 100).intValue
    }

    /// A written cell compared with a published one: equal amounts, or both blank (zero counts as blank).
    func assertCell(_ sheet: XlsxSheet, _ row: Int, _ column: Int, published: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let written = sheet.number(row: row, column: column).map { Int(($0 * 100).rounded()) }
        let expected = Self.hundredths(published)
        XCTAssertEqual(written == 0 ? nil : written, expected == 0 ? nil : expected, "\(sheet.name) \(what) column \(column): published “\(published)”", file: file, line: line)
    }

    func testCompilesWithoutErrorsAndListsTheTablesInTheContents() throws {
        let compiled = Self.fixture.compiled
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertNotNil(compiled.output, compiled.failure ?? "")
        let workbook = try XCTUnwrap(Self.fixture.workbook)
        XCTAssertEqual(workbook.sheetNames, ["封面", "目录"] + (1...9).map { "公开0\($0)表" } + ["决算说明"])
        let contents = try sheet("目录")
        for (table, empty) in [("公开01表", "否"), ("公开06表", "否"), ("公开07表", "是"), ("公开08表", "是"), ("公开09表", "否")] {
            let row = try XCTUnwrap(contents.findRow(where: 0, equals: table), table)
            XCTAssertEqual(contents.text(row: row, column: 2), empty, table)
        }
        let fund = try XCTUnwrap(contents.findRow(where: 0, equals: "公开07表"))
        XCTAssertEqual(contents.text(row: fund, column: 3), "本部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。")
    }

    /// 公开01 and 公开04: every row by its 行次, labels and amounts on both sides.
    func checkSummary(_ table: String, rightAmounts: Int) throws {
        let sheet = try sheet(table)
        let rows = try published(table)
        XCTAssertFalse(rows.isEmpty)
        for cells in rows {
            let number = try XCTUnwrap(Int(cells[1]), "\(table): 行次 in \(cells)")
            let row = try XCTUnwrap(sheet.cells(inColumn: 1).first { $0.number == Double(number) }?.row, "\(table): no 行次 \(number)")
            XCTAssertEqual(sheet.text(row: row, column: 0) ?? "", cells[0], "\(table) 行次 \(number)")
            XCTAssertEqual(sheet.text(row: row, column: 3) ?? "", cells[3], "\(table) 行次 \(number) right")
            XCTAssertEqual(sheet.number(row: row, column: 4), Double(cells[4]), "\(table) right 行次 of row \(number)")
            assertCell(sheet, row, 2, published: cells[2], "行次 \(number)")
            for c in 0..<rightAmounts { assertCell(sheet, row, 5 + c, published: c + 5 < cells.count ? cells[5 + c] : "", "行次 \(cells[4])") }
        }
    }

    func testTable01EqualsThePublication() throws { try checkSummary("公开01表", rightAmounts: 1) }
    func testTable04EqualsThePublication() throws { try checkSummary("公开04表", rightAmounts: 4) }

    /// 公开02, 03, 05: 合计 and every 类/款/项 row by its code; name and every amount column.
    func checkFunctionTable(_ table: String, amounts: Int) throws {
        let sheet = try sheet(table)
        let rows = try published(table)
        XCTAssertEqual(rows.count, 26, table)
        var written = Set<Int>()
        for cells in rows {
            let isTotal = cells[0].replacingOccurrences(of: " ", with: "") == "合计"
            let row = try XCTUnwrap(isTotal ? sheet.findRow(where: 0, equals: "合 计") : sheet.findRow(where: 0, equals: cells[0]), "\(table): no row \(cells[0])")
            written.insert(row)
            if !isTotal { XCTAssertEqual(sheet.text(row: row, column: 1), cells[1], "\(table) \(cells[0])") }
            for c in 0..<amounts { assertCell(sheet, row, 2 + c, published: 2 + c < cells.count ? cells[2 + c] : "", cells[0]) }
        }
        // No row the publication does not have.
        let codeRows = sheet.cells(inColumn: 0).filter { $0.row >= sheet.findRow(where: 0, equals: "合 计")! && ($0.string ?? "").allSatisfy(\.isNumber) }
        XCTAssertEqual(Set(codeRows.map(\.row)).subtracting(written), [], "\(table): extra rows")
    }

    func testTable02EqualsThePublication() throws { try checkFunctionTable("公开02表", amounts: 7) }
    func testTable03EqualsThePublication() throws { try checkFunctionTable("公开03表", amounts: 6) }
    func testTable05EqualsThePublication() throws { try checkFunctionTable("公开05表", amounts: 3) }

    /// 公开06: three column groups of (编码, 名称, 金额); every published code with its amount, and the two 合计.
    func testTable06EqualsThePublication() throws {
        let sheet = try sheet("公开06表")
        var compared = 0
        for cells in try published("公开06表") {
            if cells[0] == "人员经费合计" {
                let row = try XCTUnwrap(sheet.findRow(where: 0, equals: "人员经费合计"))
                assertCell(sheet, row, 2, published: cells[2], "人员经费合计")
                XCTAssertEqual(sheet.text(row: row, column: 3), "公用经费合计")
                assertCell(sheet, row, 8, published: cells[8], "公用经费合计")
                continue
            }
            for group in 0..<3 where group * 3 < cells.count && !cells[group * 3].isEmpty {
                let code = cells[group * 3]
                guard let row = sheet.findRow(where: group * 3, equals: code) else {
                    // A code 002 prints that the catalogue lacks would be a gap only if it had an amount.
                    XCTAssertNil(Self.hundredths(cells[group * 3 + 2]), "公开06表: \(code) with an amount is missing")
                    continue
                }
                assertCell(sheet, row, group * 3 + 2, published: cells[group * 3 + 2], code)
                compared += 1
            }
        }
        XCTAssertEqual(compared, 89, "every code 002 prints")
    }

    /// 公开09: the one row of 预算数 and 决算数 under the 栏次 row 1–12.
    func testTable09EqualsThePublication() throws {
        let sheet = try sheet("公开09表")
        let published = try published("公开09表")
        let numbering = try XCTUnwrap(sheet.cells(inColumn: 11).first { $0.number == 12 }?.row)
        let values = try XCTUnwrap(published.first)
        XCTAssertEqual(values.count, 12)
        for c in 0..<12 { assertCell(sheet, numbering + 1, c, published: values[c], "栏次 \(c + 1)") }
    }

    /// The publication's own tails are reported by check (as notes), not silently absorbed.
    func testThePublicationsRoundingTailsAreListedByCheck() {
        let tails = Self.fixture.compiled.result.diagnostics.filter { $0.id == "actuals-parts" && $0.severity == .note }.map(\.message)
        XCTAssertTrue(tails.contains { $0.hasPrefix("302 商品和服务支出 140.04 万元，其下各款之和 140.06 万元") }, "\(tails)")
    }

    // MARK: - 决算说明

    func testNotesTakeEveryNumberFromTheTables() throws {
        let notes = try sheet("决算说明")
        let text = notes.cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        // The same figures as 公开01/03/06/09 (published totals, not the sums of rounded lines).
        for expected in ["2024年度收、支总计均为 2,984.80 万元。", "本年收入合计 2,984.80 万元。其中：财政拨款收入 2,984.80 万元，占 100.00%。",
                         "其中：基本支出 1,576.30 万元，占 52.81%；项目支出 1,408.50 万元，占 47.19%。",
                         "社会保障和就业（类）支出 433.90 万元，占 14.54%",
                         "人员经费 1,436.26 万元，公用经费 140.04 万元",
                         "2024年度“三公”经费财政拨款支出预算为 5.86 万元，支出决算为 5.86 万元，完成预算的 100.00%。",
                         "年初预算为 23.07 万元，支出决算为 22.83 万元，完成年初预算的 98.96%。",
                         "一般公共预算财政拨款支出年初预算 2,490.44 万元，支出决算 2,984.80 万元，完成年初预算的 119.85%。",
                         "机关运行经费支出 47.53 万元，比年初预算数减少 0.07 万元，主要原因是聊城市医疗保障局（本级）人员减少",
                         "政府采购支出总额 308.58 万元", "共有车辆 2 辆，其中，符合规定领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车 2 辆、执法执勤用车 0 辆、特种专业技术用车 0 辆、离退休干部用车 0 辆、其他用车 0 辆；单价 100 万元（含）以上设备（不含车辆）0 台（套）。"] {
            XCTAssertTrue(text.contains(expected), "missing: \(expected)\n\(text)")
        }
        for placeholder in ["**", "下降%", "增长%", " 万元万元", "XX", "nil", "Optional"] {
            XCTAssertFalse(text.contains(placeholder), placeholder)
        }
    }

    func testNotesCommandPrintsTheSameTextAsTheWorkbook() throws {
        let dir = try TestSupport.temporaryDirectory()
        let run = try TestSupport.run(["notes", Self.actualsPath], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let notes = try sheet("决算说明")
        for paragraph in notes.cells(inColumn: 0).compactMap(\.string).dropFirst() {
            XCTAssertTrue(run.stdout.contains(paragraph), paragraph)
        }
    }

    func testSameInputGivesByteIdenticalWorkbooks() throws {
        let dir = try TestSupport.temporaryDirectory()
        let a = dir.appendingPathComponent("a.xlsx").path, b = dir.appendingPathComponent("b.xlsx").path
        XCTAssertEqual(try TestSupport.run(["compile", Self.actualsPath, "-o", a], in: dir).status, 0)
        XCTAssertEqual(try TestSupport.run(["compile", Self.actualsPath, "-o", b], in: dir).status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: a), FileManager.default.contents(atPath: b))
    }

    // MARK: - 决算 written from the published aggregates only

    /// A 决算 of another department given only as its published totals (合计 and 类 rows of 公开05,
    /// 人员经费/公用经费 合计, the 三公 合计, balances): every total the tables print is the published one.
    func testAggregatesOnlyGiveThePublishedTotals() throws {
        let dir = try TestSupport.temporaryDirectory()
        let path = dir.appendingPathComponent("决算.bud")
        try """
        决算 2023
        部门 301 某某县农业农村局
        收入
          一般公共预算拨款 1,236.57
        年初结转结余
          一般公共预算拨款 12.40
        年末结转结余
          一般公共预算拨款 3.05
        支出
          合计 1,245.92 845.31 400.61
          201 一般公共服务支出 15.20 15.20 -
          213 农林水支出 1,110.72 710.11 400.61
          221 住房保障支出 120.00 120.00 -
        基本支出
          人员经费合计 760.31 公用经费合计 85.00
        三公
          合计 预算 6.00 决算 5.10
        空表 公开08表 "本部门2023年度没有国有资本经营预算财政拨款支出。"

        """.write(to: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.xlsx").path
        let compiled = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path)).compile(path: path.path, output: output)
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.severity != .note }.map { "\($0.id) \($0.message)" }, [])
        let workbook = try XlsxWorkbook(path: output)
        func wan(_ sheet: String, _ label: String, column: Int, labelColumn: Int = 0) -> Int? {
            guard let s = workbook.sheet(sheet), let row = s.findRow(where: labelColumn, equals: label) else { return nil }
            return s.number(row: row, column: column).map { Int(($0 * 100).rounded()) }
        }
        // 公开01: income 1,236.57 + 年初 12.40 = 1,248.97 = 支出 1,245.92 + 年末 3.05.
        XCTAssertEqual(wan("公开01表", "本年收入合计", column: 2), 123657)
        XCTAssertEqual(wan("公开01表", "年初结转和结余", column: 2), 1240)
        XCTAssertEqual(wan("公开01表", "本年支出合计", column: 5, labelColumn: 3), 124592)
        XCTAssertEqual(wan("公开01表", "十二、农林水支出", column: 5, labelColumn: 3), 111072)
        XCTAssertEqual(wan("公开01表", "年末结转和结余", column: 5, labelColumn: 3), 305)
        XCTAssertEqual(wan("公开01表", "总计", column: 5, labelColumn: 3), 124897)
        XCTAssertEqual(wan("公开01表", "总计", column: 2), 124897)
        // 公开05: the published 合计 and 类 rows, 基本/项目 as printed.
        XCTAssertEqual(wan("公开05表", "合 计", column: 2), 124592)
        XCTAssertEqual(wan("公开05表", "合 计", column: 3), 84531)
        XCTAssertEqual(wan("公开05表", "213", column: 4), 40061)
        XCTAssertEqual(wan("公开05表", "221", column: 2), 12000)
        // 公开04: the 一般公共预算 column; 年初/年末 by source.
        XCTAssertEqual(wan("公开04表", "本年支出合计", column: 6, labelColumn: 3), 124592)
        XCTAssertEqual(wan("公开04表", "年初财政拨款结转和结余", column: 2), 1240)
        XCTAssertEqual(wan("公开04表", "年末财政拨款结转和结余", column: 6, labelColumn: 3), 305)
        XCTAssertEqual(wan("公开04表", "总计", column: 5, labelColumn: 3), 124897)
        // 公开06 and 公开09 from their printed totals; 公开08 empty with the 决算's reason.
        XCTAssertEqual(wan("公开06表", "人员经费合计", column: 2), 76031)
        XCTAssertEqual(wan("公开06表", "公用经费合计", column: 8, labelColumn: 3), 8500)
        let contents = try XCTUnwrap(workbook.sheet("目录"))
        let capital = try XCTUnwrap(contents.findRow(where: 0, equals: "公开08表"))
        XCTAssertEqual(contents.text(row: capital, column: 2), "是")
        XCTAssertEqual(contents.text(row: capital, column: 3), "本部门2023年度没有国有资本经营预算财政拨款支出。")
        let sanGong = try XCTUnwrap(workbook.sheet("公开09表"))
        let numbering = try XCTUnwrap(sanGong.cells(inColumn: 11).first { $0.number == 12 }?.row)
        XCTAssertEqual(sanGong.number(row: numbering + 1, column: 0), 6)
        XCTAssertEqual(sanGong.number(row: numbering + 1, column: 6), 5.1)
        let notes = try XCTUnwrap(workbook.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本年支出合计 1,245.92 万元"), notes)
        XCTAssertTrue(notes.contains("农林水（类）支出 1,110.72 万元"), notes)
        XCTAssertTrue(notes.contains("人员经费 760.31 万元，公用经费 85.00 万元"), notes)
    }

    /// A 政府性基金 项 beside 一般公共预算 totals given only as 类 rows: 公开05 keeps the published 类,
    /// 公开03 and 公开01 add the fund's line to it, 公开07 has the fund.
    func testFundLinesBesideGeneralAggregates() throws {
        let source = """
        决算 2023
        部门 301 某某县农业农村局
        收入
          一般公共预算拨款 1,110.72
          政府性基金拨款 80
        支出
          213 农林水支出 1,110.72 710.11 400.61
          2130199 其他农业农村支出 来源 政府性基金拨款 项目 80

        """
        let dir = try TestSupport.temporaryDirectory()
        let path = dir.appendingPathComponent("决算.bud")
        try source.write(to: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.xlsx").path
        let compiled = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path)).compile(path: path.path, output: output)
        XCTAssertNotNil(compiled.output, "\(compiled.result.diagnostics.map(\.message))")
        let workbook = try XlsxWorkbook(path: output)
        func wan(_ sheet: String, _ label: String, column: Int, labelColumn: Int = 0) -> Int? {
            guard let s = workbook.sheet(sheet), let row = s.findRow(where: labelColumn, equals: label) else { return nil }
            return s.number(row: row, column: column).map { Int(($0 * 100).rounded()) }
        }
        XCTAssertEqual(wan("公开05表", "213", column: 2), 111072)
        XCTAssertEqual(wan("公开03表", "213", column: 2), 119072)
        XCTAssertEqual(wan("公开03表", "合 计", column: 4), 48061)
        XCTAssertEqual(wan("公开01表", "十二、农林水支出", column: 5, labelColumn: 3), 119072)
        XCTAssertEqual(wan("公开07表", "合 计", column: 3), 8000)
        XCTAssertEqual(wan("公开07表", "2130199", column: 6), 8000)
        XCTAssertEqual(wan("公开04表", "本年支出合计", column: 7, labelColumn: 3), 8000)
    }

    /// With `上年决算`, every total gets its 较上年 sentence from both years' figures, with the reason written for it.
    func testLastYearsActualsGiveTheChangeSentencesWithTheirReasons() throws {
        let last = "决算 2022\n部门 962 测试局\n收入\n  一般公共预算拨款 40\n支出\n  2101501 行政运行 40 40 0\n"
        let this = """
        决算 2023
        部门 962 测试局
        上年决算 "上年.bud"
        收入
          一般公共预算拨款 45
        支出
          2101501 行政运行 45 40 5
        说明
          总体 "新增信息化项目"
          收入 "新增信息化项目资金"

        """
        let result = TestSupport.check(this, files: ["上年.bud": last], rootPath: "决算.bud")
        let actuals = try XCTUnwrap(result.actuals)
        XCTAssertNotNil(actuals.previous)
        let notes = ActualsNotes.generate(for: actuals).markdown()
        XCTAssertTrue(notes.contains("收、支总计较上年增加 5.00 万元，增长 12.50%，主要原因是新增信息化项目。"), notes)
        XCTAssertTrue(notes.contains("本年收入合计 45.00 万元，较上年增加 5.00 万元，增长 12.50%，主要原因是新增信息化项目资金。"), notes)
        // 支出 has no reason of its own: the sentence falls back to 总体, and nothing is left unexplained.
        XCTAssertTrue(notes.contains("本年支出合计 45.00 万元，较上年增加 5.00 万元，增长 12.50%，主要原因是新增信息化项目。"), notes)
        XCTAssertFalse(result.diagnostics.contains { $0.id == "actuals-change-reason" }, "\(result.diagnostics.map(\.message))")
        // Without any reason each change is reported once per sentence, and the text has no placeholder.
        let bare = TestSupport.check(this.components(separatedBy: "说明\n")[0], files: ["上年.bud": last], rootPath: "决算.bud")
        let missing = bare.diagnostics.filter { $0.id == "actuals-change-reason" }
        XCTAssertEqual(missing.count, 5, "\(missing.map(\.message))")
        let bareNotes = ActualsNotes.generate(for: try XCTUnwrap(bare.actuals)).markdown()
        XCTAssertFalse(bareNotes.contains("主要原因是。"), bareNotes)
        XCTAssertTrue(bareNotes.contains("较上年增加 5.00 万元，增长 12.50%。"), bareNotes)
    }

    /// An empty 决算 still compiles: every table empty with a reason in the 目录; a reason for a
    /// table the set lacks is a warning at its line.
    func testEmptyTablesHaveReasonsAndUnknownTablesAreReported() throws {
        let dir = try TestSupport.temporaryDirectory()
        let path = dir.appendingPathComponent("决算.bud")
        try "决算 2024\n部门 1 某局\n空表 公开99表 \"无\"\n".write(to: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.xlsx").path
        let compiled = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path)).compile(path: path.path, output: output)
        XCTAssertNotNil(compiled.output)
        let warning = try XCTUnwrap(compiled.result.diagnostics.first { $0.id == "empty-table-reason" })
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.span?.line, 3)
        let contents = try XCTUnwrap(try XlsxWorkbook(path: output).sheet("目录"))
        for n in 1...9 {
            let row = try XCTUnwrap(contents.findRow(where: 0, equals: "公开0\(n)表"))
            XCTAssertEqual(contents.text(row: row, column: 2), "是")
            XCTAssertFalse((contents.text(row: row, column: 3) ?? "").isEmpty, "公开0\(n)表 has no reason")
        }
    }

    /// A 决算 published unit by unit (blocks with a unit code, totals only): the department's tables add the units.
    func testUnitByUnitTotalsAddUp() throws {
        let dir = try TestSupport.temporaryDirectory()
        let path = dir.appendingPathComponent("决算.bud")
        try """
        决算 2024
        部门 143 某局
        单位 143001 某局本级 行政
        单位 143002 某中心 事业
        收入 143001
          一般公共预算拨款 100
        收入 143002
          一般公共预算拨款 50
        支出 143001
          合计 100 80 20
          201 一般公共服务支出 100 80 20
        支出 143002
          合计 50 50 0
          210 卫生健康支出 50 50 -

        """.write(to: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.xlsx").path
        let compiled = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path)).compile(path: path.path, output: output)
        XCTAssertNotNil(compiled.output, "\(compiled.result.diagnostics.map(\.message))")
        let workbook = try XlsxWorkbook(path: output)
        let table05 = try XCTUnwrap(workbook.sheet("公开05表"))
        let total = try XCTUnwrap(table05.findRow(where: 0, equals: "合 计"))
        XCTAssertEqual([2, 3, 4].map { table05.number(row: total, column: $0) }, [150, 130, 20])
        let table01 = try XCTUnwrap(workbook.sheet("公开01表"))
        XCTAssertEqual(table01.number(row: try XCTUnwrap(table01.findRow(where: 0, equals: "总计")), column: 2), 150)
        XCTAssertEqual(table01.number(row: try XCTUnwrap(table01.findRow(where: 3, equals: "九、卫生健康支出")), column: 5), 50)
    }

    /// A budget set given to a 决算 is refused with one clear error, not nine empty tables.
    func testABudgetTableSetIsRefusedForA决算() throws {
        let dir = try TestSupport.temporaryDirectory()
        var pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
        pipeline.tableSet = "全国"
        let compiled = pipeline.compile(path: Self.actualsPath, output: dir.appendingPathComponent("x.xlsx").path)
        XCTAssertNil(compiled.output)
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.severity == .error }.map(\.id), ["table-set"])
    }
}
