/// 表10 专项业务经费, 表11 上年结转, 表12 政府采购, 表13 三公经费及会议费、培训费.
enum ProjectTables {
    static func table10(_ context: TableContext) -> Sheet {
        var sheet = Sheet(name: "表10", title: context.title(10), columnCount: 4)
        var row = sheet.addHeaderRow(sheet.addTitle(department: context.model.departmentName), ["单位编码", "单位（项目）名称", "项目金额", "项目简介"])
        let totalRow = row
        row += 1
        var unitRows: [Int] = []
        var grand = Money.zero
        for unit in context.units {
            let projects = context.model.projects.enumerated().filter { !$0.element.carriedOver && $0.element.unitCode == unit.code }
            guard !projects.isEmpty else { continue }
            let unitRow = row
            unitRows.append(unitRow)
            row += 1
            var projectRows: [Int] = []
            var unitTotal = Money.zero
            for (n, (index, project)) in projects.enumerated() {
                let amount = context.budget.projectTotal(index)
                unitTotal += amount
                sheet.set(row, 0, .empty, .text)
                sheet.set(row, 1, .text("\(n + 1)、\(project.name)"), .text)
                sheet.set(row, 2, amount.cellValue, .money)
                sheet.set(row, 3, .text(project.introduction), .wrapped)
                projectRows.append(row)
                row += 1
            }
            sheet.set(unitRow, 0, .code(unit.code), .code)
            sheet.set(unitRow, 1, .text(unit.name), .labelBold)
            sheet.set(unitRow, 2, .sum(projectRows.map { CellRef($0, 2) }, cached: unitTotal), .moneyBold)
            sheet.set(unitRow, 3, .empty, .text)
            grand += unitTotal
        }
        sheet.set(totalRow, 0, .empty, .text)
        sheet.set(totalRow, 1, .text("合计"), .labelBold)
        sheet.set(totalRow, 2, .sum(unitRows.map { CellRef($0, 2) }, cached: grand), .moneyBold)
        sheet.set(totalRow, 3, .empty, .text)
        sheet.fixedWidths = [3: 60]
        return sheet
    }

