import Foundation

/// The one place that orders the stages: load (syntax) → resolve → evaluate → rules → tables → render.
/// Every stage returns its diagnostics and the next stage runs on whatever could be understood,
/// so one run reports every problem.
public struct Pipeline {
    public var templates: Templates
    public var loader: Loader
    /// Prints the time of each stage when set (for `--timings`).
    public var timings: ((String, Duration) -> Void)?
    public var ruleOptions = RuleOptions()
    /// Load `上年预算` / `上年决算` (off for `diff`, which compares two budgets directly).
    public var loadsPreviousYear = true
    /// `compile` returns the evaluated budget in its result (tests read it). The command line reports
    /// diagnostics only and turns this off, so the budget is freed before the workbook is written
    /// (issue 15: the model and libxlsxwriter's copy of the cells were the peak of a large compile).
    public var keepsBudget = true
    /// `compile --tables NAME|FOLDER`: the table set, over the budget's `报表` line.
    public var tableSet: String?

    public init(templates: Templates = .locate(), loader: Loader = Loader()) {
        self.templates = templates
        self.loader = loader
    }

    public struct Result: Sendable {
        /// The files read. When the tables are built in full (compile; a budget of 200k+ lines) their syntax
        /// trees (`nodes`) are freed once resolved, to bound memory; the source lines stay for diagnostics.
        public var files: [SyntaxFile]
        public var budget: EvaluatedBudget?
        /// Set instead of `budget` when the file is a 决算 (`决算 2024`).
        public var actuals: Actuals?
        /// The generated 说明, when the budget could be checked.
        public var notes: Notes?
        public var diagnostics: [Diagnostic]
        /// The tables `check` built for the table rules (and the set they come from), reused by `compile`.
        public internal(set) var tables: (set: TableSetSpec, built: [BuiltTable])?
        /// Every file the run read besides `files` (catalogs named by the budget): no output may be one of them.
        public var otherInputs: [String] = []

        public init(files: [SyntaxFile], budget: EvaluatedBudget?, actuals: Actuals? = nil, diagnostics: [Diagnostic]) {
            self.files = files
            self.budget = budget
            self.actuals = actuals
            self.diagnostics = diagnostics
        }

        public var kind: DocumentKind { actuals != nil ? .actuals : .budget }

        /// For commands that need a budget (notes, diff, init): a 决算 file gets a clear error saying what to do instead.
        public func requiringBudget(for command: String) -> Result {
            guard let actuals else { return self }
            var result = self
            result.diagnostics.append(Diagnostic(.error, "actuals-not-budget", "这是决算文件（决算 \(actuals.year)），\(command) 需要预算文件", at: actuals.span,
                                                 hint: "决算文件用 budgetc check 审核；在预算中写 上年决算 \"文件\" 与它比较"))
            return result
        }

        /// The identities of every file read, so that a writer can refuse to overwrite any of them
        /// (through whatever link or second name).
        public var inputIdentities: Set<FileIdentity> {
            Set((files.map(\.source.path) + otherInputs).compactMap { FileIdentity(path: $0) })
        }
    }

    func timed<T>(_ stage: String, _ body: () -> T) -> T {
        guard let timings else { return body() }
        let clock = ContinuousClock()
        var value: T?
        let elapsed = clock.measure { value = body() }
        timings(stage, elapsed)
        return value!
    }

    /// Everything `check` does: parse, resolve, evaluate, load last year, and run the rules.
    public func check(path: String) -> Result {
        check(path: path, loadPreviousYear: loadsPreviousYear)
    }

