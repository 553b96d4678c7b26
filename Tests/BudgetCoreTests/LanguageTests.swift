import BudgetCore
import Foundation
import XCTest

final class LiteralTests: XCTestCase {
    func fen(_ text: String, wan: Bool = true) -> Int64? {
        guard case .success(let literal) = NumberLiteral.parse(Normalize.folded(text)) else { return nil }
        let scale: Int64
        switch literal.unit {
        case .wan: scale = 1_000_000
        case .yuan: scale = 100
        case .none: scale = wan ? 1_000_000 : 100
        }
        guard let v = try? literal.value.multiplied(by: Rational(scale)), v.isInteger else { return nil }
        return v.numerator
    }

    func testMoneyLiteralsAreExactFen() {
        XCTAssertEqual(fen("37.02"), 37_020_000)
        XCTAssertEqual(fen("1,996.62"), 1_996_620_000)
        XCTAssertEqual(fen("37.02万"), 37_020_000)
        XCTAssertEqual(fen("37.02万元"), 37_020_000)
        XCTAssertEqual(fen("3000元"), 300_000)
        XCTAssertEqual(fen("57.6元"), 5_760)
        XCTAssertEqual(fen("３７．０２"), 37_020_000, "full-width digits and point are folded")
        XCTAssertEqual(fen("0.000001"), 1, "one fen in 万元")
    }

    func testMalformedNumbersAreRejected() {
        for bad in ["12.3.4", "1O0", "1,23.5", "12,3456", "3.", "-", "12元5"] {
            if case .success = NumberLiteral.parse(Normalize.folded(bad)) { XCTFail("\(bad) should not parse") }
        }
        if case .failure(.tooLarge) = NumberLiteral.parse("99999999999999999999") {} else { XCTFail("overflow must be reported") }
    }

    /// The byte-level number parser (issue 15) gives exactly the result of the Character-level one on
    /// numbers, non-numbers and the boundary cases between them (combining marks, commas, signs, units).
    func testByteLevelNumbersAgreeWithCharacterLevel() {
        let samples = ["0", "37.02", "-37.02", "1,996.62", "1,99.62", "1,996,62", ",996", "1,", "1,996.", "37.02万", "3000元",
                       "37万元", "37万元整", "6台", "26人次", "1-2", "--1", "-", ".", ".5", "-.5", "5.", "1.2.3", "00000000000000000000001",
                       "1234567890123456789", "123456789012345678", "0.1234567890123", "99999999999999999999999999", "1\u{301}",
                       "-\u{301}", "1\u{FE0F}\u{20E3}", "12\u{0300}万", "名称", "", "1e5", "12a", "12,345,678.9", "4611686018427387904",
                       "46116860184273879.04", "1万\u{301}", "7 台", "1,234元", "0.00", "-0"]
        for sample in samples {
            XCTAssertEqual(NumberLiteral.parse(sample), NumberLiteral.parseCharacters(sample), "「\(sample)」")
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["0", "1", "9", ",", ".", "-", "万", "元", "台", "\u{301}", "a", " "]
        for _ in 0..<3000 {
            let sample = (0..<Int.random(in: 1...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(NumberLiteral.parse(sample), NumberLiteral.parseCharacters(sample), "「\(sample)」")
        }
    }

    /// Sources and kinds hash by case (issue 15): every case stays distinct in sets, and sources
    /// still sort in declaration order (the order of the tables' columns).
    func testSourcesAndKindsHashByCaseAndKeepTheirOrder() {
        XCTAssertEqual(FundingSource.allCases.reversed().sorted(), FundingSource.allCases)
        XCTAssertEqual(Set(FundingSource.allCases).count, FundingSource.allCases.count)
        XCTAssertEqual(Set(SpendingKind.allCases).count, SpendingKind.allCases.count)
        XCTAssertEqual(Set(FundingSource.allCases.map(\.hashValue)).count, FundingSource.allCases.count)
        XCTAssertEqual(Set(SpendingKind.allCases.map(\.hashValue)).count, SpendingKind.allCases.count)
    }

    func testMeasureWordsAreKept() throws {
        guard case .success(let literal) = NumberLiteral.parse("6台") else { return XCTFail() }
        XCTAssertEqual(literal.measureWord, "台")
        XCTAssertEqual(literal.value, Rational(6))
    }

    func testMoneyDisplayRounding() {
        XCTAssertEqual(Money(fen: 1_494_604_800).wanYuanText(), "1494.60")
        XCTAssertEqual(Money(fen: 1_494_605_000).wanYuanText(), "1494.61", "half away from zero")
        XCTAssertEqual(Money(fen: 1_996_620_000).wanYuanText(grouping: true), "1,996.62")
        XCTAssertEqual(Money(fen: -5_000).wanYuanText(), "-0.01")
        XCTAssertEqual(Money(fen: 1_494_604_800).wanYuanExact, "1494.6048")
    }
}

final class TextInputTests: XCTestCase {
    func testBOMAndCRLFAndLoneCR() {
        let text = "\u{FEFF}部门 962 测试局\r\n年度 2024\r单位 962001 测试局本级 行政\n"
        let source = SourceFile(path: "x.bud", text: text)
        XCTAssertEqual(source.lines, ["部门 962 测试局", "年度 2024", "单位 962001 测试局本级 行政"])
    }

    func testGB18030IsDecoded() throws {
        // "年度 2024" in GBK: 定 = C4EA B6C8
        let bytes: [UInt8] = [0xC4, 0xEA, 0xB6, 0xC8, 0x20, 0x32, 0x30, 0x32, 0x34]
        guard case .success(let decoded) = TextDecoding.decode(Data(bytes)) else { return XCTFail("GBK must decode") }
        XCTAssertEqual(decoded.text, "年度 2024")
        XCTAssertEqual(decoded.encoding, .gb18030)
    }

    func testUTF16WithBOMIsDecoded() {
        var data = Data([0xFF, 0xFE])
        for unit in "年度 2024".utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        guard case .success(let decoded) = TextDecoding.decode(data) else { return XCTFail() }
        XCTAssertEqual(decoded.text, "年度 2024")
    }

    func testBinaryIsRejected() {
        let data = Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x9C] + Array(repeating: UInt8(0), count: 100))
        guard case .failure = TextDecoding.decode(data) else { return XCTFail("binary must be rejected") }
    }

    func testTabsAndFullWidthPunctuation() {
        let result = TestSupport.check(TestSupport.header + "收入\n\t一般公共预算拨款 ＝ 支出合计\n基本支出\n\t人员经费\n\t\t２１０１５０１　３０１０１　基本工资　１２２．６５\n")
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics)")
        XCTAssertEqual(result.budget?.lines.first?.amount, Money(fen: 122_650_000))
    }
}

