/// The 部门决算情况说明, generated from a 决算's figures (the same `ActualsFigures` the 公开 tables
/// print) and the reasons the file writes (`说明` topics, `原因` on a 支出 row). Sentences follow the
/// national pattern (reference 002 第三部分): “本年收入合计 X 万元，较上年增加 Y 万元，增长 Z%，主要原因是…”,
/// 完成年初预算的 Z%, 三公 预算数/决算数, 机关运行经费, 政府采购, 国有资产.
///
/// A sentence is written only from known numbers: when a figure or a reason is missing the sentence
/// leaves that clause out (and the `Statement` records it for the rules), so no placeholder such as
/// “**万元” or “下降%” can be produced.
public struct ActualsNotes: Sendable {
    public struct Section: Sendable {
        public var heading: String
        public var paragraphs: [String]
    }

    /// A sentence that needs a reason: a 较上年 change, a 完成率 far from 100%, 三公 above its budget.
    public struct Statement: Sendable {
        public enum Kind: Sendable { case change, completion, sanGongOverBudget }
        public var kind: Kind
        /// What the sentence is about, as printed: “本年收入合计”, “2101504 信息化建设”, “公务接待费”.
        public var subject: String
        /// The figures in short, for a diagnostic: “年初预算 270.00 万元，决算 213.40 万元，完成 79.04%”.
        public var brief: String
        public var text: String
        public var reason: Reason?
        public var span: SourceSpan?
        /// The `说明` topics a reason is taken from, first the one to suggest (“总体”, “公务接待”).
        public var topics: [String] = []
    }

    public var title: String
    public var sections: [Section] = []
    public var statements: [Statement] = []

    /// 预算完成率 further than this from 100% needs a reason (percentage points).
    public static let completionTolerance = 10

    public func markdown() -> String {
        var out = "# \(title)\n"
        for section in sections {
            out += "\n## \(section.heading)\n"
            for paragraph in section.paragraphs { out += "\n\(paragraph)\n" }
        }
        return out
    }

    // MARK: - Generation

    /// `unit`: the publication's; by default the 决算's `displayUnit`.
    public static func generate(_ figures: ActualsFigures, previous: ActualsFigures? = nil, unit: MoneyUnit? = nil) -> ActualsNotes {
        var writer = Writer(f: figures, previous: previous, unit: unit ?? figures.actuals.displayUnit)
        writer.write()
        // A stand-alone “三公” 决算 is titled as such (its 说明 has only that section).
        let what = figures.givesNoTotals && (!figures.actuals.sanGong.isEmpty || figures.actuals.sanGongTotal != nil) ? "“三公”经费决算" : "部门决算"
        // A 单位决算 (`公开稿 单位决算`) is titled so and speaks as 本单位.
        let publisher = figures.actuals.publisher
        return ActualsNotes(title: publisher.retitle("\(figures.actuals.departmentName)\(figures.actuals.year)年度\(what)情况说明"),
                            sections: writer.sections.map { Section(heading: $0.heading, paragraphs: $0.paragraphs.map(publisher.speaking)) },
                            statements: writer.statements)
    }

    /// The 说明 of a 决算 as checked (with last year's 决算 when it names one).
    public static func generate(for actuals: Actuals) -> ActualsNotes {
        generate(ActualsFigures(actuals), previous: actuals.previous.map { ActualsFigures($0.actuals) })
    }


    struct Writer {
        let f: ActualsFigures
        let previous: ActualsFigures?
        /// The publication's unit: every amount is printed in it with 2 decimals, “1,234.56 万元”.
        let unit: MoneyUnit
        var sections: [Section] = []
        var statements: [Statement] = []
        var a: Actuals { f.actuals }
        var year: Int { a.year }

        func amount(_ m: Money) -> String { unit.text(m, grouping: true) + " " + unit.rawValue }

        func reason(_ keys: [String]) -> Reason? {
            for key in keys { if let r = a.topicReasons[key], !r.text.isEmpty { return r } }
            return nil
        }

        /// The reason a figure differs from its 预算: `话题 较预算 "……"`, else the topic's own reason (which explains
        /// the change on last year, and served for both before a 说明 could tell them apart).
        func budgetReason(_ keys: [String]) -> Reason? {
            for key in keys { if let r = a.budgetReasons[key], !r.text.isEmpty { return r } }
            return reason(keys)
        }

