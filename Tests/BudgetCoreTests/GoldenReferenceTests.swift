import BudgetCore
import Foundation
import XCTest

/// Golden tests: compile `workbooks/hanyin-2024/budget.bud`, read the WRITTEN .xlsx back with
/// `XlsxWorkbook`, and compare it table by table with the published reference
/// (shared reference 004, 汉阴县医疗保障局 2024年部门预算公开, 第四部分 公开报表).
///
/// Published numbers are kept below as the reference prints them (decimal text, 万元); a cell
/// matches when its value rounded to 0.01 equals the published amount; a blank published cell
/// must be blank or zero in the workbook. Rows are located by their code or label text.
///
/// The reference contradicts itself in a few places; budgetc corrects these by design, and the
/// expected values here are the corrected ones (each marked `CORRECTED` with the published value):
///   1. 表6 合计 专项业务经费: published 1621.65, its detail rows sum to 1654.14 (= 表5, 表10, 表15).
///   2. 表1 (and 表4, which repeats the same figures) put the 4.20 万元 office equipment
///      (31002 → 50306) under 商品和服务支出: 政府经济 机关商品和服务支出 43.40 and 机关资本性支出 4.20
///      (published 47.60 / blank); 部门经济 专项 商品和服务支出 30.80 and 资本性支出 4.20
///      (published 35.00 / blank).
///   3. 表13 unit code 962001 is text (published as 1E+06).
final class GoldenReferenceTests: XCTestCase {

    // MARK: - Compile once, read once

    func workbook(file: StaticString = #filePath, line: UInt = #line) throws -> XlsxWorkbook {
        let fixture = Golden.fixture
        return try XCTUnwrap(fixture.workbook, fixture.problem ?? "no workbook", file: file, line: line)
    }

