/// The syntax stage knows lines, fields, quotes, comments, `=` and indentation; it does not know
/// keywords. Meaning is given by the resolve stage, so the formatter can round-trip any file.

public struct SourceFile: Sendable {
    /// The path as the user named it (shown in diagnostics).
    public var path: String
    public var lines: [String]
    public var encoding: TextDecoding.Encoding
    public var hadBOM: Bool

    public init(path: String, text: String, encoding: TextDecoding.Encoding = .utf8, hadBOM: Bool = false) {
        self.path = path
        self.encoding = encoding
        self.hadBOM = hadBOM
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        self.lines = SourceFile.splitLines(text)
    }

    /// Splits on CRLF, LF and lone CR (old Mac editors), so every style gives the same lines.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var utf8 = text.utf8[...]
        // CR LF, LF and lone CR all end a line; split on bytes (both are ASCII).
        while let end = utf8.firstIndex(where: { $0 == 10 || $0 == 13 }) {
            lines.append(String(decoding: utf8[..<end], as: UTF8.self))
            var next = utf8.index(after: end)
            if utf8[end] == 13, next < utf8.endIndex, utf8[next] == 10 { next = utf8.index(after: next) }
            utf8 = utf8[next...]
        }
        if !utf8.isEmpty { lines.append(String(decoding: utf8, as: UTF8.self)) }
        return lines
    }
}

/// One whitespace-separated word of a line, or one quoted string.
public struct Field: Sendable, Hashable {
    /// What the user wrote, without the quotes of a quoted string.
    public var text: String
    /// `text` with full-width digits and punctuation folded to ASCII (see `Normalize`).
    public var folded: String
    public var quoted: Bool
    public var span: SourceSpan
}

/// The text after the first `=` of a line: a formula, parsed by `ExpressionParser`.
public struct FormulaText: Sendable, Hashable {
    public var text: String
    public var span: SourceSpan
}

public struct SyntaxNode: Sendable {
    public var fields: [Field]
    public var formula: FormulaText?
    /// Trailing `# comment`, without the `#`.
    public var comment: String?
    /// Comment and blank lines just above this node, kept for the formatter.
    public var leadingTrivia: [String]
    public var indent: Int
    public var span: SourceSpan
    public var children: [SyntaxNode]

    /// The first field, folded; a trailing colon (`年度：2025`) is not part of the keyword.
    public var keyword: String? {
        fields.first.map { field in
            guard !field.quoted else { return "" }
            var word = field.folded
            while word.count > 1 && word.hasSuffix(":") { word.removeLast() }
            return word
        }
    }
}

public struct SyntaxFile: Sendable {
    public var source: SourceFile
    public var nodes: [SyntaxNode]
    public var trailingTrivia: [String]
}
