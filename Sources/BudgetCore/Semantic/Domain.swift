/// Shared domain knowledge of Chinese department budgets and 决算, in one place: the 三公 parts
/// and their economic codes, which economic classes are 人员经费, the 会议费/培训费 codes.
/// Rules, tables, the 说明 and the 决算 reader all ask here instead of keeping their own lists.

/// The four parts of the “三公” 经费, in the order publications print them.
public enum SanGongPart: String, Sendable, CaseIterable, Hashable {
    case abroad = "因公出国"
    case reception = "公务接待"
    case vehiclePurchase = "公务用车购置"
    case vehicleRunning = "公务用车运行维护"

    /// The 部门预算支出经济分类 款 the part is budgeted under.
    public var economicCode: String {
        switch self {
        case .abroad: return "30212"
        case .reception: return "30217"
        case .vehiclePurchase: return "31013"
        case .vehicleRunning: return "30231"
        }
    }

    /// As printed in a sentence of the 说明.
    public var label: String {
        switch self {
        case .abroad: return "因公出国（境）费"
        case .reception: return "公务接待费"
        case .vehiclePurchase: return "公务用车购置费"
        case .vehicleRunning: return "公务用车运行维护费"
        }
    }

    /// The 说明 topic whose reason explains a change of this part.
    public var topic: Topic {
        switch self {
        case .abroad: return .abroad
        case .reception: return .reception
        case .vehiclePurchase: return .vehiclePurchase
        case .vehicleRunning: return .vehicleRunning
        }
    }

    /// Quantities a 三公 part may state (团组, 人次 …).
    public var quantityLabels: [String] {
        switch self {
        case .abroad: return ["团组", "人次"]
        case .reception: return ["批次", "人次"]
        case .vehiclePurchase: return ["购置"]
        case .vehicleRunning: return ["保有"]
        }
    }

    /// Spellings publications use for the part (公开09表 headers, 说明 sentences).
    public static func named(_ text: String) -> SanGongPart? {
        if let part = SanGongPart(rawValue: text) { return part }
        switch text {
        case "因公出国（境）", "因公出国(境)", "因公出国（境）费", "因公出国(境)费", "因公出国费", "因公出国（境）费用": return .abroad
        case "公务接待费": return .reception
        case "公务用车购置费": return .vehiclePurchase
        case "公务用车运行维护费", "公务用车运行费": return .vehicleRunning
        default: return nil
        }
    }
}

/// Economic codes and classes with a fixed meaning in every publication.
public enum EconomicCodes {
    public static let meeting = "30215"
    public static let training = "30216"
    /// 301 工资福利支出 and 303 对个人和家庭的补助 are 人员经费; every other class of 基本支出 is 公用经费.
    public static let personnelClasses: Set<String> = ["301", "303"]

    public static func isPersonnel(_ code: String) -> Bool { personnelClasses.contains(String(code.prefix(3))) }
}

/// The three tasks of 表15 (部门整体支出绩效目标表); their amounts are computed from the budget.
public enum DepartmentTasks {
    public static let names = ["人员经费", "公用经费", "专项业务费"]
}
