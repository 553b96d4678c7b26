/// A table as a grid of cells: what the render stage writes, and what tests inspect before
/// writing. Table builders fill it; they never touch libxlsxwriter.

public enum CellStyle: Sendable, Hashable {
    case title          // big bold centred title
    case caption        // 单位：万元 (or 元), 部门名称 line
    case captionRight
    case header         // bold, centred, bordered, wrapped
    case text           // bordered text, left
    case textCentered
    case wrapped        // bordered long text (简介, 总体目标)
    case code           // bordered text cell holding a classification or unit code
    case money          // #,##0.00
    case moneyBold      // totals
    case integer        // quantities
    case labelBold      // 合计 labels
    case note           // notes under a table, no border
    case paragraph      // running text of the 说明, wrapped, no border
    case labelBoldPlain // headings of the 说明, no border
    case heading        // part headings of the 说明 (第一部分 …), bold, larger, no border
    case date           // bordered date cell, yyyy-mm-dd
}

public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    /// Codes are text so spreadsheets never show `1E+06`.
    case code(String)
    case money(Money)
    case integer(Int)
    /// `=SUM(...)` over other cells, written with its cached result.
    case sum([CellRef], cached: Money)
    case sumInteger([CellRef], cached: Int)
    /// `=A-B` (e.g. 增减 = 当年 − 上年), written with its cached result.
    case difference(CellRef, CellRef, cached: Money)
    /// `=A+B-C` (a formula column of a table template), written with its cached result.
    case linear([LinearTerm], cached: Money)
    /// A calendar date, written as a spreadsheet date (not text).
    case date(year: Int, month: Int, day: Int)
}

extension CellValue {
    /// An amount, a count or a formula (not text, a code, a date or nothing).
    var isNumber: Bool {
        switch self {
        case .money, .integer, .sum, .sumInteger, .difference, .linear: return true
        case .empty, .text, .code, .date: return false
        }
    }
}

public struct LinearTerm: Sendable, Hashable {
    public var sign: Int
    public var ref: CellRef
    public init(_ pair: (Int, CellRef)) { self.sign = pair.0; self.ref = pair.1 }

    /// `=A1+B1-C1`
    public static func formula(_ terms: [LinearTerm]) -> String {
        "=" + terms.enumerated().map { i, t in (t.sign < 0 ? "-" : (i == 0 ? "" : "+")) + t.ref.a1 }.joined()
    }
}

