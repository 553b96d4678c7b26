import BudgetCore
import XCTest

/// The national pattern's 说明 states what 人员经费 and 公用经费 consist of (梧州: “人员经费 809961.19 元，主要包括：
/// 基本工资、津贴补贴……住房公积金、委托业务费。公用经费 71339.2 元，主要包括：办公费、工会经费……”). The
/// generated 说明 now says it from the 款 written under each, so a transcriber can compare it with the publication.
final class BasicCompositionTests: XCTestCase {
    func sentence(_ source: String) throws -> String? {
        let result = TestSupport.check(source)
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        let text = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        return text.split(separator: "\n").map(String.init).first { $0.hasPrefix("基本支出中，") }
    }

    func testPersonnelAndPublicUseListTheirItems() throws {
        XCTAssertEqual(try sentence(RuleFixtureTests.clean), "基本支出中，人员经费 50 万元，主要包括：基本工资；公用经费 8 万元，主要包括：办公费。")
        // A 302 款 the publication counts in 人员经费 (编外人员的委托业务费) is listed there, as published; 款 in code order.
        let wuzhou = RuleFixtureTests.clean.replacingOccurrences(of: "    2101501 30101 基本工资 50\n", with: """
            2101501 30102 津贴补贴 10
            2101501 30101 基本工资 40
            2101501 30227 委托业务费 2
              原因 "编外聘用人员的委托业务费，公开稿计入人员经费。"

        """)
        XCTAssertEqual(try sentence(wuzhou), "基本支出中，人员经费 52 万元，主要包括：基本工资、津贴补贴、委托业务费；公用经费 8 万元，主要包括：办公费。")
        // No 公用经费: only 人员经费 is said.
        let personnelOnly = RuleFixtureTests.clean.replacingOccurrences(of: "  公用经费\n    2101501 30201 办公费 8\n", with: "")
        XCTAssertEqual(try sentence(personnelOnly), "基本支出中，人员经费 50 万元，主要包括：基本工资。")
    }
}
