import BigInt

/// An exact fraction, used while evaluating formulas.
///
/// Numerator and denominator are arbitrary-precision (attaswift/BigInt), with a 64-bit fast path:
/// a realistic allocation such as `补助总额(198765432.17元) * 259481 / 3024567 * 0.3517 / 12 * 7`
/// needs intermediate fractions far beyond 64 bits although its value is an ordinary amount.
/// What is bounded is the *value*: any result whose magnitude exceeds `Rational.limit` (about
/// 4.6 × 10^18, i.e. 4.6 × 10^16 元 when counting fen) is an overflow, reported as a diagnostic,
/// so an integer result always fits an `Int64` and rounding cannot trap. The size of the fraction is
/// bounded too (`maxBits`), so hostile formulas cannot make arithmetic arbitrarily slow.
public struct Rational: Sendable, Hashable, CustomStringConvertible {
    /// Always reduced, denominator > 0; `.small` whenever both parts fit in 64 bits.
    private enum Storage: Sendable, Hashable {
        case small(Int64, Int64)
        case big(BigInt, BigInt)
    }
    private let storage: Storage

    public enum Failure: Error, Equatable { case overflow, divisionByZero }

    /// Largest magnitude a value may have (2^62).
    public static let limit: Int64 = 1 << 62
    static let maxBits = 4096

    public init(_ value: Int64) {
        // Integers from literals and amounts are far below the limit; clamp defensively.
        storage = .small(max(-Rational.limit, min(Rational.limit, value)), 1)
    }

    public init(_ numerator: Int64, _ denominator: Int64) throws {
        try self.init(BigInt(numerator), BigInt(denominator))
    }

    init(_ numerator: BigInt, _ denominator: BigInt) throws {
        guard !denominator.isZero else { throw Failure.divisionByZero }
        var n = numerator, d = denominator
        if d.signum() < 0 { n.negate(); d.negate() }
        let g = n.magnitude.greatestCommonDivisor(with: d.magnitude)
        if g > 1 {
            n /= BigInt(g)
            d /= BigInt(g)
        }
        guard n.magnitude <= BigUInt(Rational.limit) * d.magnitude else { throw Failure.overflow }
        guard n.bitWidth <= Rational.maxBits, d.bitWidth <= Rational.maxBits else { throw Failure.overflow }
        if let small = Int64(exactly: n), let smallDenominator = Int64(exactly: d) {
            storage = .small(small, smallDenominator)
        } else {
            storage = .big(n, d)
        }
    }

    private var bigParts: (BigInt, BigInt) {
        switch storage {
        case .small(let n, let d): return (BigInt(n), BigInt(d))
        case .big(let n, let d): return (n, d)
        }
    }

    /// The numerator, for values known to be small (literals, integers). Clamped to 64 bits.
    public var numerator: Int64 {
        switch storage {
        case .small(let n, _): return n
        case .big(let n, _): return Int64(clamping: n)
        }
    }

    /// The denominator, for values known to be small. Clamped to 64 bits.
    public var denominator: Int64 {
        switch storage {
        case .small(_, let d): return d
        case .big(_, let d): return Int64(clamping: d)
        }
    }

    public static let zero = Rational(0)

    public var isInteger: Bool {
        switch storage {
        case .small(_, let d): return d == 1
        case .big(_, let d): return d == 1
        }
    }

    public var isZero: Bool {
        switch storage {
        case .small(let n, _): return n == 0
        case .big(let n, _): return n.isZero
        }
    }

    public func adding(_ o: Rational) throws -> Rational {
        if case .small(let a, let b) = storage, case .small(let c, let d) = o.storage {
            if b == 1, d == 1 {
                let (sum, overflow) = a.addingReportingOverflow(c)
                if !overflow { return try Rational(sum, 1) }
            } else {
                let (ad, o1) = a.multipliedReportingOverflow(by: d)
                let (cb, o2) = c.multipliedReportingOverflow(by: b)
                let (bd, o3) = b.multipliedReportingOverflow(by: d)
                if !o1, !o2, !o3 {
                    let (n, o4) = ad.addingReportingOverflow(cb)
                    if !o4 { return try Rational(n, bd) }
                }
            }
        }
        let (a, b) = bigParts, (c, d) = o.bigParts
        return try Rational(a * d + c * b, b * d)
    }

    public func negated() throws -> Rational {
        let (n, d) = bigParts
        return try Rational(-n, d)
    }

    public func subtracting(_ o: Rational) throws -> Rational { try adding(o.negated()) }

    public func multiplied(by o: Rational) throws -> Rational {
        if case .small(let a, let b) = storage, case .small(let c, let d) = o.storage {
            let (n, o1) = a.multipliedReportingOverflow(by: c)
            let (m, o2) = b.multipliedReportingOverflow(by: d)
            if !o1, !o2 { return try Rational(n, m) }
        }
        let (a, b) = bigParts, (c, d) = o.bigParts
        return try Rational(a * c, b * d)
    }

    public func divided(by o: Rational) throws -> Rational {
        guard !o.isZero else { throw Failure.divisionByZero }
        let (c, d) = o.bigParts
        return try multiplied(by: Rational(d, c))
    }

    /// Rounds half away from zero to the nearest integer (the rounding rule of Chinese finance, 四舍五入).
    /// Always fits: values are bounded by `limit`.
    public func roundedToInteger() -> Int64 {
        switch storage {
        case .small(let n, let d):
            let q = n / d, r = n % d
            if 2 * r.magnitude >= d.magnitude { return n < 0 ? q - 1 : q + 1 }
            return q
        case .big(let n, let d):
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            var rounded = q
            if 2 * r.magnitude >= d.magnitude { rounded += n.signum() < 0 ? -1 : 1 }
            return Int64(clamping: rounded)
        }
    }

    public var description: String {
        let (n, d) = bigParts
        return d == 1 ? "\(n)" : "\(n)/\(d)"
    }
}
