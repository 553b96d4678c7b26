/// A 决算 (final accounts): what a department actually received and spent in a year, as its
/// publication prints it (公开01–09表 and the 说明, reference 002). Written in the budget
/// language with the kind line `决算 2024`; read by the same `Resolver`.
///
/// Publications differ in how much detail they give, so the model keeps every figure at the
/// level it is known: function 项 × 基本/项目 lines (公开03/05), economic 款 of 基本支出 (公开06),
/// and published aggregates where only those are printed (类/款 subtotals, 人员经费/公用经费,
/// 301/302 class totals, 三公 预算数/决算数, 会议费, 培训费, 机关运行经费, 结转结余, assets).
/// The published aggregates are checked against the detail (`actuals-parts`), so tables can
/// later be built from either.
public struct Actuals: Sendable {
    public var year = 0
    public var yearSpan: SourceSpan?
    public var departmentCode = ""
    public var departmentName = ""
    public var departmentSpan: SourceSpan?
    public var defaultUnitIsWan = true
    /// `公开金额单位 元` and the unit in effect, as for a budget (`Budget.publicationUnit`, `displayUnit`).
    public var publicationUnit: (unit: MoneyUnit, span: SourceSpan)?
    public var displayUnit = MoneyUnit.wanYuan
    /// `保密审查`, `负责人审签`: printed on the cover when the table set prints them (陕西 决算 covers do).
    public var secrecyReview = ""
    public var headSignOff = ""
    /// `公开稿 单位决算`: one unit's own 决算 (as `Budget.publisher`).
    public var publisher = Publisher.department
    public var units: [Unit] = []
    /// `实有人数 N`: 年末实有人数 of the whole department, when units are not listed.
    public var staff: Int?
    public var staffSpan: SourceSpan?
    public var incomes: [ActualIncome] = []
    /// 年初结转和结余 / 年末结转和结余 by source (`source` nil: only the total is published).
    public var balances: [ActualBalance] = []
    /// Totals written as `未公开`: not known (last year rebuilt from a few “较上年” figures), so nothing is
    /// balanced or compared with them.
    public var unpublished: Set<UnpublishedTotal> = []
    /// 支出: one line per function 项 (and economic 款 when known).
    public var lines: [ActualLine] = []
    /// 基本支出 by economic 款 (公开06表).
    public var basicEconomic: [ActualEconomic] = []
    /// Totals printed beside the detail: 类/款 rows, 合计, 人员经费, 公用经费, 301 …
    public var published: [PublishedTotal] = []
    public var sanGong: [ActualSanGong] = []
    /// `合计 预算 5.86 决算 5.86` under 三公.
    public var sanGongTotal: ActualFigure?
    /// `合计 未公开` under 三公: the publication's 三公 total is not known (only some parts are), so neither is
    /// any part not written — the written parts are not the whole.
    public var sanGongTotalUnpublished = false
    /// `未细分 预算 1 决算 0.5`: the part of the 三公 合计 the publication does not break down into the four parts.
    public var sanGongUndetailedFigure: ActualFigure?
    public static let undetailedWord = "未细分"
    public var meetings: ActualFigure?
    public var training: ActualFigure?
    public var runningCost: ActualFigure?
    public var procurement: [String: Money] = [:]
    /// `资产`: vehicles and large equipment held at the end of the year.
    public var assets = AssetsHeld()
    public var allows: [String: Reason] = [:]
    /// `空表 公开07表 "理由"`: the 目录's reason for an empty table of the 决算 publication.
    public var emptyTableReasons: [String: Reason] = [:]
    /// `说明` block: the reasons the 决算说明 gives (话题 收入/支出/总体/三公…, or a function code).
    public var topicReasons: [String: Reason] = [:]
    /// `说明` lines `话题 较预算 "……"`: why the 决算数 differs from the 预算数 (三公, 机关运行经费, a function code).
    public var budgetReasons: [String: Reason] = [:]
    /// `报表 决算` (or a folder): the table set of the 决算 publication.
    public var tableSet: (name: String, span: SourceSpan)?
    /// `上年决算 "文件"`: last year's 决算, for the 说明's 较上年 sentences.
    public var previousActualsPath: (path: String, span: SourceSpan)?
    /// Last year's 决算 once the pipeline has read it (boxed: a 决算 cannot hold a 决算 by value).
    public var previous: PreviousActuals?
    /// The catalog the codes were checked against (names are compared with it by the rules).
    public var catalog = Catalog()
    /// The kind line `决算 2024`.
    public var span: SourceSpan?

    /// Lines grouped once (by 项, 款 and 类 code), so that comparisons stay linear in the size of the 决算.
    public private(set) var linesOfCode: [String: [Int]] = [:]

