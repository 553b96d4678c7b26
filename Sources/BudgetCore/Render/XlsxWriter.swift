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

    /// Writes the workbook through `SafeWrite`: libxlsxwriter writes into a private folder beside
    /// `path` (its own scratch files too, so a full /tmp cannot truncate parts), every libxlsxwriter
    /// status is checked, and the finished file is verified (`XlsxVerifier`) before it replaces `path`.
    /// `created` pins the document creation time so identical input gives identical bytes.
    public static func write(_ sheets: [Sheet], to path: String, created: Date, title: String,
                             protecting inputs: Set<FileIdentity> = [], root: String? = nil) throws {
        var sheets = sheets
        try write(&sheets, releasing: false, to: path, created: created, title: title, protecting: inputs, root: root)
    }

    /// The same, freeing each sheet once libxlsxwriter holds its cells, so that the tables and the
    /// writer's copy of them are not in memory together (issue 15). `sheets` is left holding empty
    /// sheets with their names; the caller must hold no other copy of them for the memory to be freed.
    public static func write(releasing sheets: inout [Sheet], to path: String, created: Date, title: String,
                             protecting inputs: Set<FileIdentity> = [], root: String? = nil) throws {
        try write(&sheets, releasing: true, to: path, created: created, title: title, protecting: inputs, root: root)
    }

    static func write(_ sheets: inout [Sheet], releasing: Bool, to path: String, created: Date, title: String,
                      protecting inputs: Set<FileIdentity>, root: String?) throws {
        do {
            try SafeWrite.write(to: path, protecting: inputs, root: root, produce: { temporary, scratch in
                try writeWorkbook(&sheets, releasing: releasing, to: temporary, scratch: scratch, created: created, title: title)
            }, verify: { temporary in
                try XlsxVerifier.verify(temporary, sheetCount: sheets.count)
            })
        } catch let failure as SafeWrite.Failure {
            throw Failure(description: failure.description)
        }
    }

    /// The fonts of the workbook. A spreadsheet cell names one font; 宋体 is declared with the GB2312
    /// character set and the serif family, so a machine without it substitutes a serif CJK font.
    /// For the PDF (read only by LibreOffice) the name is LibreOffice's fallback list.
    public static let workbookFont = "宋体"
    public static let printFont = "宋体;SimSun;Noto Serif CJK SC;Source Han Serif SC;Noto Serif CJK;Noto Sans CJK SC"

    static func writeWorkbook(_ sheets: [Sheet], to path: String, scratch: String, created: Date, title: String,
                              font: String = workbookFont) throws {
        var sheets = sheets
        try writeWorkbook(&sheets, releasing: false, to: path, scratch: scratch, created: created, title: title, font: font)
    }

    static func writeWorkbook(_ sheets: inout [Sheet], releasing: Bool, to path: String, scratch: String, created: Date, title: String,
                              font: String = workbookFont) throws {
        var options = lxw_workbook_options()
        let scratchC = strdup(scratch)
        defer { free(scratchC) }
        options.tmpdir = scratchC
        guard let workbook = workbook_new_opt(path, &options) else { throw Failure(description: "无法创建工作簿“\(path)”") }
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
        try check(workbook_set_properties(workbook, properties), "文档属性")

        let formats = Formats(workbook, font: font)
        for i in sheets.indices {
            guard let worksheet = workbook_add_worksheet(workbook, sheets[i].name) else {
                throw Failure(description: "无法添加工作表 \(sheets[i].name)")
            }
            try writeSheet(sheets[i], worksheet, formats)
            for spec in sheets[i].charts { try insertChart(spec, sheet: sheets[i], worksheet: worksheet, workbook: workbook) }
            if releasing { sheets[i] = Sheet(name: sheets[i].name, title: sheets[i].title, columnCount: 0) }
        }
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "写入工作簿失败：\(String(cString: lxw_strerror(status)))")
        }
    }

    final class Formats {
        static let all: [CellStyle] = [.title, .caption, .captionRight, .header, .text, .textCentered, .wrapped, .code, .money,
                                       .moneyBold, .integer, .labelBold, .note, .paragraph, .labelBoldPlain, .heading, .date]
        /// By `slot(style)`: an array, not a dictionary hashing the style for every cell.
        var byStyle: [UnsafeMutablePointer<lxw_format>] = []

        /// A style's place in `all`.
        static func slot(_ style: CellStyle) -> Int {
            switch style {
            case .title: return 0
            case .caption: return 1
            case .captionRight: return 2
            case .header: return 3
            case .text: return 4
            case .textCentered: return 5
            case .wrapped: return 6
            case .code: return 7
            case .money: return 8
            case .moneyBold: return 9
            case .integer: return 10
            case .labelBold: return 11
            case .note: return 12
            case .paragraph: return 13
            case .labelBoldPlain: return 14
            case .heading: return 15
            case .date: return 16
            }
        }

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>, font: String) {
            for style in Formats.all {
                let f = workbook_add_format(workbook)!
                format_set_font_name(f, font)
                format_set_font_charset(f, 134) // GB2312
                format_set_font_family(f, 1)    // roman (serif)
                format_set_font_size(f, TextMetrics.fontSize(style))
                format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                switch style {
                case .title:
                    format_set_bold(f)
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                    format_set_text_wrap(f)
                case .heading:
                    format_set_bold(f)
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                    format_set_text_wrap(f)
                case .caption:
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                case .captionRight:
                    format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
                case .note, .paragraph:
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                    format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) // spare height falls below the text
                    format_set_text_wrap(f)
                case .labelBoldPlain:
                    format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
                    format_set_bold(f)
                    format_set_text_wrap(f)
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
                case .wrapped, .text:
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
                case .date:
                    format_set_num_format(f, "yyyy-mm-dd")
                    format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
                case .labelBold:
                    format_set_bold(f)
                default:
                    break
                }
                byStyle.append(f)
            }
        }

        subscript(style: CellStyle) -> UnsafeMutablePointer<lxw_format> { byStyle[Formats.slot(style)] }
    }

    /// `SUM(C5:C9,C12)`: consecutive cells of a column become ranges; very long lists are split
    /// into several SUMs because a spreadsheet function takes at most 255 arguments.
    static func sumFormula(_ refs: [CellRef]) -> String {
        var bytes = sumFormulaBytes(refs)
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same as UTF-8 bytes ending with NUL, for libxlsxwriter (no String made and copied again).
    static func sumFormulaBytes(_ refs: [CellRef]) -> [UInt8] {
        guard !refs.isEmpty else { return Array("=0\0".utf8) }
        // Builders list a column's cells top-down: sorting is only needed when they are not in order already.
        func ordered(_ a: CellRef, _ b: CellRef) -> Bool { (a.column, a.row) < (b.column, b.row) }
        let sorted = zip(refs, refs.dropFirst()).allSatisfy({ !ordered($1, $0) }) ? refs : refs.sorted(by: ordered)
        // Written as bytes (thousands of formulas in a large department): runs of rows in one column
        // become ranges, at most 200 arguments per SUM, the SUMs added.
        var out: [UInt8] = [UInt8(ascii: "=")]
        out.reserveCapacity(sorted.count * 8 + 8)
        var i = 0, parts = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1].column == sorted[i].column, sorted[j + 1].row == sorted[j].row + 1 { j += 1 }
            if parts % 200 == 0 {
                if parts > 0 { out += [UInt8(ascii: ")"), UInt8(ascii: "+")] }
                out += Array("SUM(".utf8)
            } else {
                out.append(UInt8(ascii: ","))
            }
            sorted[i].appendA1(to: &out)
            if j > i {
                out.append(UInt8(ascii: ":"))
                sorted[j].appendA1(to: &out)
            }
            parts += 1
            i = j + 1
        }
        out.append(UInt8(ascii: ")"))
        out.append(0)
        return out
    }

    static func insertChart(_ spec: ChartSpec, sheet: Sheet, worksheet: UnsafeMutablePointer<lxw_worksheet>,
                            workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        let type: Int
        switch spec.kind {
        case .column: type = Int(LXW_CHART_COLUMN.rawValue)
        case .bar: type = Int(LXW_CHART_BAR.rawValue)
        case .pie: type = Int(LXW_CHART_PIE.rawValue)
        }
        guard let chart = workbook_add_chart(workbook, UInt8(type)) else { throw Failure(description: "无法在 \(sheet.name) 中添加图表") }
        chart_title_set_name(chart, spec.title)
        let fontName = strdup(workbookFont)
        defer { free(fontName) }
        var titleFont = lxw_chart_font(), textFont = lxw_chart_font()
        titleFont.name = fontName; titleFont.size = 12; titleFont.bold = 1
        textFont.name = fontName; textFont.size = 9
        chart_title_set_name_font(chart, &titleFont)
        for s in spec.series {
            guard let series = chart_add_series(chart, nil, nil) else { throw Failure(description: "无法在 \(sheet.name) 中添加图表数据") }
            chart_series_set_categories(series, sheet.name, lxw_row_t(s.firstRow), lxw_col_t(spec.categoryColumn), lxw_row_t(s.lastRow), lxw_col_t(spec.categoryColumn))
            chart_series_set_values(series, sheet.name, lxw_row_t(s.firstRow), lxw_col_t(s.column), lxw_row_t(s.lastRow), lxw_col_t(s.column))
            chart_series_set_name_range(series, sheet.name, lxw_row_t(s.nameCell.row), lxw_col_t(s.nameCell.column))
            // Every bar and slice says its amount (and a slice its share).
            chart_series_set_labels(series)
            chart_series_set_labels_num_format(series, "#,##0.00")
            chart_series_set_labels_font(series, &textFont)
            if spec.kind != .pie { chart_series_set_labels_position(series, UInt8(LXW_CHART_LABEL_POSITION_OUTSIDE_END.rawValue)) }
            if spec.kind == .pie {
                chart_series_set_labels_options(series, 0, 1, 1)
                chart_series_set_labels_separator(series, UInt8(LXW_CHART_LABEL_SEPARATOR_NEWLINE.rawValue))
                chart_series_set_labels_leader_line(series)
            }
        }
        if spec.kind != .pie, let axisName = spec.valueAxisName {
            chart_axis_set_name(chart.pointee.y_axis, axisName)
            chart_axis_set_name_font(chart.pointee.y_axis, &textFont)
            chart_axis_set_num_font(chart.pointee.y_axis, &textFont)
            chart_axis_set_num_font(chart.pointee.x_axis, &textFont)
            chart_axis_set_num_format(chart.pointee.y_axis, "#,##0")
        }
        chart_legend_set_font(chart, &textFont)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        // 1.3 × the default 480 × 288 px: room for the labels of side-by-side bars.
        var placement = lxw_chart_options()
        placement.x_scale = 1.3
        placement.y_scale = 1.2
        try check(worksheet_insert_chart_opt(worksheet, lxw_row_t(spec.anchor.row), lxw_col_t(spec.anchor.column), chart, &placement), "\(sheet.name) 的图表")
    }

    static func check(_ status: lxw_error, _ what: @autoclosure () -> String) throws {
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "写入\(what())失败：\(String(cString: lxw_strerror(status)))")
        }
    }

    static func check(_ status: lxw_error, _ sheet: Sheet, _ row: Int, _ column: Int) throws {
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "写入 \(sheet.name)!\(CellRef(row, column).a1) 失败：\(String(cString: lxw_strerror(status)))")
        }
    }

    static func writeSheet(_ sheet: Sheet, _ ws: UnsafeMutablePointer<lxw_worksheet>, _ formats: Formats) throws {
        let roles = sheet.mergeRoles()
        let (widths, heights) = ColumnWidths.measure(sheet, roles: roles)
        for (c, w) in widths.enumerated() { try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), w, nil), " \(sheet.name) 的列宽") }
        // Charts are placed by rows: rows of a fixed height make the spreadsheet put them where the
        // page breaks expect them (a spreadsheet's own default height differs with its fonts).
        if !sheet.charts.isEmpty { worksheet_set_default_row(ws, 15.5, 0) } // not 15, the implicit default, which is not written
        for (r, h) in heights.sorted(by: { $0.key < $1.key }) {
            try check(worksheet_set_row(ws, lxw_row_t(r), h, nil), " \(sheet.name) 的行高")
        }
        // Merged ranges first; their top-left cell is then written with its real value.
        for m in sheet.merges {
            let style = sheet.cell(m.firstRow, m.firstColumn)?.style ?? .text
            try check(worksheet_merge_range(ws, lxw_row_t(m.firstRow), lxw_col_t(m.firstColumn), lxw_row_t(m.lastRow), lxw_col_t(m.lastColumn), "", formats[style]),
                      sheet, m.firstRow, m.firstColumn)
        }
        try sheet.forEachWrittenCell(roles: roles) { r, c, cell, mergeStart in
                let format = formats[cell.style]
                let (rr, cc) = (lxw_row_t(r), lxw_col_t(c))
                let status: lxw_error
                switch cell.value {
                case .empty:
                    status = mergeStart ? LXW_NO_ERROR : worksheet_write_blank(ws, rr, cc, format)
                case .text(let s), .code(let s):
                    // withCString: a native String's own bytes (passing the String copied them into a new array).
                    status = XlsxText.escaped(s).withCString { worksheet_write_string(ws, rr, cc, $0, format) }
                case .money(let m):
                    status = worksheet_write_number(ws, rr, cc, sheet.moneyUnit.cellNumber(m), format)
                case .integer(let n):
                    status = worksheet_write_number(ws, rr, cc, Double(n), format)
                case .sum(let refs, let cached):
                    status = sumFormulaBytes(refs).withUnsafeBufferPointer { formula in
                        formula.withMemoryRebound(to: CChar.self) { worksheet_write_formula_num(ws, rr, cc, $0.baseAddress, format, sheet.moneyUnit.cellNumber(cached)) }
                    }
                case .difference(let a, let b, let cached):
                    status = worksheet_write_formula_num(ws, rr, cc, "=\(a.a1)-\(b.a1)", format, sheet.moneyUnit.cellNumber(cached))
                case .linear(let terms, let cached):
                    status = worksheet_write_formula_num(ws, rr, cc, LinearTerm.formula(terms), format, sheet.moneyUnit.cellNumber(cached))
                case .sumInteger(let refs, let cached):
                    status = sumFormulaBytes(refs).withUnsafeBufferPointer { formula in
                        formula.withMemoryRebound(to: CChar.self) { worksheet_write_formula_num(ws, rr, cc, $0.baseAddress, format, Double(cached)) }
                    }
                case .date(let y, let m, let d):
                    status = worksheet_write_number(ws, rr, cc, Double(ExcelDate.serial(year: y, month: m, day: d)), format)
                }
                try check(status, sheet, r, c)
        }
        if sheet.landscape { worksheet_set_landscape(ws) } else { worksheet_set_portrait(ws) }
        worksheet_set_paper(ws, 9) // A4
        // The scale and the page breaks are chosen here (not left to the spreadsheet) so that blocks stay together.
        let (scale, split) = PageSetup.printScale(sheet, widths: widths)
        if split {
            // Too wide for one page width at a legible size: over several widths, label columns repeated.
            worksheet_set_print_scale(ws, UInt16(scale))
            if sheet.repeatColumns > 0 {
                try check(worksheet_repeat_columns(ws, 0, lxw_col_t(sheet.repeatColumns - 1)), " \(sheet.name) 的打印标题列")
            }
            var columnBreaks = PageSetup.columnBreaks(sheet, widths: widths, scale: scale).map { lxw_col_t($0) }
            if !columnBreaks.isEmpty {
                columnBreaks.append(0) // the list ends with 0
                try check(worksheet_set_v_pagebreaks(ws, &columnBreaks), " \(sheet.name) 的分页")
            }
        } else {
            worksheet_set_print_scale(ws, UInt16(scale))
            // The spreadsheet's own width check wins where its fonts are wider than the model.
            if sheet.fitToPage { worksheet_fit_to_pages(ws, 1, 1) } else if sheet.fitToWidth { worksheet_fit_to_pages(ws, 1, 0) }
        }
        var breaks = sheet.fitToPage ? [] : PageSetup.pageBreaks(sheet, heights: heights, scale: scale).map { lxw_row_t($0) }
        if !breaks.isEmpty {
            breaks.append(0) // the list ends with 0
            try check(worksheet_set_h_pagebreaks(ws, &breaks), " \(sheet.name) 的分页")
        }
        worksheet_set_margins(ws, PageSetup.sideMargin, PageSetup.sideMargin, PageSetup.topMargin, PageSetup.bottomMargin)
        // The table layout's 页眉/页脚 when it has them, else the 表号 and title above and the page number below.
        var options = lxw_header_footer_options(margin: PageSetup.headerMargin, image_left: nil, image_center: nil, image_right: nil)
        try check(worksheet_set_header_opt(ws, sheet.pageHeader ?? PageSetup.header(sheet), &options), " \(sheet.name) 的页眉")
        try check(worksheet_set_footer_opt(ws, sheet.pageFooter ?? PageSetup.footer, &options), " \(sheet.name) 的页脚")
        worksheet_center_horizontally(ws)
        if sheet.headerRowCount > 0 {
            if sheet.repeatHeader { try check(worksheet_repeat_rows(ws, 0, lxw_row_t(sheet.headerRowCount - 1)), " \(sheet.name) 的打印标题行") }
            worksheet_freeze_panes(ws, lxw_row_t(sheet.headerRowCount), 0)
        }
    }
}
