import Foundation

/// Diagnostics are values: every stage returns them and keeps going, so one run reports every problem.

public enum Severity: String, Sendable, Comparable, Codable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a source file: 1-based line and column (columns count Unicode characters).
/// The file is an index into `SourceFiles` (issue 15): every field and line of a budget carries a
/// span, and a path String in each was copied and reference-counted with it.
///
/// Stored as four 32-bit integers (16 bytes, not 32): a budget line carries half a dozen spans and
/// each of its fields one, so at a million lines the width of a span is hundreds of megabytes
/// (issue 15). Values beyond 32 bits (a line longer than 2 GB) are clamped.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var fileID: Int32
    private var storedLine: Int32
    private var storedColumn: Int32
    private var storedLength: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }
    /// How many characters the span covers on its line (at least 1 for the caret).
    public var length: Int {
        get { Int(storedLength) }
        set { storedLength = Int32(clamping: newValue) }
    }

    /// The path as the user named it.
    public var file: String {
        get { SourceFiles.path(fileID) }
        set { fileID = SourceFiles.id(newValue) }
    }

    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.init(fileID: SourceFiles.id(file), line: line, column: column, length: length)
    }

    public init(fileID: Int32, line: Int, column: Int, length: Int = 1) {
        self.fileID = fileID
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
        self.storedLength = Int32(clamping: max(1, length))
    }

    /// A span for problems that concern a whole file rather than a place in it.
    public static func wholeFile(_ file: String) -> SourceSpan {
        SourceSpan(file: file, line: 0, column: 0, length: 1)
    }

    private enum CodingKeys: String, CodingKey { case file, line, column, length }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try c.decode(String.self, forKey: .file), line: try c.decode(Int.self, forKey: .line),
                  column: try c.decode(Int.self, forKey: .column), length: try c.decode(Int.self, forKey: .length))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(length, forKey: .length)
    }
}

/// The paths of every source span in the process, each stored once: a span holds the index.
/// Paths are never removed (a process reads a bounded number of files).
public enum SourceFiles {
    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var paths: [String] = []
        var ids: [Path: Int32] = [:]
    }
    /// Keyed by the exact bytes: a path is shown as it was written, even one that differs from
    /// another only in Unicode normalisation.
    private struct Path: Hashable {
        var text: String
        static func == (a: Path, b: Path) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
    private static let table = Table()

    /// The index of `path`, added on first use.
    public static func id(_ path: String) -> Int32 {
        table.lock.lock()
        defer { table.lock.unlock() }
        if let id = table.ids[Path(text: path)] { return id }
        let id = Int32(table.paths.count)
        table.paths.append(path)
        table.ids[Path(text: path)] = id
        return id
    }

    public static func path(_ id: Int32) -> String {
        table.lock.lock()
        defer { table.lock.unlock() }
        return table.paths[Int(id)]
    }
}

public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    /// Stable identifier, ASCII, e.g. `unknown-code`. Rules and the parser share the namespace.
    public var id: String
    public var message: String
    public var span: SourceSpan?
    public var hint: String?

    public init(_ severity: Severity, _ id: String, _ message: String, at span: SourceSpan?, hint: String? = nil) {
        self.severity = severity
        self.id = id
        self.message = message
        self.span = span
        self.hint = hint
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var noteCount: Int { filter { $0.severity == .note }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column; problems without a place come first. Stable for equal keys.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let sa = a.element.span, sb = b.element.span
            let ka = (sa?.file ?? "", sa?.line ?? -1, sa?.column ?? -1)
            let kb = (sb?.file ?? "", sb?.line ?? -1, sb?.column ?? -1)
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
