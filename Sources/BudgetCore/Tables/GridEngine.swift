/// Builds a 明细 table: a header tree over the columns, then the row skeleton expanded over the
/// budget. Leaf rows hold the sums of their line items; a row with child rows holds SUM formulas
/// over them; 合计 and formula columns are formulas across the row. Every formula carries its value.
enum GridEngine {
    /// One expanded row: what it shows and which line items (and incomes) it covers.
    struct Node {
        var code = ""
        var name = ""
        var bold = false
        var fields: [RowField: String] = [:]
        /// The line (`明细行`) or the project (`项目`) whose fields the row shows, read only when the
        /// row is written (`Writer.field`): a dry run looks no name up.
        var line: Int?
        var project: Int?
        /// Indices into the `Universe` arrays: rows share the budget's lines, never copy them.
        var lines: [Int] = []
        var previousLines: [Int] = []
        var incomes: [Int] = []
        var previousIncomes: [Int] = []
        /// Last year's figures exist only for the department as a whole (a 决算 without units):
        /// this row's 上年 cells stay blank.
        var previousUnknown = false
        var children: [Node] = []
        /// A unit's list of projects (表10): on a page it continues onto, its row is repeated as “名称（续）”.
        var continuesOnPages = false
    }

    /// The budget's (and last year's) lines and incomes, with each line's filter key and amount
    /// computed once for all the tables of a set.
    struct Universe {
        let lines: [EvaluatedLine], amounts: [Money]
        /// Last year's items: the lines of 上年预算, else the 三公/会议/培训 figures of the 决算 (`LastYear.items`).
        let previousAmounts: [Money]
        /// The unit of each line, last year's item and income, as an index into `unitIDs`' values: rows by unit
        /// group integers instead of hashing a unit code per line in every table (issue 15).
        let unitIDs: [String: Int32]
        let unitOf: [Int32], previousUnitOf: [Int32], incomeUnitOf: [Int32], previousIncomeUnitOf: [Int32]
        /// Each id's unit code.
        let unitCodes: [String]
        let hasPrevious: Bool
        /// False when last year's figures carry no unit (a 决算 of the department as a whole).
        let previousUnitsKnown: Bool
        let incomes: [EvaluatedIncome], previousIncomes: [EvaluatedIncome]
        /// The distinct filter keys of this year's lines and last year's items, and each one's index in
        /// it: a filter or a grouping is evaluated once per distinct key (a few hundred, whatever the
        /// size of the budget), not once per line, row and table (issue 15).
        let distinctKeys: [LineKey]
        let keyIndex: [Int32], previousKeyIndex: [Int32]
        private let memo = Memo()

        init(_ context: TableContext) {
            lines = context.budget.lines
            amounts = lines.map(\.amount)
            let last = LastYear(context)
            previousAmounts = last.items.map(\.amount)
            hasPrevious = last.available
            previousUnitsKnown = last.unitsKnown
            incomes = context.budget.incomes
            previousIncomes = context.previousBudget?.incomes ?? []
            var ids: [String: Int32] = [:]
            var codes: [String] = []
            var latest: (code: String, id: Int32)? // a unit's lines come together: one look-up per run of them
            func unitID(_ code: String) -> Int32 {
                if let latest, latest.code == code { return latest.id }
                let id = ids[code] ?? Int32(codes.count)
                if id == codes.count { codes.append(code) }
                ids[code] = id
                latest = (code, id)
                return id
            }
            unitOf = lines.map { unitID($0.line.unitCode) }
            previousUnitOf = last.items.map { unitID($0.unit) }
            incomeUnitOf = incomes.map { unitID($0.entry.unitCode) }
            previousIncomeUnitOf = previousIncomes.map { unitID($0.entry.unitCode) }
            unitIDs = ids
            unitCodes = codes
            var index: [LineKey: Int32] = [:]
            var distinct: [LineKey] = []
            func intern(_ key: LineKey) -> Int32 {
                if let found = index[key] { return found }
                let id = Int32(distinct.count)
                distinct.append(key)
                index[key] = id
                return id
            }
            keyIndex = lines.map { intern(LineKey($0)) }
            previousKeyIndex = last.items.map { intern($0.key) }
            distinctKeys = distinct
        }

