/// libxlsxwriter cannot autofit, so widths are computed here from the cell texts:
/// a CJK character is about twice as wide as a Latin one.
enum ColumnWidths {
    static let minimum = 6.0

    static func text(of value: CellValue) -> String {
        switch value {
        case .empty: return ""
        case .text(let s), .code(let s): return s
        case .money(let m), .sum(_, let m), .difference(_, _, let m): return m.wanYuanText(grouping: true)
        case .integer(let n), .sumInteger(_, let n): return String(n)
        }
    }

    static func compute(_ sheet: Sheet) -> [Double] {
        var merged = Set<CellRef>()
        for m in sheet.merges {
            for r in m.firstRow...m.lastRow { for c in m.firstColumn...m.lastColumn { merged.insert(CellRef(r, c)) } }
        }
        var widths = Array(repeating: minimum, count: sheet.columnCount)
        for (r, row) in sheet.cells {
            for (c, cell) in row where c < sheet.columnCount && !merged.contains(CellRef(r, c)) {
                // Long text wraps; it should not widen its column beyond the sheet's limit.
                let longest = text(of: cell.value).split(separator: "\n").map { Normalize.displayWidth($0) }.max() ?? 0
                let factor = (cell.style == .header || cell.style == .labelBold) ? 1.1 : 1.0
                widths[c] = max(widths[c], Double(longest) * factor + 2)
            }
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
        for (r, row) in sheet.cells {
            for (c, cell) in row where cell.style == .wrapped || cell.style == .header || cell.style == .text {
                let content = text(of: cell.value)
                guard !content.isEmpty, c < widths.count else { continue }
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
