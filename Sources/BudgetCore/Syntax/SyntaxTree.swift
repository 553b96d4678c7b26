import Foundation

/// The syntax stage knows lines, fields, quotes, comments, `=` and indentation; it does not know
/// keywords. Meaning is given by the resolve stage, so the formatter can round-trip any file.

public struct SourceFile: Sendable {
    /// The path as the user named it (shown in diagnostics).
    public var path: String
    /// The whole text (without a leading BOM) in one UTF-8 buffer; lines are ranges into it, so a
    /// file of a million lines is not a million Strings (issue 15).
    public let text: String
    /// The UTF-8 offsets of each line in `text`, without its line end.
    let lineRanges: [Range<Int>]
    public var encoding: TextDecoding.Encoding
    public var hadBOM: Bool

    public init(path: String, text: String, encoding: TextDecoding.Encoding = .utf8, hadBOM: Bool = false) {
        self.path = path
        self.encoding = encoding
        self.hadBOM = hadBOM
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        text.makeContiguousUTF8()
        self.lineRanges = SourceFile.lineRanges(text)
        self.text = text
    }

    public var lineCount: Int { lineRanges.count }

    /// Line `index` (0-based) as text.
    public func line(_ index: Int) -> String {
        var text = text
        let range = lineRanges[index]
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Every line as a String (for the formatter and tools; the parser reads the ranges).
    public var lines: [String] { lineRanges.indices.map(line) }

    /// Calls `body` with the bytes of each line in turn (index 0-based), without a String per line.
    func forEachLine(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            for (index, range) in lineRanges.enumerated() { body(index, UnsafeBufferPointer(rebasing: bytes[range])) }
        }
    }

    /// Splits on CRLF, LF and lone CR (old Mac editors), so every style gives the same lines.
    static func splitLines(_ text: String) -> [String] {
        var text = text
        let ranges = lineRanges(text)
        return text.withUTF8 { bytes in ranges.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) } }
    }

    static func lineRanges(_ text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [Range<Int>] = []
            let count = bytes.count
            guard let base = bytes.baseAddress else { return lines }
            // Files without CR (nearly all) are cut with `memchr` (vectorised) at each LF.
            if memchr(base, 13, count) == nil {
                var start = 0
                while start < count, let found = memchr(base + start, 10, count - start) {
                    let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                    lines.append(start..<end)
                    start = end + 1
                }
                if start < count { lines.append(start..<count) }
                return lines
            }
            var start = 0
            var i = 0
            // CR LF, LF and lone CR all end a line; split on bytes (both are ASCII).
            while i < count {
                let byte = bytes[i]
                if byte == 10 || byte == 13 {
                    lines.append(start..<i)
                    i += (byte == 13 && i + 1 < count && bytes[i + 1] == 10) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < count { lines.append(start..<count) }
            return lines
        }
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
    public var fields: [Field] { didSet { keyword = SyntaxNode.keyword(of: fields) } }
    public var formula: FormulaText?
    /// Trailing `# comment`, without the `#`.
    public var comment: String?
    /// Comment and blank lines just above this node, kept for the formatter.
    public var leadingTrivia: [String]
    public var indent: Int
    public var span: SourceSpan
    public var children: [SyntaxNode]

    /// The first field, folded; a trailing colon (`年度：2025`) is not part of the keyword. Computed
    /// once when the fields are set: the resolver asks for it several times a line (issue 15).
    public private(set) var keyword: String?

    public init(fields: [Field], formula: FormulaText?, comment: String?, leadingTrivia: [String], indent: Int,
                span: SourceSpan, children: [SyntaxNode]) {
        self.fields = fields
        self.formula = formula
        self.comment = comment
        self.leadingTrivia = leadingTrivia
        self.indent = indent
        self.span = span
        self.children = children
        self.keyword = SyntaxNode.keyword(of: fields)
    }

    /// For the line parser, which knows the keyword from scanning the first field (see `keyword(of:)`).
    init(fields: [Field], formula: FormulaText?, comment: String?, indent: Int, span: SourceSpan, keyword: String?) {
        self.fields = fields
        self.formula = formula
        self.comment = comment
        self.leadingTrivia = []
        self.indent = indent
        self.span = span
        self.children = []
        self.keyword = keyword
    }

    static func keyword(of fields: [Field]) -> String? {
        fields.first.map { field in
            guard !field.quoted else { return "" }
            // Most keywords and codes end without a colon: no Character counting for them.
            guard field.folded.utf8.last == UInt8(ascii: ":") else { return field.folded }
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
