import BudgetCore
import Foundation
import XCTest

/// A 三公 total published with only some parts broken down (“三公经费 10 万元，其中公务用车运行维护费 9 万元”):
/// `三公` block `合计 10`. The rest (1) is 未细分: 表7 prints the published total and the known part, leaves the
/// parts not given blank, the 说明 says only what was published, and the comparisons with last year skip
/// the parts either year does not give. Before, a newcomer had to invent the class of the 1 万元
/// (workbooks/pengshui-wenhuaguan-2025 wrote it as 30217 公务接待费).
final class SanGongUndetailedTests: XCTestCase {
    static func budget(year: Int = 2025, rows: String, sanGong: String, extra: String = "") -> String {
        """
        部门 707 测试文化馆
        年度 \(year)
        金额单位 万元
        报表 全国
        单位 707001 测试文化馆本级 事业
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2070109 30101 基本工资 200
          公用经费
        \(rows)
        三公
        \(sanGong)
        \(extra)
        """
    }

    static let partial = budget(rows: """
            2070109 30201 办公费 50.03
            2070109 30231 公务用车运行维护费 9
        """, sanGong: "  合计 10\n  公务用车 保有 2")

    func notes(_ result: Pipeline.Result) throws -> String {
        Notes.generate(try XCTUnwrap(result.budget)).markdown()
    }

    func findings(_ result: Pipeline.Result, _ id: String) -> [String] {
        result.diagnostics.filter { $0.id == id }.map(\.message)
    }

    func testPublishedTotalWithOnePartIsSaidAsPublished() throws {
        let result = TestSupport.check(Self.partial)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let text = try notes(result)
        XCTAssertTrue(text.contains("本部门当年一般公共预算“三公”经费预算支出 10 万元。其中：公务用车运行维护费 9 万元。"), text)
        // The parts the publication did not give are not said to be 0.
        XCTAssertFalse(text.contains("因公出国（境）经费 0"), text)
        XCTAssertFalse(text.contains("公务接待费 0"), text)
        XCTAssertFalse(text.contains("公务用车购置及运行维护费 9"), text)
        XCTAssertEqual(Aggregates.sanGongTotal(try XCTUnwrap(result.budget)), Money(fen: 10 * Money.fenPerWan))
        // Without 合计 the 1 万元 has no place: the total is the rows' 9.
        let rowsOnly = TestSupport.check(Self.partial.replacingOccurrences(of: "  合计 10\n", with: ""))
        XCTAssertTrue(try notes(rowsOnly).contains("“三公”经费预算支出 9 万元"))
    }

    func testTotalThatDoesNotFitTheRowsIsAnError() throws {
        // Less than the parts written.
        let below = TestSupport.check(Self.partial.replacingOccurrences(of: "合计 10", with: "合计 8"))
        XCTAssertEqual(findings(below, "sangong-total"), ["单位 707001 的“三公”经费合计 8 万元，少于四项的行之和 9 万元"])
        XCTAssertEqual(below.diagnostics.first { $0.id == "sangong-total" }?.severity, .error)
        // All four parts written: nothing is left to be undetailed.
        let four = TestSupport.check(Self.budget(rows: """
                2070109 30201 办公费 46.03
                2070109 30212 因公出国（境）费用 1
                2070109 30217 公务接待费 1
                2070109 30231 公务用车运行维护费 9
            项目 "公务用车更新"
              简介 "更新公务用车"
              2070109 31013 公务用车购置 2
            """, sanGong: "  合计 14"))
        XCTAssertEqual(findings(four, "sangong-total"), ["单位 707001 的“三公”经费合计 14 万元，多于四项之和 13 万元，而四项都已写出"])
        // The rest must lie in the unit's other rows (it is spending too).
        let noRoom = TestSupport.check(Self.budget(rows: "    2070109 30231 公务用车运行维护费 9", sanGong: "  合计 300"))
        XCTAssertEqual(findings(noRoom, "sangong-total").count, 1)
        XCTAssertTrue(findings(noRoom, "sangong-total")[0].contains("未细分 291 万元"), "\(findings(noRoom, "sangong-total"))")
        // Equal to the parts: fine.
        XCTAssertEqual(findings(TestSupport.check(Self.partial.replacingOccurrences(of: "合计 10", with: "合计 9")), "sangong-total"), [])
    }

