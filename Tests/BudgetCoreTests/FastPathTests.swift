@testable import BudgetCore
import Foundation
import XCTest

/// The byte-level shortcuts of issue 15 hold to the general code they stand in front of: each is
/// compared with the slow path on ordinary input and on the inputs that could tell them apart
/// (combining marks, decomposed and compatibility characters, full-width forms, 4-byte scalars).
final class FastPathTests: XCTestCase {
    let awkward = ["", "1", "12", "1\u{301}", "1a", "１", "a1", "来源", "原因", "来源 ", "來源", "\u{F92D}源", "e\u{301}", "é",
                   "办公费", "2101501", "4.87", "\u{3000}", "\u{00A0}", " x", "\tx", "x ", "≥90%", "𠀀", "😀", "ｘ", "·"]

    func testIsWordIsStringEquality() {
        let words = ["来源", "原因", "é", "1", "办公费"] + ["e\u{301}"]
        for text in awkward + words {
            for word in words {
                XCTAssertEqual(text.isWord(word), text == word, "“\(text)” vs “\(word)”")
            }
        }
        XCTAssertTrue("e\u{301}".isWord("é"), "canonically equal text stays equal")
        XCTAssertTrue("办公费2101501".isASCIIOrCJKIdeographs)
        XCTAssertFalse("e\u{301}".isASCIIOrCJKIdeographs)
        XCTAssertFalse("\u{F92D}".isASCIIOrCJKIdeographs, "a CJK compatibility ideograph is not its own NFC form")
        XCTAssertFalse("𠀀".isASCIIOrCJKIdeographs)
    }

    func testStartsWithASCIIDigitIsFirstCharacterADigit() {
        for text in awkward + ["3\u{20E3}", "0\u{FE0F}", "9 ", "9\r\n"] {
            XCTAssertEqual(text.startsWithASCIIDigit, text.first?.isASCIIDigit == true, "“\(text)”")
        }
    }

    func testIsBlankIsTrimmedEmptiness() {
        for text in awkward + ["\u{2003}", " \u{3000} ", "\u{200B}", "\u{FEFF}", "\u{2028}", "\t\t"] {
            XCTAssertEqual(text.isBlank, text.trimmingCharacters(in: .whitespaces).isEmpty, "“\(text)”")
        }
    }

    func testIndicatorSpellingTableAgreesWithTheGeneralPath() {
        XCTAssertFalse(Resolver.indicatorSpellings.isEmpty)
        for (spelling, levels) in Resolver.indicatorSpellings {
            let general = Resolver.spelledIndicatorLevels(spelling)
            XCTAssertEqual(general?.0, levels.0, spelling)
            XCTAssertEqual(general?.1, levels.1, spelling)
        }
        // Spellings outside the table still take the general path.
        XCTAssertEqual(Resolver.indicatorLevels("产出//数量")?.1, "数量指标")
        XCTAssertEqual(Resolver.indicatorLevels("效益指标/社会效益指标")?.1, "社会效益指标")
        XCTAssertNil(Resolver.indicatorLevels("产出/数"))
    }

    func testCostValuesWithoutMoneyUnitsAreNeverMoney() {
        for value in ["不超过预算", "≤41万元", "80万", "3000元", "≤1996.62万元", "57.6元/人", "约 5 万元", "１０万元", "100%", ""] {
            if !PerformanceCostRule.containsMoneyUnit(value) {
                XCTAssertNil(PerformanceCostRule.parse(value), value)
            }
        }
        XCTAssertEqual(PerformanceCostRule.parse("≤41万元")?.1, Money(fen: 41 * Money.fenPerWan))
    }