        /// The unit of line `i`, and of last year's item `i`.
        func unit(ofLine i: Int) -> String { unitCodes[Int(unitOf[i])] }
        func unit(ofPreviousItem i: Int) -> String { unitCodes[Int(previousUnitOf[i])] }

        /// Whether each distinct key passes `filter`.
        func matching(_ filter: TableFilter) -> [Bool] {
            if let found = memo.filters[filter] { return found }
            let result = distinctKeys.map(filter.matches)
            memo.filters[filter] = result
            return result
        }

        /// Each distinct key's group under `grouping` (an index into `names`, the groups' keys).
        func groups(_ grouping: Grouping) -> (ids: [Int32], names: [String]) {
            if let found = memo.groupings[grouping] { return found }
            var byName: [String: Int32] = [:]
            var names: [String] = []
            let ids = distinctKeys.map { key -> Int32 in
                let name = grouping.key(key)
                if let id = byName[name] { return id }
                byName[name] = Int32(names.count)
                names.append(name)
                return Int32(names.count - 1)
            }
            memo.groupings[grouping] = (ids, names)
            return (ids, names)
        }

        private final class Memo {
            var filters: [TableFilter: [Bool]] = [:]
            var groupings: [Grouping: (ids: [Int32], names: [String])] = [:]
        }
    }

    /// How rows group their lines by a code: the key of a line is its code's first digits (with the
    /// 政府经济 code beside a 部门经济 款, for tables that show both).
    enum Grouping: Hashable {
        case function(digits: Int)
        case economic(digits: Int, withGovernment: Bool)
        case government(digits: Int)

        func key(_ key: LineKey) -> String {
            switch self {
            case .function(let digits): return String(key.functionCode.prefix(digits))
            case .economic(let digits, true): return "\(key.economicCode.prefix(digits)) \(key.governmentCode)"
            case .economic(let digits, false): return String(key.economicCode.prefix(digits))
            case .government(let digits): return String(key.governmentCode.prefix(digits))
            }
        }
    }

    /// `dry`: compute the amounts, 是否空表 and the row count without writing cells (for `check`).
    static func build(_ spec: TableSpec, _ context: TableContext, dry: Bool = false, universe given: Universe? = nil) -> BuiltTable {
        let u = given ?? Universe(context)
        let scope = spec.scope
        var root = Node()
        let inScope = u.matching(scope)
        root.lines = u.keyIndex.indices.filter { inScope[Int(u.keyIndex[$0])] }
        root.incomes = u.incomes.indices.filter { scope.matches(u.incomes[$0]) }
        root.previousLines = u.previousKeyIndex.indices.filter { inScope[Int(u.previousKeyIndex[$0])] }
        root.previousIncomes = u.previousIncomes.indices.filter { scope.matches(u.previousIncomes[$0]) }
        let nodes = spec.rows.flatMap { expand($0, within: root, context, u) }

        var sheet = Sheet(name: spec.number, title: context.title(spec), columnCount: spec.columns.count)
        let headerStart = sheet.addTitle(department: context.model.departmentName, unitCaption: context.fill(spec.unitCaption))
        var bodyStart = writeHeader(&sheet, spec.columns, at: headerStart)
        if spec.columnNumbers {
            // 栏次: the leading text columns merged and labelled, the amount columns numbered 1, 2, …
            let leading = spec.columns.prefix { !$0.isAmount }.count
            if leading > 0 { sheet.merge(bodyStart, 0, to: bodyStart, leading - 1, .text("栏次"), .textCentered) }
            var n = 0
            for c in leading..<spec.columns.count {
                if spec.columns[c].isAmount { n += 1 }
                sheet.set(bodyStart, c, spec.columns[c].isAmount ? .text("\(n)") : .empty, .textCentered)
            }
            bodyStart += 1
        }
        sheet.headerRowCount = bodyStart

        // Each amount column's filter, evaluated once per distinct key for the whole table.
        let columnMatches: [[Bool]] = spec.columns.map { column in
            if case .spending(let filter) = column.value { return u.matching(filter) }
            return []
        }
        let plan = spec.formulaPlan()
        var writer = Writer(spec: spec, plan: plan, hasPrevious: u.hasPrevious, universe: u, context: context, columnMatches: columnMatches,
                            gaps: SanGongGaps(spec, context, plan: plan), sheet: sheet, row: bodyStart, dry: dry)
        for node in nodes { _ = writer.write(node) }
        var result = writer.sheet
        var row = writer.row
        for note in spec.notes {
            result.merge(row, 0, to: row, spec.columns.count - 1, .text(note), .note)
            row += 1
        }
        for (c, column) in spec.columns.enumerated() { if let w = column.width { result.fixedWidths[c] = w } }
        return BuiltTable(spec: spec, sheet: result, hasData: writer.hasData, bodyRows: writer.row - bodyStart)
    }

