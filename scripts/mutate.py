#!/usr/bin/env python3
"""Mutation testing for budgetc (`make mutate`; not part of CI: it is slow).

Each mutation is a small, realistic one-line mistake: a wrong rounding, a dropped term, a swapped
column, an inverted comparison, a forgotten check on a write path. They are applied one at a time to
the source tree; after each, the test suite is built and run (`swift build --build-tests`,
`swift test --skip-build`), and the mutation is "killed" when the suite fails. The file is restored
whatever happens. The score and the survivors are printed, and written to docs/testing.md's results
block with --record.

A mutation whose text no longer occurs exactly once is reported as "stale" (the code moved): update
its `find` text. Usage: scripts/mutate.py [--only ID,ID] [--record] [--timeout SECONDS]
"""
import argparse, os, re, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (id, file, find, replace, what the mutation means)
MUTATIONS = [
    # Money and arithmetic
    ("money-round-down", "Sources/BudgetCore/Support/Rational.swift",
     "if 2 * r.magnitude >= d.magnitude { return n < 0 ? q - 1 : q + 1 }",
     "if 2 * r.magnitude > d.magnitude { return n < 0 ? q - 1 : q + 1 }", "rounding: half no longer rounds away from zero"),
    ("money-add-overflow-sign", "Sources/BudgetCore/Support/Money.swift",
     "return Money(fen: r.overflow ? (b.fen > 0 ? .max : .min) : r.partialValue)",
     "return Money(fen: r.overflow ? (b.fen > 0 ? .min : .max) : r.partialValue)", "saturating sum saturates the wrong way"),
    ("money-text-decimals", "Sources/BudgetCore/Support/Money.swift",
     "for _ in 0..<(unit.exactDecimals - decimals) { scale *= 10 }", "for _ in 0..<(unit.exactDecimals - 1 - decimals) { scale *= 10 }",
     "万元 text off by a factor of ten"),
    ("literal-yuan-scale", "Sources/BudgetCore/Syntax/Literal.swift",
     "case .yuan: scale = Money.fenPerYuan", "case .yuan: scale = Money.fenPerWan", "元 read as 万元"),
    ("rational-limit", "Sources/BudgetCore/Support/Rational.swift",
     "guard n.magnitude <= BigUInt(Rational.limit) * d.magnitude else { throw Failure.overflow }",
     "guard n.magnitude <= BigUInt(Int64.max) else { throw Failure.overflow }", "intermediate fractions limited to 64 bits again"),
    ("rational-add-big", "Sources/BudgetCore/Support/Rational.swift",
     "return try Rational(a * d + c * b, b * d)", "return try Rational(a * d + c * b, b * b)", "big-number addition uses the wrong denominator"),
    # Decoding and syntax
    ("bom-not-stripped", "Sources/BudgetCore/Support/TextDecoding.swift",
     "if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {", "if bytes.starts(with: [0xEF, 0xBB, 0xBE]) {", "UTF-8 BOM no longer recognised"),
    ("bom-indents", "Sources/BudgetCore/Syntax/LineParser.swift",
     'case "\\u{FEFF}": break // a stray BOM', 'case "\\u{FEFF}": indent += 1 // a stray BOM', "a BOM at line start indents"),
    ("tab-width", "Sources/BudgetCore/Syntax/LineParser.swift",
     "public static let tabWidth = 4", "public static let tabWidth = 2", "tabs indent by two"),
    ("control-chars-allowed", "Sources/BudgetCore/Syntax/Loader.swift",
     "case 0x00...0x1F, 0x7F, 0xFFFE, 0xFFFF: return false", "case 0x00...0x08, 0x7F: return false", "ESC and U+FFFE pass into the workbook"),
    ("include-duplicate-allowed", "Sources/BudgetCore/Syntax/Loader.swift",
     "if let first = visit.seen[canonical] {", "if let first = visit.seen[canonical], chain.count > 99 {", "the same file can be included twice"),
    ("backslash-paths", "Sources/BudgetCore/Support/Paths.swift",
     'path.contains("\\\\") ? path.replacingAll("\\\\", with: "/") : path', "path",
     "Windows separators no longer accepted"),
    ("path-policy-off", "Sources/BudgetCore/Syntax/PathPolicy.swift",
     "guard allowed.contains(BudgetPath.fileExtension(of: path)) else {", "guard allowed.contains(BudgetPath.fileExtension(of: path)) || true else {",
     "a budget can name any file"),
    ("path-policy-link", "Sources/BudgetCore/Syntax/PathPolicy.swift",
     "guard allowed.contains(BudgetPath.fileExtension(of: real)) else {", "guard allowed.contains(BudgetPath.fileExtension(of: path)) else {",
     "a .bud link to another file is followed"),
    # Writing
    ("write-no-verify", "Sources/BudgetCore/Support/SafeWrite.swift",
     "        try verify(temporary)\n", "", "the finished file is not verified"),
    ("write-inputs-unchecked", "Sources/BudgetCore/Support/SafeWrite.swift",
     "if let identity = FileIdentity(path: target), inputs.contains(identity) {", "if let identity = FileIdentity(path: target), inputs.contains(identity), false {",
     "outputs may overwrite inputs"),
    ("write-devices", "Sources/BudgetCore/Support/SafeWrite.swift",
     "guard kind == S_IFREG else {", "guard kind == S_IFREG || kind == S_IFCHR || kind == S_IFIFO else {", "devices and pipes are written over"),
    ("fmt-mode-lost", "Sources/BudgetCore/Support/SafeWrite.swift",
     "            try keepMetadata(of: target, on: temporary)\n", "", "fmt loses the file's permissions"),
    ("fmt-concurrent-edit", "Sources/BudgetCore/Support/SafeWrite.swift",
     "guard let current = FileManager.default.contents(atPath: target), current == original.data else {",
     "guard let current = FileManager.default.contents(atPath: target), current == current else {", "an edit made during fmt is lost"),
    ("verify-xml-tail", "Sources/BudgetCore/Render/XlsxVerifier.swift",
     "guard end.isComplete else {", "guard end.isComplete || true else {", "truncated workbook parts pass"),
    ("xlsx-tmpdir", "Sources/BudgetCore/Render/XlsxWriter.swift",
     "        options.tmpdir = scratchC\n", "", "libxlsxwriter's scratch files go back to /tmp"),
    ("x-escape", "Sources/BudgetCore/Render/XlsxVerifier.swift",
     'out.append(contentsOf: "_x005F_".unicodeScalars)', 'out.append("_")', "literal _xHHHH_ decoded by spreadsheets"),
    ("sum-formula-range", "Sources/BudgetCore/Render/XlsxWriter.swift",
     "                sorted[j].appendA1(to: &out)",
     "                sorted[j - 1].appendA1(to: &out)", "a SUM range drops its last cell"),
    ("money-format", "Sources/BudgetCore/Render/XlsxWriter.swift",
     'static let moneyFormat = "#,##0.00;-#,##0.00;;@"', 'static let moneyFormat = "#,##0.0;-#,##0.0;;@"', "amounts shown to one decimal"),
    ("terminal-escapes", "Sources/BudgetCore/Support/DiagnosticRenderer.swift",
     "case 0x00...0x08, 0x0A...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true",
     "case 0x00...0x08, 0x0A...0x1A, 0x1C...0x1F: return true", "ESC reaches the terminal"),
    # Rules
    ("threshold-percent", "Sources/BudgetCore/PreviousYear/Comparison.swift",
     "return percent >= Int64(b.budget.changeThresholdPercent)", "return percent > Int64(b.budget.changeThresholdPercent)",
     "a change exactly at the threshold needs no reason"),
    ("threshold-amount", "Sources/BudgetCore/PreviousYear/Comparison.swift",
     "guard !change.isZero, change.fen.magnitude >= b.budget.changeThresholdAmount.fen.magnitude else { return false }",
     "guard !change.isZero, change.fen.magnitude > b.budget.changeThresholdAmount.fen.magnitude else { return false }",
     "a change exactly at the amount threshold needs no reason"),
    ("headcount-direction", "Sources/BudgetCore/Rules/DocumentRules.swift",
     "if unit.actual.total > unit.staffing.total {", "if unit.actual.total < unit.staffing.total {", "headcount rule inverted"),
    ("perf-cost-le", "Sources/BudgetCore/Rules/PerformanceRules.swift",
     'case "≤": ok = total <= money', 'case "≤": ok = total < money', "a cost indicator exactly at its bound fails"),
    ("fiscal-sources", "Sources/BudgetCore/Semantic/Model.swift",
     "public var isFiscal: Bool { self == .generalBudget || self == .governmentFund || self == .stateCapital }",
     "public var isFiscal: Bool { self == .generalBudget || self == .governmentFund }", "国有资本经营预算 left out of 财政拨款"),
    ("basic-kinds", "Sources/BudgetCore/Semantic/Model.swift",
     "public var isBasic: Bool { self == .personnel || self == .publicUse }", "public var isBasic: Bool { self == .personnel }",
     "公用经费 not counted as 基本支出"),
    # Catalogs
    ("catalog-edition-next", "Sources/BudgetCore/Catalog/CatalogSource.swift",
     "return years.last(where: { $0 <= year }) ?? years.first", "return years.first(where: { $0 >= year }) ?? years.last",
     "a budget uses the next edition instead of its own year's"),
    ("catalog-running-any", "Sources/BudgetCore/Catalog/Catalog.swift",
     "runningItems.contains(code) || Catalog.runningNames.contains(function[code] ?? \"\")", "function[code] != nil",
     "every function code counts as 运转类"),
    ("catalog-until-open", "Sources/BudgetCore/Catalog/CatalogSource.swift",
     "(until.map { year <= $0 } ?? true)", "true", "rows closed with `until` stay in later editions"),
    # Tables
    # Tables: the engine, and the table templates (data: a wrong filter or a swapped column is a realistic edit)
    ("engine-income-sum", "Sources/BudgetCore/Tables/GridEngine.swift",
     "case (true, false): total = node.incomes.reduce(.zero) { filter.matches(u.incomes[$1]) ? $0 + u.incomes[$1].amount : $0 }",
     "case (true, false): total = node.incomes.reduce(.zero) { filter.matches(u.incomes[$1]) ? u.incomes[$1].amount : $0 }",
     "an income cell keeps only its last term"),
    ("engine-subtotal-children", "Sources/BudgetCore/Tables/GridEngine.swift",
     "put(r, c, .sum(childResults.map { CellRef($0.row, c) }, cached: total), style)",
     "put(r, c, .sum(childResults.dropLast().map { CellRef($0.row, c) }, cached: total), style)",
     "a subtotal formula drops its last child"),
    ("table3-carried-over", "templates/tables/陕西/表03-支出总表.tbl",
     '列 "上年结转项目" 支出 结转 是', '列 "上年结转项目" 支出 结转 否', "表3 上年结转项目 column reads this year's projects"),
    ("table5-columns-swapped", "templates/tables/陕西/表05-一般公共预算功能分类支出.tbl",
     '列 "人员经费支出" 支出 类型 人员经费\n列 "公用经费支出" 支出 类型 公用经费',
     '列 "人员经费支出" 支出 类型 公用经费\n列 "公用经费支出" 支出 类型 人员经费', "表5 人员/公用 columns swapped"),
    ("table5-scope-carry", "templates/tables/陕西/表05-一般公共预算功能分类支出.tbl",
     "范围 来源 一般公共预算拨款 结转 否", "范围 来源 一般公共预算拨款", "表5 includes carried-over projects"),
    ("creation-date", "Sources/BudgetCore/Pipeline.swift",
     "components.month = 1\n", "components.month = 2\n", "workbook creation date no longer 1 January (determinism of metadata)"),
    ("worksheet-limit", "Sources/BudgetCore/Render/WorksheetLimits.swift",
     "if sheet.rowCount > maxRows {", "if sheet.rowCount > maxRows + 1 {", "one row too many passes the worksheet limit"),
    # The publication's unit in messages and reports; print widths; the 说明's 绩效 coverage
    ("diff-unit", "Sources/BudgetCore/Reports/BudgetDiff.swift",
     "newTotal: new.total { _ in true }, unit: new.budget.displayUnit)", "newTotal: new.total { _ in true }, unit: .wanYuan)",
     "diff shows a 元 budget in 万元"),
    ("rule-message-unit", "Sources/BudgetCore/Rules/Rule.swift",
     "func amount(_ m: Money) -> String { budget.displayUnit.amount(m) }", "func amount(_ m: Money) -> String { MoneyUnit.wanYuan.amount(m) }",
     "rule messages speak 万元 in a 元 budget"),
    ("fixed-width-cuts-numbers", "Sources/BudgetCore/Render/ColumnWidths.swift",
     "if let fixed = sheet.fixedWidths[c] { widths[c] = max(fixed, numbers[c]) }", "if let fixed = sheet.fixedWidths[c] { widths[c] = fixed }",
     "a template's 宽 cuts amounts in 元 to ###"),
    ("form-row-count", "Sources/BudgetCore/Tables/TableForms.swift",
     "map { 6 + indicatorGridRows($0.performance?.indicators ?? []) + 1 }", "map { 6 + indicatorGridRows($0.performance?.indicators ?? []) }",
     "check of a large budget undercounts 表14's rows (a worksheet-limit error missed)"),
    ("notes-code-column", "Sources/BudgetCore/Tables/NotesSheets.swift",
     "let widened = min(max(widths[2], Double(codes) + 2), 14)", "let widened = widths[2]",
     "7-digit unit codes wrap in the 说明's unit list"),
    # Third newcomer trial: carry-overs by fund, 基本/项目 split, 成本指标 as 一级, 采购 组织形式
    ("carry-over-fund-column", "templates/tables/全国/表04-财政拨款收支总表.tbl",
     "值 \"政府性基金预算\" 来源 政府性基金拨款,政府性基金拨款结转", "值 \"政府性基金预算\" 来源 政府性基金拨款",
     "表4's 政府性基金预算 column drops the carried-over 政府性基金"),
    ("carry-over-table-group", "Sources/BudgetCore/Tables/TableSpecLoader.swift",
     "sources.formUnion(FundingSource.allCases.filter(\\.isCarryOver))", "sources.insert(.carriedOverFiscal)",
     "上年结转 in a table misses the carry-overs that name their fund"),
    ("basic-project-split", "Sources/BudgetCore/Reports/Notes.swift",
     "+ \"；项目支出 \\(amount(generalSpending - basic))\"", "+ \"；项目支出 \\(amount(generalSpending))\"",
     "the 说明's 项目支出 is the whole 一般公共预算 spending"),
    ("cost-first-level", "Sources/BudgetCore/Rules/PerformanceRules.swift",
     "|| (need.level2 == \"成本指标\" && indicator.level1 == \"成本指标\")", "",
     "a 一级 成本指标 no longer stands for 产出/成本"),
    ("procurement-organization", "Sources/BudgetCore/Reports/Notes.swift",
     "政府集中采购预算 \\(amount(byOrganization[.centralized] ?? .zero))", "政府集中采购预算 \\(amount(byOrganization[.decentralized] ?? .zero))",
     "the 说明 reads 分散 as 集中采购"),
    ("duplicate-source-ignored", "Sources/BudgetCore/Rules/SpendingRules.swift",
     "firsts.first(where: { $0.kind == kind && $0.source == source })", "firsts.first(where: { $0.kind == kind })",
     "duplicate-line takes lines of different 来源 for repeats"),
    ("unpublished-conflict-parts", "Sources/BudgetCore/Rules/DocumentRules.swift",
     "for part in SanGongPart.allCases { figureOfCode[part.economicCode] = .sanGong }",
     "for part in [SanGongPart.abroad] { figureOfCode[part.economicCode] = .sanGong }",
     "unpublished-conflict knows only one of the four 三公 codes"),
    ("notes-command-allow", "Sources/budgetc/main.swift",
     ": result.diagnostics.filter { $0.id == Notes.reasonRuleID && $0.severity == .warning }", ": notes.diagnostics",
     "budgetc notes prints warnings that 允许 notes-reason silenced"),
    ("unpublished-basic-said", "Sources/BudgetCore/Reports/Notes.swift",
     "if !generalSpending.isZero && !b.budget.unpublished.contains(.basicSpending) {", "if !generalSpending.isZero {",
     "the 说明 states a 基本/项目 split that 未公开 基本支出 says is not given"),
]


