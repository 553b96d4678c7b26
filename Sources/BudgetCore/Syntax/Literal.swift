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
        // Fields are parsed as numbers by several resolver paths: most are names and keywords, which a
        // first byte rejects, and most numbers are ASCII digits, parsed here on bytes without
        // `Character`s or intermediate Strings (issue 15). Anything else takes the general path below.
        let fast = folded.utf8.withContiguousStorageIfAvailable { parseASCII($0, folded) } ?? nil
        return fast ?? parseCharacters(folded)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The byte-level path: decides only when the number part (digits, `,`, `.`, `-`) is ASCII and
    /// ends on a Character boundary, so every step sees the same characters as `parseCharacters`;
    /// otherwise returns nil.
    private static func parseASCII(_ b: UnsafeBufferPointer<UInt8>, _ folded: String) -> Result<NumberLiteral, Failure>? {
        guard let first = b.first else { return .failure(.notANumber) }
        guard isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return .failure(.notANumber) }
        var end = 0
        while end < b.count, isDigit(b[end]) || b[end] == UInt8(ascii: ",") || b[end] == UInt8(ascii: ".") || b[end] == UInt8(ascii: "-") {
            end += 1
        }
        if end < b.count {
            // The byte after the number must start a new Character (not a combining mark on a digit).
            var nextEnd = end + 1
            while nextEnd < b.count, b[nextEnd] & 0xC0 == 0x80 { nextEnd += 1 }
            guard String(decoding: UnsafeBufferPointer(rebasing: b[(end - 1)..<nextEnd]), as: UTF8.self).count == 2 else { return nil }
        }
        if !isDigit(first) && b.count == 1 { return .failure(.notANumber) }
        var i = 0
        var negative = false
        if first == UInt8(ascii: "-") { negative = true; i = 1 }
        var whole: Int64 = 0, frac: Int64 = 0
        var digitCount = 0, leadingZeros = 0, fractionCount = 0
        var seenDot = false
        var dotIndex = -1
        var lastComma = -1
        while i < end {
            let c = b[i]
            if isDigit(c) {
                let d = Int64(c - 0x30)
                if seenDot {
                    frac = frac &* 10 &+ d; fractionCount += 1
                } else {
                    if d == 0 && leadingZeros == digitCount { leadingZeros += 1 }
                    whole = whole &* 10 &+ d; digitCount += 1
                }
            } else if c == UInt8(ascii: ",") && !seenDot {
                if digitCount == 0 || (lastComma >= 0 && i - lastComma != 4) { return .failure(.malformed("千分位逗号位置不对")) }
                lastComma = i
            } else if c == UInt8(ascii: ".") && !seenDot {
                seenDot = true
                dotIndex = i
            } else {
                break
            }
            i += 1
        }
        if lastComma >= 0 && digitCount > 0 {
            // The last group after a thousands comma must have exactly three digits.
            let integerEnd = seenDot ? dotIndex : i
            if integerEnd - lastComma != 4 { return .failure(.malformed("千分位逗号位置不对")) }
        }
        if digitCount == 0 && fractionCount == 0 { return .failure(.malformed("缺少数字")) }
        if seenDot && fractionCount == 0 { return .failure(.malformed("小数点后缺少数字")) }
        let rest = i == b.count ? "" : String(decoding: UnsafeBufferPointer(rebasing: b[i...]), as: UTF8.self)
        return finish(negative: negative, significantDigits: digitCount - leadingZeros, whole: whole,
                      fractionCount: fractionCount, fraction: frac, rest: rest)
    }

    /// The unit and measure word after the number, the size limits, and the exact value.
    private static func finish(negative: Bool, significantDigits: Int, whole: Int64, fractionCount: Int, fraction: Int64,
                               rest: String) -> Result<NumberLiteral, Failure> {
        var unit = Unit.none
        var measure = rest
        // Most numbers end with the field: no (Unicode-aware, so costly) prefix tests for them.
        if rest.isEmpty {}
        else if rest.hasPrefix("万元") { unit = .wan; measure = String(rest.dropFirst(2)) }
        else if rest.hasPrefix("万") { unit = .wan; measure = String(rest.dropFirst(1)) }
        else if rest.hasPrefix("元") { unit = .yuan; measure = String(rest.dropFirst(1)) }
        if !measure.isEmpty {
            // A measure word is a short run of letters (台, 人, 人次, 辆); anything else is a typo.
            if measure.count > 3 || measure.contains(where: { $0.isASCII && !$0.isLetter }) {
                return .failure(.malformed("数字后面有多余的字符“\(measure)”"))
            }
        }
        if unit != .none && !measure.isEmpty { return .failure(.malformed("金额单位后面有多余的字符“\(measure)”")) }
        guard significantDigits + fractionCount <= 18, fractionCount <= 12 else { return .failure(.tooLarge) }
        var scale: Int64 = 1
        for _ in 0..<fractionCount { scale *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: scale)
        let (numerator, o2) = scaled.addingReportingOverflow(fraction)
        guard !o1, !o2, let value = try? Rational(negative ? -numerator : numerator, scale) else { return .failure(.tooLarge) }
        return .success(NumberLiteral(value: value, unit: unit, measureWord: measure))
    }

    /// The general path, on Characters (numbers with measure words or unusual characters); public
    /// so that tests can hold the byte-level path to it.
    public static func parseCharacters(_ folded: String) -> Result<NumberLiteral, Failure> {
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
        let trimmedDigits = digits.drop(while: { $0 == "0" })
        // Digits beyond 18 cannot be exact in 64 bits: report before converting.
        guard trimmedDigits.count + fraction.count <= 18, fraction.count <= 12 else {
            return finish(negative: negative, significantDigits: trimmedDigits.count, whole: 0, fractionCount: fraction.count,
                          fraction: 0, rest: rest)
        }
        guard let whole = Int64(digits.isEmpty ? "0" : digits), let frac = Int64(fraction.isEmpty ? "0" : fraction) else {
            return .failure(.tooLarge)
        }
        return finish(negative: negative, significantDigits: trimmedDigits.count, whole: whole, fractionCount: fraction.count,
                      fraction: frac, rest: rest)
    }
}