    func sheet(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> XlsxSheet {
        try XCTUnwrap(try workbook(file: file, line: line).sheet(name), "sheet \(name) missing", file: file, line: line)
    }

    func testCompilesWithoutErrors() throws {
        let fixture = Golden.fixture
        let compiled = try XCTUnwrap(fixture.compiled, fixture.problem ?? "")
        let errors = compiled.result.diagnostics.filter { $0.severity == .error }
        XCTAssertTrue(errors.isEmpty, "errors: " + errors.map { "\($0.id): \($0.message)" }.joined(separator: "; "))
        XCTAssertNil(compiled.failure)
        XCTAssertNotNil(compiled.output, "no workbook written")
        XCTAssertNotNil(fixture.workbook, fixture.problem ?? "")
    }

    // MARK: - Sheets, cover, 目录

    static let tableNames: [Int: String] = [
        1: "2024年部门综合预算收支总表",
        2: "2024年部门综合预算收入总表",
        3: "2024年部门综合预算支出总表",
        4: "2024年部门综合预算财政拨款收支总表",
        5: "2024年部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
        6: "2024年部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
        7: "2024年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
        8: "2024年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）",
        9: "2024年部门综合预算政府性基金收支表",
        10: "2024年部门综合预算专项业务经费支出表（不含上年结转）",
        11: "2024年部门综合预算财政拨款上年结转资金支出表",
        12: "2024年部门综合预算政府采购（资产配置、购买服务）预算表",
        13: "2024年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
        14: "2024年部门专项业务经费绩效目标表",
        15: "2024年部门整体支出绩效目标表",
        16: "2024年专项资金总体绩效目标表",
    ]

    static let emptyTables: [Int: String] = [
        9: "本部门无当年政府性基金预算收支。",
        11: "本部门无上年财政拨款结转资金。",
        16: "此项由上级主管部门公开。",
    ]

    func testEverySheetExistsInOrder() throws {
        let wb = try workbook()
        XCTAssertEqual(wb.sheetNames, ["封面", "目录"] + (1...16).map { "表\($0)" } + ["说明", "图表"])
        for n in 1...16 {
            let sheet = try self.sheet("表\(n)")
            // The title is the first text of row 1: A1, or C1 for 表13, printed over three page widths with
            // its two label columns repeated (the title sits over each width's own columns).
            let title = (0..<40).lazy.compactMap { sheet.text(row: 0, column: $0) }.first { !$0.isEmpty }
            XCTAssertEqual(title, Self.tableNames[n], "表\(n) title (row 1)")
            if n != 13 { XCTAssertEqual(sheet.text(row: 0, column: 0), Self.tableNames[n], "表\(n) title (A1)") }
        }
    }

    func testCover() throws {
        let cover = try sheet("封面")
        XCTAssertEqual(cover.text(row: 0, column: 0), "2024年部门（单位）综合预算公开报表")
        for (label, value) in [("部门（单位）名称：", "汉阴县医疗保障局"), ("保密审查情况：", "已审查"),
                               ("部门（单位）主要负责人审签情况：", "已审签")] {
            guard let row = cover.findRow(where: 0, equals: label) else {
                XCTFail("封面: no row \(label)")
                continue
            }
            let values = cover.cells(inRow: row).filter { $0.column > 0 }.compactMap(\.string).filter { !$0.isEmpty }
            XCTAssertEqual(values, [value], "封面 \(label)")
        }
    }

    func testContentsMarksEmptyTables() throws {
        let contents = try sheet("目录")
        let header = try XCTUnwrap(contents.findRow(where: 0, equals: "报表"), "目录 header row")
        let columns = ["报表", "报表名称", "是否空表", "公开空表理由"].map { label in
            contents.cells(inRow: header).first { $0.string == label }?.column
        }
        XCTAssertEqual(columns, [0, 1, 2, 3], "目录 header 报表 | 报表名称 | 是否空表 | 公开空表理由")
        var previous = header
        for n in 1...16 {
            guard let row = contents.findRow(where: 0, equals: "表\(n)") else {
                XCTFail("目录 has no row 表\(n)")
                continue
            }
            XCTAssertGreaterThan(row, previous, "目录 row 表\(n) out of order")
            previous = row
            XCTAssertEqual(contents.text(row: row, column: 1), Self.tableNames[n], "目录 表\(n) 报表名称")
            if let reason = Self.emptyTables[n] {
                XCTAssertEqual(contents.text(row: row, column: 2), "是", "目录 表\(n) 是否空表")
                XCTAssertEqual(contents.text(row: row, column: 3), reason, "目录 表\(n) 公开空表理由")
            } else {
                XCTAssertEqual(contents.text(row: row, column: 2), "否", "目录 表\(n) 是否空表")
                XCTAssertEqual(contents.text(row: row, column: 3) ?? "", "", "目录 表\(n) 公开空表理由 should be blank")
            }
        }
    }

    // MARK: - 表1, 表4 (收支总表, 财政拨款收支总表)

    /// 表1 as published (8 columns: 收入 项目|预算数, 功能分类|预算数, 部门经济分类|预算数, 政府经济分类|预算数),
    /// with the corrections marked.
    static let table1 = """
        一、部门预算|1,996.62|一、部门预算|1,996.62|一、部门预算|1,996.62|一、部门预算|1,996.62
        1、财政拨款|1,996.62|1、一般公共服务支出||1、人员经费和公用经费支出|342.48|1、机关工资福利支出|329.88
        (1)一般公共预算拨款|1,996.62|2、外交支出||(1)工资福利支出|329.88|2、机关商品和服务支出|43.40
        其中：专项资金列入部门预算的项目||3、国防支出||(2)商品和服务支出|12.60|3、机关资本性支出|4.20
        (2)政府性基金拨款||4、公共安全支出||(3)对个人和家庭的补助||4、机关资本性支出（基本建设）|
        (3)国有资本经营预算收入||5、教育支出||(4)资本性支出||5、对事业单位经常性补助|
        2、上级补助收入||6、科学技术支出||2、专项业务经费支出|1,654.14|6、对事业单位资本性补助|
        3、事业收入||7、文化旅游体育与传媒支出||(1)工资福利支出||7、对企业补助|
        其中：纳入财政专户管理的收费||8、社会保障和就业支出|37.02|(2)商品和服务支出|30.80|8、对企业资本性支出|
        4、事业单位经营收入||9、社会保险基金支出||(3)对个人和家庭补助|124.53|9、对个人和家庭的补助|124.53
        5、附属单位上缴收入||10、卫生健康支出|1,933.22|(4)债务利息及费用支出||10、对社会保障基金补助|1,494.61
        6、其他收入||11、节能环保支出||(5)资本性支出(基本建设)||11、其他支出|
        ||12、城乡社区支出||(6)资本性支出|4.20||
        ||13、农林水支出||(7)对企业补助(基本建设)|||
        ||14、交通运输支出||(8)对企业补助|||
        ||15、资源勘探工业信息等支出||(9)对社会保障基金补助|1,494.61||
        ||16、商业服务业等支出||(10)其他支出|||
        ||17、金融支出||3、上缴上级支出|||
        ||18、援助其他地区支出||4、事业单位经营支出|||
        ||19、自然资源海洋气象等支出||5、对附属单位补助支出|||
        ||20、住房保障支出|26.38||||
        ||21、粮油物资储备支出|||||
        ||22、国有资本经营预算支出|||||
        ||23、灾害防治及应急管理支出|||||
        ||24、其他支出|||||
        本年收入合计|1,996.62|本年支出合计|1,996.62|本年支出合计|1,996.62|本年支出合计|1,996.62
        使用非财政拨款结余||结转下年||结转下年||结转下年|
        上年实户资金余额||未安排支出的实户资金||未安排支出的实户资金||未安排支出的实户资金|
        上年结转|||||||
        其中：财政拨款资金结转|||||||
        非财政拨款资金结余|||||||
        收入总计|1,996.62|支出总计|1,996.62|支出总计|1,996.62|支出总计|1,996.62
        """
    // CORRECTED in table1 (published values): 2、机关商品和服务支出 47.60 → 43.40; 3、机关资本性支出 blank → 4.20;
    // 专项 (2)商品和服务支出 35.00 → 30.80; 专项 (6)资本性支出 blank → 4.20.
    // FILLED IN (published blank, not among the known corrections): 部门经济 “2、专项业务经费支出” — the
    // reference leaves this section subtotal empty although 1、人员经费和公用经费支出 shows 342.48 and
    // 一、部门预算 1,996.62 = 342.48 + 1,654.14; its detail rows sum to 1,654.14 (the 专项 total of 表5/表10/表15).

    /// 表4 as published; the reference repeats 表1's misclassification here (47.60 / 35.00) and the blank
    /// 2、专项业务经费支出 subtotal, corrected alike.
    static let table4 = """
        一、财政拨款|1,996.62|一、财政拨款|1,996.62|一、财政拨款|1,996.62|一、财政拨款|1,996.62
        1、一般公共预算拨款|1,996.62|1、一般公共服务支出||1、人员经费和公用经费支出|342.48|1、机关工资福利支出|329.88
        其中：专项资金列入部门预算的项目||2、外交支出||(1)工资福利支出|329.88|2、机关商品和服务支出|43.40
        2、政府性基金拨款||3、国防支出||(2)商品和服务支出|12.60|3、机关资本性支出|4.20
        3、国有资本经营预算收入||4、公共安全支出||(3)对个人和家庭的补助||4、机关资本性支出（基本建设）|
        ||5、教育支出||(4)资本性支出||5、对事业单位经常性补助|
        ||6、科学技术支出||2、专项业务经费支出|1,654.14|6、对事业单位资本性补助|
        ||7、文化旅游体育与传媒支出||(1)工资福利支出||7、对企业补助|
        ||8、社会保障和就业支出|37.02|(2)商品和服务支出|30.80|8、对企业资本性支出|
        ||9、社会保险基金支出||(3)对个人和家庭补助|124.53|9、对个人和家庭的补助|124.53
        ||10、卫生健康支出|1,933.22|(4)债务利息及费用支出||10、对社会保障基金补助|1,494.61
        ||11、节能环保支出||(5)资本性支出(基本建设)||11、其他支出|
        ||12、城乡社区支出||(6)资本性支出|4.20||
        ||13、农林水支出||(7)对企业补助(基本建设)|||
        ||14、交通运输支出||(8)对企业补助|||
        ||15、资源勘探工业信息等支出||(9)对社会保障基金补助|1,494.61||
        ||16、商业服务业等支出||(10)其他支出|||
        ||17、金融支出||3、上缴上级支出|||
        ||18、援助其他地区支出||4、事业单位经营支出|||
        ||19、自然资源海洋气象等支出||5、对附属单位补助支出|||
        ||20、住房保障支出|26.38||||
        ||21、粮油物资储备支出|||||
        ||22、国有资本经营预算支出|||||
        ||23、灾害防治及应急管理支出|||||
        ||24、其他支出|||||
        本年收入合计|1,996.62|本年支出合计|1,996.62|本年支出合计|1,996.62|本年支出合计|1,996.62
        上年结转||结转下年||结转下年||结转下年|
        收入总计|1,996.62|支出总计|1,996.62|支出总计|1,996.62|支出总计|1,996.62
        """

    static let summaryHeader = "项 目|预算数|支出功能分类科目（按大类）|预算数|部门预算支出经济分类科目（按大类）|预算数|政府预算支出经济分类科目（按大类）|预算数"

    func testTable1() throws {
        try checkSummaryTable("表1", Self.table1)
    }

    func testTable4() throws {
        try checkSummaryTable("表4", Self.table4)
    }

    /// Each of the four label columns is searched top-down for its labels in order (labels repeat,
    /// e.g. (1)工资福利支出 under both 部门经济 sections); the value beside each label is compared;
    /// then every published line must sit on one workbook row, the lines on consecutive rows.
    func checkSummaryTable(_ name: String, _ published: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let sheet = try self.sheet(name, file: file, line: line)
        let header = Self.fields(Self.summaryHeader)
        let headerRow = try XCTUnwrap(sheet.findRow(where: 0, equals: header[0]), "\(name): header row", file: file, line: line)
        for (c, label) in header.enumerated() {
            XCTAssertEqual(sheet.text(row: headerRow, column: c), label, "\(name) header column \(c)", file: file, line: line)
        }
        let lines = Self.lines(published)
        var lastRow = Array(repeating: headerRow, count: 4)
        var lineRows: [Int?] = []
        var checked = 0
        for (i, fields) in lines.enumerated() {
            XCTAssertEqual(fields.count, 8, "\(name) published line \(i + 1) malformed", file: file, line: line)
            var rows: Set<Int> = []
            for pair in 0..<4 {
                let label = fields[2 * pair], amount = fields[2 * pair + 1]
                guard !label.isEmpty else { continue }
                guard let row = sheet.findRow(where: 2 * pair, equals: label, after: lastRow[pair]) else {
                    XCTFail("\(name): label “\(label)” not found in column \(XlsxCell.reference(row: 0, column: 2 * pair).dropLast()) "
                            + "below row \(lastRow[pair] + 1)", file: file, line: line)
                    continue
                }
                lastRow[pair] = row
                rows.insert(row)
                assertAmount(sheet, row, 2 * pair + 1, amount, "\(name) “\(label)”", file: file, line: line)
                checked += 1
            }
            XCTAssertLessThanOrEqual(rows.count, 1, "\(name) published line \(i + 1) (\(fields.joined(separator: "|"))) spans workbook rows \(rows.sorted().map { $0 + 1 })",
                                     file: file, line: line)
            lineRows.append(rows.first)
        }
        if let first = lineRows.first ?? nil {
            for (i, row) in lineRows.enumerated() {
                if let row { XCTAssertEqual(row, first + i, "\(name) published line \(i + 1) is not at workbook row \(first + i + 1)", file: file, line: line) }
            }
            // Nothing below the last published line.
            let last = first + lines.count - 1
            let extra = sheet.cells.values.filter { $0.row > last && (!($0.string ?? "").isEmpty || ($0.number ?? 0) != 0) }
            XCTAssertTrue(extra.isEmpty, "\(name): unexpected cells below the table: \(extra.map(\.description).sorted())", file: file, line: line)
        }
        XCTAssertGreaterThan(checked, 60, "\(name): too few labels checked", file: file, line: line)
    }

    // MARK: - 表5–表8 (功能分类 / 经济分类 明细)

    static let table5 = """
        |合计|1996.62|329.88|12.60|1654.14|
        208|社会保障和就业支出|37.02|37.02|||
        20805|行政事业单位养老支出|37.02|37.02|||
        2080505|机关事业单位基本养老保险缴费支出|37.02|37.02|||
        210|卫生健康支出|1933.22|266.48|12.60|1654.14|
        21011|行政事业单位医疗|18.14|18.14|||
        2101101|行政单位医疗|18.14|18.14|||
        21012|财政对基本医疗保险基金的补助|1494.61|||1494.61|
        2101202|财政对城乡居民基本医疗保险基金的补助|1494.61|||1494.61|
        21013|医疗救助|80.00|||80.00|
        2101301|城乡医疗救助|80.00|||80.00|
        21015|医疗保障管理事务|295.94|248.34|12.60|35.00|
        2101501|行政运行|290.94|248.34|12.60|30.00|
        2101504|信息化建设|2.00|||2.00|
        2101505|医疗保障政策管理|3.00|||3.00|
        21099|其他卫生健康支出|44.53|||44.53|
        2109999|其他卫生健康支出|44.53|||44.53|
        221|住房保障支出|26.38|26.38|||
        22102|住房改革支出|26.38|26.38|||
        2210201|住房公积金|26.38|26.38|||
        """

    /// CORRECTED: 合计 专项业务经费支出 published 1621.65; its detail rows (and 表5/表10/表15) give 1654.14.
    static let table6 = """
        |合计|||1996.62|329.88|12.6|1654.14|
        301|工资福利支出|||329.88|329.88|||
        30101|基本工资|50101|工资奖金津补贴|122.65|122.65|||
        30102|津贴补贴|50101|工资奖金津补贴|46.42|46.42|||
        30103|奖金|50101|工资奖金津补贴|10.22|10.22|||
        30107|绩效工资|50101|工资奖金津补贴|51.52|51.52|||
        30108|机关事业单位基本养老保险缴费|50102|社会保障缴费|37.02|37.02|||
        30110|职工基本医疗保险缴费|50102|社会保障缴费|18.14|18.14|||
        30113|住房公积金|50103|住房公积金|26.38|26.38|||
        30199|其他工资福利支出|50199|其他工资福利支出|17.53|17.53|||
        302|商品和服务支出|||43.4||12.6|30.8|
        30201|办公费|50201|办公经费|24.9||8|16.9|
        30205|水费|50201|办公经费|0.3|||0.3|
        30206|电费|50201|办公经费|2|||2|
        30207|邮电费|50201|办公经费|0.84|||0.84|
        30211|差旅费|50201|办公经费|5||2|3|
        30215|会议费|50202|会议费|0.5||0.5||
        30216|培训费|50203|培训费|2|||2|
        30217|公务接待费|50206|公务接待费|1||0.6|0.4|
        30228|工会经费|50201|办公经费|4.5||1.5|3|
        30299|其他商品和服务支出|50299|其他商品和服务支出|2.36|||2.36|
        303|对个人和家庭的补助|||124.53|||124.53|
        30307|医疗费补助|50901|社会福利和救助|124.53|||124.53|
        310|资本性支出|||4.2|||4.2|
        31002|办公设备购置|50306|设备购置|4.2|||4.2|
        313|对社会保障基金补助|||1494.61|||1494.61|
        31302|对社会保险基金补助|51002|对社会保险基金补助|1494.61|||1494.61|
        """

    /// The reference's 表7 names 2080505 “机关事业单位基本养老支出”, its own 表5 (and the 功能分类 catalog)
    /// “机关事业单位基本养老保险缴费支出”; budgetc prints the catalog name in both tables, expected here.
    static let table7 = """
        |合计|342.48|329.88|12.60|
        208|社会保障和就业支出|37.02|37.02||
        20805|行政事业单位养老支出|37.02|37.02||
        2080505|机关事业单位基本养老保险缴费支出|37.02|37.02||
        210|卫生健康支出|279.08|266.48|12.60|
        21011|行政事业单位医疗|18.14|18.14||
        2101101|行政单位医疗|18.14|18.14||
        21015|医疗保障管理事务|260.94|248.34|12.60|
        2101501|行政运行|260.94|248.34|12.60|
        221|住房保障支出|26.38|26.38||
        22102|住房改革支出|26.38|26.38||
        2210201|住房公积金|26.38|26.38||
        """

    static let table8 = """
        |合计|||342.48|329.88|12.60|
        301|工资福利支出|||329.88|329.88||
        30101|基本工资|50101|工资奖金津补贴|122.65|122.65||
        30102|津贴补贴|50101|工资奖金津补贴|46.42|46.42||
        30103|奖金|50101|工资奖金津补贴|10.22|10.22||
        30107|绩效工资|50101|工资奖金津补贴|51.52|51.52||
        30108|机关事业单位基本养老保险缴费|50102|社会保障缴费|37.02|37.02||
        30110|职工基本医疗保险缴费|50102|社会保障缴费|18.14|18.14||
        30113|住房公积金|50103|住房公积金|26.38|26.38||
        30199|其他工资福利支出|50199|其他工资福利支出|17.53|17.53||
        302|商品和服务支出|||12.60||12.60|
        30201|办公费|50201|办公经费|8.00||8.00|
        30211|差旅费|50201|办公经费|2.00||2.00|
        30215|会议费|50202|会议费|0.50||0.50|
        30217|公务接待费|50206|公务接待费|0.60||0.60|
        30228|工会经费|50201|办公经费|1.50||1.50|
        """

    func testTable5() throws {
        try checkCodeTable("表5", header: "功能科目编码|功能科目名称|合计|人员经费支出|公用经费支出|专项业务经费支出|备注",
                           layout: [.code, .text, .amount, .amount, .amount, .amount, .text], published: Self.table5)
    }

    func testTable6() throws {
        try checkCodeTable("表6", header: "部门经济科目编码|部门经济科目名称|政府经济科目编码|政府经济科目名称|合计|人员经费支出|公用经费支出|专项业务经费支出|备注",
                           layout: [.code, .text, .code, .text, .amount, .amount, .amount, .amount, .text], published: Self.table6)
    }

    func testTable7() throws {
        try checkCodeTable("表7", header: "功能科目编码|功能科目名称|合计|人员经费支出|公用经费支出|备注",
                           layout: [.code, .text, .amount, .amount, .amount, .text], published: Self.table7)
    }

    func testTable8() throws {
        try checkCodeTable("表8", header: "部门经济科目编码|部门经济科目名称|政府经济科目编码|政府经济科目名称|合计|人员经费支出|公用经费支出|备注",
                           layout: [.code, .text, .code, .text, .amount, .amount, .amount, .text], published: Self.table8)
    }

    enum Field { case code, text, amount }

    /// Rows are found by the code in column A (the 合计 row by its label in column B); every published
    /// field is compared (codes must be text cells); published rows must appear in the same order,
    /// and, when `exhaustive`, the workbook must have no other rows.
    func checkCodeTable(_ name: String, header: String, layout: [Field], published: String, exhaustive: Bool = true,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        let sheet = try self.sheet(name, file: file, line: line)
        let headerFields = Self.fields(header)
        XCTAssertEqual(headerFields.count, layout.count, file: file, line: line)
        let headerRow = try XCTUnwrap(sheet.findRow(where: 0, equals: headerFields[0]), "\(name): header row", file: file, line: line)
        for (c, label) in headerFields.enumerated() {
            XCTAssertEqual(sheet.text(row: headerRow, column: c), label, "\(name) header column \(c)", file: file, line: line)
        }
        let lines = Self.lines(published)
        var previous = headerRow
        for fields in lines {
            XCTAssertGreaterThanOrEqual(fields.count, layout.count - 1, "\(name): malformed published line \(fields)", file: file, line: line)
            let key = fields[0].isEmpty ? fields[1] : fields[0]
            let found = fields[0].isEmpty ? sheet.findRow(where: 1, equals: fields[1], after: headerRow)
                                          : sheet.findRow(where: 0, equals: fields[0], after: headerRow)
            guard let row = found else {
                XCTFail("\(name): no row “\(key)”", file: file, line: line)
                continue
            }
            XCTAssertGreaterThan(row, previous, "\(name): row “\(key)” out of the published order", file: file, line: line)
            previous = row
            for (c, kind) in layout.enumerated() {
                let expected = c < fields.count ? fields[c] : ""
                let what = "\(name) row “\(key)” column \(headerFields[c])"
                switch kind {
                case .code: assertCode(sheet, row, c, expected, what, file: file, line: line)
                case .text: assertText(sheet, row, c, expected, what, file: file, line: line)
                case .amount: assertAmount(sheet, row, c, expected, what, file: file, line: line)
                }
            }
        }
        if exhaustive {
            let published = lines.map { $0[0].isEmpty ? $0[1] : $0[0] }
            let written = sheet.rows().filter { $0 > headerRow }.compactMap { row -> String? in
                let code = sheet.text(row: row, column: 0) ?? ""
                let label = sheet.text(row: row, column: 1) ?? ""
                return code.isEmpty ? (label.isEmpty ? nil : label) : code
            }
            XCTAssertEqual(written, published, "\(name): the workbook's rows differ from the published rows", file: file, line: line)
        }
    }

    // MARK: - 表10 专项业务经费

    static let table10 = """
        962001|汉阴县医疗保障局|1654.14|
        |1、医保重点工作经费|41.00|①用于开展全县医疗保障事务管理、医疗救助和医药服务价格管理、日常运转、医疗保障信息网络维护等支出。②支付当年享受企业离休干部医疗费补助2人，每人每年补助标准3万元。
        |2、2024年城乡居民医保基金县级财政补助|1494.61|依据安医保发（2023）54号文件精神，2023年城乡居民基本医保县财政按人均57.6元/年配套资金，2023年共参保259480人，需县级配套1494.605万元。
        |3、纳入监测范围的农村易返贫致贫人口参保缴费县级补助|38.53|依据安医保字（2023）35号文件精神，2023年纳入监测范围的农村易返贫致贫人口参保缴费按照人均不低于190元标准补助（资金补助标准为：省级45元/人、市级10元/人、县级不低于135元/人）人数2854人。
        |4、医疗救助|80.00|根据安财社【2017】205号2017年度可用财力为9.8516亿。按可用财力的0.65%安排农村五保供养、临时救助和医疗救助560万元，按以前惯例安排80万元用于医疗救助县级配套。
        """

    func testTable10() throws {
        // The reference prints no 合计 row; budgetc adds one (= the unit total), so the row set is not exhaustive.
        try checkCodeTable("表10", header: "单位编码|单位（项目）名称|项目金额|项目简介",
                           layout: [.code, .text, .amount, .text], published: Self.table10, exhaustive: false)
        let sheet = try self.sheet("表10")
        let total = try XCTUnwrap(sheet.findRow(where: 1, equals: "合计"), "表10 合计 row")
        assertAmount(sheet, total, 2, "1654.14", "表10 合计")
        let unit = try XCTUnwrap(sheet.findRow(where: 0, equals: "962001"))
        let projects = sheet.rows().filter { $0 > unit && !(sheet.text(row: $0, column: 1) ?? "").isEmpty }
        XCTAssertEqual(projects.count, 4, "表10: exactly four projects under 962001")
    }

    // MARK: - 表12 政府采购

    func testTable12() throws {
        let sheet = try self.sheet("表12")
        let header = try XCTUnwrap(sheet.findRow(where: 3, equals: "单位编码"), "表12 header")
        let columnOf: (String) -> Int? = { label in
            sheet.cells.values.first { $0.row >= header && $0.row <= header + 1 && $0.string == label }?.column
        }
        XCTAssertEqual(columnOf("采购项目"), 4)
        XCTAssertEqual(columnOf("采购目录"), 5)
        XCTAssertEqual(columnOf("规格型号"), 7)
        XCTAssertEqual(columnOf("数量"), 8)
        XCTAssertEqual(columnOf("部门预算支出经济科目编码"), 9)
        XCTAssertEqual(columnOf("政府预算支出经济科目编码"), 11)
        XCTAssertEqual(columnOf("预算金额"), 14)

        // 合计 | 962 | 962001: quantity 9, amount 4.2; the unit rows carry 210|15|01.
        let total = try XCTUnwrap(sheet.findRow(where: 4, equals: "合计"), "表12 合计 row")
        assertQuantity(sheet, total, 8, 9, "表12 合计 数量")
        assertAmount(sheet, total, 14, "4.2", "表12 合计 预算金额")
        for c in 0...3 { assertText(sheet, total, c, "", "表12 合计 column \(c)") }
        var previous = total
        for code in ["962", "962001"] {
            guard let row = sheet.findRow(where: 3, equals: code) else {
                XCTFail("表12: no row \(code)")
                continue
            }
            XCTAssertGreaterThan(row, previous, "表12 row \(code) order")
            previous = row
            for (c, part) in ["210", "15", "01"].enumerated() { assertCode(sheet, row, c, part, "表12 \(code) 科目编码 column \(c)") }
            assertCode(sheet, row, 3, code, "表12 \(code) 单位编码")
            assertText(sheet, row, 4, "汉阴县医疗保障局", "表12 \(code) 采购项目")
            assertQuantity(sheet, row, 8, 9, "表12 \(code) 数量")
            assertAmount(sheet, row, 14, "4.2", "表12 \(code) 预算金额")
        }

        // Item rows: 210|15|01, 医疗保障事务管理, 310|02, 503|06.
        // The reference prints the printer's 采购目录 as “A4黑白打印机”; the budget adds the 品目 code
        // A02021003 (see budget.bud) on a line of its own, so the text is matched by its published suffix.
        let items: [(catalog: String, spec: String, quantity: Int, amount: String)] = [
            ("A02010105\n台式计算机", "华为", 6, "3.6"),
            ("A4黑白打印机", "联想", 3, "0.6"),
        ]
        let itemRows = sheet.findRows(where: 4, equals: "医疗保障事务管理")
        XCTAssertEqual(itemRows.count, items.count, "表12: item rows")
        for item in items {
            guard let row = sheet.findRow(where: 5, after: previous, matching: { $0.hasSuffix(item.catalog) }) else {
                XCTFail("表12: no item “\(item.catalog)”")
                continue
            }
            let what = "表12 item \(item.catalog)"
            for (c, part) in ["210", "15", "01"].enumerated() { assertCode(sheet, row, c, part, "\(what) 科目编码 column \(c)") }
            assertText(sheet, row, 4, "医疗保障事务管理", "\(what) 采购项目")
            assertText(sheet, row, 7, item.spec, "\(what) 规格型号")
            assertQuantity(sheet, row, 8, item.quantity, "\(what) 数量")
            for (c, part) in ["310", "02", "503", "06"].enumerated() { assertCode(sheet, row, 9 + c, part, "\(what) 经济科目编码 column \(9 + c)") }
            assertAmount(sheet, row, 14, item.amount, "\(what) 预算金额")
        }
    }

    // MARK: - 表13 三公经费 (当年 block)

    func testTable13CurrentYear() throws {
        let sheet = try self.sheet("表13")
        let blockHeader = try XCTUnwrap(sheet.cells.values.first { $0.string == "当年" }, "表13: no 当年 header")
        let c = blockHeader.column
        // Column headers of the block (rows below “当年”).
        let labels = ["合计", "小计", "因公出国（境）费用", "公务接待费", "小计", "公务用车购置费", "公务用车运行维护费", "会议费", "培训费"]
        for (offset, label) in labels.enumerated() {
            let texts = (blockHeader.row + 1...blockHeader.row + 3).compactMap { sheet.text(row: $0, column: c + offset) }
            XCTAssertTrue(texts.contains(label), "表13 当年 column \(c + offset) header should be \(label), found \(texts)")
        }
        // Published 当年 block: 合计 3.5, 三公小计 1, 出国 –, 公务接待 1, 用车 –, –, –, 会议费 0.5, 培训费 2.
        let published = ["3.5", "1", "", "1", "", "", "", "0.5", "2"]
        let rows: [(String, Int?)] = [
            ("合计", sheet.findRow(where: 1, equals: "合计", after: blockHeader.row)),
            ("962", sheet.findRow(where: 0, equals: "962", after: blockHeader.row)),
            ("962001", sheet.findRow(where: 0, equals: "962001", after: blockHeader.row)),
        ]
        var previous = blockHeader.row
        for (key, found) in rows {
            guard let row = found else {
                XCTFail("表13: no row \(key)")
                continue
            }
            XCTAssertGreaterThan(row, previous, "表13 row \(key) order")
            previous = row
            if key != "合计" {
                // CORRECTED: the reference shows 962001 as 1E+06; the code must be a text cell.
                assertCode(sheet, row, 0, key, "表13 单位编码 \(key)")
                assertText(sheet, row, 1, "汉阴县医疗保障局", "表13 单位名称 \(key)")
            }
            for (offset, amount) in published.enumerated() {
                assertAmount(sheet, row, c + offset, amount, "表13 \(key) 当年 \(labels[offset])")
            }
        }
    }

    // MARK: - 表14 项目绩效目标

    /// (project, 实施期资金总额, 其中：财政拨款). The reference's 表14 names the fourth project
    /// “医疗救助县级补助资金” while its 表10 names it “医疗救助”; the budget has one name per project.
    static let table14: [(project: String, total: String, fiscal: String)] = [
        ("医保重点工作经费", "41", "41"),
        ("2024年城乡居民医保基金县级财政补助", "1494.61", "1494.61"),
        ("纳入监测范围的农村易返贫致贫人口参保缴费县级补助", "38.53", "38.53"),
        ("医疗救助", "80", "80"),
    ]

    func testTable14() throws {
        let sheet = try self.sheet("表14")
        let blocks = sheet.findRows(where: 0, equals: "项目名称")
        XCTAssertEqual(blocks.count, Self.table14.count, "表14: one block per project")
        for (index, expected) in Self.table14.enumerated() {
            guard let start = sheet.findRow(where: 2, equals: expected.project),
                  sheet.text(row: start, column: 0) == "项目名称" else {
                XCTFail("表14: no block for “\(expected.project)”")
                continue
            }
            if index < blocks.count { XCTAssertEqual(start, blocks[index], "表14: “\(expected.project)” is block \(index + 1)") }
            let end = blocks.first { $0 > start } ?? Int.max
            func labelRow(_ label: String) -> Int? {
                sheet.findRow(where: 2, after: start, matching: { Self.withoutColon($0) == Self.withoutColon(label) }).flatMap { $0 < end ? $0 : nil }
            }
            let what = "表14 “\(expected.project)”"
            if let row = sheet.findRow(where: 0, equals: "主管部门", after: start), row < end {
                assertText(sheet, row, 2, "汉阴县医疗保障局", "\(what) 主管部门")
            } else {
                XCTFail("\(what): no 主管部门 row")
            }
            for (label, amount) in [("实施期资金总额:", expected.total), ("其中:财政拨款", expected.fiscal), ("其他资金", "")] {
                guard let row = labelRow(label) else {
                    XCTFail("\(what): no row “\(label)”")
                    continue
                }
                assertAmountRight(of: 2, sheet, row, amount, "\(what) \(label)")
            }
        }
    }

    // MARK: - 表15 部门整体绩效目标

    func testTable15() throws {
        let sheet = try self.sheet("表15")
        let header = try XCTUnwrap(sheet.cells.values.first { $0.string == "总额" }, "表15: no 总额 header")
        let columns = ["总额", "财政拨款", "其他资金"].map { label in
            sheet.cells(inRow: header.row).first { $0.string == label }?.column
        }
        XCTAssertEqual(columns.compactMap { $0 }.count, 3, "表15 amount headers")
        let (total, fiscal, other) = (columns[0] ?? 3, columns[1] ?? 4, columns[2] ?? 5)
        let published: [(String, String, String, String?)] = [
            ("人员经费", "329.88", "329.88", "发放在职人员工资"),
            ("公用经费", "12.6", "12.6", "保障单位正常运转"),
            ("专项业务费", "1654.14", "1654.14", "完成医疗保障管理重点工作"),
        ]
        var previous = header.row
        for (task, amount, fiscalAmount, content) in published {
            guard let row = sheet.findRow(where: 1, equals: task, after: header.row) else {
                XCTFail("表15: no task \(task)")
                continue
            }
            XCTAssertGreaterThan(row, previous, "表15 task order")
            previous = row
            if let content { assertText(sheet, row, 2, content, "表15 \(task) 主要内容") }
            assertAmount(sheet, row, total, amount, "表15 \(task) 总额")
            assertAmount(sheet, row, fiscal, fiscalAmount, "表15 \(task) 财政拨款")
            assertAmount(sheet, row, other, "", "表15 \(task) 其他资金")
        }
        let sumRow = try XCTUnwrap(sheet.findRow(where: 0, equals: "金额合计"), "表15 金额合计 row")
        XCTAssertGreaterThan(sumRow, previous)
        assertAmount(sheet, sumRow, total, "1996.62", "表15 金额合计 总额")
        assertAmount(sheet, sumRow, fiscal, "1996.62", "表15 金额合计 财政拨款")
        assertAmount(sheet, sumRow, other, "", "表15 金额合计 其他资金")
    }

    // MARK: - Codes are text

    /// Columns holding classification or unit codes, per sheet. Every non-blank cell in them must be a
    /// string cell (so spreadsheets never show 1E+06 or drop leading zeros); `minimumCodes` digit codes
    /// must be present, so the check is not vacuous.
    static let codeColumns: [(sheet: String, columns: [Int], minimumCodes: Int)] = [
        ("表2", [0], 2), ("表3", [0], 2),
        ("表5", [0], 19), ("表6", [0, 2], 26 + 21), ("表7", [0], 11), ("表8", [0, 2], 15 + 13),
        ("表10", [0], 1), ("表11", [0, 3, 5], 0),
        ("表12", [0, 1, 2, 3, 9, 10, 11, 12], 3 * 4 + 2 + 2 * 4),
        ("表13", [0], 2),
    ]

    func testCodeCellsAreText() throws {
        for entry in Self.codeColumns {
            let sheet = try self.sheet(entry.sheet)
            var codes = 0
            for column in entry.columns {
                for cell in sheet.cells(inColumn: column) where !cell.isBlank {
                    XCTAssertTrue(cell.isString, "\(entry.sheet)!\(cell.reference) holds a code column value but is not a text cell: \(cell)")
                    XCTAssertNil(cell.formula, "\(entry.sheet)!\(cell.reference): formula in a code column")
                    if let s = cell.string, !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) { codes += 1 }
                }
            }
            XCTAssertGreaterThanOrEqual(codes, entry.minimumCodes, "\(entry.sheet): expected at least \(entry.minimumCodes) code cells")
        }
        // Whatever the column: no numeric cell anywhere may hold a value that looks like a code of this budget.
        let wb = try workbook()
        let codeValues: Set<Double> = [962, 962001]
        for name in wb.sheetNames {
            for cell in wb.sheet(name)!.cells.values where cell.formula == nil {
                if let n = cell.number { XCTAssertFalse(codeValues.contains(n), "\(name)!\(cell.reference): code written as a number \(n)") }
            }
        }
    }

