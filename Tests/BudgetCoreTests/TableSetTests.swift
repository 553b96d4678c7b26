import BudgetCore
import Foundation
import XCTest

/// Table sets as data: the national set from the reference budget, a custom set from a folder,
/// choosing a set, 是否空表 from the built table. Every workbook is read back from the file.
final class TableSetTests: XCTestCase {
    static let templates = Templates(root: TestSupport.repoRoot.appendingPathComponent("templates").path)

    func compile(_ path: String, tables: String?, in directory: URL) throws -> (Pipeline.Compiled, XlsxWorkbook) {
        var pipeline = Pipeline(templates: Self.templates)
        pipeline.tableSet = tables
        let output = directory.appendingPathComponent("out.xlsx").path
        let compiled = pipeline.compile(path: path, output: output)
        let errors = compiled.result.diagnostics.filter { $0.severity == .error }
        XCTAssertTrue(errors.isEmpty, "\(errors.map { "\($0.id): \($0.message)" })")
        XCTAssertNotNil(compiled.output, compiled.failure ?? "no workbook")
        return (compiled, try XlsxWorkbook(path: output))
    }

    func amount(_ sheet: XlsxSheet, labelColumn: Int, _ label: String, valueColumn: Int, file: StaticString = #filePath, line: UInt = #line) -> Double? {
        guard let row = sheet.findRow(where: labelColumn, equals: label) else {
            XCTFail("\(sheet.name): no row “\(label)”", file: file, line: line)
            return nil
        }
        return sheet.cell(row: row, column: valueColumn)?.number
    }

    func assertWan(_ value: Double?, _ expected: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(value.map { ($0 * 100).rounded() }, (expected * 100).rounded(), "\(what): \(String(describing: value))", file: file, line: line)
    }

    // MARK: - The national set

