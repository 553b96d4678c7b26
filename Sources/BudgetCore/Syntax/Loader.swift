import Foundation

/// Reads a root budget file and every file it includes (`包含 "path"`), in order.
/// Included nodes are spliced where the `包含` line stood, so an include behaves like pasting the file.
///
/// What may be opened is decided by `policy` (docs/safety.md): files a budget names must be budget
/// files (`.bud`; catalogs `.tsv`), inside `--root` when one is set. Each file is included at most
/// once and the total is bounded, so a handful of files including each other many times cannot make
/// the work grow exponentially.
public struct Loader {
    public static let includeKeywords: Set<String> = ["包含", "include"]
    public static let maxIncludeDepth = 16
    /// At most this many files (root and includes) in one budget.
    public static let maxFiles = 2_000
    /// At most this many lines in all the files of one budget together.
    public static let maxTotalLines = 5_000_000

    public struct Loaded: Sendable {
        public var files: [SyntaxFile]
        /// Top-level nodes of the root file with includes spliced in.
        public var nodes: [SyntaxNode]
    }

    /// `readFile` is injectable so tests can load inline sources.
    public var readFile: @Sendable (String) throws -> Data
    public var policy = PathPolicy()

    /// A file that could not be read (`loadFile` says why from the path).
    public struct Unreadable: Error { public init() {} }

