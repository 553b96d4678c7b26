import BudgetCore
import Foundation

/// One fuzz input is one budget file. Includes and previous-year files resolve to nothing
/// (the in-memory loader knows only the input), so no input touches the file system.
enum Setup {
    static let templates = Templates.locate()
    static let layouts = TableLayouts.load(templates: templates).0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let loader = Loader(readFile: { path in
        guard path == "fuzz.bud" else { throw CocoaError(.fileNoSuchFile) }
        return data
    })
    let pipeline = Pipeline(templates: Setup.templates, loader: loader)
    let result = pipeline.check(path: "fuzz.bud")
    if let budget = result.budget {
        let sheets = TableSet.build(TableContext(budget: budget, layouts: Setup.layouts, draft: result.diagnostics.hasErrors))
        precondition(sheets.count == 20)
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