# Tests likely to kill a mutation, run first: a failure there already fails the suite, so the verdict is
# the same as running everything, and far quicker. Only when they pass is the whole suite run.
FIRST = {
    "diff-unit": "ReportTests", "rule-message-unit": "MoneyUnitTests", "fixed-width-cuts-numbers": "PrintTests",
    "notes-code-column": "PrintTests", "form-row-count": "MeasuredRowsTests",
    "carry-over-fund-column": "ThirdTrialTests", "carry-over-table-group": "ThirdTrialTests",
    "basic-project-split": "ThirdTrialTests", "cost-first-level": "ThirdTrialTests", "procurement-organization": "ThirdTrialTests",
    "money-round-down": "SafetyTests|LanguageTests", "money-add-overflow-sign": "SafetyTests",
    "money-text-decimals": "ReportTests|LanguageTests", "literal-yuan-scale": "LanguageTests|SafetyTests",
    "rational-limit": "SafetyTests", "rational-add-big": "SafetyTests", "bom-not-stripped": "SafetyTests|HostileInputTests",
    "bom-indents": "SafetyTests", "tab-width": "LanguageTests|FormatterTests", "control-chars-allowed": "SafetyTests",
    "include-duplicate-allowed": "SafetyTests", "backslash-paths": "SafetyTests", "path-policy-off": "SafetyTests",
    "path-policy-link": "SafetyTests", "write-no-verify": "SafetyTests", "write-inputs-unchecked": "SafetyTests|HostileInputTests",
    "write-devices": "SafetyTests", "fmt-mode-lost": "SafetyTests", "fmt-concurrent-edit": "SafetyTests",
    "verify-xml-tail": "SafetyTests", "xlsx-tmpdir": "SafetyTests", "x-escape": "SafetyTests",
    "sum-formula-range": "GoldenReferenceTests|TableModelTests", "money-format": "GoldenReferenceTests|LibreOfficeInteropTests",
    "terminal-escapes": "SafetyTests", "threshold-percent": "RuleBoundaryTests|RuleFixtureTests",
    "threshold-amount": "RuleBoundaryTests|RuleFixtureTests", "headcount-direction": "RuleBoundaryTests|RuleFixtureTests",
    "perf-cost-le": "RuleBoundaryTests|RuleFixtureTests", "fiscal-sources": "FullExampleTests|GoldenReferenceTests",
    "basic-kinds": "GoldenReferenceTests|FullExampleTests", "engine-income-sum": "FullExampleTests|GoldenReferenceTests",
    "engine-subtotal-children": "GoldenReferenceTests|FullExampleTests", "table3-carried-over": "FullExampleTests",
    "table5-columns-swapped": "FullExampleTests|GoldenReferenceTests", "table5-scope-carry": "FullExampleTests|TableSetTests",
    "creation-date": "GoldenReferenceTests|EndToEndTests", "worksheet-limit": "SafetyTests",
    "duplicate-source-ignored": "RuleBoundaryTests|RuleFixtureTests", "unpublished-conflict-parts": "RuleFixtureTests",
    "notes-command-allow": "AllowByTopicTests", "unpublished-basic-said": "UnpublishedBudgetTests|Trial5Tests",
    "catalog-running-any": "CatalogTests|RuleFixtureTests", "catalog-edition-next": "CatalogTests", "catalog-until-open": "CatalogTests",
}


