import ArgumentParser
import BudgetCore
import Foundation

/// Exit codes: 0 ok, 1 the budget has errors, 2 usage or I/O problem.
enum Exit {
    static let budgetErrors: Int32 = 1
    static let usageOrIO: Int32 = 2
}

func printError(_ text: String) {
    // Straight to file descriptor 2: `Data(text.utf8)` cost a conformance look-up at every start (issue 15).
    var text = text
    text.withUTF8 { bytes in
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = write(STDERR_FILENO, next, left)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            next += written
            left -= written
        }
    }
}

/// Prints diagnostics (text to stderr, or JSON to stdout) and the summary line.
func report(_ result: Pipeline.Result, format: OutputFormat) {
    switch format {
    case .json:
        print(DiagnosticRenderer.json(result.diagnostics))
    case .text:
        let renderer = DiagnosticRenderer(files: result.files)
        for d in result.diagnostics { printError(renderer.render(d)) }
        if !result.diagnostics.isEmpty { printError(DiagnosticRenderer.summary(result.diagnostics) + "\n") }
    }
}

/// A finished run's model, kept until the process exits: the exit returns its memory at once, where
/// freeing it object by object (a syntax tree and a budget of every line) cost 4% of `check` (issue 15).
final class KeptUntilExit: @unchecked Sendable {
    static let shared = KeptUntilExit()
    private let lock = NSLock()
    private var values: [Any] = []
    func keep(_ value: Any) { lock.lock(); values.append(value); lock.unlock() }
}

enum Deny: String, ExpressibleByArgument {
    case warnings
}

/// `--root DIR`: every file the run opens must lie inside DIR (docs/safety.md).
struct RootOption: ParsableArguments {
    @Option(help: "只允许读写此目录之内的文件（服务器或批量审核时使用）") var root: String?

    /// The real path of `--root`, or nil when not given.
    func resolved() throws -> String? {
        guard let root else { return nil }
        var isDirectory: ObjCBool = false
        guard let real = BudgetPath.realPath(root), FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("budgetc: error: --root 指定的目录“\(root)”不存在\n")
            throw ExitCode(Exit.usageOrIO)
        }
        return real
    }
}

func pipeline(timings: Bool, deny: Deny? = nil, root: String? = nil) -> Pipeline {
    var p = Pipeline()
    p.loader.policy.root = root
    p.ruleOptions.denyWarnings = deny == .warnings
    if timings {
        p.ruleOptions.ruleTimings = { rule, duration in
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            if ms >= 1 { printError(String(format: "  rule %-24@ %9.2f ms\n", rule as NSString, ms)) }
        }
        p.timings = { stage, duration in
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            printError(String(format: "%-10@ %9.2f ms\n", stage as NSString, ms))
        }
    }
    return p
}

