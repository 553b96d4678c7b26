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
        XCTAssertTrue(notes.contains("本部门 1 个项目均未编报绩效目标，也未编报部门整体绩效目标。"), notes)
        XCTAssertFalse(notes.contains("涉及当年一般公共预算拨款 110 万元"), notes)
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

    /// workbooks/rongchang-wanling-2025: 政府性基金 this year (7.45) and carried over, every 功能类 of the publication.
    func testChongqingTownshipBudgetWithGovernmentFundCarriesThePublishedTotals() throws {
        let (result, book) = try NewcomerExampleTests.compile("rongchang-wanling-2025/budget.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning }.map { "\($0.id): \($0.message)" }, [])
        let t1 = try XCTUnwrap(book.sheet("表1"))
        // Published (万元): 一般公共预算拨款 1479.2, 政府性基金预算拨款 7.45, 本年收入 1486.65, 收入合计 2817.75.
        XCTAssertEqual(NewcomerExampleTests.value(t1, "一、一般公共预算拨款收入", column: 1), 1_479_200_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "二、政府性基金预算拨款收入", column: 1), 7_450_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "本年收入合计", column: 1), 1_486_650_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "收入总计", column: 1), 2_817_750_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "支出总计", labelColumn: 2, column: 3), 2_817_750_000)
        // The twelve 类 as published.
        let classes: [(String, Int)] = [
            ("一、一般公共服务支出", 772_040_000), ("四、公共安全支出", 14_490_000), ("五、教育支出", 3_960_000),
            ("七、文化旅游体育与传媒支出", 6_750_000), ("八、社会保障和就业支出", 187_440_000), ("十、卫生健康支出", 59_790_000),
            ("十一、节能环保支出", 27_260_000), ("十二、城乡社区支出", 1_222_060_000), ("十三、农林水支出", 300_510_000),
            ("十四、交通运输支出", 90_310_000), ("二十、住房保障支出", 54_640_000), ("二十三、灾害防治及应急管理支出", 78_500_000),
        ]
        for (label, amount) in classes {
            XCTAssertEqual(NewcomerExampleTests.value(t1, label, labelColumn: 2, column: 3), amount, label)
        }
        // 表8 政府性基金预算支出表: this year's 政府性基金 only.
        let t8 = try XCTUnwrap(book.sheet("表8"))
        XCTAssertEqual(NewcomerExampleTests.value(t8, "合计", labelColumn: 1, column: 2), 7_450_000)
        // 表4: the 政府性基金预算 column holds this year's 7.45 and the carried-over 809.06 (both published).
        let t4 = try XCTUnwrap(book.sheet("表4"))
        XCTAssertEqual(NewcomerExampleTests.value(t4, "本年支出合计", labelColumn: 2, column: 5), 816_510_000)
        XCTAssertEqual(NewcomerExampleTests.value(t4, "二、政府性基金预算拨款", column: 1), 7_450_000)
        // The 说明 reads the carry-over as the publication does, and states the carried-over 政府性基金.
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("上年结转收入 1331.1 万元（其中一般公共预算拨款 522.04 万元、政府性基金拨款 809.06 万元）"), notes)
        XCTAssertTrue(notes.contains("本部门当年政府性基金预算拨款支出 7.45 万元；另安排上年结转的政府性基金 809.06 万元。"), notes)
    }

    /// workbooks/fuling-wulingshan-2023: a township's 基本支出/项目支出 and 三公 against last year's budget.
    func testChongqingTownshipBudgetCarriesThePublishedSplitAndChanges() throws {
        let (result, book) = try NewcomerExampleTests.compile("fuling-wulingshan-2023/budget.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning }.map { "\($0.id): \($0.message)" }, [])
        let t1 = try XCTUnwrap(book.sheet("表1"))
        XCTAssertEqual(NewcomerExampleTests.value(t1, "一、一般公共预算拨款收入", column: 1), 1_643_290_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "一、一般公共服务支出", labelColumn: 2, column: 3), 1_147_080_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "八、社会保障和就业支出", labelColumn: 2, column: 3), 160_850_000)
        XCTAssertEqual(NewcomerExampleTests.value(t1, "十三、农林水支出", labelColumn: 2, column: 3), 171_700_000)
        // 表3 部门支出总表: 基本支出 952.50, 项目支出 690.79.
        let t3 = try XCTUnwrap(book.sheet("表3"))
        XCTAssertEqual(NewcomerExampleTests.value(t3, "合计", labelColumn: 1, column: 2), 1_643_290_000)
        XCTAssertEqual(NewcomerExampleTests.value(t3, "合计", labelColumn: 1, column: 3), 952_500_000)
        XCTAssertEqual(NewcomerExampleTests.value(t3, "合计", labelColumn: 1, column: 4), 690_790_000)
        // 表7 “三公”: 合计 6.50, 公务用车购置及运行费 6.00, 运行费 6.00, 公务接待费 0.50.
        let t7 = try XCTUnwrap(book.sheet("表7"))
        XCTAssertEqual(NewcomerExampleTests.value(t7, "合计", labelColumn: 1, column: 2), 6_500_000)
        XCTAssertEqual(NewcomerExampleTests.value(t7, "合计", labelColumn: 1, column: 4), 6_000_000)
        XCTAssertEqual(NewcomerExampleTests.value(t7, "合计", labelColumn: 1, column: 6), 6_000_000)
        XCTAssertEqual(NewcomerExampleTests.value(t7, "合计", labelColumn: 1, column: 7), 500_000)
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("本部门当年预算收入 1643.29 万元，其中一般公共预算拨款收入 1643.29 万元，较上年预算增加 105.77 万元，主要原因是经费拨款增加"), notes)
        XCTAssertTrue(notes.contains("其中：基本支出 952.5 万元，较上年预算增加 39.77 万元，主要原因是人员增资"), notes)
        XCTAssertTrue(notes.contains("项目支出 690.79 万元，较上年预算增加 66 万元，主要原因是专职消防队运转，村社区干部工资及养老保险、场镇环境维护等重点工作"), notes)
        XCTAssertTrue(notes.contains("公务用车运行维护费 6 万元，较上年预算减少 1 万元（-14.29%）"), notes)
    }

    /// A Chongqing 项目支出绩效目标审批表 (奉节县云雾土家族乡 2023, cqfj.gov.cn) puts 成本指标 first as its own 一级 指标
    /// with 经济成本指标 / 社会成本指标 / 生态环境成本指标 (the 2021 national framework): “成本指标 | 经济成本指标 |
    /// 项目建设成本 | ≤65万元”. The language knew 成本 only as a 二级 of 产出 (`unknown-indicator`).
    func testCostIsAFirstLevelIndicatorToo() throws {
        let text = TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        项目 "加工园配套设施建设"
          简介 "新建中药材晾晒房一座。"
          2130505 31001 房屋建筑物购建 65
          绩效
            总体目标 "新建中药材晾晒房一座，占地300平方米。"
            成本指标/经济成本指标 "项目建设成本" "≤65万元"
            成本/生态环境成本 "项目建设对环境的影响" "无"
            产出/数量 "新建晾晒房" "1座"
            产出/质量 "工程验收合格率" "100%"
            产出/时效 "完工时间" "2024年2月前"
            效益/经济 "带动群众务工增收" "5000元/年"
            满意度/服务对象满意度 "群众满意度" "≥95%"
        """
        let result = TestSupport.check(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error && $0.id != "empty-table-reason" }.map(\.message), [])
        // The 经济成本 indicator stands for the cost requirement and is compared with the money.
        XCTAssertEqual(result.diagnostics.filter { $0.id == "performance-complete" }.map(\.message), [])
        let over = TestSupport.check(text.replacingOccurrences(of: "房屋建筑物购建 65", with: "房屋建筑物购建 70"))
        XCTAssertTrue(over.diagnostics.contains { $0.id == "performance-cost" && $0.message.contains("≤65万元") },
                      "\(over.diagnostics.map(\.message))")
        // 表14 lists the 成本指标 levels (first, as the framework does) with the indicators written.
        let (layouts, _) = TableLayouts.load(templates: .locate())
        let sheets = TableSet.build(TableContext(budget: try XCTUnwrap(result.budget), layouts: layouts))
        let t14 = try XCTUnwrap(sheets.first { $0.name == "表14" })
        var texts: [String] = []
        for r in 0..<t14.rowCount {
            for c in 0..<t14.columnCount { if case .text(let t)? = t14.cell(r, c)?.value { texts.append(t) } }
        }
        let costLevel = try XCTUnwrap(texts.firstIndex(of: "经济成本指标"), "\(texts)")
        XCTAssertEqual(texts[costLevel + 1], "项目建设成本")
        XCTAssertTrue(texts.contains("生态环境成本指标"))
        XCTAssertLessThan(costLevel, try XCTUnwrap(texts.firstIndex(of: "数量指标")))
    }

    /// A Guangxi 说明 (梧州市科学技术协会 2023 年部门预算, p. 12) states its 政府采购 three ways: by kind (货物 10,000 元,
    /// 服务 7,000 元), by 组织形式 (政府集中采购 17,000 元, 分散采购 0 元) and by 资金类型 (一般公共预算拨款 17,000 元).
    /// The language had no way to say 集中/分散; the 说明 gave only the kinds.
    func testProcurementStatesItsOrganisationAndFunding() throws {
        let text = """
        部门 1 测试协会
        年度 2023
        金额单位 元
        公开金额单位 元
        单位 1 测试协会 事业
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
          事业收入 = 事业收入支出
        基本支出
          公用经费
            2060702 30201 办公费 10000
              采购 A05040101 复印纸 金额 10000 方式 集中
            2060702 30213 维修（护）费 7000
              采购 C23120000 车辆维修和保养服务 金额 7000 方式 政府集中采购
            2060702 30202 印刷费 3000 来源 事业收入
              采购 C23090000 印刷服务 金额 3000 方式 分散
        """
        let result = TestSupport.check(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("按组织形式划分，政府集中采购预算 17,000 元，分散采购预算 3,000 元。"), notes)
        XCTAssertTrue(notes.contains("按资金来源划分，一般公共预算拨款 17,000 元、事业收入 3,000 元。"), notes)
        // An unknown 组织形式 is an error naming the two.
        let typo = TestSupport.check(text.replacingOccurrences(of: "方式 分散", with: "方式 自行"))
        XCTAssertTrue(typo.diagnostics.contains { $0.severity == .error && $0.message.contains("集中") && $0.message.contains("分散") },
                      "\(typo.diagnostics.map(\.message))")
    }

    /// workbooks/rongchang-wanling-2025: “上年结转收入1331.11万元，主要是一般公共预算拨款522.05万元，政府性基金预算拨款809.06万元”.
    /// `上年结转` had no fund: the 全国 表4 put the carried-over spending only in 合计 (城乡社区支出: 合计 1,222.06, 一般公共预算 0,
    /// 政府性基金预算 7.45). The carry-over of each 财政拨款 is now a source of its own.
    func testCarryOverNamesTheFundItCameFrom() throws {
        let text = """
        部门 226 测试镇
        年度 2025
        金额单位 万元
        报表 全国
        单位 226001 测试镇 行政
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
          一般公共预算拨款结转 = 一般公共预算拨款结转支出
          上年结转政府性基金 809.06
        基本支出
          人员经费
            2010301 30101 基本工资 100
        结转项目 "城乡社区建设（政府性基金结转）"
          来源 政府性基金拨款结转
          2120899 30905 基础设施建设 809.06
        结转项目 "城乡社区建设（一般公共预算结转）"
          2120501 30905 基础设施建设 405.55 来源 上年结转一般公共预算拨款
        允许 headcount "测试"
        """
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("budget.bud").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.xlsx").path
        let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
        let compiled = pipeline.compile(path: path, output: output)
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let book = try XlsxWorkbook(path: output)
        let t4 = try XCTUnwrap(book.sheet("表4"))
        XCTAssertEqual(NewcomerExampleTests.value(t4, "上年财政拨款结转", column: 1), 1_214_610_000)
        XCTAssertEqual(NewcomerExampleTests.value(t4, "十二、城乡社区支出", labelColumn: 2, column: 3), 1_214_610_000, "合计")
        XCTAssertEqual(NewcomerExampleTests.value(t4, "十二、城乡社区支出", labelColumn: 2, column: 4), 405_550_000, "一般公共预算")
        XCTAssertEqual(NewcomerExampleTests.value(t4, "十二、城乡社区支出", labelColumn: 2, column: 5), 809_060_000, "政府性基金预算")
        let t1 = try XCTUnwrap(book.sheet("表1"))
        XCTAssertEqual(NewcomerExampleTests.value(t1, "上年结转结余", column: 1), 1_214_610_000)
        // Each carried-over fund balances on its own: spending from a carry-over with no income is reported.
        let unbalanced = TestSupport.check(text.replacingOccurrences(of: "  上年结转政府性基金 809.06\n", with: ""))
        XCTAssertTrue(unbalanced.diagnostics.contains { $0.id == "balance" && $0.message.contains("政府性基金拨款结转") },
                      "\(unbalanced.diagnostics.map(\.message))")
    }

    /// `init --from` leaves last year's carry-overs as comments; the carry-overs that name their fund too.
    func testInitFromCommentsOutCarryOversOfEachFund() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = TestSupport.repoRoot.appendingPathComponent("workbooks/rongchang-wanling-2025/budget.bud")
        let new = dir.appendingPathComponent("budget-2026.bud")
        let run = try TestSupport.run(["init", "--from", old.path, "--year", "2026", "-o", new.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: new, encoding: .utf8)
        XCTAssertTrue(text.contains("  # 一般公共预算拨款结转"), text)
        XCTAssertTrue(text.contains("  # 政府性基金拨款结转"), text)
        XCTAssertNil(text.range(of: "\n  (一般公共预算拨款|政府性基金拨款)结转", options: .regularExpression), text)
        let checked = try TestSupport.run(["check", new.path])
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
    }

    /// Transcribing a publication that gives 公务接待费 but no 批次, the newcomer wrote `公务接待 批次 0` for “not
    /// published”; the warning's hint only said “核对 三公 块中的数量与经费”. It now says to leave the count out.
    func testAZeroCountHintSaysToLeaveAnUnpublishedCountOut() throws {
        let text = TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2010301 30217 公务接待费 0.50
        三公
          公务接待 批次 0
        """
        let finding = try XCTUnwrap(TestSupport.check(text).diagnostics.first { $0.id == "sangong-quantity" })
        XCTAssertTrue(finding.hint?.contains("公开稿没有公开这个数量时，不写这一项") == true, finding.hint ?? "")
    }

    /// 陕西 表11 prints each carried-over line's 资金性质; unwritten, it said 一般公共预算资金 even for a carry-over of 政府性基金.
    func testTable11FundNatureFollowsTheCarryOversFund() throws {
        let text = TestSupport.header + """
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
          政府性基金拨款结转 = 政府性基金拨款结转支出
        基本支出
          人员经费
            2010301 30101 基本工资 100
        结转项目 "城乡社区建设（政府性基金结转）"
          来源 政府性基金拨款结转
          2120899 30905 基础设施建设 809.06
        """
        let result = TestSupport.check(text)
        let (layouts, _) = TableLayouts.load(templates: .locate())
        let sheets = TableSet.build(TableContext(budget: try XCTUnwrap(result.budget), layouts: layouts))
        let t11 = try XCTUnwrap(sheets.first { $0.name == "表11" })
        var texts: [String] = []
        for r in 0..<t11.rowCount {
            for c in 0..<t11.columnCount { if case .text(let t)? = t11.cell(r, c)?.value { texts.append(t) } }
        }
        XCTAssertTrue(texts.contains("政府性基金预算资金"), "\(texts)")
        XCTAssertFalse(texts.contains("一般公共预算资金"), "\(texts)")
    }
}

