import BudgetCore
import Foundation
import XCTest

/// Gaps met transcribing real publications (workbooks/tianshui-kindergarten-2017, pengshui-wenhuaguan-2025,
/// rongchang-wanling-2025, fuling-wulingshan-2023). Each test failed before its fix.
final class TranscriptionGapTests: XCTestCase {
    /// Compiles a 决算 through the binary and reads the written workbook back.
    func compileActuals(_ text: String) throws -> (TestSupport.Run, XlsxWorkbook?) {
        let dir = try TestSupport.temporaryDirectory()
        let path = dir.appendingPathComponent("决算.bud")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.xlsx")
        let run = try TestSupport.run(["compile", path.path, "-o", output.path], in: dir)
        return (run, FileManager.default.fileExists(atPath: output.path) ? try XlsxWorkbook(path: output.path) : nil)
    }

    /// A cell's amount in hundredths of a 万元; nil for a blank cell or a missing row.
    func hundredths(_ workbook: XlsxWorkbook, _ sheet: String, _ label: String, column: Int, labelColumn: Int = 0) -> Int? {
        guard let s = workbook.sheet(sheet), let row = s.findRow(where: labelColumn, equals: label) else { return nil }
        return s.number(row: row, column: column).map { Int(($0 * 100).rounded()) }
    }

    func hasRow(_ workbook: XlsxWorkbook, _ sheet: String, _ label: String, labelColumn: Int = 0) -> Bool {
        workbook.sheet(sheet)?.findRow(where: labelColumn, equals: label) != nil
    }

    // MARK: - 1. 未公开 totals print blank

    /// A 决算 rebuilt from a few “较上年” figures (tianshui actuals-2016.bud) writes its unknown totals as `未公开`.
    /// Compiled on its own, its 公开01–04 printed the sum of the known parts where those totals go (收入合计 1,575.13,
    /// 年初/年末结转和结余 0, 总计 1,575.13, 本年支出合计 1,795.45): a reader takes them for the published totals.
    /// Those cells are now blank; the known figures are printed as before.
    func testUnpublishedTotalsPrintBlank() throws {
        let text = NewcomerTrial2Tests.unpublished2016 + """

        空表 公开06表 "未公开"
        空表 公开07表 "未公开"
        空表 公开08表 "未公开"
        空表 公开09表 "未公开"

        """
        let (run, written) = try compileActuals(text)
        XCTAssertEqual(run.status, 0, run.stderr)
        let w = try XCTUnwrap(written)
        // 公开01: the income side's known source stays; its totals and the balances are blank.
        XCTAssertEqual(hundredths(w, "公开01表", "一、一般公共预算财政拨款收入", column: 2), 157513)
        XCTAssertTrue(hasRow(w, "公开01表", "本年收入合计"))
        for label in ["本年收入合计", "年初结转和结余", "总计"] {
            XCTAssertNil(hundredths(w, "公开01表", label, column: 2), "公开01 \(label)")
        }
        for label in ["本年支出合计", "年末结转和结余", "总计"] {
            XCTAssertNil(hundredths(w, "公开01表", label, column: 5, labelColumn: 3), "公开01 \(label)")
        }
        // 公开02/03: the 合计 rows are the unknown all-source totals.
        XCTAssertTrue(hasRow(w, "公开02表", "合 计"))
        XCTAssertNil(hundredths(w, "公开02表", "合 计", column: 2))
        XCTAssertEqual(hundredths(w, "公开02表", "合 计", column: 3), 157513, "财政拨款收入 is known")
        XCTAssertNil(hundredths(w, "公开03表", "合 计", column: 2))
        // 公开05: the published 一般公共预算 合计 is known.
        XCTAssertEqual(hundredths(w, "公开05表", "合 计", column: 2), 179545)
        // 公开04: 财政拨款 income and spending are known; the balances and the 总计 that add them are blank.
        XCTAssertEqual(hundredths(w, "公开04表", "本年收入合计", column: 2), 157513)
        XCTAssertEqual(hundredths(w, "公开04表", "本年支出合计", column: 5, labelColumn: 3), 179545)
        XCTAssertNil(hundredths(w, "公开04表", "年初财政拨款结转和结余", column: 2))
        XCTAssertNil(hundredths(w, "公开04表", "总计", column: 2))
        for c in 5...8 {
            XCTAssertNil(hundredths(w, "公开04表", "年末财政拨款结转和结余", column: c, labelColumn: 3), "公开04 年末 column \(c)")
            XCTAssertNil(hundredths(w, "公开04表", "总计", column: c, labelColumn: 3), "公开04 总计 column \(c)")
        }
        // Written as numbers, the same totals print as before.
        let known = text.replacingOccurrences(of: "  合计 未公开\n", with: "")
            .replacingOccurrences(of: "年初结转结余 未公开", with: "年初结转结余 0").replacingOccurrences(of: "年末结转结余 未公开", with: "年末结转结余 0")
            .replacingOccurrences(of: "  本年支出合计 未公开\n", with: "")
        let (knownRun, knownWritten) = try compileActuals(known)
        XCTAssertEqual(knownRun.status, 0, knownRun.stderr)
        let k = try XCTUnwrap(knownWritten)
        XCTAssertEqual(hundredths(k, "公开01表", "本年收入合计", column: 2), 157513)
        XCTAssertEqual(hundredths(k, "公开01表", "本年支出合计", column: 5, labelColumn: 3), 179545)
        XCTAssertEqual(hundredths(k, "公开04表", "总计", column: 5, labelColumn: 3), 179545)
    }

