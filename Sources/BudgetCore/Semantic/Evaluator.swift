/// The evaluate stage: computes every amount exactly, in the order the formulas need, and
/// reports unknown names, cycles (naming the whole cycle), overflow and division by zero.

/// A formula value: a plain number (a count such as 参保人数) or money (exact, in fen).
public enum Quantity: Sendable, Hashable {
    case count(Rational)
    case money(Rational)
}

/// The budget's resolved lines, stored once and shared by the evaluated lines (issue 15: each evaluated
/// line held a copy of its `Line`, so the model was twice in memory while evaluating).
final class LineStore: Sendable {
    let lines: [Line]
    init(_ lines: [Line]) { self.lines = lines }
}

/// An evaluated line. A class: tables and rules pass lines around by the hundred thousand, and
/// copying the struct (a dozen strings and arrays) dominated compile time.
public final class EvaluatedLine: Sendable {
    private let store: LineStore
    private let index: Int
    /// The resolved line, read in place from the shared store.
    public var line: Line {
        _read { yield store.lines[index] }
    }
    public let amount: Money
    /// 政府预算支出经济分类 款, derived from the economic code and the unit type.
    public let governmentCode: String
    /// The exact formula result, when the line has a formula (before rounding to fen).
    public let formulaValue: Rational?
    public let meetingAmounts: [Money]
    public let purchaseAmounts: [Money]
    /// quantity × unit price for purchases that give both, to compare with a stated amount.
    public let purchaseComputed: [Money?]

    init(store: LineStore, index: Int, amount: Money, governmentCode: String, formulaValue: Rational?, meetingAmounts: [Money],
         purchaseAmounts: [Money], purchaseComputed: [Money?]) {
        self.store = store
        self.index = index
        self.amount = amount
        self.governmentCode = governmentCode
        self.formulaValue = formulaValue
        self.meetingAmounts = meetingAmounts
        self.purchaseAmounts = purchaseAmounts
        self.purchaseComputed = purchaseComputed
    }
}

public struct EvaluatedIncome: Sendable {
    public var entry: IncomeEntry
    public var amount: Money
}

public struct EvaluatedBudget: Sendable {
    /// The budget as resolved, without its `lines`: the evaluated lines read them (`lines[i].line`) from
    /// one shared store, and a second array of them is not kept (issue 15).
    public var budget: Budget
    public var catalog: Catalog
    public var lines: [EvaluatedLine]
    public var incomes: [EvaluatedIncome]
    public var values: [String: Quantity]
    /// Set by the pipeline when the budget names 上年预算 / 上年决算.
    public var previous: PreviousYear?
    /// Lines grouped once, so tables and rules stay linear in the size of the budget.
    public private(set) var index = LineIndex()

    public struct LineIndex: Sendable {
        public var linesOfUnit: [String: [Int]] = [:]
        public var linesOfProject: [Int: [Int]] = [:]
        public var unitTypes: [String: UnitType] = [:]
        public var incomesOfUnit: [String: [Int]] = [:]
    }

    init(budget: Budget, catalog: Catalog, lines: [EvaluatedLine], incomes: [EvaluatedIncome], values: [String: Quantity]) {
        self.budget = budget
        self.budget.lines = []
        self.catalog = catalog
        self.lines = lines
        self.incomes = incomes
        self.values = values
        for unit in budget.units { index.unitTypes[unit.code] = unit.type }
        index.linesOfUnit = Evaluator.indicesByUnit(lines.indices) { lines[$0].line.unitCode }
        for (i, line) in lines.enumerated() {
            if let p = line.line.project { index.linesOfProject[p, default: []].append(i) }
        }
        for (i, income) in incomes.enumerated() { index.incomesOfUnit[income.entry.unitCode, default: []].append(i) }
    }

    public func unitType(_ code: String) -> UnitType { index.unitTypes[code] ?? .administrative }

    public func total(_ filter: (EvaluatedLine) -> Bool) -> Money {
        lines.reduce(Money.zero) { filter($1) ? $0 + $1.amount : $0 }
    }

