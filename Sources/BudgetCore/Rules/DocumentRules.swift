/// The publication as a whole: empty tables explained, cover filled, reasons and allows meaningful,
/// headcount within the establishment.
struct EmptyTableReasonRule: Rule {
    let id = "empty-table-reason"
    let defaultSeverity = Severity.error
    let summary = "空表没有公开空表理由"
    let documentation = RuleDocumentation(
        what: "所用套表中没有数据的表（由生成的表本身判断），须在目录中写明公开空表理由：预算中写的 空表 表N \"理由\"（或 空表 表名 \"理由\"），或表格模板的 空表理由。也报告为有数据的表写的空表理由（提示），以及套表中没有的表号（警告）。",
        why: "“公开空表一定要在目录说明理由”（公开报表目录注 2）；缺理由的空表会被认定为漏公开。",
        fix: "写 空表 表N \"本部门无……\"；若该表本应有数据，补上相应的预算内容。",
        justify: "不可说明：理由本身就是说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        for table in context.tables {
            let written = table.written
            if table.isEmpty && (table.emptyReason ?? "").isEmpty {
                result.append(finding("\(table.number)（\(table.title)）没有数据，也没有公开空表理由", at: budget.budget.departmentSpan,
                                      hint: "写 空表 \(table.number) \"本部门无……\""))
            } else if !table.isEmpty, let written {
                result.append(Finding(diagnostic: Diagnostic(.note, id, "\(table.number) 有数据，这里写的空表理由不会使用", at: written.span),
                                      justifications: []))
            }
        }
        let numbers = Set(context.tables.map(\.number) + context.tables.map(\.plainTitle))
        if !context.tables.isEmpty {
            for (name, reason) in budget.budget.emptyTableReasons.sorted(by: { $0.key < $1.key }) where !numbers.contains(name) {
                result.append(Finding(diagnostic: Diagnostic(.warning, id, "所用套表中没有“\(name)”，这条空表理由不会使用", at: reason.span,
                                                             hint: "所用套表的表：" + context.tables.map { "\($0.number) \($0.plainTitle)" }.joined(separator: "、")
                                                                 + "；表号指预算所写套表（报表 行，默认陕西）的表，换用套表时可写表名：空表 表名 \"理由\""),
                                      justifications: []))
            }
        }
        return result
    }
}

struct TableRowLimitRule: Rule {
    let id = "table-rows"
    let defaultSeverity = Severity.warning
    let summary = "表格行数超过模板的行数上限"
    let documentation = RuleDocumentation(
        what: "表格模板写了 行数上限 N 时，生成的表正文超过 N 行。",
        why: "公开表过长难以阅读和打印（例如项目过多时应按单位或类别汇总）；上限由各地模板规定。",
        fix: "合并细碎的支出行或项目，或在地区模板中调整 行数上限。",
        justify: "写 允许 table-rows \"理由\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        context.tables.compactMap { table in
            guard let limit = table.maxRows, table.bodyRows > limit else { return nil }
            return finding("\(table.number)（\(table.title)）有 \(table.bodyRows) 行，超过模板的行数上限 \(limit) 行",
                           at: budget.budget.tableSet?.span ?? budget.budget.departmentSpan,
                           hint: "合并细碎的行，或调整模板的 行数上限")
        }
    }
}

struct CoverRule: Rule {
    let id = "cover"
    let defaultSeverity = Severity.warning
    let summary = "套表的封面印保密审查情况或负责人审签情况，预算没有写"
    let documentation = RuleDocumentation(
        what: "所用套表的封面印有 保密审查情况 或 主要负责人审签情况（套表.tbl 的 封面 行，如内置的 陕西 套表）时，预算（或决算）须写明 保密审查 和 负责人审签。封面不印这两行的套表（全国、决算）不要求。",
        why: "这些地方的预算公开前须经保密审查、由主要负责人审签，并印在封面上（封面格式“不得随意改变”）。",
        fix: "写 保密审查 已审查 和 负责人审签 已审签。",
        justify: "审查、审签完成前编译草稿时，可写 允许 cover \"尚在审签\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        check(secrecy: budget.budget.secrecyReview, signOff: budget.budget.headSignOff, context, at: budget.budget.departmentSpan)
    }

    /// A 决算 too, when its set's cover prints the lines (陕西's 决算 covers do).
    var checksActualsToo: Bool { true }

    func check(actuals: Actuals, context: RuleContext) -> [Finding] {
        check(secrecy: actuals.secrecyReview, signOff: actuals.headSignOff, context, at: actuals.departmentSpan)
    }

    func check(secrecy: String, signOff: String, _ context: RuleContext, at span: SourceSpan?) -> [Finding] {
        let written: [CoverItem: String] = [.secrecy: secrecy, .signOff: signOff]
        let missing = context.cover.filter { written[$0]?.isEmpty == true }
        guard !missing.isEmpty else { return [] }
        return [finding("封面缺少：" + missing.map(\.statement.rawValue).joined(separator: "、"), at: span,
                        hint: "所用套表的封面印这些内容；写 " + missing.map { "\($0.statement.rawValue) \($0 == .secrecy ? "已审查" : "已审签")" }.joined(separator: " / "))]
    }
}

