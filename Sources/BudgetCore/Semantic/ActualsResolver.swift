/// The resolve stage for a 决算 file (kind line `决算 2024`). Same lines, quotes, comments,
/// amounts, 单位 declarations, codes and catalog as a budget; its own statements for the
/// figures a 决算 publication prints. Rows may be typed (`2101505 医疗保障政策管理 项目 20.00`)
/// or pasted from the publication's tables, separated by spaces or tabs (a tab-separated row
/// keeps its empty cells, so the columns stay in place).
extension Resolver {
    static let actualsKeywords = Keyword.allowed(in: .actuals).map(\.rawValue)

    /// Budget statements that have no place in a 决算, with what to write instead.
    static let budgetOnlyInActuals: [Keyword: String] = [
        .year: "决算文件用 决算 2024 代替 年度", .project: "决算按功能分类项写在 支出 块中：2101502 一般行政管理事务 项目 213.40",
        .carriedProject: "决算按功能分类项写在 支出 块中", .value: "决算文件只写公开的数字，不写 设 和公式",
        .departmentPerformance: "决算文件不写绩效目标", .previousBudget: "决算文件不与上年比较",
        .thresholds: "变动阈值 写在预算文件中", .remittance: "决算的上缴上级支出不单独写",
        .operating: "决算的经营支出不单独写", .subsidiary: "决算的对附属单位补助支出不单独写",
    ]

    /// Column meanings of a row: pasted tables put numbers in a fixed order (公开05: 小计 基本 项目).
    enum Column: Equatable {
        case total, basic, project, initialBudget, adjustedBudget, skip

        static func named(_ word: String) -> Column? {
            switch word {
            case "合计", "小计", "决算", "决算数", "支出决算", "本年支出", "本年支出合计", "支出合计", "本年收入", "本年收入合计", "金额": return .total
            case "基本", "基本支出": return .basic
            case "项目", "项目支出": return .project
            case "年初预算", "年初预算数": return .initialBudget
            case "调整预算", "调整预算数", "全年预算", "全年预算数", "预算", "预算数": return .adjustedBudget
            case "上缴上级支出", "经营支出", "对附属单位补助支出": return .skip
            default: return nil
            }
        }
    }

    /// The cells of a row: the fields, or for a tab-separated row the cells between tabs
    /// (an empty cell stays as an empty field so the numbers keep their columns).
    func cells(_ node: SyntaxNode) -> [Field] {
        guard let first = node.fields.first, let raw = rawLine?(node.span), raw.contains("\t") else { return node.fields }
        var result: [Field] = []
        var column = 1
        var current = ""
        var start = 1
        let body = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
        for ch in body + "\t" {
            if ch == "\t" {
                let trimmed = current.trimmingSpaces()
                let leading = current.prefix { Normalize.isWhitespace($0) }.count
                let span = SourceSpan(fileID: first.span.fileID, line: first.span.line, column: start + leading, length: max(1, trimmed.count))
                var text = trimmed
                var quoted = false
                if let q = text.first, "\"“「『".contains(q), text.count >= 2 { text = String(text.dropFirst().dropLast()); quoted = true }
                result.append(Field(text: text, folded: quoted ? text : Normalize.folded(text), quoted: quoted, span: span))
                current = ""
                start = column + 1
            } else {
                current.append(ch)
            }
            column += 1
        }
        // Leading empty cells are indentation; trailing empty cells are the row's end.
        while result.first?.text.isEmpty == true { result.removeFirst() }
        while result.last?.text.isEmpty == true { result.removeLast() }
        return result
    }

    /// The rows of a table block. Deeper indentation inside a table means nothing: a row pasted
    /// with its first cells empty (公开06表's third group alone) is still a row of the block.
    static func rows(_ node: SyntaxNode) -> [SyntaxNode] {
        // Iterative, in document order: a pasted table may nest thousands of rows deep.
        var result: [SyntaxNode] = []
        var stack = Array(node.children.reversed())
        while var row = stack.popLast() {
            stack.append(contentsOf: row.children.reversed())
            row.children = []
            result.append(row)
        }
        return result
    }

    mutating func actualsMoney(_ field: Field) -> Money? {
        switch NumberLiteral.parse(field.folded) {
        case .success(let literal):
            guard literal.measureWord.isEmpty else {
                error("金额“\(field.text)”后面不能带“\(literal.measureWord)”", at: field.span, hint: "金额只能写 万、万元 或 元", id: "bad-number")
                return nil
            }
            guard let fen = literal.fen(defaultUnitIsWan: budget.defaultUnitIsWan), fen.isInteger else {
                error("金额“\(field.text)”不足一分", at: field.span, hint: "以万元为单位最多 6 位小数", id: "bad-number")
                return nil
            }
            return Money(fen: fen.numerator)
        case .failure(let failure):
            error(NumberLiteral.describe(failure, field.text), at: field.span, hint: "金额写作 37.02、1,996.62、37.02万 或 3000元", id: "bad-number")
            return nil
        }
    }

