/// Last year, as far as the budget names it: the previous budget (`上年预算`) and the previous
/// 决算 (`上年决算`), and the figures every comparison uses, computed once with their basis.
/// Tables (表13, 图表), the 说明 and the rules all take last year's figures from here, so they
/// agree with each other and say which document a figure comes from.

/// Which document a last-year figure comes from.
public enum Basis: String, Sendable {
    case budget = "上年预算"
    case actuals = "上年决算"

    /// "较上年预算" / "较上年决算".
    public var comparison: String { "较" + rawValue }
}

/// A figure of last year with the document it comes from.
public struct LastYearFigure: Sendable, Equatable {
    public var amount: Money
    public var basis: Basis
}

/// The six leaves of 表13 (因公出国, 公务接待, 公务用车购置, 公务用车运行维护, 会议费, 培训费) for last year.
public struct LastYearSanGong: Sendable {
    public var department: [Money]
    /// Per unit code; nil when last year gives only the department's figures (a 决算 without units).
    public var byUnit: [String: [Money]]?
    public var basis: Basis
    /// For headers and captions, e.g. "2024年预算数（取自2024年决算）".
    public var label: String
    /// 三公 money last year's `合计` gives beyond its parts (未细分).
    public var undetailed = Money.zero
}

public final class PreviousYear: Sendable {
    public let budget: EvaluatedBudget?
    public let actuals: Actuals?
    /// `上年预算 收入 N 支出 N …`: last year's budget as totals only (used where `budget` is nil).
    public let totals: PreviousTotals?
    /// 表13's 上年 block and the 图表's 三公 series.
    public let sanGongBlock: LastYearSanGong?
    /// Spending by function 类 (the 图表's first series), with its basis.
    public let functionClasses: LastYearSeries?

    public struct LastYearSeries: Sendable {
        public var values: [String: Money]
        public var basis: Basis
        public var label: String
    }

    public init(budget: EvaluatedBudget?, actuals: Actuals?, totals: PreviousTotals? = nil) {
        self.budget = budget
        self.actuals = actuals
        self.totals = budget == nil ? totals : nil
        self.sanGongBlock = PreviousYear.sanGongBlock(budget: budget, actuals: actuals)
        if let budget {
            var values: [String: Money] = [:]
            for line in budget.lines { values[String(line.line.functionCode.prefix(3)), default: .zero] += line.amount }
            functionClasses = LastYearSeries(values: values, basis: .budget, label: "\(budget.budget.year)年预算")
        } else if let actuals, !actuals.lines.isEmpty || actuals.published.contains(where: { !$0.economic && $0.label.count == 3 }) {
            var values: [String: Money] = [:]
            for line in actuals.lines { values[String(line.functionCode.prefix(3)), default: .zero] += line.total }
            // A 决算 that gives only its 类 rows (公开01表's 支出 side) still gives the series.
            if actuals.lines.isEmpty {
                for total in actuals.published where !total.economic && total.label.count == 3 && total.label.allSatisfy(\.isASCIIDigit) {
                    values[total.label, default: .zero] += total.amount
                }
            }
            functionClasses = LastYearSeries(values: values, basis: .actuals, label: "\(actuals.year)年决算")
        } else {
            functionClasses = nil
        }
    }