/// I/O problems with the root file are usage errors (exit 2), not budget errors.
func isIOFailure(_ result: Pipeline.Result) -> Bool {
    result.files.isEmpty
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Budgetc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgetc",
        abstract: "部门预算编译器：把纯文本预算编译为部门预算公开报表（陕西 16 张表、全国通用套表或自定义套表）。",
        subcommands: [Compile.self, Check.self, TablesCommand.self, Rules.self, Explain.self, Diff.self, Codes.self, GitSetup.self, Flat.self, Init.self, Fmt.self, NotesCommand.self])
}

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compile", abstract: "审核预算并写出公开报表工作簿（.xlsx）：封面、目录、套表中的各表、说明、图表。")

    @Argument(help: "预算文件（.bud）") var file: String
    @Option(name: .shortAndLong, help: "输出的 .xlsx 文件（默认与预算文件同名，位于同一目录）") var output: String?
    @Option(help: "报表套表：内置名称（budgetc tables 列出）或表格文件夹；优先于预算中的 报表 行") var tables: String?
    @Flag(help: "即使仍有错误也写出工作簿（封面标注“草稿”）") var force = false
    @Flag(help: "同时生成整份公开文件的 PDF（说明在前、报表在后，每张表一个书签；需要 LibreOffice）") var pdf = false
    @Option(help: "把剩余的警告当作错误：--deny warnings") var deny: Deny?
    @Flag(help: "打印每个阶段的耗时") var timings = false
    @OptionGroup var root: RootOption
    @Option(help: "另把每张表的每个单元格（值、公式、样式、列宽、合并）写成一个文本文件（Tab 分隔），便于核对数字或比较两次编译") var dumpCells: String?

    func run() throws {
        let out = output ?? (BudgetPath.deletingExtension(file) + ".xlsx")
        let pdfPath = pdf ? BudgetPath.deletingExtension(out) + ".pdf" : nil
        var p = pipeline(timings: timings, deny: deny, root: try root.resolved())
        p.tableSet = tables
        p.keepsBudget = false // only the diagnostics are reported: the budget is freed before the workbook is written
        let compiled = p.compile(path: file, output: out, force: force, dumpCells: dumpCells, pdf: pdfPath)
        report(compiled.result, format: .text)
        if isIOFailure(compiled.result) { throw ExitCode(Exit.usageOrIO) }
        if let failure = compiled.failure {
            printError("budgetc: error: \(failure)\n")
            throw ExitCode(Exit.usageOrIO)
        }
        guard let written = compiled.output else {
            printError("未生成工作簿：请先修正上面的错误。\n")
            throw ExitCode(Exit.budgetErrors)
        }
        print("已生成 \(written)")
        if let pdfPath { print("已生成 \(pdfPath)") }
        if compiled.result.diagnostics.hasErrors { throw ExitCode(Exit.budgetErrors) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "审核预算，一次报告全部问题，不写工作簿。")

    @Argument(help: "预算文件（.bud）") var file: String
    @Option(help: "输出格式：text 或 json") var format: OutputFormat = .text
    @Option(help: "把剩余的警告当作错误：--deny warnings") var deny: Deny?
    @Flag(help: "打印每个阶段的耗时") var timings = false
    @OptionGroup var root: RootOption

    func run() throws {
        let result = pipeline(timings: timings, deny: deny, root: try root.resolved()).check(path: file)
        KeptUntilExit.shared.keep(result)
        report(result, format: format)
        if isIOFailure(result) { throw ExitCode(Exit.usageOrIO) }
        if result.diagnostics.hasErrors { throw ExitCode(Exit.budgetErrors) }
        if format == .text && result.diagnostics.isEmpty { print("\(file)：没有发现问题。") }
    }
}

