/// Checks against last year's budget (`上年预算`) and 决算 (`上年决算`). Each needs the
/// previous-year file it compares with and reports nothing without it.
struct ChangeNeedsReasonRule: Rule {
    let id = RuleID.changeNeedsReason.rawValue
    let defaultSeverity = Severity.warning
    let summary = "功能分类项或经济分类款较上年预算变动较大，需要说明原因"
    let documentation = RuleDocumentation(
        what: "逐个功能分类项（7 位）和部门经济分类款（5 位），比较本年与上年预算（一般公共预算拨款）。变动同时达到 变动阈值 的金额（默认 1 万元）和比例（默认 0%）时，须有原因：说明 块中以编码为主题的原因（如 2101501 \"……\"），或写在该编码某一支出行上的 原因；经济分类款也可用其类的原因（如 301 \"……\"），“三公”的四个款（30212、30217、31013、30231）也可用该项的主题（如 公务接待 \"……\"）。",
        why: "预算说明须逐项说明“较上年增加（减少）X 万元，主要原因是……”；没有原因的变动是审核中最常被退回的问题。原因也会写入生成的说明。",
        fix: "在 说明 块中写：编码 \"原因\"，或在支出行下写 原因 \"……\"；也可用 变动阈值 比例 10% 金额 5万 调整阈值。",
        justify: "原因本身就是说明；确无需说明时写 允许 change-needs-reason \"理由\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous?.budget else { return [] }
        var result: [Finding] = []
        let dimensions: [(economic: Bool, codes: (EvaluatedBudget) -> Set<String>, name: (String) -> String)] = [
            (false, { Set($0.lines.filter { $0.line.source == .generalBudget }.map(\.line.functionCode)) }, { b.catalog.function[$0] ?? "" }),
            (true, { Set($0.lines.filter { $0.line.source == .generalBudget }.map(\.line.economicCode)) }, { b.catalog.economicDepartment[$0] ?? "" }),
        ]
        for dimension in dimensions {
            for code in dimension.codes(b).union(dimension.codes(previous)).sorted() {
                let new = dimension.economic ? Aggregates.generalBudget(b, economicPrefix: code) : Aggregates.generalBudget(b, functionPrefix: code)
                let old = dimension.economic ? Aggregates.generalBudget(previous, economicPrefix: code) : Aggregates.generalBudget(previous, functionPrefix: code)
                guard Change.needsReason(old: old, new: new, in: b), Reasons.forCode(code, in: b, economic: dimension.economic) == nil else { continue }
                let line = b.lines.first { dimension.economic ? $0.line.economicCode == code : $0.line.functionCode == code }
                let place = line.map { dimension.economic ? $0.line.economicSpan : $0.line.functionSpan } ?? b.budget.previousBudgetPath?.span
                result.append(finding("\(code) \(dimension.name(code)) \(Change.describe(in: b, old, new, basis: .budget))，没有说明原因", at: place,
                                      hint: "在 说明 块中写：\(code) \"主要原因是……\"（会写入预算说明）"))
            }
        }
        return result
    }
}