    /// `buildingTables`: build the tables in full (for `compile`, which writes them) rather than only
    /// measuring them for the table rules, so a compile builds each table once.
    func check(path: String, loadPreviousYear: Bool, buildingTables: Bool = false) -> Result {
        var loaded: Loader.Loaded
        let loadDiagnostics: [Diagnostic]
        (loaded, loadDiagnostics) = timed("parse") { loader.load(path: path) }
        var diagnostics = loadDiagnostics
        guard !loaded.files.isEmpty else { return Result(files: [], budget: nil, diagnostics: diagnostics) }

        // The budget's 年度 selects the catalog edition (a 决算 its own year).
        var (catalog, catalogDiagnostics) = timed("catalog") { Catalog.builtIn(templates: templates, year: Catalog.year(in: loaded.nodes)) }
        diagnostics += catalogDiagnostics
        // Extra catalogs are named in the budget; read them before resolving codes.
        var otherInputs: [String] = []
        for node in loaded.nodes where node.keyword == "分类目录" || node.keyword == "目录" {
            guard node.fields.count == 2 else { continue }
            let extraPath = Pipeline.resolve(node.fields[1].text, relativeTo: node.span)
            if let refusal = loader.policy.refusal(forNamed: extraPath, written: node.fields[1].text, kind: .catalog) {
                diagnostics.append(Diagnostic(.error, "path-policy", refusal, at: node.fields[1].span, hint: PathPolicy.hint(.catalog)))
                continue
            }
            otherInputs.append(extraPath)
            guard let data = try? loader.readFile(extraPath), case .success(let decoded) = TextDecoding.decode(data) else {
                diagnostics.append(Diagnostic(.error, "include-missing", "找不到分类目录文件“\(extraPath)”", at: node.fields[1].span,
                                              hint: "路径相对于写 分类目录 的文件；文件须为 UTF-8 的 编码<Tab>名称 表"))
                continue
            }
            diagnostics += catalog.merge(tsv: decoded.text, path: extraPath)
        }

        let (document, resolveDiagnostics) = timed("resolve") {
            Resolver.resolveDocument(loaded.nodes, catalog: catalog, file: path, files: loaded.files)
        }
        diagnostics += resolveDiagnostics
        var budget: Budget
        switch document {
        case .actuals(var actuals):
            // A 决算 checks on its own, with the 决算 rules; last year's 决算 (if named) feeds its 说明.
            var files = loaded.files
            if loadPreviousYear, let (written, span) = actuals.previousActualsPath {
                let (previous, previousFiles, previousDiagnostics) = timed("previous") { loadPreviousActuals(written, at: span) }
                actuals.previous = previous.map(PreviousActuals.init)
                files += previousFiles
                diagnostics += previousDiagnostics
            }
            // The 决算说明 (`budgetc notes`) prints in the publication's unit: its own, else its set's; the cover
            // rule asks for what the set's cover prints (problems of the set itself are compile's to report).
            var cover: [CoverItem] = []
            if loadPreviousYear {
                let set = tables(for: actuals).0
                if actuals.publicationUnit == nil { actuals.displayUnit = set.moneyUnit }
                cover = set.coverLines.map(\.item)
            }
            if !diagnostics.hasErrors {
                diagnostics += timed("rules") { RuleRegistry.run(actuals: actuals, context: RuleContext(cover: cover), options: ruleOptions) }
            }
            var result = Result(files: files, budget: nil, actuals: actuals, diagnostics: diagnostics.sortedByLocation())
            result.otherInputs = otherInputs
            return result
        case .budget(let resolved):
            budget = resolved
        }
        var (evaluated, evaluateDiagnostics) = timed("evaluate") { Evaluator.evaluate(budget, catalog: catalog) }
        diagnostics += evaluateDiagnostics
        // The evaluated lines read the resolved ones from their shared store; this array is not needed (see `EvaluatedBudget.budget`).
        budget.lines = []
        var files = loaded.files
        let sourceLines = loaded.files.reduce(0) { $0 + $1.source.lineCount }
        if loadPreviousYear {
            let (previous, previousFiles, previousDiagnostics) = timed("previous") { loadPrevious(budget, catalog: catalog) }
            evaluated.previous = previous
            files += previousFiles
            diagnostics += previousDiagnostics
        }
        // Only a very large budget can need more rows than a worksheet has.
        let tablesCanOverflow = sourceLines >= WorksheetLimits.sourceLinesBeforeTablesCanOverflow
        if buildingTables || tablesCanOverflow {
            // Compiling, or a budget so large its tables are built here: nothing from here on reads the syntax
            // tree (diagnostics show the source lines), and the tables are the memory peak, so the tree is
            // freed before they are built (`files` keep their source lines, not their nodes).
            // Not earlier, before evaluating (measured, issue 15): the peak at a million lines is then 11%
            // lower, but the evaluated lines are allocated into the tree's freed holes and every later pass
            // over them (tables, rules) ran 1.5–2× slower for want of locality.
            loaded = Loader.Loaded(files: [], nodes: [])
            for i in files.indices { files[i].nodes = [] }
        }
        // Rules judge a budget that could be fully understood; on a broken one they would only echo earlier errors.
        var built: (set: TableSetSpec, built: [BuiltTable])?
        var notes: Notes?
        // Last year's budget (and each side of a diff) is read for its amounts: its tables are not
        // measured, so a table-set or empty-table problem of history never blocks a comparison.
        let measuresTables = loadPreviousYear
        if !diagnostics.hasErrors {
            var summaries: [TableSummary] = []
            var cover: [CoverItem] = []
            var layouts: TableSetSpec?
            if measuresTables {
                let (set, layoutDiagnostics) = timed("layouts") { tables(for: budget) }
                diagnostics += layoutDiagnostics
                evaluated.budget.emptyTableReasons = emptyTableReasons(of: budget, for: set)
                evaluated.budget.displayUnit = budget.publicationUnit?.unit ?? set.moneyUnit
                diagnostics += set.unitCaptionDiagnostics(publishing: evaluated.budget.displayUnit)
                if !layoutDiagnostics.hasErrors { layouts = set }
            }
            if let layouts {
                cover = layouts.coverLines.map(\.item)
                let context = TableContext(budget: evaluated, layouts: layouts)
                // Compiling, the tables are written here (and reused by compile); checking, they are only
                // measured, and in a budget large enough to pass a worksheet's rows they count their rows.
                if buildingTables {
                    let tables = timed("tables") { TableSet.buildTables(context) }
                    built = (layouts, tables)
                    summaries = TableSet.summaries(tables, context)
                    diagnostics += WorksheetLimits.diagnostics(tables.map(\.sheet), file: path)
                } else if tablesCanOverflow {
                    let tables = timed("tables") { TableSet.measureCountingRows(context) }
                    summaries = TableSet.summaries(tables, context)
                    diagnostics += WorksheetLimits.diagnostics(tables.map { ($0.sheet, $0.rowsNeeded) }, file: path)
                } else {
                    summaries = timed("tables") { TableSet.summaries(context) }
                }
            }
            // With last year named, the 说明 is generated once here: its missing reasons are a rule's findings
            // (notes-reason), and `budgetc notes` prints the same text.
            if evaluated.previous != nil { notes = timed("notes") { Notes.generate(evaluated) } }
            diagnostics += timed("rules") { RuleRegistry.run(evaluated, context: RuleContext(tables: summaries, notes: notes, cover: cover), options: ruleOptions) }
        }
        var result = Result(files: files, budget: evaluated, diagnostics: diagnostics.sortedByLocation())
        result.tables = built
        result.otherInputs = otherInputs
        result.notes = notes
        return result
    }

