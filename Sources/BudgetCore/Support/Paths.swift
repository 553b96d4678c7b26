import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Path arithmetic on plain strings. Foundation's `NSString` path methods are not used: on Linux they
/// trap on one-character paths (`budgetc check z` died with SIGILL), and they know nothing of the
/// backslashes that Windows users write (`包含 "单位\962001.bud"`).
public enum BudgetPath {
    /// `\` is accepted as a separator in every path a budget names, so a file written on Windows works
    /// unchanged. (A Linux file name containing a backslash cannot be named from a budget.)
    public static func normalizingSeparators(_ path: String) -> String {
        path.contains("\\") ? path.replacingAll("\\", with: "/") : path
    }

    public static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// The folder part of `path` ("" for a bare name, "/" for a file in the root folder).
    public static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return String(folder)
    }

    /// The last component of `path`.
    public static func fileName(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The extension of the last component, lowercased, without the dot ("" when there is none).
    public static func fileExtension(of path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// `path` without the extension of its last component.
    public static func deletingExtension(_ path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path }
        return String(path.dropLast(name.distance(from: dot, to: name.endIndex)))
    }

    /// `relative` resolved against `folder` ("" means the current folder); absolute paths stay as they are.
    public static func join(_ folder: String, _ relative: String) -> String {
        if isAbsolute(relative) || folder.isEmpty { return relative }
        return folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    /// A path written in a budget, resolved against the folder of the file that names it.
    public static func resolve(_ written: String, relativeToFile file: String) -> String {
        join(directory(of: file), normalizingSeparators(written))
    }

    /// The file's real path (every symbolic link followed), or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of `path` even when its last component does not exist yet (a new output file):
    /// the folder is resolved, the name kept.
    public static func realPathAllowingNewFile(_ path: String) -> String? {
        if let real = realPath(path) { return real }
        guard let folder = realPath(directory(of: path).isEmpty ? "." : directory(of: path)) else { return nil }
        return join(folder, fileName(of: path))
    }

    /// Whether `path` lies inside `folder` (both real paths).
    public static func isInside(_ path: String, folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// `text` cut to at most `limit` bytes of UTF-8 without splitting a character.
    public static func prefix(_ text: String, utf8Bytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var out = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > limit { break }
            out.append(character)
            used += size
        }
        return out
    }
}

/// A file's identity on disk (device and inode): the same for every name of the file, through
/// symbolic and hard links, so "is the output one of the inputs?" cannot be fooled by a link.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the file `path` names (links followed), or nil when it does not exist.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