    // MARK: - Every formula's cached value is the sum it names

    func testEveryFormulaCachedValueMatchesItsSum() throws {
        let wb = try workbook()
        var count = 0
        for name in wb.sheetNames {
            let sheet = wb.sheet(name)!
            for cell in sheet.formulaCells {
                count += 1
                let formula = cell.formula!
                let where_ = "\(name)!\(cell.reference) =\(formula)"
                guard let cached = cell.number else {
                    XCTFail("\(where_): no numeric cached value (\(cell))")
                    continue
                }
                let terms: [SumFormula.Term]
                do {
                    terms = try SumFormula.parse(formula)
                } catch {
                    XCTFail("\(where_): \(error)")
                    continue
                }
                var sum = 0.0
                var ok = true
                for term in terms {
                    switch term {
                    case .constant(let value):
                        sum += value
                    case .cell(let row, let column), .negatedCell(let row, let column):
                        guard let referenced = sheet.cell(row: row, column: column), !referenced.isBlank else { continue }
                        if let value = referenced.number {
                            if case .negatedCell = term { sum -= value } else { sum += value }
                        } else {
                            ok = false
                            XCTFail("\(where_): names \(XlsxCell.reference(row: row, column: column)), which is not a number: \(referenced)")
                        }
                    }
                }
                if ok {
                    XCTAssertEqual(cached, sum, accuracy: 1e-9, "\(where_): cached \(cached), the cells it names sum to \(sum)")
                }
            }
        }
        XCTAssertGreaterThan(count, 100, "too few formulas found; is the reader missing <f>?")
    }

