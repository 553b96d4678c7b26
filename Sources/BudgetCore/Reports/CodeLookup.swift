/// `budgetc codes QUERY [--year Y]`: find function, economic and procurement codes of one edition by
/// code prefix or Chinese name; an unknown code gets the nearest valid ones.
public struct CodeLookup: Sendable {
    public enum Table: String, Sendable {
        case function = "支出功能分类", economicDepartment = "部门预算支出经济分类", economicGovernment = "政府预算支出经济分类"
        case procurement = "政府采购品目"
    }

    public struct Match: Sendable {
        public var table: Table
        public var code: String
        /// 类 / 款 / 项 (or 门类 / 大类 / 品目) names from the top down.
        public var path: [String]
        /// 政府经济分类 for 行政/参公 and for 事业 units (部门经济 款 only).
        public var government: (administrative: String, institution: String)?
        /// Marked 运转类 (基本支出 may sit on it).
        public var running: Bool
    }

    let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    var tables: [(Table, [String: String])] {
        [(.function, catalog.function), (.economicDepartment, catalog.economicDepartment),
         (.economicGovernment, catalog.economicGovernment), (.procurement, catalog.procurement)]
    }

    public func search(_ query: String) -> [Match] {
        let q = Normalize.folded(query).trimmingSpaces().uppercased()
        guard !q.isEmpty else { return [] }
        let byCode = q.allSatisfy(\.isASCIIDigit) || (q.count > 1 && "ABC".contains(q.first!) && q.dropFirst().allSatisfy(\.isASCIIDigit))
        let wanted = CodeNameRule.comparable(q)
        var matches: [Match] = []
        for (table, entries) in tables {
            for (code, name) in entries.sorted(by: { $0.key < $1.key }) {
                let hit = byCode ? code.hasPrefix(q) : CodeNameRule.comparable(name).contains(wanted)
                if hit { matches.append(match(table, code, entries)) }
            }
        }
        return matches
    }

    func match(_ table: Table, _ code: String, _ entries: [String: String]) -> Match {
        let prefixes = table == .procurement ? [1, 3, 5, 7, 9] : table == .function ? [3, 5, 7] : [3, 5]
        let path = prefixes.filter { $0 <= code.count }.compactMap { entries[String(code.prefix($0))] }
            + (prefixes.contains(code.count) ? [] : [entries[code] ?? ""])
        return Match(table: table, code: code, path: path,
                     government: table == .economicDepartment ? catalog.mapping[code] : nil,
                     running: table == .function && catalog.isRunningItem(code))
    }

    /// For a code that matches nothing: the edition story and the nearest valid codes.
    public func didYouMean(_ query: String) -> (note: String?, matches: [Match]) {
        let q = Normalize.folded(query).trimmingSpaces()
        guard q.allSatisfy(\.isASCIIDigit) else { return (nil, []) }
        let kind: Catalog.Kind = q.hasPrefix("3") ? .economicDepartment : q.hasPrefix("5") ? .economicGovernment : .function
        let table: Table = kind == .function ? .function : kind == .economicDepartment ? .economicDepartment : .economicGovernment
        let entries = catalog.table(kind)
        return (catalog.editionNote(for: q, in: kind), catalog.suggestions(for: q, in: kind).map { match(table, $0, entries) })
    }

    public func text(_ matches: [Match]) -> String {
        var out = ""
        for m in matches {
            out += "\(m.code)  \(m.path.joined(separator: " / "))  [\(m.table.rawValue)]\(m.running ? " 运转类" : "")"
            if let g = m.government {
                let admin = "\(g.administrative) \(catalog.economicGovernment[g.administrative] ?? "")"
                let inst = "\(g.institution) \(catalog.economicGovernment[g.institution] ?? "")"
                out += "\n    政府经济分类：行政/参公 → \(admin)；事业 → \(inst)"
            }
            out += "\n"
        }
        return out
    }
}
