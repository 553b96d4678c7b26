import BudgetCore
import Foundation
import XCTest

/// The publication's amount unit (`MoneyUnit`): 万元 by default, 元 from the set's `金额单位` or the
/// budget's own `公开金额单位`. Workbooks are read back from the written file: cell values, captions,
/// form headers, chart titles and axes, and the 说明 all follow the unit.
final class MoneyUnitTests: XCTestCase {
    static let templates = TableSetTests.templates

    func testTextInEachUnitIsExactAndRoundsOnlyForDisplay() {
        let m = Money(fen: 705_748_618) // 7,057,486.18 元
        XCTAssertEqual(MoneyUnit.yuan.exact(m), "7,057,486.18")
        XCTAssertEqual(MoneyUnit.wanYuan.exact(m), "705.748618")
        XCTAssertEqual(MoneyUnit.wanYuan.text(m), "705.75")
        XCTAssertEqual(MoneyUnit.yuan.text(m, grouping: true), "7,057,486.18")
        XCTAssertEqual(MoneyUnit.yuan.amount(Money(fen: 1_494_600_000)), "14,946,000 元")
        XCTAssertEqual(MoneyUnit.yuan.amount(Money(fen: -150)), "-1.50 元")
        XCTAssertEqual(MoneyUnit.wanYuan.amount(Money(fen: 14_946_000)), "14.946 万元")
        XCTAssertEqual(MoneyUnit.yuan.cellNumber(m), 7_057_486.18)
        XCTAssertEqual(MoneyUnit.wanYuan.cellNumber(m), 705.748618)
        XCTAssertEqual(MoneyUnit.named("万"), .wanYuan)
        XCTAssertNil(MoneyUnit.named("千元"))
    }

    /// Rule messages name amounts in the unit the budget publishes: a 元 budget's imbalance is told in 元.
    func testRuleMessagesSpeakThePublicationsUnit() throws {
        func messages(_ unitLine: String) throws -> [String] {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("budget.bud")
            try """
            部门 901 测试局
            年度 2024
            \(unitLine)
            单位 901001 测试局 行政
            收入
              一般公共预算拨款 120,000元
            基本支出
              公用经费
                2010101 30201 办公费 100,000元
                2010101 30202 印刷费 20,500元 = 20,000元
            """.write(to: path, atomically: true, encoding: .utf8)
            return Pipeline(templates: Self.templates).check(path: path.path).diagnostics.map(\.message)
        }
        let yuan = try messages("公开金额单位 元")
        XCTAssertTrue(yuan.contains("单位 901001 的一般公共预算拨款收支不平衡：收入 120,000 元，支出 120,500 元，相差 -500 元"), "\(yuan)")
        XCTAssertTrue(yuan.contains("写明的金额 20,500 元与公式结果 20,000 元不一致"), "\(yuan)")
        let wan = try messages("")
        XCTAssertTrue(wan.contains("单位 901001 的一般公共预算拨款收支不平衡：收入 12 万元，支出 12.05 万元，相差 -0.05 万元"), "\(wan)")
        XCTAssertTrue(wan.contains("写明的金额 2.05 万元与公式结果 2 万元不一致"), "\(wan)")
    }

    /// The reference budget (hanyin-2024, written in 万元) with one more line, `公开金额单位 元`.
    func compileReference(extra: String, tables: String? = nil, in directory: URL) throws -> (Pipeline.Compiled, XlsxWorkbook) {
        let path = try TestSupport.copyReferenceExample(into: directory)
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\n年度 2024\n", with: "\n年度 2024\n\(extra)\n").write(to: path, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try String(contentsOf: path, encoding: .utf8), text, "the line was added")
        var pipeline = Pipeline(templates: Self.templates)
        pipeline.tableSet = tables
        let output = directory.appendingPathComponent("out.xlsx").path
        let compiled = pipeline.compile(path: path.path, output: output)
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertNotNil(compiled.output, compiled.failure ?? "")
        return (compiled, try XlsxWorkbook(path: output))
    }

    func number(_ sheet: XlsxSheet?, _ labelColumn: Int, _ label: String, _ column: Int) -> Double? {
        guard let sheet, let row = sheet.findRow(where: labelColumn, equals: label) else { return nil }
        return sheet.number(row: row, column: column)
    }

