import Foundation

/// Prints diagnostics the way compilers do, so editors' quickfix lists can read them:
///
///     budget.bud:12:5: error[unknown-code]: 未知的支出功能分类编码 2101599
///        12 |     2101599 30201 办公费 8.00
///           |     ^^^^^^^
///           = 提示：……
public struct DiagnosticRenderer {
    /// The files by path; a line's text is made only when a diagnostic shows it.
    var sources: [String: SourceFile] = [:]

    public init(files: [SyntaxFile]) {
        for file in files { sources[file.source.path] = file.source }
    }

    public func render(_ d: Diagnostic) -> String {
        var out = ""
        if let span = d.span, span.line > 0 {
            out += "\(span.file):\(span.line):\(span.column): "
        } else if let span = d.span {
            out += "\(span.file): "
        }
        out += "\(d.severity.rawValue)[\(d.id)]: \(DiagnosticRenderer.visible(DiagnosticRenderer.shortened(d.message, to: 300)))\n"
        if let span = d.span, span.line > 0, let source = sources[span.file], span.line <= source.lineCount {
            let fullLine = source.line(span.line - 1)
            let number = String(span.line)
            let gutter = String(repeating: " ", count: number.count)
            // Columns count Unicode scalars; very long lines are shown as a window around the caret.
            var scalars = Array(fullLine.unicodeScalars)
            var column = span.column
            if scalars.count > 160 {
                let start = max(0, span.column - 1 - 60)
                let end = min(scalars.count, start + 120)
                var window = Array(scalars[start..<end])
                if start > 0 { window.insert("…", at: 0) }
                if end < scalars.count { window.append("…") }
                column = span.column - start + (start > 0 ? 1 : 0)
                scalars = window
            }
            func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: part)
                return DiagnosticRenderer.visible(String(view).replacingAll("\t", with: "    "))
            }
            let caretStart = min(max(0, column - 1), scalars.count)
            out += " \(number) | \(string(scalars[...]))\n"
            let lead = Normalize.displayWidth(string(scalars[..<caretStart]))
            let covered = string(scalars[caretStart..<min(scalars.count, caretStart + min(span.length, 120))])
            let width = max(1, Normalize.displayWidth(covered))
            out += " \(gutter) | " + String(repeating: " ", count: lead) + String(repeating: "^", count: width) + "\n"
            if let hint = d.hint { out += " \(gutter) = 提示：\(DiagnosticRenderer.visible(hint))\n" }
        } else if let hint = d.hint {
            out += "  = 提示：\(DiagnosticRenderer.visible(hint))\n"
        }
        return out
    }

    /// Text as it may reach a terminal: control characters (C0, DEL, C1) and the bidirectional
    /// overrides that reorder what is shown are written as `\u{1b}`, never passed through — an ESC
    /// sequence in a budget line could otherwise retitle the window, write the clipboard, clear the
    /// screen or print a fake “没有发现问题”.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x08, 0x0A...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Messages quote what the user wrote (“…”); a megabyte of it helps nobody, so long quotes
    /// are clipped, keeping the rest of the message.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "“"), let close = rest[open...].firstIndex(of: "”") {
            out += rest[...open]
            let quoted = rest[rest.index(after: open)..<close]
            out += quoted.count > 40 ? String(quoted.prefix(30)) + "…（共 \(quoted.count) 个字符）" : String(quoted)
            out += "”"
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out.count <= limit * 2 ? out : String(out.prefix(limit)) + "…"
    }

    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return [plural(diagnostics.errorCount, "error"), plural(diagnostics.warningCount, "warning"), plural(diagnostics.noteCount, "note")]
            .joined(separator: ", ")
    }

    /// Machine-readable form for `--format json`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        struct Entry: Encodable {
            var severity: String, rule: String, message: String, hint: String?
            var file: String?, line: Int?, column: Int?, length: Int?
        }
        let entries = diagnostics.map {
            Entry(severity: $0.severity.rawValue, rule: $0.id, message: $0.message, hint: $0.hint, file: $0.span?.file,
                  line: $0.span?.line, column: $0.span?.column, length: $0.span?.length)
        }
        struct Document: Encodable {
            var diagnostics: [Entry]
            var errors: Int, warnings: Int, notes: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(diagnostics: entries, errors: diagnostics.errorCount, warnings: diagnostics.warningCount, notes: diagnostics.noteCount)
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
