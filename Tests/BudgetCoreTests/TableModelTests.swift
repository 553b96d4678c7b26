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

/// The printed layout (`PageSetup.laidOut`) on a sheet built by hand: a block taller than a page gets
/// its name row repeated where the page breaks, and everything that names a row below follows.
final class ContinuationLayoutTests: XCTestCase {
    /// Title, then a block: a name row, a header row, 120 rows under a label merged over all of them,
    /// and a total below the block summing two rows of the block.
    func tallBlock() -> Sheet {
        var sheet = Sheet(name: "表14", title: "绩效目标表", columnCount: 3)
        sheet.merge(0, 0, to: 0, 2, .text("绩效目标表"), .title)
        sheet.headerRowCount = 1
        sheet.merge(1, 0, to: 1, 1, .text("项目名称"), .header)
        sheet.set(1, 2, .text("长项目"), .text)
        sheet.set(2, 1, .text("指标内容"), .header)
        sheet.set(2, 2, .text("指标值"), .header)
        for r in 3..<123 {
            sheet.set(r, 1, .text("指标 \(r)"), .text)
            sheet.set(r, 2, .money(Money(fen: Int64(r))), .money)
        }
        sheet.merge(3, 0, to: 122, 0, .text("产出指标"), .textCentered)
        sheet.set(123, 2, .sum([CellRef(3, 2), CellRef(122, 2)], cached: Money(fen: 125)), .money)
        sheet.keepTogether = [1...122]
        sheet.continuedBlocks = [ContinuedBlock(rows: 1...122, repeated: [1, 2], suffixAt: CellRef(1, 2))]
        sheet.landscape = false
        return sheet
    }

    func text(_ sheet: Sheet, _ r: Int, _ c: Int) -> String? {
        if case .text(let t)? = sheet.cell(r, c)?.value { return t }
        return nil
    }

    func testATallBlockRepeatsItsNameOnEveryPageItContinuesOnto() throws {
        let before = tallBlock()
        let laid = PageSetup.laidOut(before)
        let continuations = (0..<laid.rowCount).filter { text(laid, $0, 2) == "长项目（续）" }
        // 120 rows of 15 pt on portrait A4 (about 734 pt a page): three pages, two continuations.
        XCTAssertEqual(continuations.count, 2, "rows: \(continuations)")
        XCTAssertEqual(laid.rowCount, before.rowCount + 2 * 2)
        XCTAssertEqual(Set(continuations), laid.continuationRows)
        for r in continuations {
            XCTAssertEqual(text(laid, r, 0), "项目名称")
            XCTAssertEqual(text(laid, r + 1, 1), "指标内容", "the header row follows the name")
            XCTAssertTrue(laid.merges.contains { $0.firstRow == r && $0.lastRow == r && $0.firstColumn == 0 && $0.lastColumn == 1 })
            // The label merged over the block is split there and written again below the copies.
            XCTAssertEqual(text(laid, r + 2, 0), "产出指标")
            XCTAssertTrue(laid.merges.contains { $0.firstRow == r + 2 && $0.firstColumn == 0 })
            XCTAssertFalse(laid.merges.contains { $0.firstColumn == 0 && $0.firstRow < r && $0.lastRow >= r }, "no merge runs through a continuation")
        }
        // The total below the block still sums the first and last indicator.
        let total = try XCTUnwrap(laid.cell(before.rowCount - 1 + 4, 2))
        guard case .sum(let refs, _) = total.value else { return XCTFail("\(total)") }
        XCTAssertEqual(refs.map { laid.cell($0.row, $0.column)?.value }, [.money(Money(fen: 3)), .money(Money(fen: 122))])
        XCTAssertEqual(laid.keepTogether, [1...(122 + 4)])
        // Laid out again, nothing changes: the continuations are where the pages break.
        XCTAssertEqual(PageSetup.laidOut(laid).rowCount, laid.rowCount)
    }

    func testABlockThatFitsIsLeftAlone() {
        var sheet = tallBlock()
        sheet.continuedBlocks = [ContinuedBlock(rows: 1...10, repeated: [1], suffixAt: CellRef(1, 2))]
        XCTAssertEqual(PageSetup.laidOut(sheet).rowCount, sheet.rowCount)
    }
}

