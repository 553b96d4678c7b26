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
        let text = """
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
}