        /// “主要原因是…。” from the reason text (without doubling 主要原因是 when the officer wrote it).
        static func because(_ reason: Reason, lead: String = "主要原因是") -> String {
            Reasons.mainReason(reason, lead: lead) + "。"
        }

        /// “较上年增加 Y 万元，增长 Z%，主要原因是…。” — nil without last year's 决算; the statement is recorded.
        mutating func change(_ subject: String, now: Money, before: Money?, reasonKeys: [String], at span: SourceSpan?) -> String? {
            guard let before else { return nil }
            let delta = now - before
            var text: String
            if delta.isZero {
                return "与\(year - 1)年度决算数持平。"
            } else if before.isZero {
                text = "较上年增加 \(amount(delta))（上年无此项）。"
            } else {
                let up = delta.fen > 0
                let magnitude = up ? delta : Money.zero - delta
                let percent = Change.rate(magnitude, of: before.fen < 0 ? Money.zero - before : before)
                text = "较上年\(up ? "增加" : "减少") \(amount(magnitude))，\(up ? "增长" : "下降") \(percent)。"
            }
            let r = reason(reasonKeys)
            if let r { text.removeLast(); text += "，" + Self.because(r) }
            statements.append(Statement(kind: .change, subject: subject, brief: "上年 \(amount(before))，本年 \(amount(now))", text: text, reason: r, span: span,
                                        topics: reasonKeys))
            return text
        }

        func share(_ part: Money, of whole: Money) -> String { whole.isZero ? "" : "，占 \(Change.rate(part, of: whole))" }

        mutating func add(_ heading: String, _ paragraphs: [String]) {
            let kept = paragraphs.filter { !$0.isEmpty }
            guard !kept.isEmpty else { return }
            // Numbered in order, as the budget's 说明: a section left out for want of figures leaves no gap.
            let title = heading.split(separator: "、", maxSplits: 1).last.map(String.init) ?? heading
            sections.append(Section(heading: Notes.chineseNumeral(sections.count + 1) + "、" + title, paragraphs: kept))
        }

