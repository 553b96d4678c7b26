import BudgetCore
import Foundation
import XCTest

/// Problems met writing real publications of a province not seen before (四川) from the docs alone:
/// workbooks/daying-wenlv-2022 (a 县文化广电旅游局's 2022 单位决算 known from its 说明's totals) and
/// workbooks/jingyan-mata-2023 (a township's 部门预算项目绩效目标表). Each test failed before its fix.
final class Trial5Tests: XCTestCase {
    static let running2021 = """
    决算 2021
    部门 510923 测试局
    单位 510923001 测试局 行政
    机关运行经费 359.23
    """

    /// The 说明 compares 机关运行经费 with last year's (“机关运行经费支出73.73万元，比2021年减少285.5万元，
    /// 下降79.47%。主要原因……”); before, with last year's 决算 named, it said only “支出 73.73 万元。”.
    func testRunningCostIsComparedWithLastYearsActuals() throws {
        let result = TestSupport.checkActuals("""
        决算 2022
        部门 510923 测试局
        上年决算 "上年.bud"
        单位 510923001 测试局 行政
        机关运行经费 73.73
        说明
          机关运行经费 "一是天府旅游名县创建工作已完成，公用经费支出减少；二是压缩了机关运行开支"
        """, files: ["上年.bud": Self.running2021])
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("2022年度本部门机关运行经费支出 73.73 万元，较上年减少 285.50 万元，下降 79.48%，"
            + "主要原因：一是天府旅游名县创建工作已完成，公用经费支出减少；二是压缩了机关运行开支。"), notes)
    }

    /// Without its reason the change is reported at the 决算's line like every other 较上年 sentence.
    func testRunningCostChangeWithoutAReasonIsReported() throws {
        let result = TestSupport.checkActuals("""
        决算 2022
        部门 510923 测试局
        上年决算 "上年.bud"
        单位 510923001 测试局 行政
        机关运行经费 73.73 年初预算 80
        """, files: ["上年.bud": Self.running2021])
        let warnings = result.diagnostics.filter { $0.severity != .note }
        XCTAssertEqual(warnings.map(\.id), ["actuals-change-reason"], "\(warnings.map(\.message))")
        XCTAssertEqual(warnings.first?.hint, "在 说明 块中写：机关运行经费 \"原因……\"")
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("2022年度本部门机关运行经费支出 73.73 万元，比年初预算数减少 6.27 万元，较上年减少 285.50 万元，下降 79.48%。"), notes)
    }

    // MARK: - The examples, compiled by the binary and read back

    /// Runs `budgetc compile` on a workbooks/ example and opens what it wrote.
    static func compiled(_ relative: String) throws -> (TestSupport.Run, XlsxWorkbook) {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.xlsx").path
        let path = TestSupport.repoRoot.appendingPathComponent("workbooks/\(relative)").path
        let run = try TestSupport.run(["compile", path, "-o", output])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        return (run, try XlsxWorkbook(path: output))
    }

    /// workbooks/daying-wenlv-2022: the totals of the 说明 read back from 公开01, 03, 09 and the 决算说明.
    func testSichuanBureauActualsCarryThePublishedTotals() throws {
        let (run, book) = try Self.compiled("daying-wenlv-2022/actuals-2022.bud")
        XCTAssertTrue((run.stdout + run.stderr).contains("0 errors, 0 warnings"), run.stdout + run.stderr)
        let value = NewcomerExampleTests.value
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        XCTAssertEqual(value(t1, "一、一般公共预算财政拨款收入", 0, 2), 3_859_160_000)
        XCTAssertEqual(value(t1, "八、其他收入", 0, 2), 266_330_000)
        XCTAssertEqual(value(t1, "本年收入合计", 0, 2), 4_125_490_000)
        XCTAssertEqual(value(t1, "本年支出合计", 3, 5), 4_143_910_000)
        XCTAssertEqual(value(t1, "年初结转和结余", 0, 2), nil, "未公开: blank")
        XCTAssertEqual(value(t1, "总计", 0, 2), nil, "未公开: blank")
        let t3 = try XCTUnwrap(book.sheet("公开03表"))
        XCTAssertEqual(value(t3, "合计", 0, 2), 4_143_910_000)
        XCTAssertEqual(value(t3, "合计", 0, 3), 1_140_270_000)
        XCTAssertEqual(value(t3, "合计", 0, 4), 3_003_640_000)
        let t9 = try XCTUnwrap(book.sheet("公开09表"))
        let numbering = try XCTUnwrap(t9.cells(inColumn: 11).first { $0.number == 12 }?.row)
        XCTAssertEqual(t9.number(row: numbering + 1, column: 11).map { Int(($0 * 100).rounded()) }, 780, "决算 公务接待费")
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本年收入合计 4,125.49 万元，较上年减少 1,267.86 万元，下降 23.51%，主要原因是天府旅游名县创建工作完成，项目收入减少。"
            + "其中：财政拨款收入 3,859.16 万元，占 93.54%；其他收入 266.33 万元，占 6.46%。"), notes)
        XCTAssertTrue(notes.contains("本年支出合计 4,143.91 万元，较上年减少 2,570.97 万元"), notes)
        XCTAssertTrue(notes.contains("其中：基本支出 1,140.27 万元，占 27.52%；项目支出 3,003.64 万元，占 72.48%。"), notes)
        XCTAssertTrue(notes.contains("公务接待费支出决算 7.80 万元，预算 7.80 万元，完成预算的 100.00%。决算数较上年减少 1.24 万元"), notes)
        XCTAssertTrue(notes.contains("国内公务接待 16 批次，800 人次。"), notes)
        XCTAssertTrue(notes.contains("机关运行经费支出 73.73 万元，较上年减少 285.50 万元，下降 79.48%"), notes)
        XCTAssertTrue(notes.contains("政府采购支出总额 709.65 万元，其中：政府采购货物支出 0.00 万元、政府采购工程支出 39.00 万元、政府采购服务支出 670.65 万元。"), notes)
        XCTAssertFalse(notes.contains("收、支总计"), "the publication's two 总计 are its 本年 totals; the carry-overs are 未公开\n" + notes)
    }

    /// workbooks/jingyan-mata-2023: the two projects of the 项目绩效目标表, in 元, read back from 表1, 表10 and
    /// the table the example's own set adds (表11 部门预算项目绩效目标表).
    func testSichuanTownshipProjectTargetsCarryThePublishedFigures() throws {
        let (run, book) = try Self.compiled("jingyan-mata-2023/budget.bud")
        XCTAssertTrue((run.stdout + run.stderr).contains("0 errors, 0 warnings"), run.stdout + run.stderr)
        let yuan = NewcomerExampleTests.yuan
        let t1 = try XCTUnwrap(book.sheet("表1"))
        XCTAssertEqual(yuan(t1, "一、一般公共预算拨款收入", 0, 1), 396_984_000)
        let t10 = try XCTUnwrap(book.sheet("表10"))
        XCTAssertEqual(yuan(t10, "村组干部报酬", 1, 2), 330_984_000)
        XCTAssertEqual(yuan(t10, "基层组织活动经费", 1, 2), 66_000_000)
        let t11 = try XCTUnwrap(book.sheet("表11"))
        let contents = try XCTUnwrap(book.sheet("目录"))
        XCTAssertEqual(contents.findRow(where: 0, equals: "表11").flatMap { contents.text(row: $0, column: 1) }, "2023年部门预算项目绩效目标表")
        for (content, value) in [("村组干部230人", "≥230个"), ("维护社会稳定", "≥95%"), ("维持时效", "≥1年"), ("行政村数量", "=11个"),
                                 ("辖区内群众满意度", "≥95%")] {
            let row = try XCTUnwrap(t11.findRow(where: 3, equals: content), content)
            XCTAssertEqual(t11.text(row: row, column: 4), value, content)
        }
    }
}
