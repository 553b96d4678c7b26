import BudgetCore
import Foundation
import XCTest

/// Problems met writing a real 决算 from the docs alone (workbooks/wuzhou-1443-2023: a 梧州 (Guangxi) 事业单位's
/// 2023 决算, of which only the totals survive, its income sources unknown). Each test failed before its fix.
final class Trial4Tests: XCTestCase {
    /// `收入` written only as its `合计` (the docs' way when the split by source is unknown): the 说明 stated
    /// “财政拨款收入 0.00 万元” and “没有政府性基金收入……” — claims the file does not make.
    func testIncomeKnownOnlyAsItsTotalStatesNoSourceInTheNotes() throws {
        let result = TestSupport.checkActuals("""
        决算 2023
        部门 1443 测试单位
        单位 1443001 测试单位 事业
        收入
          合计 117.06
        年初结转结余 8.02
        年末结转结余 8.96
        支出
          本年支出合计 116.12
        """)
        XCTAssertEqual(result.diagnostics.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("2023年度收、支总计均为 125.08 万元。"), notes)
        XCTAssertTrue(notes.contains("本年收入合计 117.06 万元。"), notes)
        XCTAssertFalse(notes.contains("财政拨款收入 0.00"), notes)
        XCTAssertFalse(notes.contains("没有政府性基金收入"), notes)
        XCTAssertFalse(notes.contains("没有使用国有资本经营预算"), notes)
    }

    /// The same with the sources known: the sentences stay.
    func testIncomeBySourceStillStatesTheFiscalIncome() throws {
        let result = TestSupport.checkActuals("""
        决算 2023
        部门 1443 测试单位
        单位 1443001 测试单位 事业
        收入
          财政拨款收入 117.06
        年初结转结余 8.02
        年末结转结余 8.96
        支出
          2080501 116.12
        """)
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("2023年度财政拨款收入 117.06 万元"), notes)
        XCTAssertTrue(notes.contains("没有政府性基金收入"), notes)
        XCTAssertTrue(notes.contains("没有使用国有资本经营预算"), notes)
    }
}

extension Trial4Tests {
    static let sanGongOnly2022 = """
    决算 2022
    部门 530129 测试街道
    单位 530129001 测试街道 行政
    三公
      合计                   决算 12.37
      因公出国               决算 0
      公务用车购置           决算 0
      公务用车运行维护       决算 3.97
      公务接待               决算 8.40
    """

    static let sanGongOnly2023 = """
    决算 2023
    部门 530129 测试街道
    上年决算 "上年.bud"
    单位 530129001 测试街道 行政
    三公
      合计                   预算 24.50 决算 11.96
      因公出国               预算 0     决算 0
      公务用车购置           预算 0     决算 0
      公务用车运行维护       预算 4.50  决算 4.02  保有 7
      公务接待               预算 20.00 决算 7.94
    说明
      三公 "本年度无公务用车购置支出，且压缩公务接待支出"
      公务接待 "压缩公务接待支出"
    """