    func testNationalSetTotalsEqualTheShaanxiSet() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, national) = try compile(TestSupport.referenceExample, tables: "全国", in: directory)
        XCTAssertEqual(national.sheetNames, ["封面", "目录"] + (1...10).map { "表\($0)" } + ["说明", "图表"])

        let t1 = try XCTUnwrap(national.sheet("表1"))
        XCTAssertEqual(t1.text(row: 0, column: 0), "2024年部门收支总表")
        assertWan(amount(t1, labelColumn: 0, "收入总计", valueColumn: 1), 1996.62, "表1 收入总计")
        assertWan(amount(t1, labelColumn: 2, "支出总计", valueColumn: 3), 1996.62, "表1 支出总计")
        assertWan(amount(t1, labelColumn: 0, "一、一般公共预算拨款收入", valueColumn: 1), 1996.62, "表1 一般公共预算拨款收入")
        assertWan(amount(t1, labelColumn: 2, "十、卫生健康支出", valueColumn: 3), 1933.22, "表1 卫生健康支出")

        let t3 = try XCTUnwrap(national.sheet("表3"))
        let header = try XCTUnwrap(t3.findRow(where: 0, equals: "科目编码"))
        let basicColumn = try XCTUnwrap(t3.cells(inRow: header).first { $0.string == "基本支出" }?.column)
        let projectColumn = try XCTUnwrap(t3.cells(inRow: header).first { $0.string == "项目支出" }?.column)
        assertWan(amount(t3, labelColumn: 1, "合计", valueColumn: basicColumn), 342.48, "表3 合计 基本支出")
        assertWan(amount(t3, labelColumn: 1, "合计", valueColumn: projectColumn), 1654.14, "表3 合计 项目支出")
        assertWan(amount(t3, labelColumn: 1, "合计", valueColumn: 2), 1996.62, "表3 合计")

        let t4 = try XCTUnwrap(national.sheet("表4"))
        assertWan(amount(t4, labelColumn: 0, "收入总计", valueColumn: 1), 1996.62, "表4 收入总计")
        assertWan(amount(t4, labelColumn: 2, "支出总计", valueColumn: 4), 1996.62, "表4 支出总计 一般公共预算")

        assertWan(amount(try XCTUnwrap(national.sheet("表5")), labelColumn: 1, "合计", valueColumn: 2), 1996.62, "表5 合计")
        let t6 = try XCTUnwrap(national.sheet("表6"))
        assertWan(amount(t6, labelColumn: 1, "合计", valueColumn: 2), 342.48, "表6 合计 (基本支出)")
        assertWan(amount(t6, labelColumn: 1, "合计", valueColumn: 3), 329.88, "表6 合计 人员经费")
        let t7 = try XCTUnwrap(national.sheet("表7"))
        assertWan(amount(t7, labelColumn: 1, "合计", valueColumn: 2), 1.0, "表7 三公 合计 (公务接待费 1)")
        assertWan(amount(try XCTUnwrap(national.sheet("表10")), labelColumn: 1, "合计", valueColumn: 2), 1654.14, "表10 项目支出 合计")

        // 政府性基金 and 国有资本经营 are empty: the 目录 says so, with the template's reasons.
        let contents = try XCTUnwrap(national.sheet("目录"))
        for (number, empty) in [("表1", "否"), ("表6", "否"), ("表8", "是"), ("表9", "是")] {
            let row = try XCTUnwrap(contents.findRow(where: 0, equals: number), "目录 \(number)")
            XCTAssertEqual(contents.text(row: row, column: 2), empty, "目录 \(number) 是否空表")
            if empty == "是" { XCTAssertFalse((contents.text(row: row, column: 3) ?? "").isEmpty, "目录 \(number) 理由") }
        }
    }

    func testTheSameTotalsInTheShaanxiSet() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, shaanxi) = try compile(TestSupport.referenceExample, tables: "陕西", in: directory)
        let t1 = try XCTUnwrap(shaanxi.sheet("表1"))
        assertWan(amount(t1, labelColumn: 0, "收入总计", valueColumn: 1), 1996.62, "陕西 表1 收入总计")
        assertWan(amount(t1, labelColumn: 2, "支出总计", valueColumn: 3), 1996.62, "陕西 表1 支出总计")
        assertWan(amount(try XCTUnwrap(shaanxi.sheet("表7")), labelColumn: 1, "合计", valueColumn: 2), 342.48, "陕西 表7 基本支出")
    }

    // MARK: - A custom set from a folder

    func testCustomSetFromAFolder() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fm = FileManager.default
        let folder = directory.appendingPathComponent("我的套表")
        try fm.copyItem(atPath: Self.templates.path("tables/陕西"), toPath: folder.path)
        // Drop a table, rename a title, add a column.
        try fm.removeItem(at: folder.appendingPathComponent("表16-专项资金总体绩效目标表.tbl"))
        let t2 = folder.appendingPathComponent("表02-收入总表.tbl")
        try String(contentsOf: t2, encoding: .utf8)
            .replacingOccurrences(of: "标题 \"{年}年部门综合预算收入总表\"", with: "标题 \"{部门}{年}年收入预算表\"")
            .write(to: t2, atomically: true, encoding: .utf8)
        let t3 = folder.appendingPathComponent("表03-支出总表.tbl")
        try String(contentsOf: t3, encoding: .utf8)
            .replacingOccurrences(of: "列 \"对附属单位补助支出\" 支出 类型 对附属单位补助支出\n",
                                  with: "列 \"对附属单位补助支出\" 支出 类型 对附属单位补助支出\n列 \"其中：卫生健康支出\" 支出 功能 210\n")
            .write(to: t3, atomically: true, encoding: .utf8)

        let (compiled, workbook) = try compile(TestSupport.referenceExample, tables: folder.path, in: directory)
        XCTAssertEqual(workbook.sheetNames, ["封面", "目录"] + (1...15).map { "表\($0)" } + ["说明", "图表"])
        XCTAssertEqual(workbook.sheet("表2")?.text(row: 0, column: 0), "汉阴县医疗保障局2024年收入预算表")
        let sheet = try XCTUnwrap(workbook.sheet("表3"))
        let header = try XCTUnwrap(sheet.findRow(where: 0, equals: "单位编码/科目编码"))
        let added = try XCTUnwrap(sheet.cells(inRow: header).first { $0.string == "其中：卫生健康支出" }?.column, "the added column")
        XCTAssertEqual(added, 10)
        assertWan(amount(sheet, labelColumn: 1, "合计", valueColumn: added), 1933.22, "added column 合计")
        assertWan(amount(sheet, labelColumn: 1, "合计", valueColumn: 2), 1996.62 + 1933.22, "合计 adds every amount column")
        // The budget's 空表 表16 (陕西 表16, 专项资金总体绩效目标表) names a table the set no longer has.
        XCTAssertTrue(compiled.result.diagnostics.contains { $0.id == "empty-table-reason" && $0.message.contains("专项资金总体绩效目标表") })
    }

    func testABrokenTemplateIsADiagnosticWithItsLocation() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "名称 坏\n".write(to: directory.appendingPathComponent("套表.tbl"), atomically: true, encoding: .utf8)
        try "表号 1\n标题 \"{年}年表\"\n列 \"金额\" 支出 来源 一般公共\n行\n    合计\n    分组 类\n"
            .write(to: directory.appendingPathComponent("表1.tbl"), atomically: true, encoding: .utf8)
        let (_, diagnostics) = TableSetSpec.load(directory.path, templates: Self.templates)
        let messages = diagnostics.map { "\($0.span?.line ?? 0): \($0.message)" }
        XCTAssertTrue(messages.contains { $0.hasPrefix("3:") && $0.contains("一般公共") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("6:") && $0.contains("分组") }, "\(messages)")
    }

    // MARK: - Choosing a set

    func testBudgetLineChoosesTheSetAndUnknownNamesAreDiagnosed() {
        let budget = TestSupport.header + "报表 全国\n收入\n  一般公共预算拨款 10\n基本支出\n  人员经费\n    2101501 30101 基本工资 10\n"
        var pipeline = Pipeline(templates: Self.templates)
        XCTAssertEqual(pipeline.tables(for: TestSupport.check(budget).budget!.budget).0.name, "全国")
        pipeline.tableSet = "陕西"
        XCTAssertEqual(pipeline.tables(for: TestSupport.check(budget).budget!.budget).0.name, "陕西", "--tables overrides 报表")

        let unknown = TestSupport.check(budget.replacingOccurrences(of: "报表 全国", with: "报表 火星"))
        let d = unknown.first("table-set")
        XCTAssertEqual(d?.severity, .error)
        XCTAssertEqual(d?.span?.line, 5, "on the 报表 line")
    }

    func testBuiltInSetsAreListed() {
        XCTAssertEqual(TableSpecLoader.builtInSets(templates: Self.templates), ["陕西", "全国", "决算"])
        for name in ["陕西", "全国", "决算"] {
            let (set, diagnostics) = TableSetSpec.load(name, templates: Self.templates)
            XCTAssertEqual(diagnostics.map(\.message), [], name)
            XCTAssertEqual(set.tables.count, ["陕西": 16, "全国": 10, "决算": 9][name], name)
        }
    }

    // MARK: - 是否空表 from the built table

    /// Failing first: a budget whose only 一般公共预算 spending is a carried-over project printed
    /// 表5/表6 with a zero 合计 while the 目录 said 否, and no rule complained.
    func testCarriedOverOnlyBudgetMarksTheGeneralBudgetTablesEmpty() throws {
        let budget = TestSupport.header + """
        保密审查 已审查
        负责人审签 已审签
        收入
          上年结转 20
        结转项目 "往年项目"
          简介 "上年结转"
          2101501 30201 办公费 20

        """
        let result = TestSupport.check(budget)
        let evaluated = try XCTUnwrap(result.budget)
        let (set, _) = TableSetSpec.load(templates: Self.templates)
        let sheets = TableSet.build(TableContext(budget: evaluated, layouts: set))
        let byName = Dictionary(uniqueKeysWithValues: sheets.map { ($0.name, $0) })
        XCTAssertEqual(byName["表5"]?.isEmpty, true, "表5 has no current-year 一般公共预算 line")
        XCTAssertEqual(byName["表6"]?.isEmpty, true)
        XCTAssertEqual(byName["表11"]?.isEmpty, false, "表11 lists the carried-over project")
        let missing = result.diagnostics.filter { $0.id == "empty-table-reason" && $0.severity == .error }.map(\.message)
        XCTAssertTrue(missing.contains { $0.hasPrefix("表5") }, "\(missing)")
        XCTAssertTrue(missing.contains { $0.hasPrefix("表6") }, "\(missing)")
    }

    /// A unit with incomes from several sources: its 表2 合计 holds the sum of all of them.
    func testIncomeCellsAddEverySourceOfAUnit() throws {
        let budget = TestSupport.header + """
        保密审查 已审查
        负责人审签 已审签
        收入
          一般公共预算拨款 = 一般公共预算拨款支出
          事业收入 = 事业收入支出
          其他收入 = 其他收入支出
        基本支出
          人员经费
            2101501 30101 基本工资 10.00
          公用经费
            2101501 30201 办公费 3.00 来源 事业收入
            2101501 30205 水费 0.50 来源 其他收入

        """
        let result = TestSupport.check(budget)
        let evaluated = try XCTUnwrap(result.budget, "\(result.diagnostics)")
        let (set, _) = TableSetSpec.load(templates: Self.templates)
        let sheets = TableSet.build(TableContext(budget: evaluated, layouts: set))
        let table2 = try XCTUnwrap(sheets.first { $0.name == "表2" })
        func amount(_ value: CellValue?) -> Int64? {
            switch value {
            case .money(let m)?: return m.fen
            case .sum(_, let cached)?: return cached.fen
            default: return nil
            }
        }
        let unitRow = try XCTUnwrap((0..<table2.rowCount).first { table2.cell($0, 0)?.value == .code("962001") || table2.cell($0, 0)?.value == .text("962001") },
                                    "表2 has a row for unit 962001")
        let amounts = (0..<table2.columnCount).compactMap { amount(table2.cell(unitRow, $0)?.value) }
        XCTAssertEqual(amounts.max(), 13_500_000, "the unit's 合计 is 10 + 3 + 0.5 万元: \(amounts)")
    }

    /// Two carried-over sources in one unit (上年结转 for a 结转项目, 非财政拨款结余 for a basic line), and a
    /// 结转项目 that names 来源 一般公共预算拨款: 表2's 上年结转 column adds both carried sources of the unit
    /// (one template column matching two incomes), and 表5 (`结转 否`) leaves the carried project out.
    func testCarriedSourcesAddUpAndCarriedProjectsStayOutOfTable5() throws {
        func budget(carriedSource: String) -> String {
            TestSupport.header + """
            保密审查 已审查
            负责人审签 已审签
            收入
              一般公共预算拨款 = 一般公共预算拨款支出
              上年结转 = 上年结转支出
              非财政拨款结余 = 非财政拨款结余支出
            基本支出
              人员经费
                2101501 30101 基本工资 10.00
              公用经费
                2101501 30201 办公费 2.00 来源 非财政拨款结余
            结转项目 "往年项目"
              简介 "上年结转"
              2101501 30201 办公费 5.00\(carriedSource)
            项目 "信息化"
              简介 "办公设备"
              2101501 30201 办公费 0.50

            """
        }
        func sheets(_ text: String) throws -> [String: Sheet] {
            let result = TestSupport.check(text)
            XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
            let evaluated = try XCTUnwrap(result.budget)
            let (set, _) = TableSetSpec.load(templates: Self.templates)
            return Dictionary(uniqueKeysWithValues: TableSet.build(TableContext(budget: evaluated, layouts: set)).map { ($0.name, $0) })
        }
        func fen(_ value: CellValue?) -> Int64? {
            switch value {
            case .money(let m)?: return m.fen
            case .sum(_, let cached)?: return cached.fen
            case .linear(_, let cached)?: return cached.fen
            default: return nil
            }
        }
        func column(_ sheet: Sheet, _ header: String) -> Int? {
            for r in 0..<min(sheet.rowCount, 8) { for c in 0..<sheet.columnCount where sheet.cell(r, c)?.value == .text(header) { return c } }
            return nil
        }
        func row(_ sheet: Sheet, labelled label: String) -> Int? {
            (0..<sheet.rowCount).last { r in (0..<min(3, sheet.columnCount)).contains { sheet.cell(r, $0)?.value == .text(label) || sheet.cell(r, $0)?.value == .code(label) } }
        }

        let table2 = try XCTUnwrap(try sheets(budget(carriedSource: "")).first { $0.key == "表2" }?.value)
        let carried = try XCTUnwrap(column(table2, "上年结转"), "表2 has a 上年结转 column")
        let unit = try XCTUnwrap(row(table2, labelled: "962001"), "表2 has the unit's row")
        XCTAssertEqual(fen(table2.cell(unit, carried)?.value), 7_000_000, "上年结转 5 + 非财政拨款结余 2 万元 in the unit's row")

        let table5 = try XCTUnwrap(try sheets(budget(carriedSource: " 来源 一般公共预算拨款")).first { $0.key == "表5" }?.value)
        let total = try XCTUnwrap(row(table5, labelled: "合计"), "表5 has a 合计 row")
        let amounts = (0..<table5.columnCount).compactMap { fen(table5.cell(total, $0)?.value) }
        XCTAssertEqual(amounts.max(), 10_500_000, "表5 holds this year's 10.5 万元, not the carried-over 5 万元: \(amounts)")
    }

    // MARK: - 决算 layout features (行次, 栏次), as in reference 002's 公开01表

    /// 公开01表 收入支出决算总表 laid out as reference 002 prints it: 行次 run 1–31 down the income side
    /// and 32–62 down the expenditure side; a 栏次 row numbers the amount columns. (The amounts here
    /// come from the budget; 决算 amounts need the actuals model.)
    func testFinalAccountsLayoutWithLineAndColumnNumbers() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("决算")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "名称 决算测试\n".write(to: folder.appendingPathComponent("套表.tbl"), atomically: true, encoding: .utf8)
        let classes = ["一般公共服务支出 201", "外交支出 202", "国防支出 203", "公共安全支出 204", "教育支出 205", "科学技术支出 206",
                       "文化旅游体育与传媒支出 207", "社会保障和就业支出 208", "卫生健康支出 210", "节能环保支出 211", "城乡社区支出 212",
                       "农林水支出 213", "交通运输支出 214", "资源勘探工业信息等支出 215", "商业服务业等支出 216", "金融支出 217",
                       "援助其他地区支出 219", "自然资源海洋气象等支出 220", "住房保障支出 221", "粮油物资储备支出 222",
                       "国有资本经营预算支出 223", "灾害防治及应急管理支出 224", "其他支出 229", "债务还本支出 231", "债务付息支出 232",
                       "抗疫特别国债安排的支出 234"]
        let spending = classes.enumerated().map { i, entry in
            let parts = entry.split(separator: " ")
            return "        行 \"\(i + 1)、\(parts[0])\" 支出 功能 \(parts[1])"
        }.joined(separator: "\n")
        let table = """
            表号 公开01表
            标题 "收入支出决算总表"
            版式 收支对照
            栏次 是
            收支组 "收入"
                栏 "项目" "行次" "金额"
                    行 "一、一般公共预算财政拨款收入" 收入 来源 一般公共预算拨款
                    行 "二、政府性基金预算财政拨款收入" 收入 来源 政府性基金拨款
                    行 "三、国有资本经营预算财政拨款收入" 收入 来源 国有资本经营预算
                    行 "四、上级补助收入" 收入 来源 上级补助收入
                    行 "五、事业收入" 收入 来源 事业收入
                    行 "六、经营收入" 收入 来源 事业单位经营收入
                    行 "七、附属单位上缴收入" 收入 来源 附属单位上缴收入
                    行 "八、其他收入" 收入 来源 其他收入
                    本年合计 "本年收入合计"
                    行 "使用非财政拨款结余"
                    行 "年初结转和结余"
                    行 ""
                    总计 "总计"
            收支组 "支出"
                栏 "项目" "行次" "金额"

            """ + spending + """

                    本年合计 "本年支出合计"
                    行 "结余分配"
                    行 "年末结转和结余"
                    行 ""
                    总计 "总计"

            """
        try table.write(to: folder.appendingPathComponent("公开01.tbl"), atomically: true, encoding: .utf8)
        let (_, workbook) = try compile(TestSupport.referenceExample, tables: folder.path, in: directory)
        let sheet = try XCTUnwrap(workbook.sheet("公开01表"))
        let header = try XCTUnwrap(sheet.findRow(where: 0, equals: "项目"))
        XCTAssertEqual((0..<6).map { sheet.text(row: header, column: $0) ?? "" }, ["项目", "行次", "金额", "项目", "行次", "金额"])
        XCTAssertEqual((0..<6).map { sheet.text(row: header + 1, column: $0) ?? "" }, ["栏次", "", "1", "栏次", "", "2"])
        XCTAssertEqual(sheet.text(row: header + 2, column: 1), "1")
        XCTAssertEqual(sheet.text(row: header + 2, column: 4), "32")
        let total = try XCTUnwrap(sheet.findRow(where: 0, equals: "总计"))
        XCTAssertEqual(sheet.text(row: total, column: 1), "31")
        XCTAssertEqual(sheet.text(row: total, column: 4), "62")
        XCTAssertEqual(sheet.text(row: try XCTUnwrap(sheet.findRow(where: 0, equals: "本年收入合计")), column: 1), "27")
        assertWan(sheet.cell(row: total, column: 2)?.number, 1996.62, "总计 收入")
        assertWan(sheet.cell(row: total, column: 5)?.number, 1996.62, "总计 支出")
    }

    /// Broken templates give diagnostics, never a crash; what can be read is still built.
    func testBrokenTemplatesNeverCrash() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [String: String] = [
            "a.tbl": "表号 1\n标题 \"一列\"\n列 \"金额\" 支出\n行\n    合计\n",
            "b.tbl": "表号 2\n标题 \"坏列\"\n列\n组 \"空组\"\n列 \"X\" 未知\n行\n    功能 层\n    单位\n",
            "c.tbl": "表号 3\n标题 \"循环\"\n列 \"A\" 代号 a = b\n列 \"B\" 代号 b = a + 不存在\n行\n    合计\n",
            "d.tbl": "表号 a/b\n标题 \"坏表号\"\n列 \"A\" 编码\n行\n    合计\n",
            "e.tbl": "",
            "f.tbl": "表号 6\n标题 \"空栏\"\n版式 收支对照\n栏\n收支组 \"收 入\"\n    栏 \"项目\"\n        本年合计\n        行 \"x\" 收入 来源 火星\n",
            "g.tbl": "表号 7\n标题 \"表单\"\n版式 表单 不存在\n",
            "h.tbl": "\u{FEFF}表号 8\r\n标题 \"ＢＯＭ与全角\"\r\n列 \"单位\"　名称\r\n列 \"金额\" 支出 来源 一般公共预算拨款 宽 ９９９\r\n行\r\n\t合计\r\n",
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let (set, diagnostics) = TableSetSpec.load(directory.path, templates: Self.templates)
        XCTAssertTrue(diagnostics.hasErrors)
        for file in ["b.tbl", "c.tbl", "d.tbl", "e.tbl", "f.tbl", "g.tbl", "h.tbl"] {
            XCTAssertTrue(diagnostics.contains { $0.span?.file.hasSuffix(file) == true || $0.message.contains(file) }, "no diagnostic for \(file): \(diagnostics.map(\.message))")
        }
        let budget = try XCTUnwrap(TestSupport.check(TestSupport.header + "收入\n  一般公共预算拨款 10\n基本支出\n  人员经费\n    2101501 30101 基本工资 10\n").budget)
        let sheets = TableSet.build(TableContext(budget: budget, layouts: set))
        XCTAssertTrue(sheets.contains { $0.name == "表1" && $0.columnCount == 1 })
        let output = directory.appendingPathComponent("out.xlsx").path
        XCTAssertNoThrow(try XlsxWriter.write(sheets, to: output, created: Date(timeIntervalSince1970: 0), title: "t"))
    }

    /// A `.tbl` that is a link to another kind of file is refused unread; with `--root`, a set folder
    /// outside the root is refused (docs/safety.md).
    func testTemplateFoldersFollowThePathPolicy() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("套表")
        try FileManager.default.copyItem(atPath: Self.templates.path("tables/全国"), toPath: folder.path)
        let secret = directory.appendingPathComponent("secret.txt")
        try "表号 99\n标题 \"机密内容\"\n".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("表99.tbl").path, withDestinationPath: secret.path)
        let (set, diagnostics) = TableSetSpec.load(folder.path, templates: Self.templates)
        XCTAssertEqual(set.tables.count, 10, "the link is not read")
        XCTAssertTrue(diagnostics.contains { $0.id == "path-policy" && $0.message.contains("表99.tbl") })
        XCTAssertFalse(diagnostics.contains { $0.message.contains("机密内容") })

        let inside = directory.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        let (_, outside) = TableSetSpec.load(folder.path, templates: Self.templates, root: BudgetPath.realPath(inside.path))
        XCTAssertEqual(outside.map(\.id), ["path-policy"])
        let (builtIn, builtInDiagnostics) = TableSetSpec.load("全国", templates: Self.templates, root: BudgetPath.realPath(inside.path))
        XCTAssertEqual(builtIn.tables.count, 10, "built-in sets come with budgetc")
        XCTAssertEqual(builtInDiagnostics.map(\.message), [])
    }

    /// `空表 表9` in a budget written for 陕西 means 陕西's 表9 (政府性基金); compiled with `--tables 全国`
    /// it must not explain 全国's 表9 (国有资本经营预算), whose template reason is printed instead.
    func testNumberedEmptyReasonsFollowTheirTableAcrossSets() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let budget = TestSupport.header + """
            保密审查 已审查
            负责人审签 已审签
            收入
              一般公共预算拨款 10
            基本支出
              人员经费
                2101501 30101 基本工资 10
            空表 表9 "本部门没有政府性基金（陕西表9）。"
            空表 国有资本经营预算支出表 "本部门没有国有资本经营预算（按表名）。"

            """
        let path = directory.appendingPathComponent("b.bud")
        try budget.write(to: path, atomically: true, encoding: .utf8)
        let (compiled, workbook) = try compile(path.path, tables: "全国", in: directory)
        let contents = try XCTUnwrap(workbook.sheet("目录"))
        let t9 = try XCTUnwrap(contents.findRow(where: 0, equals: "表9"))
        XCTAssertEqual(contents.text(row: t9, column: 3), "本部门没有国有资本经营预算（按表名）。")
        let t8 = try XCTUnwrap(contents.findRow(where: 0, equals: "表8"))
        XCTAssertEqual(contents.text(row: t8, column: 3), "本部门无政府性基金预算拨款安排的支出。", "the template's reason, not 陕西 表9's")
        XCTAssertTrue(compiled.result.diagnostics.contains { $0.id == "empty-table-reason" && $0.severity == .warning && $0.message.contains("政府性基金收支表") })

        // Compiled with the set it was written for, 表9 is 陕西's 表9.
        let (_, shaanxi) = try compile(path.path, tables: nil, in: directory)
        let contents2 = try XCTUnwrap(shaanxi.sheet("目录"))
        XCTAssertEqual(contents2.text(row: try XCTUnwrap(contents2.findRow(where: 0, equals: "表9")), column: 3), "本部门没有政府性基金（陕西表9）。")
    }

    // MARK: - The binary

    func testTablesCommandAndCompileOption() throws {
        let list = try TestSupport.run(["tables"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("陕西（默认）"), list.stdout)
        XCTAssertTrue(list.stdout.contains("专项资金总体绩效目标表（表单 专项资金绩效）"), list.stdout)
        XCTAssertTrue(list.stdout.contains("一般公共预算“三公”经费支出表（明细）"), list.stdout)

        let unknown = try TestSupport.run(["tables", "火星"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("error[table-set]"), unknown.stderr)

        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("national.xlsx")
        let run = try TestSupport.run(["compile", TestSupport.referenceExample, "--tables", "全国", "-o", output.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let workbook = try XlsxWorkbook(path: output.path)
        XCTAssertEqual(workbook.sheet("表1")?.text(row: 0, column: 0), "2024年部门收支总表")
    }

    /// Sets numbered 表1, 表1-1, 表2 … (Sichuan, Guizhou) print in that order, not by digit strings.
    func testTablesAreOrderedByTheNumbersInTheirNumber() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for number in ["10", "2", "1-2", "1", "2-1", "1-1", "公开03表"] {
            try "表号 \(number)\n标题 \"表\(number)\"\n列 \"名称\" 名称\n列 \"金额\" 支出\n行\n    合计\n"
                .write(to: directory.appendingPathComponent("t\(number).tbl"), atomically: true, encoding: .utf8)
        }
        let (set, diagnostics) = TableSetSpec.load(directory.path, templates: Self.templates)
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.message), [])
        XCTAssertEqual(set.tables.map(\.number), ["表1", "1-1", "1-2", "表2", "2-1", "公开03表", "表10"])
    }

    /// The same budget through both sets agrees table for table where the two slice the same way —
    /// for the reference and for the three-unit 聊城 example (last year from a 决算).
    func testBothSetsAgreeOnTheirCommonTotals() throws {
        for budget in [TestSupport.referenceExample, TestSupport.repoRoot.appendingPathComponent("workbooks/liaocheng-2025/budget.bud").path] {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let (_, shaanxi) = try compile(budget, tables: "陕西", in: directory)
            let (_, national) = try compile(budget, tables: "全国", in: directory)
            let name = (budget as NSString).lastPathComponent
            func total(_ wb: XlsxWorkbook, _ sheet: String, labelColumn: Int, _ label: String, valueColumn: Int) throws -> Double? {
                amount(try XCTUnwrap(wb.sheet(sheet)), labelColumn: labelColumn, label, valueColumn: valueColumn)
            }
            let income = try total(shaanxi, "表1", labelColumn: 0, "收入总计", valueColumn: 1)
            XCTAssertNotNil(income)
            assertWan(try total(national, "表1", labelColumn: 0, "收入总计", valueColumn: 1), income ?? -1, "\(name) 收入总计")
            assertWan(try total(national, "表1", labelColumn: 2, "支出总计", valueColumn: 3), try total(shaanxi, "表1", labelColumn: 2, "支出总计", valueColumn: 3) ?? -1, "\(name) 支出总计")
            assertWan(try total(national, "表5", labelColumn: 1, "合计", valueColumn: 2), try total(shaanxi, "表5", labelColumn: 1, "合计", valueColumn: 2) ?? -1, "\(name) 一般公共预算支出")
            assertWan(try total(national, "表6", labelColumn: 1, "合计", valueColumn: 2), try total(shaanxi, "表7", labelColumn: 1, "合计", valueColumn: 2) ?? -1, "\(name) 一般公共预算基本支出")
            assertWan(try total(national, "表2", labelColumn: 1, "合计", valueColumn: 2), try total(shaanxi, "表2", labelColumn: 1, "合计", valueColumn: 2) ?? -1, "\(name) 收入总表")
        }
    }
}
