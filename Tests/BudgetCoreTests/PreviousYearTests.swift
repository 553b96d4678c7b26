import BudgetCore
import Foundation
import XCTest
import ZIPFoundation

/// Issue “Last year”: 表13 上年/增减, the generated 说明, previous-year diagnostics, charts.
final class PreviousYearTests: XCTestCase {
    static let compiled: (workbook: XlsxWorkbook?, entries: [String], problem: String?) = {
        do {
            let dir = try TestSupport.temporaryDirectory()
            let output = dir.appendingPathComponent("hanyin.xlsx")
            let result = Pipeline().compile(path: TestSupport.referenceExample, output: output.path)
            guard result.output != nil else { return (nil, [], "no workbook: \(result.result.diagnostics)") }
            let archive = try Archive(url: output, accessMode: .read)
            return (try XlsxWorkbook(path: output.path), archive.map(\.path), nil)
        } catch {
            return (nil, [], "\(error)")
        }
    }()

    func workbook() throws -> XlsxWorkbook {
        if let problem = Self.compiled.problem { XCTFail(problem) }
        return try XCTUnwrap(Self.compiled.workbook)
    }

    func testTable13HasLastYearAndChangeBlocks() throws {
        let sheet = try XCTUnwrap(workbook().sheet("表13"))
        // Columns: A code, B name, C–K 上年, L–T 当年, U–AC 增减 (合计, 小计, 出国, 接待, 用车小计, 购置, 运维, 会议, 培训).
        for label in ["合计", "汉阴县医疗保障局"] {
            let row = try XCTUnwrap(sheet.findRow(where: 1, equals: label), label)
            func value(_ column: Int) -> Double { sheet.cell(row: row, column: column)?.number ?? 0 }
            let previous = (2...10).map(value), current = (11...19).map(value), change = (20...28).map(value)
            XCTAssertEqual(previous, [3.1, 0.6, 0, 0.6, 0, 0, 0, 0.5, 2].map { $0 }, accuracy: 1e-9, label)
            XCTAssertEqual(current, [3.5, 1, 0, 1, 0, 0, 0, 0.5, 2], accuracy: 1e-9, label)
            XCTAssertEqual(change, [0.4, 0.4, 0, 0.4, 0, 0, 0, 0, 0], accuracy: 1e-9, label)
        }
        let unitRow = try XCTUnwrap(sheet.findRow(where: 0, equals: "962001"))
        XCTAssertEqual(sheet.cell(row: unitRow, column: 20)?.formula, "L\(unitRow + 1)-C\(unitRow + 1)", "增减 is a formula over the two blocks")
    }

    func notesText() throws -> String {
        let result = Pipeline().check(path: TestSupport.referenceExample)
        return Notes.generate(try XCTUnwrap(result.budget)).markdown()
    }

    func testNotesStateTheReferenceChangesWithTheWrittenReasons() throws {
        let text = try notesText()
        for sentence in [
            "行政运行（2101501）290.94 万元，较上年预算增加 15.14 万元，主要原因是根据中省工资政策当年人员工资增加。",
            "机关事业单位基本养老保险缴费支出（2080505）37.02 万元，较上年预算增加 2 万元，主要原因是当年机关事业单位基本养老保险缴费基数增加。",
            "城乡医疗救助（2101301）80 万元，与上年预算持平。",
            "本部门当年预算收入 1996.62 万元，其中一般公共预算拨款收入 1996.62 万元，较上年预算增加 54.86 万元，主要原因是",
            "“三公”经费预算支出 1 万元，较上年预算增加 0.4 万元（66.67%），主要原因是我县作为安康市三级医保经办服务体系建设示范县",
            "本部门当年一般公共预算会议费预算支出 0.5 万元，与上年预算持平。",
            "本部门无当年政府性基金预算收支，并已公开空表。",
            "当年本部门政府采购预算共 4.2 万元，其中政府采购货物类预算 4.2 万元",
        ] {
            XCTAssertTrue(text.contains(sentence), "missing: \(sentence)")
        }
    }

    func testNotesHaveNoPlaceholders() throws {
        let examples = ["workbooks/hanyin-2024/budget.bud", "workbooks/liaocheng-2025/budget.bud"]
        for example in examples {
            let result = Pipeline().check(path: TestSupport.repoRoot.appendingPathComponent(example).path)
            let text = Notes.generate(try XCTUnwrap(result.budget)).markdown()
            XCTAssertFalse(text.contains("**"), example)
            XCTAssertNil(text.range(of: "[^0-9.]%", options: .regularExpression), "a % without a number in \(example)")
            XCTAssertNil(text.range(of: "主要原因是[。；，]", options: .regularExpression), "an empty reason in \(example)")
            XCTAssertFalse(text.contains("主要原因是\n"), example)
            XCTAssertNil(text.range(of: "  万元"), "an amount is missing in \(example)")
        }
    }

