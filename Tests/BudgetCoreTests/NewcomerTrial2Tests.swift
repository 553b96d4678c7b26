import BudgetCore
import Foundation
import XCTest

/// Problems met writing two more real publications from the docs alone (workbooks/tianshui-kindergarten-2017:
/// a Gansu kindergarten's 2017 决算 with 事业收入, 政府性基金 and 年初结转; workbooks/pengshui-wenhuaguan-2025:
/// a Chongqing 事业单位's 2025 预算 with 三公 and “运行经费”). Each test failed before its fix.
final class NewcomerTrial2Tests: XCTestCase {
    /// A 决算说明 gives 一般公共预算财政拨款支出 only as its total (公开05 `合计`) and the other sources'
    /// spending as 项 lines with `来源`: `本年支出合计` must be checked against 合计 + those lines, as
    /// `actuals-balance` does — not against the other sources' lines alone (it warned “之和 200.81，相差 1741.76”).
    func testAllSourceTotalCountsThePublishedGeneralBudgetTotal() throws {
        let text = """
        决算 2017
        部门 1 测试幼儿园
        单位 1 测试幼儿园 事业
        收入
          一般公共预算财政拨款收入 1486.64
          政府性基金预算财政拨款收入 30
          事业收入 170.81
        年初结转结余
          一般公共预算拨款 255.11
        年末结转结余 0
        支出
          本年支出合计 1942.56 基本 1121.09 项目 821.47
          合计 1741.75
          205 教育支出 1595.95
          未分类 145.80
          2296004 用于教育事业的彩票公益金支出 30 来源 政府性基金
          2050201 学前教育 170.81 来源 事业收入
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        // A real difference is still reported, against 合计 + the other sources' lines.
        let wrong = TestSupport.checkActuals(text.replacingOccurrences(of: "本年支出合计 1942.56 基本 1121.09 项目 821.47",
                                                      with: "本年支出合计 1952.56 基本 1121.09 项目 831.47"))
        let parts = wrong.diagnostics.filter { $0.id == "actuals-parts" }.map(\.message)
        XCTAssertTrue(parts.contains { $0.hasPrefix("本年支出合计 1952.56 万元") && $0.contains("1942.56") }, parts.joined(separator: "\n"))
    }

    /// A 事业单位's budget (no 行政 or 参公 unit) has no 机关运行经费: the 说明 said “机关运行经费预算安排 0 万元”
    /// next to 59.03 万元 of 公用经费 and a 名词解释 calling 机关运行经费 “各部门的公用经费”. It now says why there is
    /// none, and the 名词解释 gives the national definition (行政单位 and 参公 only).
    func testAnInstitutionOnlyBudgetSaysItHasNoRunningCost() throws {
        let text = """
        部门 707 测试文化馆
        年度 2025
        报表 全国
        单位 707001 测试文化馆 事业
          编制 事业 18
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2070109 30101 基本工资 227.82
          公用经费
            2070109 30201 办公费 59.03
        """
        let result = TestSupport.check(text)
        let notes = try XCTUnwrap(result.budget.map { Notes.generate($0).markdown() })
        XCTAssertFalse(notes.contains("机关运行经费预算安排 0 万元"), notes)
        XCTAssertTrue(notes.contains("本部门所属预算单位均为事业单位，没有机关运行经费。"), notes)
        XCTAssertFalse(notes.contains("指各部门的公用经费"), notes)
        XCTAssertTrue(notes.contains("机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行"), notes)
        // A department with a 行政 unit keeps its sentence.
        let office = TestSupport.check(text.replacingOccurrences(of: "测试文化馆 事业", with: "测试文化馆 行政")
                                           .replacingOccurrences(of: "编制 事业 18", with: "编制 行政 18"))
        let officeNotes = try XCTUnwrap(office.budget.map { Notes.generate($0).markdown() })
        XCTAssertTrue(officeNotes.contains("本部门当年机关运行经费预算安排 59.03 万元"), officeNotes)
    }

    /// “完成年初预算100%，决算数大于预算数55.93万元，主要原因：……”: the reason of the 一般公共预算 total's
    /// completion, written as `原因` on the `合计` row, was read and dropped; and `原因` on a line of its own under a
    /// 支出 row (as budgets write it) was “这里应是支出行” with no word on where 原因 goes.
    func testTheTotalRowsReasonExplainsItsCompletion() throws {
        let text = """
        决算 2017
        部门 1 测试幼儿园
        单位 1 测试幼儿园 事业
        收入
          一般公共预算财政拨款收入 1741.75
        支出
          合计 1741.75 年初预算 1685.82 原因 "职工工资调标，增加学前教育免保教费资金补助"
          205 教育支出 1741.75
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("完成年初预算的 103.32%。决算数大于年初预算数的主要原因是职工工资调标，增加学前教育免保教费资金补助。"), notes)
        let placeholder = TestSupport.checkActuals(text.replacingOccurrences(of: "职工工资调标，增加学前教育免保教费资金补助", with: "待补"))
        XCTAssertEqual(placeholder.diagnostics.filter { $0.id == "actuals-placeholder" }.count, 1)
        // 原因 on its own line: the error says where it belongs.
        let own = TestSupport.checkActuals(text.replacingOccurrences(of: " 原因 \"职工工资调标，增加学前教育免保教费资金补助\"", with: "\n    原因 \"职工工资调标\""))
        let errors = own.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1, own.diagnostics.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(errors.first?.hint?.contains("写在支出行的末尾") ?? false, errors.first?.hint ?? "")
    }

    /// tianshui's 2016 决算 as its 2017 说明 lets it be rebuilt: two figures known, every other total `未公开`.
    static let unpublished2016 = """
        决算 2016
        部门 405 测试幼儿园
        单位 405001 测试幼儿园 事业
        收入
          财政拨款收入 1575.13
          合计 未公开
        年初结转结余 未公开
        年末结转结余 未公开
        支出
          合计 1795.45
          本年支出合计 未公开
        """

    /// A 决算说明 gives last year only as changes of a few totals (“财政拨款收入……与上年相比减少58.49万元”,
    /// “一般公共预算财政拨款支出……较上年减少53.7万元”). Last year's 决算 written with just those figures made every
    /// other 较上年 sentence false (its 财政拨款收入 taken as all its income, no carry-over as a zero one).
    /// `未公开` in place of an amount says a total is not known: no sentence compares with it, and the
    /// 财政拨款 sentence compares 财政拨款收入 when last year's carry-over is unknown.
    func testLastYearsUnpublishedTotalsAreNotCompared() throws {
        let last = Self.unpublished2016
        let lastResult = TestSupport.checkActuals(last)
        XCTAssertEqual(lastResult.diagnostics.map { "\($0.id): \($0.message)" }, [], "nothing to balance: the totals are unknown")
        // Its own 说明 states no share of the unknown 本年支出合计 (it said “占本年支出合计的 100.00%”).
        let lastNotes = ActualsNotes.generate(for: try XCTUnwrap(lastResult.actuals)).markdown()
        XCTAssertTrue(lastNotes.contains("2016年度一般公共预算财政拨款支出 1,795.45 万元。"), lastNotes)
        XCTAssertFalse(lastNotes.contains("占本年支出合计"), lastNotes)
        let this = """
        决算 2017
        部门 405 测试幼儿园
        上年决算 "上年.bud"
        单位 405001 测试幼儿园 事业
        收入
          一般公共预算财政拨款收入 1486.64
          政府性基金预算财政拨款收入 30
          事业收入 170.81
        年初结转结余
          一般公共预算拨款 255.11
        年末结转结余 0
        支出
          本年支出合计 1942.56
          合计 1741.75
          205 教育支出 1595.95
          未分类 145.80
          2296004 用于教育事业的彩票公益金支出 30 来源 政府性基金
          2050201 学前教育 170.81 来源 事业收入
        说明
          收入 "学前教育免保教费资金补助减少"
          支出 "职工人数减少"
        """
        let result = TestSupport.check(this, files: ["上年.bud": last], rootPath: "决算.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertFalse(notes.contains("收、支总计较上年"), notes)
        XCTAssertFalse(notes.contains("本年收入合计 1,687.45 万元，较上年"), notes)
        XCTAssertFalse(notes.contains("本年支出合计 1,942.56 万元，较上年"), notes)
        XCTAssertFalse(notes.contains("财政拨款收、支总计较上年"), notes)
        XCTAssertTrue(notes.contains("财政拨款收入较上年减少 58.49 万元，下降 3.71%，主要原因是学前教育免保教费资金补助减少。"), notes)
        XCTAssertTrue(notes.contains("一般公共预算财政拨款支出 1,741.75 万元，占本年支出合计的 89.66%，较上年减少 53.70 万元，下降 2.99%，主要原因是职工人数减少。"), notes)
        // A budget naming that 决算 as 上年决算 does not compare its 预算收入 / 预算支出 with the unknown totals.
        let budget = """
        部门 405 测试幼儿园
        年度 2017
        上年决算 "上年.bud"
        单位 405001 测试幼儿园 事业
          编制 事业 71
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2050201 30101 基本工资 1500
        """
        let budgetResult = TestSupport.check(budget, files: ["上年.bud": last])
        let budgetNotes = try XCTUnwrap(budgetResult.budget.map { Notes.generate($0).markdown() })
        XCTAssertTrue(budgetNotes.contains("本部门当年预算收入 1500 万元"), budgetNotes)
        XCTAssertFalse(budgetNotes.contains("本部门当年预算收入 1500 万元，其中一般公共预算拨款收入 1500 万元，较上年决算"), budgetNotes)
        XCTAssertFalse(budgetNotes.contains("本部门当年预算支出 1500 万元，其中一般公共预算拨款支出 1500 万元，较上年决算"), budgetNotes)
        XCTAssertTrue(budgetNotes.contains("本部门当年财政拨款收入 1500 万元，其中一般公共预算拨款收入 1500 万元，较上年决算减少 75.13 万元"), budgetNotes)
        // 未公开 is only for totals: a source's amount must be a number.
        let wrong = TestSupport.checkActuals(last.replacingOccurrences(of: "财政拨款收入 1575.13", with: "财政拨款收入 未公开"))
        XCTAssertTrue(wrong.diagnostics.contains { $0.severity == .error }, wrong.diagnostics.map(\.message).joined(separator: "\n"))
    }

    /// A 决算 copied from its 说明 has 一般公共预算财政拨款支出 only as its `合计` row. A budget naming it as
    /// 上年决算 compared 预算支出 with that total but not 财政拨款支出 or 一般公共预算拨款支出 (those read 项 lines only).
    func testABudgetComparesWithLastYearsPublishedSpendingTotal() throws {
        let last = """
        决算 2016
        部门 405 测试幼儿园
        单位 405001 测试幼儿园 事业
        收入
          一般公共预算财政拨款收入 1600
        支出
          合计 1600
        """
        let budget = """
        部门 405 测试幼儿园
        年度 2017
        上年决算 "上年.bud"
        单位 405001 测试幼儿园 事业
          编制 事业 71
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2050201 30101 基本工资 1500
        """
        let result = TestSupport.check(budget, files: ["上年.bud": last])
        let notes = try XCTUnwrap(result.budget.map { Notes.generate($0).markdown() })
        XCTAssertTrue(notes.contains("本部门当年财政拨款支出 1500 万元，其中一般公共预算拨款支出 1500 万元，较上年决算减少 100 万元"), notes)
        XCTAssertTrue(notes.contains("本部门当年一般公共预算拨款支出 1500 万元，较上年决算减少 100 万元"), notes)
    }

    /// `budgetc init --from` kept last year's `说明` block: reasons for the changes of that year, which then
    /// silenced change-needs-reason for next year's changes and were printed as their “主要原因”. They become
    /// comments saying why, as last year's carry-overs do.
    func testInitLeavesLastYearsReasonsAsComments() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = TestSupport.repoRoot.appendingPathComponent("workbooks/pengshui-wenhuaguan-2025/budget.bud")
        let new = dir.appendingPathComponent("budget-2026.bud")
        let run = try TestSupport.run(["init", "--from", old.path, "--year", "2026", "-o", new.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: new, encoding: .utf8)
        XCTAssertTrue(text.contains("""
        # 说明：2025 年较上年变动的原因只属于那一年；本年的变动按本年的原因重写后去掉行首 #。
        # 说明
          # 收入 "人员经费拨款增加"
        """), text)
        XCTAssertFalse(text.contains("\n说明\n"), text)
        XCTAssertTrue(text.contains("部门概况\n  职责 "), "the 部门概况 stays")
        let checked = try TestSupport.run(["check", new.path])
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
    }

    /// Some regions (Chongqing) publish the 公用经费 of a 事业单位 as its “一般公共预算财政拨款运行经费” (彭水县文化馆:
    /// 59.03 万元). `计入运行经费` under the 单位 says its 公用经费 counts: the 说明 states it, and the 运行经费
    /// rules compare it with last year.
    func testAnInstitutionsPublicUseCountsAsRunningCostWhenItSaysSo() throws {
        let text = """
        部门 707 测试文化馆
        年度 2025
        报表 全国
        上年预算 "上年.bud"
        单位 707001 测试文化馆 事业
          编制 事业 18
          计入运行经费
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2070109 30101 基本工资 227.82
          公用经费
            2070109 30201 办公费 59.03
        """
        let last = text.replacingOccurrences(of: "年度 2025", with: "年度 2024").replacingOccurrences(of: "上年预算 \"上年.bud\"\n", with: "")
            .replacingOccurrences(of: "办公费 59.03", with: "办公费 55.00")
        let result = TestSupport.check(text, files: ["上年.bud": last])
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let budget = try XCTUnwrap(result.budget)
        XCTAssertEqual(Aggregates.runningCost(budget), Money(fen: 59_030_000))
        let notes = Notes.generate(budget).markdown()
        XCTAssertTrue(notes.contains("本部门当年运行经费预算安排 59.03 万元，较上年预算增加 4.03 万元"), notes)
        XCTAssertFalse(notes.contains("没有机关运行经费"), notes)
        XCTAssertTrue(result.diagnostics.contains { $0.id == "running-cost-growth" }, result.diagnostics.map(\.message).joined(separator: "\n"))
        // Written twice, or with a word after it: errors.
        let twice = TestSupport.check(text.replacingOccurrences(of: "  计入运行经费\n", with: "  计入运行经费\n  计入运行经费 是\n"), files: ["上年.bud": last])
        XCTAssertEqual(twice.diagnostics.filter { $0.severity == .error }.count, 1, twice.diagnostics.map(\.message).joined(separator: "\n"))
    }

    // MARK: the two examples, end to end: published totals read back from the written workbooks

    /// workbooks/tianshui-kindergarten-2017: every figure below is printed in the publication (万元).
    func testGansuKindergartenActualsCarryThePublishedTotals() throws {
        let (result, book) = try NewcomerExampleTests.compile("tianshui-kindergarten-2017/actuals-2017.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let value = NewcomerExampleTests.value
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        XCTAssertEqual(value(t1, "一、一般公共预算财政拨款收入", 0, 2), 1_486_640_000)
        XCTAssertEqual(value(t1, "二、政府性基金预算财政拨款收入", 0, 2), 30_000_000)
        XCTAssertEqual(value(t1, "五、事业收入", 0, 2), 170_810_000)
        XCTAssertEqual(value(t1, "本年收入合计", 0, 2), 1_687_450_000)
        XCTAssertEqual(value(t1, "本年支出合计", 3, 5), 1_942_570_000)
        // 公开03: 本年支出 1942.57 = 基本 1121.09 + 项目 821.48.
        let t3 = try XCTUnwrap(book.sheet("公开03表"))
        XCTAssertEqual(value(t3, "合计", 0, 2), 1_942_570_000)
        XCTAssertEqual(value(t3, "合计", 0, 3), 1_121_090_000)
        XCTAssertEqual(value(t3, "合计", 0, 4), 821_480_000)
        // 公开04: 财政拨款收入 = 一般公共预算 1486.64 + 政府性基金 30; 一般公共预算财政拨款支出 1741.75.
        let t4 = try XCTUnwrap(book.sheet("公开04表"))
        XCTAssertEqual(value(t4, "本年收入合计", 0, 2), 1_516_640_000)
        XCTAssertEqual(value(t4, "本年支出合计", 3, 6), 1_741_750_000)
        XCTAssertEqual(value(t4, "本年支出合计", 3, 7), 30_000_000)
        // 公开05: 合计 1741.75, 教育支出 1595.95.
        let t5 = try XCTUnwrap(book.sheet("公开05表"))
        XCTAssertEqual(value(t5, "合计", 0, 2), 1_741_750_000)
        XCTAssertEqual(value(t5, "205", 0, 2), 1_595_950_000)
        // The 决算说明's shares are the publication's.
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本年收入合计 1,687.45 万元。其中：财政拨款收入 1,516.64 万元，占 89.88%；事业收入 170.81 万元，占 10.12%。"), notes)
        XCTAssertTrue(notes.contains("基本支出 1,121.09 万元，占 57.71%；项目支出 821.48 万元，占 42.29%"), notes)
        XCTAssertTrue(notes.contains("政府性基金预算财政拨款收入 30.00 万元，支出 30.00 万元"), notes)
        XCTAssertTrue(notes.contains("决算数大于年初预算数的主要原因是2017年度62名职工工资调标个人部分增加"), notes)
        // The two changes on 2016 the publication states, from actuals-2016.bud (its other totals 未公开).
        XCTAssertTrue(notes.contains("财政拨款收入较上年减少 58.49 万元，下降 3.71%。"), notes)
        XCTAssertTrue(notes.contains("一般公共预算财政拨款支出 1,741.75 万元，占本年支出合计的 89.66%，较上年减少 53.70 万元，下降 2.99%。"), notes)
        XCTAssertFalse(notes.contains("收、支总计较上年"), notes)
    }

    /// workbooks/pengshui-wenhuaguan-2025 on the national set: the published class totals, 三公 and the change on 2024.
    func testChongqingCulturalCentreBudgetCarriesThePublishedTotals() throws {
        let (result, book) = try NewcomerExampleTests.compile("pengshui-wenhuaguan-2025/budget.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let value = NewcomerExampleTests.value
        let t1 = try XCTUnwrap(book.sheet("表1"))
        XCTAssertEqual(value(t1, "一、一般公共预算拨款收入", 0, 1), 430_310_000)
        XCTAssertEqual(value(t1, "七、文化旅游体育与传媒支出", 2, 3), 286_850_000)
        XCTAssertEqual(value(t1, "八、社会保障和就业支出", 2, 3), 107_160_000)
        XCTAssertEqual(value(t1, "十、卫生健康支出", 2, 3), 19_570_000)
        XCTAssertEqual(value(t1, "二十、住房保障支出", 2, 3), 16_730_000)
        // 表7 “三公”: 合计 10, 公务用车运行维护费 9; the other parts are not published (`合计 10`): blank, not 0 or 1.
        let t7 = try XCTUnwrap(book.sheet("表7"))
        XCTAssertEqual(value(t7, "合计", 1, 2), 10_000_000)
        XCTAssertEqual(value(t7, "合计", 1, 6), 9_000_000)
        for column in [3, 4, 5, 7] { XCTAssertNil(value(t7, "合计", 1, column), "表7 column \(column)") }
        let notes = try XCTUnwrap(book.sheet("说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本部门当年预算收入 430.31 万元，其中一般公共预算拨款收入 430.31 万元，较上年预算增加 16.26 万元，主要原因是人员经费拨款增加"), notes)
        XCTAssertTrue(notes.contains("“三公”经费预算支出 10 万元，与上年预算持平。其中：公务用车运行维护费 9 万元，主要原因是车辆老旧，维修费用高。"), notes)
        XCTAssertFalse(notes.contains("公务接待费 1 万元"), notes)
        // The published “一般公共预算财政拨款运行经费 59.03 万元” (计入运行经费).
        XCTAssertTrue(notes.contains("本部门当年运行经费预算安排 59.03 万元，与上年预算持平。"), notes)
    }
}