    public init() {}

    /// Builds `linesOfCode`; the resolver calls it when the file is read.
    mutating func index() {
        linesOfCode = [:]
        for (i, line) in lines.enumerated() {
            for length in Set([3, 5, line.functionCode.count]) where line.functionCode.count >= length {
                linesOfCode[String(line.functionCode.prefix(length)), default: []].append(i)
            }
        }
    }

    public func unit(_ code: String) -> Unit? { units.first { $0.code == code } }

    // MARK: - Figures computed from the detail

    /// The lines of one function 项, 款 or 类.
    public func lines(ofFunction code: String) -> [ActualLine] { (linesOfCode[code] ?? []).map { lines[$0] } }

    /// Spending of one function 项 (or 类/款).
    public func spending(functionPrefix prefix: String) -> Money {
        lines(ofFunction: prefix).reduce(.zero) { $0 + $1.total }
    }

    /// 项 codes with spending, each once, sorted.
    public var functionCodes: [String] { Array(Set(lines.map(\.functionCode))).sorted() }

    /// 支出合计: the lines, or the published 合计 when no line is written.
    public var totalSpending: Money {
        lines.isEmpty ? (publishedTotal("合计") ?? .zero) : lines.reduce(.zero) { $0 + $1.total }
    }

    public var basicSpending: Money? {
        let known = lines.compactMap(\.basic)
        return known.isEmpty ? nil : known.reduce(.zero, +)
    }

    public var projectSpending: Money? {
        let known = lines.compactMap(\.project)
        return known.isEmpty ? nil : known.reduce(.zero, +)
    }

    public func income(_ source: FundingSource? = nil) -> Money {
        incomes.reduce(.zero) { source == nil || $1.source == source ? $0 + $1.amount : $0 }
    }

    public func publishedTotal(_ label: String, unit: String? = nil) -> Money? {
        published.first { $0.label == label && $0.unitCode == unit }?.amount
    }

    /// 人员经费: the economic 款 of classes 301 and 303 when listed, else their published class
    /// totals, else the published 人员经费 total.
    public var personnel: Money? { basicByClass(personnel: true) ?? publishedTotal("人员经费") }

    /// 公用经费: every other class of 基本支出, with the same fallbacks.
    public var publicUse: Money? { basicByClass(personnel: false) ?? publishedTotal("公用经费") }

    func basicByClass(personnel: Bool) -> Money? {
        let rows = basicEconomic.filter { EconomicCodes.isPersonnel($0.code) == personnel }
        if !rows.isEmpty { return rows.reduce(.zero) { $0 + $1.amount } }
        let classes = published.filter { $0.label.count == 3 && $0.label.first == "3" && $0.unitCode == nil && EconomicCodes.isPersonnel($0.label) == personnel }
        return classes.isEmpty ? nil : classes.reduce(.zero) { $0 + $1.amount }
    }

    /// 三公 part over every unit: (预算数, 决算数); nil when the 决算 does not state the part.
    public func sanGong(_ part: SanGongPart, unit: String? = nil) -> (budget: Money?, actual: Money)? {
        let rows = sanGong.filter { $0.part == part && (unit == nil || $0.unitCode == unit) }
        guard !rows.isEmpty else { return nil }
        let budgets = rows.compactMap(\.figure.budget)
        return (budgets.isEmpty ? nil : budgets.reduce(.zero, +), rows.reduce(.zero) { $0 + $1.figure.actual })
    }

    /// The printed 合计 when there is one (it may differ from the sum of the parts by 尾数).
    public var sanGongActualTotal: Money? {
        if sanGongTotalUnpublished { return nil }
        return sanGongTotal?.actual ?? (sanGong.isEmpty && sanGongUndetailedFigure == nil ? nil
            : sanGong.reduce(.zero) { $0 + $1.figure.actual } + (sanGongUndetailedFigure?.actual ?? .zero))
    }

    /// The 三公 money attributed to no part (`未细分`), as (预算数, 决算数).
    public var sanGongUndetailed: (budget: Money?, actual: Money)? {
        sanGongUndetailedFigure.map { ($0.budget, $0.actual) }
    }

    /// Whether the parts written are not all of the 三公 (a `未细分` rest, or the 合计 `未公开`): a part not
    /// written is then unknown, not 0.
    public var sanGongPartsIncomplete: Bool { sanGongTotalUnpublished || sanGongUndetailedFigure != nil
    }