        mutating func write() {
            let p = previous
            // Totals written as 未公开 (this year's or last year's) are neither stated nor compared.
            let unknown = a.unpublished, lastUnknown = p?.actuals.unpublished ?? []
            // What the file does not give is unknown, not zero. 收入 copied only as its 合计 says nothing of its
            // sources (no 财政拨款收入, no “没有政府性基金收入”); a 决算 with no 收入, 结转结余 or 支出 at all
            // (a stand-alone “三公” 决算) says nothing of its totals (no “收、支总计均为 0.00 万元”).
            let nothingGiven = f.givesNoTotals
            let sourcesUnknown = f.incomeSourcesUnknown || nothingGiven
            // 一、收入支出决算总体情况
            let total = f.grandTotal
            let spendTotal = f.all.total + f.balance(.closing)
            var overall = total == spendTotal ? "\(year)年度收、支总计均为 \(amount(total))。"
                : "\(year)年度收入总计 \(amount(total))，支出总计 \(amount(spendTotal))。"
            if let c = change("收、支总计", now: total, before: lastUnknown.isDisjoint(with: [.income, .opening]) ? p?.grandTotal : nil,
                              reasonKeys: [Topic.overall.rawValue, Topic.income.rawValue], at: a.span) {
                overall += "收、支总计" + c
            }
            add("一、收入支出决算总体情况说明", unknown.isEmpty && !nothingGiven ? [overall] : [])

            // 二、收入决算情况
            let incomeParts: [(String, Money)] = [
                ("财政拨款收入", f.fiscalIncome), ("上级补助收入", f.income(.superiorSubsidy)), ("事业收入", f.income(.institutionIncome)),
                ("经营收入", f.income(.operatingIncome)), ("附属单位上缴收入", f.income(.affiliatedRemittance)),
                ("其他收入", f.income(.otherIncome) + f.income(.specialAccount)),
            ]
            var income = "本年收入合计 \(amount(f.totalIncome))"
            if let c = change("本年收入合计", now: f.totalIncome, before: lastUnknown.contains(.income) ? nil : p?.totalIncome, reasonKeys: [Topic.income.rawValue, Topic.overall.rawValue],
                              at: a.incomes.first?.span) {
                income += "，" + c.dropLast() + "。"
            } else { income += "。" }
            // `未列明`: the rest of the 合计 is said as such, no source named for it.
            let nonZero = incomeParts.filter { !$0.1.isZero } + (f.unlistedIncome.map { [(ActualsFigures.unlistedIncomeName, $0)] } ?? [])
            if !nonZero.isEmpty {
                income += "其中：" + nonZero.map { "\($0.0) \(amount($0.1))\(share($0.1, of: f.totalIncome))" }.joined(separator: "；") + "。"
            }
            // 结转结余 较上年: only where the 说明 gives its reason (a province's pattern, not the national one),
            // and both years give the figure.
            func balanceChange(_ moment: ActualBalance.Moment, _ topic: Topic, _ label: String) -> String {
                let unpublished: UnpublishedTotal = moment == .opening ? .opening : .closing
                guard reason([topic.rawValue]) != nil, let p, !unknown.contains(unpublished), !lastUnknown.contains(unpublished),
                      a.balances.contains(where: { $0.moment == moment }), p.actuals.balances.contains(where: { $0.moment == moment }) else { return "" }
                let now = f.balance(moment)
                let span = a.balances.first { $0.moment == moment }?.span
                return change(label, now: now, before: p.balance(moment), reasonKeys: [topic.rawValue], at: span).map { "\(label) \(amount(now))，" + $0 } ?? ""
            }
            add("二、收入决算情况说明", (unknown.contains(.income) || nothingGiven ? [] : [income])
                + [balanceChange(.opening, .openingBalance, "年初结转和结余")])

            // 三、支出决算情况
            var spending = "本年支出合计 \(amount(f.all.total))"
            if let c = change("本年支出合计", now: f.all.total, before: lastUnknown.contains(.allSpending) ? nil : p?.all.total, reasonKeys: [Topic.spending.rawValue, Topic.overall.rawValue],
                              at: a.lines.first?.span) {
                spending += "，" + c.dropLast() + "。"
            } else { spending += "。" }
            if let basic = f.all.basic, let project = f.all.project {
                spending += "其中：基本支出 \(amount(basic))\(share(basic, of: f.all.total))；项目支出 \(amount(project))\(share(project, of: f.all.total))。"
            }
            add("三、支出决算情况说明", (unknown.contains(.allSpending) || nothingGiven ? [] : [spending])
                + [balanceChange(.closing, .closingBalance, "年末结转和结余")])

            // 四、财政拨款收入支出决算总体情况
            let fiscalTotal = f.fiscalIncome + f.fiscalBalance(.opening)
            var fiscal = "\(year)年度财政拨款收入 \(amount(f.fiscalIncome))"
                + (f.generalSpendingKnown ? "，财政拨款支出 \(amount(f.general.total + f.fund.total + f.capital.total))" : "")
            fiscal += (f.fiscalBalance(.opening).isZero && f.fiscalBalance(.closing).isZero) || !unknown.isDisjoint(with: [.opening, .closing]) ? "。"
                : "，年初财政拨款结转和结余 \(amount(f.fiscalBalance(.opening)))，年末财政拨款结转和结余 \(amount(f.fiscalBalance(.closing)))。"
            // Last year's 决算 copied with only its 收入 合计 says nothing of its 财政拨款; with its carry-over
            // 未公开, only its 财政拨款收入 can be compared.
            if let p, !p.actuals.incomes.isEmpty {
                let incomeOnly = lastUnknown.contains(.opening)
                let subject = incomeOnly ? "财政拨款收入" : "财政拨款收、支总计"
                if let c = change(subject, now: incomeOnly ? f.fiscalIncome : fiscalTotal,
                                  before: incomeOnly ? p.fiscalIncome : p.fiscalIncome + p.fiscalBalance(.opening),
                                  reasonKeys: [Topic.overall.rawValue, Topic.income.rawValue], at: a.incomes.first?.span) {
                    fiscal += subject + c
                }
            }
            add("四、财政拨款收入支出决算总体情况说明", sourcesUnknown ? [] : [fiscal])

            // 五、一般公共预算财政拨款支出 (not stated when the file gives only 本年支出合计 of every source)
            var general: [String] = []
            let g = f.general
            if f.generalSpendingKnown && !nothingGiven {
                var head = "\(year)年度一般公共预算财政拨款支出 \(amount(g.total))"
                    + (unknown.contains(.allSpending) ? "" : share(g.total, of: f.all.total).replacingAll("，占", with: "，占本年支出合计的"))
                if let c = change("一般公共预算财政拨款支出", now: g.total, before: p?.general.total, reasonKeys: [Topic.spending.rawValue, Topic.overall.rawValue],
                                  at: a.lines.first?.span) {
                    head += "，" + c.dropLast() + "。"
                } else { head += "。" }
                general.append(head)
                let classes = g.classes.filter { !$0.total.isZero }
                if !classes.isEmpty {
                    // “卫生健康（类）支出”, as the national pattern writes it (the class name without its 支出).
                    func short(_ name: String) -> String { name.hasSuffix("支出") ? String(name.dropLast(2)) : name }
                    // 未分类 is stated as such: no 类 is named for it.
                    let unclassified = g.unclassified.map { ["\($0.name)支出 \(amount($0.total))\(share($0.total, of: g.total))"] } ?? []
                    general.append("主要用于以下方面：" + (classes.map { "\(short($0.name))（类）支出 \(amount($0.total))\(share($0.total, of: g.total))" } + unclassified)
                        .joined(separator: "；") + "。")
                }
                if let initial = g.initialBudget, !initial.isZero {
                    var text = "一般公共预算财政拨款支出年初预算 \(amount(initial))，支出决算 \(amount(g.total))，完成年初预算的 \(Change.rate(g.total, of: initial))。"
                    // The reason written on the 合计 row (the 说明 topics are for the change on last year).
                    if let r = ActualsFigures.departmentTotals(a).first(where: { $0.label == "合计" && !$0.economic })?.reason, !r.text.isEmpty, g.total != initial {
                        text += Self.because(r, lead: "决算数\(g.total > initial ? "大于" : "小于")年初预算数的主要原因是")
                    }
                    general.append(text)
                }
                var n = 0
                for row in g.rows where row.code.count == 7 {
                    guard let initial = row.initialBudget else { continue }
                    n += 1
                    let names = [String(row.code.prefix(3)), String(row.code.prefix(5))].map { g.row($0)?.name ?? "" }
                    var text = "\(n)、\(names[0])（类）\(names[1])（款）\(row.name)（项）。年初预算为 \(amount(initial))，支出决算为 \(amount(row.total))"
                    let lines = a.lines(ofFunction: row.code)
                    let line = lines.first { $0.reason != nil } ?? lines.first
                    let r = line?.reason.flatMap { $0.text.isEmpty ? nil : $0 } ?? budgetReason([row.code])
                    if initial.isZero {
                        text += "（年初未安排预算）。"
                    } else {
                        text += "，完成年初预算的 \(Change.rate(row.total, of: initial))。"
                    }
                    let far = initial.isZero ? !row.total.isZero : Self.farFromFull(row.total, of: initial)
                    if let r, row.total != initial {
                        text += Self.because(r, lead: "决算数\(row.total > initial ? "大于" : "小于")年初预算数的主要原因是")
                    }
                    if far {
                        statements.append(Statement(kind: .completion, subject: "\(row.code) \(row.name)",
                                                    brief: "年初预算 \(amount(initial))，决算 \(amount(row.total))" + (initial.isZero ? "" : "，完成 \(Change.rate(row.total, of: initial))"),
                                                    text: text, reason: r, span: line?.span))
                    }
                    general.append(text)
                }
            }
            add("五、一般公共预算财政拨款支出决算情况说明", general)

            // 六、基本支出
            var basic: [String] = []
            if let personnel = f.personnel, let publicUse = f.publicUse {
                basic.append("\(year)年度一般公共预算财政拨款基本支出 \(amount(personnel + publicUse))，其中：人员经费 \(amount(personnel))，公用经费 \(amount(publicUse))。")
            } else if let b = g.basic {
                basic.append("\(year)年度一般公共预算财政拨款基本支出 \(amount(b))。")
            }
            let largest = f.basicEconomic.filter { $0.key.count == 5 && !$0.value.isZero }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
            if !largest.isEmpty {
                basic.append("主要包括：" + largest.map { "\(a.catalog.economicDepartment[$0.key] ?? $0.key) \(amount($0.value))" }.joined(separator: "、") + "。")
            }
            add("六、一般公共预算财政拨款基本支出决算情况说明", basic)

            // With the sources unknown, “没有……” is not known either; spending of the source still is.
            add("七、政府性基金预算财政拨款收入支出决算情况说明", [f.fund.isEmpty && f.income(.governmentFund).isZero
                ? (sourcesUnknown ? "" : "本部门\(year)年度没有政府性基金收入，也没有使用政府性基金安排的支出。")
                : sourcesUnknown ? "\(year)年度政府性基金预算财政拨款支出 \(amount(f.fund.total))。"
                : "\(year)年度政府性基金预算财政拨款收入 \(amount(f.income(.governmentFund)))，支出 \(amount(f.fund.total))。"])
            add("八、国有资本经营预算财政拨款支出决算情况说明", [f.capital.isEmpty
                ? (sourcesUnknown ? "" : "本部门\(year)年度没有使用国有资本经营预算安排的支出。")
                : "\(year)年度国有资本经营预算财政拨款支出 \(amount(f.capital.total))。"])

            writeSanGong()
            writeOthers()
        }

