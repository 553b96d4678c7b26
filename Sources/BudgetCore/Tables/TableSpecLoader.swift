import Foundation

/// Reads a table set folder: `套表.tbl` (the set's name and titles) and one `*.tbl` file per
/// table, written in budgetc's own line syntax (keywords, quotes, indentation; see docs/tables.md).
/// Every problem is a diagnostic with file:line:col; a table that cannot be read is left out.
public enum TableSpecLoader {
    public static let setFile = "套表.tbl"
    public static let tableExtension = "tbl"
    /// Built-in sets live in `templates/tables/<name>`; the first is the default.
    public static let defaultSet = "陕西"

    /// Built-in set names (folders under templates/tables that hold a 套表.tbl), default first.
    public static func builtInSets(templates: Templates) -> [String] {
        let root = templates.path("tables")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/" + setFile) }
            .sorted()
        return names.filter { $0 == defaultSet } + names.filter { $0 != defaultSet }
    }

    /// A set by built-in name or folder path.
    public static func locate(_ written: String, templates: Templates) -> String? {
        let nameOrFolder = written.replacingAll("\\", with: "/")
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let builtIn = templates.path("tables/" + nameOrFolder)
        if !nameOrFolder.contains("/"), fm.fileExists(atPath: builtIn, isDirectory: &isDirectory), isDirectory.boolValue { return builtIn }
        if fm.fileExists(atPath: nameOrFolder, isDirectory: &isDirectory), isDirectory.boolValue { return nameOrFolder }
        return nil
    }

    /// Reads the set in `folder`. Only `.tbl` files are read — a link that points at another kind
    /// of file, or (with `--root`) outside the root, is refused and never opened (docs/safety.md).
    public static func load(folder: String, root: String? = nil) -> (TableSetSpec, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if let root, let real = BudgetPath.realPath(folder), !BudgetPath.isInside(real, folder: root) {
            return (TableSetSpec(name: (folder as NSString).lastPathComponent, folder: ""),
                    [Diagnostic(.error, "path-policy", "表格文件夹“\(folder)”不在 --root 指定的目录“\(root)”之内，未读取", at: nil)])
        }
        func refused(_ path: String) -> Bool {
            guard let real = BudgetPath.realPath(path) else { return false }
            if BudgetPath.fileExtension(of: real) != tableExtension {
                diagnostics.append(Diagnostic(.error, "path-policy", "不读取“\(path)”：它是指向另一种文件的链接（表格文件须为 .\(tableExtension)）", at: nil))
                return true
            }
            if let root, !BudgetPath.isInside(real, folder: root) {
                diagnostics.append(Diagnostic(.error, "path-policy", "不读取“\(path)”：它不在 --root 指定的目录“\(root)”之内", at: nil))
                return true
            }
            return false
        }
        var set = TableSetSpec(name: (folder as NSString).lastPathComponent, folder: folder)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        if !refused(folder + "/" + setFile), let nodes = parse(folder + "/" + setFile, &diagnostics, required: false) {
            var cover: [CoverLine] = []
            for node in nodes {
                var reader = Reader(diagnostics: [])
                switch node.keyword {
                case "名称": set.name = reader.text(node) ?? set.name
                case "说明": set.description = reader.text(node) ?? ""
                case "工作簿标题": set.workbookTitle = reader.text(node) ?? set.workbookTitle
                case "封面标题": set.coverTitle = reader.text(node) ?? set.coverTitle
                case "金额单位": set.moneyUnit = reader.moneyUnit(node) ?? set.moneyUnit
                case "封面": if let line = reader.coverLine(node) { cover.append(line) }
                default: reader.unknown(node, expected: setKeys)
                }
                diagnostics += reader.diagnostics
            }
            if !cover.isEmpty { set.coverLines = cover }
        }
        for file in files where file.hasSuffix("." + tableExtension) && file != setFile {
            let path = folder + "/" + file
            guard !refused(path), let nodes = parse(path, &diagnostics, required: true) else { continue }
            var reader = Reader(diagnostics: [])
            if let table = reader.table(nodes, path: path) { set.tables.append(table)  }
            diagnostics += reader.diagnostics
        }
        set.tables.sort(by: TableSetSpec.precedes)
        var seen: Set<String> = []
        for table in set.tables where !seen.insert(table.number).inserted {
            diagnostics.append(Diagnostic(.error, "table-template", "表号 \(table.number) 出现在两个表格文件中", at: SourceSpan(file: table.path, line: 1, column: 1),
                                          hint: "每个表格文件的 表号 须不同"))
        }
        if set.tables.isEmpty {
            diagnostics.append(Diagnostic(.error, "table-template", "表格文件夹“\(folder)”中没有 .tbl 表格文件", at: nil,
                                          hint: "复制 templates/tables/陕西 作为起点，见 docs/tables.md"))
        }
        return (set, diagnostics)
    }

