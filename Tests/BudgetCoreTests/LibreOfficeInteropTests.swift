import BudgetCore
import Foundation
import XCTest
import ZIPFoundation

/// Interop: LibreOffice, made to recalculate every formula when it loads the workbook, must arrive
/// at exactly the numbers budgetc computed. The cached results libxlsxwriter stores next to each
/// `=SUM(...)` are what most readers show; this test throws them away (LibreOffice recalculates,
/// and a tampered copy proves it does) and compares every cell of every sheet with budgetc's own
/// `Sheet` model.
///
/// Needs `soffice` on PATH (Debian: `apt-get install -y libreoffice-calc-nogui`). Without it the
/// test is skipped, unless BUDGETC_REQUIRE_LIBREOFFICE=1, in which case it fails.
final class LibreOfficeInteropTests: XCTestCase {
    /// Comma-separated, `"` quoted, UTF-8 (76), system language, no forced quoting, values rather
    /// than formatted text ("save as shown" off, so `#,##0.00;-#,##0.00;;@` neither adds grouping
    /// nor hides zeros), no formulas, and `-1`: every sheet to its own `<base>-<sheet>.csv`.
    static let csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    static let timeoutSeconds = 180

    static var repositoryRoot: URL {
        // Tests/BudgetCoreTests/LibreOfficeInteropTests.swift → repository root
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    // MARK: - The test

    func testLibreOfficeRecalculationReproducesBudgetcNumbers() throws {
        try recalculationReproducesBudgetcNumbers(tableSet: "陕西", sheetCount: 20)
    }

    /// The national set: other layouts (收支对照 with several value columns, a 表头 tree), same promise.
    func testLibreOfficeRecalculationReproducesTheNationalSet() throws {
        try recalculationReproducesBudgetcNumbers(tableSet: "全国", sheetCount: 14)
    }

    func recalculationReproducesBudgetcNumbers(tableSet: String, sheetCount: Int) throws {
        guard let soffice = Self.findExecutable("soffice") else {
            let message = "LibreOffice (soffice) is not on PATH; install it with `apt-get install -y libreoffice-calc-nogui`"
            if ProcessInfo.processInfo.environment["BUDGETC_REQUIRE_LIBREOFFICE"] == "1" {
                XCTFail(message + " (BUDGETC_REQUIRE_LIBREOFFICE=1 makes this a failure instead of a skip)")
                return
            }
            throw XCTSkip(message)
        }

        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("budgetc-lo-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }

        // 1. Compile the example, and build budgetc's model of the same sheets.
        let input = Self.repositoryRoot.appendingPathComponent("workbooks/hanyin-2024/budget.bud").path
        let xlsx = work.appendingPathComponent("budget.xlsx")
        var pipeline = Pipeline()
        pipeline.tableSet = tableSet
        let compiled = pipeline.compile(path: input, output: xlsx.path)
        XCTAssertNil(compiled.failure, "compile failed: \(compiled.failure ?? "")")
        guard compiled.output != nil, fm.fileExists(atPath: xlsx.path) else {
            return XCTFail("compile wrote no workbook; diagnostics: \(compiled.result.diagnostics.map { "\($0)" })")
        }
        let checked = pipeline.check(path: input)
        guard let budget = checked.budget else { return XCTFail("check produced no evaluated budget") }
        let (layouts, layoutDiagnostics) = pipeline.tables(for: budget.budget)
        XCTAssertFalse(layoutDiagnostics.hasErrors, "\(layoutDiagnostics)")
        // As written: laid out for print (continuation rows, titles per page width), as `compile` does.
        let sheets = TableSet.build(TableContext(budget: budget, layouts: layouts, draft: checked.diagnostics.hasErrors)).map(PageSetup.laidOut)
        XCTAssertEqual(sheets.count, sheetCount, "封面, 目录, the set's tables, 说明, 图表")

        // The 表1 合计 cell the tamper check watches: the first nonzero SUM whose label says 合计.
        guard let table1 = sheets.first(where: { $0.name == "表1" }),
              let watched = Self.firstLabelledTotal(in: table1) else {
            return XCTFail("表1 has no nonzero SUM cell labelled 合计 to tamper with")
        }

        // 4a. A tampered copy: every formula's cached <v> becomes 0, the 表1 合计 included.
        let tampered = work.appendingPathComponent("tampered.xlsx")
        let tamper = try Self.zeroCachedFormulaResults(of: xlsx, into: tampered, watchingSheet: "表1", cell: watched.ref)
        XCTAssertGreaterThan(tamper.formulasZeroed, 0, "no cached formula result found to tamper with")
        XCTAssertEqual(tamper.watchedOriginal.map { abs($0 - watched.total.wanYuanForDisplay) < 5e-7 }, true,
                       "表1!\(watched.ref.a1) should cache \(watched.total.wanYuanForDisplay) in \(tamper.sheetPath), found \(String(describing: tamper.watchedOriginal))")

        // 2. Convert both workbooks with a throw-away profile that always recalculates on load.
        let recalcProfile = work.appendingPathComponent("profile-recalc", isDirectory: true)
        try Self.writeProfile(at: recalcProfile, recalcMode: 0)
        let recalcCSV = work.appendingPathComponent("csv-recalc", isDirectory: true)
        let run = try Self.convert([xlsx, tampered], soffice: soffice, profile: recalcProfile, outdir: recalcCSV, scratch: work)

        // 3. Every cell of every sheet, original workbook.
        var mismatches: [String] = []
        for sheet in sheets {
            mismatches += Self.compare(sheet, csvAt: recalcCSV.appendingPathComponent("budget-\(sheet.name).csv"), label: "budget.xlsx")
        }
        // 4b. The tampered workbook must come back identical: LibreOffice ignored the cached zeros.
        for sheet in sheets {
            mismatches += Self.compare(sheet, csvAt: recalcCSV.appendingPathComponent("tampered-\(sheet.name).csv"), label: "tampered.xlsx")
        }
        let recalcWatched = try? Self.csvCell(recalcCSV.appendingPathComponent("tampered-表1.csv"), watched.ref)
        XCTAssertEqual(recalcWatched.flatMap { Double($0) }.map { abs($0 - watched.total.wanYuanForDisplay) < 5e-7 }, true,
                       "tampered 表1!\(watched.ref.a1) (cached 0) should be recalculated to \(watched.total.wanYuanForDisplay), LibreOffice exported \(String(describing: recalcWatched))\n\(run)")
        XCTAssert(mismatches.isEmpty,
                  "LibreOffice (recalculating on load) disagrees with budgetc in \(mismatches.count) cell(s):\n"
                  + mismatches.joined(separator: "\n") + "\n\(run)")

        // 4c. Control: with recalculation off (OOXMLRecalcMode=1, LibreOffice's default) the tampered
        // zero shows through — so the right total above can only have come from recalculation.
        let cachedProfile = work.appendingPathComponent("profile-cached", isDirectory: true)
        try Self.writeProfile(at: cachedProfile, recalcMode: 1)
        let cachedCSV = work.appendingPathComponent("csv-cached", isDirectory: true)
        let controlRun = try Self.convert([tampered], soffice: soffice, profile: cachedProfile, outdir: cachedCSV, scratch: work)
        let shown = try? Self.csvCell(cachedCSV.appendingPathComponent("tampered-表1.csv"), watched.ref)
        XCTAssertEqual(shown.map { $0.isEmpty || Double($0) == 0 }, true,
                       "control: without recalculation LibreOffice should show the tampered cached 0 in 表1!\(watched.ref.a1), "
                       + "got \(String(describing: shown)); the tamper check cannot tell recalculation from cached values\n\(controlRun)")
    }

    func testCSVParserHandlesQuotesCommasAndNewlines() {
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,3\n\n962001,\"\""
        XCTAssertEqual(Self.parseCSV(text), [["a", "b,c", "say \"hi\""], ["two\nlines", "", "3"], [""], ["962001", ""]])
        XCTAssertEqual(Self.parseCSV("\u{FEFF}x,y\n"), [["x", "y"]])
        XCTAssertEqual(Self.parseCSV(""), [])
    }

    // MARK: - Comparing a sheet with its CSV

    static func compare(_ sheet: Sheet, csvAt url: URL, label: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return ["\(label) \(sheet.name): LibreOffice wrote no \(url.lastPathComponent)"]
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ["\(label) \(sheet.name): \(url.lastPathComponent) is not UTF-8"]
        }
        let rows = parseCSV(text)
        func csv(_ r: Int, _ c: Int) -> String { r < rows.count && c < rows[r].count ? rows[r][c] : "" }
        func at(_ r: Int, _ c: Int) -> String { "\(label) \(sheet.name)!\(CellRef(r, c).a1) (row \(r), column \(c))" }

        var problems: [(row: Int, column: Int, text: String)] = []
        func report(_ r: Int, _ c: Int, _ text: String) { problems.append((r, c, "\(at(r, c)): " + text)) }
        func number(_ r: Int, _ c: Int, _ expected: Double, formula: Bool, what: String) {
            let got = csv(r, c)
            if got.isEmpty {
                // A zero SUM may come out as 0 or blank; a written number never vanishes.
                if !(formula && expected == 0) { report(r, c, "expected \(what) \(expected), LibreOffice exported an empty cell") }
                return
            }
            guard let value = Double(got) else {
                report(r, c, "expected \(what) \(expected), LibreOffice exported non-numeric \"\(got)\"")
                return
            }
            // Half a fen (1 fen = 1e-6 万元): any whole-fen difference is a mismatch, float noise is not.
            if abs(value - expected) >= 5e-7 {
                report(r, c, "expected \(what) \(expected), LibreOffice computed \(got)")
            }
        }
        func exactText(_ r: Int, _ c: Int, _ expected: String, what: String) {
            let got = csv(r, c)
            if got != expected { report(r, c, "expected \(what) \"\(expected)\", LibreOffice exported \"\(got)\"") }
        }

        for (r, row) in sheet.cells {
            for (c, cell) in row {
                switch cell.value {
                case .empty: exactText(r, c, "", what: "empty cell")
                case .text(let s): exactText(r, c, s, what: "text")
                case .code(let s): exactText(r, c, s, what: "code")
                case .money(let m): number(r, c, m.wanYuanForDisplay, formula: false, what: "amount")
                case .integer(let n): number(r, c, Double(n), formula: false, what: "integer")
                case .sum(let refs, let cached):
                    number(r, c, cached.wanYuanForDisplay, formula: true, what: "SUM of \(refs.count) cell(s) =")
                case .sumInteger(let refs, let cached):
                    number(r, c, Double(cached), formula: true, what: "integer SUM of \(refs.count) cell(s) =")
                case .difference(_, _, let cached):
                    number(r, c, cached.wanYuanForDisplay, formula: true, what: "difference =")
                case .date(let y, let m, let d):
                    exactText(r, c, String(format: "%04d-%02d-%02d", y, m, d), what: "date")
                case .linear(_, let cached):
                    number(r, c, cached.wanYuanForDisplay, formula: true, what: "formula =")
                }
            }
        }
        // Nothing may appear where budgetc wrote nothing.
        for (r, row) in rows.enumerated() {
            for (c, value) in row.enumerated() where !value.isEmpty && sheet.cell(r, c) == nil {
                report(r, c, "budgetc wrote no cell here, LibreOffice exported \"\(value)\"")
            }
        }
        return problems.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map(\.text)
    }

    /// The first SUM in row-major order with a nonzero result whose row label (the nearest text to
    /// its left) contains 合计.
    static func firstLabelledTotal(in sheet: Sheet) -> (ref: CellRef, total: Money)? {
        for r in sheet.cells.keys.sorted() {
            let row = sheet.cells[r]!
            for c in row.keys.sorted() {
                guard case .sum(_, let cached) = row[c]!.value, !cached.isZero else { continue }
                let label = (0..<c).reversed().lazy.compactMap { column -> String? in
                    if case .text(let s)? = row[column]?.value { return s }
                    return nil
                }.first
                if label?.contains("合计") == true { return (CellRef(r, c), cached) }
            }
        }
        return nil
    }

    static func csvCell(_ url: URL, _ ref: CellRef) throws -> String {
        let text = try String(contentsOf: url, encoding: .utf8)
        let rows = parseCSV(text)
        guard ref.row < rows.count else { return "" }
        return ref.column < rows[ref.row].count ? rows[ref.row][ref.column] : ""
    }

    /// RFC 4180 style: quoted fields may hold commas, doubled quotes and line breaks; lines end in
    /// LF or CRLF; a leading BOM is ignored.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endField() { row.append(field); field = ""; fieldStarted = false }
        func endRow() { endField(); rows.append(row); row = [] }
        while i < scalars.count {
            let ch = scalars[i]
            if inQuotes {
                if ch == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(ch)
                }
            } else {
                switch ch {
                case "\"": inQuotes = true; fieldStarted = true
                case ",": endField()
                case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n": i += 1; endRow()
                case "\n", "\r": endRow()
                default: field.unicodeScalars.append(ch); fieldStarted = true
                }
            }
            i += 1
        }
        if fieldStarted || !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    // MARK: - Tampering with cached results

