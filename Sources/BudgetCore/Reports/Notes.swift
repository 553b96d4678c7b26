/// The 说明 (explanatory text): 第一部分 部门概况 (the `部门概况` block's text, the units and the
/// headcount), 第二部分 收支情况 and 第三部分 其他情况, generated from the compiled budget: every number
/// from the budget, every 主要原因 from a reason written in it. 第四部分 is the tables themselves.
/// A sentence that needs a reason that is missing says only what is true (the amount and the
/// change) and the missing reason is reported as a diagnostic naming the line.
public struct Notes: Sendable {
    /// A value in a table of the 说明: typed, so the workbook stores numbers as numbers and dates as dates.
    public enum Value: Sendable, Hashable {
        case text(String)
        case integer(Int)
        case money(Money)
        case date(year: Int, month: Int, day: Int)

        public func display(in unit: MoneyUnit) -> String {
            switch self {
            case .text(let s): return s
            case .integer(let n): return String(n)
            case .money(let m): return unit.exact(m)
            case .date(let y, let m, let d): return "\(y)年\(m)月\(d)日"
            }
        }

        /// `2024-04-01` (or 2024年4月1日, 2024.4.1, 2024/4/1) as a date; nil for anything else.
        static func date(_ text: String) -> Value? {
            let parts = text.split(whereSeparator: { c in
                switch c { // not `"-./年月日".contains(c)`, which walked that string's Characters for every character
                case "-", ".", "/", "年", "月", "日": return true
                default: return false
                }
            }).map(String.init)
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1900...2999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
            return .date(year: y, month: m, day: d)
        }
    }

    public enum Paragraph: Sendable {
        case text(String)
        /// A table; `unit` is its 单位 caption (单位：万元 or 单位：元) when it holds money.
        case table(caption: String, unit: String?, headers: [String], rows: [[Value]])
    }

    public struct Section: Sendable {
        public var level: Int
        public var title: String
        public var paragraphs: [Paragraph]
    }

    public var title: String
    /// The unit every amount is written in (the publication's, `MoneyUnit`).
    public var unit = MoneyUnit.wanYuan
    public var sections: [Section] = []
    public var diagnostics: [Diagnostic] = []
    /// For each `notes-reason` diagnostic (by index): the 说明 topics its sentences take their reason from.
    public var reasonTopics: [Int: [String]] = [:]

    public static let reasonRuleID = "notes-reason"

    /// 政府经济 类 → the 部门经济 类 whose reason it shares when it has none of its own.
    static let governmentToDepartmentClass = ["501": "301", "502": "302", "503": "310", "504": "309", "505": "301", "506": "310",
                                              "507": "312", "508": "311", "509": "303", "510": "313", "511": "307", "599": "399"]

    /// `unit`: the publication's; by default the budget's `displayUnit`.
    public static func generate(_ b: EvaluatedBudget, unit: MoneyUnit? = nil) -> Notes {
        let publisher = b.budget.publisher
        var notes = Notes(title: publisher.retitle("\(b.budget.departmentName)\(b.budget.year)年部门预算公开说明"), unit: unit ?? b.budget.displayUnit)
        notes.build(b)
        // A 单位预算 speaks as 本单位 (`公开稿 单位预算`).
        for s in notes.sections.indices {
            notes.sections[s].title = publisher.heading(notes.sections[s].title)
            notes.sections[s].paragraphs = notes.sections[s].paragraphs.map {
                if case .text(let text) = $0 { return .text(publisher.speaking(text)) }
                return $0
            }
        }
        return notes
    }

    /// The chapters (一、二、…) are numbered in order, so a 说明 without 工作任务 has no gap.
    var chapterCount = 0

    mutating func section(_ level: Int, _ title: String) {
        sections.append(Section(level: level, title: title, paragraphs: []))
    }

    /// A chapter heading: "五、收支说明".
    mutating func chapter(_ title: String) {
        chapterCount += 1
        section(2, Notes.chineseNumeral(chapterCount) + "、" + title)
    }

    /// 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (up to 99).
    static func chineseNumeral(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + (n % 10 == 0 ? "" : digits[n % 10])
    }

    mutating func append(_ paragraph: String) {
        sections[sections.count - 1].paragraphs.append(.text(paragraph))
    }

    /// “1494.6 万元” or “14,946,000 元”.
    func amount(_ m: Money) -> String { unit.amount(m) }

    /// "，较上年增加 X 万元，主要原因是R" — or without the reason clause (and a diagnostic) when
    /// the change needs a reason none was written for.
    /// `reportMissing` is false where another rule (change-needs-reason) already reports the same missing reason.
    /// The sentence names its basis: "较上年预算" (上年预算, or the 预算数 a 决算 prints) or "较上年决算".
    /// `topics`: the 说明 topics the sentence takes its reason from, for `允许 notes-reason 话题 "理由"`.
    mutating func change(_ last: LastYearFigure?, _ new: Money, reason: Reason?, topics: [String] = [], subject: String, at span: SourceSpan?,
                         in b: EvaluatedBudget, reportMissing: Bool = true) -> String {
        guard let last else { return "" }
        let old = last.amount
        let delta = new - old
        if delta.isZero { return "，与\(last.basis.rawValue)持平" }
        var text = "，\(last.basis.comparison)\(delta.fen > 0 ? "增加" : "减少") \(amount(Money(fen: abs(delta.fen))))"
        let pct = Change.percent(delta, of: old)
        if !pct.isEmpty && subject.hasPrefix("“三公”") { text += "（\(pct.hasPrefix("+") ? String(pct.dropFirst()) : pct)）" }
        if let reason, !reason.text.isEmpty {
            text += "，" + Reasons.mainReason(reason)
        } else if reportMissing && Change.needsReason(old: old, new: new, in: b) {
            let what = "\(Change.describe(in: b, old, new, basis: last.basis))，缺少原因"
            // Sentences of the same change at the same place (预算收入, 财政拨款收入 …) take one reason: one warning names them all.
            if let same = diagnostics.lastIndex(where: { $0.id == Notes.reasonRuleID && $0.span == span && $0.message.hasSuffix("”" + what) }) {
                diagnostics[same].message = String(diagnostics[same].message.dropLast(what.count)) + "、“\(subject)”" + what
                reasonTopics[same, default: []] += topics.filter { !(reasonTopics[same] ?? []).contains($0) }
            } else {
                reasonTopics[diagnostics.count] = topics
                diagnostics.append(Diagnostic(.warning, Notes.reasonRuleID, "预算说明中“\(subject)”" + what,
                                              at: span, hint: "在 说明 块中写原因（见 budgetc explain notes-reason）；说明中这句话将不写原因"))
            }
        }
        return text
    }

