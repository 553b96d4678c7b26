import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A small, real reader of .xlsx files for tests: it opens the ZIP package, follows
/// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels` to each sheet's XML, reads
/// `xl/sharedStrings.xml`, and gives every cell as written (type, text, number, formula, cached value)
/// plus the merged ranges. It reads what budgetc (libxlsxwriter) writes and ordinary SpreadsheetML;
/// it does not evaluate formulas.
///
/// Rows and columns are 0-based, as in BudgetCore's `Sheet`/`CellRef`: A1 is (row 0, column 0).
struct XlsxWorkbook: Sendable {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Sheet names in workbook order.
    private(set) var sheetNames: [String] = []
    private(set) var sheets: [String: XlsxSheet] = [:]
    /// The shared string table, in order.
    private(set) var sharedStrings: [String] = []

    init(path: String) throws {
        let archive = try XlsxPackage.open(path)
        func data(_ member: String, required: Bool = true) throws -> Data? {
            guard let bytes = try XlsxPackage.extract(member, from: archive) else {
                if required { throw ReadError(description: "\(path): missing part \(member)") }
                return nil
            }
            return bytes
        }

        if let strings = try data("xl/sharedStrings.xml", required: false) {
            sharedStrings = try SharedStringsParser.parse(strings, part: "xl/sharedStrings.xml")
        }
        let relationships = try RelationshipsParser.parse(try data("xl/_rels/workbook.xml.rels")!, part: "xl/_rels/workbook.xml.rels")
        let declared = try WorkbookParser.parse(try data("xl/workbook.xml")!, part: "xl/workbook.xml")
        for (name, relationshipID) in declared {
            guard let target = relationships[relationshipID] else {
                throw ReadError(description: "sheet \(name): relationship \(relationshipID) not found in workbook.xml.rels")
            }
            // Targets are relative to xl/, or absolute within the package.
            let member = target.hasPrefix("/") ? String(target.dropFirst()) : Self.normalize("xl/" + target)
            let sheet = try SheetParser.parse(try data(member)!, name: name, part: member, sharedStrings: sharedStrings)
            sheetNames.append(name)
            sheets[name] = sheet
        }
    }

    func sheet(_ name: String) -> XlsxSheet? { sheets[name] }

    /// Resolves `.` and `..` in a package path.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}

/// Raw access to the ZIP package, for checks on the container itself.
enum XlsxPackage {
    static func open(_ path: String) throws -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XlsxWorkbook.ReadError(description: "cannot open \(path) as a ZIP archive: \(error)")
        }
    }

    /// The bytes of one member (CRC-checked), or nil when the package has no such member.
    static func extract(_ member: String, from archive: Archive) throws -> Data? {
        guard let entry = archive[member] else { return nil }
        var bytes = Data()
        _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
        return bytes
    }

    static func part(_ member: String, in path: String) throws -> Data? {
        try extract(member, from: try open(path))
    }

    /// Each member's modification date as stored in the ZIP headers.
    static func entryModificationDates(in path: String) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for entry in try open(path) {
            if let date = entry.fileAttributes[.modificationDate] as? Date { dates[entry.path] = date }
        }
        return dates
    }
}

struct XlsxCell: Sendable, Hashable, CustomStringConvertible {
    enum Kind: String, Sendable {
        /// `t="s"`: an index into the shared strings.
        case sharedString
        /// `t="str"`: a formula's string result.
        case formulaString
        /// `t="inlineStr"`.
        case inlineString
        /// no `t` or `t="n"`.
        case number
        case boolean
        case error
    }

    /// A1-style reference as written in the file, e.g. "C5".
    var reference: String
    var row: Int
    var column: Int
    var kind: Kind
    /// The `s` attribute (cell format index), when present.
    var styleIndex: Int?
    /// The text of a string cell (shared, inline or formula string); nil for numbers.
    var string: String?
    /// The numeric value of a number cell (for a formula cell: its cached result); nil when blank or text.
    var number: Double?
    /// The formula text of `<f>`, without a leading `=`; nil when the cell has no formula.
    var formula: String?
    /// The raw text of `<v>` (for a formula: the cached value; for a shared string: the index).
    var rawValue: String?

    var isString: Bool { kind == .sharedString || kind == .formulaString || kind == .inlineString }
    var isNumeric: Bool { kind == .number && rawValue != nil }
    /// No value at all (a formatted blank cell).
    var isBlank: Bool { rawValue == nil && string == nil && formula == nil }

    var description: String {
        var text = "\(reference)[\(kind.rawValue)]"
        if let formula { text += " =\(formula)" }
        if let string { text += " \"\(string)\"" } else if let rawValue { text += " \(rawValue)" } else { text += " (blank)" }
        return text
    }

