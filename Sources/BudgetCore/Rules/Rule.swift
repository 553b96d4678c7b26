/// A check over the evaluated budget. Each rule is one type, registered in `RuleRegistry.all`.
public protocol Rule: Sendable {
    /// Stable, ASCII, kebab-case: users type it in `允许` and `budgetc explain`.
    var id: String { get }
    var defaultSeverity: Severity { get }
    /// One line, Chinese.
    var summary: String { get }
    /// What it checks, why, how to fix, how to justify (Markdown).
    var documentation: RuleDocumentation { get }
    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Diagnostic]
}

public struct RuleDocumentation: Sendable {
    public var what: String
    public var why: String
    public var fix: String
    public var justify: String
}

/// Helpers shared by rules: diagnostics carry the rule's id and default severity.
public struct RuleContext: Sendable {
    public init() {}
}

extension Rule {
    func diagnostic(_ message: String, at span: SourceSpan?, hint: String? = nil, severity: Severity? = nil) -> Diagnostic {
        Diagnostic(severity ?? defaultSeverity, id, message, at: span, hint: hint)
    }
}

public enum RuleRegistry {
    public static let all: [any Rule] = [
        BalanceRule(),
        FormulaMismatchRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }

    /// Runs every rule; a reason written in the budget or an `允许` with a reason turns a warning into a note.
    public static func run(_ budget: EvaluatedBudget) -> [Diagnostic] {
        let context = RuleContext()
        var result: [Diagnostic] = []
        for rule in all {
            for var d in rule.check(budget, context: context) {
                if d.severity == .warning, let allow = budget.budget.allows[rule.id], !allow.text.isEmpty {
                    d.severity = .note
                    d.message += "（已说明：\(allow.text)）"
                }
                result.append(d)
            }
        }
        return result
    }
}