    mutating func build(_ b: EvaluatedBudget) {
        let previous = b.previous?.budget
        let actuals = previous == nil ? b.previous?.actuals : nil
        // Last year's figure: from 上年预算, else from the 决算 (nil where the 决算 does not publish it).
        func last(_ fromBudget: (EvaluatedBudget) -> Money, _ fromActuals: (Actuals) -> Money?) -> LastYearFigure? {
            if let previous { return LastYearFigure(amount: fromBudget(previous), basis: .budget) }
            if let actuals, let value = fromActuals(actuals) { return LastYearFigure(amount: value, basis: .actuals) }
            return nil
        }
        // Spending of the given sources in the 决算: its lines, or (一般公共预算) the published 合计/类/款 it was
        // copied as; nil where it publishes neither.
        func spent(_ a: Actuals, _ sources: Set<FundingSource>) -> Money? {
            let published = sources.contains(.generalBudget) && a.published.contains { !$0.economic && ($0.label == "合计" || $0.label.first?.isASCIIDigit == true) }
            return a.lines.isEmpty && !published ? nil : ActualsFigures.spending(a, sources: sources).total
        }
        let general = b.lines.filter { $0.line.source == .generalBudget }
        let firstSpan = b.budget.incomes.first?.span ?? b.budget.departmentSpan
        func topic(_ names: String...) -> Reason? { names.lazy.compactMap { Reasons.topic($0, in: b) }.first }

        buildOverview(b)

        section(1, "第二部分 收支情况")
        chapter("收支说明")

        // （一）收支预算总体情况
        let income = b.income { _ in true }
        let spending = b.total { _ in true }
        let generalSpending = b.total { $0.line.source == .generalBudget }
        // A 决算 total written as 未公开 is not compared with.
        // `上年预算 收入 N 支出 N`: last year's budget known only by these totals.
        let previousIncome = b.previous?.total(.income)
            ?? last({ $0.income { _ in true } }, { $0.incomes.isEmpty || $0.unpublished.contains(.income) ? nil : $0.income() })
        let previousSpending = b.previous?.total(.spending)
            ?? last({ $0.total { _ in true } }, { ($0.lines.isEmpty && $0.publishedTotal("合计") == nil) || $0.unpublished.contains(.allSpending) ? nil : $0.totalSpending })
        func sourceBreakdown(_ amounts: [(FundingSource, Money)], verb: String) -> String {
            // “上级补助收入”, “事业收入” already say 收入: no “事业收入收入”.
            let present = amounts.filter { !$0.1.isZero }
            var parts = present.filter { !$0.0.isCarryOver }.map { "\($0.0.rawValue)\($0.0.rawValue.hasSuffix(verb) ? "" : verb) \(amount($0.1))" }
            // The carry-overs read as one 上年结转, with the 财政拨款 it came from where the budget names it (as publications write it).
            let carried = present.filter { $0.0.isCarryOver }
            if !carried.isEmpty {
                let named = carried.filter { $0.0 != .carriedOverFiscal }.map { s, m -> String in
                    let fund: String
                    switch s {
                    case .carriedOverGeneral: fund = FundingSource.generalBudget.rawValue
                    case .carriedOverFund: fund = FundingSource.governmentFund.rawValue
                    default: fund = FundingSource.stateCapital.rawValue
                    }
                    return "\(fund) \(amount(m))"
                }
                parts.append("上年结转\(verb) \(amount(carried.reduce(.zero) { $0 + $1.1 }))" + (named.isEmpty ? "" : "（其中" + named.joined(separator: "、") + "）"))
            }
            return parts.isEmpty ? "" : "，其中" + parts.joined(separator: "、")
        }
        let incomeBySource = FundingSource.allCases.map { s in (s, b.income { $0.entry.source == s }) }
        let spendingBySource = FundingSource.allCases.map { s in (s, b.total { $0.line.source == s }) }
        section(3, "（一）收支预算总体情况")
        append("按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理。本部门当年预算收入 \(amount(income))"
               + sourceBreakdown(incomeBySource, verb: "收入")
               + change(previousIncome, income, reason: topic("收入", "总体"), topics: ["收入", "总体"], subject: "预算收入", at: firstSpan, in: b)
               + "；本部门当年预算支出 \(amount(spending))" + sourceBreakdown(spendingBySource, verb: "支出")
               + change(previousSpending, spending, reason: topic("支出", "总体", "收入"), topics: ["支出", "总体", "收入"], subject: "预算支出", at: firstSpan, in: b) + "。")

        // （二）财政拨款收支情况
        let fiscalIncome = b.income { $0.entry.source.isFiscal }
        let fiscalSpending = b.total { $0.line.source.isFiscal }
        section(3, "（二）财政拨款收支情况")
        append("本部门当年财政拨款收入 \(amount(fiscalIncome))" + sourceBreakdown(incomeBySource.filter { $0.0.isFiscal }, verb: "收入")
               + change(last({ $0.income { $0.entry.source.isFiscal } }, { a in a.incomes.isEmpty ? nil : a.incomes.reduce(.zero) { $1.source.isFiscal ? $0 + $1.amount : $0 } }), fiscalIncome, reason: topic("收入", "总体"), topics: ["收入", "总体"], subject: "财政拨款收入", at: firstSpan, in: b)
               + "；本部门当年财政拨款支出 \(amount(fiscalSpending))" + sourceBreakdown(spendingBySource.filter { $0.0.isFiscal }, verb: "支出")
               + change(last({ $0.total { $0.line.source.isFiscal } }, { spent($0, [.generalBudget, .governmentFund, .stateCapital]) }), fiscalSpending, reason: topic("支出", "总体", "收入"), topics: ["支出", "总体", "收入"], subject: "财政拨款支出", at: firstSpan, in: b) + "。")

        // （三）一般公共预算拨款支出明细情况
        section(3, "（三）一般公共预算拨款支出明细情况")
        section(4, "1. 一般公共预算当年拨款规模变化情况")
        append("本部门当年一般公共预算拨款支出 \(amount(generalSpending))"
               + change(last({ $0.total { $0.line.source == .generalBudget } }, { spent($0, [.generalBudget]) }), generalSpending, reason: topic("支出", "总体", "收入"), topics: ["支出", "总体", "收入"],
                        subject: "一般公共预算拨款支出", at: firstSpan, in: b) + "。")
        // Its two parts, as publications state them (“其中：基本支出……；项目支出……”); 项目支出 is the rest, so the parts add up.
        // Last year's 决算 gives them only where every line is split into 基本/项目.
        // With 基本支出 未公开 the split is not known (a file of projects only has no 基本支出 lines, not 0 of them).
        if !generalSpending.isZero && !b.budget.unpublished.contains(.basicSpending) {
            let basic = b.total { $0.line.source == .generalBudget && $0.line.kind.isBasic }
            func splitActuals(_ a: Actuals, basic wanted: Bool) -> Money? {
                let lines = a.lines.filter { $0.source == .generalBudget }
                guard !lines.isEmpty, lines.allSatisfy({ $0.basic != nil || $0.project != nil }) else { return nil }
                return lines.reduce(.zero) { $0 + ((wanted ? $1.basic : $1.project) ?? .zero) }
            }
            let lastBasic = last({ $0.total { $0.line.source == .generalBudget && $0.line.kind.isBasic } }, { splitActuals($0, basic: true) })
            let lastProjects = last({ $0.total { $0.line.source == .generalBudget && !$0.line.kind.isBasic } }, { splitActuals($0, basic: false) })
            append("其中：基本支出 \(amount(basic))"
                   + change(lastBasic, basic, reason: topic(Topic.basicSpending.rawValue), subject: "基本支出", at: firstSpan, in: b, reportMissing: false)
                   + "；项目支出 \(amount(generalSpending - basic))"
                   + change(lastProjects, generalSpending - basic, reason: topic(Topic.projectSpending.rawValue), subject: "项目支出", at: firstSpan, in: b, reportMissing: false)
                   + "。")
            // The national pattern's “人员经费 X 万元，主要包括：基本工资、津贴补贴……；公用经费 Y 万元，主要包括：办公费……”:
            // the 款 the budget has under each, in code order (a 302 款 written under 人员经费 stays there, as published).
            let parts: [String] = [SpendingKind.personnel, .publicUse].compactMap { kind in
                var byCode: [String: Money] = [:]
                for line in general where line.line.kind == kind { byCode[line.line.economicCode, default: .zero] += line.amount }
                let total = byCode.values.reduce(.zero, +)
                guard !total.isZero else { return nil }
                let names = byCode.filter { !$0.value.isZero }.keys.sorted().map { b.catalog.economicDepartment[$0] ?? $0 }
                return "\(kind.rawValue) \(amount(total))，主要包括：" + names.joined(separator: "、")
            }
            if !parts.isEmpty { append("基本支出中，" + parts.joined(separator: "；") + "。") }
        }

        section(4, "2. 支出按功能科目分类的明细情况")
        append("本部门当年一般公共预算支出 \(amount(generalSpending))，其中：")
        let previousGeneral = previous.map { $0.lines.filter { $0.line.source == .generalBudget } } ?? []
        let actualCodes = actuals.map { $0.lines.filter { $0.source == .generalBudget }.map(\.functionCode) } ?? []
        let functionCodes = Set(general.map(\.line.functionCode)).union(previousGeneral.map(\.line.functionCode)).union(actualCodes).sorted()
        let byFunction = CodeTotals(general) { $0.line.functionCode }
        let previousByFunction = CodeTotals(previousGeneral) { $0.line.functionCode }
        for (n, code) in functionCodes.enumerated() {
            let new = byFunction.total(prefix: code) // as Aggregates.generalBudget(b, functionPrefix: code)
            let old = last({ _ in previousByFunction.total(prefix: code) }, { a in a.lines.isEmpty ? nil : a.lines(ofFunction: code).reduce(.zero) { $1.source == .generalBudget ? $0 + $1.total : $0 } })
            let name = b.catalog.function[code] ?? ""
            let span = byFunction.first(code: code).map { general[$0].line.functionSpan } ?? b.budget.previousBudgetPath?.span ?? b.budget.previousActualsPath?.span
            append("(\(n + 1)) \(name)（\(code)）\(amount(new))"
                   + change(old, new, reason: Reasons.forCode(code, in: b, economic: false), topics: [code], subject: "\(name)（\(code)）", at: span, in: b,
                            reportMissing: false) + "。")
        }

        section(4, "3. 支出按经济科目分类的明细情况")
        section(5, "(1) 按照部门预算支出经济分类的类级科目说明")
        var departmentSentences: [String] = []
        // 类 whose missing reason is reported here: a 政府经济 类 falling back to one of them is not reported again.
        var unexplainedDepartmentClasses: Set<String> = []
        let byEconomic = CodeTotals(general) { $0.line.economicCode }
        let previousByEconomic = CodeTotals(previousGeneral) { $0.line.economicCode }
        let departmentClasses = Set(byEconomic.codes.map(Codes.classOf)).union(previousByEconomic.codes.map(Codes.classOf)).sorted()
        for klass in departmentClasses {
            let new = byEconomic.total(prefix: klass) // as Aggregates.generalBudget(b, economicPrefix: klass)
            let old = previous.map { _ in LastYearFigure(amount: previousByEconomic.total(prefix: klass), basis: .budget) }
            let name = b.catalog.economicDepartment[klass] ?? ""
            let span = byEconomic.first(prefix: klass).map { general[$0].line.economicSpan } ?? b.budget.previousBudgetPath?.span
            let reason = Reasons.topic(klass, in: b)
            if reason == nil, let old, Change.needsReason(old: old.amount, new: new, in: b) { unexplainedDepartmentClasses.insert(klass) }
            departmentSentences.append("\(name)（\(klass)）\(amount(new))"
                                       + change(old, new, reason: reason, topics: [klass], subject: "\(name)（\(klass)）", at: span, in: b))
        }
        append("本部门当年一般公共预算支出 \(amount(generalSpending))，其中：" + departmentSentences.joined(separator: "；") + "。")

        section(5, "(2) 按照政府预算支出经济分类的类级科目说明")
        var governmentSentences: [String] = []
        let byGovernment = CodeTotals(general) { $0.governmentCode }
        let previousByGovernment = CodeTotals(previousGeneral) { $0.governmentCode }
        let governmentClasses = Set(byGovernment.codes.map(Codes.classOf)).union(previousByGovernment.codes.map(Codes.classOf)).sorted()
        for klass in governmentClasses {
            let new = byGovernment.total(prefix: klass) // as Aggregates.generalBudget(b, governmentPrefix: klass)
            let old = previous.map { _ in LastYearFigure(amount: previousByGovernment.total(prefix: klass), basis: .budget) }
            let name = b.catalog.economicGovernment[klass] ?? ""
            let reason = Reasons.topic(klass, in: b) ?? Notes.governmentToDepartmentClass[klass].flatMap { Reasons.topic($0, in: b) }
            let span = byGovernment.first(prefix: klass).map { general[$0].line.economicSpan } ?? b.budget.previousBudgetPath?.span
            let reportedAsDepartmentClass = Notes.governmentToDepartmentClass[klass].map(unexplainedDepartmentClasses.contains) ?? false
            governmentSentences.append("\(name)（\(klass)）\(amount(new))" + change(old, new, reason: reason, topics: [klass], subject: "\(name)（\(klass)）", at: span, in: b,
                                                                                    reportMissing: !reportedAsDepartmentClass))
        }
        append("本部门当年一般公共预算支出 \(amount(generalSpending))，其中：" + governmentSentences.joined(separator: "；") + "。")

        // （四）（五）政府性基金, 国有资本经营
        let fund = b.total { $0.line.source == .governmentFund }
        section(3, "（四）政府性基金预算支出情况")
        // The carried-over 政府性基金, where the budget names it, is stated after this year's.
        let carriedFund = b.total { $0.line.source == .carriedOverFund }
        let carriedClause = carriedFund.isZero ? "" : "；另安排上年结转的政府性基金 \(amount(carriedFund))"
        append(fund.isZero ? (carriedFund.isZero ? "本部门无当年政府性基金预算收支，并已公开空表。" : "本部门无当年政府性基金预算拨款支出\(carriedClause)。")
               : "本部门当年政府性基金预算拨款支出 \(amount(fund))" + change(last({ $0.total { $0.line.source == .governmentFund } }, { spent($0, [.governmentFund]) }), fund,
                                                                         reason: topic("政府性基金"), topics: ["政府性基金"], subject: "政府性基金预算拨款支出", at: firstSpan, in: b) + carriedClause + "。")
        let capital = b.total { $0.line.source == .stateCapital }
        section(3, "（五）国有资本经营预算拨款收支情况")
        append(capital.isZero ? "本部门无当年国有资本经营预算收支。"
               : "本部门当年国有资本经营预算拨款支出 \(amount(capital))" + change(last({ $0.total { $0.line.source == .stateCapital } }, { spent($0, [.stateCapital]) }), capital,
                                                                          reason: topic("国有资本经营"), topics: ["国有资本经营"], subject: "国有资本经营预算拨款支出", at: firstSpan, in: b) + "。")

        buildOtherInformation(b)
    }

