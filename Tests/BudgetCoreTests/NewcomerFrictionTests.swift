import BudgetCore
import Foundation
import XCTest

/// Problems met writing real publications of other provinces from the docs alone (see the
/// examples under workbooks/wuzhou-school-2023 and workbooks/rongchang-renyi-2024): each test
/// failed before its fix.
final class NewcomerFrictionTests: XCTestCase {
    /// A 决算 copied from its 说明 (收入 by source, only the all-source 支出合计): with the
    /// 结转结余 written as a zero total, every source's balance is known to be zero, so spending
    /// counted as 一般公共预算拨款 beyond that income is a warning, not "没有发现问题".
    func testZeroCarryOverTotalsStillBalanceEachSource() throws {
        let text = """
        决算 2021
        部门 1 测试站
        单位 1 测试站 事业
        收入
          一般公共预算财政拨款 500.12
          其他收入 18.95
          合计 519.07
        年初结转结余 0
        年末结转结余 0
        支出
          列 合计 基本 项目
          合计 519.07 401.91 117.16
        """
        let result = TestSupport.checkActuals(text)
        let balance = result.diagnostics.filter { $0.id == "actuals-balance" }
        XCTAssertEqual(balance.count, 2, result.diagnostics.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(balance.contains { $0.message.hasPrefix("一般公共预算拨款") && $0.span?.line == 5 }, balance.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(balance.contains { $0.message.hasPrefix("其他收入") && $0.span?.line == 6 }, balance.map(\.message).joined(separator: "\n"))
        // Carry-overs written only as a non-zero total still give the one all-source check.
        let carried = TestSupport.checkActuals(text.replacingOccurrences(of: "年初结转结余 0", with: "年初结转结余 10")
                                  .replacingOccurrences(of: "519.07 401.91", with: "529.07 411.91"))
        XCTAssertEqual(carried.diagnostics.filter { $0.id == "actuals-balance" }.map(\.message), [])
    }

    /// `来源` on a published 合计/类/款 row was read and dropped: the amount silently counted as
    /// 一般公共预算拨款. Now an error that says how to write other sources; a second 合计 row
    /// (only the first was used) is an error too.
    func testSourceOnAPublishedTotalRowIsAnError() throws {
        let text = """
        决算 2021
        部门 1 测试站
        单位 1 测试站 事业
        收入
          一般公共预算财政拨款 500.12
          其他收入 18.95
        支出
          合计 500.12
          合计 18.95 来源 其他收入
          208 社会保障和就业支出 3.00 来源 其他收入
        """
        let result = TestSupport.checkActuals(text)
        let errors = result.diagnostics.filter { $0.severity == .error }
        XCTAssertTrue(errors.contains { $0.span?.line == 9 && $0.message.contains("来源") && ($0.hint ?? "").contains("项") },
                      errors.map { "\($0.span?.line ?? 0): \($0.message) \($0.hint ?? "")" }.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.span?.line == 10 && $0.message.contains("来源") },
                      errors.map { "\($0.span?.line ?? 0): \($0.message)" }.joined(separator: "\n"))
        let twice = TestSupport.checkActuals(text.replacingOccurrences(of: " 来源 其他收入", with: ""))
        XCTAssertTrue(twice.diagnostics.contains { $0.severity == .error && $0.id == "duplicate" && $0.span?.line == 9 },
                      twice.diagnostics.map { "\($0.id) \($0.span?.line ?? 0): \($0.message)" }.joined(separator: "\n"))
    }

    /// A budget whose units give no 编制/实有/退休 printed "人员编制 0 人；实有人员 0 人" in its 说明:
    /// a false sentence. The chapter is left out (headcount already warns at the unit).
    func testNotesSayNothingOfStaffWhenNoneIsWritten() throws {
        let text = """
        部门 1078 测试中学
        年度 2023
        单位 1078001 测试中学 事业
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2050204 30101 基本工资 10.00
        """
        let result = TestSupport.check(text)
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertFalse(notes.contains("人员编制 0 人"), notes)
        XCTAssertFalse(notes.contains("人员情况说明"), notes)
        let staffed = TestSupport.check(text.replacingOccurrences(of: "测试中学 事业\n", with: "测试中学 事业\n  编制 事业 95\n  实有 事业 91\n  退休 99\n"))
        let staffedNotes = Notes.generate(try XCTUnwrap(staffed.budget)).markdown()
        XCTAssertTrue(staffedNotes.contains("截至上年底，本部门人员编制 95 人"), "截至 (up to), not 截止 (deadline): \(staffedNotes)")
        XCTAssertTrue(staffedNotes.contains("退休人员 99 人"), staffedNotes)
    }

    /// department-performance said "表15 将只有金额" whatever the table set: the national set has no
    /// 部门整体绩效 table, so under `报表 全国` the warning names a table that does not exist.
    func testDepartmentPerformanceWarningNamesTheTableOfTheSetInUse() throws {
        let text = """
        部门 1078 测试中学
        年度 2023
        单位 1078001 测试中学 事业
          编制 事业 2
          实有 事业 2
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2050204 30101 基本工资 10.00
        """
        let shaanxi = TestSupport.check(text).diagnostics.filter { $0.id == "department-performance" }
        XCTAssertEqual(shaanxi.map(\.message), ["没有 部门绩效 块，表15 将只有金额"])
        let national = TestSupport.check(text.replacingOccurrences(of: "年度 2023\n", with: "年度 2023\n报表 全国\n"))
        XCTAssertEqual(national.diagnostics.filter { $0.id == "department-performance" }.map(\.message), [],
                       "the national set publishes no 部门整体支出绩效目标表")
    }
    /// A 决算说明 states 本年支出合计 of every source; 公开05's 一般公共预算财政拨款支出 may not be given.
    /// Written as `本年支出合计` it is the all-source total (公开01/03) and the 说明 no longer calls it
    /// 一般公共预算财政拨款支出 (it did when the only way to write it was the 公开05 `合计` row).
    func testAllSourceSpendingTotalIsNotCalledGeneralBudgetSpending() throws {
        let text = """
        决算 2024
        部门 1 测试中学
        单位 1 测试中学 事业
        收入
          财政拨款收入 5561.35
          事业收入 534.85
          其他收入 53.18
        年初结转结余 166.31
        年末结转结余 0
        支出
          本年支出合计 6315.69 基本 5000.00
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.message), [])
        let figures = ActualsFigures(try XCTUnwrap(result.actuals))
        XCTAssertEqual(figures.all.total, Money(fen: 6_315_690_000))
        XCTAssertEqual(figures.all.project, Money(fen: 1_315_690_000), "项目 = 合计 − 基本")
        XCTAssertEqual(figures.general.total, .zero)
        XCTAssertFalse(figures.generalSpendingKnown)
        let notes = ActualsNotes.generate(figures).markdown()
        XCTAssertTrue(notes.contains("本年支出合计 6,315.69 万元。其中：基本支出 5,000.00 万元"), notes)
        XCTAssertFalse(notes.contains("一般公共预算财政拨款支出"), notes)
        XCTAssertFalse(notes.contains("财政拨款支出 6,315.69"), notes)
        // Unbalanced totals are still reported (by total: the split by source is unknown).
        let unbalanced = TestSupport.checkActuals(text.replacingOccurrences(of: "6315.69 基本", with: "6300.00 基本"))
        XCTAssertEqual(unbalanced.diagnostics.filter { $0.id == "actuals-balance" }.map { $0.message.hasPrefix("全部来源") }, [true])
        // With 项 lines of every source, 本年支出合计 is checked against them.
        let lines = TestSupport.checkActuals(text.replacingOccurrences(of: "  本年支出合计 6315.69 基本 5000.00", with: """
          本年支出合计 6315.69
          2050204 高中教育 5727.66
          2050204 高中教育 534.85 来源 事业收入
          2050204 高中教育 50.00 来源 其他收入
        """))
        XCTAssertTrue(lines.diagnostics.contains { $0.id == "actuals-parts" && $0.message.hasPrefix("本年支出合计") },
                      lines.diagnostics.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(ActualsFigures(try XCTUnwrap(lines.actuals)).generalSpendingKnown)
    }

    /// Last year's 决算 rebuilt from this year's “与上年相比” figures has only its 收入 合计: that is
    /// not a 收入合计 that disagrees with its (absent) sources, and it says nothing of 财政拨款.
    func testIncomeWrittenOnlyAsItsTotal() throws {
        let text = """
        决算 2023
        部门 1 测试中学
        单位 1 测试中学 事业
        收入
          合计 7904.70
        年初结转结余 1528.37
        年末结转结余 0
        支出
          本年支出合计 9433.07
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.message), [])
        let figures = ActualsFigures(try XCTUnwrap(result.actuals))
        XCTAssertEqual(figures.totalIncome, Money(fen: 7_904_700_000))
        XCTAssertEqual(figures.fiscalBalance(.opening), .zero, "nothing says the carry-over is fiscal")
    }
    /// A 决算 copied as its 说明's totals: `合计 500.12 年初预算 472.9` is 公开05's total with the 年初预算 the
    /// 说明 states. Its completion sentence was missing: the 年初预算 of a lone 合计 row was dropped.
    func testLoneTotalRowKeepsItsInitialBudget() throws {
        let text = """
        决算 2021
        部门 1 测试站
        单位 1 测试站 事业
        收入
          一般公共预算财政拨款 500.12
          其他收入 18.95
        年初结转结余 0
        年末结转结余 0
        支出
          本年支出合计 519.07 基本 401.91 项目 117.16
          合计 500.12 年初预算 472.9
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.message), [])
        let figures = ActualsFigures(try XCTUnwrap(result.actuals))
        XCTAssertEqual(figures.general.initialBudget, Money(fen: 472_900_000))
        let notes = ActualsNotes.generate(figures).markdown()
        XCTAssertTrue(notes.contains("年初预算 472.90 万元，支出决算 500.12 万元，完成年初预算的 105.76%"), notes)
        XCTAssertTrue(notes.contains("本年支出合计 519.07 万元。其中：基本支出 401.91 万元"), notes)
        // No 基本支出 figures: 六 is left out and the next section takes its number (no “五” then “七”).
        XCTAssertTrue(notes.contains("## 六、政府性基金预算财政拨款收入支出决算情况说明"), notes)
        XCTAssertTrue(notes.contains("## 七、国有资本经营预算财政拨款支出决算情况说明"), notes)
    }
    /// Other sources' spending written as 项 lines with `来源` (as the docs ask) made the 公开05 合计 and
    /// 类 rows, which are 一般公共预算 only, disagree with "各项" that summed every source.
    func testPublished05TotalsAreComparedWithTheGeneralBudgetLinesOnly() throws {
        let text = """
        决算 2024
        部门 1 测试中学
        单位 1 测试中学 事业
        收入
          一般公共预算财政拨款 100
          其他收入 50
        年初结转结余 0
        年末结转结余 0
        支出
          本年支出合计 150
          合计 100
          205 教育支出 100
          2050204 高中教育 100
          2050204 高中教育 50 来源 其他收入
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        let wrongAll = TestSupport.checkActuals(text.replacingOccurrences(of: "本年支出合计 150", with: "本年支出合计 140"))
        XCTAssertTrue(wrongAll.diagnostics.contains { $0.id == "actuals-parts" && $0.message.hasPrefix("本年支出合计 140") },
                      wrongAll.diagnostics.map(\.message).joined(separator: "\n"))
    }
    /// Second trial (workbooks/chizhou-jiangnan-2024, an Anhui 三公 publication): the reason for a
    /// 三公 part, written as the publication words it (`公务接待 "……"`), also explains the change of
    /// its 经济分类款 (30217 is the same money); change-needs-reason asked for `30217 "……"` as well.
    func testASanGongPartReasonExplainsItsEconomicLine() throws {
        let last = TestSupport.header.replacingAll("2024", with: "2023")
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30217 公务接待费 250\n    2101501 30231 公务用车运行维护费 37\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n"
            + "    2101501 30217 公务接待费 240\n    2101501 30231 公务用车运行维护费 35.7\n"
            + "说明\n  2101501 \"从严控制公务接待支出\"\n  公务接待 \"从严控制公务接待支出\"\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        let findings = result.diagnostics.filter { $0.id == "change-needs-reason" }.map(\.message)
        XCTAssertFalse(findings.contains { $0.hasPrefix("30217") }, "\(findings)")
        // 公务用车运行维护 has no reason of its own: its 款 still needs one.
        XCTAssertTrue(findings.contains { $0.hasPrefix("30231") }, "\(findings)")
    }
    /// Second trial (workbooks/ningxia-jiguanju-2013): the publication gives only the 编制 (115 人);
    /// the 说明 went on "实有人员 0 人。单位管理的退休人员 0 人。", two false figures. Only what is
    /// written is stated.
    func testNotesStateOnlyTheHeadcountsWritten() throws {
        let text = """
        部门 1078 测试局
        年度 2013
        单位 1078001 测试局 参公
          编制 行政 71 事业 44
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2010301 30101 基本工资 10.00
        """
        let notes = Notes.generate(try XCTUnwrap(TestSupport.check(text).budget)).markdown()
        XCTAssertTrue(notes.contains("截至上年底，本部门人员编制 115 人，其中行政编制 71 人、事业编制 44 人。"), notes)
        XCTAssertFalse(notes.contains("实有人员 0 人"), notes)
        XCTAssertFalse(notes.contains("退休人员 0 人"), notes)
        let retiredOnly = Notes.generate(try XCTUnwrap(TestSupport.check(text.replacingOccurrences(of: "编制 行政 71 事业 44", with: "退休 6")).budget)).markdown()
        XCTAssertTrue(retiredOnly.contains("截至上年底，单位管理的退休人员 6 人。"), retiredOnly)
        XCTAssertFalse(retiredOnly.contains("人员编制 0 人"), retiredOnly)
    }
    /// Second trial (workbooks/chizhou-jiangnan-2024): a 三公 publication gives 公务用车购置费 43 万元
    /// but not how many vehicles. Without a `三公` block the 说明 said "当年部门预算安排购置车辆 0 辆"
    /// (false) and no rule said the count was missing. Now the 说明 states the money, and
    /// sangong-quantity asks for the count.
    func testVehiclePurchaseMoneyWithoutACountIsNotZeroVehicles() throws {
        let text = TestSupport.header + """
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          公用经费
            2101501 30231 公务用车运行维护费 35.7
        项目 "公务用车更新"
          简介 "更新公务用车。"
          2101501 31013 公务用车购置 43
        """
        let result = TestSupport.check(text)
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertFalse(notes.contains("购置车辆 0 辆"), notes)
        XCTAssertTrue(notes.contains("当年部门预算安排公务用车购置费 43 万元"), notes)
        let quantity = result.diagnostics.filter { $0.id == "sangong-quantity" }.map(\.message)
        XCTAssertTrue(quantity.contains { $0.contains("31013") && $0.contains("购置车辆数") }, "\(quantity)")
        // With the count written, the 说明 gives it and the rule is satisfied.
        let counted = TestSupport.check(text + "\n三公\n  公务用车 保有 2 购置 1\n")
        XCTAssertEqual(counted.diagnostics.filter { $0.id == "sangong-quantity" }.map(\.message), [])
        XCTAssertTrue(Notes.generate(try XCTUnwrap(counted.budget)).markdown().contains("当年部门预算安排购置车辆 1 辆"))
    }
    /// change-needs-reason's hint says to write `2101501 "主要原因是……"`; the budget 说明 then read
    /// "主要原因是主要原因是……" (the 决算说明 already dropped the repeated lead). One rule for both now.
    func testAReasonWrittenAsTheHintSaysIsNotDoubled() throws {
        let last = TestSupport.header.replacingAll("2024", with: "2023")
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 10\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n"
            + "    2101501 30201 办公费 20\n说明\n  2101501 \"主要原因是新增办公用房。\"\n  收入 \"原因是新增办公用房\"\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertFalse(notes.contains("主要原因是主要原因是"), notes)
        XCTAssertFalse(notes.contains("主要原因是原因是"), notes)
        XCTAssertTrue(notes.contains("较上年预算增加 10 万元，主要原因是新增办公用房"), notes)
    }
    /// Second trial: a change of 302 with no reason was reported twice, for “商品和服务支出（302）” and
    /// “机关商品和服务支出（502）”, though the one fix (`302 "……"`) serves both sentences (502 falls back to 302).
    func testAGovernmentClassFallingBackToAWarnedDepartmentClassIsNotReportedAgain() throws {
        let last = TestSupport.header.replacingAll("2024", with: "2023")
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 10\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n"
            + "    2101501 30201 办公费 20\n说明\n  2101501 \"新增办公用房\"\n  收入 \"新增办公用房\"\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        let missing = result.diagnostics.filter { $0.id == "notes-reason" }.map(\.message)
        XCTAssertTrue(missing.contains { $0.contains("（302）") }, "\(missing)")
        XCTAssertFalse(missing.contains { $0.contains("（502）") }, "\(missing)")
        // With 302 explained, neither sentence lacks its reason.
        let explained = TestSupport.check(budget + "  302 \"新增办公用房\"\n", files: ["last.bud": last])
        XCTAssertEqual(explained.diagnostics.filter { $0.id == "notes-reason" }.map(\.message), [])
    }
    /// Second trial: one unexplained change of the totals gave five warnings at the same line (预算收入, 预算支出,
    /// 财政拨款收入, 财政拨款支出, 一般公共预算拨款支出), each asking for the same `收入 "……"`. Now one warning
    /// names the five sentences.
    func testOneUnexplainedChangeOfTheTotalsIsOneWarning() throws {
        let last = TestSupport.header.replacingAll("2024", with: "2023")
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 10\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n"
            + "    2101501 30201 办公费 20\n说明\n  2101501 \"新增办公用房\"\n  302 \"新增办公用房\"\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        let missing = result.diagnostics.filter { $0.id == "notes-reason" }.map(\.message)
        XCTAssertEqual(missing.count, 1, "\(missing)")
        XCTAssertTrue(missing.first?.contains("“预算收入”、“预算支出”、“财政拨款收入”、“财政拨款支出”、“一般公共预算拨款支出”较上年预算增加 10 万元") == true, "\(missing)")
    }

    /// 参照公务员法管理事业编制 is its own category (publications count it apart from 行政编制): written as
    /// 参公 (or its long form), stated by the 说明, compared by the headcount rule.
    func testCivilServantManagedEstablishmentIsItsOwnCategory() throws {
        let budget = """
        部门 640 某机关事务管理局
        年度 2025
        金额单位 万元
        单位 640001 某机关事务管理局本级 参公
          编制 参公 71 事业 44
          实有 参照公务员法管理 72 事业 40
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
        基本支出
          人员经费
            2010301 30101 基本工资 100

        """
        let result = TestSupport.check(budget)
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
        let unit = try XCTUnwrap(result.budget?.budget.units.first)
        XCTAssertEqual(unit.staffing.civilServantManaged, 71)
        XCTAssertEqual(unit.staffing.total, 115)
        XCTAssertTrue(result.diagnostics.contains { $0.id == "headcount" && $0.message.contains("参公实有 72 人，超过编制 71 人") },
                      "\(result.diagnostics.map(\.message))")
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("本部门人员编制 115 人，其中参照公务员法管理事业编制 71 人、事业编制 44 人；实有人员 112 人，其中参照公务员法管理人员 72 人、事业 40 人"), notes)
        // An unknown category names the four.
        let typo = TestSupport.check(budget.replacingOccurrences(of: "编制 参公 71", with: "编制 公务 71"))
        XCTAssertTrue(typo.diagnostics.contains { $0.severity == .error && $0.message == "人员类别只能是 行政、参公、事业、工勤" }, "\(typo.diagnostics.map(\.message))")
    }

    /// A reason that lists its parts reads “主要原因：一是……；二是……”, never “主要原因是一是……”.
    func testListedReasonsTakeAColon() throws {
        let last = TestSupport.header.replacingAll("2024", with: "2023")
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  人员经费\n    2101501 30101 基本工资 10\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  人员经费\n    2101501 30101 基本工资 12\n"
            + "说明\n  2101501 \"一是调整工资标准；二是新增人员2名。\"\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("较上年预算增加 2 万元，主要原因：一是调整工资标准；二是新增人员2名。"), notes)
        XCTAssertFalse(notes.contains("主要原因是一是"), notes)
    }
}