final class EvaluationTests: XCTestCase {
    func testFormulaWithNamedValues() {
        let result = TestSupport.check(TestSupport.header + """
        设 参保人数 = 259480
        设 县级补助标准 = 57.6元
        收入
          一般公共预算拨款 = 支出合计
        项目 "补助"
          2101202 31302 对社会保险基金补助 = 参保人数 * 县级补助标准
        空表 表7 "本部门无基本支出。"
        空表 表8 "本部门无基本支出。"
        """)
        XCTAssertEqual(result.ids(.error), [])
        XCTAssertEqual(result.budget?.lines.first?.amount, Money(fen: 1_494_604_800))
        XCTAssertEqual(result.budget?.incomes.first?.amount, Money(fen: 1_494_604_800))
    }

    func testStatedAmountAgainstFormula() {
        let source = TestSupport.header + """
        设 参保人数 = 259480
        设 县级补助标准 = 57.6元
        收入
          一般公共预算拨款 = 支出合计
        项目 "补助"
          2101202 31302 对社会保险基金补助 1494.61 = 参保人数 * 县级补助标准
        """
        let result = TestSupport.check(source)
        let d = result.first("formula-mismatch")
        XCTAssertEqual(d?.severity, .warning)
        XCTAssertEqual(d?.span?.line, 10)
        XCTAssertTrue(d?.message.contains("1494.6048") == true, d?.message ?? "")
        XCTAssertEqual(result.budget?.lines.first?.amount, Money(fen: 1_494_610_000), "the stated amount is used")

        let justified = TestSupport.check(source + "\n    原因 \"按控制数取整\"\n")
        XCTAssertEqual(justified.first("formula-mismatch")?.severity, .note)
    }