    /// 第一部分 部门概况: 职责 and 机构设置, 工作任务 as written in `部门概况`; 预算单位构成 and 人员情况
    /// from the `单位` statements.
    mutating func buildOverview(_ b: EvaluatedBudget) {
        let budget = b.budget
        section(1, "第一部分 部门概况")
        let duties = budget.overview.filter { $0.part == .duties }
        let organization = budget.overview.filter { $0.part == .organization }
        if !duties.isEmpty || !organization.isEmpty {
            chapter(organization.isEmpty ? "主要职责" : duties.isEmpty ? "机构设置" : "主要职责及机构设置")
            for paragraph in duties { append(paragraph.text) }
            var headed = 0
            for paragraph in organization {
                if let heading = paragraph.heading {
                    headed += 1
                    section(3, "（\(Notes.chineseNumeral(headed))）\(heading)")
                }
                append(paragraph.text)
            }
        }
        let tasks = budget.overview.filter { $0.part == .tasks }
        if !tasks.isEmpty {
            chapter("工作任务")
            for paragraph in tasks {
                if let heading = paragraph.heading { section(3, heading) }
                append(paragraph.text)
            }
        }

        chapter("预算单位构成")
        let kinds = Set(budget.units.map { $0.type == .institution ? "所属事业单位预算" : "部门本级（机关）预算" })
        let composition = ["部门本级（机关）预算", "所属事业单位预算"].filter { kinds.contains($0) }
        if budget.publisher == .unit, budget.units.count == 1, let only = budget.units.first {
            append("从预算单位构成看，本单位预算只包括\(only.name)（\(only.type.rawValue)单位）的预算，没有下属预算单位。")
        } else if budget.units.count == 1, let only = budget.units.first {
            // A 单位预算 (one unit): no “二级预算单位共有 1 个” and no one-row list.
            append("从预算单位构成看，纳入本部门当年预算编制范围的预算单位只有 1 个：\(only.name)（\(only.type.rawValue)单位）。")
        } else {
            append("从预算单位构成看，本部门的部门预算包括" + composition.joined(separator: "和") + "。纳入本部门当年预算编制范围的二级预算单位共有 \(budget.units.count) 个，包括：")
            sections[sections.count - 1].paragraphs.append(.table(caption: "预算单位名单", unit: nil, headers: ["序号", "单位名称", "编码", "单位类型"],
                                                                  rows: budget.units.enumerated().map { [.integer($0 + 1), .text($1.name), .text($1.code), .text($1.type.rawValue)] }))
        }

        let staffing = budget.units.reduce(Headcount()) { $0.adding($1.staffing) }
        let actual = budget.units.reduce(Headcount()) { $0.adding($1.actual) }
        let retired = budget.units.reduce(0) { $0 + $1.allRetired }
        // No 编制/实有/退休 written anywhere: "人员编制 0 人" would be false (headcount warns at the unit).
        guard staffing.total + actual.total + retired > 0 else { return }
        chapter("人员情况说明")
        func breakdown(_ h: Headcount, establishment: Bool) -> String {
            guard !h.totalOnly else { return "" }
            let parts = StaffCategory.allCases.filter { h[$0] > 0 }.map { "\(establishment ? $0.establishmentName : $0.staffName) \(h[$0]) 人" }
            return parts.isEmpty ? "" : "，其中" + parts.joined(separator: "、")
        }
        // Only what is written: a count nobody wrote is not "0 人".
        var counts: [String] = []
        if staffing.total > 0 { counts.append("本部门人员编制 \(staffing.total) 人" + breakdown(staffing, establishment: true)) }
        if actual.total > 0 { counts.append("实有人员 \(actual.total) 人" + breakdown(actual, establishment: false)) }
        let staff = counts.isEmpty ? "" : counts.joined(separator: "；") + "。"
        append("截至上年底，" + staff + retiredSentence(budget.units))
    }

