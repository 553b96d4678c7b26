import Foundation

/// A table set as data: what `templates/tables/<set>/*.tbl` declare. The engines (`GridEngine`,
/// `PanelEngine`, `TableForms`) build sheets from these specs; nothing in them knows table numbers.

/// Which line items (or incomes) a cell sums. Every part that is set must match (AND);
/// a list matches when any of its entries does.
public struct TableFilter: Sendable, Hashable {
    public var sources: Set<FundingSource>?
    public var kinds: Set<SpendingKind>?
    /// Prefixes of the 功能分类 code (201 = the class, 20101 = the section …).
    public var functionPrefixes: [String]?
    /// Prefixes of the 部门预算支出经济分类 code.
    public var economicPrefixes: [String]?
    /// Prefixes of the 政府预算支出经济分类 code.
    public var governmentPrefixes: [String]?
    /// 结转 是 / 否: lines of 结转项目 only, or none of them.
    public var carriedOver: Bool?
    /// 年度 上年: the amounts come from the budget named by `上年预算`.
    public var previousYear = false

    public init() {}

    public var isEmpty: Bool { self == TableFilter() }

    func matches(_ line: EvaluatedLine) -> Bool { matches(LineKey(line)) }

    func matches(_ key: LineKey) -> Bool {
        if let sources, !sources.contains(key.source) { return false }
        if let kinds, !kinds.contains(key.kind) { return false }
        if let carriedOver, key.carriedOver != carriedOver { return false }
        if let functionPrefixes, !functionPrefixes.contains(where: key.functionCode.hasPrefix) { return false }
        if let economicPrefixes, !economicPrefixes.contains(where: key.economicCode.hasPrefix) { return false }
        if let governmentPrefixes, !governmentPrefixes.contains(where: key.governmentCode.hasPrefix) { return false }
        return true
    }

    /// Incomes only have a unit and a source; a filter on spending parts selects no income.
    func matches(_ income: EvaluatedIncome) -> Bool { matches(source: income.entry.source) }

    func matches(source: FundingSource) -> Bool {
        if kinds != nil || functionPrefixes != nil || economicPrefixes != nil || governmentPrefixes != nil || carriedOver == true { return false }
        if let sources, !sources.contains(source) { return false }
        return true
    }
}

/// Everything a filter can ask of a line. Lines with the same key are summed once
/// (`LineTotals`), so fixed-row tables do not walk every line for every row.
public struct LineKey: Hashable, Sendable {
    var source: FundingSource
    var kind: SpendingKind
    var carriedOver: Bool
    var functionCode: String
    var economicCode: String
    var governmentCode: String

    init(source: FundingSource, kind: SpendingKind, carriedOver: Bool, functionCode: String, economicCode: String, governmentCode: String) {
        (self.source, self.kind, self.carriedOver) = (source, kind, carriedOver)
        (self.functionCode, self.economicCode, self.governmentCode) = (functionCode, economicCode, governmentCode)
    }

    init(_ line: EvaluatedLine) {
        source = line.line.source
        kind = line.line.kind
        carriedOver = line.line.carriedOver
        functionCode = line.line.functionCode
        economicCode = line.line.economicCode
        governmentCode = line.governmentCode
    }
}

/// The budget's lines summed by `LineKey`, and its incomes by source: one pass over the budget.
struct LineTotals {
    var lines: [(key: LineKey, amount: Money)]
    var incomes: [FundingSource: Money]

    init(_ budget: EvaluatedBudget) {
        var byKey: [LineKey: Money] = [:]
        for line in budget.lines { byKey[LineKey(line), default: .zero] += line.amount }
        lines = byKey.map { ($0.key, $0.value) }
        var bySource: [FundingSource: Money] = [:]
        for income in budget.incomes { bySource[income.entry.source, default: .zero] += income.amount }
        incomes = bySource
    }

    func spending(_ filters: TableFilter...) -> Money {
        lines.reduce(.zero) { total, entry in filters.allSatisfy { $0.matches(entry.key) } ? total + entry.amount : total }
    }

