import BudgetCore
import Foundation
import XCTest

/// Runs the `budgetc` binary: exit codes, diagnostics on stderr, files written or left alone.
final class EndToEndTests: XCTestCase {
    static let threeMistakes = """
    部门 962 测试局
    年度 2024
    单位 962001 测试局本级 行政
    设 甲 = 乙 + 1
    设 乙 = 甲 * 2
    收入
      一般公共预算拨款 = 支出合计
    基本支出
      人员经费
        2109998 30101 基本工资 100
        2101501 30102 津贴补贴 12.3.4
        2101501 30103 奖金 = 甲

    """

    func testBudgetWithThreeMistakesReportsAllAndWritesNothing() throws {
        let dir = try TestSupport.temporaryDirectory()
        let input = dir.appendingPathComponent("budget.bud")
        try Self.threeMistakes.write(to: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("budget.xlsx")
        try Data("previous workbook".utf8).write(to: output)

        let run = try TestSupport.run(["compile", input.path, "-o", output.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("\(input.path):10:5: error[unknown-code]: 未知的支出功能分类编码 2109998"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(input.path):11:24: error[bad-number]"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(input.path):4:3: error[formula-cycle]: 公式循环引用：甲 → 乙 → 甲"), run.stderr)
        XCTAssertTrue(run.stderr.contains("    |     ^^^^^^^\n"), "caret under the code:\n\(run.stderr)")
        XCTAssertTrue(run.stderr.contains("3 errors, 0 warnings, 0 notes"), run.stderr)
        XCTAssertEqual(try Data(contentsOf: output), Data("previous workbook".utf8), "an existing workbook is left untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("tmp") }
        XCTAssertEqual(leftovers, [])

        let check = try TestSupport.run(["check", input.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout, "")
    }

    func testCompileWritesBesideTheInputAndIsDeterministic() throws {
        let input = try TestSupport.copyReferenceExample(into: TestSupport.temporaryDirectory(), as: "hanyin.bud")
        let dir = input.deletingLastPathComponent()
        let first = try TestSupport.run(["compile", input.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let output = dir.appendingPathComponent("hanyin.xlsx")
        let bytes = try Data(contentsOf: output)
        XCTAssertEqual(bytes.prefix(2), Data("PK".utf8))
        XCTAssertTrue(first.stdout.contains("已生成"), first.stdout)
        let second = try TestSupport.run(["compile", input.path, "-o", dir.appendingPathComponent("again.xlsx").path])
        XCTAssertEqual(second.status, 0)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("again.xlsx")), bytes, "same input, same bytes")
    }

    func testFiveDifferentMistakesInOneRun() throws {
        let source = RuleFixtureTests.apply([
            ("实有 行政 5", "实有 行政 6"),                                                  // headcount (warning)
            ("2101501 30101 基本工资 50", "2101501 30201 办公费 50"),                         // basic-economic-class (error)
            ("2101501 30201 办公费 8", "2101501 30201 差旅费 8\n      会议 \"工作会\" 2024-03-01 50人 8"), // code-name (warning), meeting-line (error)
            ("  2101501 30201 办公费 10", "  2101501 30201 办公费 7\n  2101501 31002 办公设备购置 3\n    采购 A02010105 台式计算机 6台 单价 0.6"), // procurement-within-line (error)
        ], to: RuleFixtureTests.clean)
        let dir = try TestSupport.temporaryDirectory()
        let input = dir.appendingPathComponent("budget.bud")
        try source.write(to: input, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["check", input.path])
        XCTAssertEqual(run.status, 1)
        let headers = run.stderr.split(separator: "\n").filter { $0.hasPrefix(input.path + ":") }
        let ids = headers.compactMap { line -> String? in
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        XCTAssertEqual(Set(ids), ["headcount", "basic-economic-class", "code-name", "meeting-line", "procurement-within-line"], run.stderr)
        let positions = headers.map { line -> [Int] in line.split(separator: ":").dropFirst().prefix(2).compactMap { Int($0) } }
        XCTAssertEqual(positions, positions.sorted { $0.lexicographicallyPrecedes($1) }, "sorted by location")
        XCTAssertEqual(run.stderr.components(separatedBy: "^").count > 5, true, "every diagnostic has a caret")
        XCTAssertTrue(run.stderr.contains("3 errors, 2 warnings, 0 notes"), run.stderr)
    }

    func testRulesAndExplain() throws {
        let rules = try TestSupport.run(["rules"])
        XCTAssertEqual(rules.status, 0)
        for rule in RuleRegistry.all { XCTAssertTrue(rules.stdout.contains(rule.id), rule.id) }
        let explain = try TestSupport.run(["explain", "sangong-quantity"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.contains("怎样说明"), explain.stdout)
        XCTAssertEqual(try TestSupport.run(["explain", "no-such-rule"]).status, 2)
    }

    func testForceWritesADraft() throws {
        let dir = try TestSupport.temporaryDirectory()
        let input = dir.appendingPathComponent("budget.bud")
        try RuleFixtureTests.apply([("一般公共预算拨款 = 支出合计", "一般公共预算拨款 60")], to: RuleFixtureTests.clean)
            .write(to: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("draft.xlsx")
        XCTAssertEqual(try TestSupport.run(["compile", input.path, "-o", output.path]).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        let forced = try TestSupport.run(["compile", input.path, "-o", output.path, "--force"])
        XCTAssertEqual(forced.status, 1, "errors remain, so the exit code still says so")
        let cover = try XCTUnwrap(XlsxWorkbook(path: output.path).sheet("封面"))
        XCTAssertTrue(cover.cells.values.contains { $0.string?.hasPrefix("草稿") == true }, "the cover says the workbook is a draft")
    }

    func testCheckJSON() throws {
        let dir = try TestSupport.temporaryDirectory()
        let input = dir.appendingPathComponent("budget.bud")
        try Self.threeMistakes.write(to: input, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["check", input.path, "--format", "json"])
        XCTAssertEqual(run.status, 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(json?["errors"] as? Int, 3)
        let first = (json?["diagnostics"] as? [[String: Any]])?.first
        XCTAssertEqual(first?["rule"] as? String, "formula-cycle")
        XCTAssertEqual(first?["line"] as? Int, 4)
        XCTAssertEqual(first?["column"] as? Int, 3)
        XCTAssertNotNil(first?["hint"] as? String)
    }

    func testUsageAndIOProblemsExitTwo() throws {
        let missing = try TestSupport.run(["check", "/nonexistent/budget.bud"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("找不到文件"), missing.stderr)

        let usage = try TestSupport.run(["compile"])
        XCTAssertEqual(usage.status, 2)

        let input = try TestSupport.copyReferenceExample(into: TestSupport.temporaryDirectory(), as: "b.bud")
        let dir = input.deletingLastPathComponent()
        let original = try Data(contentsOf: input)
        let same = try TestSupport.run(["compile", input.path, "-o", input.path])
        XCTAssertEqual(same.status, 2)
        XCTAssertEqual(try Data(contentsOf: input), original, "the budget source is never overwritten")

        let noDir = try TestSupport.run(["compile", input.path, "-o", dir.appendingPathComponent("missing/out.xlsx").path])
        XCTAssertEqual(noDir.status, 2)
        XCTAssertTrue(noDir.stderr.contains("不存在"), noDir.stderr)
    }

    func testReferenceExampleChecksWithOnlyItsJustifiedNote() throws {
        let run = try TestSupport.run(["check", TestSupport.referenceExample])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("0 errors, 0 warnings, 5 notes"), run.stderr)
        XCTAssertTrue(run.stderr.contains("note[sangong-growth]"), "a written reason turns the 三公 increase into a note: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("note[formula-mismatch]"), run.stderr)
    }
}
