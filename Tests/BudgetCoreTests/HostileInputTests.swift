import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `budgetc` binary on the hostile-input corpus in Fixtures/hostile (listed in manifest.tsv)
/// and on file-system traps (output over the input, missing or unwritable folders).
///
/// For every case: the exit code; no crash (no signal, exit code 0/1/2) and no hang (killed after
/// `timeLimit`); the expected `file:line:col: error[id]: message` on stderr; a pre-existing output workbook
/// left byte-for-byte untouched when the run fails (and by `check`); the input files unchanged; no
/// temporary files left beside them; and no stderr line so long that nobody can read it.
///
/// `TestSupport.run` is not used here: it has no time limit, and it reads stdout to the end before
/// stderr, which deadlocks once the child writes more than a pipe's worth (64 KB) to stderr.
final class HostileInputTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile")
    static let timeLimit: TimeInterval = 20
    /// Diagnostics should quote, not dump: a megabyte-long source line or field must be shortened.
    static let maxStderrLineLength = 4096
    /// What is written to the output path before each run; a failed run must leave exactly these bytes.
    static let sentinel = Data("pre-existing output: a failed compile must leave these bytes alone\n".utf8) + Data((0...255).map(UInt8.init))

    // MARK: - Manifest

    enum LineExpectation: Equatable {
        case any
        /// `file: error[id]: …` — a whole-file location, no line.
        case wholeFile
        /// `path:line:col: error[id]: …`, with `path` ending in `file` (nil: the case's own file).
        case line(file: String?, Int)
    }

    struct Case {
        var file: String
        var command: String
        var exit: Int32
        var severity: String
        /// nil: the run must be clean (no error diagnostics).
        var id: String?
        var line: LineExpectation
        var substring: String?
        var manifestLine: Int

        var stem: String { (file as NSString).deletingPathExtension }
        var includeFolder: String { stem + ".inc" }
        var output: String { stem + ".xlsx" }
    }

    static let manifest: Result<[Case], Error> = Result { try loadManifest() }

    static func loadManifest() throws -> [Case] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        var cases: [Case] = []
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let lineNumber = index + 1
            if raw.isEmpty || raw.hasPrefix("#") || raw.hasPrefix("file\t") { continue }
            let f = raw.components(separatedBy: "\t")
            guard f.count == 6, ["check", "compile"].contains(f[1]), let exit = Int32(f[2]) else {
                throw NSError(domain: "manifest.tsv", code: lineNumber,
                              userInfo: [NSLocalizedDescriptionKey: "manifest.tsv:\(lineNumber): expected 6 Tab-separated columns, got “\(raw)”"])
            }
            var severity = "error", id: String? = f[3] == "-" ? nil : f[3]
            if let i = id, let colon = i.firstIndex(of: ":") {
                severity = String(i[..<colon])
                id = String(i[i.index(after: colon)...])
            }
            let line: LineExpectation
            switch f[4] {
            case "-": line = .any
            case "0": line = .wholeFile
            default:
                let parts = f[4].split(separator: ":", omittingEmptySubsequences: false)
                guard let n = Int(parts.last ?? "") else {
                    throw NSError(domain: "manifest.tsv", code: lineNumber,
                                  userInfo: [NSLocalizedDescriptionKey: "manifest.tsv:\(lineNumber): bad line “\(f[4])”"])
                }
                line = .line(file: parts.count > 1 ? parts.dropLast().joined(separator: ":") : nil, n)
            }
            cases.append(Case(file: f[0], command: f[1], exit: exit, severity: severity, id: id, line: line,
                              substring: f[5] == "-" ? nil : f[5], manifestLine: lineNumber))
        }
        return cases
    }

    static func manifestCase(_ file: String) throws -> Case {
        guard let found = try manifest.get().first(where: { $0.file == file }) else {
            throw NSError(domain: "manifest.tsv", code: 0, userInfo: [NSLocalizedDescriptionKey: "no case “\(file)” in manifest.tsv"])
        }
        return found
    }

    // MARK: - Running budgetc

    struct Outcome {
        var status: Int32
        var signaled: Bool
        var timedOut: Bool
        var seconds: Double
        var stdout: String
        var stderr: String

        var crashed: Bool { signaled || !(0...2).contains(status) }
    }

    /// Runs budgetc with a time limit; stdout and stderr go to files (they may be megabytes).
    static func budgetc(_ arguments: [String], in directory: URL, limit: TimeInterval = timeLimit) throws -> Outcome {
        let logs = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logs) }
        let outURL = logs.appendingPathComponent("stdout"), errURL = logs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = try TestSupport.binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = Date()
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + limit) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        let seconds = Date().timeIntervalSince(start)
        try out.close()
        try err.close()
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, seconds: seconds,
                       stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Every file and folder under `directory` (hidden ones included), relative paths.
    static func listing(_ directory: URL) -> Set<String> {
        Set((try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? [])
    }

    /// The bytes of every regular file under `directory`, by relative path.
    static func contents(_ directory: URL, excluding excluded: Set<String> = []) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in listing(directory) where !excluded.contains(path) {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = try? Data(contentsOf: url)
            }
        }
        return result
    }

    static func excerpt(_ text: String, limit: Int = 2000) -> String {
        let lines: [String] = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.count > 300 ? String(line.prefix(300)) + "…（这一行共 \(line.count) 字符）" : String(line)
        }
        let joined = lines.joined(separator: "\n")
        return joined.count > limit ? String(joined.prefix(limit)) + "\n…（共 \(text.utf8.count) 字节）" : joined
    }

    /// A diagnostic header line of stderr: `path:line:col: severity[id]: message`, `path: severity[id]: message`
    /// or `severity[id]: message`.
    struct Header {
        var path: String?
        var line: Int?
        var column: Int?
        var severity: String
        var id: String
        var message: String
    }

    static func headers(_ stderr: String) -> [Header] {
        var result: [Header] = []
        for raw in stderr.split(separator: "\n") {
            let line = String(raw)
            for severity in ["error", "warning", "note"] {
                guard let open = line.range(of: severity + "["), let close = line.range(of: "]: ", range: open.upperBound..<line.endIndex) else { continue }
                let id = String(line[open.upperBound..<close.lowerBound])
                guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { continue }
                let prefix = String(line[..<open.lowerBound])
                var header = Header(path: nil, line: nil, column: nil, severity: severity, id: id, message: String(line[close.upperBound...]))
                if !prefix.isEmpty {
                    guard prefix.hasSuffix(": ") else { continue }
                    let location = prefix.dropLast(2)
                    let parts = location.split(separator: ":", omittingEmptySubsequences: false)
                    if parts.count >= 3, let l = Int(parts[parts.count - 2]), let c = Int(parts[parts.count - 1]) {
                        header.path = parts.dropLast(2).joined(separator: ":")
                        header.line = l
                        header.column = c
                    } else {
                        header.path = String(location)
                    }
                }
                result.append(header)
                break
            }
        }
        return result
    }

    // MARK: - One case

    /// Copies the case (and its `<stem>.inc/` folder) into a fresh folder, puts known bytes at the output
    /// path, runs the command, and returns every way the run differed from the manifest.
    static func problems(of c: Case, outputArguments: [String] = [], outputPath: URL? = nil) throws -> [String] {
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = fixtures.appendingPathComponent(c.file)
        guard FileManager.default.fileExists(atPath: source.path) else { return ["fixture \(c.file) does not exist"] }
        try FileManager.default.copyItem(at: source, to: work.appendingPathComponent(c.file))
        let include = fixtures.appendingPathComponent(c.includeFolder)
        if FileManager.default.fileExists(atPath: include.path) {
            try FileManager.default.copyItem(at: include, to: work.appendingPathComponent(c.includeFolder))
        }
        let output = outputPath ?? work.appendingPathComponent(c.output)
        try sentinel.write(to: output)
        let inputs = contents(work, excluding: [c.output])
        let before = listing(work)
        let outputFolder = output.deletingLastPathComponent()
        let outputFolderBefore = listing(outputFolder)

        let run = try budgetc([c.command, c.file] + outputArguments, in: work)
        var problems: [String] = []
        func fail(_ what: String) { problems.append(what) }

        if run.timedOut {
            fail("hang: still running after \(Int(timeLimit)) s, killed")
        } else if run.signaled {
            fail("crash: killed by signal \(run.status) after \(String(format: "%.1f", run.seconds)) s")
        } else if !(0...2).contains(run.status) {
            fail("crash: exit code \(run.status) is not 0, 1 or 2")
        }
        if !run.timedOut && !run.signaled && run.status != c.exit {
            fail("exit code \(run.status), expected \(c.exit)")
        }

        let found = headers(run.stderr)
        if let id = c.id {
            let sameId = found.filter { $0.severity == c.severity && $0.id == id }
            let placed = sameId.filter { h in
                switch c.line {
                case .any: return true
                case .wholeFile: return h.line == nil && (h.path.map { $0.hasSuffix(c.file) } ?? false)
                case .line(let file, let n): return h.line == n && (h.path.map { $0.hasSuffix(file ?? c.file) } ?? false)
                }
            }
            let worded = placed.filter { h in c.substring.map { h.message.contains($0) } ?? true }
            let want = "\(c.severity)[\(id)]"
            let place: String
            switch c.line {
            case .any: place = ""
            case .wholeFile: place = " with a whole-file location “\(c.file): \(want)”"
            case .line(let file, let n): place = " at \(file ?? c.file):\(n):<col>"
            }
            if sameId.isEmpty {
                fail("no \(want) diagnostic on stderr (found: \(found.map { "\($0.severity)[\($0.id)]" }.joined(separator: ", ")))")
            } else if placed.isEmpty {
                fail("\(want) is not\(place); found at " + sameId.map { h in
                    h.line.map { "\(h.path ?? "?"):\($0):\(h.column ?? 0)" } ?? (h.path.map { "\($0) (no line)" } ?? "no location")
                }.joined(separator: ", "))
            } else if worded.isEmpty, let s = c.substring {
                fail("\(want) message does not contain “\(s)”: " + placed.map { "“\($0.message.prefix(300))”" }.joined(separator: "; "))
            }
        }
        if c.exit == 0 {
            let errors = found.filter { $0.severity == "error" }
            if !errors.isEmpty { fail("a clean run was expected, but stderr has " + errors.map { "error[\($0.id)]" }.joined(separator: ", ")) }
        }
        if let long = run.stderr.split(separator: "\n").first(where: { $0.count > maxStderrLineLength }) {
            fail("unreadable diagnostics: a stderr line of \(long.count) characters (more than \(maxStderrLineLength)); " +
                 "stderr is \(run.stderr.utf8.count) bytes — long source lines and fields should be shortened")
        }

        // Files: the output, the inputs, and nothing left behind.
        let written = (try? Data(contentsOf: output)) ?? Data()
        if c.command == "compile" && run.status == 0 && !run.timedOut && !run.signaled {
            if written == sentinel || !written.starts(with: Data("PK".utf8)) {
                fail("exit 0 but \(output.lastPathComponent) was not replaced by an .xlsx workbook")
            }
        } else if written != sentinel {
            fail(FileManager.default.fileExists(atPath: output.path)
                 ? "the pre-existing \(output.lastPathComponent) was modified (\(written.count) bytes now) by a run that \(c.command == "check" ? "only checks" : "failed")"
                 : "the pre-existing \(output.lastPathComponent) was deleted by a run that \(c.command == "check" ? "only checks" : "failed")")
        }
        let changedInputs = contents(work, excluding: [c.output]).filter { inputs[$0.key] != $0.value }.map(\.key)
            + inputs.keys.filter { !FileManager.default.fileExists(atPath: work.appendingPathComponent($0).path) }
        if !changedInputs.isEmpty { fail("input files changed or removed: \(changedInputs.sorted().joined(separator: ", "))") }
        let leftovers = listing(work).subtracting(before)
        if !leftovers.isEmpty { fail("files left in the input folder: \(leftovers.sorted().joined(separator: ", "))") }
        if outputFolder.standardizedFileURL != work.standardizedFileURL {
            let extra = listing(outputFolder).subtracting(outputFolderBefore)
            if !extra.isEmpty { fail("files left in the output folder: \(extra.sorted().joined(separator: ", "))") }
        }

        if !problems.isEmpty {
            problems.append("stderr:\n" + excerpt(run.stderr))
        }
        return problems
    }

    func runCase(_ file: String, line: UInt = #line) throws {
        let c = try Self.manifestCase(file)
        let problems = try Self.problems(of: c)
        if !problems.isEmpty {
            let expected = "exit \(c.exit)" + (c.id.map { ", \(c.severity)[\($0)]" } ?? ", clean") + (c.substring.map { ", message containing “\($0)”" } ?? "")
            XCTFail("hostile/\(c.file) (manifest.tsv:\(c.manifestLine)): budgetc \(c.command) \(c.file) — expected \(expected):\n  - "
                    + problems.joined(separator: "\n  - "), line: line)
        }
    }

    // MARK: - The corpus, one method per manifest case

    func test_clean() throws { try runCase("clean.bud") }
    func test_enc_gbk() throws { try runCase("enc-gbk.bud") }
    func test_enc_gb18030_4byte() throws { try runCase("enc-gb18030-4byte.bud") }
    func test_enc_utf16le_bom() throws { try runCase("enc-utf16le-bom.bud") }
    func test_enc_utf16be_bom() throws { try runCase("enc-utf16be-bom.bud") }
    func test_enc_utf16le_nobom() throws { try runCase("enc-utf16le-nobom.bud") }
    func test_enc_utf16be_nobom() throws { try runCase("enc-utf16be-nobom.bud") }
    func test_enc_utf8_bom() throws { try runCase("enc-utf8-bom.bud") }
    func test_enc_utf16_odd_length() throws { try runCase("enc-utf16-odd-length.bud") }
    func test_enc_undecodable() throws { try runCase("enc-undecodable.bud") }
    func test_enc_nul_in_text() throws { try runCase("enc-nul-in-text.bud") }
    func test_enc_include_gbk() throws { try runCase("enc-include-gbk.bud") }
    func test_enc_include_binary() throws { try runCase("enc-include-binary.bud") }
    func test_enc_bom_only() throws { try runCase("enc-bom-only.bud") }
    func test_eol_crlf() throws { try runCase("eol-crlf.bud") }
    func test_eol_cr() throws { try runCase("eol-cr.bud") }
    func test_eol_mixed() throws { try runCase("eol-mixed.bud") }
    func test_eol_crlf_line_number() throws { try runCase("eol-crlf-line-number.bud") }
    func test_eol_cr_line_number() throws { try runCase("eol-cr-line-number.bud") }
    func test_eol_mixed_line_number() throws { try runCase("eol-mixed-line-number.bud") }
    func test_fullwidth_clean() throws { try runCase("fullwidth-clean.bud") }
    func test_fullwidth_unknown_code() throws { try runCase("fullwidth-unknown-code.bud") }
    func test_fullwidth_colon_keyword() throws { try runCase("fullwidth-colon-keyword.bud") }
    func test_fullwidth_bad_number() throws { try runCase("fullwidth-bad-number.bud") }
    func test_indent_tabs() throws { try runCase("indent-tabs.bud") }
    func test_indent_mixed() throws { try runCase("indent-mixed.bud") }
    func test_indent_misaligned() throws { try runCase("indent-misaligned.bud") }
    func test_empty() throws { try runCase("empty.bud") }
    func test_comments_only() throws { try runCase("comments-only.bud") }
    func test_whitespace_only() throws { try runCase("whitespace-only.bud") }
    func test_binary_garbage() throws { try runCase("binary-garbage.bud") }
    func test_png_header() throws { try runCase("png-header.bud") }
    func test_binary_no_nul() throws { try runCase("binary-no-nul.bud") }
    func test_huge_line_comment() throws { try runCase("huge-line-comment.bud") }
    func test_huge_line_word() throws { try runCase("huge-line-word.bud") }
    func test_huge_line_number() throws { try runCase("huge-line-number.bud") }
    func test_huge_string() throws { try runCase("huge-string.bud") }
    func test_huge_string_unterminated() throws { try runCase("huge-string-unterminated.bud") }
    func test_amount_overflow() throws { try runCase("amount-overflow.bud") }
    func test_amount_overflow_plain() throws { try runCase("amount-overflow-plain.bud") }
    func test_amount_overflow_formula() throws { try runCase("amount-overflow-formula.bud") }
    func test_amount_overflow_sum() throws { try runCase("amount-overflow-sum.bud") }
    func test_amount_too_many_digits() throws { try runCase("amount-too-many-digits.bud") }
    func test_amount_decimals() throws { try runCase("amount-decimals.bud") }
    func test_amount_decimals_yuan() throws { try runCase("amount-decimals-yuan.bud") }
    func test_amount_negative() throws { try runCase("amount-negative.bud") }
    func test_amount_negative_formula() throws { try runCase("amount-negative-formula.bud") }
    func test_amount_zero() throws { try runCase("amount-zero.bud") }
    func test_number_two_dots() throws { try runCase("number-two-dots.bud") }
    func test_number_bad_comma() throws { try runCase("number-bad-comma.bud") }
    func test_number_letter_o() throws { try runCase("number-letter-o.bud") }
    func test_number_letter_o_formula() throws { try runCase("number-letter-o-formula.bud") }
    func test_number_two_amounts() throws { try runCase("number-two-amounts.bud") }
    func test_year_five_digits() throws { try runCase("year-five-digits.bud") }
    func test_year_letters() throws { try runCase("year-letters.bud") }
    func test_year_huge() throws { try runCase("year-huge.bud") }
    func test_include_nested_15() throws { try runCase("include-nested-15.bud") }
    func test_include_nested_20() throws { try runCase("include-nested-20.bud") }
    func test_include_cycle() throws { try runCase("include-cycle.bud") }
    func test_include_self() throws { try runCase("include-self.bud") }
    func test_include_missing() throws { try runCase("include-missing.bud") }
    func test_include_directory() throws { try runCase("include-directory.bud") }
    func test_include_empty_path() throws { try runCase("include-empty-path.bud") }
    func test_formula_cycle_direct() throws { try runCase("formula-cycle-direct.bud") }
    func test_formula_cycle_self() throws { try runCase("formula-cycle-self.bud") }
    func test_formula_cycle_total() throws { try runCase("formula-cycle-total.bud") }
    func test_formula_cycle_income() throws { try runCase("formula-cycle-income.bud") }
    func test_division_by_zero() throws { try runCase("division-by-zero.bud") }
    func test_division_by_zero_name() throws { try runCase("division-by-zero-name.bud") }
    func test_unknown_name() throws { try runCase("unknown-name.bud") }
    func test_money_times_money() throws { try runCase("money-times-money.bud") }
    func test_count_over_money() throws { try runCase("count-over-money.bud") }
    func test_formula_empty() throws { try runCase("formula-empty.bud") }
    func test_formula_unclosed() throws { try runCase("formula-unclosed.bud") }
    func test_formula_junk() throws { try runCase("formula-junk.bud") }
    func test_formula_parens_5000() throws { try runCase("formula-parens-5000.bud") }
    func test_formula_parens_unclosed_5000() throws { try runCase("formula-parens-unclosed-5000.bud") }
    func test_formula_negate_5000() throws { try runCase("formula-negate-5000.bud") }
    func test_formula_terms_10000() throws { try runCase("formula-terms-10000.bud") }
    func test_formula_chain_5000() throws { try runCase("formula-chain-5000.bud") }
    func test_unknown_function_code() throws { try runCase("unknown-function-code.bud") }
    func test_unknown_economic_code() throws { try runCase("unknown-economic-code.bud") }
    func test_code_length_function() throws { try runCase("code-length-function.bud") }
    func test_code_length_economic() throws { try runCase("code-length-economic.bud") }
    func test_code_letters() throws { try runCase("code-letters.bud") }
    func test_duplicate_unit() throws { try runCase("duplicate-unit.bud") }
    func test_duplicate_project() throws { try runCase("duplicate-project.bud") }
    func test_duplicate_income() throws { try runCase("duplicate-income.bud") }
    func test_duplicate_name() throws { try runCase("duplicate-name.bud") }
    func test_duplicate_department() throws { try runCase("duplicate-department.bud") }
    func test_unterminated_string() throws { try runCase("unterminated-string.bud") }
    func test_unterminated_curly_quote() throws { try runCase("unterminated-curly-quote.bud") }
    func test_unknown_keyword() throws { try runCase("unknown-keyword.bud") }
    func test_top_level_line() throws { try runCase("top-level-line.bud") }
    func test_two_units_no_unit() throws { try runCase("two-units-no-unit.bud") }
    func test_unknown_unit_code() throws { try runCase("unknown-unit-code.bud") }
    func test_indent_staircase() throws { try runCase("indent-staircase.bud") }
    func test_many_lines() throws { try runCase("many-lines.bud") }
    func test_dir_as_file() throws { try runCase("dir-as-file.bud") }

    // MARK: - Corpus bookkeeping

    /// Every manifest row names an existing fixture and has a method above; every fixture is in the manifest.
    func testManifestFixturesAndMethodsAgree() throws {
        let cases = try Self.manifest.get()
        XCTAssertGreaterThanOrEqual(cases.count, 40, "the corpus should hold at least 40 cases")
        let files = cases.map(\.file)
        XCTAssertEqual(Set(files).count, files.count, "a file is listed twice in manifest.tsv")
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path))
        for c in cases {
            XCTAssertTrue(onDisk.contains(c.file), "manifest.tsv:\(c.manifestLine): fixture \(c.file) is missing")
        }
        let listed = Set(files + cases.map(\.includeFolder) + ["manifest.tsv", ".gitattributes"])
        for item in onDisk.sorted() where !listed.contains(item) {
            XCTFail("Fixtures/hostile/\(item) is not listed in manifest.tsv")
        }
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let called = Set(source.components(separatedBy: "try runCase(\"").dropFirst().compactMap { $0.components(separatedBy: "\")").first })
        for c in cases where !called.contains(c.file) {
            XCTFail("manifest.tsv:\(c.manifestLine): add `func test_…() throws { try runCase(\"\(c.file)\") }` to HostileInputTests")
        }
        for file in called.subtracting(files) { XCTFail("runCase(\"\(file)\") has no row in manifest.tsv") }
    }

    /// Every failing compile in the corpus again, with `-o` naming an existing workbook in another folder: that
    /// workbook keeps its bytes and no temporary file is left beside it. (Crashes and wrong exit codes are
    /// reported by the case's own method.)
    func testFailingCompilesLeaveAnExistingOutputUntouched() throws {
        var failures: [String] = []
        for c in try Self.manifest.get() where c.command == "compile" && c.exit != 0 {
            let folder = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = folder.appendingPathComponent("existing.xlsx")
            let problems = try Self.problems(of: c, outputArguments: ["-o", output.path], outputPath: output)
                .filter { $0.contains("pre-existing") || $0.contains("left in the output folder") }
            if !problems.isEmpty { failures.append("\(c.file): " + problems.joined(separator: "; ")) }
        }
        XCTAssertTrue(failures.isEmpty, "budgetc compile <case> -o existing.xlsx:\n" + failures.joined(separator: "\n"))
    }

    // MARK: - Command line and file system

    /// A folder with a copy of the corpus baseline (hostile/clean.bud, which compiles cleanly) as `budget.bud`.
    func exampleFolder() throws -> (folder: URL, input: URL, bytes: Data) {
        let folder = try TestSupport.temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("budget.bud")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("clean.bud"), to: input)
        return (folder, input, try Data(contentsOf: input))
    }

    /// Runs `budgetc compile` and checks what every refused or failed compile must satisfy.
    @discardableResult
    func compileMustFail(_ arguments: [String], in folder: URL, exit: Int32 = 2, untouched: [URL], mentioning: String? = nil,
                         _ what: String, line: UInt = #line) throws -> Outcome {
        let saved = untouched.map { (try? Data(contentsOf: $0)) }
        let before = Self.listing(folder)
        let run = try Self.budgetc(["compile"] + arguments, in: folder)
        let context = "\(what): budgetc compile \(arguments.joined(separator: " "))\nstderr:\n\(Self.excerpt(run.stderr))"
        XCTAssertFalse(run.timedOut, "hang — \(context)", line: line)
        XCTAssertFalse(run.crashed, "crash (status \(run.status)) — \(context)", line: line)
        XCTAssertEqual(run.status, exit, "exit code — \(context)", line: line)
        for (url, bytes) in zip(untouched, saved) {
            XCTAssertEqual(try? Data(contentsOf: url), bytes, "\(url.lastPathComponent) must be left byte-for-byte untouched — \(context)", line: line)
        }
        XCTAssertEqual(Self.listing(folder).subtracting(before).sorted(), [], "nothing may be left behind — \(context)", line: line)
        if let mentioning {
            XCTAssertTrue(run.stderr.contains(mentioning), "stderr should mention “\(mentioning)” — \(context)", line: line)
        }
        return run
    }

    func testOutputEqualToInputIsRefused() throws {
        let (folder, input, _) = try exampleFolder()
        try compileMustFail([input.path, "-o", input.path], in: folder, untouched: [input], mentioning: "输入文件相同", "-o the input")
        try compileMustFail(["budget.bud", "-o", "./budget.bud"], in: folder, untouched: [input], mentioning: "输入文件相同", "-o ./input")
        // Without the folder `sub` the path names nothing (the system cannot open it either): refused all the same.
        try compileMustFail(["budget.bud", "-o", "sub/../budget.bud"], in: folder, untouched: [input], "-o missing/../input")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        try compileMustFail(["budget.bud", "-o", "sub/../budget.bud"], in: folder, untouched: [input], mentioning: "输入文件相同", "-o sub/../input")
    }

    /// The output names the input through a symbolic link: the source must still not be replaced by a workbook.
    func testOutputReachingInputThroughSymlinkedFolderIsRefused() throws {
        let (folder, input, _) = try exampleFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("here").path, withDestinationPath: ".")
        try compileMustFail(["budget.bud", "-o", "here/budget.bud"], in: folder, untouched: [input], "-o <symlink to the input's folder>/budget.bud")
    }

    /// The input is named through a symbolic link and `-o` names the file it points to.
    func testOutputEqualToSymlinkedInputTargetIsRefused() throws {
        let (folder, input, _) = try exampleFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias.bud").path, withDestinationPath: "budget.bud")
        try compileMustFail(["alias.bud", "-o", "budget.bud"], in: folder, untouched: [input], "input alias.bud → budget.bud, -o budget.bud")
    }

    /// An included file is a source too.
    func testOutputEqualToAnIncludedFileIsRefused() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for item in ["enc-include-gbk.bud", "enc-include-gbk.inc"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        let included = folder.appendingPathComponent("enc-include-gbk.inc/gbk.bud")
        try compileMustFail(["enc-include-gbk.bud", "-o", "enc-include-gbk.inc/gbk.bud"], in: folder,
                            untouched: [included, folder.appendingPathComponent("enc-include-gbk.bud")], "-o an included file")
    }

    func testOutputIntoMissingFolder() throws {
        let (folder, input, _) = try exampleFolder()
        try compileMustFail(["budget.bud", "-o", "missing/deeper/out.xlsx"], in: folder, untouched: [input], mentioning: "不存在", "missing folder")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing").path), "the folder must not be created")
    }

    func testOutputPathIsAFolder() throws {
        let (folder, input, _) = try exampleFolder()
        let target = folder.appendingPathComponent("out.xlsx")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try compileMustFail(["budget.bud", "-o", "out.xlsx"], in: folder, untouched: [input], "-o an existing folder")
        XCTAssertEqual(Self.listing(target), [], "the folder stays empty")
    }

    /// chmod 555 does not stop root, so as root the unwritable places are `<file>/out.xlsx` (a path through a
    /// regular file) and a file directly under /proc.
    func testOutputIntoUnwritableFolder() throws {
        let (folder, input, _) = try exampleFolder()
        let existing = folder.appendingPathComponent("existing.xlsx")
        try Self.sentinel.write(to: existing)
        try compileMustFail(["budget.bud", "-o", "existing.xlsx/out.xlsx"], in: folder, untouched: [input, existing],
                            mentioning: "existing.xlsx", "-o <regular file>/out.xlsx")

        if geteuid() != 0 {
            let locked = folder.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            try Self.sentinel.write(to: locked.appendingPathComponent("out.xlsx"))
            XCTAssertEqual(chmod(locked.path, 0o555), 0)
            defer { _ = chmod(locked.path, 0o755) }
            try compileMustFail(["budget.bud", "-o", "locked/out.xlsx"], in: folder, untouched: [input, locked.appendingPathComponent("out.xlsx")],
                                mentioning: "不可写", "-o into a chmod 555 folder")
            XCTAssertEqual(Self.listing(locked), ["out.xlsx"], "nothing may be left in the locked folder")
        }

        if geteuid() == 0, FileManager.default.fileExists(atPath: "/proc/self") {
            let name = "budgetc-hostile-\(UUID().uuidString).xlsx"
            try compileMustFail(["budget.bud", "-o", "/proc/" + name], in: folder, untouched: [input], "-o a file under /proc")
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { $0.contains(name) }
            XCTAssertEqual(leftovers, [], "no temporary file may remain under /proc")
        }
    }
}