struct SanGongGrowthRule: Rule {
    let id = RuleID.sangongGrowth.rawValue
    let defaultSeverity = Severity.warning
    let summary = "“三公”经费（或其中一项）超过上年预算而没有说明原因（只减不增）"
    let documentation = RuleDocumentation(
        what: "一般公共预算拨款安排的“三公”经费合计，以及因公出国（境）、公务接待、公务用车购置、公务用车运行维护四项，分别与上年预算比较；增加时须有原因：说明 块中的 三公 \"……\"，或该项的主题（如 公务接待 \"……\"）。上年预算取自 上年预算 文件；只有 上年决算 时取决算“三公”表的预算数。",
        why: "中央八项规定及其实施细则和历年预算编制通知要求“三公”经费“只减不增”；增加必须说明理由并在预算说明中公开。",
        fix: "压减到不超过上年预算，或在 说明 块中写明增加的原因。",
        justify: "说明 三公 \"……\"（整体），或 说明 公务接待 \"……\"（单项）。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard !b.budget.unpublished.contains(.sanGong), let previous = b.previous, let total = previous.sanGongTotal, total.basis == .budget else { return [] }
        var result: [Finding] = []
        let place = b.budget.topicReasons[Topic.sanGong.rawValue]?.span ?? b.lines.first { line in SanGongPart.allCases.contains { $0.economicCode == line.line.economicCode } }?.line.economicSpan
            ?? b.budget.previousBudgetPath?.span ?? b.budget.previousActualsPath?.span
        let now = Aggregates.sanGongTotal(b)
        if now > total.amount {
            result.append(finding("“三公”经费 \(b.amount(now))，\(Change.describe(in: b, total.amount, now, basis: .budget))", at: place,
                                  hint: "在 说明 块中写：三公 \"……\"", justifiedBy: [Reasons.topic(.sanGong, in: b)]))
        }
        for part in SanGongPart.allCases {
            guard let old = previous.sanGong(part)?.amount, let new = Aggregates.knownSanGong(b, part: part) else { continue }
            guard new > old else { continue }
            let line = b.lines.first { $0.line.economicCode == part.economicCode && $0.line.source == .generalBudget }
            result.append(finding("\(part.label) \(Change.describe(in: b, old, new, basis: .budget))", at: line?.line.economicSpan ?? place,
                                  hint: "在 说明 块中写：\(part.rawValue) \"……\" 或 三公 \"……\"", justifiedBy: [Reasons.sanGong(part, in: b)]))
        }
        return result
    }
}

/// 三公 above what was actually spent last year. Where the budget is also above last year's
/// budget, sangong-growth already reports that spot; this rule reports the rest.
struct SanGongAboveActualsRule: Rule {
    let id = RuleID.sangongAboveActuals.rawValue
    let defaultSeverity = Severity.warning
    let summary = "“三公”经费（或其中一项）超过上年决算的实际支出而没有说明原因"
    let documentation = RuleDocumentation(
        what: "一般公共预算拨款安排的“三公”经费合计及四项，分别与上年决算“三公”表的决算数（实际支出）比较；超过时须有原因（说明 三公 \"……\" 或该项的主题）。同一处已由 sangong-growth（超过上年预算）报告时不再重复。需要 上年决算 文件的 三公 块。",
        why: "“三公”经费按“只减不增”和“结合上年执行”安排：上年只花了 0.5 万元的公务接待本年安排 2 万元，即使没有超过上年预算，也要说明为什么。",
        fix: "按上年实际支出压减，或在 说明 块中写明原因。",
        justify: "说明 三公 \"……\"（整体），或 说明 公务接待 \"……\"（单项）。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard !b.budget.unpublished.contains(.sanGong), let previous = b.previous, let actuals = previous.actuals, !actuals.sanGong.isEmpty else { return [] }
        var result: [Finding] = []
        let budgetBasis = previous.sanGongTotal.flatMap { $0.basis == .budget ? $0.amount : nil }
        let place = b.lines.first { line in SanGongPart.allCases.contains { $0.economicCode == line.line.economicCode } }?.line.economicSpan
            ?? b.budget.previousActualsPath?.span
        let now = Aggregates.sanGongTotal(b)
        if let spent = actuals.sanGongActualTotal, now > spent, !(budgetBasis.map { now > $0 } ?? false) {
            result.append(finding("“三公”经费 \(b.amount(now))，\(Change.describe(in: b, spent, now, basis: .actuals))", at: place,
                                  hint: "在 说明 块中写：三公 \"……\"", justifiedBy: [Reasons.topic(.sanGong, in: b)]))
        }
        for part in SanGongPart.allCases {
            guard let spent = actuals.sanGong(part)?.actual, let new = Aggregates.knownSanGong(b, part: part) else { continue }
            let lastBudget = previous.sanGong(part).flatMap { $0.basis == .budget ? $0.amount : nil }
            guard new > spent, !(lastBudget.map { new > $0 } ?? false) else { continue }
            let line = b.lines.first { $0.line.economicCode == part.economicCode && $0.line.source == .generalBudget }
            result.append(finding("\(part.label) \(b.amount(new))，\(Change.describe(in: b, spent, new, basis: .actuals))",
                                  at: line?.line.economicSpan ?? place, hint: "在 说明 块中写：\(part.rawValue) \"……\" 或 三公 \"……\"",
                                  justifiedBy: [Reasons.sanGong(part, in: b)]))
        }
        return result
    }
}