    /// 单位管理的退休人员 N 人 — or 离退休 with its parts where 离休 is written; nothing when none is written.
    func retiredSentence(_ units: [Unit]) -> String {
        let leftOffice = units.reduce(0) { $0 + $1.leftOffice }, retired = units.reduce(0) { $0 + $1.retired }
        let all = units.reduce(0) { $0 + $1.allRetired }
        guard all > 0 else { return "" }
        if units.contains(where: { $0.retiredTogether != nil }) || leftOffice > 0 {
            // Parts are given only when every unit's count is split.
            let split = units.allSatisfy { $0.retiredTogether == nil } && leftOffice > 0 && retired > 0
            return "单位管理的离退休人员 \(all) 人" + (split ? "，其中离休 \(leftOffice) 人、退休 \(retired) 人。" : "。")
        }
        return "单位管理的退休人员 \(retired) 人。"
    }

    mutating func buildOtherInformation(_ b: EvaluatedBudget) {
        section(1, "第三部分 其他情况")
        // `未公开 …`: a figure the publication does not give is unknown, not 0: its sentence is left out, and a chapter
        // with nothing known is not written.
        let unknown = b.budget.unpublished
        let meetings = b.lines.flatMap { line in zip(line.line.meetings, line.meetingAmounts).map { ($0.0, $0.1) } }
        if !unknown.isSuperset(of: [.sanGong, .meeting, .training]) || !meetings.isEmpty { buildSanGongChapter(b, meetings: meetings) }
        buildAssetsChapter(b)
        if !unknown.contains(.procurement) { buildProcurementChapter(b) }
        if !unknown.contains(.performance) { buildPerformanceChapter(b) }
        if !unknown.contains(.runningCost) { buildRunningCostChapter(b) }
        buildGlossary()
    }

