/// A table as a grid of cells: what the render stage writes, and what tests inspect before
/// writing. Table builders fill it; they never touch libxlsxwriter.

public enum CellStyle: Sendable, Hashable {
    case title          // big bold centred title
    case caption        // 单位：万元, 部门名称 line
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
        var name = ""
        var c = column + 1
        while c > 0 {
            let r = (c - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            c = (c - 1) / 26
        }
        return name + String(row + 1)
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
    /// Title of the value axis (万元); nil for a pie.
    public var valueAxisName: String? = nil
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
    /// Rows that belong together on paper (a project's block in 表14, a table of the 说明 with its
    /// caption): a page break falls before such a block rather than inside it, when it fits on a page.
    public var keepTogether: [ClosedRange<Int>] = []
    /// Below this print scale (percent) the table is printed over several page widths, its first
    /// `repeatColumns` columns repeated on each (from the table layout: `最小比例`, `重复列`).
    public var minimumScale: Int?
    public var repeatColumns = 0
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
    func forEachWrittenCell(roles: [[UInt8]], _ body: (_ row: Int, _ column: Int, _ cell: Cell, _ mergeStart: Bool) throws -> Void) rethrows {
        for (r, row) in rows.enumerated() {
            for (c, slot) in row.enumerated() {
                guard let cell = slot else { continue }
                let role = c < roles[r].count ? roles[r][c] : 0
                if role == 1 { continue }
                try body(r, c, cell, role == 2)
            }
        }
    }

    /// Per cell: 0 outside merges, 1 covered by a merge, 2 the top-left cell of a merge.
    func mergeRoles() -> [[UInt8]] {
        var roles = rows.map { Array(repeating: UInt8(0), count: max($0.count, columnCount)) }
        for m in merges {
            for r in m.firstRow...m.lastRow where r < roles.count {
                for c in m.firstColumn...m.lastColumn where c < roles[r].count { roles[r][c] = 1 }
            }
            if m.firstRow < roles.count, m.firstColumn < roles[m.firstRow].count { roles[m.firstRow][m.firstColumn] = 2 }
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

    /// The title row, then a caption row with the department on the left and 单位：万元 on the right.
    public mutating func addTitle(department: String, unitCaption: String = "单位：万元") -> Int {
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
}
