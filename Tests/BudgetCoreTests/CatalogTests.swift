import BudgetCore
import Foundation
import XCTest

/// The built-in catalogs: completeness, editions, provenance, did-you-mean, and the `codes` command.
final class CatalogTests: XCTestCase {
    static let source = CatalogSource.load(templates: .locate())

    func catalog(_ year: Int?) -> Catalog { Catalog(source: Self.source, year: year) }

    // MARK: - The data

    func testTheBuiltInFilesReadWithoutDiagnostics() {
        XCTAssertEqual(Self.source.diagnostics, [])
        XCTAssertEqual(Self.source.editions.map(\.year), [2023, 2024, 2025, 2026])
    }

    func testEveryDepartmentClassHasItsItems() {
        let items = Self.source.function.filter { $0.code.count == 7 }
        XCTAssertGreaterThan(items.count, 1_200)
        // Every 类 departments budget on has 款 and 项 (the issue's examples among them).
        for klass in ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
                      "216", "217", "220", "221", "222", "223", "224", "229"] {
            XCTAssertTrue(items.contains { $0.code.hasPrefix(klass) }, "类 \(klass) has no 项")
        }
        let latest = catalog(nil)
        XCTAssertEqual(latest.function["2050101"], "行政运行")
        XCTAssertEqual(latest.function["2050201"], "学前教育")
        XCTAssertEqual(latest.function["2130101"], "行政运行")
        XCTAssertEqual(latest.function["2130122"], "农业生产发展")
        XCTAssertEqual(latest.function["2040201"], "行政运行")
        XCTAssertEqual(latest.function["2120803"], "城市建设支出")
    }

    func testEveryItemHasItsSectionAndClassInEveryEdition() {
        for edition in Self.source.editions.map(\.year) {
            let catalog = catalog(edition)
            for code in catalog.function.keys where code.count > 3 {
                XCTAssertNotNil(catalog.function[String(code.prefix(3))], "\(edition): \(code) has no 类")
                if code.count == 7 { XCTAssertNotNil(catalog.function[String(code.prefix(5))], "\(edition): \(code) has no 款") }
            }
            for code in catalog.economicDepartment.keys where code.count == 5 {
                XCTAssertNotNil(catalog.economicDepartment[String(code.prefix(3))], "\(code) has no 类")
                XCTAssertNotNil(catalog.mapping[code], "部门经济 \(code) has no 政府经济 mapping")
            }
            for code in catalog.procurement.keys where code.count > 1 {
                XCTAssertNotNil(catalog.procurement[String(code.prefix(code.count <= 3 ? 1 : 3))], "\(code) has no parent")
            }
        }
    }

    func testNoCodeHasTwoNamesInOneEdition() {
        for edition in Self.source.editions.map(\.year) {
            var seen: [String: String] = [:]
            for row in Self.source.function where row.isIn(edition: edition) {
                XCTAssertNil(seen.updateValue(row.name, forKey: row.code), "\(edition): \(row.code) listed twice")
            }
        }
    }

    func testEveryMappingTargetIsAGovernmentCode() {
        let catalog = catalog(nil)
        for (dept, target) in catalog.mapping {
            XCTAssertNotNil(catalog.economicGovernment[target.administrative], "\(dept) → \(target.administrative)")
            XCTAssertNotNil(catalog.economicGovernment[target.institution], "\(dept) → \(target.institution)")
        }
    }

    // MARK: - Provenance

    static var referenceTexts: [String: String] {
        let folder = TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var texts: [String: String] = [:]
        for name in names where name.hasSuffix(".txt") {
            texts[String(name.prefix(3))] = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    /// Codes printed in the reference publications: 7- or 5-digit runs (2……/3……/5……), and 004's
    /// 类/款/项 columns (`210\t15\t01`).
    static func codes(in text: String) -> Set<String> {
        var codes: Set<String> = []
        let patterns = [#"(?<![0-9.])([235][0-9]{4}(?:[0-9]{2})?)(?![0-9.])"#, #"(?m)^(2[0-9]{2})\t([0-9]{2})\t([0-9]{2})\t"#,
                        #"(?m)^([35][0-9]{2})\t([0-9]{2})\t"#]
        for pattern in patterns {
            let regex = try! NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let parts = (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
                codes.insert(parts.joined())
            }
        }
        return codes
    }

    func testEveryCodeInTheReferencePublicationsIsInTheCatalog() throws {
        let texts = Self.referenceTexts
        guard !texts.isEmpty else { throw XCTSkip("../shared/reference is not present") }
        let catalog = catalog(2024)  // both publications are of 2024 (a 预算 and a 决算)
        var checked = 0
        for (document, text) in texts {
            for code in Self.codes(in: text) {
                // Amounts such as 20805 万元 cannot be told from codes by shape; a code of a 类 the
                // document never names is an amount.
                let known = catalog.function[code] ?? catalog.economicDepartment[code] ?? catalog.economicGovernment[code]
                if known == nil && code.count == 5 && !text.contains(code + "\t") { continue }
                XCTAssertNotNil(known, "\(document) prints \(code), which the 2024 catalog does not have")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 60)
    }

    /// A row marked confirmed by a reference publication really is printed there with that name.
    func testRowsMarkedConfirmedByAReferenceArePrintedThere() throws {
        let texts = Self.referenceTexts
        guard !texts.isEmpty else { throw XCTSkip("../shared/reference is not present") }
        let rows = Self.source.function + Self.source.economicDepartment + Self.source.economicGovernment + Self.source.procurement
        var confirmed = 0
        for row in rows where row.isConfirmed {
            for document in row.source.split(separator: ",").map(String.init) where texts[document] != nil {
                let text = texts[document]!
                let plain = Normalize.foldedForComparison(text), name = Normalize.foldedForComparison(row.name)
                let split = row.code.count >= 5 ? "\(row.code.prefix(3))\t\(row.code.dropFirst(3).prefix(2))" : row.code
                XCTAssertTrue(text.contains(row.code) || text.contains(split), "\(row.code) is not printed in \(document)")
                XCTAssertTrue(plain.contains(name), "\(row.code) \(row.name): the name is not printed in \(document)")
                confirmed += 1
            }
        }
        XCTAssertGreaterThan(confirmed, 100)
    }

    // MARK: - Editions

    func testABudgetUsesTheEditionOfItsYear() {
        XCTAssertEqual(Self.source.editionYear(for: 2024), 2024)
        XCTAssertEqual(Self.source.editionYear(for: 2025), 2025)
        XCTAssertEqual(Self.source.editionYear(for: 2026), 2026)
        XCTAssertEqual(Self.source.editionYear(for: 2031), 2026)
        XCTAssertEqual(Self.source.editionYear(for: 2015), 2023)
        XCTAssertEqual(Self.source.editionYear(for: nil), 2026)
        // Between two editions a budget keeps the older one: a list is valid until the next is issued.
        let gapped = CatalogSource(files: ["editions.tsv": "year\tdocument\n2020\ta\n2024\tb\n"])
        XCTAssertEqual(gapped.editionYear(for: 2022), 2020)
        XCTAssertEqual(gapped.editionYear(for: 2024), 2024)
        XCTAssertNil(catalog(2024).function["2170404"])
        XCTAssertEqual(catalog(2025).function["2170404"], "中央金融机构注资特别国债支出")
        XCTAssertNil(catalog(2023).function["22006"])
        XCTAssertEqual(catalog(2024).function["22006"], "耕地保护考核奖惩基金支出")
    }

    static func budget(year: Int, line: String) -> String {
        RuleFixtureTests.clean.replacingOccurrences(of: "年度 2024", with: "年度 \(year)")
            .replacingOccurrences(of: "  2101501 30201 办公费 10", with: "  \(line)")
    }

    func testA2025And2026BudgetEachCheckAgainstTheirOwnEdition() {
        for year in [2025, 2026] {
            let result = TestSupport.check(Self.budget(year: year, line: "2170404 30201 办公费 10"))
            XCTAssertFalse(result.ids().contains("unknown-code"), "\(year): \(result.diagnostics.map(\.message))")
        }
        let result = TestSupport.check(Self.budget(year: 2024, line: "2170404 30201 办公费 10"))
        let error = try! XCTUnwrap(result.first("unknown-code"))
        XCTAssertTrue(error.message.contains("2024 年版"), error.message)
        let hint = error.hint ?? ""
        XCTAssertTrue(hint.contains("2025 年版目录起才设立") && hint.contains("2024 年版目录中没有"), hint)
    }

    /// Removed and renamed rows, on a small catalog written for the test (no real rename is documented).
    func testRemovedAndRenamedCodesNameBothEditions() {
        let source = CatalogSource(files: [
            "editions.tsv": "year\tdocument\n2024\ta\n2025\tb\n",
            "function.tsv": """
            code\tname\trunning\tfrom\tuntil\tsource
            201\t一般公共服务支出\t\t\t\t
            20101\t人大事务\t\t\t\t
            2010101\t行政运行\t运转\t\t\t
            2010109\t旧项目\t\t\t2024\t
            2010110\t旧名称\t\t\t2024\t
            2010110\t新名称\t\t2025\t\t

            """,
            "econ-dept.tsv": "code\tname\trunning\tfrom\tuntil\tsource\n302\t商品和服务支出\t\t\t\t\n30299\t旧经济名称\t\t\t2024\t\n30299\t其他商品和服务支出\t\t2025\t\t\n",
        ])
        XCTAssertEqual(source.diagnostics, [])
        let catalog2025 = Catalog(source: source, year: 2025)
        XCTAssertNil(catalog2025.function["2010109"])
        XCTAssertEqual(catalog2025.editionNote(for: "2010109", in: .function), "2010109 旧项目 见于 2024 年版目录，2025 年版目录中已取消")
        XCTAssertEqual(catalog2025.function["2010110"], "新名称")
        XCTAssertEqual(Catalog(source: source, year: 2024).function["2010110"], "旧名称")
        XCTAssertEqual(catalog2025.renamed("2010110", in: .function, from: "旧名称")?.edition, 2024)
        XCTAssertTrue(catalog2025.runningItems.contains("2010101"))
        XCTAssertEqual(catalog2025.renamed("30299", in: .economicDepartment, from: "旧经济名称")?.edition, 2024)
        XCTAssertNil(catalog2025.renamed("30299", in: .economicDepartment, from: "其他商品和服务支出"))
        XCTAssertNil(Catalog(source: source, year: 2024).renamed("30299", in: .economicDepartment, from: "旧经济名称"))
    }

    // MARK: - Did you mean

    func testAnUnknownCodeGetsTheNearestValidOnes() {
        let catalog = catalog(2025)
        XCTAssertEqual(catalog.suggestions(for: "2050206", in: .function).first, "2050205")
        XCTAssertTrue(catalog.suggestions(for: "2050250", in: .function).contains("2050201"))
        // 事业运行 of another 款 in the same 类.
        XCTAssertTrue(catalog.suggestions(for: "2101050", in: .function).contains("2101550"))
        XCTAssertEqual(catalog.suggestions(for: "30210", in: .economicDepartment).first.map { $0.hasPrefix("302") }, true)
        XCTAssertEqual(catalog.suggestions(for: "2050201", in: .function), [], "a valid code has no suggestions")
        let hint = catalog.unknownCodeHint("2050250", in: .function)
        XCTAssertTrue(hint.contains("budgetc codes --year 2025"), hint)
        XCTAssertTrue(hint.contains("2050201 学前教育"), hint)
    }

    func testASectionWrittenForAnItemListsItsItems() throws {
        let result = TestSupport.check(Self.budget(year: 2025, line: "20502 30201 办公费 10"))
        let error = try XCTUnwrap(result.first("code-level"))
        XCTAssertTrue(error.hint?.hasPrefix("20502 普通教育 下的编码：2050201 学前教育、2050202 小学教育") ?? false, error.hint ?? "")
    }

    // MARK: - 运转类 from the data

    func testSchoolsPutBasicSpendingOnTheirEducationItems() {
        let catalog = catalog(2025)
        for code in ["2050201", "2050202", "2050203", "2050204", "2050101", "2130104", "2100302", "2080505", "2210201"] {
            XCTAssertTrue(catalog.isRunningItem(code), code)
        }
        for code in ["2050299", "2050102", "2130122", "2101504"] { XCTAssertFalse(catalog.isRunningItem(code), code) }
        let school = RuleFixtureTests.clean.replacingOccurrences(of: "单位 962001 测试局本级 行政", with: "单位 962001 测试小学 事业")
            .replacingOccurrences(of: "    2101501 30101 基本工资 50", with: "    2050202 30101 基本工资 50")
            .replacingOccurrences(of: "    2101501 30201 办公费 8", with: "    2050202 30201 办公费 8")
            .replacingOccurrences(of: "编制 行政 5\n  实有 行政 5", with: "编制 事业 5\n  实有 事业 5")
        let clean = TestSupport.check(school)
        XCTAssertFalse(clean.ids().contains("basic-function-code"), "\(clean.diagnostics.map(\.message))")
        let wrong = TestSupport.check(school.replacingOccurrences(of: "    2050202 30201 办公费 8", with: "    2050299 30201 办公费 8"))
        let finding = try! XCTUnwrap(wrong.first("basic-function-code"))
        XCTAssertTrue(finding.hint?.contains("2050202 小学教育") ?? false, finding.hint ?? "")
    }

    // MARK: - Examples and the command

    /// The non-health examples: every code from the built-in catalog of the budget's own year.
    func testTheNonHealthExamplesCheckWithoutALocalCatalog() throws {
        let examples: [(String, Int, Set<String>)] = [
            ("county-education-2025", 2025, ["2050101", "2050201", "2050203", "2050299", "2050904"]),
            ("county-agriculture-2026", 2026, ["2130101", "2130104", "2130108", "2130122", "2130153"]),
            ("county-police-2024", 2024, ["2040201", "2040219", "2040220", "2040222"]),
        ]
        for (name, year, codes) in examples {
            let path = TestSupport.repoRoot.appendingPathComponent("workbooks/\(name)/budget.bud").path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertFalse(text.contains("分类目录 \""), "\(name) must not need a local catalog")
            let result = Pipeline().check(path: path)
            XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.message), [], name)
            XCTAssertEqual(result.budget?.catalog.edition, year, name)
            let functionCodes = Set(result.budget?.lines.map(\.line.functionCode) ?? [])
            XCTAssertTrue(functionCodes.isSuperset(of: codes), "\(name): \(functionCodes)")
        }
    }

    func testCodesCommand() throws {
        let byName = try TestSupport.run(["codes", "学前教育"])
        XCTAssertEqual(byName.status, 0)
        XCTAssertTrue(byName.stdout.contains("2050201  教育支出 / 普通教育 / 学前教育"), byName.stdout)
        for (code, path) in [("2130122", "农林水支出 / 农业农村 / 农业生产发展"), ("2040201", "公共安全支出 / 公安 / 行政运行")] {
            let run = try TestSupport.run(["codes", code])
            XCTAssertTrue(run.stdout.contains("\(code)  \(path)"), run.stdout)
        }
        let unknown = try TestSupport.run(["codes", "--year", "2024", "2170404"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("2024 年版目录中没有"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("自 2025 年版目录起才设立"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("相近的编码"), unknown.stderr)
        let known = try TestSupport.run(["codes", "--year", "2025", "2170404"])
        XCTAssertEqual(known.status, 0)
        let procurement = try TestSupport.run(["codes", "A02010105"])
        XCTAssertTrue(procurement.stdout.contains("台式计算机"), procurement.stdout)
    }
}