struct TablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tables",
                                                    abstract: "列出内置报表套表及其各表；给出名称或文件夹时只列这一套（并检查模板）。")

    @Argument(help: "套表名称或表格文件夹（可省略）") var set: String?

    func run() throws {
        let templates = Templates.locate()
        let names = set.map { [$0] } ?? TableSpecLoader.builtInSets(templates: templates)
        var failed = false
        for (i, name) in names.enumerated() {
            let (spec, diagnostics) = TableSetSpec.load(name, templates: templates)
            let renderer = DiagnosticRenderer(files: [])
            for d in diagnostics { printError(renderer.render(d)) }
            failed = failed || diagnostics.hasErrors
            guard !spec.folder.isEmpty else { continue }
            if i > 0 { print("") }
            print("\(spec.name)\(i == 0 && set == nil ? "（默认）" : "")  \(spec.description)")
            print("  \(spec.folder)")
            print("  金额单位 \(spec.moneyUnit.rawValue)；封面：" + spec.coverLines.map(\.item.rawValue).joined(separator: "、"))
            for table in spec.tables {
                let layout: String
                switch table.layout {
                case .grid: layout = "明细"
                case .panels: layout = "收支对照"
                case .form(let name): layout = "表单 " + name
                }
                print("  " + table.number + String(repeating: " ", count: max(1, 10 - Normalize.displayWidth(table.number))) + TableSpec.plainTitle(table.title) + "（\(layout)）")
            }
        }
        if failed { throw ExitCode(Exit.budgetErrors) }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "列出全部审核规则：编号、默认级别、说明。")

    @Flag(help: "输出 docs/rules.md 的完整内容（Markdown）") var markdown = false

    func run() throws {
        if markdown {
            print(RuleDocs.markdown(), terminator: "")
            return
        }
        let width = RuleDocs.entries.map(\.id.count).max() ?? 10
        for e in RuleDocs.entries {
            print(e.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + e.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + e.summary)
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "显示一条规则的说明：检查什么、为什么、怎样改、怎样说明。")

    @Argument(help: "规则编号，如 sangong-quantity") var id: String

    func run() throws {
        guard let entry = RuleDocs.entry(id) else {
            printError("budgetc: error: 没有编号为“\(id)”的规则；用 budgetc rules 查看全部规则\n")
            throw ExitCode(Exit.usageOrIO)
        }
        print(RuleDocs.text(entry), terminator: "")
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "比较两份预算的金额：按功能分类、经济分类、项目、收入来源、单位、三公、会议培训列出增减。",
        discussion: """
        OLD 和 NEW 可以是文件，也可以是 git 版本：
          budgetc diff 2024/budget.bud 2025/budget.bud
          budgetc diff 2024-final:budget.bud budget.bud
          budgetc diff HEAD~1 -- budget.bud
        无论是否有差别，退出码都是 0（预算有错误时为 1，文件或参数问题为 2）。
        """)

    @Argument(help: "旧预算和新预算（文件或 版本:文件）；或 版本 -- 文件") var items: [String]
    @Flag(help: "列出全部项目，包括没有变化的") var all = false
    @Option(help: "输出格式：text、markdown 或 json") var format: DiffFormat = .text

    func run() throws {
        let old: (label: String, revision: String?, path: String)
        let new: (label: String, revision: String?, path: String)
        guard items.count == 2 else { throw ValidationError("需要两个参数：OLD NEW，或 版本 -- 文件") }
        if !FileManager.default.fileExists(atPath: items[0]), !items[0].contains(":") {
            old = ("\(items[0]):\(items[1])", items[0], items[1])
            new = (items[1], nil, items[1])
        } else {
            func side(_ argument: String) -> (String, String?, String) {
                if let (revision, path) = GitReader.splitRevision(argument) { return (argument, revision, path) }
                return (argument, nil, argument)
            }
            old = side(items[0])
            new = side(items[1])
        }
        func load(_ side: (label: String, revision: String?, path: String)) throws -> EvaluatedBudget {
            var p = Pipeline()
            p.loadsPreviousYear = false
            if let revision = side.revision {
                do {
                    p.loader = try GitReader.loader(revision: revision, directory: BudgetPath.directory(of: side.path).isEmpty ? "." : BudgetPath.directory(of: side.path))
                } catch {
                    printError("budgetc: error: \(error)\n")
                    throw ExitCode(Exit.usageOrIO)
                }
            }
            let result = p.check(path: side.path).requiringBudget(for: "budgetc diff")
            let errors = result.diagnostics.filter { $0.severity == .error }
            if result.files.isEmpty || errors.count > 0 {
                report(Pipeline.Result(files: result.files, budget: nil, diagnostics: errors), format: .text)
                throw ExitCode(result.files.isEmpty ? Exit.usageOrIO : Exit.budgetErrors)
            }
            var budget = result.budget!
            // Amounts are shown in the unit the budget's tables print (元 for a 元 publication).
            budget.budget.displayUnit = p.displayUnit(of: budget.budget)
            return budget
        }
        let diff = BudgetDiff.compare(old: try load(old), new: try load(new), all: all)
        switch format {
        case .text: print(diff.text(oldLabel: old.label, newLabel: new.label), terminator: "")
        case .markdown: print(diff.markdown(oldLabel: old.label, newLabel: new.label), terminator: "")
        case .json: print(diff.json(oldLabel: old.label, newLabel: new.label), terminator: "")
        }
    }
}

struct Codes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "按编码前缀或中文名称查找功能分类、经济分类、政府采购品目，例如 budgetc codes 学前教育、budgetc codes 2130122。",
        discussion: "默认查最新一版目录；--year 查某一年度预算所用的版本（预算按其 年度 选用目录版本）。找不到的编码列出相近的编码。")

    @Argument(help: "编码前缀或名称中的文字") var query: String
    @Option(help: "预算年度（选用该年度的目录版本）") var year: Int?

    func run() throws {
        let (catalog, diagnostics) = Catalog.builtIn(templates: .locate(), year: year)
        if diagnostics.hasErrors {
            report(Pipeline.Result(files: [], budget: nil, diagnostics: diagnostics), format: .text)
            throw ExitCode(Exit.usageOrIO)
        }
        let lookup = CodeLookup(catalog: catalog)
        let edition = catalog.edition.map { "\($0) 年版目录" } ?? "目录"
        let matches = lookup.search(query)
        if matches.isEmpty {
            var message = "\(edition)中没有与“\(query)”相符的科目\n"
            let (note, near) = lookup.didYouMean(query)
            if let note { message += note + "\n" }
            if !near.isEmpty { message += "相近的编码：\n" + lookup.text(near) }
            printError(message)
            throw ExitCode(Exit.budgetErrors)
        }
        print(lookup.text(matches), terminator: "")
    }
}