    /// A count of a part the 合计 does not break out (接待 6 批次, no 30217 row) is no `sangong-quantity` slip:
    /// its money may be in the 未细分 rest. Without the rest it still is.
    func testQuantityOfAnUndetailedPart() {
        let counted = Self.partial.replacingOccurrences(of: "  公务用车 保有 2", with: "  公务用车 保有 2\n  公务接待 批次 6 人次 30")
        XCTAssertEqual(findings(TestSupport.check(counted), "sangong-quantity"), [])
        let noRest = counted.replacingOccurrences(of: "  合计 10\n", with: "")
        XCTAssertEqual(findings(TestSupport.check(noRest), "sangong-quantity").count, 1)
    }

    /// `budgetc fmt` keeps the line and the totals it gives.
    func testFormatterKeepsTheTotal() throws {
        let (file, diagnostics) = Loader.parseData(Data(Self.partial.utf8), path: "x.bud", requestedAt: nil)
        XCTAssertEqual(diagnostics, [])
        let formatted = Formatter().format(try XCTUnwrap(file))
        XCTAssertTrue(formatted.contains("三公\n  合计 10\n"), formatted)
        XCTAssertEqual(Aggregates.sanGongTotal(try XCTUnwrap(TestSupport.check(formatted).budget)), Money(fen: 10 * Money.fenPerWan))
    }

    func testTotalIsWrittenOnceWithAnAmount() {
        let twice = TestSupport.check(Self.partial.replacingOccurrences(of: "  合计 10\n", with: "  合计 10\n  合计 10\n"))
        XCTAssertTrue(twice.diagnostics.contains { $0.id == "duplicate" && $0.message.contains("合计") }, "\(twice.diagnostics)")
        let bare = TestSupport.check(Self.partial.replacingOccurrences(of: "  合计 10\n", with: "  合计\n"))
        XCTAssertTrue(bare.diagnostics.contains { $0.id == "missing-amount" }, "\(bare.diagnostics)")
    }

    /// Last year published only the total (三公 与上年一致): the total is compared, the part is not.
    func testComparisonWithLastYearsTotalOnly() throws {
        let last = Self.budget(year: 2024, rows: "    2070109 30201 办公费 59.03", sanGong: "  合计 10")
        let this = Self.partial.replacingOccurrences(of: "报表 全国", with: "报表 全国\n上年预算 \"last.bud\"")
            + "\n允许 headcount \"测试\"\n说明\n  公务用车运行维护 \"车辆老旧，维修费用高\"\n  30201 \"运行维护费单列\"\n"
        let result = TestSupport.check(this, files: ["last.bud": last])
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let text = try notes(result)
        XCTAssertTrue(text.contains("“三公”经费预算支出 10 万元，与上年预算持平"), text)
        // Last year's 30231 is unknown: no “较上年增加 9 万元”.
        XCTAssertFalse(text.contains("公务用车运行维护费 9 万元，较上年"), text)
        // A rise of the total is still caught.
        let rise = TestSupport.check(this.replacingOccurrences(of: "合计 10", with: "合计 12").replacingOccurrences(of: "办公费 50.03", with: "办公费 48.03"),
                                     files: ["last.bud": last])
        XCTAssertEqual(findings(rise, "sangong-growth").count, 1, "\(rise.diagnostics)")
        // Both years break the part out: a rise of it is caught.
        let lastWithPart = Self.budget(year: 2024, rows: "    2070109 30201 办公费 51.03\n    2070109 30231 公务用车运行维护费 8", sanGong: "  合计 10")
        let partRise = TestSupport.check(this.replacingOccurrences(of: "  公务用车运行维护 \"车辆老旧，维修费用高\"\n", with: ""), files: ["last.bud": lastWithPart])
        XCTAssertEqual(findings(partRise, "sangong-growth").count, 1, "\(partRise.diagnostics)")
        XCTAssertTrue(findings(partRise, "sangong-growth")[0].contains("公务用车运行维护费"), "\(partRise.diagnostics)")
    }

