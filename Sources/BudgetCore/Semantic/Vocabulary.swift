/// Typed vocabulary: the document kinds, the 说明 topics, and the did-you-mean used for every
/// unknown word. A misspelled topic is an error with a suggestion, never silently ignored.

/// A budget file (`年度 2025`) or a 决算 file (`决算 2024`): one language, two kinds of document.
public enum DocumentKind: String, Sendable {
    case budget = "预算"
    case actuals = "决算"
}

/// A topic of the `说明` block: a reason for the change of one figure. A classification code is
/// also a topic (`2101501 "……"`, `301 "……"`).
public enum Topic: String, Sendable, CaseIterable, Hashable {
    case income = "收入"
    case spending = "支出"
    case overall = "总体"
    /// The 一般公共预算 spending's two parts (“其中：基本支出……；项目支出……”).
    case basicSpending = "基本支出"
    case projectSpending = "项目支出"
    case sanGong = "三公"
    case abroad = "因公出国"
    case reception = "公务接待"
    case vehiclePurchase = "公务用车购置"
    case vehicleRunning = "公务用车运行维护"
    case meeting = "会议费"
    case training = "培训费"
    case runningCost = "机关运行经费"
    case personnel = "人员经费"
    case publicUse = "公用经费"
    case governmentFund = "政府性基金"
    case stateCapital = "国有资本经营"
    /// A 决算's carry-overs (some provinces' 说明 give their change on last year, with a reason).
    case openingBalance = "年初结转结余"
    case closingBalance = "年末结转结余"

    /// Other spellings officers write for the same topic.
    static let aliases: [String: Topic] = [
        "三公经费": .sanGong, "“三公”经费": .sanGong, "因公出国（境）": .abroad, "因公出国(境)": .abroad, "因公出国费": .abroad,
        "公务接待费": .reception, "公务用车购置费": .vehiclePurchase, "公务用车运行维护费": .vehicleRunning, "会议": .meeting,
        "培训": .training, "政府性基金预算": .governmentFund, "国有资本经营预算": .stateCapital,
        "年初结转和结余": .openingBalance, "上年结转和结余": .openingBalance, "上年结转结余": .openingBalance, "年末结转和结余": .closingBalance,
    ]

    public static func named(_ text: String) -> Topic? { Topic(rawValue: text) ?? aliases[text] }
}

/// 政府采购组织形式 of a purchase (`采购 … 方式 集中`): publications state the 政府采购预算 as 政府集中采购 and 分散采购.
public enum ProcurementOrganization: String, Sendable, CaseIterable {
    case centralized = "集中"
    case decentralized = "分散"

    static let aliases: [String: ProcurementOrganization] = [
        "政府集中采购": .centralized, "集中采购": .centralized, "分散采购": .decentralized,
    ]

    public static func named(_ text: String) -> ProcurementOrganization? { ProcurementOrganization(rawValue: text) ?? aliases[text] }
}

/// Words written after an indicator's value (`产出/数量 "村组干部230人" "≥230个" 权重 10`): the columns some
/// provinces' 绩效目标表 print beside 指标值 (四川: 权重).
public enum IndicatorField: String, Sendable, CaseIterable {
    /// 权重: the indicator's weight in the 绩效 evaluation, a whole number of points (0–100).
    case weight = "权重"
    /// 指标方向性: 正向 or 反向 (`IndicatorDirection`).
    case direction = "方向"
}

/// 指标方向性 of an indicator (`方向 正向`): whether more is better (正向指标) or less (反向指标).
public enum IndicatorDirection: String, Sendable, CaseIterable {
    case positive = "正向"
    case negative = "反向"

    static let aliases: [String: IndicatorDirection] = ["正向指标": .positive, "反向指标": .negative]

    public static func named(_ text: String) -> IndicatorDirection? { IndicatorDirection(rawValue: text) ?? aliases[text] }

    /// As the 绩效目标表 prints it.
    public var printed: String { rawValue + "指标" }
}

/// What a `说明` reason explains when a word stands between its topic and its text (`三公 较预算 "……"`).
/// Without one a reason explains the change on last year; in a 决算, `较预算` explains the 决算数 against the
/// 预算数 (“决算数小于预算数的主要原因是……”), which publications often give a reason of its own.
public enum ReasonBasis: String, Sendable, CaseIterable {
    case budget = "较预算"

