/// libxlsxwriter cannot autofit, so widths are computed here from the cell texts:
/// a CJK character is about twice as wide as a Latin one.
enum ColumnWidths {
    static let minimum = 6.0

    static func text(of value: CellValue) -> String {
        switch value {
        case .empty: return ""
        case .text(let s), .code(let s): return s
        case .money(let m), .sum(_, let m), .difference(_, _, let m), .linear(_, let m): return m.wanYuanText(grouping: true)
        case .integer(let n), .sumInteger(_, let n): return String(n)
        case .date: return "2024-01-01"
        }
    }

    /// Display width of a cell, without formatting numbers into strings (hundreds of thousands of
    /// cells in a large department): digits, group separators and two decimals.
    static func width(of value: CellValue) -> Int {
        func digits(_ n: UInt64) -> Int { n < 10 ? 1 : 1 + digits(n / 10) }
        switch value {
        case .money(let m), .sum(_, let m), .difference(_, _, let m), .linear(_, let m):
            let whole = digits(UInt64(m.fen.magnitude) / UInt64(Money.fenPerWan))
            return whole + (whole - 1) / 3 + 3 + (m.fen < 0 ? 1 : 0)
        case .integer(let n), .sumInteger(_, let n):
            return digits(UInt64(n.magnitude)) + (n < 0 ? 1 : 0)
        case .empty: return 0
        case .date: return 10
        case .text(let s), .code(let s):
            if s.utf8.count == s.unicodeScalars.count && !s.contains("\n") { return s.utf8.count } // ASCII fast path
            return s.split(separator: "\n").map { Normalize.displayWidth($0) }.max() ?? 0
        }
    }

    /// The widths and heights of a sheet: as measured when it was laid out (`Sheet.measured`), else now.
    static func measure(_ sheet: Sheet) -> (widths: [Double], heights: [Int: Double]) {
        if let measured = sheet.measured { return measured }
        let widths = compute(sheet)
        return (widths, rowHeights(sheet, widths: widths))
    }

    static func compute(_ sheet: Sheet) -> [Double] {
        let roles = sheet.mergeRoles()
        // A header merged down over several rows (上年结转 beside a two-row header) is still one column's text.
        let columnMerges = Set(sheet.merges.filter { $0.firstColumn == $0.lastColumn }.map { CellRef($0.firstRow, $0.firstColumn) })
        var widths = Array(repeating: minimum, count: sheet.columnCount)
        sheet.forEachCell { r, c, cell in
            guard c < sheet.columnCount, roles[r][c] == 0 || (roles[r][c] == 2 && columnMerges.contains(CellRef(r, c))) else { return }
            // Long text wraps; it should not widen its column beyond the sheet's limit.
            let longest = width(of: cell.value)
            let factor = (cell.style == .header || cell.style == .labelBold) ? 1.1 : 1.0
            // A header wraps onto up to three lines (its row height follows), so a column holding
            // short amounts under a long header (表13's vehicle columns) stays narrow.
            let wanted = cell.style == .header && longest > 12 ? max(12, (Double(longest) / 3).rounded(.up) + 1) : Double(longest)
            widths[c] = max(widths[c], wanted * factor + 2)
        }
        for c in widths.indices {
            widths[c] = min(widths[c], sheet.maxColumnWidth)
            if let fixed = sheet.fixedWidths[c] { widths[c] = fixed }
        }
        return widths
    }

    /// Rows holding wrapped text get a height that shows all of it (`TextMetrics`: the font size of
    /// the style, the width of the column or of the whole merged range); a merge over several rows
    /// shares its height among them. Rows that need no more than the default height are left out.
    static func rowHeights(_ sheet: Sheet, widths: [Double]) -> [Int: Double] {
        var heights: [Int: Double] = [:]
        var mergedWidth: [CellRef: Double] = [:]
        var mergedHeightRows: [CellRef: Int] = [:]
        for m in sheet.merges {
            // Each column also has 5 px of padding (5/7 of a unit) that a merged cell's text may use.
            mergedWidth[CellRef(m.firstRow, m.firstColumn)] = (m.firstColumn...m.lastColumn).reduce(0) { $0 + ($1 < widths.count ? widths[$1] : 0) }
                + Double(m.lastColumn - m.firstColumn) * 5 / 7
            mergedHeightRows[CellRef(m.firstRow, m.firstColumn)] = m.lastRow - m.firstRow + 1
        }
        sheet.forEachCell { r, c, cell in
            guard TextMetrics.isWrapped(cell.style), c < widths.count else { return }
            if case .empty = cell.value { return }
            let content = text(of: cell.value)
            guard !content.isEmpty else { return }
            let size = TextMetrics.fontSize(cell.style)
            let lines = TextMetrics.lines(content, available: mergedWidth[CellRef(r, c)] ?? widths[c], size: size)
            let textHeight = lines == 1 ? size * 1.5 : Double(lines) * TextMetrics.lineHeight(size: size) + 3
            let needed = textHeight / Double(mergedHeightRows[CellRef(r, c)] ?? 1)
            if needed > PageSetup.defaultRowHeight { heights[r] = min(409, max(heights[r] ?? PageSetup.defaultRowHeight, needed.rounded(.up))) }
        }
        return heights
    }
}