struct RunningCostGrowthRule: Rule {
    let id = RuleID.runningCostGrowth.rawValue
    let defaultSeverity = Severity.warning
    let summary = "机关运行经费较上年增长而没有说明原因"
    let documentation = RuleDocumentation(
        what: "机关运行经费（行政单位和参公单位基本支出中的公用经费，财政拨款）与上年预算比较，增长时须有 说明 机关运行经费 \"……\"。",
        why: "“过紧日子”要求严控一般性支出，机关运行经费原则上只减不增；预算说明要单独说明机关运行经费的安排。",
        fix: "压减公用经费，或写明增长原因。",
        justify: "说明 机关运行经费 \"……\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        // Last year's budget: its lines, or the 机关运行经费 total `上年预算 … 机关运行经费 N` gives.
        guard !b.budget.unpublished.contains(.runningCost), let last = b.previous?.runningCost, last.basis == .budget else { return [] }
        let old = last.amount, new = Aggregates.runningCost(b)
        guard new > old, Reasons.topic("机关运行经费", in: b) == nil else { return [] }
        let place = b.lines.first { $0.line.kind == .publicUse }?.line.span ?? b.budget.previousBudgetPath?.span
        return [finding("机关运行经费 \(b.amount(new))，\(Change.describe(in: b, old, new, basis: .budget))，没有说明原因", at: place,
                        hint: "在 说明 块中写：机关运行经费 \"……\"")]
    }
}

struct RunningCostAboveActualsRule: Rule {
    let id = RuleID.runningCostAboveActuals.rawValue
    let defaultSeverity = Severity.warning
    let summary = "机关运行经费超过上年决算的实际支出而没有说明原因"
    let documentation = RuleDocumentation(
        what: "本年机关运行经费（行政单位和参公单位基本支出中的公用经费，财政拨款）与上年决算的 机关运行经费 决算数比较，超过时须有 说明 机关运行经费 \"……\"。已由 running-cost-growth（超过上年预算）报告时不再重复。需要 上年决算 文件写明 机关运行经费。",
        why: "决算公开要单独说明机关运行经费；本年预算超过上年实际支出，说明一般性支出没有压减。",
        fix: "按上年实际支出压减公用经费，或写明原因。",
        justify: "说明 机关运行经费 \"……\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard !b.budget.unpublished.contains(.runningCost), let spent = b.previous?.actuals?.runningCost?.actual else { return [] }
        let new = Aggregates.runningCost(b)
        let lastBudget = b.previous?.budget.map(Aggregates.runningCost)
        guard new > spent, !(lastBudget.map { new > $0 } ?? false) else { return [] }
        let place = b.lines.first { $0.line.kind == .publicUse }?.line.span ?? b.budget.previousActualsPath?.span
        return [finding("机关运行经费 \(b.amount(new))，\(Change.describe(in: b, spent, new, basis: .actuals))", at: place,
                        hint: "在 说明 块中写：机关运行经费 \"……\"", justifiedBy: [Reasons.topic(.runningCost, in: b)])]
    }
}