    /// The table set: `--tables`, else the budget's `报表` line (relative to its file), else the default.
    public func tables(for budget: Budget) -> (TableSetSpec, [Diagnostic]) {
        let root = loader.policy.root
        if let tableSet { return TableSetSpec.load(tableSet, templates: templates, root: root) }
        if let (written, span) = budget.tableSet {
            let name = written.replacingAll("\\", with: "/") // folders written the Windows way
            let builtIn = TableSpecLoader.locate(name, templates: templates) != nil && !name.contains("/")
            return TableSetSpec.load(builtIn ? name : Pipeline.resolve(name, relativeTo: span), templates: templates, at: span, root: root)
        }
        return TableSetSpec.load(templates: templates)
    }

    /// The unit the budget's publication prints amounts in: its `公开金额单位`, else its table set's
    /// `金额单位` (万元 when the set cannot be read). For commands that do not measure the tables (diff).
    public func displayUnit(of budget: Budget) -> MoneyUnit {
        budget.publicationUnit?.unit ?? tables(for: budget).0.moneyUnit
    }

    /// `空表 表N` means table N of the set the budget was written for (its `报表` line, else the
    /// default). Compiled with another set (`--tables`), such a reason follows its table by name, so
    /// 陕西 表9 (政府性基金) never explains 全国 表9 (国有资本经营预算).
    func emptyTableReasons(of budget: Budget, for set: TableSetSpec) -> [String: Reason] {
        guard tableSet != nil, !budget.emptyTableReasons.isEmpty else { return budget.emptyTableReasons }
        var own = self
        own.tableSet = nil
        let (written, _) = own.tables(for: budget)
        guard !written.folder.isEmpty, written.folder != set.folder else { return budget.emptyTableReasons }
        var result: [String: Reason] = [:]
        for (key, reason) in budget.emptyTableReasons {
            result[written.table(named: key).map { TableSpec.plainTitle($0.title) } ?? key] = reason
        }
        return result
    }

