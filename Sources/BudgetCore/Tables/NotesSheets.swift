/// The 说明 sheet (the generated explanatory text) and the 图表 sheet (native charts over cells).
enum NotesSheets {
    static func notes(_ context: TableContext) -> Sheet {
        let notes = Notes.generate(context.budget)
        var sheet = Sheet(name: "说明", title: notes.title, columnCount: 5)
        sheet.landscape = false
        sheet.merge(0, 0, to: 0, 4, .text(notes.title), .title)
        var row = 2
        for section in notes.sections {
            sheet.merge(row, 0, to: row, 4, .text(section.title), .labelBoldPlain)
            row += 1
            for paragraph in section.paragraphs {
                switch paragraph {
                case .text(let text):
                    sheet.merge(row, 0, to: row, 4, .text(text), .paragraph)
                    row += 1
                case .table(let caption, let headers, let rows):
                    sheet.merge(row, 0, to: row, 4, .text(caption), .paragraph)
                    row += 1
                    for (c, h) in headers.prefix(5).enumerated() { sheet.set(row, c, .text(h), .header) }
                    row += 1
                    for values in rows {
                        for (c, v) in values.prefix(5).enumerated() { sheet.set(row, c, .text(v), .text) }
                        row += 1
                    }
                }
            }
            row += 1
        }
        sheet.fixedWidths = [0: 10, 1: 34, 2: 30, 3: 12, 4: 14]
        return sheet
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