struct PersonnelPerHeadRule: Rule {
    let id = RuleID.personnelPerHead.rawValue
    let defaultSeverity = Severity.warning
    let summary = "人均人员经费比上年决算的人均数高出 10% 以上"
    let documentation = RuleDocumentation(
        what: "本年人员经费 ÷ 各单位实有人数之和，与上年决算的人员经费 ÷ 决算的年末实有人数比较；高出 10% 以上须有 说明 人员经费 \"……\"。决算的人员经费取基本支出 301、303 类各款之和，只公开了类合计或 人员经费合计 时取它们；人数取 实有人数，或决算各 单位 的 实有。",
        why: "人员经费按实有人数和工资标准核定；人均大幅增加，往往是人数或标准有误，或有未说明的调资、补发。",
        fix: "核对实有人数和工资、社保缴费基数。",
        justify: "说明 人员经费 \"……\"（如调资政策文号）。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let actuals = b.previous?.actuals, let staff = actuals.staffTotal, staff > 0, let before = actuals.personnel, !before.isZero else { return [] }
        let currentStaff = Aggregates.staff(b)
        guard currentStaff > 0 else { return [] }
        let personnel = Aggregates.personnel(b)
        // per head now > 1.1 × per head last year  ⇔  personnel × staff × 10 > 11 × before × currentStaff (exact)
        guard Exact.product(personnel.fen, Int64(staff) * 10) > Exact.product(before.fen, Int64(currentStaff) * 11) else { return [] }
        let now = Money(fen: personnel.fen / Int64(currentStaff)), then = Money(fen: before.fen / Int64(staff))
        return [finding("人均人员经费 \(b.budget.displayUnit.text(now)) \(b.budget.displayUnit.rawValue)，上年决算人均 \(b.budget.displayUnit.text(then)) \(b.budget.displayUnit.rawValue)，高出 10% 以上", at: b.budget.previousActualsPath?.span,
                        hint: "核对人数与标准，或在 说明 块中写：人员经费 \"……\"", justifiedBy: [Reasons.topic(.personnel, in: b)])]
    }
}

struct NewLineRule: Rule {
    let id = RuleID.newLine.rawValue
    let defaultSeverity = Severity.note
    let summary = "上年预算中没有的功能分类项与经济分类款组合（本年新增）"
    let documentation = RuleDocumentation(
        what: "列出本年出现、上年预算中没有的（功能分类项，经济分类款）组合。",
        why: "新增支出是审核重点：需确认有政策依据，编码没有写错。",
        fix: "无需修改；如是编码写错，改正编码。",
        justify: "提示不需要说明。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous?.budget else { return [] }
        return Change.combinations(of: b, absentFrom: previous).map { line in
            finding("本年新增：\(line.line.functionCode) \(line.line.economicCode) \(b.catalog.economicDepartment[line.line.economicCode] ?? "")",
                    at: line.line.span)
        }
    }
}

struct RemovedLineRule: Rule {
    let id = RuleID.removedLine.rawValue
    let defaultSeverity = Severity.note
    let summary = "上年预算有、本年没有的功能分类项与经济分类款组合"
    let documentation = RuleDocumentation(
        what: "列出上年预算中有、本年不再安排的（功能分类项，经济分类款）组合。",
        why: "取消的支出同样要在说明中交代；也可能是漏编。",
        fix: "如是漏编，补上该行。",
        justify: "提示不需要说明。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous?.budget else { return [] }
        return Change.combinations(of: previous, absentFrom: b).map { line in
            finding("本年不再安排：\(line.line.functionCode) \(line.line.economicCode) \(b.catalog.economicDepartment[line.line.economicCode] ?? "")（上年 \(b.amount(line.amount))）",
                    at: b.budget.previousBudgetPath?.span)
        }
    }
}