    /// `-` (or —, －) stands for an empty cell in a typed row: nothing in that column.
    static func isBlank(_ field: Field) -> Bool { field.text.isEmpty || (!field.quoted && ["-", "—", "－", "--"].contains(field.folded)) }

    static func isAmount(_ field: Field) -> Bool {
        guard !field.quoted, let c = field.folded.first, c.isASCIIDigit || c == "." || c == "-" else { return false }
        if case .success(let l) = NumberLiteral.parse(field.folded), l.measureWord.isEmpty { return true }
        return false
    }

    /// A 行次 cell: a one- or two-digit whole number (money in a publication always has decimals).
    static func isRowNumber(_ field: Field) -> Bool {
        !field.quoted && (1...2).contains(field.folded.count) && field.folded.allSatisfy(\.isASCIIDigit)
    }

    static func isCode(_ field: Field) -> Bool {
        !field.quoted && !field.folded.isEmpty && field.folded.allSatisfy(\.isASCIIDigit) && [3, 5, 7].contains(field.folded.count)
            && !field.folded.contains(".")
    }

    /// The unit a 决算 block belongs to: the written code, or the department as a whole.
    mutating func actualsUnit(_ node: SyntaxNode) -> (ok: Bool, code: String?) {
        guard let field = node.fields.dropFirst().first else { return (true, nil) }
        guard node.fields.count == 2, unitCodes.contains(field.folded) else {
            error("没有声明单位 \(field.text)", at: field.span,
                  hint: "\(node.fields[0].text) 后面只能写一个已声明的单位编码（单位 编码 名称 类型）；不写则是全部门的数", id: "unknown-unit")
            return (false, nil)
        }
        return (true, field.folded)
    }

    // MARK: - Top level

    /// A 决算 holds published figures: no line of it may be a formula.
    mutating func rejectFormulas(_ node: SyntaxNode) {
        if let formula = node.formula { error("决算文件只写公开的数字，不写公式（=）", at: formula.span, hint: "照公开表抄写金额") }
        for child in node.children { rejectFormulas(child) }
    }

    mutating func runActuals(_ nodes: [SyntaxNode]) {
        kind = .actuals
        for node in nodes where node.keyword == Keyword.defaultUnit.rawValue { resolveDefaultUnit(node) }
        actuals.defaultUnitIsWan = budget.defaultUnitIsWan
        for node in nodes where node.keyword == Keyword.unit.rawValue { resolveUnit(node) }
        for node in nodes {
            guard let word = node.keyword else { continue }
            rejectFormulas(node)
            switch Keyword.named(word) {
            case .unit?, .defaultUnit?, .catalog?, .include?: continue
            case .actuals?: resolveActualsYear(node)
            case .department?: resolveDepartment(node)
            case .staff?:
                rejectChildren(node)
                if node.fields.count == 2, let n = count(node.fields[1]) { actuals.staff = n; actuals.staffSpan = node.span }
                else { error("实有人数 后面应写一个人数，如：实有人数 86", at: node.span, id: "bad-number") }
            case .income?: resolveActualIncome(node)
            case .openingBalance?: resolveBalance(node, .opening)
            case .closingBalance?: resolveBalance(node, .closing)
            case .spending?: resolveActualSpending(node)
            case .basic?: resolveActualBasic(node)
            case .sanGong?: resolveActualSanGong(node)
            case .meeting?: actuals.meetings = resolveFigure(node) ?? actuals.meetings
            case .training?: actuals.training = resolveFigure(node) ?? actuals.training
            case .runningCost?: actuals.runningCost = resolveFigure(node) ?? actuals.runningCost
            case .procurement?: resolveProcurement(node)
            case .assets?: actuals.assets = resolveAssets(node)
            case .allow?: resolveAllow(node)
            // The 决算 publication (budgetc compile): empty-table reasons, the table set, last year's 决算 for the 说明.
            case .emptyTable?: resolveEmptyTable(node)
            case .topics?: resolveTopicReasons(node)
            case .publicationUnit?:
                if let written = publicationUnit(node) { (actuals.publicationUnit, actuals.displayUnit) = (written, written.unit) }
            case .secrecy?: actuals.secrecyReview = textArgument(node) ?? ""
            case .signOff?: actuals.headSignOff = textArgument(node) ?? ""
            case .publisher?: actuals.publisher = publisher(node, in: .actuals) ?? actuals.publisher
            case .tableSet?:
                rejectChildren(node)
                if node.fields.count == 2 { actuals.tableSet = (node.fields[1].text, node.fields[1].span) }
                else { error("报表 应写作：报表 决算（内置套表名称或表格文件夹）", at: node.span) }
            case .previousActuals?: if let (p, s) = pathArgument(node) { actuals.previousActualsPath = (p, s) }
            case let other?:
                error("决算文件中不用“\(node.fields[0].text)”", at: node.fields[0].span, hint: Resolver.budgetOnlyInActuals[other])
            case nil:
                if Resolver.isCode(node.fields[0]) {
                    error("决算的支出行要写在 支出 或 基本支出 块的下面", at: node.span, hint: "在这一行上方写 支出，并缩进这一行")
                } else {
                    error("决算文件中不认识的语句“\(node.fields[0].text)”", at: node.fields[0].span,
                          hint: Suggest.hint(word, among: Resolver.actualsKeywords) ?? ("可用：" + Resolver.actualsKeywords.joined(separator: "、")))
                }
            }
        }
        actuals.departmentCode = budget.departmentCode
        actuals.departmentName = budget.departmentName
        actuals.departmentSpan = budget.departmentSpan
        actuals.units = budget.units
        actuals.allows = budget.allows
        actuals.emptyTableReasons = budget.emptyTableReasons
        actuals.topicReasons = budget.topicReasons
        actuals.catalog = catalog
        actuals.index()
        let place = nodes.first?.span ?? file.map { SourceSpan.wholeFile($0) }
        if actuals.departmentName.isEmpty && !nodes.contains(where: { $0.keyword == "部门" }) {
            error("缺少 部门 语句", at: place, hint: "在 决算 2024 下面写：部门 143 聊城市医疗保障局", id: "missing-header")
        }
    }