    // MARK: Header

    /// Writes the header tree from `start`; returns the first body row. A label spans the columns
    /// below it; a column's own label reaches down to the last header row.
    static func writeHeader(_ sheet: inout Sheet, _ columns: [ColumnSpec], at start: Int) -> Int {
        let depth = columns.map(\.path.count).max() ?? 1
        for level in 0..<depth {
            var c = 0
            while c < columns.count {
                let path = columns[c].path
                guard level < path.count else { c += 1; continue }
                if level == path.count - 1 {
                    sheet.merge(start + level, c, to: start + depth - 1, c, .text(path[level]), .header)
                    c += 1
                    continue
                }
                let prefix = Array(path[0...level])
                var end = c
                while end + 1 < columns.count, columns[end + 1].path.count > level + 1, Array(columns[end + 1].path[0...level]) == prefix { end += 1 }
                sheet.merge(start + level, c, to: start + level, end, .text(path[level]), .header)
                c = end + 1
            }
        }
        return start + depth
    }

    // MARK: Rows

    static func expand(_ spec: RowSpec, within parent: Node, _ context: TableContext, _ u: Universe) -> [Node] {
        let catalog = context.catalog
        func children(of node: Node) -> Node {
            var node = node
            node.children = spec.children.flatMap { expand($0, within: node, context, u) }
            if node.previousUnknown { markPreviousUnknown(&node) }
            return node
        }
        func markPreviousUnknown(_ node: inout Node) {
            node.previousUnknown = true
            for i in node.children.indices { markPreviousUnknown(&node.children[i]) }
        }
        /// Groups the parent's items by a key of their line; keys sorted.
        func grouped(_ grouping: Grouping) -> [(String, Node)] {
            let (ids, names) = u.groups(grouping)
            var groups: [Int32: Node] = [:]
            for i in parent.lines { groups[ids[Int(u.keyIndex[i])], default: Node()].lines.append(i) }
            for i in parent.previousLines { groups[ids[Int(u.previousKeyIndex[i])], default: Node()].previousLines.append(i) }
            return groups.map { (names[Int($0.key)], $0.value) }.sorted { $0.0 < $1.0 }
        }
        switch spec.kind {
        case .total(let label):
            var node = parent
            node.code = ""
            node.name = label
            node.bold = true
            return [children(of: node)]
        case .department:
            var node = parent
            node.code = context.model.departmentCode
            node.name = context.model.departmentName
            node.bold = true
            return [children(of: node)]
        case .units(let withDetailsOnly):
            var byUnit = Array(repeating: Node(), count: u.unitIDs.count)
            for i in parent.lines { byUnit[Int(u.unitOf[i])].lines.append(i) }
            for i in parent.previousLines { byUnit[Int(u.previousUnitOf[i])].previousLines.append(i) }
            for i in parent.incomes { byUnit[Int(u.incomeUnitOf[i])].incomes.append(i) }
            for i in parent.previousIncomes { byUnit[Int(u.previousIncomeUnitOf[i])].previousIncomes.append(i) }
            return context.units.compactMap { unit in
                var node = u.unitIDs[unit.code].map { byUnit[Int($0)] } ?? Node()
                node.code = unit.code
                node.name = unit.name
                node.previousUnknown = !u.previousUnitsKnown
                node.continuesOnPages = spec.children.contains { if case .projects = $0.kind { return true } else { return false } }
                node = children(of: node)
                return withDetailsOnly && node.children.isEmpty ? nil : node
            }
        case .function(let digits):
            return grouped(.function(digits: digits)).map { code, node in
                var node = node
                node.code = code
                node.name = catalog.function[code] ?? ""
                node.bold = digits == 3
                return children(of: node)
            }
        case .economic(let digits, let withGovernment):
            let pairs = withGovernment && digits > 3
            return grouped(.economic(digits: digits, withGovernment: pairs)).map { key, node in
                var node = node
                let parts = key.split(separator: " ").map(String.init)
                node.code = parts[0]
                node.name = catalog.economicDepartment[parts[0]] ?? ""
                if pairs, parts.count > 1 {
                    node.fields[.governmentCode] = parts[1]
                    node.fields[.governmentName] = catalog.economicGovernment[parts[1]] ?? ""
                }
                node.bold = digits == 3
                return children(of: node)
            }
        case .government(let digits):
            return grouped(.government(digits: digits)).map { code, node in
                var node = node
                node.code = code
                node.name = catalog.economicGovernment[code] ?? ""
                node.bold = digits == 3
                return children(of: node)
            }
        case .projects(let numbered):
            var byProject: [Int: [Int]] = [:]
            for i in parent.lines { if let p = u.lines[i].line.project { byProject[p, default: []].append(i) } }
            let projects = context.model.projects
            return byProject.keys.sorted().enumerated().map { n, index in
                let project = projects[index]
                var node = Node(lines: byProject[index]!)
                node.name = numbered ? "\(n + 1)、\(project.name)" : project.name
                node.project = index
                return children(of: node)
            }
        case .lines:
            return parent.lines.map { i in
                let line = u.lines[i]
                var node = Node(lines: [i])
                node.name = line.line.project.map { context.model.projects[$0].name } ?? line.line.name ?? ""
                node.line = i
                return children(of: node)
            }
        case .fixed(let label, let filter):
            var node = Node()
            node.name = label
            let passes = u.matching(filter)
            node.lines = parent.lines.filter { passes[Int(u.keyIndex[$0])] }
            node.previousLines = parent.previousLines.filter { passes[Int(u.previousKeyIndex[$0])] }
            node.incomes = parent.incomes.filter { filter.matches(u.incomes[$0]) }
            node.previousIncomes = parent.previousIncomes.filter { filter.matches(u.previousIncomes[$0]) }
            return [children(of: node)]
        }
    }