    mutating func buildSanGongChapter(_ b: EvaluatedBudget, meetings: [(Meeting, Money)]) {
        let lastYear = b.previous
        let unknown = b.budget.unpublished
        chapter("“三公”经费及会议费、培训费情况说明")
        let sanGongTopic = Reasons.topic(.sanGong, in: b)
        let total = Aggregates.sanGongTotal(b)
        let reasonPlace = sanGongTopic?.span ?? b.budget.previousBudgetPath?.span ?? b.budget.previousActualsPath?.span ?? b.budget.departmentSpan
        // Increases are reported by sangong-growth / sangong-above-actuals at the line; a decrease without reason is reported here.
        let lastTotal = lastYear?.sanGongTotal
        var text = unknown.contains(.sanGong) ? "" : "本部门当年一般公共预算“三公”经费预算支出 \(amount(total))"
            + change(lastTotal, total, reason: sanGongTopic, topics: [Topic.sanGong.rawValue], subject: "“三公”经费", at: reasonPlace, in: b,
                     reportMissing: lastTotal.map { total < $0.amount } ?? false)
        if lastYear?.budget == nil, let spent = lastYear?.actuals?.sanGongActualTotal {
            text += "；上年决算支出 \(amount(spent))"
        }
        var parts: [String] = []
        for part in SanGongPart.allCases where !unknown.contains(.sanGong) {
            // A part the publication did not break out of its 合计 is not said (neither 0 nor a change).
            guard let new = Aggregates.knownSanGong(b, part: part) else { continue }
            let old = lastYear?.sanGong(part)
            var subtotal = ""
            let vehicles: [SanGongPart] = [.vehiclePurchase, .vehicleRunning]
            if part == .vehiclePurchase, Aggregates.knownSanGong(b, part: .vehicleRunning) != nil {
                // 公务用车购置及运行维护费, the subtotal the 三公 table prints, before its two parts (as publications write it).
                let newVehicles = vehicles.reduce(Money.zero) { $0 + Aggregates.sanGong(b, part: $1) }
                let oldParts = vehicles.compactMap { lastYear?.sanGong($0) }
                let oldVehicles = oldParts.count == vehicles.count
                    ? LastYearFigure(amount: oldParts.reduce(Money.zero) { $0 + $1.amount }, basis: oldParts[0].basis) : nil
                if !newVehicles.isZero || !(oldVehicles?.amount.isZero ?? true) {
                    subtotal = "公务用车购置及运行维护费 \(amount(newVehicles))"
                        + change(oldVehicles, newVehicles, reason: nil, subject: "“三公”经费中的公务用车购置及运行维护费", at: reasonPlace, in: b,
                                 reportMissing: false) + "，其中："
                }
            }
            let label = part == .abroad ? "因公出国（境）经费" : part.label
            let own = Reasons.topic(part.topic, in: b)
            var sentence = "\(label) \(amount(new))"
            if let old, old.amount == new {
                sentence += "，与\(old.basis.rawValue)相同，无增减变化" + (own.map { "，" + Reasons.mainReason($0) } ?? "")
            } else if old == nil, lastYear != nil, let own {
                // Last year's part unknown (its 合计 not broken down): no change to state, the part's own reason still stands.
                sentence += "，" + Reasons.mainReason(own)
            } else {
                let partReason = own ?? (old.map { new > $0.amount } == true ? sanGongTopic : nil)
                sentence += change(old, new, reason: partReason, topics: [part.topic.rawValue, Topic.sanGong.rawValue], subject: "“三公”经费中的\(label)", at: reasonPlace, in: b,
                                   reportMissing: old.map { new < $0.amount } ?? false)
            }
            parts.append(subtotal + sentence)
        }
        if !unknown.contains(.sanGong) { text += parts.isEmpty ? "。" : "。其中：" + parts.joined(separator: "；") + "。" }
        for (label, code, topic, figure) in [("会议费", EconomicCodes.meeting, Topic.meeting, UnpublishedFigure.meeting),
                                             ("培训费", EconomicCodes.training, Topic.training, UnpublishedFigure.training)] where !unknown.contains(figure) {
            let new = b.total { $0.line.source == .generalBudget && $0.line.economicCode == code }
            let span = b.lines.first { $0.line.economicCode == code }?.line.span ?? reasonPlace
            text += "本部门当年一般公共预算\(label)预算支出 \(amount(new))"
                + change(lastYear?.meetingOrTraining(code), new, reason: Reasons.topic(topic, in: b), topics: [topic.rawValue], subject: label, at: span, in: b) + "。"
        }
        if !text.isEmpty { append(text) }
        if !meetings.isEmpty {
            let rows: [[Value]] = meetings.enumerated().map { i, item in
                // 2024-04-01..2024-04-05: a start and an end date; a single date or free text stays as written.
                let ends = item.0.dates.components(separatedBy: "..")
                let start = ends.first.flatMap { Value.date($0) }, end = ends.count == 2 ? Value.date(ends[1]) : nil
                let dates: [Value] = start != nil && (end != nil || ends.count == 1) ? [start!, end ?? start!] : [.text(item.0.dates), .text("")]
                return [.integer(i + 1), .text(item.0.name), .text(item.0.kind.rawValue)] + dates
                    + [item.0.people.map { .integer($0) } ?? .text(""), .money(item.1), .text("")]
            }
            sections[sections.count - 1].paragraphs.append(.table(caption: "会议费培训费明细", unit: unit.caption,
                                                                  headers: ["序号", "会议/培训名称", "类别", "开始日期", "结束日期", "人数", "金额", "备注"], rows: rows))
        }

    }

