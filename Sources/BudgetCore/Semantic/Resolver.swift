/// The resolve stage: gives meaning to the keywords of the syntax tree and builds a `Budget`.
/// It reports every statement it cannot understand and keeps going.
public struct Resolver {
    public private(set) var budget = Budget()
    /// Filled instead of `budget` when the file is a 决算 (kind line `决算 2024`).
    public internal(set) var actuals = Actuals()
    public internal(set) var kind = DocumentKind.budget
    public private(set) var diagnostics: [Diagnostic] = []
    let catalog: Catalog
    /// The raw text of a line, so that rows pasted with tabs keep their empty cells.
    var rawLine: ((SourceSpan) -> String?)?

    /// `file` locates problems of the file as a whole (e.g. an empty file without 部门).
    public static func resolve(_ nodes: [SyntaxNode], catalog: Catalog, file: String? = nil) -> (Budget, [Diagnostic]) {
        var resolver = Resolver(catalog: catalog)
        resolver.file = file
        resolver.run(nodes)
        return (resolver.budget, resolver.diagnostics)
    }

    /// A budget or a 决算, whichever the file is.
    public enum Document: Sendable {
        case budget(Budget)
        case actuals(Actuals)
    }

    /// The kind of a file: a 决算 has the kind line `决算 2024` at the top level.
    public static func kind(of nodes: [SyntaxNode]) -> DocumentKind {
        nodes.contains { $0.keyword == "决算" } ? .actuals : .budget
    }

    /// Resolves either kind of document; `files` give the raw lines of pasted rows.
    public static func resolveDocument(_ nodes: [SyntaxNode], catalog: Catalog, file: String? = nil, files: [SyntaxFile] = []) -> (Document, [Diagnostic]) {
        var resolver = Resolver(catalog: catalog)
        resolver.file = file
        var sources: [String: SourceFile] = [:]
        for f in files { sources[f.source.path] = f.source }
        resolver.rawLine = { span in
            guard let source = sources[span.file], span.line >= 1, span.line <= source.lineCount else { return nil }
            return source.line(span.line - 1)
        }
        resolver.run(nodes)
        return (resolver.kind == .actuals ? .actuals(resolver.actuals) : .budget(resolver.budget), resolver.diagnostics)
    }

    var file: String?
    var sawYear = false
    // Lookups kept beside the budget so resolving stays linear in the size of the file.
    var unitCodes: Set<String> = []
    var valueNames: Set<String> = []
    var incomeKeys: Set<String> = []
    var projectKeys: Set<String> = []

    init(catalog: Catalog) { self.catalog = catalog }

    // MARK: - Diagnostics helpers

    mutating func error(_ message: String, at span: SourceSpan?, hint: String? = nil, id: String = "syntax") {
        diagnostics.append(Diagnostic(.error, id, message, at: span, hint: hint))
    }

