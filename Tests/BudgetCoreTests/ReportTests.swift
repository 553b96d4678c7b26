import BudgetCore
import Foundation
import XCTest

/// `budgetc diff`, `codes`, `flat` and `git-setup`, run as a user would.
final class ReportTests: XCTestCase {
    var previousYear: String { TestSupport.repoRoot.appendingPathComponent("workbooks/hanyin-2023/budget.bud").path }

    func testDiffListsTheChangesWithTotals() throws {
        let run = try TestSupport.run(["diff", previousYear, TestSupport.referenceExample])
        XCTAssertEqual(run.status, 0, run.stderr)
        let line = run.stdout.split(separator: "\n").first { $0.contains("2101501 行政运行") }
        XCTAssertNotNil(line, run.stdout)
        XCTAssertTrue(line?.contains("275.80") == true && line?.contains("290.94") == true && line?.contains("+15.14") == true, String(line ?? ""))
        let total = run.stdout.split(separator: "\n").first { $0.hasPrefix("合计") }
        XCTAssertTrue(total?.contains("1941.76") == true && total?.contains("+54.86") == true, run.stdout)
        XCTAssertFalse(run.stdout.contains("2101301"), "unchanged lines are left out without --all")
        let all = try TestSupport.run(["diff", "--all", previousYear, TestSupport.referenceExample])
        XCTAssertTrue(all.stdout.contains("2101301 城乡医疗救助"), all.stdout)
    }

    func testDiffFormats() throws {
        let markdown = try TestSupport.run(["diff", "--format", "markdown", previousYear, TestSupport.referenceExample])
        XCTAssertTrue(markdown.stdout.contains("| 功能分类 | 2101501 行政运行 | 275.80 | 290.94 | +15.14 | +5.5% |"), markdown.stdout)
        let json = try TestSupport.run(["diff", "--format", "json", previousYear, TestSupport.referenceExample])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]]
        let row = rows?.first { ($0["key"] as? String) == "2101501 行政运行" }
        XCTAssertEqual(row?["change"] as? String, "15.14")
    }

    /// A 元 publication (`公开金额单位 元`) is compared in 元, as its tables print: grouped in text, plain in JSON
    /// and in the `flat` listing (which git diff shows).
    func testDiffAndListingSpeakThePublicationsUnit() throws {
        let old = TestSupport.repoRoot.appendingPathComponent("workbooks/wuzhou-school-2023/budget.bud")
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let new = dir.appendingPathComponent("budget.bud")
        let text = try String(contentsOf: old, encoding: .utf8)
            .replacingOccurrences(of: "一般公共预算拨款 7,034,418.94", with: "一般公共预算拨款 7,044,418.94")
            .replacingOccurrences(of: "2,065,405.42", with: "2,075,405.42")
        try text.write(to: new, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["diff", old.path, new.path])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.hasPrefix("金额单位：元\n"), run.stdout)
        let line = run.stdout.split(separator: "\n").first { $0.contains("2050203 初中教育") }
        XCTAssertTrue(line?.contains("2,065,405.42") == true && line?.contains("2,075,405.42") == true && line?.contains("+10,000.00") == true, run.stdout)
        let json = try TestSupport.run(["diff", "--format", "json", old.path, new.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["unit"] as? String, "元")
        let row = (object?["rows"] as? [[String: Any]])?.first { ($0["key"] as? String) == "2050203 初中教育" }
        XCTAssertEqual(row?["new"] as? String, "2075405.42")
        XCTAssertEqual(row?["change"] as? String, "10000")
        let flat = try TestSupport.run(["flat", old.path])
        XCTAssertTrue(flat.stdout.contains(" 2050203 30101 基本工资 2065405.42\n"), flat.stdout)
        // A 万元 budget keeps 万元.
        XCTAssertTrue(try TestSupport.run(["diff", previousYear, TestSupport.referenceExample]).stdout.hasPrefix("金额单位：万元\n"))
    }

    /// A throw-away repository with the two years as two commits of the same file.
    func makeRepository() throws -> URL {
        let dir = try TestSupport.temporaryDirectory()
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", dir.path] + args
            p.standardOutput = Pipe()
            p.standardError = Pipe()
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, args.joined(separator: " "))
        }
        try git("init", "-q")
        try git("config", "user.email", "test@example.com")
        try git("config", "user.name", "test")
        let budget = dir.appendingPathComponent("budget.bud")
        try FileManager.default.copyItem(atPath: previousYear, toPath: budget.path)
        try git("add", "budget.bud")
        try git("commit", "-qm", "2023")
        try git("tag", "2023-final")
        try FileManager.default.removeItem(at: budget)
        // The 2024 file names its previous year by a relative path that does not exist here; diff does not need it.
        try FileManager.default.copyItem(atPath: TestSupport.referenceExample, toPath: budget.path)
        try git("commit", "-qam", "2024")
        return dir
    }

    func testDiffAgainstGitRevisions() throws {
        let repo = try makeRepository()
        let budget = repo.appendingPathComponent("budget.bud").path
        for arguments in [["diff", "2023-final:\(budget)", budget], ["diff", "HEAD~1", "--", budget]] {
            let run = try TestSupport.run(arguments, in: repo)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("+15.14"), run.stdout)
        }
    }

    func testGitSetupMakesGitDiffShowAmounts() throws {
        let repo = try makeRepository()
        let setup = try TestSupport.run(["git-setup"], in: repo)
        XCTAssertEqual(setup.status, 0, setup.stderr)
        XCTAssertEqual(try String(contentsOf: repo.appendingPathComponent(".gitattributes"), encoding: .utf8), "*.bud diff=budget\n")
        // A second run does not duplicate the attribute line.
        XCTAssertEqual(try TestSupport.run(["git-setup"], in: repo).status, 0)
        XCTAssertEqual(try String(contentsOf: repo.appendingPathComponent(".gitattributes"), encoding: .utf8), "*.bud diff=budget\n")

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", repo.path, "diff", "HEAD~1", "HEAD", "--", "budget.bud"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let diff = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertTrue(diff.contains("-支出 962001 人员经费 2101501 30101 基本工资 115"), diff)
        XCTAssertTrue(diff.contains("+支出 962001 人员经费 2101501 30101 基本工资 122.65"), diff)
        XCTAssertFalse(diff.contains("+支出 962001 人员经费 2101501 30103 奖金"), "unchanged amounts are not in the diff")
    }

    func testCodesLookup() throws {
        let byName = try TestSupport.run(["codes", "行政运行"])
        XCTAssertEqual(byName.status, 0)
        XCTAssertTrue(byName.stdout.contains("2101501  卫生健康支出 / 医疗保障管理事务 / 行政运行"), byName.stdout)
        let byCode = try TestSupport.run(["codes", "31002"])
        XCTAssertTrue(byCode.stdout.contains("行政/参公 → 50306 设备购置；事业 → 50601"), byCode.stdout)
        XCTAssertEqual(try TestSupport.run(["codes", "不存在的科目"]).status, 1)
    }
}

