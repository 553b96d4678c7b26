/// Builds a 收支对照 table (收支总表): panels side by side, each a label column and value
/// columns. Rows are aligned across panels by section: the body rows, the 本年合计 row, the
/// 结转 rows, the 总计 row. A row with its own 收入/支出 value shows it (its child rows are
/// “其中” details); a row without one is the SUM of its non-blank children.
enum PanelEngine {
    /// A row flattened in print order, with the indices (in the same list) of what it sums.
    struct Flat {
        var label: String
        var bold: Bool
        var value: PanelSpec.Row.Value
        var parts: [Int]?
    }

    static func flatten(_ rows: [PanelSpec.Row], depth: Int, into list: inout [Flat]) -> [Int] {
        var indices: [Int] = []
        for row in rows {
            let index = list.count
            indices.append(index)
            list.append(Flat(label: row.label, bold: depth == 0 && !row.children.isEmpty, value: row.value, parts: nil))
            let children = flatten(row.children, depth: depth + 1, into: &list)
            if case .blank = row.value, !children.isEmpty {
                list[index].parts = children.filter { c in
                    if case .blank = list[c].value { return list[c].parts != nil }
                    return true
                }
            }
        }
        return indices
    }

    static func build(_ spec: TableSpec, _ context: TableContext, totals: LineTotals) -> BuiltTable {
        struct Laid { var body: [Flat]; var top: [Int]; var carry: [Flat]; var carryTop: [Int] }
        let laid: [Laid] = spec.panels.map { panel in
            var body: [Flat] = [], carry: [Flat] = []
            let top = flatten(panel.body, depth: 0, into: &body)
            let carryTop = flatten(panel.carry, depth: 0, into: &carry)
            return Laid(body: body, top: top, carry: carry, carryTop: carryTop)
        }
        let bodyLength = laid.map(\.body.count).max() ?? 0
        let hasYearTotal = spec.panels.contains { $0.yearTotal != nil }
        let carryLength = laid.map(\.carry.count).max() ?? 0
        let hasGrandTotal = spec.panels.contains { $0.grandTotal != nil }

        let columnCount = spec.panels.reduce(0) { $0 + $1.width }
        var sheet = Sheet(name: spec.number, title: context.title(spec), columnCount: columnCount)
        var row = sheet.addTitle(department: context.model.departmentName, unitCaption: context.fill(spec.unitCaption))
        // Header: the groups (收 入 / 支 出) over their panels, then each panel's headers.
        if spec.panels.contains(where: { !$0.group.isEmpty }) {
            var c = 0, p = 0
            while p < spec.panels.count {
                var end = p
                while end + 1 < spec.panels.count, spec.panels[end + 1].group == spec.panels[p].group { end += 1 }
                let width = spec.panels[p...end].reduce(0) { $0 + $1.width }
                sheet.merge(row, c, to: row, c + width - 1, .text(spec.panels[p].group), .header)
                c += width
                p = end + 1
            }
            row += 1
        }
        var bodyStart = sheet.addHeaderRow(row, spec.panels.flatMap { panel in
            [panel.headers[0]] + (panel.lineNumbers ? ["行次"] : []) + panel.headers.dropFirst()
        })
        if spec.columnNumbers {
            // 栏次: the label columns say so, the amount columns are numbered through the table.
            var c = 0, n = 0
            for panel in spec.panels {
                sheet.set(bodyStart, c, .text("栏次"), .textCentered)
                if panel.lineNumbers { sheet.set(bodyStart, c + 1, .empty, .textCentered) }
                for k in 0..<(panel.headers.count - 1) {
                    n += 1
                    sheet.set(bodyStart, c + panel.width - panel.headers.count + 1 + k, .text("\(n)"), .textCentered)
                }
                c += panel.width
            }
            bodyStart += 1
            sheet.headerRowCount = bodyStart
        }
        let yearTotalRow = bodyStart + bodyLength
        let carryStart = yearTotalRow + (hasYearTotal ? 1 : 0)
        let grandTotalRow = carryStart + carryLength
        var hasData = false

        var firstColumn = 0
        var lineNumber = 0
        for (p, panel) in spec.panels.enumerated() {
            let layout = laid[p]
            for (k, columnFilter) in panel.valueFilters.enumerated() {
                let valueColumn = firstColumn + 1 + (panel.lineNumbers ? 1 : 0) + k
                func leaf(_ value: PanelSpec.Row.Value) -> Money? {
                    switch value {
                    case .blank: return nil
                    case .income(let f): return totals.income(f, columnFilter)
                    case .spending(let f): return totals.spending(f, columnFilter)
                    }
                }
                /// Writes one section; returns each row's amount.
                func section(_ flats: [Flat], start: Int) -> [Money] {
                    var amounts = Array(repeating: Money.zero, count: flats.count)
                    for i in flats.indices.reversed() { // children come after parents: fill bottom-up
                        let r = start + i
                        if let parts = flats[i].parts {
                            amounts[i] = parts.reduce(.zero) { $0 + amounts[$1] }
                            sheet.set(r, valueColumn, .sum(parts.map { CellRef(start + $0, valueColumn) }, cached: amounts[i]), flats[i].bold ? .moneyBold : .money)
                        } else if let m = leaf(flats[i].value) {
                            amounts[i] = m
                            if !m.isZero { hasData = true }
                            sheet.set(r, valueColumn, m.cellValue, .money)
                        } else {
                            sheet.set(r, valueColumn, .empty, .money)
                        }
                    }
                    return amounts
                }
                let bodyAmounts = section(layout.body, start: bodyStart)
                let carryAmounts = section(layout.carry, start: carryStart)
                for r in (bodyStart + layout.body.count)..<(bodyStart + bodyLength) { sheet.set(r, valueColumn, .empty, .money) }
                for r in (carryStart + layout.carry.count)..<(carryStart + carryLength) { sheet.set(r, valueColumn, .empty, .money) }
                let topParts = layout.top.filter { layout.body[$0].parts != nil || leaf(layout.body[$0].value) != nil }
                let yearTotal = topParts.reduce(Money.zero) { $0 + bodyAmounts[$1] }
                if panel.yearTotal != nil {
                    sheet.set(yearTotalRow, valueColumn, .sum(topParts.map { CellRef(bodyStart + $0, valueColumn) }, cached: yearTotal), .moneyBold)
                } else if hasYearTotal {
                    sheet.set(yearTotalRow, valueColumn, .empty, .money)
                }
                if panel.grandTotal != nil {
                    let refs = [CellRef(yearTotalRow, valueColumn)] + layout.carryTop.map { CellRef(carryStart + $0, valueColumn) }
                    let total = layout.carryTop.reduce(yearTotal) { $0 + carryAmounts[$1] }
                    sheet.set(grandTotalRow, valueColumn, .sum(refs, cached: total), .moneyBold)
                } else if hasGrandTotal {
                    sheet.set(grandTotalRow, valueColumn, .empty, .money)
                }
            }
            // Labels.
            for (i, flat) in layout.body.enumerated() { sheet.set(bodyStart + i, firstColumn, .text(flat.label), flat.bold ? .labelBold : .text) }
            for i in layout.body.count..<bodyLength { sheet.set(bodyStart + i, firstColumn, .text(""), .text) }
            if hasYearTotal { sheet.set(yearTotalRow, firstColumn, .text(panel.yearTotal ?? ""), .labelBold) }
            for (i, flat) in layout.carry.enumerated() { sheet.set(carryStart + i, firstColumn, .text(flat.label), flat.bold ? .labelBold : .text) }
            for i in layout.carry.count..<carryLength { sheet.set(carryStart + i, firstColumn, .text(""), .text) }
            if hasGrandTotal { sheet.set(grandTotalRow, firstColumn, .text(panel.grandTotal ?? ""), .labelBold) }
            if panel.lineNumbers {
                let last = hasGrandTotal ? grandTotalRow : grandTotalRow - 1
                for r in bodyStart...max(bodyStart, last) where r <= last {
                    lineNumber += 1
                    sheet.set(r, firstColumn + 1, .text("\(lineNumber)"), .textCentered)
                }
            }
            firstColumn += panel.width
        }
        var next = hasGrandTotal ? grandTotalRow + 1 : grandTotalRow
        for note in spec.notes {
            sheet.merge(next, 0, to: next, columnCount - 1, .text(note), .note)
            next += 1
        }
        // Value columns keep a readable width whatever the labels.
        firstColumn = 0
        for panel in spec.panels {
            for k in 1..<panel.headers.count { sheet.fixedWidths[firstColumn + panel.width - panel.headers.count + k] = 14 }
            if panel.lineNumbers { sheet.fixedWidths[firstColumn + 1] = 6 }
            firstColumn += panel.width
        }
        return BuiltTable(spec: spec, sheet: sheet, hasData: hasData, bodyRows: next - bodyStart)
    }
}
