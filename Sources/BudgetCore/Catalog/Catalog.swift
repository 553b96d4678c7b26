import Foundation

public enum UnitType: String, Sendable, CaseIterable, Codable {
    case administrative = "行政"
    case civilServiceManaged = "参公"
    case institution = "事业"

    /// 参公 units follow the administrative mapping of economic codes.
    public var usesAdministrativeMapping: Bool { self != .institution }
}

/// The classification catalogs of one edition (支出功能分类, 部门预算支出经济分类, 政府预算支出经济分类,
/// the mapping between the last two, and the 政府采购品目分类目录), cut from the built-in
/// `templates/catalogs/*.tsv` for the budget's year, plus any local 分类目录 the budget names.
public struct Catalog: Sendable {
    public var function: [String: String] = [:]
    public var economicDepartment: [String: String] = [:]
    public var economicGovernment: [String: String] = [:]
    public var procurement: [String: String] = [:]
    /// 部门经济 款 → (行政/参公 政府款, 事业 政府款)
    public var mapping: [String: (administrative: String, institution: String)] = [:]
    /// 支出功能分类 项 that carry 基本支出 (running costs of an office, a school, a hospital …).
    public var runningItems: Set<String> = []
    /// The edition (year of the 政府收支分类科目) these rows come from; nil for a catalog built by hand.
    public var edition: Int?
    /// All editions, to explain a code missing from this one (added later, removed, renamed).
    public var source: CatalogSource?
    /// Local catalogs merged into this one, replayed when another edition is cut (`forYear`).
    var localFiles: [(text: String, path: String)] = []

    public init() {}

    public enum Kind: String, Sendable { case function = "支出功能分类", economicDepartment = "部门预算支出经济分类", economicGovernment = "政府预算支出经济分类" }

    public func name(of code: String, in kind: Kind) -> String? {
        // Straight into the dictionary (through `table(kind)` each look-up copied and released it).
        switch kind {
        case .function: return function[code]
        case .economicDepartment: return economicDepartment[code]
        case .economicGovernment: return economicGovernment[code]
        }
    }

    public func table(_ kind: Kind) -> [String: String] {
        switch kind {
        case .function: return function
        case .economicDepartment: return economicDepartment
        case .economicGovernment: return economicGovernment
        }
    }

    public func governmentCode(for departmentCode: String, unitType: UnitType) -> String? {
        guard let row = mapping[departmentCode] else { return nil }
        return unitType.usesAdministrativeMapping ? row.administrative : row.institution
    }

    /// Whether 基本支出 may sit on this function code: marked in the catalog data, or (for codes from
    /// a local catalog) named like the running-cost 项 of every 款.
    public func isRunningItem(_ code: String) -> Bool {
        runningItems.contains(code) || Catalog.runningNames.contains(function[code] ?? "")
    }

    static let runningNames: Set<String> = ["行政运行", "事业运行", "机关服务", "机构运行"]

    /// The catalog of the edition a budget of `year` uses (nil year: the newest edition).
    public init(source: CatalogSource, year: Int?) {
        let edition = source.editionYear(for: year)
        self.edition = edition
        self.source = source
        func rows(_ rows: [CatalogSource.Row]) -> [CatalogSource.Row] {
            guard let edition else { return rows }
            return rows.filter { $0.isIn(edition: edition) }
        }
        let functionRows = rows(source.function)
        function = Dictionary(functionRows.map { ($0.code, $0.name) }, uniquingKeysWith: { _, last in last })
        runningItems = Set(functionRows.filter(\.running).map(\.code))
        economicDepartment = Dictionary(rows(source.economicDepartment).map { ($0.code, $0.name) }, uniquingKeysWith: { _, last in last })
        economicGovernment = Dictionary(rows(source.economicGovernment).map { ($0.code, $0.name) }, uniquingKeysWith: { _, last in last })
        procurement = Dictionary(rows(source.procurement).map { ($0.code, $0.name) }, uniquingKeysWith: { _, last in last })
        mapping = source.mapping
    }

