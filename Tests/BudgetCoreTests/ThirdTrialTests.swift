import BudgetCore
import Foundation
import XCTest

/// Third newcomer trial: two Chongqing township publications written from the docs alone
/// (workbooks/rongchang-wanling-2025: 政府性基金 this year and carried over; workbooks/fuling-wulingshan-2023:
/// projects and 三公 against last year's budget). The friction tests failed before their fixes;
/// the example tests read the published totals back from the written workbooks.
final class ThirdTrialTests: XCTestCase {
    static let lastYear = TestSupport.header.replacingAll("2024", with: "2023") + """
    收入
      一般公共预算拨款 = 支出合计
    基本支出
      人员经费
        2010301 30101 基本工资 100
    项目 "村干部补助"
      简介 "村干部补助。"
      2130705 30305 生活补助 50
    """

    static let thisYear = TestSupport.header + """
    上年预算 "last.bud"
    收入
      一般公共预算拨款 = 支出合计
    基本支出
      人员经费
        2010301 30101 基本工资 110
    项目 "村干部补助"
      简介 "村干部补助。"
      2130705 30305 生活补助 80
    说明
      收入 "经费拨款增加"
      2010301 "人员增资"
      2130705 "村干部补助标准提高"
      301 "人员增资"
      303 "村干部补助标准提高"

    """

    /// A township 说明 (and most others) gives the 一般公共预算 spending as 基本支出 and 项目支出, each with its
    /// change and reason (“其中：基本支出952.50万元，比上年增加39.77万元，主要原因是人员增资；项目支出690.79万元……”).
    /// `说明 基本支出 "…"` was an unknown topic whose hint was “是不是‘支出’？” (a different sentence), and the 说明
    /// had no such sentence.
    func testNotesSplitGeneralBudgetSpendingIntoBasicAndProjects() throws {
        let written = Self.thisYear + "  基本支出 \"人员增资\"\n  项目支出 \"村干部补助标准提高\"\n"
        let result = TestSupport.check(written, files: ["last.bud": Self.lastYear])
        XCTAssertEqual(result.diagnostics.filter { $0.id == "unknown-topic" }.map(\.message), [])
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("其中：基本支出 110 万元，较上年预算增加 10 万元，主要原因是人员增资；项目支出 80 万元，较上年预算增加 30 万元，主要原因是村干部补助标准提高。"), notes)
        // Without the topics the sentence states the figures only.
        let plain = Notes.generate(try XCTUnwrap(TestSupport.check(Self.thisYear, files: ["last.bud": Self.lastYear]).budget)).markdown()
        XCTAssertTrue(plain.contains("其中：基本支出 110 万元，较上年预算增加 10 万元；项目支出 80 万元，较上年预算增加 30 万元。"), plain)
    }

    /// With no project performance targets and no 部门绩效, the 说明 said “本部门 0 个项目（共 3 个）编报了绩效目标，
    /// 涉及当年一般公共预算拨款 952.5 万元” — the 基本支出, which no target covers. 基本支出 is covered only by a 部门绩效.
    func testPerformanceCoverageCountsBasicSpendingOnlyWithADepartmentTarget() throws {
        let text = TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2010301 30101 基本工资 110
        项目 "村干部补助"
          简介 "村干部补助。"
          2130705 30305 生活补助 80
        """
        let notes = Notes.generate(try XCTUnwrap(TestSupport.check(text).budget)).markdown()
        XCTAssertTrue(notes.contains("本部门 0 个项目（共 1 个）编报了绩效目标，涉及当年一般公共预算拨款 0 万元"), notes)
        let targeted = text + """

          绩效
            总体目标 "按时足额发放村干部补助。"
            产出/数量 "补助村干部人数" "≥40人"
        """
        let withTargets = Notes.generate(try XCTUnwrap(TestSupport.check(targeted).budget)).markdown()
        XCTAssertTrue(withTargets.contains("本部门 1 个项目（共 1 个）编报了绩效目标，涉及当年一般公共预算拨款 80 万元"), withTargets)
        let department = targeted + """

        部门绩效
          任务 人员经费 "发放在职人员工资"
          总体目标 "保障运转。"
          产出/数量 "保障人数" "20人"
        """
        let whole = Notes.generate(try XCTUnwrap(TestSupport.check(department).budget)).markdown()
        XCTAssertTrue(whole.contains("本部门绩效管理全覆盖，涉及当年一般公共预算拨款 190 万元"), whole)
    }
}
