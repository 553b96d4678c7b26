/// Formulas: `+ - * /` (and × ÷), parentheses, number literals with units, and names
/// (named values defined with `设`, and built-in totals such as `支出合计`).
public indirect enum Expr: Sendable, Hashable {
    case number(NumberLiteral, SourceSpan)
    case name(String, SourceSpan)
    case negate(Expr, SourceSpan)
    case binary(BinaryOperator, Expr, Expr, SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .number(_, let s), .name(_, let s), .negate(_, let s), .binary(_, _, _, let s): return s
        }
    }

    /// Every name the formula refers to, in order of appearance.
    public var names: [(String, SourceSpan)] {
        switch self {
        case .number: return []
        case .name(let n, let s): return [(n, s)]
        case .negate(let e, _): return e.names
        case .binary(_, let a, let b, _): return a.names + b.names
        }
    }
}

public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public struct ExpressionParser {
    struct Token {
        enum Kind: Equatable { case number, name, op(Character), open, close, end }
        var kind: Kind
        var text: String
        var column: Int
        var length: Int
    }

    let formula: FormulaText
    var tokens: [Token] = []
    var position = 0
    var diagnostics: [Diagnostic] = []
    var depth = 0

    /// Real formulas are short; these bounds keep hostile input from exhausting the stack
    /// (the parser, the evaluator and the tree's own deallocation all recurse).
    public static let maxTokens = 500
    public static let maxNesting = 64

    /// The tokens of a formula, or nil when it cannot be tokenized (used by the formatter).
    static func tokens(_ text: String) -> [Token]? {
        var parser = ExpressionParser(formula: FormulaText(text: text, span: SourceSpan(file: "", line: 0, column: 1)))
        parser.tokenize()
        return parser.diagnostics.isEmpty ? parser.tokens : nil
    }

    public static func parse(_ formula: FormulaText) -> (Expr?, [Diagnostic]) {
        var parser = ExpressionParser(formula: formula)
        parser.tokenize()
        if !parser.diagnostics.isEmpty { return (nil, parser.diagnostics) }
        if parser.tokens.count > maxTokens {
            return (nil, [Diagnostic(.error, "syntax", "公式太长（\(parser.tokens.count - 1) 个记号，最多 \(maxTokens) 个）", at: formula.span,
                                     hint: "把公式拆成几个 设 定义的中间值")])
        }
        if parser.tokens.first?.kind == .end {
            return (nil, [Diagnostic(.error, "syntax", "等号后面缺少公式", at: formula.span,
                                     hint: "写出金额或公式，例如 = 参保人数 * 县级补助标准")])
        }
        let expr = parser.parseSum()
        if parser.diagnostics.isEmpty, parser.current.kind != .end {
            parser.error("公式在这里多出了“\(parser.current.text)”", at: parser.current, hint: "检查是否缺少运算符（+ - * /）")
        }
        return (parser.diagnostics.isEmpty ? expr : nil, parser.diagnostics)
    }

    private func span(_ column: Int, _ length: Int) -> SourceSpan {
        SourceSpan(fileID: formula.span.fileID, line: formula.span.line, column: formula.span.column + column, length: length)
    }

    private mutating func error(_ message: String, at token: Token, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, "syntax", message, at: span(token.column, token.length), hint: hint))
    }

    mutating func tokenize() {
        let chars = Array(formula.text)
        var i = 0
        while i < chars.count {
            let raw = chars[i]
            let c = Normalize.fold(raw)
            if Normalize.isWhitespace(raw) || c == " " { i += 1; continue }
            if "+-*/".contains(c) {
                tokens.append(Token(kind: .op(c), text: String(raw), column: i, length: 1)); i += 1; continue
            }
            if c == "(" { tokens.append(Token(kind: .open, text: String(raw), column: i, length: 1)); i += 1; continue }
            if c == ")" { tokens.append(Token(kind: .close, text: String(raw), column: i, length: 1)); i += 1; continue }
            if c.isASCIIDigit || c == "." {
                let start = i
                while i < chars.count {
                    let f = Normalize.fold(chars[i])
                    if f.isASCIIDigit || f == "." || f == "," { i += 1; continue }
                    if chars[i] == "万" || chars[i] == "元" { i += 1; if i < chars.count, chars[i] == "元" { i += 1 }; break }
                    break
                }
                tokens.append(Token(kind: .number, text: Normalize.folded(String(chars[start..<i])), column: start, length: i - start))
                continue
            }
            if c.isLetter || c == "_" || c.unicodeScalars.first.map({ $0.value >= 0x2E80 }) == true {
                let start = i
                while i < chars.count {
                    let f = Normalize.fold(chars[i])
                    if f.isLetter || f.isNumber || f == "_" || f == "·" || (chars[i].unicodeScalars.first?.value ?? 0) >= 0x2E80,
                       !"+-*/()".contains(f), !Normalize.isWhitespace(chars[i]) {
                        i += 1
                    } else { break }
                }
                tokens.append(Token(kind: .name, text: String(chars[start..<i]), column: start, length: i - start))
                continue
            }
            diagnostics.append(Diagnostic(.error, "syntax", "公式中不能使用“\(raw)”", at: span(i, 1),
                                          hint: "公式只能包含数字、名称、+ - * / 和括号"))
            i += 1
        }
        tokens.append(Token(kind: .end, text: "行尾", column: chars.count, length: 1))
    }

    var current: Token { tokens[min(position, tokens.count - 1)] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    mutating func parseSum() -> Expr? {
        guard var lhs = parseProduct() else { return nil }
        while case .op(let c) = current.kind, c == "+" || c == "-" {
            let opToken = current
            advance()
            guard let rhs = parseProduct() else { return nil }
            lhs = .binary(c == "+" ? .add : .subtract, lhs, rhs, span(opToken.column, opToken.length))
        }
        return lhs
    }

    mutating func parseProduct() -> Expr? {
        guard var lhs = parseUnary() else { return nil }
        while case .op(let c) = current.kind, c == "*" || c == "/" {
            let opToken = current
            advance()
            guard let rhs = parseUnary() else { return nil }
            lhs = .binary(c == "*" ? .multiply : .divide, lhs, rhs, span(opToken.column, opToken.length))
        }
        return lhs
    }

    mutating func parseUnary() -> Expr? {
        depth += 1
        defer { depth -= 1 }
        if depth > ExpressionParser.maxNesting {
            error("公式嵌套太深（超过 \(ExpressionParser.maxNesting) 层括号或负号）", at: current, hint: "把公式拆成几个 设 定义的中间值")
            return nil
        }
        if case .op("-") = current.kind {
            let t = current
            advance()
            guard let e = parseUnary() else { return nil }
            return .negate(e, span(t.column, t.length))
        }
        return parsePrimary()
    }

    mutating func parsePrimary() -> Expr? {
        let t = current
        switch t.kind {
        case .number:
            advance()
            switch NumberLiteral.parse(t.text) {
            case .success(let literal):
                return .number(literal, span(t.column, t.length))
            case .failure(let failure):
                error(NumberLiteral.describe(failure, t.text), at: t, hint: "金额写作 37.02、1,996.62、37.02万 或 3000元")
                return nil
            }
        case .name:
            advance()
            return .name(t.text, span(t.column, t.length))
        case .open:
            advance()
            guard let inner = parseSum() else { return nil }
            guard current.kind == .close else {
                error("括号没有闭合", at: t, hint: "补上右括号 )")
                return nil
            }
            advance()
            return inner
        case .end:
            error("公式不完整，在行尾缺少数字或名称", at: t)
            return nil
        default:
            error("公式在这里需要数字或名称，而不是“\(t.text)”", at: t)
            return nil
        }
    }
}

extension NumberLiteral {
    static func describe(_ failure: Failure, _ text: String) -> String {
        switch failure {
        case .notANumber: return "“\(text)”不是数字"
        case .malformed(let why): return "数字“\(text)”写法有误：\(why)"
        case .tooLarge: return "数字“\(text)”太大或小数位太多，无法精确表示"
        }
    }
}