    mutating func buildAssetsChapter(_ b: EvaluatedBudget) {
        let vehiclesHeld = b.budget.sanGong.compactMap { $0.values["公务用车.保有"] }
        // Vehicles bought: the 三公 block's 购置 count when written, else the vehicle purchases listed.
        let declaredPurchases = b.budget.sanGong.compactMap { $0.values["公务用车.购置"] }
        let listedPurchases = b.lines.flatMap { line in line.line.purchases.filter { $0.catalogCode.hasPrefix("A0203") } }.reduce(0) { $0 + ($1.quantity ?? 1) }
        let vehiclesBought = declaredPurchases.isEmpty ? listedPurchases : declaredPurchases.reduce(0, +)
        let expensive = b.lines.flatMap { line in
            zip(line.line.purchases, line.purchaseAmounts).filter { purchase, amount in
                let quantity = max(purchase.quantity ?? 1, 1)
                // 设备 are goods (A); services (C) and works (B) are not equipment, vehicles are counted apart.
                return Money(fen: amount.fen / Int64(quantity)).fen >= 20 * Money.fenPerWan && purchase.catalogCode.hasPrefix("A")
                    && !purchase.catalogCode.hasPrefix("A0203")
            }.map { $0.0.quantity ?? 1 }
        }.reduce(0, +)
        var assets: [String] = []
        // Held at the end of last year: the budget's 资产, else last year's 决算 (the same date), else the
        // 三公 block's vehicles; nothing is said of what none of them states.
        let declared = b.budget.assets ?? b.previous?.actuals.flatMap { $0.assets.isEmpty ? nil : $0.assets }
        var held: [String] = []
        if let vehicles = declared?.vehiclesPhrase ?? (vehiclesHeld.isEmpty ? nil : "车辆 \(vehiclesHeld.reduce(0, +)) 辆") { held.append(vehicles) }
        if let declared, let equipment = declared.largeEquipment {
            held.append("单价 \(declared.threshold.wanYuanExact) 万元以上的设备 \(equipment) 台（套）")
        }
        if !held.isEmpty {
            // After a list of vehicle kinds (其中 …, …) a semicolon, as the publications write.
            let separator = declared?.vehicleKinds.isEmpty == false ? "；" : "，"
            assets.append("截至上年底，本部门所属预算单位共有" + held.joined(separator: separator) + "。")
        }
        // 公务用车购置费 with no count written anywhere: the count is unknown, not 0 (sangong-quantity asks for it).
        let purchaseMoney = b.total { $0.line.economicCode == SanGongPart.vehiclePurchase.economicCode }
        let bought = declaredPurchases.isEmpty && listedPurchases == 0 && !purchaseMoney.isZero
            ? "公务用车购置费 \(amount(purchaseMoney))" : "购置车辆 \(vehiclesBought) 辆"
        // The purchases are 政府采购 and the vehicles' money 三公: unknown when either is 未公开.
        if b.budget.unpublished.isDisjoint(with: [.procurement, .sanGong]) {
            assets.append("当年部门预算安排\(bought)；安排购置单价 20 万元以上的设备 \(expensive) 台（套）。")
        }
        guard !assets.isEmpty else { return }
        chapter("国有资产占有使用及资产购置情况说明")
        append(assets.joined())
    }

