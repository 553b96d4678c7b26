/// Tables that are forms rather than grids, drawn by named helpers a template selects with
/// `版式 表单 名称`: the 政府采购 list (items with their own codes and quantities) and the 绩效目标
/// forms (one block per project, the department's tasks, the 专项资金 form).
enum TableForms {
    static let names = ["政府采购", "项目绩效", "部门整体绩效", "专项资金绩效"] + ActualsTables.formNames

    static func build(_ name: String, _ spec: TableSpec, _ context: TableContext) -> BuiltTable {
        let sheet: Sheet
        if ActualsTables.formNames.contains(name) {
            // A 决算 form in a budget's set: the budget has no 决算 figures, so the table is empty.
            var empty = Sheet(name: spec.number, title: context.title(spec), columnCount: 1)
            empty.set(0, 0, .text(empty.title), .title)
            return BuiltTable(spec: spec, sheet: empty, hasData: false, bodyRows: 0)
        }
        switch name {
        case "政府采购": sheet = procurement(spec, context)
        case "项目绩效": sheet = projectPerformance(spec, context)
        case "部门整体绩效": sheet = departmentPerformance(spec, context)
        default: sheet = specialFundPerformance(spec, context)
        }
        return BuiltTable(spec: spec, sheet: sheet, hasData: hasData(name, context), bodyRows: max(0, sheet.rowCount - sheet.headerRowCount))
    }

    /// The rows the form's sheet takes, without drawing it: for `check` of a budget large enough that a form
    /// could pass a worksheet's rows. Only the forms that grow with the budget (the 政府采购 list, a block per
    /// project) are counted; nil for the others, which stay small. `MeasuredRowsTests` hold each count to its builder.
    static func rowCount(_ name: String, _ context: TableContext) -> Int? {
        switch name {
        case "政府采购":
            // Title and caption, a two-row header, the 合计 and department rows, then per unit with items its row and theirs.
            let perUnit = context.units.map { unit in context.budget.lines(ofUnit: unit.code).reduce(0) { $0 + $1.line.purchases.count } }
            return 2 + 2 + 2 + perUnit.filter { $0 > 0 }.reduce(0) { $0 + 1 + $1 }
        case "项目绩效":
            // Title and caption, then per project 项目名称, 主管部门, three 资金 rows, 总体目标, the grid and a blank row
            // (the last blank row is never written); without projects one empty 项目名称 row.
            let blocks = context.model.projects.filter { !$0.carriedOver }.map { 6 + indicatorGridRows($0.performance?.indicators ?? []) + 1 }
            return blocks.isEmpty ? 3 : 2 + blocks.reduce(0, +) - 1
        default:
            return nil
        }
    }

    /// The rows `indicatorGrid` writes: its header, then per standard 二级 level its indicators or one empty row.
    static func indicatorGridRows(_ indicators: [Indicator]) -> Int {
        var counts: [String: [String: Int]] = [:]
        for indicator in indicators { counts[indicator.level1, default: [:]][indicator.level2, default: 0] += 1 }
        let shown = counts["成本指标"] == nil ? levels : [costLevels] + levels
        return 1 + shown.reduce(0) { sum, level in sum + level.level2.reduce(0) { $0 + max(1, counts[level.level1]?[$1] ?? 0) } }
    }

    /// Whether the form has anything to show (目录 是否空表), without drawing it.
    static func hasData(_ name: String, _ context: TableContext) -> Bool {
        switch name {
        case "政府采购": return context.budget.lines.contains { !$0.line.purchases.isEmpty }
        case "项目绩效": return context.model.projects.contains { !$0.carriedOver }
        case "部门整体绩效": return context.budget.lines.contains { !$0.amount.isZero }
        case _ where ActualsTables.formNames.contains(name): return false
        default: return false // 专项资金: budgetc writes the standard empty form
        }
    }

