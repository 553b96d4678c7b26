/// Diagnostics of the syntax, resolve and evaluate stages. They are not rules (a budget that
/// triggers them cannot be understood, so they are always errors and cannot be allowed), but
/// they have stable ids and documentation like the rules, for `budgetc explain`.
public struct DiagnosticDocumentation: Sendable {
    public var id: String
    public var severity: Severity
    public var summary: String
    public var documentation: RuleDocumentation
}

public enum LanguageDiagnostics {
    static func entry(_ id: String, _ summary: String, what: String, fix: String) -> DiagnosticDocumentation {
        DiagnosticDocumentation(id: id, severity: .error, summary: summary, documentation: RuleDocumentation(
            what: what, why: "budgetc 无法理解这一行，也就无法计算报表；所有这类问题一次全部报告。", fix: fix,
            justify: "不可说明：改正输入即可。"))
    }

    public static let all: [DiagnosticDocumentation] = [
        entry("syntax", "语句写法不对", what: "不认识的语句、缩进使下一行落到了错误的块中、缺少或多出内容。",
              fix: "按提示改写；检查缩进（Tab 按 4 个空格计）。"),
        entry("unterminated-string", "字符串缺少结尾引号", what: "以 \"、“ 或 「 开头的文字没有对应的结尾引号。", fix: "补上结尾引号。"),
        entry("bad-number", "数字或金额写法不对", what: "如 12.3.4、1O0（字母 O）、千分位逗号位置错误、以万元为单位超过 6 位小数（不足一分）、年度不是四位数。",
              fix: "金额写作 37.02、1,996.62、37.02万 或 3000元。"),
        entry("bad-code", "编码不是数字", what: "功能分类或经济分类编码中含有非数字字符。", fix: "改正编码。"),
        entry("code-level", "编码层级不对", what: "支出行的功能分类须写到项（7 位），经济分类须写到款（5 位）。", fix: "写全编码，如 2101501、30201。"),
        entry("unknown-code", "分类目录中没有这个编码", what: "功能分类或部门经济分类编码不在预算年度所用版本的内置目录（templates/catalogs）中，也不在预算引用的 分类目录 文件中。提示列出最相近的编码；编码只见于别的年度版本时，说明它在哪一版设立或取消。",
              fix: "核对编码（budgetc 的目录来自财政部《政府收支分类科目》，按 年度 选用版本），可用 budgetc codes --year 年度 <编码或名称> 查找；本地特有编码写进 分类目录 \"文件.tsv\"。"),
        entry("unknown-unit", "单位编码没有声明，或多单位部门的块没有写单位", what: "块中写的单位编码没有用 单位 声明；部门有多个单位时，收入、基本支出、项目等块必须写单位编码。",
              fix: "先写 单位 编码 名称 类型；在块的第一行写上单位编码。"),
        entry("unknown-source", "不认识的资金来源", what: "收入或 来源 中写的资金来源不在列表中。",
              fix: "使用 一般公共预算拨款、政府性基金拨款、国有资本经营预算、财政专户管理资金、上级补助收入、事业收入、事业单位经营收入、附属单位上缴收入、其他收入、上年结转、非财政拨款结余 之一。"),
        entry("unknown-indicator", "不认识的绩效指标类别", what: "绩效指标的 一级/二级 写法不在标准列表中。", fix: "写作 产出/数量、产出/质量、产出/时效、产出/成本、成本/经济成本、成本/社会成本、成本/生态环境成本、效益/经济、效益/社会、效益/生态、效益/可持续影响、满意度/服务对象满意度。"),
        entry("unknown-name", "公式中的名称没有定义", what: "公式引用的名称既不是 设 定义的数值，也不是内置合计。", fix: "用 设 名称 = … 定义，或改正拼写。"),
        entry("formula-cycle", "公式循环引用", what: "公式之间互相引用形成环，例如 设 甲 = 乙 + 1 与 设 乙 = 甲 * 2，或支出行引用了包含它自己的 支出合计。信息列出整个环。",
              fix: "打断循环：环中至少一项直接写金额。"),
        entry("division-by-zero", "公式除以零", what: "公式中除号后面的值为 0。", fix: "检查除数。"),
        entry("overflow", "数值超出范围", what: "金额或公式结果超出可精确表示的范围（约 ±9×10¹⁶ 分）。", fix: "检查数值和单位（元/万元）。"),
        entry("unit-mismatch", "金额单位用法不对", what: "两个金额相乘，或数字除以金额。", fix: "人数、标准等不带单位的数才能与金额相乘。"),
        entry("missing-amount", "缺少金额", what: "支出行、收入、会议或采购项既没有金额也没有公式。", fix: "在行末写金额，或写 = 公式。"),
        entry("missing-header", "缺少 部门、年度 或 单位", what: "预算文件必须声明部门、年度和至少一个单位。", fix: "在文件开头写 部门、年度、单位。"),
        entry("retired-total", "离退休人数与离休、退休不符", what: "同一单位既写了 离退休（合计），又写了 离休 或 退休，而合计不等于两者之和。",
              fix: "公开稿只给合计时只写 离退休；分开给出时写 离休 和 退休。"),
        entry("duplicate", "重复声明", what: "同一部门、单位、名称、项目、收入来源或 部门绩效 声明了两次。", fix: "删除或合并重复的声明。"),
        entry("include-missing", "找不到被包含（或分类目录）文件", what: "包含 或 分类目录 引用的文件不存在。", fix: "路径相对于写这一行的文件。"),
        entry("include-cycle", "包含关系形成循环", what: "文件互相 包含。", fix: "删除其中一个 包含。"),
        entry("include-depth", "包含层次过深", what: "包含 嵌套超过 16 层。", fix: "减少嵌套。"),
        entry("encoding", "文件编码无法识别或不是文本", what: "文件不是 UTF-8、UTF-16（带 BOM）或 GBK/GB18030 文本，或是二进制文件。", fix: "用编辑器以 UTF-8 另存。"),
        entry("io", "无法读取文件", what: "文件不存在或没有读取权限；或找不到 budgetc 的 templates 目录。", fix: "检查路径；设置 BUDGETC_TEMPLATES。"),
        entry("previous-year", "上年预算、上年决算文件有错误或种类不对", what: "上年预算 或 上年决算 指向的文件有错误（错误本身另行列出），无法与上年比较；或 上年预算 指向了决算文件（以 决算 2024 开头）、上年决算 指向了预算文件。",
              fix: "改正该文件；决算文件写在 上年决算 后面，预算文件写在 上年预算 后面。"),
        entry("unknown-topic", "不认识的说明话题", what: "说明 块中的话题既不是已知的话题（收入、支出、总体、基本支出、项目支出、三公、因公出国、公务接待、公务用车购置、公务用车运行维护、会议费、培训费、机关运行经费、人员经费、公用经费、政府性基金、国有资本经营），也不是分类编码。写错的话题不会被任何句子或规则用到，原因就像没写一样，所以报错。",
              fix: "按提示改正话题；分类编码写功能分类项（2101501）或经济分类类、款（301、30201）。"),
        entry("actuals-not-budget", "需要预算文件，给的是决算文件", what: "diff、init --from 的输入是决算文件（notes 和 compile 接受决算文件，生成决算说明和决算公开表）。init --from 不从决算生成预算：决算没有功能×经济分类的明细、项目和绩效目标，照抄大半是错的。",
              fix: "用上年的预算文件（init --from 上年预算.bud，或 init --name 部门名称），再在新预算中写 上年决算 \"决算文件\"。"),
        entry("actuals-total-source", "决算的合计行写了资金来源", what: "决算 支出 块中照公开稿抄写的 合计 行和 3 位类、5 位款行是公开05表（一般公共预算财政拨款）的合计，不能写 来源：写了也只会按一般公共预算计，其他来源的支出就算错了。",
              fix: "其他资金来源的支出写成项级支出行：7 位功能分类编码 金额 来源 其他收入；公开稿只给了全部来源的支出合计（决算说明的“本年支出合计”）、没有按来源和科目拆分时，写 本年支出合计 金额（见 docs/language.md 24.2.2）。"),
        entry("formula-depth", "公式之间的引用链太长", what: "设 定义的名称层层引用（甲 = 乙 + 1，乙 = 丙 + 1 ……）超过 20000 层。", fix: "让中间值直接写金额。"),
        entry("text-too-long", "文字太长", what: "一段文字超过 32767 个字符，放不进表格单元格。", fix: "缩短文字。"),
        entry("catalog-format", "分类目录文件格式不对", what: "分类目录文件的行不是“编码<Tab>名称”或“部门款<Tab>行政款<Tab>事业款”。", fix: "按格式改写（UTF-8，Tab 分隔）。"),
    ]

