/// The budget as the resolver understands it: what the officer wrote, with amounts still as
/// formulas. `Evaluator` turns it into an `EvaluatedBudget` with exact amounts.

public enum FundingSource: String, Sendable, CaseIterable, Codable, Comparable {
    case generalBudget = "一般公共预算拨款"
    case governmentFund = "政府性基金拨款"
    case stateCapital = "国有资本经营预算"
    case specialAccount = "财政专户管理资金"
    case superiorSubsidy = "上级补助收入"
    case institutionIncome = "事业收入"
    case operatingIncome = "事业单位经营收入"
    case affiliatedRemittance = "附属单位上缴收入"
    case otherIncome = "其他收入"
    case carriedOverFiscal = "上年结转"
    /// 上年结转 of one 财政拨款, where the publication says which (“上年结转收入……其中一般公共预算拨款 522.05 万元，
    /// 政府性基金预算拨款 809.06 万元”): each balances on its own and goes in its fund's column of 表4.
    case carriedOverGeneral = "一般公共预算拨款结转"
    case carriedOverFund = "政府性基金拨款结转"
    case carriedOverStateCapital = "国有资本经营预算结转"
    case nonFiscalBalance = "非财政拨款结余"

    /// Spellings officers use for the same source.
    public static let aliases: [String: FundingSource] = [
        "一般公共预算": .generalBudget, "一般公共预算拨款收入": .generalBudget, "一般公共预算财政拨款": .generalBudget,
        "政府性基金": .governmentFund, "政府性基金预算拨款": .governmentFund, "政府性基金预算": .governmentFund,
        "国有资本经营预算收入": .stateCapital, "国有资本经营预算拨款": .stateCapital, "国有资本经营": .stateCapital,
        "财政专户": .specialAccount, "纳入财政专户管理的收费": .specialAccount,
        "上级补助": .superiorSubsidy,
        "经营收入": .operatingIncome,
        "附属单位上缴": .affiliatedRemittance,
        "上年结转收入": .carriedOverFiscal, "财政拨款结转": .carriedOverFiscal, "上年财政拨款结转": .carriedOverFiscal,
        "非财政拨款资金结余": .nonFiscalBalance,
        "一般公共预算结转": .carriedOverGeneral, "上年结转一般公共预算": .carriedOverGeneral, "上年结转一般公共预算拨款": .carriedOverGeneral,
        "政府性基金结转": .carriedOverFund, "政府性基金预算结转": .carriedOverFund, "上年结转政府性基金": .carriedOverFund,
        "上年结转政府性基金拨款": .carriedOverFund, "上年结转政府性基金预算拨款": .carriedOverFund,
        "国有资本经营预算拨款结转": .carriedOverStateCapital, "上年结转国有资本经营预算": .carriedOverStateCapital,
    ]

    public static func named(_ text: String) -> FundingSource? {
        FundingSource(rawValue: text) ?? aliases[text]
    }

    /// 财政拨款: the three sources appropriated by the treasury (表4).
    public var isFiscal: Bool { self == .generalBudget || self == .governmentFund || self == .stateCapital }

    /// 资金性质 of a carried-over line whose project does not write one (陕西 表11).
    public var fundNature: String {
        switch self {
        case .governmentFund, .carriedOverFund: return "政府性基金预算资金"
        case .stateCapital, .carriedOverStateCapital: return "国有资本经营预算资金"
        default: return "一般公共预算资金"
        }
    }

    /// 上年结转, whether or not it names its 财政拨款.
    public var isCarryOver: Bool {
        self == .carriedOverFiscal || self == .carriedOverGeneral || self == .carriedOverFund || self == .carriedOverStateCapital
    }

