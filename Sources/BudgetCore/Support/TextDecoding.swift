import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of a budget file into text, accepting what Windows editors produce:
/// UTF-8 with or without BOM, UTF-16 with BOM, and GBK/GB18030 (decoded through iconv).
public enum TextDecoding {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", gb18030 = "GB18030" }

    public struct Decoded: Sendable {
        public var text: String
        public var encoding: Encoding
        public var hadBOM: Bool
    }

    public enum Failure: Error, Equatable {
        case binary
        case undecodable
        /// Every other byte is zero: UTF-16 saved without a byte-order mark.
        case utf16WithoutBOM
    }

    public static func decode(_ data: Data) -> Result<Decoded, Failure> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { return .failure(.undecodable) }
            return checked(Decoded(text: text, encoding: .utf8, hadBOM: true))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            let body = Array(bytes.dropFirst(2))
            guard body.count % 2 == 0 else { return .failure(.undecodable) }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = 0
            while i < body.count {
                let (a, b) = (UInt16(body[i]), UInt16(body[i + 1]))
                units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
                i += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else { return .failure(.undecodable) }
            return checked(Decoded(text: text, encoding: littleEndian ? .utf16LE : .utf16BE, hadBOM: true))
        }
        // UTF-16 without a BOM is valid UTF-8 full of NULs: recognise it first.
        if looksLikeUTF16WithoutBOM(bytes) { return .failure(.utf16WithoutBOM) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return checked(Decoded(text: text, encoding: .utf8, hadBOM: false))
        }
        if let text = iconvDecode(bytes, from: "GB18030") {
            return checked(Decoded(text: text, encoding: .gb18030, hadBOM: false))
        }
        if looksLikeUTF16WithoutBOM(bytes) { return .failure(.utf16WithoutBOM) }
        return .failure(looksBinary(bytes) ? .binary : .undecodable)
    }

    /// Text full of control characters is not a budget, whatever its encoding.
    /// On the UTF-8 bytes (issue 15: walking scalars cost 3.5 M instructions of `check`): a byte below 0x20 is
    /// always a whole scalar, and the first 4096 scalars are the bytes up to the 4097th that does not continue one.
    private static func checked(_ decoded: Decoded) -> Result<Decoded, Failure> {
        var text = decoded.text
        let binary = text.withUTF8 { bytes -> Bool in
            var controls = 0
            var total = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte & 0xC0 != 0x80 {
                    if total == 4096 { break }
                    total += 1
                    if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { controls += 1 }
                }
                i += 1
            }
            if controls > 0 && controls * 20 > total { return true }
            // U+0000 is the only scalar whose UTF-8 has a zero byte.
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, 0, bytes.count) != nil
        }
        return binary ? .failure(.binary) : .success(decoded)
    }

    private static func looksLikeUTF16WithoutBOM(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        guard sample.count >= 8, sample.count % 2 == 0 else { return false }
        let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[sample.startIndex + $0] == 0 }.count
        let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[sample.startIndex + $0] == 0 }.count
        let half = sample.count / 2
        // ASCII in UTF-16 puts a zero in every other byte; CJK text rarely does in the other parity.
        return (evenZeros * 10 >= half * 3 && oddZeros * 20 <= half) || (oddZeros * 10 >= half * 3 && evenZeros * 20 <= half)
    }

    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(4096).contains(0)
    }

    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        #if canImport(Glibc)
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return false }
                return true
            }
        }
        guard ok else { return nil }
        let end = output.firstIndex(of: 0) ?? output.count
        return String(validating: output[..<end], as: UTF8.self)
        #else
        return nil
        #endif
    }
}
