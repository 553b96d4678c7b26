/// The figures a 决算 publication prints, computed once from an `Actuals`: the 公开 tables and the
/// 决算说明 both read these, so a sentence and the table it cites cannot disagree.
///
/// Publications give different depths of detail. Every figure is taken from the finest level the
/// file states and summed upward; where the file gives only a published aggregate (a 类 or 款 row
/// with nothing under it, only 合计, only 301/302 class totals, only 人员经费合计), that aggregate is
/// used as it stands. So a 决算 written from the published totals alone still prints its totals.
public struct ActualsFigures: Sendable {
    /// One function row of 公开03/05/07/08: 类 (3 digits), 款 (5) or 项 (7).
    public struct FunctionRow: Sendable {
        public var code: String
        public var name: String
        public var total: Money
        /// nil when the file gives only the total for every line under this row.
        public var basic: Money?
        public var project: Money?
        public var initialBudget: Money?
        public var adjustedBudget: Money?
    }

    public struct Spending: Sendable {
        /// 类, 款, 项 rows in code order (each 类 followed by its 款, each 款 by its 项).
        public var rows: [FunctionRow] = [] { didSet { rowOfCode = Dictionary(rows.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a }) } }
        private var rowOfCode: [String: Int] = [:]
        public var total = Money.zero
        public var basic: Money?
        public var project: Money?
        public var initialBudget: Money?
        /// `未分类`: spending under no named 类, printed as its own row (no code) after the 类 rows.
        public var unclassified: FunctionRow?
        /// The detail added up (lines, published 类/款 rows with no line under them, 未分类), before a printed 合计 replaces it.
        public var detailTotal = Money.zero
        public var isEmpty: Bool { rows.isEmpty && total.isZero }
        public func row(_ code: String) -> FunctionRow? { rowOfCode[code].map { rows[$0] } }
        /// The 类 rows only.
        public var classes: [FunctionRow] { rows.filter { $0.code.count == 3 } }
    }

    public let actuals: Actuals
    /// Spending of all sources (公开03) and of each fiscal source (公开05, 07, 08).
    public let all: Spending
    public let general: Spending
    public let fund: Spending
    public let capital: Spending
    /// 基本支出 by economic 类 and 款 (公开06): code → amount; classes summed from their 款 when listed.
    public let basicEconomic: [String: Money]

    public init(_ actuals: Actuals) {
        self.actuals = actuals
        all = Self.spending(actuals, sources: nil)
        general = Self.spending(actuals, sources: [.generalBudget])
        fund = Self.spending(actuals, sources: [.governmentFund])
        capital = Self.spending(actuals, sources: [.stateCapital])
        var economic: [String: Money] = [:]
        let unitsOnly = actuals.basicEconomic.allSatisfy { $0.unitCode != nil }
        for row in actuals.basicEconomic where row.unitCode == nil || unitsOnly {
            economic[row.code, default: .zero] += row.amount
            economic[String(row.code.prefix(3)), default: .zero] += row.amount
        }
        for total in Self.departmentTotals(actuals) where total.economic && total.label.count == 3 && total.label.first == "3" {
            economic[total.label] = total.amount
        }
        basicEconomic = economic
    }

    static let fiscalSources: [FundingSource] = [.generalBudget, .governmentFund, .stateCapital]

    /// How the tables and the 说明 name `未分类` spending: it says the 类 is not known, and has no code.
    public static let unclassifiedName = "未分类（公开稿未列明类级科目）"
    /// How the tables and the 说明 name `未列明` income: its sources are not known.
    public static let unlistedIncomeName = "未列明来源的收入"

    /// The department's printed totals: those written without a unit, else (a 决算 published unit by
    /// unit) the sum of the units' totals of the same label.
    static func departmentTotals(_ actuals: Actuals) -> [PublishedTotal] {
        var order: [String] = []
        var byKey: [String: [PublishedTotal]] = [:]
        for total in actuals.published {
            let key = "\(total.economic ? "E" : "F")\(total.label)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(total)
        }
        return order.compactMap { key in
            let all = byKey[key]!
            if let own = all.first(where: { $0.unitCode == nil }) { return own }
            var sum = all[0]
            sum.unitCode = nil
            sum.amount = all.reduce(.zero) { $0 + $1.amount }
            sum.basic = all.allSatisfy { $0.basic != nil } ? all.reduce(.zero) { $0 + $1.basic! } : nil
            sum.project = all.allSatisfy { $0.project != nil } ? all.reduce(.zero) { $0 + $1.project! } : nil
            return sum
        }
    }

    /// Balances of the department: written without a unit, else the sum of the units'.
    static func departmentBalances(_ actuals: Actuals) -> [ActualBalance] {
        actuals.balances.contains { $0.unitCode == nil } ? actuals.balances.filter { $0.unitCode == nil } : actuals.balances
    }

    /// Function rows of the given sources: 项 lines summed upward; a published 类/款 with no line
    /// under it stands for itself (published aggregates count as 一般公共预算拨款, as 公开05 prints them).
    static func spending(_ actuals: Actuals, sources: Set<FundingSource>?) -> Spending {
        struct Sum { var total = Money.zero; var basic: Money?; var project: Money?; var initial: Money?; var adjusted: Money? }
        func add(_ a: Money?, _ b: Money?) -> Money? { b == nil ? a : (a ?? .zero) + b! }
        var leaves: [(code: String, sum: Sum)] = []
        let departmentOnly = actuals.lines.contains { $0.unitCode == nil } || actuals.lines.isEmpty
        for line in actuals.lines where (sources?.contains(line.source) ?? true) && (departmentOnly ? line.unitCode == nil : true) {
            leaves.append((line.functionCode, Sum(total: line.total, basic: line.basic ?? (line.project != nil ? .zero : nil),
                                                  project: line.project ?? (line.basic != nil ? .zero : nil),
                                                  initial: line.initialBudget, adjusted: line.adjustedBudget)))
        }
        let aggregatesCount = sources == nil || sources!.contains(.generalBudget)
        let totals = departmentTotals(actuals)
        let grandTotal = totals.first { $0.label == "合计" && !$0.economic }
        let published = totals.filter { !$0.economic && $0.label.allSatisfy(\.isNumber) && ($0.label.count == 3 || $0.label.count == 5) }
        if aggregatesCount {
            // Finest first: a 款 with no 一般公共预算 line under it; then a 类 with neither. (Lines of
            // other sources — a 政府性基金 项 under the same 类 — are not part of 公开05's totals.)
            var covered = Set<String>()
            for line in actuals.lines where line.source == .generalBudget && (departmentOnly ? line.unitCode == nil : true) {
                covered.insert(String(line.functionCode.prefix(3)))
                covered.insert(String(line.functionCode.prefix(5)))
            }
            for length in [5, 3] {
                for total in published where total.label.count == length && !covered.contains(total.label) {
                    covered.insert(String(total.label.prefix(3)))
                    let basic = total.basic ?? (total.project.map { total.amount - $0 })
                    let project = total.project ?? (total.basic.map { total.amount - $0 })
                    leaves.append((total.label, Sum(total: total.amount, basic: basic, project: project)))
                }
            }
        }
        // 未分类 is 公开05's too: a leaf of its own, outside every 类.
        let unclassified = aggregatesCount ? totals.first { $0.label == PublishedTotal.unclassifiedLabel && !$0.economic } : nil
        var sums: [String: Sum] = [:]
        var grand = Sum()
        if let u = unclassified {
            grand = Sum(total: u.amount, basic: u.basic ?? u.project.map { u.amount - $0 }, project: u.project ?? u.basic.map { u.amount - $0 })
        }
        var initialKnown = false
        for (code, leaf) in leaves {
            for length in [3, 5, 7] where code.count >= length {
                let key = String(code.prefix(length))
                var s = sums[key] ?? Sum()
                s.total += leaf.total
                s.basic = add(s.basic, leaf.basic)
                s.project = add(s.project, leaf.project)
                s.initial = add(s.initial, leaf.initial)
                s.adjusted = add(s.adjusted, leaf.adjusted)
                sums[key] = s
            }
            grand.total += leaf.total
            grand.basic = add(grand.basic, leaf.basic)
            grand.project = add(grand.project, leaf.project)
            if leaf.initial != nil { initialKnown = true }
            grand.initial = add(grand.initial, leaf.initial)
        }
        // The totals the publication prints win over the sum of its rounded lines (they may differ by
        // 尾数, which `actuals-parts` reports): the tables must show what was published.
        let printedHere = sources == [.generalBudget] || (sources == nil && actuals.lines.allSatisfy { $0.source == .generalBudget })
        if printedHere {
            for total in published {
                guard var s = sums[total.label] else { continue }
                s.total = total.amount
                if let b = total.basic { s.basic = b }
                if let p = total.project { s.project = p }
                if total.basic != nil && total.project == nil { s.project = total.amount - total.basic! }
                if total.project != nil && total.basic == nil { s.basic = total.amount - total.project! }
                sums[total.label] = s
            }
            if !leaves.isEmpty || unclassified != nil, let total = grandTotal {
                grand.total = total.amount
                if let b = total.basic { grand.basic = b }
                if let p = total.project { grand.project = p }
            }
        }
        var result = Spending()
        result.detailTotal = leaves.reduce(unclassified?.amount ?? .zero) { $0 + $1.sum.total }
        result.unclassified = unclassified.map { u in
            FunctionRow(code: "", name: unclassifiedName, total: u.amount, basic: u.basic ?? u.project.map { u.amount - $0 },
                        project: u.project ?? u.basic.map { u.amount - $0 })
        }
        // 本年支出合计 (every source, 公开01/03) is what the publication prints for all sources together.
        let allSources = sources == nil ? totals.first { $0.label == PublishedTotal.allSourcesLabel && !$0.economic } : nil
        func withAllSourcesTotal(_ spending: Spending) -> Spending {
            guard let all = allSources else { return spending }
            var spending = spending
            spending.total = all.amount
            spending.basic = all.basic ?? all.project.map { all.amount - $0 }
            spending.project = all.project ?? all.basic.map { all.amount - $0 }
            return spending
        }
        if leaves.isEmpty, unclassified == nil, aggregatesCount, let total = grandTotal {
            // Only the 合计 row is published (with the 年初预算 the 说明 states, when written).
            result.total = total.amount
            result.basic = total.basic
            result.project = total.project
            result.initialBudget = total.initialBudget
            return withAllSourcesTotal(result)
        }
        result.rows = sums.keys.sorted().map { code in
            let s = sums[code]!
            return FunctionRow(code: code, name: actuals.catalog.function[code] ?? "", total: s.total, basic: s.basic, project: s.project,
                               initialBudget: s.initial, adjustedBudget: s.adjusted)
        }
        result.total = grand.total
        result.basic = grand.basic
        result.project = grand.project
        result.initialBudget = (printedHere ? grandTotal?.initialBudget : nil) ?? (initialKnown ? grand.initial : nil)
        return withAllSourcesTotal(result)
    }

    /// Whether the file says what 一般公共预算财政拨款 spent: a line of that source, a 合计, 类/款 or 未分类 row.
    /// A 决算 copied from its 说明 may give only 本年支出合计 (every source); then 公开05's figures are unknown,
    /// not zero, and the 说明 does not state them.
    public var generalSpendingKnown: Bool {
        let totals = Self.departmentTotals(actuals)
        guard totals.contains(where: { $0.label == PublishedTotal.allSourcesLabel && !$0.economic }) else { return true }
        return actuals.lines.contains { $0.source == .generalBudget }
            || totals.contains { !$0.economic && ($0.label == "合计" || $0.label == PublishedTotal.unclassifiedLabel
                                     || ($0.label.allSatisfy(\.isNumber) && [3, 5].contains($0.label.count))) }
    }

    /// Whether the file gives 收入 at all: by source, as its 合计, or as 未公开.
    public var incomeGiven: Bool {
        !actuals.incomes.isEmpty || actuals.unpublished.contains(.income) || actuals.published.contains { $0.label == "收入合计" }
    }

    /// 收入 given only as its 合计 (or 未公开): which sources it came from is unknown, not “none”.
    /// Also with `未列明` when not every 财政拨款 source is listed: its 财政拨款收入 is not known.
    public var incomeSourcesUnknown: Bool {
        (actuals.incomes.isEmpty && incomeGiven)
            || (unlistedIncome != nil && !Self.fiscalSources.allSatisfy { s in departmentIncomes.contains { $0.source == s } })
    }

    /// Whether the file gives none of the 收支 figures (no 收入, 结转结余 or 支出, not even as 未公开), as a
    /// stand-alone “三公” 决算: its totals are unknown, not 0 — neither stated in the 说明 nor called “没有收入和支出”.
    public var givesNoTotals: Bool {
        !incomeGiven && actuals.lines.isEmpty && actuals.balances.isEmpty && actuals.unpublished.isEmpty
            && !actuals.published.contains { !$0.economic && $0.label != "公务用车" }  // 公务用车: the 三公 小计
    }

    // MARK: - Incomes and balances

    /// Incomes of the department: written without a unit, else the sum of the units'.
    var departmentIncomes: [ActualIncome] {
        actuals.incomes.contains { $0.unitCode == nil } ? actuals.incomes.filter { $0.unitCode == nil } : actuals.incomes
    }
    public func income(_ source: FundingSource) -> Money {
        departmentIncomes.reduce(.zero) { $1.source == source ? $0 + $1.amount : $0 }
    }
    public var totalIncome: Money {
        actuals.incomes.isEmpty && unlistedIncome == nil ? (Self.departmentTotals(actuals).first { $0.label == "收入合计" }?.amount ?? .zero)
            : departmentIncomes.reduce(.zero) { $0 + ($1.source == .nonFiscalBalance ? .zero : $1.amount) } + (unlistedIncome ?? .zero)
    }

    /// `未列明`: income of sources the publication does not list; nil when it lists them all.
    public var unlistedIncome: Money? {
        Self.departmentTotals(actuals).first { $0.label == PublishedTotal.unlistedIncomeLabel && !$0.economic }?.amount
    }

    /// A source's income as printed: nil (blank) when the 决算 lists only some sources (`未列明`) and not this one.
    public func listedIncome(_ sources: FundingSource...) -> Money? { listedIncome(sources) }

    public func listedIncome(_ sources: [FundingSource]) -> Money? {
        guard unlistedIncome != nil, !departmentIncomes.contains(where: { sources.contains($0.source) }) else {
            return sources.reduce(.zero) { $0 + income($1) }
        }
        return nil
    }
    public var fiscalIncome: Money { Self.fiscalSources.reduce(.zero) { $0 + income($1) } }

    /// 年初/年末结转结余 of one source, or of all sources (nil).
    public func balance(_ moment: ActualBalance.Moment, _ source: FundingSource? = nil) -> Money {
        Self.departmentBalances(actuals).filter { $0.moment == moment && (source == nil || $0.source == source) }.reduce(.zero) { $0 + $1.amount }
    }

    /// 财政拨款结转结余: the fiscal sources; a balance written only as a total counts when the 决算
    /// has income by source and none of it non-fiscal (it can only be fiscal then).
    public func fiscalBalance(_ moment: ActualBalance.Moment) -> Money {
        let bySource = Self.fiscalSources.reduce(.zero) { $0 + balance(moment, $1) }
        let untyped = Self.departmentBalances(actuals).filter { $0.moment == moment && $0.source == nil }.reduce(.zero) { $0 + $1.amount }
        // With no income by source (only 收入 合计) nothing says the balance is fiscal.
        let onlyFiscal = !actuals.incomes.isEmpty && unlistedIncome == nil && actuals.incomes.allSatisfy { Self.fiscalSources.contains($0.source) }
        return bySource + (onlyFiscal ? untyped : .zero)
    }

    /// 总计 of 公开01 (收入 side): 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余.
    public var grandTotal: Money { totalIncome + income(.nonFiscalBalance) + balance(.opening) }

    // MARK: - 基本支出 by economic class

    /// 人员经费合计 / 公用经费合计 as printed under 公开06, else from the 款 and 类.
    public var personnel: Money? { printedBasic("人员经费") ?? actuals.personnel }
    public var publicUse: Money? { printedBasic("公用经费") ?? actuals.publicUse }

    func printedBasic(_ label: String) -> Money? { Self.departmentTotals(actuals).first { $0.economic && $0.label == label }?.amount }
}
