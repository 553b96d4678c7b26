/// The 说明 sheet (the generated explanatory text) and the 图表 sheet (native charts over cells).
enum NotesSheets {
    /// Column widths of the 说明 (character units): the running text spans all eight columns, which
    /// fill a portrait A4 page at 100 %; the tables of the 说明 use them as 序号 | 名称 | 类别 | dates | 人数 | 金额 | 备注.
    static let notesWidths: [Double] = [6, 30, 7, 12, 12, 7, 10, 10]

    /// `generated`: the 说明 when `check` already generated it (with last year named, in the same unit), else generated here.
    static func notes(_ context: TableContext, generated: Notes? = nil) -> Sheet {
        let notes = generated ?? Notes.generate(context.budget, unit: context.moneyUnit)
        let last = notesWidths.count - 1
        var sheet = Sheet(name: "说明", title: notes.title, columnCount: notesWidths.count)
        sheet.moneyUnit = context.moneyUnit
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
                    // Longer than a page: each page repeats the caption (with “（续）”), the 单位 line and the header.
                    let headerRow = first + (unit == nil ? 1 : 2)
                    sheet.continuedBlocks.append(ContinuedBlock(rows: first...(row - 1), repeated: Array(first...headerRow), suffixAt: CellRef(first, 0)))
                }
            }
        }
        var widths = notesWidths
        // The third column holds unit codes (预算单位名单): codes longer than 6 digits (1078001) would wrap, so it
        // takes what they need from the wide name column, and the page keeps its width.
        var codes = 0
        for row in sheet.rows where row.count > 2 {
            if let cell = row[2], cell.style == .text, case .text(let s) = cell.value { codes = max(codes, Normalize.displayWidth(s)) }
        }
        let widened = min(max(widths[2], Double(codes) + 2), 14)
        widths[1] -= widened - widths[2]
        widths[2] = widened
        sheet.fixedWidths = Dictionary(uniqueKeysWithValues: widths.enumerated().map { ($0, $1) })
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

    /// Rows of one chart's block on the 图表 sheet: its data table at the left, the chart beside it
    /// (a chart is about 19 rows high); the block is kept on one page.
    static let chartBlockRows = 22

    /// The 图表 sheet: three charts, each beside the cells it draws (native charts, so a reader can
    /// check every bar). Categories where both years are zero are left out; every chart has a title
    /// naming its unit, data labels, and the tables' vocabulary (专项业务经费, not 项目支出).
    static func charts(_ context: TableContext) -> Sheet {
        let b = context.budget
        // Last year's series come from `PreviousYear` with their basis (上年预算 or 上年决算), named in the header.
        let lastClasses = b.previous?.functionClasses
        let lastSanGong = b.previous?.sanGongBlock
        let unit = context.moneyUnit.rawValue
        var sheet = Sheet(name: "图表", title: context.model.publisher.retitle("\(context.model.year)年部门预算图表"), columnCount: 4)
        sheet.moneyUnit = context.moneyUnit
        sheet.merge(0, 0, to: 0, 3, .text(sheet.title), .title)
        sheet.set(1, 0, .text(context.moneyUnit.caption), .caption)
        var charts: [ChartSpec] = []
        let lastYear = "\(context.model.year - 1)年", thisYear = "\(context.model.year)年"
        var blockStart = 3

        /// A data table (header, then rows of label and values) and its chart, as one block.
        func block(_ kind: ChartSpec.Kind, title: String, headers: [String], rows: [(String, [Money])]) {
            let header = blockStart
            for (c, h) in headers.enumerated() { sheet.set(header, c, .text(h), .header) }
            var row = header + 1
            for (label, values) in rows where values.contains(where: { !$0.isZero }) {
                sheet.set(row, 0, .text(label), .text)
                for (c, v) in values.enumerated() { sheet.set(row, c + 1, .money(v), .money) }
                row += 1
            }
            if row > header + 1 {
                let series = (1..<headers.count).map { ChartSpec.Series(nameCell: CellRef(header, $0), firstRow: header + 1, lastRow: row - 1, column: $0) }
                charts.append(ChartSpec(kind: kind, title: title, categoryColumn: 0, series: series, anchor: CellRef(header, 4), valueAxisName: kind == .pie ? nil : unit))
            } else {
                sheet.merge(row, 0, to: row, 3, .text("（无数据）"), .note)
                row += 1
            }
            sheet.keepTogether.append(blockStart...(blockStart + chartBlockRows - 1))
            blockStart += chartBlockRows
        }

        // 1. 本年 vs 上年 by function 类.
        // This year's totals by 类 in one pass over the lines (not one pass per 类).
        var byClass: [String: Money] = [:]
        for line in b.lines { byClass[Codes.classOf(line.line.functionCode), default: .zero] += line.amount }
        let classes = Set(byClass.keys).union(lastClasses?.values.keys.map { $0 } ?? []).sorted()
        let lastLabel = lastClasses?.label ?? lastYear
        block(.column, title: "\(thisYear)与\(lastLabel)支出对比（按支出功能分类，\(unit)）", headers: ["支出功能分类（类）", lastLabel, thisYear],
              rows: classes.map { klass in (context.catalog.function[klass] ?? klass, [lastClasses?.values[klass] ?? .zero, byClass[klass] ?? .zero]) })

        // 2. 基本支出 (人员经费, 公用经费) / 专项业务经费 / the other kinds, named as the tables name them.
        let kinds: [SpendingKind] = [.personnel, .publicUse, .project, .remittance, .operating, .subsidiary]
        block(.pie, title: "\(thisYear)支出结构（\(unit)）", headers: ["支出结构", thisYear],
              rows: kinds.map { kind in (kind.rawValue, [b.total { $0.line.kind == kind }]) })

        // 3. 三公 by part, 上年 vs 当年.
        let sanGongLast = lastSanGong?.label ?? lastYear
        block(.column, title: "“三公”经费\(thisYear)与\(sanGongLast)对比（\(unit)）", headers: ["“三公”经费", sanGongLast, thisYear],
              rows: SanGongPart.allCases.enumerated().map { index, part in
                  (part == .abroad ? "因公出国（境）" : part.rawValue, [lastSanGong?.department[index] ?? .zero, Aggregates.sanGong(b, part: part)])
              } + [("未细分", [lastSanGong?.undetailed ?? .zero, Aggregates.sanGongUndetailed(b)])])
        sheet.charts = charts
        sheet.fixedWidths = [0: 26, 1: 14, 2: 14, 3: 4]
        return sheet
    }
}
