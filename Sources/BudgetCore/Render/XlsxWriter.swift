import CXlsxWriter
import Foundation

/// The render stage: writes sheets to an .xlsx through libxlsxwriter, atomically.
public enum XlsxWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Number format that shows nothing for zero: subtotal formulas over blank cells stay blank,
    /// as in the published tables, yet recompute when a detail cell is edited.
    static let moneyFormat = "#,##0.00;-#,##0.00;;@"
    static let integerFormat = "#,##0;-#,##0;;@"

    /// Writes to a temporary file beside `path`, then renames it over `path`; on any failure the
    /// temporary file is removed and an existing workbook at `path` is left untouched.
    /// `created` pins the document creation time so identical input gives identical bytes.
    public static func write(_ sheets: [Sheet], to path: String, created: Date, title: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw Failure(description: "输出目录“\(directory)”不存在")
        }
        guard isDirectory.boolValue else { throw Failure(description: "“\(directory)”是文件，不是文件夹，不能在其中写工作簿") }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw Failure(description: "输出目录“\(directory)”不可写")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        defer { unlink(temporary) }
        try writeWorkbook(sheets, to: temporary, created: created, title: title)
        guard rename(temporary, path) == 0 else {
            throw Failure(description: "无法写入“\(path)”：\(String(cString: strerror(errno)))")
        }
    }

    static func writeWorkbook(_ sheets: [Sheet], to path: String, created: Date, title: String) throws {
        guard let workbook = workbook_new(path) else { throw Failure(description: "无法创建工作簿“\(path)”") }
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }

        let properties = UnsafeMutablePointer<lxw_doc_properties>.allocate(capacity: 1)
        defer { properties.deallocate() }
        properties.initialize(to: lxw_doc_properties())
        let titleC = strdup(title), author = strdup("budgetc")
        defer { free(titleC); free(author) }
        properties.pointee.title = titleC
        properties.pointee.author = author
        properties.pointee.created = time_t(created.timeIntervalSince1970)
        workbook_set_properties(workbook, properties)

        let formats = Formats(workbook)
        for sheet in sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                throw Failure(description: "无法添加工作表 \(sheet.name)")
            }
            try writeSheet(sheet, worksheet, formats)
            for spec in sheet.charts { insertChart(spec, sheet: sheet, worksheet: worksheet, workbook: workbook) }
        }
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "写入工作簿失败：\(String(cString: lxw_strerror(status)))")
        }
    }

    final class Formats {
        var byStyle: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            let all: [CellStyle] = [.title, .caption, .captionRight, .header, .text, .textCentered, .wrapped, .code, .money,
                                    .moneyBold, .integer, .labelBold, .note, .paragraph, .labelBoldPlain]
            for style in all {
                let f = workbook_add_format(workbook)!
                format_set_font_name(f, "宋体")
                format_set_font_size(f, 10)
                format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                switch style {
                case .title:
                    format_set_font_size(f, 16)
                    format_set_bold(f)
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                case .caption:
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                case .captionRight:
                    format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
                case .note, .paragraph:
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                    format_set_text_wrap(f)
                case .labelBoldPlain:
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                    format_set_bold(f)
                default:
                    format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
                }
                switch style {
                case .header:
                    format_set_bold(f)
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                    format_set_text_wrap(f)
                    format_set_bg_color(f, 0xF2F2F2)
                case .textCentered:
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                    format_set_text_wrap(f)
                case .wrapped:
                    format_set_text_wrap(f)
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                case .code:
                    format_set_num_format(f, "@")
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                case .money:
                    format_set_num_format(f, XlsxWriter.moneyFormat)
                case .moneyBold:
                    format_set_num_format(f, XlsxWriter.moneyFormat)
                    format_set_bold(f)
                case .integer:
                    format_set_num_format(f, XlsxWriter.integerFormat)
                case .labelBold:
                    format_set_bold(f)
                default:
                    break
                }
                byStyle[style] = f
            }
        }

        subscript(style: CellStyle) -> UnsafeMutablePointer<lxw_format> { byStyle[style]! }
    }

    /// `SUM(C5:C9,C12)`: consecutive cells of a column become ranges; very long lists are split
    /// into several SUMs because a spreadsheet function takes at most 255 arguments.
    static func sumFormula(_ refs: [CellRef]) -> String {
        var parts: [String] = []
        let sorted = refs.sorted { ($0.column, $0.row) < ($1.column, $1.row) }
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1].column == sorted[i].column, sorted[j + 1].row == sorted[j].row + 1 { j += 1 }
            parts.append(j > i ? "\(sorted[i].a1):\(sorted[j].a1)" : sorted[i].a1)
            i = j + 1
        }
        if parts.isEmpty { return "=0" }
        let chunks = stride(from: 0, to: parts.count, by: 200).map { "SUM(" + parts[$0..<min($0 + 200, parts.count)].joined(separator: ",") + ")" }
        return "=" + chunks.joined(separator: "+")
    }

    static func insertChart(_ spec: ChartSpec, sheet: Sheet, worksheet: UnsafeMutablePointer<lxw_worksheet>,
                            workbook: UnsafeMutablePointer<lxw_workbook>) {
        let type: Int
        switch spec.kind {
        case .column: type = Int(LXW_CHART_COLUMN.rawValue)
        case .bar: type = Int(LXW_CHART_BAR.rawValue)
        case .pie: type = Int(LXW_CHART_PIE.rawValue)
        }
        guard let chart = workbook_add_chart(workbook, UInt8(type)) else { return }
        chart_title_set_name(chart, spec.title)
        for s in spec.series {
            guard let series = chart_add_series(chart, nil, nil) else { continue }
            chart_series_set_categories(series, sheet.name, lxw_row_t(s.firstRow), lxw_col_t(spec.categoryColumn), lxw_row_t(s.lastRow), lxw_col_t(spec.categoryColumn))
            chart_series_set_values(series, sheet.name, lxw_row_t(s.firstRow), lxw_col_t(s.column), lxw_row_t(s.lastRow), lxw_col_t(s.column))
            chart_series_set_name_range(series, sheet.name, lxw_row_t(s.nameCell.row), lxw_col_t(s.nameCell.column))
            if spec.kind == .pie { chart_series_set_labels(series) }
        }
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        worksheet_insert_chart(worksheet, lxw_row_t(spec.anchor.row), lxw_col_t(spec.anchor.column), chart)
    }

    static func check(_ status: lxw_error, _ sheet: Sheet, _ row: Int, _ column: Int) throws {
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "写入 \(sheet.name)!\(CellRef(row, column).a1) 失败：\(String(cString: lxw_strerror(status)))")
        }
    }

    static func writeSheet(_ sheet: Sheet, _ ws: UnsafeMutablePointer<lxw_worksheet>, _ formats: Formats) throws {
        let widths = ColumnWidths.compute(sheet)
        for (c, w) in widths.enumerated() { worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), w, nil) }
        for (r, h) in ColumnWidths.rowHeights(sheet, widths: widths).sorted(by: { $0.key < $1.key }) {
            worksheet_set_row(ws, lxw_row_t(r), h, nil)
        }
        // Merged ranges first; their top-left cell is then written with its real value.
        for m in sheet.merges {
            let style = sheet.cell(m.firstRow, m.firstColumn)?.style ?? .text
            worksheet_merge_range(ws, lxw_row_t(m.firstRow), lxw_col_t(m.firstColumn), lxw_row_t(m.lastRow), lxw_col_t(m.lastColumn), "", formats[style])
        }
        try sheet.forEachWrittenCell { r, c, cell, mergeStart in
                let format = formats[cell.style]
                let (rr, cc) = (lxw_row_t(r), lxw_col_t(c))
                let status: lxw_error
                switch cell.value {
                case .empty:
                    status = mergeStart ? LXW_NO_ERROR : worksheet_write_blank(ws, rr, cc, format)
                case .text(let s), .code(let s):
                    status = worksheet_write_string(ws, rr, cc, s, format)
                case .money(let m):
                    status = worksheet_write_number(ws, rr, cc, m.wanYuanForDisplay, format)
                case .integer(let n):
                    status = worksheet_write_number(ws, rr, cc, Double(n), format)
                case .sum(let refs, let cached):
                    status = worksheet_write_formula_num(ws, rr, cc, sumFormula(refs), format, cached.wanYuanForDisplay)
                case .difference(let a, let b, let cached):
                    status = worksheet_write_formula_num(ws, rr, cc, "=\(a.a1)-\(b.a1)", format, cached.wanYuanForDisplay)
                case .linear(let terms, let cached):
                    status = worksheet_write_formula_num(ws, rr, cc, LinearTerm.formula(terms), format, cached.wanYuanForDisplay)
                case .sumInteger(let refs, let cached):
                    status = worksheet_write_formula_num(ws, rr, cc, sumFormula(refs), format, Double(cached))
                }
                try check(status, sheet, r, c)
        }
        if sheet.landscape { worksheet_set_landscape(ws) } else { worksheet_set_portrait(ws) }
        worksheet_set_paper(ws, 9) // A4
        if sheet.fitToPage { worksheet_fit_to_pages(ws, 1, 1) } else if sheet.fitToWidth { worksheet_fit_to_pages(ws, 1, 0) }
        worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6)
        worksheet_center_horizontally(ws)
        if let header = sheet.pageHeader { worksheet_set_header(ws, header) }
        if let footer = sheet.pageFooter { worksheet_set_footer(ws, footer) }
        if sheet.headerRowCount > 0 {
            if sheet.repeatHeader { worksheet_repeat_rows(ws, 0, lxw_row_t(sheet.headerRowCount - 1)) }
            worksheet_freeze_panes(ws, lxw_row_t(sheet.headerRowCount), 0)
        }
    }
}
