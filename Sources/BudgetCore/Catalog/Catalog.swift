import Foundation

public enum UnitType: String, Sendable, CaseIterable, Codable {
    case administrative = "行政"
    case civilServiceManaged = "参公"
    case institution = "事业"

    /// 参公 units follow the administrative mapping of economic codes.
    public var usesAdministrativeMapping: Bool { self != .institution }
}

/// The classification catalogs (支出功能分类, 部门预算支出经济分类, 政府预算支出经济分类 and the
/// mapping between the last two), loaded from `templates/catalogs/*.tsv`.
public struct Catalog: Sendable {
    public var function: [String: String] = [:]
    public var economicDepartment: [String: String] = [:]
    public var economicGovernment: [String: String] = [:]
    /// 部门经济 款 → (行政/参公 政府款, 事业 政府款)
    public var mapping: [String: (administrative: String, institution: String)] = [:]

    public init() {}

    public enum Kind: String, Sendable { case function = "支出功能分类", economicDepartment = "部门预算支出经济分类", economicGovernment = "政府预算支出经济分类" }

    public func name(of code: String, in kind: Kind) -> String? {
        switch kind {
        case .function: return function[code]
        case .economicDepartment: return economicDepartment[code]
        case .economicGovernment: return economicGovernment[code]
        }
    }

    public func governmentCode(for departmentCode: String, unitType: UnitType) -> String? {
        guard let row = mapping[departmentCode] else { return nil }
        return unitType.usesAdministrativeMapping ? row.administrative : row.institution
    }

    /// Reads one TSV catalog: `#` comments, one header line, then `code<TAB>name` rows, or
    /// `dept<TAB>admin<TAB>institution` mapping rows. The kind of a code follows from its first digit:
    /// 2 功能分类, 3 部门经济分类, 5 政府经济分类.
    public mutating func merge(tsv text: String, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var sawHeader = false
        for (index, rawLine) in SourceFile.splitLines(text).enumerated() {
            let line = rawLine.trimmingTrailingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            if !sawHeader, let first = columns.first, !(first.first?.isASCIIDigit ?? false) {
                sawHeader = true
                continue
            }
            sawHeader = true
            let span = SourceSpan(file: path, line: index + 1, column: 1, length: line.count)
            let code = Normalize.folded(columns[0])
            guard code.allSatisfy(\.isASCIIDigit), !code.isEmpty else {
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
            default:
                diagnostics.append(Diagnostic(.error, "catalog-format", "无法判断编码“\(code)”属于哪个分类（功能分类以 2 开头，部门经济分类以 3 开头，政府经济分类以 5 开头）", at: span))
            }
        }
        return diagnostics
    }

    /// The built-in catalogs shipped in `templates/catalogs`.
    public static func builtIn(templates: Templates) -> (Catalog, [Diagnostic]) {
        var catalog = Catalog()
        var diagnostics: [Diagnostic] = []
        for name in ["function.tsv", "econ-dept.tsv", "econ-gov.tsv", "econ-mapping.tsv"] {
            let path = templates.path("catalogs/" + name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, "io", "找不到内置分类目录 \(path)", at: nil,
                                              hint: "设置环境变量 BUDGETC_TEMPLATES 指向 budgetc 的 templates 目录"))
                continue
            }
            diagnostics += catalog.merge(tsv: text, path: path)
        }
        return (catalog, diagnostics)
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
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path
        return Templates(root: checkout)
    }

    public func path(_ relative: String) -> String { root + "/" + relative }
}
