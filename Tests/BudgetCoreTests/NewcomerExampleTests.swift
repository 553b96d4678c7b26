import BudgetCore
import Foundation
import XCTest

/// The examples written from publications of other provinces by reading only the docs
/// (workbooks/wuzhou-school-2023: a Guangxi school's 2023 预算 on the national table set;
/// workbooks/rongchang-renyi-2024: a Chongqing school's 2024 决算 with its 2023 totals).
/// Each is compiled and the written workbook read back: the published totals (copied into the test
/// from the publication, not from budgetc) must appear in the cells, so the examples cannot rot.
final class NewcomerExampleTests: XCTestCase {
    static func compile(_ relative: String) throws -> (Pipeline.Result, XlsxWorkbook) {
        let temporary = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let output = temporary.appendingPathComponent("out.xlsx").path
        let path = TestSupport.repoRoot.appendingPathComponent("workbooks/\(relative)").path
        let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
        let compiled = pipeline.compile(path: path, output: output)
        let errors = compiled.result.diagnostics.filter { $0.severity == .error }.map { "\($0.id): \($0.message)" }
        XCTAssertEqual(errors, [], relative)
        XCTAssertNotNil(compiled.output, "\(relative): \(compiled.failure ?? "")")
        return (compiled.result, try XlsxWorkbook(path: output))
    }

    /// The number in `column` of the row whose `labelColumn` reads `label` (spaces ignored), in 万元 to six decimals.
    static func value(_ sheet: XlsxSheet, _ label: String, labelColumn: Int = 0, column: Int) -> Int? {
        let row = sheet.findRow(where: labelColumn) { $0.replacingOccurrences(of: " ", with: "") == label }
        return row.flatMap { sheet.number(row: $0, column: column) }.map { Int(($0 * 1_000_000).rounded()) }
    }

    /// The number in `column` of the row whose `labelColumn` reads `label`, in 元 to two decimals (fen).
    static func yuan(_ sheet: XlsxSheet, _ label: String, labelColumn: Int = 0, column: Int) -> Int? {
        let row = sheet.findRow(where: labelColumn) { $0.replacingOccurrences(of: " ", with: "") == label }
        return row.flatMap { sheet.number(row: $0, column: column) }.map { Int(($0 * 100).rounded()) }
    }

    func testGuangxiSchoolBudgetOnTheNationalSetCarriesThePublishedTotals() throws {
        let (result, book) = try Self.compile("wuzhou-school-2023/budget.bud")
        XCTAssertEqual(result.budget?.catalog.edition, 2023)
        let t1 = try XCTUnwrap(book.sheet("表1"), "national 表1 部门收支总表")
        // Published in 元 and compiled in 元 (公开金额单位 元): 一般公共预算拨款 7,034,418.94; 上年结转结余 23,067.24;
        // 总计 7,057,486.18 — each cell the published figure exactly (here in fen).
        XCTAssertEqual(Self.yuan(t1, "一、一般公共预算拨款收入", column: 1), 703_441_894)
        XCTAssertEqual(Self.yuan(t1, "上年结转结余", column: 1), 2_306_724)
        XCTAssertEqual(Self.yuan(t1, "收入总计", column: 1), 705_748_618)
        XCTAssertEqual(Self.yuan(t1, "支出总计", labelColumn: 2, column: 3), 705_748_618)
        // The four 类 the publication lists.
        XCTAssertEqual(Self.yuan(t1, "五、教育支出", labelColumn: 2, column: 3), 580_610_516)
        XCTAssertEqual(Self.yuan(t1, "八、社会保障和就业支出", labelColumn: 2, column: 3), 55_771_856)
        XCTAssertEqual(Self.yuan(t1, "十、卫生健康支出", labelColumn: 2, column: 3), 27_537_354)
        let housing = t1.findRow(where: 2) { $0.hasSuffix("住房保障支出") }
        XCTAssertEqual(housing.flatMap { t1.number(row: $0, column: 3) }.map { Int(($0 * 100).rounded()) }, 41_828_892)
        // 表5 一般公共预算支出表: 初中教育 2,065,405.42 and 高中教育 3,717,632.50, all 基本支出; 合计 7,034,418.94.
        let t5 = try XCTUnwrap(book.sheet("表5"))
        XCTAssertEqual(Self.yuan(t5, "2050203", column: 2), 206_540_542)
        XCTAssertEqual(Self.yuan(t5, "2050204", column: 2), 371_763_250)
        XCTAssertEqual(Self.yuan(t5, "合计", labelColumn: 1, column: 2), 703_441_894)
        // Every table says 单位：元 as the publication does, and the 说明 writes its amounts in 元.
        for name in (1...10).map({ "表\($0)" }) {
            let sheet = try XCTUnwrap(book.sheet(name))
            let captions = sheet.cells(inRow: 1).compactMap(\.string)
            XCTAssertTrue(captions.contains { $0.hasSuffix("单位：元") }, "\(name): \(captions)")
            XCTAssertFalse(captions.contains { $0.contains("万元") }, "\(name): \(captions)")
        }
        let notes = try XCTUnwrap(book.sheet("说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本单位当年预算收入 7,057,486.18 元"), notes)
        XCTAssertTrue(notes.contains("本单位当年一般公共预算支出 7,034,418.94 元"), notes)
    }

