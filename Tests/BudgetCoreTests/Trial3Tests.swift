import BudgetCore
import Foundation
import XCTest

/// Problems met writing Guangxi (梧州市预决算公开平台) 单位预算 from the docs alone: workbooks/wuzhou-tech-2021
/// (a 科技 事业单位, 元) and the platform's 2023/2024 说明, which count 委托业务费 (编外聘用人员) in 人员经费.
/// Each test failed before its fix.
final class Trial3Tests: XCTestCase {
    static let outsourcedStaff = """
    部门 1284 测试科技事业单位
    年度 2023
    金额单位 元
    公开金额单位 元
    报表 全国
    单位 1284001 测试科技事业单位 事业
      编制 事业 10
    收入
      一般公共预算拨款 = 一般公共预算拨款支出
    基本支出
      人员经费
        2060401 30101 基本工资 716052.51
        2060401 30227 委托业务费 93908.68
          原因 "编外聘用人员的劳务费，公开稿计入人员经费。"
      公用经费
        2060401 30201 办公费 71339.2
    """

    /// The platform's 说明 say “人员经费 809,961.19 元，主要包括：基本工资……住房公积金、委托业务费；公用经费
    /// 71,339.2 元” beside “工资福利支出 716,052.51 元、商品和服务支出 165,247.88 元”: the 委托业务费 of 编外人员
    /// (a 302 款) is counted in 人员经费. `basic-economic-class` was an error that nothing could explain, so the
    /// published 人员经费 could not be written. A 302 line under 人员经费 with its `原因` is now accepted (a note
    /// quoting the reason), and 表6 counts it in the 人员经费 column as the publication does.
    func testA302LineInPersonnelWithItsReasonIsAccepted() throws {
        let result = TestSupport.check(Self.outsourcedStaff)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map { "\($0.id): \($0.message)" }, [])
        let notes = result.diagnostics.filter { $0.id == "basic-economic-class" }
        XCTAssertEqual(notes.map(\.severity), [.note])
        XCTAssertTrue(notes.first?.message.contains("编外聘用人员") ?? false, notes.first?.message ?? "")

        let temporary = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let source = temporary.appendingPathComponent("a.bud")
        try Self.outsourcedStaff.write(to: source, atomically: true, encoding: .utf8)
        let output = temporary.appendingPathComponent("a.xlsx").path
        let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
        XCTAssertNotNil(pipeline.compile(path: source.path, output: output).output)
        let t6 = try XCTUnwrap(XlsxWorkbook(path: output).sheet("表6"))
        // 合计 row: 基本支出 881,300.39 = 人员经费 809,961.19 + 公用经费 71,339.20, the published split.
        let total = try XCTUnwrap(t6.findRow(where: 1) { $0.replacingOccurrences(of: " ", with: "") == "合计" })
        XCTAssertEqual(t6.number(row: total, column: 2).map { Int(($0 * 100).rounded()) }, 88_130_039)
        XCTAssertEqual(t6.number(row: total, column: 3).map { Int(($0 * 100).rounded()) }, 80_996_119)
        XCTAssertEqual(t6.number(row: total, column: 4).map { Int(($0 * 100).rounded()) }, 7_133_920)
    }

    /// Without a reason it stays an error, and the hint says how to explain a published 口径; other classes
    /// (a 310 in 人员经费, a 301 in 公用经费) stay errors even with a reason.
    func testOtherClassesAndUnexplainedLinesStayErrors() {
        let bare = TestSupport.check(Self.outsourcedStaff.replacingOccurrences(
            of: "      原因 \"编外聘用人员的劳务费，公开稿计入人员经费。\"\n", with: ""))
        let errors = bare.diagnostics.filter { $0.id == "basic-economic-class" && $0.severity == .error }
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.hint?.contains("原因") ?? false, errors.first?.hint ?? "")

        let capital = TestSupport.check(Self.outsourcedStaff.replacingOccurrences(of: "30227 委托业务费", with: "31002 办公设备购置"))
        XCTAssertEqual(capital.diagnostics.filter { $0.id == "basic-economic-class" }.map(\.severity), [.error])
        let wages = TestSupport.check(Self.outsourcedStaff.replacingOccurrences(
            of: "2060401 30201 办公费 71339.2", with: "2060401 30102 津贴补贴 71339.2 原因 \"试\""))
        // The explained 30227 stays a note; the 301 in 公用经费 is an error whatever its reason.
        XCTAssertEqual(wages.diagnostics.filter { $0.id == "basic-economic-class" }.map(\.severity), [.note, .error])
    }
}
