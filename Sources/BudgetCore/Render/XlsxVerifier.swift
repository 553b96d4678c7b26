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
            let path = entry.path // decoded from the zip's bytes at every call
            parts.insert(path)
            if path.hasPrefix("xl/worksheets/sheet") { worksheets += 1 }
            // Read part by part in chunks: the CRC and the end of the XML are checked without holding a
            // whole part in memory (a region's 表14 is hundreds of MiB of XML).
            var end = XMLEnd()
            do {
                _ = try archive.extract(entry, bufferSize: 1 << 14, skipCRC32: false) { end.feed($0) }
            } catch {
                throw Failure(description: "工作簿的部件 \(path) 损坏（\(error)）")
            }
            if path.hasSuffix(".xml") || path.hasSuffix(".rels") {
                guard end.isComplete else { throw Failure(description: "工作簿的部件 \(path) 不完整（磁盘已满？）") }
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
        var end = XMLEnd()
        end.feed(data)
        return end.isComplete
    }

    /// Whether an XML text read in pieces ends with `</ROOT>`, ROOT being its first element after the
    /// declaration and comments, or consists of a root element that closes itself (`<root …/>`). Keeps
    /// the root's name, whether a `<` follows the root's, and the last bytes before trailing whitespace.
    struct XMLEnd {
        static let whitespace: [UInt8] = [UInt8(ascii: " "), 10, 13, 9]
        private var rootFound = false, nameDone = false, lessThanAfterRoot = false
        private var previousWasLessThan = false // a `<` ended the last piece: the next byte says whether it opens the root
        private var name: [UInt8] = []
        private var tail: [UInt8] = []     // the last bytes up to the last non-whitespace byte
        private var spaces: [UInt8] = []   // whitespace after them (it joins the tail when more text follows)

        mutating func feed(_ piece: Data) {
            piece.withUnsafeBytes { feed(UnsafeRawBufferPointer($0)) }
        }

        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            guard n > 0 else { return }
            var i = 0
            if !rootFound {
                while i < n {
                    let b = bytes[i]
                    if previousWasLessThan {
                        previousWasLessThan = false
                        if b != UInt8(ascii: "?") && b != UInt8(ascii: "!") { rootFound = true; break }
                    }
                    if b == UInt8(ascii: "<") { previousWasLessThan = true }
                    i += 1
                }
            }
            if rootFound && !nameDone {
                while i < n, !XMLEnd.whitespace.contains(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") {
                    name.append(bytes[i])
                    i += 1
                }
                if i < n { nameDone = true }
            }
            if rootFound && !lessThanAfterRoot && i < n {
                lessThanAfterRoot = UnsafeRawBufferPointer(rebasing: bytes[i...]).contains(UInt8(ascii: "<"))
            }
            // The tail: enough for `</ROOT>`.
            let keep = max(1024, name.count + 3)
            var last = n - 1
            while last >= 0, XMLEnd.whitespace.contains(bytes[last]) { last -= 1 }
            if last >= 0 {
                tail += spaces
                tail += UnsafeRawBufferPointer(rebasing: bytes[0...last])
                if tail.count > keep { tail.removeFirst(tail.count - keep) }
                spaces = Array(UnsafeRawBufferPointer(rebasing: bytes[(last + 1)...]).suffix(keep))
            } else {
                spaces += UnsafeRawBufferPointer(rebasing: bytes[...]).suffix(keep)
                if spaces.count > keep { spaces.removeFirst(spaces.count - keep) }
            }
        }

        var isComplete: Bool {
            guard rootFound else { return false }
            let closing = [UInt8(ascii: "<"), UInt8(ascii: "/")] + name + [UInt8(ascii: ">")]
            if tail.count >= closing.count, Array(tail.suffix(closing.count)) == closing { return true }
            // A root element that closes itself: `<root …/>` and nothing after it.
            return tail.count >= 2 && tail[tail.count - 2] == UInt8(ascii: "/") && tail[tail.count - 1] == UInt8(ascii: ">") && !lessThanAfterRoot && !name.contains(UInt8(ascii: "<"))
        }
    }
}

/// Text as a spreadsheet will read it back. Spreadsheets decode `_xHHHH_` in cell text as the
/// character U+HHHH, so a literal `_x0041_` written by the user is escaped as `_x005F_x0041_`;
/// characters XML 1.0 forbids (control characters, U+FFFE, U+FFFF) are replaced by U+FFFD — the
/// syntax stage already reports them, this keeps a forced draft valid.
public enum XlsxText {
    public static func escaped(_ text: String) -> String {
        guard mayNeedEscaping(text), text.unicodeScalars.contains(where: { $0 == "_" || !isAllowedInXML($0) }) else { return text }
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

    /// Whether the UTF-8 bytes hold an underscore or a character XML forbids (a control character;
    /// U+FFFE, U+FFFF: EF BF BE, EF BF BF), decided without decoding scalars (every text cell is written).
    static func mayNeedEscaping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "_") || (b < 0x20 && b != 0x9 && b != 0xA && b != 0xD) { return true }
                if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return true }
                i += 1
            }
            return false
        }
    }

    /// XML 1.0: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowedInXML(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