    func testCycleIsNamed() {
        let result = TestSupport.check(TestSupport.header + """
        设 甲 = 乙 + 1
        设 乙 = 甲 * 2
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2101501 30101 基本工资 = 支出合计
        """)
        let cycles = result.diagnostics.filter { $0.id == "formula-cycle" }
        XCTAssertEqual(cycles.count, 2, "\(result.diagnostics)")
        XCTAssertTrue(cycles.contains { $0.message.contains("甲 → 乙 → 甲") })
        XCTAssertTrue(cycles.contains { $0.message.contains("支出合计") && $0.message.contains("30101") })
    }

    func testUnknownNameDivisionByZeroAndUnits() {
        let result = TestSupport.check(TestSupport.header + """
        设 标准 = 100元
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2101501 30101 基本工资 = 人数 * 标准
            2101501 30102 津贴补贴 = 标准 / 0
            2101501 30103 奖金 = 标准 * 标准
        """)
        XCTAssertEqual(Set(result.ids(.error)), ["unknown-name", "division-by-zero", "unit-mismatch"])
    }

    func testBareNumbersInMoneyPositionUseTheDefaultUnit() {
        let result = TestSupport.check(TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2101501 30201 办公费 = 5 + 3
            2101501 30211 差旅费 = 2万 + 5000元
        """)
        XCTAssertEqual(result.budget?.lines.map(\.amount), [Money(fen: 8_000_000), Money(fen: 2_500_000)])
    }

    func testUnbalancedBudgetIsAnError() {
        let result = TestSupport.check(TestSupport.header + """
        收入
          一般公共预算拨款 100
        基本支出
          公用经费
            2101501 30201 办公费 8
        """)
        let d = result.first("balance")
        XCTAssertEqual(d?.severity, .error)
        XCTAssertEqual(d?.span?.line, 6)
    }
}

final class ResolveTests: XCTestCase {
    func testUnknownCodesAndLevels() {
        let result = TestSupport.check(TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2109998 30201 办公费 8
            21015 30201 办公费 8
            2101501 30298 办公费 8
        """)
        XCTAssertEqual(result.ids(.error), ["unknown-code", "code-level", "unknown-code"])
        XCTAssertEqual(result.diagnostics.map { $0.span?.column }, [5, 5, 13])
    }

    func testMultiUnitBlocksNeedAUnitCode() {
        let result = TestSupport.check(TestSupport.header + """
        单位 962002 测试中心 事业
        收入 962001
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2101501 30201 办公费 8
        """)
        XCTAssertTrue(result.ids(.error).contains("unknown-unit"), "\(result.diagnostics)")
    }

    func testIncludesSpliceAndReportCyclesAndMissingFiles() {
        let ok = TestSupport.check(TestSupport.header + "包含 \"b.bud\"\n收入\n  一般公共预算拨款 = 支出合计\n",
                                   files: ["b.bud": "基本支出\n  公用经费\n    2101501 30201 办公费 8\n"])
        XCTAssertEqual(ok.ids(.error), [])
        XCTAssertEqual(ok.budget?.lines.count, 1)
        XCTAssertEqual(ok.budget?.lines.first?.line.span.file, "b.bud")

        let cycle = TestSupport.check(TestSupport.header + "包含 \"b.bud\"\n", files: ["b.bud": "包含 \"inline.bud\"\n"])
        XCTAssertTrue(cycle.ids(.error).contains("include-cycle"))

        let missing = TestSupport.check(TestSupport.header + "包含 \"nope.bud\"\n")
        let d = missing.first("include-missing")
        XCTAssertEqual(d?.span?.line, 5)
        XCTAssertEqual(d?.span?.column, 4)
    }

    func testUnknownStatementAndBadIndentation() {
        let result = TestSupport.check(TestSupport.header + "收人\n  一般公共预算拨款 = 支出合计\n")
        XCTAssertEqual(result.first("syntax")?.span?.line, 5)
    }

