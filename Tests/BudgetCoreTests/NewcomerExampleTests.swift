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

    func testGuangxiSchoolBudgetOnTheNationalSetCarriesThePublishedTotals() throws {
        let (result, book) = try Self.compile("wuzhou-school-2023/budget.bud")
        XCTAssertEqual(result.budget?.catalog.edition, 2023)
        let t1 = try XCTUnwrap(book.sheet("表1"), "national 表1 部门收支总表")
        // Published in 元: 一般公共预算拨款 7,034,418.94; 上年结转结余 23,067.24; 总计 7,057,486.18.
        // A cell holds 万元, so 元 × 100 (fen) is the cell × 1,000,000.
        XCTAssertEqual(Self.value(t1, "一、一般公共预算拨款收入", column: 1), 703_441_894)
        XCTAssertEqual(Self.value(t1, "上年结转结余", column: 1), 2_306_724)
        XCTAssertEqual(Self.value(t1, "收入总计", column: 1), 705_748_618)
        XCTAssertEqual(Self.value(t1, "支出总计", labelColumn: 2, column: 3), 705_748_618)
        // The four 类 the publication lists.
        XCTAssertEqual(Self.value(t1, "五、教育支出", labelColumn: 2, column: 3), 580_610_516)
        XCTAssertEqual(Self.value(t1, "八、社会保障和就业支出", labelColumn: 2, column: 3), 55_771_856)
        XCTAssertEqual(Self.value(t1, "十、卫生健康支出", labelColumn: 2, column: 3), 27_537_354)
        let housing = t1.findRow(where: 2) { $0.hasSuffix("住房保障支出") }
        XCTAssertEqual(housing.flatMap { t1.number(row: $0, column: 3) }.map { Int(($0 * 1_000_000).rounded()) }, 41_828_892)
        // 表5 一般公共预算支出表: 初中教育 2,065,405.42 and 高中教育 3,717,632.50, all 基本支出; 合计 7,034,418.94.
        let t5 = try XCTUnwrap(book.sheet("表5"))
        XCTAssertEqual(Self.value(t5, "2050203", column: 2), 206_540_542)
        XCTAssertEqual(Self.value(t5, "2050204", column: 2), 371_763_250)
        XCTAssertEqual(Self.value(t5, "合计", labelColumn: 1, column: 2), 703_441_894)
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
}
