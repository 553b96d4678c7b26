/// How a sheet goes onto A4 paper. Spreadsheets neither auto-size wrapped rows nor know where a
/// project's block ends, so budgetc decides: the print scale (fit to the page width, never below
/// what the page needs), row heights from a text-width model, page breaks that keep blocks
/// together, and a header/footer naming the table and numbering pages.

/// Widths and heights of text as a spreadsheet lays it out. Column widths are in character units
/// (one unit ≈ 7 px, the width of a digit of the default font); a CJK character of a 10 pt
/// 宋体/Noto Serif CJK is about 1.9 units, a Latin character about half that.
enum TextMetrics {
    /// Font size (points) of each style.
    static func fontSize(_ style: CellStyle) -> Double {
        switch style {
        case .title: return 16
        case .heading: return 12
        default: return 10
        }
    }

    static func isWrapped(_ style: CellStyle) -> Bool {
        switch style {
        case .header, .text, .textCentered, .wrapped, .paragraph, .note, .title, .heading, .labelBoldPlain: return true
        default: return false
        }
    }

    /// Width of `text` in character units at `size` points (display width counts CJK as 2).
    static func width(_ text: some StringProtocol, size: Double) -> Double {
        Double(Normalize.displayWidth(text)) * size / 10.5
    }

    /// Lines `text` takes in a cell `available` units wide: CJK text wraps at any character, but a
    /// line may not start with closing punctuation, so a line holds a little less than it could.
    static func lines(_ text: String, available: Double, size: Double) -> Int {
        let usable = max(2, available - 1)
        func lines(width: Double) -> Int { max(1, Int((width * 1.03 / usable).rounded(.up))) }
        if let scan = TextWidths.scan(text, into: 0, { $0 += lines(width: Double($1) * size / 10.5) }) { return scan.result }
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { count, paragraph in
            count + lines(width: width(paragraph, size: size))
        }
    }

    /// Height of one line in points: CJK fonts print a 10 pt line about 13 pt high (measured with
    /// pdftotext on LibreOffice's PDF); a little more, so lines never touch.
    static func lineHeight(size: Double) -> Double { size * 1.38 + 1 }
}

/// A4, in points; margins in inches as the spreadsheet stores them.
public enum PageSetup {
    static let a4 = (width: 595.0, height: 842.0)
    static let sideMargin = 0.4, topMargin = 0.75, bottomMargin = 0.75, headerMargin = 0.3
    /// The default row height of libxlsxwriter (points).
    static let defaultRowHeight = 15.0

    static func printable(landscape: Bool) -> (width: Double, height: Double) {
        let (w, h) = landscape ? (a4.height, a4.width) : (a4.width, a4.height)
        return (w - 2 * sideMargin * 72, h - (topMargin + bottomMargin) * 72)
    }

    /// A column `width` character units wide, in points (7 px a unit plus 5 px padding, 96 dpi).
    static func points(ofColumn width: Double) -> Double { (width * 7 + 5) * 0.75 }

    /// The print scale (percent) that fits all columns on the page width.
    static func scale(widths: [Double], landscape: Bool) -> Int {
        let total = widths.reduce(0) { $0 + points(ofColumn: $1) }
        guard total > 0 else { return 100 }
        return max(10, min(100, Int((printable(landscape: landscape).width / total * 100).rounded(.down))))
    }

    /// The scale when the table is printed over several page widths: the fewest widths (breaking at
    /// header groups, `columnBreaks`) at any scale from `minimum` to 100 %, then the largest scale
    /// that keeps that number of widths.
    static func splitScale(_ sheet: Sheet, widths: [Double], minimum: Int) -> Int {
        var best: (pages: Int, scale: Int)?
        for scale in stride(from: 100, through: minimum, by: -2) {
            let pages = columnBreaks(sheet, widths: widths, scale: scale).count + 1
            if best.map({ pages < $0.pages }) ?? true { best = (pages, scale) }
        }
        return best?.scale ?? minimum
    }