    /// Writes nodes depth-first, a parent above its children.
    struct Writer {
        let spec: TableSpec
        let plan: TableSpec.FormulaPlan
        let hasPrevious: Bool
        let universe: Universe
        let context: TableContext
        /// Per spending column: whether each distinct key passes its filter (`Universe.matching`).
        let columnMatches: [[Bool]]
        /// 三公 parts a `合计` leaves undetailed: blank cells, and the published total (`SanGongGaps`).
        let gaps: SanGongGaps
        var sheet: Sheet
        var row: Int
        /// Only measure (rows, 是否空表): `check` needs no cells.
        var dry = false
        var hasData = false

        mutating func put(_ row: Int, _ column: Int, _ value: @autoclosure () -> CellValue, _ style: CellStyle) {
            if !dry { sheet.set(row, column, value(), style) }
        }

        /// A row's text for `field`, or nil when it has none: set on the row, else read from its line or project.
        static func field(_ field: RowField, of node: Node, _ u: Universe, _ context: TableContext) -> String? {
            let text: String
            if let set = node.fields[field] {
                text = set
            } else if let i = node.line {
                let line = u.lines[i]
                let project = line.line.project.map { context.model.projects[$0] }
                switch field {
                case .functionCode: text = line.line.functionCode
                case .functionName: text = context.catalog.function[line.line.functionCode] ?? ""
                case .governmentCode: text = line.governmentCode
                case .governmentName: text = context.catalog.economicGovernment[line.governmentCode] ?? ""
                case .category: text = project?.category ?? ""
                case .fundNature: text = (project?.fundNature).flatMap { $0.isEmpty ? nil : $0 } ?? line.line.source.fundNature
                case .introduction: text = ""
                }
            } else if let p = node.project {
                let project = context.model.projects[p]
                switch field {
                case .introduction: text = project.introduction
                case .category: text = project.category
                case .fundNature: text = project.fundNature.isEmpty ? "一般公共预算资金" : project.fundNature
                default: text = ""
                }
            } else {
                text = ""
            }
            return text.isEmpty ? nil : text
        }

