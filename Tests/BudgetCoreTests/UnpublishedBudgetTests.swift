import BudgetCore
import Foundation
import XCTest

/// A budget copied from part of a publication (only its 部门收支总表, only a 项目绩效目标表) writes what it does not
/// know as `未公开 三公 机关运行经费 …`, the budget's counterpart of a 决算's `未公开` totals (docs/language.md 19.2).
/// Before, the 说明 said “三公”经费 0 万元, 机关运行经费 0 万元 and the 目录 “本部门无……“三公”经费” of figures the
/// publication never gave (workbooks/pingshan-xiakou-2025, jingyan-mata-2023); `未公开` was an unknown statement.
final class UnpublishedBudgetTests: XCTestCase {
    static func budget(unpublished: String, extra: String = "") -> String {
        """
        部门 920 测试财政所
        年度 2025
        金额单位 万元
        报表 全国
        \(unpublished)
        单位 920001 测试财政所 行政
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2010601 30101 基本工资 516.39
        \(extra)
        """
    }

    static let partial = budget(unpublished: "未公开 三公 会议费 培训费 机关运行经费 政府采购 绩效目标")

    func notes(_ result: Pipeline.Result) throws -> String {
        Notes.generate(try XCTUnwrap(result.budget)).markdown()
    }

    func testUnknownFiguresAreLeftOutOfTheNotes() throws {
        let result = TestSupport.check(Self.partial)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let text = try notes(result)
        for claim in ["“三公”经费预算支出", "会议费预算支出", "培训费预算支出", "机关运行经费预算安排", "政府采购", "绩效目标情况说明", "购置车辆"] {
            XCTAssertFalse(text.contains(claim), "\(claim) is unknown, not 0:\n\(text)")
        }
        // What is known is still said, and the chapters that remain are numbered without a gap.
        XCTAssertTrue(text.contains("其中：基本支出 516.39 万元"), text)
        XCTAssertTrue(text.contains("### 二、收支说明") && text.contains("### 三、专业名词解释"), text)

        // Without the line the same budget claims the zeros.
        let whole = try notes(TestSupport.check(Self.budget(unpublished: "")))
        XCTAssertTrue(whole.contains("“三公”经费预算支出 0 万元"), whole)
        XCTAssertTrue(whole.contains("机关运行经费预算安排 0 万元"), whole)
    }

    /// Only the 三公 line of the chapter goes when 会议费 and 培训费 are known; 基本支出 未公开 drops the split.
    func testEachFigureOnItsOwn() throws {
        let text = try notes(TestSupport.check(Self.budget(unpublished: "未公开 三公 基本支出")))
        XCTAssertFalse(text.contains("“三公”经费预算支出"), text)
        XCTAssertTrue(text.contains("本部门当年一般公共预算会议费预算支出 0 万元"), text)
        XCTAssertFalse(text.contains("其中：基本支出"), text)
        XCTAssertTrue(text.contains("机关运行经费预算安排 0 万元"), text)
    }

    /// Last year's 三公 and 机关运行经费 against an unknown this year: no “减少 100%” and no missing reason.
    func testComparisonsSkipUnknownFigures() throws {
        let last = """
        部门 920 测试财政所
        年度 2024
        金额单位 万元
        单位 920001 测试财政所 行政
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2010601 30101 基本工资 500
          公用经费
            2010601 30201 办公费 10
            2010601 30217 公务接待费 2
        """
        let source = Self.budget(unpublished: "未公开 三公 机关运行经费\n上年预算 \"上年.bud\"")
        let result = TestSupport.check(source, files: ["上年.bud": last])
        // (The lines themselves are known: 30201 and 30217 no longer written need their reasons as before.)
        let about = result.diagnostics.filter { ["sangong-growth", "running-cost-growth"].contains($0.id) || $0.message.contains("三公") || $0.message.contains("机关运行经费") }
        XCTAssertEqual(about.map(\.message), [])
        let text = try notes(result)
        XCTAssertFalse(text.contains("“三公”经费预算支出"), text)
        XCTAssertFalse(text.contains("机关运行经费预算安排"), text)
        // Without 未公开 the decreases need reasons.
        let claimed = TestSupport.check(Self.budget(unpublished: "上年预算 \"上年.bud\""), files: ["上年.bud": last])
        XCTAssertTrue(claimed.diagnostics.contains { $0.id == "notes-reason" && $0.message.contains("三公") }, "\(claimed.diagnostics.map(\.message))")
        XCTAssertTrue(claimed.diagnostics.contains { $0.id == "notes-reason" && $0.message.contains("机关运行经费") }, "\(claimed.diagnostics.map(\.message))")
    }

    /// No 绩效目标表 in the publication: a project without targets is not reported.
    func testPerformanceUnknown() throws {
        let project = "项目 \"测试项目\"\n  2010699 30299 其他商品和服务支出 10"
        let known = TestSupport.check(Self.budget(unpublished: "", extra: project))
        XCTAssertTrue(known.diagnostics.contains { $0.id == "performance-complete" }, "\(known.diagnostics.map(\.message))")
        let unknown = TestSupport.check(Self.budget(unpublished: "未公开 绩效目标", extra: project))
        XCTAssertFalse(unknown.diagnostics.contains { $0.id == "performance-complete" || $0.id == "department-performance" }, "\(unknown.diagnostics.map(\.message))")
    }

    func testMisspelledAndRepeatedFiguresAreErrors() {
        let result = TestSupport.check(Self.budget(unpublished: "未公开 三工 三公 三公经费\n未公开"))
        let messages = result.diagnostics.filter { $0.severity == .error }.map { "\($0.message) \($0.hint ?? "")" }
        XCTAssertTrue(messages.contains { $0.contains("未公开 不认识“三工”") && $0.contains("三公") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("已经写过 未公开") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("未公开 后面写") }, "\(messages)")
    }

    func testFormatterKeepsTheLine() throws {
        let (file, diagnostics) = Loader.parseData(Data(Self.partial.utf8), path: "x.bud", requestedAt: nil)
        XCTAssertEqual(diagnostics, [])
        let formatted = Formatter().format(try XCTUnwrap(file))
        XCTAssertTrue(formatted.contains("未公开 三公 会议费 培训费 机关运行经费 政府采购 绩效目标"), formatted)
    }

    /// Read back from the workbook: the 目录 gives the true reason for the empty 三公 table, not “本部门无……”.
    func testContentsSayTheTableIsNotPublished() throws {
        let book = try TestSupport.compiled(Self.partial)
        let contents = try XCTUnwrap(book.sheet("目录"))
        let row = try XCTUnwrap(contents.findRow(where: 0, equals: "表7"), "\(contents.cells(inColumn: 0).compactMap(\.string))")
        XCTAssertEqual(contents.text(row: row, column: 3), "所据公开稿没有公开本表的数据。")
    }
}
