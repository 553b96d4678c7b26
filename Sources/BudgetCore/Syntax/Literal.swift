/// Number literals: `37.02`, `1,996.62`, `37.02万`, `3000元`, `259480`, `６台`, `≥26万人` is not one.
/// The value is exact (a `Rational`); the unit says whether it is money and in which unit.
public struct NumberLiteral: Sendable, Hashable {
    public enum Unit: Sendable, Hashable {
        /// A bare number: a count, or money in the file's default unit where money is expected.
        case none
        case yuan
        case wan
    }

    public var value: Rational
    public var unit: Unit
    /// A measure word after the number (`台`, `人`, `辆`), kept for quantities.
    public var measureWord: String

    /// The amount in fen, a bare number being in the file's default unit (万元 or 元); nil on
    /// overflow. The result may be a fraction of a fen: callers decide whether that is allowed.
    public func fen(defaultUnitIsWan: Bool) -> Rational? {
        let scale: Int64
        switch unit {
        case .wan: scale = Money.fenPerWan
        case .yuan: scale = Money.fenPerYuan
        case .none: scale = defaultUnitIsWan ? Money.fenPerWan : Money.fenPerYuan
        }
        return try? value.multiplied(by: Rational(scale))
    }

    public enum Failure: Error, Equatable {
        case notANumber
        case malformed(String)
        case tooLarge
    }

    /// Parses one field (already folded to ASCII digits and punctuation).
    public static func parse(_ folded: String) -> Result<NumberLiteral, Failure> {
        var chars = Array(folded)
        guard let first = chars.first, first.isASCIIDigit || ((first == "-" || first == ".") && chars.count > 1) else {
            return .failure(.notANumber)
        }
        var negative = false
        if chars.first == "-" { negative = true; chars.removeFirst() }
        var digits = ""
        var fraction = ""
        var i = 0
        var seenDot = false
        var lastComma = -1
        while i < chars.count {
            let c = chars[i]
            if c.isASCIIDigit {
                if seenDot { fraction.append(c) } else { digits.append(c) }
            } else if c == "," && !seenDot {
                if digits.isEmpty || (lastComma >= 0 && i - lastComma != 4) { return .failure(.malformed("千分位逗号位置不对")) }
                lastComma = i
            } else if c == "." && !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        if lastComma >= 0 && (seenDot ? digits.count : digits.count) > 0 {
            // The last group after a thousands comma must have exactly three digits.
            let integerEnd = seenDot ? (chars.firstIndex(of: ".") ?? i) : i
            if integerEnd - lastComma != 4 { return .failure(.malformed("千分位逗号位置不对")) }
        }
        if digits.isEmpty && fraction.isEmpty { return .failure(.malformed("缺少数字")) }
        if seenDot && fraction.isEmpty { return .failure(.malformed("小数点后缺少数字")) }
        let rest = String(chars[i...])
        var unit = Unit.none
        var measure = rest
        if rest.hasPrefix("万元") { unit = .wan; measure = String(rest.dropFirst(2)) }
        else if rest.hasPrefix("万") { unit = .wan; measure = String(rest.dropFirst(1)) }
        else if rest.hasPrefix("元") { unit = .yuan; measure = String(rest.dropFirst(1)) }
        if !measure.isEmpty {
            // A measure word is a short run of letters (台, 人, 人次, 辆); anything else is a typo.
            if measure.count > 3 || measure.contains(where: { $0.isASCII && !$0.isLetter }) {
                return .failure(.malformed("数字后面有多余的字符“\(measure)”"))
            }
        }
        if unit != .none && !measure.isEmpty { return .failure(.malformed("金额单位后面有多余的字符“\(measure)”")) }
        let trimmedDigits = digits.drop(while: { $0 == "0" })
        guard trimmedDigits.count + fraction.count <= 18, fraction.count <= 12 else { return .failure(.tooLarge) }
        guard let whole = Int64(digits.isEmpty ? "0" : digits), let frac = Int64(fraction.isEmpty ? "0" : fraction) else {
            return .failure(.tooLarge)
        }
        var scale: Int64 = 1
        for _ in 0..<fraction.count { scale *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: scale)
        let (numerator, o2) = scaled.addingReportingOverflow(frac)
        guard !o1, !o2, let value = try? Rational(negative ? -numerator : numerator, scale) else { return .failure(.tooLarge) }
        return .success(NumberLiteral(value: value, unit: unit, measureWord: measure))
    }
}

extension Character {
    /// `isNumber` consults Unicode tables; digits are all budgetc needs.
    var isASCIIDigit: Bool {
        guard let v = asciiValue else { return false }
        return v >= 48 && v <= 57
    }
}