    static func split(_ code: String, _ sizes: [Int]) -> [String] {
        var parts: [String] = []
        var rest = Substring(code)
        for size in sizes {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts
    }

    static func procurement(_ spec: TableSpec, _ context: TableContext) -> Sheet {
        var sheet = Sheet(name: spec.number, title: context.title(spec), columnCount: 16)
        var row = sheet.addTitle(department: context.model.departmentName, unitCaption: context.moneyUnit.caption)
        sheet.merge(row, 0, to: row, 2, .text("科目编码"), .header)
        for (c, label) in ["类", "款", "项"].enumerated() { sheet.set(row + 1, c, .text(label), .header) }
        for (c, label) in [(3, "单位编码"), (4, "采购项目"), (5, "采购目录"), (6, "购买服务内容"), (7, "规格型号"), (8, "数量")] {
            sheet.merge(row, c, to: row + 1, c, .text(label), .header)
        }
        sheet.merge(row, 9, to: row, 10, .text("部门预算支出经济科目编码"), .header)
        sheet.merge(row, 11, to: row, 12, .text("政府预算支出经济科目编码"), .header)
        for (c, label) in [(9, "类"), (10, "款"), (11, "类"), (12, "款")] { sheet.set(row + 1, c, .text(label), .header) }
        for (c, label) in [(13, "实施采购时间"), (14, "预算金额"), (15, "说明")] { sheet.merge(row, c, to: row + 1, c, .text(label), .header) }
        row += 2
        sheet.headerRowCount = row

        struct Item { var line: EvaluatedLine; var purchase: Purchase; var amount: Money }
        func items(_ unit: Unit) -> [Item] {
            context.budget.lines(ofUnit: unit.code).flatMap { line in
                zip(line.line.purchases, line.purchaseAmounts).map { Item(line: line, purchase: $0.0, amount: $0.1) }
            }
        }
        let all = context.units.flatMap(items)
        let sharedFunction = Set(all.map(\.line.line.functionCode)).count == 1 ? all.first?.line.line.functionCode : nil
        func writeFunction(_ r: Int, _ code: String?) {
            let parts = code.map { split($0, [3, 2, 2]) } ?? ["", "", ""]
            for (c, p) in parts.enumerated() { sheet.set(r, c, p.isEmpty ? .empty : .code(p), .code) }
        }
        let totalRow = row
        let departmentRow = row + 1
        row += 2
        var unitRows: [Int] = []
        for unit in context.units {
            let unitItems = items(unit)
            guard !unitItems.isEmpty else { continue }
            let unitRow = row
            unitRows.append(unitRow)
            row += 1
            var itemRows: [Int] = []
            for item in unitItems {
                writeFunction(row, item.line.line.functionCode)
                sheet.set(row, 3, .empty, .code)
                let projectName = item.line.line.project.map { context.model.projects[$0].name }
                sheet.set(row, 4, .text(item.purchase.label ?? projectName ?? item.line.line.name ?? ""), .text)
                // The 目录 code and the item on two lines: “A02021003A4黑白打印机” read as one word.
                sheet.set(row, 5, .text(item.purchase.catalogCode + "\n" + item.purchase.item), .text)
                sheet.set(row, 6, .text(item.purchase.serviceContent), .text)
                sheet.set(row, 7, .text(item.purchase.specification), .text)
                sheet.set(row, 8, item.purchase.quantity.map { .integer($0) } ?? .empty, .integer)
                let economic = split(item.line.line.economicCode, [3, 2])
                let government = split(item.line.governmentCode, [3, 2])
                for (k, p) in (economic + government).enumerated() { sheet.set(row, 9 + k, p.isEmpty ? .empty : .code(p), .code) }
                sheet.set(row, 13, .text(item.purchase.time), .text)
                sheet.set(row, 14, item.amount.cellValue, .money)
                sheet.set(row, 15, .empty, .text)
                itemRows.append(row)
                row += 1
            }
            writeFunction(unitRow, sharedFunction)
            sheet.set(unitRow, 3, .code(unit.code), .code)
            sheet.set(unitRow, 4, .text(unit.name), .labelBold)
            sheet.set(unitRow, 8, .sumInteger(itemRows.map { CellRef($0, 8) }, cached: unitItems.reduce(0) { $0 + ($1.purchase.quantity ?? 0) }), .integer)
            sheet.set(unitRow, 14, .sum(itemRows.map { CellRef($0, 14) }, cached: unitItems.reduce(.zero) { $0 + $1.amount }), .moneyBold)
        }
        // Long texts wrap (row heights follow) rather than widening the table below a legible print scale.
        sheet.maxColumnWidth = 24
        let quantity = all.reduce(0) { $0 + ($1.purchase.quantity ?? 0) }
        let amount = all.reduce(Money.zero) { $0 + $1.amount }
        writeFunction(departmentRow, sharedFunction)
        sheet.set(departmentRow, 3, .code(context.model.departmentCode), .code)
        sheet.set(departmentRow, 4, .text(context.model.departmentName), .labelBold)
        sheet.set(departmentRow, 8, .sumInteger(unitRows.map { CellRef($0, 8) }, cached: quantity), .integer)
        sheet.set(departmentRow, 14, .sum(unitRows.map { CellRef($0, 14) }, cached: amount), .moneyBold)
        sheet.set(totalRow, 4, .text("合计"), .labelBold)
        sheet.set(totalRow, 8, .sumInteger([CellRef(departmentRow, 8)], cached: quantity), .integer)
        sheet.set(totalRow, 14, .sum([CellRef(departmentRow, 14)], cached: amount), .moneyBold)
        sheet.fillBlanks(rows: totalRow..<row)
        return sheet
    }

    /// The indicator grid always lists every standard 二级 level, as the reference does.
    static let levels: [(level1: String, level2: [String])] = [
        ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
        ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
        ("满意度指标", ["服务对象满意度指标"]),
    ]
    static let costLevels: (level1: String, level2: [String]) = ("成本指标", ["经济成本指标", "社会成本指标", "生态环境成本指标"])

    /// Writes the grid starting at `row`; column layout: A 年度绩效指标 | B 一级 | C 二级 | content columns | value | [权重] | [指标方向性] | remark.
    /// Returns the next free row.
    static func indicatorGrid(_ sheet: inout Sheet, row start: Int, indicators: [Indicator], contentColumns: ClosedRange<Int>,
                              valueColumn: Int, weightColumn: Int? = nil, directionColumn: Int? = nil, remarkColumn: Int?) -> Int {
        var row = start
        let lastColumn = sheet.columnCount - 1
        sheet.set(row, 1, .text("一级指标"), .header)
        sheet.set(row, 2, .text("二级指标"), .header)
        sheet.merge(row, contentColumns.lowerBound, to: row, contentColumns.upperBound, .text("指标内容"), .header)
        sheet.set(row, valueColumn, .text("指标值"), .header)
        if let weightColumn { sheet.set(row, weightColumn, .text("权重"), .header) }
        if let directionColumn { sheet.set(row, directionColumn, .text("指标方向性"), .header) }
        if let remarkColumn { sheet.set(row, remarkColumn, .text("备注"), .header) }
        row += 1
        // Indicators by 一级 and 二级 in one pass: a filter per 二级 compared every indicator's Chinese
        // names again (a fifth of the 绩效 forms' time; issue 15). Same order as written.
        var byLevel: [String: [String: [Indicator]]] = [:]
        for indicator in indicators { byLevel[indicator.level1, default: [:]][indicator.level2, default: []].append(indicator) }
        // The 一级 成本指标 (2021 framework) is listed, first, only where the targets use it.
        let shown = byLevel["成本指标"] == nil ? levels : [costLevels] + levels
        for level in shown {
            let level1Start = row
            for level2 in level.level2 {
                let matching = byLevel[level.level1]?[level2] ?? []
                let level2Start = row
                for indicator in matching.isEmpty ? [nil] : matching.map(Optional.some) {
                    sheet.merge(row, contentColumns.lowerBound, to: row, contentColumns.upperBound,
                                .text(indicator?.content ?? ""), .wrapped)
                    sheet.set(row, valueColumn, .text(indicator?.value ?? ""), .textCentered)
                    if let weightColumn { sheet.set(row, weightColumn, indicator?.weight.map(CellValue.integer) ?? .empty, .textCentered) }
                    if let directionColumn { sheet.set(row, directionColumn, .text(indicator?.direction?.printed ?? ""), .textCentered) }
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

    /// The columns some provinces' 绩效目标表 add after 指标值 (四川: 权重, 指标方向性), each only where written.
    struct ExtraColumns {
        var weight = false, direction = false
        init(_ indicators: [Indicator]) {
            for indicator in indicators {
                weight = weight || indicator.weight != nil
                direction = direction || indicator.direction != nil
            }
        }
        var count: Int { (weight ? 1 : 0) + (direction ? 1 : 0) }
        /// (权重, 指标方向性) columns when the grid's value is in `valueColumn`.
        func columns(after valueColumn: Int) -> (weight: Int?, direction: Int?) {
            (weight ? valueColumn + 1 : nil, direction ? valueColumn + 1 + (weight ? 1 : 0) : nil)
        }
    }

    static func projectPerformance(_ spec: TableSpec, _ context: TableContext) -> Sheet {
        let extra = ExtraColumns(context.model.projects.filter { !$0.carriedOver }.flatMap { $0.performance?.indicators ?? [] })
        var sheet = Sheet(name: spec.number, title: context.title(spec), columnCount: 6 + extra.count)
        let last = sheet.columnCount - 1
        var row = sheet.addTitle(department: context.model.departmentName, unitCaption: context.moneyUnit.caption)
        sheet.headerRowCount = row
        var any = false
        for (index, project) in context.model.projects.enumerated() where !project.carriedOver {
            any = true
            let blockStart = row
            let projectLines = context.budget.lines(ofProject: index)
            let total = projectLines.reduce(Money.zero) { $0 + $1.amount }
            let fiscal = projectLines.reduce(Money.zero) { $1.line.source.isFiscal ? $0 + $1.amount : $0 }
            sheet.merge(row, 0, to: row, 1, .text("项目名称"), .header)
            sheet.merge(row, 2, to: row, last, .text(project.name), .text)
            row += 1
            sheet.merge(row, 0, to: row, 1, .text("主管部门"), .header)
            sheet.merge(row, 2, to: row, last, .text(context.model.departmentName), .text)
            row += 1
            sheet.merge(row, 0, to: row + 2, 1, .text("资金金额（\(context.moneyUnit.rawValue)）"), .header)
            let amountRows = row
            for (k, label) in ["实施期资金总额：", "其中：财政拨款", "其他资金"].enumerated() {
                sheet.merge(row + k, 2, to: row + k, 3, .text(label), .text)
                for c in 5...last { sheet.set(row + k, c, .empty, .text) }
            }
            sheet.set(amountRows + 1, 4, fiscal.cellValue, .money)
            sheet.set(amountRows + 2, 4, (total - fiscal).cellValue, .money)
            sheet.set(amountRows, 4, .sum([CellRef(amountRows + 1, 4), CellRef(amountRows + 2, 4)], cached: total), .moneyBold)
            row += 3
            sheet.merge(row, 0, to: row, 1, .text("总体目标"), .header)
            sheet.merge(row, 2, to: row, last, .text(project.performance?.goal ?? ""), .wrapped)
            row += 1
            let gridHeader = row
            let (weightColumn, directionColumn) = extra.columns(after: 4)
            row = indicatorGrid(&sheet, row: row, indicators: project.performance?.indicators ?? [], contentColumns: 3...3,
                                valueColumn: 4, weightColumn: weightColumn, directionColumn: directionColumn, remarkColumn: last)
            // On paper a project's block starts a new page rather than leaving its indicators orphaned;
            // a block taller than a page repeats “项目名称 X（续）” and the grid's header on each page it continues onto.
            sheet.keepTogether.append(blockStart...(row - 1))
            sheet.continuedBlocks.append(ContinuedBlock(rows: blockStart...(row - 1), repeated: [blockStart, gridHeader], suffixAt: CellRef(blockStart, 2)))
            row += 1 // a blank row between projects
        }
        if !any {
            sheet.merge(row, 0, to: row, 1, .text("项目名称"), .header)
            sheet.merge(row, 2, to: row, last, .empty, .text)
        }
        // Narrower content and value columns make room for the extra ones (portrait A4 still).
        var widths: [Int: Double] = extra.count == 0 ? [0: 8, 1: 12, 2: 16, 3: 44, 4: 18, 5: 10] : [0: 8, 1: 12, 2: 16, 3: 44 - 4 * Double(extra.count), 4: 16]
        if let c = extra.columns(after: 4).weight { widths[c] = 8 }
        if let c = extra.columns(after: 4).direction { widths[c] = 10 }
        if extra.count > 0 { widths[last] = 10 }
        sheet.fixedWidths = widths
        return sheet
    }

    static func departmentPerformance(_ spec: TableSpec, _ context: TableContext) -> Sheet {
        let performance = context.model.departmentPerformance
        // With 权重 (or 指标方向性) the indicators' content gives up a column to it; with both the form is a column wider.
        let extra = ExtraColumns(performance?.performance.indicators ?? [])
        var sheet = Sheet(name: spec.number, title: context.title(spec), columnCount: 6 + max(0, extra.count - 1))
        let last = sheet.columnCount - 1
        var row = sheet.addTitle(department: context.model.departmentName, unitCaption: context.moneyUnit.caption)
        sheet.merge(row, 0, to: row, 1, .text("部门（单位）名称"), .header)
        sheet.merge(row, 2, to: row, last, .text(context.model.departmentName), .text)
        row += 1
        let tasksStart = row
        sheet.set(row, 1, .text("任务名称"), .header)
        sheet.set(row, 2, .text("主要内容"), .header)
        sheet.merge(row, 3, to: row, last, .text("预算金额（\(context.moneyUnit.rawValue)）"), .header)
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
        sheet.merge(row, 1, to: row, last, .text(performance?.performance.goal ?? ""), .wrapped)
        row += 1
        let (weightColumn, directionColumn) = extra.columns(after: extra.count == 0 ? 5 : 4)
        row = indicatorGrid(&sheet, row: row, indicators: performance?.performance.indicators ?? [], contentColumns: extra.count == 0 ? 3...4 : 3...3,
                            valueColumn: extra.count == 0 ? 5 : 4, weightColumn: weightColumn, directionColumn: directionColumn, remarkColumn: nil)
        sheet.merge(row, 0, to: row, last, .text("注：1、年度绩效指标可选择填写。2、部门应公开本部门整体预算绩效。"), .note)
        sheet.headerRowCount = 2
        sheet.fixedWidths = extra.count < 2 ? [0: 8, 1: 12, 2: 30, 3: 30, 4: 14, 5: 18] : [0: 8, 1: 12, 2: 28, 3: 28, 4: 14, 5: 12, 6: 12]
        return sheet
    }

    /// 专项资金 are managed by few departments and budgetc has no syntax for them yet: the table is
    /// always written as the standard empty form, and the 目录 gives the reason.
    static func specialFundPerformance(_ spec: TableSpec, _ context: TableContext) -> Sheet {
        var sheet = Sheet(name: spec.number, title: context.title(spec), columnCount: 6)
        var row = sheet.addTitle(department: context.model.departmentName, unitCaption: context.moneyUnit.caption)
        sheet.headerRowCount = row
        sheet.merge(row, 0, to: row, 1, .text("项目名称"), .header)
        sheet.merge(row, 2, to: row, 5, .empty, .text)
        row += 1
        sheet.merge(row, 0, to: row, 1, .text("主管部门"), .header)
        sheet.merge(row, 2, to: row, 3, .empty, .text)
        sheet.set(row, 4, .text("实施期限"), .header)
        sheet.set(row, 5, .empty, .text)
        row += 1
        sheet.merge(row, 0, to: row + 2, 1, .text("资金金额（\(context.moneyUnit.rawValue)）"), .header)
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
        if let reason = context.emptyReason(spec) {
            sheet.merge(row, 0, to: row, 5, .text("注：" + reason), .note)
        }
        sheet.fixedWidths = [0: 8, 1: 12, 2: 16, 3: 36, 4: 16, 5: 16]
        return sheet
    }
}
