import BudgetCore
import Foundation
import XCTest
import ZIPFoundation

/// Issue 10: last year's 决算 as a document of the budget language, checked on its own and used by
/// every comparison of a budget that names it.
final class ActualsTests: XCTestCase {
    static let referenceActuals = TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/actuals-2024.bud").path

    // MARK: - Reference 002 on its own

    func testReference002ChecksOnItsOwnWithOnlyTailNotes() throws {
        let result = Pipeline().check(path: Self.referenceActuals)
        XCTAssertEqual(result.kind, .actuals)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.message), [])
        let a = try XCTUnwrap(result.actuals)
        XCTAssertEqual(a.year, 2024)
        XCTAssertEqual(a.departmentName, "聊城市医疗保障局")
        XCTAssertEqual(a.units.map(\.code), ["143001", "143002", "143003"])
        XCTAssertEqual(a.functionCodes.count, 15, "公开05表 has 15 项")
        XCTAssertEqual(a.totalSpending, Money(fen: 2_984_790_000), "sum of the 项 rows; the printed 合计 is 2,984.80")
        XCTAssertEqual(a.publishedTotal("合计"), Money(fen: 2_984_800_000))
        XCTAssertEqual(a.basicSpending, Money(fen: 1_576_290_000))
        XCTAssertEqual(a.projectSpending, Money(fen: 1_408_500_000))
        XCTAssertEqual(a.personnel, Money(fen: 1_436_250_000), "301 and 303 款 of 公开06表")
        XCTAssertEqual(a.publicUse, Money(fen: 140_060_000))
        XCTAssertEqual(a.lines.first { $0.functionCode == "2101502" }?.initialBudget, Money(fen: 270_000_000))
        XCTAssertEqual(a.lines.first { $0.functionCode == "2080501" }?.basic, Money(fen: 5_230_000))
        XCTAssertEqual(a.sanGong(.reception)?.budget, Money(fen: 670_000))
        XCTAssertEqual(a.quantity(.vehicleRunning, "保有"), 2)
        XCTAssertEqual(a.sanGongTotal?.actual, Money(fen: 5_860_000))
        XCTAssertEqual(a.runningCost?.budget, Money(fen: 47_600_000))
        XCTAssertEqual(a.assets.equipmentThreshold, Money(fen: 100 * Money.fenPerWan))
        // The publication's own rounding tails are notes that name the amounts.
        let tail = try XCTUnwrap(result.diagnostics.first { $0.id == "actuals-parts" && $0.message.hasPrefix("302 ") })
        XCTAssertEqual(tail.severity, .note)
        XCTAssertTrue(tail.message.contains("140.04") && tail.message.contains("140.06") && tail.message.contains("0.02"), tail.message)
    }

    func testEveryFormValidBeforeStaysValid() {
        let old = """
        决算 2024
        部门 143 聊城市医疗保障局
        金额单位 万元
        实有人数 86
        收入
          一般公共预算拨款 2984.80
        支出
          2080501 基本    5.23 项目 96.00
          2101501 基本  289.95
        基本支出
          30101 373.07
          30302 22.13
        三公
          因公出国 预算 4.70 决算 4.70 团组 1 人次 1
          公务接待 预算 0.67 决算 0.67 批次 7 人次 25
          公务用车购置 预算 0 决算 0 购置 0
          公务用车运行维护 预算 0.50 决算 0.50 保有 2
        会议费 0.81
        培训费 0.03
        机关运行经费 47.53
        政府采购 货物 2.98 工程 0 服务 305.60
        资产 车辆 2 大型设备 0
        """
        let result = TestSupport.checkActuals(old)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(result.actuals?.staffTotal, 86)
        XCTAssertEqual(result.actuals?.personnel, Money(fen: 395_200_000))
    }

    // MARK: - Rows as publications print them

    func testTabPastedRowsKeepTheirColumns() throws {
        let text = "决算 2024\n部门 143 测试局\n支出\n"
            + "  2101501\t行政运行\t289.95\t289.95\t\n"
            + "  2101505\t医疗保障政策管理\t102.60\t\t102.60\n"
            + "  2080501 行政单位离退休 101.23 5.23 96.00\n"
            + "  2101502 一般行政管理事务 项目 213.40 年初预算 270\n"
            + "基本支出\n"
            + "  30101\t基本工资\t373.07\t30201\t办公费\t7.96\t30701\t国内债务付息\t\n"
            + "  30106\t伙食补助费\t\t30205\t水费\t1.65\t31001\t房屋建筑物购建\t\n"
            + "\t\t\t\t\t\t30239\t其他交通费用\t16.58\n"
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let a = try XCTUnwrap(result.actuals)
        func line(_ code: String) -> ActualLine? { a.lines.first { $0.functionCode == code } }
        XCTAssertEqual(line("2101501")?.basic, Money(fen: 289_950_000))
        XCTAssertEqual(line("2101501")?.project, .zero)
        XCTAssertEqual(line("2101505")?.project, Money(fen: 102_600_000), "the empty 基本 cell keeps 102.60 in the 项目 column")
        XCTAssertEqual(line("2101505")?.basic, .zero)
        XCTAssertEqual(line("2080501")?.basic, Money(fen: 5_230_000))
        XCTAssertEqual(line("2101502")?.initialBudget, Money(fen: 270_000_000))
        XCTAssertEqual(line("2101505")?.name, "医疗保障政策管理")
        XCTAssertEqual(a.basicEconomic.map(\.code), ["30101", "30201", "30205", "30239"], "empty cells are codes without spending")
    }

    func testBalancePerSourceWithCarryOversAndOtherIncomeInsideALine() {
        let text = """
        决算 2024
        部门 143 测试局
        收入
          一般公共预算拨款 100
          其他收入 8
        年初结转结余
          一般公共预算拨款 5
        年末结转结余
          一般公共预算拨款 3
        支出
          2101501 行政运行 基本 60
          2101599 其他医疗保障管理事务支出 项目 42
          2101599 其他医疗保障管理事务支出 项目 8 来源 其他收入
        """
        let result = TestSupport.checkActuals(text)
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        XCTAssertEqual(result.actuals?.spending(functionPrefix: "2101599"), Money(fen: 50 * Money.fenPerWan))
        let unbalanced = TestSupport.checkActuals(text.replacingOccurrences(of: "其他收入 8", with: "其他收入 9"))
        let d = unbalanced.first("actuals-balance")
        XCTAssertEqual(d?.severity, .warning)
        XCTAssertEqual(d?.span?.line, 5, "at the income of the source that does not balance")
    }

    func testPerUnitSanGongFillsTheUnitRowsOfTable13() throws {
        let actualsText = """
        决算 2023
        部门 962 测试局
        单位 962001 测试局本级 行政
        单位 962002 测试中心 事业
        三公 962001
          公务接待 预算 0.6 决算 0.5
        三公 962002
          公务接待 预算 0.4 决算 0.2
        """
        let budget = """
        部门 962 测试局
        年度 2024
        上年决算 "决算.bud"
        单位 962001 测试局本级 行政
        单位 962002 测试中心 事业
        收入 962001
          一般公共预算拨款 = 支出合计
        收入 962002
          一般公共预算拨款 = 支出合计
        基本支出 962001
          公用经费
            2101501 30217 公务接待费 0.5
        基本支出 962002
          公用经费
            2101550 30217 公务接待费 0.5
        """
        let result = TestSupport.check(budget, files: ["决算.bud": actualsText])
        let block = try XCTUnwrap(result.budget?.previous?.sanGongBlock)
        XCTAssertEqual(block.basis, .budget)
        XCTAssertEqual(block.byUnit?["962001"]?[1], Money(fen: 600_000))
        XCTAssertEqual(block.byUnit?["962002"]?[1], Money(fen: 400_000))
        XCTAssertEqual(block.department[1], Money(fen: 1_000_000))
        // 0.5 + 0.5 = 1.0 is not above the 预算数 1.0, but above the 决算数 0.7: sangong-above-actuals, at the line.
        let d = try XCTUnwrap(result.diagnostics.first { $0.id == "sangong-above-actuals" })
        XCTAssertEqual(d.span?.line, 12)
        XCTAssertFalse(result.diagnostics.contains { $0.id == "sangong-growth" })
    }

    func testIncomeRowsPastedFromTable1KeepTheirAmount() {
        let result = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n收入\n  一、一般公共预算财政拨款收入\t1\t2,984.80\n  八、其他收入\t8\t12.00\n")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(result.actuals?.income(.generalBudget), Money(fen: 2_984_800_000))
        XCTAssertEqual(result.actuals?.income(.otherIncome), Money(fen: 12 * Money.fenPerWan))
    }

    func testFmtKeepsTheTabsOfPastedRows() throws {
        let text = "决算 2024\n部门   143 测试局\n支出\n      2101505\t医疗保障政策管理\t102.60\t\t102.60\n"
        let (file, _) = Loader.parseData(Data(text.utf8), path: "决算.bud", requestedAt: nil)
        let formatted = Formatter().format(try XCTUnwrap(file))
        XCTAssertEqual(formatted, "决算 2024\n部门 143 测试局\n支出\n  2101505\t医疗保障政策管理\t102.60\t\t102.60\n")
        XCTAssertEqual(TestSupport.checkActuals(formatted).actuals?.lines.first?.project, Money(fen: 102_600_000), "the empty cell survives formatting")
    }

    func testFunctionByEconomicRowsAreNamedAfterTheirEconomicCode() {
        let result = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n支出\n  2101501 30201 办公费 7.96\n  2101501 30211 差旅费 基本 4.37\n")
        XCTAssertEqual(result.diagnostics.map(\.message), [])
        XCTAssertEqual(result.actuals?.lines.map(\.economicCode), ["30201", "30211"])
        XCTAssertEqual(result.actuals?.spending(functionPrefix: "2101501"), Money(fen: 12_330_000))
        XCTAssertEqual(TestSupport.checkActuals("决算 2024\n部门 143 测试局\n支出\n  2101501 30201 差旅费 7.96\n").first("actuals-code-name")?.hint, "是不是 30211 差旅费？")
    }

    func testAmbiguousBareNumbersAskForLabels() {
        let result = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n支出\n  2101501 行政运行 289.95 289.95\n")
        let d = result.first("syntax")
        XCTAssertEqual(d?.span?.line, 4)
        XCTAssertTrue(d?.hint?.contains("基本") == true, "\(String(describing: d))")
    }

    func testUnknownCodeSuggestsTheCodeWithThatName() {
        let result = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n支出\n  2101595 医疗保障政策管理 项目 20.00\n")
        let d = result.first("unknown-code")
        XCTAssertEqual(d?.message, "未知的支出功能分类编码 2101595")
        XCTAssertEqual(d?.hint, "是不是“2101505 医疗保障政策管理”？")
    }

    func testNameAfterCodeIsCheckedAgainstTheCatalog() {
        let result = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n支出\n  2101501 事业运行 基本 20.00\n")
        let d = result.first("actuals-code-name")
        XCTAssertEqual(d?.severity, .warning)
        XCTAssertEqual(d?.hint, "是不是 2101550 事业运行？")
    }

    func testFormulasBareCodesAndBudgetStatementsAreErrors() {
        let result = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n支出\n  2101501 = 3 + 4\n  2101502\n项目 \"x\"\n")
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("不写公式") && $0.span?.line == 4 })
        XCTAssertTrue(result.diagnostics.contains { $0.id == "missing-amount" && $0.span?.line == 5 })
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("决算文件中不用“项目”") && $0.span?.line == 6 })
    }

    func testUnknownStatementHasDidYouMean() {
        let d = TestSupport.checkActuals("决算 2024\n部门 143 测试局\n机关运行费 3\n").first("syntax")
        XCTAssertEqual(d?.hint, "是不是“机关运行经费”？")
    }

    // MARK: - Kinds in the wrong place

    func testPreviousBudgetPointingAtActualsSaysSo() {
        let budget = TestSupport.header + "上年预算 \"决算.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 1\n"
        let result = TestSupport.check(budget, files: ["决算.bud": "决算 2023\n部门 962 测试局\n"])
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.id), ["previous-year"])
        XCTAssertTrue(result.first("previous-year")?.message.contains("是决算文件") == true)
        XCTAssertTrue(result.first("previous-year")?.hint?.contains("上年决算 \"决算.bud\"") == true)
    }

    func testPreviousActualsPointingAtABudgetSaysSo() {
        let budget = TestSupport.header + "上年决算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 1\n"
        let result = TestSupport.check(budget, files: ["last.bud": TestSupport.header.replacingOccurrences(of: "2024", with: "2023")])
        XCTAssertTrue(result.first("previous-year")?.message.contains("是预算文件") == true, "\(result.diagnostics)")
    }

    func testUnknownTopicIsAnErrorWithDidYouMean() {
        let budget = TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 1\n说明\n  三工 \"接待增加\"\n  2101509 \"x\"\n  三公： \"冒号也可以\"\n"
        let result = TestSupport.check(budget)
        XCTAssertEqual(result.first("unknown-topic")?.hint, "是不是“三公”？")
        XCTAssertEqual(result.first("unknown-topic")?.span?.line, 11)
        XCTAssertEqual(result.first("unknown-code")?.span?.line, 12)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.count, 2, "\(result.diagnostics)")
    }

    // MARK: - A budget with only 上年决算: every comparison from the 决算, read back from the workbook

    static let compiled: (workbook: XlsxWorkbook?, problem: String?) = {
        do {
            let output = try TestSupport.temporaryDirectory().appendingPathComponent("liaocheng.xlsx")
            let result = Pipeline().compile(path: TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/budget.bud").path, output: output.path)
            guard result.output != nil else { return (nil, "no workbook: \(result.result.diagnostics)") }
            return (try XlsxWorkbook(path: output.path), nil)
        } catch {
            return (nil, "\(error)")
        }
    }()

    func workbook() throws -> XlsxWorkbook {
        if let problem = Self.compiled.problem { XCTFail(problem) }
        return try XCTUnwrap(Self.compiled.workbook)
    }

    func testTable13LastYearBlockComesFromTheActuals() throws {
        let sheet = try XCTUnwrap(workbook().sheet("表13"))
        let row = try XCTUnwrap(sheet.findRow(where: 1, equals: "聊城市医疗保障局"))
        func value(_ column: Int) -> Double { sheet.cell(row: row, column: column)?.number ?? 0 }
        // 上年: 三公 预算数 of 公开09表 (4.70, 0.67, 0, 0.50) and 会议费 0.81, 培训费 0.03.
        XCTAssertEqual((2...10).map(value), [6.71, 5.87, 4.7, 0.67, 0.5, 0, 0.5, 0.81, 0.03], accuracy: 1e-9)
        XCTAssertEqual((20...28).map(value), [22.04, -0.22, -0.2, -0.02, 0, 0, 0, 7.59, 14.67], accuracy: 1e-9)
        let unitRow = try XCTUnwrap(sheet.findRow(where: 0, equals: "143001"))
        XCTAssertNil(sheet.cell(row: unitRow, column: 2)?.number, "the 决算 has no per-unit 三公: unit rows of 上年 stay blank")
    }

    func testChartsDrawLastYearFromTheActualsAndNameTheBasis() throws {
        let data = try XCTUnwrap(workbook().sheet("图表"))
        XCTAssertTrue(data.cells.values.contains { $0.string == "2024年决算" })
        XCTAssertTrue(data.cells.values.contains { $0.string == "2024年预算数（取自2024年决算）" })
        XCTAssertEqual(data.findRow(where: 0, equals: "卫生健康支出").flatMap { data.cell(row: $0, column: 1)?.number }, 2420.25)
        XCTAssertEqual(data.findRow(where: 0, equals: "因公出国（境）").flatMap { data.cell(row: $0, column: 1)?.number }, 4.7)
    }

    func testNotesCompareWithTheRightBasisAndCarryTheReasons() throws {
        let notes = try XCTUnwrap(workbook().sheet("说明")).cells.values.compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("较上年决算增加 7.42 万元，主要原因是医保支付方式改革第三方评估"), notes)
        XCTAssertTrue(notes.contains("医疗保障政策管理（2101505）170 万元，较上年决算增加 67.4 万元，主要原因是2025年开展医保支付方式改革"), notes)
        XCTAssertTrue(notes.contains("“三公”经费预算支出 5.65 万元，较上年预算减少 0.21 万元"), notes)
        XCTAssertTrue(notes.contains("上年决算支出 5.86 万元"), notes)
        XCTAssertTrue(notes.contains("会议费预算支出 8.4 万元，较上年决算增加 7.59 万元，主要原因是2024年决算只反映基本支出中的会议费"), notes)
        // The 资产 held at the end of 2024 come from the 决算 (the budget writes none): vehicles with their kinds.
        XCTAssertTrue(notes.contains("截至上年底，本部门所属预算单位共有车辆 2 辆，其中，符合规定领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车 2 辆、执法执勤用车 0 辆、特种专业技术用车 0 辆、离退休干部用车 0 辆、其他用车 0 辆；单价 100 万元以上的设备 0 台（套）。"), notes)
    }

    func testOneMissingReasonIsReportedOnce() {
        let last = TestSupport.header.replacingOccurrences(of: "2024", with: "2023")
            + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30217 公务接待费 1\n"
        let budget = TestSupport.header + "上年预算 \"last.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30217 公务接待费 3\n"
        let result = TestSupport.check(budget, files: ["last.bud": last])
        XCTAssertEqual(result.diagnostics.filter { $0.id == "sangong-growth" }.map { $0.span?.line }, [10, 10], "total and part, at the line")
        XCTAssertFalse(result.diagnostics.contains { $0.id == "notes-reason" && $0.message.contains("三公") }, "\(result.diagnostics.map(\.message))")
    }

    func testAReasonTurnsAboveExecutionIntoANoteAtTheLargestLine() throws {
        let result = Pipeline().check(path: TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/budget.bud").path)
        let notes = result.diagnostics.filter { $0.id == "above-execution" }
        XCTAssertEqual(notes.count, 4)
        XCTAssertTrue(notes.allSatisfy { $0.severity == .note && $0.message.contains("（已说明：") })
        let d = try XCTUnwrap(notes.first { $0.message.hasPrefix("2101502") })
        XCTAssertTrue(d.span?.file.hasSuffix("units/143001.bud") == true)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning }.map(\.message), [])
    }

    func testRuleIDsAreListedInOnePlaceAndAllowHasDidYouMean() {
        XCTAssertEqual(Set(RuleRegistry.all.map(\.id)), Set(RuleID.allCases.map(\.rawValue)))
        let budget = TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 1\n允许 above-executon \"x\"\n"
        XCTAssertEqual(TestSupport.check(budget).first("allow")?.hint, "是不是“above-execution”？")
    }

    // MARK: - Commands given a 决算

    func testCommandsThatNeedABudgetExplainInsteadOfCrashing() throws {
        let dir = try TestSupport.temporaryDirectory()
        let check = try TestSupport.run(["check", Self.referenceActuals], in: dir)
        XCTAssertEqual(check.status, 0, check.stderr)
        // compile and notes make the 决算 publication (ActualsPublicationTests); diff and init need a budget.
        let compile = try TestSupport.run(["compile", Self.referenceActuals, "-o", dir.appendingPathComponent("x.xlsx").path], in: dir)
        XCTAssertEqual(compile.status, 0, compile.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.xlsx").path))
        let notes = try TestSupport.run(["notes", Self.referenceActuals], in: dir)
        XCTAssertEqual(notes.status, 0, notes.stderr)
        XCTAssertTrue(notes.stdout.contains("部门决算情况说明"), notes.stdout)
        let diff = try TestSupport.run(["diff", Self.referenceActuals, Self.referenceActuals], in: dir)
        XCTAssertNotEqual(diff.status, 0)
        XCTAssertTrue(diff.stderr.contains("error[actuals-not-budget]"), diff.stderr)
        let initFrom = try TestSupport.run(["init", "--from", Self.referenceActuals, "--year", "2025", "-o", dir.appendingPathComponent("n.bud").path], in: dir)
        XCTAssertNotEqual(initFrom.status, 0)
        XCTAssertTrue(initFrom.stderr.contains("init --from 需要上年的预算文件"), initFrom.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("n.bud").path))
    }
}
