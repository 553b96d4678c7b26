import BudgetCore
import Foundation
import XCTest

final class FormatterTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so failures reproduce from the seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    }

    static let fullWidthDigits: [Character: Character] = ["0": "０", "1": "１", "2": "２", "3": "３", "4": "４", "5": "５", "6": "６", "7": "７", "8": "８", "9": "９", ".": "．"]

    /// A random but valid budget with messy spacing, tabs, full-width digits, comments and blank lines.
    static func generate(seed: UInt64) -> String {
        var g = Generator(state: seed)
        var lines: [String] = ["# 生成的预算 \(seed)", "部门 900 生成局", "年度 2025", "保密审查 已审查", "负责人审签 已审签",
                               "单位 900001 生成局本级 行政", "  编制 行政 9", "  实有 行政 9"]
        func space() -> String { g.pick([" ", "  ", "\t", "   ", "\u{3000}"]) }
        func money() -> String {
            let text = "\(g.int(0...999)).\(String(format: "%02d", g.int(0...99)))"
            return g.chance(20) ? String(text.map { fullWidthDigits[$0] ?? $0 }) : text
        }
        // One indentation width per file; with width 4, tabs and four spaces are mixed freely (a tab is 4 columns).
        let width = g.pick([2, 4])
        func indent(_ depth: Int) -> String {
            (0..<depth).map { _ in width == 4 && g.chance(50) ? "\t" : String(repeating: " ", count: width) }.joined()
        }
        lines.append("设 人数 = \(g.int(1...500))")
        lines.append("收入")
        lines.append(indent(1) + "一般公共预算拨款" + space() + "=" + space() + "支出合计")
        if g.chance(50) { lines.append("") }
        let economic = [("30201", "办公费"), ("30211", "差旅费"), ("30228", "工会经费"), ("30299", "其他商品和服务支出")]
        lines.append("基本支出")
        lines.append(indent(1) + "人员经费")
        lines.append(indent(2) + "2101501" + space() + "30101" + space() + "基本工资" + space() + money())
        lines.append(indent(1) + "公用经费")
        for _ in 0..<g.int(1...4) {
            let (code, name) = g.pick(economic)
            var line = indent(2) + "2101501" + space() + code + (g.chance(70) ? space() + name : "") + space() + money()
            if g.chance(20) { line += space() + "# 注释" }
            lines.append(line)
            if g.chance(20) { lines.append("") }
        }
        for p in 0..<g.int(0...3) {
            if g.chance(40) { lines.append("# 项目 \(p)") }
            lines.append("项目 \"项目\(p)\"")
            lines.append(indent(1) + "简介 「说明 \(p)」")
            for _ in 0..<g.int(1...3) {
                let (code, name) = g.pick(economic)
                if g.chance(30) {
                    lines.append(indent(1) + "2101502" + space() + code + space() + name + space() + "=" + space() + "人数" + space() + g.pick(["*", "×"]) + space() + "\(g.int(1...90))元")
                } else {
                    lines.append(indent(1) + "2101502" + space() + code + space() + name + space() + money())
                }
            }
            if g.chance(50) {
                lines.append(indent(1) + "2101502 30216 培训费 1.50")
                lines.append(indent(2) + "培训 \"培训\(p)\" 2025-03-01..2025-03-05 \(g.int(1...300))人 = 1万 + 5000元")
            }
        }
        lines.append("空表 表16 \"本部门不管理本级专项资金。\"")
        return lines.joined(separator: g.pick(["\n", "\r\n"])) + "\n"
    }

    func listing(_ text: String) throws -> String {
        let result = TestSupport.check(text)
        let budget = try XCTUnwrap(result.budget)
        XCTAssertFalse(result.diagnostics.contains { LanguageDiagnostics.entry($0.id) != nil }, "\(result.diagnostics)")
        return Facts.listing(budget)
    }

    func format(_ text: String, path: String = "x.bud") throws -> String {
        let (file, diagnostics) = Loader.parseData(Data(text.utf8), path: path, requestedAt: nil)
        XCTAssertEqual(diagnostics, [])
        return Formatter().format(try XCTUnwrap(file))
    }

    func assertFormattingIsSafe(_ text: String, _ label: String) throws {
        let once = try format(text)
        let twice = try format(once)
        XCTAssertEqual(once, twice, "fmt is not idempotent on \(label)")
        XCTAssertEqual(try listing(text), try listing(once), "fmt changed the numbers of \(label)")
    }

    func testGeneratedBudgets() throws {
        for seed in 1...200 {
            try assertFormattingIsSafe(Self.generate(seed: UInt64(seed)), "seed \(seed)")
        }
    }

    func testEveryExampleIsFormattedAndStable() throws {
        let workbooks = TestSupport.repoRoot.appendingPathComponent("workbooks")
        let files = FileManager.default.enumerator(atPath: workbooks.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".bud") }
        XCTAssertGreaterThanOrEqual(files.count, 2)
        for name in files {
            let path = workbooks.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(try format(text), text, "\(name) is not in canonical form: run budgetc fmt \(name)")
        }
    }

    func testLayout() throws {
        let messy = "部门 900 测试局\n年度 2025\n基本支出\n\t公用经费\n\t\t２１０１５０１　30201  办公费　８．００ # 注释\n\t\t2101501 30211 差旅费 12.5\n\n\n\t\t2101501 30299 其他商品和服务支出 = 1万+5000元\n"
        XCTAssertEqual(try format(messy), """
        部门 900 测试局
        年度 2025
        基本支出
          公用经费
            2101501 30201 办公费              8.00  # 注释
            2101501 30211 差旅费              12.5

            2101501 30299 其他商品和服务支出       = 1万 + 5000元

        """)
    }

    func testNamesFromTheCatalog() throws {
        let (catalog, _) = Catalog.builtIn(templates: .locate())
        let (file, _) = Loader.parseData(Data("基本支出\n  公用经费\n    2101501 30201 8\n    2101501 30211 差旅 2\n".utf8), path: "x.bud", requestedAt: nil)
        let formatted = Formatter(catalog: catalog).format(try XCTUnwrap(file))
        XCTAssertTrue(formatted.contains("2101501 30201 办公费  8\n"), formatted)
        XCTAssertTrue(formatted.contains("2101501 30211 差旅费  2\n"), formatted)
    }

    func testFmtCheckCommand() throws {
        let dir = try TestSupport.temporaryDirectory()
        let file = dir.appendingPathComponent("a.bud")
        try "部门 900 测试局\n年度  2025\n".write(to: file, atomically: true, encoding: .utf8)
        let check = try TestSupport.run(["fmt", "--check", file.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout, file.path + "\n")
        XCTAssertEqual(try TestSupport.run(["fmt", file.path]).status, 0)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "部门 900 测试局\n年度 2025\n")
        XCTAssertEqual(try TestSupport.run(["fmt", "--check", file.path]).status, 0)
    }
}