    func testSpansKeepThePathAsWrittenAndEncodeIt() throws {
        let a = SourceSpan(file: "单位/预算.bud", line: 3, column: 4, length: 2)
        XCTAssertEqual(a.file, "单位/预算.bud")
        XCTAssertEqual(a, SourceSpan(file: "单位/预算.bud", line: 3, column: 4, length: 2))
        XCTAssertNotEqual(a, SourceSpan(file: "单位/预算2.bud", line: 3, column: 4, length: 2))
        // Two spellings of one name that differ only in normalisation are each shown as written.
        let composed = SourceSpan(file: "caf\u{E9}.bud", line: 1, column: 1)
        let decomposed = SourceSpan(file: "cafe\u{301}.bud", line: 1, column: 1)
        XCTAssertEqual(Array(composed.file.utf8), Array("caf\u{E9}.bud".utf8))
        XCTAssertEqual(Array(decomposed.file.utf8), Array("cafe\u{301}.bud".utf8))
        var moved = a
        moved.file = "其他.bud"
        XCTAssertEqual(moved.file, "其他.bud")
        XCTAssertEqual(moved.line, 3)

        let json = try JSONEncoder().encode(a)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        XCTAssertEqual(object?["file"] as? String, "单位/预算.bud")
        XCTAssertEqual(object?["line"] as? Int, 3)
        XCTAssertEqual(try JSONDecoder().decode(SourceSpan.self, from: json), a)
    }

    func testColumnsCountScalarsAcrossWidths() {
        var diagnostics: [Diagnostic] = []
        // 1-, 2-, 3- and 4-byte scalars before the fields; a full-width colon splits keyword and value.
        let node = LineParser.parseLine("\u{3000}é𠀀 ３７．０２ \"甲 乙\" 年度：2025 # 注", file: "x.bud", line: 7, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.count, 0)
        XCTAssertEqual(node?.indent, 2)
        XCTAssertEqual(node?.fields.map(\.text), ["é𠀀", "３７．０２", "甲 乙", "年度：2025"])
        XCTAssertEqual(node?.fields.map(\.folded), ["é𠀀", "37.02", "甲 乙", "年度:2025"])
        XCTAssertEqual(node?.fields.map(\.span.column), [2, 5, 11, 17])
        XCTAssertEqual(node?.fields.map(\.span.length), [2, 5, 5, 7])
        XCTAssertEqual(node?.comment, " 注")
        XCTAssertEqual(node?.keyword, "é𠀀")
        let colon = LineParser.parseLine("年度：2025", file: "x.bud", line: 1, diagnostics: &diagnostics)
        XCTAssertEqual(colon?.fields.map(\.text), ["年度", "2025"])
        XCTAssertEqual(colon?.keyword, "年度")
        XCTAssertEqual(colon?.fields.map(\.span.column), [1, 4])
    }

