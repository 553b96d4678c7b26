import BudgetCore
import Foundation
import XCTest

/// A 单位预算 / 单位决算 (one unit publishing its own tables, common in Sichuan and Guangxi) was printed
/// as a 部门's: “部门决算情况说明”, “本部门” (workbooks/daying-wenlv-2022). `公开稿 单位决算` says whose
/// publication the file is; the cover, the workbook title and the 说明 then say 单位决算 and 本单位.
final class UnitPublicationTests: XCTestCase {
    static let budget = RuleFixtureTests.clean.replacingOccurrences(of: "年度 2024\n", with: "年度 2024\n公开稿 单位预算\n")
    static let actuals = RuleFixtureTests.cleanActuals.replacingOccurrences(of: "决算 2023\n", with: "决算 2023\n公开稿 单位决算\n")

    func testA单位预算SaysItsOwnName() throws {
        let notes = Notes.generate(try XCTUnwrap(TestSupport.check(Self.budget).budget))
        XCTAssertEqual(notes.title, "测试局2024年单位预算公开说明")
        let text = notes.markdown()
        XCTAssertFalse(text.contains("本部门"), text)
        XCTAssertTrue(text.contains("本单位当年预算收入"), text)
        XCTAssertTrue(text.contains("从预算单位构成看，本单位预算只包括测试局本级（行政单位）的预算，没有下属预算单位。"), text)
        // Its first part is the unit's 概况 (“第一部分 单位概况”, as Sichuan's and Jiangxi's 单位决算 print it).
        XCTAssertTrue(notes.sections.contains { $0.title == "第一部分 单位概况" }, "\(notes.sections.map(\.title))")
        XCTAssertFalse(notes.sections.contains { $0.title.contains("部门概况") }, "\(notes.sections.map(\.title))")
        // The classification keeps its name.
        XCTAssertTrue(text.contains("部门预算支出经济分类"), text)
        // Without the line, a 部门's.
        let department = Notes.generate(try XCTUnwrap(TestSupport.check(RuleFixtureTests.clean).budget))
        XCTAssertEqual(department.title, "测试局2024年部门预算公开说明")
        XCTAssertTrue(department.markdown().contains("本部门当年预算收入"))
    }

    func testA单位决算SaysItsOwnName() throws {
        let result = TestSupport.checkActuals(Self.actuals)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let notes = ActualsNotes.generate(for: try XCTUnwrap(result.actuals))
        XCTAssertEqual(notes.title, "测试局2023年度单位决算情况说明")
        let text = notes.markdown()
        XCTAssertFalse(text.contains("本部门"), text)
        XCTAssertTrue(text.contains("本单位"), text)
        XCTAssertEqual(ActualsNotes.generate(for: try XCTUnwrap(TestSupport.checkActuals(RuleFixtureTests.cleanActuals).actuals)).title,
                       "测试局2023年度部门决算情况说明")
    }

    func testAWrongPublisherIsAnErrorWithAHint() {
        let kind = TestSupport.check(RuleFixtureTests.clean.replacingOccurrences(of: "年度 2024\n", with: "年度 2024\n公开稿 单位决算\n"))
        let wrong = kind.diagnostics.first { $0.message.contains("公开稿") }
        XCTAssertEqual(wrong?.severity, .error)
        XCTAssertEqual(wrong?.message, "预算文件的公开稿不是单位决算")
        XCTAssertEqual(wrong?.hint, "写 公开稿 单位预算")
        let typo = TestSupport.checkActuals(RuleFixtureTests.cleanActuals.replacingOccurrences(of: "决算 2023\n", with: "决算 2023\n公开稿 单位決算\n"))
        let problem = typo.diagnostics.first { $0.message.contains("公开稿") }
        XCTAssertEqual(problem?.severity, .error)
        XCTAssertTrue(problem?.hint?.contains("单位决算") == true, problem?.hint ?? "")
    }

    /// The cover, the workbook's title and a template's empty-table reason, read back from the written workbook.
    func testTheWorkbookOfA单位决算() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("actuals-2023.bud")
        try Self.actuals.write(to: path, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.xlsx").path
        let compiled = Pipeline(templates: Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path)).compile(path: path.path, output: output)
        XCTAssertNotNil(compiled.output, compiled.failure ?? "")
        let book = try XlsxWorkbook(path: output)
        let cover = try XCTUnwrap(book.sheet("封面"))
        XCTAssertEqual(cover.text(row: 0, column: 0), "2023年度单位决算")
        let contents = try XCTUnwrap(book.sheet("目录"))
        let fund = try XCTUnwrap(contents.findRow(where: 0, equals: "公开07表"))
        XCTAssertEqual(contents.text(row: fund, column: 3)?.hasPrefix("本单位"), true, contents.text(row: fund, column: 3) ?? "")
        let notes = try XCTUnwrap(book.sheet("决算说明"))
        XCTAssertEqual(notes.text(row: 0, column: 0), "测试局2023年度单位决算情况说明")
    }

    func testFmtKeepsTheLine() throws {
        for text in [Self.budget, Self.actuals] {
            let (file, diagnostics) = Loader.parseData(Data(text.utf8), path: "x.bud", requestedAt: nil)
            XCTAssertEqual(diagnostics, [])
            let once = Formatter().format(try XCTUnwrap(file))
            XCTAssertTrue(once.contains("\n公开稿 单位"), once)
            let (again, _) = Loader.parseData(Data(once.utf8), path: "x.bud", requestedAt: nil)
            XCTAssertEqual(Formatter().format(try XCTUnwrap(again)), once)
        }
    }
}