    func testSumFormulaParser() throws {
        XCTAssertEqual(try SumFormula.parse("SUM(A1:A3,B5)"),
                       [.cell(0, 0), .cell(1, 0), .cell(2, 0), .cell(4, 1)])
        XCTAssertEqual(try SumFormula.parse("SUM(B2:C3)+SUM($D$4)"),
                       [.cell(1, 1), .cell(2, 1), .cell(1, 2), .cell(2, 2), .cell(3, 3)])
        XCTAssertEqual(try SumFormula.parse("0"), [.constant(0)])
        XCTAssertThrowsError(try SumFormula.parse("AVERAGE(A1:A2)"))
        XCTAssertThrowsError(try SumFormula.parse("SUM(Sheet2!A1)"))
    }

    // MARK: - Determinism

    func testCompilingTwiceGivesIdenticalBytes() throws {
        let directory = try Golden.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first.xlsx").path
        let second = directory.appendingPathComponent("second.xlsx").path
        for path in [first, second] {
            let compiled = Golden.compile(to: path)
            XCTAssertEqual(compiled.output, path, "compile to \(path) failed: \(compiled.failure ?? "")")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        let b = try Data(contentsOf: URL(fileURLWithPath: second))
        XCTAssertGreaterThan(a.count, 1000)
        if a != b {
            let offset = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            XCTFail("the two workbooks differ: \(a.count) vs \(b.count) bytes, first difference at byte \(offset)")
        }
        // Two runs a moment apart could still agree by luck of the clock: check that nothing in the
        // package depends on the time of the run. The document dates are pinned to 1 January of the
        // budget year; the ZIP entries' dates must not be the time of the run either.
        let core = String(decoding: try XCTUnwrap(try XlsxPackage.part("docProps/core.xml", in: first), "docProps/core.xml"), as: UTF8.self)
        for element in ["dcterms:created", "dcterms:modified"] {
            XCTAssertTrue(core.contains("<\(element) xsi:type=\"dcterms:W3CDTF\">2024-01-01T00:00:00Z</\(element)>"),
                          "docProps/core.xml \(element) is not pinned to 2024-01-01T00:00:00Z: \(core)")
        }
        let dates = try XlsxPackage.entryModificationDates(in: first)
        XCTAssertFalse(dates.isEmpty)
        for (member, date) in dates.sorted(by: { $0.key < $1.key }) {
            XCTAssertGreaterThan(abs(date.timeIntervalSinceNow), 86_400, "ZIP entry \(member) is stamped with the time of the run: \(date)")
        }
    }

    // MARK: - Helpers

    static func lines(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { fields(String($0)) }
    }

    static func fields(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func withoutColon(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "：", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// "1,996.62" → 199662; "" → 0 (a blank published cell); nil when not a 0–2 decimal number.
    static func cents(_ published: String) -> Int? {
        let text = published.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return 0 }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), let whole = Int(parts[0]) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        while fraction.count < 2 { fraction += "0" }
        return whole * 100 + Int(fraction)!
    }

    /// The cell's amount in cents (万元 × 100, rounded to 0.01), or a description of why it is not a number.
    static func actualCents(_ sheet: XlsxSheet, _ row: Int, _ column: Int) -> Result<Int, Golden.Mismatch> {
        guard let cell = sheet.cell(row: row, column: column), !cell.isBlank else { return .success(0) }
        if let s = cell.string {
            return s.trimmingCharacters(in: .whitespaces).isEmpty ? .success(0) : .failure(Golden.Mismatch(text: "text “\(s)”"))
        }
        guard let value = cell.number else { return .failure(Golden.Mismatch(text: "no number (\(cell))")) }
        return .success(Int((value * 100).rounded()))
    }

    func assertAmount(_ sheet: XlsxSheet, _ row: Int, _ column: Int, _ published: String, _ what: String,
                      file: StaticString = #filePath, line: UInt = #line) {
        let reference = XlsxCell.reference(row: row, column: column)
        guard let expected = Self.cents(published) else {
            return XCTFail("\(what): bad published amount “\(published)”", file: file, line: line)
        }
        switch Self.actualCents(sheet, row, column) {
        case .failure(let mismatch):
            XCTFail("\(sheet.name)!\(reference) \(what): expected \(published.isEmpty ? "blank" : published), found \(mismatch.text)", file: file, line: line)
        case .success(let actual):
            XCTAssertEqual(actual, expected, "\(sheet.name)!\(reference) \(what): expected \(published.isEmpty ? "blank" : published), "
                           + "found \(sheet.cell(row: row, column: column)?.description ?? "no cell")", file: file, line: line)
        }
    }

    /// The amount of a row is the first number to the right of its label (label cells may be merged).
    func assertAmountRight(of labelColumn: Int, _ sheet: XlsxSheet, _ row: Int, _ published: String, _ what: String,
                           file: StaticString = #filePath, line: UInt = #line) {
        let numbers = sheet.cells(inRow: row).filter { $0.column > labelColumn && $0.number != nil }
        let column = numbers.first?.column ?? labelColumn + 2
        assertAmount(sheet, row, column, published, what, file: file, line: line)
        for extra in numbers.dropFirst() where (extra.number ?? 0) != 0 {
            XCTFail("\(sheet.name)!\(extra.reference) \(what): unexpected second amount \(extra)", file: file, line: line)
        }
    }

    func assertQuantity(_ sheet: XlsxSheet, _ row: Int, _ column: Int, _ expected: Int, _ what: String,
                        file: StaticString = #filePath, line: UInt = #line) {
        let cell = sheet.cell(row: row, column: column)
        XCTAssertEqual(cell?.number, Double(expected), "\(sheet.name)!\(XlsxCell.reference(row: row, column: column)) \(what): found \(cell?.description ?? "no cell")",
                       file: file, line: line)
    }

    func assertText(_ sheet: XlsxSheet, _ row: Int, _ column: Int, _ expected: String, _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) {
        let cell = sheet.cell(row: row, column: column)
        let reference = XlsxCell.reference(row: row, column: column)
        if expected.isEmpty {
            XCTAssertTrue(cell == nil || cell!.isBlank || (cell!.string ?? "x").isEmpty,
                          "\(sheet.name)!\(reference) \(what): expected blank, found \(cell!.description)", file: file, line: line)
        } else {
            XCTAssertEqual(cell?.string?.trimmingCharacters(in: .whitespacesAndNewlines), expected,
                           "\(sheet.name)!\(reference) \(what): found \(cell?.description ?? "no cell")", file: file, line: line)
        }
    }

    /// A code must be a text cell with exactly the code's digits.
    func assertCode(_ sheet: XlsxSheet, _ row: Int, _ column: Int, _ expected: String, _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) {
        assertText(sheet, row, column, expected, what, file: file, line: line)
        if !expected.isEmpty, let cell = sheet.cell(row: row, column: column) {
            XCTAssertTrue(cell.isString, "\(sheet.name)!\(cell.reference) \(what): code is not a text cell: \(cell)", file: file, line: line)
        }
    }
}

// MARK: - Fixture

enum Golden {
    struct Mismatch: Error { var text: String }

