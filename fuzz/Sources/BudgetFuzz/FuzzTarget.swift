import BudgetCore
import Foundation

/// One fuzz input is a small set of budget files: the first is `fuzz.bud`, and every line
/// `#=== NAME` starts another file called NAME, so includes (fan-out, depth, cycles, the same file
/// twice) and previous-year files are explored too; a file NAME.tbl is a table template. Everything lives in memory: no input touches
/// the file system.
enum VirtualFiles {
    static let marker = Array("\n#=== ".utf8)

    static func split(_ data: Data) -> [String: Data] {
        let bytes = [UInt8](data)
        var files: [String: Data] = [:]
        var name = "fuzz.bud"
        var start = 0
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0], Array(bytes[i..<(i + marker.count)]) == marker {
                if files[name] == nil { files[name] = Data(bytes[start..<i]) }
                var end = i + marker.count
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                name = String(decoding: bytes[(i + marker.count)..<end], as: UTF8.self)
                start = min(end + 1, bytes.count)
                i = start
                continue
            }
            i += 1
        }
        if files[name] == nil { files[name] = Data(bytes[start...]) }
        return files
    }
}
enum Setup {
    static let templates = Templates.locate()
    static let layouts = TableLayouts.load(templates: templates).0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let files = VirtualFiles.split(Data(bytes: start, count: count))
    let data = files["fuzz.bud"] ?? Data()
    let loader = Loader(readFile: { path in
        guard let file = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return file
    })
    let pipeline = Pipeline(templates: Setup.templates, loader: loader)
    let result = pipeline.check(path: "fuzz.bud")
    if let budget = result.budget {
        let sheets = TableSet.build(TableContext(budget: budget, layouts: Setup.layouts, draft: result.diagnostics.hasErrors))
        precondition(sheets.count == 20)
        // A virtual file NAME.tbl is a table template: read it and build it against this budget.
        for (name, text) in files where name.hasSuffix(".tbl") {
            guard case (let table?, _) = TableSpecLoader.table(data: text, path: name) else { continue }
            var set = Setup.layouts
            set.tables = [table]
            _ = TableSet.buildTables(TableContext(budget: budget, layouts: set))
        }
        _ = Notes.generate(budget).markdown()
        _ = Facts.listing(budget)
    }
    // Rendering diagnostics must not crash either.
    let renderer = DiagnosticRenderer(files: result.files)
    for d in result.diagnostics { _ = renderer.render(d) }
    // The formatter must be safe on anything that parses.
    if case (let file?, let diagnostics) = Loader.parseData(data, path: "fuzz.bud", requestedAt: nil), !diagnostics.hasErrors {
        let formatted = Formatter().format(file)
        if case (let again?, _) = Loader.parseData(Data(formatted.utf8), path: "fuzz.bud", requestedAt: nil) {
            precondition(Formatter.fingerprint(again) == Formatter.fingerprint(file), "fmt changed the meaning")
            precondition(Formatter().format(again) == formatted, "fmt is not idempotent")
        }
    }
    return 0
}

// SwiftPM links executables with `main` aliased to `BudgetFuzz_main`; hand control to
// libFuzzer's driver from there (libFuzzer's own `main` is then not linked in).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt) -> CInt

@_cdecl("BudgetFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
