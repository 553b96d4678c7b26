/// `budgetc codes QUERY`: find function and economic codes by code prefix or Chinese name.
public struct CodeLookup: Sendable {
    public struct Match: Sendable {
        public var kind: Catalog.Kind
        public var code: String
        /// 类 / 款 / 项 names from the top down.
        public var path: [String]
        /// 政府经济分类 for 行政/参公 and for 事业 units (部门经济 款 only).
        public var government: (administrative: String, institution: String)?
    }

    let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    public func search(_ query: String) -> [Match] {
        let q = Normalize.folded(query).trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        var matches: [Match] = []
        let tables: [(Catalog.Kind, [String: String])] = [(.function, catalog.function), (.economicDepartment, catalog.economicDepartment),
                                                          (.economicGovernment, catalog.economicGovernment)]
        let byCode = q.allSatisfy(\.isASCIIDigit)
        for (kind, table) in tables {
            for (code, name) in table.sorted(by: { $0.key < $1.key }) {
                let hit = byCode ? code.hasPrefix(q) : CodeNameRule.comparable(name).contains(CodeNameRule.comparable(q))
                guard hit else { continue }
                let prefixes = kind == .function ? [3, 5, 7] : [3, 5]
                let path = prefixes.filter { $0 <= code.count }.compactMap { table[String(code.prefix($0))] }
                let government = kind == .economicDepartment ? catalog.mapping[code] : nil
                matches.append(Match(kind: kind, code: code, path: path, government: government))
            }
        }
        return matches
    }

    public func text(_ matches: [Match]) -> String {
        var out = ""
        for m in matches {
            out += "\(m.code)  \(m.path.joined(separator: " / "))  [\(m.kind.rawValue)]"
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

import Foundation