    /// Reads a local catalog (`分类目录 "文件.tsv"`): `#` comments, one header line, then `code<TAB>name`
    /// rows, or `dept<TAB>admin<TAB>institution` mapping rows. The kind of a code follows from its first
    /// character: 2 功能分类, 3 部门经济分类, 5 政府经济分类, A/B/C 政府采购品目.
    public mutating func merge(tsv text: String, path: String) -> [Diagnostic] {
        localFiles.append((text, path))
        var diagnostics: [Diagnostic] = []
        var sawHeader = false
        let fileID = SourceFiles.id(path)
        for (index, rawLine) in SourceFile.splitLines(text).enumerated() {
            let line = rawLine.trimmingTrailingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            let isCode = { (s: String) in s.first?.isASCIIDigit ?? false || (s.count > 1 && "ABC".contains(s.first!) && s.dropFirst().allSatisfy(\.isASCIIDigit)) }
            if !sawHeader, let first = columns.first, !isCode(Normalize.folded(first)) {
                sawHeader = true
                continue
            }
            sawHeader = true
            let span = SourceSpan(fileID: fileID, line: index + 1, column: 1, length: line.count)
            let code = Normalize.folded(columns[0])
            guard !code.isEmpty, isCode(code), code.dropFirst().allSatisfy(\.isASCIIDigit) else {
                diagnostics.append(Diagnostic(.error, "catalog-format", "目录文件中的编码“\(columns[0])”不是数字", at: span))
                continue
            }
            if columns.count >= 3, columns[1].first?.isASCIIDigit == true {
                mapping[code] = (columns[1], columns[2])
                continue
            }
            guard columns.count >= 2, !columns[1].isEmpty else {
                diagnostics.append(Diagnostic(.error, "catalog-format", "目录文件的每行应为“编码<Tab>名称”", at: span))
                continue
            }
            switch code.first {
            case "2": function[code] = columns[1]
            case "3": economicDepartment[code] = columns[1]
            case "5": economicGovernment[code] = columns[1]
            case "A", "B", "C": procurement[code] = columns[1]
            default:
                diagnostics.append(Diagnostic(.error, "catalog-format", "无法判断编码“\(code)”属于哪个分类（功能分类以 2 开头，部门经济分类以 3 开头，政府经济分类以 5 开头，采购品目以 A/B/C 开头）", at: span))
            }
        }
        return diagnostics
    }

    /// The built-in catalogs shipped in `templates/catalogs`, in the edition for `year` (nil: newest).
    public static func builtIn(templates: Templates, year: Int? = nil) -> (Catalog, [Diagnostic]) {
        let source = CatalogSource.load(templates: templates)
        return (Catalog(source: source, year: year), source.diagnostics)
    }

    /// The same catalog (local rows included) in the edition for `year`: last year's 决算 is checked
    /// against its own year's codes.
    public func forYear(_ year: Int?) -> Catalog {
        guard let source, source.editionYear(for: year) != edition else { return self }
        var other = Catalog(source: source, year: year)
        for file in localFiles { _ = other.merge(tsv: file.text, path: file.path) }
        return other
    }

    /// The budget year written in parsed source (`年度 2025`), read before resolving so that codes are
    /// checked against the right edition.
    public static func year(in nodes: [SyntaxNode]) -> Int? {
        for node in nodes where (node.keyword == "年度" || node.keyword == "决算") && node.fields.count >= 2 {
            let digits = Normalize.folded(node.fields[1].text).filter(\.isASCIIDigit)
            if let year = Int(digits), (1990...2200).contains(year) { return year }
        }
        return nil
    }
}

/// Finds the `templates` folder: `$BUDGETC_TEMPLATES`, then `share/budgetc/templates` beside an
/// installed binary, then the source checkout this binary was built from.
public struct Templates: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    public static func locate() -> Templates {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["BUDGETC_TEMPLATES"], !env.isEmpty {
            return Templates(root: env)
        }
        // The executable's real location (never the working directory: a budget office's shared folder
        // must not be able to plant templates). `make install` puts them in PREFIX/share/budgetc.
        if let executable = BudgetPath.realPath("/proc/self/exe") {
            let installed = BudgetPath.join(BudgetPath.directory(of: BudgetPath.directory(of: executable)), "share/budgetc/templates")
            if fm.fileExists(atPath: installed + "/catalogs/function.tsv") { return Templates(root: installed) }
        }
        // Sources/BudgetCore/Catalog/Catalog.swift → repository root.
        // (Path strings, not URL: URL's first use costs two conformance look-ups at every start, issue 15.)
        var checkout = #filePath
        for _ in 0..<4 { checkout = BudgetPath.directory(of: checkout) }
        return Templates(root: BudgetPath.join(checkout, "templates"))
    }

    public func path(_ relative: String) -> String { root + "/" + relative }
}
