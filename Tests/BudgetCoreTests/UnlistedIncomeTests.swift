import BudgetCore
import Foundation
import XCTest

/// A 决算 whose 说明 lists only some sources of its 收入合计 (“5. 经营收入 0.00；6. 其他收入 0.00”, the first four in
/// a part not published): `未列明 117.06` is the income of the sources not listed. Before, the listed sources could
/// not be written beside the 合计 (they were taken for all the sources: 0 ≠ 117.06), so workbooks/wuzhou-1443-2023
/// left them out. Now 公开01 prints the listed sources, leaves the others blank and has a row of its own for the rest,
/// the 收入合计 adds up, and the 说明 says nothing of the 财政拨款 it does not know.
final class UnlistedIncomeTests: XCTestCase {
    static let actuals = """
    决算 2023
    部门 1443 测试单位
    金额单位 万元
    单位 1443001 测试单位 事业
    收入
      合计 117.06
      经营收入 0
      其他收入 0
      未列明 117.06
    年初结转结余 8.02
    年末结转结余 8.96
    支出
      本年支出合计 116.12
    空表 公开05表 "无"
    空表 公开06表 "无"
    空表 公开09表 "无"

    """

    func testListedSourcesBesideTheTotal() throws {
        let result = TestSupport.checkActuals(Self.actuals)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        // Without 未列明 the listed sources are taken for all of them; the hint says how to write the rest.
        let without = TestSupport.checkActuals(Self.actuals.replacingOccurrences(of: "  未列明 117.06\n", with: ""))
        let parts = try XCTUnwrap(without.diagnostics.first { $0.id == "actuals-parts" && $0.message.hasPrefix("收入合计") }, "\(without.diagnostics)")
        XCTAssertTrue(parts.hint?.contains("未列明") == true, "\(parts)")
        // A wrong rest is a slip.
        let wrong = TestSupport.checkActuals(Self.actuals.replacingOccurrences(of: "未列明 117.06", with: "未列明 110"))
        XCTAssertTrue(wrong.diagnostics.contains { $0.id == "actuals-parts" && $0.message.contains("各来源与未列明") }, "\(wrong.diagnostics)")
    }

    func testTablesAndNotes() throws {
        let t1 = try XCTUnwrap(try TestSupport.compiled(Self.actuals, name: "决算.bud").sheet("公开01表"))
        func income(_ label: String) -> Int? {
            t1.findRow(where: 0) { $0 == label }.flatMap { t1.number(row: $0, column: 2) }.map { Int(($0 * 100).rounded()) }
        }
        XCTAssertNotNil(t1.findRow(where: 0) { $0 == "一、一般公共预算财政拨款收入" })
        // Not listed: blank (the tables print 0 blank too, so the listed 0s look the same).
        XCTAssertNil(income("一、一般公共预算财政拨款收入"))
        XCTAssertNil(income("五、事业收入"))
        XCTAssertEqual(income("未列明来源的收入"), 11706)
        XCTAssertEqual(income("本年收入合计"), 11706)
        let notes = ActualsNotes.generate(for: try XCTUnwrap(TestSupport.checkActuals(Self.actuals).actuals)).markdown()
        XCTAssertTrue(notes.contains("本年收入合计 117.06 万元。其中：未列明来源的收入 117.06 万元"), notes)
        XCTAssertFalse(notes.contains("财政拨款收入 0.00"), notes)
        XCTAssertFalse(notes.contains("没有政府性基金收入"), notes)
    }
}