    /// 表7 read back from the written workbook: the published total, the known part, blanks for the rest.
    func testNationalSanGongTablePrintsThePublishedTotalAndLeavesUnknownPartsBlank() throws {
        let book = try TestSupport.compiled(Self.partial)
        // The 图表's 三公 chart has the 未细分 rest as a category of its own.
        let charts = try XCTUnwrap(book.sheet("图表"))
        let rest = try XCTUnwrap(charts.findRow(where: 0) { $0 == "未细分" }, "未细分 row on 图表")
        XCTAssertEqual(charts.number(row: rest, column: 2), 1)
        let t7 = try XCTUnwrap(book.sheet("表7"))
        let value = NewcomerExampleTests.value
        for label in ["合计", "测试文化馆本级"] {
            // 单位编码, 单位名称 (the label), 合计, 因公出国, 小计, 购置, 运行, 接待.
            let labelColumn = 1
            XCTAssertEqual(value(t7, label, labelColumn, 2), 10_000_000, label)
            XCTAssertNil(value(t7, label, labelColumn, 3), "\(label) 因公出国 is not given")
            XCTAssertNil(value(t7, label, labelColumn, 4), "\(label) 公务用车 小计 is not given")
            XCTAssertNil(value(t7, label, labelColumn, 5), "\(label) 公务用车购置费 is not given")
            XCTAssertEqual(value(t7, label, labelColumn, 6), 9_000_000, label)
            XCTAssertNil(value(t7, label, labelColumn, 7), "\(label) 公务接待费 is not given")
        }
    }

    /// 陕西 表13 (上年, 当年, 增减): the 三公 小计 of each year is its published total; parts unknown in a year stay blank.
    func testShaanxiTable13ComparesThePublishedTotals() throws {
        let last = Self.budget(year: 2024, rows: "    2070109 30201 办公费 59.03", sanGong: "  合计 10")
            .replacingOccurrences(of: "报表 全国\n", with: "")
        let this = Self.partial.replacingOccurrences(of: "报表 全国", with: "上年预算 \"last.bud\"\n保密审查 已审查\n负责人审签 已审签")
        let t13 = try XCTUnwrap(try TestSupport.compiled(this, files: ["last.bud": last]).sheet("表13"))
        let row = try XCTUnwrap(t13.findRow(where: 1) { $0 == "测试文化馆本级" })
        func cell(_ c: Int) -> Int? { t13.number(row: row, column: c).map { Int(($0 * 100).rounded()) } }
        // 上年: 合计 10, 小计 10, parts blank.
        XCTAssertEqual(cell(2), 1000)
        XCTAssertEqual(cell(3), 1000)
        for c in 4...8 { XCTAssertNil(cell(c), "上年 column \(c)") }
        // 当年: 合计 10, 小计 10, 出国/接待/用车小计/购置 blank, 运行维护 9.
        XCTAssertEqual(cell(11), 1000)
        XCTAssertEqual(cell(12), 1000)
        for c in [13, 14, 15, 16] { XCTAssertNil(cell(c), "当年 column \(c)") }
        XCTAssertEqual(cell(17), 900)
        // 增减: the totals compare (0); the parts do not.
        XCTAssertEqual(cell(20), 0)
        XCTAssertEqual(cell(21), 0)
        for c in 22...26 { XCTAssertNil(cell(c), "增减 column \(c)") }
    }

    // MARK: - 决算

    static let actuals2024 = """
    决算 2024
    部门 707 测试文化馆
    金额单位 万元
    单位 707001 测试文化馆本级 事业
    三公
      合计             预算 10 决算 9.5
      公务用车运行维护 预算 9  决算 8.5 保有 2
      未细分           预算 1  决算 1

    """