    /// Paths in a budget are relative to the file that names them (`\` accepted as a separator).
    static func resolve(_ path: String, relativeTo span: SourceSpan) -> String {
        BudgetPath.resolve(path, relativeToFile: span.file)
    }

    /// The path named by `上年预算`/`上年决算`, or nil (with the refusal reported) when the path policy forbids it.
    func previousPath(_ written: String, at span: SourceSpan, diagnostics: inout [Diagnostic]) -> String? {
        let path = Pipeline.resolve(written, relativeTo: span)
        if let refusal = loader.policy.refusal(forNamed: path, written: written, kind: .budget) {
            diagnostics.append(Diagnostic(.error, "path-policy", refusal, at: span, hint: PathPolicy.hint(.budget)))
            return nil
        }
        return path
    }

    /// Loads the previous budget and 决算 the budget names. Their own errors are reported (with
    /// their own locations), their warnings are not: last year's budget is history.
    func loadPrevious(_ budget: Budget, catalog: Catalog) -> (PreviousYear?, [SyntaxFile], [Diagnostic]) {
        var files: [SyntaxFile] = []
        var diagnostics: [Diagnostic] = []
        var previousBudget: EvaluatedBudget?
        var actuals: Actuals?
        if let (path, span) = budget.previousBudgetPath, let resolved = previousPath(path, at: span, diagnostics: &diagnostics) {
            let result = check(path: resolved, loadPreviousYear: false)
            files += result.files
            let errors = result.diagnostics.filter { $0.severity == .error }
            if result.files.isEmpty {
                diagnostics.append(Diagnostic(.error, "include-missing", "找不到上年预算文件“\(path)”", at: span, hint: "路径相对于本文件"))
            } else if result.kind == .actuals {
                diagnostics.append(Diagnostic(.error, "previous-year", "“\(path)”是决算文件（决算 \(result.actuals?.year ?? 0)），不是上年预算", at: span,
                                              hint: "把这一行改为：上年决算 \"\(path)\"（决算的预算数、决算数都会用于比较）"))
            } else if !errors.isEmpty {
                diagnostics += errors
                diagnostics.append(Diagnostic(.error, "previous-year", "上年预算有 \(errors.count) 个错误，无法用于比较", at: span))
            } else {
                previousBudget = result.budget
            }
        }
        if let (path, span) = budget.previousActualsPath, let resolved = previousPath(path, at: span, diagnostics: &diagnostics) {
            let result = check(path: resolved, loadPreviousYear: false)
            files += result.files
            let errors = result.diagnostics.filter { $0.severity == .error }
            if result.files.isEmpty {
                diagnostics.append(Diagnostic(.error, "include-missing", "找不到上年决算文件“\(path)”", at: span, hint: "路径相对于本文件"))
            } else if result.kind == .budget {
                diagnostics.append(Diagnostic(.error, "previous-year", "“\(path)”是预算文件（没有 决算 年度 一行），不是决算", at: span,
                                              hint: "上年的预算写作：上年预算 \"\(path)\"；决算文件以 决算 2024 开头（见 docs/language.md “决算文件”）"))
            } else if !errors.isEmpty {
                diagnostics += errors
                diagnostics.append(Diagnostic(.error, "previous-year", "上年决算有 \(errors.count) 个错误，无法用于比较", at: span))
            } else {
                actuals = result.actuals
            }
        }
        if previousBudget == nil && actuals == nil && budget.previousTotals == nil { return (nil, files, diagnostics) }
        return (PreviousYear(budget: previousBudget, actuals: actuals, totals: budget.previousTotals), files, diagnostics)
    }

    /// The 决算 a 决算 names with `上年决算` (for its 说明's 较上年 sentences).
    func loadPreviousActuals(_ written: String, at span: SourceSpan) -> (Actuals?, [SyntaxFile], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let resolved = previousPath(written, at: span, diagnostics: &diagnostics) else { return (nil, [], diagnostics) }
        let result = check(path: resolved, loadPreviousYear: false)
        let errors = result.diagnostics.filter { $0.severity == .error }
        if result.files.isEmpty {
            diagnostics.append(Diagnostic(.error, "include-missing", "找不到上年决算文件“\(written)”", at: span, hint: "路径相对于本文件"))
        } else if result.kind == .budget {
            diagnostics.append(Diagnostic(.error, "previous-year", "“\(written)”是预算文件，不是决算", at: span, hint: "上年决算 应指向以 决算 年度 开头的决算文件"))
        } else if !errors.isEmpty {
            diagnostics += errors
            diagnostics.append(Diagnostic(.error, "previous-year", "上年决算有 \(errors.count) 个错误，无法用于比较", at: span))
        }
        return (diagnostics.hasErrors ? nil : result.actuals, result.files, diagnostics)
    }

