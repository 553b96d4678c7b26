import Foundation

/// 绩效目标: complete per project, cost indicators that agree with the money, department targets.
struct PerformanceCompleteRule: Rule {
    let id = "performance-complete"
    let defaultSeverity = Severity.warning
    let summary = "专项项目的绩效目标不完整（总体目标、产出四类、效益、满意度）"
    let documentation = RuleDocumentation(
        what: "每个专项业务经费项目须有 绩效 块，写明总体目标，并至少各有一个 产出/数量、产出/质量、产出/时效、产出/成本（或 一级的 成本/经济成本 等）、效益（经济、社会、生态或可持续影响）和 满意度 指标。",
        why: "《项目支出绩效评价管理办法》（财预〔2020〕10号）和预算编制要求“绩效目标与预算同步编报”；表14 逐项公开，缺项会被退回。",
        fix: "在项目的 绩效 块中补上缺少的指标，如 产出/时效 \"资金到位及时率\" \"100%\"。",
        justify: "在项目下写 原因 \"……\"，或 允许 performance-complete \"理由\"。")

    static let required: [(level1: String, level2: String?, label: String)] = [
        ("产出指标", "数量指标", "产出/数量"), ("产出指标", "质量指标", "产出/质量"), ("产出指标", "时效指标", "产出/时效"),
        ("产出指标", "成本指标", "产出/成本"), ("效益指标", nil, "效益"), ("满意度指标", nil, "满意度"),
    ]

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.budget.projects.compactMap { project in
            guard !project.carriedOver else { return nil }
            guard let performance = project.performance else {
                // `未公开 绩效目标`: the publication copied from has no 绩效目标表, so a missing one is not known to be missing.
                if budget.budget.unpublished.contains(.performance) { return nil }
                return finding("项目“\(project.name)”没有绩效目标", at: project.span, hint: "在项目下写 绩效 块（表14 公开）",
                               justifiedBy: [project.reason])
            }
            var missing = PerformanceCompleteRule.required.filter { need in
                !performance.indicators.contains { indicator in
                    // The 一级 成本指标 (经济/社会/生态环境成本) stands for 产出/成本.
                    (indicator.level1 == need.level1 && (need.level2 == nil || indicator.level2 == need.level2))
                        || (need.level2 == "成本指标" && indicator.level1 == "成本指标")
                }
            }.map(\.label)
            if performance.goal.isBlank { missing.insert("总体目标", at: 0) }
            guard !missing.isEmpty else { return nil }
            return finding("项目“\(project.name)”的绩效目标缺少：" + missing.joined(separator: "、"), at: performance.span,
                           hint: "例如：\(missing[0] == "总体目标" ? "总体目标 \"……\"" : missing[0] + " \"指标内容\" \"指标值\"")",
                           justifiedBy: [project.reason])
        }
    }
}

struct PerformanceCostRule: Rule {
    let id = "performance-cost"
    let defaultSeverity = Severity.warning
    let summary = "成本指标写的金额与项目（或部门）预算金额不符"
    let documentation = RuleDocumentation(
        what: "成本指标的指标值是金额（如“≤41万元”“80万元”）时，与项目资金总额比较：写“≤”“<”时总额不得超过它，写“≥”“>”时不得低于它，否则应相等。含“/”的单价类指标（如“57.6元/人”）不比较。部门绩效的成本指标与部门支出合计比较。",
        why: "成本指标是预算控制数；与表14 的资金金额不一致，说明绩效目标没有随预算调整。",
        fix: "改正指标值，使其与预算金额一致。",
        justify: "在项目下写 原因 \"……\"。")