    /// Tests/BudgetCoreTests/GoldenReferenceTests.swift → the repository root.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var budgetPath: String { repositoryRoot.appendingPathComponent("workbooks/hanyin-2024/budget.bud").path }

    static func compile(to output: String) -> Pipeline.Compiled {
        let pipeline = Pipeline(templates: Templates(root: repositoryRoot.appendingPathComponent("templates").path))
        return pipeline.compile(path: budgetPath, output: output)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("budgetc-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Fixture: Sendable {
        var compiled: Pipeline.Compiled?
        var workbook: XlsxWorkbook?
        var problem: String?
    }

    /// Compiled and read once for all tests; the file is read into memory and its directory removed.
    static let fixture: Fixture = {
        var fixture = Fixture()
        do {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let output = directory.appendingPathComponent("out.xlsx").path
            let compiled = compile(to: output)
            fixture.compiled = compiled
            guard compiled.output != nil else {
                let errors = compiled.result.diagnostics.filter { $0.severity == .error }.map { "\($0.id): \($0.message)" }
                fixture.problem = "compile wrote no workbook: \(compiled.failure ?? "") \(errors.joined(separator: "; "))"
                return fixture
            }
            fixture.workbook = try XlsxWorkbook(path: output)
        } catch {
            fixture.problem = "cannot read the written workbook: \(error)"
        }
        return fixture
    }()
}

/// `SUM(A1:A3,B5)`, `SUM(..)+SUM(..)` and numeric constants: the formulas budgetc writes.
enum SumFormula {
    /// `negatedCell` is the subtrahend of `A-B` (增减 = 当年 − 上年).
    enum Term: Equatable { case cell(Int, Int), negatedCell(Int, Int), constant(Double) }