    // MARK: - 2. 未分类: spending whose 类 the publication does not name

    /// The kindergarten's 说明 gives 一般公共预算财政拨款支出 1741.75 but names only 教育支出 1595.95 among its 类:
    /// 145.80 belongs to no named 类. Without a way to say so, 公开01/05 printed a 合计 above 类 rows adding up to less,
    /// and nothing checked the 合计 against the published 类 rows. `未分类 145.80` under 支出 states that part: it is
    /// printed as its own row, saying it is not classified, is part of the detail the checks add up, and the 说明
    /// names no 类 for it.
    func testUnclassifiedSpendingIsItsOwnRowAndPartOfTheDetail() throws {
        let text = """
        决算 2017
        部门 405 测试幼儿园
        单位 405001 测试幼儿园 事业
        收入
          一般公共预算财政拨款收入 1486.64
        年初结转结余
          一般公共预算拨款 255.11
        年末结转结余 0
        支出
          合计 1741.75
          205 教育支出 1595.95
          未分类 145.80
        空表 公开06表 "无"
        空表 公开07表 "无"
        空表 公开08表 "无"
        空表 公开09表 "无"

        """
        let checked = TestSupport.check(text, rootPath: "决算.bud")
        XCTAssertEqual(checked.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        // The 说明 states the part as unclassified, beside the named 类, and invents no 类 for it.
        let notes = ActualsNotes.generate(for: try XCTUnwrap(checked.actuals)).markdown()
        XCTAssertTrue(notes.contains("主要用于以下方面：教育（类）支出 1,595.95 万元，占 91.63%；\(ActualsFigures.unclassifiedName)支出 145.80 万元，占 8.37%。"), notes)
        // The tables: the row has no code and says it is not classified; 合计 = 205 + 未分类.
        let (run, written) = try compileActuals(text)
        XCTAssertEqual(run.status, 0, run.stderr)
        let w = try XCTUnwrap(written)
        let name = ActualsFigures.unclassifiedName
        XCTAssertTrue(name.contains("未分类"), name)
        XCTAssertEqual(hundredths(w, "公开05表", "合 计", column: 2), 174175)
        XCTAssertEqual(hundredths(w, "公开05表", "205", column: 2), 159595)
        XCTAssertEqual(hundredths(w, "公开05表", name, column: 2, labelColumn: 1), 14580)
        XCTAssertEqual(hundredths(w, "公开03表", name, column: 2, labelColumn: 1), 14580)
        XCTAssertEqual(hundredths(w, "公开02表", name, column: 3, labelColumn: 1), 14580)
        XCTAssertEqual(hundredths(w, "公开01表", name, column: 5, labelColumn: 3), 14580)
        XCTAssertEqual(hundredths(w, "公开01表", "本年支出合计", column: 5, labelColumn: 3), 174175)
        XCTAssertEqual(hundredths(w, "公开04表", name, column: 6, labelColumn: 3), 14580)
        XCTAssertEqual(hundredths(w, "公开04表", "本年支出合计", column: 5, labelColumn: 3), 174175)
        // Without it the 合计 is checked against the published 类 rows: 145.80 is missing.
        let missing = TestSupport.check(text.replacingOccurrences(of: "  未分类 145.80\n", with: ""), rootPath: "决算.bud")
        let parts = missing.diagnostics.filter { $0.id == "actuals-parts" && $0.severity == .warning }.map(\.message)
        XCTAssertTrue(parts.contains { $0.contains("支出合计 1741.75") && $0.contains("相差 145.8 ") }, missing.diagnostics.map(\.message).joined(separator: "\n"))
        // A wrong amount is reported; balance counts it (收入 + 年初 = 1741.75 = 支出).
        let wrong = TestSupport.check(text.replacingOccurrences(of: "未分类 145.80", with: "未分类 140.80"), rootPath: "决算.bud")
        XCTAssertTrue(wrong.diagnostics.contains { $0.id == "actuals-parts" && $0.message.contains("相差 5 万元") }, wrong.diagnostics.map(\.message).joined(separator: "\n"))
        let noTotal = TestSupport.check(text.replacingOccurrences(of: "  合计 1741.75\n", with: ""), rootPath: "决算.bud")
        XCTAssertEqual(noTotal.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [], "205 + 未分类 balance the income")
        // Beside 本年支出合计 (every source), 未分类 alone still says what 一般公共预算 spent: the 说明 states it.
        let alone = TestSupport.check("""
        决算 2017
        部门 405 测试幼儿园
        单位 405001 测试幼儿园 事业
        支出
          本年支出合计 145.80
          未分类 145.80
        """, rootPath: "决算.bud")
        let aloneNotes = ActualsNotes.generate(for: try XCTUnwrap(alone.actuals)).markdown()
        XCTAssertTrue(aloneNotes.contains("2017年度一般公共预算财政拨款支出 145.80 万元"), aloneNotes)
        // It is 一般公共预算 (公开05's), written once.
        let source = TestSupport.check(text.replacingOccurrences(of: "未分类 145.80", with: "未分类 145.80 来源 事业收入"), rootPath: "决算.bud")
        XCTAssertTrue(source.diagnostics.contains { $0.severity == .error }, source.diagnostics.map(\.message).joined(separator: "\n"))
        let twice = TestSupport.check(text.replacingOccurrences(of: "未分类 145.80", with: "未分类 145.80\n  未分类 1"), rootPath: "决算.bud")
        XCTAssertTrue(twice.diagnostics.contains { $0.severity == .error && $0.id == "duplicate" }, twice.diagnostics.map(\.message).joined(separator: "\n"))
    }
}