    /// Columns before which a new page width starts, for a table printed over several widths: each
    /// width holds the repeated label columns and as many columns as fit, and breaks where a header
    /// group begins (上年 | 当年 | 增减) rather than inside it, when the group has started on this width.
    static func columnBreaks(_ sheet: Sheet, widths: [Double], scale: Int) -> [Int] {
        // 0.9: room for a spreadsheet whose column widths come out wider than the model (fonts differ).
        let page = printable(landscape: sheet.landscape).width * 100 / Double(scale) * 0.9
        let repeated = widths.prefix(sheet.repeatColumns).reduce(0) { $0 + points(ofColumn: $1) }
        let headerMerges = sheet.merges.filter { m in
            m.lastColumn > m.firstColumn && m.firstColumn >= sheet.repeatColumns && sheet.cell(m.firstRow, m.firstColumn)?.style == .header
        }
        let topRow = headerMerges.map(\.firstRow).min()
        let groupStarts = Set(headerMerges.filter { $0.firstRow == topRow }.map(\.firstColumn))
        var breaks: [Int] = []
        var used = repeated
        var pageStart = sheet.repeatColumns
        var c = pageStart
        while c < widths.count {
            let w = points(ofColumn: widths[c])
            if used + w > page && c > pageStart {
                let at = groupStarts.filter { $0 > pageStart && $0 <= c }.max() ?? c
                breaks.append(at)
                pageStart = at
                c = at
                used = repeated
                continue
            }
            used += w
            c += 1
        }
        return breaks
    }

    /// Rows before which a new page starts. The header rows repeat on every page; a block of
    /// `keepTogether` that would cross the page bottom moves whole to the next page when it fits on one.
    static func pageBreaks(_ sheet: Sheet, heights: [Int: Double], scale: Int) -> [Int] {
        plan(sheet, heights: heights, scale: scale).breaks
    }

    /// The page breaks, and where a continued block (`Sheet.continuedBlocks`) crosses a break
    /// without its repeated rows at the top of the new page (`before`: the first row of that page).
    static func plan(_ sheet: Sheet, heights: [Int: Double], scale: Int) -> (breaks: [Int], continuations: [(before: Int, block: ContinuedBlock)]) {
        let pageHeight = printable(landscape: sheet.landscape).height * 100 / Double(scale) - 2 // rounding slack
        func height(_ r: Int) -> Double { heights[r] ?? defaultRowHeight }
        let repeated = (0..<sheet.headerRowCount).reduce(0) { $0 + height($1) }
        var blockEnd: [Int: Int] = [:]
        for block in sheet.keepTogether { blockEnd[block.lowerBound] = max(blockEnd[block.lowerBound] ?? block.upperBound, block.upperBound) }
        // The block each row continues (rows after its first), by its index: an array, not a dictionary
        // of a million rows in a region's 表14.
        var continuedAt = [Int32](repeating: -1, count: sheet.rowCount)
        for (k, block) in sheet.continuedBlocks.enumerated() where block.rows.count > 1 {
            for r in (block.rows.lowerBound + 1)...block.rows.upperBound where r < continuedAt.count { continuedAt[r] = Int32(k) }
        }
        var breaks: [Int] = []
        var continuations: [(before: Int, block: ContinuedBlock)] = []
        var used = 0.0
        var r = 0
        func newPage(at row: Int) {
            breaks.append(row)
            used = 0
            // A page inside a continued block begins with the block's repeated rows: there, or to be inserted.
            if row < continuedAt.count, continuedAt[row] >= 0, !sheet.continuationRows.contains(row) {
                let block = sheet.continuedBlocks[Int(continuedAt[row])]
                continuations.append((row, block))
                used = block.repeated.reduce(0) { $0 + height($1) }
            }
        }
        while r < sheet.rowCount {
            let available = breaks.isEmpty ? pageHeight : pageHeight - repeated
            if sheet.continuationRows.contains(r) && used > 0 { newPage(at: r) }
            if let end = blockEnd[r], r > 0 {
                let block = (r...end).reduce(0) { $0 + height($1) } // rows past the last cell hold a chart
                let fits = block <= pageHeight - repeated
                // A block taller than a page starts on a new page unless most of this one is free.
                if used > 0 && ((used + block > available && fits) || (!fits && used > available * 2 / 3)) {
                    newPage(at: r)
                }
            }
            let h = height(r)
            if used + h > (breaks.isEmpty ? pageHeight : pageHeight - repeated) && used > 0 {
                newPage(at: r)
            }
            used += h
            r += 1
        }
        return (breaks, continuations)
    }

    /// The sheet as it is printed: each page of a continued block starts with that block's repeated
    /// rows (inserted where the page breaks fall; inserting moves the breaks, so again until none is
    /// missing), and a table printed over several page widths has its title on each width.
    public static func laidOut(_ sheet: Sheet) -> Sheet {
        var sheet = sheet
        layOut(&sheet)
        return sheet
    }