    /// The lines of one unit.
    public func lines(ofUnit code: String) -> [EvaluatedLine] { (index.linesOfUnit[code] ?? []).map { lines[$0] } }

    public func lines(ofProject project: Int) -> [EvaluatedLine] { (index.linesOfProject[project] ?? []).map { lines[$0] } }

    public func projectTotal(_ project: Int) -> Money { (index.linesOfProject[project] ?? []).reduce(.zero) { $0 + lines[$1].amount } }

    public func total(ofUnit code: String, _ filter: (EvaluatedLine) -> Bool) -> Money {
        (index.linesOfUnit[code] ?? []).reduce(.zero) { filter(lines[$1]) ? $0 + lines[$1].amount : $0 }
    }

    public func income(ofUnit code: String, _ filter: (EvaluatedIncome) -> Bool) -> Money {
        (index.incomesOfUnit[code] ?? []).reduce(.zero) { filter(incomes[$1]) ? $0 + incomes[$1].amount : $0 }
    }

    public func income(_ filter: (EvaluatedIncome) -> Bool) -> Money {
        incomes.reduce(Money.zero) { filter($1) ? $0 + $1.amount : $0 }
    }
}

public struct Evaluator {
    /// Totals a formula may refer to. Each sums the lines its predicate selects, reading the three
    /// fields it needs (a predicate over the whole `Line` copied each line out of the budget:
    /// about 1,900 instructions a line summed, issue 15).
    public typealias LineFilter = @Sendable (_ kind: SpendingKind, _ carriedOver: Bool, _ source: FundingSource) -> Bool

    public static let builtInTotals: [(name: String, selects: LineFilter)] = {
        var totals: [(name: String, selects: LineFilter)] = [
            ("支出合计", { _, _, _ in true }),
            ("基本支出合计", { kind, _, _ in kind.isBasic }),
            ("人员经费合计", { kind, _, _ in kind == .personnel }),
            ("公用经费合计", { kind, _, _ in kind == .publicUse }),
            ("项目支出合计", { kind, carriedOver, _ in kind == .project && !carriedOver }),
            ("结转支出合计", { _, carriedOver, _ in carriedOver }),
        ]
        for source in FundingSource.allCases {
            let selects: LineFilter = { _, _, lineSource in lineSource == source }
            totals.append((source.rawValue + "支出", selects))
        }
        return totals
    }()

    public static let builtInNames: Set<String> = Set(builtInTotals.map(\.name) + ["收入合计"])

    enum Node: Hashable {
        case value(String)
        case line(Int)
        case income(Int)
        /// A built-in total, for the whole department (unit nil) or for one unit.
        case total(String, unit: String?)

        func describe(_ budget: Budget) -> String {
            switch self {
            case .value(let n): return n
            case .total(let n, let unit): return unit.map { "\(n)（单位 \($0)）" } ?? n
            case .line(let i):
                let l = budget.lines[i]
                return "\(l.functionCode) \(l.economicCode)" + (l.name.map { " " + $0 } ?? "") + "（第\(l.span.line)行）"
            case .income(let i): return "收入 " + budget.incomes[i].source.rawValue
            }
        }
    }

    let budget: Budget
    let catalog: Catalog
    var results: [Node: Quantity?] = [:]
    /// Lines' results by index instead of in `results`: each line is evaluated once and looked up
    /// again by every total over it, and hashing a node per look-up cost more than the line (issue 15).
    var lineResults: [Quantity??]
    var visiting: [Node] = []
    var formulaValues: [Int: Rational] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    var reportedCycles: Set<Set<Node>> = []
    /// Inside `收入 UNIT` of a department with several units, built-in totals mean that unit's.
    var scopeUnit: String?

    public static func evaluate(_ budget: Budget, catalog: Catalog) -> (EvaluatedBudget, [Diagnostic]) {
        var evaluator = Evaluator(budget: budget, catalog: catalog)
        return evaluator.run()
    }