    mutating func resolveActualsYear(_ node: SyntaxNode) {
        rejectChildren(node)
        if actuals.span != nil { error("决算 年度 只能写一次", at: node.span, id: "duplicate"); return }
        actuals.span = node.span
        guard node.fields.count == 2, let year = Int(node.fields[1].folded.replacingAll("年", with: "").replacingAll("度", with: "")),
              (1990...2200).contains(year) else {
            error("决算 后面应写四位年份，如：决算 2024", at: node.fields.dropFirst().first?.span ?? node.span, id: "bad-number")
            return
        }
        actuals.year = year
        actuals.yearSpan = node.fields[1].span
    }

    // MARK: - 收入, 结转结余

    mutating func resolveActualIncome(_ node: SyntaxNode) {
        let (ok, unit) = actualsUnit(node)
        guard ok else { return }
        for child in Resolver.rows(node) {
            var row = cells(child)
            // A row pasted from 公开01/04表 carries its 行次 (1, 2 …) before the amount: not money.
            if row.count >= 3, Resolver.isRowNumber(row[1]), row[2...].contains(where: Resolver.isAmount) { row.remove(at: 1) }
            let word = row.first?.folded ?? ""
            if word == "合计" || word == "本年收入合计" || word == "收入合计" {
                if row.count == 2, row[1].folded == UnpublishedTotal.word { actuals.unpublished.insert(.income); continue }
                if let amount = rowColumns(row.dropFirst(), node: child, defaults: [.total])[.total] {
                    actuals.published.append(PublishedTotal(label: "收入合计", economic: false, unitCode: unit, amount: amount, span: child.span))
                }
                continue
            }
            if word == PublishedTotal.unlistedIncomeLabel {
                if let amount = rowColumns(row.dropFirst(), node: child, defaults: [.total])[.total] {
                    actuals.published.append(PublishedTotal(label: PublishedTotal.unlistedIncomeLabel, economic: false, unitCode: unit, amount: amount, span: child.span))
                }
                continue
            }
            guard let source = FundingSource.named(word) ?? FundingSource.named(Resolver.incomeSourceWord(word)) else {
                error("不认识的收入来源“\(row.first?.text ?? "")”", at: row.first?.span ?? child.span,
                      hint: Suggest.hint(word, among: FundingSource.allCases.map(\.rawValue)) ?? ("可用的来源：" + FundingSource.allCases.map(\.rawValue).joined(separator: "、")),
                      id: "unknown-source")
                continue
            }
            let reported = diagnostics.count
            let columns = rowColumns(row.dropFirst(), node: child, defaults: [.total])
            guard let amount = columns[.total] else {
                if columns.isEmpty && diagnostics.count == reported { error("缺少金额", at: child.span, hint: "写作：\(source.rawValue) 2984.80", id: "missing-amount") }
                continue
            }
            actuals.incomes.append(ActualIncome(unitCode: unit, source: source, amount: amount, initialBudget: columns[.initialBudget],
                                                adjustedBudget: columns[.adjustedBudget], span: child.span))
        }
    }

    /// Publications print sources with their own prefixes: 一、一般公共预算财政拨款收入, 财政拨款收入.
    static func incomeSourceWord(_ word: String) -> String {
        var w = word
        if let dot = w.firstIndex(of: "、") { w = String(w[w.index(after: dot)...]) }
        switch w {
        case "一般公共预算财政拨款收入", "一般公共预算财政拨款", "财政拨款收入", "财政拨款": return FundingSource.generalBudget.rawValue
        case "政府性基金预算财政拨款收入", "政府性基金预算财政拨款": return FundingSource.governmentFund.rawValue
        case "国有资本经营预算财政拨款收入", "国有资本经营预算财政拨款": return FundingSource.stateCapital.rawValue
        case "使用非财政拨款结余", "用事业基金弥补收支差额": return FundingSource.nonFiscalBalance.rawValue
        default: return w
        }
    }