    /// One table file's text (any encoding budget files may have); nil when it cannot be used.
    public static func table(data: Data, path: String) -> (TableSpec?, [Diagnostic]) {
        let (file, parseDiagnostics) = Loader.parseData(data, path: path, requestedAt: nil)
        guard let file else { return (nil, parseDiagnostics) }
        var reader = Reader(diagnostics: [])
        let table = reader.table(file.nodes, path: path)
        return (table, parseDiagnostics + reader.diagnostics)
    }

    static func parse(_ path: String, _ diagnostics: inout [Diagnostic], required: Bool) -> [SyntaxNode]? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if required { diagnostics.append(Diagnostic(.error, "io", "无法读取表格文件 \(path)", at: nil)) }
            return nil
        }
        let (file, parseDiagnostics) = Loader.parseData(data, path: path, requestedAt: nil)
        diagnostics += parseDiagnostics
        return file?.nodes
    }

    /// The keys of `套表.tbl`.
    static let setKeys = ["名称", "说明", "工作簿标题", "封面标题", "封面", "金额单位"]

    struct Reader {
        var diagnostics: [Diagnostic]

        /// `封面 保密审查` or `封面 保密审查 "保密审查情况："` (a label of the set's own).
        mutating func coverLine(_ node: SyntaxNode) -> CoverLine? {
            let names = CoverItem.allCases.map(\.rawValue)
            guard (2...3).contains(node.fields.count), let item = CoverItem(rawValue: node.fields[1].folded) else {
                let written = node.fields.dropFirst().first
                error(written.map { "封面 不能印“\($0.text)”" } ?? "封面 后面缺少要印的内容", at: written?.span ?? node.span,
                      hint: (written.flatMap { Suggest.hint($0.folded, among: names) }.map { $0 + " " } ?? "") + "封面可以印：" + names.joined(separator: "、") + "（每行一项，可再写印出的标签）")
                return nil
            }
            return CoverLine(item: item, label: node.fields.count == 3 ? node.fields[2].text : nil)
        }

        /// `金额单位 元` (or 万元).
        mutating func moneyUnit(_ node: SyntaxNode) -> MoneyUnit? {
            guard node.fields.count == 2, let unit = MoneyUnit.named(node.fields[1].folded) else {
                error("金额单位 只能是 万元 或 元", at: node.fields.dropFirst().first?.span ?? node.span, hint: "例如：金额单位 元")
                return nil
            }
            return unit
        }

        mutating func error(_ message: String, at span: SourceSpan?, hint: String? = nil) {
            diagnostics.append(Diagnostic(.error, "table-template", message, at: span, hint: hint))
        }

        mutating func unknown(_ node: SyntaxNode, expected: [String]) {
            error("表格文件中不认识“\(node.fields.first?.text ?? "")”", at: node.fields.first?.span ?? node.span,
                  hint: "这里可以写：" + expected.joined(separator: "、"))
        }

        mutating func text(_ node: SyntaxNode) -> String? {
            guard node.fields.count >= 2 else {
                error("\(node.keyword ?? "") 后面缺少内容", at: node.span)
                return nil
            }
            return node.fields[1...].map(\.text).joined(separator: " ")
        }

        /// Sheets budgetc writes around the tables.
        static let reservedSheets = ["封面", "目录", "说明", "图表"]

        static let tableKeywords = ["表号", "标题", "名称", "单位说明", "版式", "范围", "列", "组", "行", "栏", "纸张", "适应页宽", "适应一页", "重复表头",
                                    "页眉", "页脚", "空表理由", "注", "栏次", "行数上限", "最小比例", "重复列"]

        mutating func table(_ nodes: [SyntaxNode], path: String) -> TableSpec? {
            var spec = TableSpec(number: "", order: [], title: "", path: path)
            var layoutSpan: SourceSpan?
            for node in nodes {
                switch node.keyword {
                case "表号":
                    guard let n = text(node) else { continue }
                    spec.number = n.allSatisfy(\.isNumber) ? "表" + n : n
                    spec.order = Normalize.folded(n).split { !($0.isASCII && $0.isNumber) }.compactMap { Int($0.prefix(9)) }
                case "标题": spec.title = text(node) ?? ""
                case "名称": spec.title = "{年}年" + (text(node) ?? "")
                case "单位说明":
                    spec.unitCaption = text(node) ?? spec.unitCaption
                    spec.unitCaptionSpan = node.span
                case "版式":
                    layoutSpan = node.span
                    switch node.fields.count > 1 ? node.fields[1].folded : "" {
                    case "明细": spec.layout = .grid
                    case "收支对照": spec.layout = .panels
                    case "表单":
                        let name = node.fields.count > 2 ? node.fields[2].folded : ""
                        if TableForms.names.contains(name) { spec.layout = .form(name) } else {
                            error("没有名为“\(name)”的表单", at: node.span, hint: "表单有：" + TableForms.names.joined(separator: "、"))
                        }
                    default: error("版式 应为 明细、收支对照 或 表单 名称", at: node.span)
                    }
                case "范围": spec.scope = filter(node.fields.dropFirst())
                case "列", "组": spec.columns += columns(node, path: [])
                case "行": for child in node.children { if let r = row(child) { spec.rows.append(r) } }
                case "栏", "收支组": spec.panels += panels(node, group: "")
                case "纸张":
                    switch node.fields.count > 1 ? node.fields[1].folded : "" {
                    case "横向": spec.print.landscape = true
                    case "纵向": spec.print.landscape = false
                    default: error("纸张 应写 横向 或 纵向", at: node.span)
                    }
                case "适应页宽": spec.print.fitWidth = yesNo(node) ?? true
                case "适应一页": spec.print.fitPage = yesNo(node) ?? false
                case "重复表头": spec.print.repeatHeader = yesNo(node) ?? true
                case "最小比例":
                    if node.fields.count > 1, let n = Int(node.fields[1].folded.replacingAll("%", with: "")), (10...100).contains(n) {
                        spec.print.minimumScale = n
                    } else { error("最小比例 应为 10 到 100 的整数（百分比）", at: node.span, hint: "例如：最小比例 70") }
                case "重复列":
                    if node.fields.count > 1, let n = Int(node.fields[1].folded), n >= 0 { spec.print.repeatColumns = n } else { error("重复列 应为列数", at: node.span, hint: "例如：重复列 2") }
                case "页眉": spec.print.header = text(node)
                case "页脚": spec.print.footer = text(node)
                case "空表理由": spec.emptyReason = text(node)
                case "注": if let t = text(node) { spec.notes.append(t) }
                case "栏次": spec.columnNumbers = yesNo(node) ?? false
                case "行数上限":
                    if node.fields.count > 1, let n = Int(node.fields[1].folded), n > 0 { spec.maxRows = n } else { error("行数上限 应为正整数", at: node.span) }
                default: unknown(node, expected: Self.tableKeywords)
                }
            }
            let start = SourceSpan(file: path, line: 1, column: 1)
            if spec.number.isEmpty { error("表格文件缺少 表号", at: start, hint: "例如：表号 1"); return nil }
            // The 表号 is the sheet's tab name: a spreadsheet allows 31 characters and none of []:*?/\.
            if spec.number.count > 31 || spec.number.contains(where: { "[]:*?/\\".contains($0) }) || Self.reservedSheets.contains(spec.number) {
                error("表号“\(spec.number)”不能用作工作表名", at: start,
                      hint: "不超过 31 个字，不含 [ ] : * ? / \\，也不能是 " + Self.reservedSheets.joined(separator: "、"))
                return nil
            }
            if spec.title.isEmpty { error("表格文件缺少 标题", at: start, hint: "例如：标题 \"{年}年部门收支总表\""); return nil }
            switch spec.layout {
            case .grid where spec.columns.isEmpty || spec.rows.isEmpty:
                error("明细表须写 列 和 行", at: layoutSpan ?? start); return nil
            case .panels where spec.panels.isEmpty:
                error("收支对照表须写 栏", at: layoutSpan ?? start); return nil
            default: break
            }
            let ids = Set(spec.columns.compactMap(\.id))
            for column in spec.columns {
                switch column.value {
                case .formula(let terms):
                    for term in terms where !ids.contains(term.id) { error("公式中的代号“\(term.id)”没有对应的列", at: start, hint: "在列上写 代号 \(term.id)") }
                case .rowTotal(let named):
                    for id in named where !ids.contains(id) { error("合计 中的代号“\(id)”没有对应的列", at: start, hint: "在列上写 代号 \(id)") }
                default: break
                }
            }
            for c in spec.formulaPlan().cyclic {
                error("列“\(spec.columns[c].path.joined(separator: "/"))”的公式直接或间接引用了自己", at: start, hint: "公式只能引用其他列")
            }
            return spec
        }

        mutating func yesNo(_ node: SyntaxNode) -> Bool? {
            switch node.fields.count > 1 ? node.fields[1].folded : "" {
            case "是": return true
            case "否": return false
            default: error("\(node.keyword ?? "") 应写 是 或 否", at: node.span); return nil
            }
        }

        static func list(_ text: String) -> [String] {
            if let items = scalarList(text) { return items }
            return text.split { ",，、".contains($0) }.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        }

        /// `list` on Unicode scalars, for text where that is the same thing: every scalar below U+0300, a
        /// CJK ideograph, a full-width form or 、 (none of them joins a separator into a larger Character,
        /// and the only whitespace among them is space, tab and no-break space). Nil for any other text.
        /// Templates are read at every start; splitting by Character through Foundation cost 28,000
        /// instructions a list (issue 15).
        /// Items are slices of the text's scalars, copied once each: building them scalar by scalar cost
        /// 2.7 M of `check`'s instructions on the reference example.
        static func scalarList(_ text: String) -> [String]? {
            let scalars = text.unicodeScalars
            var items: [String] = []
            func finish(_ start: String.Index, _ end: String.Index) {
                var (lower, upper) = (start, end)
                while lower < upper, isTrimmed(scalars[lower]) { lower = scalars.index(after: lower) }
                while lower < upper, isTrimmed(scalars[scalars.index(before: upper)]) { upper = scalars.index(before: upper) }
                if lower < upper { items.append(String(scalars[lower..<upper])) }
            }
            var start = scalars.startIndex
            var i = start
            while i < scalars.endIndex {
                let v = scalars[i].value
                guard v < 0x300 || v == 0x3001 || (0x4E00...0x9FFF).contains(v) || (0xFF01...0xFF5E).contains(v) else { return nil }
                let next = scalars.index(after: i)
                if v == 0x2C || v == 0xFF0C || v == 0x3001 {
                    finish(start, i)
                    start = next
                }
                i = next
            }
            finish(start, scalars.endIndex)
            return items
        }

        private static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{00A0}" }

        static let filterKeys = ["来源", "类型", "功能", "经济", "政府经济", "结转", "年度"]

        /// Key/value pairs: 来源 一般公共预算拨款,政府性基金拨款 类型 人员经费 功能 201 经济 30101 结转 否 年度 上年.
        /// Unknown keys are left in `rest`.
        mutating func filter<S: Collection>(_ fields: S, rest: inout [Field]) -> TableFilter where S.Element == Field {
            var result = TableFilter()
            var fields = Array(fields)[...]
            while let key = fields.first {
                fields = fields.dropFirst()
                guard Self.filterKeys.contains(key.folded) else { rest.append(key); continue }
                guard let value = fields.first else { error("\(key.text) 后面缺少内容", at: key.span); break }
                fields = fields.dropFirst()
                let items = Self.list(value.folded)
                switch key.folded {
                case "来源":
                    var sources: Set<FundingSource> = []
                    for item in items {
                        if item == "财政拨款" { sources.formUnion([.generalBudget, .governmentFund, .stateCapital]) }
                        // 上年结转 in a table is every carry-over, whether or not it names its 财政拨款.
                        else if item == FundingSource.carriedOverFiscal.rawValue { sources.formUnion(FundingSource.allCases.filter(\.isCarryOver)) }
                        else if let s = FundingSource.named(item) { sources.insert(s) }
                        else { error("不认识的资金来源“\(item)”", at: value.span, hint: "可写：" + FundingSource.allCases.map(\.rawValue).joined(separator: "、") + "、财政拨款") }
                    }
                    result.sources = sources
                case "类型":
                    var kinds: Set<SpendingKind> = []
                    for item in items {
                        switch item {
                        case "基本支出": kinds.formUnion([.personnel, .publicUse])
                        case "项目支出": kinds.insert(.project)
                        default:
                            if let k = SpendingKind(rawValue: item) { kinds.insert(k) }
                            else { error("不认识的支出类型“\(item)”", at: value.span, hint: "可写：" + SpendingKind.allCases.map(\.rawValue).joined(separator: "、") + "、基本支出、项目支出") }
                        }
                    }
                    result.kinds = kinds
                case "功能", "经济", "政府经济":
                    if let bad = items.first(where: { !$0.allSatisfy(\.isASCII) || !$0.allSatisfy(\.isNumber) }) {
                        error("“\(bad)”不是科目编码", at: value.span, hint: "写编码前几位，如 201 或 30101")
                    }
                    switch key.folded {
                    case "功能": result.functionPrefixes = items
                    case "经济": result.economicPrefixes = items
                    default: result.governmentPrefixes = items
                    }
                case "结转":
                    switch value.folded {
                    case "是": result.carriedOver = true
                    case "否": result.carriedOver = false
                    default: error("结转 应写 是 或 否", at: value.span)
                    }
                default: // 年度
                    switch value.folded {
                    case "上年": result.previousYear = true
                    case "当年", "本年": result.previousYear = false
                    default: error("年度 应写 当年 或 上年", at: value.span)
                    }
                }
            }
            return result
        }

        mutating func filter<S: Collection>(_ fields: S) -> TableFilter where S.Element == Field {
            var rest: [Field] = []
            let result = filter(fields, rest: &rest)
            for field in rest { error("不认识的条件“\(field.text)”", at: field.span, hint: "条件有：" + Self.filterKeys.joined(separator: "、")) }
            return result
        }

        // MARK: 明细 columns

        mutating func columns(_ node: SyntaxNode, path: [String]) -> [ColumnSpec] {
            guard node.fields.count >= 2 else { error("\(node.keyword ?? "列") 后面须写表头文字", at: node.span); return [] }
            let label = node.fields[1].text
            if node.keyword == "组" {
                if node.children.isEmpty { error("组 下须有 列", at: node.span) }
                return node.children.flatMap { child -> [ColumnSpec] in
                    guard child.keyword == "列" || child.keyword == "组" else { unknown(child, expected: ["列", "组"]); return [] }
                    return columns(child, path: path + [label])
                }
            }
            var column = ColumnSpec(path: path + [label], id: nil, value: .blank, width: nil)
            var fields = Array(node.fields.dropFirst(2))[...]
            var options: [Field] = []
            if let formula = node.formula {
                column.value = .formula(formulaTerms(formula))
                options = Array(fields)
            } else if let kind = fields.first {
                fields = fields.dropFirst()
                switch kind.folded {
                case "编码": column.value = .code
                case "名称": column.value = .name
                case "空": column.value = .blank
                case "字段":
                    guard let name = fields.first, let f = RowField(rawValue: name.folded) else {
                        error("字段 后面应写：" + RowField.allCases.map(\.rawValue).joined(separator: "、"), at: kind.span)
                        return [column]
                    }
                    fields = fields.dropFirst()
                    column.value = .field(f)
                case "支出": column.value = .spending(filter(fields, rest: &options))
                case "收入": column.value = .income(filter(fields, rest: &options))
                case "合计":
                    var ids: [String] = []
                    while let f = fields.first, f.folded != "代号", f.folded != "宽" { ids.append(f.folded); fields = fields.dropFirst() }
                    column.value = .rowTotal(ids)
                default:
                    error("不认识的列内容“\(kind.text)”", at: kind.span, hint: "列内容有：编码、名称、字段、支出、收入、合计、空，或 = 公式")
                }
                if case .spending = column.value {} else if case .income = column.value {} else { options = Array(fields) }
            }
            var rest = options[...]
            while let key = rest.first {
                rest = rest.dropFirst()
                guard let value = rest.first else { error("\(key.text) 后面缺少内容", at: key.span); break }
                rest = rest.dropFirst()
                switch key.folded {
                case "代号": column.id = value.folded
                case "宽":
                    if let w = Double(value.folded), w > 0, w < 256 { column.width = w } else { error("宽 应为 1–255 的数", at: value.span) }
                default: error("不认识的列选项“\(key.text)”", at: key.span, hint: "列选项有：代号、宽")
                }
            }
            for child in node.children { unknown(child, expected: []) }
            return [column]
        }

        mutating func formulaTerms(_ formula: FormulaText) -> [(sign: Int, id: String)] {
            var terms: [(Int, String)] = []
            var sign = 1
            var current = ""
            func flush() { let t = current.trimmingSpaces(); if !t.isEmpty { terms.append((sign, t)) }; current = "" }
            for ch in Normalize.folded(formula.text) {
                switch ch {
                case "+": flush(); sign = 1
                case "-": flush(); sign = -1
                default: current.append(ch)
                }
            }
            flush()
            if terms.isEmpty { error("公式为空", at: formula.span, hint: "例如：= 出国 + 接待") }
            return terms
        }

        // MARK: 明细 rows

        static let rowKeywords = ["合计", "部门", "单位", "功能", "经济", "政府经济", "项目", "支出行", "固定"]

        mutating func row(_ node: SyntaxNode) -> RowSpec? {
            let args = node.fields.dropFirst().map(\.folded)
            func digits(_ level: String?) -> Int? {
                switch level { case "类": return 3; case "款": return 5; case "项": return 7; default: return nil }
            }
            let kind: RowKind
            switch node.keyword {
            case "合计": kind = .total(label: node.fields.count > 1 ? node.fields[1].text : "合计")
            case "部门": kind = .department
            case "单位": kind = .units(withDetailsOnly: args.contains("有明细"))
            case "功能", "经济", "政府经济":
                guard let d = digits(args.first), node.keyword == "功能" || d <= 5 else {
                    error("\(node.keyword!) 后面应写层级：类、款\(node.keyword == "功能" ? "、项" : "")", at: node.span); return nil
                }
                switch node.keyword {
                case "功能": kind = .function(digits: d)
                case "经济": kind = .economic(digits: d, withGovernment: args.contains("对应政府经济"))
                default: kind = .government(digits: d)
                }
            case "项目": kind = .projects(numbered: args.contains("编号"))
            case "支出行": kind = .lines
            case "固定":
                guard node.fields.count >= 2 else { error("固定 后面须写行名", at: node.span); return nil }
                kind = .fixed(label: node.fields[1].text, filter: filter(node.fields.dropFirst(2)))
            default:
                unknown(node, expected: Self.rowKeywords)
                return nil
            }
            var children: [RowSpec] = []
            for child in node.children { if let r = row(child) { children.append(r) } }
            return RowSpec(kind: kind, children: children)
        }

        // MARK: 收支对照 panels

        mutating func panels(_ node: SyntaxNode, group: String) -> [PanelSpec] {
            if node.keyword == "收支组" {
                let label = node.fields.count > 1 ? node.fields[1].text : ""
                return node.children.flatMap { child -> [PanelSpec] in
                    guard child.keyword == "栏" else { unknown(child, expected: ["栏"]); return [] }
                    return panels(child, group: label)
                }
            }
            guard node.fields.count >= 2 else { error("栏 后面须写表头：项目 和 金额列", at: node.span); return [] }
            var headers = node.fields.dropFirst().map(\.text)
            let numbered = headers.count > 1 && headers[1].filter { !$0.isWhitespace } == "行次"
            if numbered { headers.remove(at: 1) }
            var panel = PanelSpec(group: group, headers: headers, valueFilters: [])
            panel.lineNumbers = numbered
            var valueHeaders: [String] = []
            var section = 0 // 0 body, 1 after 本年合计 (结转 rows)
            for child in node.children {
                switch child.keyword {
                case "值":
                    valueHeaders.append(child.fields.count > 1 ? child.fields[1].text : "")
                    panel.valueFilters.append(filter(child.fields.dropFirst(2)))
                case "行":
                    if let r = panelRow(child) { if section == 0 { panel.body.append(r) } else { panel.carry.append(r) } }
                case "本年合计":
                    panel.yearTotal = child.fields.count > 1 ? child.fields[1].text : "本年合计"
                    section = 1
                case "总计": panel.grandTotal = child.fields.count > 1 ? child.fields[1].text : "总计"
                default: unknown(child, expected: ["值", "行", "本年合计", "总计"])
                }
            }
            if !valueHeaders.isEmpty { panel.headers = [panel.headers[0]] + valueHeaders }
            if panel.valueFilters.isEmpty { panel.valueFilters = Array(repeating: TableFilter(), count: max(1, panel.headers.count - 1)) }
            if panel.headers.count < 2 { panel.headers.append("预算数") }
            return [panel]
        }

        mutating func panelRow(_ node: SyntaxNode) -> PanelSpec.Row? {
            guard node.fields.count >= 2 else { error("行 后面须写行名", at: node.span); return nil }
            var row = PanelSpec.Row(label: node.fields[1].text, value: .blank)
            if node.fields.count > 2 {
                let kind = node.fields[2]
                switch kind.folded {
                case "收入": row.value = .income(filter(node.fields.dropFirst(3)))
                case "支出": row.value = .spending(filter(node.fields.dropFirst(3)))
                default: error("行名后面应写 收入 或 支出 及条件", at: kind.span)
                }
            }
            for child in node.children {
                guard child.keyword == "行" else { unknown(child, expected: ["行"]); continue }
                if let r = panelRow(child) { row.children.append(r) }
            }
            return row
        }
    }
}
