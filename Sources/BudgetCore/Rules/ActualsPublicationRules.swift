/// Rules for the 决算 publication (公开表 and 决算说明, `budgetc compile 决算.bud`): the 说明 states
/// its reasons wherever the national pattern asks for one. The sentences and what each needs come
/// from `ActualsNotes` (one place); these rules only report the ones left without a reason.
extension ActualsNotes.Statement.Kind {
    var ruleID: RuleID {
        switch self {
        case .change: return .actualsChangeReason
        case .completion: return .actualsCompletionReason
        case .sanGongOverBudget: return .actualsSangongOverBudget
        }
    }
}

protocol ActualsStatementRule: ActualsRule { var kind: ActualsNotes.Statement.Kind { get } }

extension ActualsStatementRule {
    func check(actuals a: Actuals) -> [Finding] { check(actuals: a, notes: ActualsNotes.generate(for: a)) }

    /// With the 决算说明 already generated: `RuleRegistry` generates it once for all statement rules.
    func check(actuals a: Actuals, notes: ActualsNotes) -> [Finding] {
        notes.statements.filter { $0.kind == kind && $0.reason == nil }.map {
            var f = finding("\($0.subject)（\($0.brief)）：决算说明中这一句没有写原因", at: $0.span ?? a.span, hint: hint(for: $0))
            f.topics = $0.topics
            return f
        }
    }
    /// The topic the sentence takes its reason from, when it has one (a “三公” item's is its own: 公务接待 "……").
    func hint(for statement: ActualsNotes.Statement) -> String {
        guard kind == .change, let topic = statement.topics.first, !["总体", "收入", "支出"].contains(topic) else { return hint }
        return "在 说明 块中写：\(topic) \"原因……\""
    }
    var hint: String {
        switch kind {
        case .change: return "在 说明 块中写：总体 \"原因……\"（收支总计）、收入 \"…\"、支出 \"…\""
        case .completion: return "在支出行后写 原因 \"……\"，或在 说明 块中写：功能分类编码 \"原因……\""
        case .sanGongOverBudget: return "在 说明 块中写：三公 \"原因……\"（或 因公出国、公务接待、公务用车购置、公务用车运行维护）"
        }
    }
}

struct ActualsChangeReasonRule: ActualsStatementRule {
    let kind = ActualsNotes.Statement.Kind.change
    let id = RuleID.actualsChangeReason.rawValue
    let defaultSeverity = Severity.warning
    let summary = "决算说明中较上年增减的句子没有原因"
    let documentation = RuleDocumentation(
        what: "决算文件写了 上年决算 \"文件\" 时，决算说明逐项与上年决算比较（收、支总计，本年收入合计，本年支出合计，财政拨款收、支总计，一般公共预算财政拨款支出；上年决算有“三公”时，“三公”经费合计和各项）。每一句“较上年增加/减少 Y 万元，增长/下降 Z%”都要有“主要原因是……”；有增减而 说明 块中没有对应话题（总体、收入、支出；三公 或该项的话题，如 公务接待）的原因时警告。",
        why: "决算公开的统一格式要求对每项增减说明原因；“主要原因是。”或干脆不写原因是公开稿最常见的缺陷。",
        fix: "在 说明 块中写话题和原因：总体 \"……\"、收入 \"……\"、支出 \"……\"。",
        justify: "允许 actuals-change-reason 话题 \"理由\"（只管这个话题的句子，如 允许 actuals-change-reason 公务用车运行维护 \"公开稿没有写原因\"），或 允许 actuals-change-reason \"理由\"（所有句子）。")
}

struct ActualsCompletionReasonRule: ActualsStatementRule {
    let kind = ActualsNotes.Statement.Kind.completion
    let id = RuleID.actualsCompletionReason.rawValue
    let defaultSeverity = Severity.warning
    let summary = "预算完成率与 100% 相差较大而没有原因"
    let documentation = RuleDocumentation(
        what: "支出行写了年初预算时，决算说明写“完成年初预算的 Z%”。Z 与 100% 相差超过 10 个百分点（或年初没有预算而有支出）时，句子要有“决算数大于/小于年初预算数的主要原因是……”；没有原因时警告。",
        why: "决算说明五（三）逐项说明预算执行；执行率偏离大而不说明原因，说明预算编制或执行有问题未交代。",
        fix: "在该支出行后写 原因 \"……\"，或在 说明 块中写 功能分类编码 \"……\"。",
        justify: "允许 actuals-completion-reason \"理由\"。")
}

struct ActualsSanGongOverBudgetRule: ActualsStatementRule {
    let kind = ActualsNotes.Statement.Kind.sanGongOverBudget
    let id = RuleID.actualsSangongOverBudget.rawValue
    let defaultSeverity = Severity.warning
    let summary = "“三公”经费决算数超过预算数而没有原因"
    let documentation = RuleDocumentation(
        what: "三公 块中某项（或合计）的决算数大于预算数时，决算说明九要写“决算数大于预算数的主要原因是……”；说明 块中没有该项（或 三公）的原因时警告。",
        why: "“三公”经费实行预算控制，决算超预算必须公开说明原因。",
        fix: "在 说明 块中写：三公 \"……\"，或按项写 因公出国 / 公务接待 / 公务用车购置 / 公务用车运行维护 \"……\"。",
        justify: "允许 actuals-sangong-over-budget \"理由\"。")
}

/// Text an officer leaves to fill in later: a reason like this would be published as it stands.
enum Placeholder {
    static let markers = ["**", "××", "XX", "xx", "＊＊", "待补", "待填", "（略）", "...", "……"]

    static func find(in text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { return "空白" }
        return markers.first { trimmed.contains($0) }
    }
}

struct ActualsPlaceholderRule: ActualsRule {
    let id = RuleID.actualsPlaceholder.rawValue
    let defaultSeverity = Severity.error
    let summary = "决算说明的原因是未填的占位文字"
    let documentation = RuleDocumentation(
        what: "决算说明中的原因（说明 块、支出行和 合计 行的 原因）不能是占位文字：含 **、××、XX、待补、待填、（略）、……。budgetc 自己生成的句子只用已知的数，缺数或缺原因时整句或整个分句不写，不会出现“**万元”“下降%”。",
        why: "公开稿中常见“因公出国（境）经费支出**万元”“较上年决算数减少 0.0 万元，下降%”这样的未填占位，公开后无法更正。",
        fix: "把原因写完整。",
        justify: "不可说明：改正文字即可。")

    func check(actuals a: Actuals) -> [Finding] {
        var result: [Finding] = []
        var reasons = a.topicReasons.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
        reasons += a.lines.compactMap { line in line.reason.map { (line.functionCode, $0) } }
        reasons += a.published.compactMap { total in total.reason.map { (total.label, $0) } }
        for (subject, reason) in reasons {
            if let marker = Placeholder.find(in: reason.text) {
                result.append(finding("“\(subject)”的原因是占位文字（\(marker)）：“\(reason.text)”", at: reason.span, hint: "写出实际原因"))
            }
        }
        return result
    }
}