struct AboveExecutionRule: Rule {
    let id = RuleID.aboveExecution.rawValue
    let defaultSeverity = Severity.warning
    let summary = "功能分类项的预算比上年决算（实际支出）高出 20% 以上"
    let documentation = RuleDocumentation(
        what: "逐个功能分类项，把本年预算与上年决算的实际支出（基本支出 + 项目支出）比较；高出 20% 以上且超过 变动阈值 金额时报告，位置是该项预算最大的一行。写了原因时变为提示（原因写进提示）。决算中没有这一项或为 0 的，见 new-spending。需要 上年决算 文件。",
        why: "“以收定支、结合执行”：上年只花了 144 万元的项目本年又安排 200 万元，预算执行率会偏低，结转结余增加，审核时会被核减。",
        fix: "按实际执行情况核减预算。",
        justify: "在 说明 块中以编码为主题写原因（如 2101502 \"……\"），或写在该编码的支出行上。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let actuals = b.previous?.actuals, !actuals.lines.isEmpty else { return [] }
        var result: [Finding] = []
        var byCode: [String: [EvaluatedLine]] = [:]
        for line in b.lines { byCode[line.line.functionCode, default: []].append(line) }
        for (code, lines) in byCode.sorted(by: { $0.key < $1.key }) {
            let actual = actuals.spending(functionPrefix: code)
            let budgeted = lines.reduce(Money.zero) { $0 + $1.amount }
            // budgeted > 1.2 × actual  ⇔  5 × budgeted > 6 × actual
            guard !actual.isZero, Exact.product(budgeted.fen, 5) > Exact.product(actual.fen, 6),
                  (budgeted - actual).fen >= b.budget.changeThresholdAmount.fen else { continue }
            let line = lines.max { $0.amount < $1.amount }!
            result.append(finding("\(code) \(b.catalog.function[code] ?? "") 预算 \(b.amount(budgeted))，上年实际支出 \(b.amount(actual))，高出 \(Change.percent(budgeted - actual, of: actual).dropFirst())",
                                  at: line.line.functionSpan, hint: "按执行情况核减，或在 说明 块中写：\(code) \"……\"",
                                  justifiedBy: [Reasons.forCode(code, in: b, economic: false)]))
        }
        return result
    }
}

/// Spending on a function 项 that last year's 决算 shows nothing for.
struct NewSpendingRule: Rule {
    let id = RuleID.newSpending.rawValue
    let defaultSeverity = Severity.warning
    let summary = "上年决算中没有支出（或为 0）的功能分类项，本年安排了预算"
    let documentation = RuleDocumentation(
        what: "逐个功能分类项：上年决算的 支出 块中没有这一项或金额为 0，而本年预算达到 变动阈值 的金额（默认 1 万元）时报告，位置是该项预算最大的一行；写了原因时变为提示。需要 上年决算 文件中有 支出 块。",
        why: "上年没有实际支出的科目是新增支出，审核要看依据；也常是功能科目写错了（如把 2101599 写成 2101505）。",
        fix: "核对功能分类编码；确是新增支出的，写明依据。",
        justify: "在 说明 块中以编码为主题写原因（如 2101505 \"2025年新增 DRG 第三方评估\"），或写在该编码的支出行上。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let actuals = b.previous?.actuals, !actuals.lines.isEmpty else { return [] }
        var byCode: [String: [EvaluatedLine]] = [:]
        for line in b.lines { byCode[line.line.functionCode, default: []].append(line) }
        return byCode.sorted { $0.key < $1.key }.compactMap { code, lines in
            let budgeted = lines.reduce(Money.zero) { $0 + $1.amount }
            guard actuals.spending(functionPrefix: code).isZero, budgeted.fen >= b.budget.changeThresholdAmount.fen, !budgeted.isZero else { return nil }
            let line = lines.max { $0.amount < $1.amount }!
            return finding("\(code) \(b.catalog.function[code] ?? "") 本年预算 \(b.amount(budgeted))，上年决算没有这一项的支出", at: line.line.functionSpan,
                           hint: "核对编码；确是新增支出，在 说明 块中写：\(code) \"……\"", justifiedBy: [Reasons.forCode(code, in: b, economic: false)])
        }
    }
}

