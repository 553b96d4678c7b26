import Foundation

/// The built-in catalog files of `templates/catalogs`, read once per process and kept as rows with
/// their edition range, so that every edition (and the budget of the previous year) is cut from the
/// same parse. The files are plain TSV with a header line; parsing works on UTF-8 bytes because it
/// runs on every `budgetc` start (see docs/catalogs in templates/catalogs/README.md).
public struct CatalogSource: Sendable {
    /// One catalog row. `from`/`until` bound the editions that contain it (nil: open).
    public struct Row: Sendable {
        public var code: String
        public var name: String
        /// Set for 支出功能分类 项 that carry 基本支出 (行政运行, 事业运行, schools' 学前教育 …).
        public var running: Bool
        public var from: Int?
        public var until: Int?
        /// The published document that printed this code with this name; empty when no document
        /// found so far confirms the row.
        public var source: String

        public var isConfirmed: Bool { !source.isEmpty }
        public func isIn(edition year: Int) -> Bool {
            (from.map { $0 <= year } ?? true) && (until.map { year <= $0 } ?? true)
        }
    }

    public struct Edition: Sendable {
        public var year: Int
        public var document: String
    }

    public var editions: [Edition] = []
    public var function: [Row] = []
    public var economicDepartment: [Row] = []
    public var economicGovernment: [Row] = []
    public var procurement: [Row] = []
    /// 部门经济 款 → (行政/参公 政府款, 事业 政府款)
    public var mapping: [String: (administrative: String, institution: String)] = [:]
    public var diagnostics: [Diagnostic] = []

    /// The rows of one classification, in every edition.
    public func rows(_ kind: Catalog.Kind) -> [Row] {
        switch kind {
        case .function: return function
        case .economicDepartment: return economicDepartment
        case .economicGovernment: return economicGovernment
        }
    }

    public static let files = ["editions.tsv", "function.tsv", "econ-dept.tsv", "econ-gov.tsv", "econ-mapping.tsv", "procurement.tsv"]
    static let optionalFiles: Set<String> = ["editions.tsv", "procurement.tsv"]

    /// The edition a budget of `year` uses: the newest edition not after the year (the oldest one
    /// for earlier years; the newest for a budget without a year).
    public func editionYear(for year: Int?) -> Int? {
        let years = editions.map(\.year).sorted()
        guard let newest = years.last else { return nil }
        guard let year, year > 0 else { return newest }
        return years.last(where: { $0 <= year }) ?? years.first
    }

    // MARK: - Reading

    public static func load(templates: Templates) -> CatalogSource {
        cache.value(for: templates.root) { CatalogSource(reading: templates) }
    }

    private static let cache = Cache()

    /// One parse per templates folder and process: `check` of a budget also checks last year's.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var sources: [String: CatalogSource] = [:]

        func value(for key: String, _ make: () -> CatalogSource) -> CatalogSource {
            lock.lock()
            defer { lock.unlock() }
            if let source = sources[key] { return source }
            let source = make()
            sources[key] = source
            return source
        }
    }

    init(reading templates: Templates) {
        for name in CatalogSource.files {
            let path = templates.path("catalogs/" + name)
            guard let data = FileManager.default.contents(atPath: path) else {
                // A templates folder from before editions and 采购品目 still checks: one edition, no 品目 check.
                if CatalogSource.optionalFiles.contains(name) { continue }
                diagnostics.append(Diagnostic(.error, "io", "找不到内置分类目录 \(path)", at: nil,
                                              hint: "设置环境变量 BUDGETC_TEMPLATES 指向 budgetc 的 templates 目录"))
                continue
            }
            read(data, path: path, file: name)
        }
    }

    /// Catalog files given as text, keyed by file name (`function.tsv` …): for tests and tools.
    public init(files: [String: String]) {
        for name in CatalogSource.files {
            if let text = files[name] { read(Data(text.utf8), path: name, file: name) }
        }
    }

    /// Parses `data` as one of the built-in files. Columns are found by the header names; rows
    /// whose code is not what the file holds are reported (the files are edited by hand).
    mutating func read(_ data: Data, path: String, file: String) {
        var header: [String: Int] = [:]
        var columns: Columns?
        let kind = FileKind(file)
        var lineNumber = 0
        let fileID = SourceFiles.id(path) // once, not per row
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var fields: [String] = [] // one buffer for every row (a fresh array grew row by row: 3 M instructions)
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 10 { end += 1 }
                lineNumber += 1
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == 13 { lineEnd -= 1 }
                defer { start = end + 1 }
                if lineEnd == start || bytes[start] == UInt8(ascii: "#") { continue }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = start
                for i in start...lineEnd where i == lineEnd || bytes[i] == 9 {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                    fieldStart = i + 1
                }
                guard let columns else {
                    for (index, name) in fields.enumerated() { header[name] = index }
                    columns = Columns(header)
                    continue
                }
                add(fields, columns: columns, kind: kind, at: SourceSpan(fileID: fileID, line: lineNumber, column: 1, length: 1))
            }
        }
    }

    /// Which file is being read, decided once per file rather than once per row.
    private enum FileKind {
        case editions, mapping, function, economicDepartment, economicGovernment, procurement
        init(_ file: String) {
            switch file {
            case "editions.tsv": self = .editions
            case "econ-mapping.tsv": self = .mapping
            case "function.tsv": self = .function
            case "econ-dept.tsv": self = .economicDepartment
            case "econ-gov.tsv": self = .economicGovernment
            default: self = .procurement
            }
        }
    }

    /// The position of each named column, found once from the header line (each row looked its
    /// columns up by name: about half of the catalogs' start-up cost, issue 15). Nil: no such column.
    private struct Columns {
        var code, name, running, from, until, source, document, admin, institution: Int?
        init(_ header: [String: Int]) {
            code = header["code"] ?? header["year"] ?? header["dept"]
            name = header["name"]
            running = header["running"]
            from = header["from"]
            until = header["until"]
            source = header["source"]
            document = header["document"]
            admin = header["admin"]
            institution = header["institution"]
        }
    }

    private mutating func add(_ fields: [String], columns: Columns, kind: FileKind, at span: SourceSpan) {
        func field(_ index: Int?) -> String {
            guard let index, index < fields.count else { return "" }
            return fields[index]
        }
        let code = field(columns.code)
        switch kind {
        case .editions:
            if let year = Int(code) { editions.append(Edition(year: year, document: field(columns.document))) }
            return
        case .mapping:
            mapping[code] = (field(columns.admin), field(columns.institution))
            return
        default:
            break
        }
        let row = Row(code: code, name: field(columns.name), running: !field(columns.running).isEmpty, from: Int(field(columns.from)),
                      until: Int(field(columns.until)), source: field(columns.source))
        guard !code.isEmpty, !row.name.isEmpty else {
            diagnostics.append(Diagnostic(.error, "catalog-format", "目录文件的行缺少编码或名称", at: span))
            return
        }
        switch kind {
        case .function: function.append(row)
        case .economicDepartment: economicDepartment.append(row)
        case .economicGovernment: economicGovernment.append(row)
        default: procurement.append(row)
        }
    }
}
