import BudgetCore
import Foundation
import XCTest

/// Problems met writing real publications of a province not seen before (四川) from the docs alone:
/// workbooks/daying-wenlv-2022 (a 县文化广电旅游局's 2022 单位决算 known from its 说明's totals) and
/// workbooks/jingyan-mata-2023 (a township's 部门预算项目绩效目标表). Each test failed before its fix.
final class Trial5Tests: XCTestCase {
    static let running2021 = """
    决算 2021
    部门 510923 测试局
    单位 510923001 测试局 行政
    机关运行经费 359.23
    """

    /// The 说明 compares 机关运行经费 with last year's (“机关运行经费支出73.73万元，比2021年减少285.5万元，
    /// 下降79.47%。主要原因……”); before, with last year's 决算 named, it said only “支出 73.73 万元。”.
    func testRunningCostIsComparedWithLastYearsActuals() throws {
        let result = TestSupport.checkActuals("""
        决算 2022
        部门 510923 测试局
        上年决算 "上年.bud"
        单位 510923001 测试局 行政
        机关运行经费 73.73
        说明
          机关运行经费 "一是天府旅游名县创建工作已完成，公用经费支出减少；二是压缩了机关运行开支"
        """, files: ["上年.bud": Self.running2021])
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("2022年度本部门机关运行经费支出 73.73 万元，较上年减少 285.50 万元，下降 79.48%，"
            + "主要原因：一是天府旅游名县创建工作已完成，公用经费支出减少；二是压缩了机关运行开支。"), notes)
    }

    /// Without its reason the change is reported at the 决算's line like every other 较上年 sentence.
    func testRunningCostChangeWithoutAReasonIsReported() throws {
        let result = TestSupport.checkActuals("""
        决算 2022
        部门 510923 测试局
        上年决算 "上年.bud"
        单位 510923001 测试局 行政
        机关运行经费 73.73 年初预算 80
        """, files: ["上年.bud": Self.running2021])
        let warnings = result.diagnostics.filter { $0.severity != .note }
        XCTAssertEqual(warnings.map(\.id), ["actuals-change-reason"], "\(warnings.map(\.message))")
        XCTAssertEqual(warnings.first?.hint, "在 说明 块中写：机关运行经费 \"原因……\"")
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("2022年度本部门机关运行经费支出 73.73 万元，比年初预算数减少 6.27 万元，较上年减少 285.50 万元，下降 79.48%。"), notes)
    }

    // MARK: - The examples, compiled by the binary and read back

    /// workbooks/daying-wenlv-2022: the totals of the 说明 read back from 公开01, 03, 09 and the 决算说明.
    func testSichuanBureauActualsCarryThePublishedTotals() throws {
        let book = try TestSupport.compiledExample("daying-wenlv-2022/actuals-2022.bud")
        let value = NewcomerExampleTests.value
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        XCTAssertEqual(value(t1, "一、一般公共预算财政拨款收入", 0, 2), 3_859_160_000)
        XCTAssertEqual(value(t1, "八、其他收入", 0, 2), 266_330_000)
        XCTAssertEqual(value(t1, "本年收入合计", 0, 2), 4_125_490_000)
        XCTAssertEqual(value(t1, "本年支出合计", 3, 5), 4_143_910_000)
        XCTAssertEqual(value(t1, "年初结转和结余", 0, 2), nil, "未公开: blank")
        XCTAssertEqual(value(t1, "总计", 0, 2), nil, "未公开: blank")
        let t3 = try XCTUnwrap(book.sheet("公开03表"))
        XCTAssertEqual(value(t3, "合计", 0, 2), 4_143_910_000)
        XCTAssertEqual(value(t3, "合计", 0, 3), 1_140_270_000)
        XCTAssertEqual(value(t3, "合计", 0, 4), 3_003_640_000)
        let t9 = try XCTUnwrap(book.sheet("公开09表"))
        let numbering = try XCTUnwrap(t9.cells(inColumn: 11).first { $0.number == 12 }?.row)
        XCTAssertEqual(t9.number(row: numbering + 1, column: 11).map { Int(($0 * 100).rounded()) }, 780, "决算 公务接待费")
        XCTAssertNil(t9.number(row: numbering + 1, column: 6), "决算 合计: 未公开")
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("本年收入合计 4,125.49 万元，较上年减少 1,267.86 万元，下降 23.51%，主要原因是天府旅游名县创建工作完成，项目收入减少。"
            + "其中：财政拨款收入 3,859.16 万元，占 93.54%；其他收入 266.33 万元，占 6.46%。"), notes)
        XCTAssertTrue(notes.contains("本年支出合计 4,143.91 万元，较上年减少 2,570.97 万元"), notes)
        XCTAssertTrue(notes.contains("其中：基本支出 1,140.27 万元，占 27.52%；项目支出 3,003.64 万元，占 72.48%。"), notes)
        XCTAssertTrue(notes.contains("公务接待费支出决算 7.80 万元，预算 7.80 万元，完成预算的 100.00%。决算数较上年减少 1.24 万元"), notes)
        XCTAssertTrue(notes.contains("国内公务接待 16 批次，800 人次。"), notes)
        XCTAssertFalse(notes.contains("“三公”经费财政拨款支出"), "the total is 未公开\n" + notes)
        XCTAssertTrue(notes.contains("机关运行经费支出 73.73 万元，较上年减少 285.50 万元，下降 79.48%"), notes)
        XCTAssertTrue(notes.contains("政府采购支出总额 709.65 万元，其中：政府采购货物支出 0.00 万元、政府采购工程支出 39.00 万元、政府采购服务支出 670.65 万元。"), notes)
        XCTAssertFalse(notes.contains("收、支总计"), "the publication's two 总计 are its 本年 totals; the carry-overs are 未公开\n" + notes)
        // `公开稿 单位决算`: titled and worded as the publication (UnitPublicationTests).
        XCTAssertTrue(notes.hasPrefix("大英县文化广电旅游局2022年度单位决算情况说明"), notes)
        XCTAssertTrue(notes.contains("2022年度本单位机关运行经费支出"), notes)
        XCTAssertFalse(notes.contains("本部门"), notes)
        XCTAssertEqual(try XCTUnwrap(book.sheet("封面")).text(row: 0, column: 0), "2022年度单位决算")
    }

    /// workbooks/jingyan-mata-2023: the two projects of the 项目绩效目标表, in 元, read back from 表1, 表10 and
    /// the table the example's own set adds (表11 部门预算项目绩效目标表).
    func testSichuanTownshipProjectTargetsCarryThePublishedFigures() throws {
        let book = try TestSupport.compiledExample("jingyan-mata-2023/budget.bud")
        let yuan = NewcomerExampleTests.yuan
        let t1 = try XCTUnwrap(book.sheet("表1"))
        XCTAssertEqual(yuan(t1, "一、一般公共预算拨款收入", 0, 1), 396_984_000)
        let t10 = try XCTUnwrap(book.sheet("表10"))
        XCTAssertEqual(yuan(t10, "村组干部报酬", 1, 2), 330_984_000)
        XCTAssertEqual(yuan(t10, "基层组织活动经费", 1, 2), 66_000_000)
        let t11 = try XCTUnwrap(book.sheet("表11"))
        let contents = try XCTUnwrap(book.sheet("目录"))
        // `未公开 基本支出 三公 …`: the empty 基本支出 and 三公 tables are not claimed to be “本部门无……”, the 说明 states no 0.
        for table in ["表6", "表7"] {
            XCTAssertEqual(contents.findRow(where: 0, equals: table).flatMap { contents.text(row: $0, column: 3) }, "所据公开稿没有公开本表的数据。", table)
        }
        let notes = try XCTUnwrap(book.sheet("说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("绩效目标情况说明"), notes)
        for unknown in ["“三公”经费预算支出", "会议费预算支出", "机关运行经费预算安排", "其中：基本支出"] {
            XCTAssertFalse(notes.contains(unknown), unknown)
        }
        XCTAssertEqual(contents.findRow(where: 0, equals: "表11").flatMap { contents.text(row: $0, column: 1) }, "2023年部门预算项目绩效目标表")
        for (content, value) in [("村组干部230人", "≥230个"), ("维护社会稳定", "≥95%"), ("维持时效", "≥1年"), ("行政村数量", "=11个"),
                                 ("辖区内群众满意度", "≥95%")] {
            let row = try XCTUnwrap(t11.findRow(where: 3, equals: content), content)
            XCTAssertEqual(t11.text(row: row, column: 4), value, content)
        }
        // 权重 and 指标方向性 in their own columns.
        let header = try XCTUnwrap(t11.findRow(where: 1, equals: "一级指标"))
        XCTAssertEqual((5...7).map { t11.text(row: header, column: $0) }, ["权重", "指标方向性", "备注"])
        let timing = try XCTUnwrap(t11.findRow(where: 3, equals: "维持时效"))
        XCTAssertEqual(t11.number(row: timing, column: 5), 20)
        XCTAssertEqual(t11.text(row: timing, column: 6), "正向指标")
    }

    // MARK: - 权重 on an indicator

    static let weighted = """
    部门 820 测试镇
    年度 2023
    金额单位 元
    单位 820001 测试镇人民政府 行政
    收入
      一般公共预算拨款 = 支出合计
    空表 表7 "本部门没有基本支出。"
    空表 表8 "本部门没有基本支出。"
    项目 "村组干部报酬"
      简介 "按时发放村组干部报酬"
      2130705 30399 其他对个人和家庭的补助 3,309,840.00
      绩效
        总体目标 "按时发放村组干部报酬"
        产出/数量 "村组干部230人" "≥230个" 权重 10
        产出/质量 "按时发放" "≥1人/年" "正向指标" 权重 10
        产出/时效 "维持时效" "≥1年" 权重 20 "正向指标"
        产出/成本 "补助标准" "≤3,309,840元"
        效益/社会效益 "维护社会稳定" "≥95%" "权重"
        满意度/服务对象满意度 "人民群众满意度" "≥95%" 权重 10
    部门绩效
      总体目标 "保障机关正常运转"
      产出/数量 "保障人数" "≥20人" 权重 30
    """

    /// Sichuan's 绩效目标表 print a 权重 per indicator; it had no place but the 备注 (jingyan-mata-2023 wrote
    /// “权重10，正向指标” there). `权重 N` after the value (before or after a 备注) is the indicator's weight.
    func testIndicatorWeightIsReadAfterTheValue() throws {
        let result = TestSupport.check(Self.weighted)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map { "\($0.id): \($0.message)" }, [])
        let indicators = try XCTUnwrap(result.budget?.budget.projects.first?.performance?.indicators)
        XCTAssertEqual(indicators.map { $0.weight }, [10, 10, 20, nil, nil, 10])
        XCTAssertEqual(indicators.map { $0.remark }, ["", "正向指标", "正向指标", "", "权重", ""], "a quoted “权重” is a 备注")
        XCTAssertEqual(indicators.map { $0.value }, ["≥230个", "≥1人/年", "≥1年", "≤3,309,840元", "≥95%", "≥95%"])
    }

    func testIndicatorWeightMustBeAWholeNumberOfPoints() throws {
        for (written, column) in [("权重 十", 33), ("权重 120", 33), ("权重 7.5", 33), ("权重", 30)] {
            let result = TestSupport.check(Self.weighted.replacingOccurrences(of: "\"≥230个\" 权重 10", with: "\"≥230个\" " + written))
            let errors = result.diagnostics.filter { $0.severity == .error }
            XCTAssertEqual(errors.map(\.id), ["bad-number"], written)
            XCTAssertEqual(errors.first?.message.hasPrefix("权重应是 0 到 100 的整数"), true, written)
            XCTAssertEqual(errors.first?.span?.column, column, written)
            XCTAssertEqual(errors.first?.span?.line, 14, written)
        }
        let extra = TestSupport.check(Self.weighted.replacingOccurrences(of: "\"≥230个\" 权重 10", with: "\"≥230个\" \"甲\" \"乙\" 权重 10"))
        XCTAssertEqual(extra.diagnostics.filter { $0.severity == .error }.map(\.message), ["指标应写作：产出/数量 \"指标内容\" \"指标值\" [\"备注\"] [权重 N] [方向 正向]"])
    }

    /// `budgetc fmt` keeps the weight where it was written.
    func testIndicatorWeightSurvivesFmt() throws {
        let (file, diagnostics) = Loader.parseData(Data(Self.weighted.utf8), path: "x.bud", requestedAt: nil)
        XCTAssertEqual(diagnostics, [])
        let formatted = Formatter().format(try XCTUnwrap(file))
        XCTAssertTrue(formatted.contains("    产出/数量 \"村组干部230人\" \"≥230个\" 权重 10\n"), formatted)
        XCTAssertTrue(formatted.contains("    产出/时效 \"维持时效\" \"≥1年\" 权重 20 \"正向指标\"\n"), formatted)
        let again = TestSupport.check(formatted)
        XCTAssertEqual(again.budget?.budget.projects.first?.performance?.indicators.map { $0.weight }, [10, 10, 20, nil, nil, 10])
    }

    /// The 项目绩效 form prints a 权重 column when a project's indicators carry weights (and not otherwise).
    func testProjectPerformanceFormPrintsTheWeights() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text, weights) in [("weighted", Self.weighted, true),
                                      ("plain", Self.weighted.replacingOccurrences(of: #" 权重 (10|20|30)"#, with: "", options: .regularExpression), false)] {
            let path = directory.appendingPathComponent("\(name).bud").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let output = directory.appendingPathComponent("\(name).xlsx").path
            let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
            XCTAssertNotNil(pipeline.compile(path: path, output: output).output, name)
            let t14 = try XCTUnwrap(try XlsxWorkbook(path: output).sheet("表14"))
            let header = try XCTUnwrap(t14.findRow(where: 1, equals: "一级指标"), name)
            XCTAssertEqual(t14.text(row: header, column: 5), weights ? "权重" : "备注", name)
            let row = try XCTUnwrap(t14.findRow(where: 3, equals: "维持时效"), name)
            XCTAssertEqual(t14.number(row: row, column: 5), weights ? 20 : nil, name)
            XCTAssertEqual(t14.text(row: row, column: weights ? 6 : 5), "正向指标", name)
            let t15 = try XCTUnwrap(try XlsxWorkbook(path: output).sheet("表15"))
            let grid = try XCTUnwrap(t15.findRow(where: 1, equals: "一级指标"), name)
            XCTAssertEqual(t15.text(row: grid, column: 5), weights ? "权重" : "指标值", name)
            let staff = try XCTUnwrap(t15.findRow(where: 3, equals: "保障人数"), name)
            XCTAssertEqual(t15.text(row: staff, column: weights ? 4 : 5), "≥20人", name)
        }
    }

    // MARK: - “三公” of a 决算 known only in part

    static let receptionOnly = """
    决算 2022
    部门 510923 测试局
    单位 510923001 测试局 行政
    三公
      合计 未公开
      公务接待 预算 7.8 决算 7.8 批次 16 人次 800
    """

    /// daying-wenlv-2022's pages give only the 公务接待费 of its “三公”: written alone, it was taken for the whole —
    /// “‘三公’经费财政拨款支出预算为 7.80 万元，支出决算为 7.80 万元”, and 7.80 in 公开09's 合计. `合计 未公开`
    /// says the total (and the parts not written) are unknown.
    func testSanGongTotalUnpublishedIsNotStated() throws {
        let result = TestSupport.checkActuals(Self.receptionOnly)
        XCTAssertEqual(result.diagnostics.map { "\($0.id): \($0.message)" }, [])
        let actuals = try XCTUnwrap(result.actuals)
        XCTAssertNil(actuals.sanGongActualTotal)
        let notes = ActualsNotes.generate(for: actuals).markdown()
        XCTAssertFalse(notes.contains("“三公”经费财政拨款支出"), notes)
        XCTAssertTrue(notes.contains("公务接待费支出决算 7.80 万元，预算 7.80 万元，完成预算的 100.00%。国内公务接待 16 批次，800 人次。"), notes)
        XCTAssertFalse(notes.contains("因公出国"), notes)
    }

    /// Compared with last year's: the total is not (unknown), the part is.
    func testSanGongTotalUnpublishedIsNotComparedWithLastYear() throws {
        let result = TestSupport.checkActuals(Self.receptionOnly.replacingOccurrences(of: "单位 510923001", with: "上年决算 \"上年.bud\"\n单位 510923001")
            + "\n说明\n  公务接待 \"缩减公务接待开支\"\n", files: ["上年.bud": """
        决算 2021
        部门 510923 测试局
        单位 510923001 测试局 行政
        三公
          公务接待 决算 9.04
        """])
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("决算数较上年减少 1.24 万元，下降 13.72%，主要原因是缩减公务接待开支。"), notes)
        XCTAssertFalse(notes.contains("“三公”经费财政拨款支出"), notes)
    }

    /// 公开09 leaves the unknown total, the parts not written and the vehicles' 小计 blank.
    func testSanGongTotalUnpublishedLeavesTheTableBlank() throws {
        let t9 = try XCTUnwrap(try TestSupport.compiled(Self.receptionOnly, name: "决算.bud").sheet("公开09表"))
        let numbering = try XCTUnwrap(t9.cells(inColumn: 11).first { $0.number == 12 }?.row)
        let values = (0..<12).map { t9.number(row: numbering + 1, column: $0).map { Int(($0 * 100).rounded()) } }
        XCTAssertEqual(values, [nil, nil, nil, nil, nil, 780, nil, nil, nil, nil, nil, 780])
    }

    /// A 未细分 rest is part of a known 合计; with the 合计 未公开 it cannot be known.
    func testSanGongTotalUnpublishedHasNoUndetailedRest() throws {
        let result = TestSupport.checkActuals(Self.receptionOnly + "\n  未细分 预算 1 决算 1\n")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), ["合计 未公开 时没有 未细分 可写"])
    }

    func testSanGongTotalUnpublishedCannotAlsoBeWritten() throws {
        let result = TestSupport.checkActuals(Self.receptionOnly.replacingOccurrences(of: "  合计 未公开\n", with: "  合计 未公开\n  合计 预算 9 决算 9\n"))
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.id), ["duplicate"])
    }

    /// A budget naming such a 决算 as its 上年决算: only the 公务接待费 is compared; the total and the other parts
    /// were compared with 0 or with the 公务接待费 alone (“较上年增加 3.00 万元（上年无此项）”).
    func testBudgetComparesOnlyTheKnownSanGongPartsOfLastYearsActuals() throws {
        let result = TestSupport.check("""
        部门 510923 测试局
        年度 2023
        上年决算 "上年.bud"
        报表 全国
        单位 510923001 测试局 行政
          编制 行政 10
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2070101 30217 公务接待费 6
            2070101 30231 公务用车运行维护费 3
        三公
          公务接待 批次 10 人次 50
          公务用车 保有 1 购置 0
        说明
          公务接待 "压减公务接待"
        """, files: ["上年.bud": Self.receptionOnly], rootPath: "budget.bud")
        let notes = Notes.generate(try XCTUnwrap(result.budget)).markdown()
        XCTAssertTrue(notes.contains("本部门当年一般公共预算“三公”经费预算支出 9 万元。其中："), notes)
        XCTAssertTrue(notes.contains("公务接待费 6 万元，较上年预算减少 1.8 万元"), notes)
        XCTAssertTrue(notes.contains("公务用车运行维护费 3 万元。"), notes)
        XCTAssertEqual(result.diagnostics.filter { $0.id == "sangong-growth" }.map(\.message), [], "nothing to grow from")
    }

    /// workbooks/pingshan-xiakou-2025: a 河北 财政所's 部门收支总表, read back from the national 表1.
    func testHebeiFinanceOfficeBudgetCarriesThePublishedTotals() throws {
        let book = try TestSupport.compiledExample("pingshan-xiakou-2025/budget.bud")
        let value = NewcomerExampleTests.value
        let t1 = try XCTUnwrap(book.sheet("表1"))
        XCTAssertEqual(value(t1, "一、一般公共预算拨款收入", 0, 1), 675_820_000)
        XCTAssertEqual(value(t1, "本年收入合计", 0, 1), 675_820_000)
        XCTAssertEqual(value(t1, "上年结转结余", 0, 1), 14_540_000)
        XCTAssertEqual(value(t1, "收入总计", 0, 1), 690_360_000)
        for (label, amount) in [("一、一般公共服务支出", 516_390_000), ("八、社会保障和就业支出", 98_250_000), ("十、卫生健康支出", 21_530_000),
                                ("十三、农林水支出", 14_540_000), ("二十、住房保障支出", 39_650_000), ("本年支出合计", 690_360_000),
                                ("支出总计", 690_360_000)] {
            XCTAssertEqual(value(t1, label, 2, 3), amount, label)
        }
        // `未公开 三公 …`: the publication gives only this table, so the 说明 claims no 0 and the 目录 says why 表7 is empty.
        let contents = try XCTUnwrap(book.sheet("目录"))
        XCTAssertEqual(contents.findRow(where: 0, equals: "表7").flatMap { contents.text(row: $0, column: 3) }, "所据公开稿没有公开本表的数据。")
        let notes = try XCTUnwrap(book.sheet("说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("一般公共预算拨款支出 675.82 万元"), notes)
        for unknown in ["“三公”经费预算支出", "会议费预算支出", "机关运行经费预算安排", "政府采购", "绩效目标情况说明"] {
            XCTAssertFalse(notes.contains(unknown), unknown)
        }
    }

    // MARK: - A reason for the 决算 against its 预算, apart from the one against last year

    static let sanGong2022 = """
    决算 2022
    部门 440000 测试厅
    单位 440000001 测试厅 行政
    三公
      合计             决算 23.10
      因公出国         决算 0
      公务用车购置     决算 0
      公务用车运行维护 决算 21.14
      公务接待         决算 1.96
    """

    static let sanGong2023 = """
    决算 2023
    部门 440000 测试厅
    上年决算 "上年.bud"
    单位 440000001 测试厅 行政
    三公
      合计             预算 84.82 决算 62.07
      因公出国         预算 12.02 决算 12.02
      公务用车购置     预算 0     决算 0
      公务用车运行维护 预算 29.6  决算 27.46
      公务接待         预算 43.2  决算 22.59
    机关运行经费 50 年初预算 60
    说明
      三公 较预算 "从严控制“三公”经费开支，全年实际支出比预算有所节约"
      三公 "2023年随着公务往来恢复正常，相关“三公”经费支出增加"
      机关运行经费 较预算 "压减办公经费"
    允许 actuals-change-reason "公开稿只写了“三公”合计较上年增加的原因。"
    """

    /// 广东省财政厅's 说明 gives one reason for 决算 below 预算 (“从严控制……比预算有所节约”) and another for the
    /// rise on last year; the `三公` topic had room for one, printed after both (“决算数小于预算数的主要原因是2023年
    /// 随着公务往来恢复正常……”). `话题 较预算 "……"` is the reason against the 预算.
    func testReasonAgainstTheBudgetIsSeparateFromTheChangeOnLastYear() throws {
        let result = TestSupport.checkActuals(Self.sanGong2023, files: ["上年.bud": Self.sanGong2022])
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error || $0.severity == .warning }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("完成预算的 73.18%。决算数小于预算数的主要原因是从严控制“三公”经费开支，全年实际支出比预算有所节约。"
            + "决算数较上年增加 38.97 万元，增长 168.70%，主要原因是2023年随着公务往来恢复正常，相关“三公”经费支出增加。"), notes)
        XCTAssertTrue(notes.contains("机关运行经费支出 50.00 万元，比年初预算数减少 10.00 万元，主要原因是压减办公经费。"), notes)
    }

    /// Without a `较预算` reason the topic's serves both, as before (workbooks/xundian-tangzijie-2023).
    func testTopicReasonStillExplainsTheBudgetWhenNoneIsWrittenForIt() throws {
        let text = Self.sanGong2023.replacingOccurrences(of: "  三公 较预算 \"从严控制“三公”经费开支，全年实际支出比预算有所节约\"\n", with: "")
        let result = TestSupport.checkActuals(text, files: ["上年.bud": Self.sanGong2022])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("决算数小于预算数的主要原因是2023年随着公务往来恢复正常"), notes)
    }

    /// A budget's reasons are all about last year: `较预算` there is an error, and before it was read silently
    /// as part of the reason (“主要原因是预算 ……”).
    func testReasonAgainstTheBudgetIsOnlyForActuals() throws {
        let result = TestSupport.check("""
        部门 440 测试厅
        年度 2024
        单位 440001 测试厅 行政
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2010601 30101 基本工资 10
        说明
          支出 较预算 "压减开支"
        """)
        let errors = result.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.id), ["syntax"])
        XCTAssertEqual(errors.first?.message, "“较预算”的原因只用于决算文件的说明（决算数与预算数不同的原因）")
    }

    /// workbooks/guangdong-czt-2023: a 广东 stand-alone “三公” 决算, read back from 公开09 and the 决算说明.
    func testGuangdongSanGongActualsCarryThePublishedFigures() throws {
        let book = try TestSupport.compiledExample("guangdong-czt-2023/actuals-2023.bud")
        let t9 = try XCTUnwrap(book.sheet("公开09表"))
        let numbering = try XCTUnwrap(t9.cells(inColumn: 11).first { $0.number == 12 }?.row)
        let values = (0..<12).map { t9.number(row: numbering + 1, column: $0).map { Int(($0 * 100).rounded()) } }
        XCTAssertEqual(values, [8482, 1202, 2960, nil, 2960, 4320, 6207, 1202, 2746, nil, 2746, 2259])
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("支出决算为 62.07 万元，完成预算的 73.18%。决算数小于预算数的主要原因是认真贯彻落实中央八项规定精神和厉行节约的要求"), notes)
        XCTAssertTrue(notes.contains("决算数较上年增加 38.97 万元，增长 168.70%，主要原因是2022年受疫情等因素影响"), notes)
        XCTAssertTrue(notes.contains("公务接待费支出决算 22.59 万元，占 36.39%，预算 43.20 万元，完成预算的 52.29%。决算数较上年增加 20.63 万元"), notes)
    }

    /// `fmt` keeps a `较预算` reason as written.
    func testReasonBasisSurvivesFmt() throws {
        let (file, diagnostics) = Loader.parseData(Data(Self.sanGong2023.utf8), path: "决算.bud", requestedAt: nil)
        XCTAssertEqual(diagnostics, [])
        let formatted = Formatter().format(try XCTUnwrap(file))
        XCTAssertTrue(formatted.contains("  三公 较预算 \"从严控制“三公”经费开支，全年实际支出比预算有所节约\"\n"), formatted)
        let again = TestSupport.checkActuals(formatted, files: ["上年.bud": Self.sanGong2022])
        XCTAssertEqual(again.actuals?.budgetReasons["三公"]?.text, "从严控制“三公”经费开支，全年实际支出比预算有所节约")
    }

    /// pingshan-xiakou-2025's publication gives no 编制: the warning's hint said only “在单位下写：编制 行政 N 事业 N”,
    /// which invites an invented number (the first draft wrote `编制 行政 1`). It also names the way to say the
    /// publication has none.
    func testHeadcountHintNamesTheAllowanceForAPublicationWithoutStaffNumbers() throws {
        let result = TestSupport.check("""
        部门 920 测试所
        年度 2025
        报表 全国
        单位 920001 测试所 行政
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2010601 30101 基本工资 10
        """)
        let warning = try XCTUnwrap(result.diagnostics.first { $0.id == "headcount" })
        XCTAssertEqual(warning.hint, "在单位下写：编制 行政 N 事业 N；公开稿没有编制数时不要编，写 允许 headcount \"公开稿没有公开编制人数。\"")
    }

    // MARK: - 方向 on an indicator (指标方向性)

    /// Sichuan's 绩效目标表 print 指标方向性 (正向指标/反向指标) beside the 权重; jingyan-mata-2023 kept it in the 备注.
    func testIndicatorDirectionIsReadAfterTheValue() throws {
        let text = Self.weighted
            .replacingOccurrences(of: "\"≥230个\" 权重 10", with: "\"≥230个\" 权重 10 方向 正向")
            .replacingOccurrences(of: "\"≥1人/年\" \"正向指标\" 权重 10", with: "\"≥1人/年\" 方向 反向指标 \"备注\"")
        let result = TestSupport.check(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map { "\($0.id): \($0.message)" }, [])
        let indicators = try XCTUnwrap(result.budget?.budget.projects.first?.performance?.indicators)
        XCTAssertEqual(indicators.map { $0.direction }, [.positive, .negative, nil, nil, nil, nil])
        XCTAssertEqual(indicators.map { $0.remark }[0...1], ["", "备注"])
        let bad = TestSupport.check(Self.weighted.replacingOccurrences(of: "\"≥230个\" 权重 10", with: "\"≥230个\" 方向 向上"))
        XCTAssertEqual(bad.diagnostics.filter { $0.severity == .error }.map(\.message), ["不认识的指标方向“向上”"])
        XCTAssertEqual(bad.diagnostics.first { $0.severity == .error }?.hint, "可写：正向、反向（或 正向指标、反向指标）")
    }

    /// The 项目绩效 form prints a 指标方向性 column after the 权重 when directions are written.
    func testProjectPerformanceFormPrintsTheDirections() throws {
        let source = Self.weighted.replacingOccurrences(of: "\"≥1年\" 权重 20 \"正向指标\"", with: "\"≥1年\" 权重 20 方向 正向 \"备\"")
        let t14 = try XCTUnwrap(try TestSupport.compiled(source).sheet("表14"))
        let header = try XCTUnwrap(t14.findRow(where: 1, equals: "一级指标"))
        XCTAssertEqual((4...7).map { t14.text(row: header, column: $0) }, ["指标值", "权重", "指标方向性", "备注"])
        let row = try XCTUnwrap(t14.findRow(where: 3, equals: "维持时效"))
        XCTAssertEqual(t14.number(row: row, column: 5), 20)
        XCTAssertEqual(t14.text(row: row, column: 6), "正向指标")
        XCTAssertEqual(t14.text(row: row, column: 7), "备")
    }

    /// The 部门整体绩效 form with both: a column wider, 指标值 | 权重 | 指标方向性.
    func testDepartmentPerformanceFormPrintsWeightsAndDirections() throws {
        let source = Self.weighted.replacingOccurrences(of: "\"≥20人\" 权重 30", with: "\"≥20人\" 权重 30 方向 正向")
        let t15 = try XCTUnwrap(try TestSupport.compiled(source).sheet("表15"))
        let header = try XCTUnwrap(t15.findRow(where: 1, equals: "一级指标"))
        XCTAssertEqual((4...6).map { t15.text(row: header, column: $0) }, ["指标值", "权重", "指标方向性"])
        let row = try XCTUnwrap(t15.findRow(where: 3, equals: "保障人数"))
        XCTAssertEqual(t15.text(row: row, column: 4), "≥20人")
        XCTAssertEqual(t15.number(row: row, column: 5), 30)
        XCTAssertEqual(t15.text(row: row, column: 6), "正向指标")
    }
}