    mutating func buildProcurementChapter(_ b: EvaluatedBudget) {
        chapter("政府采购情况说明")
        var byKind: [String: Money] = [:]
        var byOrganization: [ProcurementOrganization?: Money] = [:]
        var bySource: [FundingSource: Money] = [:]
        for line in b.lines {
            for (purchase, amount) in zip(line.line.purchases, line.purchaseAmounts) {
                let kind = purchase.catalogCode.hasPrefix("A") ? "货物" : purchase.catalogCode.hasPrefix("B") ? "工程" : "服务"
                byKind[kind, default: .zero] += amount
                byOrganization[purchase.organization, default: .zero] += amount
                bySource[line.line.source, default: .zero] += amount
            }
        }
        let procurement = byKind.values.reduce(.zero, +)
        if procurement.isZero {
            append("本部门当年无政府采购预算。")
        } else {
            let kinds = ["货物", "工程", "服务"].compactMap { k in byKind[k].map { "政府采购\(k)类预算 \(amount($0))" } }
            var text = "当年本部门政府采购预算共 \(amount(procurement))，其中" + kinds.joined(separator: "，") + "（详见公开报表中的政府采购表）。"
            // As publications break it down: by 组织形式 (only where written) and by the lines' 资金来源.
            if byOrganization.keys.contains(where: { $0 != nil }) {
                text += "按组织形式划分，政府集中采购预算 \(amount(byOrganization[.centralized] ?? .zero))，分散采购预算 \(amount(byOrganization[.decentralized] ?? .zero))"
                    + (byOrganization[nil].map { "，未写明组织形式的 \(amount($0))" } ?? "") + "。"
            }
            text += "按资金来源划分，" + FundingSource.allCases.compactMap { s in bySource[s].map { "\(s.rawValue) \(amount($0))" } }.joined(separator: "、") + "。"
            append(text)
        }

    }

