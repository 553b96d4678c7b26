@testable import BudgetCore
import Foundation
import XCTest

/// What issue 15 changed in how compile builds, lays out and writes its sheets: the same workbook.
final class CompileMemoryTests: XCTestCase {
    /// A SUM's references are sorted only when out of order (builders list them top-down): either way the
    /// formula has the same ranges.
    func testSumFormulaOfOrderedAndUnorderedReferences() {
        XCTAssertEqual(XlsxWriter.sumFormula([CellRef(5, 2), CellRef(4, 2), CellRef(9, 2)]), "=SUM(C5:C6,C10)")
        XCTAssertEqual(XlsxWriter.sumFormula([CellRef(4, 2), CellRef(5, 2), CellRef(9, 2)]), "=SUM(C5:C6,C10)")
        XCTAssertEqual(XlsxWriter.sumFormula([CellRef(4, 3), CellRef(4, 2), CellRef(5, 2)]), "=SUM(C5:C6,D5)")
        XCTAssertEqual(XlsxWriter.sumFormula([CellRef(4, 2), CellRef(4, 2)]), "=SUM(C5,C5)")
    }

    /// A budget whose 表10 and 表14 continue over several pages (merges split, rows inserted, formulas moved).
    static let longBudget: String = {
        var source = TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  人员经费\n    2010101 30101 基本工资 120\n"
        for p in 1...40 {
            source += """
            项目 "专项工作\(p)"
              简介 "用于第\(p)项专项工作的调研、培训和宣传，按计划分季度实施并开展绩效评价。"
              2101501 30201 办公费 \(p)
              绩效
                总体目标 "完成第\(p)项专项工作。"
                产出/数量 "开展培训" "\(p)次"
                效益/社会 "群众知晓率" "≥90%"

            """
        }
        // A project whose indicator grid is taller than a page: its merged 一级/二级 labels are split by continuations,
        // and its name, repeated on each page, wraps onto two lines.
        source += "项目 \"\(String(repeating: "乡村振兴长期专项", count: 7))\"\n  简介 \"多年度专项。\"\n  2101501 30201 办公费 3\n  绩效\n    总体目标 \"完成各项任务。\"\n"
        for k in 1...60 { source += "    产出/数量 \"第\(k)项任务的完成数量，按季度考核并公开结果\" \"\(k)项\"\n" }
        return source
    }()

    /// The widths and heights the layout pass keeps for the writer (`Sheet.measured`) after inserting continuation
    /// rows, split merges included, are those of the finished sheet: the writer does not measure it again.
    func testWidthsAndHeightsAfterContinuationsAreThoseOfTheFinishedSheet() throws {
        let result = TestSupport.check(Self.longBudget)
        let (layouts, _) = TableLayouts.load(templates: .locate())
        let sheets = TableSet.build(TableContext(budget: try XCTUnwrap(result.budget), layouts: layouts, draft: true)).map(PageSetup.laidOut)
        let continued = sheets.filter { !$0.continuationRows.isEmpty }
        XCTAssertEqual(Set(continued.map(\.name)), ["表10", "表14"])
        let t14 = try XCTUnwrap(continued.first { $0.name == "表14" })
        XCTAssertTrue(t14.cells.values.contains { $0.values.contains { $0.value == .text("产出指标") } })
        // The long grid's 数量指标 label (merged down its 60 rows; a single 数量 indicator is no merge) is split over pages.
        XCTAssertGreaterThanOrEqual(t14.merges.filter { t14.cell($0.firstRow, $0.firstColumn)?.value == .text("数量指标") }.count, 2)
        for sheet in continued {
            let measured = try XCTUnwrap(sheet.measured)
            var fresh = sheet
            fresh.measured = nil
            let again = ColumnWidths.measure(fresh)
            XCTAssertEqual(measured.widths, again.widths, sheet.name)
            XCTAssertEqual(measured.heights, again.heights, sheet.name)
        }
    }

    /// `compile` has the writer free each sheet once libxlsxwriter holds it (`write(releasing:)`): the workbook
    /// is the one written from sheets it keeps, byte for byte.
    func testReleasingSheetsWhileWritingChangesNoByte() throws {
        let result = TestSupport.check(Self.longBudget)
        XCTAssertEqual(Set(result.diagnostics.filter { $0.severity == .error }.map(\.id)).subtracting(["empty-table-reason"]), [])
        let (layouts, _) = TableLayouts.load(templates: .locate())
        let sheets = TableSet.build(TableContext(budget: try XCTUnwrap(result.budget), layouts: layouts, draft: true)).map(PageSetup.laidOut)
        XCTAssertTrue(sheets.contains { !$0.continuationRows.isEmpty }, "some sheet continues over pages")
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = Date(timeIntervalSince1970: 0)
        let kept = directory.appendingPathComponent("kept.xlsx").path, released = directory.appendingPathComponent("released.xlsx").path
        try XlsxWriter.write(sheets, to: kept, created: created, title: "t")
        var releasing = sheets
        try XlsxWriter.write(releasing: &releasing, to: released, created: created, title: "t")
        XCTAssertEqual(releasing.map(\.name), sheets.map(\.name))
        XCTAssertEqual(releasing.map(\.rowCount).reduce(0, +), 0, "every sheet freed once written")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: kept))
        XCTAssertGreaterThan(bytes.count, 10_000)
        XCTAssertEqual(bytes, try Data(contentsOf: URL(fileURLWithPath: released)))
    }

    /// 表15's tasks: 人员经费, 公用经费 and the 专项 of this year's projects (not carried-over ones), each split
    /// into 财政拨款 and 其他资金 (summed in one pass over the lines).
    func testDepartmentPerformanceTaskAmounts() throws {
        let result = TestSupport.check(TestSupport.header + """
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
          事业收入 = 事业收入支出
          上年结转 = 结转支出合计
        基本支出
          人员经费
            2010101 30101 基本工资 100
            2010101 30102 津贴补贴 7 来源 事业收入
          公用经费
            2010101 30201 办公费 20
            2010101 30202 印刷费 3 来源 事业收入
        项目 "信息化建设"
          简介 "系统运维。"
          2010101 31007 信息网络及软件购置更新 50
          2010101 30201 办公费 5 来源 事业收入
        结转项目 "上年设备更新"
          类别 "其他项目"
          2010101 31002 办公设备购置 9
        """)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error && $0.id != "empty-table-reason" }.map(\.message), [])
        let (layouts, _) = TableLayouts.load(templates: .locate())
        let sheets = TableSet.build(TableContext(budget: try XCTUnwrap(result.budget), layouts: layouts, draft: true))
        let t15 = try XCTUnwrap(sheets.first { $0.name == "表15" })
        func amounts(_ task: String) -> [Money]? {
            guard let r = (0..<t15.rowCount).first(where: { t15.cell($0, 1)?.value == .text(task) }) else { return nil }
            return (3...5).map { c in
                switch t15.cell(r, c)?.value {
                case .money(let m)?, .sum(_, let m)?: return m
                default: return .zero
                }
            }
        }
        func wan(_ x: Int64) -> Money { Money(fen: x * Money.fenPerWan) }
        XCTAssertEqual(amounts("人员经费"), [wan(107), wan(100), wan(7)])
        XCTAssertEqual(amounts("公用经费"), [wan(23), wan(20), wan(3)])
        XCTAssertEqual(amounts("专项业务费"), [wan(55), wan(50), wan(5)])
    }
}
