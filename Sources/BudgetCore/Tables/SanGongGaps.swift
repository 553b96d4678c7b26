/// A 三公 total published with only some parts broken down (`三公` block `合计 10` above the rows of the
/// four classes): in a table the parts a unit does not give are unknown, not 0, and the 三公 total is the
/// published one. `GridEngine` asks this which cells to leave blank and what the total columns hold.
struct SanGongGaps {
    /// Per year (0: this year, 1: last year): each unit's undetailed remainder, and the 三公 codes it has no row of.
    private var remainder: [[String: Money]] = [[:], [:]]
    private var missing: [[String: Set<String>]] = [[:], [:]]
    /// Per column: the 三公 code of a part column (`支出 经济 30217`), with its year.
    private var partCode: [Int: (code: String, previous: Bool)] = [:]
    /// Formula columns that add up exactly the four parts of one year (表7's 合计, 表13's 小计), with that year.
    private var totalColumns: [Int: Bool] = [:]

    static let codes = Set(SanGongPart.allCases.map(\.economicCode))

    var isEmpty: Bool { partCode.isEmpty || (remainder[0].isEmpty && remainder[1].isEmpty) }

    init(_ spec: TableSpec, _ context: TableContext, plan: TableSpec.FormulaPlan) {
        func gaps(_ b: EvaluatedBudget) -> (remainder: [String: Money], missing: [String: Set<String>]) {
            let rest = Aggregates.sanGongUndetailedByUnit(b)
            var missing: [String: Set<String>] = [:]
            for unit in rest.keys {
                let present = Set(b.lines(ofUnit: unit).filter { $0.line.source == .generalBudget && !$0.amount.isZero }.map(\.line.economicCode))
                missing[unit] = SanGongGaps.codes.subtracting(present)
            }
            return (rest, missing)
        }
        (remainder[0], missing[0]) = gaps(context.budget)
        if let last = context.previousBudget {
            (remainder[1], missing[1]) = gaps(last)
        } else if let previous = context.budget.previous, let actuals = previous.actuals, let block = previous.sanGongBlock,
                  block.byUnit == nil, actuals.sanGongPartsIncomplete {
            // Last year's 决算 of the department as a whole (`LastYear` items under the unit ""), its 合计 partly broken
            // down (未细分) or not published at all (合计 未公开: no remainder, so the total stays blank with the parts).
            remainder[1][""] = block.undetailed
            missing[1][""] = Set(SanGongPart.allCases.filter { actuals.sanGong($0) == nil }.map(\.economicCode))
        }
        guard !remainder[0].isEmpty || !remainder[1].isEmpty else { return }
        for (c, column) in spec.columns.enumerated() {
            if case .spending(let filter) = column.value, let prefixes = filter.economicPrefixes, prefixes.count == 1, SanGongGaps.codes.contains(prefixes[0]) {
                partCode[c] = (prefixes[0], filter.previousYear)
            }
        }
        // A formula column's leaves: the part columns it adds up (all terms positive), through other formulas.
        let steps = Dictionary(plan.order.map { ($0.column, $0.terms) }, uniquingKeysWith: { a, _ in a })
        func leaves(_ c: Int, depth: Int = 0) -> [Int]? {
            if partCode[c] != nil { return [c] }
            guard depth < 8, let terms = steps[c], terms.allSatisfy({ $0.sign > 0 }) else { return nil }
            var result: [Int] = []
            for term in terms {
                guard let found = leaves(term.column, depth: depth + 1) else { return nil }
                result += found
            }
            return result
        }
        for c in steps.keys {
            guard let parts = leaves(c), parts.count == SanGongGaps.codes.count else { continue }
            let years = Set(parts.map { partCode[$0]!.previous })
            if years.count == 1, Set(parts.map { partCode[$0]!.code }) == SanGongGaps.codes { totalColumns[c] = years.first! }
        }
    }

    /// The units a row covers in a year, from its lines.
    private func units(_ node: GridEngine.Node, previous: Bool, _ u: GridEngine.Universe) -> Set<String> {
        previous ? Set(node.previousLines.map(u.unit(ofPreviousItem:))) : Set(node.lines.map(u.unit(ofLine:)))
    }

    /// Whether a part column's cell is unknown in this row: a unit of the row has a remainder and no row of the part.
    func isUnknown(column c: Int, _ node: GridEngine.Node, _ u: GridEngine.Universe) -> Bool {
        guard let (code, previous) = partCode[c] else { return false }
        let year = previous ? 1 : 0
        guard !missing[year].isEmpty else { return false }
        return units(node, previous: previous, u).contains { missing[year][$0]?.contains(code) == true }
    }

    /// For a total column whose parts are not all known: the published total of the row's units
    /// (their rows of the four classes plus their remainders); nil for any other column.
    func total(column c: Int, _ node: GridEngine.Node, _ u: GridEngine.Universe) -> Money? {
        guard let previous = totalColumns[c] else { return nil }
        let year = previous ? 1 : 0
        let covered = units(node, previous: previous, u)
        let rest = covered.reduce(Money.zero) { $0 + (remainder[year][$1] ?? .zero) }
        guard !rest.isZero else { return nil }
        let rows: Money
        if previous {
            rows = node.previousLines.reduce(.zero) { SanGongGaps.codes.contains(u.distinctKeys[Int(u.previousKeyIndex[$1])].economicCode) ? $0 + u.previousAmounts[$1] : $0 }
        } else {
            rows = node.lines.reduce(.zero) { SanGongGaps.codes.contains(u.lines[$1].line.economicCode) ? $0 + u.amounts[$1] : $0 }
        }
        return rows + rest
    }
}
