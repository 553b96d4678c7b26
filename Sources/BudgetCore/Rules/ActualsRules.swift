/// Rules over a 决算 file checked on its own (`budgetc check 决算.bud`): the figures a
/// publication prints must add up. Published tables are rounded to 0.01 万元 line by line, so a
/// small difference (尾数) is reported as a note with the amounts, a larger one as a warning.
enum Tail {
    /// Differences up to 0.05 万元 are the publication's rounding (尾数差异).
    static let tolerance = Money(fen: 50_000)

    static func isTail(_ difference: Money) -> Bool { difference.fen.magnitude <= UInt64(tolerance.fen) }
}

extension ActualsRule {
    /// A published total against the sum of its detail: nothing when equal, a note for 尾数, else the rule's severity.
    func compare(_ what: String, published: Money, detail: Money, detailName: String, in a: Actuals, at span: SourceSpan?, hint: String) -> Finding? {
        let difference = published - detail
        guard !difference.isZero else { return nil }
        let magnitude = Money(fen: difference.fen == .min ? .max : abs(difference.fen))
        let unit = a.displayUnit
        let text = "\(what) \(unit.amount(published))，\(detailName)之和 \(unit.amount(detail))，相差 \(unit.amount(magnitude))"
        if Tail.isTail(difference) {
            return Finding(diagnostic: Diagnostic(.note, id, text + "（公开稿的尾数差异）", at: span), justifications: [])
        }
        return finding(text, at: span, hint: hint)
    }
}

struct ActualsBalanceRule: ActualsRule {
    let id = RuleID.actualsBalance.rawValue
    let defaultSeverity = Severity.warning
    let summary = "决算收支不平：收入 + 年初结转结余 ≠ 支出 + 年末结转结余"
    let documentation = RuleDocumentation(
        what: "逐个资金来源（结转结余只写了不为 0 的合计，或支出只写了全部来源的 本年支出合计 时，按合计）检查：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余。支出按 支出 块各行的 来源（不写为一般公共预算拨款）汇总。相差不超过 0.05 万元时作为尾数差异给出提示。只在写了 收入、且没有写成 未公开 的合计时检查。",
        why: "公开01表、公开04表的“总计”两边必须相等；不平说明抄错了数字、漏了结转结余，或支出行的资金来源没有写对（如 2101599 中的其他收入）。",
        fix: "核对公开01表、公开04表：补写 年初结转结余 / 年末结转结余，或在支出行上写 来源 其他收入。",
        justify: "允许 actuals-balance \"理由\"。")

    func check(actuals a: Actuals) -> [Finding] {
        // A total written as 未公开 leaves nothing to balance.
        let unlisted = a.published.filter { $0.label == PublishedTotal.unlistedIncomeLabel && !$0.economic }.reduce(Money.zero) { $0 + $1.amount }
        guard !a.incomes.isEmpty || !unlisted.isZero, a.unpublished.isEmpty else { return [] }
        func balance(_ moment: ActualBalance.Moment, _ source: FundingSource?) -> Money {
            a.balances.filter { $0.moment == moment && (source == nil || $0.source == source) }.reduce(.zero) { $0 + $1.amount }
        }
        var result: [Finding] = []
        // A carry-over written only as a total of 0 is 0 for every source: the sources can still be balanced one by one.
        // 本年支出合计 (every source) without the split by source: only the totals can be balanced.
        // `未列明` income has no source: only the totals can be balanced.
        let bySourceKnown = a.balances.allSatisfy { $0.source != nil || $0.amount.isZero }
            && !a.published.contains { $0.label == PublishedTotal.allSourcesLabel && !$0.economic } && unlisted.isZero
        let sources: [FundingSource?] = bySourceKnown
            ? FundingSource.allCases.filter { s in a.incomes.contains { $0.source == s } || a.lines.contains { $0.source == s } || a.balances.contains { $0.source == s } }
            : [nil]
        for source in sources {
            let income = a.income(source) + (source == nil ? unlisted : .zero)
            // The lines, or the published 类/款/合计 where the 决算 gives only those (same figures as the 公开 tables).
            let spent = ActualsFigures.spending(a, sources: source.map { [$0] }).total
            let left = income + balance(.opening, source), right = spent + balance(.closing, source)
            let place = a.incomes.first { source == nil || $0.source == source }?.span ?? a.lines.first { $0.source == source }?.span ?? a.span
            let name = source?.rawValue ?? "全部来源"
            if let f = compare("\(name)：收入 + 年初结转结余", published: left, detail: right, detailName: "支出 + 年末结转结余", in: a, at: place,
                               hint: "补写结转结余，或在支出行上写 来源") {
                result.append(f)
            }
        }
        return result
    }
}