    /// A 决算's 三公 with a 合计, one part and `未细分` (the rest the publication does not break down): the
    /// 合计 adds up (`actuals-sangong-parts` counts 未细分 as a part); 公开09 prints the totals and the part, the
    /// other parts blank, not 0; the 说明 numbers the parts it states. Without `未细分` the gap is still a slip.
    func testActualsTotalWithOnePart() throws {
        let result = TestSupport.checkActuals(Self.actuals2024)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.message), [])
        let slip = TestSupport.checkActuals(Self.actuals2024.replacingOccurrences(of: "  未细分           预算 1  决算 1\n", with: ""))
        XCTAssertEqual(findings(slip, "actuals-sangong-parts").count, 2, "\(slip.diagnostics)")
        let wrong = TestSupport.checkActuals(Self.actuals2024.replacingOccurrences(of: "决算 9.5", with: "决算 8"))
        XCTAssertEqual(findings(wrong, "actuals-sangong-parts").count, 1, "\(wrong.diagnostics)")

        let t9 = try XCTUnwrap(try TestSupport.compiled(Self.actuals2024, name: "决算.bud").sheet("公开09表"))
        let row = try XCTUnwrap((0..<40).first { t9.number(row: $0, column: 0) != nil && t9.number(row: $0, column: 0)! > 1 }, "the figures row")
        func cell(_ c: Int) -> Int? { t9.number(row: row, column: c).map { Int(($0 * 100).rounded()) } }
        XCTAssertEqual(cell(0), 1000)
        XCTAssertEqual(cell(4), 900)
        XCTAssertEqual(cell(6), 950)
        XCTAssertEqual(cell(10), 850)
        for c in [1, 2, 3, 5, 7, 8, 9, 11] { XCTAssertNil(cell(c), "公开09 column \(c)") }
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("1、公务用车运行维护费支出决算 8.50 万元"), notes)
        XCTAssertFalse(notes.contains("因公出国（境）费支出决算"), notes)
    }

    /// Next year's budget against that 决算: totals compare, the unknown parts do not; 表13's 上年 合计 is the published 10.
    func testBudgetAgainstActualsWithUndetailedRest() throws {
        let this = Self.partial.replacingOccurrences(of: "报表 全国", with: "上年决算 \"决算-2024.bud\"\n保密审查 已审查\n负责人审签 已审签")
        let result = TestSupport.check(this, files: ["决算-2024.bud": Self.actuals2024])
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(findings(result, "sangong-growth"), [])
        let text = try notes(result)
        XCTAssertTrue(text.contains("“三公”经费预算支出 10 万元，与上年预算持平"), text)
        XCTAssertTrue(text.contains("公务用车运行维护费 9 万元，与上年预算相同"), text)
        XCTAssertFalse(text.contains("因公出国（境）经费"), text)

        let t13 = try XCTUnwrap(try TestSupport.compiled(this, files: ["决算-2024.bud": Self.actuals2024]).sheet("表13"))
        let row = try XCTUnwrap(t13.findRow(where: 1) { $0 == "合计" })
        func cell(_ c: Int) -> Int? { t13.number(row: row, column: c).map { Int(($0 * 100).rounded()) } }
        XCTAssertEqual(cell(3), 1000, "上年 三公 小计")
        XCTAssertNil(cell(4), "上年 因公出国")
        XCTAssertEqual(cell(8), 900, "上年 公务用车运行维护")
        XCTAssertEqual(cell(12), 1000, "当年 三公 小计")
        XCTAssertEqual(cell(21), 0, "增减 三公 小计")
    }

    /// Against a 决算 whose 三公 合计 is `未公开` (only one part known), 表13's 上年 三公 小计 and the parts not
    /// written are unknown: blank, with the 增减 that needs them, not the known part's sum and 0s.
    func testTable13AgainstActualsWithUnpublishedTotal() throws {
        let actuals = Self.actuals2024.replacingOccurrences(of: "  合计             预算 10 决算 9.5\n", with: "  合计 未公开\n")
            .replacingOccurrences(of: "  未细分           预算 1  决算 1\n", with: "")
        XCTAssertEqual(TestSupport.checkActuals(actuals).diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let this = Self.partial.replacingOccurrences(of: "报表 全国", with: "上年决算 \"决算-2024.bud\"\n保密审查 已审查\n负责人审签 已审签")
        let t13 = try XCTUnwrap(try TestSupport.compiled(this, files: ["决算-2024.bud": actuals]).sheet("表13"))
        let row = try XCTUnwrap(t13.findRow(where: 1) { $0 == "合计" })
        func cell(_ c: Int) -> Int? { t13.number(row: row, column: c).map { Int(($0 * 100).rounded()) } }
        XCTAssertNil(cell(3), "上年 三公 小计")
        XCTAssertNil(cell(4), "上年 因公出国")
        XCTAssertEqual(cell(8), 900, "上年 公务用车运行维护")
        XCTAssertEqual(cell(12), 1000, "当年 三公 小计")
        XCTAssertNil(cell(21), "增减 三公 小计")
    }
}
