import Foundation

/// Full-width characters typed by Chinese input methods, folded to their ASCII forms where the
/// language gives them meaning (digits, operators, punctuation around numbers). Text inside
/// quotes and names keep what the user typed.
public enum Normalize {
    static let fullWidthPunctuation: [Character: Character] = [
        "＝": "=", "＋": "+", "－": "-", "＊": "*", "×": "*", "／": "/", "÷": "/",
        "（": "(", "）": ")", "．": ".", "，": ",", "：": ":", "；": ";", "＃": "#",
        "＜": "<", "＞": ">", "％": "%", "　": " ", "＂": "\"", "—": "-", "−": "-",
        "。": ".",
    ]

    /// Folds one character: full-width ASCII (U+FF01–U+FF5E) to ASCII, ideographic space to space,
    /// and the operator look-alikes above.
    public static func fold(_ c: Character) -> Character {
        // ASCII and CJK ideographs (nearly every character of a budget) have nothing to fold: decided
        // from the first scalar, without hashing the Character into the table below (issue 15).
        if let first = c.unicodeScalars.first, first.value < 0x80 || (first.value >= 0x4E00 && first.value <= 0x9FFF) {
            return c
        }
        if let mapped = fullWidthPunctuation[c] { return mapped }
        if c.unicodeScalars.count == 1, let s = c.unicodeScalars.first, s.value >= 0xFF01, s.value <= 0xFF5E,
           let ascii = Unicode.Scalar(s.value - 0xFEE0) {
            return Character(ascii)
        }
        return c
    }

    /// Folds every character; used for fields that must be codes, numbers or keywords.
    public static func folded(_ s: some StringProtocol) -> String {
        // Most fields are plain ASCII or CJK words without anything to fold: return them as they are.
        if !s.unicodeScalars.contains(where: needsFolding) { return String(s) }
        return String(s.map(fold))
    }

    static func needsFolding(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFF01...0xFF5E, 0x3000, 0x00D7, 0x00F7, 0x2014, 0x2212, 0x3002: return true
        default: return false
        }
    }

    /// Folds only digits and the characters that can appear inside a number: for names, so that
    /// `因公出国（境）费用` keeps its full-width brackets but `３７．０２` becomes `37.02`.
    public static func foldedForComparison(_ s: some StringProtocol) -> String {
        String(s.map(fold)).replacingAll(" ", with: "")
    }

    /// Foundation's `CharacterSet.whitespaces`: tab, the space separators (Zs) and U+200B.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    public static func isWhitespace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{00A0}" || c == "\u{FEFF}"
    }

    /// Display width in a monospaced terminal or a spreadsheet column: East Asian wide and
    /// full-width characters count 2, everything else 1.
    public static func displayWidth(_ s: some StringProtocol) -> Int {
        s.reduce(0) { $0 + displayWidth(of: $1) }
    }

    public static func displayWidth(of c: Character) -> Int {
        guard let v = c.unicodeScalars.first?.value else { return 0 }
        return displayWidth(ofScalar: v)
    }

    /// The width of a Character whose first scalar is `v` (a tab, always a Character of its own, is 4).
    public static func displayWidth(ofScalar v: UInt32) -> Int {
        switch v {
        case 0x09:
            return 4
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2030, 0x2103, 0x2116, 0x2460...0x24FF, 0x2264, 0x2265:
            // Curly quotes, …, ≤ ≥ and circled digits render wide in Chinese fonts.
            return 2
        default:
            return 1
        }
    }
}

