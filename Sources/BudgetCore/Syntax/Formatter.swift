/// `budgetc fmt`: one canonical layout for a budget file, keeping every comment, blank-line
/// grouping and construct. It works on the syntax tree of one file (includes are formatted as
/// files of their own), so it can format a budget that does not yet check.
///
/// Layout: two spaces per block level; fields separated by one space; codes and numbers with
/// full-width digits folded to ASCII (names keep what was typed); quoted text in "…"; formulas
/// as `a * b + c`; within a block, the amounts of expenditure lines right-aligned in one column,
/// measured in display width so Chinese names align; at most one blank line in a row.
public struct Formatter {
    /// Replace or fill in the names of expenditure lines with the catalog's (`fmt --names`).
    public var catalog: Catalog?

    public init(catalog: Catalog? = nil) { self.catalog = catalog }

    public static let indentUnit = "  "

    public func format(_ file: SyntaxFile) -> String {
        var out: [String] = []
        // In a 决算 (`决算 2024`), the rows of its tables are kept as written apart from their
        // indentation: their spacing lines up columns, and in a row pasted with tabs the tabs mark
        // empty cells, which one space would lose.
        let tableRows = file.nodes.contains { $0.keyword == "决算" } ? file.source.lines : nil
        emit(file.nodes, depth: 0, into: &out, tableRows: tableRows, inTable: false)
        appendTrivia(file.trailingTrivia, indent: "", into: &out)
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    func appendTrivia(_ trivia: [String], indent: String, into out: inout [String]) {
        for line in trivia {
            let trimmed = line.trimmingLeadingWhitespace()
            if trimmed.isEmpty {
                if let last = out.last, !last.isEmpty { out.append("") }
            } else {
                out.append(indent + trimmed)
            }
        }
    }

    /// An expenditure line split into the columns that are aligned.
    struct LineParts {
        var head: String
        var amount: String
        var rest: String
    }

    static func isExpenditureLine(_ node: SyntaxNode) -> Bool {
        guard let first = node.fields.first, !first.quoted else { return false }
        return first.folded.count == 7 && first.folded.allSatisfy(\.isASCIIDigit)
    }

    /// Splits the fields, keeping their order: code, code, optional name | the amounts right after |
    /// everything else. Only spacing changes, never the order of fields.
    func parts(_ node: SyntaxNode) -> LineParts {
        var head: [String] = []
        var amount: [String] = []
        var rest: [String] = []
        var hasName = false
        for (i, field) in node.fields.enumerated() {
            let numeric = !field.quoted && field.folded.first?.isASCIIDigit == true
            if i < 2 {
                head.append(Formatter.render(field))
            } else if rest.isEmpty && amount.isEmpty && !hasName && !numeric && !(!field.quoted && ["来源", "原因"].contains(field.folded)) {
                hasName = true
                head.append(catalogName(node) ?? Formatter.render(field))
            } else if rest.isEmpty && numeric {
                amount.append(Formatter.render(field))
            } else {
                rest.append(Formatter.render(field))
            }
        }
        if !hasName, let name = catalogName(node) { head.append(name) }
        return LineParts(head: head.joined(separator: " "), amount: amount.joined(separator: " "), rest: rest.joined(separator: " "))
    }

    func catalogName(_ node: SyntaxNode) -> String? {
        guard let catalog, node.fields.count >= 2 else { return nil }
        return catalog.economicDepartment[node.fields[1].folded]
    }

    static let actualsTables: Set<String> = ["收入", "支出", "基本支出", "三公", "年初结转结余", "年末结转结余", "年初结转和结余", "年末结转和结余"]

    func emit(_ nodes: [SyntaxNode], depth: Int, into out: inout [String], tableRows: [String]? = nil, inTable: Bool = false) {
        let indent = String(repeating: Formatter.indentUnit, count: depth)
        if inTable, let lines = tableRows {
            for node in nodes {
                appendTrivia(node.leadingTrivia, indent: indent, into: &out)
                let line = node.span.line - 1
                let raw = line >= 0 && line < lines.count ? lines[line] : node.fields.map(Formatter.render).joined(separator: " ")
                out.append(indent + raw.trimmingLeadingWhitespace().trimmingTrailingWhitespace())
                emit(node.children, depth: depth + 1, into: &out, tableRows: tableRows, inTable: true)
            }
            return
        }
        let lineParts = nodes.map { Formatter.isExpenditureLine($0) ? parts($0) : nil }
        let headWidth = lineParts.compactMap { $0.map { Normalize.displayWidth($0.head) } }.max() ?? 0
        let amountWidth = lineParts.compactMap { $0.map { Normalize.displayWidth($0.amount) } }.max() ?? 0
        for (node, split) in zip(nodes, lineParts) {
            appendTrivia(node.leadingTrivia, indent: indent, into: &out)
            var text: String
            if let split {
                text = split.head
                if amountWidth > 0 {
                    text += String(repeating: " ", count: headWidth - Normalize.displayWidth(split.head) + 2)
                    text += String(repeating: " ", count: amountWidth - Normalize.displayWidth(split.amount)) + split.amount
                }
                if !split.rest.isEmpty { text += " " + split.rest }
            } else {
                text = node.fields.map(Formatter.render).joined(separator: " ")
            }
            if let formula = node.formula {
                // An expenditure line keeps its amount column, so `=` lines up under the amounts.
                if split == nil || !(split?.rest.isEmpty ?? true) { text = text.trimmingTrailingWhitespace() }
                text += (text.isEmpty ? "= " : " = ") + Formatter.canonicalFormula(formula.text)
            }
            text = text.trimmingTrailingWhitespace()
            if let comment = node.comment {
                text += "  #" + comment.trimmingTrailingWhitespace()
            }
            out.append(indent + text)
            emit(node.children, depth: depth + 1, into: &out, tableRows: tableRows,
                 inTable: tableRows != nil && depth == 0 && Formatter.actualsTables.contains(node.keyword ?? ""))
        }
    }

    /// A field as written in canonical form.
    static func render(_ field: Field) -> String {
        if field.quoted {
            if !field.text.contains("\"") { return "\"" + field.text + "\"" }
            if !field.text.contains("”") { return "“" + field.text + "”" }
            return "「" + field.text + "」"
        }
        // Codes and amounts typed with a full-width input method are folded (３７．０２ → 37.02);
        // every other word keeps its characters: folding ＂ or ＃ inside a word would change how
        // the line is read.
        if case .success = NumberLiteral.parse(field.folded) { return field.folded }
        return field.text
    }

    /// `a*b+  c` → `a * b + c`; full-width digits and operators folded; names untouched.
    static func canonicalFormula(_ text: String) -> String {
        // Unparseable formulas compare as written, less the budget's own whitespace (a stray BOM included).
        guard let tokens = ExpressionParser.tokens(text) else { return text.trimmingLeadingWhitespace().trimmingTrailingWhitespace() }
        var out = ""
        var previous: ExpressionParser.Token.Kind?
        for token in tokens {
            switch token.kind {
            case .end: continue
            case .op(let c):
                let unary = previous == nil || previous == .open || { if case .op = previous! { return true }; return false }()
                out += unary ? String(c) : " \(c) "
            case .open:
                out += "("
            case .close:
                out += ")"
            case .number:
                out += token.text
            case .name:
                out += token.text
            }
            previous = token.kind
        }
        return out
    }

    /// The tree as meaning sees it: depth, folded fields and formula tokens. `fmt` refuses to
    /// write a file whose fingerprint it would change.
    public static func fingerprint(_ file: SyntaxFile, ignoringLineNames: Bool = false) -> [String] {
        var result: [String] = []
        func visit(_ nodes: [SyntaxNode], depth: Int) {
            for node in nodes {
                var fields = node.fields.map { ($0.quoted ? "q:" : "") + $0.folded }
                if ignoringLineNames && isExpenditureLine(node) {
                    fields = node.fields.enumerated().filter { i, f in i < 2 || f.quoted == false && (f.folded.first?.isASCIIDigit == true || ["来源", "原因"].contains(f.folded)) || (i > 0 && ["来源", "原因"].contains(node.fields[i - 1].folded)) }
                        .map { ($0.element.quoted ? "q:" : "") + $0.element.folded }
                }
                let formula = node.formula.map { canonicalFormula($0.text) } ?? ""
                result.append("\(depth)|\(fields.joined(separator: "\u{1}"))|\(formula)")
                visit(node.children, depth: depth + 1)
            }
        }
        visit(file.nodes, depth: 0)
        return result
    }
}

extension String {
    func trimmingLeadingWhitespace() -> String {
        String(drop(while: { Normalize.isWhitespace($0) }))
    }
}
