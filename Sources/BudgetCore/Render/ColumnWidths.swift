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
        case .text(let s), .code(let s):
            if s.utf8.count == s.unicodeScalars.count && !s.contains("\n") { return s.utf8.count } // ASCII fast path
            return s.split(separator: "\n").map { Normalize.displayWidth($0) }.max() ?? 0
        }
    }

    static func compute(_ sheet: Sheet) -> [Double] {
        let roles = sheet.mergeRoles()
        var widths = Array(repeating: minimum, count: sheet.columnCount)
        sheet.forEachCell { r, c, cell in
            guard c < sheet.columnCount, roles[r][c] == 0 else { return }
            // Long text wraps; it should not widen its column beyond the sheet's limit.
            let longest = width(of: cell.value)
            let factor = (cell.style == .header || cell.style == .labelBold) ? 1.1 : 1.0
            widths[c] = max(widths[c], Double(longest) * factor + 2)
        }
        for c in widths.indices {
            widths[c] = min(widths[c], sheet.maxColumnWidth)
            if let fixed = sheet.fixedWidths[c] { widths[c] = fixed }
        }
        return widths
    }

    /// Rows holding wrapped text get a height that shows all of it (15 points a line).
    static func rowHeights(_ sheet: Sheet, widths: [Double]) -> [Int: Double] {
        var heights: [Int: Double] = [:]
        var mergedWidth: [CellRef: Double] = [:]
        var mergedHeightRows: [CellRef: Int] = [:]
        for m in sheet.merges {
            mergedWidth[CellRef(m.firstRow, m.firstColumn)] = (m.firstColumn...m.lastColumn).reduce(0) { $0 + widths[$1] }
            mergedHeightRows[CellRef(m.firstRow, m.firstColumn)] = m.lastRow - m.firstRow + 1
        }
        sheet.forEachCell { r, c, cell in
            guard cell.style == .wrapped || cell.style == .header || cell.style == .text else { return }
            if case .empty = cell.value { return }
            do {
                let content = text(of: cell.value)
                guard !content.isEmpty, c < widths.count else { return }
                let width = max(4, (mergedWidth[CellRef(r, c)] ?? widths[c]) - 1)
                let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
                    .reduce(0) { $0 + max(1, Int((Double(Normalize.displayWidth($1)) / width).rounded(.up))) }
                let spanRows = Double(mergedHeightRows[CellRef(r, c)] ?? 1)
                let needed = Double(lines) * 15.0 / spanRows
                if lines > 1 { heights[r] = min(409, max(heights[r] ?? 15, needed)) }
            }
        }
        return heights
    }
}
