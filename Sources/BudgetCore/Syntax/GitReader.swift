import Foundation

/// Reads budget files as they were at a git revision, with git itself (`git show REV:./file`),
/// so `budgetc diff HEAD~1 -- budget.bud` works on includes too.
public enum GitReader {
    public struct Failure: Error, CustomStringConvertible { public var description: String }

    /// A loader whose files come from `revision` instead of the working tree.
    public static func loader(revision: String) -> Loader {
        Loader(readFile: { path in try show(revision: revision, path: path) })
    }

    public static func show(revision: String, path: String) throws -> Data {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.isEmpty ? "." : directory, "show", "\(revision):./\(name)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }

    /// `REV:path` (e.g. `2024-final:budget.bud`, `HEAD~1:budget.bud`) when `argument` is not an existing file.
    public static func splitRevision(_ argument: String) -> (revision: String, path: String)? {
        guard !FileManager.default.fileExists(atPath: argument), let colon = argument.firstIndex(of: ":"),
              colon != argument.startIndex else { return nil }
        let path = String(argument[argument.index(after: colon)...])
        guard !path.isEmpty else { return nil }
        return (String(argument[..<colon]), path)
    }
}