        /// Amount per column (nil: not an amount, or last year's amount without a last-year budget).
        mutating func write(_ node: Node) -> (row: Int, values: [Money?]) {
            let r = row
            row += 1
            let childResults = node.children.map { write($0) }
            let columns = spec.columns
            var values: [Money?] = Array(repeating: nil, count: columns.count)
            let style: CellStyle = node.bold ? .moneyBold : .money
            // Last year's figures without units (a 决算 of the whole department) are not the sum of the unit rows.
            let childrenCoverPrevious = !node.children.contains { $0.previousUnknown }
                && node.children.reduce(0, { $0 + $1.previousLines.count }) == node.previousLines.count
            // Leaf amounts first, then the formulas that read them.
            for (c, column) in columns.enumerated() {
                var filter: TableFilter?
                var fromIncome = false
                switch column.value {
                case .spending(let f): filter = f
                case .income(let f): filter = f; fromIncome = true
                default: continue
                }
                guard let filter else { continue }
                if filter.previousYear && (!hasPrevious || node.previousUnknown) || (!gaps.isEmpty && gaps.isUnknown(column: c, node, universe)) {
                    put(r, c, .empty, style)
                    continue
                }
                if !childResults.isEmpty && (!filter.previousYear || childrenCoverPrevious) {
                    let total = childResults.reduce(Money.zero) { $0 + ($1.values[c] ?? .zero) }
                    values[c] = total
                    put(r, c, .sum(childResults.map { CellRef($0.row, c) }, cached: total), style)
                    continue
                }
                let u = universe
                let total: Money
                switch (fromIncome, filter.previousYear) {
                case (true, false): total = node.incomes.reduce(.zero) { filter.matches(u.incomes[$1]) ? $0 + u.incomes[$1].amount : $0 }
                case (true, true): total = node.previousIncomes.reduce(.zero) { filter.matches(u.previousIncomes[$1]) ? $0 + u.previousIncomes[$1].amount : $0 }
                case (false, false):
                    let passes = columnMatches[c]
                    total = node.lines.reduce(.zero) { passes[Int(u.keyIndex[$1])] ? $0 + u.amounts[$1] : $0 }
                case (false, true):
                    let passes = columnMatches[c]
                    total = node.previousLines.reduce(.zero) { passes[Int(u.previousKeyIndex[$1])] ? $0 + u.previousAmounts[$1] : $0 }
                }
                if !total.isZero { hasData = true }
                values[c] = total
                put(r, c, total.cellValue, style)
            }
            for step in plan.order {
                let (c, terms) = (step.column, step.terms)
                if !gaps.isEmpty, let published = gaps.total(column: c, node, universe) {
                    // Parts left blank cannot be summed: the total is the published one.
                    if !published.isZero { hasData = true }
                    values[c] = published
                    put(r, c, published.cellValue, style)
                    continue
                }
                if terms.contains(where: { values[$0.column] == nil && columns[$0.column].isAmount }) {
                    put(r, c, .empty, style)
                    continue
                }
                let total = terms.reduce(Money.zero) { $0 + ($1.sign > 0 ? (values[$1.column] ?? .zero) : .zero - (values[$1.column] ?? .zero)) }
                values[c] = total
                let refs = terms.map { CellRef(r, $0.column) }
                if terms.allSatisfy({ $0.sign > 0 }) {
                    put(r, c, .sum(refs, cached: total), style)
                } else if terms.count == 2, terms[0].sign > 0 {
                    put(r, c, .difference(refs[0], refs[1], cached: total), style)
                } else {
                    put(r, c, .linear(terms.map { LinearTerm(($0.sign, CellRef(r, $0.column))) }, cached: total), style)
                }
            }
            for c in plan.cyclic { put(r, c, .empty, style) } // the loader reports the cycle
            for (c, column) in columns.enumerated() {
                switch column.value {
                case .code: put(r, c, node.code.isEmpty ? .empty : .code(node.code), .code)
                case .name: put(r, c, node.name.isEmpty ? .empty : .text(node.name), node.bold ? .labelBold : .text)
                case .field(let f):
                    let isCode = f == .functionCode || f == .governmentCode
                    let (u, context) = (universe, context)
                    put(r, c, Writer.field(f, of: node, u, context).map { isCode ? CellValue.code($0) : CellValue.text($0) } ?? CellValue.empty,
                        isCode ? .code : (f == .introduction ? .wrapped : .text))
                case .blank: put(r, c, .empty, .text)
                default: break
                }
            }
            if node.continuesOnPages && !dry && row - 1 > r, let name = columns.firstIndex(where: { if case .name = $0.value { return true } else { return false } }) {
                sheet.continuedBlocks.append(ContinuedBlock(rows: r...(row - 1), repeated: [r], suffixAt: CellRef(r, name)))
            }
            return (r, values)
        }
    }
}