        static func farFromFull(_ actual: Money, of budget: Money) -> Bool {
            guard !budget.isZero else { return !actual.isZero }
            // |actual/budget − 1| > tolerance, exactly: |actual − budget| × 100 > tolerance × budget.
            let gap = Exact.product(abs((actual - budget).fen), 100)
            return gap > Exact.product(Int64(completionTolerance), abs(budget.fen))
        }

        mutating func writeSanGong() {
            guard !a.sanGong.isEmpty || a.sanGongTotal != nil else { return }
            var paragraphs: [String] = []
            // With the total 未公开 only the parts written are stated, each on its own.
            if !a.sanGongTotalUnpublished { writeSanGongTotal(into: &paragraphs) }
            writeSanGongParts(into: &paragraphs)
            add("九、财政拨款“三公”经费支出决算情况说明", paragraphs)
        }

        mutating func writeSanGongTotal(into paragraphs: inout [String]) {
            let budget = a.sanGongTotal?.budget ?? {
                let known = SanGongPart.allCases.compactMap { a.sanGong($0)?.budget }
                return known.isEmpty ? nil : known.reduce(.zero, +)
            }()
            let actual = a.sanGongActualTotal ?? .zero
            var head = "\(year)年度“三公”经费财政拨款支出"
            if let budget {
                head += "预算为 \(amount(budget))，支出决算为 \(amount(actual))"
                head += budget.isZero ? "。" : "，完成预算的 \(Change.rate(actual, of: budget))。"
            } else {
                head += "决算为 \(amount(actual))。"
            }
            if let budget, actual > budget {
                let r = budgetReason([Topic.sanGong.rawValue])
                if let r { head += Self.because(r, lead: "决算数大于预算数的主要原因是") }
                statements.append(Statement(kind: .sanGongOverBudget, subject: "“三公”经费", brief: "预算 \(amount(budget))，决算 \(amount(actual))",
                                            text: head, reason: r, span: a.sanGongTotal?.span))
            }
            // Below budget, the reason the 说明 gives for it; and the change on last year's 决算 when it names one.
            if let budget, actual < budget, let r = budgetReason([Topic.sanGong.rawValue]) {
                head += Self.because(r, lead: "决算数小于预算数的主要原因是")
            }
            if let before = previous?.actuals.sanGongActualTotal,
               let c = change("“三公”经费", now: actual, before: before, reasonKeys: [Topic.sanGong.rawValue], at: a.sanGongTotal?.span) {
                head += "决算数" + c
            }
            paragraphs.append(head)
        }

