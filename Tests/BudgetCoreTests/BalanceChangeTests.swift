import BudgetCore
import Foundation
import XCTest

/// Some provinces' 决算说明 give the change of the carry-overs on last year with a reason (梧州：“上年结转和结余
/// 8.02 万元，较 2022 年度决算数增加 0.78 万元，增长 10.8%，主要原因是……”). The `说明` topics `年初结转结余`
/// and `年末结转结余` (also spelled 上年结转和结余, 年初/年末结转和结余) give that sentence; without the topic the
/// 说明 stays as the national pattern has it (no sentence, no warning). Before, there was no such topic.
final class BalanceChangeTests: XCTestCase {
    static let last = """
    决算 2022
    部门 1443 测试单位
    金额单位 万元
    单位 1443001 测试单位 事业
    年初结转结余 7.24
    年末结转结余 8.02

    """

    static let this = """
    决算 2023
    部门 1443 测试单位
    金额单位 万元
    上年决算 "决算-2022.bud"
    单位 1443001 测试单位 事业
    年初结转结余 8.02
    年末结转结余 8.96

    """

    func notes(_ extra: String) throws -> (String, [Diagnostic]) {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.last.write(to: dir.appendingPathComponent("决算-2022.bud"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("决算.bud")
        try (Self.this + extra).write(to: path, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["notes", path.path], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        return (run.stdout, TestSupport.checkActuals(Self.this + extra, files: ["决算-2022.bud": Self.last]).diagnostics)
    }

    func testCarryOverChangesAreSaidWhereTheirReasonIsGiven() throws {
        let (text, diagnostics) = try notes("说明\n  上年结转和结余 \"合理安排了费用的结算\"\n  年末结转结余 \"项目尚未完工\"\n")
        XCTAssertTrue(text.contains("年初结转和结余 8.02 万元，较上年增加 0.78 万元，增长 10.77%，主要原因是合理安排了费用的结算。"), text)
        XCTAssertTrue(text.contains("年末结转和结余 8.96 万元，较上年增加 0.94 万元，增长 11.72%，主要原因是项目尚未完工。"), text)
        XCTAssertFalse(diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        // Without the topics: no such sentence, and nothing to warn about.
        let (plain, plainDiagnostics) = try notes("")
        XCTAssertFalse(plain.contains("结转和结余 8.02 万元，较上年"), plain)
        XCTAssertFalse(plainDiagnostics.contains { $0.id == "actuals-change-reason" && $0.message.contains("结转和结余") }, "\(plainDiagnostics)")
        // Last year's figure 未公开: not compared, even with a reason.
        let unknownLast = Self.last.replacingOccurrences(of: "年末结转结余 8.02", with: "年末结转结余 未公开")
        let result = TestSupport.checkActuals(Self.this + "说明\n  年末结转结余 \"项目尚未完工\"\n", files: ["决算-2022.bud": unknownLast])
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        let generated = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).statements.map(\.subject)
        XCTAssertFalse(generated.contains("年末结转和结余"), "\(generated)")
    }
}
