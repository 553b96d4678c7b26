import BudgetCore
import Foundation
import XCTest

/// The printed disclosure (`compile --pdf`), read as its reader would: the PDF's text, page by page,
/// through poppler's `pdftotext` and `pdfinfo`. Needs LibreOffice and poppler-utils (installed by
/// `make test`); skipped without them unless BUDGETC_REQUIRE_LIBREOFFICE=1.
final class PrintTests: XCTestCase {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func requireTools() throws -> (pdftotext: String, pdfinfo: String) {
        guard PdfExport.office() != nil, let text = Self.tool("pdftotext"), let info = Self.tool("pdfinfo") else {
            let message = "LibreOffice and poppler-utils are needed for the print tests (apt-get install libreoffice-calc-nogui poppler-utils)"
            if ProcessInfo.processInfo.environment["BUDGETC_REQUIRE_LIBREOFFICE"] == "1" { XCTFail(message); throw XCTSkip(message) }
            throw XCTSkip(message)
        }
        return (text, info)
    }

    func output(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The reference example printed: cover first, then the 说明, then the 目录 and 表1–表16, every table on
    /// its own pages, a bookmark per sheet; the workbook beside it is unchanged by the PDF step.
    func testPdfOfTheReferenceExampleReadsInPublicationOrder() throws {
        let tools = try requireTools()
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let budget = try TestSupport.copyReferenceExample(into: work)
        let run = try HostileInputTests.budgetc(["compile", budget.path, "--pdf"], in: work, limit: 600)
        XCTAssertEqual(run.status, 0, run.stderr)
        let pdf = budget.deletingPathExtension().appendingPathExtension("pdf").path
        XCTAssertTrue(run.stdout.contains("已生成 \(pdf)"), run.stdout)
        let info = try output(tools.pdfinfo, [pdf])
        let pages = Int(info.components(separatedBy: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(pages, 19, "cover, 说明, 目录 and sixteen tables:\n\(info)")

        // The first page on which each title appears; table titles count only after the 目录, which lists them all.
        var firstPage: [String: Int] = [:]
        var contentsPage: Int?
        for page in 1...max(1, pages) {
            let text = try output(tools.pdftotext, ["-f", "\(page)", "-l", "\(page)", pdf, "-"])
            if contentsPage == nil, text.contains("是否空表") {
                contentsPage = page
                continue
            }
            let markers = ["部门（单位）综合预算公开报表", "部门预算公开说明"] + (contentsPage == nil ? [] : GoldenReferenceTests.tableNames.values.sorted())
            for marker in markers where firstPage[marker] == nil && text.contains(marker) {
                firstPage[marker] = page
            }
        }
        XCTAssertNotNil(contentsPage, "the 目录 is printed")
        XCTAssertEqual(firstPage["部门（单位）综合预算公开报表"], 1, "the cover comes first")
        let notes = try XCTUnwrap(firstPage["部门预算公开说明"], "the 说明 is printed")
        for n in 1...16 {
            let title = try XCTUnwrap(GoldenReferenceTests.tableNames[n])
            let page = try XCTUnwrap(firstPage[title], "表\(n) is printed")
            XCTAssertGreaterThan(page, notes, "表\(n) comes after the 说明")
            if n > 1, let previous = firstPage[GoldenReferenceTests.tableNames[n - 1]!] {
                XCTAssertGreaterThan(page, previous, "表\(n) comes after 表\(n - 1) on a page of its own")
            }
        }
        let raw = try Data(contentsOf: URL(fileURLWithPath: pdf))
        XCTAssertNotNil(raw.range(of: Data("/Outlines".utf8)), "the PDF has bookmarks")
        // Nothing but the workbook and the PDF was written.
        let written = try FileManager.default.contentsOfDirectory(atPath: budget.deletingLastPathComponent().path).sorted()
        XCTAssertEqual(written, ["budget.bud", "budget.pdf", "budget.xlsx"])
    }

    /// The PDF is an output like any other: it can never replace an input.
    func testPdfNamedLikeAnInputIsRefused() throws {
        _ = try requireTools()
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = try String(contentsOf: HostileInputTests.fixtures.appendingPathComponent("clean.bud"), encoding: .utf8)
        // budget.pdf is the budget itself (a .bud named through a link called budget.pdf).
        try Data(source.utf8).write(to: work.appendingPathComponent("budget.bud"))
        try FileManager.default.createSymbolicLink(atPath: work.appendingPathComponent("out.pdf").path, withDestinationPath: "budget.bud")
        let run = try HostileInputTests.budgetc(["compile", "budget.bud", "-o", "out.xlsx", "--pdf"], in: work)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("输入文件相同"), run.stderr)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("budget.bud"), encoding: .utf8), source)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("out.xlsx").path))
    }
}