    static func table11(_ context: TableContext) -> Sheet {
        let headers = ["单位编码", "单位（项目）名称", "金额", "功能分类科目代码", "功能分类科目名称", "政府经济分类科目代码",
                       "政府经济分类科目名称", "项目类别", "资金性质", "备注"]
        var sheet = Sheet(name: "表11", title: context.title(11), columnCount: headers.count)
        var row = sheet.addHeaderRow(sheet.addTitle(department: context.model.departmentName), headers)
        let totalRow = row
        row += 1
        var unitRows: [Int] = []
        var grand = Money.zero
        for unit in context.units {
            let lines = context.budget.lines(ofUnit: unit.code).filter { $0.line.carriedOver }
            guard !lines.isEmpty else { continue }
            let unitRow = row
            unitRows.append(unitRow)
            row += 1
            var lineRows: [Int] = []
            for line in lines {
                let project = context.model.projects[line.line.project!]
                sheet.set(row, 0, .empty, .text)
                sheet.set(row, 1, .text(project.name), .text)
                sheet.set(row, 2, line.amount.cellValue, .money)
                sheet.set(row, 3, .code(line.line.functionCode), .code)
                sheet.set(row, 4, .text(context.catalog.function[line.line.functionCode] ?? ""), .text)
                sheet.set(row, 5, .code(line.governmentCode), .code)
                sheet.set(row, 6, .text(context.catalog.economicGovernment[line.governmentCode] ?? ""), .text)
                sheet.set(row, 7, .text(project.category), .text)
                sheet.set(row, 8, .text(project.fundNature.isEmpty ? "一般公共预算资金" : project.fundNature), .text)
                sheet.set(row, 9, .empty, .text)
                lineRows.append(row)
                row += 1
            }
            let unitTotal = lines.reduce(Money.zero) { $0 + $1.amount }
            grand += unitTotal
            sheet.set(unitRow, 0, .code(unit.code), .code)
            sheet.set(unitRow, 1, .text(unit.name), .labelBold)
            sheet.set(unitRow, 2, .sum(lineRows.map { CellRef($0, 2) }, cached: unitTotal), .moneyBold)
            for c in 3..<headers.count { sheet.set(unitRow, c, .empty, .text) }
        }
        sheet.set(totalRow, 1, .text("合计"), .labelBold)
        sheet.set(totalRow, 2, .sum(unitRows.map { CellRef($0, 2) }, cached: grand), .moneyBold)
        sheet.fillBlanks(rows: totalRow..<(totalRow + 1))
        return sheet
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

    static func table12(_ context: TableContext) -> Sheet {
        var sheet = Sheet(name: "表12", title: context.title(12), columnCount: 16)
        var row = sheet.addTitle(department: context.model.departmentName)
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
                sheet.set(row, 5, .text(item.purchase.catalogCode + item.purchase.item), .text)
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

    /// 三公 and meeting/training columns of one 表13 block, in order, with the economic codes each sums.
    /// Subtotals (合计, 三公小计, 公务用车小计) are formulas over the leaf columns.
    static let sanGongLeaves: [(label: String, code: String)] = [
        ("因公出国（境）费用", "30212"), ("公务接待费", "30217"), ("公务用车购置费", "31013"), ("公务用车运行维护费", "30231"),
        ("会议费", "30215"), ("培训费", "30216"),
    ]

    static func table13(_ context: TableContext) -> Sheet {
        let blockWidth = 9
        var sheet = Sheet(name: "表13", title: context.title(13), columnCount: 2 + 3 * blockWidth)
        var row = sheet.addTitle(department: context.model.departmentName)
        sheet.merge(row, 0, to: row + 3, 0, .text("单位编码"), .header)
        sheet.merge(row, 1, to: row + 3, 1, .text("单位名称"), .header)
        for (b, label) in ["上年", "当年", "增减变化情况"].enumerated() {
            let c = 2 + b * blockWidth
            sheet.merge(row, c, to: row, c + blockWidth - 1, .text(label), .header)
            sheet.merge(row + 1, c, to: row + 3, c, .text("合计"), .header)
            sheet.merge(row + 1, c + 1, to: row + 1, c + 6, .text("一般公共预算拨款安排的“三公”经费预算"), .header)
            sheet.merge(row + 2, c + 1, to: row + 3, c + 1, .text("小计"), .header)
            sheet.merge(row + 2, c + 2, to: row + 3, c + 2, .text("因公出国（境）费用"), .header)
            sheet.merge(row + 2, c + 3, to: row + 3, c + 3, .text("公务接待费"), .header)
            sheet.merge(row + 2, c + 4, to: row + 2, c + 6, .text("公务用车购置及运行维护费"), .header)
            sheet.set(row + 3, c + 4, .text("小计"), .header)
            sheet.set(row + 3, c + 5, .text("公务用车购置费"), .header)
            sheet.set(row + 3, c + 6, .text("公务用车运行维护费"), .header)
            sheet.merge(row + 1, c + 7, to: row + 3, c + 7, .text("会议费"), .header)
            sheet.merge(row + 1, c + 8, to: row + 3, c + 8, .text("培训费"), .header)
        }
        row += 4
        sheet.headerRowCount = row

        func leaves(_ unit: String?, in budget: EvaluatedBudget) -> [Money] {
            let lines = unit.map { budget.lines(ofUnit: $0) } ?? budget.lines
            return sanGongLeaves.map { leaf in
                lines.reduce(Money.zero) { $1.line.source == .generalBudget && $1.line.economicCode == leaf.code ? $0 + $1.amount : $0 }
            }
        }
        let totalRow = row
        let departmentRow = row + 1
        var unitRows: [Int] = []
        row += 2
        let previousColumn = 2
        let currentColumn = 2 + blockWidth
        let changeColumn = 2 + 2 * blockWidth
        // The 上年 and 增减 blocks take last year's figures from `PreviousYear` (上年预算, or the 决算's
        // 预算数); without either they stay blank. A 决算 without units gives only the department row.
        let previous = context.budget.previous?.sanGongBlock
        for unit in context.units {
            sheet.set(row, 0, .code(unit.code), .code)
            sheet.set(row, 1, .text(unit.name), .text)
            writeBlock(&sheet, row: row, column: currentColumn, leaves: leaves(unit.code, in: context.budget))
            if let byUnit = previous?.byUnit {
                writeBlock(&sheet, row: row, column: previousColumn, leaves: byUnit[unit.code] ?? Array(repeating: .zero, count: 6))
            }
            unitRows.append(row)
            row += 1
        }
        let departmentLeaves = leaves(nil, in: context.budget)
        let previousLeaves = previous?.department
        sheet.set(departmentRow, 0, .code(context.model.departmentCode), .code)
        sheet.set(departmentRow, 1, .text(context.model.departmentName), .labelBold)
        sheet.set(totalRow, 1, .text("合计"), .labelBold)
        // Department and 合计 rows sum the rows below them, column by column.
        var blocks = [(currentColumn, blockValues(departmentLeaves))]
        if let previousLeaves, previous?.byUnit != nil { blocks.append((previousColumn, blockValues(previousLeaves))) }
        if let previousLeaves, previous?.byUnit == nil {
            writeBlock(&sheet, row: departmentRow, column: previousColumn, leaves: previousLeaves)
            for k in 0..<blockWidth {
                sheet.set(totalRow, previousColumn + k, .sum([CellRef(departmentRow, previousColumn + k)], cached: blockValues(previousLeaves)[k]), .moneyBold)
            }
        }
        for (start, values) in blocks {
            for k in 0..<blockWidth {
                let c = start + k
                sheet.set(departmentRow, c, .sum(unitRows.map { CellRef($0, c) }, cached: values[k]), .moneyBold)
                sheet.set(totalRow, c, .sum([CellRef(departmentRow, c)], cached: values[k]), .moneyBold)
            }
        }
        if let previous {
            // Without per-unit figures last year (a 决算 of the department as a whole), only the department rows have a change.
            for r in [totalRow, departmentRow] + (previous.byUnit == nil ? [] : unitRows) {
                let unit = r == totalRow || r == departmentRow ? nil : context.units[unitRows.firstIndex(of: r)!].code
                let now = blockValues(leaves(unit, in: context.budget))
                let before = blockValues(unit.map { previous.byUnit?[$0] ?? Array(repeating: .zero, count: 6) } ?? previous.department)
                for k in 0..<blockWidth {
                    sheet.set(r, changeColumn + k, .difference(CellRef(r, currentColumn + k), CellRef(r, previousColumn + k), cached: now[k] - before[k]),
                              r == totalRow || r == departmentRow ? .moneyBold : .money)
                }
            }
        }
        sheet.fillBlanks(rows: totalRow..<row, style: .money)
        return sheet
    }

    /// [合计, 三公小计, 出国, 接待, 用车小计, 购置, 运维, 会议, 培训]
    static func blockValues(_ leaves: [Money]) -> [Money] {
        let car = leaves[2] + leaves[3]
        let sanGong = leaves[0] + leaves[1] + car
        return [sanGong + leaves[4] + leaves[5], sanGong, leaves[0], leaves[1], car, leaves[2], leaves[3], leaves[4], leaves[5]]
    }

    static func writeBlock(_ sheet: inout Sheet, row: Int, column c: Int, leaves: [Money]) {
        let values = blockValues(leaves)
        for (offset, leaf) in [(2, 0), (3, 1), (5, 2), (6, 3), (7, 4), (8, 5)] {
            sheet.set(row, c + offset, leaves[leaf].cellValue, .money)
        }
        sheet.set(row, c + 4, .sum([CellRef(row, c + 5), CellRef(row, c + 6)], cached: values[4]), .money)
        sheet.set(row, c + 1, .sum([CellRef(row, c + 2), CellRef(row, c + 3), CellRef(row, c + 4)], cached: values[1]), .money)
        sheet.set(row, c, .sum([CellRef(row, c + 1), CellRef(row, c + 7), CellRef(row, c + 8)], cached: values[0]), .moneyBold)
    }
}
