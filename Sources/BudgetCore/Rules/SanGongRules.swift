/// 三公 amounts and quantities, meetings and trainings.
/// Short names for the codes kept in `SanGongPart` and `EconomicCodes` (Semantic/Domain.swift).
enum SanGong {
    static let abroad = SanGongPart.abroad.economicCode, reception = SanGongPart.reception.economicCode
    static let vehiclePurchase = SanGongPart.vehiclePurchase.economicCode, vehicleRunning = SanGongPart.vehicleRunning.economicCode
    static let meeting = EconomicCodes.meeting, training = EconomicCodes.training
}

struct SanGongQuantityRule: Rule {
    let id = "sangong-quantity"
    let defaultSeverity = Severity.warning
    let summary = "三公经费与其数量（团组、车辆、接待批次）不一致"
    let documentation = RuleDocumentation(
        what: "比较三公经费金额（因公出国 30212、公务接待 30217、公务用车购置 31013、公务用车运行维护 30231）与 三公 块中写的数量：有出国经费却没有团组、有车辆购置费却没有购置车辆、有运行维护费却没有保有车辆、有接待费却写了 0 批次，或反过来写了数量却没有经费；安排了公务用车购置费却没有写购置车辆数。",
        why: "“三公”经费说明要同时公开金额和数量（车辆保有量、购置数、出国团组、接待批次）；两者矛盾是社会监督中最常被指出的问题。",
        fix: "在 三公 块中填写正确的数量（因公出国 团组 N 人次 N；公务接待 批次 N 人次 N；公务用车 保有 N 购置 N），或改正金额。",
        justify: "写 说明 三公 \"……\"，或 允许 sangong-quantity \"理由\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        let topic = budget.budget.topicReasons["三公"]
        let undetailed = Aggregates.sanGongUndetailedByUnit(budget)
        for quantities in budget.budget.sanGong {
            let unit = quantities.unitCode
            func amount(_ code: String) -> Money {
                budget.total(ofUnit: unit) { $0.line.economicCode == code && $0.line.source.isFiscal }
            }
            let checks: [(code: String, key: String, label: String)] = [
                (SanGong.abroad, "因公出国.团组", "因公出国（境）团组"),
                (SanGong.reception, "公务接待.批次", "公务接待批次"),
                (SanGong.vehiclePurchase, "公务用车.购置", "购置车辆数"),
                (SanGong.vehicleRunning, "公务用车.保有", "公务用车保有量"),
            ]
            for check in checks {
                guard let count = quantities.values[check.key] else { continue }
                let money = amount(check.code)
                // A count without a row of its class: the money may be in the 合计's 未细分 rest.
                if money.isZero && count > 0 && undetailed[unit] != nil { continue }
                if money.isZero != (count == 0) {
                    let message = money.isZero
                        ? "单位 \(unit) 写了\(check.label) \(count)，但没有安排 \(check.code) 经费"
                        : "单位 \(unit) 安排了 \(check.code) 经费 \(budget.amount(money))，但\(check.label)为 0"
                    // Writing 0 for a count the publication does not give is the usual slip: 0 says "none".
                    let hint = money.isZero ? "核对 三公 块中的数量与经费"
                        : "写实际的\(check.label)；公开稿没有公开这个数量时，不写这一项（写 0 就是说没有）"
                    result.append(finding(message, at: quantities.span, hint: hint, justifiedBy: [topic]))
                }
            }
        }
        // 公务用车购置费 with no 购置 count written for its unit: the 说明 cannot say how many vehicles.
        let counted = Set(budget.budget.sanGong.filter { $0.values["公务用车.购置"] != nil }.map(\.unitCode))
        for unit in budget.budget.units where !counted.contains(unit.code) {
            // The unit's own lines through the per-unit index: a scan of every line per unit was quadratic.
            let lines = budget.lines(ofUnit: unit.code)
            let money = lines.reduce(Money.zero) { $1.line.economicCode == SanGong.vehiclePurchase && $1.line.source.isFiscal ? $0 + $1.amount : $0 }
            let listed = lines.contains { $0.line.purchases.contains { $0.catalogCode.hasPrefix("A0203") } }
            guard !money.isZero, !listed else { continue }
            let line = lines.first { $0.line.economicCode == SanGong.vehiclePurchase }
            result.append(finding("单位 \(unit.code) 安排了 \(SanGong.vehiclePurchase) 经费 \(budget.amount(money))，但没有写购置车辆数",
                                  at: line?.line.economicSpan ?? unit.span, hint: "在 三公 块中写：公务用车 购置 N（说明写出购置车辆数）",
                                  justifiedBy: [topic]))
        }
        return result
    }
}

/// `三公` block `合计 N`: the published total, of which the rows give some parts; the rest is 未细分.
struct SanGongTotalRule: Rule {
    let id = RuleID.sangongTotal.rawValue
    let defaultSeverity = Severity.error
    let summary = "三公 块的 合计 与各项的行对不上"
    let documentation = RuleDocumentation(
        what: "三公 块写了 合计（公开稿的“三公”经费合计）时，与该单位一般公共预算拨款 30212、30217、31013、30231 四个科目的行比较：合计少于四项之和；四项都有行而合计多出；多出的（未细分的）部分大于该单位其他一般公共预算拨款支出行之和（未细分的钱也是支出，必须在支出行里）。",
        why: "未细分部分是公开稿没有分到各项的“三公”经费：表7 和说明印出公开的合计和已知各项，不印未细分的项。合计少于各项、或无处容纳，说明抄错了数。",
        fix: "核对公开稿的合计和各项；未细分的钱写在该单位的其他公用经费行中（公开稿没有给出经济分类的那部分，注释写明）。",
        justify: "不可说明：改正数字。")

