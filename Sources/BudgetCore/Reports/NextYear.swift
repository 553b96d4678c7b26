import Foundation

/// `budgetc init`: next year's budget from this year's (text edits that keep every comment), or a
/// new department from the commented template.
public enum NextYear {
    /// `init --from` a 决算: the 决算 has no function × economic lines, no projects, incomes as
    /// formulas or performance targets to carry over, so a budget copied from it would be mostly
    /// wrong. Instead of guessing, say what to do: start from last year's budget (or `--name`) and
    /// name the 决算 with `上年决算`, which every comparison then uses.
    public static func refuseActuals(_ nodes: [SyntaxNode]) -> [Diagnostic] {
        guard Resolver.kind(of: nodes) == .actuals, let line = nodes.first(where: { $0.keyword == "决算" }) else { return [] }
        return [Diagnostic(.error, "actuals-not-budget", "这是决算文件：init --from 需要上年的预算文件", at: line.span,
                           hint: "用 budgetc init --from 上年预算.bud（或 --name 部门名称）生成新预算，再在其中写 上年决算 \"本文件\"：表13、说明、图表和审核规则都会与决算比较")]
    }

    public struct Output: Sendable {
        /// Files to write: path → contents. All of them lie in the folder of the new root file.
        public var files: [(path: String, text: String)]
        /// Included files outside the old budget's folder (shared files such as `../common/x.bud`):
        /// not copied and never rewritten; the new budget keeps referring to them.
        public var sharedFiles: [String] = []
    }

