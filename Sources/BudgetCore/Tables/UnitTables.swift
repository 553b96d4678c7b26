/// 表2 收入总表 and 表3 支出总表: one row per unit under the department total.
enum UnitTables {
    /// Income columns of 表2 after 合计: (header group, column label, sources).
    static let incomeColumns: [(group: String, label: String, sources: [FundingSource])] = [
        ("财政拨款", "一般公共预算拨款", [.generalBudget]),
        ("财政拨款", "政府性基金拨款", [.governmentFund]),
        ("财政拨款", "国有资本经营预算", [.stateCapital]),
        ("", "财政专户管理资金", [.specialAccount]),
        ("单位资金", "上级补助收入", [.superiorSubsidy]),
        ("单位资金", "事业收入", [.institutionIncome]),
        ("单位资金", "事业单位经营收入", [.operatingIncome]),
        ("单位资金", "附属单位上缴收入", [.affiliatedRemittance]),
        ("单位资金", "其他收入", [.otherIncome]),
        ("", "上年结转", [.carriedOverFiscal, .nonFiscalBalance]),
    ]

    static func table2(_ context: TableContext) -> Sheet {
        let columns = incomeColumns
        var sheet = Sheet(name: "表2", title: context.title(2), columnCount: 3 + columns.count)
        var row = sheet.addTitle(department: context.model.departmentName)
        writeGroupedHeader(&sheet, row: row, leading: ["单位编码", "单位名称", "合计"], columns: columns.map { ($0.group, $0.label) })
        row += 2
        sheet.headerRowCount = row
        let values: [[Money]] = context.units.map { unit in
            columns.map { column in context.budget.income(ofUnit: unit.code) { column.sources.contains($0.entry.source) } }
        }
        writeUnitRows(&sheet, context: context, start: row, values: values, subRows: nil)
        return sheet
    }

    /// Expenditure columns of 表3 after 合计.
    static let spendingColumns: [(group: String, label: String, select: @Sendable (Line) -> Bool)] = [
        ("基本支出", "人员经费", { $0.kind == .personnel }),
        ("基本支出", "公用经费", { $0.kind == .publicUse }),
        ("项目支出", "专项业务经费", { $0.kind == .project && !$0.carriedOver }),
        ("项目支出", "上年结转项目", { $0.carriedOver }),
        ("", "上缴上级支出", { $0.kind == .remittance }),
        ("", "事业单位经营支出", { $0.kind == .operating }),
        ("", "对附属单位补助支出", { $0.kind == .subsidiary }),
    ]

    static func table3(_ context: TableContext) -> Sheet {
        let columns = spendingColumns
        var sheet = Sheet(name: "表3", title: context.title(3), columnCount: 3 + columns.count)
        var row = sheet.addTitle(department: context.model.departmentName)
        writeGroupedHeader(&sheet, row: row, leading: ["单位编码/科目编码", "单位名称/科目名称", "合计"], columns: columns.map { ($0.group, $0.label) })
        row += 2
        sheet.headerRowCount = row
        let values: [[Money]] = context.units.map { unit in
            columns.map { column in context.budget.total(ofUnit: unit.code) { column.select($0.line) } }
        }
        // Under each unit, its function 项 rows: one pass over the unit's lines.
        let subRows: [[(code: String, name: String, values: [Money])]] = context.units.map { unit in
            var byCode: [String: [Money]] = [:]
            for line in context.budget.lines(ofUnit: unit.code) {
                var row = byCode[line.line.functionCode] ?? Array(repeating: .zero, count: columns.count)
                for (k, column) in columns.enumerated() where column.select(line.line) { row[k] += line.amount }
                byCode[line.line.functionCode] = row
            }
            return byCode.keys.sorted().map { code in (code, context.catalog.function[code] ?? "", byCode[code]!) }
        }
        writeUnitRows(&sheet, context: context, start: row, values: values, subRows: subRows)
        return sheet
    }

