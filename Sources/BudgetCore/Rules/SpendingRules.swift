/// Lines that repeat, amounts that make no sense, units and projects with nothing in them.
struct DuplicateLineRule: Rule {
    let id = "duplicate-line"
    let defaultSeverity = Severity.warning
    let summary = "同一单位、同一部分（或项目）中相同功能与经济科目的支出行重复"
    let documentation = RuleDocumentation(
        what: "同一单位的同一块（人员经费、公用经费或同一项目）中，功能分类和经济分类编码都相同的行出现两次以上。",
        why: "重复行通常是复制粘贴后忘了删除，会让支出虚增；即使有意拆分，也应合并成一行以便审核。",
        fix: "合并为一行（金额可写成公式，如 = 3.5 + 1.2），或删除多余的行。",
        justify: "有意分列时，在后一行写 原因 \"……\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        // Lines are sorted by where they sit (unit, codes, project) instead of hashed into a dictionary:
        // 24 bytes a line instead of a ~128 MiB table at a million lines, which set compile's peak memory
        // (issue 15). Codes are digits, compared as integers; kind and source (enums whose raw values
        // are Chinese strings) are matched within a run of lines that agree on the rest.
        struct Entry {
            var function: Int, economic: Int32, unit: Int32, project: Int32, index: Int32
            func samePlace(_ other: Entry) -> Bool {
                unit == other.unit && function == other.function && economic == other.economic && project == other.project
            }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(budget.lines.count)
        var unitNumbers: [String: Int32] = [:]
        var lastUnit: (code: String, number: Int32)?
        for index in budget.lines.indices {
            // The evaluated line (a class) is read field by field: binding its `Line` copied a dozen
            // Strings and arrays a line (issue 15).
            let evaluated = budget.lines[index]
            // Lines of one unit come together: look the unit up only when it changes.
            let unit: Int32
            if let last = lastUnit, last.code == evaluated.line.unitCode {
                unit = last.number
            } else {
                unit = unitNumbers[evaluated.line.unitCode] ?? Int32(truncatingIfNeeded: unitNumbers.count)
                unitNumbers[evaluated.line.unitCode] = unit
                lastUnit = (evaluated.line.unitCode, unit)
            }
            // A code that is not a number (reported by the catalog rules) matches any other such code.
            entries.append(Entry(function: Int(evaluated.line.functionCode) ?? -1, economic: Int32(evaluated.line.economicCode) ?? -1,
                                 unit: unit, project: evaluated.line.project.map { Int32(truncatingIfNeeded: $0) } ?? -1, index: Int32(truncatingIfNeeded: index)))
        }
        entries.sort { ($0.unit, $0.function, $0.economic, $0.project, $0.index) < ($1.unit, $1.function, $1.economic, $1.project, $1.index) }

        // Each later line that repeats an earlier one (same place, kind and source) names the first.
        var repeats: [(line: Int, first: Int)] = []
        var firsts: [(kind: SpendingKind, source: FundingSource, index: Int)] = []
        var runStart = 0
        while runStart < entries.count {
            var runEnd = runStart + 1
            while runEnd < entries.count && entries[runEnd].samePlace(entries[runStart]) { runEnd += 1 }
            if runEnd - runStart > 1 {
                firsts.removeAll(keepingCapacity: true)
                for entry in entries[runStart..<runEnd] {
                    let index = Int(entry.index)
                    let evaluated = budget.lines[index]
                    let kind = evaluated.line.kind, source = evaluated.line.source
                    // At most one first per kind and source: the scan is bounded by their number, not the run's.
                    if let first = firsts.first(where: { $0.kind == kind && $0.source == source }) {
                        repeats.append((index, first.index))
                    } else {
                        firsts.append((kind, source, index))
                    }
                }
            }
            runStart = runEnd
        }
        return repeats.map { repeated in
            let l = budget.lines[repeated.line].line
            return finding("与第 \(budget.lines[repeated.first].line.span.line) 行重复：\(l.functionCode) \(l.economicCode)", at: l.span,
                           hint: "合并成一行", justifiedBy: [l.reason])
        }
    }
}

struct NegativeAmountRule: Rule {
    let id = "negative-amount"
    let defaultSeverity = Severity.error
    let summary = "支出、收入、会议培训或采购金额为负数"
    let documentation = RuleDocumentation(
        what: "任何支出行、收入来源、会议/培训、采购项的金额小于零。",
        why: "预算公开报表中不存在负数支出；负数通常是公式写反（如 = 甲 - 乙 中甲乙颠倒）。",
        fix: "改正金额或公式；核减应直接写核减后的金额。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        for line in budget.lines {
            if line.amount.fen < 0 {
                result.append(finding("支出金额为负数：\(budget.amount(line.amount))", at: line.line.amount.formulaSpan ?? line.line.amount.statedSpan ?? line.line.span))
            }
            // Most lines have no meeting or purchase: no pairing of empty arrays for them (issue 15).
            if !line.meetingAmounts.isEmpty {
                for (meeting, amount) in zip(line.line.meetings, line.meetingAmounts) where amount.fen < 0 {
                    result.append(finding("\(meeting.kind.rawValue)金额为负数", at: meeting.span))
                }
            }
            if !line.purchaseAmounts.isEmpty {
                for (purchase, amount) in zip(line.line.purchases, line.purchaseAmounts) where amount.fen < 0 {
                    result.append(finding("采购金额为负数", at: purchase.span))
                }
            }
        }
        for income in budget.incomes where income.amount.fen < 0 {
            result.append(finding("收入金额为负数：\(budget.amount(income.amount))", at: income.entry.span))
        }
        return result
    }
}

