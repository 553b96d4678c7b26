import BudgetCore
import Foundation
import XCTest

/// Every input the fuzzer (fuzz/) ever crashed on runs through the same checks as the fuzz
/// target: the whole pipeline, the tables, the 说明, the diagnostics, and fmt's invariants.
final class FuzzRegressionTests: XCTestCase {
    func testEveryRegressionInput() throws {
        let folder = TestSupport.repoRoot.appendingPathComponent("fuzz/regressions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty)
        let (layouts, _) = TableLayouts.load(templates: .locate())
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let loader = Loader(readFile: { path in
                guard path == "fuzz.bud" else { throw CocoaError(.fileNoSuchFile) }
                return data
            })
            let result = Pipeline(loader: loader).check(path: "fuzz.bud")
            if let budget = result.budget {
                XCTAssertEqual(TableSet.build(TableContext(budget: budget, layouts: layouts)).count, 20, name)
                _ = Notes.generate(budget).markdown()
            }
            let renderer = DiagnosticRenderer(files: result.files)
            for d in result.diagnostics { _ = renderer.render(d) }
            if case (let file?, let diagnostics) = Loader.parseData(data, path: "fuzz.bud", requestedAt: nil), !diagnostics.hasErrors {
                let formatted = Formatter().format(file)
                let (again, _) = Loader.parseData(Data(formatted.utf8), path: "fuzz.bud", requestedAt: nil)
                XCTAssertEqual(again.map { Formatter.fingerprint($0) }, Formatter.fingerprint(file), "fmt changed the meaning of \(name)")
                XCTAssertEqual(again.map { Formatter().format($0) }, formatted, "fmt is not idempotent on \(name)")
            }
        }
    }
}