    /// The position in `allCases` (the order of the tables' columns). A switch rather than
    /// `allCases.firstIndex`: sorting and hashing ask for it on every line (issue 15).
    private var order: Int {
        switch self {
        case .generalBudget: return 0
        case .governmentFund: return 1
        case .stateCapital: return 2
        case .specialAccount: return 3
        case .superiorSubsidy: return 4
        case .institutionIncome: return 5
        case .operatingIncome: return 6
        case .affiliatedRemittance: return 7
        case .otherIncome: return 8
        case .carriedOverFiscal: return 9
        case .carriedOverGeneral: return 10
        case .carriedOverFund: return 11
        case .carriedOverStateCapital: return 12
        case .nonFiscalBalance: return 13
        }
    }
    public static func < (a: FundingSource, b: FundingSource) -> Bool { a.order < b.order }
    /// Hashed by case: the default for a raw-value enum hashes the Chinese raw value with Unicode
    /// normalisation, which dominated the table engine's set and dictionary lookups.
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }
}

/// How a line is spent: the columns of 表3/表5 and the sections of 表1.
public enum SpendingKind: String, Sendable, CaseIterable, Codable {
    case personnel = "人员经费"
    case publicUse = "公用经费"
    case project = "专项业务经费"
    case remittance = "上缴上级支出"
    case operating = "事业单位经营支出"
    case subsidiary = "对附属单位补助支出"

    public var isBasic: Bool { self == .personnel || self == .publicUse }

    /// Hashed by case, not by the Chinese raw value (see `FundingSource.hash(into:)`).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .personnel: hasher.combine(0)
        case .publicUse: hasher.combine(1)
        case .project: hasher.combine(2)
        case .remittance: hasher.combine(3)
        case .operating: hasher.combine(4)
        case .subsidiary: hasher.combine(5)
        }
    }
}

/// The staff categories of 编制 and 实有, in the order the 说明 lists them. 参公 is 参照公务员法管理的
/// 事业编制, which publications count apart from 行政编制.
public enum StaffCategory: String, CaseIterable, Sendable {
    case administrative = "行政", civilServantManaged = "参公", institution = "事业", workers = "工勤"

    var keyPath: WritableKeyPath<Headcount, Int> {
        switch self {
        case .administrative: return \.administrative
        case .civilServantManaged: return \.civilServantManaged
        case .institution: return \.institution
        case .workers: return \.workers
        }
    }

    /// How the 说明 names this category's 编制 (“行政编制 5 人”) and its staff (“行政 6 人”).
    public var establishmentName: String { self == .civilServantManaged ? "参照公务员法管理事业编制" : rawValue + "编制" }
    public var staffName: String { self == .civilServantManaged ? "参照公务员法管理人员" : rawValue }

    /// The written label, with the long form of 参公 accepted too.
    public static func named(_ label: String) -> StaffCategory? {
        StaffCategory(rawValue: label) ?? (label.hasPrefix("参照公务员") ? .civilServantManaged : nil)
    }
}

public struct Headcount: Sendable, Hashable, Codable {
    public var administrative = 0
    public var civilServantManaged = 0
    public var institution = 0
    public var workers = 0
    /// Written as one number (`编制 21`): only the total is known.
    public var totalOnly = false
    public var total: Int { StaffCategory.allCases.reduce(0) { $0 + self[$1] } }
    public init() {}

    public subscript(category: StaffCategory) -> Int {
        get { self[keyPath: category.keyPath] }
        set { self[keyPath: category.keyPath] = newValue }
    }

    /// The department's headcount: the sum of its units' (only the total is known if one unit gives only its total).
    public func adding(_ other: Headcount) -> Headcount {
        var sum = Headcount()
        if totalOnly || other.totalOnly {
            sum.administrative = total + other.total
            sum.totalOnly = true
        } else {
            for category in StaffCategory.allCases { sum[category] = self[category] + other[category] }
        }
        return sum
    }
}

public struct Unit: Sendable {
    public var code: String
    public var name: String
    public var type: UnitType
    public var staffing = Headcount()
    public var actual = Headcount()
    public var retired = 0
    /// `离休`: retired cadres (离休干部), counted apart from 退休 as publications do.
    public var leftOffice = 0
    /// `离退休`: 离休 and 退休 together, when a publication gives only their sum (离退休人员 50 人).
    public var retiredTogether: Int?
    /// Everyone retired the unit manages: the published 离退休 total, else 离休 + 退休.
    public var allRetired: Int { retiredTogether ?? leftOffice + retired }
    /// `计入运行经费`: a 事业单位 whose 公用经费 the region publishes as 运行经费 (行政 and 参公 units always count).
    public var countsRunningCost = false
    public var span: SourceSpan
}

