/// A check over the evaluated budget (审核规则). Each rule is one type, registered in
/// `RuleRegistry.all`; its id is stable and its documentation is printed by `budgetc explain`.
public protocol Rule: Sendable {
    /// Stable, ASCII, kebab-case: users type it in `允许` and `budgetc explain`.
    var id: String { get }
    var defaultSeverity: Severity { get }
    /// One line, Chinese.
    var summary: String { get }
    var documentation: RuleDocumentation { get }
    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding]
}

public struct RuleDocumentation: Sendable {
    /// What it checks.
    public var what: String
    /// Why: the regulation or audit practice behind it.
    public var why: String
    /// How to fix the budget.
    public var fix: String
    /// How to justify instead (or why it cannot be justified).
    public var justify: String
}

/// A problem a rule found, with the reasons written in the budget that may justify it
/// (the reason on the line, its project, or the topic).
public struct Finding: Sendable {
    public var diagnostic: Diagnostic
    public var justifications: [Reason?]
}

extension Rule {
    func finding(_ message: String, at span: SourceSpan?, hint: String? = nil, justifiedBy reasons: [Reason?] = []) -> Finding {
        Finding(diagnostic: Diagnostic(defaultSeverity, id, message, at: span, hint: hint), justifications: reasons)
    }
}

/// What rules may consult besides the budget: the tables of the chosen set as built (their
/// 表号, title, emptiness and size), so that table rules work for any set.
public struct RuleContext: Sendable {
    public var tables: [TableSummary]
    public init(tables: [TableSummary] = []) { self.tables = tables }
}

public struct RuleOptions: Sendable {
    /// `--deny warnings`: warnings left after justification become errors (for CI).
    public var denyWarnings = false
    /// Receives the time each rule took (for `--timings`).
    public var ruleTimings: (@Sendable (String, Duration) -> Void)?
    public init(denyWarnings: Bool = false) { self.denyWarnings = denyWarnings }
}

public enum RuleRegistry {
    public static let all: [any Rule] = [
        BalanceRule(),
        FormulaMismatchRule(),
        CodeNameRule(),
        EconomicMappingRule(),
        BasicEconomicClassRule(),
        BasicFunctionCodeRule(),
        SanGongQuantityRule(),
        MeetingTotalRule(),
        MeetingLineRule(),
        ProcurementAmountRule(),
        ProcurementWithinLineRule(),
        ProcurementCatalogCodeRule(),
        VehiclePurchaseRule(),
        PerformanceCompleteRule(),
        PerformanceCostRule(),
        DepartmentPerformanceRule(),
        ProjectIntroductionRule(),
        ProjectWithoutLinesRule(),
        HeadcountRule(),
        DuplicateLineRule(),
        EmptyTableReasonRule(),
        TableRowLimitRule(),
        UnitWithoutLinesRule(),
        NegativeAmountRule(),
        ZeroAmountRule(),
        OtherSpendingSourceRule(),
        EmptyReasonRule(),
        AllowRule(),
        CoverRule(),
        ChangeNeedsReasonRule(),
        SanGongGrowthRule(),
        RunningCostGrowthRule(),
        PersonnelPerHeadRule(),
        NewLineRule(),
        RemovedLineRule(),
        AboveExecutionRule(),
        NotesReasonRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }

    /// Runs every rule. A written reason (on the line, project or topic) or an `允许 id "理由"`
    /// turns a warning into a note that quotes the reason; errors cannot be justified away.
    public static func run(_ budget: EvaluatedBudget, context: RuleContext, options: RuleOptions = RuleOptions()) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let clock = ContinuousClock()
        for rule in all {
            let start = clock.now
            let findings = rule.check(budget, context: context)
            options.ruleTimings?(rule.id, clock.now - start)
            for finding in findings {
                var d = finding.diagnostic
                if d.severity == .warning {
                    let written = finding.justifications.compactMap { $0 }.first { !$0.text.isEmpty }
                    let allowed = budget.budget.allows[rule.id].flatMap { $0.text.isEmpty ? nil : $0 }
                    if let reason = written ?? allowed {
                        d.severity = .note
                        d.message += "（已说明：\(reason.text)）"
                    }
                }
                if options.denyWarnings && d.severity == .warning { d.severity = .error }
                result.append(d)
            }
        }
        return result
    }
}
