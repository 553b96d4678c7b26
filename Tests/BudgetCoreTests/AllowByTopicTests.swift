import BudgetCore
import XCTest

/// `允许 actuals-change-reason "理由"` silenced every 较上年 sentence of a 决算说明 without a reason, though the
/// publication typically leaves only one of them unexplained (workbooks/xundian-tangzijie-2023: the
/// 公务用车运行维护费 one). `允许 actuals-change-reason 话题 "理由"` silences only that topic's sentences.
/// And a one-unit budget (a 单位预算) no longer says “二级预算单位共有 1 个”.
final class AllowByTopicTests: XCTestCase {
    static let last = """
    决算 2023
    部门 707 测试文化馆
    金额单位 万元
    单位 707001 测试文化馆本级 事业
    三公
      合计             预算 10 决算 8
      公务接待         预算 2  决算 1
      公务用车运行维护 预算 8  决算 7

    """

    static let this = """
    决算 2024
    部门 707 测试文化馆
    金额单位 万元
    上年决算 "决算-2023.bud"
    单位 707001 测试文化馆本级 事业
    三公
      合计             预算 10 决算 9
      公务接待         预算 2  决算 2
      公务用车运行维护 预算 8  决算 7

    """

    func changeFindings(_ extra: String) -> [Diagnostic] {
        TestSupport.checkActuals(Self.this + extra, files: ["决算-2023.bud": Self.last]).diagnostics.filter { $0.id == "actuals-change-reason" }
    }

    func testAllowNamesOneTopic() {
        // Two sentences lack a reason: the 三公 total's and 公务接待's.
        XCTAssertEqual(changeFindings("").map(\.severity), [.warning, .warning])
        // Naming 公务接待 turns only its sentence into a note.
        let one = changeFindings("允许 actuals-change-reason 公务接待 \"公开稿没有写公务接待费增加的原因。\"\n")
        XCTAssertEqual(one.filter { $0.severity == .warning }.map(\.message).count, 1)
        XCTAssertTrue(one.first { $0.severity == .warning }?.message.hasPrefix("“三公”经费") == true, "\(one)")
        XCTAssertTrue(one.contains { $0.severity == .note && $0.message.contains("公开稿没有写公务接待费增加的原因") }, "\(one)")
        // The topic may be spelled as the 说明 block spells it (三公经费 = 三公).
        let both = changeFindings("允许 actuals-change-reason 公务接待 \"甲\"\n允许 actuals-change-reason 三公经费 \"乙\"\n")
        XCTAssertEqual(both.map(\.severity), [.note, .note])
        // The old form still covers every sentence.
        XCTAssertEqual(changeFindings("允许 actuals-change-reason \"理由\"\n").map(\.severity), [.note, .note])
    }

    func testAllowByTopicIsCheckedLikeA说明Topic() {
        let unknown = TestSupport.checkActuals(Self.this + "允许 actuals-change-reason 公务招待 \"理由\"\n", files: ["决算-2023.bud": Self.last])
        XCTAssertTrue(unknown.diagnostics.contains { $0.severity == .error && $0.message.contains("公务招待") }, "\(unknown.diagnostics)")
        // Rules whose findings have no topic take no topic.
        let other = TestSupport.check(RuleFixtureTests.clean + "允许 headcount 收入 \"理由\"\n")
        XCTAssertTrue(other.diagnostics.contains { $0.severity == .error && $0.message == "headcount 不能按话题说明" }, "\(other.diagnostics)")
        // The allow rule knows the topic form's rule.
        let known = TestSupport.checkActuals(Self.this + "允许 actuals-change-reason 公务接待 \"理由\"\n", files: ["决算-2023.bud": Self.last])
        XCTAssertFalse(known.diagnostics.contains { $0.id == "allow" }, "\(known.diagnostics)")
    }

    /// The budget's `notes-reason` takes a topic too: `允许 notes-reason 收入 "……"` leaves the 三公 sentence's warning.
    func testNotesReasonByTopic() {
        let source = PreviousTotalsTests.budget.replacingOccurrences(of: "上年预算 收入 60 支出 60", with: "上年预算 收入 60 支出 60 三公 3")
        func warnings(_ extra: String) -> [String] {
            TestSupport.check(source + extra).diagnostics.filter { $0.id == "notes-reason" && $0.severity == .warning }.map(\.message)
        }
        XCTAssertEqual(warnings("").count, 2, "\(warnings(""))")
        let left = warnings("允许 notes-reason 收入 \"公开稿没有写原因。\"\n")
        XCTAssertEqual(left.count, 1)
        XCTAssertTrue(left.first?.contains("“三公”经费") == true, "\(left)")
        XCTAssertEqual(warnings("允许 notes-reason 收入 \"甲\"\n允许 notes-reason 三公 \"乙\"\n"), [])
    }

    /// `budgetc notes` printed the 说明's missing-reason warnings as generated, ignoring `允许 notes-reason`
    /// (broad or by topic) that `check` honours: the same budget warned in one command and not the other.
    func testNotesCommandHonoursAllow() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("budget.bud")
        func stderr(_ extra: String) throws -> String {
            try (PreviousTotalsTests.budget + extra).write(to: path, atomically: true, encoding: .utf8)
            let run = try TestSupport.run(["notes", path.path], in: dir)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("较上年预算增加 8 万元"), run.stdout)
            return run.stderr
        }
        XCTAssertTrue(try stderr("").contains("warning[notes-reason]"))
        XCTAssertFalse(try stderr("允许 notes-reason 收入 \"公开稿没有写原因。\"\n允许 notes-reason 支出 \"同上。\"\n").contains("notes-reason"))
        XCTAssertFalse(try stderr("允许 notes-reason \"公开稿没有写原因。\"\n").contains("notes-reason"))
    }

    func testOneUnitBudgetSaysItsOnlyUnit() throws {
        let one = Notes.generate(try XCTUnwrap(TestSupport.check(RuleFixtureTests.clean).budget)).markdown()
        XCTAssertTrue(one.contains("从预算单位构成看，纳入本部门当年预算编制范围的预算单位只有 1 个：测试局本级（行政单位）。"), one)
        XCTAssertFalse(one.contains("二级预算单位共有 1 个"), one)
        XCTAssertFalse(one.contains("预算单位名单"), one)
        let two = RuleFixtureTests.clean.replacingOccurrences(of: "资产 车辆 0 大型设备 0", with: """
        资产 车辆 0 大型设备 0
        单位 962002 测试中心 事业
          编制 事业 2
        基本支出 962002
          人员经费
            2101501 30101 基本工资 5
        """)
        let text = Notes.generate(try XCTUnwrap(TestSupport.check(two).budget)).markdown()
        XCTAssertTrue(text.contains("纳入本部门当年预算编制范围的二级预算单位共有 2 个，包括："), text)
    }
}
