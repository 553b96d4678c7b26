/// The 说明 sheet (the generated explanatory text) and the 图表 sheet (native charts over cells).
enum NotesSheets {
    /// Column widths of the 说明 (character units): the running text spans all eight columns, which
    /// fill a portrait A4 page at 100 %; the tables of the 说明 use them as 序号 | 名称 | 类别 | dates | 人数 | 金额 | 备注.
    static let notesWidths: [Double] = [6, 30, 7, 12, 12, 7, 10, 10]

    static func notes(_ context: TableContext) -> Sheet {
        let notes = Notes.generate(context.budget)
        let last = notesWidths.count - 1
        var sheet = Sheet(name: "说明", title: notes.title, columnCount: notesWidths.count)
        sheet.landscape = false
        sheet.merge(0, 0, to: 0, last, .text(notes.title), .title)
        var row = 2
        for section in notes.sections {
            // A heading stays on the page of the text below it.
            let headingRow = row
            if section.level == 1 { row += 1 } // a blank line above each 部分
            sheet.merge(row, 0, to: row, last, .text(section.title), section.level == 1 ? .heading : .labelBoldPlain)
            row += 1
            if !section.paragraphs.isEmpty { sheet.keepTogether.append(headingRow...row) }
            for paragraph in section.paragraphs {
                switch paragraph {
                case .text(let text):
                    sheet.merge(row, 0, to: row, last, .text(text), .paragraph)
                    row += 1
                case .table(let caption, let unit, let headers, let rows):
                    let first = row
                    row = addTable(&sheet, at: row, caption: caption, unit: unit, headers: headers, rows: rows)
                    sheet.keepTogether.append(first...(row - 1))
                }
            }
        }
        sheet.fixedWidths = Dictionary(uniqueKeysWithValues: notesWidths.enumerated().map { ($0, $1) })
        return sheet
    }

    /// A table of the 说明: caption, 单位 line, header, then typed cells (numbers, dates). Its columns
    /// are the sheet's first columns; the last one spans what is left.
    static func addTable(_ sheet: inout Sheet, at start: Int, caption: String, unit: String?, headers: [String], rows: [[Notes.Value]]) -> Int {
        var row = start
        let last = sheet.columnCount - 1
        sheet.merge(row, 0, to: row, last, .text(caption), .labelBoldPlain)
        row += 1
        if let unit {
            sheet.merge(row, 0, to: row, last, .text(unit), .captionRight)
            row += 1
        }
        func place(_ values: [CellValue], _ styles: [CellStyle]) {
            for (c, value) in values.enumerated() where c <= last {
                if c == values.count - 1 && c < last { sheet.merge(row, c, to: row, last, value, styles[c]) } else { sheet.set(row, c, value, styles[c]) }
            }
            row += 1
        }
        place(headers.map { .text($0) }, headers.map { _ in .header })
        for values in rows {
            var cells: [CellValue] = [], styles: [CellStyle] = []
            for value in values {
                switch value {
                case .text(let s): cells.append(.text(s)); styles.append(.text)
                case .integer(let n): cells.append(.integer(n)); styles.append(.integer)
                case .money(let m): cells.append(.money(m)); styles.append(.money)
                case .date(let y, let m, let d): cells.append(.date(year: y, month: m, day: d)); styles.append(.date)
                }
            }
            place(cells, styles)
        }
        return row
    }

    static func charts(_ context: TableContext) -> Sheet {
        let b = context.budget
        // Last year's series come from `PreviousYear` with their basis (上年预算 or 上年决算), named in the header.
        let lastClasses = b.previous?.functionClasses
        let lastSanGong = b.previous?.sanGongBlock
        var sheet = Sheet(name: "图表", title: "\(context.model.year)年部门预算图表", columnCount: 4)
        sheet.merge(0, 0, to: 0, 3, .text(sheet.title), .title)
        sheet.set(1, 0, .text("单位：万元"), .caption)
        var row = 3
        var charts: [ChartSpec] = []
        let lastYear = "\(context.model.year - 1)年", thisYear = "\(context.model.year)年"

        // 1. 本年 vs 上年 by function 类.
        let classes = Set(b.lines.map { Codes.classOf($0.line.functionCode) }).union(lastClasses?.values.keys.map { $0 } ?? []).sorted()
        let header1 = row
        sheet.set(row, 0, .text("支出功能分类（类）"), .header)
        sheet.set(row, 1, .text(lastClasses?.label ?? lastYear), .header)
        sheet.set(row, 2, .text(thisYear), .header)
        row += 1
        for klass in classes {
            sheet.set(row, 0, .text(context.catalog.function[klass] ?? klass), .text)
            sheet.set(row, 1, .money(lastClasses?.values[klass] ?? .zero), .money)
            sheet.set(row, 2, .money(b.total { Codes.classOf($0.line.functionCode) == klass }), .money)
            row += 1
        }
        if !classes.isEmpty {
            charts.append(ChartSpec(kind: .column, title: "本年与上年支出（按功能分类）", categoryColumn: 0, series: [
                .init(nameCell: CellRef(header1, 1), firstRow: header1 + 1, lastRow: row - 1, column: 1),
                .init(nameCell: CellRef(header1, 2), firstRow: header1 + 1, lastRow: row - 1, column: 2),
            ], anchor: CellRef(3, 5)))
        }
        row += 1

        // 2. 基本支出 / 项目支出 structure.
        let header2 = row
        sheet.set(row, 0, .text("支出结构"), .header)
        sheet.set(row, 1, .text(thisYear), .header)
        row += 1
        let parts: [(String, (Line) -> Bool)] = [("人员经费", { $0.kind == .personnel }), ("公用经费", { $0.kind == .publicUse }),
                                                 ("项目支出", { $0.kind == .project }), ("其他支出", { [.remittance, .operating, .subsidiary].contains($0.kind) })]
        for (label, select) in parts {
            sheet.set(row, 0, .text(label), .text)
            sheet.set(row, 1, .money(b.total { select($0.line) }), .money)
            row += 1
        }
        charts.append(ChartSpec(kind: .pie, title: "基本支出与项目支出结构", categoryColumn: 0, series: [
            .init(nameCell: CellRef(header2, 1), firstRow: header2 + 1, lastRow: row - 1, column: 1),
        ], anchor: CellRef(21, 5)))
        row += 1

        // 3. 三公 by part, 上年 vs 当年.
        let header3 = row
        sheet.set(row, 0, .text("“三公”经费"), .header)
        sheet.set(row, 1, .text(lastSanGong?.label ?? lastYear), .header)
        sheet.set(row, 2, .text(thisYear), .header)
        row += 1
        for (index, part) in SanGongPart.allCases.enumerated() {
            sheet.set(row, 0, .text(part == .abroad ? "因公出国（境）" : part.rawValue), .text)
            sheet.set(row, 1, .money(lastSanGong?.department[index] ?? .zero), .money)
            sheet.set(row, 2, .money(Aggregates.sanGong(b, part: part)), .money)
            row += 1
        }
        charts.append(ChartSpec(kind: .bar, title: "“三公”经费（上年与当年）", categoryColumn: 0, series: [
            .init(nameCell: CellRef(header3, 1), firstRow: header3 + 1, lastRow: row - 1, column: 1),
            .init(nameCell: CellRef(header3, 2), firstRow: header3 + 1, lastRow: row - 1, column: 2),
        ], anchor: CellRef(39, 5)))
        sheet.charts = charts
        sheet.fixedWidths = [0: 26, 1: 14, 2: 14, 3: 4]
        return sheet
    }
}
