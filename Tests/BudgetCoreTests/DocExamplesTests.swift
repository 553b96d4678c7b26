import BudgetCore
import Foundation
import XCTest

/// Every `bud` example of docs/language.md is checked as §30 of that document says: fragments are
/// completed with a minimal header and tail, normal examples must give no error and no warning and
/// build every table, `error=ID` / `warning=ID` examples must give that finding, `file=PATH` blocks are
/// the files later examples read, and each line of a `text check-output` / `text notes-output` block
/// must appear in what `budgetc check` / `budgetc notes` print for the example above it.
/// A newcomer learns the language from these examples: a stale one is a bug.
final class DocExamplesTests: XCTestCase {
    struct Block {
        var line: Int
        var info: [String]
        var body: String
        var kind: String { info.first ?? "" }
        func option(_ key: String) -> String? {
            info.dropFirst().first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }
    }

    static func blocks(of markdown: String) -> [Block] {
        let lines = markdown.components(separatedBy: "\n")
        var blocks: [Block] = []
        var i = 0
        while i < lines.count {
            // A fence may be indented (an example inside a list item): the body loses the same indent.
            let indent = lines[i].prefix { $0 == " " }.count
            let fence = lines[i].dropFirst(indent)
            guard fence.hasPrefix("```"), fence.count > 3 else { i += 1; continue }
            let info = fence.dropFirst(3).split(separator: " ").map(String.init)
            var j = i + 1
            while j < lines.count, !lines[j].dropFirst(min(indent, lines[j].prefix { $0 == " " }.count)).hasPrefix("```") { j += 1 }
            let body = lines[(i + 1)..<min(j, lines.count)].map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
            blocks.append(Block(line: i + 2, info: info, body: body.joined(separator: "\n") + "\n"))
            i = j + 1
        }
        return blocks
    }

