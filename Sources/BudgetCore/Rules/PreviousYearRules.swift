/// Checks against last year's budget (`上年预算`) and 决算 (`上年决算`). Each needs the
/// previous-year file it compares with and reports nothing without it.
struct ChangeNeedsReasonRule: Rule {
    let id = "change-needs-reason"
    let defaultSeverity = Severity.warning
    let summary = "功能分类项或经济分类款较上年预算变动较大，需要说明原因"
    let documentation = RuleDocumentation(
        what: "逐个功能分类项（7 位）和部门经济分类款（5 位），比较本年与上年预算（一般公共预算拨款）。变动同时达到 变动阈值 的金额（默认 1 万元）和比例（默认 0%）时，须有原因：说明 块中以编码为主题的原因（如 2101501 \"……\"），或写在该编码某一支出行上的 原因；经济分类款也可用其类的原因（如 301 \"……\"）。",
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
                result.append(finding("\(code) \(dimension.name(code)) \(Change.describe(old, new))，没有说明原因", at: place,
                                      hint: "在 说明 块中写：\(code) \"主要原因是……\"（会写入预算说明）"))
            }
        }
        return result
    }
}

struct SanGongGrowthRule: Rule {
    let id = "sangong-growth"
    let defaultSeverity = Severity.warning
    let summary = "“三公”经费（或其中一项）超过上年预算而没有说明原因（只减不增）"
    let documentation = RuleDocumentation(
        what: "一般公共预算拨款安排的“三公”经费合计，以及因公出国（境）、公务接待、公务用车购置、公务用车运行维护四项，分别与上年预算比较；增加时须有原因：说明 块中的 三公 \"……\"，或该项的主题（如 公务接待 \"……\"）。",
        why: "中央八项规定及其实施细则和历年预算编制通知要求“三公”经费“只减不增”；增加必须说明理由并在预算说明中公开。",
        fix: "压减到不超过上年预算，或在 说明 块中写明增加的原因。",
        justify: "说明 三公 \"……\"（整体），或 说明 公务接待 \"……\"（单项）。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous?.budget else { return [] }
        var result: [Finding] = []
        let place = b.budget.topicReasons["三公"]?.span ?? b.budget.previousBudgetPath?.span
        let total = (Aggregates.sanGongTotal(previous), Aggregates.sanGongTotal(b))
        if total.1 > total.0, Reasons.topic("三公", in: b) == nil {
            result.append(finding("“三公”经费 \(total.1.wanYuanExact) 万元，\(Change.describe(total.0, total.1))，没有说明原因", at: place,
                                  hint: "在 说明 块中写：三公 \"……\""))
        }
        for part in Actuals.sanGongParts {
            let old = Aggregates.sanGong(previous, part: part), new = Aggregates.sanGong(b, part: part)
            guard new > old, Reasons.topic(part, in: b) == nil, Reasons.topic("三公", in: b) == nil else { continue }
            let code = Aggregates.sanGongCodes.first { $0.part == part }!.code
            let line = b.lines.first { $0.line.economicCode == code }
            result.append(finding("\(part)费 \(Change.describe(old, new))，没有说明原因", at: line?.line.economicSpan ?? place,
                                  hint: "在 说明 块中写：\(part) \"……\" 或 三公 \"……\""))
        }
        return result
    }
}

struct RunningCostGrowthRule: Rule {
    let id = "running-cost-growth"
    let defaultSeverity = Severity.warning
    let summary = "机关运行经费较上年增长而没有说明原因"
    let documentation = RuleDocumentation(
        what: "机关运行经费（行政单位和参公单位基本支出中的公用经费，财政拨款）与上年预算比较，增长时须有 说明 机关运行经费 \"……\"。",
        why: "“过紧日子”要求严控一般性支出，机关运行经费原则上只减不增；预算说明要单独说明机关运行经费的安排。",
        fix: "压减公用经费，或写明增长原因。",
        justify: "说明 机关运行经费 \"……\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let previous = b.previous?.budget else { return [] }
        let old = Aggregates.runningCost(previous), new = Aggregates.runningCost(b)
        guard new > old, Reasons.topic("机关运行经费", in: b) == nil else { return [] }
        let place = b.lines.first { $0.line.kind == .publicUse }?.line.span ?? b.budget.previousBudgetPath?.span
        return [finding("机关运行经费 \(new.wanYuanExact) 万元，\(Change.describe(old, new))，没有说明原因", at: place,
                        hint: "在 说明 块中写：机关运行经费 \"……\"")]
    }
}