    /// The default reads through FileManager: `Data(contentsOf: URL(…))` cost two conformance look-ups at every
    /// start (issue 15).
    public init(readFile: @escaping @Sendable (String) throws -> Data = { path in
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable() }
        return data
    }) {
        self.readFile = readFile
    }

    /// Files already read in one `load`, by real path: a second include of the same file is an error.
    struct Visit {
        var seen: [String: SourceSpan?] = [:]
        var lines = 0
    }

    public func load(path: String) -> (Loaded, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [SyntaxFile] = []
        var visit = Visit()
        if let refusal = policy.refusal(forRoot: path) {
            return (Loaded(files: [], nodes: []), [Diagnostic(.error, "path-policy", refusal, at: .wholeFile(path))])
        }
        let nodes = loadFile(path: path, from: nil, chain: [], visit: &visit, files: &files, diagnostics: &diagnostics) ?? []
        return (Loaded(files: files, nodes: nodes), diagnostics)
    }

    /// Decodes and parses one file's bytes; shared with tools that read a single file (fmt, tests).
    public static func parseData(_ data: Data, path: String, requestedAt: SourceSpan?) -> (SyntaxFile?, [Diagnostic]) {
        switch TextDecoding.decode(data) {
        case .failure(.binary):
            return (nil, [Diagnostic(.error, "encoding", "“\(path)”不是文本文件（看起来是二进制数据）", at: requestedAt ?? .wholeFile(path),
                                     hint: "预算文件应是用记事本、WPS 或 VS Code 编辑的纯文本")])
        case .failure(.utf16WithoutBOM):
            return (nil, [Diagnostic(.error, "encoding", "“\(path)”看起来是没有 BOM 的 UTF-16 文本", at: requestedAt ?? .wholeFile(path),
                                     hint: "在编辑器中以 UTF-8 编码另存该文件")])
        case .failure(.undecodable):
            return (nil, [Diagnostic(.error, "encoding", "无法识别“\(path)”的文字编码（既不是 UTF-8，也不是 GBK/GB18030）", at: requestedAt ?? .wholeFile(path),
                                     hint: "在编辑器中以 UTF-8 编码另存该文件")])
        case .success(let decoded):
            let source = SourceFile(path: path, text: decoded.text, encoding: decoded.encoding, hadBOM: decoded.hadBOM)
            let (file, diagnostics) = LineParser.parse(source)
            // One pass over the whole text finds most files clean; only then are lines looked at one by one.
            return (file, (mayHaveForbiddenCharacters(decoded.text) ? forbiddenCharacters(in: source) : []) + diagnostics)
        }
    }

    /// Control characters (other than Tab and line ends) and U+FFFE/U+FFFF have no place in a budget:
    /// a spreadsheet cannot hold them (XML forbids them; LibreOffice then drops every later string),
    /// and on a terminal an ESC sequence can retitle the window or fake output. Each is an error at
    /// its place. One byte-level pass; line and column are computed only for a hit.
    /// The byte test of `forbiddenCharacters` over the whole text, line ends allowed.
    static func mayHaveForbiddenCharacters(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Eight bytes at a time: only a word with a byte below 0x20, 0x7F or 0xEF (the lead byte of
            // U+FFFE/U+FFFF, and of full-width forms) is looked at byte by byte (issue 15).
            let count = bytes.count
            var i = 0
            guard let base = bytes.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            while i + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if !Loader.wordMayHaveForbidden(word) { i += 8; continue }
                if Loader.bytesHaveForbidden(bytes, from: i, to: Swift.min(count, i + 8)) { return true }
                i += 8
            }
            return Loader.bytesHaveForbidden(bytes, from: i, to: count)
        }
    }

    /// Whether any byte of `word` is below 0x20, 0x7F or 0xEF (exact: no false negatives).
    @inline(__always)
    static func wordMayHaveForbidden(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        // A byte below 0x20: its top three bits are zero (checked on the masked word).
        let top3 = word & 0xE0E0_E0E0_E0E0_E0E0
        return hasZeroByte(top3) || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* 0xEF))
    }

    /// The byte test over `bytes[from..<to]`; U+FFFE/U+FFFF (EF BF BE/BF) are looked for from each EF,
    /// reading past `to` when the sequence crosses it.
    static func bytesHaveForbidden(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var i = from
        while i < to {
            let byte = bytes[i]
            if (byte < 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A) || byte == 0x7F { return true }
            if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF { return true }
            i += 1
        }
        return false
    }

    static func forbiddenCharacters(in source: SourceFile) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for index in 0..<source.lineCount {
            var line = source.line(index)
            let suspicious = line.withUTF8 { bytes in
                var previous: (UInt8, UInt8) = (0, 0)
                for byte in bytes {
                    if (byte < 0x20 && byte != 0x09 && byte != 0x0D) || byte == 0x7F || (previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF)) {
                        return true
                    }
                    previous = (previous.1, byte)
                }
                return false
            }
            guard suspicious else { continue }
            for (column, scalar) in line.unicodeScalars.enumerated() where !isAllowedInText(scalar) {
                found.append(Diagnostic(.error, "control-character", "第 \(column + 1) 个字符是不可见的控制字符 U+\(String(format: "%04X", scalar.value))，工作簿中不能有它",
                                        at: SourceSpan(file: source.path, line: index + 1, column: column + 1, length: 1),
                                        hint: "删除这个字符（常见于从网页、PDF 或其他程序复制的文字）"))
                if found.count >= 100 { return found }
            }
        }
        return found
    }

    static func isAllowedInText(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0D: return true
        case 0x00...0x1F, 0x7F, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    private func loadFile(path: String, from request: SourceSpan?, chain: [String], visit: inout Visit, files: inout [SyntaxFile],
                          diagnostics: inout [Diagnostic]) -> [SyntaxNode]? {
        let canonical = BudgetPath.realPath(path) ?? path
        if chain.contains(canonical) {
            diagnostics.append(Diagnostic(.error, "include-cycle", "包含关系形成循环：" + (chain + [canonical]).map { BudgetPath.fileName(of: $0) }.joined(separator: " → "),
                                          at: request, hint: "删除其中一个 包含 行"))
            return nil
        }
        if chain.count >= Loader.maxIncludeDepth {
            diagnostics.append(Diagnostic(.error, "include-depth", "包含层次超过 \(Loader.maxIncludeDepth) 层", at: request,
                                          hint: "把被包含的文件直接列在根文件里"))
            return nil
        }
        if let first = visit.seen[canonical] {
            let whereFirst = first.map { "（第一次在 \($0.file):\($0.line)）" } ?? "（它是根文件）"
            diagnostics.append(Diagnostic(.error, "include-duplicate", "文件“\(BudgetPath.fileName(of: path))”已被包含过\(whereFirst)；同一文件包含两次会把其中的金额算两次",
                                          at: request, hint: "删除这一行 包含"))
            return nil
        }
        if visit.seen.count >= Loader.maxFiles {
            diagnostics.append(Diagnostic(.error, "include-limit", "包含的文件超过 \(Loader.maxFiles) 个", at: request,
                                          hint: "一份预算通常只需几十个文件；检查是否有误写的 包含 行"))
            return nil
        }
        visit.seen[canonical] = request
        let data: Data
        do {
            data = try readFile(path)
        } catch let failure as GitReader.Failure {
            diagnostics.append(Diagnostic(.error, request == nil ? "io" : "include-missing", "无法从 git 读取“\(path)”：\(failure.description)",
                                          at: request ?? .wholeFile(path)))
            return nil
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let message = !exists ? "找不到文件“\(path)”" : isDirectory.boolValue ? "“\(path)”是一个目录（文件夹），不是预算文件" : "无法读取文件“\(path)”（没有读取权限？）"
            diagnostics.append(Diagnostic(.error, request == nil ? "io" : "include-missing", message,
                                          at: request ?? .wholeFile(path), hint: request == nil ? nil : "路径相对于写 包含 的那个文件"))
            return nil
        }
        let (parsed, parseDiagnostics) = Loader.parseData(data, path: path, requestedAt: request)
        diagnostics += parseDiagnostics
        guard let file = parsed else { return nil }
        visit.lines += file.source.lineCount
        if visit.lines > Loader.maxTotalLines {
            diagnostics.append(Diagnostic(.error, "include-limit", "预算的全部文件合计超过 \(Loader.maxTotalLines) 行", at: request ?? .wholeFile(path),
                                          hint: "检查是否有误写的 包含 行"))
            return nil
        }
        files.append(file)
        var result: [SyntaxNode] = []
        for node in file.nodes {
            guard let keyword = node.keyword, Loader.includeKeywords.contains(keyword) else {
                result.append(node)
                continue
            }
            for child in node.children {
                diagnostics.append(Diagnostic(.error, "syntax", "包含 行下面不能有缩进的内容", at: child.span, hint: "检查缩进"))
            }
            if let formula = node.formula {
                diagnostics.append(Diagnostic(.error, "syntax", "包含 行不能写公式（=）", at: formula.span))
            }
            guard node.fields.count == 2, let target = node.fields.last, !target.text.isEmpty else {
                diagnostics.append(Diagnostic(.error, "syntax", "包含 后面应写一个文件路径", at: node.span,
                                              hint: "例如：包含 \"单位/962001.bud\""))
                continue
            }
            let targetPath = BudgetPath.resolve(target.text, relativeToFile: path)
            if let refusal = policy.refusal(forNamed: targetPath, written: target.text, kind: .budget) {
                diagnostics.append(Diagnostic(.error, "path-policy", refusal, at: target.span, hint: PathPolicy.hint(.budget)))
                continue
            }
            if let included = loadFile(path: targetPath, from: target.span, chain: chain + [canonical], visit: &visit, files: &files, diagnostics: &diagnostics) {
                result += included
            }
        }
        return result
    }
}
