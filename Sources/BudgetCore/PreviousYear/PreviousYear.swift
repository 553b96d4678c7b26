/// Last year, as far as the budget names it: the previous budget (same language) and the
/// previous 决算. A class so that an evaluated budget can refer to another evaluated budget.
public final class PreviousYear: Sendable {
    public let budget: EvaluatedBudget?
    public let actuals: Actuals?

    public init(budget: EvaluatedBudget?, actuals: Actuals?) {
        self.budget = budget
        self.actuals = actuals
    }
}

/// Aggregates shared by the previous-year rules, tables and the 说明, so each is computed one way.
public enum Aggregates {
    /// 一般公共预算拨款 spending of one function 项 (or 类 with a 3-digit prefix).
    public static func generalBudget(_ b: EvaluatedBudget, functionPrefix: String) -> Money {
        b.total { $0.line.source == .generalBudget && $0.line.functionCode.hasPrefix(functionPrefix) }
    }

    public static func generalBudget(_ b: EvaluatedBudget, economicPrefix: String) -> Money {
        b.total { $0.line.source == .generalBudget && $0.line.economicCode.hasPrefix(economicPrefix) }
    }

    public static func generalBudget(_ b: EvaluatedBudget, governmentPrefix: String) -> Money {
        b.total { $0.line.source == .generalBudget && $0.governmentCode.hasPrefix(governmentPrefix) }
    }

    /// The four 三公 parts (一般公共预算拨款), keyed as in `Actuals.sanGongParts`.
    public static let sanGongCodes: [(part: String, code: String)] = [
        ("因公出国", SanGong.abroad), ("公务接待", SanGong.reception), ("公务用车购置", SanGong.vehiclePurchase),
        ("公务用车运行维护", SanGong.vehicleRunning),
    ]

    public static func sanGong(_ b: EvaluatedBudget, part: String) -> Money {
        guard let code = sanGongCodes.first(where: { $0.part == part })?.code else { return .zero }
        return b.total { $0.line.source == .generalBudget && $0.line.economicCode == code }
    }

    public static func sanGongTotal(_ b: EvaluatedBudget) -> Money {
        sanGongCodes.reduce(.zero) { $0 + sanGong(b, part: $1.part) }
    }

    /// 机关运行经费: 公用经费 of 行政 and 参公 units (基本支出), all fiscal sources.
    public static func runningCost(_ b: EvaluatedBudget) -> Money {
        b.total { $0.line.kind == .publicUse && b.unitType($0.line.unitCode).usesAdministrativeMapping && $0.line.source.isFiscal }
    }

    public static func staff(_ b: EvaluatedBudget) -> Int { b.budget.units.reduce(0) { $0 + $1.actual.total } }
}