    mutating func buildPerformanceChapter(_ b: EvaluatedBudget) {
        chapter("绩效目标情况说明")
        let projects = b.budget.projects.enumerated().filter { !$0.element.carriedOver }
        let withTargets = projects.filter { $0.element.performance.map { !$0.indicators.isEmpty } ?? false }
        let projectsWithTargets = Set(withTargets.map(\.offset)) // a set: a list scan per line is quadratic
        // 基本支出 is covered by the 部门整体 targets (部门绩效), a project by its own.
        let departmentTargets = b.budget.departmentPerformance != nil
        let covered: (FundingSource) -> Money = { source in
            b.total { line in
                line.line.source == source && ((departmentTargets && line.line.kind.isBasic) || line.line.project.map(projectsWithTargets.contains) ?? false)
            }
        }
        let coverage: String
        if withTargets.count == projects.count && departmentTargets {
            coverage = "本部门绩效管理全覆盖，"
        } else if withTargets.isEmpty && !departmentTargets {
            coverage = projects.isEmpty ? "本部门当年没有项目支出，也未编报部门整体绩效目标。" : "本部门 \(projects.count) 个项目均未编报绩效目标，也未编报部门整体绩效目标。"
        } else {
            coverage = "本部门 \(withTargets.count) 个项目（共 \(projects.count) 个）编报了绩效目标" + (departmentTargets ? "，并编报了部门整体绩效目标，" : "，")
        }
        if withTargets.isEmpty && !departmentTargets {
            append(coverage)
        } else {
            append(coverage + "涉及当年一般公共预算拨款 \(amount(covered(.generalBudget)))，政府性基金预算拨款 \(amount(covered(.governmentFund)))，国有资本经营预算拨款 \(amount(covered(.stateCapital)))（详见公开报表中的绩效目标表）。")
        }

    }

    mutating func buildRunningCostChapter(_ b: EvaluatedBudget) {
        chapter("机关运行经费安排情况说明")
        let running = Aggregates.runningCost(b)
        let lastRunning = b.previous?.runningCost
        // 机关运行经费 is the 公用经费 of 行政 and 参公 units only: a department of 事业单位 has none (not “0 万元”).
        let offices = b.budget.units.contains { $0.type.usesAdministrativeMapping }
        if !offices && !b.budget.units.contains(where: \.countsRunningCost) && running.isZero && (lastRunning?.amount.isZero ?? true) {
            append("本部门所属预算单位均为事业单位，没有机关运行经费。")
        } else {
            // Only 事业单位 counted (计入运行经费): the region calls it 运行经费, not 机关运行经费.
            let subject = offices ? "机关运行经费" : "运行经费"
            append("本部门当年\(subject)预算安排 \(amount(running))"
                   + change(lastRunning, running, reason: Reasons.topic(.runningCost, in: b), topics: [Topic.runningCost.rawValue], subject: subject,
                            at: Reasons.topic(.runningCost, in: b)?.span ?? b.lines.first { $0.line.kind == .publicUse }?.line.span, in: b,
                            reportMissing: lastRunning.map { running < $0.amount } ?? false) + "。")
        }

    }

    mutating func buildGlossary() {
        chapter("专业名词解释")
        append("1. 机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。")
        append("2. “三公”经费：指用一般公共预算拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。")
    }

    public func markdown() -> String {
        var out = "# \(title)\n"
        for section in sections {
            out += "\n" + String(repeating: "#", count: min(section.level + 1, 6)) + " " + section.title + "\n"
            for paragraph in section.paragraphs {
                switch paragraph {
                case .text(let text):
                    out += "\n" + text + "\n"
                case .table(let caption, let unit, let headers, let rows):
                    out += "\n" + caption + (unit.map { "（\($0)）" } ?? "") + "\n\n| " + headers.joined(separator: " | ") + " |\n|" + headers.map { _ in " --- |" }.joined() + "\n"
                    for row in rows { out += "| " + row.map { $0.display(in: self.unit) }.joined(separator: " | ") + " |\n" }
                }
            }
        }
        return out
    }
}

import Foundation

extension AssetsHeld {
    /// “车辆 2 辆，其中，应急保障用车 2 辆”: the count and the kinds as written (budget and 决算 说明).
    var vehiclesPhrase: String? {
        guard let vehicles else { return nil }
        let kinds = vehicleKinds.map { "\($0.kind.rawValue) \($0.count) 辆" }
        return "车辆 \(vehicles) 辆" + (kinds.isEmpty ? "" : "，其中，" + kinds.joined(separator: "、"))
    }
}

/// The amounts of some lines summed by code once, in the order the codes first appear: the 说明 names
/// every code and 类 of the budget, and summing all lines again for each one was quadratic in a
/// region's budget (hundreds of codes, a million lines). Sums over a prefix add up the distinct codes
/// that start with it, which gives what a pass over the lines with `hasPrefix` gives.
struct CodeTotals {
    private var totals: [(code: String, amount: Money, first: Int)] = []
    private var index: [String: Int] = [:]

    init(_ lines: [EvaluatedLine], code: (EvaluatedLine) -> String) {
        for (i, line) in lines.enumerated() {
            let c = code(line)
            if let k = index[c] {
                totals[k].amount += line.amount
            } else {
                index[c] = totals.count
                totals.append((c, line.amount, i))
            }
        }
    }

    /// The distinct codes.
    var codes: [String] { totals.map(\.code) }

    /// The total of the lines whose code starts with `prefix`.
    func total(prefix: String) -> Money {
        totals.reduce(.zero) { $1.code.hasPrefix(prefix) ? $0 + $1.amount : $0 }
    }

    /// The first line (its index) whose code is `code`.
    func first(code: String) -> Int? { index[code].map { totals[$0].first } }

    /// The first line (its index) whose code starts with `prefix`.
    func first(prefix: String) -> Int? { totals.lazy.filter { $0.code.hasPrefix(prefix) }.map(\.first).min() }
}