    mutating func resolveBalance(_ node: SyntaxNode, _ moment: ActualBalance.Moment) {
        // `年末结转结余 12.00` (total only), `年末结转结余 未公开`, or a block of `来源 金额` lines.
        if node.fields.count == 2, node.fields[1].folded == UnpublishedTotal.word {
            rejectChildren(node)
            actuals.unpublished.insert(moment == .opening ? .opening : .closing)
            return
        }
        if node.fields.count >= 2, Resolver.isAmount(node.fields[node.fields.count - 1]) {
            rejectChildren(node)
            let unit = node.fields.count == 3 && unitCodes.contains(node.fields[1].folded) ? node.fields[1].folded : nil
            if node.fields.count > (unit == nil ? 2 : 3) { error("\(moment.rawValue) 应写作：\(moment.rawValue) [单位编码] 金额", at: node.span); return }
            if let amount = actualsMoney(node.fields[node.fields.count - 1]) {
                actuals.balances.append(ActualBalance(moment: moment, unitCode: unit, source: nil, amount: amount, span: node.span))
            }
            return
        }
        let (ok, unit) = actualsUnit(node)
        guard ok else { return }
        if node.children.isEmpty { error("\(moment.rawValue) 后面应写金额，或在下面按来源分行写", at: node.span, id: "missing-amount") }
        for child in node.children {
            rejectChildren(child)
            let word = child.keyword ?? ""
            guard let source = FundingSource.named(word) ?? FundingSource.named(Resolver.incomeSourceWord(word)) else {
                error("不认识的资金来源“\(child.fields.first?.text ?? "")”", at: child.fields.first?.span ?? child.span,
                      hint: Suggest.hint(word, among: FundingSource.allCases.map(\.rawValue)), id: "unknown-source")
                continue
            }
            guard child.fields.count == 2 else { error("写作：\(source.rawValue) 金额", at: child.span, id: "missing-amount"); continue }
            if let amount = actualsMoney(child.fields[1]) {
                actuals.balances.append(ActualBalance(moment: moment, unitCode: unit, source: source, amount: amount, span: child.span))
            }
        }
    }

    // MARK: - Columns of a row

    /// Reads the amounts after a row's code and name: labelled (`基本 5.23 项目 96.00`) or bare in
    /// column order (`defaults`, or the block's `列` line). Returns the columns found; reports the rest.
    mutating func rowColumns(_ fields: ArraySlice<Field>, node: SyntaxNode, defaults: [Column]) -> [Column: Money] {
        var reason: Reason?, source: FundingSource?
        return rowColumns(fields, node: node, defaults: defaults, reason: &reason, source: &source)
    }

    mutating func rowColumns(_ fields: ArraySlice<Field>, node: SyntaxNode, defaults: [Column], reason: inout Reason?,
                             source: inout FundingSource?) -> [Column: Money] {
        var result: [Column: Money] = [:]
        var bare: [Field] = []
        var fields = fields
        while let field = fields.first {
            fields = fields.dropFirst()
            if !field.quoted, let column = Column.named(field.folded), let value = fields.first, Resolver.isAmount(value) || Resolver.isBlank(value) {
                fields = fields.dropFirst()
                if column != .skip, !Resolver.isBlank(value), let m = actualsMoney(value) { result[column] = m }
                continue
            }
            if !field.quoted, field.folded == "来源", let value = fields.first {
                fields = fields.dropFirst()
                if let s = FundingSource.named(value.folded) { source = s }
                else { error("不认识的资金来源“\(value.text)”", at: value.span, hint: Suggest.hint(value.folded, among: FundingSource.allCases.map(\.rawValue)), id: "unknown-source") }
                continue
            }
            if !field.quoted, field.folded == "原因", let value = fields.first {
                fields = fields.dropFirst()
                reason = Reason(text: value.text, span: value.span)
                continue
            }
            if Resolver.isBlank(field) || Resolver.isAmount(field) { bare.append(field); continue }
            error("这一行在这里多出了“\(field.text)”", at: field.span,
                  hint: "金额前可写 基本、项目、合计、年初预算、调整预算、来源；照表粘贴时用 Tab 分隔各栏")
        }
        let nonEmpty = bare.filter { !Resolver.isBlank($0) }
        if nonEmpty.isEmpty { return result }
        // A tab-pasted row (or one with - for empty cells) keeps its columns: the numbers are read by position.
        let tabbed = bare.count != nonEmpty.count || rawLine?(node.span)?.contains("\t") == true
        var columns = defaults
        if !tabbed && nonEmpty.count != columns.count {
            if nonEmpty.count == 1 { columns = [.total] }
            else {
                error("\(nonEmpty.count) 个数字无法确定各是哪一栏", at: nonEmpty[0].span,
                      hint: "在数字前写明 基本 / 项目 / 合计 / 年初预算 / 调整预算，或照表用 Tab 分隔粘贴（空栏保留），或在块首写 列 合计 基本 项目")
                return result
            }
        }
        if bare.count > columns.count {
            error("这一行的数字比栏目多（\(bare.count) 栏，应为 \(columns.count) 栏）", at: bare[columns.count].span,
                  hint: "在块首用 列 写明各栏，如：列 合计 基本 项目")
            return result
        }
        for (field, column) in zip(bare, columns) where !Resolver.isBlank(field) && column != .skip {
            if result[column] != nil { error("“\(field.text)”与前面写明的栏目重复", at: field.span); continue }
            if let m = actualsMoney(field) { result[column] = m }
        }
        return result
    }

