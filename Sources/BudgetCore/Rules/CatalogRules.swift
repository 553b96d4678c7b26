/// Classification codes: names agree with the catalog, and every 部门经济 款 maps to a 政府经济 款.
struct CodeNameRule: Rule {
    let id = "code-name"
    let defaultSeverity = Severity.warning
    let summary = "支出行写的科目名称与分类目录不一致"
    let documentation = RuleDocumentation(
        what: "支出行在编码后写了名称时（如 30201 办公费），与经济分类目录中该编码的名称比较；全角/半角括号视为相同。",
        why: "名称写错往往意味着编码写错（例如想写 30211 差旅费却写了 30201）；公开报表的科目名称以财政部《政府收支分类科目》为准。",
        fix: "改正编码，或把名称改成目录中的名称（也可以删去名称，报表总是使用目录名称）。",
        justify: "如确需保留本地习惯叫法，在该行写 原因 \"……\"，或 允许 code-name \"理由\"。")

    static func comparable(_ s: String) -> String {
        Normalize.foldedForComparison(s)
    }

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            guard let name = line.line.name, let official = budget.catalog.economicDepartment[line.line.economicCode], name != official,
                  CodeNameRule.comparable(name) != CodeNameRule.comparable(official) else { return nil }
            if let old = budget.catalog.renamed(line.line.economicCode, in: .economicDepartment, from: name), let edition = budget.catalog.edition {
                return finding("经济分类 \(line.line.economicCode) 在 \(old.edition) 年版目录中名为“\(name)”，本预算使用的 \(edition) 年版目录改名为“\(official)”",
                               at: line.line.nameSpan ?? line.line.span, hint: "名称改为“\(official)”（或删去名称）", justifiedBy: [line.line.reason])
            }
            return finding("经济分类 \(line.line.economicCode) 的名称是“\(official)”，这里写的是“\(name)”",
                           at: line.line.nameSpan ?? line.line.span, hint: "核对编码；名称应为“\(official)”",
                           justifiedBy: [line.line.reason])
        }
    }
}

struct EconomicMappingRule: Rule {
    let id = "economic-mapping"
    let defaultSeverity = Severity.error
    let summary = "部门经济分类无法按单位类型对应到政府经济分类"
    let documentation = RuleDocumentation(
        what: "按单位类型（行政、参公 → 501–503、509、510 等；事业 → 505、506 等）查对照表，把每个部门预算经济分类款对应到政府预算经济分类款。",
        why: "表1、表4、表6、表8、表11、表12 都要列政府预算经济分类；对照关系由财政部《部门预算支出经济分类与政府预算支出经济分类对应关系》规定，不由编制人填写。",
        fix: "核对经济分类编码；本地新增的编码在 分类目录 文件中补一行“部门款<Tab>行政对应款<Tab>事业对应款”。",
        justify: "不可说明：没有对应关系就无法生成报表。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            let type = budget.unitType(line.line.unitCode)
            if line.governmentCode.isEmpty {
                return finding("经济分类 \(line.line.economicCode) 没有对应的政府预算经济分类（单位类型：\(type.rawValue)）",
                               at: line.line.economicSpan, hint: "在 分类目录 文件中补充对应关系")
            }
            if budget.catalog.economicGovernment[line.governmentCode] == nil {
                return finding("对照表把 \(line.line.economicCode) 对应到 \(line.governmentCode)，但政府经济分类目录中没有该编码",
                               at: line.line.economicSpan, hint: "修正对照表或补充政府经济分类目录")
            }
            return nil
        }
    }
}

/// 人员经费 uses 301/303, 公用经费 302/310 (and 309 基本建设 capital). Some regions publish 编外人员的委托业务费
/// (a 302 款) inside 人员经费 (梧州市预决算公开平台: “人员经费……主要包括：基本工资……委托业务费”): such a 302 line
/// under 人员经费 is accepted when it carries its `原因`, so the published 人员经费 can be written.
struct BasicEconomicClassRule: Rule {
    let id = "basic-economic-class"
    let defaultSeverity = Severity.error
    let summary = "人员经费只能用 301/303 类，公用经费只能用 302/310 类经济科目"
    let documentation = RuleDocumentation(
        what: "基本支出中，人员经费行的经济分类须属于 301 工资福利支出或 303 对个人和家庭的补助；公用经费行须属于 302 商品和服务支出或 310 资本性支出。",
        why: "这是财政部门预算编制口径：人员经费 = 工资福利支出 + 对个人和家庭的补助，公用经费 = 商品和服务支出 + 资本性支出；表1 的“人员经费和公用经费支出”、表7、表8 都按此汇总。",
        fix: "把该行移到正确的部分（人员经费 ↔ 公用经费），或改正经济分类编码；其他类别的支出应列为项目。",
        justify: "只有一种情况可以说明：公开稿把 302 类的款（如编外聘用人员的 30227 委托业务费）计入人员经费时，在该行写 原因 \"……\"，人员经费照公开稿汇总（降为提示）。其余不可说明：口径错误会使公开报表的人员经费、公用经费失真。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            let klass = String(line.line.economicCode.prefix(3))
            switch line.line.kind {
            case .personnel where klass == "302":
                // A published 口径 (编外人员的委托业务费 in 人员经费): a warning its 原因 turns into a note; unexplained, an error.
                let message = "人员经费中不能使用 302 类经济科目（\(line.line.economicCode)）"
                let hint = "人员经费只用 301、303 类；公开稿把这一款计入人员经费时（如编外人员的委托业务费），在该行写 原因 \"……\""
                let severity: Severity = line.line.reason?.text.isBlank == false ? .warning : .error
                return Finding(diagnostic: Diagnostic(severity, id, message, at: line.line.economicSpan, hint: hint),
                               justifications: [line.line.reason])
            case .personnel where !["301", "303"].contains(klass):
                return finding("人员经费中不能使用 \(klass) 类经济科目（\(line.line.economicCode)）", at: line.line.economicSpan,
                               hint: "人员经费只用 301、303 类；这一行可能属于公用经费或项目")
            case .publicUse where !["302", "310", "309"].contains(klass):
                return finding("公用经费中不能使用 \(klass) 类经济科目（\(line.line.economicCode)）", at: line.line.economicSpan,
                               hint: "公用经费只用 302、310 类；这一行可能属于人员经费或项目")
            default:
                return nil
            }
        }
    }
}