extension ContinuationLayoutTests {
    /// 表10 lists a unit's projects under the unit's row; a unit with more projects than a page holds
    /// continues under “测试局本级（续）” with no amount (the subtotal is printed, and summed, once).
    func testTable10RepeatsTheUnitOnItsContinuationPages() throws {
        var source = TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n"
        for p in 1...70 {
            source += "项目 \"专项工作\(p)\"\n  简介 \"用于第\(p)项专项工作的调研、培训和宣传，按计划分季度实施并开展绩效评价。\"\n  2101501 30201 办公费 \(p)\n"
        }
        let result = TestSupport.check(source)
        // Only the empty tables' missing reasons are errors (no 基本支出): the tables are built as a draft.
        XCTAssertEqual(Set(result.diagnostics.filter { $0.severity == .error }.map(\.id)), ["empty-table-reason"])
        let (layouts, _) = TableLayouts.load(templates: .locate())
        let sheets = TableSet.build(TableContext(budget: try XCTUnwrap(result.budget), layouts: layouts, draft: true))
        let table10 = try XCTUnwrap(sheets.first { $0.name == "表10" })
        let laid = PageSetup.laidOut(table10)
        let continued = (0..<laid.rowCount).filter { text(laid, $0, 1) == "测试局本级（续）" }
        XCTAssertGreaterThanOrEqual(continued.count, 1, "70 projects with their 简介 take more than a page")
        for r in continued {
            XCTAssertEqual(laid.cell(r, 2)?.value, .empty, "no amount on the repeated unit row")
            XCTAssertTrue(laid.continuationRows.contains(r))
        }
        // The unit's subtotal still sums its 70 projects, whose rows moved down.
        let unitRow = try XCTUnwrap((0..<laid.rowCount).first { text(laid, $0, 1) == "测试局本级" })
        guard case .sum(let refs, let cached)? = laid.cell(unitRow, 2)?.value else { return XCTFail("\(String(describing: laid.cell(unitRow, 2)))") }
        XCTAssertEqual(cached, Money(fen: Int64((1...70).reduce(0, +)) * Money.fenPerWan))
        let summed = refs.compactMap { ref -> Money? in if case .money(let m)? = laid.cell(ref.row, ref.column)?.value { return m } else { return nil } }
        XCTAssertEqual(summed.count, 70)
        XCTAssertEqual(summed.reduce(.zero, +), cached)
    }
}

/// `check` of a budget large enough to pass a worksheet's rows measures its tables without drawing them
/// (the growing forms count their rows): the rows it counts must be the rows the built tables take.
final class MeasuredRowsTests: XCTestCase {
    func testMeasuredTablesCountTheRowsTheBuiltOnesTake() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: TestSupport.repoRoot.appendingPathComponent("workbooks").path).sorted()
        var forms = 0
        for folder in folders {
            let path = TestSupport.repoRoot.appendingPathComponent("workbooks/\(folder)/budget.bud").path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let pipeline = Pipeline()
            guard let budget = pipeline.check(path: path).budget else { continue }
            let (layouts, _) = pipeline.tables(for: budget.budget)
            let context = TableContext(budget: budget, layouts: layouts)
            let measured = TableSet.measureCountingRows(context), built = TableSet.buildTables(context)
            XCTAssertEqual(measured.map(\.spec.number), built.map(\.spec.number))
            for (m, b) in zip(measured, built) {
                let place = "\(folder) \(b.spec.number)"
                if m.measuredRows != nil {
                    forms += 1
                    XCTAssertEqual(m.rowsNeeded, b.sheet.rowCount, place)
                } else if case .form = b.spec.layout {
                    // The forms not counted (部门整体绩效, 专项资金绩效) do not grow with the budget's lines.
                    XCTAssertLessThan(b.sheet.rowCount, 200, place)
                } else {
                    // A 明细 table's notes below its body are not counted: a few rows at most.
                    XCTAssertLessThanOrEqual(m.rowsNeeded, b.sheet.rowCount, place)
                    XCTAssertGreaterThanOrEqual(m.rowsNeeded, b.sheet.rowCount - 3, place)
                }
            }
        }
        XCTAssertGreaterThan(forms, 10, "the counted forms (政府采购, 项目绩效) of the examples were compared")
    }

    func testALimitIsReportedFromCountedRows() {
        let sheet = Sheet(name: "表14", title: "t", columnCount: 3)
        XCTAssertEqual(WorksheetLimits.diagnostics([(sheet, WorksheetLimits.maxRows + 1)], file: "b.bud").map(\.message),
                       ["表14 需要 1048577 行，超过工作表的上限 1048576 行，无法写出"])
        XCTAssertEqual(WorksheetLimits.diagnostics([(sheet, WorksheetLimits.maxRows)], file: "b.bud"), [])
    }
}