    /// `列 合计 基本 项目`: the order of the bare numbers in the rows below.
    mutating func columnsLine(_ node: SyntaxNode) -> [Column]? {
        guard node.keyword == "列" || node.keyword == "栏目" else { return nil }
        rejectChildren(node)
        var columns: [Column] = []
        for field in node.fields.dropFirst() {
            guard let column = Column.named(field.folded) else {
                error("不认识的栏目“\(field.text)”", at: field.span, hint: "可写：合计（决算）、基本、项目、年初预算、调整预算")
                return nil
            }
            columns.append(column)
        }
        return columns.isEmpty ? nil : columns
    }

    // MARK: - 支出 (公开03/05表)

    /// Splits a row into its code(s), name and the rest: `2101505 [30201] [医疗保障政策管理] …`.
    func splitRow(_ row: [Field]) -> (codes: [Field], name: [Field], rest: ArraySlice<Field>) {
        var i = 0
        var codes: [Field] = []
        while i < row.count, codes.count < 2, Resolver.isCode(row[i]) { codes.append(row[i]); i += 1 }
        var name: [Field] = []
        while i < row.count, !Resolver.isBlank(row[i]), !Resolver.isAmount(row[i]), Column.named(row[i].folded) == nil,
              row[i].folded != "来源", row[i].folded != "原因" {
            name.append(row[i]); i += 1
        }
        return (codes, name, row[i...])
    }

    /// The published 合计/类/款 rows are 公开05表's (一般公共预算财政拨款): a `来源` on them used to be
    /// read and dropped, counting another source's spending as 一般公共预算.
    mutating func rejectSourceOnPublishedTotal(_ field: Field) {
        error("“\(field.text)”行是公开稿的合计（按一般公共预算财政拨款，即公开05表），不能写 来源", at: field.span,
              hint: "其他资金来源的支出写成项级支出行：7 位功能分类编码 金额 来源 其他收入；只知道全部来源的支出合计（决算说明的“本年支出合计”）时写 本年支出合计 金额",
              id: "actuals-total-source")
    }

