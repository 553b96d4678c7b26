import ArgumentParser
import BudgetCore
import Foundation

/// Exit codes: 0 ok, 1 the budget has errors, 2 usage or I/O problem.
enum Exit {
    static let budgetErrors: Int32 = 1
    static let usageOrIO: Int32 = 2
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
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

enum Deny: String, ExpressibleByArgument {
    case warnings
}

func pipeline(timings: Bool, deny: Deny? = nil) -> Pipeline {
    var p = Pipeline()
    p.ruleOptions.denyWarnings = deny == .warnings
    if timings {
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
        abstract: "部门预算编译器：把纯文本预算编译为部门综合预算公开报表（表1–表16）。",
        subcommands: [Compile.self, Check.self, Rules.self, Explain.self])
}

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "审核预算并写出 16 张公开报表（.xlsx）。")

    @Argument(help: "预算文件（.bud）") var file: String
    @Option(name: .shortAndLong, help: "输出的 .xlsx 文件（默认与预算文件同名，位于同一目录）") var output: String?
    @Flag(help: "即使仍有错误也写出工作簿（封面标注“草稿”）") var force = false
    @Option(help: "把剩余的警告当作错误：--deny warnings") var deny: Deny?
    @Flag(help: "打印每个阶段的耗时") var timings = false

    func run() throws {
        let out = output ?? ((file as NSString).deletingPathExtension + ".xlsx")
        let compiled = pipeline(timings: timings, deny: deny).compile(path: file, output: out, force: force)
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
        if compiled.result.diagnostics.hasErrors { throw ExitCode(Exit.budgetErrors) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "审核预算，一次报告全部问题，不写工作簿。")

    @Argument(help: "预算文件（.bud）") var file: String
    @Option(help: "输出格式：text 或 json") var format: OutputFormat = .text
    @Option(help: "把剩余的警告当作错误：--deny warnings") var deny: Deny?
    @Flag(help: "打印每个阶段的耗时") var timings = false

    func run() throws {
        let result = pipeline(timings: timings, deny: deny).check(path: file)
        report(result, format: format)
        if isIOFailure(result) { throw ExitCode(Exit.usageOrIO) }
        if result.diagnostics.hasErrors { throw ExitCode(Exit.budgetErrors) }
        if format == .text && result.diagnostics.isEmpty { print("\(file)：没有发现问题。") }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "列出全部审核规则：编号、默认级别、说明。")

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
    static let configuration = CommandConfiguration(abstract: "显示一条规则的说明：检查什么、为什么、怎样改、怎样说明。")

    @Argument(help: "规则编号，如 sangong-quantity") var id: String

    func run() throws {
        guard let entry = RuleDocs.entry(id) else {
            printError("budgetc: error: 没有编号为“\(id)”的规则；用 budgetc rules 查看全部规则\n")
            throw ExitCode(Exit.usageOrIO)
        }
        print(RuleDocs.text(entry), terminator: "")
    }
}

// Usage errors exit with 2 (ArgumentParser's default is 64); help and version exit 0.
do {
    var command = try Budgetc.parseAsRoot()
    try command.run()
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
