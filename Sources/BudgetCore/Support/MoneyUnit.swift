/// The unit a publication prints amounts in: 万元 (the default of the built-in sets) or 元 (many
/// provinces and units, e.g. Guangxi 梧州). The one place that knows how an exact `Money` is shown:
/// spreadsheet cells, captions, chart axes and the prose of the 说明 all ask it. Amounts stay exact
/// (integer fen) everywhere else; rounding to the printed 2 decimals happens only here, at rendering.
public enum MoneyUnit: String, Sendable, CaseIterable, Hashable {
    case wanYuan = "万元"
    case yuan = "元"

    /// The unit a word names: 万元 (or 万) and 元; nil for anything else.
    public static func named(_ word: String) -> MoneyUnit? {
        switch word {
        case "万元", "万": return .wanYuan
        case "元": return .yuan
        default: return nil
        }
    }

    public var fenPerUnit: Int64 { self == .wanYuan ? Money.fenPerWan : Money.fenPerYuan }

    /// Decimal places that hold every fen: 6 in 万元, 2 in 元.
    public var exactDecimals: Int { self == .wanYuan ? 6 : 2 }

    /// The caption above a table: 单位：万元.
    public var caption: String { "单位：" + rawValue }

    /// The value of a cell, as a Double for the spreadsheet only (never for arithmetic). Both units
    /// print `#,##0.00`: 万元 rounded to 2 decimals by the spreadsheet, 元 exact.
    public func cellNumber(_ m: Money) -> Double { Double(m.fen) / Double(fenPerUnit) }

    /// The amount rounded half away from zero to `decimals` places: 1,494.60
    public func text(_ m: Money, decimals: Int = 2, grouping: Bool = false) -> String {
        m.text(in: self, decimals: decimals, grouping: grouping)
    }

    /// The shortest exact text: 1494.6048 (万元); 元 as 元 publications print it, digits grouped, whole
    /// or with both decimals: 7,057,486.18, 14,946,048. `grouping: false` for machine-read text (JSON,
    /// listings): 7057486.18.
    public func exact(_ m: Money, grouping: Bool = true) -> String {
        var text = m.text(in: self, decimals: exactDecimals, grouping: grouping && self == .yuan)
        guard text.contains(".") else { return text }
        if self == .yuan { return text.hasSuffix(".00") ? String(text.dropLast(3)) : text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// An amount in prose: “1494.6 万元”, “14,946,000 元”.
    public func amount(_ m: Money) -> String { exact(m) + " " + rawValue }

    /// Display width of the amount as a cell prints it (`#,##0.00`), without formatting it.
    func cellWidth(_ m: Money) -> Int {
        func digits(_ n: UInt64) -> Int { n < 10 ? 1 : 1 + digits(n / 10) }
        let whole = digits(UInt64(m.fen.magnitude) / UInt64(fenPerUnit))
        return whole + (whole - 1) / 3 + 3 + (m.fen < 0 ? 1 : 0)
    }
}
