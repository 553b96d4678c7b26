/// 决算 (final accounts) of the previous year, in the shape of the 公开01–09 表 (reference 002):
/// what the budget is compared against.
public struct Actuals: Sendable {
    public var year = 0
    public var departmentCode = ""
    public var departmentName = ""
    public var defaultUnitIsWan = true
    /// 年末实有人数, for 人员经费 per head.
    public var staff: Int?
    public var incomes: [FundingSource: Money] = [:]
    /// Function 项 → (基本支出, 项目支出) actually spent (公开03/05表).
    public var functionSpending: [String: (basic: Money, project: Money)] = [:]
    public var functionSpans: [String: SourceSpan] = [:]
    /// 基本支出 by economic 款 (公开06表).
    public var basicEconomic: [String: Money] = [:]
    /// 三公 parts: 因公出国, 公务接待, 公务用车购置, 公务用车运行维护 → (预算数, 决算数).
    public var sanGong: [String: (budget: Money, actual: Money)] = [:]
    public var quantities: [String: Int] = [:]
    public var meetings: Money?
    public var training: Money?
    public var runningCost: Money?
    public var procurement: [String: Money] = [:]
    public var vehicles: Int?
    public var largeEquipment: Int?
    public var span: SourceSpan?

    public static let sanGongParts = ["因公出国", "公务接待", "公务用车购置", "公务用车运行维护"]

    public var totalSpending: Money { functionSpending.values.reduce(.zero) { $0 + $1.basic + $1.project } }
    public var personnel: Money { basicEconomic.filter { ["301", "303"].contains(String($0.key.prefix(3))) }.values.reduce(.zero, +) }
    public var publicUse: Money { basicEconomic.filter { !["301", "303"].contains(String($0.key.prefix(3))) }.values.reduce(.zero, +) }
}

/// Reads a 决算 file (same lines, quotes, comments and amounts as a budget; its own keywords).
public struct ActualsResolver {
    var actuals = Actuals()
    var diagnostics: [Diagnostic] = []
    let catalog: Catalog

    public static func resolve(_ nodes: [SyntaxNode], catalog: Catalog) -> (Actuals, [Diagnostic]) {
        var resolver = ActualsResolver(catalog: catalog)
        resolver.run(nodes)
        return (resolver.actuals, resolver.diagnostics)
    }

    mutating func error(_ message: String, at span: SourceSpan?, hint: String? = nil, id: String = "syntax") {
        diagnostics.append(Diagnostic(.error, id, message, at: span, hint: hint))
    }

    /// A literal amount in the file's unit.
    mutating func money(_ field: Field) -> Money? {
        switch NumberLiteral.parse(field.folded) {
        case .success(let literal):
            guard literal.measureWord.isEmpty, let fen = literal.fen(defaultUnitIsWan: actuals.defaultUnitIsWan), fen.isInteger else {
                error("金额“\(field.text)”写法有误或不足一分", at: field.span, id: "bad-number")
                return nil
            }
            return Money(fen: fen.numerator)
        case .failure(let failure):
            error(NumberLiteral.describe(failure, field.text), at: field.span, id: "bad-number")
            return nil
        }
    }

    mutating func count(_ field: Field) -> Int? {
        guard case .success(let l) = NumberLiteral.parse(field.folded), l.unit == .none, l.value.isInteger, l.value.numerator >= 0 else {
            error("“\(field.text)”应是整数", at: field.span, id: "bad-number")
            return nil
        }
        return Int(l.value.numerator)
    }

    /// `label value label value …` pairs after the keyword.
    mutating func pairs(_ node: SyntaxNode, from start: Int = 1) -> [(Field, Field)] {
        var result: [(Field, Field)] = []
        var i = start
        while i + 1 < node.fields.count {
            result.append((node.fields[i], node.fields[i + 1]))
            i += 2
        }
        if i < node.fields.count { error("“\(node.fields[i].text)”后面缺少数值", at: node.fields[i].span) }
        return result
    }