/// Low execution last year (决算 well below its budget) and the same budget again.
struct LowExecutionRule: Rule {
    let id = RuleID.lowExecution.rawValue
    let defaultSeverity = Severity.warning
    let summary = "上年预算执行率低（决算不到预算的 80%），本年又按同样水平安排"
    let documentation = RuleDocumentation(
        what: "逐个功能分类项：上年预算取决算行的 年初预算（没有时取 调整预算，再没有时取 上年预算 文件中该项的一般公共预算拨款），上年执行 = 决算数；执行率低于 80%、差额达到 变动阈值 金额，而本年预算不低于上年预算的 90% 时报告，位置是该项预算最大的一行。写了原因时变为提示。",
        why: "财政部门按“结合执行核定预算”的要求，对执行率低的项目压减下年预算；原样再报，预算执行率和结转结余会再次成为审计问题。",
        fix: "按上年实际执行水平核减，或说明本年执行有保障的原因。",
        justify: "在 说明 块中以编码为主题写原因，或写在该编码的支出行上。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous, let actuals = previous.actuals, !actuals.lines.isEmpty else { return [] }
        var byCode: [String: [EvaluatedLine]] = [:]
        for line in b.lines { byCode[line.line.functionCode, default: []].append(line) }
        var result: [Finding] = []
        for (code, lines) in byCode.sorted(by: { $0.key < $1.key }) {
            let rows = actuals.lines(ofFunction: code)
            let written = rows.compactMap { $0.initialBudget ?? $0.adjustedBudget }
            let lastBudget = !written.isEmpty ? written.reduce(.zero, +) : previous.budget.map { Aggregates.generalBudget($0, functionPrefix: code) }
            guard let lastBudget, !lastBudget.isZero else { continue }
            let spent = rows.reduce(Money.zero) { $0 + $1.total }
            let budgeted = lines.reduce(Money.zero) { $0 + $1.amount }
            // spent < 80% of last budget, and this year ≥ 90% of last budget (exact: 5·spent < 4·budget, 10·now ≥ 9·budget)
            guard Exact.product(spent.fen, 5) < Exact.product(lastBudget.fen, 4), Exact.product(budgeted.fen, 10) >= Exact.product(lastBudget.fen, 9),
                  (lastBudget - spent).fen >= b.budget.changeThresholdAmount.fen else { continue }
            let line = lines.max { $0.amount < $1.amount }!
            let executed = Change.rate(spent, of: lastBudget)
            result.append(finding("\(code) \(b.catalog.function[code] ?? "") 上年预算 \(b.amount(lastBudget))、决算 \(b.amount(spent))（执行率 \(executed)），本年又安排 \(b.amount(budgeted))",
                                  at: line.line.functionSpan, hint: "按执行水平核减，或在 说明 块中写：\(code) \"……\"",
                                  justifiedBy: [Reasons.forCode(code, in: b, economic: false)]))
        }
        return result
    }
}

struct ActualsYearRule: Rule {
    let id = RuleID.actualsYear.rawValue
    let defaultSeverity = Severity.warning
    let summary = "上年决算的年度不是预算年度的上一年"
    let documentation = RuleDocumentation(
        what: "上年决算 文件的 决算 年度应等于本预算的 年度 − 1。",
        why: "用错年度的决算，所有“较上年”的比较都会错，而且不会有任何别的提示。编制 2025 年预算时 2024 年决算往往还没有公布，只能用 2023 年决算，这时要明确说明。",
        fix: "指向正确年度的决算文件。",
        justify: "确需使用前年决算时写 允许 actuals-year \"2024年决算尚未公布，用2023年决算\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let actuals = b.previous?.actuals, actuals.year != b.budget.year - 1 else { return [] }
        return [finding("上年决算是 \(actuals.year) 年的，本预算是 \(b.budget.year) 年（应为 \(b.budget.year - 1) 年决算）", at: b.budget.previousActualsPath?.span,
                        hint: "改为 \(b.budget.year - 1) 年的决算文件；确需用其他年度时写 允许 actuals-year \"理由\"")]
    }
}

struct ActualsDepartmentRule: Rule {
    let id = RuleID.actualsDepartment.rawValue
    let defaultSeverity = Severity.warning
    let summary = "上年决算（或上年预算）是另一个部门的"
    let documentation = RuleDocumentation(
        what: "上年决算、上年预算文件的 部门 编码（编码相同时比较名称）应与本预算相同。",
        why: "拿别的部门的决算作比较，每一个“较上年”都是错的；复制其他单位的文件作模板时最容易发生。",
        fix: "指向本部门的文件，或改正 部门 一行。",
        justify: "部门更名、合并时写 允许 actuals-department \"理由\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        func differs(_ code: String, _ name: String) -> Bool {
            !code.isEmpty && (code != b.budget.departmentCode || (!name.contains(b.budget.departmentName) && !b.budget.departmentName.contains(name)))
        }
        if let a = b.previous?.actuals, differs(a.departmentCode, a.departmentName) {
            result.append(finding("上年决算是“\(a.departmentCode) \(a.departmentName)”的，本预算是“\(b.budget.departmentCode) \(b.budget.departmentName)”",
                                  at: b.budget.previousActualsPath?.span, hint: "指向本部门的决算文件"))
        }
        if let p = b.previous?.budget, differs(p.budget.departmentCode, p.budget.departmentName) {
            result.append(finding("上年预算是“\(p.budget.departmentCode) \(p.budget.departmentName)”的，本预算是“\(b.budget.departmentCode) \(b.budget.departmentName)”",
                                  at: b.budget.previousBudgetPath?.span, hint: "指向本部门的上年预算文件"))
        }
        return result
    }
}