    struct Unsupported: Error, CustomStringConvertible { var description: String }

    static func parse(_ formula: String) throws -> [Term] {
        var text = formula.filter { !$0.isWhitespace }
        if text.hasPrefix("=") { text.removeFirst() }
        guard !text.isEmpty else { throw Unsupported(description: "empty formula") }
        var terms: [Term] = []
        // `A-B` between two single cells.
        let difference = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if difference.count == 2, let a = XlsxCell.parse(reference: difference[0]), let b = XlsxCell.parse(reference: difference[1]) {
            return [.cell(a.row, a.column), .negatedCell(b.row, b.column)]
        }
        for part in text.split(separator: "+", omittingEmptySubsequences: false).map(String.init) {
            if let value = Double(part) {
                terms.append(.constant(value))
                continue
            }
            guard part.uppercased().hasPrefix("SUM("), part.hasSuffix(")") else {
                throw Unsupported(description: "unsupported formula term “\(part)”")
            }
            let inner = part.dropFirst(4).dropLast()
            guard !inner.isEmpty, !inner.contains("("), !inner.contains(")") else {
                throw Unsupported(description: "unsupported SUM arguments “\(inner)”")
            }
            for argument in inner.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let value = Double(argument) {
                    terms.append(.constant(value))
                    continue
                }
                let ends = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard (1...2).contains(ends.count), let first = XlsxCell.parse(reference: ends[0]),
                      let last = XlsxCell.parse(reference: ends[ends.count - 1]) else {
                    throw Unsupported(description: "unsupported reference “\(argument)”")
                }
                for column in min(first.column, last.column)...max(first.column, last.column) {
                    for row in min(first.row, last.row)...max(first.row, last.row) {
                        terms.append(.cell(row, column))
                    }
                }
            }
        }
        return terms
    }
}
