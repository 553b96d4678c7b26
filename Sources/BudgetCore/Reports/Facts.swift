/// A budget flattened into keyed money facts: the common ground of `budgetc diff` and the
/// one-line-per-amount listing used as git's textconv.
public struct Fact: Sendable, Hashable {
    /// The dimension, e.g. 功能分类, 经济分类, 项目, 收入, 单位, 三公, 会议培训.
    public var dimension: String
    /// Stable key within the dimension, e.g. "2101501 行政运行".
    public var key: String
    public var amount: Money
}

public enum Facts {
    public static let dimensions = ["收入", "单位", "功能分类", "经济分类", "项目", "三公", "会议培训"]

    static let sanGongPartOfCode = Dictionary(uniqueKeysWithValues: SanGongPart.allCases.map { ($0.economicCode, $0) })

    /// Totals per dimension and key (the dimensions of `budgetc diff`).
    public static func aggregate(_ b: EvaluatedBudget) -> [Fact] {
        var sums: [String: [String: Money]] = [:]
        func add(_ dimension: String, _ key: String, _ amount: Money) { sums[dimension, default: [:]][key, default: .zero] += amount }
        for income in b.incomes {
            add("收入", income.entry.source.rawValue, income.amount)
        }
        for unit in b.budget.units {
            add("单位", "\(unit.code) \(unit.name)", b.total { $0.line.unitCode == unit.code })
        }
        for line in b.lines {
            let l = line.line
            add("功能分类", "\(l.functionCode) \(b.catalog.function[l.functionCode] ?? "")", line.amount)
            add("经济分类", "\(l.economicCode) \(b.catalog.economicDepartment[l.economicCode] ?? "")", line.amount)
            if let p = l.project {
                let project = b.budget.projects[p]
                add("项目", (project.carriedOver ? "结转 " : "") + project.name, line.amount)
            } else {
                add("项目", "（基本支出）" + l.kind.rawValue, line.amount)
            }
            if l.source == .generalBudget {
                if let part = Facts.sanGongPartOfCode[l.economicCode] { add("三公", part.label, line.amount) }
                else if l.economicCode == EconomicCodes.meeting { add("会议培训", "会议费", line.amount) }
                else if l.economicCode == EconomicCodes.training { add("会议培训", "培训费", line.amount) }
            }
        }
        return dimensions.flatMap { dimension in
            (sums[dimension] ?? [:]).sorted { $0.key < $1.key }.map { Fact(dimension: dimension, key: $0.key, amount: $0.value) }
        }
    }

    /// One line per unit, income, expenditure line, meeting and purchase, sorted, for `git diff`:
    /// a change of money shows up as exactly the lines whose amount changed.
    /// Amounts are in the budget's publication unit (`displayUnit`), exact and ungrouped.
    public static func listing(_ b: EvaluatedBudget) -> String {
        func exact(_ m: Money) -> String { b.budget.displayUnit.exact(m, grouping: false) }
        var out = ["部门 \(b.budget.departmentCode) \(b.budget.departmentName) 年度 \(b.budget.year)"]
        for unit in b.budget.units {
            let leftOffice = unit.leftOffice > 0 ? " 离休 \(unit.leftOffice)" : ""
            let together = unit.retiredTogether.map { " 离退休 \($0)" } ?? ""
            out.append("单位 \(unit.code) \(unit.name) \(unit.type.rawValue) 编制 \(unit.staffing.total) 实有 \(unit.actual.total) 退休 \(unit.retired)\(leftOffice)\(together)")
        }
        var rows: [String] = []
        for income in b.incomes {
            rows.append("收入 \(income.entry.unitCode) \(income.entry.source.rawValue) \(exact(income.amount))")
        }
        for line in b.lines {
            let l = line.line
            let place = l.project.map { "项目「\(b.budget.projects[$0].name)」" } ?? l.kind.rawValue
            let name = b.catalog.economicDepartment[l.economicCode] ?? ""
            let source = l.source == .generalBudget ? "" : " 来源 \(l.source.rawValue)"
            let prefix = "支出 \(l.unitCode) \(place) \(l.functionCode) \(l.economicCode) \(name)\(source)"
            rows.append("\(prefix) \(exact(line.amount))")
            for (meeting, amount) in zip(l.meetings, line.meetingAmounts) {
                rows.append("\(prefix) \(meeting.kind.rawValue)「\(meeting.name)」 \(exact(amount))")
            }
            for (purchase, amount) in zip(l.purchases, line.purchaseAmounts) {
                rows.append("\(prefix) 采购 \(purchase.catalogCode) \(purchase.item) 数量 \(purchase.quantity.map(String.init) ?? "-") \(exact(amount))")
            }
        }
        out += rows.sorted()
        return out.joined(separator: "\n") + "\n"
    }
}
