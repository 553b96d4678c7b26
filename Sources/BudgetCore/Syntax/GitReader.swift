import Foundation

/// Reads budget files as they were at a git revision, with git itself (`git show REV:./file`),
/// so `budgetc diff HEAD~1 -- budget.bud` works on includes too.
public enum GitReader {
    public struct Failure: Error, CustomStringConvertible { public var description: String }

    /// A loader whose files come from `revision` instead of the working tree. The revision is checked
    /// first (`git rev-parse --verify --end-of-options`), so it can never be taken as an option of git's
    /// (`--output=FILE` would make git write a file).
    public static func loader(revision: String, directory: String = ".") throws -> Loader {
        guard !revision.isEmpty, !revision.hasPrefix("-"), !revision.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw Failure(description: "“\(revision)”不是 git 版本名")
        }
        _ = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: directory,
                    failure: "git 中没有版本“\(revision)”")
        return Loader(readFile: { path in try show(revision: revision, path: path) })
    }

    public static func show(revision: String, path: String) throws -> Data {
        let directory = BudgetPath.directory(of: path)
        let name = BudgetPath.fileName(of: path)
        return try git(["show", "--end-of-options", "\(revision):./\(name)"], in: directory.isEmpty ? "." : directory, failure: nil)
    }

    /// Runs git; on failure throws git's own message (or `failure` when git said nothing).
    static func git(_ arguments: [String], in directory: String, failure: String?) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: said.isEmpty ? (failure ?? "git 出错（退出码 \(process.terminationStatus)）") : said)
        }
        return data
    }

    /// `git diff` runs textconv (`budgetc flat`) on a temporary copy (`git-blob-XXXXXX/NAME`) outside the work
    /// tree, where the budget's `包含` files cannot be found. The includes are then read from the work
    /// tree, beside each tracked file called NAME (git runs textconv at the top of the work tree). The
    /// result is marked, since the included files are today's, not necessarily the revision's.
    /// Returns the loaders to try, with the folder each reads includes from.
    public static func workingTreeLoaders(forTextconvCopy path: String) -> [(loader: Loader, folder: String)] {
        let name = BudgetPath.fileName(of: path)
        let original: String
        if BudgetPath.fileName(of: BudgetPath.directory(of: path)).hasPrefix("git-blob-") {
            original = name // git ≥ 2.x: /tmp/git-blob-XXXXXX/NAME
        } else if let underscore = name.firstIndex(of: "_"), name.distance(from: name.startIndex, to: underscore) == 6 {
            original = String(name[name.index(after: underscore)...]) // older git: /tmp/XXXXXX_NAME
        } else {
            return []
        }
        guard let listed = try? git(["ls-files", "-z"], in: ".", failure: nil) else { return [] }
        let copyFolder = BudgetPath.directory(of: path)
        return String(decoding: listed, as: UTF8.self).split(separator: "\0").map(String.init)
            .filter { BudgetPath.fileName(of: $0) == original }
            .map { tracked in
                let folder = BudgetPath.directory(of: tracked)
                let loader = Loader(readFile: { requested in
                    // Files beside the copy are read from beside the tracked file; the copy itself as it is.
                    let mapped = requested != path && requested.hasPrefix(copyFolder + "/")
                        ? BudgetPath.join(folder, String(requested.dropFirst(copyFolder.count + 1))) : requested
                    return try Data(contentsOf: URL(fileURLWithPath: mapped))
                })
                return (loader, folder.isEmpty ? "." : folder)
            }
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
