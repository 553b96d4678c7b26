import Foundation

/// The table set a compile uses (kept under its old name for callers).
public typealias TableLayouts = TableSetSpec

extension TableSetSpec {
    /// The default built-in set (陕西).
    public static func load(templates: Templates) -> (TableSetSpec, [Diagnostic]) {
        load(TableSpecLoader.defaultSet, templates: templates)
    }

    private static let builtInCache = BuiltInCache()

    private final class BuiltInCache: @unchecked Sendable {
        private let lock = NSLock()
        private var sets: [String: (TableSetSpec, [Diagnostic])] = [:]

        func value(for folder: String, _ make: () -> (TableSetSpec, [Diagnostic])) -> (TableSetSpec, [Diagnostic]) {
            lock.lock()
            defer { lock.unlock() }
            if let set = sets[folder] { return set }
            let set = make()
            sets[folder] = set
            return set
        }
    }

    /// A built-in set by name (陕西, 全国) or a folder of .tbl files.
    public static func load(_ nameOrFolder: String, templates: Templates, at span: SourceSpan? = nil, root: String? = nil) -> (TableSetSpec, [Diagnostic]) {
        guard let folder = TableSpecLoader.locate(nameOrFolder, templates: templates) else {
            let known = TableSpecLoader.builtInSets(templates: templates)
            return (TableSetSpec(name: nameOrFolder, folder: ""),
                    [Diagnostic(.error, "table-set", "没有名为“\(nameOrFolder)”的报表套表，也没有这个文件夹", at: span,
                                hint: "内置套表：" + known.joined(separator: "、") + "；或写表格文件夹的路径（budgetc tables 列出全部）")])
        }
        // Built-in sets come with budgetc; only a user's folder is subject to --root.
        let builtIn = folder == templates.path("tables/" + nameOrFolder)
        // Built-in sets are read once per process, like the catalogs: `check` of a budget loads the set
        // again for last year's budget (a third of the reference example's instructions; issue 15).
        // A user's folder is read every time (it may change between runs in one process, e.g. tests).
        var (set, diagnostics) = builtIn ? builtInCache.value(for: folder) { TableSpecLoader.load(folder: folder, root: nil) }
                                         : TableSpecLoader.load(folder: folder, root: root)
        if let span {
            for i in diagnostics.indices where diagnostics[i].id == "path-policy" && diagnostics[i].span == nil { diagnostics[i].span = span }
        }
        return (set, diagnostics)
    }
}

extension TableSetSpec {
    /// Tables whose `单位说明` spells out a unit other than the one published (“单位：万元” in a set
    /// printed in 元): the caption would contradict every cell under it.
    public func unitCaptionDiagnostics(publishing unit: MoneyUnit) -> [Diagnostic] {
        tables.compactMap { spec in
            let caption = spec.unitCaption
            guard !caption.contains("{单位}") else { return nil }
            let named: MoneyUnit? = caption.contains("万元") ? .wanYuan : caption.contains("元") ? .yuan : nil
            guard let named, named != unit else { return nil }
            return Diagnostic(.warning, "table-template", "\(spec.number) 的单位说明“\(caption)”与公开金额单位（\(unit.rawValue)）不符：表中金额以\(unit.rawValue)印出",
                              at: spec.unitCaptionSpan ?? SourceSpan(file: spec.path, line: 1, column: 1),
                              hint: "写 单位说明 \"单位：{单位}\"（{单位} 换成公开金额单位），或删去这一行")
        }
    }
}

/// Everything a table builder reads.
public struct TableContext: Sendable {
    public var budget: EvaluatedBudget
    public var layouts: TableSetSpec
    /// Set by `compile --force` while errors remain: the cover says 草稿.
    public var draft = false

    public init(budget: EvaluatedBudget, layouts: TableSetSpec, draft: Bool = false) {
        self.budget = budget
        self.layouts = layouts
        self.draft = draft
    }

    public var model: Budget { budget.budget }
    public var catalog: Catalog { budget.catalog }
    public var units: [Unit] { model.units }

