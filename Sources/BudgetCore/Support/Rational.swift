/// An exact fraction over 64-bit integers, used while evaluating formulas.
/// Every operation reports overflow instead of trapping, so hostile input yields a diagnostic.
public struct Rational: Sendable, Hashable, CustomStringConvertible {
    public private(set) var numerator: Int64
    public private(set) var denominator: Int64

    public enum Failure: Error, Equatable { case overflow, divisionByZero }

    public init(_ value: Int64) {
        numerator = value
        denominator = 1
    }

    public init(_ numerator: Int64, _ denominator: Int64) throws {
        guard denominator != 0 else { throw Failure.divisionByZero }
        guard numerator != .min, denominator != .min else { throw Failure.overflow }
        let sign: Int64 = denominator < 0 ? -1 : 1
        let g = Rational.gcd(abs(numerator), abs(denominator))
        self.numerator = sign * numerator / max(g, 1)
        self.denominator = abs(denominator) / max(g, 1)
    }

    public static let zero = Rational(0)

    public var isInteger: Bool { denominator == 1 }
    public var isZero: Bool { numerator == 0 }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    private static func checked(_ r: (partialValue: Int64, overflow: Bool)) throws -> Int64 {
        if r.overflow { throw Failure.overflow }
        return r.partialValue
    }

    public func adding(_ o: Rational) throws -> Rational {
        let g = Rational.gcd(denominator, o.denominator)
        let lhsScale = o.denominator / g
        let rhsScale = denominator / g
        let a = try Rational.checked(numerator.multipliedReportingOverflow(by: lhsScale))
        let b = try Rational.checked(o.numerator.multipliedReportingOverflow(by: rhsScale))
        let n = try Rational.checked(a.addingReportingOverflow(b))
        let d = try Rational.checked(denominator.multipliedReportingOverflow(by: lhsScale))
        return try Rational(n, d)
    }

    public func negated() throws -> Rational {
        guard numerator != .min else { throw Failure.overflow }
        return try Rational(-numerator, denominator)
    }

    public func subtracting(_ o: Rational) throws -> Rational { try adding(o.negated()) }

    public func multiplied(by o: Rational) throws -> Rational {
        // Cross-reduce first to keep the intermediate products small.
        let g1 = max(Rational.gcd(abs(numerator), o.denominator), 1)
        let g2 = max(Rational.gcd(abs(o.numerator), denominator), 1)
        let n = try Rational.checked((numerator / g1).multipliedReportingOverflow(by: o.numerator / g2))
        let d = try Rational.checked((denominator / g2).multipliedReportingOverflow(by: o.denominator / g1))
        return try Rational(n, d)
    }

    public func divided(by o: Rational) throws -> Rational {
        guard o.numerator != 0 else { throw Failure.divisionByZero }
        return try multiplied(by: Rational(o.denominator, o.numerator))
    }

    /// Rounds half away from zero to the nearest integer (the rounding rule of Chinese finance, 四舍五入).
    public func roundedToInteger() -> Int64 {
        let q = numerator / denominator
        let r = numerator % denominator
        if 2 * abs(r) >= denominator { return numerator < 0 ? q - 1 : q + 1 }
        return q
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