    func testFoldingSkipsOnlyCharactersWithNothingToFold() {
        // The general rule: the table, then full-width ASCII (U+FF01–U+FF5E), else unchanged.
        func general(_ c: Character) -> Character {
            if let mapped = Normalize.fullWidthPunctuation[c] { return mapped }
            if c.unicodeScalars.count == 1, let s = c.unicodeScalars.first, (0xFF01...0xFF5E).contains(s.value) {
                return Character(Unicode.Scalar(s.value - 0xFEE0)!)
            }
            return c
        }
        let text = "ａ＝１＋２×３÷（４）．，：；＃＜＞％　＂—−。a=1 中文𠀀é\u{301}\r\n一龥\u{3000}\u{4DFF}\u{A000}"
        for c in Array(text) + Array(Normalize.fullWidthPunctuation.keys) {
            XCTAssertEqual(Normalize.fold(c), general(c), "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testTheWholeTextScanFindsEveryFileWithAForbiddenCharacter() {
        for text in ["年度 2024\n", "年度 2024\r\n单位\t1", "a\u{1B}[31m", "x\u{7F}", "甲\u{FFFE}", "乙\u{FFFF}\n", "\u{FEFF}丙\r", "丁\u{0B}"] {
            let source = SourceFile(path: "x.bud", text: text)
            let found = !Loader.forbiddenCharacters(in: source).isEmpty
            XCTAssertEqual(Loader.mayHaveForbiddenCharacters(text), found, text.debugDescription)
        }
    }

    /// The word-at-a-time scan against the byte loop it replaced, at every alignment (issue 15).
    func testWordAtATimeScanAgreesWithTheByteLoop() {
        func byteLoop(_ text: String) -> Bool {
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in text.utf8 {
                if (byte < 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A) || byte == 0x7F
                    || (previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF)) { return true }
                previous = (previous.1, byte)
            }
            return false
        }
        let pieces = ["a", "1", " ", "\t", "\r", "\n", "甲", "办公费", "（", "）", "\u{FEFF}", "\u{FFFD}", "\u{FFEE}", "\u{FFBF}",
                      "\u{FFFE}", "\u{FFFF}", "\u{1B}", "\u{7F}", "\u{1F}", "\u{0B}", "\u{80}", "é", "𠀀", "\u{EFBF}", "ｅ"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...24, using: &generator)
            // Mostly clean text, so that a forbidden piece falls at every offset of an eight-byte word.
            let text = (0..<count).map { _ in Int.random(in: 0..<4, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : "甲a" }.joined()
            XCTAssertEqual(Loader.mayHaveForbiddenCharacters(text), byteLoop(text), text.debugDescription)
        }
        for prefix in 0..<16 {
            for bad in ["\u{FFFE}", "\u{FFFF}", "\u{1B}", "\u{7F}", "\u{0B}"] {
                let text = String(repeating: "a", count: prefix) + bad + "甲乙丙丁"
                XCTAssertTrue(Loader.mayHaveForbiddenCharacters(text), text.debugDescription)
                XCTAssertFalse(Loader.mayHaveForbiddenCharacters(String(repeating: "a", count: prefix) + "（ｅ）\u{FFFD}\u{FEFF}甲\t\r\n"))
            }
        }
    }

    /// Lines cut from the one buffer are the lines the String splitter made (CR, LF, CRLF, BOM).
    func testLineRangesAreTheSplitLines() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "a\rb\r", "\r\n\r\n", "甲\n乙\r丙\r\n", "\u{FEFF}年度 2024\n单位", "x\n\n\ny"] {
            let source = SourceFile(path: "x.bud", text: text)
            var stripped = text
            if stripped.unicodeScalars.first == "\u{FEFF}" { stripped.unicodeScalars.removeFirst() }
            var expected: [String] = []
            var current = ""
            var scalars = Array(stripped.unicodeScalars)[...]
            while let s = scalars.popFirst() {
                if s == "\n" || s == "\r" {
                    expected.append(current)
                    current = ""
                    if s == "\r", scalars.first == "\n" { scalars.removeFirst() }
                } else {
                    current.unicodeScalars.append(s)
                }
            }
            if !current.isEmpty { expected.append(current) }
            XCTAssertEqual(source.lines, expected, text.debugDescription)
            XCTAssertEqual(source.lineCount, expected.count)
        }
    }

    /// Template lists split on scalars where that is splitting on Characters (issue 15).
    func testTemplateListsSplitOnScalarsAsOnCharacters() {
        func general(_ text: String) -> [String] {
            text.split { ",，、".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let pieces = [",", "，", "、", " ", "\t", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{301}", "\u{200D}", "\u{0600}", "e", "1", "201",
                      "一般公共预算拨款", "财政拨款", "ｘ", "（", "\u{FF9E}", "𠀀", "\r\n", "\u{FEFF}", "é", ";"]
        var generator = SystemRandomNumberGenerator()
        var fast = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if TableSpecLoader.Reader.scalarList(text) != nil { fast += 1 }
            XCTAssertEqual(TableSpecLoader.Reader.list(text), general(text), text.debugDescription)
        }
        XCTAssertGreaterThan(fast, 100, "the scalar path is taken for plain text")
        XCTAssertNil(TableSpecLoader.Reader.scalarList("甲,\u{301}乙"), "a combining mark after a separator takes the Character path")
        XCTAssertEqual(TableSpecLoader.Reader.list("甲,\u{301}乙"), general("甲,\u{301}乙"))
    }

    /// The keyword the parser reads off while scanning is the one the general rule gives (issue 15).
    func testParsedKeywordIsTheGeneralRulesKeyword() {
        let firsts = awkward.filter { !$0.isEmpty && !$0.contains(where: \.isWhitespace) } + [
            "年度：2025", "年度:2025", "年度：", "年度:", "：", ":", "::", "年度::", "\u{0600}：", "\u{0600}:", "x：\u{301}", "１２：", "\"简介\"",
            "“引号”", "#x", "＃x", "=1", "a=1", "部门", "2101501", "来源：一般公共预算", "：甲"]
        for first in firsts {
            for rest in ["", " 2025", " \"甲\"", " = 1", " # c", "：乙"] {
                var diagnostics: [Diagnostic] = []
                guard let node = LineParser.parseLine("  " + first + rest, file: "x.bud", line: 1, diagnostics: &diagnostics) else { continue }
                XCTAssertEqual(node.keyword, SyntaxNode.keyword(of: node.fields), (first + rest).debugDescription)
            }
        }
    }

    /// The control-character test runs on UTF-8 bytes: it decides as the scalar walk it replaced did,
    /// around the 4096-scalar limit too (issue 15).
    func testControlCharactersCountedOnBytesAsOnScalars() {
        func scalarWalk(_ text: String) -> Bool {
            var controls = 0
            var total = 0
            for scalar in text.unicodeScalars.prefix(4096) {
                total += 1
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t" { controls += 1 }
            }
            return (controls > 0 && controls * 20 > total) || text.unicodeScalars.contains("\u{0}")
        }
        let pieces = ["\u{1}", "\u{1B}", "\n", "\r\n", "\t", "a", "甲", "𠀀", "é", "\u{301}", "\u{7F}", " "]
        var generator = SystemRandomNumberGenerator()
        var binary = 0
        for _ in 0..<400 {
            // Long runs of one piece put the 4096th scalar on ASCII, CJK or four-byte text.
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                String(repeating: pieces.randomElement(using: &generator)!, count: [1, 7, 300, 1500, 4100].randomElement(using: &generator)!)
            }.joined()
            let expected = scalarWalk(text)
            if expected { binary += 1 }
            XCTAssertEqual(TextDecoding.decode(Data(text.utf8)).map(\.text), expected ? .failure(.binary) : .success(text), "\(text.unicodeScalars.count) scalars")
        }
        XCTAssertGreaterThan(binary, 20)
        XCTAssertLessThan(binary, 380)
    }

    /// `trimmingSpaces` trims what Foundation's `.whitespaces` does: the same set of scalars, and the same
    /// text off both ends (issue 15).
    func testTrimmingSpacesIsFoundationsWhitespaceTrim() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Normalize.isSpace(scalar) != CharacterSet.whitespaces.contains(scalar) { XCTFail(String(format: "U+%04X", value)) }
        }
        let pieces = [" ", "\t", "\u{00A0}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\n", "\u{301}", "甲", "a", "𠀀", "\r\n", "e\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(text.trimmingSpaces(), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            XCTAssertEqual(text.dropFirst().trimmingSpaces(), text.dropFirst().trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }

    /// The workbook's creation date, counted in days, is 1 January of the (clamped) year in UTC as a
    /// Gregorian calendar gives it (issue 15).
    func testCreationDateIsTheCalendarsFirstOfJanuary() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for year in 1960...2250 {
            let expected = calendar.date(from: DateComponents(year: max(1990, min(year, 2200)), month: 1, day: 1))!
            XCTAssertEqual(Pipeline.creationDate(year: year), expected, "\(year)")
        }
    }

    func testTwoDigitsIsPercentZeroTwoD() {
        for n in Int64(0)..<100 { XCTAssertEqual(Change.twoDigits(n), String(format: "%02d", n)) }
    }

    func testNullCharacterMeansBinary() {
        let text = "年度 2024\n" + String(repeating: "单位 1 甲 行政\n", count: 300) + "\u{0}"
        XCTAssertEqual(TextDecoding.decode(Data(text.utf8)).map(\.text), .failure(.binary))
    }

    /// The verifier reads each part of the workbook in pieces (`XlsxVerifier.XMLEnd`): it decides
    /// “the XML ends with its root's closing tag” as the whole-buffer test did, wherever the pieces are cut.
    func testXMLEndReadInPiecesAgreesWithTheWholeText() {
        // The whole-buffer test the verifier used before reading in pieces.
        func whole(_ bytes: [UInt8]) -> Bool {
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "?"), bytes[i + 1] != UInt8(ascii: "!") { break }
                i += 1
            }
            guard i < bytes.count else { return false }
            var j = i + 1
            while j < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "/"), 10, 13, 9].contains(bytes[j]) { j += 1 }
            let name = Array(bytes[(i + 1)..<j])
            var end = bytes.count
            while end > 0, [UInt8(ascii: " "), 10, 13, 9].contains(bytes[end - 1]) { end -= 1 }
            let closing = [UInt8(ascii: "<"), UInt8(ascii: "/")] + name + [UInt8(ascii: ">")]
            if end >= closing.count, Array(bytes[(end - closing.count)..<end]) == closing { return true }
            if end >= 2, bytes[end - 2] == UInt8(ascii: "/"), bytes[end - 1] == UInt8(ascii: ">"),
               !bytes[(i + 1)..<end].contains(UInt8(ascii: "<")) { return true }
            return false
        }
        let samples = ["", "<", "<a", "<a>", "<a></a>", "<a></a> \n\t", "<?xml version=\"1.0\"?>\n<worksheet a=\"1\"><x/></worksheet>\n",
                       "<!-- c --><root/>", "<root/>  ", "<root a='1'/>", "<root><b/>/>", "<<a></<a>", "<a></b>", "<a></a", "<?x?>",
                       "<styleSheet/>", "<r>" + String(repeating: "<c>x</c>", count: 500) + "</r>" + String(repeating: " ", count: 3000),
                       "<Types></Types>", "<a\n></a>", "<a/", "</a>"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/?! a\nb\t".utf8)
        var texts = samples.map { Array($0.utf8) }
        for _ in 0..<3000 { texts.append((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for text in texts {
            for _ in 0..<4 {
                var end = XlsxVerifier.XMLEnd()
                var at = 0
                while at < text.count {
                    let next = min(text.count, at + Int.random(in: 1...7, using: &generator))
                    end.feed(Data(text[at..<next]))
                    at = next
                }
                XCTAssertEqual(end.isComplete, whole(text), String(decoding: text, as: UTF8.self))
            }
            XCTAssertEqual(XlsxVerifier.isCompleteXML(Data(text)), whole(text))
        }
    }

    /// Text cells skip the scalar walk of `XlsxText.escaped` when their bytes hold no underscore and no
    /// character XML forbids; the byte test agrees with the scalar test on every input that could tell them apart.
    func testEscapingByteTestAgreesWithTheScalarTest() {
        let special = ["_", "_x0041_", "a\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFBF}", "\u{FEFF}", "\u{1}", "\t\n\r", "\u{7F}", "\u{D7FF}", "\u{E000}", "𠀀_"]
        var generator = SystemRandomNumberGenerator()
        let pieces = awkward + special
        var texts = pieces
        for _ in 0..<3000 { texts.append((0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        for text in texts {
            let scalarTest = text.unicodeScalars.contains { $0 == "_" || !XlsxText.isAllowedInXML($0) }
            XCTAssertEqual(XlsxText.mayNeedEscaping(text), scalarTest, text.debugDescription)
        }
    }
}