        mutating func writeSanGongParts(into paragraphs: inout [String]) {
            let names: [(SanGongPart, String)] = [(.abroad, "因公出国（境）费"), (.vehiclePurchase, "公务用车购置费"), (.vehicleRunning, "公务用车运行维护费"), (.reception, "公务接待费")]
            var number = 0
            // Each item's share of the total (“公务接待费……，占 88.86%”), unless the total is 未公开.
            let whole = a.sanGongTotalUnpublished ? Money.zero : (a.sanGongActualTotal ?? .zero)
            for (part, name) in names {
                guard let figure = a.sanGong(part) else { continue }
                number += 1
                var text = "\(number)、\(name)支出决算 \(amount(figure.actual))" + share(figure.actual, of: whole)
                if let b = figure.budget { text += "，预算 \(amount(b))" + (b.isZero ? "" : "，完成预算的 \(Change.rate(figure.actual, of: b))") }
                text += "。"
                if let before = previous?.actuals.sanGong(part)?.actual,
                   // Only the item's own reason: the 三公 total's (“压缩公务接待支出”) rarely explains another item's change.
                   let c = change(name, now: figure.actual, before: before, reasonKeys: [part.topic.rawValue],
                                  at: a.sanGong.first { $0.part == part }?.figure.span) {
                    text += "决算数" + c
                }
                switch part {
                case .abroad:
                    if let groups = a.quantity(part, "团组"), let people = a.quantity(part, "人次") { text += "全年安排因公出国（境）团组 \(groups) 个，累计 \(people) 人次。" }
                case .reception:
                    if let batches = a.quantity(part, "批次"), let people = a.quantity(part, "人次") { text += "国内公务接待 \(batches) 批次，\(people) 人次。" }
                case .vehiclePurchase:
                    if let bought = a.quantity(part, "购置") { text += "购置公务用车 \(bought) 辆。" }
                case .vehicleRunning:
                    if let kept = a.quantity(part, "保有") { text += "截至\(year)年12月31日，公务用车保有量 \(kept) 辆。" }
                }
                if let b = figure.budget, figure.actual > b {
                    let r = budgetReason([part.topic.rawValue])
                    if let r { text += Self.because(r, lead: "决算数大于预算数的主要原因是") }
                    statements.append(Statement(kind: .sanGongOverBudget, subject: name, brief: "预算 \(amount(b))，决算 \(amount(figure.actual))",
                                                text: text, reason: r ?? budgetReason([Topic.sanGong.rawValue]),
                                                span: a.sanGong.first { $0.part == part }?.figure.span))
                }
                paragraphs.append(text)
            }
        }