    func income(_ filters: TableFilter...) -> Money {
        incomes.reduce(.zero) { total, entry in filters.allSatisfy { $0.matches(source: entry.key) } ? total + entry.value : total }
    }
}

/// What a column of a 明细 table shows in each row.
public enum ColumnValue: Sendable {
    /// The row's code (unit, 功能 or 经济 code).
    case code
    /// The row's name.
    case name
    /// A text of the row's item (项目简介, 政府经济编码 …), see `RowField`.
    case field(RowField)
    /// Sum of the spending lines of the row that pass the filter.
    case spending(TableFilter)
    /// Sum of the incomes of the row that pass the filter.
    case income(TableFilter)
    /// `合计`: the sum of the row's other amount columns (or of the named ones).
    case rowTotal([String])
    /// `= a + b - c` over other columns of the same row, by their 代号.
    case formula([(sign: Int, id: String)])
    /// An empty bordered column (备注).
    case blank
}

/// Texts a row item can show; which are available depends on the row kind.
public enum RowField: String, Sendable, CaseIterable {
    case introduction = "项目简介"
    case category = "项目类别"
    case fundNature = "资金性质"
    case functionCode = "功能编码"
    case functionName = "功能名称"
    case governmentCode = "政府经济编码"
    case governmentName = "政府经济名称"
}

public struct ColumnSpec: Sendable {
    /// Header labels from the outermost group down to the column's own label.
    public var path: [String]
    /// The name formulas use (`代号`).
    public var id: String?
    public var value: ColumnValue
    public var width: Double?

    public var isAmount: Bool {
        switch value {
        case .spending, .income, .rowTotal, .formula: return true
        default: return false
        }
    }
}

/// The row skeleton of a 明细 table: a tree; a row with child rows is the SUM of them.
public enum RowKind: Sendable {
    /// One row with a label (合计) over everything the table selects.
    case total(label: String)
    /// The department (部门编码, 部门名称).
    case department
    /// One row per unit; `withDetailsOnly` skips units without child rows.
    case units(withDetailsOnly: Bool)
    /// Rows grouped by the 功能分类 code cut to `digits` (3 类, 5 款, 7 项).
    case function(digits: Int)
    /// Rows grouped by the 部门经济分类 code cut to `digits` (3 类, 5 款); `withGovernment`
    /// splits a 款 by its 政府经济分类 款.
    case economic(digits: Int, withGovernment: Bool)
    /// Rows grouped by the 政府经济分类 code cut to `digits`.
    case government(digits: Int)
    /// One row per project; `numbered` prefixes 1、2、…
    case projects(numbered: Bool)
    /// One row per spending line.
    case lines
    /// A fixed row: label, and a filter on what it sums.
    case fixed(label: String, filter: TableFilter)
}

public struct RowSpec: Sendable {
    public var kind: RowKind
    public var children: [RowSpec] = []
}

/// One side-by-side column pair (or group) of a 收支对照 table.
public struct PanelSpec: Sendable {
    public struct Row: Sendable {
        public enum Value: Sendable { case blank, spending(TableFilter), income(TableFilter) }
        public var label: String
        public var value: Value
        public var children: [Row] = []
    }
    /// Top group label (收 入 / 支 出); consecutive panels with the same group share a merged header.
    public var group: String
    /// Label column header, then one header per value column.
    public var headers: [String]
    /// A 行次 column after the label: the rows numbered through the whole table (决算 style).
    public var lineNumbers = false
    /// Columns the panel occupies.
    public var width: Int { headers.count + (lineNumbers ? 1 : 0) }
    /// Extra filter per value column (all match when nil).
    public var valueFilters: [TableFilter]
    public var body: [Row] = []
    public var yearTotal: String?
    public var carry: [Row] = []
    public var grandTotal: String?
}

public enum TableLayoutKind: Sendable {
    case grid
    case panels
    /// A form drawn by a named helper (绩效目标表, 政府采购表): see `TableForms`.
    case form(String)
}