    static func sanGongBlock(budget: EvaluatedBudget?, actuals: Actuals?) -> LastYearSanGong? {
        let codes = SanGongPart.allCases.map(\.economicCode) + [EconomicCodes.meeting, EconomicCodes.training]
        if let budget {
            func leaves(_ lines: [EvaluatedLine]) -> [Money] {
                codes.map { code in lines.reduce(.zero) { $1.line.source == .generalBudget && $1.line.economicCode == code ? $0 + $1.amount : $0 } }
            }
            var byUnit: [String: [Money]] = [:]
            for unit in budget.budget.units { byUnit[unit.code] = leaves(budget.lines(ofUnit: unit.code)) }
            return LastYearSanGong(department: leaves(budget.lines), byUnit: byUnit, basis: .budget, label: "\(budget.budget.year)年预算数",
                                   undetailed: Aggregates.sanGongUndetailed(budget))
        }
        guard let actuals, !actuals.sanGong.isEmpty || actuals.meetings != nil || actuals.training != nil else { return nil }
        // The 三公 table of a 决算 prints the 预算数 beside the 决算数: use it, so 表13 compares budget with budget.
        let hasBudget = actuals.sanGong.contains { $0.figure.budget != nil }
        func value(_ figure: ActualFigure?) -> Money { figure.map { hasBudget ? ($0.budget ?? $0.actual) : $0.actual } ?? .zero }
        func leaves(_ unit: String?) -> [Money] {
            SanGongPart.allCases.map { part in
                actuals.sanGong.filter { $0.part == part && (unit == nil || $0.unitCode == unit) }.reduce(.zero) { $0 + value($1.figure) }
            } + (unit == nil ? [value(actuals.meetings), value(actuals.training)] : [.zero, .zero])
        }
        // Per-unit rows only when every 三公 figure belongs to a unit and 会议/培训 are not department-wide.
        var byUnit: [String: [Money]]?
        if !actuals.sanGong.isEmpty && actuals.sanGong.allSatisfy({ $0.unitCode != nil }) && actuals.meetings == nil && actuals.training == nil {
            var rows: [String: [Money]] = [:]
            for code in Set(actuals.sanGong.compactMap(\.unitCode)) { rows[code] = leaves(code) }
            byUnit = rows
        }
        let rest = actuals.sanGongUndetailed
        return LastYearSanGong(department: leaves(nil), byUnit: byUnit, basis: hasBudget ? .budget : .actuals,
                               label: hasBudget ? "\(actuals.year)年预算数（取自\(actuals.year)年决算）" : "\(actuals.year)年决算数",
                               undetailed: (hasBudget ? rest?.budget : rest?.actual) ?? .zero)
    }

    // MARK: - Figures for the 说明 and the rules

    /// A total `上年预算 收入 N …` gives (on the budget's basis).
    public func total(_ item: PreviousTotals.Item) -> LastYearFigure? {
        totals?[item].map { LastYearFigure(amount: $0, basis: .budget) }
    }

    /// A figure from last year's budget (its lines, else its totals when `item` names one), else from the 决算.
    func figure(budget select: (EvaluatedBudget) -> Money, total item: PreviousTotals.Item? = nil, actuals actualsValue: (Actuals) -> Money?) -> LastYearFigure? {
        if let budget { return LastYearFigure(amount: select(budget), basis: .budget) }
        if let item, let given = total(item) { return given }
        if let actuals, let value = actualsValue(actuals) { return LastYearFigure(amount: value, basis: .actuals) }
        return nil
    }

    /// One 三公 part: 上年预算's lines, else the 决算's 预算数 (or 决算数 when no 预算数 is printed).
    public func sanGong(_ part: SanGongPart) -> LastYearFigure? {
        if let budget { return Aggregates.knownSanGong(budget, part: part).map { LastYearFigure(amount: $0, basis: .budget) } }
        guard let block = sanGongBlock, let actuals, !actuals.sanGong.isEmpty else { return nil }
        // A part the 决算 does not break out of its 合计 (未细分, or the 合计 未公开) is unknown, not 0.
        if actuals.sanGongPartsIncomplete && actuals.sanGong(part) == nil { return nil }
        return LastYearFigure(amount: block.department[SanGongPart.allCases.firstIndex(of: part)!], basis: block.basis)
    }

    public var sanGongTotal: LastYearFigure? {
        // A 决算 prints its own 合计; it may differ from the sum of the rounded parts by 尾数.
        if budget == nil, let printed = actuals?.sanGongTotal, let block = sanGongBlock {
            if block.basis == .budget, let amount = printed.budget { return LastYearFigure(amount: amount, basis: .budget) }
            if block.basis == .actuals { return LastYearFigure(amount: printed.actual, basis: .actuals) }
        }
        if let budget { return LastYearFigure(amount: Aggregates.sanGongTotal(budget), basis: .budget) }
        if let given = total(.sanGong) { return given }
        let parts = SanGongPart.allCases.compactMap(sanGong)
        guard parts.count == SanGongPart.allCases.count else { return nil }
        return LastYearFigure(amount: parts.reduce(.zero) { $0 + $1.amount }, basis: parts[0].basis)
    }

    /// 会议费 or 培训费 as 表13 shows it.
    public func meetingOrTraining(_ code: String) -> LastYearFigure? {
        if let budget { return LastYearFigure(amount: budget.total { $0.line.source == .generalBudget && $0.line.economicCode == code }, basis: .budget) }
        guard let actuals, let figure = code == EconomicCodes.meeting ? actuals.meetings : actuals.training else { return nil }
        return figure.budget.map { LastYearFigure(amount: $0, basis: .budget) } ?? LastYearFigure(amount: figure.actual, basis: .actuals)
    }

