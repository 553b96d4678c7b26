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

        // One file index for every span of the file, and one scratch buffer for every line (issue 15).
        let fileID = SourceFiles.id(source.path)
        var scratch = Scratch()
        // Lines are read as bytes of the file's one buffer: no String per line (issue 15).
        source.forEachLine { index, bytes in
            let lineNumber = index + 1
            decode(bytes, into: &scratch)
            guard var node = parseLine(bytes, chars: scratch.chars, offsets: scratch.offsets, file: fileID, line: lineNumber,
                                       diagnostics: &diagnostics) else {
                trivia.append(String(decoding: bytes, as: UTF8.self).trimmingTrailingWhitespace())
                return
            }
            node.leadingTrivia = trivia
            trivia = []
            while let top = stack.last, top.indent >= node.indent { _ = top; closeTop() }
            stack.append((node.indent, node))
        }
        while !stack.isEmpty { closeTop() }
        return (SyntaxFile(source: source, nodes: roots, trailingTrivia: trivia), diagnostics)
    }

    /// The scalars of the line being parsed and the UTF-8 offset of each (and of the end), kept from
    /// line to line so that a line allocates nothing but its fields.
    struct Scratch {
        var chars: [Unicode.Scalar] = []
        var offsets: [Int] = []
    }

    /// Returns nil for blank and comment-only lines. Works on Unicode scalars (columns count
    /// code points), which is several times faster than Characters on long files.
    static func parseLine(_ line: String, file: String, line lineNumber: Int, diagnostics: inout [Diagnostic]) -> SyntaxNode? {
        var scratch = Scratch()
        return parseLine(line, file: SourceFiles.id(file), line: lineNumber, scratch: &scratch, diagnostics: &diagnostics)
    }

    static func parseLine(_ line: String, file: Int32, line lineNumber: Int, scratch: inout Scratch, diagnostics: inout [Diagnostic]) -> SyntaxNode? {
        // Scanning is on scalars (columns count code points); field text is cut from the UTF-8 bytes
        // by offset, which is much cheaper than appending scalars one by one (issue 15).
        var line = line
        return line.withUTF8 { bytes in
            decode(bytes, into: &scratch)
            return parseLine(bytes, chars: scratch.chars, offsets: scratch.offsets, file: file, line: lineNumber, diagnostics: &diagnostics)
        }
    }

    /// Decodes valid UTF-8 (a line of a decoded String) into scalars and their offsets.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout Scratch) {
        scratch.chars.removeAll(keepingCapacity: true)
        scratch.offsets.removeAll(keepingCapacity: true)
        scratch.chars.reserveCapacity(bytes.count)
        scratch.offsets.reserveCapacity(bytes.count + 1)
        var offset = 0
        let count = bytes.count
        while offset < count {
            let b0 = UInt32(bytes[offset])
            var value: UInt32
            var width: Int
            if b0 < 0x80 {
                value = b0; width = 1
            } else if b0 < 0xE0 {
                value = (b0 & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F); width = 2
            } else if b0 < 0xF0 {
                value = (b0 & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F); width = 3
            } else {
                value = (b0 & 0x07) << 18 | UInt32(bytes[offset + 1] & 0x3F) << 12 | UInt32(bytes[offset + 2] & 0x3F) << 6
                    | UInt32(bytes[offset + 3] & 0x3F); width = 4
            }
            scratch.chars.append(Unicode.Scalar(value) ?? "\u{FFFD}") // always valid: the line is a String
            scratch.offsets.append(offset)
            offset += width
        }
        scratch.offsets.append(offset)
    }

    private static func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, chars: [Unicode.Scalar], offsets: [Int], file: Int32, line lineNumber: Int,
                                  diagnostics: inout [Diagnostic]) -> SyntaxNode? {
        var i = 0
        var indent = 0
        while i < chars.count, isWhitespace(chars[i]) {
            switch chars[i] {
            case "\t": indent = (indent / tabWidth + 1) * tabWidth
            case "\u{3000}": indent += 2
            case "\u{FEFF}": break // a stray BOM (concatenated files) is invisible: it does not indent
            default: indent += 1
            }
            i += 1
        }
        if i == chars.count { return nil }
        if isComment(chars[i]) { return nil }
        let contentStart = i

        var fields: [Field] = []
        // Room for every word at once (growing the array one field at a time allocated three times a line).
        var words = 0
        var inWord = false
        for c in chars[contentStart...] {
            let space = isWhitespace(c)
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        fields.reserveCapacity(min(words, 16))
        var formula: FormulaText?
        var comment: String?
        // Whether the first field (unquoted) has a colon (`年度：2025`), read off while it is scanned (issue 15).
        var firstHasColon = false

        func span(_ start: Int, _ end: Int) -> SourceSpan {
            SourceSpan(fileID: file, line: lineNumber, column: start + 1, length: max(1, end - start))
        }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]]), as: UTF8.self)
        }

        scan: while i < chars.count {
            let c = chars[i]
            if isWhitespace(c) { i += 1; continue }
            if isComment(c) {
                comment = text((i + 1)..<chars.count)
                break scan
            }
            if let close = closingQuote(for: c) {
                let start = i
                var j = i + 1
                while j < chars.count, chars[j] != close { j += 1 }
                if j == chars.count {
                    diagnostics.append(Diagnostic(.error, "unterminated-string", "字符串缺少结尾引号", at: span(start, chars.count),
                                                  hint: "在文字末尾补上 \(Character(close))"))
                    let body = text((start + 1)..<chars.count)
                    fields.append(Field(text: body, folded: body, quoted: true, span: span(start, chars.count)))
                    break scan
                }
                let body = text((start + 1)..<j)
                fields.append(Field(text: body, folded: body, quoted: true, span: span(start, j + 1)))
                i = j + 1
                continue
            }
            if c == "=" || c == "＝" {
                // Everything after the first `=` (up to a comment) is a formula.
                let start = i + 1
                var j = start
                var inQuote: Unicode.Scalar?
                while j < chars.count {
                    if let q = inQuote {
                        if chars[j] == q { inQuote = nil }
                    } else if let close = closingQuote(for: chars[j]) {
                        inQuote = close
                    } else if isComment(chars[j]) {
                        break
                    }
                    j += 1
                }
                formula = FormulaText(text: text(start..<j), span: span(start, j))
                if j < chars.count { comment = text((j + 1)..<chars.count) }
                break scan
            }
            let start = i
            while i < chars.count, !isWhitespace(chars[i]), !isComment(chars[i]), chars[i] != "=", chars[i] != "＝",
                  closingQuote(for: chars[i]) == nil {
                i += 1
            }
            let word = text(start..<i)
            if fields.isEmpty {
                firstHasColon = chars[start..<i].contains { $0 == ":" || $0 == "：" }
            }
            let folded = chars[start..<i].contains(where: Normalize.needsFolding) ? Normalize.folded(word) : word
            fields.append(Field(text: word, folded: folded, quoted: false, span: span(start, i)))
        }

        if fields.isEmpty && formula == nil { return nil }
        // A field has at most as many scalars as UTF-8 bytes: only long ones are counted.
        for field in fields where field.text.utf8.count > LineParser.maxTextLength && field.text.unicodeScalars.count > LineParser.maxTextLength {
            diagnostics.append(Diagnostic(.error, "text-too-long", "文字太长（\(field.text.unicodeScalars.count) 个字符），表格单元格最多容纳 \(LineParser.maxTextLength) 个字符",
                                          at: SourceSpan(fileID: file, line: lineNumber, column: field.span.column, length: 1),
                                          hint: "缩短这段文字"))
        }
        // `年度：2025` — a keyword followed by a colon and its value without a space.
        if let first = fields.first, !first.quoted, firstHasColon {
            let scalars = Array(first.text.unicodeScalars)
            if let colon = scalars.firstIndex(where: { $0 == ":" || $0 == "：" }), colon > 0, colon < scalars.count - 1,
               !(first.folded.first?.isASCIIDigit ?? true) {
                var keyword = String.UnicodeScalarView(), value = String.UnicodeScalarView()
                keyword.append(contentsOf: scalars[..<colon])
                value.append(contentsOf: scalars[(colon + 1)...])
                let (k, v) = (String(keyword), String(value))
                fields[0] = Field(text: k, folded: Normalize.folded(k), quoted: false,
                                  span: SourceSpan(fileID: file, line: lineNumber, column: first.span.column, length: colon))
                fields.insert(Field(text: v, folded: Normalize.folded(v), quoted: false,
                                    span: SourceSpan(fileID: file, line: lineNumber, column: first.span.column + colon + 1, length: scalars.count - colon - 1)),
                              at: 1)
            }
        }
        // The keyword (`SyntaxNode.keyword(of:)`) without looking at the fields again: "" for a quoted first
        // field; the folded field when it has no colon at all (folding maps whole Characters, so a folded
        // field ends with ":" only if its last scalar is ":" or "："); the general rule otherwise.
        let keyword: String?
        if let first = fields.first, first.quoted {
            keyword = ""
        } else if let first = fields.first, !firstHasColon {
            keyword = first.folded
        } else {
            keyword = SyntaxNode.keyword(of: fields)
        }
        return SyntaxNode(fields: fields, formula: formula, comment: comment, indent: indent, span: span(contentStart, chars.count), keyword: keyword)
    }

    /// Spaces, tabs, ideographic and no-break spaces, and a stray byte-order mark (U+FEFF, which
    /// Windows editors leave behind when files are concatenated) separate fields.
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{00A0}" || c == "\u{FEFF}"
    }

    static func isComment(_ c: Unicode.Scalar) -> Bool { c == "#" || c == "＃" }

    static func closingQuote(for c: Unicode.Scalar) -> Unicode.Scalar? {
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