    public func sum(_ filter: (EvaluatedLine) -> Bool) -> Money { budget.total(filter) }

    /// Last year's budget (`上年预算`), for columns with `年度 上年`; nil when the budget names none.
    public var previousBudget: EvaluatedBudget? { budget.previous?.budget }

    /// The unit the publication prints amounts in: the budget's `公开金额单位`, else the set's `金额单位`.
    public var moneyUnit: MoneyUnit { model.publicationUnit?.unit ?? layouts.moneyUnit }

    /// Replaces {年}, {部门} and {单位} (the money unit) in a template text; a 单位预算's titles say 单位预算.
    public func fill(_ pattern: String) -> String {
        model.publisher.retitle(pattern.replacingAll("{年}", with: "\(model.year)").replacingAll("{部门}", with: model.departmentName)
            .replacingAll("{单位}", with: moneyUnit.rawValue))
    }

    public func title(_ spec: TableSpec) -> String { fill(spec.title) }

    /// The reason printed for an empty table: the budget's own (`空表 表N "理由"` or `空表 表名 "理由"`),
    /// else, for the table of a figure written `未公开` (the 三公 table of a budget copied from its 收支总表 only),
    /// that the publication does not give it (the template's “本部门无……” would claim a 0), else the template's.
    public func emptyReason(_ spec: TableSpec) -> String? {
        if let written = writtenEmptyReason(spec), !written.text.isEmpty { return written.text }
        let title = TableSpec.plainTitle(spec.title)
        if model.unpublished.contains(where: { $0.tableTitleWord.map(title.contains) ?? false }) { return ActualsTables.Context.unpublishedReason }
        return spec.emptyReason.map { model.publisher.speaking($0) }
    }

    /// `空表` names a table by its 表号 or by its title without the year (国有资本经营预算支出表):
    /// a name survives a change of set, a number may mean another table.
    public func writtenEmptyReason(_ spec: TableSpec) -> Reason? {
        model.emptyTableReasons[spec.number] ?? model.emptyTableReasons[TableSpec.plainTitle(spec.title)]
    }
}

/// A table as built, with what the 目录 and the rules need to know about it.
public struct BuiltTable: Sendable {
    public var spec: TableSpec
    public var sheet: Sheet
    /// Some leaf cell holds a non-zero amount (or the form has an item).
    public var hasData: Bool
    public var bodyRows: Int
    /// A form measured without being drawn: the rows its sheet would take.
    public var measuredRows: Int? = nil

    /// The rows its worksheet needs: a measured form's count, else the sheet's, or for a measured 明细 table
    /// (no cells written) its header and body rows.
    public var rowsNeeded: Int { measuredRows ?? max(sheet.rowCount, sheet.headerRowCount + bodyRows) }
}

/// What rules may know about a built table (they never see the builders).
public struct TableSummary: Sendable {
    public var number: String
    public var title: String
    public var isEmpty: Bool
    /// The reason the 目录 prints when empty: the budget's or the template's.
    public var emptyReason: String?
    /// The budget's own `空表` reason for this table, if written.
    public var written: Reason?
    public var plainTitle: String
    public var bodyRows: Int
    public var maxRows: Int?
}

/// Builds the workbook's sheets in order: 封面, 目录, the set's tables, 说明, 图表.
public enum TableSet {
    public static func buildTables(_ context: TableContext) -> [BuiltTable] { build(context.layouts.tables, context, dry: false) }