    mutating func run(_ nodes: [SyntaxNode]) {
        for node in nodes {
            switch node.keyword ?? "" {
            case "决算":
                guard node.fields.count == 2, let year = Int(node.fields[1].folded) else {
                    error("决算 后面应写年度，如：决算 2024", at: node.span); continue
                }
                actuals.year = year
                actuals.span = node.span
            case "部门":
                guard node.fields.count >= 3 else { error("部门 应写作：部门 编码 名称", at: node.span); continue }
                actuals.departmentCode = node.fields[1].folded
                actuals.departmentName = node.fields[2...].map(\.text).joined(separator: " ")
            case "金额单位":
                actuals.defaultUnitIsWan = node.fields.dropFirst().first?.folded != "元"
            case "实有人数":
                if let field = node.fields.dropFirst().first { actuals.staff = count(field) }
            case "收入":
                for child in node.children {
                    guard let source = FundingSource.named(child.keyword ?? ""), child.fields.count == 2 else {
                        error("收入 下面每行写：来源 金额", at: child.span, id: "unknown-source"); continue
                    }
                    if let m = money(child.fields[1]) { actuals.incomes[source, default: .zero] += m }
                }
            case "支出":
                for child in node.children { resolveFunctionLine(child) }
            case "基本支出":
                for child in node.children {
                    let code = child.fields.first?.folded ?? ""
                    guard child.fields.count == 2, code.count == 5, catalog.economicDepartment[code] != nil else {
                        error("基本支出 下面每行写：经济分类款编码 金额（如 30101 373.07）", at: child.span, id: "unknown-code"); continue
                    }
                    if let m = money(child.fields[1]) { actuals.basicEconomic[code, default: .zero] += m }
                }
            case "三公":
                for child in node.children {
                    let part = child.keyword ?? ""
                    guard Actuals.sanGongParts.contains(part) else {
                        error("三公 下面可写：" + Actuals.sanGongParts.joined(separator: "、"), at: child.span); continue
                    }
                    var budget = Money.zero, actual = Money.zero
                    for (label, value) in pairs(child) {
                        switch label.folded {
                        case "预算": budget = money(value) ?? .zero
                        case "决算": actual = money(value) ?? .zero
                        case "团组", "人次", "批次", "保有", "购置": actuals.quantities[part + "." + label.folded] = count(value)
                        default: error("不认识的“\(label.text)”：可写 预算、决算、团组、人次、批次、保有、购置", at: label.span)
                        }
                    }
                    actuals.sanGong[part] = (budget, actual)
                }
            case "会议费": if let f = node.fields.dropFirst().first { actuals.meetings = money(f) }
            case "培训费": if let f = node.fields.dropFirst().first { actuals.training = money(f) }
            case "机关运行经费": if let f = node.fields.dropFirst().first { actuals.runningCost = money(f) }
            case "政府采购":
                for (label, value) in pairs(node) {
                    guard ["货物", "工程", "服务"].contains(label.folded) else { error("政府采购 可写：货物 N 工程 N 服务 N", at: label.span); continue }
                    actuals.procurement[label.folded] = money(value)
                }
            case "资产":
                for (label, value) in pairs(node) {
                    switch label.folded {
                    case "车辆": actuals.vehicles = count(value)
                    case "大型设备": actuals.largeEquipment = count(value)
                    default: error("资产 可写：车辆 N 大型设备 N", at: label.span)
                    }
                }
            default:
                error("决算文件中不认识的语句“\(node.fields.first?.text ?? "")”", at: node.span,
                      hint: "可用：决算、部门、金额单位、实有人数、收入、支出、基本支出、三公、会议费、培训费、机关运行经费、政府采购、资产")
            }
        }
        if actuals.year == 0 { error("决算文件缺少 决算 年度 语句", at: nodes.first?.span, id: "missing-header") }
    }

    /// `2080501 基本 5.23 项目 96.00` (either part may be omitted).
    mutating func resolveFunctionLine(_ node: SyntaxNode) {
        let code = node.fields.first?.folded ?? ""
        guard code.count == 7, catalog.function[code] != nil else {
            error("支出 下面每行写：功能分类项编码 基本 金额 项目 金额", at: node.fields.first?.span ?? node.span, id: "unknown-code"); return
        }
        var basic = Money.zero, project = Money.zero
        for (label, value) in pairs(node) {
            switch label.folded {
            case "基本", "基本支出": basic = money(value) ?? .zero
            case "项目", "项目支出": project = money(value) ?? .zero
            default: error("可写：基本 金额 项目 金额", at: label.span)
            }
        }
        let existing = actuals.functionSpending[code] ?? (.zero, .zero)
        actuals.functionSpending[code] = (existing.basic + basic, existing.project + project)
        actuals.functionSpans[code] = node.span
    }
}