    /// The table set of a 决算 publication: `--tables`, else its `报表` line, else the built-in 决算 set.
    public func tables(for actuals: Actuals) -> (TableSetSpec, [Diagnostic]) {
        var stand = Budget()
        stand.tableSet = actuals.tableSet
        if tableSet == nil && actuals.tableSet == nil { return TableSetSpec.load(ActualsTables.defaultSet, templates: templates) }
        return tables(for: stand)
    }

    /// Why the outputs of a compile cannot be written, checked before any work is done (LibreOffice for a
    /// PDF; every target by `SafeWrite`'s rules), or nil.
    func refusalToWrite(output: String, dumpCells: String?, pdf: String?, protecting inputs: Set<FileIdentity>, root: String?) -> String? {
        if pdf != nil && PdfExport.office() == nil { return PdfExport.missingOffice }
        for target in [output, dumpCells, pdf].compactMap({ $0 }) {
            do { _ = try SafeWrite.checkedTarget(target, protecting: inputs, replacing: nil, root: root) } catch { return "\(error)" }
        }
        return nil
    }

    /// Writes the 决算 workbook: 封面, 目录, the 决算 set's tables, 决算说明.
    func compileActuals(_ actuals: Actuals, result: Result, path: String, output: String, force: Bool, dumpCells: String?, pdf: String?) -> Compiled {
        var result = result
        if result.diagnostics.hasErrors && !force { return Compiled(result: result, output: nil, failure: nil) }
        let inputs = result.inputIdentities
        let root = loader.policy.root
        if let refusal = refusalToWrite(output: output, dumpCells: dumpCells, pdf: pdf, protecting: inputs, root: root) {
            return Compiled(result: result, output: nil, failure: refusal)
        }
        let (layouts, layoutDiagnostics) = tables(for: actuals)
        if layoutDiagnostics.hasErrors {
            result.diagnostics += layoutDiagnostics.filter { !result.diagnostics.contains($0) }
            return Compiled(result: result, output: nil, failure: nil)
        }
        let figures = ActualsFigures(actuals)
        let context = ActualsTables.Context(figures: figures, layouts: layouts)
        let notes = ActualsNotes.generate(figures, previous: actuals.previous.map { ActualsFigures($0.actuals) }, unit: context.moneyUnit)
        let tables = timed("tables") { ActualsTables.buildTables(context) }
        result.diagnostics += ActualsTables.reasonDiagnostics(context, tables) + layouts.unitCaptionDiagnostics(publishing: context.moneyUnit)
        if result.diagnostics.hasErrors && !force { return Compiled(result: result, output: nil, failure: nil) }
        let sheets = ActualsTables.workbook(context, tables: tables, notes: notes).map(PageSetup.laidOut)
        do {
            if let dumpCells {
                try SafeWrite.write(Data(CellDump.dump(sheets).utf8), to: dumpCells, protecting: inputs, root: root)
            }
            try XlsxWriter.write(sheets, to: output, created: Pipeline.creationDate(year: actuals.year),
                                 title: context.fill(layouts.workbookTitle), protecting: inputs, root: root)
            if let pdf {
                try PdfExport.write(sheets, to: pdf, created: Pipeline.creationDate(year: actuals.year),
                                    title: context.fill(layouts.workbookTitle), protecting: inputs, root: root)
            }
        } catch {
            return Compiled(result: result, output: nil, failure: "\(error)")
        }
        return Compiled(result: result, output: output, failure: nil)
    }

    public struct Compiled: Sendable {
        public var result: Result
        /// The workbook written, or nil when errors (or an I/O failure) stopped the compile.
        public var output: String?
        public var failure: String?
    }

