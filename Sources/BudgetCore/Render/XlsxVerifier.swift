import Foundation
import ZIPFoundation

/// Checks a finished workbook before it may replace the user's file: a readable zip whose every part
/// passes its CRC, the parts a workbook needs, one worksheet part per sheet, and every XML part
/// complete (ending with the closing tag of its root element). libxlsxwriter writes parts through
/// C stdio without checking every write, so a part cut short by a full disk would otherwise be
/// packed as if it were whole.
public enum XlsxVerifier {
    struct Failure: Error, CustomStringConvertible { var description: String }

    public static func verify(_ path: String, sheetCount: Int) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Failure(description: "生成的工作簿不是完整的 zip 文件（\(error)）")
        }
        var parts = Set<String>()
        var worksheets = 0
        for entry in archive {
            parts.insert(entry.path)
            if entry.path.hasPrefix("xl/worksheets/sheet") { worksheets += 1 }
            var content = Data()
            do {
                _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { content.append($0) }
            } catch {
                throw Failure(description: "工作簿的部件 \(entry.path) 损坏（\(error)）")
            }
            if entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
                guard isCompleteXML(content) else { throw Failure(description: "工作簿的部件 \(entry.path) 不完整（磁盘已满？）") }
            }
        }
        for required in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml"] where !parts.contains(required) {
            throw Failure(description: "工作簿缺少部件 \(required)")
        }
        guard worksheets == sheetCount else {
            throw Failure(description: "工作簿应有 \(sheetCount) 张工作表，实际写出 \(worksheets) 张")
        }
    }

    /// The XML ends with `</ROOT>` (or the root is self-closing), ROOT being its first element.
    static func isCompleteXML(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        var i = 0
        // Skip the declaration and comments to the root element's name.
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
        // A root element that closes itself: `<root …/>` and nothing after it.
        if end >= 2, bytes[end - 2] == UInt8(ascii: "/"), bytes[end - 1] == UInt8(ascii: ">"),
           !bytes[(i + 1)..<end].contains(UInt8(ascii: "<")) { return true }
        return false
    }
}

/// Text as a spreadsheet will read it back. Spreadsheets decode `_xHHHH_` in cell text as the
/// character U+HHHH, so a literal `_x0041_` written by the user is escaped as `_x005F_x0041_`;
/// characters XML 1.0 forbids (control characters, U+FFFE, U+FFFF) are replaced by U+FFFD — the
/// syntax stage already reports them, this keeps a forced draft valid.
public enum XlsxText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "_" || !isAllowedInXML($0) }) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if !isAllowedInXML(s) {
                out.append("\u{FFFD}")
            } else if s == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
                      scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    /// XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowedInXML(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
