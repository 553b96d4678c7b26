/// Money is an exact count of fen (分). Display (in 万元 or 元) is a rendering concern (see `MoneyUnit`).
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)
    public static let fenPerYuan: Int64 = 100
    public static let fenPerWan: Int64 = 1_000_000

    public var isZero: Bool { fen == 0 }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// Saturating addition: sums of real budgets are far from the limit; parse-time checks reject
    /// literals that could overflow, so saturation here only guards against crashes.
    public static func + (a: Money, b: Money) -> Money {
        let r = a.fen.addingReportingOverflow(b.fen)
        return Money(fen: r.overflow ? (b.fen > 0 ? .max : .min) : r.partialValue)
    }

    public static func - (a: Money, b: Money) -> Money { a + Money(fen: b.fen == .min ? .max : -b.fen) }

    public static func += (a: inout Money, b: Money) { a = a + b }

    /// The value in 万元 as a Double, for writing spreadsheet cells only (never for arithmetic).
    public var wanYuanForDisplay: Double { MoneyUnit.wanYuan.cellNumber(self) }

    /// The amount in 万元 rounded half away from zero to `decimals` places, as text: 1,494.60
    public func wanYuanText(decimals: Int = 2, grouping: Bool = false) -> String {
        text(in: .wanYuan, decimals: decimals, grouping: grouping)
    }

    /// The amount in `unit` rounded half away from zero to `decimals` places (at most the unit's exact decimals).
    func text(in unit: MoneyUnit, decimals: Int, grouping: Bool = false) -> String {
        precondition(decimals >= 0 && decimals <= unit.exactDecimals)
        var scale: Int64 = 1
        for _ in 0..<(unit.exactDecimals - decimals) { scale *= 10 }
        let rounded = (try? Rational(fen, scale).roundedToInteger()) ?? fen / scale
        let negative = rounded < 0
        let magnitude = rounded.magnitude
        var unitScale: UInt64 = 1
        for _ in 0..<decimals { unitScale *= 10 }
        let whole = magnitude / unitScale
        let frac = magnitude % unitScale
        var wholeText = String(whole)
        if grouping {
            var groups: [String] = []
            while wholeText.count > 3 {
                groups.insert(String(wholeText.suffix(3)), at: 0)
                wholeText.removeLast(3)
            }
            groups.insert(wholeText, at: 0)
            wholeText = groups.joined(separator: ",")
        }
        var text = (negative ? "-" : "") + wholeText
        if decimals > 0 {
            let fracText = String(frac)
            text += "." + String(repeating: "0", count: decimals - fracText.count) + fracText
        }
        return text
    }

    /// Shortest exact 万元 text: 1494.6048, 37.02, 80
    public var wanYuanExact: String { MoneyUnit.wanYuan.exact(self) }

    public var description: String { wanYuanExact + "万元" }
}