    /// `check`, then build the tables and write the workbook — unless errors remain and `force` is off.
    /// With `pdf`, the whole disclosure is also printed to that PDF through LibreOffice (`PdfExport`).
    public func compile(path: String, output: String, force: Bool = false, dumpCells: String? = nil, pdf: String? = nil) -> Compiled {
        var result = check(path: path, loadPreviousYear: loadsPreviousYear, buildingTables: true)
        if let actuals = result.actuals {
            return compileActuals(actuals, result: result, path: path, output: output, force: force, dumpCells: dumpCells, pdf: pdf)
        }
        guard result.budget != nil, !result.files.isEmpty else { return Compiled(result: result, output: nil, failure: nil) }
        var budget: EvaluatedBudget? = result.budget // optional, so that it can be freed before writing (`keepsBudget`)
        if result.diagnostics.hasErrors && !force { return Compiled(result: result, output: nil, failure: nil) }
        let inputs = result.inputIdentities
        let root = loader.policy.root
        if let refusal = refusalToWrite(output: output, dumpCells: dumpCells, pdf: pdf, protecting: inputs, root: root) {
            return Compiled(result: result, output: nil, failure: refusal)
        }
        let layouts: TableSetSpec
        var built: [BuiltTable]?
        if let tables = result.tables {
            (layouts, built) = (tables.set, tables.built)
        } else {
            let (loaded, layoutDiagnostics) = timed("layouts") { tables(for: budget!.budget) }
            if layoutDiagnostics.hasErrors {
                result.diagnostics += layoutDiagnostics.filter { !result.diagnostics.contains($0) }
                return Compiled(result: result, output: nil, failure: nil)
            }
            layouts = loaded
            budget!.budget.emptyTableReasons = emptyTableReasons(of: budget!.budget, for: layouts)
            budget!.budget.displayUnit = budget!.budget.publicationUnit?.unit ?? layouts.moneyUnit
        }
        var sheets: [Sheet] = []
        var title = "", created = Date()
        do { // the context ends with this block
            let context = TableContext(budget: budget!, layouts: layouts, draft: result.diagnostics.hasErrors)
            sheets = timed("tables") { TableSet.build(context, tables: built ?? TableSet.buildTables(context), notes: result.notes) }
            (title, created) = (TableSet.workbookTitle(context), Pipeline.creationDate(year: context.model.year))
        }
        // From here the sheets are the only copy of the tables, so the writer can free each one once written;
        // and, unless the caller keeps it, the evaluated budget is freed before libxlsxwriter stores the cells.
        built = nil
        result.tables = nil
        budget = nil
        if !keepsBudget { result.budget = nil }
        // Rendering starts with the printed layout: rows repeated on continuation pages, titles per page width
        // (in place: a sheet's rows move down, they are not copied).
        timed("layout") { for i in sheets.indices { PageSetup.layOut(&sheets[i]) } }
        let limits = WorksheetLimits.diagnostics(sheets, file: path)
        if !limits.isEmpty {
            result.diagnostics += limits.filter { !result.diagnostics.contains($0) }
            return Compiled(result: result, output: nil, failure: nil)
        }
        do {
            if let dumpCells {
                try SafeWrite.write(Data(CellDump.dump(sheets).utf8), to: dumpCells, protecting: inputs, root: root)
            }
            try timed("render") {
                Swift.Result<Void, Error> {
                    // Without a PDF to print, each sheet is freed as soon as libxlsxwriter holds its cells.
                    if pdf == nil {
                        try XlsxWriter.write(releasing: &sheets, to: output, created: created, title: title, protecting: inputs, root: root)
                    } else {
                        try XlsxWriter.write(sheets, to: output, created: created, title: title, protecting: inputs, root: root)
                    }
                }
            }.get()
            if let pdf {
                try timed("pdf") {
                    Swift.Result<Void, Error> { try PdfExport.write(sheets, to: pdf, created: created, title: title, protecting: inputs, root: root) }
                }.get()
            }
        } catch {
            return Compiled(result: result, output: nil, failure: "\(error)")
        }
        return Compiled(result: result, output: output, failure: nil)
    }

    /// The workbook's creation time is pinned to 1 January of the budget year, so that the same
    /// input always gives the same bytes.
    /// Counted in days (a Gregorian calendar cost 1.4 M instructions of `compile` to set up, issue 15).
    public static func creationDate(year: Int) -> Date {
        let year = max(1990, min(year, 2200))
        let days = (1970..<year).reduce(0) { days, y in days + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365) }
        return Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
    }
}
