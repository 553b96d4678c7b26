import Foundation

/// Table names, standard empty-table reasons and the 表1/表9 function rows, read from
/// `templates/tables`.
public struct TableLayouts: Sendable {
    public var names: [Int: String] = [:]
    public var defaultEmptyReasons: [Int: String] = [:]
    /// table number → rows of (label, 类 codes)
    public var functionRows: [Int: [(label: String, codes: [String])]] = [:]

    public static func load(templates: Templates) -> (TableLayouts, [Diagnostic]) {
        var layouts = TableLayouts()
        var diagnostics: [Diagnostic] = []
        func rows(_ file: String) -> [[String]] {
            let path = templates.path("tables/" + file)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, "io", "找不到表格模板 \(path)", at: nil,
                                              hint: "设置环境变量 BUDGETC_TEMPLATES 指向 budgetc 的 templates 目录"))
                return []
            }
            return SourceFile.splitLines(text).filter { !$0.hasPrefix("#") && !$0.isEmpty }.dropFirst()
                .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
        for row in rows("tables.tsv") where row.count >= 2 {
            guard let n = Int(row[0]) else { continue }
            layouts.names[n] = row[1]
            if row.count >= 3, !row[2].isEmpty { layouts.defaultEmptyReasons[n] = row[2] }
        }
        for row in rows("function-rows.tsv") where row.count == 3 {
            guard let n = Int(row[0]) else { continue }
            layouts.functionRows[n, default: []].append((row[1], row[2].split(separator: ",").map(String.init)))
        }
        return (layouts, diagnostics)
    }
}

/// Everything a table builder reads.
public struct TableContext: Sendable {
    public var budget: EvaluatedBudget
    public var layouts: TableLayouts
    /// Set by `compile --force` while errors remain: the cover says 草稿.
    public var draft = false

    public init(budget: EvaluatedBudget, layouts: TableLayouts, draft: Bool = false) {
        self.budget = budget
        self.layouts = layouts
        self.draft = draft
    }

    public var model: Budget { budget.budget }
    public var catalog: Catalog { budget.catalog }

    public func title(_ n: Int) -> String { "\(model.year)年" + (layouts.names[n] ?? "表\(n)") }

    /// Units in declaration order.
    public var units: [Unit] { model.units }

    public func sum(_ filter: (EvaluatedLine) -> Bool) -> Money { budget.total(filter) }
}

/// Builds the workbook's sheets in order: 封面, 目录, 表1 … 表16.
public enum TableSet {
    public static func build(_ context: TableContext) -> [Sheet] {
        let tables: [Sheet] = [
            SummaryTables.table1(context),
            UnitTables.table2(context),
            UnitTables.table3(context),
            SummaryTables.table4(context),
            ClassificationTables.functionTable(context, number: 5, basicOnly: false),
            ClassificationTables.economicTable(context, number: 6, basicOnly: false),
            ClassificationTables.functionTable(context, number: 7, basicOnly: true),
            ClassificationTables.economicTable(context, number: 8, basicOnly: true),
            SummaryTables.table9(context),
            ProjectTables.table10(context),
            ProjectTables.table11(context),
            ProjectTables.table12(context),
            ProjectTables.table13(context),
            PerformanceTables.table14(context),
            PerformanceTables.table15(context),
            PerformanceTables.table16(context),
        ].enumerated().map { i, sheet in
            var sheet = sheet
            sheet.isEmpty = isEmpty(i + 1, context)
            return sheet
        }
        return [CoverTables.cover(context), CoverTables.contents(context, tables: tables)] + tables
            + [NotesSheets.notes(context), NotesSheets.charts(context)]
    }

    /// Whether table `n` has no data (目录 是否空表). Decided here, from the budget, in one pass
    /// per question, so the empty-table rule does not need to build the tables.
    public static func isEmpty(_ n: Int, _ context: TableContext) -> Bool {
        let b = context.budget
        func noLines(_ select: (EvaluatedLine) -> Bool) -> Bool { !b.lines.contains { select($0) && !$0.amount.isZero } }
        func noIncome(_ select: (EvaluatedIncome) -> Bool) -> Bool { !b.incomes.contains { select($0) && !$0.amount.isZero } }
        let currentProjects = b.budget.projects.indices.filter { !b.budget.projects[$0].carriedOver }
        switch n {
        case 1, 3, 15: return noLines { _ in true }
        case 2: return noIncome { _ in true }
        case 4: return noLines { $0.line.source.isFiscal || $0.line.source == .carriedOverFiscal } && noIncome { $0.entry.source.isFiscal }
        case 5, 6: return noLines { $0.line.source == .generalBudget && [.personnel, .publicUse, .project].contains($0.line.kind) }
        case 7, 8: return noLines { $0.line.source == .generalBudget && $0.line.kind.isBasic }
        case 9: return noLines { $0.line.source == .governmentFund } && noIncome { $0.entry.source == .governmentFund }
        case 10, 14: return currentProjects.isEmpty
        case 11: return !b.lines.contains { $0.line.carriedOver }
        case 12: return !b.lines.contains { !$0.line.purchases.isEmpty }
        case 13:
            let codes = Set(ProjectTables.sanGongLeaves.map(\.code))
            let current = noLines { $0.line.source == .generalBudget && codes.contains($0.line.economicCode) }
            let previous = b.previous?.sanGongBlock.map { block in block.department.allSatisfy(\.isZero) } ?? true
            return current && previous
        default: return true // 表16: budgetc writes the standard empty form.
        }
    }

    public static func workbookTitle(_ context: TableContext) -> String {
        "\(context.model.departmentName)\(context.model.year)年部门综合预算公开报表"
    }

    /// The reason printed for an empty table: the budget's own (`空表`), else the standard one.
    public static func emptyReason(_ n: Int, _ context: TableContext) -> String? {
        if let written = context.model.emptyTableReasons[n], !written.text.isEmpty { return written.text }
        return context.layouts.defaultEmptyReasons[n]
    }
}

/// Functional classification helpers: 类 is the first 3 digits, 款 5, 项 7.
enum Codes {
    static func classOf(_ code: String) -> String { String(code.prefix(3)) }
    static func sectionOf(_ code: String) -> String { String(code.prefix(5)) }
}

extension Money {
    /// Leaves show nothing for zero: the reference prints blank cells, not 0.00.
    var cellValue: CellValue { isZero ? .empty : .money(self) }
}
