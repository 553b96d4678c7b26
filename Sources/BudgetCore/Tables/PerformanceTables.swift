/// 表14 项目绩效目标 (one block per 专项 project), 表15 部门整体绩效目标, 表16 专项资金绩效目标.
enum PerformanceTables {
    /// The indicator grid always lists every standard 二级 level, as the reference does.
    static let levels: [(level1: String, level2: [String])] = [
        ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
        ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
        ("满意度指标", ["服务对象满意度指标"]),
    ]

    /// Writes the grid starting at `row`; column layout: A 年度绩效指标 | B 一级 | C 二级 | content columns | value | remark.
    /// Returns the next free row.
    static func indicatorGrid(_ sheet: inout Sheet, row start: Int, indicators: [Indicator], contentColumns: ClosedRange<Int>,
                              valueColumn: Int, remarkColumn: Int?) -> Int {
        var row = start
        let lastColumn = sheet.columnCount - 1
        sheet.set(row, 1, .text("一级指标"), .header)
        sheet.set(row, 2, .text("二级指标"), .header)
        sheet.merge(row, contentColumns.lowerBound, to: row, contentColumns.upperBound, .text("指标内容"), .header)
        sheet.set(row, valueColumn, .text("指标值"), .header)
        if let remarkColumn { sheet.set(row, remarkColumn, .text("备注"), .header) }
        row += 1
        for level in levels {
            let level1Start = row
            for level2 in level.level2 {
                let matching = indicators.filter { $0.level1 == level.level1 && $0.level2 == level2 }
                let level2Start = row
                for indicator in matching.isEmpty ? [nil] : matching.map(Optional.some) {
                    sheet.merge(row, contentColumns.lowerBound, to: row, contentColumns.upperBound,
                                .text(indicator?.content ?? ""), .wrapped)
                    sheet.set(row, valueColumn, .text(indicator?.value ?? ""), .textCentered)
                    if let remarkColumn { sheet.set(row, remarkColumn, .text(indicator?.remark ?? ""), .text) }
                    row += 1
                }
                sheet.merge(level2Start, 2, to: row - 1, 2, .text(level2), .textCentered)
            }
            sheet.merge(level1Start, 1, to: row - 1, 1, .text(level.level1), .textCentered)
        }
        sheet.merge(start, 0, to: row - 1, 0, .text("年度绩效指标"), .header)
        _ = lastColumn
        return row
    }

    static func table14(_ context: TableContext) -> Sheet {
        var sheet = Sheet(name: "表14", title: context.title(14), columnCount: 6)
        var row = sheet.addTitle(department: context.model.departmentName)
        sheet.headerRowCount = row
        var any = false
        for (index, project) in context.model.projects.enumerated() where !project.carriedOver {
            any = true
            let projectLines = context.budget.lines(ofProject: index)
            let total = projectLines.reduce(Money.zero) { $0 + $1.amount }
            let fiscal = projectLines.reduce(Money.zero) { $1.line.source.isFiscal ? $0 + $1.amount : $0 }
            sheet.merge(row, 0, to: row, 1, .text("项目名称"), .header)
            sheet.merge(row, 2, to: row, 5, .text(project.name), .text)
            row += 1
            sheet.merge(row, 0, to: row, 1, .text("主管部门"), .header)
            sheet.merge(row, 2, to: row, 5, .text(context.model.departmentName), .text)
            row += 1
            sheet.merge(row, 0, to: row + 2, 1, .text("资金金额（万元）"), .header)
            let amountRows = row
            for (k, label) in ["实施期资金总额：", "其中：财政拨款", "其他资金"].enumerated() {
                sheet.merge(row + k, 2, to: row + k, 3, .text(label), .text)
                sheet.set(row + k, 5, .empty, .text)
            }
            sheet.set(amountRows + 1, 4, fiscal.cellValue, .money)
            sheet.set(amountRows + 2, 4, (total - fiscal).cellValue, .money)
            sheet.set(amountRows, 4, .sum([CellRef(amountRows + 1, 4), CellRef(amountRows + 2, 4)], cached: total), .moneyBold)
            row += 3
            sheet.merge(row, 0, to: row, 1, .text("总体目标"), .header)
            sheet.merge(row, 2, to: row, 5, .text(project.performance?.goal ?? ""), .wrapped)
            row += 1
            row = indicatorGrid(&sheet, row: row, indicators: project.performance?.indicators ?? [], contentColumns: 3...3,
                                valueColumn: 4, remarkColumn: 5)
            row += 1 // a blank row between projects
        }
        if !any {
            sheet.merge(row, 0, to: row, 1, .text("项目名称"), .header)
            sheet.merge(row, 2, to: row, 5, .empty, .text)
        }
        sheet.fixedWidths = [0: 8, 1: 12, 2: 16, 3: 44, 4: 18, 5: 10]
        return sheet
    }

