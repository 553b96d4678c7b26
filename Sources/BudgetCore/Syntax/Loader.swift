import Foundation

/// Reads a root budget file and every file it includes (`包含 "path"`), in order.
/// Included nodes are spliced where the `包含` line stood, so an include behaves like pasting the file.
public struct Loader {
    public static let includeKeywords: Set<String> = ["包含", "include"]
    public static let maxIncludeDepth = 16

    public struct Loaded: Sendable {
        public var files: [SyntaxFile]
        /// Top-level nodes of the root file with includes spliced in.
        public var nodes: [SyntaxNode]
    }

    /// `readFile` is injectable so tests can load inline sources.
    public var readFile: @Sendable (String) throws -> Data

    public init(readFile: @escaping @Sendable (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }) {
        self.readFile = readFile
    }

    public func load(path: String) -> (Loaded, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [SyntaxFile] = []
        let nodes = loadFile(path: path, from: nil, chain: [], files: &files, diagnostics: &diagnostics) ?? []
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
            return (file, diagnostics)
        }
    }

    private func loadFile(path: String, from request: SourceSpan?, chain: [String], files: inout [SyntaxFile],
                          diagnostics: inout [Diagnostic]) -> [SyntaxNode]? {
        let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if chain.contains(canonical) {
            diagnostics.append(Diagnostic(.error, "include-cycle", "包含关系形成循环：" + (chain + [canonical]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → "),
                                          at: request, hint: "删除其中一个 包含 行"))
            return nil
        }
        if chain.count >= Loader.maxIncludeDepth {
            diagnostics.append(Diagnostic(.error, "include-depth", "包含层次超过 \(Loader.maxIncludeDepth) 层", at: request,
                                          hint: "把被包含的文件直接列在根文件里"))
            return nil
        }
        let data: Data
        do {
            data = try readFile(path)
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
        files.append(file)
        var result: [SyntaxNode] = []
        let directory = (path as NSString).deletingLastPathComponent
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
            let targetPath = target.text.hasPrefix("/") ? target.text : (directory.isEmpty ? target.text : directory + "/" + target.text)
            if let included = loadFile(path: targetPath, from: target.span, chain: chain + [canonical], files: &files, diagnostics: &diagnostics) {
                result += included
            }
        }
        return result
    }
}
