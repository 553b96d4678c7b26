import BudgetCore
import Foundation
import XCTest

/// The editor grammars (editors/) highlight every top-level statement the language has: a keyword
/// added to `Keyword` (or an alias) without its grammar entries fails here.
final class EditorGrammarTests: XCTestCase {
    /// The words of an alternation `(a|b|c)` that starts right after `prefix` in `text`.
    func alternation(in text: String, after prefix: String, until end: String) throws -> Set<String> {
        let start = try XCTUnwrap(text.range(of: prefix), "no \(prefix)")
        let stop = try XCTUnwrap(text.range(of: end, range: start.upperBound..<text.endIndex))
        return Set(text[start.upperBound..<stop.lowerBound].components(separatedBy: "|"))
    }

    func testVSCodeGrammarHighlightsEveryStatement() throws {
        let url = TestSupport.repoRoot.appendingPathComponent("editors/vscode/syntaxes/budget.tmLanguage.json")
        let grammar = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let repository = try XCTUnwrap(grammar["repository"] as? [String: Any])
        let statement = try XCTUnwrap((repository["statement"] as? [String: Any])?["match"] as? String)
        let words = try alternation(in: statement, after: "^(", until: ")(?:")
        XCTAssertEqual(Set(Keyword.spellings).subtracting(words).sorted(), [], "statements the VS Code grammar does not highlight")
    }

    func testVimSyntaxHighlightsEveryStatement() throws {
        let text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("editors/vim/syntax/budget.vim"), encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "let s:top = s:Alt(["))
        let list = text[start.upperBound...].prefix { $0 != "]" }
        let words = Set(list.components(separatedBy: "'").enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        XCTAssertEqual(Set(Keyword.spellings).subtracting(words).sorted(), [], "statements the Vim syntax does not highlight")
    }

    /// The words after an indicator's value (`权重 10`) are highlighted on indicator lines.
    func testVSCodeGrammarHighlightsIndicatorFields() throws {
        let url = TestSupport.repoRoot.appendingPathComponent("editors/vscode/syntaxes/budget.tmLanguage.json")
        let grammar = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let repository = try XCTUnwrap(grammar["repository"] as? [String: Any])
        let patterns = try XCTUnwrap((repository["indicator"] as? [String: Any])?["patterns"] as? [[String: Any]])
        let match = try XCTUnwrap(patterns.compactMap { $0["match"] as? String }.first)
        let words = try alternation(in: match, after: ")(?:", until: ")(?=")
        XCTAssertEqual(Set(IndicatorField.spellings).subtracting(words).sorted(), [], "indicator words the VS Code grammar does not highlight")
    }

    func testVimSyntaxHighlightsIndicatorFields() throws {
        let text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("editors/vim/syntax/budget.vim"), encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "let s:indicator_keys = s:Alt(["))
        let list = text[start.upperBound...].prefix { $0 != "]" }
        let words = Set(list.components(separatedBy: "'").enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        XCTAssertEqual(Set(IndicatorField.spellings).subtracting(words).sorted(), [], "indicator words the Vim syntax does not highlight")
        XCTAssertTrue(text.contains("syn match budgetIndicatorKey"), "the list is used")
    }

    /// The word between a 说明 topic and its reason (`三公 较预算 "……"`), with its aliases.
    func testGrammarsHighlightReasonBasis() throws {
        let url = TestSupport.repoRoot.appendingPathComponent("editors/vscode/syntaxes/budget.tmLanguage.json")
        let grammar = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let repository = try XCTUnwrap(grammar["repository"] as? [String: Any])
        let begin = try XCTUnwrap((repository["reason-basis-line"] as? [String: Any])?["begin"] as? String)
        let vscode = try alternation(in: begin, after: "+)(", until: ")(?=")
        XCTAssertEqual(Set(ReasonBasis.spellings).subtracting(vscode).sorted(), [], "VS Code")
        let text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("editors/vim/syntax/budget.vim"), encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "let s:reason_basis = s:Alt(["))
        let list = text[start.upperBound...].prefix { $0 != "]" }
        let vim = Set(list.components(separatedBy: "'").enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        XCTAssertEqual(Set(ReasonBasis.spellings).subtracting(vim).sorted(), [], "Vim")
    }
}