    mutating func warning(_ id: String, _ message: String, at span: SourceSpan?, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, id, message, at: span, hint: hint))
    }

    mutating func rejectChildren(_ node: SyntaxNode) {
        for child in node.children {
            error("“\(child.fields.first?.text ?? "=")”不能写在“\(node.fields.first?.text ?? "")”下面", at: child.span,
                  hint: "检查缩进：这一行可能应当向左对齐")
        }
    }

    mutating func rejectFormula(_ node: SyntaxNode) {
        if let formula = node.formula {
            error("这里不能写公式（=）", at: formula.span, hint: "只有金额、设 定义的数值和收入可以写公式；文字中的 = 请放在引号里")
        }
    }

    // MARK: - Top level

    static let topLevelKeywords = Keyword.allowed(in: .budget).map(\.rawValue)

    mutating func run(_ nodes: [SyntaxNode]) {
        if Resolver.kind(of: nodes) == .actuals { runActuals(nodes); return }
        // Units first, so that blocks may name them before or after their declaration.
        for node in nodes where node.keyword == Keyword.defaultUnit.rawValue { resolveDefaultUnit(node) }
        for node in nodes where node.keyword == Keyword.unit.rawValue { resolveUnit(node) }
        for node in nodes {
            guard let word = node.keyword else { continue }
            switch Keyword.named(word) {
            case .unit?, .defaultUnit?, .include?: continue
            case .department?: resolveDepartment(node)
            case .year?: resolveYear(node)
            case .publicationUnit?:
                if let written = publicationUnit(node) { (budget.publicationUnit, budget.displayUnit) = (written, written.unit) }
            case .secrecy?: budget.secrecyReview = textArgument(node) ?? ""
            case .signOff?: budget.headSignOff = textArgument(node) ?? ""
            case .publisher?: budget.publisher = publisher(node, in: .budget) ?? budget.publisher
            case .catalog?: if let (p, s) = pathArgument(node) { budget.extraCatalogs.append((p, s)) }
            case .previousBudget?:
                if node.fields.count > 2 || (node.fields.count == 2 && !node.fields[1].quoted && PreviousTotals.Item(rawValue: node.fields[1].folded) != nil) {
                    resolvePreviousTotals(node)
                } else if let (p, s) = pathArgument(node) {
                    if budget.previousTotals != nil || budget.previousBudgetPath != nil { error("上年预算 只写一次：文件路径，或只有合计的一行", at: node.span, id: "duplicate") }
                    budget.previousBudgetPath = (p, s)
                }
            case .previousActuals?: if let (p, s) = pathArgument(node) { budget.previousActualsPath = (p, s) }
            case .value?: resolveNamedValue(node)
            case .income?: resolveIncome(node)
            case .basic?: resolveBasic(node)
            case .project?: resolveProject(node, carriedOver: false)
            case .carriedProject?: resolveProject(node, carriedOver: true)
            case .remittance?: resolveSimpleSpending(node, kind: .remittance, defaultSource: .institutionIncome)
            case .operating?: resolveSimpleSpending(node, kind: .operating, defaultSource: .operatingIncome)
            case .subsidiary?: resolveSimpleSpending(node, kind: .subsidiary, defaultSource: .institutionIncome)
            case .sanGong?: resolveSanGong(node)
            case .assets?: if let assets = budgetAssets(node) { budget.assets = assets }
            case .departmentPerformance?: resolveDepartmentPerformance(node)
            case .topics?: resolveTopicReasons(node)
            case .overview?: resolveOverview(node)
            case .emptyTable?: resolveEmptyTable(node)
            case .unpublished?: resolveUnpublished(node)
            case .tableSet?:
                rejectChildren(node)
                rejectFormula(node)
                if node.fields.count == 2 { budget.tableSet = (node.fields[1].text, node.fields[1].span) }
                else { error("报表 应写作：报表 全国（内置套表名称或表格文件夹）", at: node.span) }
            case .allow?: resolveAllow(node)
            case .thresholds?: resolveThresholds(node)
            case let other?:
                // A statement of a 决算 (支出, 会议费 …) in a budget: say where it belongs.
                error("预算文件中不用“\(node.fields[0].text)”（这是决算文件的语句）", at: node.fields[0].span,
                      hint: other == .spending ? "预算的支出写在 基本支出、项目 等块中" : "决算文件以 决算 2024 开头；预算中用 上年决算 \"文件\" 引用它")
            case nil:
                if node.fields.first?.folded.first?.isASCIIDigit == true {
                    error("支出行必须写在 基本支出、项目 等块的下面", at: node.span, hint: "在这一行上方写 项目 \"名称\" 或 基本支出，并缩进这一行")
                } else {
                    error("不认识的语句“\(node.fields.first?.text ?? "")”", at: node.fields.first?.span ?? node.span,
                          hint: suggestion(for: word, among: Resolver.topLevelKeywords))
                }
            }
        }
        let place = nodes.first?.span ?? file.map { SourceSpan.wholeFile($0) }
        if budget.departmentName.isEmpty && !nodes.contains(where: { $0.keyword == "部门" }) {
            error(nodes.isEmpty ? "文件是空的：缺少 部门 语句" : "缺少 部门 语句", at: place, hint: "在文件开头写：部门 962 汉阴县医疗保障局", id: "missing-header")
        }
        if budget.year == 0 && !sawYear {
            error("缺少 年度 语句", at: place, hint: "在文件开头写：年度 2025", id: "missing-header")
        }
        if budget.units.isEmpty && !nodes.contains(where: { $0.keyword == "单位" }) {
            error("没有声明任何 单位", at: place, hint: "例如：单位 962001 汉阴县医疗保障局 行政", id: "missing-header")
        }
    }

    func suggestion(for word: String, among candidates: [String]) -> String {
        guard word.count <= 20 else { return "可用的语句：" + candidates.joined(separator: "、") }
        let close = candidates.filter { c in c.contains(word) || word.contains(c) || Set(c).intersection(Set(word)).count >= max(1, c.count - 1) }
        // The nearest spelling first: 公开金额单元 is 公开金额单位, though it shares three characters with 金额单位.
        if let best = Suggest.closest(to: word, among: candidates) ?? close.first { return "是不是要写“\(best)”？" }
        return "可用的语句：" + candidates.joined(separator: "、")
    }

    func singleText(_ node: SyntaxNode) -> String? {
        node.fields.dropFirst().map(\.text).joined(separator: " ")
    }

    mutating func pathArgument(_ node: SyntaxNode) -> (String, SourceSpan)? {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count == 2 else {
            error("\(node.fields[0].text) 后面应写一个文件路径（用引号括起来）", at: node.span)
            return nil
        }
        return (node.fields[1].text, node.fields[1].span)
    }

    /// `上年预算 收入 780.64 支出 780.64 三公 10`: label, amount pairs (the labels in `PreviousTotals.Item`).
    mutating func resolvePreviousTotals(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        let labels = PreviousTotals.Item.allCases.map(\.rawValue).joined(separator: "、")
        var totals = PreviousTotals(span: node.fields[0].span)
        var fields = node.fields.dropFirst()
        while let label = fields.first {
            fields = fields.dropFirst()
            guard let item = PreviousTotals.Item(rawValue: label.folded) else {
                error("上年预算 后面写文件路径（\"budget-2024.bud\"），或只写合计：\(labels) 各跟一个金额", at: label.span,
                      hint: Suggest.hint(label.folded, among: PreviousTotals.Item.allCases.map(\.rawValue)) ?? "例如：上年预算 收入 780.64 支出 780.64")
                return
            }
            guard let value = fields.first else { error("\(item.rawValue) 后面缺少金额", at: label.span, id: "missing-amount"); return }
            fields = fields.dropFirst()
            if totals.values[item] != nil { error("上年预算 的 \(item.rawValue) 写了两次", at: label.span, id: "duplicate") }
            totals.values[item] = actualsMoney(value)
        }
        if budget.previousTotals != nil || budget.previousBudgetPath != nil {
            error("上年预算 只写一次：文件路径，或只有合计的一行", at: node.span, id: "duplicate")
            return
        }
        budget.previousTotals = totals
        // Said once, where the reader looks: the comparisons a file of last year's lines would give are not made.
        let given = PreviousTotals.Item.allCases.filter { totals.values[$0] != nil }.map(\.rawValue).joined(separator: "、")
        diagnostics.append(Diagnostic(.note, "previous-year",
                                      "上年预算只有合计（\(given)）：说明只写这些合计较上年的增减；各科目、基本支出和项目支出、财政拨款、“三公”各项的较上年比较不进行",
                                      at: node.fields[0].span, hint: "有上年预算的公开表时，把它写成文件：上年预算 \"budget-2024.bud\""))
    }

    mutating func resolveDepartment(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count >= 3, node.fields[1].folded.allSatisfy(\.isASCIIDigit) else {
            error("部门 语句应写作：部门 编码 名称", at: node.span, hint: "例如：部门 962 汉阴县医疗保障局")
            return
        }
        if budget.departmentSpan != nil { error("部门 只能声明一次", at: node.span, id: "duplicate") }
        budget.departmentCode = node.fields[1].folded
        budget.departmentName = node.fields[2...].map(\.text).joined(separator: " ")
        budget.departmentSpan = node.span
    }

    mutating func resolveYear(_ node: SyntaxNode) {
        if sawYear { error("年度 只能写一次", at: node.span, id: "duplicate") }
        sawYear = true
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count == 2, let year = Int(node.fields[1].folded.replacingAll("年", with: "")), (1990...2200).contains(year) else {
            error("年度 应是四位年份", at: node.fields.dropFirst().first?.span ?? node.span, hint: "例如：年度 2025", id: "bad-number")
            return
        }
        budget.year = year
        budget.yearSpan = node.fields[1].span
    }

    mutating func resolveDefaultUnit(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count == 2, ["万元", "元", "万"].contains(node.fields[1].folded) else {
            error("金额单位 只能是 万元 或 元", at: node.fields.dropFirst().first?.span ?? node.span)
            return
        }
        budget.defaultUnitIsWan = node.fields[1].folded != "元"
    }

    /// `公开金额单位 元`: the unit the tables and the 说明 print amounts in (not the unit amounts are written in).
    mutating func publicationUnit(_ node: SyntaxNode) -> (unit: MoneyUnit, span: SourceSpan)? {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count == 2, let unit = MoneyUnit.named(node.fields[1].folded) else {
            error("公开金额单位 只能是 万元 或 元", at: node.fields.dropFirst().first?.span ?? node.span,
                  hint: "例如：公开金额单位 元（公开表和说明以元为单位）；数字的书写单位用 金额单位")
            return nil
        }
        return (unit, node.fields[1].span)
    }

    /// `公开稿 单位预算` / `公开稿 单位决算` (or just 单位): whose publication the file is.
    mutating func publisher(_ node: SyntaxNode, in kind: DocumentKind) -> Publisher? {
        rejectChildren(node)
        rejectFormula(node)
        let example = "公开稿 单位\(kind.rawValue)（一个单位自己的公开稿）或 公开稿 部门\(kind.rawValue)"
        guard node.fields.count == 2, let (publisher, written) = Publisher.named(node.fields[1].folded) else {
            error("公开稿 只能是 部门\(kind.rawValue) 或 单位\(kind.rawValue)", at: node.fields.dropFirst().first?.span ?? node.span,
                  hint: (node.fields.count == 2 ? Suggest.hint(node.fields[1].folded, among: Publisher.spellings).map { $0 + "；" } ?? "" : "") + "例如：" + example)
            return nil
        }
        if let written, written != kind {
            error("\(kind.rawValue)文件的公开稿不是\(node.fields[1].text)", at: node.fields[1].span, hint: "写 公开稿 \(publisher.rawValue)\(kind.rawValue)")
            return nil
        }
        return publisher
    }

    // MARK: - Units

    mutating func resolveUnit(_ node: SyntaxNode) {
        rejectFormula(node)
        let f = node.fields
        guard f.count >= 4, f[1].folded.allSatisfy(\.isASCIIDigit), let type = UnitType(rawValue: f[f.count - 1].folded) else {
            error("单位 语句应写作：单位 编码 名称 类型（行政、参公 或 事业）", at: node.span,
                  hint: "例如：单位 962001 汉阴县医疗保障局 行政")
            return
        }
        let code = f[1].folded
        if unitCodes.contains(code) {
            error("单位 \(code) 重复声明", at: f[1].span, hint: "每个单位只声明一次；其余内容写在各自的块里", id: "duplicate")
            return
        }
        var unit = Unit(code: code, name: f[2..<(f.count - 1)].map(\.text).joined(separator: " "), type: type, span: node.span)
        for child in node.children {
            rejectFormula(child)
            rejectChildren(child)
            switch child.keyword {
            case "编制": unit.staffing = headcount(child)
            case "实有": unit.actual = headcount(child)
            case "退休", "离休", "离退休":
                let word = child.keyword ?? ""
                guard child.fields.count == 2, let n = count(child.fields[1]) else {
                    error("\(word) 后面应写人数", at: child.span, hint: "例如：\(word) 2", id: "bad-number")
                    continue
                }
                switch word {
                case "退休": unit.retired = n
                case "离休": unit.leftOffice = n
                default: unit.retiredTogether = n
                }
            case "计入运行经费":
                if child.fields.count != 1 || unit.countsRunningCost {
                    error("计入运行经费 单独一行、只写一次", at: child.span, hint: "写在 事业 单位下面：它的公用经费计入运行经费（行政、参公单位本来就计入）")
                }
                unit.countsRunningCost = true
            default:
                error("单位 下面只能写 编制、实有、退休、离休、离退休、计入运行经费", at: child.span)
            }
        }
        // 离退休 is the sum of 离休 and 退休 where the parts are written too.
        if let together = unit.retiredTogether, unit.leftOffice + unit.retired > 0, together != unit.leftOffice + unit.retired {
            error("离退休 \(together) 人与 离休 \(unit.leftOffice) 人 + 退休 \(unit.retired) 人不符", at: node.span,
                  hint: "离退休 是离休和退休的合计；公开稿只给合计时只写 离退休", id: "retired-total")
        }
        budget.units.append(unit)
        unitCodes.insert(unit.code)
    }

    mutating func count(_ field: Field) -> Int? {
        guard case .success(let literal) = NumberLiteral.parse(field.folded), literal.unit == .none, literal.value.isInteger,
              literal.value.numerator >= 0, literal.value.numerator < 1_000_000_000 else { return nil }
        return Int(literal.value.numerator)
    }

    /// `编制 行政 5 参公 3 事业 16 工勤 1`, or `编制 21` for a single total.
    mutating func headcount(_ node: SyntaxNode) -> Headcount {
        var result = Headcount()
        var fields = node.fields.dropFirst()
        if fields.count == 1, let n = count(fields.first!) {
            result.administrative = n
            result.totalOnly = true
            return result
        }
        while let label = fields.first {
            fields = fields.dropFirst()
            guard let valueField = fields.first, let n = count(valueField) else {
                error("\(node.fields[0].text) 应写作：\(node.fields[0].text) 行政 5 事业 16", at: label.span, id: "bad-number")
                return result
            }
            fields = fields.dropFirst()
            if let category = StaffCategory.named(label.folded) {
                result[category] = n
            } else {
                error("人员类别只能是 " + StaffCategory.allCases.map(\.rawValue).joined(separator: "、"), at: label.span,
                      hint: "参公 指参照公务员法管理的事业编制")
            }
        }
        return result
    }

    /// The unit a block belongs to: the written code, or the only unit of the department.
    mutating func unitCode(_ field: Field?, block: SyntaxNode) -> String? {
        if let field {
            let code = field.folded
            if !unitCodes.contains(code) {
                error("没有声明单位 \(code)", at: field.span, hint: "先写 单位 \(code) 名称 类型", id: "unknown-unit")
                return nil
            }
            return code
        }
        if budget.units.count == 1 { return budget.units[0].code }
        if !budget.units.isEmpty {
            error("部门有多个单位，这里须写明单位编码", at: block.span,
                  hint: "例如：\(block.fields[0].text) \(budget.units[0].code)", id: "unknown-unit")
        }
        return nil
    }

    // MARK: - Values and income

    mutating func amount(of node: SyntaxNode, statedFields: ArraySlice<Field>) -> Amount? {
        amount(of: node, stated: statedFields.map { ($0, NumberLiteral.parse($0.folded)) })
    }

    /// `stated`: the amount fields with their parse (a spending line has parsed them already to tell
    /// amounts from names: each number is parsed once, issue 15).
    mutating func amount(of node: SyntaxNode, stated: [(field: Field, parsed: Result<NumberLiteral, NumberLiteral.Failure>)]) -> Amount? {
        var result = Amount()
        for (field, parsed) in stated {
            switch parsed {
            case .success(let literal) where !literal.measureWord.isEmpty:
                error("金额“\(field.text)”后面不能带“\(literal.measureWord)”", at: field.span,
                      hint: "金额只能写 万、万元 或 元；数量写在 采购、会议 等明细里", id: "bad-number")
                return nil
            case .success(let literal):
                if result.stated != nil {
                    error("一行只能写一个金额", at: field.span, hint: "公式请写在 = 后面", id: "syntax")
                    return nil
                }
                result.stated = literal
                result.statedSpan = field.span
            case .failure(let failure):
                error(NumberLiteral.describe(failure, field.text), at: field.span,
                      hint: "金额写作 37.02、1,996.62、37.02万 或 3000元", id: "bad-number")
                return nil
            }
        }
        if let formula = node.formula {
            let (expr, parseDiagnostics) = ExpressionParser.parse(formula)
            diagnostics += parseDiagnostics
            guard let expr else { return nil }
            result.formula = expr
            result.formulaSpan = formula.span
        }
        if result.stated == nil && result.formula == nil {
            error("缺少金额", at: node.span, hint: "在行末写金额，或写 = 公式", id: "missing-amount")
            return nil
        }
        return result
    }

    mutating func resolveNamedValue(_ node: SyntaxNode) {
        rejectChildren(node)
        guard node.fields.count >= 2, !node.fields[1].quoted, isName(node.fields[1].text) else {
            error("设 语句应写作：设 名称 = 公式", at: node.span, hint: "例如：设 参保人数 = 259480")
            return
        }
        let name = node.fields[1].text
        if valueNames.contains(name) || Evaluator.builtInNames.contains(name) {
            error("名称“\(name)”已经有定义", at: node.fields[1].span, hint: "换一个名称", id: "duplicate")
            return
        }
        // `设 人数 259480` means the same as `设 人数 = 259480`: a bare number is a count here.
        var amount: Amount
        if node.formula == nil, node.fields.count == 3, case .success(let literal) = NumberLiteral.parse(node.fields[2].folded),
           literal.unit != .none || literal.measureWord.isEmpty || literal.value.isInteger {
            // A count may carry a measure word (设 人数 300人); money may not.
            let literal = literal.unit == .none ? NumberLiteral(value: literal.value, unit: .none, measureWord: "") : literal
            amount = Amount(stated: nil, statedSpan: nil, formula: .number(literal, node.fields[2].span), formulaSpan: node.fields[2].span)
        } else {
            guard let parsed = self.amount(of: node, statedFields: node.fields.dropFirst(2)) else { return }
            amount = parsed
        }
        budget.values.append(NamedValue(name: name, amount: amount, span: node.fields[1].span))
        valueNames.insert(name)
    }

    func isName(_ text: String) -> Bool {
        guard let first = text.first, !Normalize.fold(first).isASCIIDigit else { return false }
        return !text.contains { "+-*/()（）=＝".contains($0) }
    }

    mutating func resolveIncome(_ node: SyntaxNode) {
        rejectFormula(node)
        guard node.fields.count <= 2 else { error("收入 后面只能写单位编码", at: node.span); return }
        let unit = unitCode(node.fields.dropFirst().first, block: node)
        for child in node.children {
            guard child.fields.first != nil, let source = FundingSource.named(child.keyword ?? "") else {
                error("不认识的收入来源“\(child.fields.first?.text ?? "")”", at: child.fields.first?.span ?? child.span,
                      hint: "可用的来源：" + FundingSource.allCases.map(\.rawValue).joined(separator: "、"), id: "unknown-source")
                continue
            }
            rejectChildren(child)
            guard let amount = amount(of: child, statedFields: child.fields.dropFirst()), let unit else { continue }
            if !incomeKeys.insert(unit + "\u{1}" + source.rawValue).inserted {
                error("单位 \(unit) 的收入来源“\(source.rawValue)”重复", at: child.span, hint: "同一来源只写一行", id: "duplicate")
                continue
            }
            budget.incomes.append(IncomeEntry(unitCode: unit, source: source, amount: amount, span: child.span))
        }
    }

    // MARK: - Spending

    mutating func resolveBasic(_ node: SyntaxNode) {
        rejectFormula(node)
        let unit = unitCode(node.fields.dropFirst().first, block: node)
        for child in node.children {
            if ["人员经费", "公用经费"].contains(child.keyword ?? "") { rejectFormula(child) }
            switch child.keyword {
            case "人员经费": resolveLines(child.children, unit: unit, kind: .personnel, project: nil, defaultSource: .generalBudget)
            case "公用经费": resolveLines(child.children, unit: unit, kind: .publicUse, project: nil, defaultSource: .generalBudget)
            default:
                error("基本支出 下面应分 人员经费 和 公用经费 两部分", at: child.span,
                      hint: "先写一行 人员经费 或 公用经费，再把支出行缩进写在下面")
            }
        }
    }

    /// 上缴上级、经营、对附属单位补助 are paid from the unit's own funds, so they default to a
    /// non-fiscal source (表5–表8 have no column for them); `来源` on a line overrides it.
    mutating func resolveSimpleSpending(_ node: SyntaxNode, kind: SpendingKind, defaultSource: FundingSource) {
        rejectFormula(node)
        let unit = unitCode(node.fields.dropFirst().first, block: node)
        var lines = node.children
        var source = defaultSource
        if let sourceNode = lines.first(where: { $0.keyword == "来源" || $0.keyword == "资金来源" }) {
            if let s = sourceArgument(sourceNode) { source = s }
            lines.removeAll { $0.keyword == "来源" || $0.keyword == "资金来源" }
        }
        resolveLines(lines, unit: unit, kind: kind, project: nil, defaultSource: source)
    }

    mutating func resolveProject(_ node: SyntaxNode, carriedOver: Bool) {
        rejectFormula(node)
        guard node.fields.count >= 2, node.fields.count <= 3 else {
            error("项目 应写作：项目 \"项目名称\" [单位编码]", at: node.span)
            return
        }
        let name = node.fields[1].text
        if !projectKeys.insert((carriedOver ? "结转\u{1}" : "") + name).inserted {
            error("项目“\(name)”重复", at: node.fields[1].span, hint: "同名项目合并为一个", id: "duplicate")
        }
        let unit = unitCode(node.fields.count == 3 ? node.fields[2] : nil, block: node)
        var project = Project(name: name, unitCode: unit ?? "", carriedOver: carriedOver, span: node.fields[1].span)
        let index = budget.projects.count
        var source: FundingSource = carriedOver ? .carriedOverFiscal : .generalBudget
        var lineNodes: [SyntaxNode] = []
        for child in node.children {
            // A spending line (a code) is none of the keywords below: no Chinese string comparisons for it.
            if child.keyword?.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true { lineNodes.append(child); continue }
            switch child.keyword {
            case "简介": project.introduction = textArgument(child) ?? ""
            case "类别", "项目类别": project.category = textArgument(child) ?? ""
            case "资金性质": project.fundNature = textArgument(child) ?? ""
            case "来源", "资金来源":
                if let s = sourceArgument(child) { source = s }
            case "原因": project.reason = reasonArgument(child)
            case "绩效": project.performance = performance(child)
            default: lineNodes.append(child)
            }
        }
        budget.projects.append(project)
        resolveLines(lineNodes, unit: unit, kind: .project, project: index, defaultSource: source)
    }

    mutating func textArgument(_ node: SyntaxNode) -> String? {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count >= 2 else {
            error("\(node.fields[0].text) 后面缺少内容", at: node.span, hint: "把文字写在引号里")
            return nil
        }
        return node.fields.dropFirst().map(\.text).joined(separator: " ")
    }

    mutating func reasonArgument(_ node: SyntaxNode) -> Reason {
        rejectFormula(node)
        let text = (node.fields.count >= 2 ? node.fields.dropFirst().map(\.text).joined(separator: " ") : "")
        rejectChildren(node)
        return Reason(text: text.trimmingSpaces(), span: node.fields.count >= 2 ? node.fields[1].span : node.span)
    }

    mutating func sourceArgument(_ node: SyntaxNode) -> FundingSource? {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count == 2, let source = FundingSource.named(node.fields[1].folded) else {
            error("不认识的资金来源“\(node.fields.dropFirst().map(\.text).joined(separator: " "))”", at: node.fields.dropFirst().first?.span ?? node.span,
                  hint: "可用的来源：" + FundingSource.allCases.map(\.rawValue).joined(separator: "、"), id: "unknown-source")
            return nil
        }
        return source
    }

    mutating func resolveLines(_ nodes: [SyntaxNode], unit: String?, kind: SpendingKind, project: Int?, defaultSource: FundingSource) {
        for node in nodes {
            guard let first = node.fields.first, !first.quoted, first.folded.startsWithASCIIDigit else {
                error("这里应是支出行：功能分类编码 经济分类编码 [名称] 金额", at: node.fields.first?.span ?? node.span,
                      hint: "例如：2101501 30201 办公费 8.00")
                continue
            }
            if let line = resolveLine(node, unit: unit, kind: kind, project: project, defaultSource: defaultSource) {
                budget.lines.append(line)
            }
        }
    }

    mutating func resolveLine(_ node: SyntaxNode, unit: String?, kind: SpendingKind, project: Int?, defaultSource: FundingSource) -> Line? {
        let fields = node.fields
        guard fields.count >= 2 else {
            error("支出行需要功能分类编码和经济分类编码", at: node.span, hint: "例如：2101501 30201 办公费 8.00")
            return nil
        }
        var ok = true
        let functionCode = fields[0].folded
        let economicCode = fields[1].folded
        ok = checkCode(functionCode, field: fields[0], kind: .function, digits: 7) && ok
        ok = checkCode(economicCode, field: fields[1], kind: .economicDepartment, digits: 5) && ok

        var name: String?
        var nameSpan: SourceSpan?
        var stated: [(field: Field, parsed: Result<NumberLiteral, NumberLiteral.Failure>)] = []
        var source = defaultSource
        var reason: Reason?
        var i = 2
        while i < fields.count {
            let field = fields[i]
            if !field.quoted, field.folded.isWord("来源") || field.folded.isWord("原因"), i + 1 < fields.count {
                if field.folded.isWord("来源") {
                    if let s = FundingSource.named(fields[i + 1].folded) { source = s }
                    else { error("不认识的资金来源“\(fields[i + 1].text)”", at: fields[i + 1].span, id: "unknown-source"); ok = false }
                } else {
                    reason = Reason(text: fields[i + 1].text, span: fields[i + 1].span)
                }
                i += 2
                continue
            }
            let parsed = field.quoted ? nil : NumberLiteral.parse(field.folded)
            if case .success? = parsed {
                stated.append((field, parsed!))
            } else if let parsed, field.folded.first?.isASCIIDigit == true {
                stated.append((field, parsed)) // a malformed number: reported by `amount(of:)`
            } else if name == nil, stated.isEmpty {
                name = field.text
                nameSpan = field.span
            } else {
                error("支出行在这里多出了“\(field.text)”", at: field.span, hint: "支出行写作：功能分类编码 经济分类编码 [名称] 金额")
                ok = false
            }
            i += 1
        }
        guard let amount = amount(of: node, stated: stated) else { return nil }
        var line = Line(functionCode: functionCode, functionSpan: fields[0].span, economicCode: economicCode,
                        economicSpan: fields[1].span, name: name, nameSpan: nameSpan, amount: amount, source: source,
                        kind: kind, unitCode: unit ?? "", project: project,
                        carriedOver: project.map { budget.projects[$0].carriedOver } ?? false, reason: reason, span: node.span)
        for child in node.children {
            switch child.keyword {
            case "原因": line.reason = reasonArgument(child)
            case "来源": if let s = sourceArgument(child) { line.source = s }
            case "会议": if let m = meeting(child, kind: .meeting) { line.meetings.append(m) }
            case "培训": if let m = meeting(child, kind: .training) { line.meetings.append(m) }
            case "采购": if let p = purchase(child) { line.purchases.append(p) }
            default:
                error("支出行下面只能写 原因、来源、会议、培训、采购", at: child.fields.first?.span ?? child.span,
                      hint: "如果这是另一条支出行，请与上一行对齐")
            }
        }
        return (ok && unit != nil) ? line : nil
    }

    mutating func checkCode(_ code: String, field: Field, kind: Catalog.Kind, digits: Int) -> Bool {
        // Codes of ASCII digits (nearly all) are checked on bytes: each byte is then one Character.
        let asciiDigits = code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard asciiDigits || code.allSatisfy(\.isASCIIDigit) else {
            error("“\(field.text)”不是\(kind.rawValue)编码", at: field.span, hint: "编码只能由数字组成", id: "bad-code")
            return false
        }
        guard (asciiDigits ? code.utf8.count : code.count) == digits else {
            let level = kind == .function ? "项级（7 位，如 2101501）" : "款级（5 位，如 30201）"
            error("\(kind.rawValue)编码“\(code)”应写到\(level)", at: field.span, hint: catalog.childrenHint(code, in: kind, digits: digits), id: "code-level")
            return false
        }
        guard catalog.name(of: code, in: kind) != nil else {
            let edition = catalog.edition.map { "（\($0) 年版目录）" } ?? ""
            error("未知的\(kind.rawValue)编码 \(code)\(edition)", at: field.span, hint: catalog.unknownCodeHint(code, in: kind), id: "unknown-code")
            return false
        }
        return true
    }

    // MARK: - Details under lines

    mutating func meeting(_ node: SyntaxNode, kind: Meeting.Kind) -> Meeting? {
        rejectChildren(node)
        guard node.fields.count >= 2 else {
            error("\(kind.rawValue) 应写作：\(kind.rawValue) \"名称\" 日期 人数 金额", at: node.span,
                  hint: "例如：\(kind.rawValue) \"医保业务培训会\" 2024-06-10..2024-06-30 300人 1.50")
            return nil
        }
        var dates = ""
        var people: Int?
        var stated: [Field] = []
        for field in node.fields.dropFirst(2) {
            if field.quoted || field.folded.contains("..") || field.folded.contains("至") || field.folded.filter({ $0 == "-" }).count >= 2 {
                dates = field.text
            } else if case .success(let literal) = NumberLiteral.parse(field.folded), literal.measureWord == "人" || literal.measureWord == "人次" {
                people = literal.value.isInteger ? Int(literal.value.numerator) : nil
            } else {
                stated.append(field)
            }
        }
        guard let amount = amount(of: node, statedFields: stated[...]) else { return nil }
        return Meeting(kind: kind, name: node.fields[1].text, dates: dates, people: people, amount: amount, span: node.span)
    }

    mutating func purchase(_ node: SyntaxNode) -> Purchase? {
        rejectChildren(node)
        let f = node.fields
        guard f.count >= 3 else {
            error("采购 应写作：采购 目录编码 品目名称 [规格 …] 数量 单价 …", at: node.span,
                  hint: "例如：采购 A02010105 台式计算机 规格 华为 6台 单价 0.60")
            return nil
        }
        var p = Purchase(catalogCode: Normalize.folded(f[1].text), item: f[2].text, specification: "", serviceContent: "",
                         quantity: nil, unitPrice: nil, amount: nil, time: "", label: nil, span: node.span)
        var i = 3
        while i < f.count {
            let key = f[i].folded
            let keyed = ["规格", "规格型号", "数量", "单价", "金额", "服务", "购买服务内容", "时间", "实施时间", "项目", "采购项目", "方式", "组织形式"]
            if keyed.contains(key), i + 1 < f.count {
                let value = f[i + 1]
                switch key {
                case "规格", "规格型号": p.specification = value.text
                case "数量":
                    if case .success(let l) = NumberLiteral.parse(value.folded), l.unit == .none, l.value.isInteger, l.value.numerator >= 0 {
                        p.quantity = Int(l.value.numerator)
                    } else { error("数量应是整数", at: value.span, id: "bad-number") }
                case "单价": p.unitPrice = literalAmount(value)
                case "金额": p.amount = literalAmount(value)
                case "服务", "购买服务内容": p.serviceContent = value.text
                case "时间", "实施时间": p.time = value.text
                case "方式", "组织形式":
                    if let organization = ProcurementOrganization.named(value.folded) {
                        p.organization = organization
                    } else {
                        error("采购组织形式“\(value.text)”只能是 集中（政府集中采购）或 分散（分散采购）", at: value.span,
                              hint: "例如：方式 集中")
                    }
                default: p.label = value.text
                }
                i += 2
                continue
            }
            if case .success(let l) = NumberLiteral.parse(f[i].folded), l.unit == .none, !l.measureWord.isEmpty, l.value.isInteger {
                p.quantity = Int(l.value.numerator)
            } else {
                error("采购行在这里多出了“\(f[i].text)”", at: f[i].span,
                      hint: "可写：规格 X、数量 N（或 6台）、单价 P、金额 A、服务 \"内容\"、时间 T、项目 \"名称\"、方式 集中|分散")
            }
            i += 1
        }
        if let formula = node.formula {
            let (expr, parseDiagnostics) = ExpressionParser.parse(formula)
            diagnostics += parseDiagnostics
            if let expr { p.amount = Amount(stated: p.amount?.stated, statedSpan: p.amount?.statedSpan, formula: expr, formulaSpan: formula.span) }
        }
        if p.amount == nil && (p.quantity == nil || p.unitPrice == nil) {
            error("采购项缺少金额：写 金额，或写 数量 和 单价", at: node.span, id: "missing-amount")
            return nil
        }
        return p
    }

    mutating func literalAmount(_ field: Field) -> Amount? {
        switch NumberLiteral.parse(field.folded) {
        case .success(let l): return Amount(stated: l, statedSpan: field.span)
        case .failure(let failure):
            error(NumberLiteral.describe(failure, field.text), at: field.span, id: "bad-number")
            return nil
        }
    }

    // MARK: - Performance targets

    /// 成本指标 is also a 一级 of its own (经济/社会/生态环境成本, the 2021 national framework Chongqing's 绩效目标表 use),
    /// besides the 二级 产出/成本 of the older one.
    static let level1Names: [String: String] = ["产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标", "成本": "成本指标"]
    static let level2Names: [String: [String: String]] = [
        "成本指标": ["经济成本": "经济成本指标", "社会成本": "社会成本指标", "生态环境成本": "生态环境成本指标"],
        "产出指标": ["数量": "数量指标", "质量": "质量指标", "时效": "时效指标", "成本": "成本指标"],
        "效益指标": ["经济": "经济效益指标", "社会": "社会效益指标", "生态": "生态效益指标", "可持续影响": "可持续影响指标",
                     "经济效益": "经济效益指标", "社会效益": "社会效益指标", "生态效益": "生态效益指标"],
        "满意度指标": ["服务对象满意度": "服务对象满意度指标", "满意度": "服务对象满意度指标"],
    ]

    /// Canonical (一级, 二级) for `产出/数量`, `产出指标/数量指标`, `效益/社会` …
    static func indicatorLevels(_ text: String) -> (String, String)? {
        indicatorSpellings[text] ?? spelledIndicatorLevels(text)
    }

    /// Every usual spelling (short or full name on either level) with its levels, computed by
    /// `spelledIndicatorLevels` itself: one look-up per indicator line instead of a split and four (issue 15).
    static let indicatorSpellings: [String: (String, String)] = {
        var table: [String: (String, String)] = [:]
        for level1 in Set(level1Names.keys).union(level1Names.values) {
            let canonical = level1Names[level1] ?? level1
            for level2 in level2Names[canonical]?.keys.map({ $0 }) ?? [] {
                for spelling in ["\(level1)/\(level2)", "\(level1)/\(level2)指标"] {
                    if let levels = spelledIndicatorLevels(spelling) { table[spelling] = levels }
                }
            }
        }
        return table
    }()

    static func spelledIndicatorLevels(_ text: String) -> (String, String)? {
        let parts = text.split(separator: "/").map(String.init)
        guard parts.count == 2 else { return nil }
        let level1 = level1Names[parts[0]] ?? (level1Names.values.contains(parts[0]) ? parts[0] : nil)
        guard let level1, let table = level2Names[level1] else { return nil }
        let stripped = parts[1].hasSuffix("指标") ? String(parts[1].dropLast(2)) : parts[1]
        guard let level2 = table[stripped] ?? table[parts[1]] else { return nil }
        return (level1, level2)
    }

    mutating func performance(_ node: SyntaxNode) -> Performance {
        rejectFormula(node)
        var result = Performance(span: node.span)
        for child in node.children {
            guard let keyword = child.keyword else { continue }
            if keyword == "总体目标" {
                let text = textArgument(child) ?? ""
                result.goal = result.goal.isEmpty ? text : result.goal + "\n" + text
                result.goalSpan = result.goalSpan ?? child.span
                continue
            }
            guard let (level1, level2) = Resolver.indicatorLevels(keyword) else {
                error("不认识的绩效指标类别“\(child.fields[0].text)”", at: child.fields[0].span,
                      hint: "写作 一级/二级，如 产出/数量、产出/质量、产出/时效、产出/成本、成本/经济成本、成本/社会成本、成本/生态环境成本、效益/经济、效益/社会、效益/生态、效益/可持续影响、满意度/服务对象满意度",
                      id: "unknown-indicator")
                continue
            }
            rejectChildren(child)
            if let formula = child.formula {
                error("指标值中的 = 请放在引号里", at: formula.span, hint: "例如：\"≥90%\"")
                continue
            }
            // After the value: an optional 备注, `权重 N` and `方向 正向` (words that are not quoted, so a 备注
            // "权重" stays a 备注), in any order.
            var remarks: [Field] = []
            var weight: Int?
            var direction: IndicatorDirection?
            var bad = false
            var rest = child.fields.dropFirst(3)
            while let field = rest.first {
                rest = rest.dropFirst()
                guard !field.quoted, let key = IndicatorField(rawValue: field.folded) else { remarks.append(field); continue }
                let value = rest.first.flatMap { $0.quoted ? nil : $0 }
                if value != nil { rest = rest.dropFirst() }
                switch key {
                case .weight:
                    if let value, let points = Int(value.folded), (0...100).contains(points) {
                        weight = points
                    } else {
                        error("权重应是 0 到 100 的整数：\(value.map { "“\($0.text)”" } ?? "没有写")", at: value?.span ?? field.span,
                              hint: "例如：\(child.fields[0].text) \"指标内容\" \"指标值\" 权重 10", id: "bad-number")
                        bad = true
                    }
                case .direction:
                    if let value, let named = IndicatorDirection.named(value.folded) {
                        direction = named
                    } else {
                        error("不认识的指标方向\(value.map { "“\($0.text)”" } ?? "（没有写）")", at: value?.span ?? field.span,
                              hint: "可写：正向、反向（或 正向指标、反向指标）")
                        bad = true
                    }
                }
            }
            guard child.fields.count >= 3, remarks.count <= 1 else {
                error("指标应写作：\(child.fields[0].text) \"指标内容\" \"指标值\" [\"备注\"] [权重 N] [方向 正向]", at: child.span)
                continue
            }
            if bad { continue }
            result.indicators.append(Indicator(level1: level1, level2: level2, content: child.fields[1].text, value: child.fields[2].text,
                                               remark: remarks.first?.text ?? "", weight: weight, direction: direction, span: child.span))
        }
        return result
    }

    static let departmentTaskNames = DepartmentTasks.names

    mutating func resolveDepartmentPerformance(_ node: SyntaxNode) {
        rejectFormula(node)
        if budget.departmentPerformance != nil { error("部门绩效 只能写一次", at: node.span, id: "duplicate"); return }
        var tasks: [(String, String, SourceSpan)] = []
        var rest = node
        rest.children = []
        for child in node.children {
            if child.keyword == "任务" {
                rejectChildren(child)
                rejectFormula(child)
                guard child.fields.count >= 2 else { error("任务 应写作：任务 人员经费 \"主要内容\"", at: child.span); continue }
                var name = child.fields[1].folded
                if name == "专项业务经费" { name = "专项业务费" }
                guard Resolver.departmentTaskNames.contains(name) else {
                    error("任务名称只能是 人员经费、公用经费 或 专项业务费（金额由预算自动计算）", at: child.fields[1].span)
                    continue
                }
                tasks.append((name, child.fields.dropFirst(2).map(\.text).joined(separator: " "), child.span))
            } else {
                rest.children.append(child)
            }
        }
        budget.departmentPerformance = DepartmentPerformance(tasks: tasks, performance: performance(rest))
    }

    // MARK: - 三公, reasons, empty tables, allows

    /// `合计 10` in a 三公 block: the published total, of which the rows may give only some parts.
    static let sanGongTotalWord = "合计"

    static let sanGongItems: [String: [String]] = [
        "因公出国": ["团组", "人次"], "公务接待": ["批次", "人次"], "公务用车": ["保有", "购置"],
    ]

    mutating func resolveSanGong(_ node: SyntaxNode) {
        rejectFormula(node)
        guard let unit = unitCode(node.fields.dropFirst().first, block: node) else { return }
        if budget.sanGong.contains(where: { $0.unitCode == unit }) {
            error("单位 \(unit) 的 三公 块重复", at: node.span, hint: "每个单位只写一个 三公 块", id: "duplicate")
            return
        }
        var quantities = SanGongQuantities(unitCode: unit, span: node.span)
        for child in node.children {
            let item = child.keyword ?? ""
            if item == Resolver.sanGongTotalWord {
                rejectChildren(child)
                rejectFormula(child)
                guard quantities.total == nil else { error("三公 块中 合计 重复", at: child.span, hint: "只写一行 合计", id: "duplicate"); continue }
                guard child.fields.count == 2 else {
                    error("合计 后面写公开稿的“三公”经费合计金额", at: child.span, hint: "写作：合计 10", id: "missing-amount")
                    continue
                }
                quantities.total = actualsMoney(child.fields[1])
                quantities.totalSpan = child.span
                continue
            }
            guard let allowed = Resolver.sanGongItems[item] else {
                error("三公 下面可写：合计 N、因公出国 团组 N 人次 N、公务接待 批次 N 人次 N、公务用车 保有 N 购置 N", at: child.span)
                continue
            }
            rejectChildren(child)
            rejectFormula(child)
            var fields = child.fields.dropFirst()
            while let label = fields.first {
                fields = fields.dropFirst()
                guard allowed.contains(label.folded), let valueField = fields.first, let n = count(valueField) else {
                    error("\(item) 后面应写：" + allowed.map { "\($0) N" }.joined(separator: " "), at: label.span, id: "bad-number")
                    break
                }
                fields = fields.dropFirst()
                quantities.values[item + "." + label.folded] = n
            }
        }
        budget.sanGong.append(quantities)
    }

    mutating func resolveTopicReasons(_ node: SyntaxNode) {
        rejectFormula(node)
        for child in node.children {
            guard child.fields.count >= 1 else { continue }
            let written = child.keyword ?? child.fields[0].folded
            rejectFormula(child)
            // `话题 较预算 "……"`: the reason a 决算's figure differs from its 预算 (a budget's reasons are all 较上年).
            var line = child
            let basis = child.fields.count >= 3 && !child.fields[1].quoted ? ReasonBasis.named(child.fields[1].folded) : nil
            if basis != nil {
                line.fields.remove(at: 1)
                if kind != .actuals {
                    error("“\(child.fields[1].text)”的原因只用于决算文件的说明（决算数与预算数不同的原因）", at: child.fields[1].span,
                          hint: "预算的说明写较上年变动的原因：\(written) \"原因……\"")
                    continue
                }
            }
            let reason = reasonArgument(line)
            if reason.text.isEmpty {
                error("说明 “\(written)” 缺少内容", at: child.span, hint: "写作：\(written) \"原因……\"")
                continue
            }
            guard let topic = topicKey(written, field: child.fields[0]) else { continue }
            if basis == .budget { actuals.budgetReasons[topic] = reason } else { budget.topicReasons[topic] = reason }
        }
    }

    /// `部门概况` with `职责 "…"`, `机构设置 "名称" "…"`, `工作任务 "…"` lines, one paragraph each.
    mutating func resolveOverview(_ node: SyntaxNode) {
        rejectFormula(node)
        if node.children.isEmpty {
            error("部门概况 块是空的", at: node.span, hint: "在下面缩进写：职责 \"……\"、机构设置 \"名称\" \"职能……\"、工作任务 \"……\"")
        }
        for child in node.children {
            rejectFormula(child)
            rejectChildren(child)
            let written = child.keyword ?? ""
            guard let part = OverviewPart.named(written) else {
                error("部门概况中不认识“\(child.fields[0].text)”", at: child.fields[0].span,
                      hint: Suggest.hint(written, among: OverviewPart.allCases.map(\.rawValue)) ?? ("可写：" + OverviewPart.allCases.map(\.rawValue).joined(separator: "、")),
                      id: "syntax")
                continue
            }
            let texts = child.fields.dropFirst().map { $0.text.trimmingSpaces() }
            guard let text = texts.last, !text.isEmpty else {
                error("\(written) 后面缺少内容", at: child.span, hint: "把文字写在引号里：\(written) \"……\"")
                continue
            }
            let heading = texts.count >= 2 ? Array(texts.dropLast()).joined(separator: " ") : nil // an array's join: a slice's costs a conformance look-up
            budget.overview.append(OverviewParagraph(part: part, heading: heading, text: text, span: child.span))
        }
    }

    /// The key of a 说明 topic: a `Topic`, or a classification code known to the catalog. Anything
    /// else is an error with a did-you-mean, so a reason is never silently ignored.
    mutating func topicKey(_ written: String, field: Field) -> String? {
        if let topic = Topic.named(written) { return topic.rawValue }
        if !written.isEmpty, written.allSatisfy(\.isASCIIDigit) {
            let known = catalog.function[written] != nil || catalog.economicDepartment[written] != nil || catalog.economicGovernment[written] != nil
            if known { return written }
            let candidates = (Array(catalog.function.keys) + Array(catalog.economicDepartment.keys) + Array(catalog.economicGovernment.keys))
                .filter { $0.count == written.count && $0.prefix(1) == written.prefix(1) }.sorted()
            let near = Suggest.closest(to: written, among: candidates)
            let name = near.flatMap { catalog.function[$0] ?? catalog.economicDepartment[$0] ?? catalog.economicGovernment[$0] }
            error("说明的话题“\(field.text)”不是已知的分类编码", at: field.span,
                  hint: near.map { "是不是“\($0) \(name ?? "")”？" } ?? "话题可以是功能分类编码（如 2101501）或经济分类类、款编码（如 301、30201）",
                  id: "unknown-code")
            return nil
        }
        error("不认识的说明话题“\(field.text)”", at: field.span,
              hint: Suggest.hint(written, among: Topic.allCases.map(\.rawValue)) ?? ("可用的话题：" + Topic.allCases.map(\.rawValue).joined(separator: "、") + "，或分类编码"),
              id: "unknown-topic")
        return nil
    }

    mutating func resolveEmptyTable(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count >= 3 else {
            error("空表 应写作：空表 表16 \"理由\"", at: node.span)
            return
        }
        let name = node.fields[1].folded
        budget.emptyTableReasons[name.allSatisfy(\.isNumber) ? "表" + name : name.replacingAll("\"", with: "")] = Reason(text: node.fields[2...].map(\.text).joined(separator: " "), span: node.fields[2].span)
    }

    /// `未公开 三公 机关运行经费 …`: one line, the figures the publication does not give.
    mutating func resolveUnpublished(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count >= 2 else {
            error("未公开 后面写公开稿没有给出的数：\(UnpublishedFigure.allCases.map(\.rawValue).joined(separator: " "))", at: node.span,
                  hint: "如：未公开 三公 会议费 培训费 机关运行经费")
            return
        }
        for field in node.fields.dropFirst() {
            guard let figure = UnpublishedFigure.named(field.folded) else {
                error("未公开 不认识“\(field.text)”", at: field.span, hint: suggestion(for: field.folded, among: UnpublishedFigure.spellings))
                continue
            }
            if budget.unpublished.contains(figure) { error("“\(figure.rawValue)”已经写过 未公开", at: field.span, id: "duplicate") }
            budget.unpublished.insert(figure)
        }
    }

    /// `变动阈值 比例 10% 金额 5万`: either part may be omitted.
    mutating func resolveThresholds(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        var fields = node.fields.dropFirst()
        while let label = fields.first {
            fields = fields.dropFirst()
            guard let value = fields.first else { error("\(label.text) 后面缺少数值", at: label.span); return }
            fields = fields.dropFirst()
            switch label.folded {
            case "比例":
                let text = value.folded.hasSuffix("%") ? String(value.folded.dropLast()) : value.folded
                guard let n = Int(text), (0...1000).contains(n) else { error("比例应写作整数百分比，如 10%", at: value.span, id: "bad-number"); return }
                budget.changeThresholdPercent = n
            case "金额":
                guard case .success(let literal) = NumberLiteral.parse(value.folded), literal.measureWord.isEmpty else {
                    error("金额写法有误", at: value.span, hint: "例如：金额 5万", id: "bad-number"); return
                }
                guard let fen = literal.fen(defaultUnitIsWan: budget.defaultUnitIsWan), fen.isInteger, fen.numerator >= 0 else {
                    error("金额写法有误", at: value.span, id: "bad-number"); return
                }
                budget.changeThresholdAmount = Money(fen: fen.numerator)
            default:
                error("变动阈值 应写作：变动阈值 比例 10% 金额 5万", at: label.span)
                return
            }
        }
    }

    /// Rules whose findings belong to a 说明 topic, so that `允许` can name one (`Finding.topic`).
    static let rulesAllowedByTopic: Set<String> = [RuleID.actualsChangeReason.rawValue, RuleID.notesReason.rawValue]

    static func allowKey(_ rule: String, topic: String) -> String { rule + " " + topic }

    mutating func resolveAllow(_ node: SyntaxNode) {
        rejectChildren(node)
        rejectFormula(node)
        guard node.fields.count >= 2 else { error("允许 应写作：允许 规则编号 \"理由\"", at: node.span); return }
        let rule = node.fields[1].folded
        // `允许 actuals-change-reason 公务接待 "理由"`: only the sentences of that 说明 topic.
        if node.fields.count == 4, !node.fields[2].quoted, node.fields[3].quoted {
            guard Resolver.rulesAllowedByTopic.contains(rule) else {
                error("\(rule) 不能按话题说明", at: node.fields[2].span,
                      hint: "按话题说明只用于 " + Resolver.rulesAllowedByTopic.sorted().joined(separator: "、") + "；其他规则写 允许 \(rule) \"理由\"")
                return
            }
            guard let topic = topicKey(node.fields[2].folded, field: node.fields[2]) else { return }
            budget.allows[Resolver.allowKey(rule, topic: topic)] = Reason(text: node.fields[3].text, span: node.fields[2].span)
            return
        }
        let reason = node.fields.count >= 3 ? node.fields[2...].map(\.text).joined(separator: " ") : ""
        budget.allows[rule] = Reason(text: reason, span: node.fields[1].span)
    }
}

import Foundation