    func testProjectDetails() throws {
        let result = TestSupport.check(TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        项目 "重点工作"
          简介 "说明文字"
          2101501 30216 培训费 2.00
            培训 "业务培训" 2024-06-10..2024-06-30 300人 1.50
            培训 "征缴培训" 2024-09-01..2024-09-15 60人 0.50
          2101501 31002 办公设备购置 4.20
            采购 A02010105 台式计算机 规格 华为 6台 单价 0.60
            采购 A02021003 A4黑白打印机 规格 联想 数量 3 单价 0.20
          绩效
            总体目标 "目标"
            产出/数量 "人数" ">26万人"
            满意度/服务对象满意度 "满意度" "≥90%"
        空表 表7 "本部门无基本支出。"
        空表 表8 "本部门无基本支出。"
        """)
        XCTAssertEqual(result.ids(.error), [])
        let budget = try XCTUnwrap(result.budget)
        XCTAssertEqual(budget.lines[0].meetingAmounts, [Money(fen: 1_500_000), Money(fen: 500_000)])
        XCTAssertEqual(budget.lines[0].line.meetings.map(\.people), [300, 60])
        XCTAssertEqual(budget.lines[1].purchaseAmounts, [Money(fen: 3_600_000), Money(fen: 600_000)])
        XCTAssertEqual(budget.budget.projects[0].performance?.indicators.map(\.level2), ["数量指标", "服务对象满意度指标"])
    }
}

final class RegressionTests: XCTestCase {
    func testNamedValueWithoutEqualsIsACount() {
        let result = TestSupport.check(TestSupport.header + """
        设 人数 259480
        设 标准 57.6元
        收入
          一般公共预算拨款 = 支出合计
        项目 "补助"
          简介 "x"
          2101202 31302 对社会保险基金补助 = 人数 * 标准
        """)
        XCTAssertEqual(result.budget?.lines.first?.amount, Money(fen: 1_494_604_800))
    }

    func testMeasureWordsAreNotMoney() {
        let result = TestSupport.check(TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 8台\n")
        XCTAssertEqual(result.first("bad-number")?.span?.column, 23)
    }

    func testMeetingFormulaDoesNotReplaceTheLineFormula() {
        let result = TestSupport.check(TestSupport.header + """
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2101501 30215 会议费 0.50 = 0.2 + 0.3
              会议 "工作会" 2024-03-01 50人 = 0.2 + 0.3
        """)
        XCTAssertNil(result.first("formula-mismatch"), "\(result.diagnostics)")
    }

    func testTotalsInsideAUnitsIncomeAreThatUnits() throws {
        let result = TestSupport.check("""
        部门 100 测试局
        年度 2025
        单位 100001 本级 行政
        单位 100002 中心 事业
        收入 100001
          一般公共预算拨款 = 一般公共预算拨款支出
        收入 100002
          一般公共预算拨款 = 支出合计
        基本支出 100001
          公用经费
            2101501 30201 办公费 5
        基本支出 100002
          公用经费
            2101550 30201 办公费 4
        """)
        XCTAssertNil(result.first("balance"), "\(result.diagnostics)")
        XCTAssertEqual(result.budget?.incomes.map(\.amount), [Money(fen: 5_000_000), Money(fen: 4_000_000)])
    }

    func testTotalOnlyHeadcountComparesTotals() {
        let result = TestSupport.check("""
        部门 100 测试局
        年度 2025
        单位 100001 本级 行政
          编制 21
          实有 行政 6 事业 15
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2101501 30101 基本工资 5
        """)
        XCTAssertNil(result.first("headcount"), "\(result.diagnostics)")
    }

    func testKeywordWithColonAndFormulaOnAHeading() {
        let result = TestSupport.check("部门 100 测试局\n年度：2025\n单位 100001 本级 行政\n保密审查 = 已审查\n")
        XCTAssertEqual(result.budget?.budget.year, 2025)
        XCTAssertEqual(result.first("syntax")?.span?.line, 4)
    }
}

final class LimitTests: XCTestCase {
    func testNestingAndLengthOfFormulasAreBounded() {
        let deep = String(repeating: "(", count: 70) + "1" + String(repeating: ")", count: 70)
        let result = TestSupport.check(TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 = \(deep)\n")
        XCTAssertTrue(result.diagnostics.contains { $0.id == "syntax" && $0.message.contains("嵌套太深") }, "\(result.diagnostics)")
        let fine = String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30)
        XCTAssertFalse(TestSupport.check(TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 = \(fine)\n").diagnostics.hasErrors)
    }

    func testFormulasAreRejectedWhereTheyMeanNothing() {
        let result = TestSupport.check("部门 100 测试局\n年度 2025 = 1\n年度 2026\n单位 100001 本级 行政\n  编制 5 = 3\n空表 表16 \"x\" = 1\n")
        let lines = result.diagnostics.filter { $0.id == "syntax" }.map { $0.span?.line ?? 0 }
        XCTAssertEqual(Set(lines), [2, 5, 6], "\(result.diagnostics)")
        XCTAssertEqual(result.first("duplicate")?.span?.line, 3)
    }
}