    /// A stand-alone “三公” 决算 (no 收入, 结转结余 or 支出: the publication has none) said
    /// “收、支总计均为 0.00 万元”, “财政拨款收入 0.00 万元”, “一般公共预算财政拨款支出 0.00 万元”.
    func testAStandAloneSanGongActualsStatesNoTotalsItDoesNotHave() throws {
        let result = TestSupport.check(Self.sanGongOnly2022, rootPath: "决算.bud")
        XCTAssertEqual(result.diagnostics.map { "\($0.id): \($0.message)" }, [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        for claim in ["收、支总计", "本年收入合计", "本年支出合计", "财政拨款收入", "一般公共预算财政拨款支出"] {
            XCTAssertFalse(notes.contains(claim), claim + "\n" + notes)
        }
        XCTAssertFalse(notes.contains("没有政府性基金收入"), notes)
        // Titled as the publication is (“……2023年度“三公”经费决算情况说明”), its one section numbered 一.
        XCTAssertTrue(notes.hasPrefix("# 测试街道2022年度“三公”经费决算情况说明\n\n## 一、财政拨款“三公”经费支出决算情况说明"), notes)
    }

    /// Its 说明 says why 决算 is below 预算 and how it compares with last year's 决算, as the publication does
    /// (“决算数小于预算数的主要原因是……”, “比2022年减少0.41万元”); before, neither was written.
    func testSanGongActualsStateTheReasonBelowBudgetAndTheChangeOnLastYear() throws {
        let result = TestSupport.check(Self.sanGongOnly2023, files: ["上年.bud": Self.sanGongOnly2022], rootPath: "决算.bud")
        // The vehicles' increase has no reason of its own (the total's is about cutting, not about it).
        let warnings = result.diagnostics.filter { $0.severity != .note }
        XCTAssertEqual(warnings.map(\.id), ["actuals-change-reason"], "\(warnings.map(\.message))")
        XCTAssertTrue(warnings.first?.message.contains("公务用车运行维护费") == true, "\(warnings.map(\.message))")
        // Its hint names the item's own topic (it said “总体、收入、支出”, which cannot explain a “三公” item).
        XCTAssertEqual(warnings.first?.hint, "在 说明 块中写：公务用车运行维护 \"原因……\"")
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("下降 5.48%，主要原因是压缩公务接待支出。"), notes)
        XCTAssertTrue(notes.contains("2023年度“三公”经费财政拨款支出预算为 24.50 万元，支出决算为 11.96 万元，完成预算的 48.82%。"
            + "决算数小于预算数的主要原因是本年度无公务用车购置支出，且压缩公务接待支出。"
            + "决算数较上年减少 0.41 万元，下降 3.31%，主要原因是本年度无公务用车购置支出，且压缩公务接待支出。"), notes)
        XCTAssertTrue(notes.contains("公务用车运行维护费支出决算 4.02 万元，占 33.61%，预算 4.50 万元，完成预算的 89.33%。决算数较上年增加 0.05 万元，增长 1.26%。截至"), notes)
        XCTAssertTrue(notes.contains("因公出国（境）费支出决算 0.00 万元，占 0.00%，预算 0.00 万元。决算数与2022年度决算数持平。"), notes)
    }

    /// workbooks/xundian-tangzijie-2023: the published “三公” figures read back from 公开09, and the 说明's.
    func testYunnanSubdistrictSanGongActualsCarryThePublishedFigures() throws {
        let (result, book) = try NewcomerExampleTests.compile("xundian-tangzijie-2023/actuals-2023.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let sheet = try XCTUnwrap(book.sheet("公开09表"))
        let numbering = try XCTUnwrap(sheet.cells(inColumn: 11).first { $0.number == 12 }?.row)
        func value(_ column: Int) -> Int? { sheet.number(row: numbering + 1, column: column).map { Int(($0 * 100).rounded()) } }
        XCTAssertEqual(value(0), 2450, "预算 合计")
        XCTAssertEqual(value(5), 2000, "预算 公务接待费")
        XCTAssertEqual(value(6), 1196, "决算 合计")
        XCTAssertEqual(value(8), 402, "决算 公务用车购置及运行维护费")
        XCTAssertEqual(value(11), 794, "决算 公务接待费")
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("支出决算为 11.96 万元，完成预算的 48.82%"), notes)
        XCTAssertTrue(notes.contains("公务接待费支出决算 7.94 万元，占 66.39%，预算 20.00 万元，完成预算的 39.70%"), notes)
        XCTAssertTrue(notes.contains("公务用车保有量 7 辆"), notes)
        XCTAssertFalse(notes.contains("收、支总计"), notes)
        let contents = try XCTUnwrap(book.sheet("目录"))
        XCTAssertNotNil(contents.findRow(where: 3) { $0.hasPrefix("所据公开稿只有一般公共预算财政拨款“三公”经费决算情况说明") })
    }

    /// workbooks/wuzhou-1443-2023: the published totals (收入 known only as its 合计) read back from 公开01.
    func testGuangxiActualsKnownOnlyByTotalsCarryThePublishedTotals() throws {
        let (result, book) = try NewcomerExampleTests.compile("wuzhou-1443-2023/actuals-2023.bud")
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let value = NewcomerExampleTests.value
        let t1 = try XCTUnwrap(book.sheet("公开01表"))
        XCTAssertEqual(value(t1, "本年收入合计", 0, 2), 117_060_000)
        XCTAssertEqual(value(t1, "本年支出合计", 3, 5), 116_120_000)
        XCTAssertEqual(value(t1, "年初结转和结余", 0, 2), 8_020_000)
        XCTAssertEqual(value(t1, "年末结转和结余", 3, 5), 8_960_000)
        XCTAssertEqual(value(t1, "总计", 0, 2), 125_080_000)
        XCTAssertEqual(value(t1, "一、一般公共预算财政拨款收入", 0, 2), nil, "unknown, left blank")
        // The sources the excerpt does not list: `未列明 117.06`, a row of its own.
        XCTAssertEqual(value(t1, "未列明来源的收入", 0, 2), 117_060_000)
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        // The published change of the carry-over with its reason (`说明` topic 年初结转结余).
        XCTAssertTrue(notes.contains("年初结转和结余 8.02 万元，较上年增加 0.78 万元，增长 10.77%，主要原因是合理安排了费用的结算，按计划执行了预算工作。"), notes)
        XCTAssertTrue(notes.contains("2023年度收、支总计均为 125.08 万元。"), notes)
        XCTAssertTrue(notes.contains("本年支出合计 116.12 万元，较上年增加 19.68 万元，增长 20.41%。"), notes)
        XCTAssertFalse(notes.contains("财政拨款收入"), notes)
        // Its sources unknown, 公开04/07/08 are empty for want of figures, not for want of money (the 目录
        // said “本部门本年度没有财政拨款收入和支出。”, “本部门没有政府性基金收入……”).
        let contents = try XCTUnwrap(book.sheet("目录"))
        for table in ["公开04表", "公开07表", "公开08表"] {
            let row = try XCTUnwrap(contents.findRow(where: 0, equals: table))
            XCTAssertEqual(contents.text(row: row, column: 3), "所据公开稿没有公开本表的数据。", table)
        }
    }

    /// The same stand-alone “三公” 决算 compiled with no `空表` lines: the 目录 said “本部门本年度没有收入和支出。”
    /// for 公开01 (the template's reason), which the publication does not say.
    func testAStandAloneSanGongActualsDoesNotClaimItHadNoIncome() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("决算.bud").path
        try Self.sanGongOnly2022.write(toFile: path, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.xlsx").path
        let pipeline = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path))
        let compiled = pipeline.compile(path: path, output: output)
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let contents = try XCTUnwrap(try XlsxWorkbook(path: output).sheet("目录"))
        let row = try XCTUnwrap(contents.findRow(where: 0, equals: "公开01表"))
        XCTAssertEqual(contents.text(row: row, column: 3), "所据公开稿没有公开本表的数据。")
        let t9 = try XCTUnwrap(contents.findRow(where: 0, equals: "公开09表"))
        XCTAssertEqual(contents.text(row: t9, column: 2), "否")
    }
}