    /// (comparison, money) from values like "≤41万元", "80万元", "≤1996.62万元".
    static func parse(_ value: String) -> (String, Money)? {
        // Only a value with 万 or 元 can end in a money unit (folding cannot make either): most
        // cost indicators are words such as “不超过预算”, rejected here on bytes.
        guard containsMoneyUnit(value) else { return nil }
        var text = Normalize.folded(value).replacingAll(" ", with: "")
        guard !text.contains("/") else { return nil }
        var comparison = "="
        for prefix in ["≤", "<=", "<", "≥", ">=", ">", "不超过", "不高于", "约"] where text.hasPrefix(prefix) {
            comparison = ["≤", "<=", "<", "不超过", "不高于"].contains(prefix) ? "≤" : (prefix == "约" ? "=" : "≥")
            text.removeFirst(prefix.count)
            break
        }
        let scale: Int64
        if text.hasSuffix("万元") { scale = Money.fenPerWan; text.removeLast(2) }
        else if text.hasSuffix("万") { scale = Money.fenPerWan; text.removeLast() }
        else if text.hasSuffix("元") { scale = Money.fenPerYuan; text.removeLast() }
        else { return nil }
        guard case .success(let literal) = NumberLiteral.parse(text), literal.unit == .none, literal.measureWord.isEmpty,
              let fen = try? literal.value.multiplied(by: Rational(scale)), fen.isInteger else { return nil }
        return (comparison, Money(fen: fen.numerator))
    }

    /// Whether the UTF-8 of `value` has 万 (E4 B8 87) or 元 (E5 85 83).
    static func containsMoneyUnit(_ value: String) -> Bool {
        var a: UInt8 = 0, b: UInt8 = 0
        for c in value.utf8 {
            if (a == 0xE4 && b == 0xB8 && c == 0x87) || (a == 0xE5 && b == 0x85 && c == 0x83) { return true }
            (a, b) = (b, c)
        }
        return false
    }

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        func compare(_ indicators: [Indicator], total: Money, what: String, reason: Reason?) {
            for indicator in indicators where indicator.level2 == "成本指标" || indicator.level2 == "经济成本指标" {
                guard let (comparison, money) = PerformanceCostRule.parse(indicator.value) else { continue }
                let ok: Bool
                switch comparison {
                case "≤": ok = total <= money
                case "≥": ok = total >= money
                default: ok = total == money
                }
                if !ok {
                    result.append(finding("成本指标“\(indicator.value)”与\(what) \(budget.amount(total))不符", at: indicator.span,
                                          hint: "把指标值改为与预算一致的金额", justifiedBy: [reason]))
                }
            }
        }
        for (index, project) in budget.budget.projects.enumerated() where !project.carriedOver {
            compare(project.performance?.indicators ?? [], total: budget.projectTotal(index),
                    what: "项目“\(project.name)”资金总额", reason: project.reason)
        }
        if let department = budget.budget.departmentPerformance {
            compare(department.performance.indicators, total: budget.total { !$0.line.carriedOver },
                    what: "部门支出合计", reason: nil)
        }
        return result
    }
}

struct DepartmentPerformanceRule: Rule {
    let id = "department-performance"
    let defaultSeverity = Severity.warning
    let summary = "缺少部门整体绩效目标（表15）"
    let documentation = RuleDocumentation(
        what: "预算须有 部门绩效 块：人员经费、公用经费、专项业务费三项任务的主要内容，年度总体目标和绩效指标。金额由预算自动计算。所用套表没有部门整体支出绩效目标表（如 全国 套表）时不要求。",
        why: "部门整体支出绩效目标（表15）是公开报表的一部分，“部门应公开本部门整体预算绩效”。",
        fix: "写 部门绩效 块：任务 人员经费 \"……\"、总体目标 \"……\"、产出/数量 \"……\" \"……\" 等。",
        justify: "允许 department-performance \"理由\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        guard let department = budget.budget.departmentPerformance else {
            if budget.budget.unpublished.contains(.performance) { return [] }
            // Name the set's own 部门整体绩效 table; a set without one (全国) publishes no department targets.
            let table = context.tables.first { $0.plainTitle.contains("整体") && $0.plainTitle.contains("绩效") }
            if table == nil && !context.tables.isEmpty { return [] }
            return [finding("没有 部门绩效 块，\(table?.number ?? "表15") 将只有金额", at: budget.budget.departmentSpan, hint: "写 部门绩效 块")]
        }
        var missing: [String] = []
        if department.performance.goal.isEmpty { missing.append("总体目标") }
        if department.performance.indicators.isEmpty { missing.append("绩效指标") }
        for task in DepartmentTasks.names where !department.tasks.contains(where: { $0.name == task }) {
            missing.append("任务 \(task)")
        }
        guard !missing.isEmpty else { return [] }
        return [finding("部门绩效缺少：" + missing.joined(separator: "、"), at: department.performance.span)]
    }
}