    /// Line indices per unit, so a unit's total does not scan the whole department.
    let linesOfUnit: [String: [Int]]
    /// Named values by name (the first definition wins; duplicates are reported by the resolver).
    let valueIndex: [String: Int]

    init(budget: Budget, catalog: Catalog) {
        self.budget = budget
        self.catalog = catalog
        linesOfUnit = Evaluator.indicesByUnit(budget.lines.indices) { budget.lines[$0].unitCode }
        valueIndex = Dictionary(budget.values.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        lineResults = Array(repeating: nil, count: budget.lines.count)
    }

    /// Indices grouped by unit code, in order. A unit's lines come together in a budget, so the code is
    /// hashed once per run of equal codes rather than once per line (issue 15).
    static func indicesByUnit(_ indices: Range<Int>, unitCode: (Int) -> String) -> [String: [Int]] {
        var byUnit: [String: [Int]] = [:]
        var runCode: String?
        var run: [Int] = []
        for index in indices {
            let code = unitCode(index)
            if code == runCode {
                run.append(index)
                continue
            }
            if let runCode { byUnit[runCode, default: []].append(contentsOf: run) }
            runCode = code
            run.removeAll(keepingCapacity: true)
            run.append(index)
        }
        if let runCode { byUnit[runCode, default: []].append(contentsOf: run) }
        return byUnit
    }

    /// The stored result of a node: absent (outer nil), or evaluated to a value or to nothing.
    func result(_ node: Node) -> Quantity?? {
        if case .line(let index) = node { return lineResults[index] }
        return results[node]
    }

    mutating func store(_ value: Quantity?, for node: Node) {
        if case .line(let index) = node { lineResults[index] = .some(value) } else { results[node] = .some(value) }
    }

    mutating func run() -> (EvaluatedBudget, [Diagnostic]) {
        for value in budget.values { _ = evaluate(.value(value.name)) }
        var lines: [EvaluatedLine] = []
        let unitTypes = Dictionary(budget.units.map { ($0.code, $0.type) }, uniquingKeysWith: { a, _ in a })
        var lastUnit: (code: String, type: UnitType)?
        lines.reserveCapacity(budget.lines.count)
        let store = LineStore(budget.lines)
        for (index, line) in budget.lines.enumerated() {
            let amount = money(evaluate(.line(index)), span: line.amount.formulaSpan ?? line.amount.statedSpan ?? line.span) ?? .zero
            // A unit's lines come together: its type is looked up when the unit changes.
            let unitType: UnitType
            if let last = lastUnit, last.code == line.unitCode {
                unitType = last.type
            } else {
                unitType = unitTypes[line.unitCode] ?? .administrative
                lastUnit = (line.unitCode, unitType)
            }
            let government = catalog.governmentCode(for: line.economicCode, unitType: unitType) ?? ""
            var meetingAmounts: [Money] = []
            for meeting in line.meetings {
                meetingAmounts.append(money(amountQuantity(meeting.amount, node: nil), span: meeting.span) ?? .zero)
            }
            var purchaseAmounts: [Money] = []
            var purchaseComputed: [Money?] = []
            for purchase in line.purchases {
                var computed: Money?
                if let q = purchase.quantity, let price = purchase.unitPrice,
                   let priceValue = amountQuantity(price, node: nil), case .money(let fen) = priceValue {
                    if let product = try? fen.multiplied(by: Rational(Int64(q))) {
                        computed = Money(fen: product.roundedToInteger())
                    } else {
                        error("采购金额计算溢出", at: purchase.span, id: "overflow")
                    }
                }
                purchaseComputed.append(computed)
                if let stated = purchase.amount {
                    purchaseAmounts.append(money(amountQuantity(stated, node: nil), span: purchase.span) ?? .zero)
                } else {
                    purchaseAmounts.append(computed ?? .zero)
                }
            }
            lines.append(EvaluatedLine(store: store, index: index, amount: amount, governmentCode: government,
                                       formulaValue: line.amount.formula == nil ? nil : formulaValues[index],
                                       meetingAmounts: meetingAmounts, purchaseAmounts: purchaseAmounts, purchaseComputed: purchaseComputed))
        }
        var incomes: [EvaluatedIncome] = []
        for (index, entry) in budget.incomes.enumerated() {
            let amount = money(evaluate(.income(index)), span: entry.amount.formulaSpan ?? entry.span) ?? .zero
            incomes.append(EvaluatedIncome(entry: entry, amount: amount))
        }
        // Every table adds these amounts up; the sum of their magnitudes must fit in 64 bits, or
        // some total somewhere would overflow.
        var magnitude: Int64 = 0
        for evaluated in lines { // the evaluated line holds its line: no copy of each line for the walk
            let (sum, overflow) = magnitude.addingReportingOverflow(Int64(clamping: evaluated.amount.fen.magnitude))
            if overflow {
                let line = evaluated.line
                error("金额合计超出可表示的范围", at: line.amount.statedSpan ?? line.amount.formulaSpan ?? line.span,
                      hint: "检查金额和单位（元/万元）是否写错", id: "overflow")
                break
            }
            magnitude = sum
        }
        magnitude = 0
        for income in incomes {
            let (sum, overflow) = magnitude.addingReportingOverflow(Int64(clamping: income.amount.fen.magnitude))
            if overflow {
                error("收入合计超出可表示的范围", at: income.entry.span, hint: "检查金额和单位（元/万元）是否写错", id: "overflow")
                break
            }
            magnitude = sum
        }
        var values: [String: Quantity] = [:]
        for value in budget.values {
            if case .some(.some(let q)) = result(.value(value.name)) { values[value.name] = q }
        }
        return (EvaluatedBudget(budget: budget, catalog: catalog, lines: lines, incomes: incomes, values: values), diagnostics)
    }

    mutating func error(_ message: String, at span: SourceSpan?, hint: String? = nil, id: String) {
        diagnostics.append(Diagnostic(.error, id, message, at: span, hint: hint))
    }

    /// Converts a value in a money position to whole fen (bare numbers are in the file's default unit).
    mutating func money(_ quantity: Quantity?, span: SourceSpan) -> Money? {
        guard let quantity else { return nil }
        let fen: Rational
        switch quantity {
        case .money(let f): fen = f
        case .count(let c):
            guard let f = try? c.multiplied(by: Rational(budget.defaultUnitIsWan ? Money.fenPerWan : Money.fenPerYuan)) else {
                error("金额超出可表示的范围", at: span, id: "overflow")
                return nil
            }
            fen = f
        }
        return Money(fen: fen.roundedToInteger())
    }

    /// Longest chain of names referring to names (设 甲 = 乙 + 1, 设 乙 = 丙 …) that is followed.
    /// `budgetc` runs the pipeline on a thread with a large stack, so this is generous.
    static let maxReferenceDepth = 20_000
    var reportedDepth = false

    mutating func evaluate(_ node: Node) -> Quantity? {
        if let done = result(node) { return done }
        if visiting.count >= Evaluator.maxReferenceDepth {
            if !reportedDepth {
                reportedDepth = true
                error("公式之间的引用链太长（超过 \(Evaluator.maxReferenceDepth) 层）", at: span(of: node),
                      hint: "减少层层引用：让中间值直接写金额或较短的公式", id: "formula-depth")
            }
            store(nil, for: node)
            return nil
        }
        if let start = visiting.firstIndex(of: node) {
            let cycle = Array(visiting[start...])
            let key = Set(cycle)
            if !reportedCycles.contains(key) {
                reportedCycles.insert(key)
                let path = (cycle + [node]).map { $0.describe(budget) }.joined(separator: " → ")
                error("公式循环引用：\(path)", at: span(of: node), hint: "打断循环：其中至少一项应直接写金额", id: "formula-cycle")
            }
            for member in cycle { store(nil, for: member) }
            return nil
        }
        visiting.append(node)
        let value = compute(node)
        visiting.removeLast()
        // A cycle found while computing may have stored its verdict already; that one stands.
        if let stored = result(node) { return stored }
        store(value, for: node)
        return value
    }

    func span(of node: Node) -> SourceSpan? {
        switch node {
        case .value(let n): return valueIndex[n].map { budget.values[$0].span }
        case .line(let i): return budget.lines[i].amount.formulaSpan ?? budget.lines[i].span
        case .income(let i): return budget.incomes[i].amount.formulaSpan ?? budget.incomes[i].span
        case .total: return nil
        }
    }

    mutating func compute(_ node: Node) -> Quantity? {
        let savedScope = scopeUnit
        defer { scopeUnit = savedScope }
        switch node {
        case .income(let index) where budget.units.count > 1:
            scopeUnit = budget.incomes[index].unitCode
        default:
            scopeUnit = nil
        }
        switch node {
        case .value(let name):
            guard let index = valueIndex[name] else { return nil }
            let value = budget.values[index]
            return amountQuantity(value.amount, node: node)
        case .line(let index):
            return amountQuantity(budget.lines[index].amount, node: node)
        case .income(let index):
            return amountQuantity(budget.incomes[index].amount, node: node)
        case .total(let name, let unit):
            if name == "收入合计" {
                var sum = Rational.zero
                for index in budget.incomes.indices where unit == nil || budget.incomes[index].unitCode == unit {
                    guard let q = evaluate(.income(index)), let m = money(q, span: budget.incomes[index].span) else { continue }
                    guard let next = try? sum.adding(Rational(m.fen)) else {
                        error("收入合计超出可表示的范围", at: budget.incomes[index].span, id: "overflow")
                        return nil
                    }
                    sum = next
                }
                return .money(sum)
            }
            guard let selects = Evaluator.builtInTotals.first(where: { $0.name == name })?.selects else { return nil }
            var sum = Rational.zero
            for index in unit.map({ linesOfUnit[$0] ?? [] }) ?? Array(budget.lines.indices)
            where selects(budget.lines[index].kind, budget.lines[index].carriedOver, budget.lines[index].source) {
                guard let q = evaluate(.line(index)), let m = money(q, span: budget.lines[index].span) else { continue }
                guard let next = try? sum.adding(Rational(m.fen)) else {
                    error("\(name)超出可表示的范围", at: budget.lines[index].span, id: "overflow")
                    return nil
                }
                sum = next
            }
            return .money(sum)
        }
    }

    /// The value of an amount: the stated literal if written (a formula beside it is evaluated
    /// too, for the `formula-mismatch` rule), otherwise the formula.
    mutating func amountQuantity(_ amount: Amount, node: Node?) -> Quantity? {
        var formulaResult: Quantity?
        if let formula = amount.formula {
            formulaResult = evaluate(expression: formula)
            if case .line(let index) = node, let result = formulaResult {
                switch result {
                case .money(let fen): formulaValues[index] = fen
                case .count(let c):
                    formulaValues[index] = try? c.multiplied(by: Rational(budget.defaultUnitIsWan ? Money.fenPerWan : Money.fenPerYuan))
                }
            }
        }
        if let stated = amount.stated {
            guard let fen = literalFen(stated, span: amount.statedSpan, moneyPosition: true) else { return nil }
            return .money(fen)
        }
        return formulaResult
    }

    mutating func literalFen(_ literal: NumberLiteral, span: SourceSpan?, moneyPosition: Bool) -> Rational? {
        guard let fen = literal.fen(defaultUnitIsWan: budget.defaultUnitIsWan) else {
            error("金额超出可表示的范围", at: span, id: "overflow")
            return nil
        }
        if moneyPosition && !fen.isInteger {
            error("金额精确到分：\(budget.defaultUnitIsWan && literal.unit != .yuan ? "以万元为单位时最多写 6 位小数" : "最多写 2 位小数")",
                  at: span, hint: "四舍五入到分，或改用公式", id: "bad-number")
            return nil
        }
        return fen
    }

    mutating func evaluate(expression: Expr) -> Quantity? {
        switch expression {
        case .number(let literal, let span):
            if literal.unit == .none { return .count(literal.value) }
            guard let fen = literalFen(literal, span: span, moneyPosition: false) else { return nil }
            return .money(fen)
        case .name(let name, let span):
            if valueIndex[name] != nil { return evaluate(.value(name)) }
            if Evaluator.builtInNames.contains(name) { return evaluate(.total(name, unit: scopeUnit)) }
            let candidates = budget.values.map(\.name) + Evaluator.builtInNames.sorted()
            let close = candidates.first { $0.contains(name) || name.contains($0) }
            error("未定义的名称“\(name)”", at: span,
                  hint: close.map { "是不是“\($0)”？" } ?? "用 设 \(name) = … 定义它，或使用内置合计：支出合计、基本支出合计、人员经费合计、公用经费合计、项目支出合计",
                  id: "unknown-name")
            return nil
        case .negate(let inner, let span):
            guard let v = evaluate(expression: inner) else { return nil }
            return arithmetic(span) {
                switch v {
                case .count(let c): return .count(try c.negated())
                case .money(let m): return .money(try m.negated())
                }
            }
        case .binary(let op, let lhs, let rhs, let span):
            // Both sides are evaluated so that every unknown name is reported in one run.
            let left = evaluate(expression: lhs), right = evaluate(expression: rhs)
            guard let a = left, let b = right else { return nil }
            let unitScale = Rational(budget.defaultUnitIsWan ? Money.fenPerWan : Money.fenPerYuan)
            return arithmetic(span) {
                switch (op, a, b) {
                case (.add, .count(let x), .count(let y)): return .count(try x.adding(y))
                case (.add, .money(let x), .money(let y)): return .money(try x.adding(y))
                case (.add, .money(let x), .count(let y)), (.add, .count(let y), .money(let x)):
                    return .money(try x.adding(y.multiplied(by: unitScale)))
                case (.subtract, .count(let x), .count(let y)): return .count(try x.subtracting(y))
                case (.subtract, .money(let x), .money(let y)): return .money(try x.subtracting(y))
                case (.subtract, .money(let x), .count(let y)): return .money(try x.subtracting(y.multiplied(by: unitScale)))
                case (.subtract, .count(let x), .money(let y)): return .money(try x.multiplied(by: unitScale).subtracting(y))
                case (.multiply, .count(let x), .count(let y)): return .count(try x.multiplied(by: y))
                case (.multiply, .money(let x), .count(let y)), (.multiply, .count(let y), .money(let x)): return .money(try x.multiplied(by: y))
                case (.multiply, .money, .money): throw EvaluationFailure.moneyTimesMoney
                case (.divide, .count(let x), .count(let y)): return .count(try x.divided(by: y))
                case (.divide, .money(let x), .count(let y)): return .money(try x.divided(by: y))
                case (.divide, .money(let x), .money(let y)): return .count(try x.divided(by: y))
                case (.divide, .count, .money): throw EvaluationFailure.countOverMoney
                }
            }
        }
    }

    enum EvaluationFailure: Error { case moneyTimesMoney, countOverMoney }

    mutating func arithmetic(_ span: SourceSpan, _ body: () throws -> Quantity) -> Quantity? {
        do {
            return try body()
        } catch Rational.Failure.divisionByZero {
            error("公式中除数为零", at: span, hint: "检查除号后面的数值是否为 0", id: "division-by-zero")
        } catch Rational.Failure.overflow {
            error("公式结果超出可表示的范围", at: span, hint: "检查数值和单位（元/万元）是否写错", id: "overflow")
        } catch EvaluationFailure.moneyTimesMoney {
            error("两个金额不能相乘", at: span, hint: "其中一个应是人数、标准数等不带单位的数", id: "unit-mismatch")
        } catch _ {
            self.error("数字不能除以金额", at: span, hint: "检查公式的写法", id: "unit-mismatch")
        }
        return nil
    }
}