def run(cmd, timeout):
    try:
        return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    chosen = [m for m in MUTATIONS if not only or m[0] in only]
    if run(["swift", "build", "--build-tests"], args.timeout) != 0 or run(["swift", "test", "--skip-build"], args.timeout) != 0:
        sys.exit("the unmutated suite must pass first")
    results = []
    for ident, path, find, replace, meaning in chosen:
        full = os.path.join(ROOT, path)
        original = open(full, encoding="utf-8").read()
        if original.count(find) != 1:
            results.append((ident, "stale", meaning))
            print(f"{ident:28} stale (text occurs {original.count(find)} times in {path})", flush=True)
            continue
        start = time.time()
        try:
            with open(full, "w", encoding="utf-8") as f:
                f.write(original.replace(find, replace))
            built = run(["swift", "build", "--build-tests"], args.timeout)
            outcome = "killed"
            if built == 0:
                first = FIRST.get(ident)
                if not first or run(["swift", "test", "--skip-build", "--filter", first], args.timeout) == 0:
                    outcome = "killed" if run(["swift", "test", "--skip-build"], args.timeout) != 0 else "SURVIVED"
            if built != 0:
                outcome = "killed (does not build)"
        finally:
            with open(full, "w", encoding="utf-8") as f:
                f.write(original)
        results.append((ident, outcome, meaning))
        print(f"{ident:28} {outcome:24} {time.time() - start:6.0f} s  {meaning}", flush=True)
    applicable = [r for r in results if r[1] != "stale"]
    killed = [r for r in applicable if r[1].startswith("killed")]
    score = f"{len(killed)} of {len(applicable)} killed ({100 * len(killed) // max(1, len(applicable))}%)"
    print("\n" + score)
    survivors = [r for r in applicable if r[1] == "SURVIVED"]
    for ident, _, meaning in survivors:
        print(f"  survived: {ident}: {meaning}")
    if args.record:
        doc = os.path.join(ROOT, "docs/testing.md")
        text = open(doc, encoding="utf-8").read()
        block = "\n".join(["<!-- mutate:begin -->", "", f"Last run: {time.strftime('%Y-%m-%d')}, {score}.", "",
                           "| mutation | result | what it means |", "| --- | --- | --- |"] +
                          [f"| `{i}` | {o} | {m} |" for i, o, m in results] + ["", "<!-- mutate:end -->"])
        text = re.sub(r"<!-- mutate:begin -->.*<!-- mutate:end -->", lambda _: block, text, flags=re.S)
        open(doc, "w", encoding="utf-8").write(text)
    # Build the unmutated tree again so the working copy is left as it was.
    run(["swift", "build", "--build-tests"], args.timeout)
    sys.exit(0 if not survivors else 1)


if __name__ == "__main__":
    main()