    static func table15(_ context: TableContext) -> Sheet {
        var sheet = Sheet(name: "表15", title: context.title(15), columnCount: 6)
        var row = sheet.addTitle(department: context.model.departmentName)
        let performance = context.model.departmentPerformance
        sheet.merge(row, 0, to: row, 1, .text("部门（单位）名称"), .header)
        sheet.merge(row, 2, to: row, 5, .text(context.model.departmentName), .text)
        row += 1
        let tasksStart = row
        sheet.set(row, 1, .text("任务名称"), .header)
        sheet.set(row, 2, .text("主要内容"), .header)
        sheet.merge(row, 3, to: row, 5, .text("预算金额（万元）"), .header)
        row += 1
        sheet.set(row, 1, .empty, .header)
        sheet.set(row, 2, .empty, .header)
        sheet.merge(row - 1, 1, to: row, 1, .text("任务名称"), .header)
        sheet.merge(row - 1, 2, to: row, 2, .text("主要内容"), .header)
        for (k, label) in ["总额", "财政拨款", "其他资金"].enumerated() { sheet.set(row, 3 + k, .text(label), .header) }
        row += 1
        let selectors: [(String, (Line) -> Bool)] = [
            ("人员经费", { $0.kind == .personnel }), ("公用经费", { $0.kind == .publicUse }),
            ("专项业务费", { $0.kind == .project && !$0.carriedOver }),
        ]
        var taskRows: [Int] = []
        for (name, select) in selectors {
            let total = context.sum { select($0.line) }
            let fiscal = context.sum { select($0.line) && $0.line.source.isFiscal }
            let content = performance?.tasks.first { $0.name == name }?.content ?? ""
            sheet.set(row, 1, .text(name), .text)
            sheet.set(row, 2, .text(content), .wrapped)
            sheet.set(row, 4, fiscal.cellValue, .money)
            sheet.set(row, 5, (total - fiscal).cellValue, .money)
            sheet.set(row, 3, .sum([CellRef(row, 4), CellRef(row, 5)], cached: total), .money)
            taskRows.append(row)
            row += 1
        }
        sheet.merge(tasksStart, 0, to: row - 1, 0, .text("年度主要任务"), .header)
        sheet.merge(row, 0, to: row, 2, .text("金额合计"), .labelBold)
        for c in 3...5 {
            let cached = taskRows.reduce(Money.zero) { total, r in
                if case .some(let cell) = sheet.cell(r, c) {
                    switch cell.value {
                    case .money(let m): return total + m
                    case .sum(_, let m): return total + m
                    default: return total
                    }
                }
                return total
            }
            sheet.set(row, c, .sum(taskRows.map { CellRef($0, c) }, cached: cached), .moneyBold)
        }
        row += 1
        sheet.set(row, 0, .text("年度总体目标"), .header)
        sheet.merge(row, 1, to: row, 5, .text(performance?.performance.goal ?? ""), .wrapped)
        row += 1
        row = indicatorGrid(&sheet, row: row, indicators: performance?.performance.indicators ?? [], contentColumns: 3...4,
                            valueColumn: 5, remarkColumn: nil)
        sheet.merge(row, 0, to: row, 5, .text("注：1、年度绩效指标可选择填写。2、部门应公开本部门整体预算绩效。"), .note)
        sheet.headerRowCount = 2
        sheet.fixedWidths = [0: 8, 1: 12, 2: 30, 3: 30, 4: 14, 5: 18]
        return sheet
    }

    /// 专项资金 are managed by few departments and budgetc has no syntax for them yet: the table is
    /// always written as the standard empty form, and the 目录 gives the reason.
    static func table16(_ context: TableContext) -> Sheet {
        var sheet = Sheet(name: "表16", title: context.title(16), columnCount: 6)
        var row = sheet.addTitle(department: context.model.departmentName)
        sheet.headerRowCount = row
        sheet.merge(row, 0, to: row, 1, .text("项目名称"), .header)
        sheet.merge(row, 2, to: row, 5, .empty, .text)
        row += 1
        sheet.merge(row, 0, to: row, 1, .text("主管部门"), .header)
        sheet.merge(row, 2, to: row, 3, .empty, .text)
        sheet.set(row, 4, .text("实施期限"), .header)
        sheet.set(row, 5, .empty, .text)
        row += 1
        sheet.merge(row, 0, to: row + 2, 1, .text("资金金额（万元）"), .header)
        for (k, label) in ["实施期资金总额：", "其中：财政拨款", "其他资金"].enumerated() {
            sheet.set(row + k, 2, .text(label), .text)
            sheet.set(row + k, 3, .empty, .money)
            sheet.set(row + k, 4, .text(["年度资金总额：", "其中：财政拨款", "其他资金"][k]), .text)
            sheet.set(row + k, 5, .empty, .money)
        }
        row += 3
        sheet.merge(row, 0, to: row + 1, 1, .text("总体目标"), .header)
        sheet.merge(row, 2, to: row, 3, .text("实施期总目标"), .header)
        sheet.merge(row, 4, to: row, 5, .text("年度目标"), .header)
        sheet.merge(row + 1, 2, to: row + 1, 3, .empty, .wrapped)
        sheet.merge(row + 1, 4, to: row + 1, 5, .empty, .wrapped)
        row += 2
        row = indicatorGrid(&sheet, row: row, indicators: [], contentColumns: 3...3, valueColumn: 4, remarkColumn: 5)
        if let reason = TableSet.emptyReason(16, context) {
            sheet.merge(row, 0, to: row, 5, .text("注：" + reason), .note)
        }
        sheet.fixedWidths = [0: 8, 1: 12, 2: 16, 3: 36, 4: 16, 5: 16]
        return sheet
    }
}