    /// `dry`: 明细 tables are measured without writing cells, forms only say whether they have data
    /// (their sheets stay empty) — what `check` needs for the table rules, at a fraction of the cost.
    /// `countingFormRows`: with `dry`, the growing forms also count their rows (`BuiltTable.rowsNeeded`).
    static func build(_ specs: [TableSpec], _ context: TableContext, dry: Bool, countingFormRows: Bool = false) -> [BuiltTable] {
        let totals = specs.contains { if case .panels = $0.layout { return true }; return false } ? LineTotals(context.budget) : nil
        let universe = specs.contains { if case .grid = $0.layout { return true }; return false } ? GridEngine.Universe(context) : nil
        return specs.map { spec in
            var built: BuiltTable
            switch spec.layout {
            case .grid: built = GridEngine.build(spec, context, dry: dry, universe: universe)
            case .panels: built = PanelEngine.build(spec, context, totals: totals ?? LineTotals(context.budget))
            case .form(let name) where dry:
                built = BuiltTable(spec: spec, sheet: Sheet(name: spec.number, title: context.title(spec), columnCount: 1),
                                   hasData: TableForms.hasData(name, context), bodyRows: 0,
                                   measuredRows: countingFormRows ? TableForms.rowCount(name, context) : nil)
            case .form(let name): built = TableForms.build(name, spec, context)
            }
            built.sheet.isEmpty = !built.hasData
            built.sheet.moneyUnit = context.moneyUnit
            built.sheet.landscape = spec.print.landscape
            built.sheet.fitToWidth = spec.print.fitWidth
            built.sheet.fitToPage = spec.print.fitPage
            built.sheet.repeatHeader = spec.print.repeatHeader
            built.sheet.minimumScale = spec.print.minimumScale
            built.sheet.repeatColumns = spec.print.repeatColumns
            built.sheet.pageHeader = spec.print.header.map { pageText($0, spec, context) }
            built.sheet.pageFooter = spec.print.footer.map { pageText($0, spec, context) }
            return built
        }
    }

    public static func build(_ context: TableContext) -> [Sheet] { build(context, tables: buildTables(context)) }

    /// The workbook around tables already built (by `check`, for the table rules); `notes`: the 说明
    /// `check` generated for the same budget, if it did.
    public static func build(_ context: TableContext, tables: [BuiltTable], notes: Notes? = nil) -> [Sheet] {
        return [CoverTables.cover(context), CoverTables.contents(context, tables: tables)] + tables.map(\.sheet)
            + [NotesSheets.notes(context, generated: notes), NotesSheets.charts(context)]
    }

    /// For `check` of a budget large enough that a table could pass a worksheet's rows: every table measured,
    /// the forms that grow with the budget counting their rows too (`rowsNeeded`), none drawn.
    public static func measureCountingRows(_ context: TableContext) -> [BuiltTable] {
        build(context.layouts.tables, context, dry: true, countingFormRows: true)
    }

    /// What the table rules need, from a dry build.
    public static func summaries(_ context: TableContext) -> [TableSummary] {
        summaries(build(context.layouts.tables, context, dry: true), context)
    }

    public static func summaries(_ tables: [BuiltTable], _ context: TableContext) -> [TableSummary] {
        tables.map {
            TableSummary(number: $0.spec.number, title: context.title($0.spec), isEmpty: !$0.hasData, emptyReason: context.emptyReason($0.spec),
                         written: context.writtenEmptyReason($0.spec), plainTitle: TableSpec.plainTitle($0.spec.title), bodyRows: $0.bodyRows, maxRows: $0.spec.maxRows)
        }
    }

    public static func workbookTitle(_ context: TableContext) -> String { context.fill(context.layouts.workbookTitle) }

    /// Page header/footer text in spreadsheet codes, centred: {页码} → &P, {总页数} → &N.
    static func pageText(_ text: String, _ spec: TableSpec, _ context: TableContext) -> String {
        let literal = context.fill(text).replacingAll("{表号}", with: spec.number)
            .replacingAll("{标题}", with: context.title(spec)).replacingAll("&", with: "&&")
        return "&C" + literal.replacingAll("{页码}", with: "&P").replacingAll("{总页数}", with: "&N")
    }
}

extension Money {
    /// Leaves show nothing for zero: the reference prints blank cells, not 0.00.
    var cellValue: CellValue { isZero ? .empty : .money(self) }
}

/// Functional classification helpers: 类 is the first 3 digits, 款 5, 项 7.
enum Codes {
    static func classOf(_ code: String) -> String { String(code.prefix(3)) }
    static func sectionOf(_ code: String) -> String { String(code.prefix(5)) }
}