struct Flat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flat",
        abstract: "把预算展开为每行一个金额的清单（供 git diff 的 textconv 使用）。",
        discussion: "总是以 0 退出：git 需要这份清单，即使预算有错误；错误以 # 开头的行列在最后。")

    @Argument(help: "预算文件") var file: String

    func run() throws {
        var result = Pipeline().check(path: file)
        if result.diagnostics.contains(where: { $0.id == "include-missing" }) {
            // A textconv copy from git: read its includes from the work tree.
            for (loader, folder) in GitReader.workingTreeLoaders(forTextconvCopy: file) {
                var p = Pipeline()
                p.loader = loader
                let retried = p.check(path: file)
                if !retried.diagnostics.contains(where: { $0.id == "include-missing" }) {
                    print("# 包含的文件取自工作区的 \(folder)（不一定是该版本中的内容）")
                    result = retried
                    break
                }
            }
        }
        if let budget = result.budget { print(Facts.listing(budget), terminator: "") }
        for d in result.diagnostics where d.severity == .error {
            print("# error[\(d.id)] \(d.span.map { "\($0.line):\($0.column)" } ?? ""): \(d.message)")
        }
    }
}

struct GitSetup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-setup",
        abstract: "让 git diff 以金额显示 .bud 文件的变化：写 .gitattributes，并设置 diff.budget.textconv。")

    func run() throws {
        func git(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git"] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = Pipe()
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let (status, top) = try git(["rev-parse", "--show-toplevel"])
        guard status == 0 else {
            printError("budgetc: error: 当前目录不在 git 仓库中\n")
            throw ExitCode(Exit.usageOrIO)
        }
        let attributes = top + "/.gitattributes"
        let line = "*.bud diff=budget"
        let existingData = FileManager.default.contents(atPath: attributes)
        let existing = existingData.map { String(decoding: $0, as: UTF8.self) } ?? ""
        // Lines are compared without their line ending, so a CRLF file written on Windows is recognised.
        if !existing.split(whereSeparator: \.isNewline).contains(where: { $0.trimmingCharacters(in: .whitespaces) == line }) {
            let newline = existing.contains("\r\n") ? "\r\n" : "\n"
            let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : newline) + line + newline
            do {
                try SafeWrite.write(Data(text.utf8), to: attributes, replacing: existingData.map { SafeWrite.Original(data: $0) })
            } catch {
                printError("budgetc: error: \(error)\n")
                throw ExitCode(Exit.usageOrIO)
            }
            print("已写入 \(attributes)：\(line)")
        }
        let executable = BudgetPath.realPath("/proc/self/exe") ?? CommandLine.arguments[0]
        let command = CommandLine.arguments[0].contains("/") ? GitSetup.shellQuoted(executable) : "budgetc"
        let (configured, _) = try git(["config", "diff.budget.textconv", "\(command) flat"])
        guard configured == 0 else {
            printError("budgetc: error: git config 失败\n")
            throw ExitCode(Exit.usageOrIO)
        }
        print("已设置 git config diff.budget.textconv \"\(command) flat\"")
        print("现在 git diff、git log -p 会把 .bud 文件显示为每行一个金额的清单。")
    }

    /// git runs textconv through the shell: a path with spaces or quotes must be quoted.
    static func shellQuoted(_ path: String) -> String {
        path.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+".contains($0) }) ? path : "'" + path.replacingAll("'", with: "'\\''") + "'"
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "开始新一年的预算（--from 上年文件），或为新部门生成带注释的起始文件（--name）。",
        discussion: """
          budgetc init --from 2024/budget.bud --year 2025 -o 2025/budget.bud
          budgetc init --from 2024/budget.bud --year 2025 --clear-amounts -o 2025/budget.bud
          budgetc init --name 汉阴县医疗保障局 --code 962 --year 2025 -o budget.bud
        """)

    @Option(help: "上一年的预算文件") var from: String?
    @Option(help: "新部门的名称") var name: String?
    @Option(help: "新部门的编码（与 --name 一起用）") var code: String = "000"
    @Option(help: "新预算的年度") var year: Int
    @Option(name: .shortAndLong, help: "新预算文件的路径") var output: String
    @Flag(help: "把各行金额清为 0（公式保留）") var clearAmounts = false

    @OptionGroup var rootOption: RootOption

    func validate() throws {
        if (from == nil) == (name == nil) { throw ValidationError("请给出 --from 上年文件 或 --name 部门名称 之一") }
        if !(1990...2200).contains(year) { throw ValidationError("--year 应是四位年份") }
        if let name {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.count > 100 { throw ValidationError("--name 应是 1–100 个字的部门名称") }
            if let bad = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control || "#\"“”/\\".unicodeScalars.contains($0) || $0.properties.isWhitespace }) {
                throw ValidationError("--name 中不能有 \(bad.properties.isWhitespace ? "空格或换行" : bad.properties.generalCategory == .control ? "控制字符" : "“\(bad)”")：它是部门名称，会写进预算文件的 部门 行")
            }
        }
        if code.isEmpty || code.count > 12 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("--code 应是部门编码（1–12 位数字），例如 962")
        }
    }

    func run() throws {
        let fm = FileManager.default
        let root = try rootOption.resolved()
        var files: [(path: String, text: String)]
        var inputs = Set<FileIdentity>()
        if let from {
            var loader = Loader()
            loader.policy.root = root
            var (loaded, diagnostics) = loader.load(path: from)
            diagnostics += NextYear.refuseActuals(loaded.nodes)
            if loaded.files.isEmpty || diagnostics.hasErrors {
                report(Pipeline.Result(files: loaded.files, budget: nil, diagnostics: diagnostics), format: .text)
                throw ExitCode(loaded.files.isEmpty ? Exit.usageOrIO : Exit.budgetErrors)
            }
            inputs = Set(loaded.files.compactMap { FileIdentity(path: $0.source.path) })
            let rolled = NextYear.roll(files: loaded.files, from: from, to: output, year: year, clearAmounts: clearAmounts)
            files = rolled.files
            for shared in rolled.sharedFiles { print("共享文件 \(shared) 在上年预算的文件夹之外：未复制、未改动，新预算继续引用它") }
        } else {
            files = [(output, try NextYear.template(templates: .locate(), name: name!, code: code, year: year))]
        }
        for file in files where fm.fileExists(atPath: file.path) {
            printError("budgetc: error: “\(file.path)”已存在，不会覆盖\n")
            throw ExitCode(Exit.usageOrIO)
        }
        // What init writes must itself be a readable budget; anything else is a bug, not a file to leave behind.
        for file in files {
            let (parsed, diagnostics) = Loader.parseData(Data(file.text.utf8), path: file.path, requestedAt: nil)
            if parsed == nil || diagnostics.hasErrors {
                report(Pipeline.Result(files: parsed.map { [$0] } ?? [], budget: nil, diagnostics: diagnostics), format: .text)
                printError("budgetc: error: 生成的“\(file.path)”无法解析（这是 budgetc 的缺陷，请报告）；未写入任何文件\n")
                throw ExitCode(Exit.usageOrIO)
            }
        }
        for file in files {
            let directory = BudgetPath.directory(of: file.path)
            if !directory.isEmpty { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            do {
                try SafeWrite.write(Data(file.text.utf8), to: file.path, protecting: inputs, root: root)
            } catch {
                printError("budgetc: error: \(error)\n")
                throw ExitCode(Exit.usageOrIO)
            }
            print("已生成 \(file.path)")
        }
    }
}

struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "把预算文件整理为统一格式（缩进、空格、金额列对齐），保留全部注释和空行分组。",
        discussion: "结果以 UTF-8、LF 换行写回原文件（先写临时文件再改名）。--check 只列出需要整理的文件并以 1 退出（用于 CI）。")

    @Argument(help: "预算文件") var files: [String]
    @Flag(help: "只检查：列出格式不规范的文件，有则以 1 退出") var check = false
    @Flag(help: "把结果打印到标准输出，不改文件") var stdout = false
    @Flag(help: "按分类目录填写或改正支出行的科目名称") var names = false
    @OptionGroup var rootOption: RootOption

    func run() throws {
        let root = try rootOption.resolved()
        var catalog: Catalog?
        if names {
            let (c, diagnostics) = Catalog.builtIn(templates: .locate())
            if diagnostics.hasErrors {
                report(Pipeline.Result(files: [], budget: nil, diagnostics: diagnostics), format: .text)
                throw ExitCode(Exit.usageOrIO)
            }
            catalog = c
        }
        let formatter = Formatter(catalog: catalog)
        var failed = false
        var unformatted: [String] = []
        for path in files {
            if let refusal = PathPolicy(root: root).refusal(forRoot: path) {
                printError("budgetc: error: \(refusal)\n")
                failed = true
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("budgetc: error: 无法读取“\(path)”\n")
                failed = true
                continue
            }
            let (parsed, diagnostics) = Loader.parseData(data, path: path, requestedAt: nil)
            guard let file = parsed, !diagnostics.hasErrors else {
                report(Pipeline.Result(files: parsed.map { [$0] } ?? [], budget: nil, diagnostics: diagnostics), format: .text)
                failed = true
                continue
            }
            let formatted = formatter.format(file)
            let (reparsed, _) = Loader.parseData(Data(formatted.utf8), path: path, requestedAt: nil)
            guard let reparsed, Formatter.fingerprint(reparsed, ignoringLineNames: names) == Formatter.fingerprint(file, ignoringLineNames: names) else {
                printError("budgetc: error: 整理“\(path)”会改变其内容（这是 budgetc 的缺陷，请报告）；文件未改动\n")
                failed = true
                continue
            }
            if stdout {
                print(formatted, terminator: "")
                continue
            }
            guard Data(formatted.utf8) != data else { continue }
            if check {
                unformatted.append(path)
                continue
            }
            do {
                try SafeWrite.write(Data(formatted.utf8), to: path, replacing: SafeWrite.Original(data: data), root: root)
                print("已整理 \(path)")
            } catch {
                printError("budgetc: error: 未整理“\(path)”：\(error)\n")
                failed = true
            }
        }
        for path in unformatted { print(path) }
        if failed { throw ExitCode(Exit.usageOrIO) }
        if !unformatted.isEmpty { throw ExitCode(Exit.budgetErrors) }
    }
}

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "由预算生成预算公开说明（第二部分 收支情况、第三部分 其他情况），由决算生成决算情况说明；Markdown 格式。")

    @Argument(help: "预算文件或决算文件") var file: String
    @Option(name: .shortAndLong, help: "写入文件（默认打印到标准输出）") var output: String?
    @OptionGroup var root: RootOption

    func run() throws {
        let root = try root.resolved()
        let result = pipeline(timings: false, root: root).check(path: file)
        let errors = result.diagnostics.filter { $0.severity == .error }
        if result.files.isEmpty || !errors.isEmpty {
            report(Pipeline.Result(files: result.files, budget: nil, diagnostics: errors), format: .text)
            throw ExitCode(result.files.isEmpty ? Exit.usageOrIO : Exit.budgetErrors)
        }
        let markdown: String
        if let actuals = result.actuals {
            // A 决算: its 决算说明, from the same figures as the 公开 tables.
            markdown = ActualsNotes.generate(for: actuals).markdown()
        } else {
            let notes = result.notes ?? Notes.generate(result.budget!)
            // With last year's budget the rules have already judged the missing reasons (`允许 notes-reason`
            // turns one into a note); print those warnings, the same that `check` prints.
            let missingReasons = result.notes == nil ? notes.diagnostics
                : result.diagnostics.filter { $0.id == Notes.reasonRuleID && $0.severity == .warning }
            let renderer = DiagnosticRenderer(files: result.files)
            for d in missingReasons { printError(renderer.render(d)) }
            markdown = notes.markdown()
        }
        if let output {
            do {
                try SafeWrite.write(Data(markdown.utf8), to: output, protecting: result.inputIdentities, root: root)
            } catch {
                printError("budgetc: error: \(error)\n")
                throw ExitCode(Exit.usageOrIO)
            }
            print("已生成 \(output)")
        } else {
            print(markdown, terminator: "")
        }
    }
}

// Usage errors exit with 2 (ArgumentParser's default is 64); help and version exit 0.
/// Runs the command on a thread with a large stack: formulas and includes are evaluated
/// recursively, and hostile input (thousands of chained names) must not overflow the stack.
func runWithLargeStack(_ body: @escaping @Sendable () throws -> Void) throws {
    final class Outcome: @unchecked Sendable { var error: Error? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        do { try body() } catch { outcome.error = error }
        done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    done.wait()
    if let error = outcome.error { throw error }
}

do {
    let command = try Budgetc.parseAsRoot()
    nonisolated(unsafe) var runnable = command
    try runWithLargeStack { try runnable.run() }
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Budgetc.exitCode(for: error)
    let message = Budgetc.fullMessage(for: error)
    if code == .success {
        print(message)
        Foundation.exit(0)
    }
    printError(message + "\n")
    Foundation.exit(Exit.usageOrIO)
}