    func testRemovingAReasonGivesADiagnosticAtTheLineAndNoHole() throws {
        let dir = try TestSupport.temporaryDirectory()
        let budget = try TestSupport.copyReferenceExample(into: dir)
        var text = try String(contentsOf: budget, encoding: .utf8)
        let reason = "  2101501 \"根据中省工资政策当年人员工资增加\"\n"
        XCTAssertTrue(text.contains(reason))
        text = text.replacingOccurrences(of: reason, with: "")
        try text.write(to: budget, atomically: true, encoding: .utf8)

        let check = try TestSupport.run(["check", budget.path])
        let lineOfFirst2101501 = text.components(separatedBy: "\n").firstIndex { $0.contains("2101501 30101") }! + 1
        XCTAssertTrue(check.stderr.contains("\(budget.path):\(lineOfFirst2101501):5: warning[change-needs-reason]: 2101501 行政运行 较上年预算增加 15.14 万元"),
                      check.stderr)
        let notes = try TestSupport.run(["notes", budget.path])
        XCTAssertTrue(notes.stdout.contains("行政运行（2101501）290.94 万元，较上年预算增加 15.14 万元。"), "the sentence ends without a reason")
        XCTAssertFalse(notes.stdout.contains("行政运行（2101501）290.94 万元，较上年预算增加 15.14 万元，主要原因是"))

        // A reason only the 说明 needs (the 类 301) is reported by notes-reason, at the first 301 line.
        text = text.replacingOccurrences(of: "  301 \"根据中省工资政策当年的人员工资、机关事业单位基本养老保险缴费、住房公积金财政补助均有增加\"\n", with: "")
        try text.write(to: budget, atomically: true, encoding: .utf8)
        let second = try TestSupport.run(["check", budget.path])
        XCTAssertTrue(second.stderr.contains(":\(lineOfFirst2101501):13: warning[notes-reason]: 预算说明中“工资福利支出（301）”较上年预算增加 22.37 万元"), second.stderr)
    }

    func testWorkbookHasNotesAndThreeCharts() throws {
        let wb = try workbook()
        XCTAssertEqual(wb.sheetNames.suffix(2), ["说明", "图表"])
        let notes = try XCTUnwrap(wb.sheet("说明"))
        XCTAssertTrue(notes.cells.values.contains { $0.string?.contains("较上年预算增加 15.14 万元，主要原因是根据中省工资政策") == true })
        let charts = Self.compiled.entries.filter { $0.hasPrefix("xl/charts/chart") }
        XCTAssertEqual(charts.count, 3, "\(Self.compiled.entries)")
        let data = try XCTUnwrap(wb.sheet("图表"))
        XCTAssertEqual(data.findRow(where: 0, equals: "公务接待").flatMap { data.cell(row: $0, column: 2)?.number }, 1.0)
        XCTAssertEqual(data.findRow(where: 0, equals: "公务接待").flatMap { data.cell(row: $0, column: 1)?.number }, 0.6)
    }

    /// Last year's budget is history read for its amounts: a table-set or empty-table problem there (a
    /// folder since moved, a table left without its 空表理由) must not block this year's comparison.
    func testLastYearsTableProblemsDoNotBlockTheComparison() {
        let last = TestSupport.header.replacingAll("2024", with: "2023") + "报表 \"已删除的套表\"\n"
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30217 公务接待费 1\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30217 公务接待费 3\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        XCTAssertFalse(result.diagnostics.contains { $0.id == "previous-year" || $0.span?.file == "last.bud" }, "\(result.diagnostics.map(\.message))")
        XCTAssertEqual(result.budget?.previous?.budget?.lines.count, 1)
        XCTAssertTrue(result.diagnostics.contains { $0.id == "sangong-growth" }, "the comparison ran")
        // Checked on its own, last year's file still reports its missing table set.
        XCTAssertTrue(TestSupport.check(last).diagnostics.contains { $0.severity == .error && $0.message.contains("已删除的套表") },
                      "\(TestSupport.check(last).diagnostics.map(\.message))")
    }

    func testActualsFileIsReadAndUsed() throws {
        let result = Pipeline().check(path: TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/budget.bud").path)
        let actuals = try XCTUnwrap(result.budget?.previous?.actuals)
        XCTAssertEqual(actuals.year, 2024)
        XCTAssertEqual(actuals.totalSpending, Money(fen: 2_984_790_000), "公开03表 detail rows (the published 合计 2,984.80 has a rounding tail)")
        XCTAssertEqual(actuals.sanGong(.abroad)?.actual, Money(fen: 4_700_000))
        XCTAssertEqual(actuals.quantity(.reception, "批次"), 7)
        XCTAssertEqual(actuals.lines.first { $0.functionCode == "2080501" }?.project, Money(fen: 96_000_000))
        XCTAssertFalse(result.diagnostics.contains { $0.severity != .note }, "\(result.diagnostics)")
    }
}

func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, message, file: file, line: line)
    for (x, y) in zip(a, b) where abs(x - y) > accuracy {
        XCTFail("\(a) != \(b) \(message)", file: file, line: line)
        return
    }
}