    /// §30: what a fragment is completed with.
    static func completed(_ fragment: String) -> String {
        func has(_ keyword: String) -> Bool {
            fragment.components(separatedBy: "\n").contains { line in
                line == keyword || line.hasPrefix(keyword) && line.dropFirst(keyword.count).first.map { " \t:：".contains($0) } == true
            }
        }
        var head = ""
        if !has("部门") { head += "部门 962 汉阴县医疗保障局\n" }
        if !has("年度") && !has("决算") { head += "年度 2025\n" }
        var tail = "\n"
        if !has("保密审查") { tail += "保密审查 已审查\n" }
        if !has("负责人审签") { tail += "负责人审签 已审签\n" }
        if !has("单位") {
            tail += "单位 962001 汉阴县医疗保障局 行政\n  编制 行政 30\n  实有 行政 20\n"
            if !has("收入") { tail += "收入\n" + FundingSource.allCases.map { "  \($0.rawValue) = \($0.rawValue)支出\n" }.joined() }
        }
        if !has("部门绩效") {
            tail += """
            部门绩效
              任务 人员经费 "发放在职人员工资"
              任务 公用经费 "保障单位正常运转"
              任务 专项业务费 "完成重点工作"
              总体目标 "完成年度工作任务。"
              产出/数量 "保障人数" "在职20人"
              满意度/服务对象满意度 "群众满意度" "≥90%"

            """
        }
        // 空表 reasons for every table of the set in use (陕西 表1–表16 unless the fragment writes 报表).
        let setLine = fragment.components(separatedBy: "\n").first { $0.hasPrefix("报表 ") }
        let setName = setLine.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) } ?? "陕西"
        let numbers = TableSetSpec.load(setName, templates: .locate()).0.tables.map(\.number)
        tail += numbers.map { "空表 \($0) \"示例不涉及此表。\"\n" }.joined()
        tail += ["performance-complete", "project-introduction", "unit-without-lines"].map { "允许 \($0) \"示例片段\"\n" }.joined()
        return head + fragment + tail
    }

    func testEveryLanguageExampleChecksAsDocumented() throws {
        try checkExamples(of: "docs/language.md", atLeast: 40)
    }

    func testEveryTranscriptionGuideExampleChecks() throws {
        try checkExamples(of: "docs/transcribe.md", atLeast: 5)
    }

    func checkExamples(of document: String, atLeast expected: Int) throws {
        let markdown = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent(document), encoding: .utf8)
        let blocks = Self.blocks(of: markdown)
        // The examples run in a folder of their own, named as the documented output names them (budget.bud,
        // units/甲.bud …), so paths resolve (units/../budget.bud) as they do for a user.
        let directory = try TestSupport.temporaryDirectory()
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: directory)
        }
        var last: (result: Pipeline.Result, output: String)?
        var checked = 0
        for block in blocks {
            let place = "\(document):\(block.line) [\(block.info.joined(separator: " "))]"
            if let path = block.option("file") {
                let file = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try block.body.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            if block.kind == "text", block.info.count > 1, block.info[1] == "check-output" || block.info[1] == "notes-output" {
                let example = try XCTUnwrap(last, "\(place): no example above")
                var printed = example.output
                if block.info[1] == "notes-output" {
                    let budget = try XCTUnwrap(example.result.budget, "\(place): the example above is not a budget")
                    printed = (example.result.notes ?? Notes.generate(budget)).markdown()
                }
                for line in block.body.components(separatedBy: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    XCTAssertTrue(printed.contains(line), "\(place): “\(line)” is not in what budgetc prints:\n\(printed)")
                }
                continue
            }
            guard block.kind == "bud" else { continue }
            checked += 1
            let source = block.info.contains("standalone") ? block.body : Self.completed(block.body)
            try source.write(to: directory.appendingPathComponent("budget.bud"), atomically: true, encoding: .utf8)
            let result = Pipeline().check(path: "budget.bud")
            // What `budgetc check` prints: every diagnostic, then the summary line.
            let renderer = DiagnosticRenderer(files: result.files)
            last = (result, result.diagnostics.map(renderer.render).joined(separator: "\n") + "\n" + DiagnosticRenderer.summary(result.diagnostics))
            let errors = result.diagnostics.filter { $0.severity == .error }
            let warnings = result.diagnostics.filter { $0.severity == .warning }
            let found = (errors + warnings).map { "\($0.severity)[\($0.id)] \($0.message)" }
            if let id = block.option("error") {
                XCTAssertFalse(errors.isEmpty, "\(place): expected error \(id), got \(found)")
                XCTAssertTrue(errors.allSatisfy { $0.id == id }, "\(place): expected only error \(id), got \(found)")
            } else if let id = block.option("warning") {
                XCTAssertTrue(errors.isEmpty && warnings.contains { $0.id == id }, "\(place): expected warning \(id) and no error, got \(found)")
            } else {
                XCTAssertTrue(found.isEmpty, "\(place): expected no error and no warning, got \(found)")
                // Every table of the set can be built from the example.
                if let budget = result.budget, found.isEmpty {
                    let (set, _) = Pipeline().tables(for: budget.budget)
                    XCTAssertFalse(TableSet.build(TableContext(budget: budget, layouts: set)).isEmpty, place)
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, expected, "the examples of \(document) were found")
    }

    /// The example of §1 is a whole budget: it compiles to a workbook.
    func testTheStandaloneExampleCompiles() throws {
        let markdown = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let example = try XCTUnwrap(Self.blocks(of: markdown).first { $0.kind == "bud" && $0.info.contains("standalone") })
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let budget = directory.appendingPathComponent("budget.bud")
        try example.body.write(to: budget, atomically: true, encoding: .utf8)
        let compiled = Pipeline().compile(path: budget.path, output: directory.appendingPathComponent("budget.xlsx").path)
        XCTAssertNil(compiled.failure, "\(compiled.result.diagnostics.map(\.message))")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("budget.xlsx").path))
    }
}