/// One paragraph of the `部门概况` block.
public struct OverviewParagraph: Sendable, Hashable {
    public var part: OverviewPart
    /// A heading above the paragraph (`机构设置 "政办股" "……"`), or nil.
    public var heading: String?
    public var text: String
    public var span: SourceSpan
}

/// A written justification. Empty text is kept so that rules can report it.
public struct Reason: Sendable, Hashable {
    public var text: String
    public var span: SourceSpan
}

public struct Amount: Sendable {
    /// The literal amount written on the line, if any.
    public var stated: NumberLiteral?
    public var statedSpan: SourceSpan?
    /// The formula after `=`, if any.
    public var formula: Expr?
    public var formulaSpan: SourceSpan?
}

public struct Meeting: Sendable {
    public enum Kind: String, Sendable { case meeting = "会议", training = "培训" }
    public var kind: Kind
    public var name: String
    public var dates: String
    public var people: Int?
    public var amount: Amount
    public var span: SourceSpan
}

public struct Purchase: Sendable {
    /// 政府采购目录 code such as A02010105 (A 货物, B 工程, C 服务).
    public var catalogCode: String
    public var item: String
    public var specification: String
    public var serviceContent: String
    public var quantity: Int?
    public var unitPrice: Amount?
    public var amount: Amount?
    public var time: String
    /// 采购项目 as printed in 表12; defaults to the project (or line) name.
    public var label: String?
    /// 政府集中采购 or 分散采购, where written.
    public var organization: ProcurementOrganization? = nil
    public var span: SourceSpan
}

public struct Line: Sendable {
    public var functionCode: String
    public var functionSpan: SourceSpan
    public var economicCode: String
    public var economicSpan: SourceSpan
    public var name: String?
    public var nameSpan: SourceSpan?
    public var amount: Amount
    public var source: FundingSource
    public var kind: SpendingKind
    public var unitCode: String
    /// Index into `Budget.projects` for project lines.
    public var project: Int?
    /// A line of a 结转项目 (表11), whatever its funding source.
    public var carriedOver = false
    public var reason: Reason?
    public var meetings: [Meeting] = []
    public var purchases: [Purchase] = []
    public var span: SourceSpan
}

public struct Indicator: Sendable {
    public var level1: String
    public var level2: String
    public var content: String
    public var value: String
    public var remark: String
    /// 权重 (`权重 10`), printed in its own column where the 绩效目标表 has one; nil when not written.
    public var weight: Int? = nil
    /// 指标方向性 (`方向 正向`), printed in its own column where written; nil when not written.
    public var direction: IndicatorDirection? = nil
    public var span: SourceSpan
}

public struct Performance: Sendable {
    public var goal: String = ""
    public var goalSpan: SourceSpan?
    public var indicators: [Indicator] = []
    public var span: SourceSpan
}

public struct Project: Sendable {
    public var name: String
    public var unitCode: String
    public var introduction: String = ""
    /// 项目类别 for carried-over projects (表11).
    public var category: String = ""
    /// 资金性质 for carried-over projects (表11), e.g. 一般公共预算资金.
    public var fundNature: String = ""
    public var carriedOver: Bool
    public var performance: Performance?
    public var reason: Reason?
    public var span: SourceSpan
}

/// 表15: the department's whole-budget targets.
public struct DepartmentPerformance: Sendable {
    public var tasks: [(name: String, content: String, span: SourceSpan)] = []
    public var performance: Performance
}

public struct IncomeEntry: Sendable {
    public var unitCode: String
    public var source: FundingSource
    public var amount: Amount
    public var span: SourceSpan
}

public struct NamedValue: Sendable {
    public var name: String
    public var amount: Amount
    public var span: SourceSpan
}