struct ActualsPartsRule: ActualsRule {
    let id = RuleID.actualsParts.rawValue
    let defaultSeverity = Severity.warning
    let summary = "决算中写明的合计与明细之和不符"
    let documentation = RuleDocumentation(
        what: "检查决算文件中同时写了合计和明细的地方：支出行的 合计 = 基本 + 项目；功能分类的类、款行（照公开05表粘贴）= 其下一般公共预算财政拨款各项之和；支出 合计 行（公开05表）= 一般公共预算财政拨款各项 + 其下没有项的类、款行 + 未分类；本年支出合计 = 全部资金来源各行之和；基本支出 中的类合计（301、302 ……）= 其下各款之和；人员经费 = 301 + 303 各款，公用经费 = 其余各款；基本支出（按经济分类）之和 = 支出各行的基本支出之和；收入合计 = 各来源之和。相差不超过 0.05 万元时作为尾数差异给出提示（注明金额），否则警告。",
        why: "公开表按分四舍五入，合计与明细常有几分钱的尾数差异，这是正常的，但要说得出来；差得更多，说明抄错或漏抄了行。",
        fix: "对照公开表改正抄错的数字或补上漏抄的行。",
        justify: "尾数差异只是提示，无需说明；其他差异写 允许 actuals-parts \"理由\"。")