final class InitTests: XCTestCase {
    func testInitFromLastYearCompilesWithPreviousYearSet() throws {
        let dir = try TestSupport.temporaryDirectory()
        let old = try TestSupport.copyReferenceExample(into: dir)
        let new = dir.appendingPathComponent("hanyin-2025/budget.bud")
        let run = try TestSupport.run(["init", "--from", old.path, "--year", "2025", "-o", new.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: new, encoding: .utf8)
        XCTAssertTrue(text.contains("年度 2025\n上年预算 \"../hanyin-2024/budget.bud\"\n"), text)
        XCTAssertTrue(text.contains("# 汉阴县医疗保障局 2024 年部门预算"), "comments are kept")
        // Last year's 资产 (held at the end of 2023) is kept only as a comment: the 2025 说明 states no stale holdings.
        XCTAssertTrue(text.contains("# 资产：改为截至 2024 年底的数后去掉行首 #。\n# 资产 车辆 0 大型设备 0\n"), text)
        XCTAssertFalse(text.contains("\n资产 "), text)
        let compiled = try TestSupport.run(["compile", new.path])
        XCTAssertEqual(compiled.status, 0, compiled.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("hanyin-2025/budget.xlsx").path))
        XCTAssertEqual(try TestSupport.run(["init", "--from", old.path, "--year", "2025", "-o", new.path]).status, 2, "never overwrites")
    }

    /// A carry-over is specific to its year: last year's 结转项目 and 上年结转 income become comments saying why.
    func testInitFromLeavesLastYearsCarryOversAsComments() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = TestSupport.repoRoot.appendingPathComponent("workbooks/wuzhou-school-2023/budget.bud")
        let new = dir.appendingPathComponent("budget-2024.bud")
        let run = try TestSupport.run(["init", "--from", old.path, "--year", "2024", "-o", new.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: new, encoding: .utf8)
        XCTAssertTrue(text.contains("""
        收入
          一般公共预算拨款 7,034,418.94
          # 上年结转：2023 年的结转收入只属于那一年；本年有结转时改为本年的数后去掉行首 #。
          # 上年结转 23,067.24

        """), text)
        XCTAssertTrue(text.contains("""
        # 结转项目：2023 年的结转只属于那一年，不带入 2024 年；本年有结转时按本年的数重写后去掉行首 #。
        # 结转项目 "上年结转结余资金"
          # 类别 "一般项目"
          # 2050204 30201 办公费  23,067.24
        """), text)
        XCTAssertNil(text.range(of: "^结转项目", options: .regularExpression), text)
        XCTAssertNil(text.range(of: "\n  上年结转", options: .regularExpression), text)
        // The new year's budget balances without them and names last year's.
        let checked = try TestSupport.run(["check", new.path])
        XCTAssertFalse(checked.stdout.contains("balance") || checked.stderr.contains("不平衡"), checked.stdout + checked.stderr)
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
    }

    func testClearAmountsKeepsFormulas() throws {
        let dir = try TestSupport.temporaryDirectory()
        let new = dir.appendingPathComponent("budget.bud")
        XCTAssertEqual(try TestSupport.run(["init", "--from", TestSupport.referenceExample, "--year", "2025", "--clear-amounts", "-o", new.path]).status, 0)
        let text = try String(contentsOf: new, encoding: .utf8)
        XCTAssertNotNil(text.range(of: "2101501 30101 基本工资 +0\n", options: .regularExpression), text)
        XCTAssertTrue(text.contains("= 2 * 3万\n"), "formulas are kept")
        XCTAssertTrue(text.contains("规格 华为 6台 单价 0 "), text)
    }

    func testInitNewDepartmentFromTheTemplate() throws {
        let dir = try TestSupport.temporaryDirectory()
        let new = dir.appendingPathComponent("budget.bud")
        let run = try TestSupport.run(["init", "--name", "测试局", "--code", "901", "--year", "2025", "-o", new.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOf: new, encoding: .utf8)
        XCTAssertTrue(text.contains("部门 901 测试局\n年度 2025\n"), text)
        let check = try TestSupport.run(["check", new.path])
        XCTAssertFalse(check.stderr.contains("error[syntax]"), check.stderr)
    }
}
