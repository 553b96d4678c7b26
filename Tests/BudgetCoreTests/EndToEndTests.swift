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
        let dir = try TestSupport.temporaryDirectory()
        let input = dir.appendingPathComponent("hanyin.bud")
        try FileManager.default.copyItem(atPath: TestSupport.referenceExample, toPath: input.path)
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

        let dir = try TestSupport.temporaryDirectory()
        let input = dir.appendingPathComponent("b.bud")
        try FileManager.default.copyItem(atPath: TestSupport.referenceExample, toPath: input.path)
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
        XCTAssertTrue(run.stderr.contains("0 errors, 0 warnings, 3 notes"), run.stderr)
        XCTAssertTrue(run.stderr.contains("note[formula-mismatch]"), run.stderr)
    }
}
