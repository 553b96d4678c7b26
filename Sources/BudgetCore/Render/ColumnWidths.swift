/// libxlsxwriter cannot autofit, so widths are computed here from the cell texts:
/// a CJK character is about twice as wide as a Latin one.
enum ColumnWidths {
    static let minimum = 6.0

    static func text(of value: CellValue, in unit: MoneyUnit) -> String {
        switch value {
        case .empty: return ""
        case .text(let s), .code(let s): return s
        case .money(let m), .sum(_, let m), .difference(_, _, let m), .linear(_, let m): return unit.text(m, grouping: true)
        case .integer(let n), .sumInteger(_, let n): return String(n)
        case .date: return "2024-01-01"
        }
    }

    /// Display width of a cell, without formatting numbers into strings (hundreds of thousands of
    /// cells in a large department): digits, group separators and two decimals.
    static func width(of value: CellValue, in unit: MoneyUnit) -> Int {
        func digits(_ n: UInt64) -> Int { n < 10 ? 1 : 1 + digits(n / 10) }
        switch value {
        case .money(let m), .sum(_, let m), .difference(_, _, let m), .linear(_, let m):
            return unit.cellWidth(m)
        case .integer(let n), .sumInteger(_, let n):
            return digits(UInt64(n.magnitude)) + (n < 0 ? 1 : 0)
        case .empty: return 0
        case .date: return 10
        case .text(let s), .code(let s):
            if let scan = TextWidths.scan(s, into: 0, { $0 = max($0, $1) }) {
                return scan.ascii && scan.paragraphs == 1 ? s.utf8.count : scan.result // ASCII on one line: tabs count 1
            }
            if s.utf8.count == s.unicodeScalars.count && !s.contains("\n") { return s.utf8.count } // ASCII fast path
            return s.split(separator: "\n").map { Normalize.displayWidth($0) }.max() ?? 0
        }
    }

    /// The widths and heights of a sheet: as measured when it was laid out (`Sheet.measured`), else now.
    /// `roles`: the sheet's `mergeRoles()` when the caller has them (computed once per sheet).
    static func measure(_ sheet: Sheet, roles: [[UInt8]]? = nil) -> (widths: [Double], heights: [Int: Double]) {
        if let measured = sheet.measured { return measured }
        let roles = roles ?? sheet.mergeRoles()
        let widths = compute(sheet, roles: roles)
        return (widths, rowHeights(sheet, widths: widths, roles: roles))
    }

    static func compute(_ sheet: Sheet) -> [Double] { compute(sheet, roles: sheet.mergeRoles()) }

    /// `roles`: the sheet's `mergeRoles()`, computed once for widths, heights and writing.
    static func compute(_ sheet: Sheet, roles: [[UInt8]]) -> [Double] {
        // A header merged down over several rows (上年结转 beside a two-row header) is still one column's text.
        let columnMerges = Set(sheet.merges.filter { $0.firstColumn == $0.lastColumn }.map { CellRef($0.firstRow, $0.firstColumn) })
        var widths = Array(repeating: minimum, count: sheet.columnCount)
        // What the column's numbers need: text wraps within a fixed width, a number does not (it prints as ###).
        var numbers = Array(repeating: 0.0, count: sheet.columnCount)
        sheet.forEachCell { r, c, cell in
            guard c < sheet.columnCount, roles[r][c] == 0 || (roles[r][c] == 2 && columnMerges.contains(CellRef(r, c))) else { return }
            // Long text wraps; it should not widen its column beyond the sheet's limit.
            let longest = width(of: cell.value, in: sheet.moneyUnit)
            // Bold glyphs are wider: a bold total of as many digits as the column's widest amount would show ###.
            let factor = (cell.style == .header || cell.style == .labelBold || cell.style == .moneyBold) ? 1.1 : 1.0
            // A header wraps onto up to three lines (its row height follows), so a column holding
            // short amounts under a long header (表13's vehicle columns) stays narrow.
            let wanted = cell.style == .header && longest > 12 ? max(12, (Double(longest) / 3).rounded(.up) + 1) : Double(longest)
            widths[c] = max(widths[c], wanted * factor + 2)
            switch cell.value {
            case .money, .sum, .difference, .linear, .integer, .sumInteger: numbers[c] = max(numbers[c], wanted * factor + 2)
            default: break
            }
        }
        for c in widths.indices {
            widths[c] = min(widths[c], sheet.maxColumnWidth)
            // A template's width (`宽 12`, set for 万元) still widens for amounts in 元 that would not fit.
            if let fixed = sheet.fixedWidths[c] { widths[c] = max(fixed, numbers[c]) }
        }
        return widths
    }