    /// Two header rows: leading labels merged vertically; grouped columns under a merged group label.
    static func writeGroupedHeader(_ sheet: inout Sheet, row: Int, leading: [String], columns: [(group: String, label: String)]) {
        for (c, label) in leading.enumerated() { sheet.merge(row, c, to: row + 1, c, .text(label), .header) }
        var c = leading.count
        while c - leading.count < columns.count {
            let column = columns[c - leading.count]
            if column.group.isEmpty {
                sheet.merge(row, c, to: row + 1, c, .text(column.label), .header)
                c += 1
                continue
            }
            var end = c
            while end + 1 - leading.count < columns.count, columns[end + 1 - leading.count].group == column.group { end += 1 }
            sheet.merge(row, c, to: row, end, .text(column.group), .header)
            for k in c...end { sheet.set(row + 1, k, .text(columns[k - leading.count].label), .header) }
            c = end + 1
        }
    }

    /// 合计 row, the department row, then each unit (and optional detail rows under it).
    /// Column 2 (合计) of every row is the SUM of the row's value columns; unit rows with details
    /// are SUMs of their details; the department row sums the units; 合计 repeats the department.
    static func writeUnitRows(_ sheet: inout Sheet, context: TableContext, start: Int, values: [[Money]],
                              subRows: [[(code: String, name: String, values: [Money])]]?) {
        let valueColumns = values.first?.count ?? (sheet.columnCount - 3)
        let totalRow = start
        let departmentRow = start + 1
        var row = start + 2
        var unitRows: [Int] = []
        var unitTotals: [[Money]] = []
        for (u, unit) in context.units.enumerated() {
            let unitRow = row
            unitRows.append(unitRow)
            row += 1
            sheet.set(unitRow, 0, .code(unit.code), .code)
            sheet.set(unitRow, 1, .text(unit.name), .labelBold)
            let details = subRows?[u] ?? []
            var detailRows: [Int] = []
            for detail in details {
                sheet.set(row, 0, .code(detail.code), .code)
                sheet.set(row, 1, .text(detail.name), .text)
                for (k, v) in detail.values.enumerated() { sheet.set(row, 3 + k, v.cellValue, .money) }
                rowTotal(&sheet, row: row, columns: valueColumns, cached: detail.values.reduce(.zero, +))
                detailRows.append(row)
                row += 1
            }
            for k in 0..<valueColumns {
                if details.isEmpty {
                    sheet.set(unitRow, 3 + k, values[u][k].cellValue, .money)
                } else {
                    sheet.set(unitRow, 3 + k, .sum(detailRows.map { CellRef($0, 3 + k) }, cached: values[u][k]), .money)
                }
            }
            rowTotal(&sheet, row: unitRow, columns: valueColumns, cached: values[u].reduce(.zero, +))
            unitTotals.append(values[u])
        }
        let columnTotals = (0..<valueColumns).map { k in unitTotals.reduce(Money.zero) { $0 + $1[k] } }
        sheet.set(departmentRow, 0, .code(context.model.departmentCode), .code)
        sheet.set(departmentRow, 1, .text(context.model.departmentName), .labelBold)
        sheet.set(totalRow, 0, .empty, .text)
        sheet.set(totalRow, 1, .text("合计"), .labelBold)
        for k in 0..<valueColumns {
            sheet.set(departmentRow, 3 + k, .sum(unitRows.map { CellRef($0, 3 + k) }, cached: columnTotals[k]), .moneyBold)
            sheet.set(totalRow, 3 + k, .sum([CellRef(departmentRow, 3 + k)], cached: columnTotals[k]), .moneyBold)
        }
        let grand = columnTotals.reduce(.zero, +)
        rowTotal(&sheet, row: departmentRow, columns: valueColumns, cached: grand, bold: true)
        rowTotal(&sheet, row: totalRow, columns: valueColumns, cached: grand, bold: true)
    }

    static func rowTotal(_ sheet: inout Sheet, row: Int, columns: Int, cached: Money, bold: Bool = false) {
        sheet.set(row, 2, .sum((0..<columns).map { CellRef(row, 3 + $0) }, cached: cached), bold ? .moneyBold : .money)
    }
}
