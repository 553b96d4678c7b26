import BudgetCore
import Foundation
import XCTest

/// The eighth newcomer trial: workbooks/taojiang-sangong-2019, a Hunan (桃江县) unit's 2019 “三公”经费决算
/// known from one paragraph: the total's 预算 and 决算, two items by their 决算 only, the counts.
/// Compiled by the binary and read back from the written workbook.
final class Trial6Tests: XCTestCase {
    func testHunanSanGongActualsCarryThePublishedFigures() throws {
        let book = try TestSupport.compiledExample("taojiang-sangong-2019/actuals-2019.bud")
        let t9 = try XCTUnwrap(book.sheet("公开09表"))
        let numbering = try XCTUnwrap(t9.cells(inColumn: 11).first { $0.number == 12 }?.row)
        let values = (0..<12).map { t9.number(row: numbering + 1, column: $0).map { Int(($0 * 100).rounded()) } }
        // 预算: only the total is published (the items' 预算 stay blank); 决算: 22.62 = 公务用车运行维护 2.52 + 公务接待 20.10.
        XCTAssertEqual(values[0], 4452)
        XCTAssertEqual(values[1...5].compactMap { $0 }.filter { $0 != 0 }, [], "no item budget is published")
        XCTAssertEqual(values[6], 2262)
        XCTAssertEqual(values[8], 252)
        XCTAssertEqual(values[10], 252)
        XCTAssertEqual(values[11], 2010)
        let notes = try XCTUnwrap(book.sheet("决算说明")).cells(inColumn: 0).compactMap(\.string).joined(separator: "\n")
        XCTAssertTrue(notes.contains("2019年度“三公”经费财政拨款支出预算为 44.52 万元，支出决算为 22.62 万元，完成预算的 50.81%。"
            + "决算数小于预算数的主要原因是认真贯彻落实中央八项规定精神和厉行节约要求"), notes)
        // Each item with its share of the total, as the publication (“公务接待费为20.10万元，占88.86%”).
        XCTAssertTrue(notes.contains("公务用车运行维护费支出决算 2.52 万元，占 11.14%。截至2019年12月31日，公务用车保有量 2 辆。"), notes)
        XCTAssertTrue(notes.contains("公务接待费支出决算 20.10 万元，占 88.86%。国内公务接待 520 批次，4200 人次。"), notes)
        XCTAssertTrue(notes.contains("因公出国（境）费支出决算 0.00 万元，占 0.00%。"), notes)
        let contents = try XCTUnwrap(book.sheet("目录"))
        let income = try XCTUnwrap(contents.findRow(where: 0, equals: "公开01表"))
        XCTAssertEqual(contents.text(row: income, column: 3), "所据公开稿没有公开本表的数据。")
    }

    /// With the total 未公开 there is nothing to take a share of (workbooks/daying-wenlv-2022's 公务接待费).
    func testNoShareWhenTheTotalIsUnpublished() throws {
        let result = TestSupport.checkActuals("""
        决算 2022
        部门 510923 测试局
        单位 510923001 测试局 行政
        三公
          合计     未公开
          公务接待 预算 7.8 决算 7.8
        """)
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals)).markdown()
        XCTAssertTrue(notes.contains("1、公务接待费支出决算 7.80 万元，预算 7.80 万元，完成预算的 100.00%。"), notes)
        XCTAssertFalse(notes.contains("占"), notes)
    }
}
