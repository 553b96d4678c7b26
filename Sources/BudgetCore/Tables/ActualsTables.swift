/// The 部门决算公开 tables (公开01–09, reference 002) drawn from a 决算's `ActualsFigures`.
/// A 决算 table set (`templates/tables/决算`) selects them with `版式 表单 决算…`: the template gives
/// the 表号, title, notes, 空表理由 and print settings, these helpers the grid. The forms print what the
/// national 决算 format prints: 行次 down the 收支总表 sides, a 栏次 row, 基本支出/项目支出,
/// 年初结转和结余/年末结转和结余, and 预算数/决算数 of the 三公.
public enum ActualsTables {
    /// The built-in set a 决算 compiles with when it names none.
    public static let defaultSet = "决算"

    public static let formNames = ["决算收支总表", "决算收入表", "决算支出表", "决算财政拨款收支总表", "决算一般公共预算支出表",
                                   "决算基本支出明细表", "决算政府性基金表", "决算国有资本经营表", "决算三公经费表"]

    /// The 26 function classes the 收支总表 lists, in the order of the national 2024 决算 format
    /// (reference 002 公开01/04表). A class with spending that is not in the list is added after them.
    static let summaryClasses = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
                                 "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234"]

    /// The economic classes 公开06 prints in its third column pair (公用经费 besides 302), as reference 002 does.
    static let otherPublicUseClasses = ["307", "310", "312", "399"]

    public struct Context: Sendable {
        public var figures: ActualsFigures
        public var layouts: TableSetSpec
        public var emptyReasons: [String: Reason]
        public var actuals: Actuals { figures.actuals }

        public init(figures: ActualsFigures, layouts: TableSetSpec) {
            self.figures = figures
            self.layouts = layouts
            emptyReasons = figures.actuals.emptyTableReasons
        }

        /// The unit the publication prints amounts in: the 决算's `公开金额单位`, else the set's `金额单位`.
        public var moneyUnit: MoneyUnit { actuals.publicationUnit?.unit ?? layouts.moneyUnit }

        /// As `TableContext.fill`: a 单位决算's titles say 单位决算.
        public func fill(_ pattern: String) -> String {
            actuals.publisher.retitle(pattern.replacingAll("{年}", with: "\(actuals.year)").replacingAll("{部门}", with: actuals.departmentName)
                .replacingAll("{单位}", with: moneyUnit.rawValue))
        }

        /// The 决算's own `空表` reason (by 表号 or title), else the template's — unless the 决算 gives no
        /// 收支 figures at all (a stand-alone “三公” 决算) or its 收入 only as a 合计: then “本部门本年度没有
        /// 收入和支出”, “没有政府性基金收入……” would be claims the publication does not make.
        public func emptyReason(_ spec: TableSpec) -> String? {
            if let written = writtenEmptyReason(spec), !written.text.isEmpty { return written.text }
            return figures.givesNoTotals || figures.incomeSourcesUnknown ? Self.unpublishedReason : spec.emptyReason.map { actuals.publisher.speaking($0) }
        }
        static let unpublishedReason = "所据公开稿没有公开本表的数据。"

        public func writtenEmptyReason(_ spec: TableSpec) -> Reason? {
            emptyReasons[spec.number] ?? emptyReasons[TableSpec.plainTitle(spec.title)]
        }

        /// A total's cell: nil (printed blank) when the 决算 writes one of `totals` as `未公开`. The sum of the
        /// known parts would read as the published total.
        func known(_ amount: Money, unless totals: UnpublishedTotal...) -> Money? {
            totals.contains { actuals.unpublished.contains($0) } ? nil : amount
        }
    }

    // MARK: - The workbook

    /// 封面, 目录, the set's tables, 决算说明.
    public static func workbook(_ context: Context, tables: [BuiltTable], notes: ActualsNotes) -> [Sheet] {
        [cover(context), contents(context, tables)] + tables.map(\.sheet) + [notesSheet(notes)]
    }

    /// The 目录's reasons: an empty table with none is an error (as for a budget, `empty-table-reason`);
    /// a `空表` naming no table of the set is a warning.
    public static func reasonDiagnostics(_ context: Context, _ tables: [BuiltTable]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func isActualsForm(_ spec: TableSpec) -> Bool {
            if case .form(let name) = spec.layout { return formNames.contains(name) }
            return false
        }
        let place = context.actuals.tableSet?.span ?? context.actuals.span
        if !context.layouts.tables.contains(where: isActualsForm) {
            return [Diagnostic(.error, "table-set", "套表“\(context.layouts.name)”不是决算套表：其中没有决算表单，决算的数字无处可印", at: place,
                               hint: "决算用内置套表 决算（不写 报表 即可），或在自己的套表中写 版式 表单 " + formNames.joined(separator: "/"))]
        }
        for table in tables where isActualsForm(table.spec) && !table.hasData && (context.emptyReason(table.spec) ?? "").isEmpty {
            result.append(Diagnostic(.error, RuleID.emptyTableReason.rawValue, "\(table.spec.number) \(table.sheet.title) 是空表，目录中没有公开空表理由",
                                     at: context.actuals.span, hint: "在决算文件中写：空表 \(table.spec.number) \"理由\""))
        }
        // A budget table (明细, 收支对照, or a budget form) reads budget amounts: a 决算 has none.
        for spec in context.layouts.tables where !isActualsForm(spec) {
            result.append(Diagnostic(.warning, "table-set", "\(spec.number) 不是决算表单，决算工作簿中这张表没有数", at: place,
                                     hint: "决算用 报表 决算，或在自己的套表中写 版式 表单 " + formNames.joined(separator: "/")))
        }
        let names = Set(context.layouts.tables.flatMap { [$0.number, TableSpec.plainTitle($0.title)] })
        for (key, reason) in context.emptyReasons.sorted(by: { $0.key < $1.key }) where !names.contains(key) {
            result.append(Diagnostic(.warning, RuleID.emptyTableReason.rawValue, "空表理由写给了“\(key)”，决算套表中没有这张表", at: reason.span,
                                     hint: "表号：" + context.layouts.tables.map(\.number).joined(separator: "、")))
        }
        return result
    }

    public static func buildTables(_ context: Context) -> [BuiltTable] {
        context.layouts.tables.map { spec in
            var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 1)
            var hasData = false
            if case .form(let name) = spec.layout, formNames.contains(name) {
                (sheet, hasData) = form(name, spec, context)
            } else {
                sheet.set(0, 0, .text(context.fill(spec.title)), .title)
            }
            var row = sheet.rowCount
            if !hasData, let reason = context.emptyReason(spec) {
                sheet.merge(row, 0, to: row, max(0, sheet.columnCount - 1), .text(reason), .note)
                row += 1
            }
            for note in spec.notes {
                sheet.merge(row, 0, to: row, max(0, sheet.columnCount - 1), .text(context.fill(note)), .note)
                row += 1
            }
            sheet.isEmpty = !hasData
            sheet.moneyUnit = context.moneyUnit
            sheet.landscape = spec.print.landscape
            sheet.fitToWidth = spec.print.fitWidth
            sheet.fitToPage = spec.print.fitPage
            sheet.repeatHeader = spec.print.repeatHeader
            return BuiltTable(spec: spec, sheet: sheet, hasData: hasData, bodyRows: max(0, sheet.rowCount - sheet.headerRowCount))
        }
    }

    static func cover(_ context: Context) -> Sheet {
        CoverTables.cover(title: context.fill(context.layouts.coverTitle), lines: context.layouts.coverLines, draft: false) { item in
            switch item {
            case .department: return context.actuals.departmentName
            case .secrecy: return context.actuals.secrecyReview
            case .signOff: return context.actuals.headSignOff
            }
        }
    }

    static func contents(_ context: Context, _ tables: [BuiltTable]) -> Sheet {
        var sheet = Sheet(name: "目录", title: "目录", columnCount: 4)
        sheet.merge(0, 0, to: 0, 3, .text("目录"), .title)
        var row = sheet.addHeaderRow(1, ["报表", "报表名称", "是否空表", "公开空表理由"])
        for table in tables {
            sheet.set(row, 0, .text(table.spec.number), .textCentered)
            sheet.set(row, 1, .text(table.sheet.title), .text)
            sheet.set(row, 2, .text(table.hasData ? "否" : "是"), .textCentered)
            sheet.set(row, 3, .text(table.hasData ? "" : (context.emptyReason(table.spec) ?? "")), .wrapped)
            row += 1
        }
        sheet.fixedWidths = [0: 10, 1: 60, 2: 10, 3: 40]
        return sheet
    }

    static func notesSheet(_ notes: ActualsNotes) -> Sheet {
        var sheet = Sheet(name: "决算说明", title: notes.title, columnCount: 1)
        sheet.set(0, 0, .text(notes.title), .title)
        var row = 2
        for section in notes.sections {
            sheet.set(row, 0, .text(section.heading), .labelBoldPlain)
            row += 1
            for paragraph in section.paragraphs {
                sheet.set(row, 0, .text(paragraph), .paragraph)
                row += 1
            }
        }
        sheet.fixedWidths = [0: 100]
        sheet.landscape = false
        return sheet
    }

    // MARK: - The forms

    static func form(_ name: String, _ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let f = context.figures
        switch name {
        case "决算收支总表": return summary(spec, context)
        case "决算收入表": return incomeTable(spec, context)
        case "决算支出表": return functionTable(spec, context, f.all, extraColumns: ["上缴上级支出", "经营支出", "对附属单位补助支出"], totalLabel: "本年支出合计")
        case "决算财政拨款收支总表": return fiscalSummary(spec, context)
        case "决算一般公共预算支出表": return functionTable(spec, context, f.general, extraColumns: [], totalLabel: "小计", group: "本年支出")
        case "决算基本支出明细表": return basicEconomic(spec, context)
        case "决算政府性基金表": return fundTable(spec, context)
        case "决算国有资本经营表": return functionTable(spec, context, f.capital, extraColumns: [], totalLabel: "小计", group: "本年支出")
        default: return sanGong(spec, context)
        }
    }

    static func chineseOrdinal(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 1...9: return digits[n]
        case 10...19: return "十" + digits[n - 10]
        case 20...99: return digits[n / 10] + "十" + digits[n % 10]
        default: return String(n)
        }
    }

    /// The classes the 收支总表 lists: the national list, then any class with spending not in it.
    static func summaryClassList(_ f: ActualsFigures) -> [(code: String, name: String)] {
        let extra = f.all.classes.map(\.code).filter { !summaryClasses.contains($0) }
        return (summaryClasses + extra).map { ($0, f.actuals.catalog.function[$0] ?? $0) }
    }

    static func money(_ m: Money?) -> CellValue { m.map { $0.cellValue } ?? .empty }

    /// 公开01 收入支出决算总表: 行次 1… down the income side, on down the spending side.
    static func summary(_ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let f = context.figures
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 6)
        var row = sheet.addTitle(department: context.actuals.departmentName, unitCaption: context.fill(spec.unitCaption))
        sheet.merge(row, 0, to: row, 2, .text("收入"), .header)
        sheet.merge(row, 3, to: row, 5, .text("支出"), .header)
        row = sheet.addHeaderRow(row + 1, ["项目", "行次", "金额", "项目", "行次", "金额"])
        row = sheet.addHeaderRow(row, ["栏次", "", "1", "栏次", "", "2"])
        // With `未列明`, the sources not listed are blank and the unlisted rest has a row of its own (like 未分类).
        let incomes: [(String, Money?)] = [
            ("一、一般公共预算财政拨款收入", f.listedIncome(.generalBudget)), ("二、政府性基金预算财政拨款收入", f.listedIncome(.governmentFund)),
            ("三、国有资本经营预算财政拨款收入", f.listedIncome(.stateCapital)), ("四、上级补助收入", f.listedIncome(.superiorSubsidy)),
            ("五、事业收入", f.listedIncome(.institutionIncome)), ("六、经营收入", f.listedIncome(.operatingIncome)),
            ("七、附属单位上缴收入", f.listedIncome(.affiliatedRemittance)), ("八、其他收入", f.listedIncome(.otherIncome, .specialAccount)),
        ] + (f.unlistedIncome.map { [(ActualsFigures.unlistedIncomeName, $0)] } ?? [])
        let classes = summaryClassList(f)
        let spending = classes.enumerated().map { i, c in ("\(chineseOrdinal(i + 1))、\(c.name)", f.all.row(c.code)?.total ?? .zero) }
            + (f.all.unclassified.map { [($0.name, $0.total)] } ?? [])
        let body = max(incomes.count, spending.count)
        let incomeTail: [(String, Money?, Bool)] = [("本年收入合计", context.known(f.totalIncome, unless: .income), true),
                                                    ("使用非财政拨款结余", f.income(.nonFiscalBalance), false),
                                                    ("年初结转和结余", context.known(f.balance(.opening), unless: .opening), false), ("", .zero, false),
                                                    ("总计", context.known(f.grandTotal, unless: .income, .opening), true)]
        let spendTotal = f.all.total
        let spendTail: [(String, Money?, Bool)] = [("本年支出合计", context.known(spendTotal, unless: .allSpending), true), ("结余分配", .zero, false),
                                                   ("年末结转和结余", context.known(f.balance(.closing), unless: .closing), false), ("", .zero, false),
                                                   ("总计", context.known(spendTotal + f.balance(.closing), unless: .allSpending, .closing), true)]
        let rows = body + incomeTail.count
        for i in 0..<rows {
            let left: (String, Money?, Bool) = i < body ? (i < incomes.count ? (incomes[i].0, incomes[i].1, false) : ("", .zero, false)) : incomeTail[i - body]
            let right: (String, Money?, Bool) = i < body ? (i < spending.count ? (spending[i].0, spending[i].1, false) : ("", .zero, false)) : spendTail[i - body]
            sheet.set(row + i, 0, .text(left.0), left.2 ? .labelBold : .text)
            sheet.set(row + i, 1, .integer(i + 1), .textCentered)
            sheet.set(row + i, 2, money(left.1), left.2 ? .moneyBold : .money)
            sheet.set(row + i, 3, .text(right.0), right.2 ? .labelBold : .text)
            sheet.set(row + i, 4, .integer(rows + i + 1), .textCentered)
            sheet.set(row + i, 5, money(right.1), right.2 ? .moneyBold : .money)
        }
        sheet.fixedWidths = [0: 34, 1: 6, 2: 14, 3: 34, 4: 6, 5: 14]
        return (sheet, !f.grandTotal.isZero || !spendTotal.isZero)
    }

    /// Header of a function-coded table: 项目 (科目编码, 科目名称) and amount columns, with a 栏次 row.
    static func functionHeader(_ sheet: inout Sheet, _ row: Int, _ columns: [String], group: String? = nil) -> Int {
        sheet.merge(row, 0, to: row, 1, .text("项 目"), .header)
        sheet.set(row + 1, 0, .text("科目编码"), .header)
        sheet.set(row + 1, 1, .text("科目名称"), .header)
        if let group {
            sheet.merge(row, 2, to: row, 1 + columns.count, .text(group), .header)
            for (i, c) in columns.enumerated() { sheet.set(row + 1, 2 + i, .text(c), .header) }
        } else {
            for (i, c) in columns.enumerated() { sheet.merge(row, 2 + i, to: row + 1, 2 + i, .text(c), .header) }
        }
        sheet.merge(row + 2, 0, to: row + 2, 1, .text("栏 次"), .header)
        for i in columns.indices { sheet.set(row + 2, 2 + i, .integer(i + 1), .header) }
        sheet.headerRowCount = row + 3
        return row + 3
    }

    static func writeFunctionRows(_ sheet: inout Sheet, _ row: inout Int, _ spending: ActualsFigures.Spending,
                                  _ values: (ActualsFigures.FunctionRow) -> [Money?]) {
        for r in spending.rows + (spending.unclassified.map { [$0] } ?? []) {
            // 未分类 (no code) is a part beside the 类, printed like one.
            let bold = r.code.count == 3 || r.code.isEmpty
            sheet.set(row, 0, .code(r.code), .code)
            sheet.set(row, 1, .text(r.name), bold ? .labelBold : .text)
            for (i, v) in values(r).enumerated() { sheet.set(row, 2 + i, money(v), bold ? .moneyBold : .money) }
            row += 1
        }
    }

    /// 公开03 支出决算表, 05 一般公共预算财政拨款支出决算表, 08 国有资本经营预算财政拨款支出决算表.
    static func functionTable(_ spec: TableSpec, _ context: Context, _ spending: ActualsFigures.Spending, extraColumns: [String],
                              totalLabel: String, group: String? = nil) -> (Sheet, Bool) {
        let columns = [totalLabel, "基本支出", "项目支出"] + extraColumns
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 2 + columns.count)
        var row = sheet.addTitle(department: context.actuals.departmentName, unitCaption: context.fill(spec.unitCaption))
        row = functionHeader(&sheet, row, columns, group: group)
        sheet.merge(row, 0, to: row, 1, .text("合 计"), .labelBold)
        // 公开03's 合计 row is every source's 本年支出合计 (with its 基本/项目): blank when that is 未公开.
        let unknownTotal = totalLabel == PublishedTotal.allSourcesLabel && context.actuals.unpublished.contains(.allSpending)
        let totals: [Money?] = unknownTotal ? [nil, nil, nil] : [spending.total, spending.basic, spending.project]
        for (i, v) in (totals + extraColumns.map { _ in nil }).enumerated() {
            sheet.set(row, 2 + i, money(v), .moneyBold)
        }
        row += 1
        writeFunctionRows(&sheet, &row, spending) { [$0.total, $0.basic, $0.project] + extraColumns.map { _ in nil } }
        sheet.fillBlanks(rows: sheet.headerRowCount..<row, style: .money)
        sheet.fixedWidths = [0: 12, 1: 36]
        return (sheet, !spending.total.isZero)
    }

    /// 公开02 收入决算表: by function, the income of each source; a function's income is the spending of
    /// that source in it (the 决算 records income by source only).
    static func incomeTable(_ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let f = context.figures
        let groups: [(String, Set<FundingSource>)] = [("财政拨款收入", Set(ActualsFigures.fiscalSources)), ("上级补助收入", [.superiorSubsidy]),
                                                      ("事业收入", [.institutionIncome]), ("经营收入", [.operatingIncome]),
                                                      ("附属单位上缴收入", [.affiliatedRemittance]), ("其他收入", [.otherIncome, .specialAccount])]
        let columns = ["本年收入合计"] + groups.map(\.0)
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 2 + columns.count)
        var row = sheet.addTitle(department: context.actuals.departmentName, unitCaption: context.fill(spec.unitCaption))
        row = functionHeader(&sheet, row, columns)
        sheet.merge(row, 0, to: row, 1, .text("合 计"), .labelBold)
        let bySource = groups.map { g in f.listedIncome(Array(g.1).sorted { $0.rawValue < $1.rawValue }) }
        sheet.set(row, 2, money(context.known(f.totalIncome, unless: .income)), .moneyBold)
        for (i, v) in bySource.enumerated() { sheet.set(row, 3 + i, money(v), .moneyBold) }
        row += 1
        // 财政拨款 from the fiscal spending as printed (公开05's totals); the other sources from their lines.
        let fiscal = [f.general, f.fund, f.capital]
        let others = groups.dropFirst().map { g in ActualsFigures.spending(f.actuals, sources: g.1) }
        func values(_ code: String) -> [Money] {
            [fiscal.reduce(Money.zero) { $0 + ($1.row(code)?.total ?? .zero) }] + others.map { $0.row(code)?.total ?? .zero }
        }
        // 未分类 is 一般公共预算's (财政拨款收入) alone.
        let unclassified = f.all.unclassified.map { [($0, [$0.total] + others.map { _ in Money.zero })] } ?? []
        for (r, values) in f.all.rows.map({ ($0, values($0.code)) }) + unclassified {
            sheet.set(row, 0, .code(r.code), .code)
            sheet.set(row, 1, .text(r.name), r.code.count == 3 ? .labelBold : .text)
            sheet.set(row, 2, values.reduce(.zero, +).cellValue, .money)
            for (i, v) in values.enumerated() { sheet.set(row, 3 + i, v.cellValue, .money) }
            row += 1
        }
        sheet.fillBlanks(rows: sheet.headerRowCount..<row, style: .money)
        sheet.fixedWidths = [0: 12, 1: 36]
        return (sheet, !f.totalIncome.isZero)
    }

    /// 公开04 财政拨款收入支出决算总表.
    static func fiscalSummary(_ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let f = context.figures
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 9)
        var row = sheet.addTitle(department: context.actuals.departmentName, unitCaption: context.fill(spec.unitCaption))
        sheet.merge(row, 0, to: row, 2, .text("收 入"), .header)
        sheet.merge(row, 3, to: row, 8, .text("支 出"), .header)
        row = sheet.addHeaderRow(row + 1, ["项 目", "行次", "金 额", "项 目", "行次", "合 计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"])
        row = sheet.addHeaderRow(row, ["栏 次", "", "1", "栏 次", "", "2", "3", "4", "5"])
        let sources: [FundingSource] = ActualsFigures.fiscalSources
        let incomes: [(String, Money)] = [("一、一般公共预算财政拨款", f.income(.generalBudget)), ("二、政府性基金预算财政拨款", f.income(.governmentFund)),
                                          ("三、国有资本经营预算财政拨款", f.income(.stateCapital))]
        let bySource = [f.general, f.fund, f.capital]
        let classes = summaryClassList(f)
        let unclassified = f.general.unclassified
        let body = max(incomes.count, classes.count + (unclassified == nil ? 0 : 1))
        let opening = sources.map { context.known(f.balance(.opening, $0), unless: .opening) }
        let closing = sources.map { context.known(f.balance(.closing, $0), unless: .closing) }
        let openingTotal = f.fiscalBalance(.opening), closingTotal = f.fiscalBalance(.closing)
        let printedOpening = context.known(openingTotal, unless: .opening), printedClosing = context.known(closingTotal, unless: .closing)
        let spendTotals = bySource.map(\.total)
        let spendTotal = spendTotals.reduce(.zero, +)
        typealias Line = (label: String, values: [Money?], bold: Bool)
        var left: [Line] = (0..<body).map { i in i < incomes.count ? (incomes[i].0, [incomes[i].1], false) : ("", [], false) }
        left += [("本年收入合计", [f.fiscalIncome], true), ("年初财政拨款结转和结余", [printedOpening], false),
                 ("一般公共预算财政拨款", [opening[0]], false), ("政府性基金预算财政拨款", [opening[1]], false),
                 ("国有资本经营预算财政拨款", [opening[2]], false), ("总计", [printedOpening.map { f.fiscalIncome + $0 }], true)]
        var right: [Line] = (0..<body).map { i in
            if i == classes.count, let u = unclassified { return (u.name, [u.total, u.total, .zero, .zero], false) }
            guard i < classes.count else { return ("", [], false) }
            let values = bySource.map { $0.row(classes[i].code)?.total ?? .zero }
            return ("\(chineseOrdinal(i + 1))、\(classes[i].name)", [values.reduce(.zero, +)] + values, false)
        }
        right += [("本年支出合计", [spendTotal] + spendTotals, true), ("年末财政拨款结转和结余", [printedClosing] + closing, false),
                  ("", [], false), ("", [], false), ("", [], false),
                  ("总计", [printedClosing.map { spendTotal + $0 }] + zip(spendTotals, closing).map { s, c in c.map { s + $0 } }, true)]
        for i in left.indices {
            sheet.set(row + i, 0, .text(left[i].label), left[i].bold ? .labelBold : .text)
            sheet.set(row + i, 1, .integer(i + 1), .textCentered)
            sheet.set(row + i, 2, money(left[i].values.first ?? nil), left[i].bold ? .moneyBold : .money)
            sheet.set(row + i, 3, .text(right[i].label), right[i].bold ? .labelBold : .text)
            sheet.set(row + i, 4, .integer(left.count + i + 1), .textCentered)
            for c in 0..<4 { sheet.set(row + i, 5 + c, money(c < right[i].values.count ? right[i].values[c] : nil), right[i].bold ? .moneyBold : .money) }
        }
        sheet.fixedWidths = [0: 30, 1: 6, 2: 14, 3: 30, 4: 6]
        return (sheet, !(f.fiscalIncome + openingTotal).isZero || !spendTotal.isZero)
    }

    /// 公开06 一般公共预算财政拨款基本支出决算明细表: three column pairs of economic 类/款 (人员经费; 302; other 公用经费).
    static func basicEconomic(_ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let f = context.figures
        let catalog = f.actuals.catalog.economicDepartment
        func codes(_ classes: [String]) -> [String] {
            classes.flatMap { cls -> [String] in
                let items = Set(catalog.keys.filter { $0.count == 5 && $0.hasPrefix(cls) }).union(f.basicEconomic.keys.filter { $0.count == 5 && $0.hasPrefix(cls) })
                return [cls] + items.sorted()
            }
        }
        let personnelClasses = EconomicCodes.personnelClasses.sorted()
        let withData = Set(f.basicEconomic.keys.map { String($0.prefix(3)) })
        let others = (otherPublicUseClasses + withData.filter { !EconomicCodes.isPersonnel($0) && $0 != "302" && !otherPublicUseClasses.contains($0) }).sorted()
        let panels = [codes(personnelClasses), codes(["302"]), codes(others)]
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 9)
        var row = sheet.addTitle(department: context.actuals.departmentName, unitCaption: context.fill(spec.unitCaption))
        sheet.merge(row, 0, to: row, 2, .text("人员经费"), .header)
        sheet.merge(row, 3, to: row, 8, .text("公用经费"), .header)
        row = sheet.addHeaderRow(row + 1, ["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"])
        let height = panels.map(\.count).max() ?? 0
        for (p, list) in panels.enumerated() {
            for (i, code) in list.enumerated() {
                let bold = code.count == 3
                sheet.set(row + i, p * 3, .code(code), .code)
                sheet.set(row + i, p * 3 + 1, .text(catalog[code] ?? ""), bold ? .labelBold : .text)
                sheet.set(row + i, p * 3 + 2, money(f.basicEconomic[code]), bold ? .moneyBold : .money)
            }
        }
        sheet.fillBlanks(rows: row..<(row + height), style: .money)
        row += height
        sheet.merge(row, 0, to: row, 1, .text("人员经费合计"), .labelBold)
        sheet.set(row, 2, money(f.personnel), .moneyBold)
        sheet.merge(row, 3, to: row, 7, .text("公用经费合计"), .labelBold)
        sheet.set(row, 8, money(f.publicUse), .moneyBold)
        sheet.fixedWidths = [0: 9, 1: 26, 2: 12, 3: 9, 4: 22, 5: 12, 6: 9, 7: 26, 8: 12]
        let total = (f.personnel ?? .zero) + (f.publicUse ?? .zero)
        return (sheet, !total.isZero)
    }

    /// 公开07 政府性基金预算财政拨款收入支出决算表.
    static func fundTable(_ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let f = context.figures
        let spending = f.fund
        let columns = ["年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"]
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 8)
        var row = sheet.addTitle(department: context.actuals.departmentName, unitCaption: context.fill(spec.unitCaption))
        sheet.merge(row, 0, to: row, 1, .text("项 目"), .header)
        sheet.merge(row, 2, to: row + 1, 2, .text(columns[0]), .header)
        sheet.merge(row, 3, to: row + 1, 3, .text(columns[1]), .header)
        sheet.merge(row, 4, to: row, 6, .text("本年支出"), .header)
        for i in 2...4 { sheet.set(row + 1, 2 + i, .text(columns[i]), .header) }
        sheet.merge(row, 7, to: row + 1, 7, .text(columns[5]), .header)
        sheet.set(row + 1, 0, .text("科目编码"), .header)
        sheet.set(row + 1, 1, .text("科目名称"), .header)
        sheet.merge(row + 2, 0, to: row + 2, 1, .text("栏 次"), .header)
        for i in columns.indices { sheet.set(row + 2, 2 + i, .integer(i + 1), .header) }
        row += 3
        sheet.headerRowCount = row
        sheet.merge(row, 0, to: row, 1, .text("合 计"), .labelBold)
        let totals: [Money?] = [context.known(f.balance(.opening, .governmentFund), unless: .opening), f.income(.governmentFund), spending.total,
                                spending.basic, spending.project, context.known(f.balance(.closing, .governmentFund), unless: .closing)]
        for (i, v) in totals.enumerated() { sheet.set(row, 2 + i, money(v), .moneyBold) }
        row += 1
        writeFunctionRows(&sheet, &row, spending) { [nil, nil, $0.total, $0.basic, $0.project, nil] }
        sheet.fillBlanks(rows: sheet.headerRowCount..<row, style: .money)
        sheet.fixedWidths = [0: 12, 1: 36]
        return (sheet, totals.contains { $0 != nil && !$0!.isZero })
    }

    /// 公开09 财政拨款“三公”经费支出决算表: 预算数 and 决算数, each 合计, 因公出国（境）费, 公务用车 (小计, 购置, 运行维护), 公务接待费.
    static func sanGong(_ spec: TableSpec, _ context: Context) -> (Sheet, Bool) {
        let a = context.actuals
        var sheet = Sheet(name: spec.number, title: context.fill(spec.title), columnCount: 12)
        var row = sheet.addTitle(department: a.departmentName, unitCaption: context.fill(spec.unitCaption))
        for (side, label) in ["预 算 数", "决 算 数"].enumerated() {
            let c = side * 6
            sheet.merge(row, c, to: row, c + 5, .text(label), .header)
            sheet.merge(row + 1, c, to: row + 2, c, .text("合计"), .header)
            sheet.merge(row + 1, c + 1, to: row + 2, c + 1, .text("因公出国（境）费"), .header)
            sheet.merge(row + 1, c + 2, to: row + 1, c + 4, .text("公务用车购置及运行维护费"), .header)
            sheet.set(row + 2, c + 2, .text("小计"), .header)
            sheet.set(row + 2, c + 3, .text("公务用车购置费"), .header)
            sheet.set(row + 2, c + 4, .text("公务用车运行维护费"), .header)
            sheet.merge(row + 1, c + 5, to: row + 2, c + 5, .text("公务接待费"), .header)
        }
        for c in 0..<12 { sheet.set(row + 3, c, .integer(c + 1), .header) }
        row += 4
        sheet.headerRowCount = row
        let parts: [SanGongPart] = [.abroad, .vehiclePurchase, .vehicleRunning, .reception]
        let figures = parts.map { a.sanGong($0) }
        // With the 合计 未公开 it stays blank (and so do the parts not written).
        let unknownTotal = a.sanGongTotalUnpublished
        func side(_ value: ((budget: Money?, actual: Money)) -> Money?, total: Money?) -> [Money?] {
            // The 未细分 rest is in the 合计 and in no part.
            let v = figures.map { $0.flatMap(value) }, rest = a.sanGongUndetailed.flatMap(value)
            // With the parts incomplete, a vehicle part not written is unknown (not 0): the subtotal too.
            let vehicles: Money? = (v[1] == nil && v[2] == nil) || (a.sanGongPartsIncomplete && (v[1] == nil || v[2] == nil))
                ? nil : (v[1] ?? .zero) + (v[2] ?? .zero)
            let sum = v.compactMap { $0 }
            let sumWithRest = sum.isEmpty && rest == nil ? nil : sum.reduce(.zero, +) + (rest ?? .zero)
            return [unknownTotal ? nil : total ?? sumWithRest, v[0], vehicles, v[1], v[2], v[3]]
        }
        let budget = side({ $0.budget }, total: a.sanGongTotal?.budget)
        let actual = side({ $0.actual }, total: a.sanGongActualTotal)
        for (i, v) in (budget + actual).enumerated() { sheet.set(row, i, money(v), .money) }
        row += 1
        sheet.fixedWidths = Dictionary(uniqueKeysWithValues: (0..<12).map { ($0, 11.0) })
        return (sheet, (budget + actual).contains { $0 != nil && !$0!.isZero })
    }
}
