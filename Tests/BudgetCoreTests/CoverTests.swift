import BudgetCore
import Foundation
import XCTest

/// The cover as data: a set's `套表.tbl` names the lines its cover prints (`封面 保密审查`); the
/// cover sheet prints those, and the `cover` rule asks only for what the set in use prints.
final class CoverTests: XCTestCase {
    static let templates = TableSetTests.templates

    static let budget = RuleFixtureTests.clean
        .replacingOccurrences(of: "保密审查 已审查\n", with: "").replacingOccurrences(of: "负责人审签 已审签\n", with: "")

    func compile(_ path: String, tables: String, in directory: URL) throws -> (Pipeline.Compiled, XlsxWorkbook) {
        var pipeline = Pipeline(templates: Self.templates)
        pipeline.tableSet = tables
        let output = directory.appendingPathComponent("out.xlsx").path
        let compiled = pipeline.compile(path: path, output: output)
        XCTAssertNotNil(compiled.output, compiled.failure ?? compiled.result.diagnostics.map(\.message).joined(separator: "; "))
        return (compiled, try XlsxWorkbook(path: output))
    }

    func coverFindings(_ source: String) -> [Diagnostic] {
        TestSupport.check(source).diagnostics.filter { $0.id == "cover" }
    }

    func testTheRuleAsksOnlyForWhatTheSetsCoverPrints() {
        // The 陕西 set (the default) prints both lines.
        let shaanxi = coverFindings(Self.budget)
        XCTAssertEqual(shaanxi.map(\.message), ["封面缺少：保密审查、负责人审签"])
        XCTAssertEqual(coverFindings(Self.budget.replacingOccurrences(of: "年度 2024\n", with: "年度 2024\n报表 陕西\n")).count, 1)
        // The national set prints neither: nothing to ask for.
        XCTAssertEqual(coverFindings(Self.budget.replacingOccurrences(of: "年度 2024\n", with: "年度 2024\n报表 全国\n")).map(\.message), [])
    }

    func testTheCoverSheetFollowsTheSet() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func labels(_ book: XlsxWorkbook) throws -> [String] {
            let cover = try XCTUnwrap(book.sheet("封面"))
            return cover.rows().dropFirst().compactMap { cover.text(row: $0, column: 0) }
        }
        let national = directory.appendingPathComponent("n")
        try FileManager.default.createDirectory(at: national, withIntermediateDirectories: true)
        let (_, nationalBook) = try compile(TestSupport.referenceExample, tables: "全国", in: national)
        XCTAssertEqual(try labels(nationalBook), ["部门（单位）名称："])

        // A set of one's own: the order and the labels as it writes them.
        let folder = directory.appendingPathComponent("我的套表")
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/全国"), toPath: folder.path)
        let setFile = folder.appendingPathComponent("套表.tbl")
        try (String(contentsOf: setFile, encoding: .utf8).replacingOccurrences(of: "\n封面 部门名称\n", with: "\n")
             + "封面 部门名称 \"单位名称：\"\n封面 负责人审签 \"主要负责人审签情况：\"\n").write(to: setFile, atomically: true, encoding: .utf8)
        let own = directory.appendingPathComponent("o")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        let (compiled, ownBook) = try compile(TestSupport.referenceExample, tables: folder.path, in: own)
        XCTAssertEqual(try labels(ownBook), ["单位名称：", "主要负责人审签情况："])
        let cover = try XCTUnwrap(ownBook.sheet("封面"))
        let signOff = try XCTUnwrap(cover.findRow(where: 0, equals: "主要负责人审签情况："))
        XCTAssertEqual(cover.text(row: signOff, column: 2), "已审签")
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.id == "cover" }.count, 0, "the reference budget writes 负责人审签")
    }

    func testAnUnknownCoverLineIsADiagnosticWithDidYouMean() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("s")
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/全国"), toPath: folder.path)
        let setFile = folder.appendingPathComponent("套表.tbl")
        try (String(contentsOf: setFile, encoding: .utf8) + "封面 保密审核\n").write(to: setFile, atomically: true, encoding: .utf8)
        let (set, diagnostics) = TableSetSpec.load(folder.path, templates: Self.templates)
        let problem = try XCTUnwrap(diagnostics.first { $0.message.contains("保密审核") })
        XCTAssertEqual(problem.span?.file, setFile.path)
        XCTAssertTrue(problem.hint?.contains("是不是“保密审查”") == true, problem.hint ?? "")
        XCTAssertEqual(set.coverLines.map(\.item), [.department], "the valid line stays")
    }

    func testAnActualsCoverPrintsTheReviewWhenItsSetDoes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("陕西决算")
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/决算"), toPath: folder.path)
        let setFile = folder.appendingPathComponent("套表.tbl")
        try (String(contentsOf: setFile, encoding: .utf8) + "封面 保密审查\n封面 负责人审签 \"部门主要负责人审签情况：\"\n")
            .write(to: setFile, atomically: true, encoding: .utf8)
        let copy = directory.appendingPathComponent("jinhua")
        try FileManager.default.copyItem(at: TestSupport.repoRoot.appendingPathComponent("workbooks/jinhua-rescue-2021"), to: copy)
        let path = copy.appendingPathComponent("actuals-2021.bud")
        let text = try String(contentsOf: path, encoding: .utf8)
        let kindLine = try XCTUnwrap(text.components(separatedBy: "\n").first { $0.hasPrefix("决算 ") })
        try text.replacingOccurrences(of: kindLine + "\n", with: kindLine + "\n保密审查 已审查\n负责人审签 已审签\n").write(to: path, atomically: true, encoding: .utf8)
        var pipeline = Pipeline(templates: Self.templates)
        pipeline.tableSet = folder.path
        let output = directory.appendingPathComponent("out.xlsx").path
        let compiled = pipeline.compile(path: path.path, output: output)
        XCTAssertNotNil(compiled.output, compiled.failure ?? compiled.result.diagnostics.map(\.message).joined(separator: "; "))
        let cover = try XCTUnwrap(try XlsxWorkbook(path: output).sheet("封面"))
        XCTAssertEqual(cover.rows().dropFirst().compactMap { cover.text(row: $0, column: 0) },
                       ["部门（单位）名称：", "保密审查情况：", "部门主要负责人审签情况："])
        XCTAssertEqual(cover.text(row: try XCTUnwrap(cover.findRow(where: 0, equals: "保密审查情况：")), column: 2), "已审查")
        XCTAssertEqual(compiled.result.diagnostics.filter { $0.id == "cover" }.count, 0)

        // Without the two lines, the 决算 is told so — on this set, not on the built-in 决算 set.
        try text.write(to: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(pipeline.check(path: path.path).diagnostics.filter { $0.id == "cover" }.map(\.message), ["封面缺少：保密审查、负责人审签"])
        XCTAssertEqual(Pipeline(templates: Self.templates).check(path: path.path).diagnostics.filter { $0.id == "cover" }.count, 0)
    }
}