    /// "AB12" → (row 11, column 27).
    static func parse(reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var digits = ""
        var sawLetter = false
        for ch in reference.replacingOccurrences(of: "$", with: "") {
            if let a = ch.asciiValue, ch.isLetter, digits.isEmpty {
                column = column * 26 + Int(a & 0xDF) - 64
                sawLetter = true
            } else if ch.isASCII, ch.isNumber {
                digits.append(ch)
            } else {
                return nil
            }
        }
        guard sawLetter, let row = Int(digits), row >= 1 else { return nil }
        return (row - 1, column - 1)
    }

    /// (row 11, column 27) → "AB12".
    static func reference(row: Int, column: Int) -> String {
        var name = ""
        var c = column + 1
        while c > 0 {
            let r = (c - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            c = (c - 1) / 26
        }
        return name + String(row + 1)
    }
}

struct XlsxMergedRange: Sendable, Hashable {
    var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int

    func contains(row: Int, column: Int) -> Bool {
        (firstRow...lastRow).contains(row) && (firstColumn...lastColumn).contains(column)
    }
}

struct XlsxSheet: Sendable {
    var name: String
    /// Every `<c>` element of the sheet, keyed by its A1 reference.
    var cells: [String: XlsxCell] = [:]
    var mergedRanges: [XlsxMergedRange] = []

    func cell(row: Int, column: Int) -> XlsxCell? {
        cells[XlsxCell.reference(row: row, column: column)]
    }

    func cell(_ reference: String) -> XlsxCell? {
        cells[reference.uppercased()]
    }

    /// Row indices that hold at least one cell, ascending.
    func rows() -> [Int] {
        Set(cells.values.map(\.row)).sorted()
    }

    /// The cells of one row, ordered by column.
    func cells(inRow row: Int) -> [XlsxCell] {
        cells.values.filter { $0.row == row }.sorted { $0.column < $1.column }
    }

    /// The cells of one column, ordered by row.
    func cells(inColumn column: Int) -> [XlsxCell] {
        cells.values.filter { $0.column == column }.sorted { $0.row < $1.row }
    }

