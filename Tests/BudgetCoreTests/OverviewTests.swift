import BudgetCore
import XCTest

/// 第一部分 部门概况 of the 说明: the `部门概况` block's text, units and headcount from the model,
/// chapters numbered in order (issue 14).
final class OverviewTests: XCTestCase {
    static let spending = "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30201 办公费 3\n"

    func notes(_ source: String) throws -> Notes {
        let result = TestSupport.check(source)
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        return Notes.generate(try XCTUnwrap(result.budget))
    }

    func testOverviewTextUnitsAndHeadcountOpenTheNotes() throws {
        let source = """
        部门 962 测试局
        年度 2024
        金额单位 万元
        单位 962001 测试局本级 行政
          编制 行政 5 事业 16
          实有 行政 6 事业 20
          退休 2
        单位 962002 测试中心 事业
          编制 4
          实有 3
        部门概况
          职责 "测试局是县政府工作部门。主要职责是："
          职责 "（一）拟订测试政策。"
          机构设置 "设下列内设机构："
          机构设置 "政办股" "负责文件收发。"
          机构设置 "监督股" "负责监督检查。"
          主要职责 "（二）完成交办的其他任务。"

        """ + Self.spending.replacingOccurrences(of: "收入\n", with: "收入 962001\n").replacingOccurrences(of: "基本支出\n", with: "基本支出 962001\n")
        let notes = try notes(source)
        let markdown = notes.markdown()
        XCTAssertEqual(notes.sections.first?.title, "第一部分 部门概况")
        let titles = notes.sections.map(\.title)
        XCTAssertEqual(Array(titles.prefix(6)), ["第一部分 部门概况", "一、主要职责及机构设置", "（一）政办股", "（二）监督股", "二、预算单位构成", "三、人员情况说明"])
        XCTAssertTrue(titles.contains("四、收支说明"), "\(titles)")
        XCTAssertTrue(titles.contains("十、专业名词解释"), "\(titles)")
        // Duties in written order, before the organisation.
        let duties = ["测试局是县政府工作部门。主要职责是：", "（一）拟订测试政策。", "（二）完成交办的其他任务。", "设下列内设机构："]
        let positions = duties.map { markdown.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), markdown)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        XCTAssertTrue(markdown.contains("本部门的部门预算包括部门本级（机关）预算和所属事业单位预算。纳入本部门当年预算编制范围的二级预算单位共有 2 个"), markdown)
        XCTAssertTrue(markdown.contains("| 2 | 测试中心 | 962002 | 事业 |"), markdown)
        // 编制 4 (a total only) makes the department total known but not its split.
        XCTAssertTrue(markdown.contains("本部门人员编制 25 人；实有人员 29 人。单位管理的退休人员 2 人。"), markdown)
    }

    func testWithoutOverviewTheChaptersCloseUp() throws {
        let source = TestSupport.header.replacingOccurrences(of: "行政\n", with: "行政\n  编制 行政 3\n  实有 行政 3\n") + Self.spending
        let titles = try notes(source).sections.map(\.title)
        XCTAssertEqual(Array(titles.prefix(3)), ["第一部分 部门概况", "一、预算单位构成", "二、人员情况说明"])
        XCTAssertTrue(titles.contains("三、收支说明"), "\(titles)")
        let text = try notes(source).markdown()
        XCTAssertTrue(text.contains("本部门人员编制 3 人，其中行政编制 3 人；实有人员 3 人，其中行政 3 人。"), text)
        // One unit: its name, not “二级预算单位共有 1 个” (AllowByTopicTests.testOneUnitBudgetSaysItsOnlyUnit).
        XCTAssertTrue(text.contains("纳入本部门当年预算编制范围的预算单位只有 1 个：测试局本级（行政单位）。"), text)
    }

    func testMisspelledOverviewLineIsAnErrorWithASuggestion() {
        let result = TestSupport.check(TestSupport.header + "部门概况\n  职员 \"……\"\n  工作任务\n" + Self.spending)
        let errors = result.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 2, "\(result.diagnostics)")
        XCTAssertTrue(errors.contains { $0.message.contains("部门概况中不认识“职员”") && ($0.hint ?? "").contains("职责") && $0.span?.line == 6 }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.message.contains("工作任务 后面缺少内容") && $0.span?.line == 7 }, "\(errors)")
    }

    /// The 说明 sheet stores the meeting table's amounts as numbers and dates as dates, with a 备注 column.
    func testMeetingTableCellsAreTyped() throws {
        let source = TestSupport.header + "收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  公用经费\n    2101501 30215 会议费 0.5\n      会议 \"启动会\" 2024-04-01..2024-04-05 100人 0.5\n"
        let notes = try notes(source)
        let table = notes.sections.flatMap(\.paragraphs).compactMap { paragraph -> [[Notes.Value]]? in
            if case .table(let caption, _, let headers, let rows) = paragraph, caption.contains("会议") {
                XCTAssertEqual(headers.last, "备注")
                return rows
            }
            return nil
        }.first
        let row = try XCTUnwrap(table?.first)
        XCTAssertEqual(row[3], .date(year: 2024, month: 4, day: 1))
        XCTAssertEqual(row[4], .date(year: 2024, month: 4, day: 5))
        XCTAssertEqual(row[5], .integer(100))
        XCTAssertEqual(row[6], .money(Money(fen: 500_000)))
    }
}
