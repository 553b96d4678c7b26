/// 政府采购 items: arithmetic, fit within their line, well-formed catalog codes.
struct ProcurementAmountRule: Rule {
    let id = "procurement-amount"
    let defaultSeverity = Severity.warning
    let summary = "采购项的 数量 × 单价 与写明的金额不一致"
    let documentation = RuleDocumentation(
        what: "采购项同时写了数量、单价和金额时，数量 × 单价 应等于金额（精确到分）。",
        why: "表12 公开数量和预算金额，审核按“数量 × 单价”复核；不一致说明测算有误。",
        fix: "删去金额（由数量 × 单价计算），或改正数量、单价。",
        justify: "在所在支出行写 原因 \"……\"（例如含运输安装费）。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.flatMap { line in
            zip(line.line.purchases, zip(line.purchaseAmounts, line.purchaseComputed)).compactMap { purchase, amounts in
                guard let computed = amounts.1, purchase.amount != nil, computed != amounts.0 else { return nil }
                return finding("“\(purchase.item)”数量 × 单价 = \(budget.amount(computed))，写明的金额是 \(budget.amount(amounts.0))",
                               at: purchase.amount?.statedSpan ?? purchase.span, justifiedBy: [line.line.reason])
            }
        }
    }
}

struct ProcurementWithinLineRule: Rule {
    let id = "procurement-within-line"
    let defaultSeverity = Severity.error
    let summary = "采购项合计超过了所在支出行的金额"
    let documentation = RuleDocumentation(
        what: "一行支出下所有采购项金额之和不得超过该行金额。",
        why: "政府采购预算是部门预算的一部分，不能超出所依附的支出；超出意味着表12 与表6 对不上。",
        fix: "调高支出行金额，或核减采购项。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            guard !line.purchaseAmounts.isEmpty else { return nil }
            let sum = line.purchaseAmounts.reduce(Money.zero, +)
            guard sum > line.amount else { return nil }
            return finding("采购项合计 \(budget.amount(sum))，超过了该行金额 \(budget.amount(line.amount))", at: line.line.span)
        }
    }
}

struct ProcurementCatalogCodeRule: Rule {
    let id = "procurement-catalog-code"
    let defaultSeverity = Severity.warning
    let summary = "政府采购目录编码格式不对（A 货物、B 工程、C 服务 后接数字）"
    let documentation = RuleDocumentation(
        what: "采购项的目录编码应为一个字母（A 货物、B 工程、C 服务）后接 2 至 10 位数字，如 A02010105。",
        why: "表12 的“采购目录”按《政府采购品目分类目录》填写；编码错误会导致采购计划无法备案。",
        fix: "按《政府采购品目分类目录》改正编码。",
        justify: "在所在支出行写 原因 \"……\"。")

    static func isWellFormed(_ code: String) -> Bool {
        guard let first = code.first, "ABC".contains(first) else { return false }
        let digits = code.dropFirst()
        return (2...10).contains(digits.count) && digits.allSatisfy(\.isASCIIDigit)
    }

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.flatMap { line in
            line.line.purchases.filter { !ProcurementCatalogCodeRule.isWellFormed($0.catalogCode) }.map {
                finding("采购目录编码“\($0.catalogCode)”格式不对", at: $0.span, hint: "例如 A02010105（货物）、C1204（服务）",
                        justifiedBy: [line.line.reason])
            }
        }
    }
}