/// 三公 quantities for one unit (团组, 车辆, 接待批次), used by checks and the 说明.
public struct SanGongQuantities: Sendable {
    public var unitCode: String
    public var values: [String: Int] = [:]
    public var span: SourceSpan
    /// `合计 N`: the unit's published 三公 total. Where the four economic classes' rows add up to less,
    /// the rest is 未细分: 三公 money the publication did not break down (`Aggregates.sanGongUndetailed`).
    public var total: Money?
    public var totalSpan: SourceSpan?
}

public struct Budget: Sendable {
    public var departmentCode = ""
    public var departmentName = ""
    public var departmentSpan: SourceSpan?
    public var year = 0
    public var yearSpan: SourceSpan?
    /// The unit bare numbers are in where money is expected (万元 unless the file says 元).
    public var defaultUnitIsWan = true
    /// `公开金额单位 元`: the unit the publication prints amounts in, where written (else the table set's).
    public var publicationUnit: (unit: MoneyUnit, span: SourceSpan)?
    /// The unit in effect: `publicationUnit`, else the table set's `金额单位` (set by the pipeline once
    /// it has read the set; 万元 until then). The 说明 and the `notes` command print in it.
    public var displayUnit = MoneyUnit.wanYuan
    public var secrecyReview = ""
    public var headSignOff = ""
    /// `公开稿 单位预算`: one unit's own publication (titles and 说明 say 单位预算, 本单位).
    public var publisher = Publisher.department
    public var units: [Unit] = []
    public var values: [NamedValue] = []
    public var incomes: [IncomeEntry] = []
    public var lines: [Line] = []
    public var projects: [Project] = []
    public var departmentPerformance: DepartmentPerformance?
    public var sanGong: [SanGongQuantities] = []
    /// `资产`: vehicles and large equipment held at the end of last year (the 说明's 国有资产占有使用情况).
    public var assets: AssetsHeld?
    /// Reasons on topics: 三公, 机关运行经费, 收入, 支出 …
    public var topicReasons: [String: Reason] = [:]
    /// 部门概况: paragraphs of 职责, 机构设置 (each with its heading, e.g. the 股's name), 工作任务, in written order.
    public var overview: [OverviewParagraph] = []
    /// `未公开 三公 机关运行经费`: figures the publication copied from does not give (unknown, not 0).
    public var unpublished: Set<UnpublishedFigure> = []
    /// 空表 表16 "reason"
    /// `空表 表N "理由"`, keyed by the table's 表号 as written (表9, 公开01表 …).
    public var emptyTableReasons: [String: Reason] = [:]
    /// `报表 全国`: the table set to compile with (a built-in name or a folder), and where it was written.
    public var tableSet: (name: String, span: SourceSpan)?
    /// Rule ids allowed with a reason (`允许 rule-id "reason"`).
    public var allows: [String: Reason] = [:]
    public var extraCatalogs: [(path: String, span: SourceSpan)] = []
    /// A change against last year needs a reason when it reaches both thresholds (`变动阈值`).
    public var changeThresholdPercent = 0
    public var changeThresholdAmount = Money(fen: Money.fenPerWan)
    public var previousBudgetPath: (path: String, span: SourceSpan)?
    /// `上年预算 收入 780.64 支出 780.64`: last year's budget known only by the totals this year's publication
    /// compares with (“比上年增加 62.15 万元”), without a file of its lines.
    public var previousTotals: PreviousTotals?
    public var previousActualsPath: (path: String, span: SourceSpan)?

    public init() {}

    public func unit(_ code: String) -> Unit? { units.first { $0.code == code } }
}

/// Last year's budget as totals only (`上年预算 收入 N 支出 N 三公 N 机关运行经费 N`). Comparisons of these
/// totals are made; those needing last year's lines (科目, 基本/项目支出, 财政拨款) are not.
public struct PreviousTotals: Sendable {
    public enum Item: String, Sendable, CaseIterable {
        case income = "收入", spending = "支出", sanGong = "三公", runningCost = "机关运行经费"
    }
    public var values: [Item: Money] = [:]
    public var span: SourceSpan

    public subscript(_ item: Item) -> Money? { values[item] }
}