/// 基本支出 sits on running-cost function codes; which 项 are 运转类 is catalog data (column `running`
/// of templates/catalogs/function.tsv), so schools, hospitals and other institutions are covered.
struct BasicFunctionCodeRule: Rule {
    let id = "basic-function-code"
    let defaultSeverity = Severity.warning
    let summary = "基本支出应列在行政运行、事业运行等运转类功能科目"
    let documentation = RuleDocumentation(
        what: "基本支出（人员经费、公用经费）的功能分类应是运转类科目：分类目录中标为“运转”的项——各款的“行政运行”“事业运行”“机关服务”“机构运行”，20805 行政事业单位养老支出、21011 行政事业单位医疗、22102 住房改革支出等保障类款下的项，2080109 社会保险经办机构等经办机构，以及本身就是一类机构运转经费的项（如学校的 2050201 学前教育至 2050205 高等教育、职业/特殊教育、公立医院、乡镇卫生院、疾病预防控制机构、图书馆、博物馆）。`budgetc codes` 在运转类科目后标“运转类”。",
        why: "基本支出是维持机构运转的经费；列在“一般行政管理事务”“信息化建设”等项目类科目上，会把项目支出混入基本支出，审核时按“基本支出科目不合规”退回。",
        fix: "把该行改到运转类功能科目，或把它移到一个 项目 中。",
        justify: "确有特殊口径时，在该行写 原因 \"……\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        budget.lines.compactMap { line in
            guard line.line.kind.isBasic else { return nil }
            let code = line.line.functionCode
            if budget.catalog.isRunningItem(code) { return nil }
            let name = budget.catalog.function[code] ?? ""
            let section = String(code.prefix(5))
            let nearby = budget.catalog.runningItems.filter { $0.hasPrefix(section) }.sorted().prefix(4)
                .map { "\($0) \(budget.catalog.function[$0] ?? "")" }
            let hint = nearby.isEmpty ? "基本支出通常用 行政运行（如 2101501）或 事业运行（如 2101550）；用 budgetc codes 运行 查找"
                : "本款的运转类科目：\(nearby.joined(separator: "、"))"
            return finding("基本支出列在了非运转类功能科目 \(code) \(name)", at: line.line.functionSpan,
                           hint: hint, justifiedBy: [line.line.reason])
        }
    }
}

/// 政府采购 codes name an existing 门类 and 大类 of the 政府采购品目分类目录.
struct ProcurementCatalogClassRule: Rule {
    let id = "procurement-catalog-class"
    let defaultSeverity = Severity.warning
    let summary = "政府采购目录编码的门类或大类不在《政府采购品目分类目录》中"
    let documentation = RuleDocumentation(
        what: "采购项目录编码的前三位（门类 A/B/C 和大类，如 A02 设备、C16 信息技术服务）须是《政府采购品目分类目录》（财库〔2022〕31号）中的大类；目录中列出的品目在 budgetc codes 中显示名称。",
        why: "表12 的“采购目录”按品目分类目录填写；大类不存在的编码一定写错了（例如 A10、C30），采购计划无法备案。",
        fix: "用 budgetc codes A02 之类查找正确的品目编码并改正。",
        justify: "在所在支出行写 原因 \"……\"。")

    func check(_ budget: EvaluatedBudget, context: RuleContext) -> [Finding] {
        let catalog = budget.catalog
        guard !catalog.procurement.isEmpty else { return [] }
        return budget.lines.flatMap { line in
            line.line.purchases.compactMap { purchase -> Finding? in
                let code = purchase.catalogCode
                guard ProcurementCatalogCodeRule.isWellFormed(code), catalog.procurement[String(code.prefix(3))] == nil else { return nil }
                let classes = catalog.procurement.keys.filter { $0.count == 3 && $0.first == code.first }.sorted()
                return finding("采购目录编码“\(code)”的大类 \(code.prefix(3)) 不在政府采购品目分类目录中", at: purchase.span,
                               hint: "\(code.prefix(1)) 门类的大类为 \(classes.first ?? "")–\(classes.last ?? "")；用 budgetc codes \(code.prefix(1)) 查看",
                               justifiedBy: [line.line.reason])
            }
        }
    }
}