    public var runningCost: LastYearFigure? {
        figure(budget: Aggregates.runningCost, total: .runningCost, actuals: { $0.runningCost?.actual })
    }
}

/// Aggregates shared by the previous-year rules, tables and the 说明, so each is computed one way.
public enum Aggregates {
    /// 一般公共预算拨款 spending of one function 项 (or 类 with a 3-digit prefix).
    public static func generalBudget(_ b: EvaluatedBudget, functionPrefix: String) -> Money {
        b.total { $0.line.source == .generalBudget && $0.line.functionCode.hasPrefix(functionPrefix) }
    }

    public static func generalBudget(_ b: EvaluatedBudget, economicPrefix: String) -> Money {
        b.total { $0.line.source == .generalBudget && $0.line.economicCode.hasPrefix(economicPrefix) }
    }

    public static func generalBudget(_ b: EvaluatedBudget, governmentPrefix: String) -> Money {
        b.total { $0.line.source == .generalBudget && $0.governmentCode.hasPrefix(governmentPrefix) }
    }

    public static func sanGong(_ b: EvaluatedBudget, part: SanGongPart) -> Money {
        b.total { $0.line.source == .generalBudget && $0.line.economicCode == part.economicCode }
    }

    /// The 三公 total: the four classes' rows, plus what a `三公` block's `合计` gives beyond them (未细分).
    public static func sanGongTotal(_ b: EvaluatedBudget) -> Money {
        SanGongPart.allCases.reduce(.zero) { $0 + sanGong(b, part: $1) } + sanGongUndetailed(b)
    }

    /// 一般公共预算拨款 rows of the four 三公 classes in one unit.
    static func sanGongDetailed(_ b: EvaluatedBudget, unit: String) -> Money {
        b.total(ofUnit: unit) { line in line.line.source == .generalBudget && SanGongPart.allCases.contains { $0.economicCode == line.line.economicCode } }
    }

    /// Per unit with a `合计` above its rows: the 三公 money the publication did not attribute to a part.
    /// (A `合计` below the rows is the `sangong-total` error, and leaves nothing undetailed.)
    public static func sanGongUndetailedByUnit(_ b: EvaluatedBudget) -> [String: Money] {
        var result: [String: Money] = [:]
        for block in b.budget.sanGong {
            guard let total = block.total else { continue }
            let rest = total - sanGongDetailed(b, unit: block.unitCode)
            if rest > .zero { result[block.unitCode] = rest }
        }
        return result
    }

    public static func sanGongUndetailed(_ b: EvaluatedBudget) -> Money {
        sanGongUndetailedByUnit(b).values.reduce(.zero, +)
    }

    /// A part as far as it is known: nil when a unit with an undetailed remainder has no row of it
    /// (the remainder may lie in it, so neither 0 nor the rows' sum is its amount).
    public static func knownSanGong(_ b: EvaluatedBudget, part: SanGongPart) -> Money? {
        let rest = sanGongUndetailedByUnit(b)
        for unit in rest.keys where b.total(ofUnit: unit, { $0.line.source == .generalBudget && $0.line.economicCode == part.economicCode }).isZero {
            return nil
        }
        return sanGong(b, part: part)
    }

    /// 机关运行经费: 公用经费 of 行政 and 参公 units (基本支出), all fiscal sources; with `计入运行经费`, of that
    /// 事业单位 too (the 运行经费 some regions publish for them).
    public static func runningCost(_ b: EvaluatedBudget) -> Money {
        let counted = Set(b.budget.units.filter(\.countsRunningCost).map(\.code))
        return b.total { $0.line.kind == .publicUse && $0.line.source.isFiscal
            && (b.unitType($0.line.unitCode).usesAdministrativeMapping || counted.contains($0.line.unitCode)) }
    }

    public static func staff(_ b: EvaluatedBudget) -> Int { b.budget.units.reduce(0) { $0 + $1.actual.total } }

    /// 人员经费 of a budget (all sources), as compared per head with a 决算.
    public static func personnel(_ b: EvaluatedBudget) -> Money { b.total { $0.line.kind == .personnel } }
}
