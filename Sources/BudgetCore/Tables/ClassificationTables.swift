/// 表5–表8: 一般公共预算 expenditure by 功能分类 (类/款/项) and by 经济分类 (类/款), all of it or
/// 基本支出 only, with 人员经费 / 公用经费 / 专项业务经费 columns.
enum ClassificationTables {
    static func kinds(basicOnly: Bool) -> [(label: String, kind: SpendingKind)] {
        let all: [(String, SpendingKind)] = [("人员经费支出", .personnel), ("公用经费支出", .publicUse), ("专项业务经费支出", .project)]
        return basicOnly ? Array(all.prefix(2)) : all
    }

    static func generalBudgetLines(_ context: TableContext, basicOnly: Bool) -> [EvaluatedLine] {
        let included = Set(kinds(basicOnly: basicOnly).map(\.kind))
        // Carried-over projects are 表11's, not the current year's 一般公共预算 detail.
        return context.budget.lines.filter { $0.line.source == .generalBudget && !$0.line.carriedOver && included.contains($0.line.kind) }
    }

    struct Node {
        var code: String
        var name: String
        var extraCode = ""
        var extraName = ""
        var values: [Money]
        var children: [Node] = []
    }

    /// Sums the lines into leaves (key → one amount per kind column) in one pass.
    static func leaves(_ lines: [EvaluatedLine], kinds: [(label: String, kind: SpendingKind)], key: (EvaluatedLine) -> String) -> [String: [Money]] {
        var result: [String: [Money]] = [:]
        for line in lines {
            guard let k = kinds.firstIndex(where: { $0.kind == line.line.kind }) else { continue }
            var values = result[key(line)] ?? Array(repeating: .zero, count: kinds.count)
            values[k] += line.amount
            result[key(line)] = values
        }
        return result
    }

    static func add(_ a: [Money], _ b: [Money]) -> [Money] { zip(a, b).map { $0 + $1 } }

    static func functionTable(_ context: TableContext, number: Int, basicOnly: Bool) -> Sheet {
        let kindColumns = kinds(basicOnly: basicOnly)
        let byItem = leaves(generalBudgetLines(context, basicOnly: basicOnly), kinds: kindColumns) { $0.line.functionCode }
        let zero = Array(repeating: Money.zero, count: kindColumns.count)
        let name = { (code: String) in context.catalog.function[code] ?? "" }
        var tree: [Node] = []
        for classCode in Set(byItem.keys.map(Codes.classOf)).sorted() {
            var classNode = Node(code: classCode, name: name(classCode), values: zero)
            for section in Set(byItem.keys.filter { Codes.classOf($0) == classCode }.map(Codes.sectionOf)).sorted() {
                var sectionNode = Node(code: section, name: name(section), values: zero)
                for item in byItem.keys.filter({ Codes.sectionOf($0) == section }).sorted() {
                    sectionNode.children.append(Node(code: item, name: name(item), values: byItem[item]!))
                    sectionNode.values = add(sectionNode.values, byItem[item]!)
                }
                classNode.values = add(classNode.values, sectionNode.values)
                classNode.children.append(sectionNode)
            }
            tree.append(classNode)
        }
        let headers = ["功能科目编码", "功能科目名称", "合计"] + kindColumns.map(\.label) + ["备注"]
        return hierarchySheet(context, number: number, headers: headers, leadingColumns: 2, tree: tree, valueCount: kindColumns.count)
    }