    mutating func resolveActualSpending(_ node: SyntaxNode) {
        let (ok, unit) = actualsUnit(node)
        guard ok else { return }
        var defaults: [Column] = [.total, .basic, .project]
        for child in Resolver.rows(node) {
            rejectChildren(child)
            if let columns = columnsLine(child) { defaults = columns; continue }
            let row = cells(child)
            guard let first = row.first else { continue }
            let word = first.folded
            if ["合计", "总计", "本年支出合计", "支出合计", PublishedTotal.unclassifiedLabel].contains(word) {
                // 合计 is 公开05's row (一般公共预算财政拨款); 本年支出合计 is 公开01/03's, of every source
                // (what a 决算说明's “三、支出决算情况说明” states); 未分类 is the part of 公开05's 合计 whose 类 is not published.
                let label = ["合计", "总计"].contains(word) ? "合计" : word == PublishedTotal.unclassifiedLabel ? word : PublishedTotal.allSourcesLabel
                if label == PublishedTotal.allSourcesLabel, row.count == 2, row[1].folded == UnpublishedTotal.word {
                    actuals.unpublished.insert(.allSpending)
                    continue
                }
                var reason: Reason?, source: FundingSource?
                let columns = rowColumns(row.dropFirst(), node: child, defaults: defaults, reason: &reason, source: &source)
                if source != nil { rejectSourceOnPublishedTotal(first) }
                if actuals.published.contains(where: { $0.label == label && !$0.economic && $0.unitCode == unit }) {
                    error("支出 \(label) 行写了两次", at: child.span,
                          hint: "合计 是一般公共预算财政拨款（公开05表）的合计，本年支出合计 是全部资金来源的合计（公开01、03表），各只写一行；其他资金来源的支出写成项级支出行（功能分类编码 金额 来源 其他收入）",
                          id: "duplicate")
                    continue
                }
                if let amount = columns[.total] ?? columns[.basic].map({ $0 + (columns[.project] ?? .zero) }) {
                    actuals.published.append(PublishedTotal(label: label, economic: false, unitCode: unit, amount: amount,
                                                            basic: columns[.basic], project: columns[.project],
                                                            initialBudget: columns[.initialBudget], reason: reason, span: child.span))
                }
                continue
            }
            let (codes, nameFields, rest) = splitRow(row)
            guard let codeField = codes.first else {
                // A budget writes 原因 under its line; a 决算 row carries it at its end.
                error("这里应是支出行：功能分类编码 [名称] 金额", at: first.span,
                      hint: word == "原因" ? "决算的 原因 写在支出行的末尾：2101502 一般行政管理事务 213.40 年初预算 270 原因 \"……\"（合计 行也可以）"
                        : "例如：2101505 医疗保障政策管理 项目 20.00，或 2080501 行政单位离退休 101.23 5.23 96.00（合计 基本 项目）")
                continue
            }
            let code = codeField.folded
            let name = nameFields.isEmpty ? nil : nameFields.map(\.text).joined()
            let nameSpan = nameFields.first.map { f in SourceSpan(fileID: f.span.fileID, line: f.span.line, column: f.span.column,
                                                                  length: nameFields.last!.span.column + nameFields.last!.span.length - f.span.column) }
            guard checkActualsCode(code, field: codeField, kind: .function, name: name) else { continue }
            var economic: String?
            if codes.count == 2 {
                guard codes[1].folded.count == 5, checkActualsCode(codes[1].folded, field: codes[1], kind: .economicDepartment, name: nil) else {
                    if codes[1].folded.count != 5 { error("经济分类应写到款（5 位）", at: codes[1].span, id: "code-level") }
                    continue
                }
                economic = codes[1].folded
            }
            var reason: Reason?
            var source: FundingSource?
            let reported = diagnostics.count
            let columns = rowColumns(rest, node: child, defaults: defaults, reason: &reason, source: &source)
            if columns.isEmpty {
                if diagnostics.count == reported {
                    error("缺少金额", at: codeField.span, hint: "写作：\(code) \(name ?? catalog.function[code] ?? "") 项目 20.00", id: "missing-amount")
                }
                continue
            }
            if code.count != 7 {
                // A 类 or 款 row pasted with the table: a published subtotal, checked against its 项.
                if source != nil { rejectSourceOnPublishedTotal(codeField); continue }
                guard let amount = columns[.total] ?? columns[.basic].map({ $0 + (columns[.project] ?? .zero) }) else { continue }
                actuals.published.append(PublishedTotal(label: code, economic: false, unitCode: unit, amount: amount, basic: columns[.basic],
                                                        project: columns[.project], name: name, nameSpan: nameSpan, span: child.span))
                continue
            }
            var line = ActualLine(unitCode: unit, functionCode: code, functionSpan: codeField.span, economicCode: economic, name: name,
                                  nameSpan: nameSpan, source: source ?? .generalBudget, basic: columns[.basic], project: columns[.project],
                                  statedTotal: columns[.total], initialBudget: columns[.initialBudget], adjustedBudget: columns[.adjustedBudget],
                                  reason: reason, span: child.span)
            // Only one part given with the total: the other part is what is left (公开05 prints blanks for zero).
            if let total = line.statedTotal {
                if line.basic != nil && line.project == nil { line.project = total - line.basic! }
                else if line.project != nil && line.basic == nil { line.basic = total - line.project! }
            }
            if line.basic == nil && line.project == nil && line.statedTotal == nil {
                error("缺少决算金额（只写了预算数）", at: codeField.span, hint: "写上 决算 金额，或 基本 / 项目 金额", id: "missing-amount")
                continue
            }
            actuals.lines.append(line)
        }
    }

    /// Like a budget line's code check, with a did-you-mean: the code whose catalog name is the
    /// name written after it, else the nearest code of the same length.
    mutating func checkActualsCode(_ code: String, field: Field, kind: Catalog.Kind, name: String?) -> Bool {
        guard catalog.name(of: code, in: kind) == nil else { return true }
        let table = kind == .function ? catalog.function : catalog.economicDepartment
        var hint = "查看 templates/catalogs 中的目录；本地特有的编码可用 分类目录 \"文件.tsv\" 补充"
        if let name, let match = Suggest.closestCode(code, among: table.filter { $0.value == name && $0.key.count == code.count }.keys) {
            hint = "是不是“\(match) \(name)”？"
        } else if let near = Suggest.closest(to: code, among: table.keys.filter { $0.count == code.count && $0.prefix(3) == code.prefix(3) }.sorted()) {
            hint = "是不是“\(near) \(table[near] ?? "")”？"
        }
        error("未知的\(kind.rawValue)编码 \(code)", at: field.span, hint: hint, id: "unknown-code")
        return false
    }

    // MARK: - 基本支出 (公开06表)

