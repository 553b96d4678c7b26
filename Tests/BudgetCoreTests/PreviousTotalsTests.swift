import BudgetCore
import Foundation
import XCTest

/// Last year's budget known only by the totals this year's publication compares with (“收入预算比上年增加
/// 62.15 万元”): `上年预算 收入 780.64 支出 780.64 [三公 N] [机关运行经费 N]`. The totals are compared; the
/// comparisons that need last year's lines are not made (said once at the line), so no false change of a
/// 基本支出, 项目支出 or 科目 is printed. Before, the only way was a made-up file of last year's lines
/// (workbooks/xiangzhou-huopai-2025 wrote no 上年预算 at all).
final class PreviousTotalsTests: XCTestCase {
    static let budget = RuleFixtureTests.clean.replacingOccurrences(of: "保密审查 已审查", with: "保密审查 已审查\n上年预算 收入 60 支出 60")
        .replacingOccurrences(of: "2101501 30201 办公费 8", with: "2101501 30201 办公费 6\n    2101501 30217 公务接待费 2")

    func notes(_ result: Pipeline.Result) throws -> String { Notes.generate(try XCTUnwrap(result.budget)).markdown() }

    func testTotalsAreComparedAndDetailIsNot() throws {
        let result = TestSupport.check(Self.budget + "说明\n  收入 \"重点工作经费增加\"\n")
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map { "\($0.id): \($0.message)" }, [])
        let note = try XCTUnwrap(result.diagnostics.first { $0.id == "previous-year" })
        XCTAssertEqual(note.severity, .note)
        XCTAssertTrue(note.message.hasPrefix("上年预算只有合计（收入、支出）"), note.message)
        let text = try notes(result)
        XCTAssertTrue(text.contains("本部门当年预算收入 68 万元，其中一般公共预算拨款收入 68 万元，较上年预算增加 8 万元，主要原因是重点工作经费增加；"), text)
        XCTAssertTrue(text.contains("本部门当年预算支出 68 万元，其中一般公共预算拨款支出 68 万元，较上年预算增加 8 万元"), text)
        // Nothing about last year's parts: no 基本支出/科目/财政拨款/三公 change.
        XCTAssertFalse(text.contains("基本支出 58 万元，较上年"), text)
        XCTAssertFalse(text.contains("（2101501）68 万元，较上年"), text)
        XCTAssertFalse(text.contains("财政拨款收入 68 万元，其中一般公共预算拨款收入 68 万元，较上年"), text)
        XCTAssertFalse(text.contains("公务接待费 2 万元，较上年"), text)
        XCTAssertTrue(text.contains("“三公”经费预算支出 2 万元。"), text)
        // A change of a total without a reason is reported as before.
        let missing = TestSupport.check(Self.budget)
        XCTAssertTrue(missing.diagnostics.contains { $0.id == "notes-reason" && $0.severity == .warning }, "\(missing.diagnostics)")
    }

    func testSanGongAndRunningCostTotals() throws {
        let source = Self.budget.replacingOccurrences(of: "上年预算 收入 60 支出 60", with: "上年预算 收入 68 支出 68 三公 1 机关运行经费 10")
        let result = TestSupport.check(source)
        // 三公 2 > 1: sangong-growth; 机关运行经费 8 < 10: no running-cost-growth, but the 说明's decrease wants a reason.
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning }.map(\.id).sorted(), ["notes-reason", "sangong-growth"], "\(result.diagnostics)")
        let text = try notes(result)
        XCTAssertTrue(text.contains("“三公”经费预算支出 2 万元，较上年预算增加 1 万元（100.00%）"), text)
        XCTAssertTrue(text.contains("较上年预算减少 2 万元"), text)
        let growth = TestSupport.check(source.replacingOccurrences(of: "机关运行经费 10", with: "机关运行经费 5"))
        XCTAssertTrue(growth.diagnostics.contains { $0.id == "running-cost-growth" }, "\(growth.diagnostics)")
    }

    func testWrittenWrongIsAnError() {
        func errors(_ line: String) -> [String] {
            TestSupport.check(Self.budget.replacingOccurrences(of: "上年预算 收入 60 支出 60", with: line)).diagnostics.filter { $0.severity == .error }.map(\.message)
        }
        XCTAssertTrue(errors("上年预算 收入 60 开支 60").first?.contains("上年预算 后面写文件路径") == true, "\(errors("上年预算 收入 60 开支 60"))")
        XCTAssertEqual(errors("上年预算 收入 60 收入 61"), ["上年预算 的 收入 写了两次"])
        XCTAssertEqual(errors("上年预算 收入"), ["收入 后面缺少金额"])
        XCTAssertTrue(errors("上年预算 收入 60\n上年预算 \"x.bud\"").contains("上年预算 只写一次：文件路径，或只有合计的一行"))
    }

    func testFormatterKeepsTheLine() throws {
        let (file, diagnostics) = Loader.parseData(Data(Self.budget.utf8), path: "x.bud", requestedAt: nil)
        XCTAssertEqual(diagnostics, [])
        let formatted = Formatter().format(try XCTUnwrap(file))
        XCTAssertTrue(formatted.contains("上年预算 收入 60 支出 60\n"), formatted)
    }
}