struct ZeroAmountRule: Rule {
    let id = "zero-amount"
    let defaultSeverity = Severity.warning
    let summary = "支出行金额为零"
    let documentation = RuleDocumentation(
        what: "支出行的金额为 0。",
        why: "零金额的行不会出现在报表中，却会让人以为该项有预算；通常是漏填金额或公式引用了空值。",
        fix: "填写金额，或删除这一行。",
        justify: "需要保留占位时，在该行写 原因 \"……\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.filter { $0.amount.isZero }.map {
            finding("支出行金额为 0", at: $0.line.amount.formulaSpan ?? $0.line.amount.statedSpan ?? $0.line.span,
                    hint: "填写金额或删除该行", justifiedBy: [$0.line.reason])
        }
    }
}

struct UnitWithoutLinesRule: Rule {
    let id = "unit-without-lines"
    let defaultSeverity = Severity.warning
    let summary = "单位没有任何支出行"
    let documentation = RuleDocumentation(
        what: "声明了单位，但没有一行支出属于它。",
        why: "纳入部门预算的单位都应有预算（至少有人员经费）；没有支出的单位会在表2、表3 中显示为空行。",
        fix: "为该单位写 基本支出 块，或删除该单位的声明。",
        justify: "单位当年确无预算时，写 允许 unit-without-lines \"理由\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.budget.units.filter { budget.index.linesOfUnit[$0.code] == nil }.map {
            finding("单位 \($0.code) \($0.name) 没有任何支出", at: $0.span, hint: "写 基本支出 \($0.code) 块")
        }
    }
}

struct ProjectWithoutLinesRule: Rule {
    let id = "project-without-lines"
    let defaultSeverity = Severity.warning
    let summary = "项目没有任何支出行"
    let documentation = RuleDocumentation(
        what: "项目块中没有支出行（或合计为 0）。",
        why: "表10、表14 会列出一个金额为 0 的项目，与绩效目标中的资金额矛盾。",
        fix: "补上支出行，或删除该项目。",
        justify: "写 原因 \"……\"（在项目下）。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.budget.projects.enumerated().compactMap { index, project in
            let total = budget.projectTotal(index)
            guard total.isZero else { return nil }
            return finding("项目“\(project.name)”没有支出", at: project.span, hint: "在项目下写支出行", justifiedBy: [project.reason])
        }
    }
}

struct ProjectIntroductionRule: Rule {
    let id = "project-introduction"
    let defaultSeverity = Severity.warning
    let summary = "专项业务经费项目缺少简介"
    let documentation = RuleDocumentation(
        what: "非结转项目没有 简介。",
        why: "表10 逐项公开项目简介（测算依据、政策文件、用途），空白简介会被要求补充。",
        fix: "在项目下写 简介 \"依据……文件，用于……\"。",
        justify: "不建议说明；确无需简介时写 允许 project-introduction \"理由\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.budget.projects.filter { !$0.carriedOver && $0.introduction.isBlank }.map {
            finding("项目“\($0.name)”没有简介", at: $0.span, hint: "写 简介 \"……\"（表10 会公开）")
        }
    }
}

import Foundation

struct OtherSpendingSourceRule: Rule {
    let id = "other-spending-source"
    let defaultSeverity = Severity.error
    let summary = "上缴上级、经营支出、对附属单位补助不能用财政拨款安排"
    let documentation = RuleDocumentation(
        what: "上缴上级支出、事业单位经营支出、对附属单位补助支出的行，资金来源不能是一般公共预算拨款、政府性基金拨款或国有资本经营预算。",
        why: "这三类支出用单位自有资金（事业收入、经营收入等）安排；财政拨款收支总表（表4）和一般公共预算明细表（表5–表8）没有它们的栏目，用财政拨款安排会使各表合计对不上。",
        fix: "在块中写 来源 事业收入（或 事业单位经营收入、其他收入），或把支出改列为项目。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.filter { [.remittance, .operating, .subsidiary].contains($0.line.kind) && $0.line.source.isFiscal }.map {
            finding("\($0.line.kind.rawValue)不能用\($0.line.source.rawValue)安排", at: $0.line.span, hint: "写 来源 事业收入 等单位资金")
        }
    }
}