    func testChongqingSchoolActualsCarryThePublishedTotalsAndChanges() throws {
        let (result, book) = try Self.compile("rongchang-renyi-2024/actuals-2024.bud")
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map { "\($0.id): \($0.message)" }
        XCTAssertEqual(warnings, [])
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        // 收入 and 总计 as printed in the 决算公开说明 (万元).
        XCTAssertEqual(Self.value(t1, "一、一般公共预算财政拨款收入", column: 2), 5_561_350_000)
        XCTAssertEqual(Self.value(t1, "五、事业收入", column: 2), 534_850_000)
        XCTAssertEqual(Self.value(t1, "八、其他收入", column: 2), 53_180_000)
        XCTAssertEqual(Self.value(t1, "本年收入合计", column: 2), 6_149_380_000)
        XCTAssertEqual(Self.value(t1, "年初结转和结余", column: 2), 166_310_000)
        XCTAssertEqual(Self.value(t1, "本年支出合计", labelColumn: 3, column: 5), 6_315_690_000)
        XCTAssertEqual(Self.value(t1, "总计", column: 2), 6_315_690_000)
        XCTAssertEqual(Self.value(t1, "总计", labelColumn: 3, column: 5), 6_315_690_000)
        // The 说明 restates the publication's own sentences, 较上年 from actuals-2023.bud.
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals, "a 决算")).markdown()
        XCTAssertTrue(notes.contains("收、支总计均为 6,315.69 万元"), notes)
        XCTAssertTrue(notes.contains("本年收入合计 6,149.38 万元，较上年减少 1,755.32 万元"), notes)
        XCTAssertTrue(notes.contains("本年支出合计 6,315.69 万元，较上年减少 3,117.38 万元"), notes)
        XCTAssertTrue(notes.contains("事业收入 534.85 万元"), notes)
        // The publication gives only 本年支出合计 (every source): the 说明 must not call it 一般公共预算 spending.
        XCTAssertFalse(notes.contains("一般公共预算财政拨款支出 6,315.69"), notes)
        XCTAssertFalse(notes.contains("财政拨款支出 6,315.69"), notes)
        XCTAssertEqual(Self.value(try XCTUnwrap(book.sheet("公开03表")), "合计", column: 2), 6_315_690_000, "公开03表 合计 of every source")
    }
    func testZhejiangRescueStationActualsCarryThePublishedTotals() throws {
        let (result, book) = try Self.compile("jinhua-rescue-2021/actuals-2021.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning }.map { "\($0.id): \($0.message)" }, [])
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        XCTAssertEqual(Self.value(t1, "一、一般公共预算财政拨款收入", column: 2), 500_120_000)
        XCTAssertEqual(Self.value(t1, "八、其他收入", column: 2), 18_950_000)
        XCTAssertEqual(Self.value(t1, "本年收入合计", column: 2), 519_070_000)
        XCTAssertEqual(Self.value(t1, "本年支出合计", labelColumn: 3, column: 5), 519_070_000)
        let t3 = try XCTUnwrap(book.sheet("公开03表"))
        XCTAssertEqual(Self.value(t3, "合计", column: 2), 519_070_000)
        XCTAssertEqual(Self.value(t3, "合计", column: 3), 401_910_000, "基本支出")
        XCTAssertEqual(Self.value(t3, "合计", column: 4), 117_160_000, "项目支出")
        let t5 = try XCTUnwrap(book.sheet("公开05表"))
        XCTAssertEqual(Self.value(t5, "合计", column: 2), 500_120_000, "财政拨款支出总计, all 一般公共预算")
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("收、支总计均为 519.07 万元。收、支总计较上年增加 32.19 万元"), notes)
        XCTAssertTrue(notes.contains("财政拨款收、支总计较上年增加 40.72 万元，增长 8.86%"), notes)
        XCTAssertTrue(notes.contains("基本支出 401.91 万元，占 77.43%；项目支出 117.16 万元，占 22.57%"), notes)
        XCTAssertTrue(notes.contains("财政拨款收入 500.12 万元，占 96.35%；其他收入 18.95 万元，占 3.65%"), notes)
    }
    /// Second trial: an Anhui 三公 publication (workbooks/chizhou-jiangnan-2024) — its table and the
    /// sentences of its 说明, with 2023 figures from its “比2023年预算减少……”.
    func testAnhuiSanGongBudgetCarriesThePublishedTableAndChanges() throws {
        let (result, book) = try Self.compile("chizhou-jiangnan-2024/budget.bud")
        let t7 = try XCTUnwrap(book.sheet("表7"), "national 表7 “三公”经费支出表")
        // Published (万元): 合计 328.7; 因公出国 10; 公务用车购置及运行费 78.7 (购置 43, 运行 35.7); 公务接待 240.
        let published = [328_700_000, 10_000_000, 78_700_000, 43_000_000, 35_700_000, 240_000_000]
        for (offset, amount) in published.enumerated() {
            XCTAssertEqual(Self.value(t7, "合计", labelColumn: 1, column: 2 + offset), amount, "合计 column \(2 + offset)")
            XCTAssertEqual(Self.value(t7, "皖江江南新兴产业集中区（管委会）", labelColumn: 1, column: 2 + offset), amount, "unit column \(2 + offset)")
        }
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("“三公”经费预算支出 328.7 万元，较上年预算减少 17.3 万元（-5.00%），主要原因是厉行节约，坚持过紧日子"), notes)
        XCTAssertTrue(notes.contains("公务接待费 240 万元，较上年预算减少 10 万元（-4.00%），主要原因是厉行节约，坚持过紧日子，从严控制公务接待支出"), notes)
        XCTAssertTrue(notes.contains("公务用车购置费 43 万元，较上年预算减少 6 万元（-12.24%）"), notes)
        XCTAssertTrue(notes.contains("公务用车运行维护费 35.7 万元，较上年预算减少 1.3 万元（-3.51%），主要原因是落实减碳要求"), notes)
        XCTAssertTrue(notes.contains("当年部门预算安排公务用车购置费 43 万元"), notes)
        // The subtotal the publication states (公务用车购置及运行费 78.7，减少 7.3 万元，下降 8.49%) before its parts.
        XCTAssertTrue(notes.contains("公务用车购置及运行维护费 78.7 万元，较上年预算减少 7.3 万元（-8.49%），其中：公务用车购置费 43 万元"), notes)
        // The publication explains each 三公 part: those reasons cover their 经济款 too.
        XCTAssertFalse(result.diagnostics.contains { $0.id == "change-needs-reason" && $0.message.hasPrefix("30217") })
    }

    /// Second trial: a Ningxia department of three units, one 参公 (workbooks/ningxia-jiguanju-2013).
    func testNingxiaThreeUnitBudgetCarriesThePublishedTotals() throws {
        let (result, book) = try Self.compile("ningxia-jiguanju-2013/budget.bud")
        let t1 = try XCTUnwrap(book.sheet("表1"))
        // 收支总预算 4,471.22 万元.
        XCTAssertEqual(Self.value(t1, "收入总计", column: 1), 4_471_220_000)
        XCTAssertEqual(Self.value(t1, "支出总计", labelColumn: 2, column: 3), 4_471_220_000)
        let t2 = try XCTUnwrap(book.sheet("表2"))
        XCTAssertEqual(Self.value(t2, "合计", labelColumn: 1, column: 2), 4_471_220_000)
        // 含泾河源山庄管理处经费 250 万元，政府机关幼儿园经费 537.31 万元.
        XCTAssertEqual(Self.value(t2, "宁夏回族自治区泾河源山庄管理处", labelColumn: 1, column: 2), 250_000_000)
        XCTAssertEqual(Self.value(t2, "宁夏回族自治区政府机关幼儿园", labelColumn: 1, column: 2), 537_310_000)
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        // 比2012年预算增加755.18万元; 人员编制115人.
        XCTAssertTrue(notes.contains("本部门当年预算收入 4471.22 万元，其中一般公共预算拨款收入 4471.22 万元，较上年预算增加 755.18 万元"), notes)
        XCTAssertTrue(notes.contains("本部门人员编制 115 人，其中参照公务员法管理事业编制 71 人、事业编制 44 人"), notes)
        XCTAssertFalse(notes.contains("实有人员 0 人"), notes)
        XCTAssertEqual(result.budget?.budget.units.first?.type, .civilServiceManaged)
    }
}