    /// `30101 373.07`, `30101 基本工资 373.07`, a pasted 公开06 row with three (code name amount)
    /// groups, class totals (`301 工资福利支出 1,414.13`) and `人员经费合计 1,436.26`.
    mutating func resolveActualBasic(_ node: SyntaxNode) {
        let (ok, unit) = actualsUnit(node)
        guard ok else { return }
        for child in Resolver.rows(node) {
            var row = cells(child)[...]
            var entries = 0
            while let first = row.first {
                row = row.dropFirst()
                if first.text.isEmpty { continue }
                let word = first.folded
                if let label = Resolver.basicTotalLabel(word) {
                    var i = row.startIndex
                    while i < row.endIndex, row[i].text.isEmpty { i += 1 }
                    guard i < row.endIndex, Resolver.isAmount(row[i]) else {
                        if row.isEmpty || row.allSatisfy({ $0.text.isEmpty }) { break }
                        error("\(first.text) 后面应写金额", at: first.span, id: "missing-amount"); break
                    }
                    if let amount = actualsMoney(row[i]) {
                        actuals.published.append(PublishedTotal(label: label, economic: true, unitCode: unit, amount: amount, span: child.span))
                    }
                    row = row[(i + 1)...]
                    entries += 1
                    continue
                }
                guard Resolver.isCode(first), first.folded.count != 7 else {
                    error("基本支出 下面每项写：经济分类编码 [名称] 金额", at: first.span,
                          hint: "例如：30101 基本工资 373.07；照公开06表粘贴时一行可有三组")
                    break
                }
                var nameFields: [Field] = []
                while let next = row.first, !next.text.isEmpty, !Resolver.isAmount(next), !Resolver.isCode(next), Resolver.basicTotalLabel(next.folded) == nil {
                    nameFields.append(next); row = row.dropFirst()
                }
                let name = nameFields.isEmpty ? nil : nameFields.map(\.text).joined()
                // In a tab-pasted row the amount cell follows the name cell, possibly empty.
                var amountField: Field?
                if let next = row.first, Resolver.isAmount(next) { amountField = next; row = row.dropFirst() }
                else if let next = row.first, next.text.isEmpty { row = row.dropFirst() }
                entries += 1
                let code = first.folded
                guard checkActualsCode(code, field: first, kind: .economicDepartment, name: name) else { continue }
                guard let amountField else {
                    // A code with an empty cell beside it (pasted table): nothing spent. Alone on its line: a missing amount.
                    if cells(child).count <= 2 && !child.fields.contains(where: { Resolver.isAmount($0) }) && (rawLine?(child.span)?.contains("\t") != true) {
                        error("缺少金额", at: first.span, hint: "写作：\(code) \(name ?? catalog.economicDepartment[code] ?? "") 金额", id: "missing-amount")
                    }
                    continue
                }
                guard let amount = actualsMoney(amountField) else { continue }
                let nameSpan = nameFields.first?.span
                if code.count == 3 {
                    actuals.published.append(PublishedTotal(label: code, economic: true, unitCode: unit, amount: amount, name: name, nameSpan: nameSpan, span: child.span))
                } else {
                    actuals.basicEconomic.append(ActualEconomic(unitCode: unit, code: code, name: name, nameSpan: nameSpan, amount: amount, span: child.span))
                }
            }
            if entries == 0 && child.fields.isEmpty { continue }
        }
    }

    static func basicTotalLabel(_ word: String) -> String? {
        switch word {
        case "人员经费", "人员经费合计": return "人员经费"
        case "公用经费", "公用经费合计": return "公用经费"
        case "合计", "基本支出合计": return "基本支出"
        default: return nil
        }
    }

    // MARK: - 三公, 会议费, 培训费, 机关运行经费