    static func economicTable(_ context: TableContext, number: Int, basicOnly: Bool) -> Sheet {
        let kindColumns = kinds(basicOnly: basicOnly)
        // A 款 maps to one 政府经济 款 per unit type, so rows are keyed by the pair.
        let byPair = leaves(generalBudgetLines(context, basicOnly: basicOnly), kinds: kindColumns) { "\($0.line.economicCode) \($0.governmentCode)" }
        let zero = Array(repeating: Money.zero, count: kindColumns.count)
        var tree: [Node] = []
        for classCode in Set(byPair.keys.map(Codes.classOf)).sorted() {
            var classNode = Node(code: classCode, name: context.catalog.economicDepartment[classCode] ?? "", values: zero)
            for pair in byPair.keys.filter({ Codes.classOf($0) == classCode }).sorted() {
                let parts = pair.split(separator: " ").map(String.init)
                let (code, government) = (parts[0], parts.count > 1 ? parts[1] : "")
                classNode.children.append(Node(code: code, name: context.catalog.economicDepartment[code] ?? "",
                                               extraCode: government, extraName: context.catalog.economicGovernment[government] ?? "",
                                               values: byPair[pair]!))
                classNode.values = add(classNode.values, byPair[pair]!)
            }
            tree.append(classNode)
        }
        let headers = ["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计"] + kindColumns.map(\.label) + ["备注"]
        return hierarchySheet(context, number: number, headers: headers, leadingColumns: 4, tree: tree, valueCount: kindColumns.count)
    }

    /// 合计 row, then the tree depth-first. Leaves hold numbers; parents are SUMs of their children;
    /// the 合计 column of a leaf is the SUM of its row.
    static func hierarchySheet(_ context: TableContext, number: Int, headers: [String], leadingColumns: Int, tree: [Node], valueCount: Int) -> Sheet {
        var sheet = Sheet(name: "表\(number)", title: context.title(number), columnCount: headers.count)
        var row = sheet.addHeaderRow(sheet.addTitle(department: context.model.departmentName), headers)
        let totalColumn = leadingColumns
        let firstValue = leadingColumns + 1
        let totalRow = row
        row += 1

        func write(_ node: Node, depth: Int) -> Int {
            let r = row
            row += 1
            sheet.set(r, 0, .code(node.code), .code)
            sheet.set(r, 1, .text(node.name), depth == 0 ? .labelBold : .text)
            if leadingColumns == 4 {
                sheet.set(r, 2, node.extraCode.isEmpty ? .empty : .code(node.extraCode), .code)
                sheet.set(r, 3, node.extraName.isEmpty ? .empty : .text(node.extraName), .text)
            }
            let childRows = node.children.map { write($0, depth: depth + 1) }
            let rowSum = node.values.reduce(.zero, +)
            if childRows.isEmpty {
                for (k, v) in node.values.enumerated() { sheet.set(r, firstValue + k, v.cellValue, .money) }
                sheet.set(r, totalColumn, .sum((0..<valueCount).map { CellRef(r, firstValue + $0) }, cached: rowSum), .money)
            } else {
                for k in 0..<valueCount {
                    sheet.set(r, firstValue + k, .sum(childRows.map { CellRef($0, firstValue + k) }, cached: node.values[k]), .money)
                }
                sheet.set(r, totalColumn, .sum(childRows.map { CellRef($0, totalColumn) }, cached: rowSum), .money)
            }
            sheet.set(r, headers.count - 1, .empty, .text)
            return r
        }
        let classRows = tree.map { write($0, depth: 0) }
        sheet.set(totalRow, 0, .empty, .text)
        sheet.set(totalRow, 1, .text("合计"), .labelBold)
        if leadingColumns == 4 {
            sheet.set(totalRow, 2, .empty, .text)
            sheet.set(totalRow, 3, .empty, .text)
        }
        for k in 0..<valueCount {
            let cached = tree.reduce(Money.zero) { $0 + $1.values[k] }
            sheet.set(totalRow, firstValue + k, .sum(classRows.map { CellRef($0, firstValue + k) }, cached: cached), .moneyBold)
        }
        let grand = tree.reduce(Money.zero) { $0 + $1.values.reduce(.zero, +) }
        sheet.set(totalRow, totalColumn, .sum(classRows.map { CellRef($0, totalColumn) }, cached: grand), .moneyBold)
        sheet.set(totalRow, headers.count - 1, .empty, .text)
        return sheet
    }
}
