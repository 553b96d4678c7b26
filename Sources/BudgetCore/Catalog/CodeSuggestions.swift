/// What to tell the user about a code that is not in the catalog: which other edition has it (added
/// later, removed, renamed), and the nearest valid codes (one digit off, the same 项 name in the
/// same 类, the 项 of the same 款).
extension Catalog {
    /// Other editions that list `code`, as sentences naming both editions; nil when no edition has it.
    public func editionNote(for code: String, in kind: Kind) -> String? {
        guard let source, let edition else { return nil }
        let matching = source.rows(kind).filter { $0.code == code }
        guard !matching.isEmpty else { return nil }
        let years = source.editions.map(\.year).sorted()
        let inEditions = years.filter { year in matching.contains { $0.isIn(edition: year) } }
        guard let first = inEditions.first, let last = inEditions.last else { return nil }
        let name = matching.first { $0.isIn(edition: last) }?.name ?? matching[0].name
        if first > edition {
            return "\(code) \(name) 自 \(first) 年版目录起才设立，\(edition) 年版目录中没有"
        }
        return "\(code) \(name) 见于 \(first == last ? "\(first)" : "\(first)–\(last)") 年版目录，\(edition) 年版目录中已取消"
    }

    /// A code of this edition that carried `otherName` in another edition: that edition (the newest
    /// one with the old name), so a name written from last year's list is explained, not just flagged.
    public func renamed(_ code: String, in kind: Kind, from otherName: String) -> (edition: Int, name: String)? {
        guard let source, let current = table(kind)[code], current != otherName else { return nil }
        let years = source.editions.map(\.year).sorted()
        for row in source.rows(kind) where row.code == code && row.name == otherName {
            if let year = years.last(where: { row.isIn(edition: $0) }) { return (year, row.name) }
        }
        return nil
    }

    /// Up to `limit` valid codes near an unknown one, nearest first.
    public func suggestions(for code: String, in kind: Kind, limit: Int = 5) -> [String] {
        let table = table(kind)
        guard !code.isEmpty, table[code] == nil else { return [] }
        var ranked: [(rank: Int, code: String)] = []
        var seen: Set<String> = []
        func add(_ candidate: String, _ rank: Int) {
            guard table[candidate] != nil, seen.insert(candidate).inserted else { return }
            ranked.append((rank, candidate))
        }
        let digits = Array(code)
        // A slip in the 项 digits keeps the 款 and ranks first; one in the 类 digits ranks after the 款's own 项.
        func level(_ index: Int) -> Int { index >= 5 ? 0 : index >= 3 ? 2 : 5 }
        // One digit off, or two neighbouring digits swapped.
        for i in digits.indices {
            for d in "0123456789" where d != digits[i] {
                var candidate = digits
                candidate[i] = d
                add(String(candidate), level(i))
            }
            if i + 1 < digits.count, digits[i] != digits[i + 1] {
                var candidate = digits
                candidate.swapAt(i, i + 1)
                add(String(candidate), level(i))
            }
        }
        if kind == .function, code.count == 7 {
            let section = String(code.prefix(5)), klass = String(code.prefix(3)), item = String(code.suffix(2))
            // The same 项 name elsewhere in the 类 (2050250 → 事业运行 of another 款 …).
            if let usual = Catalog.usualItemNames[item] {
                for (candidate, name) in table where candidate.count == 7 && candidate.hasPrefix(klass) && name == usual {
                    add(candidate, 1)
                }
            }
            // The 项 of the same 款 (学前教育, 小学教育 … for 20502).
            for candidate in table.keys where candidate.count == 7 && candidate.hasPrefix(section) {
                add(candidate, 4)
            }
        }
        // Within a rank, the numerically closest code first (2050206 → 2050205 before 2050201).
        let value = Int(code) ?? 0
        func distance(_ candidate: String) -> Int { abs((Int(candidate) ?? 0) - value) }
        return ranked.sorted { ($0.rank, distance($0.code), $0.code) < ($1.rank, distance($1.code), $1.code) }.prefix(limit).map(\.code)
    }

    /// 项 numbers that carry the same name in every 款 that has them.
    static let usualItemNames = ["01": "行政运行", "02": "一般行政管理事务", "03": "机关服务", "50": "事业运行"]

    /// For a code written one level too high (款 21015 where a 项 is needed): the codes below it.
    public func childrenHint(_ code: String, in kind: Kind, digits: Int, limit: Int = 8) -> String? {
        let table = table(kind)
        guard code.count < digits, let name = table[code] else { return nil }
        let children = table.keys.filter { $0.count == digits && $0.hasPrefix(code) }.sorted()
        guard !children.isEmpty else { return nil }
        let shown = children.prefix(limit).map { "\($0) \(table[$0] ?? "")" }.joined(separator: "、")
        return "\(code) \(name) 下的编码：\(shown)\(children.count > limit ? " 等 \(children.count) 个（budgetc codes \(code)）" : "")"
    }

    /// The hint for an unknown code: the edition story, the nearest codes, and where to look.
    public func unknownCodeHint(_ code: String, in kind: Kind) -> String {
        var parts: [String] = []
        if let note = editionNote(for: code, in: kind) { parts.append(note) }
        let near = suggestions(for: code, in: kind)
        if !near.isEmpty {
            parts.append("相近的编码：" + near.map { "\($0) \(table(kind)[$0] ?? "")" }.joined(separator: "、"))
        }
        let year = edition.map { " --year \($0)" } ?? ""
        parts.append("用 budgetc codes\(year) <编码或名称> 查找；本地特有的编码可用 分类目录 \"文件.tsv\" 补充")
        return parts.joined(separator: "；")
    }
}