struct EmptyReasonRule: Rule {
    let id = "empty-reason"
    let defaultSeverity = Severity.warning
    let summary = "写了 原因 但内容为空"
    let documentation = RuleDocumentation(
        what: "支出行或项目下的 原因 没有内容。",
        why: "空的原因不能说明任何问题，生成的说明中也无法引用。",
        fix: "写明原因，或删除这一行。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        let reasons = budget.lines.compactMap(\.line.reason) + budget.budget.projects.compactMap(\.reason)
        return reasons.filter { $0.text.isBlank }.map {
            finding("原因 没有内容", at: $0.span, hint: "写作：原因 \"……\"")
        }
    }
}

struct AllowRule: Rule {
    let id = "allow"
    let defaultSeverity = Severity.warning
    let summary = "允许 某条规则时没有写理由，或规则编号不存在"
    let documentation = RuleDocumentation(
        what: "允许 语句须写作 允许 规则编号 \"理由\"；规则编号须是 budgetc rules 列出的编号。",
        why: "放行一条审核规则必须留下可审查的理由；没有理由的放行等于关掉检查。",
        fix: "补上理由，或删除这条 允许；用 budgetc rules 查看规则编号。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.budget.allows.sorted { $0.key < $1.key }.compactMap { key, reason in
            // `允许 规则 话题 "理由"` is kept under “规则 话题” (`Resolver.allowKey`).
            let id = String(key.split(separator: " ").first ?? "")
            if RuleRegistry.rule(id) == nil {
                return finding("没有编号为“\(id)”的规则", at: reason.span,
                               hint: Suggest.hint(id, among: RuleID.allCases.map(\.rawValue)) ?? "用 budgetc rules 查看全部规则编号")
            }
            if reason.text.isBlank {
                return finding("允许 \(id) 没有写理由，不会生效", at: reason.span, hint: "写作：允许 \(id) \"理由\"")
            }
            return nil
        }
    }
}

struct HeadcountRule: Rule {
    let id = "headcount"
    let defaultSeverity = Severity.warning
    let summary = "实有人数超过编制数，或安排了人员经费却没有写编制"
    let documentation = RuleDocumentation(
        what: "逐个单位、逐个类别（行政、参公、事业、工勤）比较 实有 与 编制；有人员经费的单位须写 编制。",
        why: "人员经费按编制内实有人数核定；超编人员的经费不得列入财政拨款，审核时逐单位核对编制。",
        fix: "改正人数，或把编外人员经费列为项目并说明。",
        justify: "写 允许 headcount \"理由\"（如“含编外聘用人员 5 人，经费由……安排”）。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        for unit in budget.budget.units {
            let hasPersonnel = budget.lines(ofUnit: unit.code).contains { $0.line.kind == .personnel }
            if unit.staffing.total == 0 {
                if hasPersonnel {
                    result.append(finding("单位 \(unit.code) 安排了人员经费，但没有写编制数", at: unit.span, hint: "在单位下写：编制 行政 N 事业 N；公开稿没有编制数时不要编，写 允许 headcount \"公开稿没有公开编制人数。\""))
                }
                continue
            }
            if unit.staffing.totalOnly || unit.actual.totalOnly {
                if unit.actual.total > unit.staffing.total {
                    result.append(finding("单位 \(unit.code) 实有 \(unit.actual.total) 人，超过编制 \(unit.staffing.total) 人", at: unit.span,
                                          hint: "核对人数；编外人员应另行说明"))
                }
                continue
            }
            for category in StaffCategory.allCases where unit.actual[category] > unit.staffing[category] {
                let (actual, staffing) = (unit.actual[category], unit.staffing[category])
                result.append(finding("单位 \(unit.code) 的\(category.rawValue)实有 \(actual) 人，超过编制 \(staffing) 人", at: unit.span,
                                      hint: "核对人数；编外人员应另行说明"))
            }
        }
        return result
    }
}