/// Last year's items for `年度 上年` columns: the lines of 上年预算, else the 三公, 会议费 and 培训费
/// figures the 决算 gives (`PreviousYear.sanGongBlock`: its 预算数, or 决算数 when it prints none).
struct LastYear {
    struct Item { var key: LineKey; var amount: Money; var unit: String }
    var items: [Item] = []
    var available = false
    var unitsKnown = true

    init(_ context: TableContext) {
        if let budget = context.previousBudget {
            items = budget.lines.map { Item(key: LineKey($0), amount: $0.amount, unit: $0.line.unitCode) }
            available = true
        } else if let block = context.budget.previous?.sanGongBlock {
            let codes = SanGongPart.allCases.map(\.economicCode) + [EconomicCodes.meeting, EconomicCodes.training]
            func add(_ leaves: [Money], unit: String) {
                for (code, amount) in zip(codes, leaves) {
                    let key = LineKey(source: .generalBudget, kind: .publicUse, carriedOver: false, functionCode: "", economicCode: code, governmentCode: "")
                    items.append(Item(key: key, amount: amount, unit: unit))
                }
            }
            if let byUnit = block.byUnit {
                for (unit, leaves) in byUnit.sorted(by: { $0.key < $1.key }) { add(leaves, unit: unit) }
            } else {
                add(block.department, unit: "")
                unitsKnown = false
            }
            available = true
        }
    }
}
