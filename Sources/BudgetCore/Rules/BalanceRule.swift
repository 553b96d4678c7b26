/// 收入总计 = 支出总计, for the department and every unit, source by source.
struct BalanceRule: Rule {
    let id = "balance"
    let defaultSeverity = Severity.error
    let summary = "收支平衡：每个资金来源的收入等于用该来源安排的支出"
    let documentation = RuleDocumentation(
        what: "按资金来源（一般公共预算拨款、政府性基金拨款……上年结转）比较收入与支出，部门合计和每个单位都要相等。",
        why: "部门预算坚持“收支平衡”（《预算法》第十二条）；收支总表、财政拨款收支总表的“收入总计 = 支出总计”是预算审核的第一条公式。",
        fix: "补齐或修正 收入 块中该来源的金额；常用写法是 一般公共预算拨款 = 一般公共预算拨款支出，让收入随支出自动计算。",
        justify: "不可说明：收支不平衡的预算不能报送。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        let units = budget.budget.units
        for unit in units {
            for source in FundingSource.allCases {
                let income = budget.income(ofUnit: unit.code) { $0.entry.source == source }
                let spending = budget.total(ofUnit: unit.code) { $0.line.source == source }
                guard income != spending else { continue }
                let entry = budget.incomes.first { $0.entry.unitCode == unit.code && $0.entry.source == source }
                let place = entry?.entry.span ?? unit.span
                let difference = income - spending
                let message = "单位 \(unit.code) 的\(source.rawValue)收支不平衡：收入 \(budget.amount(income))，支出 \(budget.amount(spending))，相差 \(budget.amount(difference))"
                let hint = entry == nil
                    ? "在 收入\(units.count > 1 ? " " + unit.code : "") 块中加一行：\(source.rawValue) = \(source.rawValue)支出"
                    : "收入应等于用该来源安排的支出；可写 \(source.rawValue) = \(source.rawValue)支出"
                result.append(finding(message, at: place, hint: hint))
            }
        }
        return result
    }
}

/// A stated amount written beside a formula must equal it.
struct FormulaMismatchRule: Rule {
    let id = "formula-mismatch"
    let defaultSeverity = Severity.warning
    let summary = "写明的金额与其公式的计算结果不一致"
    let documentation = RuleDocumentation(
        what: "同一行既写了金额又写了公式（如 1494.61 = 参保人数 * 县级补助标准）时，逐分比较两者。",
        why: "手工把公式结果四舍五入两次（259480 × 57.6 元 = 1494.6048 万元，公开为 1494.61）会让测算依据与预算数对不上，审核时被要求说明。",
        fix: "删去写明的金额，让公式决定金额；或修正公式中的人数、标准。",
        justify: "在该行下写 原因 \"……\"（例如“按财政下达控制数取整”），警告即变为提示。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            guard let formula = line.formulaValue, line.line.amount.stated != nil, formula != Rational(line.amount.fen) else { return nil }
            let rounded = Money(fen: formula.roundedToInteger())
            let exactText = (formula.isInteger ? "" : "约 ") + budget.amount(rounded)
            return finding("写明的金额 \(budget.amount(line.amount))与公式结果 \(exactText)不一致",
                           at: line.line.amount.statedSpan ?? line.line.span,
                           hint: "删去写明的金额以采用公式结果，或在该行下写 原因 \"……\" 说明取数依据",
                           justifiedBy: [line.line.reason])
        }
    }
}