    static let aliases: [String: ReasonBasis] = ["预算": .budget, "完成预算": .budget, "较年初预算": .budget]

    public static func named(_ text: String) -> ReasonBasis? { ReasonBasis(rawValue: text) ?? aliases[text] }
}

/// The parts of the `部门概况` block: the text of 第一部分 of the 说明 that no figure gives.
/// (预算单位构成 and 人员情况 come from the `单位` statements.)
public enum OverviewPart: String, Sendable, CaseIterable, Hashable {
    case duties = "职责"
    case organization = "机构设置"
    case tasks = "工作任务"

    static let aliases: [String: OverviewPart] = ["主要职责": .duties, "内设机构": .organization, "机构": .organization]

    public static func named(_ text: String) -> OverviewPart? { OverviewPart(rawValue: text) ?? aliases[text] }
}

public enum Suggest {
    /// The candidate closest to `word` (edit distance at most a third of its length, at least 1),
    /// or one that contains it or is contained in it.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty, word.count <= 40 else { return nil }
        let limit = max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate.count <= 40 {
            let d = distance(Array(word), Array(candidate))
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        if let best { return best.0 }
        return candidates.first { $0.count >= 2 && word.count >= 2 && ($0.contains(word) || word.contains($0)) }
    }

    /// Levenshtein distance (short words only: keywords, topics, codes).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The code sharing the longest leading digits with `code` (then the smallest): the did-you-mean
    /// among codes that carry the same name.
    public static func closestCode(_ code: String, among candidates: some Sequence<String>) -> String? {
        func shared(_ c: String) -> Int { zip(c, code).prefix { $0 == $1 }.count }
        return candidates.sorted().max { shared($0) < shared($1) || (shared($0) == shared($1) && $0 > $1) }
    }

    /// "是不是“X”？" or nil.
    public static func hint(_ word: String, among candidates: [String]) -> String? {
        closest(to: word, among: candidates).map { "是不是“\($0)”？" }
    }
}

/// What a line of the workbook's cover prints, as a table set's `套表.tbl` names it (`封面 保密审查`).
/// Sets differ: 陕西 prints 保密审查情况 and 主要负责人审签情况 (reference 004), the national
/// formats only the department (templates/tables/*/README.md).
public enum CoverItem: String, Sendable, CaseIterable, Hashable {
    case department = "部门名称"
    case secrecy = "保密审查"
    case signOff = "负责人审签"

    /// The label printed when the set gives none (reference 004's wording).
    public var defaultLabel: String {
        switch self {
        case .department: return "部门（单位）名称："
        case .secrecy: return "保密审查情况："
        case .signOff: return "部门（单位）主要负责人审签情况："
        }
    }

    /// The statement of a budget or 决算 that gives the line its text.
    public var statement: Keyword {
        switch self {
        case .department: return .department
        case .secrecy: return .secrecy
        case .signOff: return .signOff
        }
    }
}

/// Whose publication a file is (`公开稿 单位决算`): a 部门's (the default) or one 单位's own 单位预算 / 单位决算
/// (Sichuan, Guangxi, Zhejiang units publish their own). A 单位's 说明 says 本单位, its titles 单位预算/单位决算.
public enum Publisher: String, CaseIterable, Sendable {
    case department = "部门", unit = "单位"

    /// `公开稿 单位` or the publication's own word, `公开稿 单位决算` (checked against the file's kind).
    static func named(_ word: String) -> (Publisher, DocumentKind?)? {
        for p in allCases {
            if word == p.rawValue { return (p, nil) }
            for kind in [DocumentKind.budget, .actuals] where word == p.rawValue + kind.rawValue { return (p, kind) }
        }
        return nil
    }

    /// A sentence of the 说明 or a template's empty-table reason in the publisher's voice: “本部门” → “本单位”.
    public func speaking(_ text: String) -> String {
        self == .unit ? text.replacingAll("本部门", with: "本单位") : text
    }

    /// A heading of the 说明: a 单位's first part is its 单位概况.
    public func heading(_ title: String) -> String {
        self == .unit ? title.replacingAll("部门概况", with: "单位概况") : title
    }