    /// The same in place: a sheet held nowhere else has its rows moved, not copied (`insertContinuations`).
    public static func layOut(_ sheet: inout Sheet) {
        guard !sheet.fitToPage, sheet.minimumScale != nil || !sheet.continuedBlocks.isEmpty else { return }
        var roles = sheet.mergeRoles() // once per measurement, for widths and heights
        var widths = ColumnWidths.compute(sheet, roles: roles)
        var scale = printScale(sheet, widths: widths)
        if scale.split { // widths stay: merged titles have none
            titlePerPageWidth(&sheet, widths: widths, scale: scale.percent)
            roles = sheet.mergeRoles()
        }
        var heights = ColumnWidths.rowHeights(sheet, widths: widths, roles: roles)
        for _ in 0..<4 where !sheet.continuedBlocks.isEmpty {
            let needed = plan(sheet, heights: heights, scale: scale.percent).continuations
            guard !needed.isEmpty else { break }
            // Only repeated rows above the break are copied (a break just above the grid's header copies the name alone).
            sheet.insertContinuations(needed.map { c in (c.before, c.block.repeated.filter { $0 < c.before }, c.block.suffixAt) })
            roles = sheet.mergeRoles()
            widths = ColumnWidths.compute(sheet, roles: roles)
            scale = printScale(sheet, widths: widths)
            heights = ColumnWidths.rowHeights(sheet, widths: widths, roles: roles)
        }
        sheet.measured = (widths, heights)
    }

    /// The print scale of a sheet, and whether it is printed over several page widths (too wide for
    /// one at its `minimumScale`): then the scale keeps the fewest widths.
    static func printScale(_ sheet: Sheet, widths: [Double]) -> (percent: Int, split: Bool) {
        let scale = scale(widths: widths, landscape: sheet.landscape)
        if let minimum = sheet.minimumScale, scale < minimum, !sheet.fitToPage {
            return (splitScale(sheet, widths: widths, minimum: minimum), true)
        }
        return (scale, false)
    }

    /// A table over several page widths: a title merged over all columns would print cut in pieces,
    /// one piece per width. Instead the title is merged over the columns of each page width (besides
    /// the repeated label columns, which would print a piece of it on every width), “（续）” after it on
    /// the later widths, the 部门 line on the first; the page header names the table on every page.
    static func titlePerPageWidth(_ sheet: inout Sheet, widths: [Double], scale: Int) {
        let breaks = columnBreaks(sheet, widths: widths, scale: scale)
        let labels = sheet.repeatColumns
        guard !breaks.isEmpty, labels > 0, sheet.headerRowCount >= 2,
              sheet.cell(0, 0)?.style == .title, sheet.merges.contains(where: { $0.firstRow == 0 && $0.lastRow == 0 && $0.lastColumn == sheet.columnCount - 1 })
        else { return }
        let title = sheet.cell(0, 0).flatMap { cell -> String? in if case .text(let t) = cell.value { return t } else { return nil } } ?? sheet.title
        let department = sheet.cell(1, 0).flatMap { $0.style == .caption ? $0.value : nil }
        let unit = (0..<sheet.columnCount).compactMap { sheet.cell(1, $0) }.first { $0.style == .captionRight }?.value
        sheet.unmergeRow(0)
        sheet.unmergeRow(1)
        for c in 0..<sheet.columnCount {
            sheet.set(0, c, .empty, .title)
            sheet.set(1, c, .empty, .caption)
        }
        let starts = [labels] + breaks
        let ends = breaks.map { $0 - 1 } + [sheet.columnCount - 1]
        for (k, (first, last)) in zip(starts, ends).enumerated() where last >= first {
            sheet.merge(0, first, to: 0, last, .text(title + (k == 0 ? "" : ContinuedBlock.suffix)), .title)
            // The 部门 line on the first width (left half), 单位：万元 at the right of every width.
            let split = k == 0 && department != nil && last > first ? first + (last - first + 1) / 2 : first
            if let department, split > first { sheet.merge(1, first, to: 1, split - 1, department, .caption) }
            if let unit { sheet.merge(1, split, to: 1, last, unit, .captionRight) }
        }
    }

    /// `&C表5 一般公共预算支出表` in the header and `第 N 页 共 M 页` in the footer (Excel header codes;
    /// `&&` is a literal ampersand).
    static func header(_ sheet: Sheet) -> String {
        let name = sheet.title.replacingAll("&", with: "&&")
        let label = sheet.name.hasPrefix("表") ? "\(sheet.name)　\(name)" : name
        return "&C" + label // no font-size code: it would swallow a title that starts with digits (2024年…)
    }

    static let footer = "&C&9第 &P 页 共 &N 页"
}

/// Spreadsheet date serials (days since 1899-12-30, the 1900 date system).
enum ExcelDate {
    static func serial(year: Int, month: Int, day: Int) -> Int {
        // Days from civil (Howard Hinnant's algorithm), then shift to 1899-12-30.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let daysSince1970 = era * 146097 + doe - 719468
        return daysSince1970 + 25569
    }
}
