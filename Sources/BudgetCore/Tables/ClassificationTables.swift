/// 表5–表8: 一般公共预算 expenditure by 功能分类 (类/款/项) and by 经济分类 (类/款), all of it or
/// 基本支出 only, with 人员经费 / 公用经费 / 专项业务经费 columns.
enum ClassificationTables {
    static func kinds(basicOnly: Bool) -> [(label: String, kind: SpendingKind)] {
        let all: [(String, SpendingKind)] = [("人员经费支出", .personnel), ("公用经费支出", .publicUse), ("专项业务经费支出", .project)]
        return basicOnly ? Array(all.prefix(2)) : all
    }

    static func generalBudgetLines(_ context: TableContext, basicOnly: Bool) -> [EvaluatedLine] {
        let included = Set(kinds(basicOnly: basicOnly).map(\.kind))
        return context.budget.lines.filter { $0.line.source == .generalBudget && included.contains($0.line.kind) }
    }

    struct Node {
        var code: String
        var name: String
        var extraCode = ""
        var extraName = ""
        var values: [Money]
        var children: [Node] = []
    }

    static func functionTable(_ context: TableContext, number: Int, basicOnly: Bool) -> Sheet {
        let kindColumns = kinds(basicOnly: basicOnly)
        let lines = generalBudgetLines(context, basicOnly: basicOnly)
        func values(_ f: (EvaluatedLine) -> Bool) -> [Money] {
            kindColumns.map { k in lines.reduce(Money.zero) { f($1) && $1.line.kind == k.kind ? $0 + $1.amount : $0 } }
        }
        let name = { (code: String) in context.catalog.function[code] ?? "" }
        var tree: [Node] = []
        for classCode in Set(lines.map { Codes.classOf($0.line.functionCode) }).sorted() {
            var classNode = Node(code: classCode, name: name(classCode), values: values { Codes.classOf($0.line.functionCode) == classCode })
            let sections = Set(lines.filter { Codes.classOf($0.line.functionCode) == classCode }.map { Codes.sectionOf($0.line.functionCode) }).sorted()
            for section in sections {
                var sectionNode = Node(code: section, name: name(section), values: values { Codes.sectionOf($0.line.functionCode) == section })
                for item in Set(lines.filter { Codes.sectionOf($0.line.functionCode) == section }.map(\.line.functionCode)).sorted() {
                    sectionNode.children.append(Node(code: item, name: name(item), values: values { $0.line.functionCode == item }))
                }
                classNode.children.append(sectionNode)
            }
            tree.append(classNode)
        }
        let headers = ["功能科目编码", "功能科目名称", "合计"] + kindColumns.map(\.label) + ["备注"]
        return hierarchySheet(context, number: number, headers: headers, leadingColumns: 2, tree: tree, valueCount: kindColumns.count)
    }

    static func economicTable(_ context: TableContext, number: Int, basicOnly: Bool) -> Sheet {
        let kindColumns = kinds(basicOnly: basicOnly)
        let lines = generalBudgetLines(context, basicOnly: basicOnly)
        func values(_ f: (EvaluatedLine) -> Bool) -> [Money] {
            kindColumns.map { k in lines.reduce(Money.zero) { f($1) && $1.line.kind == k.kind ? $0 + $1.amount : $0 } }
        }
        var tree: [Node] = []
        for classCode in Set(lines.map { Codes.classOf($0.line.economicCode) }).sorted() {
            var classNode = Node(code: classCode, name: context.catalog.economicDepartment[classCode] ?? "",
                                 values: values { Codes.classOf($0.line.economicCode) == classCode })
            // A 款 maps to one 政府经济 款 per unit type, so rows are keyed by the pair.
            let pairs = Set(lines.filter { Codes.classOf($0.line.economicCode) == classCode }.map { "\($0.line.economicCode) \($0.governmentCode)" }).sorted()
            for pair in pairs {
                let parts = pair.split(separator: " ").map(String.init)
                let (code, government) = (parts[0], parts.count > 1 ? parts[1] : "")
                classNode.children.append(Node(code: code, name: context.catalog.economicDepartment[code] ?? "",
                                               extraCode: government, extraName: context.catalog.economicGovernment[government] ?? "",
                                               values: values { $0.line.economicCode == code && $0.governmentCode == government }))
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
        var row = sheet.addTitle(department: context.model.departmentName)
        for (c, h) in headers.enumerated() { sheet.set(row, c, .text(h), .header) }
        row += 1
        sheet.headerRowCount = row
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
        sheet.isEmpty = grand.isZero
        return sheet
    }
}