    var formulaCells: [XlsxCell] {
        cells.values.filter { $0.formula != nil }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// The text of a string cell, trimmed; nil when the cell is missing, blank or numeric.
    func text(row: Int, column: Int) -> String? {
        cell(row: row, column: column)?.string?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The numeric value of a cell (a formula's cached value); nil when missing, blank or text.
    func number(row: Int, column: Int) -> Double? {
        cell(row: row, column: column)?.number
    }

    /// The first row (after `after`, when given) whose cell in `column` is a string equal to `text`
    /// (both trimmed).
    func findRow(where column: Int, equals text: String, after: Int? = nil) -> Int? {
        findRows(where: column, equals: text).first { after == nil || $0 > after! }
    }

    /// Every row whose cell in `column` is a string equal to `text`, ascending.
    func findRows(where column: Int, equals text: String) -> [Int] {
        let wanted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return cells(inColumn: column).filter { $0.string?.trimmingCharacters(in: .whitespacesAndNewlines) == wanted }.map(\.row)
    }

    /// The first row whose cell in `column` is a string satisfying `predicate`.
    func findRow(where column: Int, after: Int? = nil, matching predicate: (String) -> Bool) -> Int? {
        cells(inColumn: column).first { cell in
            (after == nil || cell.row > after!) && cell.string.map(predicate) == true
        }?.row
    }

    /// The merged range whose top-left cell is (row, column), if any.
    func mergedRange(startingAt row: Int, column: Int) -> XlsxMergedRange? {
        mergedRanges.first { $0.firstRow == row && $0.firstColumn == column }
    }
}

// MARK: - Parsers

/// Collects the text of the elements it is told to collect; shared by the parsers below.
private class CollectingParser: NSObject, XMLParserDelegate {
    var failure: Error?
    var text = ""
    var collecting = false

    func run(_ data: Data, part: String) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = self
        if !parser.parse() || failure != nil {
            let reason = failure.map { "\($0)" } ?? parser.parserError.map { "\($0)" } ?? "unknown XML error"
            throw XlsxWorkbook.ReadError(description: "\(part): \(reason)")
        }
    }

    /// Element names without a namespace prefix ("x:c" → "c").
    static func local(_ name: String) -> String {
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return name
    }

    /// Overridden by each parser. (On Linux, XMLParserDelegate is a Swift protocol with default
    /// implementations, so the delegate methods must be implemented here, in the conforming class.)
    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        start(Self.local(elementName), attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        end(Self.local(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if collecting { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failure == nil { failure = parseError }
    }
}

private final class SharedStringsParser: CollectingParser {
    var strings: [String] = []
    var current: String?
    /// Inside <rPh> (phonetic run): its <t> is not part of the string.
    var phoneticDepth = 0

    static func parse(_ data: Data, part: String) throws -> [String] {
        let p = SharedStringsParser()
        try p.run(data, part: part)
        return p.strings
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t" where current != nil && phoneticDepth == 0:
            collecting = true
            text = ""
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "rPh": phoneticDepth -= 1
        case "t" where collecting:
            current? += text
            collecting = false
        default: break
        }
    }
}

private final class RelationshipsParser: CollectingParser {
    var targets: [String: String] = [:]

    static func parse(_ data: Data, part: String) throws -> [String: String] {
        let p = RelationshipsParser()
        try p.run(data, part: part)
        return p.targets
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

private final class WorkbookParser: CollectingParser {
    var sheets: [(name: String, relationshipID: String)] = []

    static func parse(_ data: Data, part: String) throws -> [(name: String, relationshipID: String)] {
        let p = WorkbookParser()
        try p.run(data, part: part)
        return p.sheets
    }

    override func start(_ element: String, _ attributes: [String: String]) {
        guard element == "sheet", let name = attributes["name"] else { return }
        // The relationship attribute is r:id under whatever prefix the file binds to the relationships namespace.
        let id = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value
        if let id {
            sheets.append((name, id))
        } else {
            failure = XlsxWorkbook.ReadError(description: "sheet \(name) has no r:id")
        }
    }
}

private final class SheetParser: CollectingParser {
    let sharedStrings: [String]
    var sheet: XlsxSheet
    var current: XlsxCell?
    var currentRow = -1
    var nextColumn = 0
    var inInlineString = false
    var field = ""

    init(name: String, sharedStrings: [String]) {
        self.sharedStrings = sharedStrings
        self.sheet = XlsxSheet(name: name)
    }

    static func parse(_ data: Data, name: String, part: String, sharedStrings: [String]) throws -> XlsxSheet {
        let p = SheetParser(name: name, sharedStrings: sharedStrings)
        try p.run(data, part: part)
        return p.sheet
    }

    func fail(_ message: String) {
        if failure == nil { failure = XlsxWorkbook.ReadError(description: "sheet \(sheet.name): \(message)") }
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            if let r = attributes["r"], let n = Int(r) { currentRow = n - 1 } else { currentRow += 1 }
            nextColumn = 0
        case "c":
            var position: (row: Int, column: Int)
            if let r = attributes["r"] {
                guard let parsed = XlsxCell.parse(reference: r) else { return fail("bad cell reference \(r)") }
                position = parsed
            } else {
                position = (max(currentRow, 0), nextColumn)
            }
            nextColumn = position.column + 1
            let kind: XlsxCell.Kind
            switch attributes["t"] ?? "n" {
            case "s": kind = .sharedString
            case "str": kind = .formulaString
            case "inlineStr": kind = .inlineString
            case "b": kind = .boolean
            case "e": kind = .error
            case "n": kind = .number
            case let other: return fail("unknown cell type \(other)")
            }
            current = XlsxCell(reference: XlsxCell.reference(row: position.row, column: position.column),
                               row: position.row, column: position.column, kind: kind,
                               styleIndex: attributes["s"].flatMap(Int.init))
        case "f" where current != nil:
            current?.formula = ""
            collecting = true
            text = ""
        case "v" where current != nil:
            collecting = true
            text = ""
        case "is" where current != nil:
            inInlineString = true
            current?.string = ""
        case "t" where inInlineString:
            collecting = true
            text = ""
        case "mergeCell":
            guard let ref = attributes["ref"] else { return }
            let ends = ref.split(separator: ":").map(String.init)
            guard (1...2).contains(ends.count), let first = XlsxCell.parse(reference: ends[0]),
                  let lastPosition = XlsxCell.parse(reference: ends[ends.count - 1]) else { return fail("bad merge range \(ref)") }
            sheet.mergedRanges.append(XlsxMergedRange(firstRow: first.row, firstColumn: first.column,
                                                      lastRow: lastPosition.row, lastColumn: lastPosition.column))
        default:
            break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "f" where current != nil && collecting:
            var formula = text
            if formula.hasPrefix("=") { formula.removeFirst() }
            current?.formula = formula
            collecting = false
        case "v" where current != nil && collecting:
            current?.rawValue = text
            collecting = false
        case "t" where inInlineString && collecting:
            current?.string? += text
            collecting = false
        case "is":
            inInlineString = false
        case "c":
            guard var cell = current else { return }
            current = nil
            switch cell.kind {
            case .sharedString:
                guard let raw = cell.rawValue else { break }
                guard let index = Int(raw), sharedStrings.indices.contains(index) else {
                    return fail("\(cell.reference): shared string index \(raw) out of range")
                }
                cell.string = sharedStrings[index]
            case .formulaString:
                cell.string = cell.rawValue ?? ""
            case .inlineString:
                break
            case .number:
                if let raw = cell.rawValue {
                    guard let value = Double(raw.trimmingCharacters(in: .whitespaces)) else {
                        return fail("\(cell.reference): number cell holds \"\(raw)\"")
                    }
                    cell.number = value
                }
            case .boolean, .error:
                break
            }
            if sheet.cells[cell.reference] != nil { return fail("cell \(cell.reference) written twice") }
            sheet.cells[cell.reference] = cell
        default:
            break
        }
    }
}