public struct PrintSpec: Sendable {
    public var landscape = true
    /// Fit all columns on one page width.
    public var fitWidth = true
    /// Fit the whole table on one page (fixed-size tables such as 收支总表).
    public var fitPage = false
    public var repeatHeader = true
    /// A table that would print below this scale (percent) to fit the page width is printed over
    /// two or more page widths instead, repeating its first `repeatColumns` columns (`最小比例 70`, `重复列 2`).
    public var minimumScale: Int?
    public var repeatColumns = 0
    /// Page header/footer text; {表号} {页码} {总页数} {标题} are replaced.
    public var header: String?
    public var footer: String?
}

public struct TableSpec: Sendable {
    /// The sheet tab and 目录 name: 表1, 公开01表, 1-1 …
    public var number: String
    /// For ordering: the numbers in the 表号, so 表1 < 表1-1 < 表1-2 < 表2 < 表10.
    public var order: [Int]
    /// Title pattern: {年} {部门} are replaced.
    public var title: String
    public var unitCaption = "单位：万元"
    public var layout: TableLayoutKind = .grid
    /// What every row and column sums at most.
    public var scope = TableFilter()
    public var columns: [ColumnSpec] = []
    public var rows: [RowSpec] = []
    public var panels: [PanelSpec] = []
    public var print = PrintSpec()
    public var emptyReason: String?
    /// A 栏次 row under the header numbering the amount columns 1, 2, … (决算 style).
    public var columnNumbers = false
    /// Notes printed under the table.
    public var notes: [String] = []
    /// Rows above which a table is hard to read; the row-limit rule warns.
    public var maxRows: Int?
    /// The file it came from (for diagnostics).
    public var path: String

    /// Formula and 合计 columns in an order where each reads only columns computed before it;
    /// columns caught in a cycle (or reading themselves) are left out and listed in `cyclic`.
    public struct FormulaPlan: Sendable {
        public var order: [(column: Int, terms: [(sign: Int, column: Int)])] = []
        public var cyclic: [Int] = []
    }

    public func formulaPlan() -> FormulaPlan {
        let ids = Dictionary(columns.enumerated().compactMap { c, column in column.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let leafAmounts = columns.indices.filter {
            switch columns[$0].value { case .spending, .income: return true; default: return false }
        }
        var pending: [(column: Int, terms: [(sign: Int, column: Int)])] = columns.indices.compactMap { c in
            switch columns[c].value {
            case .formula(let written): return (c, written.compactMap { t in ids[t.id].map { (t.sign, $0) } })
            case .rowTotal(let named): return (c, (named.isEmpty ? leafAmounts : named.compactMap { ids[$0] }).map { (1, $0) })
            default: return nil
            }
        }
        var plan = FormulaPlan()
        var progress = true
        while !pending.isEmpty && progress {
            progress = false
            let waiting = Set(pending.map(\.column))
            for step in pending where !step.terms.contains(where: { waiting.contains($0.column) }) {
                plan.order.append(step)
                progress = true
            }
            let done = Set(plan.order.map(\.column))
            pending.removeAll { done.contains($0.column) }
        }
        plan.cyclic = pending.map(\.column)
        return plan
    }

    /// The title without the year placeholder: how `空表` may name the table.
    public static func plainTitle(_ pattern: String) -> String {
        pattern.replacingAll("{年}年", with: "").replacingAll("{年}", with: "").replacingAll("{部门}", with: "")
    }
}

public struct TableSetSpec: Sendable {
    public var name: String
    public var description = ""
    public var workbookTitle = "{部门}{年}年部门综合预算公开报表"
    public var coverTitle = "{年}年部门（单位）综合预算公开报表"
    public var folder: String
    public var tables: [TableSpec] = []

    public func table(named number: String) -> TableSpec? { tables.first { $0.number == number } }

    /// Orders tables by the numbers in their 表号 (表2-1 after 表2, before 表3), then by the text.
    static func precedes(_ a: TableSpec, _ b: TableSpec) -> Bool {
        if a.order != b.order { return a.order.lexicographicallyPrecedes(b.order) }
        return a.number < b.number
    }
}
