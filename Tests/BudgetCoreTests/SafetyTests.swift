import BudgetCore
import Foundation
import XCTest
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Output safety, the path policy, and the crashes found when budgetc was tried as a hostile user would
/// (docs/safety.md). Each test names the case of the safety issue it pins down.
final class SafetyTests: XCTestCase {
    // MARK: - Helpers

    func folder() throws -> URL {
        let url = try TestSupport.temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func budgetc(_ arguments: [String], in folder: URL) throws -> HostileInputTests.Outcome {
        let run = try HostileInputTests.budgetc(arguments, in: folder)
        XCTAssertFalse(run.crashed, "budgetc \(arguments.joined(separator: " ")) crashed (\(run.status)):\n\(run.stderr.prefix(2000))")
        XCTAssertFalse(run.timedOut, "budgetc \(arguments.joined(separator: " ")) hung")
        return run
    }

    static var clean: String {
        (try? String(contentsOf: HostileInputTests.fixtures.appendingPathComponent("clean.bud"), encoding: .utf8)) ?? ""
    }

    /// Names in `folder` (recursively) that look like temporary files of any writer.
    func leftovers(in folder: URL) -> [String] {
        let all = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
        return all.filter { $0.contains(".budgetc-") || $0.contains("tmp") }
    }

    var isRoot: Bool { geteuid() == 0 }

    // MARK: 1. A full temporary folder must not give a corrupt workbook

    /// A folder outside /tmp (which the full-disk scripts hide) holding a copy of the reference example,
    /// removed after the test; and the path of the budgetc binary.
    func referenceOutsideTmp() throws -> (URL, String) {
        let work = URL(fileURLWithPath: "/var/tmp/budgetc-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: work) }
        _ = try TestSupport.copyReferenceExample(into: work)
        return (work, try TestSupport.binary().path)
    }

    /// Runs `script` as root in a private mount namespace (mounts vanish with it), or skips visibly.
    func inPrivateMountNamespace(_ script: String, in folder: URL) throws -> HostileInputTests.Outcome {
        guard isRoot else { throw XCTSkip("needs root for a private mount namespace (unshare -m); CI runs as root") }
        let probe = try HostileInputTests.budgetc([], in: folder) // warms the binary lookup
        _ = probe
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "--propagation", "private", "true"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("unshare -m is not permitted here (no CAP_SYS_ADMIN)") }
        let runner = folder.appendingPathComponent("run.sh")
        try Data(script.utf8).write(to: runner)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        shell.arguments = ["-m", "--propagation", "private", "/bin/sh", runner.path]
        shell.currentDirectoryURL = folder
        let err = Pipe(), out = Pipe()
        shell.standardError = err
        shell.standardOutput = out
        try shell.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        return HostileInputTests.Outcome(status: shell.terminationStatus, signaled: shell.terminationReason == .uncaughtSignal, timedOut: false,
                                         seconds: 0, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Case 1: /tmp is a 16 KiB tmpfs, the output folder has room. libxlsxwriter used to put its scratch
    /// files in /tmp, ignore the failed writes, and pack truncated parts. Now its scratch files live beside
    /// the output: the compile succeeds and the workbook reads back whole.
    func testFullTmpDoesNotCorruptTheWorkbook() throws {
        // Nothing the run needs may be under /tmp, which the script hides: the budget, the binary and its
        // templates are copied into the work folder first (the checkout itself may live under /tmp).
        let (work, binary) = try referenceOutsideTmp()
        try FileManager.default.copyItem(atPath: binary, toPath: work.appendingPathComponent("budgetc").path)
        try FileManager.default.copyItem(atPath: Templates.locate().root, toPath: work.appendingPathComponent("templates").path)
        let run = try inPrivateMountNamespace("""
            mount -t tmpfs -o size=16k tmpfs /tmp || exit 77
            dd if=/dev/zero of=/tmp/fill bs=1k count=64 2>/dev/null
            BUDGETC_TEMPLATES="$PWD/templates" exec ./budgetc compile hanyin-2024/budget.bud -o out.xlsx
            """, in: work)
        if run.status == 77 { throw XCTSkip("cannot mount a tmpfs here") }
        XCTAssertEqual(run.status, 0, run.stderr)
        let workbook = try XlsxWorkbook(path: work.appendingPathComponent("out.xlsx").path)
        XCTAssertEqual(workbook.sheetNames.count, 20, "every sheet must be there")
        XCTAssertEqual(leftovers(in: work), [])
    }

    /// Case 1: the output folder itself is full. The compile must fail with exit 2, say so, and leave the
    /// existing workbook byte-for-byte as it was, with no temporary file behind.
    func testFullOutputFolderLeavesTheOldWorkbook() throws {
        let (work, binary) = try referenceOutsideTmp()
        let run = try inPrivateMountNamespace("""
            mkdir -p out && mount -t tmpfs -o size=24k tmpfs out || exit 77
            printf 'the old workbook' > out/budget.xlsx
            '\(binary)' compile hanyin-2024/budget.bud -o out/budget.xlsx
            status=$?
            cat out/budget.xlsx > old-after.bin
            ls -A out > listing.txt
            exit $status
            """, in: work)
        if run.status == 77 { throw XCTSkip("cannot mount a tmpfs here") }
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertFalse(run.stdout.contains("已生成"), run.stdout)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("old-after.bin"), encoding: .utf8), "the old workbook")
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("listing.txt"), encoding: .utf8), "budget.xlsx\n")
    }

    /// The writer is verified before the rename: a producer that writes a truncated workbook is caught, the
    /// target keeps its bytes and no temporary file stays (called directly, not through the CLI).
    func testTruncatedWorkbookIsRejectedBeforeTheRename() throws {
        let dir = try folder()
        let target = dir.appendingPathComponent("budget.xlsx")
        try Data("old".utf8).write(to: target)
        XCTAssertThrowsError(try SafeWrite.write(to: target.path, produce: { temporary, _ in
            try Data("PK\u{3}\u{4} truncated".utf8).write(to: URL(fileURLWithPath: temporary))
        }, verify: { temporary in
            try XlsxVerifier.verify(temporary, sheetCount: 1)
        }))
        XCTAssertEqual(try Data(contentsOf: target), Data("old".utf8))
        XCTAssertEqual(leftovers(in: dir), [])
    }

    /// A zip that is whole but whose sheet XML was cut short (what an unchecked stdio write leaves) is
    /// rejected by the verification, not only a broken zip.
    func testVerifierRejectsATruncatedPartInsideAWholeZip() throws {
        let dir = try folder()
        let path = dir.appendingPathComponent("cut.xlsx")
        let archive = try Archive(url: path, accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types></Types>"), ("_rels/.rels", "<Relationships></Relationships>"),
            ("xl/workbook.xml", "<workbook></workbook>"), ("xl/styles.xml", "<styleSheet/>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\""),
        ]
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), provider: { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            })
        }
        XCTAssertThrowsError(try XlsxVerifier.verify(path.path, sheetCount: 1)) { error in
            XCTAssertTrue("\(error)".contains("sheet1.xml"), "\(error)")
        }
    }

    /// Every writer fails the same way: a verification failure or a throwing producer leaves the old
    /// bytes and nothing else behind.
    func testFailingProducerLeavesTargetAndNoTemporary() throws {
        let dir = try folder()
        let target = dir.appendingPathComponent("notes.md")
        try Data("old notes".utf8).write(to: target)
        struct Boom: Error {}
        XCTAssertThrowsError(try SafeWrite.write(to: target.path, produce: { temporary, _ in
            try Data("half".utf8).write(to: URL(fileURLWithPath: temporary))
            throw Boom()
        }, verify: { _ in }))
        XCTAssertEqual(try Data(contentsOf: target), Data("old notes".utf8))
        XCTAssertEqual(leftovers(in: dir), [])
        // And a successful write replaces the content in place, keeping nothing else.
        try SafeWrite.write(Data("new notes".utf8), to: target.path)
        XCTAssertEqual(try Data(contentsOf: target), Data("new notes".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["notes.md"])
    }

    /// The workbook writer itself, called directly with a sheet libxlsxwriter refuses halfway (a text longer
    /// than a cell can hold): it throws, the old workbook keeps its bytes, no temporary file stays.
    func testWorkbookWriterFailingHalfwayLeavesTheOldWorkbook() throws {
        let dir = try folder()
        let target = dir.appendingPathComponent("budget.xlsx")
        try Data("old workbook".utf8).write(to: target)
        var good = Sheet(name: "表1", title: "t", columnCount: 2)
        good.set(0, 0, .text("fine"), .text)
        var bad = Sheet(name: "表2", title: "t", columnCount: 2)
        bad.set(0, 0, .text("ok"), .text)
        bad.set(1, 0, .text(String(repeating: "长", count: 40_000)), .text)
        XCTAssertThrowsError(try XlsxWriter.write([good, bad], to: target.path, created: Date(timeIntervalSince1970: 0), title: "t")) { error in
            XCTAssertTrue("\(error)".contains("表2"), "the failure names the sheet: \(error)")
        }
        XCTAssertEqual(try Data(contentsOf: target), Data("old workbook".utf8))
        XCTAssertEqual(leftovers(in: dir), [])
        try XlsxWriter.write([good], to: target.path, created: Date(timeIntervalSince1970: 0), title: "t")
        XCTAssertEqual(try XlsxWorkbook(path: target.path).sheetNames, ["表1"])
    }

    /// Every writing command on a full disk: each fails with exit 2, every existing file keeps its bytes,
    /// and nothing is left behind.
    func testEveryWriterOnAFullDiskLeavesFilesUntouched() throws {
        let (work, binary) = try referenceOutsideTmp()
        let unformatted = "部门 962 测试局\n年度   2024\n" + String(repeating: "# 注释\n", count: 300)
        try Data(unformatted.utf8).write(to: work.appendingPathComponent("unformatted.bud"))
        let run = try inPrivateMountNamespace("""
            mkdir -p out && mount -t tmpfs -o size=64k tmpfs out || exit 77
            printf 'old notes' > out/notes.md
            printf 'old dump' > out/dump.txt
            printf 'old workbook' > out/budget.xlsx
            cp unformatted.bud out/b.bud
            dd if=/dev/zero of=out/fill bs=1k count=1000 2>/dev/null
            B='\(binary)'
            "$B" notes hanyin-2024/budget.bud -o out/notes.md; echo "notes $?" >> statuses
            "$B" compile hanyin-2024/budget.bud -o out/budget.xlsx; echo "compile $?" >> statuses
            "$B" compile hanyin-2024/budget.bud -o ok.xlsx --dump-cells out/dump.txt; echo "dump $?" >> statuses
            "$B" fmt out/b.bud; echo "fmt $?" >> statuses
            "$B" init --from hanyin-2024/budget.bud --year 2025 -o out/budget-2025.bud; echo "init $?" >> statuses
            rm out/fill
            ls -A out > listing.txt
            cat out/notes.md out/dump.txt out/budget.xlsx > olds.txt
            cmp -s out/b.bud unformatted.bud && echo same > fmt-same.txt
            exit 0
            """, in: work)
        if run.status == 77 { throw XCTSkip("cannot mount a tmpfs here") }
        XCTAssertEqual(run.status, 0, run.stderr)
        let statuses = try String(contentsOf: work.appendingPathComponent("statuses"), encoding: .utf8)
        XCTAssertEqual(statuses, "notes 2\ncompile 2\ndump 2\nfmt 2\ninit 2\n", run.stderr)
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("olds.txt"), encoding: .utf8), "old notesold dumpold workbook")
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("fmt-same.txt").path), "fmt changed the file on a full disk")
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("listing.txt"), encoding: .utf8), "b.bud\nbudget.xlsx\ndump.txt\nnotes.md\n")
    }

    /// Amounts are shown as 万元 with two decimals and zeros hidden (`#,##0.00;-#,##0.00;;@`), as published.
    func testWorkbookShowsAmountsWithTwoDecimals() throws {
        let dir = try folder()
        _ = try write(Self.clean, "budget.bud", in: dir)
        let run = try budgetc(["compile", "budget.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let styles = try XCTUnwrap(try XlsxPackage.part("xl/styles.xml", in: dir.appendingPathComponent("budget.xlsx").path))
        XCTAssertTrue(String(decoding: styles, as: UTF8.self).contains("formatCode=\"#,##0.00;-#,##0.00;;@\""))
    }

    // MARK: 2. init writes only under the folder of -o

    func testInitLeavesSharedIncludesAlone() throws {
        let dir = try folder()
        // A GBK + CRLF shared file outside last year's folder, included by a relative path: 基本支出 / 公用经费 / 办公费 2.00.
        let gbk = Data([0xBB, 0xF9, 0xB1, 0xBE, 0xD6, 0xA7, 0xB3, 0xF6, 0x0D, 0x0A])
            + Data([0x20, 0x20, 0xB9, 0xAB, 0xD3, 0xC3, 0xBE, 0xAD, 0xB7, 0xD1, 0x0D, 0x0A]) + Data("    2101501 30201 ".utf8)
            + Data([0xB0, 0xEC, 0xB9, 0xAB, 0xB7, 0xD1]) + Data(" 2.00\r\n".utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("common"), withIntermediateDirectories: true)
        try gbk.write(to: dir.appendingPathComponent("common/spend.bud"))
        let budget = Self.clean.replacingOccurrences(of: "  公用经费\n    2101501 30201 办公费 2.00\n", with: "包含 \"../common/spend.bud\"\n")
        XCTAssertNotEqual(budget, Self.clean, "fixture edit must apply")
        _ = try write(budget, "2024/budget.bud", in: dir)
        let before = try Data(contentsOf: dir.appendingPathComponent("common/spend.bud"))
        let run = try budgetc(["init", "--from", "2024/budget.bud", "--year", "2025", "--clear-amounts", "-o", "2025/budget.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("common/spend.bud")), before, "the shared file must not be touched")
        let rolled = try String(contentsOf: dir.appendingPathComponent("2025/budget.bud"), encoding: .utf8)
        XCTAssertTrue(rolled.contains("包含 \"../common/spend.bud\""), rolled)
        XCTAssertTrue(run.stdout.contains("共享文件"), run.stdout)
        let check = try budgetc(["check", "2024/budget.bud"], in: dir)
        XCTAssertEqual(check.status, 0, "last year's budget must still check:\n\(check.stderr)")
        // Nothing was written outside 2025/.
        let written = (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []).sorted()
        XCTAssertEqual(written, ["2024", "2024/budget.bud", "2025", "2025/budget.bud", "common", "common/spend.bud"])
    }

    // MARK: 3. Outputs must be regular files

    func testOutputsOntoFifoAndDeviceAreRefused() throws {
        let dir = try folder()
        _ = try write(Self.clean, "budget.bud", in: dir)
        var specials = ["pipe"]
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe").path, 0o600), 0)
        if isRoot, mknod(dir.appendingPathComponent("null").path, S_IFCHR | 0o666, (1 << 8) | 3) == 0 { specials.append("null") }
        for special in specials {
            for arguments in [["compile", "budget.bud", "-o", special], ["notes", "budget.bud", "-o", special],
                              ["compile", "budget.bud", "-o", "ok.xlsx", "--dump-cells", special]] {
                let run = try budgetc(arguments, in: dir)
                XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains("不是普通文件"), run.stderr)
                var info = stat()
                XCTAssertEqual(lstat(dir.appendingPathComponent(special).path, &info), 0)
                XCTAssertNotEqual(info.st_mode & S_IFMT, S_IFREG, "\(special) must still be special after \(arguments)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("ok.xlsx").path), "a refused dump stops the compile")
    }

    // MARK: 4. No command writes a file it read

    func testNoWriterOverwritesAnInput() throws {
        let dir = try folder()
        let budget = Self.clean.replacingOccurrences(of: "保密审查 已审查", with: "保密审查 已审查\n分类目录 \"local.tsv\"\n上年预算 \"last.bud\"")
        let input = try write(budget, "b.bud", in: dir)
        let catalog = try write("code\tname\n2101599\t其他医疗保障管理事务支出\n", "local.tsv", in: dir)
        let last = try write(Self.clean, "last.bud", in: dir)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("alias.tsv").path, withDestinationPath: "local.tsv")
        try FileManager.default.linkItem(at: last, to: dir.appendingPathComponent("hard.bud"))
        let saved = try [input, catalog, last].map { try Data(contentsOf: $0) }
        for arguments in [["notes", "b.bud", "-o", "b.bud"], ["compile", "b.bud", "-o", "local.tsv"], ["compile", "b.bud", "-o", "alias.tsv"],
                          ["compile", "b.bud", "-o", "last.bud"], ["compile", "b.bud", "-o", "hard.bud"], ["notes", "b.bud", "-o", "hard.bud"],
                          ["compile", "b.bud", "-o", "x.xlsx", "--dump-cells", "local.tsv"]] {
            let run = try budgetc(arguments, in: dir)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("输入文件相同"), "\(arguments): \(run.stderr)")
            XCTAssertEqual(try [input, catalog, last].map { try Data(contentsOf: $0) }, saved, "\(arguments) changed an input")
        }
    }

    // MARK: 5. fmt keeps permissions and links, refuses read-only files and concurrent edits

    static let unformatted = "部门 962 测试局\n年度   2024\n"

    func testFmtKeepsModeAndWritesThroughSymlinks() throws {
        let dir = try folder()
        let file = try write(Self.unformatted, "b.bud", in: dir)
        // 0640: neither the default of a new file (0644) nor that of the private temporary file (0600).
        chmod(file.path, 0o640)
        var run = try budgetc(["fmt", "b.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        var info = stat()
        stat(file.path, &info)
        XCTAssertEqual(info.st_mode & 0o777, 0o640, "fmt must keep the file's permissions")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "部门 962 测试局\n年度 2024\n")

        try Data(Self.unformatted.utf8).write(to: file)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.bud").path, withDestinationPath: "b.bud")
        run = try budgetc(["fmt", "link.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.bud").path), "b.bud",
                       "the link must stay a link")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "部门 962 测试局\n年度 2024\n", "the link's target is formatted")
        XCTAssertEqual(leftovers(in: dir), [])
    }

    func testFmtRefusesReadOnlyAndHardLinkedFiles() throws {
        let dir = try folder()
        let file = try write(Self.unformatted, "ro.bud", in: dir)
        chmod(file.path, 0o400)
        var run = try budgetc(["fmt", "ro.bud"], in: dir)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("只读"), run.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), Self.unformatted)

        let linked = try write(Self.unformatted, "a.bud", in: dir)
        try FileManager.default.linkItem(at: linked, to: dir.appendingPathComponent("b.bud"))
        run = try budgetc(["fmt", "a.bud"], in: dir)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("硬链接"), run.stderr)
        var info = stat()
        stat(linked.path, &info)
        XCTAssertEqual(info.st_nlink, 2, "the hard link must not be split")
    }

    /// A line saved by an editor between fmt's read and its write must not be lost.
    func testRewriteRefusesAFileChangedSinceItWasRead() throws {
        let dir = try folder()
        let file = try write("old\n", "b.bud", in: dir)
        let original = SafeWrite.Original(data: try Data(contentsOf: file))
        try Data("edited in the editor\n".utf8).write(to: file)
        XCTAssertThrowsError(try SafeWrite.write(Data("formatted\n".utf8), to: file.path, replacing: original)) { error in
            XCTAssertTrue("\(error)".contains("修改"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "edited in the editor\n")
        XCTAssertEqual(leftovers(in: dir), [])
    }

    // MARK: 6. Temporary files: private, cleaned up, short enough

    func testTemporaryNamesCannotBePlantedAndAbandonedOnesAreRemoved() throws {
        let dir = try folder()
        _ = try write(Self.clean, "budget.bud", in: dir)
        let victim = try write("victim", "victim.txt", in: dir)
        // The old predictable names, planted as links to a victim: nothing may follow them.
        for planted in [".budget.bud.fmt-tmp", ".budget.xlsx.tmp-\(getpid())", ".budget.xlsx.budgetc-1-x"] {
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(planted).path, withDestinationPath: "victim.txt")
        }
        // A folder abandoned by a killed run (a process that no longer exists).
        let deadPid: Int32 = 4_000_000
        XCTAssertNotEqual(kill(deadPid, 0), 0)
        let abandoned = dir.appendingPathComponent(".budget.xlsx.budgetc-\(deadPid)-abc")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: false)
        try Data(count: 1000).write(to: abandoned.appendingPathComponent("output"))
        let run = try budgetc(["compile", "budget.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "victim")
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.path), "an abandoned temporary folder is removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("budget.xlsx").path))
    }

    func testLongChineseOutputNameFitsTheTemporaryName() throws {
        let dir = try folder()
        _ = try write(Self.clean, "budget.bud", in: dir)
        let name = String(repeating: "汉阴县医疗保障局", count: 10) + ".xlsx" // 80 characters, 245 bytes
        XCTAssertLessThanOrEqual(name.utf8.count, 255)
        let run = try budgetc(["compile", "budget.bud", "-o", name], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
    }

    // MARK: 7. A budget cannot make budgetc print other files

    func testBudgetCannotNameNonBudgetFiles() throws {
        let dir = try folder()
        let secret = try write("root:SECRET-LINE:0:0\n", "secret/shadow", in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b/x.bud").path, withDestinationPath: secret.path)
        let lines = ["包含 \"\(secret.path)\"", "包含 \"../secret/shadow\"", "包含 \"x.bud\"", "上年预算 \"../secret/shadow\"",
                     "上年决算 \"\(secret.path)\"", "分类目录 \"../secret/shadow\""]
        for line in lines {
            let budget = Self.clean.replacingOccurrences(of: "保密审查 已审查", with: "保密审查 已审查\n" + line)
            _ = try write(budget, "b/budget.bud", in: dir)
            for format in ["text", "json"] {
                let run = try budgetc(["check", "budget.bud", "--format", format], in: dir.appendingPathComponent("b"))
                XCTAssertEqual(run.status, 1, "\(line): \(run.stderr)")
                XCTAssertFalse((run.stdout + run.stderr).contains("SECRET"), "\(line) (\(format)) printed the file:\n\(run.stdout)\(run.stderr)")
                XCTAssertTrue((run.stdout + run.stderr).contains("path-policy"), "\(line) (\(format)): \(run.stdout)\(run.stderr)")
            }
        }
    }

    /// The policy is decided before any file is opened: a file of another kind is refused even when it does
    /// not exist (the answer must not depend on, or reveal, what is on disk).
    func testPolicyIsCheckedBeforeTheFileIsLookedFor() {
        let result = TestSupport.check(TestSupport.header + "包含 \"missing.txt\"\n")
        XCTAssertEqual(result.ids(.error), ["path-policy"], "\(result.diagnostics)")
    }

    func testRootConfinesEveryPath() throws {
        let dir = try folder()
        _ = try write(Self.clean, "outside.bud", in: dir)
        let inside = Self.clean.replacingOccurrences(of: "保密审查 已审查", with: "保密审查 已审查\n上年预算 \"../outside.bud\"")
        _ = try write(inside, "root/budget.bud", in: dir)
        let root = dir.appendingPathComponent("root").path
        var run = try budgetc(["check", "budget.bud", "--root", root], in: dir.appendingPathComponent("root"))
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("--root"), run.stderr)
        run = try budgetc(["check", "outside.bud", "--root", root], in: dir)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("path-policy"), run.stderr)
        _ = try write(Self.clean, "root/clean.bud", in: dir)
        run = try budgetc(["compile", "root/clean.bud", "--root", root, "-o", "out.xlsx"], in: dir)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.xlsx").path))
        run = try budgetc(["compile", "root/clean.bud", "--root", root], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    // MARK: 8. Terminal escapes are shown, not obeyed

    func testEscapeSequencesAreRenderedVisibly() throws {
        let dir = try folder()
        let budget = Self.clean + "\n未知语句 \u{1b}]0;pwned\u{7}\u{1b}[2J没有发现问题\n"
        _ = try write(budget, "budget.bud", in: dir)
        let run = try budgetc(["check", "budget.bud"], in: dir)
        XCTAssertEqual(run.status, 1)
        XCTAssertFalse(run.stderr.unicodeScalars.contains("\u{1b}"), "a raw ESC reached the terminal")
        XCTAssertFalse(run.stderr.unicodeScalars.contains("\u{7}"), "a raw BEL reached the terminal")
        XCTAssertTrue(run.stderr.contains("\\u{1b}"), run.stderr)
        XCTAssertTrue(run.stderr.contains("control-character"), run.stderr)
    }

    // MARK: 9. A revision can never become a git option

    func git(_ arguments: [String], in dir: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + arguments
        process.currentDirectoryURL = dir
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments)")
    }

    func testDiffRevisionIsNotAnOption() throws {
        let dir = try folder()
        let repo = dir.appendingPathComponent("repo")
        _ = try write(Self.clean, "repo/budget.bud", in: dir)
        try git(["init", "-q"], in: repo)
        try git(["add", "."], in: repo)
        try git(["commit", "-qm", "one"], in: repo)
        var run = try budgetc(["diff", "--", "--output=../pwn", "budget.bud"], in: repo)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwn").path), "git wrote a file")
        run = try budgetc(["diff", "no-such-tag", "--", "budget.bud"], in: repo)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertFalse(run.stderr.contains("没有读取权限"), run.stderr)
        XCTAssertTrue(run.stderr.contains("no-such-tag"), run.stderr)
        run = try budgetc(["diff", "HEAD", "--", "budget.bud"], in: repo)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    // MARK: 10. Templates come from the executable's real location, never the working directory

    func testTemplatesAreNotTakenFromTheWorkingDirectory() throws {
        let dir = try folder()
        _ = try write(Self.clean, "bin/budget.bud", in: dir)
        // A planted catalog that knows none of the budget's codes.
        _ = try write("code\tname\n999\t假\n", "share/budgetc/templates/catalogs/function.tsv", in: dir)
        let binaryFolder = try TestSupport.binary().deletingLastPathComponent().path
        let run = try TestSupport.run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                      ["PATH=\(binaryFolder):/usr/bin:/bin", "budgetc", "check", "budget.bud"],
                                      in: dir.appendingPathComponent("bin"))
        XCTAssertEqual(run.status, 0, "the planted templates were used:\n\(run.stderr)")
    }

    // MARK: 11. One-character paths

    func testOneCharacterPathsDoNotCrash() throws {
        let dir = try folder()
        _ = try write("x\n", "z", in: dir)
        _ = try write(Self.clean.replacingOccurrences(of: "保密审查 已审查", with: "保密审查 已审查\n包含 \"u\""), "inc.bud", in: dir)
        for arguments in [["check", "z"], ["check", "预"], ["compile", "z"], ["fmt", "q"], ["init", "--name", "测试局", "--year", "2025", "-o", "x"],
                          ["check", "inc.bud"], ["notes", "z"]] {
            let run = try budgetc(arguments, in: dir)
            XCTAssertTrue([1, 2].contains(run.status) || (arguments[0] == "init" && run.status == 0), "\(arguments): \(run.status) \(run.stderr)")
        }
    }

    // MARK: 12. Include fan-out is bounded

    func testIncludeFanOutIsRejectedQuickly() throws {
        let dir = try folder()
        for i in 0..<11 {
            let next = i < 10 ? String(repeating: "包含 \"f\(i + 1).bud\"\n", count: 4) : "  公用经费\n    2101501 30201 办公费 1.00\n"
            _ = try write("# file \(i)\n" + next, "f\(i).bud", in: dir)
        }
        _ = try write(Self.clean.replacingOccurrences(of: "部门绩效", with: "包含 \"f0.bud\"\n部门绩效"), "budget.bud", in: dir)
        let run = try budgetc(["check", "budget.bud"], in: dir)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertLessThan(run.seconds, 5, "include fan-out must not grow exponentially")
        XCTAssertTrue(run.stderr.contains("include-duplicate"), String(run.stderr.prefix(2000)))
    }

    func testTheSameFileIncludedTwiceIsAnError() {
        let result = TestSupport.check(TestSupport.header + "包含 \"a.bud\"\n包含 \"a.bud\"\n", files: ["a.bud": "# nothing\n"])
        XCTAssertEqual(result.first("include-duplicate")?.span?.line, 6)
    }

    // MARK: 13. Exact arithmetic beyond 64 bits

    func testRealisticAllocationDoesNotOverflow() throws {
        let source = TestSupport.header + """
            设 补助总额 = 198765432.17元
            收入
              一般公共预算拨款 = 支出合计
            项目 "补助"
              2101202 31302 对社会保险基金补助 = 补助总额 * 259481 / 3024567 * 0.3517 / 12 * 7

            """
        let result = TestSupport.check(source)
        XCTAssertFalse(result.ids().contains("overflow"), "\(result.diagnostics)")
        let line = try XCTUnwrap(result.budget?.lines.first { $0.line.functionCode == "2101202" })
        // 198765432.17 × 259481 / 3024567 × 0.3517 / 12 × 7 元 = 3,498,423.4316… 元 → 349,842,343 fen.
        XCTAssertEqual(line.amount.fen, 349_842_343)
    }

    func testRationalKeepsExactValuesBeyond64Bits() throws {
        let a = try Rational(19_876_543_217, 100).multiplied(by: Rational(259_481)).divided(by: Rational(3_024_567))
            .multiplied(by: Rational(3517, 10_000))
        XCTAssertFalse(a.isInteger)
        let back = try a.divided(by: Rational(3517, 10_000)).multiplied(by: Rational(3_024_567)).divided(by: Rational(259_481))
        XCTAssertEqual(back, try Rational(19_876_543_217, 100), "arithmetic must be exact")
        XCTAssertThrowsError(try Rational(Rational.limit).multiplied(by: Rational(4)), "values beyond the limit overflow")
        XCTAssertEqual(try Rational(5, 2).roundedToInteger(), 3)
        XCTAssertEqual(try Rational(-5, 2).roundedToInteger(), -3)
    }

    /// The 64-bit constructor (issue 15's fast path) reduces, normalises the sign and checks the limit
    /// exactly like the arbitrary-precision one it replaced.
    func testRationalSmallConstructorMatchesTheExactRules() throws {
        XCTAssertEqual(try Rational(6, -4).description, "-3/2")
        XCTAssertEqual(try Rational(0, -7).description, "0")
        XCTAssertEqual(try Rational(-12, -3), Rational(4))
        XCTAssertEqual(try Rational(Int64.min, Int64.min).description, "1", "Int64.min takes the exact path")
        XCTAssertThrowsError(try Rational(1, 0)) { XCTAssertEqual($0 as? Rational.Failure, .divisionByZero) }
        XCTAssertNoThrow(try Rational(Rational.limit, 1), "exactly the limit is allowed")
        XCTAssertThrowsError(try Rational(Rational.limit + 1, 1)) { XCTAssertEqual($0 as? Rational.Failure, .overflow) }
        XCTAssertThrowsError(try Rational(-Rational.limit - 1, 1)) { XCTAssertEqual($0 as? Rational.Failure, .overflow) }
        XCTAssertNoThrow(try Rational(Int64.max, 2), "below the limit once divided")
        XCTAssertThrowsError(try Rational(Int64.max, 1))
        // The same value reached through the 64-bit and through the BigInt path compares equal.
        let x = Int64.max / 3
        let viaBig = try Rational(x).multiplied(by: Rational(10, 7)).multiplied(by: Rational(7, 10))
        XCTAssertEqual(viaBig, Rational(x))
    }

    /// Addition on the arbitrary-precision path (cross products beyond 64 bits) is exact too.
    func testRationalAdditionBeyond64Bits() throws {
        let a = try Rational(9_000_000_000_000_000_001, 3_000_000_007)
        let b = try Rational(8_000_000_000_000_000_003, 5_000_000_011)
        let sum = try a.adding(b)
        XCTAssertEqual(try sum.subtracting(b), a)
        XCTAssertEqual(try sum.subtracting(a), b)
        XCTAssertEqual(try a.adding(a), try a.multiplied(by: Rational(2)))
        // 1/3 + 1/6 = 1/2, through fractions whose cross products overflow 64 bits.
        let third = try Rational(3_000_000_000_000_000_000, 9_000_000_000_000_000_000)
        let sixth = try Rational(1_000_000_000_000_000_000, 6_000_000_000_000_000_000)
        XCTAssertEqual(try third.adding(sixth), try Rational(1, 2))
    }

    /// A UTF-8 byte-order mark is recognised as such (and removed), not left in the text.
    func testUTF8ByteOrderMarkIsRemoved() throws {
        guard case .success(let decoded) = TextDecoding.decode(Data([0xEF, 0xBB, 0xBF]) + Data("部门 962 测试局\n".utf8)) else {
            return XCTFail("BOM + UTF-8 must decode")
        }
        XCTAssertEqual(decoded.text, "部门 962 测试局\n")
        XCTAssertTrue(decoded.hadBOM)
        XCTAssertEqual(decoded.encoding, .utf8)
    }

    /// Sums saturate instead of trapping (hostile totals), and in the direction of the overflow: a total that
    /// overflows upwards must not turn into the most negative amount.
    func testMoneySaturatesTowardsTheOverflow() {
        XCTAssertEqual(Money(fen: .max) + Money(fen: 1), Money(fen: .max))
        XCTAssertEqual(Money(fen: .min) + Money(fen: -1), Money(fen: .min))
        XCTAssertEqual(Money(fen: .min) - Money(fen: 1), Money(fen: .min))
        XCTAssertEqual(Money(fen: 5) - Money(fen: 7), Money(fen: -2))
    }

    // MARK: 14. Worksheet limits are checked by check

    func testWorksheetLimitIsReported() throws {
        var sheet = Sheet(name: "表14", title: "t", columnCount: 3)
        sheet.set(WorksheetLimits.maxRows, 0, .text("x"), .text)
        XCTAssertEqual(WorksheetLimits.diagnostics([sheet], file: "b.bud").map(\.id), ["worksheet-limit"])
        var small = Sheet(name: "表1", title: "t", columnCount: 3)
        small.set(WorksheetLimits.maxRows - 1, 0, .text("x"), .text)
        XCTAssertEqual(WorksheetLimits.diagnostics([small], file: "b.bud").map(\.id), [], "exactly the limit is fine")
    }

    // MARK: 15. Characters a workbook cannot hold

    func testForbiddenCharactersAreErrorsAndXEscapesArePreserved() throws {
        let bad = TestSupport.check(TestSupport.header + "项目 \"检测\u{FFFE}\"\n")
        XCTAssertEqual(bad.first("control-character")?.span?.line, 5)
        XCTAssertEqual(XlsxText.escaped("代码_x0041_与_x00_"), "代码_x005F_x0041_与_x00_")
        XCTAssertEqual(XlsxText.escaped("a\u{FFFF}b"), "a\u{FFFD}b")

        let dir = try folder()
        let budget = Self.clean.replacingOccurrences(of: "任务 人员经费 \"发放工资\"", with: "任务 人员经费 \"发放_x0041_工资\"")
        _ = try write(budget, "budget.bud", in: dir)
        let run = try budgetc(["compile", "budget.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let strings = try XCTUnwrap(try XlsxPackage.part("xl/sharedStrings.xml", in: dir.appendingPathComponent("budget.xlsx").path))
        XCTAssertTrue(String(decoding: strings, as: UTF8.self).contains("发放_x005F_x0041_工资"), "the literal _x0041_ must be escaped")
    }

    // MARK: 16. A BOM at the start of a line is not indentation

    func testBOMAtLineStartDoesNotIndent() {
        let result = TestSupport.check(TestSupport.header + "\u{FEFF}收入\n  一般公共预算拨款 = 支出合计\n基本支出\n  人员经费\n    2101501 30101 基本工资 1.00\n")
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics)")
        XCTAssertEqual(result.budget?.lines.count, 1)
    }

    // MARK: 17. git integration

    func testGitDiffShowsAmountsOfIncludedFilesAndQuotesTheCommand() throws {
        let dir = try folder()
        let repo = dir.appendingPathComponent("re po")
        let budget = Self.clean.replacingOccurrences(of: "  公用经费\n    2101501 30201 办公费 2.00\n", with: "包含 \"units\\spend.bud\"\n")
        _ = try write(budget, "re po/budget.bud", in: dir)
        _ = try write("基本支出\n  公用经费\n    2101501 30201 办公费 2.00\n", "re po/units/spend.bud", in: dir)
        _ = try write("*.txt text\r\n*.bud diff=budget\r\n", "re po/.gitattributes", in: dir)
        try git(["init", "-q"], in: repo)
        // A budgetc whose path has a space.
        let spaced = dir.appendingPathComponent("bin dir")
        try FileManager.default.createDirectory(at: spaced, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try TestSupport.binary(), to: spaced.appendingPathComponent("budgetc"))
        let process = Process()
        process.executableURL = spaced.appendingPathComponent("budgetc")
        process.arguments = ["git-setup"]
        process.currentDirectoryURL = repo
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let attributes = try String(contentsOf: repo.appendingPathComponent(".gitattributes"), encoding: .utf8)
        XCTAssertEqual(attributes.components(separatedBy: "diff=budget").count - 1, 1, "a CRLF line must be recognised:\n\(attributes)")
        try git(["add", "."], in: repo)
        try git(["commit", "-qm", "one"], in: repo)
        _ = try write("基本支出\n  公用经费\n    2101501 30201 办公费 3.00\n", "re po/units/spend.bud", in: dir)
        _ = try write(budget + "\n", "re po/budget.bud", in: dir)
        let diff = Process()
        diff.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        diff.arguments = ["git", "diff", "-U1000", "HEAD", "--", "budget.bud"]
        diff.currentDirectoryURL = repo
        let out = Pipe()
        diff.standardOutput = out
        diff.standardError = Pipe()
        try diff.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        diff.waitUntilExit()
        XCTAssertEqual(diff.terminationStatus, 0)
        XCTAssertTrue(text.contains("30201"), "git diff must show the included amounts:\n\(text)")
        XCTAssertFalse(text.contains("include-missing"), text)
        XCTAssertTrue(text.contains("取自工作区"), "the old side says where its includes came from:\n\(text)")
    }

    // MARK: 18. init --name and --code are validated

    func testInitRejectsNamesThatWouldInjectLines() throws {
        let dir = try folder()
        for (name, code) in [("测试局\n包含 \"/etc/passwd\"", "962"), ("测试#局", "962"), ("../测试局", "962"), ("测试局", "96/2")] {
            let run = try budgetc(["init", "--name", name, "--code", code, "--year", "2025", "-o", "new.bud"], in: dir)
            XCTAssertEqual(run.status, 2, "\(name) \(code): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("new.bud").path))
        }
        let run = try budgetc(["init", "--name", "测试局", "--code", "962", "--year", "2025", "-o", "new.bud"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    // MARK: 19. Windows paths

    func testBackslashSeparatorsInIncludes() {
        let result = TestSupport.check(TestSupport.header + "包含 \"units\\spend.bud\"\n",
                                       files: ["units/spend.bud": "基本支出\n  公用经费\n    2101501 30201 办公费 1.00\n"])
        XCTAssertFalse(result.ids().contains("include-missing"), "\(result.diagnostics)")
        XCTAssertEqual(result.budget?.lines.count, 1)
    }
}
