import BudgetCore
import Foundation
import XCTest

/// Tables built in memory from inline budgets (the written workbook is covered by the golden tests).
final class TableModelTests: XCTestCase {
    func sheets(_ source: String, files: [String: String] = [:]) throws -> [String: Sheet] {
        let result = TestSupport.check(source, files: files)
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics)")
        let budget = try XCTUnwrap(result.budget)
        let (layouts, diagnostics) = TableLayouts.load(templates: .locate())
        XCTAssertEqual(diagnostics, [])
        return Dictionary(uniqueKeysWithValues: TableSet.build(TableContext(budget: budget, layouts: layouts)).map { ($0.name, $0) })
    }

    func money(_ sheet: Sheet, row label: String, column: Int, labelColumn: Int = 1) -> Money? {
        for r in 0..<sheet.rowCount {
            guard case .text(let text)? = sheet.cell(r, labelColumn)?.value ?? nil, text == label else { continue }
            switch sheet.cell(r, column)?.value {
            case .money(let m)?: return m
            case .sum(_, let m)?: return m
            case .empty?, nil: return .zero
            default: return nil
            }
        }
        return nil
    }

    func testCarriedOverProjectFillsTable11AndTable1() throws {
        let s = try sheets(TestSupport.header + """
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
          上年结转 = 结转支出合计
        基本支出
          公用经费
            2101501 30201 办公费 8
        结转项目 "信息系统升级"
          类别 "其他项目"
          2101504 31007 信息网络及软件购置更新 12.5
        """)
        let table11 = try XCTUnwrap(s["表11"])
        XCTAssertFalse(table11.isEmpty)
        XCTAssertEqual(money(table11, row: "信息系统升级", column: 2), Money(fen: 12_500_000))
        XCTAssertEqual(money(table11, row: "合计", column: 2), Money(fen: 12_500_000))
        let table1 = try XCTUnwrap(s["表1"])
        XCTAssertEqual(money(table1, row: "其中：财政拨款资金结转", column: 1, labelColumn: 0), Money(fen: 12_500_000))
        XCTAssertEqual(money(table1, row: "收入总计", column: 1, labelColumn: 0), Money(fen: 20_500_000))
        XCTAssertEqual(money(table1, row: "支出总计", column: 3, labelColumn: 2), Money(fen: 20_500_000))
        XCTAssertEqual(money(table1, row: "本年收入合计", column: 1, labelColumn: 0), Money(fen: 8_000_000))
        // 表10 lists current-year projects only.
        XCTAssertTrue(try XCTUnwrap(s["表10"]).isEmpty)
    }

    func testInstitutionUnitsMapToSubsidyClasses() throws {
        let s = try sheets("""
        部门 100 测试局
        年度 2025
        单位 100001 测试局本级 行政
        单位 100002 测试中心 事业
        收入 100001
          一般公共预算拨款 = 8
        收入 100002
          一般公共预算拨款 = 6
        基本支出 100001
          公用经费
            2101501 30201 办公费 5
            2101501 31002 办公设备购置 3
        基本支出 100002
          公用经费
            2101550 30201 办公费 4
            2101550 31002 办公设备购置 2
        """)
        let table6 = try XCTUnwrap(s["表6"])
        var pairs: [String] = []
        for r in 0..<table6.rowCount {
            if case .code(let dept)? = table6.cell(r, 0)?.value, dept.count == 5, case .code(let gov)? = table6.cell(r, 2)?.value {
                pairs.append("\(dept)→\(gov)")
            }
        }
        XCTAssertEqual(pairs, ["30201→50201", "30201→50502", "31002→50306", "31002→50601"])
        let table2 = try XCTUnwrap(s["表2"])
        XCTAssertEqual(money(table2, row: "测试中心", column: 2), Money(fen: 6_000_000))
        XCTAssertEqual(money(table2, row: "测试局", column: 2), Money(fen: 14_000_000))
    }

    func testExtraCatalogAddsCodes() throws {
        let source = TestSupport.header + """
        分类目录 "local.tsv"
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          公用经费
            2109901 30201 办公费 8
        """
        let without = TestSupport.check(source, files: ["local.tsv": "code\tname\n"])
        XCTAssertEqual(without.ids(.error), ["unknown-code"])
        let with = TestSupport.check(source, files: ["local.tsv": "# 本地补充\ncode\tname\n2109901\t本地特色卫生支出\n"])
        XCTAssertEqual(with.ids(.error), [])
    }

    /// Column widths and row heights read text widths from UTF-8 bytes (issue 15): wherever that path
    /// answers, it gives exactly the widths of `Normalize.displayWidth` over Characters, paragraph by
    /// paragraph; it answers for a budget's usual text (so the fast path is really taken) and declines
    /// text whose scalars join into one Character (combining marks, emoji sequences, jamo, CR LF).
    func testByteLevelTextWidthsAgreeWithCharacters() {
        func characterWidths(_ s: String) -> [Int] {
            s.split(separator: "\n", omittingEmptySubsequences: false).map { Normalize.displayWidth($0) }
        }
        func byteWidths(_ s: String) -> [Int]? { TextWidths.scan(s, into: [Int]()) { $0.append($1) }?.result }
        for usual in ["", "一般公共预算支出表", "2050101 行政运行", "合计\n（万元）", "单位：万元", "（一）基本支出：37.02万元；",
                      "ＡＢＣ１２３，。", "≤5%", "①②", "“引号”…", "a\tb", "\n", "①\n\n②", "Ⅰ类 ＋ ½ ← →"] {
            XCTAssertEqual(byteWidths(usual), characterWidths(usual), "「\(usual)」")
        }
        for joined in ["e\u{301}", "中\u{FE0F}", "👍🏽", "👨\u{200D}👩", "\u{1100}\u{1161}", "한\u{11A8}", "ｶ\u{FF9E}", "か\u{3099}", "a\r\nb", "🇨🇳"] {
            XCTAssertNil(byteWidths(joined), "「\(joined)」")
        }
        var generator = FormatterTests.Generator(state: 15)
        let alphabet = ["a", "7", " ", "\t", "\n", "\r", "中", "预", "（", "）", "，", "。", "、", "　", "Ａ", "１", "ｶ", "\u{FF9E}",
                        "\u{301}", "\u{200D}", "\u{FE0F}", "👍", "🏽", "🇨", "\u{1100}", "\u{1161}", "한", "“", "…", "①", "é", "ß", "€", "Ω"]
        for _ in 0..<5000 {
            let sample = (0..<generator.int(1...8)).map { _ in generator.pick(alphabet) }.joined()
            if let widths = byteWidths(sample) { XCTAssertEqual(widths, characterWidths(sample), "「\(sample.unicodeScalars.map { String($0.value, radix: 16) })」") }
        }
    }
}
