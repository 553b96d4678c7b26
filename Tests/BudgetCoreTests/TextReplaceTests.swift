import Foundation
import XCTest
@testable import BudgetCore

/// `replacingAll` stands in for Foundation's `replacingOccurrences(of:with:)`: it must give the same
/// text for every literal search the templates, paths and notes use.
final class TextReplaceTests: XCTestCase {
    func testSameAsFoundationOnPlaceholdersAndPaths() {
        let cases: [(String, String, String)] = [
            ("{年}年{部门}部门预算", "{年}", "2025"),
            ("{年}{年}{年}", "{年}", ""),
            ("a\\b\\\\c", "\\", "/"),
            ("R&D & 研发", "&", "&&"),
            ("", "x", "y"),
            ("年", "年度", "?"),
            ("aaa", "aa", "b"),
            ("第{页码}页 共{总页数}页", "{页码}", "&P"),
            ("占比，占本年", "，占", "，占本年支出合计的"),
        ]
        for (text, target, replacement) in cases {
            XCTAssertEqual(text.replacingAll(target, with: replacement),
                           text.replacingOccurrences(of: target, with: replacement), "\(text) / \(target)")
        }
    }

    func testMatchesBytesNotCanonicalEquivalents() {
        // Foundation without `.literal` would also replace the precomposed é; budgetc's searches are literal.
        XCTAssertEqual("é e\u{301}".replacingAll("e\u{301}", with: "E"), "é E")
    }

    func testSameAsFoundationOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "b", "年", "{", "}", "\\", " ", "\t", "元", "é"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let target = (0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(text.replacingAll(target, with: "<>"), text.replacingOccurrences(of: target, with: "<>"), "\(text) / \(target)")
        }
    }
}