    func check(actuals a: Actuals) -> [Finding] {
        var result: [Finding] = []
        for line in a.lines {
            guard let stated = line.statedTotal, let basic = line.basic, let project = line.project else { continue }
            if let f = compare("\(line.functionCode) 合计", published: stated, detail: basic + project, detailName: "基本支出与项目支出", in: a, at: line.span,
                               hint: "核对这一行的三栏") { result.append(f) }
        }
        // Sums of the detail by (unit, code prefix), computed once: a total is then checked in constant time.
        struct Sum { var total = Money.zero, basic = Money.zero, count = 0, basicKnown = true }
        // functionSums: 一般公共预算 lines, what 公开05's 合计, 类 and 款 rows total; allSources: every line (本年支出合计).
        var functionSums: [String: Sum] = [:], economicSums: [String: Sum] = [:], allSources: [String: Sum] = [:]
        var generalLines = Set<String>() // units (and "" for the department) with 一般公共预算 项 lines
        func key(_ unit: String?, _ prefix: String) -> String { (unit ?? "") + "\u{1}" + prefix }
        for line in a.lines {
            for unit in Set([nil, line.unitCode]) {
                allSources[unit ?? "", default: Sum()].total += line.total
                allSources[unit ?? "", default: Sum()].count += 1
            }
            guard line.source == .generalBudget else { continue }
            for unit in Set([nil, line.unitCode]) { generalLines.insert(unit ?? "") }
            for unit in Set([nil, line.unitCode]) {
                for prefix in Set(["", String(line.functionCode.prefix(3)), String(line.functionCode.prefix(5))]) {
                    var sum = functionSums[key(unit, prefix)] ?? Sum()
                    sum.total += line.total
                    sum.basic += line.basic ?? .zero
                    sum.basicKnown = sum.basicKnown && line.basic != nil
                    sum.count += 1
                    functionSums[key(unit, prefix)] = sum
                }
            }
        }
        for row in a.basicEconomic {
            for unit in Set([nil, row.unitCode]) {
                for prefix in ["", String(row.code.prefix(3)), EconomicCodes.isPersonnel(row.code) ? "人员经费" : "公用经费"] {
                    var sum = economicSums[key(unit, prefix)] ?? Sum()
                    sum.total += row.amount
                    sum.count += 1
                    economicSums[key(unit, prefix)] = sum
                }
            }
        }
        var incomeSums: [String: Money] = [:]
        for income in a.incomes {
            for unit in Set([nil, income.unitCode]) { incomeSums[unit ?? "", default: .zero] += income.amount }
        }
        // `未列明` is part of the detail: the income of the sources not listed.
        let unlisted = a.published.filter { $0.label == PublishedTotal.unlistedIncomeLabel && !$0.economic }
        for total in unlisted {
            for unit in Set([nil, total.unitCode]) { incomeSums[unit ?? "", default: .zero] += total.amount }
        }
        for total in a.published {
            switch (total.economic, total.label) {
            case (false, "收入合计"):
                // Only the 合计 copied (the 说明 gives no split by source): nothing to check it against.
                guard a.incomes.contains(where: { total.unitCode == nil || $0.unitCode == total.unitCode })
                        || unlisted.contains(where: { total.unitCode == nil || $0.unitCode == total.unitCode }) else { continue }
                if let f = compare("收入合计", published: total.amount, detail: incomeSums[total.unitCode ?? ""] ?? .zero,
                                   detailName: unlisted.isEmpty ? "各来源" : "各来源与未列明", in: a, at: total.span,
                                   hint: unlisted.isEmpty ? "核对各来源；公开稿只列出部分来源时，其余写 未列明 金额" : "核对各来源和 未列明") { result.append(f) }
            case (false, PublishedTotal.allSourcesLabel):
                let unit = total.unitCode ?? ""
                guard let sum = allSources[unit], sum.count > 0 else { continue }
                // 一般公共预算 written only as its published 合计 (or 类/款 rows), other sources as 项 lines: the
                // published figures stand for the 一般公共预算 part, as they do in actuals-balance and the tables.
                var detail = sum.total, detailName = "各项（全部资金来源）"
                if generalLines.contains(unit) {
                    detail += unclassified(a, unit: total.unitCode)
                } else {
                    let general = unit.isEmpty ? ActualsFigures.spending(a, sources: [.generalBudget]).total
                        : a.published.first { $0.label == "合计" && !$0.economic && $0.unitCode == total.unitCode }?.amount ?? .zero
                    if !general.isZero { detail += general; detailName = "一般公共预算财政拨款支出合计与其他来源各项" }
                }
                if let f = compare("本年支出合计", published: total.amount, detail: detail, detailName: detailName, in: a, at: total.span,
                                   hint: "核对这一行和各项支出行（其他资金来源的行写 来源）") { result.append(f) }
            // The published 合计, or a 类 total (its label is the code).
            case (false, "合计"),
                 (false, _) where total.label.first?.isASCIIDigit == true:
                let prefix = total.label == "合计" ? "" : total.label
                let what = total.label == "合计" ? "支出合计" : "\(total.label) \(total.name ?? "")"
                if total.label == "合计", let f = compareGrandTotal(total, a, lines: functionSums[key(total.unitCode, "")]?.total) { result.append(f) }
                guard let sum = functionSums[key(total.unitCode, prefix)], sum.count > 0 else { continue }
                if total.label != "合计", let f = compare(what, published: total.amount, detail: sum.total, detailName: "各项", in: a, at: total.span,
                                   hint: "核对这一行和其下各项") { result.append(f) }
                if let basic = total.basic, sum.basicKnown,
                   let f = compare(what + "的基本支出", published: basic, detail: sum.basic, detailName: "各项基本支出", in: a,
                                   at: total.span, hint: "核对基本支出一栏") { result.append(f) }
            case (true, "人员经费"), (true, "公用经费"):
                guard let sum = economicSums[key(total.unitCode, total.label)] else { continue }
                if let f = compare(total.label, published: total.amount, detail: sum.total,
                                   detailName: total.label == "人员经费" ? "301、303 各款" : "302、310 等各款", in: a, at: total.span, hint: "核对公开06表的各款") { result.append(f) }
            case (true, "基本支出"):
                guard let sum = economicSums[key(total.unitCode, "")] else { continue }
                if let f = compare("基本支出合计", published: total.amount, detail: sum.total, detailName: "各款", in: a,
                                   at: total.span, hint: "核对公开06表的各款") { result.append(f) }
            case (true, _) where total.label.count == 3:
                guard let sum = economicSums[key(total.unitCode, total.label)] else { continue }
                if let f = compare("\(total.label) \(total.name ?? "")", published: total.amount, detail: sum.total,
                                   detailName: "其下各款", in: a, at: total.span, hint: "核对公开06表的各款") { result.append(f) }
            default: continue
            }
        }
        // 基本支出 by economic class (公开06) against 基本支出 by function (公开05), department-wide.
        if !a.basicEconomic.isEmpty, let basic = a.basicSpending, a.lines.allSatisfy({ $0.basic != nil }) {
            let economic = a.basicEconomic.reduce(Money.zero) { $0 + $1.amount }
            if let f = compare("基本支出（按经济分类各款）", published: economic, detail: basic, detailName: "按功能分类各项的基本支出", in: a,
                               at: a.basicEconomic.first?.span, hint: "核对公开05表的基本支出一栏与公开06表") { result.append(f) }
        }
        return result
    }
}