        mutating func writeOthers() {
            if let running = a.runningCost {
                var text = "\(year)年度本部门机关运行经费支出 \(amount(running.actual))"
                // With last year's 决算 the 说明 compares with it too (“比2021年减少285.5万元，下降79.47%。主要原因……”);
                // the `机关运行经费` reason then explains that change, the budget's only by `机关运行经费 较预算 "……"`.
                let change = previous?.actuals.runningCost.flatMap {
                    self.change("机关运行经费", now: running.actual, before: $0.actual, reasonKeys: [Topic.runningCost.rawValue], at: running.span)
                }
                if let b = running.budget, b != running.actual {
                    let delta = running.actual - b
                    text += "，比年初预算数\(delta.fen > 0 ? "增加" : "减少") \(amount(delta.fen > 0 ? delta : Money.zero - delta))"
                    let key = Topic.runningCost.rawValue
                    if let r = change == nil ? budgetReason([key]) : a.budgetReasons[key] { text += "，" + Self.because(r).dropLast() }
                }
                if let change { text += "，" + change.dropLast() }
                add("十、机关运行经费支出情况说明", [text + "。"])
            }
            if !a.procurement.isEmpty {
                let parts = [("货物", "政府采购货物支出"), ("工程", "政府采购工程支出"), ("服务", "政府采购服务支出")]
                let total = parts.reduce(Money.zero) { $0 + (a.procurement[$1.0] ?? .zero) }
                add("十一、政府采购支出情况说明", ["\(year)年度本部门政府采购支出总额 \(amount(total))，其中："
                    + parts.map { "\($0.1) \(amount(a.procurement[$0.0] ?? .zero))" }.joined(separator: "、") + "。"])
            }
            if !a.assets.isEmpty {
                var text = "截至\(year)年12月31日，本部门"
                var parts: [String] = []
                if let v = a.assets.vehiclesPhrase { parts.append("共有" + v) }
                if let e = a.assets.largeEquipment {
                    parts.append("单价 \(a.assets.threshold.wanYuanExact) 万元（含）以上设备（不含车辆）\(e) 台（套）") // 002's words
                }
                text += parts.joined(separator: a.assets.vehicleKinds.isEmpty ? "，" : "；") + "。"
                add("十二、国有资产占用情况说明", [text])
            }
        }
    }
}