/// With both files, the 决算's 年初预算 column and the 上年预算 file must say the same.
struct ActualsBudgetMismatchRule: Rule {
    let id = RuleID.actualsBudgetMismatch.rawValue
    let defaultSeverity = Severity.warning
    let summary = "上年决算中的年初预算数与上年预算文件不一致"
    let documentation = RuleDocumentation(
        what: "同时写了 上年预算 和 上年决算 时，决算支出行写明的 年初预算（一般公共预算拨款）逐项与上年预算文件中该功能分类项的一般公共预算拨款比较。",
        why: "两个文件都说的是上年的年初预算；不一致时，表13、说明用上年预算比较，执行率用决算比较，两处的“上年”就对不上。",
        fix: "核对上年预算文件（是否是批复的年初预算）和决算中抄写的年初预算数。",
        justify: "上年预算文件是调整后的预算时写 允许 actuals-budget-mismatch \"理由\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous?.budget, let actuals = b.previous?.actuals else { return [] }
        var written: [String: (Money, SourceSpan)] = [:]
        for line in actuals.lines where line.source == .generalBudget {
            guard let initial = line.initialBudget else { continue }
            written[line.functionCode] = ((written[line.functionCode]?.0 ?? .zero) + initial, written[line.functionCode]?.1 ?? line.span)
        }
        return written.sorted { $0.key < $1.key }.compactMap { code, value in
            let inBudget = Aggregates.generalBudget(previous, functionPrefix: code)
            guard inBudget != value.0 else { return nil }
            return finding("\(code) 上年决算写的年初预算 \(b.amount(value.0))，上年预算文件是 \(b.amount(inBudget))", at: value.1,
                           hint: "核对两个文件")
        }
    }
}

/// Every sentence of the generated 说明 that states a change needs its 主要原因.
struct NotesReasonRule: Rule {
    let id = Notes.reasonRuleID
    let defaultSeverity = Severity.warning
    let summary = "生成预算说明时，一句写明较上年变动的话缺少原因"
    let documentation = RuleDocumentation(
        what: "生成的预算说明（budgetc notes、工作簿的“说明”表）逐句写“较上年增加（减少）X 万元，主要原因是……”。变动达到 变动阈值 而预算中没有写原因时报告，并指向相应的行；说明中这句话只写金额和变动，不写原因，不会出现空白或占位符。原因来自：说明 块中的主题——收入、支出（总体）、功能分类项编码、经济分类类编码（如 301；政府经济类如 501 没有原因时用对应的部门经济类的）、三公及其四项、会议费、培训费、机关运行经费、政府性基金、国有资本经营——或写在支出行上的 原因。",
        why: "预算公开说明中的“较上年增加 **万元，主要原因是……”常被留空或写错；说明由预算生成，原因必须来自预算本身。",
        fix: "在 说明 块中写：主题 \"原因\"，例如 2101501 \"根据中省工资政策当年人员工资增加\"、301 \"……\"、收入 \"……\"。",
        justify: "原因本身就是说明；不需要时调高 变动阈值，或写 允许 notes-reason 话题 \"理由\"（只管这个话题的句子，如 允许 notes-reason 收入 \"公开稿没有写原因\"），或 允许 notes-reason \"理由\"（所有句子）。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard b.previous != nil else { return [] }
        let notes = context.notes ?? Notes.generate(b)
        return notes.diagnostics.enumerated().map { i, d in
            var f = Finding(diagnostic: d, justifications: [])
            f.topics = notes.reasonTopics[i] ?? []
            return f
        }
    }
}