extension ActualsPartsRule {
    /// `未分类` of the department (nil unit) or of one unit.
    func unclassified(_ a: Actuals, unit: String?) -> Money {
        a.published.first { $0.label == PublishedTotal.unclassifiedLabel && !$0.economic && $0.unitCode == unit }?.amount ?? .zero
    }

    /// 公开05's 合计 against its detail: the 一般公共预算 项 lines and 未分类; for the department, also the published
    /// 类/款 rows with no line under them (a 说明 naming only some 类), the same leaves the tables add up.
    func compareGrandTotal(_ total: PublishedTotal, _ a: Actuals, lines: Money?) -> Finding? {
        let detail: Money
        if total.unitCode == nil {
            detail = ActualsFigures.spending(a, sources: [.generalBudget]).detailTotal
        } else {
            detail = (lines ?? .zero) + unclassified(a, unit: total.unitCode)
        }
        guard !detail.isZero else { return nil }
        let named = a.published.contains { $0.label == PublishedTotal.unclassifiedLabel && !$0.economic }
        return compare("支出合计", published: total.amount, detail: detail, detailName: named ? "各项与未分类" : "各项", in: a, at: total.span,
                       hint: named ? "核对这一行、各项和 未分类" : "核对这一行和其下各项；公开稿只列出部分类时，其余写 未分类 金额")
    }
}

struct ActualsSanGongPartsRule: ActualsRule {
    let id = RuleID.actualsSangongParts.rawValue
    let defaultSeverity = Severity.warning
    let summary = "决算“三公”经费的合计与各项之和不符"
    let documentation = RuleDocumentation(
        what: "三公 块中写了 合计（或 公务用车购置及运行维护 小计）时，其预算数、决算数分别与各项之和比较；相差不超过 0.05 万元时作为尾数差异提示。公开稿只细分了一部分时，没有分到各项的写 未细分，它也算作一项。",
        why: "公开09表的合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费；不符说明抄错了某一项，而明年的表13和“三公”比较用的正是这些数。",
        fix: "对照公开09表改正抄错的数字。",
        justify: "允许 actuals-sangong-parts \"理由\"。")

