/// 表1 收支总表, 表4 财政拨款收支总表 and 表9 政府性基金收支表: income on the left, expenditure
/// three ways side by side (功能分类, 部门经济分类, 政府经济分类), totals as SUM formulas.
enum SummaryTables {
    struct Row {
        enum Value { case blank, leaf(Money), sum([Int]) }
        var label: String
        var value: Value
        var bold = false
    }

    /// A label column and a value column.
    typealias Group = [Row]

    static func table1(_ context: TableContext) -> Sheet {
        let all: (EvaluatedLine) -> Bool = { _ in true }
        let b = context.budget
        func income(_ sources: FundingSource...) -> Money { b.income { sources.contains($0.entry.source) } }
        let incomeRows: Group = [
            Row(label: "一、部门预算", value: .sum([1, 6, 7, 9, 10, 11]), bold: true),
            Row(label: "1、财政拨款", value: .sum([2, 4, 5])),
            Row(label: "(1)一般公共预算拨款", value: .leaf(income(.generalBudget))),
            Row(label: "其中：专项资金列入部门预算的项目", value: .blank),
            Row(label: "(2)政府性基金拨款", value: .leaf(income(.governmentFund))),
            Row(label: "(3)国有资本经营预算收入", value: .leaf(income(.stateCapital))),
            Row(label: "2、上级补助收入", value: .leaf(income(.superiorSubsidy))),
            Row(label: "3、事业收入", value: .leaf(income(.institutionIncome, .specialAccount))),
            Row(label: "其中：纳入财政专户管理的收费", value: .leaf(income(.specialAccount))),
            Row(label: "4、事业单位经营收入", value: .leaf(income(.operatingIncome))),
            Row(label: "5、附属单位上缴收入", value: .leaf(income(.affiliatedRemittance))),
            Row(label: "6、其他收入", value: .leaf(income(.otherIncome))),
        ]
        let incomeFooter: [Row] = [
            Row(label: "使用非财政拨款结余", value: .blank),
            Row(label: "上年实户资金余额", value: .blank),
            Row(label: "上年结转", value: .blank) /* a SUM of the next two rows, set in summarySheet */,
            Row(label: "其中：财政拨款资金结转", value: .leaf(income(.carriedOverFiscal))),
            Row(label: "非财政拨款资金结余", value: .leaf(income(.nonFiscalBalance))),
        ]
        return summarySheet(context, number: 1, topLabel: "一、部门预算",
                            income: incomeRows, incomeFooter: incomeFooter, lineFilter: all,
                            functionRows: context.layouts.functionRows[1] ?? [], economicStyle: .full, carryRows: true)
    }

    static func table4(_ context: TableContext) -> Sheet {
        let b = context.budget
        func income(_ source: FundingSource) -> Money { b.income { $0.entry.source == source } }
        let incomeRows: Group = [
            Row(label: "一、财政拨款", value: .sum([1, 3, 4]), bold: true),
            Row(label: "1、一般公共预算拨款", value: .leaf(income(.generalBudget))),
            Row(label: "其中：专项资金列入部门预算的项目", value: .blank),
            Row(label: "2、政府性基金拨款", value: .leaf(income(.governmentFund))),
            Row(label: "3、国有资本经营预算收入", value: .leaf(income(.stateCapital))),
        ]
        let incomeFooter: [Row] = [Row(label: "上年结转", value: .leaf(income(.carriedOverFiscal)))]
        return summarySheet(context, number: 4, topLabel: "一、财政拨款", income: incomeRows, incomeFooter: incomeFooter,
                            lineFilter: { $0.line.source.isFiscal || $0.line.source == .carriedOverFiscal },
                            functionRows: context.layouts.functionRows[1] ?? [], economicStyle: .full, carryRows: false)
    }

    static func table9(_ context: TableContext) -> Sheet {
        let b = context.budget
        let incomeRows: Group = [
            Row(label: "一、政府性基金拨款", value: .leaf(b.income { $0.entry.source == .governmentFund }), bold: true),
        ]
        return summarySheet(context, number: 9, topLabel: nil, income: incomeRows, incomeFooter: [],
                            lineFilter: { $0.line.source == .governmentFund },
                            functionRows: context.layouts.functionRows[9] ?? [], economicStyle: .fund, carryRows: false)
    }

    enum EconomicStyle { case full, fund }