    /// Rewrites `年度`, points `上年预算` at the old root file (relative to the new one), drops
    /// `上年决算` (next year's actuals do not exist yet), turns last year's carry-overs (`结转项目`
    /// blocks and the `上年结转` income) and its reasons (`说明`) into comments saying why, and optionally sets every stated amount
    /// of expenditure lines, incomes, meetings and purchases to 0. Included files are copied to
    /// the same relative places under the new folder. Included files outside the old root's folder
    /// are shared: they are left as they are and the new files' `包含` lines point at them.
    public static func roll(files: [SyntaxFile], from root: String, to newRoot: String, year: Int, clearAmounts: Bool) -> Output {
        let oldDirectory = BudgetPath.directory(of: root)
        let newDirectory = BudgetPath.directory(of: newRoot)
        var output: [(String, String)] = []
        func isShared(_ path: String) -> Bool { relativePath(from: oldDirectory, to: path).hasPrefix("..") }
        let sharedFiles = files.map(\.source.path).filter { $0 != root && isShared($0) }
        for file in files where !sharedFiles.contains(file.source.path) {
            var lines = file.source.lines
            var edits: [(line: Int, column: Int, length: Int, text: String)] = []
            func visit(_ nodes: [SyntaxNode], inSpending: Bool) {
                for node in nodes {
                    let keyword = node.keyword ?? ""
                    let isLine = node.fields.first.map { !$0.quoted && $0.folded.count == 7 && $0.folded.allSatisfy(\.isASCIIDigit) } ?? false
                    if clearAmounts && (isLine || ["会议", "培训"].contains(keyword) || (inSpending == false && FundingSource.named(keyword) != nil)) {
                        for field in node.fields.dropFirst(isLine ? 2 : 1) where !field.quoted {
                            if case .success(let literal) = NumberLiteral.parse(field.folded), literal.measureWord.isEmpty {
                                edits.append((field.span.line, field.span.column, field.span.length, "0"))
                            }
                        }
                    }
                    if clearAmounts && keyword == "采购" {
                        var previous = ""
                        for field in node.fields.dropFirst(3) {
                            if ["单价", "金额"].contains(previous) { edits.append((field.span.line, field.span.column, field.span.length, "0")) }
                            previous = field.folded
                        }
                    }
                    if Loader.includeKeywords.contains(keyword), let target = node.fields.dropFirst().first {
                        let included = BudgetPath.resolve(target.text, relativeToFile: file.source.path)
                        if sharedFiles.contains(included), !BudgetPath.isAbsolute(BudgetPath.normalizingSeparators(target.text)) {
                            let newFolder = BudgetPath.directory(of: targetPath(of: file.source.path))
                            edits.append((target.span.line, target.span.column, target.span.length,
                                          "\"" + relativePath(from: newFolder, to: included) + "\""))
                        }
                    }
                    visit(node.children, inSpending: inSpending || isLine || ["基本支出", "项目", "结转项目"].contains(keyword))
                }
            }
            visit(file.nodes, inSpending: false)
            // A carry-over belongs to its year: next year's 上年结转 is this year's unspent money, not last
            // year's. Its lines stay as comments (with why) for the officer to rewrite with the new figures.
            var commentedOut = Set<Int>()
            var commentBefore: [Int: String] = [:]
            func lastLine(_ node: SyntaxNode) -> Int { node.children.map(lastLine).max().map { max($0, node.span.line) } ?? node.span.line }
            func commentOut(_ node: SyntaxNode, why: String) {
                let indent = String(lines[node.span.line - 1].prefix { $0 == " " || $0 == "\t" })
                commentBefore[node.span.line] = indent + "# " + why
                commentedOut.formUnion(node.span.line...lastLine(node))
            }
            for node in file.nodes {
                switch Keyword.named(node.keyword ?? "") {
                case .carriedProject?:
                    commentOut(node, why: "结转项目：\(year - 1) 年的结转只属于那一年，不带入 \(year) 年；本年有结转时按本年的数重写后去掉行首 #。")
                case .topics?:
                    // Reasons explain last year's changes; kept, they would silence the rules and be printed for next year's.
                    commentOut(node, why: "说明：\(year - 1) 年较上年变动的原因只属于那一年；本年的变动按本年的原因重写后去掉行首 #。")
                case .income?:
                    for child in node.children where FundingSource.named(child.keyword ?? "")?.isCarryOver == true {
                        commentOut(child, why: "上年结转：\(year - 1) 年的结转收入只属于那一年；本年有结转时改为本年的数后去掉行首 #。")
                    }
                default:
                    break
                }
            }
            var removeLines = Set<Int>()
            var insertAfter: (line: Int, text: String)?
            let isRoot = file.source.path == root
            if isRoot {
                for node in file.nodes {
                    switch node.keyword {
                    case "年度":
                        if let field = node.fields.dropFirst().first {
                            edits.append((field.span.line, field.span.column, field.span.length, String(year)))
                            insertAfter = (node.span.line, "上年预算 \"\(relativePath(from: newDirectory, to: root))\"")
                        }
                    case "上年预算", "上年决算":
                        removeLines.insert(node.span.line)
                    case "资产":
                        // Last year's file states the holdings a year earlier: kept as a comment to update,
                        // so the new 说明 states no stale figure (assets-held notes it is missing).
                        let line = node.span.line - 1
                        lines[line] = "# 资产：改为截至 \(year - 1) 年底的数后去掉行首 #。" + "\n# " + lines[line]
                    default:
                        break
                    }
                }
            }
            for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
                var chars = Array(lines[edit.line - 1])
                chars.replaceSubrange((edit.column - 1)..<(edit.column - 1 + edit.length), with: Array(edit.text))
                lines[edit.line - 1] = String(chars)
            }
            var result: [String] = []
            for (i, line) in lines.enumerated() {
                if let why = commentBefore[i + 1] { result.append(why) }
                if commentedOut.contains(i + 1) && !line.allSatisfy(\.isWhitespace) {
                    let indent = line.prefix { $0 == " " || $0 == "\t" }
                    result.append(indent + "# " + line.dropFirst(indent.count))
                    continue
                }
                if !removeLines.contains(i + 1) { result.append(line) }
                if let insert = insertAfter, insert.line == i + 1 { result.append(insert.text) }
            }
            output.append((targetPath(of: file.source.path), result.joined(separator: "\n") + "\n"))
        }
        /// Where a copied file goes: the same place relative to the new root as to the old one.
        func targetPath(of path: String) -> String {
            path == root ? newRoot : BudgetPath.join(newDirectory, relativePath(from: oldDirectory, to: path))
        }
        return Output(files: output, sharedFiles: sharedFiles)
    }

    /// The commented starting file for a new department.
    public static func template(templates: Templates, name: String, code: String, year: Int) throws -> String {
        let text = try String(contentsOfFile: templates.path("new-budget.bud"), encoding: .utf8)
        return text.replacingAll("{{部门名称}}", with: name).replacingAll("{{部门编码}}", with: code)
            .replacingAll("{{年度}}", with: String(year)).replacingAll("{{上年}}", with: String(year - 1))
    }

    /// `path` relative to `directory` (both as given, resolved against the current directory).
    static func relativePath(from directory: String, to path: String) -> String {
        let base = URL(fileURLWithPath: directory.isEmpty ? "." : directory).standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }
}