    func check(_ b: EvaluatedBudget, context: RuleContext) -> [Finding] {
        var result: [Finding] = []
        for block in b.budget.sanGong {
            guard let total = block.total else { continue }
            let unit = block.unitCode
            let lines = b.lines(ofUnit: unit).filter { $0.line.source == .generalBudget }
            let detailed = lines.reduce(Money.zero) { SanGongGaps.codes.contains($1.line.economicCode) ? $0 + $1.amount : $0 }
            let present = Set(lines.filter { !$0.amount.isZero }.map(\.line.economicCode)).intersection(SanGongGaps.codes)
            let rest = total - detailed
            let place = block.totalSpan ?? block.span
            if rest < .zero {
                result.append(finding("单位 \(unit) 的“三公”经费合计 \(b.amount(total))，少于四项的行之和 \(b.amount(detailed))", at: place,
                                      hint: "核对公开稿的合计和各项（30212、30217、31013、30231 的一般公共预算拨款行）"))
            } else if rest > .zero && present.count == SanGongGaps.codes.count {
                result.append(finding("单位 \(unit) 的“三公”经费合计 \(b.amount(total))，多于四项之和 \(b.amount(detailed))，而四项都已写出", at: place,
                                      hint: "未细分的部分属于没有写出的项；四项都写出时合计应等于四项之和"))
            } else if rest > .zero {
                let room = lines.reduce(Money.zero) { SanGongGaps.codes.contains($1.line.economicCode) ? $0 : $0 + $1.amount }
                if rest > room {
                    result.append(finding("单位 \(unit) 的“三公”经费未细分 \(b.amount(rest))，多于该单位其他一般公共预算拨款支出行之和 \(b.amount(room))",
                                          at: place, hint: "未细分的钱也是支出：写在该单位的公用经费行中（如 30299 其他商品和服务支出），并注释"))
                }
            }
        }
        return result
    }
}

struct MeetingTotalRule: Rule {
    let id = "meeting-total"
    let defaultSeverity = Severity.warning
    let summary = "列出的会议、培训合计与 30215 会议费、30216 培训费行的金额不一致"
    let documentation = RuleDocumentation(
        what: "一行会议费或培训费下列出了会议/培训明细时，明细金额之和应等于该行金额。",
        why: "预算说明公开“会议费培训费明细”（名称、时间、人数、金额）；明细与预算数不一致，说明测算依据不实。",
        fix: "补齐遗漏的会议/培训，或改正金额；也可以把该行金额写成公式。",
        justify: "在该行写 原因 \"……\"（例如“另有 0.2 万元用于临时性会议”）。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            guard !line.line.meetings.isEmpty else { return nil }
            let sum = line.meetingAmounts.reduce(Money.zero, +)
            guard sum != line.amount else { return nil }
            let what = line.line.economicCode == SanGong.training ? "培训" : "会议"
            return finding("\(what)明细合计 \(budget.amount(sum))，与该行金额 \(budget.amount(line.amount))不一致", at: line.line.span,
                           hint: "明细之和应等于行金额", justifiedBy: [line.line.reason])
        }
    }
}

struct MeetingLineRule: Rule {
    let id = "meeting-line"
    let defaultSeverity = Severity.error
    let summary = "会议只能写在 30215 会议费行下，培训只能写在 30216 培训费行下"
    let documentation = RuleDocumentation(
        what: "会议 明细所在的支出行经济分类须为 30215，培训 明细须为 30216。",
        why: "会议费、培训费按经济科目归集并单独公开（表13）；写在别的科目下的会议不会进入表13。",
        fix: "把明细移到对应的会议费/培训费行下。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.flatMap { line in
            line.line.meetings.compactMap { meeting in
                let expected = meeting.kind == .meeting ? SanGong.meeting : SanGong.training
                guard line.line.economicCode != expected else { return nil }
                return finding("\(meeting.kind.rawValue)“\(meeting.name)”写在了 \(line.line.economicCode) 行下，应在 \(expected) 行下",
                               at: meeting.span)
            }
        }
    }
}

struct VehiclePurchaseRule: Rule {
    let id = "vehicle-purchase"
    let defaultSeverity = Severity.error
    let summary = "采购车辆须列在 31013 公务用车购置（或 31019 其他交通工具购置）行下"
    let documentation = RuleDocumentation(
        what: "政府采购目录编码以 A0203（车辆）开头的采购项，所在支出行的经济分类须为 31013 公务用车购置或 31019 其他交通工具购置。",
        why: "公务用车购置属于“三公”经费，必须单列并公开；列在 31002 办公设备购置等科目下会使三公经费失实。",
        fix: "把车辆采购移到 31013 公务用车购置行下。",
        justify: "不可说明。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.flatMap { line in
            line.line.purchases.compactMap { purchase in
                guard purchase.catalogCode.hasPrefix("A0203"), !["31013", "31019"].contains(line.line.economicCode) else { return nil }
                return finding("车辆采购“\(purchase.item)”列在了 \(line.line.economicCode) 行下", at: purchase.span,
                               hint: "车辆应在 31013 公务用车购置行下采购")
            }
        }
    }
}
