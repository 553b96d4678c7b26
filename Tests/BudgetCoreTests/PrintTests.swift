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
        let doc = try printed("hanyin-2024")
        XCTAssertTrue(doc.stdout.contains("已生成 \(doc.pdfPath)"), doc.stdout)
        XCTAssertGreaterThanOrEqual(doc.pages.count, 19, "cover, 说明, 目录 and sixteen tables")

        // The first page on which each title appears; table titles count only after the 目录, which lists them all.
        var firstPage: [String: Int] = [:]
        var contentsPage: Int?
        for (index, text) in doc.pages.enumerated() {
            let page = index + 1
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
        XCTAssertTrue(doc.hasOutlines, "the PDF has bookmarks")
        // Nothing but the workbook and the PDF was written.
        XCTAssertEqual(doc.written, ["budget.bud", "budget.pdf", "budget.xlsx"])
    }

    /// A 决算 prints the same way: cover, 决算说明, then the 公开 tables.
    func testPdfOfTheReferenceActualsPutsTheExplanationBeforeTheTables() throws {
        let tools = try requireTools()
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/actuals-2024.bud")
        try FileManager.default.copyItem(at: source, to: work.appendingPathComponent("actuals.bud"))
        let run = try HostileInputTests.budgetc(["compile", "actuals.bud", "--pdf"], in: work, limit: 600)
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try output(tools.pdftotext, [work.appendingPathComponent("actuals.pdf").path, "-"])
        let pages = text.components(separatedBy: "\u{0C}")
        let explanation = try XCTUnwrap(pages.firstIndex { $0.contains("决算情况说明") }, "the 决算说明 is printed")
        let firstTable = try XCTUnwrap(pages.lastIndex { $0.contains("收入支出决算总表") }, "公开01 is printed")
        XCTAssertGreaterThan(explanation, 0, "the cover comes first")
        XCTAssertLessThan(explanation, firstTable, "the 决算说明 comes before the tables")
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

    // MARK: - The printed pages of three examples, read as a reader checks them

    /// One rendered example: the PDF's text page by page (pdftotext -layout, pages split at form
    /// feeds) and the text lines with their boxes (pdftotext -bbox-layout).
    struct Printed {
        var name: String
        var pdfPath: String
        var stdout: String
        var written: [String]
        var hasOutlines: Bool
        var pages: [String]
        var lines: [[(xMin: Double, yMin: Double, xMax: Double, yMax: Double, text: String)]]
        var projects: [String]
    }

    /// The reference (hanyin-2024, with its 上年预算), the multi-unit 聊城 example (with its 决算 and
    /// included unit files) and a department outside health (county-police-2024): one PDF each, rendered
    /// once for all tests, the LibreOffice runs side by side.
    /// Also a 元 publication on the national set (wuzhou-school-2023), whose amounts are the widest and
    /// whose unit code has 7 digits; the tests of 陕西's tables (表13, 表14, sixteen tables) read `shaanxi`.
    static let examples = ["hanyin-2024", "liaocheng-2025", "county-police-2024", "wuzhou-school-2023"]
    static let shaanxi = ["hanyin-2024", "liaocheng-2025", "county-police-2024"]
    nonisolated(unsafe) static var printed: [String: Printed] = [:]
    static let renderLock = NSLock()

    func printed(_ example: String) throws -> Printed {
        let tools = try requireTools()
        Self.renderLock.lock()
        defer { Self.renderLock.unlock() }
        if Self.printed.isEmpty { try renderExamples(tools) }
        return try XCTUnwrap(Self.printed[example], "\(example) was not rendered")
    }

    func renderExamples(_ tools: (pdftotext: String, pdfinfo: String)) throws {
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        var budgets: [URL] = []
        for example in Self.examples {
            if example == "hanyin-2024" {
                budgets.append(try TestSupport.copyReferenceExample(into: work))
            } else {
                try FileManager.default.copyItem(at: TestSupport.repoRoot.appendingPathComponent("workbooks/\(example)"), to: work.appendingPathComponent(example))
                budgets.append(work.appendingPathComponent("\(example)/budget.bud"))
            }
        }
        final class Runs: @unchecked Sendable {
            let lock = NSLock()
            var outcomes: [HostileInputTests.Outcome?]
            init(_ count: Int) { outcomes = Array(repeating: nil, count: count) }
        }
        let runs = Runs(budgets.count), paths = budgets
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let run = try? HostileInputTests.budgetc(["compile", paths[i].path, "--pdf"], in: paths[i].deletingLastPathComponent(), limit: 600)
            runs.lock.lock(); runs.outcomes[i] = run; runs.lock.unlock()
        }
        for (i, example) in Self.examples.enumerated() {
            let budget = budgets[i]
            let run = try XCTUnwrap(runs.outcomes[i], "budgetc did not run for \(example)")
            XCTAssertEqual(run.status, 0, run.stderr)
            let pdf = budget.deletingPathExtension().appendingPathExtension("pdf").path
            var pages = try output(tools.pdftotext, ["-layout", pdf, "-"]).components(separatedBy: "\u{0C}")
            if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
            let info = try output(tools.pdfinfo, [pdf])
            let count = Int(info.components(separatedBy: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? -1
            XCTAssertEqual(pages.count, count, "pdftotext and pdfinfo agree on the page count of \(example)")
            let projects = Pipeline().check(path: budget.path).budget?.budget.projects.filter { !$0.carriedOver }.map(\.name) ?? []
            let raw = try Data(contentsOf: URL(fileURLWithPath: pdf))
            Self.printed[example] = Printed(
                name: example, pdfPath: pdf, stdout: run.stdout,
                written: try FileManager.default.contentsOfDirectory(atPath: budget.deletingLastPathComponent().path).sorted(),
                hasOutlines: raw.range(of: Data("/Outlines".utf8)) != nil, pages: pages,
                lines: Self.lineBoxes(try output(tools.pdftotext, ["-bbox-layout", pdf, "-"])), projects: projects)
        }
    }

    /// `<line xMin=… yMin=… xMax=… yMax=…>` with its words, per `<page>`.
    static func lineBoxes(_ xhtml: String) -> [[(xMin: Double, yMin: Double, xMax: Double, yMax: Double, text: String)]] {
        var pages: [[(xMin: Double, yMin: Double, xMax: Double, yMax: Double, text: String)]] = []
        func attribute(_ name: String, in tag: Substring) -> Double {
            guard let r = tag.range(of: name + "=\"") else { return 0 }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        for page in xhtml.components(separatedBy: "<page ").dropFirst() {
            var lines: [(xMin: Double, yMin: Double, xMax: Double, yMax: Double, text: String)] = []
            for chunk in page.components(separatedBy: "<line ").dropFirst() {
                let tag = chunk.prefix { $0 != ">" }
                let words = chunk.components(separatedBy: "</line>")[0].components(separatedBy: "<word ").dropFirst()
                    .map { $0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" } }.joined(separator: " ")
                lines.append((attribute("xMin", in: tag), attribute("yMin", in: tag), attribute("xMax", in: tag), attribute("yMax", in: tag), words))
            }
            pages.append(lines)
        }
        return pages
    }

    /// The first line of a page is its header: the 表号 and title, or the title of the 说明 / 图表.
    static func header(_ page: String) -> String {
        page.components(separatedBy: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    static func tableNumber(_ page: String) -> Int? {
        let head = header(page)
        guard head.hasPrefix("表") else { return nil }
        return Int(head.dropFirst().prefix { $0.isASCII && $0.isNumber })
    }

    /// No amount is too wide for its column: a spreadsheet prints such a cell as ### (a bold total of as
    /// many digits as the widest amount in its column did, in the 元 example).
    func testNoCellPrintsAsHashes() throws {
        for example in Self.examples {
            let printed = try printed(example)
            for (i, page) in printed.pages.enumerated() {
                XCTAssertFalse(page.contains("###"), "\(example) page \(i + 1):\n\(page)")
            }
        }
    }

    /// Every page says where it is in the document (“第 N 页 共 M 页”); every table page names its 表号 in
    /// its header; the tables come in order, each once, and none takes more pages than a reader would accept.
    func testEveryPageHasItsPageNumberAndEveryTablePageItsNumber() throws {
        for example in Self.examples {
            let doc = try printed(example)
            var pagesOfTable: [Int: Int] = [:]
            var lastTable = 0
            for (index, page) in doc.pages.enumerated() {
                let compact = page.replacingOccurrences(of: " ", with: "")
                // “第” itself is not required: the text layer of a page also holds the clipped part of
                // a chart drawn on the next page, which pdftotext may put between “第” and the number.
                XCTAssertTrue(compact.contains("\(index + 1)页共\(doc.pages.count)页"), "\(example) page \(index + 1) has no page number:\n\(page.prefix(300))")
                if let n = Self.tableNumber(page) {
                    XCTAssertGreaterThanOrEqual(n, lastTable, "\(example) page \(index + 1): 表\(n) after 表\(lastTable)")
                    lastTable = n
                    pagesOfTable[n, default: 0] += 1
                }
            }
            let tables = Self.shaanxi.contains(example) ? 16 : 10 // 陕西's sixteen, or the national set's ten
            XCTAssertEqual(Set(pagesOfTable.keys), Set(1...tables), "\(example): every table is printed with its 表号 (pages per table: \(pagesOfTable.sorted { $0.key < $1.key }))")
            for (n, count) in pagesOfTable where n != 14 {
                XCTAssertLessThanOrEqual(count, 3, "\(example): 表\(n) takes \(count) pages")
            }
            let notesPages = doc.pages.filter { Self.header($0).hasSuffix("预算公开说明") }.count
            XCTAssertTrue((2...8).contains(notesPages), "\(example): the 说明 takes \(notesPages) pages")
            XCTAssertLessThanOrEqual(doc.pages.count, 45, "\(example): \(doc.pages.count) pages")
        }
    }

    /// 表14 on paper: every page starts a project's block (项目名称 and a project's name), so no
    /// indicator is orphaned from its project, and every project is printed.
    func testEveryPerformancePageShowsAProjectName() throws {
        for example in Self.shaanxi {
            let doc = try printed(example)
            let pages = doc.pages.filter { Self.tableNumber($0) == 14 }
            XCTAssertFalse(pages.isEmpty, "\(example): 表14 printed")
            for page in pages {
                let body = page.components(separatedBy: "\n").dropFirst(3).joined(separator: "\n") // below the header, title and 部门 line
                let firstBlock = body.range(of: "项目名称")
                XCTAssertNotNil(firstBlock, "\(example): a 表14 page without 项目名称:\n\(page.prefix(400))")
                let before = firstBlock.map { String(body[..<$0.lowerBound]) } ?? body
                XCTAssertFalse(before.contains("指标"), "\(example): indicators above the first 项目名称 of a page (orphaned from their project):\n\(before)")
                XCTAssertTrue(doc.projects.contains { page.contains($0) }, "\(example): no project name on a 表14 page:\n\(page.prefix(400))")
            }
            for project in doc.projects {
                XCTAssertTrue(pages.contains { $0.contains(project) }, "\(example): project \(project) is not in 表14")
            }
            // A project taller than a page (公安信息化运维 has 30 indicators) continues under “项目名称 X（续）”,
            // X the project whose block the previous page ended in.
            let compact = pages.map { $0.replacingOccurrences(of: " ", with: "") }
            var continued = 0
            for (i, page) in compact.enumerated() {
                guard let first = page.range(of: "项目名称") else { continue }
                let line = page[first.upperBound...].prefix { $0 != "\n" }
                guard line.contains("（续）") else { continue }
                continued += 1
                XCTAssertGreaterThan(i, 0, "\(example): the first 表14 page is a continuation")
                guard i > 0 else { continue }
                let previous = compact[i - 1]
                let lastOnPrevious = doc.projects.compactMap { p in previous.range(of: p, options: .backwards).map { (p, $0.lowerBound) } }
                    .max { $0.1 < $1.1 }?.0
                XCTAssertNotNil(lastOnPrevious, "\(example): no project on the page before a continuation")
                if let lastOnPrevious {
                    XCTAssertTrue(line.contains(lastOnPrevious + "（续）"), "\(example) 表14 page \(i + 1) continues \(lastOnPrevious) but reads: \(line)")
                }
            }
            if example == "county-police-2024" {
                XCTAssertGreaterThanOrEqual(continued, 1, "\(example): 公安信息化运维 spans two pages and its second starts with its name")
                XCTAssertTrue(compact.contains { $0.contains("公安信息化运维（续）") }, "\(example): the continuation names 公安信息化运维")
            }
        }
    }

    /// 表13 is printed over three page widths; each width shows the beginning of the title above its
    /// columns (a title merged over all 29 columns printed a third of itself per page).
    func testEveryWidthOfAWideTableShowsItsTitle() throws {
        for example in Self.shaanxi {
            let doc = try printed(example)
            let pages = doc.pages.filter { Self.tableNumber($0) == 13 }
            XCTAssertGreaterThanOrEqual(pages.count, 2, "\(example): 表13 over several page widths")
            for page in pages {
                let body = page.components(separatedBy: "\n").drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.dropFirst()
                    .joined().replacingOccurrences(of: " ", with: "")
                XCTAssertTrue(body.contains("年部门综合预算一般公共预算拨款"), "\(example): a 表13 page without the start of its title:\n\(page.prefix(500))")
            }
            XCTAssertTrue(pages.dropFirst().allSatisfy { $0.replacingOccurrences(of: " ", with: "").contains("（续）") }, "\(example): later widths say （续）")
        }
    }

    /// A table of the 说明 longer than a page (county-police-2024 lists 50 trainings) repeats its caption
    /// with “（续）” and its header on the page it continues onto: every 说明 page that shows rows of the
    /// table shows the header above them.
    func testNotesTablesRepeatTheirHeaderOnEveryPage() throws {
        for example in Self.examples {
            let doc = try printed(example)
            let notesPages = doc.pages.filter { Self.header($0).hasSuffix("预算公开说明") }
            var pagesWithRows = 0
            for page in notesPages {
                let lines = page.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                // A row of the table: 序号, then a name, then 会议 or 培训 as its 类别.
                guard let firstRow = lines.firstIndex(where: { $0.range(of: #"^\d+ .* (会议|培训) "#, options: .regularExpression) != nil }) else { continue }
                pagesWithRows += 1
                XCTAssertTrue(lines[..<firstRow].contains { $0.hasPrefix("序号") && $0.contains("会议/培训名称") },
                              "\(example): 说明 rows without the table header above them:\n\(page.prefix(500))")
            }
            if example == "county-police-2024" {
                XCTAssertGreaterThanOrEqual(pagesWithRows, 2, "\(example): the training table spans two pages")
                XCTAssertTrue(notesPages.contains { $0.contains("会议费培训费明细（续）") }, "\(example): the continuation names the table")
            }
        }
    }

    /// The 说明 prints as a document: no two text lines overlap (overprinted paragraphs were the bug),
    /// and it has all its parts.
    func testNotesLinesDoNotOverlap() throws {
        for example in Self.examples {
            let doc = try printed(example)
            let notesPages = doc.pages.indices.filter { Self.header(doc.pages[$0]).hasSuffix("预算公开说明") }
            XCTAssertFalse(notesPages.isEmpty, "\(example): the 说明 is printed")
            let text = notesPages.map { doc.pages[$0] }.joined()
            // (wuzhou's publication states no staff, so its 说明 has no 人员情况.)
            let staffed = example == "wuzhou-school-2023" ? [] : ["人员情况"]
            // (wuzhou is a 单位预算: 第一部分 单位概况.)
            let overview = example == "wuzhou-school-2023" ? "第一部分 单位概况" : "第一部分 部门概况"
            for part in [overview, "第二部分 收支情况", "第三部分 其他情况", "预算单位构成", "机关运行经费", "专业名词解释"] + staffed {
                XCTAssertTrue(text.replacingOccurrences(of: "  ", with: " ").contains(part), "\(example): the 说明 has no “\(part)”")
            }
            for index in notesPages {
                let lines = doc.lines[index].sorted { $0.yMin < $1.yMin }
                for (i, a) in lines.enumerated() {
                    // Lines below a by more than a line height cannot overlap it.
                    for b in lines[(i + 1)...] {
                        if b.yMin >= a.yMax - 0.5 { break }
                        let horizontal = min(a.xMax, b.xMax) - max(a.xMin, b.xMin)
                        XCTAssertLessThanOrEqual(horizontal, 0.5, "\(example) page \(index + 1): “\(a.text)” overlaps “\(b.text)”")
                    }
                }
            }
        }
    }

    /// Legible on A4: on every page the body text is at least about 70 % of its 10 pt size (a table
    /// shrunk to fit the page width shows as small line boxes). At 100 % a 10 pt line box is about
    /// 13 pt high; 表13 squeezed onto one page width (about 45 %) measured under 6.
    func testNoPageIsPrintedBelowSeventyPercent() throws {
        for example in Self.examples {
            let doc = try printed(example)
            for (index, lines) in doc.lines.enumerated() where lines.count > 3 {
                let heights = lines.map { $0.yMax - $0.yMin }.sorted()
                let median = heights[heights.count / 2]
                XCTAssertGreaterThanOrEqual(median, 9.0, "\(example) page \(index + 1) (\(Self.header(doc.pages[index]))): text lines \(median) pt high")
            }
        }
    }
}
