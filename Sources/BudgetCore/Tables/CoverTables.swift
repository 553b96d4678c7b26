/// 封面 and 目录 (是否空表, 公开空表理由), in the reference's wording.
enum CoverTables {
    static func cover(_ context: TableContext) -> Sheet {
        cover(title: context.fill(context.layouts.coverTitle), lines: context.layouts.coverLines, draft: context.draft) { item in
            switch item {
            case .department: return context.model.departmentName
            case .secrecy: return context.model.secrecyReview
            case .signOff: return context.model.headSignOff
            }
        }
    }

    /// The cover of a budget or a 决算: its title, then the lines the table set prints (`封面` in 套表.tbl).
    static func cover(title: String, lines: [CoverLine], draft: Bool, value: (CoverItem) -> String) -> Sheet {
        var sheet = Sheet(name: "封面", title: title, columnCount: 4)
        sheet.landscape = false
        sheet.merge(0, 0, to: 0, 3, .text(sheet.title), .title)
        var row = 2
        if draft {
            sheet.merge(row, 0, to: row, 3, .text("草稿：本工作簿在审核仍有错误时强制生成，不得公开"), .title)
            row += 2
        }
        for (label, value) in lines.map({ ($0.label, value($0.item)) }) {
            sheet.merge(row, 0, to: row, 1, .text(label), .captionRight)
            sheet.merge(row, 2, to: row, 3, .text(value), .caption)
            row += 2
        }
        sheet.fixedWidths = [0: 20, 1: 20, 2: 24, 3: 24]
        return sheet
    }

    static func contents(_ context: TableContext, tables: [BuiltTable]) -> Sheet {
        var sheet = Sheet(name: "目录", title: "目录", columnCount: 4)
        sheet.merge(0, 0, to: 0, 3, .text("目录"), .title)
        var row = sheet.addHeaderRow(1, ["报表", "报表名称", "是否空表", "公开空表理由"])
        for table in tables {
            let empty = !table.hasData
            sheet.set(row, 0, .text(table.spec.number), .textCentered)
            sheet.set(row, 1, .text(table.sheet.title), .text)
            sheet.set(row, 2, .text(empty ? "是" : "否"), .textCentered)
            sheet.set(row, 3, .text(empty ? (context.emptyReason(table.spec) ?? "") : ""), .wrapped)
            row += 1
        }
        row += 1
        sheet.merge(row, 0, to: row, 3, .text("注：1. 封面和目录的格式不得随意改变。"), .note)
        sheet.merge(row + 1, 0, to: row + 1, 3, .text("2. 公开空表一定要在目录说明理由。"), .note)
        sheet.fixedWidths = [0: 8, 1: 70, 2: 10, 3: 40]
        return sheet
    }
}