    mutating func resolveActualSanGong(_ node: SyntaxNode) {
        let (ok, unit) = actualsUnit(node)
        guard ok else { return }
        for child in node.children {
            rejectChildren(child)
            let word = child.keyword ?? ""
            let isTotal = word == "合计" || word == "三公" || word == "“三公”经费" || word == "三公经费"
            let isVehicles = word == "公务用车" || word == "公务用车购置及运行维护" || word == "公务用车购置及运行维护费"
            let isUndetailed = word == Actuals.undetailedWord
            guard isTotal || isVehicles || isUndetailed || SanGongPart.named(word) != nil else {
                error("三公 下面可写：因公出国、公务接待、公务用车购置、公务用车运行维护（以及 合计、未细分）", at: child.fields.first?.span ?? child.span,
                      hint: Suggest.hint(word, among: SanGongPart.allCases.map(\.rawValue)))
                continue
            }
            if isTotal, actuals.sanGongTotal != nil || actuals.sanGongTotalUnpublished {
                error("三公 的 合计 只能写一次", at: child.span, id: "duplicate")
                continue
            }
            // `合计 未公开`: only some parts are known (the rest of the publication is missing).
            if isTotal, child.fields.count == 2, child.fields[1].folded == UnpublishedTotal.word {
                actuals.sanGongTotalUnpublished = true
                continue
            }
            var budget: Money?, actual: Money?
            var quantities: [String: Int] = [:]
            var bare: [Field] = []
            var fields = child.fields.dropFirst()
            while let label = fields.first {
                fields = fields.dropFirst()
                if Resolver.isAmount(label) { bare.append(label); continue }
                guard let value = fields.first else { error("“\(label.text)”后面缺少数值", at: label.span); break }
                fields = fields.dropFirst()
                switch label.folded {
                case "预算", "预算数", "全年预算", "全年预算数", "年初预算", "年初预算数": budget = actualsMoney(value)
                case "决算", "决算数", "支出决算": actual = actualsMoney(value)
                case "团组", "人次", "批次", "保有", "购置", "辆", "保有量":
                    let key = label.folded == "辆" || label.folded == "保有量" ? "保有" : label.folded
                    if let n = count(value) { quantities[key] = n } else { error("“\(value.text)”应是整数", at: value.span, id: "bad-number") }
                default:
                    error("不认识的“\(label.text)”：可写 预算、决算、团组、人次、批次、保有、购置", at: label.span,
                          hint: Suggest.hint(label.folded, among: ["预算", "决算", "团组", "人次", "批次", "保有", "购置"]))
                }
            }
            // Bare numbers in the order of 公开09表: 预算数, then 决算数; a single number is the 决算数.
            switch bare.count {
            case 0: break
            case 1: actual = actual ?? actualsMoney(bare[0])
            case 2: budget = budget ?? actualsMoney(bare[0]); actual = actual ?? actualsMoney(bare[1])
            default: error("三公 每项最多写两个数字（预算数 决算数）", at: bare[2].span, hint: "写作：公务接待 预算 0.67 决算 0.67")
            }
            guard let actual else {
                error("缺少决算数", at: child.span, hint: "写作：\(word) 预算 0.67 决算 0.67", id: "missing-amount")
                continue
            }
            let figure = ActualFigure(actual: actual, budget: budget, span: child.span)
            if isTotal {
                actuals.sanGongTotal = figure
            } else if isUndetailed {
                if actuals.sanGongUndetailedFigure != nil { error("三公 块中 未细分 重复", at: child.span, hint: "只写一行 未细分", id: "duplicate") }
                // The rest of a 合计 nobody knows is not known either.
                if actuals.sanGongTotalUnpublished {
                    error("合计 未公开 时没有 未细分 可写", at: child.span, hint: "知道合计时写 合计 预算 X 决算 Y 和 未细分；不知道时只写已知的项")
                }
                actuals.sanGongUndetailedFigure = figure
            } else if isVehicles {
                actuals.published.append(PublishedTotal(label: "公务用车", economic: false, unitCode: unit, amount: actual, basic: budget, span: child.span))
            } else if let part = SanGongPart.named(word) {
                for key in quantities.keys where !part.quantityLabels.contains(key) && !(part == .reception && key == "人次") {
                    error("\(part.rawValue) 的数量可写：" + part.quantityLabels.joined(separator: "、"), at: child.span)
                }
                actuals.sanGong.append(ActualSanGong(unitCode: unit, part: part, figure: figure, quantities: quantities))
            }
        }
    }

    /// `会议费 0.81`, `会议费 预算 1.00 决算 0.81`, `机关运行经费 47.53 年初预算 47.60`.
    mutating func resolveFigure(_ node: SyntaxNode) -> ActualFigure? {
        rejectChildren(node)
        var budget: Money?, actual: Money?
        var fields = node.fields.dropFirst()
        while let field = fields.first {
            fields = fields.dropFirst()
            if Resolver.isAmount(field) {
                if actual != nil { error("多出的数字“\(field.text)”", at: field.span, hint: "写作：\(node.fields[0].text) 预算 1.00 决算 0.81"); return nil }
                actual = actualsMoney(field)
                continue
            }
            guard let value = fields.first else { error("“\(field.text)”后面缺少金额", at: field.span, id: "missing-amount"); return nil }
            fields = fields.dropFirst()
            switch Column.named(field.folded) {
            case .initialBudget?, .adjustedBudget?: budget = actualsMoney(value)
            case .total?: actual = actualsMoney(value)
            default: error("可写：预算 金额 决算 金额", at: field.span); return nil
            }
        }
        guard let actual else { error("\(node.fields[0].text) 后面应写决算金额", at: node.span, id: "missing-amount"); return nil }
        return ActualFigure(actual: actual, budget: budget, span: node.span)
    }

    mutating func resolveProcurement(_ node: SyntaxNode) {
        rejectChildren(node)
        var fields = node.fields.dropFirst()
        while let label = fields.first {
            fields = fields.dropFirst()
            guard ["货物", "工程", "服务"].contains(label.folded), let value = fields.first else {
                error("政府采购 应写作：政府采购 货物 2.98 工程 0 服务 305.60", at: label.span); return
            }
            fields = fields.dropFirst()
            actuals.procurement[label.folded] = actualsMoney(value)
        }
    }
}