    public static func entry(_ id: String) -> DiagnosticDocumentation? { all.first { $0.id == id } }
}

/// Everything `budgetc explain` and docs/rules.md know about: rules, then language diagnostics.
public enum RuleDocs {
    public static var entries: [DiagnosticDocumentation] {
        RuleRegistry.all.map { DiagnosticDocumentation(id: $0.id, severity: $0.defaultSeverity, summary: $0.summary, documentation: $0.documentation) }
            + LanguageDiagnostics.all
    }

    public static func entry(_ id: String) -> DiagnosticDocumentation? { entries.first { $0.id == id } }

    public static func text(_ e: DiagnosticDocumentation) -> String {
        """
        \(e.id)（默认级别：\(e.severity.rawValue)）
        \(e.summary)

        检查什么：\(e.documentation.what)
        为什么：\(e.documentation.why)
        怎样改：\(e.documentation.fix)
        怎样说明：\(e.documentation.justify)

        """
    }

    /// docs/rules.md, generated; a test keeps the committed file equal to this.
    public static func markdown() -> String {
        var out = """
        # 审核规则（rules）

        > 本文件由 `budgetc rules --markdown > docs/rules.md` 生成，测试会核对它与程序中注册的规则一致。请勿手工编辑。

        `budgetc check` 一次报告全部问题，每条带规则编号（如 `warning[sangong-quantity]`）。级别：

        - **error**：错误，`compile` 不写工作簿（除非 `--force`，封面标注“草稿”）；
        - **warning**：警告，应改正或说明；`--deny warnings` 把剩余警告当作错误（用于 CI）；
        - **note**：提示。

        **说明（justify）**：在支出行或项目下写 `原因 "……"`、在 `说明` 块中写主题原因（如 `三公 "……"`），或写 `允许 规则编号 "理由"`，都会把相应的 warning 降为 note，理由会出现在提示中。没有理由的 `允许` 本身会被报告。error 不能被说明。

        `budgetc explain 规则编号` 在终端中显示同样的内容。

        ## 规则一览

        | 编号 | 默认级别 | 说明 |
        | --- | --- | --- |

        """
        for e in entries { out += "| [`\(e.id)`](#\(e.id)) | \(e.severity.rawValue) | \(e.summary) |\n" }
        out += "\n"
        var inLanguage = false
        for e in entries {
            if !inLanguage && LanguageDiagnostics.entry(e.id) != nil {
                inLanguage = true
                out += "## 语言错误\n\n以下问题出现时 budgetc 无法理解预算，总是 error，不能说明。\n\n"
            }
            out += """
            ### \(e.id)

            \(e.summary)（默认级别：\(e.severity.rawValue)）

            - **检查什么**：\(e.documentation.what)
            - **为什么**：\(e.documentation.why)
            - **怎样改**：\(e.documentation.fix)
            - **怎样说明**：\(e.documentation.justify)


            """
        }
        return out
    }
}
