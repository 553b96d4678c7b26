import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one way budgetc writes a file (workbook, fmt, init, notes, cell dump). See docs/safety.md.
///
/// 1. The target is checked: a new file, or an existing regular file (a symbolic link is written
///    through to the file it names); never one of the files the run read (`protecting`, compared by
///    device and inode, so links cannot hide an input); inside `--root` when one is set.
/// 2. The content is written into a private folder (mode 0700, created exclusively) beside the target,
///    so no other user can plant a link at the temporary name and the temporary data lives on the
///    target's disk. Folders left by a killed run (its process gone) are removed by the next write there.
/// 3. The written file is synced and verified (`verify`), then renamed over the target in one step.
/// On any failure the temporary folder is removed and the target is left exactly as it was.
public enum SafeWrite {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// What a rewriting command (fmt) read: the target must still hold exactly these bytes when the new
    /// content is put in place, and keeps its permissions and owner.
    public struct Original: Sendable {
        public var data: Data
        public init(data: Data) { self.data = data }
    }

    /// Writes `data`; verification reads the file back and compares.
    public static func write(_ data: Data, to path: String, protecting inputs: Set<FileIdentity> = [],
                             replacing original: Original? = nil, root: String? = nil) throws {
        try write(to: path, protecting: inputs, replacing: original, root: root, produce: { temporary, _ in
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Failure("无法创建临时文件：\(String(cString: strerror(errno)))") }
            defer { close(fd) }
            try writeAll(fd, data)
        }, verify: { temporary in
            guard let back = FileManager.default.contents(atPath: temporary), back == data else {
                throw Failure("写入后读回的内容与应写内容不一致（磁盘已满？）")
            }
        })
    }

    /// The general form: `produce(temporaryPath, privateFolder)` creates the file (the folder can hold
    /// the producer's own scratch files), `verify(temporaryPath)` checks it before it replaces the target.
    public static func write(to path: String, protecting inputs: Set<FileIdentity> = [], replacing original: Original? = nil,
                             root: String? = nil, produce: (String, String) throws -> Void, verify: (String) throws -> Void) throws {
        let target = try checkedTarget(path, protecting: inputs, replacing: original, root: root)
        let folder = BudgetPath.directory(of: target).isEmpty ? "." : BudgetPath.directory(of: target)
        removeAbandonedFolders(in: folder)
        let scratch = try makePrivateFolder(beside: target)
        defer { removeTree(scratch) }
        let temporary = scratch + "/" + "output"
        try produce(temporary, scratch)
        var info = stat()
        guard lstat(temporary, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw Failure("临时文件没有生成")
        }
        try sync(temporary)
        try verify(temporary)
        if let original {
            try keepMetadata(of: target, on: temporary)
            // The file must not have changed since it was read (an editor saving during a long run).
            guard let current = FileManager.default.contents(atPath: target), current == original.data else {
                throw Failure("“\(path)”在整理期间被其他程序修改过；为避免丢失修改，未写入。请重新运行")
            }
        }
        guard rename(temporary, target) == 0 else {
            throw Failure("无法写入“\(path)”：\(String(cString: strerror(errno)))")
        }
    }

    /// Where the content will go: the path itself, or the file a symbolic link there names.
    public static func checkedTarget(_ path: String, protecting inputs: Set<FileIdentity>, replacing original: Original?,
                              root: String?) throws -> String {
        guard !path.isEmpty else { throw Failure("输出文件名为空") }
        guard let target = BudgetPath.realPathAllowingNewFile(path) else {
            let folder = BudgetPath.directory(of: path)
            throw Failure("输出目录“\(folder.isEmpty ? "." : folder)”不存在")
        }
        if let root, !BudgetPath.isInside(target, folder: root) {
            throw Failure("输出文件“\(path)”不在 --root 指定的目录“\(root)”之内")
        }
        let folder = BudgetPath.directory(of: target)
        var folderInfo = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderInfo) == 0, (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure("“\(folder)”不是文件夹，不能在其中写文件")
        }
        var info = stat()
        if stat(target, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw Failure("“\(path)”是一个文件夹，不能作为输出文件") }
            guard kind == S_IFREG else { throw Failure("“\(path)”不是普通文件（设备、管道或套接字），拒绝写入") }
            if let identity = FileIdentity(path: target), inputs.contains(identity) {
                throw Failure("输出文件“\(path)”与本次读取的输入文件相同（或是它的链接），拒绝覆盖")
            }
            if original != nil {
                if info.st_mode & 0o200 == 0 { throw Failure("“\(path)”是只读文件，未改动") }
                if info.st_nlink > 1 {
                    throw Failure("“\(path)”有 \(info.st_nlink) 个硬链接；改写会拆开它们，未改动（可用 --stdout 输出后自行替换）")
                }
            }
        } else if original != nil {
            throw Failure("“\(path)”已不存在")
        }
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw Failure("输出目录“\(folder)”不可写")
        }
        return target
    }

    static let marker = ".budgetc-"

    /// `.NAME.budgetc-PID-RANDOM`, created with mkdir (which never follows a link and fails if the
    /// name exists), within the 255-byte limit of a file name.
    static func makePrivateFolder(beside target: String) throws -> String {
        let folder = BudgetPath.directory(of: target)
        let stem = "." + BudgetPath.prefix(BudgetPath.fileName(of: target), utf8Bytes: 180) + marker + "\(getpid())-"
        for _ in 0..<32 {
            let name = stem + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let path = BudgetPath.join(folder, name)
            if mkdir(path, 0o700) == 0 { return path }
            guard errno == EEXIST else { throw Failure("无法在“\(folder.isEmpty ? "." : folder)”中创建临时文件：\(String(cString: strerror(errno)))") }
        }
        throw Failure("无法创建临时文件夹")
    }

    /// Removes temporary folders whose writing process no longer runs (a run killed with kill -9).
    static func removeAbandonedFolders(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".") && name.contains(marker) {
            guard let range = name.range(of: marker, options: .backwards),
                  let pid = Int32(name[range.upperBound...].prefix(while: { $0 != "-" })), pid != getpid() else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = BudgetPath.join(folder, name)
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else { continue }
            removeTree(path)
        }
    }

    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func writeAll(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure("写入失败：\(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }

    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("无法打开临时文件：\(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure("写入磁盘失败：\(String(cString: strerror(errno)))") }
    }

    /// A rewritten file keeps its permissions, owner and group.
    static func keepMetadata(of target: String, on temporary: String) throws {
        var info = stat()
        guard stat(target, &info) == 0 else { return }
        guard chmod(temporary, info.st_mode & 0o7777) == 0 else {
            throw Failure("无法设置文件权限：\(String(cString: strerror(errno)))")
        }
        if chown(temporary, info.st_uid, info.st_gid) != 0 {
            // Without privileges only the group can be kept (if we belong to it).
            _ = chown(temporary, UInt32.max, info.st_gid)
        }
    }
}
