/// Parses the lines of one file into a tree of `SyntaxNode`s by indentation.
/// Tabs advance to the next multiple of four columns; an ideographic space counts two.
public struct LineParser {
    public static let tabWidth = 4
    /// A spreadsheet cell holds at most 32,767 characters.
    public static let maxTextLength = 32_767

    public static func parse(_ source: SourceFile) -> (SyntaxFile, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var roots: [SyntaxNode] = []
        // Stack of open nodes: each is a path of indices into the tree being built.
        var stack: [(indent: Int, node: SyntaxNode)] = []
        var trivia: [String] = []

        func closeTop() {
            let top = stack.removeLast().node
            if stack.isEmpty { roots.append(top) } else { stack[stack.count - 1].node.children.append(top) }
        }

        for (index, rawLine) in source.lines.enumerated() {
            let lineNumber = index + 1
            guard var node = parseLine(rawLine, file: source.path, line: lineNumber, diagnostics: &diagnostics) else {
                trivia.append(rawLine.trimmingTrailingWhitespace())
                continue
            }
            node.leadingTrivia = trivia
            trivia = []
            while let top = stack.last, top.indent >= node.indent { _ = top; closeTop() }
            stack.append((node.indent, node))
        }
        while !stack.isEmpty { closeTop() }
        return (SyntaxFile(source: source, nodes: roots, trailingTrivia: trivia), diagnostics)
    }

    /// Returns nil for blank and comment-only lines.
    static func parseLine(_ line: String, file: String, line lineNumber: Int, diagnostics: inout [Diagnostic]) -> SyntaxNode? {
        let chars = Array(line)
        var i = 0
        var indent = 0
        while i < chars.count, Normalize.isWhitespace(chars[i]) {
            switch chars[i] {
            case "\t": indent = (indent / tabWidth + 1) * tabWidth
            case "\u{3000}": indent += 2
            default: indent += 1
            }
            i += 1
        }
        if i == chars.count { return nil }
        if chars[i] == "#" || chars[i] == "＃" { return nil }

        var fields: [Field] = []
        var formula: FormulaText?
        var comment: String?

        func span(_ start: Int, _ end: Int) -> SourceSpan {
            SourceSpan(file: file, line: lineNumber, column: start + 1, length: max(1, end - start))
        }

        scan: while i < chars.count {
            let c = chars[i]
            if Normalize.isWhitespace(c) { i += 1; continue }
            if c == "#" || c == "＃" {
                comment = String(chars[(i + 1)...])
                break scan
            }
            if let close = closingQuote(for: c) {
                let start = i
                var j = i + 1
                while j < chars.count, chars[j] != close { j += 1 }
                if j == chars.count {
                    diagnostics.append(Diagnostic(.error, "unterminated-string", "字符串缺少结尾引号", at: span(start, chars.count),
                                                  hint: "在文字末尾补上 \(close)"))
                    let text = String(chars[(start + 1)...])
                    fields.append(Field(text: text, folded: text, quoted: true, span: span(start, chars.count)))
                    break scan
                }
                let text = String(chars[(start + 1)..<j])
                fields.append(Field(text: text, folded: text, quoted: true, span: span(start, j + 1)))
                i = j + 1
                continue
            }
            if c == "=" || c == "＝" {
                // Everything after the first `=` (up to a comment) is a formula.
                let start = i + 1
                var j = start
                var inQuote: Character?
                while j < chars.count {
                    if let q = inQuote {
                        if chars[j] == q { inQuote = nil }
                    } else if let close = closingQuote(for: chars[j]) {
                        inQuote = close
                    } else if chars[j] == "#" || chars[j] == "＃" {
                        break
                    }
                    j += 1
                }
                let text = String(chars[start..<j])
                formula = FormulaText(text: text, span: span(start, j))
                if j < chars.count { comment = String(chars[(j + 1)...]) }
                break scan
            }
            let start = i
            while i < chars.count, !Normalize.isWhitespace(chars[i]), chars[i] != "#", chars[i] != "＃",
                  chars[i] != "=", chars[i] != "＝", closingQuote(for: chars[i]) == nil {
                i += 1
            }
            let text = String(chars[start..<i])
            fields.append(Field(text: text, folded: Normalize.folded(text), quoted: false, span: span(start, i)))
        }

        if fields.isEmpty && formula == nil { return nil }
        for field in fields where field.text.count > LineParser.maxTextLength {
            diagnostics.append(Diagnostic(.error, "text-too-long", "文字太长（\(field.text.count) 个字符），表格单元格最多容纳 \(LineParser.maxTextLength) 个字符",
                                          at: SourceSpan(file: file, line: lineNumber, column: field.span.column, length: 1),
                                          hint: "缩短这段文字"))
        }
        // `年度：2025` — a keyword followed by a colon and its value without a space.
        if let first = fields.first, !first.quoted, let colon = first.text.firstIndex(where: { $0 == ":" || $0 == "：" }),
           colon != first.text.startIndex, first.text.index(after: colon) != first.text.endIndex,
           !first.folded.first!.isASCIIDigit {
            let keyword = String(first.text[..<colon])
            let value = String(first.text[first.text.index(after: colon)...])
            let keywordLength = keyword.count + 1
            fields[0] = Field(text: keyword, folded: Normalize.folded(keyword), quoted: false,
                              span: SourceSpan(file: file, line: lineNumber, column: first.span.column, length: keyword.count))
            fields.insert(Field(text: value, folded: Normalize.folded(value), quoted: false,
                                span: SourceSpan(file: file, line: lineNumber, column: first.span.column + keywordLength, length: value.count)), at: 1)
        }
        let lineSpan = span(indentStart(chars), chars.count)
        return SyntaxNode(fields: fields, formula: formula, comment: comment, leadingTrivia: [], indent: indent,
                          span: lineSpan, children: [])
    }

    private static func indentStart(_ chars: [Character]) -> Int {
        var i = 0
        while i < chars.count, Normalize.isWhitespace(chars[i]) { i += 1 }
        return i
    }

    static func closingQuote(for c: Character) -> Character? {
        switch c {
        case "\"": return "\""
        case "“": return "”"
        case "「": return "」"
        case "『": return "』"
        default: return nil
        }
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, Normalize.isWhitespace(last) { s.removeLast() }
        return s
    }
}
