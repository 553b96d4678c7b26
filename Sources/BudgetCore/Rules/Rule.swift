import Foundation

/// A check over the evaluated budget (审核规则). Each rule is one type, registered in
/// `RuleRegistry.all`; its id is stable and its documentation is printed by `budgetc explain`.
public protocol Rule: Sendable {
    /// Stable, ASCII, kebab-case: users type it in `允许` and `budgetc explain`.
    var id: String { get }
    var defaultSeverity: Severity { get }
    /// One line, Chinese.
    var summary: String { get }
    var documentation: RuleDocumentation { get }
    /// The kind of document the rule checks: a budget (the default) or a 决算 on its own.
    var documentKind: DocumentKind { get }
    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding]
    func check(actuals: Actuals) -> [Finding]
    /// A budget rule that also checks a 决算 (the cover's lines), with what the 决算's set prints.
    var checksActualsToo: Bool { get }
    func check(actuals: Actuals, context: RuleContext) -> [Finding]
}

extension Rule {
    public var documentKind: DocumentKind { .budget }
    public func check(actuals: Actuals) -> [Finding] { [] }
    public var checksActualsToo: Bool { false }
    public func check(actuals: Actuals, context: RuleContext) -> [Finding] { check(actuals: actuals) }
}

/// A rule over a 决算 file checked on its own (`budgetc check 决算.bud`).
protocol ActualsRule: Rule {}

extension ActualsRule {
    public var documentKind: DocumentKind { .actuals }
    public func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] { [] }
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
    /// The 说明 topics the finding is about, for `允许 规则 话题 "理由"` (`Resolver.rulesAllowedByTopic`).
    public var topics: [String] = []
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
    /// The 说明 generated once for this budget (notes-reason reports its missing reasons).
    public var notes: Notes?
    /// What the set's cover prints (`封面` in its 套表.tbl): the cover rule asks only for these.
    public var cover: [CoverItem]
    public init(tables: [TableSummary] = [], notes: Notes? = nil, cover: [CoverItem] = []) {
        self.tables = tables
        self.notes = notes
        self.cover = cover
    }
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
        SanGongTotalRule(),
        MeetingTotalRule(),
        MeetingLineRule(),
        ProcurementAmountRule(),
        ProcurementWithinLineRule(),
        ProcurementCatalogCodeRule(),
        ProcurementCatalogClassRule(),
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
        AssetsHeldRule(),
        UnpublishedConflictRule(),
        ChangeNeedsReasonRule(),
        SanGongGrowthRule(),
        RunningCostGrowthRule(),
        PersonnelPerHeadRule(),
        NewLineRule(),
        RemovedLineRule(),
        AboveExecutionRule(),
        NotesReasonRule(),
        SanGongAboveActualsRule(),
        NewSpendingRule(),
        LowExecutionRule(),
        RunningCostAboveActualsRule(),
        ActualsYearRule(),
        ActualsDepartmentRule(),
        ActualsBudgetMismatchRule(),
        ActualsBalanceRule(),
        ActualsPartsRule(),
        ActualsSanGongPartsRule(),
        ActualsCodeNameRule(),
        ActualsChangeReasonRule(),
        ActualsCompletionReasonRule(),
        ActualsSanGongOverBudgetRule(),
        ActualsPlaceholderRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }

    /// Runs every rule. A written reason (on the line, project or topic) or an `允许 id "理由"`
    /// turns a warning into a note that quotes the reason; errors cannot be justified away.
    public static func run(_ budget: EvaluatedBudget, context: RuleContext, options: RuleOptions = RuleOptions()) -> [Diagnostic] {
        run(all.filter { $0.documentKind == .budget }, allows: budget.budget.allows, options: options) { $0.check(budget, context: context) }
    }

    /// The 决算 rules over a 决算 file checked on its own.
    public static func run(actuals: Actuals, context: RuleContext = RuleContext(), options: RuleOptions = RuleOptions()) -> [Diagnostic] {
        var notes: ActualsNotes?
        return run(all.filter { $0.documentKind == .actuals || $0.checksActualsToo }, allows: actuals.allows, options: options) { rule in
            guard let statementRule = rule as? any ActualsStatementRule else { return rule.check(actuals: actuals, context: context) }
            // The 决算说明 is generated once, for every rule that reads its sentences.
            if notes == nil { notes = ActualsNotes.generate(for: actuals) }
            return statementRule.check(actuals: actuals, notes: notes!)
        }
    }

    static func run(_ rules: [any Rule], allows: [String: Reason], options: RuleOptions, check: (any Rule) -> [Finding]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let clock = ContinuousClock()
        for rule in rules {
            let start = clock.now
            let findings = check(rule)
            options.ruleTimings?(rule.id, clock.now - start)
            for finding in findings {
                var d = finding.diagnostic
                if d.severity == .warning {
                    let written = finding.justifications.compactMap { $0 }.first { !$0.text.isEmpty }
                    let byTopic = finding.topics.lazy.compactMap { allows[Resolver.allowKey(rule.id, topic: $0)] }.first
                    let allowed = (byTopic ?? allows[rule.id]).flatMap { $0.text.isEmpty ? nil : $0 }
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

extension String {
    /// `trimmingSpaces().isEmpty`: text that starts with a visible ASCII
    /// character or a CJK ideograph (nearly all) is decided without Foundation trimming the whole
    /// text, which rules did for every project (issue 15).
    var isBlank: Bool {
        if let first = unicodeScalars.first {
            let v = first.value
            if (v > 0x20 && v < 0x7F) || (v >= 0x4E00 && v <= 0x9FFF) { return false }
        }
        return trimmingSpaces().isEmpty
    }
}

extension EvaluatedBudget {
    /// An amount in a rule's message, in the unit the budget publishes (`displayUnit`): “1494.6 万元”, “14,946,000 元”.
    func amount(_ m: Money) -> String { budget.displayUnit.amount(m) }
}