    func testABudgetInWanYuanPublishedInYuan() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (compiled, book) = try compileReference(extra: "公开金额单位 元", in: directory)
        XCTAssertEqual(compiled.result.budget?.budget.displayUnit, .yuan)
        // Exact amounts in 元: 收入总计 1996.62 万元, 表3 合计 1996.62 + 1933.22 (its 卫生健康 column is 1933.22).
        XCTAssertEqual(number(book.sheet("表1"), 0, "收入总计", 1), 19_966_200)
        XCTAssertEqual(number(book.sheet("表1"), 2, "支出总计", 3), 19_966_200)
        XCTAssertEqual(number(book.sheet("表7"), 1, "合计", 2), 3_424_800)
        // Every table's caption names 元; no caption, header or chart of the workbook says 万元.
        for name in book.sheetNames where name.hasPrefix("表") {
            let sheet = try XCTUnwrap(book.sheet(name))
            let texts = sheet.rows().flatMap { sheet.cells(inRow: $0) }.compactMap(\.string)
            XCTAssertTrue(texts.contains { $0.hasSuffix("单位：元") }, "\(name) caption")
            // (The officer's own texts, 绩效指标 such as “≤41万元”, stay as written.)
            XCTAssertEqual(texts.filter { $0.hasSuffix("单位：万元") || $0.contains("（万元）") }, [], name)
        }
        let t14 = try XCTUnwrap(book.sheet("表14"))
        XCTAssertTrue(t14.rows().flatMap { t14.cells(inRow: $0) }.contains { $0.string == "资金金额（元）" }, "表14 header")
        let charts = try XCTUnwrap(book.sheet("图表"))
        XCTAssertEqual(charts.text(row: 1, column: 0), "单位：元")
        let chart = String(decoding: try XCTUnwrap(XlsxPackage.part("xl/charts/chart1.xml", in: directory.appendingPathComponent("out.xlsx").path)), as: UTF8.self)
        XCTAssertTrue(chart.contains("按支出功能分类，元）"), "chart title")
        XCTAssertTrue(chart.contains("<a:t>元</a:t>"), "value axis title")
        XCTAssertFalse(chart.contains("万元"))
        // The 说明: amounts in 元 (grouped, exact), percentages as before.
        let notes = try XCTUnwrap(book.sheet("说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本部门当年预算收入 19,966,200 元"), notes)
        XCTAssertFalse(notes.contains("1996.62"), notes)
        let generated = try XCTUnwrap(compiled.result.notes ?? compiled.result.budget.map { Notes.generate($0) })
        XCTAssertEqual(generated.unit, .yuan)
        XCTAssertTrue(generated.markdown().contains("19,966,200 元"))
    }

    func testTheSetChoosesTheUnitAndTheBudgetMayOverrideIt() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("元套表")
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/陕西"), toPath: folder.path)
        let setFile = folder.appendingPathComponent("套表.tbl")
        try (String(contentsOf: setFile, encoding: .utf8) + "金额单位 元\n").write(to: setFile, atomically: true, encoding: .utf8)

        let inYuan = directory.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: inYuan, withIntermediateDirectories: true)
        let (_, yuanBook) = try compileReference(extra: "", tables: folder.path, in: inYuan)
        XCTAssertEqual(number(yuanBook.sheet("表1"), 0, "收入总计", 1), 19_966_200)
        XCTAssertEqual(yuanBook.sheet("表1")?.cells(inRow: 1).compactMap(\.string).last, "单位：元")

        let overridden = directory.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: overridden, withIntermediateDirectories: true)
        let (_, wanBook) = try compileReference(extra: "公开金额单位 万元", tables: folder.path, in: overridden)
        XCTAssertEqual(number(wanBook.sheet("表1"), 0, "收入总计", 1), 1996.62)
        XCTAssertEqual(wanBook.sheet("表1")?.cells(inRow: 1).compactMap(\.string).last, "单位：万元")
    }

    func testATableCaptionNamingAnotherUnitIsReported() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("s")
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/全国"), toPath: folder.path)
        let table = folder.appendingPathComponent("表02-部门收入总表.tbl")
        let text = try String(contentsOf: table, encoding: .utf8)
        try text.replacingOccurrences(of: "\n表号 ", with: "\n单位说明 \"单位：万元\"\n表号 ").write(to: table, atomically: true, encoding: .utf8)
        var pipeline = Pipeline(templates: Self.templates)
        pipeline.tableSet = folder.path
        let inYuan = pipeline.check(path: TestSupport.repoRoot.appendingPathComponent("workbooks/wuzhou-school-2023/budget.bud").path)
        let warning = try XCTUnwrap(inYuan.diagnostics.first { $0.id == "table-template" && $0.message.contains("单位：万元") })
        XCTAssertEqual(warning.span?.file, table.path)
        XCTAssertTrue(warning.message.contains("表2"), warning.message)
        // Published in 万元 (the reference budget), the same caption is right.
        XCTAssertFalse(pipeline.check(path: TestSupport.referenceExample).diagnostics.contains { $0.id == "table-template" })
    }

    func testTheKeywordIsTypedWithDidYouMean() {
        let misspelt = TestSupport.check(TestSupport.header + "公开金额单元 元\n")
        let unknown = misspelt.diagnostics.first { $0.message.contains("公开金额单元") }
        XCTAssertEqual(unknown?.severity, .error)
        XCTAssertTrue(unknown?.hint?.contains("公开金额单位") == true, "\(String(describing: unknown?.hint))")
        let badUnit = TestSupport.check(TestSupport.header + "公开金额单位 千元\n")
        XCTAssertTrue(badUnit.diagnostics.contains { $0.severity == .error && $0.message.contains("公开金额单位 只能是 万元 或 元") })
        let alias = TestSupport.check(TestSupport.header + "公开单位 元\n")
        XCTAssertEqual(alias.budget?.budget.publicationUnit?.unit, .yuan)
    }

    func testASetWithAnUnknownUnitIsADiagnostic() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/全国"), toPath: directory.appendingPathComponent("s").path)
        let setFile = directory.appendingPathComponent("s/套表.tbl")
        try (String(contentsOf: setFile, encoding: .utf8) + "金额单位 千元\n").write(to: setFile, atomically: true, encoding: .utf8)
        let (set, diagnostics) = TableSetSpec.load(directory.appendingPathComponent("s").path, templates: Self.templates)
        XCTAssertEqual(set.moneyUnit, .wanYuan)
        XCTAssertTrue(diagnostics.contains { $0.message.contains("金额单位 只能是 万元 或 元") && $0.span?.line != nil })
    }

    func testActualsPublishedInYuan() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = TestSupport.repoRoot.appendingPathComponent("workbooks/jinhua-rescue-2021")
        let copy = directory.appendingPathComponent("jinhua")
        try FileManager.default.copyItem(at: source, to: copy)
        let path = copy.appendingPathComponent("actuals-2021.bud")
        let text = try String(contentsOf: path, encoding: .utf8)
        let kindLine = try XCTUnwrap(text.components(separatedBy: "\n").first { $0.hasPrefix("决算 ") })
        try text.replacingOccurrences(of: kindLine + "\n", with: kindLine + "\n公开金额单位 元\n").write(to: path, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.xlsx").path
        let compiled = Pipeline(templates: Self.templates).compile(path: path.path, output: output)
        XCTAssertNotNil(compiled.output, compiled.failure ?? compiled.result.diagnostics.map(\.message).joined(separator: "; "))
        let book = try XlsxWorkbook(path: output)
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        let income = try XCTUnwrap(t1.findRow(where: 0) { $0.replacingOccurrences(of: " ", with: "") == "本年收入合计" })
        XCTAssertEqual(t1.number(row: income, column: 2), 5_190_700)
        XCTAssertTrue(t1.cells(inRow: 1).contains { $0.string?.hasSuffix("单位：元") == true })
        let notes = ActualsNotes.generate(for: try XCTUnwrap(compiled.result.actuals)).markdown()
        XCTAssertTrue(notes.contains("收、支总计均为 5,190,700.00 元。收、支总计较上年增加 321,900.00 元"), notes)
        XCTAssertTrue(notes.contains("增长 8.86%"), notes)
        XCTAssertEqual(notes.components(separatedBy: "\n").filter { $0.contains("万元") && !$0.contains("单价") }, [], "only the equipment threshold stays in 万元")
    }

    func testNotesCommandPrintsThePublicationsUnit() throws {
        let run = try TestSupport.run(["notes", TestSupport.repoRoot.appendingPathComponent("workbooks/wuzhou-school-2023/budget.bud").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("7,057,486.18 元"), run.stdout)
        XCTAssertFalse(run.stdout.contains("705.748618"), run.stdout)
    }
}