struct AssetsHeldRule: Rule {
    let id = "assets-held"
    let defaultSeverity = Severity.warning
    let summary = "国有资产占有情况缺少车辆、设备数，或与三公、上年决算不一致"
    let documentation = RuleDocumentation(
        what: "预算说明“国有资产占有使用及资产购置情况”写截至上年底的车辆数和单价 20 万元以上的设备数，取自预算的 资产 语句（没有时取 上年决算 的 资产，车辆数也可取 三公 的 公务用车 保有）。都没有写时报提示（note）：说明只写当年购置，不编造占有数。资产 车辆 少于 三公 块 公务用车 保有 之和，或与上年决算的 资产（同一时点）不同，报警告。",
        why: "国有资产占有使用情况是预算公开说明的必备内容（参考 004 第七部分）；车辆数在三公、资产和决算中说法不一，会被社会监督指出。",
        fix: "写 资产 车辆 N 大型设备 N（单价门槛不是 20 万元时加 单价 50万），与 三公 的 公务用车 保有 和上年决算核对。",
        justify: "写 允许 assets-held \"理由\"（例如车辆已在年初报废）。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        let written = budget.budget.assets
        let lastActuals = budget.previous?.actuals.flatMap { $0.assets.isEmpty ? nil : $0.assets }
        let sanGongVehicles = budget.budget.sanGong.compactMap { $0.values["公务用车.保有"] }
        var result: [Finding] = []
        let vehiclesKnown = written?.vehicles ?? lastActuals?.vehicles ?? sanGongVehicles.first
        let equipmentKnown = written?.largeEquipment ?? lastActuals?.largeEquipment
        if vehiclesKnown == nil || equipmentKnown == nil {
            let missing = [vehiclesKnown == nil ? "车辆数" : nil, equipmentKnown == nil ? "单价 20 万元以上的设备数" : nil].compactMap { $0 }
            result.append(Finding(diagnostic: Diagnostic(.note, id, "预算说明的国有资产部分没有截至上年底的" + missing.joined(separator: "和") + "（不写则不说）",
                                                         at: written?.span ?? budget.budget.departmentSpan,
                                                         hint: "写 资产 车辆 N 大型设备 N（没有也写 0）"), justifications: []))
        }
        guard let written else { return result }
        if let vehicles = written.vehicles, !sanGongVehicles.isEmpty, vehicles < sanGongVehicles.reduce(0, +) {
            result.append(finding("资产 车辆 \(vehicles) 辆，少于 三公 块中 公务用车 保有 的 \(sanGongVehicles.reduce(0, +)) 辆", at: written.span,
                                  hint: "公务用车都是车辆：核对两处的数量"))
        }
        if let lastActuals {
            if let a = written.vehicles, let b = lastActuals.vehicles, a != b {
                result.append(finding("资产 车辆 \(a) 辆，上年决算的 资产 为 \(b) 辆（同是上年底的数）", at: written.span,
                                      hint: "核对上年决算"))
            }
            if let a = written.largeEquipment, let b = lastActuals.largeEquipment, a != b, written.threshold == lastActuals.threshold {
                result.append(finding("资产 大型设备 \(a) 台（套），上年决算的 资产 为 \(b) 台（套）", at: written.span,
                                      hint: "核对上年决算"))
            }
        }
        return result
    }
}

struct UnpublishedConflictRule: Rule {
    let id = "unpublished-conflict"
    let defaultSeverity = Severity.warning
    let summary = "写了 未公开 的数（三公、会议费、培训费）却又写了它的支出行"
    let documentation = RuleDocumentation(
        what: "预算写了 未公开 三公（或 会议费、培训费），却又有这些经济科目的支出行（“三公”：30212、30217、31013、30231；会议费 30215；培训费 30216）。在第一行报告，并给出共有几行。",
        why: "未公开 表示公开稿没有给出这个数：说明不写它，规则不比较它。可这些行照样印在表里、计入合计，公开的表和说明就自相矛盾；两处必有一处写错。",
        fix: "公开稿给出了这个数：删去 未公开 中的这个词。没有给出：这些行的钱写在公开稿给出的科目上（如办公费 30201），并在注释中说明。",
        justify: "写 允许 unpublished-conflict \"理由\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        let unknown = budget.budget.unpublished
        guard !unknown.isEmpty else { return [] }
        // Each unknown figure that lines can carry, by the economic codes that carry it.
        var figureOfCode: [String: UnpublishedFigure] = [:]
        if unknown.contains(.sanGong) { for part in SanGongPart.allCases { figureOfCode[part.economicCode] = .sanGong } }
        if unknown.contains(.meeting) { figureOfCode[EconomicCodes.meeting] = .meeting }
        if unknown.contains(.training) { figureOfCode[EconomicCodes.training] = .training }
        guard !figureOfCode.isEmpty else { return [] }
        var first: [UnpublishedFigure: (span: SourceSpan, code: String, reason: Reason?)] = [:]
        var count: [UnpublishedFigure: Int] = [:]
        for evaluated in budget.lines {
            guard let figure = figureOfCode[evaluated.line.economicCode] else { continue }
            count[figure, default: 0] += 1
            if first[figure] == nil { first[figure] = (evaluated.line.span, evaluated.line.economicCode, evaluated.line.reason) }
        }
        return UnpublishedFigure.allCases.compactMap { figure in
            guard let line = first[figure], let n = count[figure] else { return nil }
            let others = n > 1 ? "（共 \(n) 行）" : ""
            let name = figure == .sanGong ? "“三公”经费" : figure.rawValue
            return finding("写了 未公开 \(figure.rawValue)，却有 \(line.code) 的支出行\(others)：表中照印这些行，说明却不写\(name)",
                           at: line.span, hint: "公开稿给出了\(name)就删去 未公开 中的“\(figure.rawValue)”；没有给出就把这笔钱写在公开稿给出的科目上",
                           justifiedBy: [line.reason])
        }
    }
}