    func check(actuals a: Actuals) -> [Finding] {
        var result: [Finding] = []
        // The 未细分 rest counts as a part.
        let parts = a.sanGong.map(\.figure) + (a.sanGongUndetailedFigure.map { [$0] } ?? [])
        let actualParts = parts.reduce(Money.zero) { $0 + $1.actual }
        if let total = a.sanGongTotal, !parts.isEmpty {
            if let f = compare("“三公”经费决算数合计", published: total.actual, detail: actualParts, detailName: "各项决算数", in: a, at: total.span,
                               hint: "核对公开09表") { result.append(f) }
            let budgets = parts.compactMap(\.budget)
            if let budget = total.budget, budgets.count == parts.count,
               let f = compare("“三公”经费预算数合计", published: budget, detail: budgets.reduce(.zero, +), detailName: "各项预算数", in: a, at: total.span,
                               hint: "核对公开09表") { result.append(f) }
        }
        for vehicles in a.published where vehicles.label == "公务用车" {
            let parts = a.sanGong.filter { ($0.part == .vehiclePurchase || $0.part == .vehicleRunning) && $0.unitCode == vehicles.unitCode }
            guard !parts.isEmpty else { continue }
            if let f = compare("公务用车购置及运行维护费决算数", published: vehicles.amount, detail: parts.reduce(.zero) { $0 + $1.figure.actual },
                               detailName: "购置费与运行维护费", in: a, at: vehicles.span, hint: "核对公开09表") { result.append(f) }
        }
        return result
    }
}

struct ActualsCodeNameRule: ActualsRule {
    let id = RuleID.actualsCodeName.rawValue
    let defaultSeverity = Severity.warning
    let summary = "决算行中编码后面的名称与分类目录不一致"
    let documentation = RuleDocumentation(
        what: "决算的支出行、基本支出行在编码后面写了名称时（照公开表粘贴的行都有名称），与分类目录中该编码的名称比较（忽略空格、全角半角括号的差别）。",
        why: "编码抄错一位，名称往往就对不上；这时金额会记到别的科目上，明年的比较也就错了。",
        fix: "改正编码（提示给出名称相符的编码），或删去名称。",
        justify: "地方目录的名称确有不同时，写 允许 actuals-code-name \"理由\"，或用 分类目录 补充本地目录。")

    static func comparable(_ name: String) -> String {
        Normalize.folded(name).filter { !" ()（）　".contains($0) }
    }

    func check(actuals a: Actuals) -> [Finding] {
        var rows: [(code: String, name: String, span: SourceSpan, table: [String: String])] = []
        for line in a.lines {
            guard let name = line.name else { continue }
            // A function × economic row (财政拨款支出决算明细表) is named after its economic 款.
            if let economic = line.economicCode { rows.append((economic, name, line.nameSpan ?? line.span, a.catalog.economicDepartment)) }
            else { rows.append((line.functionCode, name, line.nameSpan ?? line.span, a.catalog.function)) }
        }
        for total in a.published where total.label.first?.isASCIIDigit == true {
            if let name = total.name { rows.append((total.label, name, total.nameSpan ?? total.span, total.economic ? a.catalog.economicDepartment : a.catalog.function)) }
        }
        for row in a.basicEconomic { if let name = row.name { rows.append((row.code, name, row.nameSpan ?? row.span, a.catalog.economicDepartment)) } }
        return rows.compactMap { row in
            guard let expected = row.table[row.code], ActualsCodeNameRule.comparable(expected) != ActualsCodeNameRule.comparable(row.name) else { return nil }
            let written = ActualsCodeNameRule.comparable(row.name)
            let match = Suggest.closestCode(row.code, among: row.table.filter { $0.key.count == row.code.count && ActualsCodeNameRule.comparable($0.value) == written }.keys)
            return finding("\(row.code) 在分类目录中是“\(expected)”，这里写的是“\(row.name)”", at: row.span,
                           hint: match.map { "是不是 \($0) \(row.name)？" } ?? "核对编码，或改为目录中的名称")
        }
    }
}