    /// A title of the table set or of the 说明 (“2022年度部门决算”) as this publisher's (“2022年度单位决算”).
    /// Only the publication's name changes: 部门预算支出经济分类 and 部门（单位） stay.
    public func retitle(_ title: String) -> String {
        guard self == .unit else { return title }
        return title.replacingAll("部门决算", with: "单位决算").replacingAll("部门综合预算", with: "单位综合预算")
            .replacingAll("部门预算公开", with: "单位预算公开").replacingAll("部门预算图表", with: "单位预算图表")
            .replacingAll("年部门预算", with: "年单位预算")
    }
}

/// `未公开 三公 机关运行经费`: what a budget copied from part of a publication (only its 收支总表, only a 绩效目标表)
/// does not know. Such a figure is unknown, not 0: the 说明 leaves out its sentences and the rules about it stay silent.
public enum UnpublishedFigure: String, CaseIterable, Sendable, Hashable {
    case sanGong = "三公", meeting = "会议费", training = "培训费", runningCost = "机关运行经费"
    case basicSpending = "基本支出", procurement = "政府采购", performance = "绩效目标"

    static let aliases: [String: UnpublishedFigure] = ["“三公”经费": .sanGong, "三公经费": .sanGong, "运行经费": .runningCost, "绩效": .performance]

    public static func named(_ word: String) -> UnpublishedFigure? { UnpublishedFigure(rawValue: word) ?? aliases[word] }

    /// The word in the title of the table that prints this figure alone (一般公共预算“三公”经费支出表), whose
    /// 目录 line then says the publication does not give it; nil for a figure no table prints alone.
    var tableTitleWord: String? {
        switch self {
        case .sanGong: return "三公"
        case .basicSpending: return "基本支出"
        case .procurement: return "政府采购"
        case .performance: return "绩效"
        case .runningCost: return "机关运行经费"
        case .meeting, .training: return nil
        }
    }
}

/// The statements at the top level of a file, for both kinds of document: a misspelled one is an
/// error with a did-you-mean among the statements of that kind.
public enum Keyword: String, CaseIterable, Sendable {
    // Both kinds
    case department = "部门", defaultUnit = "金额单位", unit = "单位", income = "收入", basic = "基本支出", sanGong = "三公"
    case allow = "允许", catalog = "分类目录", include = "包含", assets = "资产", publicationUnit = "公开金额单位"
    case publisher = "公开稿"
    // Budget (未公开: figures of a partial publication, 24.2's word for a budget) (保密审查 and 负责人审签 also in a 决算, for a set whose cover prints them)
    case year = "年度", value = "设", project = "项目", carriedProject = "结转项目", remittance = "上缴上级支出"
    case operating = "经营支出", subsidiary = "对附属单位补助支出", departmentPerformance = "部门绩效", topics = "说明"
    case emptyTable = "空表", previousBudget = "上年预算", previousActuals = "上年决算", secrecy = "保密审查"
    case signOff = "负责人审签", thresholds = "变动阈值", tableSet = "报表", overview = "部门概况", unpublished = "未公开"
    // 决算
    case actuals = "决算", staff = "实有人数", openingBalance = "年初结转结余", closingBalance = "年末结转结余", spending = "支出"
    case meeting = "会议费", training = "培训费", runningCost = "机关运行经费", procurement = "政府采购"

    static let aliases: [String: Keyword] = [
        "审签": .signOff, "目录": .catalog, "include": .include, "事业单位经营支出": .operating, "对附属单位补助": .subsidiary,
        "年初结转和结余": .openingBalance, "年末结转和结余": .closingBalance, "公开单位": .publicationUnit,
    ]

    public static func named(_ word: String) -> Keyword? { Keyword(rawValue: word) ?? aliases[word] }

    static let budgetOnly: Set<Keyword> = [.year, .value, .project, .carriedProject, .remittance, .operating, .subsidiary,
                                           .departmentPerformance, .previousBudget, .thresholds, .overview, .unpublished]
    static let actualsOnly: Set<Keyword> = [.actuals, .staff, .openingBalance, .closingBalance, .spending, .meeting, .training,
                                            .runningCost, .procurement]

    /// The statements a document of this kind may have.
    public static func allowed(in kind: DocumentKind) -> [Keyword] {
        allCases.filter { kind == .budget ? !actualsOnly.contains($0) : !budgetOnly.contains($0) }
    }
}
