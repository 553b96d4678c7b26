import BudgetCore
import Foundation
import XCTest

enum TestSupport {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var referenceExample: String { repoRoot.appendingPathComponent("workbooks/hanyin-2024/budget.bud").path }

    /// Runs check on an inline 决算 (its root named 决算.bud).
    static func checkActuals(_ text: String, files: [String: String] = [:]) -> Pipeline.Result {
        check(text, files: files, rootPath: "决算.bud")
    }

    /// Runs check on inline sources: `files` maps paths to contents; the first key is the root.
    static func check(_ root: String, files: [String: String] = [:], rootPath: String = "inline.bud") -> Pipeline.Result {
        var all = files
        all[rootPath] = root
        let contents = all.mapValues { Data($0.utf8) }
        let loader = Loader(readFile: { path in
            guard let data = contents[path] else { throw CocoaError(.fileNoSuchFile) }
            return data
        })
        return Pipeline(loader: loader).check(path: rootPath)
    }

    /// A minimal valid header with one administrative unit.
    static let header = """
    部门 962 测试局
    年度 2024
    金额单位 万元
    单位 962001 测试局本级 行政

    """

    /// Copies the reference example (and the previous-year budget it names) into `directory`,
    /// keeping their relative layout; returns the copied budget file, renamed to `name`.
    static func copyReferenceExample(into directory: URL, as name: String = "budget.bud") throws -> URL {
        let fm = FileManager.default
        for year in ["2023", "2024"] {
            let target = directory.appendingPathComponent("hanyin-\(year)")
            if !fm.fileExists(atPath: target.path) {
                try fm.copyItem(at: repoRoot.appendingPathComponent("workbooks/hanyin-\(year)"), to: target)
            }
            for extra in try fm.contentsOfDirectory(atPath: target.path) where extra.hasSuffix(".xlsx") {
                try fm.removeItem(at: target.appendingPathComponent(extra))
            }
        }
        let copied = directory.appendingPathComponent("hanyin-2024/\(name)")
        if name != "budget.bud" { try fm.moveItem(at: directory.appendingPathComponent("hanyin-2024/budget.bud"), to: copied) }
        return copied
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("budgetc-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `source` (as `name`) and `files` (paths relative to it) into a fresh folder, compiles it with the
    /// built binary (`extra` arguments after the output), fails the test unless it exits 0, and reads the
    /// written workbook back. The folder is removed afterwards.
    static func compiled(_ source: String, name: String = "budget.bud", files: [String: String] = [:], _ extra: [String] = [],
                         file: StaticString = #filePath, line: UInt = #line) throws -> XlsxWorkbook {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in files { try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        let path = dir.appendingPathComponent(name)
        try source.write(to: path, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.xlsx")
        let run = try run(["compile", path.path, "-o", output.path] + extra, in: dir)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return try XlsxWorkbook(path: output.path)
    }

    /// Compiles a workbooks/ example (`relative` to workbooks/) with the built binary, fails the test unless it
    /// exits 0 without a warning or an error, and reads the written workbook back.
    static func compiledExample(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws -> XlsxWorkbook {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("out.xlsx").path
        let run = try run(["compile", repoRoot.appendingPathComponent("workbooks/\(relative)").path, "-o", output])
        let printed = run.stdout + run.stderr
        XCTAssertEqual(run.status, 0, printed, file: file, line: line)
        XCTAssertFalse(printed.contains("warning[") || printed.contains("error["), printed, file: file, line: line)
        return try XlsxWorkbook(path: output)
    }

    /// The `budgetc` executable built beside the test bundle.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("budgetc"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("budgetc"))
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("budgetc"))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("budgetc"))
        candidates.append(repoRoot.appendingPathComponent(".build/debug/budgetc"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        throw XCTSkip("budgetc executable not found next to the tests; run `swift build` first")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `budgetc` with `arguments`.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Run {
        try run(executable: binary(), arguments, in: directory)
    }

    /// Runs any program (python3, env …) and collects its exit status and output.
    static func run(executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension Pipeline.Result {
    func ids(_ severity: Severity? = nil) -> [String] {
        diagnostics.filter { severity == nil || $0.severity == severity }.map(\.id)
    }

    func first(_ id: String) -> Diagnostic? { diagnostics.first { $0.id == id } }
}