    struct Tamper {
        var formulasZeroed = 0
        var sheetPath = ""
        /// The watched cell's cached value before tampering.
        var watchedOriginal: Double?
    }

    /// Copies the workbook, replacing the cached `<v>` of every formula cell with 0.
    static func zeroCachedFormulaResults(of source: URL, into destination: URL, watchingSheet sheetName: String, cell: CellRef) throws -> Tamper {
        let input = try Archive(url: source, accessMode: .read)
        func contents(_ path: String) throws -> Data {
            guard let entry = input[path] else { throw NSError(domain: "tamper", code: 1, userInfo: [NSLocalizedDescriptionKey: "no \(path) in workbook"]) }
            var data = Data()
            _ = try input.extract(entry) { data.append($0) }
            return data
        }
        // 表1 → r:id (workbook.xml) → worksheets/sheetN.xml (workbook.xml.rels)
        let workbook = String(decoding: try contents("xl/workbook.xml"), as: UTF8.self)
        let rels = String(decoding: try contents("xl/_rels/workbook.xml.rels"), as: UTF8.self)
        var tamper = Tamper()
        let sheetTag = elements("sheet", in: workbook).first { attribute("name", of: $0).map(unescapeXML) == sheetName }
        guard let rid = sheetTag.flatMap({ attribute("r:id", of: $0) }),
              let target = elements("Relationship", in: rels).first(where: { attribute("Id", of: $0) == rid }).flatMap({ attribute("Target", of: $0) })
        else { throw NSError(domain: "tamper", code: 2, userInfo: [NSLocalizedDescriptionKey: "sheet \(sheetName) not found in xl/workbook.xml"]) }
        tamper.sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target

        let formulaCell = try NSRegularExpression(pattern: #"(<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?>[^<]*</f>\s*<v>)([^<]*)(</v>)"#)
        try? FileManager.default.removeItem(at: destination)
        let output = try Archive(url: destination, accessMode: .create)
        for entry in input where entry.type == .file {
            var data = try contents(entry.path)
            if entry.path.hasPrefix("xl/worksheets/") && entry.path.hasSuffix(".xml") {
                let xml = String(decoding: data, as: UTF8.self)
                let ns = xml as NSString
                let matches = formulaCell.matches(in: xml, range: NSRange(location: 0, length: ns.length))
                if entry.path == tamper.sheetPath, let m = matches.first(where: { ns.substring(with: $0.range(at: 2)) == cell.a1 }) {
                    tamper.watchedOriginal = Double(ns.substring(with: m.range(at: 3)))
                }
                tamper.formulasZeroed += matches.count
                let edited = NSMutableString(string: xml)
                for m in matches.reversed() { edited.replaceCharacters(in: m.range(at: 3), with: "0") }
                data = Data((edited as String).utf8)
            }
            let bytes = data
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        return tamper
    }

    static func elements(_ name: String, in xml: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: "<\(name)\\s[^>]*>") else { return [] }
        let ns = xml as NSString
        return re.matches(in: xml, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    static func attribute(_ name: String, of tag: String) -> String? {
        guard let re = try? NSRegularExpression(pattern: "\\s\(NSRegularExpression.escapedPattern(for: name))=\"([^\"]*)\"") else { return nil }
        let ns = tag as NSString
        return re.firstMatch(in: tag, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    static func unescapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: - Running LibreOffice

    /// A fresh user profile whose only settings are the formula recalculation modes on load
    /// (0 = always recalculate, 1 = never, 2 = ask) and an en-US locale so numbers use a '.'.
    static func writeProfile(at profile: URL, recalcMode: Int) throws {
        let user = profile.appendingPathComponent("user", isDirectory: true)
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        let xcu = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>\(recalcMode)</value></prop></item>
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>\(recalcMode)</value></prop></item>
        <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
        </oor:items>

        """
        try xcu.write(to: user.appendingPathComponent("registrymodifications.xcu"), atomically: true, encoding: .utf8)
    }

    struct Run: CustomStringConvertible {
        var command: [String]
        var status: Int32
        var seconds: Double
        var output: String
        var description: String {
            "soffice run (exit \(status), \(String(format: "%.1f", seconds)) s): \(command.joined(separator: " "))\n\(output)"
        }
    }

    /// `soffice --headless --convert-to csv…` under `timeout`, output captured for failure messages.
    static func convert(_ files: [URL], soffice: String, profile: URL, outdir: URL, scratch: URL) throws -> Run {
        try FileManager.default.createDirectory(at: outdir, withIntermediateDirectories: true)
        var command = [soffice, "-env:UserInstallation=" + profile.absoluteURL.absoluteString,
                       "--headless", "--norestore", "--convert-to", csvFilter, "--outdir", outdir.path] + files.map(\.path)
        // coreutils timeout kills the whole process group (oosplash and soffice.bin), not just the script.
        if let timeout = findExecutable("timeout") { command = [timeout, "-k", "10", String(timeoutSeconds)] + command }
        let log = scratch.appendingPathComponent("soffice-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        // Backstop for when `timeout` is missing.
        let deadline = started.addingTimeInterval(Double(timeoutSeconds + 20))
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let run = Run(command: command, status: process.terminationStatus, seconds: Date().timeIntervalSince(started), output: output)
        XCTAssertEqual(run.status, 0, "soffice failed or timed out after \(timeoutSeconds) s\n\(run)")
        return run
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