extension String {
    /// `first?.isASCIIDigit == true`, decided on bytes when the second byte is ASCII (nothing can
    /// join a digit into a longer Character then).
    var startsWithASCIIDigit: Bool {
        var bytes = utf8.makeIterator()
        guard let first = bytes.next(), first >= 0x30, first <= 0x39 else { return false }
        guard let second = bytes.next(), second >= 0x80 else { return true }
        return self.first?.isASCIIDigit == true
    }
}

extension String {
    /// `self == word` for a keyword written in this source (ASCII or CJK ideographs, so in NFC),
    /// without Unicode-normalising comparison in the usual cases: equal bytes are equal text, and text
    /// of ASCII and CJK unified ideographs only is in NFC too, so different bytes are different text.
    func isWord(_ word: String) -> Bool {
        if utf8.count == word.utf8.count && utf8.elementsEqual(word.utf8) { return true }
        return isASCIIOrCJKIdeographs ? false : self == word
    }

    /// Only ASCII and U+4E00–U+9FFF (UTF-8 lead bytes E4 B8…E9): text that is its own NFC form.
    var isASCIIOrCJKIdeographs: Bool {
        var text = self
        return text.withUTF8 { bytes in
            var i = 0
            let count = bytes.count
            while i < count {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                guard b >= 0xE4, b <= 0xE9, i + 2 < count else { return false }
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b != 0xE4 || b1 >= 0xB8 else { return false }
                i += 3
            }
            return true
        }
    }
}

extension Character {
    /// `isNumber` consults Unicode tables; digits are all budgetc needs.
    var isASCIIDigit: Bool {
        guard let v = asciiValue else { return false }
        return v >= 48 && v <= 57
    }
}