struct PersonnelPerHeadRule: Rule {
    let id = "personnel-per-head"
    let defaultSeverity = Severity.warning
    let summary = "人均人员经费比上年决算的人均数高出 10% 以上"
    let documentation = RuleDocumentation(
        what: "本年人员经费 ÷ 各单位实有人数之和，与上年决算的人员经费（基本支出 301、303 类）÷ 决算 实有人数 比较；高出 10% 以上须有 说明 人员经费 \"……\"。需要 上年决算 文件写明 实有人数 和 基本支出。",
        why: "人员经费按实有人数和工资标准核定；人均大幅增加，往往是人数或标准有误，或有未说明的调资、补发。",
        fix: "核对实有人数和工资、社保缴费基数。",
        justify: "说明 人员经费 \"……\"（如调资政策文号）。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let actuals = b.previous?.actuals, let staff = actuals.staff, staff > 0, !actuals.personnel.isZero else { return [] }
        let currentStaff = Aggregates.staff(b)
        guard currentStaff > 0 else { return [] }
        let personnel = b.total { $0.line.kind == .personnel }
        // per head now > 1.1 × per head last year  ⇔  personnel × staff × 10 > 11 × actual × currentStaff
        let lhs = Double(personnel.fen) * Double(staff) * 10
        let rhs = Double(actuals.personnel.fen) * Double(currentStaff) * 11
        guard lhs > rhs, Reasons.topic("人员经费", in: b) == nil else { return [] }
        let now = Money(fen: personnel.fen / Int64(currentStaff)), before = Money(fen: actuals.personnel.fen / Int64(staff))
        return [finding("人均人员经费 \(now.wanYuanText()) 万元，上年决算人均 \(before.wanYuanText()) 万元，高出 10% 以上", at: b.budget.previousActualsPath?.span,
                        hint: "核对人数与标准，或在 说明 块中写：人员经费 \"……\"")]
    }
}

struct NewLineRule: Rule {
    let id = "new-line"
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
    let id = "removed-line"
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
            finding("本年不再安排：\(line.line.functionCode) \(line.line.economicCode) \(b.catalog.economicDepartment[line.line.economicCode] ?? "")（上年 \(line.amount.wanYuanExact) 万元）",
                    at: b.budget.previousBudgetPath?.span)
        }
    }
}

struct AboveExecutionRule: Rule {
    let id = "above-execution"
    let defaultSeverity = Severity.warning
    let summary = "功能分类项的预算比上年决算（实际支出）高出 20% 以上"
    let documentation = RuleDocumentation(
        what: "逐个功能分类项，把本年预算与上年决算的实际支出（基本支出 + 项目支出）比较；高出 20% 以上且超过 变动阈值 金额时报告。需要 上年决算 文件。",
        why: "“以收定支、结合执行”：上年只花了 144 万元的项目本年又安排 200 万元，预算执行率会偏低，结转结余增加，审核时会被核减。",
        fix: "按实际执行情况核减预算。",
        justify: "在 说明 块中以编码为主题写原因（如 2101502 \"……\"），或写在该编码的支出行上。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let actuals = b.previous?.actuals else { return [] }
        var result: [Finding] = []
        for code in Set(b.lines.map(\.line.functionCode)).sorted() {
            guard let spent = actuals.functionSpending[code] else { continue }
            let actual = spent.basic + spent.project
            let budgeted = b.total { $0.line.functionCode == code }
            guard !actual.isZero, Double(budgeted.fen) > Double(actual.fen) * 1.2,
                  (budgeted - actual).fen >= b.budget.changeThresholdAmount.fen,
                  Reasons.forCode(code, in: b, economic: false) == nil else { continue }
            let line = b.lines.first { $0.line.functionCode == code }!
            result.append(finding("\(code) \(b.catalog.function[code] ?? "") 预算 \(budgeted.wanYuanExact) 万元，上年实际支出 \(actual.wanYuanExact) 万元，高出 \(Change.percent(budgeted - actual, of: actual).dropFirst())",
                                  at: line.line.functionSpan, hint: "按执行情况核减，或在 说明 块中写：\(code) \"……\""))
        }
        return result
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
        justify: "原因本身就是说明；不需要时调高 变动阈值，或写 允许 notes-reason \"理由\"。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard b.previous?.budget != nil else { return [] }
        return Notes.generate(b).diagnostics.map { Finding(diagnostic: $0, justifications: []) }
    }
}
