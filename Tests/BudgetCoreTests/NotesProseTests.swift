import BudgetCore
import XCTest

/// Sentences of the 说明 that must say only what the budget holds, whatever it lacks.
final class NotesProseTests: XCTestCase {
    static let budget = RuleFixtureTests.clean

    func performanceSentence(_ source: String) throws -> String {
        let result = TestSupport.check(source)
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        let text = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        let lines = text.split(separator: "\n").map(String.init)
        let heading = try XCTUnwrap(lines.firstIndex { $0.contains("绩效目标情况说明") }, text)
        return try XCTUnwrap(lines[(heading + 1)...].first { !$0.isEmpty && !$0.hasPrefix("#") }, text)
    }

    /// 基本支出 is covered by the 部门整体 targets only; a project by its own. The sentence counts and sums
    /// only what is covered, and states no coverage where there is none.
    func testPerformanceCoverageSaysWhatIsCovered() throws {
        // Reference 004's sentence: every project and the department have targets.
        XCTAssertEqual(try performanceSentence(Self.budget),
                       "本部门绩效管理全覆盖，涉及当年一般公共预算拨款 68 万元，政府性基金预算拨款 0 万元，国有资本经营预算拨款 0 万元（详见公开报表中的绩效目标表）。")
        // A second project without targets: the count says so, the amount leaves it out.
        let partial = Self.budget.replacingOccurrences(of: "部门绩效\n", with: "项目 \"无目标项目\"\n  简介 \"其他工作\"\n  2101501 30201 办公费 4\n部门绩效\n")
        XCTAssertEqual(try performanceSentence(partial),
                       "本部门 1 个项目（共 2 个）编报了绩效目标，并编报了部门整体绩效目标，涉及当年一般公共预算拨款 68 万元，政府性基金预算拨款 0 万元，国有资本经营预算拨款 0 万元（详见公开报表中的绩效目标表）。")
        // No 部门绩效: 基本支出 (58) is not covered, the project (10) is.
        let noDepartment = Self.budget.components(separatedBy: "部门绩效\n")[0] + "资产 车辆 0 大型设备 0\n"
        XCTAssertEqual(try performanceSentence(noDepartment),
                       "本部门 1 个项目（共 1 个）编报了绩效目标，涉及当年一般公共预算拨款 10 万元，政府性基金预算拨款 0 万元，国有资本经营预算拨款 0 万元（详见公开报表中的绩效目标表）。")
        // Neither projects nor 部门绩效 (a school's budget of 基本支出 only): no amount is said to be covered.
        let nothing = noDepartment.components(separatedBy: "项目 \"重点工作\"\n")[0] + "资产 车辆 0 大型设备 0\n"
        XCTAssertEqual(try performanceSentence(nothing), "本部门当年没有项目支出，也未编报部门整体绩效目标。")
    }
}

/// 离休 and 离退休 beside 退休: publications state retired staff as 离退休 (often only the total).
final class RetiredStaffTests: XCTestCase {
    func staffSentence(_ lines: String) throws -> (String, [Diagnostic]) {
        let source = RuleFixtureTests.clean.replacingOccurrences(of: "  实有 行政 5\n", with: "  实有 行政 5\n" + lines)
        XCTAssertNotEqual(source, RuleFixtureTests.clean, "the lines were added")
        let result = TestSupport.check(source)
        let text = result.budget.map { Notes.generate($0).markdown() } ?? ""
        let sentence = text.split(separator: "\n").first { $0.hasPrefix("截至上年底") }.map(String.init) ?? ""
        return (sentence, result.diagnostics)
    }

    func testRetiredStaffAsPublished() throws {
        XCTAssertEqual(try staffSentence("  退休 9\n").0, "截至上年底，本部门人员编制 5 人，其中行政编制 5 人；实有人员 5 人，其中行政 5 人。单位管理的退休人员 9 人。")
        XCTAssertEqual(try staffSentence("  离休 1\n  退休 9\n").0, "截至上年底，本部门人员编制 5 人，其中行政编制 5 人；实有人员 5 人，其中行政 5 人。单位管理的离退休人员 10 人，其中离休 1 人、退休 9 人。")
        XCTAssertEqual(try staffSentence("  离退休 50人\n").0, "截至上年底，本部门人员编制 5 人，其中行政编制 5 人；实有人员 5 人，其中行政 5 人。单位管理的离退休人员 50 人。")
        // The total with its parts must add up; a wrong one is an error at the unit, with what to write instead.
        let (_, diagnostics) = try staffSentence("  离退休 12\n  离休 1\n  退休 9\n")
        let error = try XCTUnwrap(diagnostics.first { $0.id == "retired-total" }, "\(diagnostics)")
        XCTAssertEqual(error.severity, .error)
        XCTAssertEqual(error.message, "离退休 12 人与 离休 1 人 + 退休 9 人不符")
        XCTAssertEqual(try staffSentence("  离退休 10\n  离休 1\n  退休 9\n").1.filter { $0.severity == .error }, [])
        XCTAssertEqual(try staffSentence("  离休 一\n").1.first?.id, "bad-number")
    }
}
