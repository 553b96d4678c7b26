import Foundation

/// `budgetc diff`: what changed in money terms between two budgets, dimension by dimension.
public struct BudgetDiff: Sendable {
    public struct Row: Sendable, Hashable {
        public var dimension: String
        public var key: String
        public var old: Money
        public var new: Money
        public var change: Money { new - old }
        /// Percentage change with one decimal, nil when the old amount is zero.
        public var percent: String? {
            guard !old.isZero else { return nil }
            guard let ratio = try? Rational(change.fen * 1000, old.fen) else { return nil }
            let tenths = ratio.roundedToInteger()
            let sign = tenths < 0 ? "-" : "+"
            return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)%"
        }
    }

    public var rows: [Row]
    public var oldTotal: Money
    public var newTotal: Money
    /// The unit amounts are shown in: the new budget's publication unit (`displayUnit`: 万元 or 元).
    public var unit: MoneyUnit

    public static func compare(old: EvaluatedBudget, new: EvaluatedBudget, all: Bool) -> BudgetDiff {
        let before = Dictionary(Facts.aggregate(old).map { ("\($0.dimension)\u{1}\($0.key)", $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(Facts.aggregate(new).map { ("\($0.dimension)\u{1}\($0.key)", $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        for key in Set(before.keys).union(after.keys) {
            let fact = after[key] ?? before[key]!
            let row = Row(dimension: fact.dimension, key: fact.key, old: before[key]?.amount ?? .zero, new: after[key]?.amount ?? .zero)
            if all || row.old != row.new { rows.append(row) }
        }
        let order = Dictionary(uniqueKeysWithValues: Facts.dimensions.enumerated().map { ($1, $0) })
        rows.sort {
            if $0.dimension != $1.dimension { return order[$0.dimension, default: 99] < order[$1.dimension, default: 99] }
            if $0.change.fen.magnitude != $1.change.fen.magnitude { return $0.change.fen.magnitude > $1.change.fen.magnitude }
            return $0.key < $1.key
        }
        return BudgetDiff(rows: rows, oldTotal: old.total { _ in true }, newTotal: new.total { _ in true }, unit: new.budget.displayUnit)
    }

    /// An amount as the tables print it: 2 decimals; 元 with grouped digits (7,034,418.94).
    func shown(_ m: Money) -> String { unit.text(m, grouping: unit == .yuan) }
    func signed(_ m: Money) -> String { (m.fen > 0 ? "+" : "") + shown(m) }

    /// Aligned text; widths count CJK characters as two columns.
    public func text(oldLabel: String, newLabel: String) -> String {
        var lines: [[String]] = [["", "", oldLabel, newLabel, "增减", "幅度"]]
        var dimension = ""
        for row in rows {
            lines.append([row.dimension == dimension ? "" : row.dimension, row.key, shown(row.old), shown(row.new),
                          signed(row.change), row.percent ?? (row.old.isZero ? "新增" : "")])
            dimension = row.dimension
        }
        let total = Row(dimension: "", key: "", old: oldTotal, new: newTotal)
        lines.append(["合计", "支出合计", shown(oldTotal), shown(newTotal), signed(total.change), total.percent ?? ""])
        let widths = (0..<6).map { c in lines.map { Normalize.displayWidth($0[c]) }.max() ?? 0 }
        let rightAligned: Set<Int> = [2, 3, 4, 5]
        var out = "金额单位：\(unit.rawValue)\n"
        for line in lines {
            let cells = line.enumerated().map { c, text -> String in
                let pad = String(repeating: " ", count: widths[c] - Normalize.displayWidth(text))
                return rightAligned.contains(c) ? pad + text : text + pad
            }
            out += cells.joined(separator: "  ").trimmingTrailingWhitespace() + "\n"
        }
        if rows.isEmpty { out += "（两份预算的金额没有差别）\n" }
        return out
    }

    public func markdown(oldLabel: String, newLabel: String) -> String {
        var out = "| 维度 | 项目 | \(oldLabel) | \(newLabel) | 增减 | 幅度 |\n| --- | --- | ---: | ---: | ---: | ---: |\n"
        for row in rows {
            out += "| \(row.dimension) | \(row.key) | \(shown(row.old)) | \(shown(row.new)) | \(signed(row.change)) | \(row.percent ?? (row.old.isZero ? "新增" : "")) |\n"
        }
        let total = Row(dimension: "", key: "", old: oldTotal, new: newTotal)
        out += "| **合计** | 支出合计 | \(shown(oldTotal)) | \(shown(newTotal)) | \(signed(total.change)) | \(total.percent ?? "") |\n"
        out += "\n金额单位：\(unit.rawValue)\n"
        return out
    }

    public func json(oldLabel: String, newLabel: String) -> String {
        struct Entry: Encodable { var dimension, key, old, new, change: String; var percent: String? }
        struct Document: Encodable { var old, new: String; var unit: String; var rows: [Entry]; var total: Entry }
        let total = Row(dimension: "合计", key: "支出合计", old: oldTotal, new: newTotal)
        func entry(_ r: Row) -> Entry {
            Entry(dimension: r.dimension, key: r.key, old: unit.exact(r.old, grouping: false), new: unit.exact(r.new, grouping: false), change: unit.exact(r.change, grouping: false), percent: r.percent)
        }
        let document = Document(old: oldLabel, new: newLabel, unit: unit.rawValue, rows: rows.map(entry), total: entry(total))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