    public func quantity(_ part: SanGongPart, _ label: String) -> Int? {
        let values = sanGong.filter { $0.part == part }.compactMap { $0.quantities[label] }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// 年末实有人数: `实有人数`, else the 实有 of the units.
    public var staffTotal: Int? {
        if let staff { return staff }
        let written = units.filter { $0.actual.total > 0 }
        return written.isEmpty ? nil : written.reduce(0) { $0 + $1.actual.total }
    }
}

public final class PreviousActuals: Sendable {
    public let actuals: Actuals
    public init(_ actuals: Actuals) { self.actuals = actuals }
}

/// One published figure with the budget it was executed against, where the publication prints it.
public struct ActualFigure: Sendable {
    /// 决算数.
    public var actual: Money
    /// 预算数 (全年预算, 调整后) as printed beside the 决算数 (公开09表, 说明 十).
    public var budget: Money?
    public var span: SourceSpan
}

public struct ActualIncome: Sendable {
    public var unitCode: String?
    public var source: FundingSource
    public var amount: Money
    public var initialBudget: Money?
    public var adjustedBudget: Money?
    public var span: SourceSpan
}

public struct ActualBalance: Sendable {
    public enum Moment: String, Sendable { case opening = "年初结转结余", closing = "年末结转结余" }
    public var moment: Moment
    public var unitCode: String?
    /// nil: only the total of all sources is published.
    public var source: FundingSource?
    public var amount: Money
    public var span: SourceSpan
}

/// One row of 支出 (公开03/05表): a function 项, optionally an economic 款, with 基本/项目 when known.
public struct ActualLine: Sendable {
    public var unitCode: String?
    public var functionCode: String
    public var functionSpan: SourceSpan
    public var economicCode: String?
    public var name: String?
    public var nameSpan: SourceSpan?
    public var source: FundingSource
    /// 基本支出 / 项目支出; nil when the publication prints only the total.
    public var basic: Money?
    public var project: Money?
    /// The total, when written apart from the parts (a pasted 公开05 row: 小计 基本 项目).
    public var statedTotal: Money?
    /// 年初预算数 and 调整预算数 (全年预算数), where the publication prints them.
    public var initialBudget: Money?
    public var adjustedBudget: Money?
    public var reason: Reason?
    public var span: SourceSpan

    /// The spending of the line: its parts, or its stated total.
    public var total: Money {
        if basic == nil && project == nil { return statedTotal ?? .zero }
        return (basic ?? .zero) + (project ?? .zero)
    }
}

/// One economic 款 of 基本支出 (公开06表).
public struct ActualEconomic: Sendable {
    public var unitCode: String?
    public var code: String
    public var name: String?
    public var nameSpan: SourceSpan?
    public var amount: Money
    public var span: SourceSpan
}

/// A total printed in the publication: a function 类/款 row, a class total such as 301, 人员经费,
/// 公用经费, or 合计. Kept to check that the detail adds up to it.
/// A total a 决算 says it does not know (`合计 未公开` under 收入, `年初结转结余 未公开`, `本年支出合计 未公开`).
public enum UnpublishedTotal: String, Sendable, CaseIterable {
    case income = "收入合计", opening = "年初结转结余", closing = "年末结转结余", allSpending = "本年支出合计"
    static let word = "未公开"
}

public struct PublishedTotal: Sendable {
    /// The label of the 支出 block's `本年支出合计` row: spending of every source (公开01/03), where `合计` is 公开05's.
    public static let allSourcesLabel = "本年支出合计"
    /// The label of `未分类 145.80` under 支出: 一般公共预算 spending the publication gives in its 合计 but under no
    /// named 类 (a 说明 naming only some 类). Part of the detail, never a 类 row.
    public static let unclassifiedLabel = "未分类"
    /// The label of `未列明 117.06` under 收入: income in the published 收入合计 whose sources the publication does
    /// not list (it lists only some, e.g. “经营收入 0、其他收入 0”). Part of the detail, never a source.
    public static let unlistedIncomeLabel = "未列明"

    /// "合计", "人员经费", "公用经费", "基本支出", "项目支出", or a code (3/5 digits).
    public var label: String
    /// Which detail it totals: 支出 lines (function codes) or 基本支出 (economic codes).
    public var economic: Bool
    public var unitCode: String?
    public var amount: Money
    /// The 基本/项目 columns of a pasted 合计 or 类/款 row, when printed.
    public var basic: Money?
    public var project: Money?
    /// 年初预算 of the 合计 row, when the publication states the total apart from the items' (决算说明五（三）).
    public var initialBudget: Money?
    /// `原因` on the `合计` row: why 一般公共预算 spending differs from its 年初预算 (决算说明五).
    public var reason: Reason? = nil
    public var name: String?
    public var nameSpan: SourceSpan?
    public var span: SourceSpan
}

public struct ActualSanGong: Sendable {
    public var unitCode: String?
    public var part: SanGongPart
    public var figure: ActualFigure
    public var quantities: [String: Int] = [:]
}
