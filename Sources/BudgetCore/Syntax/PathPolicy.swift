/// Which files a run may open (docs/safety.md, "Path policy").
///
/// - A budget can name only budget material: `包含`, `上年预算` and `上年决算` name `.bud` files,
///   `分类目录` names `.tsv` files. The rule holds for the file a link points to as well, so
///   `x.bud → /etc/shadow` is refused like `/etc/shadow` itself. A refused file is never read, so
///   none of its lines can appear in a diagnostic.
/// - With `--root DIR` (batch and server use), every file opened — the budget given on the command
///   line, everything it names, and every output — must lie inside DIR after links are followed.
public struct PathPolicy: Sendable {
    public enum Kind: Sendable {
        case budget, catalog

        var extensions: Set<String> {
            switch self {
            case .budget: return ["bud"]
            case .catalog: return ["tsv"]
            }
        }
    }

    /// The real path of `--root`, when set.
    public var root: String?

    public init(root: String? = nil) {
        self.root = root
    }

    public static func hint(_ kind: Kind) -> String {
        switch kind {
        case .budget: return "预算中只能引用预算文件（扩展名 .bud）；路径相对于写这一行的文件"
        case .catalog: return "分类目录 只能引用 .tsv 文件（编码<Tab>名称）；路径相对于写这一行的文件"
        }
    }

    /// Why the file given on the command line may not be opened, or nil.
    public func refusal(forRoot path: String) -> String? {
        guard let root else { return nil }
        guard let real = BudgetPath.realPath(path) else { return nil } // missing files are reported by the loader
        return BudgetPath.isInside(real, folder: root) ? nil : "“\(path)”不在 --root 指定的目录“\(root)”之内，未读取"
    }

    /// Why a file named inside a budget (already resolved to `path`) may not be opened, or nil.
    public func refusal(forNamed path: String, written: String, kind: Kind) -> String? {
        let allowed = kind.extensions
        guard allowed.contains(BudgetPath.fileExtension(of: path)) else {
            return "不能引用“\(written)”：只能引用扩展名为 \(allowed.map { "." + $0 }.sorted().joined(separator: "、")) 的文件"
        }
        guard let real = BudgetPath.realPath(path) else { return nil }
        guard allowed.contains(BudgetPath.fileExtension(of: real)) else {
            return "不能引用“\(written)”：它是指向另一种文件的链接（只能引用扩展名为 \(allowed.map { "." + $0 }.sorted().joined(separator: "、")) 的文件）"
        }
        if let root, !BudgetPath.isInside(real, folder: root) {
            return "不能引用“\(written)”：它不在 --root 指定的目录“\(root)”之内"
        }
        return nil
    }
}
