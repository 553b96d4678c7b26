/// Diagnostics are values: every stage returns them and keeps going, so one run reports every problem.

public enum Severity: String, Sendable, Comparable, Codable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a source file: 1-based line and column (columns count Unicode characters).
public struct SourceSpan: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
    /// How many characters the span covers on its line (at least 1 for the caret).
    public var length: Int

    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
    }

    /// A span for problems that concern a whole file rather than a place in it.
    public static func wholeFile(_ file: String) -> SourceSpan {
        SourceSpan(file: file, line: 0, column: 0, length: 1)
    }
}

public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    /// Stable identifier, ASCII, e.g. `unknown-code`. Rules and the parser share the namespace.
    public var id: String
    public var message: String
    public var span: SourceSpan?
    public var hint: String?

    public init(_ severity: Severity, _ id: String, _ message: String, at span: SourceSpan?, hint: String? = nil) {
        self.severity = severity
        self.id = id
        self.message = message
        self.span = span
        self.hint = hint
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var noteCount: Int { filter { $0.severity == .note }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column; problems without a place come first. Stable for equal keys.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let sa = a.element.span, sb = b.element.span
            let ka = (sa?.file ?? "", sa?.line ?? -1, sa?.column ?? -1)
            let kb = (sb?.file ?? "", sb?.line ?? -1, sb?.column ?? -1)
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