    /// Rows holding wrapped text get a height that shows all of it (`TextMetrics`: the font size of
    /// the style, the width of the column or of the whole merged range); a merge over several rows
    /// shares its height among them. Rows that need no more than the default height are left out.
    static func rowHeights(_ sheet: Sheet, widths: [Double]) -> [Int: Double] {
        rowHeights(sheet, widths: widths, roles: sheet.mergeRoles())
    }

    static func rowHeights(_ sheet: Sheet, widths: [Double], roles: [[UInt8]]) -> [Int: Double] {
        var heights: [Int: Double] = [:]
        var mergedWidth: [CellRef: Double] = [:]
        var mergedHeightRows: [CellRef: Int] = [:]
        for m in sheet.merges {
            // Each column also has 5 px of padding (5/7 of a unit) that a merged cell's text may use.
            mergedWidth[CellRef(m.firstRow, m.firstColumn)] = (m.firstColumn...m.lastColumn).reduce(0) { $0 + ($1 < widths.count ? widths[$1] : 0) }
                + Double(m.lastColumn - m.firstColumn) * 5 / 7
            mergedHeightRows[CellRef(m.firstRow, m.firstColumn)] = m.lastRow - m.firstRow + 1
        }
        for (r, row) in sheet.rows.enumerated() {
            for (c, slot) in row.enumerated() {
                guard let cell = slot, TextMetrics.isWrapped(cell.style), c < widths.count else { continue }
                let content: String
                switch cell.value {
                case .empty: continue
                case .text(let s), .code(let s): content = s
                default: content = text(of: cell.value, in: sheet.moneyUnit)
                }
                guard !content.isEmpty else { continue }
                // Only a cell inside some merge can be a merge's top-left cell: no look-up for the others.
                let merged = c < roles[r].count && roles[r][c] != 0
                let size = TextMetrics.fontSize(cell.style)
                let lines = TextMetrics.lines(content, available: (merged ? mergedWidth[CellRef(r, c)] : nil) ?? widths[c], size: size)
                let textHeight = lines == 1 ? size * 1.5 : Double(lines) * TextMetrics.lineHeight(size: size) + 3
                let needed = textHeight / Double((merged ? mergedHeightRows[CellRef(r, c)] : nil) ?? 1)
                if needed > PageSetup.defaultRowHeight { heights[r] = min(409, max(heights[r] ?? PageSetup.defaultRowHeight, needed.rounded(.up))) }
            }
        }
        return heights
    }
}

/// Display widths of a text's paragraphs (its parts between "\n") read from its UTF-8 bytes: the
/// same numbers as `Normalize.displayWidth` over `Character`s whenever every scalar is a Character of
/// its own (ASCII, CJK, full-width forms and the punctuation of a budget: all of a budget's text in
/// practice), without walking grapheme clusters. Other text (combining marks, emoji sequences,
/// Hangul jamo, CR) gives nil: the caller takes the `Character` path.
public enum TextWidths {
    /// Calls `next` with each paragraph's width, in order, empty paragraphs included. `ascii`: no byte
    /// above 0x7F.
    public static func scan<R>(_ text: String, into initial: R, _ next: (inout R, Int) -> Void) -> (result: R, paragraphs: Int, ascii: Bool)? {
        let scanned: (R, Int, Bool)?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var result = initial, paragraphs = 1, ascii = true, width = 0, i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x0A {
                        next(&result, width)
                        width = 0
                        paragraphs += 1
                    } else if b == 0x0D {
                        return nil // CR LF is one Character
                    } else {
                        width += b == 0x09 ? 4 : 1
                    }
                    i += 1
                    continue
                }
                ascii = false
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + length <= n else { return nil }
                var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                guard standsAlone(v) else { return nil }
                width += Normalize.displayWidth(ofScalar: v)
                i += length
            }
            next(&result, width)
            return (result, paragraphs, ascii)
        }
        guard let scanned, let (result, paragraphs, ascii) = scanned else { return nil }
        return (result, paragraphs, ascii)
    }

    /// Scalars that never join a neighbour into one Character (no combining marks, joiners,
    /// variation selectors, jamo, regional indicators or prepended marks in these blocks).
    static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2070...0x20CF, 0x2100...0x24FF, 0x2500...0x25FF,
             0x2E80...0x3029, 0x3030...0x3098, 0x309B...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF01...0xFF9D, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