public struct CellRef: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public init(_ row: Int, _ column: Int) { self.row = row; self.column = column }

    /// A1-style reference, e.g. C5 (rows and columns here are 0-based).
    public var a1: String {
        var out: [UInt8] = []
        appendA1(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the A1 reference as ASCII bytes (formulas are built as bytes; issue 15).
    func appendA1(to out: inout [UInt8]) {
        let letters = out.count
        var c = column + 1
        while c > 0 {
            out.append(UInt8(65 + (c - 1) % 26))
            c = (c - 1) / 26
        }
        out[letters...].reverse()
        guard row >= 0 else { out += Array(String(row + 1).utf8); return }
        let digits = out.count
        var r = row + 1
        while r > 0 {
            out.append(UInt8(48 + r % 10))
            r /= 10
        }
        out[digits...].reverse()
    }
}

public struct Cell: Sendable, Hashable {
    public var value: CellValue
    public var style: CellStyle
    public init(_ value: CellValue, _ style: CellStyle) { self.value = value; self.style = style }
}

public struct MergeRange: Sendable, Hashable {
    public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
}

/// A native spreadsheet chart whose data are cells of the same sheet.
public struct ChartSpec: Sendable {
    public enum Kind: Sendable { case column, bar, pie }
    public struct Series: Sendable {
        public var nameCell: CellRef
        public var firstRow: Int, lastRow: Int, column: Int
    }
    public var kind: Kind
    public var title: String
    /// Category labels: rows firstRow...lastRow of `categoryColumn`.
    public var categoryColumn: Int
    public var series: [Series]
    /// Top-left cell where the chart is placed.
    public var anchor: CellRef
    /// Title of the value axis (the unit: 万元 or 元); nil for a pie.
    public var valueAxisName: String? = nil
}

/// A block of rows that names what it belongs to in some of its rows (`repeated`: a project's name
/// row and its grid's header, a table's caption and header); when it is taller than the space left
/// on a page, each continuation page starts with copies of those rows (labels only, amounts left blank),
/// the cell `suffixAt` followed by “（续）”.
public struct ContinuedBlock: Sendable, Hashable {
    public var rows: ClosedRange<Int>
    public var repeated: [Int]
    public var suffixAt: CellRef?
    public init(rows: ClosedRange<Int>, repeated: [Int], suffixAt: CellRef?) {
        self.rows = rows
        self.repeated = repeated
        self.suffixAt = suffixAt
    }
    public static let suffix = "（续）"
}

public struct Sheet: Sendable {
    /// The sheet tab name: 表1 … 表16, 封面, 目录.
    public var name: String
    public var title: String
    /// Dense storage, row by row: a large department has hundreds of thousands of cells, and
    /// hashing every coordinate dominated the render stage.
    public private(set) var rows: [[Cell?]] = []
    /// The same cells keyed by row and column (for callers that prefer a dictionary).
    public var cells: [Int: [Int: Cell]] {
        var result: [Int: [Int: Cell]] = [:]
        forEachCell { r, c, cell in result[r, default: [:]][c] = cell }
        return result
    }
    public private(set) var merges: [MergeRange] = []
    public var columnCount: Int
    /// Rows repeated on every printed page and frozen on screen: title through the header.
    public var headerRowCount = 0
    /// Fixed widths for some columns (in character units); others are computed from content.
    public var fixedWidths: [Int: Double] = [:]
    public var maxColumnWidth: Double = 40
    public var landscape = true
    /// Print all columns on one page width.
    public var fitToWidth = true
    /// Print the whole sheet on one page.
    public var fitToPage = false
    /// Repeat rows 0..<headerRowCount on every printed page.
    public var repeatHeader = true
    /// Page header and footer in spreadsheet codes (&P page, &N pages), or nil.
    public var pageHeader: String?
    public var pageFooter: String?
    /// True when the table has no data (the 目录 says 是否空表).
    public var isEmpty = false
    public var charts: [ChartSpec] = []
    /// The unit its money cells are printed in (the publication's: `MoneyUnit`).
    public var moneyUnit = MoneyUnit.wanYuan
    /// Rows that belong together on paper (a project's block in 表14, a table of the 说明 with its
    /// caption): a page break falls before such a block rather than inside it, when it fits on a page.
    public var keepTogether: [ClosedRange<Int>] = []
    /// Below this print scale (percent) the table is printed over several page widths, its first
    /// `repeatColumns` columns repeated on each (from the table layout: `最小比例`, `重复列`).
    public var minimumScale: Int?
    public var repeatColumns = 0
    /// Blocks that may run over several pages (a project of 表14, a table of the 说明): on every page
    /// such a block continues onto, its `repeated` rows are printed again at the top (`PageSetup.laidOut`).
    public var continuedBlocks: [ContinuedBlock] = []
    /// Rows that are such repeated copies; a page starts at each.
    public var continuationRows: Set<Int> = []
    /// Column widths and row heights measured while laying the sheet out for print, so rendering does
    /// not measure it again; set last by `PageSetup.laidOut` (a later change would leave them stale).
    public var measured: (widths: [Double], heights: [Int: Double])?
    public var rowCount: Int { rows.count }

    public init(name: String, title: String, columnCount: Int) {
        self.name = name
        self.title = title
        self.columnCount = columnCount
    }

    public func cell(_ row: Int, _ column: Int) -> Cell? {
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return nil }
        return rows[row][column]
    }

    public mutating func set(_ row: Int, _ column: Int, _ value: CellValue, _ style: CellStyle) {
        if row >= rows.count { rows.append(contentsOf: Array(repeating: [], count: row - rows.count + 1)) }
        if column >= rows[row].count {
            // A row is usually filled cell by cell: room for the whole row at once, no temporary arrays.
            if rows[row].isEmpty { rows[row].reserveCapacity(max(columnCount, column + 1)) }
            while rows[row].count <= column { rows[row].append(nil) }
        }
        rows[row][column] = Cell(value, style)
    }

    /// Every cell in row-major order.
    public func forEachCell(_ body: (Int, Int, Cell) -> Void) {
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() { if let cell { body(r, c, cell) } }
        }
    }

    /// The cells a writer writes, row-major: cells hidden under a merge are skipped, and
    /// `mergeStart` tells the top-left cell of a merge (written after the merge itself).
    public func forEachWrittenCell(_ body: (_ row: Int, _ column: Int, _ cell: Cell, _ mergeStart: Bool) throws -> Void) rethrows {
        try forEachWrittenCell(roles: mergeRoles(), body)
    }

    /// The same, with `mergeRoles()` already computed (the writer needs them for the widths too).
    func forEachWrittenCell(roles: MergeRoles, _ body: (_ row: Int, _ column: Int, _ cell: Cell, _ mergeStart: Bool) throws -> Void) rethrows {
        for (r, row) in rows.enumerated() {
            for (c, slot) in row.enumerated() {
                guard let cell = slot else { continue }
                let role = roles[r, c]
                if role == 1 { continue }
                try body(r, c, cell, role == 2)
            }
        }
    }

    /// Per cell: 0 outside merges, 1 covered by a merge, 2 the top-left cell of a merge.
    func mergeRoles() -> MergeRoles {
        var roles = MergeRoles(rowLengths: rows.lazy.map { max($0.count, self.columnCount) })
        for m in merges {
            for r in m.firstRow...m.lastRow where r < roles.rowCount {
                for c in m.firstColumn...m.lastColumn where c < roles.count(ofRow: r) { roles[r, c] = 1 }
            }
            if m.firstRow < roles.rowCount, m.firstColumn < roles.count(ofRow: m.firstRow) { roles[m.firstRow, m.firstColumn] = 2 }
        }
        return roles
    }

    /// Writes `value` into the top-left cell and merges the range; the other cells get the style
    /// so borders are drawn all around.
    public mutating func merge(_ row: Int, _ column: Int, to lastRow: Int, _ lastColumn: Int, _ value: CellValue, _ style: CellStyle) {
        for r in row...lastRow {
            for c in column...lastColumn { set(r, c, .empty, style) }
        }
        set(row, column, value, style)
        if lastRow > row || lastColumn > column {
            merges.append(MergeRange(firstRow: row, firstColumn: column, lastRow: lastRow, lastColumn: lastColumn))
        }
    }

    /// The title row, then a caption row with the department on the left and the unit (单位：万元) on the right.
    public mutating func addTitle(department: String, unitCaption: String) -> Int {
        merge(0, 0, to: 0, max(0, columnCount - 1), .text(title), .title)
        guard columnCount > 1 else {
            set(1, 0, .text("部门（单位）名称：\(department)　\(unitCaption)"), .caption)
            return 2
        }
        let split = max(1, columnCount / 2)
        merge(1, 0, to: 1, split - 1, .text("部门（单位）名称：\(department)"), .caption)
        merge(1, split, to: 1, columnCount - 1, .text(unitCaption), .captionRight)
        return 2
    }

    /// A one-row header in `row`; it is repeated on every printed page and frozen on screen.
    /// Returns the first row below it.
    public mutating func addHeaderRow(_ row: Int, _ headers: [String]) -> Int {
        for (c, h) in headers.enumerated() { set(row, c, .text(h), .header) }
        headerRowCount = row + 1
        return row + 1
    }

    /// Fills a rectangular block of cells with blank bordered cells, so the table has a full grid.
    public mutating func fillBlanks(rows: Range<Int>, style: CellStyle = .text) {
        for r in rows {
            for c in 0..<columnCount where cell(r, c) == nil { set(r, c, .empty, style) }
        }
    }

    /// Removes the merges that lie within row `row` (to merge it differently).
    mutating func unmergeRow(_ row: Int) {
        merges.removeAll { $0.firstRow == row && $0.lastRow == row }
    }

    /// Inserts before row `before` (original numbering, each at most once) copies of the rows
    /// `source` with the cell `suffixAt` followed by “（续）”. Rows below move down and everything that
    /// names a row follows: formulas, merges (one crossing an insertion is split there and its text
    /// repeated below), blocks, charts. Inserts go below the header rows.
    mutating func insertContinuations(_ inserts: [(before: Int, source: [Int], suffixAt: CellRef?)]) {
        let inserts = inserts.filter { $0.before <= rows.count }.sorted { $0.before < $1.before }
        guard !inserts.isEmpty else { return }
        // shift(r): rows inserted at or above original row r.
        var added = Array(repeating: 0, count: rows.count + 1)
        for insert in inserts where insert.before < added.count { added[insert.before] += insert.source.count }
        var running = 0
        for r in added.indices { running += added[r]; added[r] = running }
        func shift(_ r: Int) -> Int { r + (r < added.count ? added[r] : running) }
        func moved(_ ref: CellRef) -> CellRef { CellRef(shift(ref.row), ref.column) }
        func moved(_ value: CellValue) -> CellValue {
            switch value {
            case .sum(let refs, let cached): return .sum(refs.map(moved), cached: cached)
            case .sumInteger(let refs, let cached): return .sumInteger(refs.map(moved), cached: cached)
            case .difference(let a, let b, let cached): return .difference(moved(a), moved(b), cached: cached)
            case .linear(let terms, let cached): return .linear(terms.map { LinearTerm(($0.sign, moved($0.ref))) }, cached: cached)
            default: return value
            }
        }
        // The copies first, read from the rows as they are; the merges touching each copied row found once
        // (not a scan of all merges per copy).
        let copied = Set(inserts.flatMap(\.source))
        var mergesAt: [Int: [MergeRange]] = [:]
        for m in merges {
            for r in m.firstRow...m.lastRow where copied.contains(r) { mergesAt[r, default: []].append(m) }
        }
        var newMerges: [MergeRange] = []
        var copies: Set<Int> = []
        var copyRows: [(at: Int, row: [Cell?])] = []
        var placed = 0 // rows of copies placed before the current insert's row
        for (i, insert) in inserts.enumerated() {
            if i > 0 && inserts[i - 1].before != insert.before { placed = 0 }
            // The copies of all inserts before one row go just above that row, in order.
            let at = shift(insert.before) - (insert.before < added.count ? added[insert.before] - (insert.before > 0 ? added[insert.before - 1] : 0) : 0) + placed
            copies.insert(at)
            for (k, source) in insert.source.enumerated() {
                // A repeated row is a label: its amounts are not printed twice (nor summed twice).
                var copy = source < rows.count ? rows[source].map { $0.map { $0.value.isNumber ? Cell(.empty, $0.style) : $0 } } : []
                if let s = insert.suffixAt, s.row == source, s.column < copy.count, case .text(let t)? = copy[s.column]?.value {
                    copy[s.column]?.value = .text(t + ContinuedBlock.suffix)
                }
                for m in mergesAt[source] ?? [] {
                    if m.firstRow == source && m.lastRow == source {
                        newMerges.append(MergeRange(firstRow: at + k, firstColumn: m.firstColumn, lastRow: at + k, lastColumn: m.lastColumn))
                    } else if m.firstColumn < copy.count {
                        copy[m.firstColumn]?.value = .empty // a label over several rows: its text stays with them
                    }
                }
                copyRows.append((at + k, copy))
            }
            placed += insert.source.count
        }
        // The rows move down in place, from the last (each one's new place is free by then): a sheet's rows
        // are not built a second time beside the old ones (hundreds of MiB in 表14 of a region's budget).
        let oldCount = rows.count
        rows.append(contentsOf: Array(repeating: [], count: running))
        for r in stride(from: oldCount - 1, through: 0, by: -1) {
            var row: [Cell?] = []
            swap(&row, &rows[r])
            for c in row.indices {
                guard let cell = row[c] else { continue }
                switch cell.value {
                case .sum, .sumInteger, .difference, .linear: row[c] = Cell(moved(cell.value), cell.style)
                default: break
                }
            }
            rows[shift(r)] = row
        }
        for (at, copy) in copyRows { rows[at] = copy }
        // Merges: shifted, split where a copy is inserted inside them (the lower part repeats the text).
        let befores = inserts.map(\.before)
        for m in merges {
            var start = m.firstRow
            // The inserts inside this merge: from the first one below its first row (binary search).
            var low = 0, high = befores.count
            while low < high { let mid = (low + high) / 2; if befores[mid] <= m.firstRow { low = mid + 1 } else { high = mid } }
            for insert in inserts[low...].prefix(while: { $0.before <= m.lastRow }) {
                newMerges.append(MergeRange(firstRow: shift(start), firstColumn: m.firstColumn, lastRow: shift(insert.before - 1), lastColumn: m.lastColumn))
                if let top = cell(shift(m.firstRow), m.firstColumn) { set(shift(insert.before), m.firstColumn, top.value, top.style) }
                start = insert.before
            }
            let piece = MergeRange(firstRow: shift(start), firstColumn: m.firstColumn, lastRow: shift(m.lastRow), lastColumn: m.lastColumn)
            if piece.lastRow > piece.firstRow || piece.lastColumn > piece.firstColumn { newMerges.append(piece) }
        }
        merges = newMerges.filter { $0.lastRow > $0.firstRow || $0.lastColumn > $0.firstColumn }
        keepTogether = keepTogether.map { shift($0.lowerBound)...shift($0.upperBound) }
        continuedBlocks = continuedBlocks.map { block in
            ContinuedBlock(rows: shift(block.rows.lowerBound)...shift(block.rows.upperBound),
                           repeated: block.repeated.map(shift), suffixAt: block.suffixAt.map(moved))
        }
        continuationRows = Set(continuationRows.map(shift)).union(copies)
        charts = charts.map { chart in
            var chart = chart
            chart.anchor = moved(chart.anchor)
            chart.series = chart.series.map { s in
                var s = s
                s.nameCell = moved(s.nameCell)
                s.firstRow = shift(s.firstRow)
                s.lastRow = shift(s.lastRow)
                return s
            }
            return chart
        }
    }
}

/// A sheet's merge role per cell (`Sheet.mergeRoles`) in one flat array: an array per row cost an
/// allocation per row, for every measurement of a sheet of a million rows. Outside a row: 0.
struct MergeRoles {
    private var start: [Int] = [0] // row r's roles are roles[start[r]..<start[r + 1]]
    private var roles: [UInt8] = []

    init(rowLengths: some Sequence<Int>) {
        start.reserveCapacity(rowLengths.underestimatedCount + 1)
        for length in rowLengths { start.append(start[start.count - 1] + length) }
        roles = Array(repeating: 0, count: start[start.count - 1])
    }

    var rowCount: Int { start.count - 1 }

    func count(ofRow r: Int) -> Int { start[r + 1] - start[r] }

    subscript(r: Int, c: Int) -> UInt8 {
        get { r < rowCount && c < count(ofRow: r) ? roles[start[r] + c] : 0 }
        set { roles[start[r] + c] = newValue }
    }
}