    static let chineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
                                  "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四"]

    /// 部门预算经济分类 rows under 人员经费和公用经费 and 专项业务经费 (label, 类 codes).
    static let basicEconomicRows: [(String, [String])] = [
        ("工资福利支出", ["301"]), ("商品和服务支出", ["302"]), ("对个人和家庭的补助", ["303"]), ("资本性支出", ["310", "309"]),
    ]
    static let projectEconomicRows: [(String, [String])] = [
        ("工资福利支出", ["301"]), ("商品和服务支出", ["302"]), ("对个人和家庭补助", ["303"]), ("债务利息及费用支出", ["307"]),
        ("资本性支出(基本建设)", ["309"]), ("资本性支出", ["310"]), ("对企业补助(基本建设)", ["311"]), ("对企业补助", ["312"]),
        ("对社会保障基金补助", ["313"]), ("其他支出", ["399"]),
    ]
    /// 政府预算经济分类 rows (label, 类 codes); 511–514 are counted under 其他支出.
    static let governmentRows: [(String, [String])] = [
        ("机关工资福利支出", ["501"]), ("机关商品和服务支出", ["502"]), ("机关资本性支出", ["503"]), ("机关资本性支出（基本建设）", ["504"]),
        ("对事业单位经常性补助", ["505"]), ("对事业单位资本性补助", ["506"]), ("对企业补助", ["507"]), ("对企业资本性支出", ["508"]),
        ("对个人和家庭的补助", ["509"]), ("对社会保障基金补助", ["510"]), ("其他支出", ["599", "511", "512", "513", "514"]),
    ]

    static func summarySheet(_ context: TableContext, number: Int, topLabel: String?, income: Group, incomeFooter: [Row],
                             lineFilter: @escaping (EvaluatedLine) -> Bool, functionRows: [(label: String, codes: [String])],
                             economicStyle: EconomicStyle, carryRows: Bool) -> Sheet {
        // One pass over the lines: totals by function 类, by (kind, economic 类), by government 类, by kind.
        var byFunction: [String: Money] = [:], byKindEconomic: [String: Money] = [:], byGovernment: [String: Money] = [:]
        var byKind: [SpendingKind: Money] = [:]
        for line in context.budget.lines where lineFilter(line) {
            byFunction[Codes.classOf(line.line.functionCode), default: .zero] += line.amount
            byKindEconomic[line.line.kind.rawValue + Codes.classOf(line.line.economicCode), default: .zero] += line.amount
            byGovernment[Codes.classOf(line.governmentCode), default: .zero] += line.amount
            byKind[line.line.kind, default: .zero] += line.amount
        }
        func functionTotal(_ classes: [String]) -> Money { classes.reduce(.zero) { $0 + (byFunction[$1] ?? .zero) } }
        func economicTotal(_ kinds: Set<SpendingKind>, _ classes: [String]) -> Money {
            kinds.reduce(.zero) { total, kind in classes.reduce(total) { $0 + (byKindEconomic[kind.rawValue + $1] ?? .zero) } }
        }
        func governmentTotal(_ classes: [String]) -> Money { classes.reduce(.zero) { $0 + (byGovernment[$1] ?? .zero) } }

        // 功能分类 column
        var functionGroup: Group = []
        if let topLabel { functionGroup.append(Row(label: topLabel, value: .sum(Array(1...functionRows.count)), bold: true)) }
        for (i, row) in functionRows.enumerated() {
            let label = (topLabel == nil ? chineseNumerals[i] + "、" : "\(i + 1)、") + row.label
            functionGroup.append(Row(label: label, value: .leaf(functionTotal(row.codes))))
        }

        // 部门经济分类 column
        var economicGroup: Group = []
        if let topLabel { economicGroup.append(Row(label: topLabel, value: .blank, bold: true)) }
        var sectionIndices: [Int] = []
        func section(_ title: String, kinds: Set<SpendingKind>, rows: [(String, [String])], numbered: Bool) {
            let headerIndex = economicGroup.count
            sectionIndices.append(headerIndex)
            let children = Array((headerIndex + 1)..<(headerIndex + 1 + rows.count))
            economicGroup.append(Row(label: title, value: rows.isEmpty ? .leaf(kinds.reduce(.zero) { $0 + (byKind[$1] ?? .zero) }) : .sum(children)))
            for (i, row) in rows.enumerated() {
                let label = numbered ? "(\(i + 1))\(row.0)" : row.0
                economicGroup.append(Row(label: label, value: .leaf(economicTotal(kinds, row.1))))
            }
        }
        let prefix = topLabel == nil ? ["一、", "二、", "三、", "四、", "五、"] : ["1、", "2、", "3、", "4、", "5、"]
        let basicRows = economicStyle == .full ? basicEconomicRows
            : [("工资福利支出", ["301"]), ("商品和服务支出", ["302"]), ("对个人和家庭的补助", ["303"]), ("其他资本性支出", ["310", "309"])]
        section(prefix[0] + "人员经费和公用经费支出", kinds: [.personnel, .publicUse], rows: basicRows, numbered: economicStyle == .full)
        section(prefix[1] + "专项业务经费支出", kinds: [.project], rows: projectEconomicRows, numbered: economicStyle == .full)
        section(prefix[2] + "上缴上级支出", kinds: [.remittance], rows: [], numbered: false)
        section(prefix[3] + "事业单位经营支出", kinds: [.operating], rows: [], numbered: false)
        section(prefix[4] + "对附属单位补助支出", kinds: [.subsidiary], rows: [], numbered: false)
        if topLabel != nil { economicGroup[0].value = .sum(sectionIndices) }

        // 政府经济分类 column
        var governmentGroup: Group = []
        let governmentList = economicStyle == .full ? governmentRows
            : Array(governmentRows.prefix(9)) + [("其他支出", ["510", "599", "511", "512", "513", "514"])]
        if let topLabel { governmentGroup.append(Row(label: topLabel, value: .sum(Array(1...governmentList.count)), bold: true)) }
        for (i, row) in governmentList.enumerated() {
            let label = (topLabel == nil ? chineseNumerals[i] + "、" : "\(i + 1)、") + row.0
            governmentGroup.append(Row(label: label, value: .leaf(governmentTotal(row.1))))
        }

        let bodyLength = [income.count, functionGroup.count, economicGroup.count, governmentGroup.count].max()!
        func padded(_ g: Group) -> Group { g + Array(repeating: Row(label: "", value: .blank), count: bodyLength - g.count) }
        func totalOf(_ g: Group) -> Row.Value { topLabel == nil ? .sum(Array(0..<g.count).filter { isTopLevel(g[$0].label) }) : .sum([0]) }

        // Footer: 本年合计, carry rows, 总计.
        var columns = [padded(income), padded(functionGroup), padded(economicGroup), padded(governmentGroup)]
        let yearTotalIndex = bodyLength
        columns[0].append(Row(label: "本年收入合计", value: totalOf(income), bold: true))
        for c in 1...3 { columns[c].append(Row(label: "本年支出合计", value: totalOf(c == 1 ? functionGroup : c == 2 ? economicGroup : governmentGroup), bold: true)) }
        if number == 9 {
            return layout(context, number: number, columns: columns, bodyLength: bodyLength)
        }
        var incomeCarry = incomeFooter
        let carryStart = columns[0].count
        if carryRows {
            // 上年结转 = 财政拨款资金结转 + 非财政拨款资金结余
            incomeCarry[2].value = .sum([carryStart + 3, carryStart + 4])
        }
        columns[0] += incomeCarry
        let spendingCarry = carryRows ? [Row(label: "结转下年", value: .blank), Row(label: "未安排支出的实户资金", value: .blank)]
                                      : [Row(label: "结转下年", value: .blank)]
        for c in 1...3 { columns[c] += spendingCarry }
        let footerLength = max(columns[0].count, columns[1].count)
        for c in 0...3 {
            columns[c] += Array(repeating: Row(label: "", value: .blank), count: footerLength - columns[c].count)
        }
        // 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 上年实户资金余额 + 上年结转 (表4: + 上年结转)
        let incomeTotalParts = carryRows ? [yearTotalIndex, carryStart, carryStart + 1, carryStart + 2] : [yearTotalIndex, carryStart]
        columns[0].append(Row(label: "收入总计", value: .sum(incomeTotalParts), bold: true))
        for c in 1...3 { columns[c].append(Row(label: "支出总计", value: .sum([yearTotalIndex, yearTotalIndex + 1]), bold: true)) }
        return layout(context, number: number, columns: columns, bodyLength: bodyLength)
    }

    static func isTopLevel(_ label: String) -> Bool {
        chineseNumerals.contains { label.hasPrefix($0 + "、") }
    }

    static func layout(_ context: TableContext, number: Int, columns: [Group], bodyLength: Int) -> Sheet {
        var sheet = Sheet(name: "表\(number)", title: context.title(number), columnCount: 8)
        let row = sheet.addTitle(department: context.model.departmentName)
        sheet.merge(row, 0, to: row, 1, .text("收 入"), .header)
        sheet.merge(row, 2, to: row, 7, .text("支 出"), .header)
        let headers = ["项 目", "预算数", "支出功能分类科目（按大类）", "预算数", "部门预算支出经济分类科目（按大类）", "预算数",
                       "政府预算支出经济分类科目（按大类）", "预算数"]
        let bodyStart = sheet.addHeaderRow(row + 1, headers)
        for (g, group) in columns.enumerated() {
            let labelColumn = g * 2
            let valueColumn = labelColumn + 1
            var cache: [Int: Money] = [:]
            func value(_ i: Int) -> Money {
                if let v = cache[i] { return v }
                let v: Money
                switch group[i].value {
                case .blank: v = .zero
                case .leaf(let m): v = m
                case .sum(let parts): v = parts.reduce(.zero) { $0 + value($1) }
                }
                cache[i] = v
                return v
            }
            for (i, r) in group.enumerated() {
                let bold = r.bold || isTotalLabel(r.label)
                sheet.set(bodyStart + i, labelColumn, .text(r.label), bold ? .labelBold : .text)
                switch r.value {
                case .blank: sheet.set(bodyStart + i, valueColumn, .empty, .money)
                case .leaf(let m): sheet.set(bodyStart + i, valueColumn, m.cellValue, .money)
                case .sum(let parts):
                    sheet.set(bodyStart + i, valueColumn, .sum(parts.map { CellRef(bodyStart + $0, valueColumn) }, cached: value(i)),
                              bold ? .moneyBold : .money)
                }
            }
        }
        sheet.fixedWidths = [1: 14, 3: 14, 5: 14, 7: 14]
        return sheet
    }

    static func isTotalLabel(_ label: String) -> Bool {
        label.hasPrefix("本年") || label.hasSuffix("总计")
    }
}
