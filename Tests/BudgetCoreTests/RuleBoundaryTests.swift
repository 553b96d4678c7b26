import BudgetCore
import Foundation
import XCTest

/// Boundary and direction tests for every rule with a threshold or a comparison: a fixture just
/// below, exactly at and just above each threshold, in both directions, and at each level (item and
/// total) the rule reports on. A `>=` written as `>` (or the reverse), an inverted comparison or a
/// level that is never reported fails here.
final class RuleBoundaryTests: XCTestCase {
    // MARK: - Fixture budgets

    /// One administrative unit, 5 people; 人员经费 2101501 30101 `wage`, 公用经费 2101501 30201 `office`,
    /// plus `extra` lines (in 公用经费) and `tail` statements; `header` goes after 年度.
    static func budget(year: Int = 2025, header: String = "", staff: String = "实有 行政 5", wage: String = "50.00",
                       office: String = "8.00", extra: String = "", tail: String = "") -> String {
        """
        部门 962 测试局
        年度 \(year)
        金额单位 万元
        保密审查 已审查
        负责人审签 已审签
        \(header)
        单位 962001 测试局本级 行政
          编制 行政 5
          \(staff)
        收入
          一般公共预算拨款 = 支出合计
        基本支出
          人员经费
            2101501 30101 基本工资 \(wage)
          公用经费
            2101501 30201 办公费 \(office)
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        \(tail)

        """
    }

    /// Diagnostics of `id` that are not notes (a justified finding is a note).
    func reported(_ id: String, _ source: String, files: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        let result = TestSupport.check(source, files: files)
        let errors = result.diagnostics.filter { $0.severity == .error && $0.id != id }
        XCTAssertTrue(errors.isEmpty, "fixture has errors: \(errors.map { "\($0.id): \($0.message)" })", file: file, line: line)
        return result.diagnostics.filter { $0.id == id && $0.severity != .note }
    }

    struct Case {
        var name: String
        var source: String
        var fires: Bool
        /// When given, some reported message contains it (fires) / none does (does not fire).
        var about: String? = nil
    }

    func run(_ id: String, _ cases: [Case], files: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) {
        for c in cases {
            let found = reported(id, c.source, files: files, file: file, line: line)
            let matching = c.about.map { about in found.filter { $0.message.contains(about) } } ?? found
            if c.fires {
                XCTAssertFalse(matching.isEmpty, "\(id) [\(c.name)] should be reported\(c.about.map { " about “\($0)”" } ?? ""); got \(found.map(\.message))",
                               file: file, line: line)
            } else {
                XCTAssertTrue(matching.isEmpty, "\(id) [\(c.name)] should not be reported\(c.about.map { " about “\($0)”" } ?? ""); got \(matching.map(\.message))",
                              file: file, line: line)
            }
        }
    }

    // MARK: - Previous-year thresholds: change-needs-reason, notes-reason

    /// Last year: 2101501 30101 50.00 and 2101501 30201 8.00 (the defaults of `budget`).
    static let lastYear = budget(year: 2024)
    static let withLastYear = "上年预算 \"last.bud\"\n变动阈值 比例 10% 金额 5万"

    func testChangeNeedsReasonAmountThresholdBothDirections() {
        // 30101 base 50: a change of 5 is 10%, so the percentage is reached whenever the amount is.
        // 2101501 base 58: 5 is 8.6% (rounds to 9%) — below 10%, so only 30101 is reported at the amount edge.
        let cases: [(String, Bool)] = [("54.99", false), ("55.00", true), ("55.01", true), ("45.01", false), ("45.00", true), ("44.99", true)]
        run("change-needs-reason", cases.map { wage, fires in
            Case(name: "30101 50 → \(wage)", source: Self.budget(header: Self.withLastYear, wage: wage), fires: fires, about: "30101")
        }, files: ["last.bud": Self.lastYear])
        // 2101501 needs 10% of 58 = 5.8 (both thresholds): 5.79 is 9.98% → rounds to 10% but… 5.79 ≥ 5 and 10% ≥ 10%: reported.
        run("change-needs-reason", [
            Case(name: "2101501 +5.00 (8.6%)", source: Self.budget(header: Self.withLastYear, wage: "55.00"), fires: false, about: "2101501"),
            Case(name: "2101501 +5.51 (9.5% → 10%)", source: Self.budget(header: Self.withLastYear, wage: "55.51"), fires: true, about: "2101501"),
            Case(name: "2101501 +5.50 (9.48% → 9%)", source: Self.budget(header: Self.withLastYear, wage: "55.50"), fires: false, about: "2101501"),
            Case(name: "2101501 −5.51", source: Self.budget(header: Self.withLastYear, wage: "44.49"), fires: true, about: "2101501"),
            Case(name: "2101501 −5.50", source: Self.budget(header: Self.withLastYear, wage: "44.50"), fires: false, about: "2101501"),
        ], files: ["last.bud": Self.lastYear])
    }

    func testChangeNeedsReasonPercentThresholdRoundsToWholePercent() {
        // 金额 1万, 比例 10%, base 100: 9.49% rounds to 9% (not reported), 9.50% rounds to 10% (reported).
        let last = Self.budget(year: 2024, wage: "100.00")
        let header = "上年预算 \"last.bud\"\n变动阈值 比例 10% 金额 1万"
        let cases: [(String, Bool)] = [("109.49", false), ("109.50", true), ("110.00", true), ("110.01", true),
                                       ("90.51", false), ("90.50", true), ("90.00", true), ("89.99", true)]
        run("change-needs-reason", cases.map { wage, fires in
            Case(name: "30101 100 → \(wage)", source: Self.budget(header: header, wage: wage), fires: fires, about: "30101")
        }, files: ["last.bud": last])
    }

    func testChangeNeedsReasonLevels() {
        let files = ["last.bud": Self.lastYear]
        // Money moved between economic 款 within one function 项: the 款 are reported, the 项 is not.
        let betweenEconomic = Self.budget(header: Self.withLastYear, wage: "56.00", office: "2.00")
        run("change-needs-reason", [
            Case(name: "款 30101 +6", source: betweenEconomic, fires: true, about: "30101"),
            Case(name: "款 30201 −6", source: betweenEconomic, fires: true, about: "30201"),
            Case(name: "项 2101501 unchanged", source: betweenEconomic, fires: false, about: "2101501"),
        ], files: files)
        // Money moved between function 项 with one economic 款: the 项 are reported (the new one with no
        // previous amount on the amount threshold alone), the 款 is not.
        let betweenFunctions = Self.budget(header: Self.withLastYear, wage: "44.00")
            .replacingOccurrences(of: "2101501 30101 基本工资 44.00", with: "2101501 30101 基本工资 44.00\n    2101101 30101 基本工资 6.00")
        run("change-needs-reason", [
            Case(name: "项 2101501 −6", source: betweenFunctions, fires: true, about: "2101501"),
            Case(name: "new 项 2101101 +6", source: betweenFunctions, fires: true, about: "2101101"),
            Case(name: "款 30101 unchanged", source: betweenFunctions, fires: false, about: "30101"),
        ], files: files)
        // A new item exactly at / just below the amount threshold.
        for (amount, fires) in [("5.00", true), ("4.99", false)] {
            let source = Self.budget(header: Self.withLastYear)
                .replacingOccurrences(of: "2101501 30101 基本工资 50.00", with: "2101501 30101 基本工资 50.00\n    2101101 30110 职工基本医疗保险缴费 \(amount)")
            run("change-needs-reason", [Case(name: "new 2101101 \(amount)", source: source, fires: fires, about: "2101101"),
                                        Case(name: "new 30110 \(amount)", source: source, fires: fires, about: "30110")], files: files)
        }
        // A removed item is a change too (new amount 0).
        let lastWithMore = Self.lastYear.replacingOccurrences(of: "2101501 30101 基本工资 50.00", with: "2101501 30101 基本工资 50.00\n    2101101 30110 职工基本医疗保险缴费 5.00")
        run("change-needs-reason", [Case(name: "removed 2101101 5.00", source: Self.budget(header: Self.withLastYear), fires: true, about: "2101101")],
            files: ["last.bud": lastWithMore])
    }

    func testChangeNeedsReasonIsSilencedByAReasonAtEachLevel() {
        let files = ["last.bud": Self.lastYear]
        let source = Self.budget(header: Self.withLastYear, wage: "60.00", tail: "说明\n  2101501 \"调资\"\n  301 \"调资\"")
        XCTAssertTrue(reported("change-needs-reason", source, files: files).isEmpty)
        let onlyFunction = Self.budget(header: Self.withLastYear, wage: "60.00", tail: "说明\n  2101501 \"调资\"")
        run("change-needs-reason", [Case(name: "款 without reason", source: onlyFunction, fires: true, about: "30101"),
                                    Case(name: "项 with reason", source: onlyFunction, fires: false, about: "2101501")], files: files)
    }

    func testNotesReasonThresholdAtTotalAndClassLevels() {
        let files = ["last.bud": Self.lastYear]
        // Every code has its reason, so only the 说明 sentences without one are reported:
        // total level (预算收入, 预算支出 …) when 301 has a reason, class level (301) when 收入 has one.
        // 比例 0%: the amount threshold alone decides.
        let codeReasons = "说明\n  2101501 \"调资\"\n  30101 \"调资\""
        let amountOnly = "上年预算 \"last.bud\"\n变动阈值 比例 0% 金额 5万"
        for (wage, fires) in [("54.99", false), ("55.00", true), ("55.01", true), ("45.01", false), ("45.00", true), ("44.99", true)] {
            run("notes-reason", [
                Case(name: "total, 50 → \(wage)", source: Self.budget(header: amountOnly, wage: wage, tail: codeReasons + "\n  301 \"调资\""),
                     fires: fires, about: "预算收入"),
                Case(name: "class 301, 50 → \(wage)", source: Self.budget(header: amountOnly, wage: wage, tail: codeReasons + "\n  收入 \"调资\""),
                     fires: fires, about: "（301）"),
            ], files: files)
        }
        // The total's percentage is of 58 (below 10% at a change of 5): 5.51 (9.5% → 10%) is reported, 5.50 (9.48%) not.
        for (wage, fires) in [("55.50", false), ("55.51", true), ("44.50", false), ("44.49", true)] {
            run("notes-reason", [Case(name: "total 58 → \(wage)", source: Self.budget(header: Self.withLastYear, wage: wage, tail: codeReasons + "\n  301 \"调资\""),
                                      fires: fires, about: "预算收入")], files: files)
        }
        // Money moved between classes: the total is unchanged (not reported), both classes are.
        let moved = Self.budget(header: Self.withLastYear, wage: "56.00", office: "2.00", tail: "说明\n  2101501 \"调整\"\n  30101 \"调整\"\n  30201 \"调整\"")
        run("notes-reason", [Case(name: "total unchanged", source: moved, fires: false, about: "预算收入"),
                             Case(name: "301 +6", source: moved, fires: true, about: "（301）"),
                             Case(name: "302 −6", source: moved, fires: true, about: "（302）")], files: files)
    }

    // MARK: - “只减不增”: sangong-growth, running-cost-growth

    /// Last year: 公务接待费 1.00 and 因公出国 1.00 inside 公用经费 (办公费 6.00).
    static let lastSanGong = budget(year: 2024, office: "6.00", extra: "2101501 30217 公务接待费 1.00\n2101501 30212 因公出国（境）费用 1.00")

    func sanGong(reception: String, abroad: String = "1.00", tail: String = "") -> String {
        Self.budget(header: "上年预算 \"last.bud\"", office: "6.00",
                    extra: "2101501 30217 公务接待费 \(reception)\n2101501 30212 因公出国（境）费用 \(abroad)", tail: tail)
    }

    func testSanGongGrowthItemAndTotalBothDirections() {
        let files = ["last.bud": Self.lastSanGong]
        run("sangong-growth", [
            Case(name: "接待 1.00 → 1.00", source: sanGong(reception: "1.00"), fires: false),
            Case(name: "接待 1.00 → 0.99", source: sanGong(reception: "0.99"), fires: false),
            Case(name: "接待 1.00 → 1.01: item", source: sanGong(reception: "1.01"), fires: true, about: "公务接待费"),
            Case(name: "接待 1.00 → 1.01: total", source: sanGong(reception: "1.01"), fires: true, about: "“三公”经费"),
            // One part up, another down by as much: the part is reported, the total is not.
            Case(name: "接待 +0.01, 出国 −0.01: item", source: sanGong(reception: "1.01", abroad: "0.99"), fires: true, about: "公务接待费"),
            Case(name: "接待 +0.01, 出国 −0.01: total", source: sanGong(reception: "1.01", abroad: "0.99"), fires: false, about: "“三公”经费"),
            // Down by more than the other goes up: the total decreases.
            Case(name: "接待 +0.01, 出国 −0.02: total", source: sanGong(reception: "1.01", abroad: "0.98"), fires: false, about: "“三公”经费"),
            Case(name: "接待 +0.02, 出国 −0.01: total", source: sanGong(reception: "1.02", abroad: "0.99"), fires: true, about: "“三公”经费"),
        ], files: files)
        // The part's own topic explains the part, not the total; 三公 explains both.
        run("sangong-growth", [
            Case(name: "公务接待 topic: item", source: sanGong(reception: "1.01", tail: "说明\n  公务接待 \"接待任务增加\""), fires: false, about: "公务接待费"),
            Case(name: "公务接待 topic: total", source: sanGong(reception: "1.01", tail: "说明\n  公务接待 \"接待任务增加\""), fires: true, about: "“三公”经费"),
            Case(name: "三公 topic", source: sanGong(reception: "1.01", tail: "说明\n  三公 \"接待任务增加\""), fires: false),
        ], files: files)
    }

    func testRunningCostGrowthBothDirections() {
        let files = ["last.bud": Self.lastYear]
        run("running-cost-growth", [
            Case(name: "8.00 → 8.00", source: Self.budget(header: "上年预算 \"last.bud\"", office: "8.00"), fires: false),
            Case(name: "8.00 → 7.99", source: Self.budget(header: "上年预算 \"last.bud\"", office: "7.99"), fires: false),
            Case(name: "8.00 → 8.01", source: Self.budget(header: "上年预算 \"last.bud\"", office: "8.01"), fires: true),
            // 人员经费 is not 机关运行经费.
            Case(name: "人员经费 up", source: Self.budget(header: "上年预算 \"last.bud\"", wage: "60.00"), fires: false),
        ], files: files)
    }

    // MARK: - 决算 thresholds: personnel-per-head, above-execution

    func testPersonnelPerHeadTenPercentStrictlyAbove() {
        // Last year: 30 of 人员经费 for 5 people (6.00 per head); 10% more is 6.60, i.e. 33.00 for 5 people.
        let actuals = "决算 2024\n部门 962 测试局\n实有人数 5\n基本支出\n  30101 30\n"
        let header = "上年决算 \"actuals.bud\""
        run("personnel-per-head", [
            Case(name: "33.00 / 5", source: Self.budget(header: header, wage: "33.00"), fires: false),
            Case(name: "33.01 / 5", source: Self.budget(header: header, wage: "33.01"), fires: true),
            Case(name: "32.99 / 5", source: Self.budget(header: header, wage: "32.99"), fires: false),
            Case(name: "25.00 / 5 (lower)", source: Self.budget(header: header, wage: "25.00"), fires: false),
            // Six people now: the edge moves to 39.60.
            Case(name: "39.60 / 6", source: Self.budget(header: header, staff: "实有 行政 6", wage: "39.60"), fires: false),
            Case(name: "39.61 / 6", source: Self.budget(header: header, staff: "实有 行政 6", wage: "39.61"), fires: true),
        ], files: ["actuals.bud": actuals])
    }

    func testAboveExecutionRatioAndAmountThresholds() {
        // Last year 2101501 spent 40 + 10 = 50; 20% above is 60. 公用经费 8 is on 2101501 too, so 人员经费 = total − 8.
        let actuals = "决算 2024\n部门 962 测试局\n支出\n  2101501 基本 40 项目 10\n"
        let files = ["actuals.bud": actuals]
        run("above-execution", [
            Case(name: "60.00 (exactly 120%)", source: Self.budget(header: "上年决算 \"actuals.bud\"", wage: "52.00"), fires: false),
            Case(name: "60.01", source: Self.budget(header: "上年决算 \"actuals.bud\"", wage: "52.01"), fires: true, about: "2101501"),
            Case(name: "59.99", source: Self.budget(header: "上年决算 \"actuals.bud\"", wage: "51.99"), fires: false),
            Case(name: "40.00 (below)", source: Self.budget(header: "上年决算 \"actuals.bud\"", wage: "32.00"), fires: false),
        ], files: files)
        // With 变动阈值 金额 12万 the excess itself must reach 12: 61.99 (11.99 over) no, 62.00 yes.
        let header = "上年决算 \"actuals.bud\"\n变动阈值 金额 12万"
        run("above-execution", [
            Case(name: "61.99", source: Self.budget(header: header, wage: "53.99"), fires: false),
            Case(name: "62.00", source: Self.budget(header: header, wage: "54.00"), fires: true),
            Case(name: "62.01", source: Self.budget(header: header, wage: "54.01"), fires: true),
        ], files: files)
    }

    // MARK: - Equalities within one budget

    func testFormulaMismatchOneFenEitherWay() {
        run("formula-mismatch", [
            Case(name: "49.50 = 5 * 9.9", source: Self.budget(wage: "49.50 = 5 * 9.9"), fires: false),
            Case(name: "49.51 = 5 * 9.9", source: Self.budget(wage: "49.51 = 5 * 9.9"), fires: true),
            Case(name: "49.49 = 5 * 9.9", source: Self.budget(wage: "49.49 = 5 * 9.9"), fires: true),
        ])
    }

    func testBalanceOneFenEitherWay() {
        func source(_ income: String) -> String {
            Self.budget().replacingOccurrences(of: "一般公共预算拨款 = 支出合计", with: "一般公共预算拨款 \(income)")
        }
        run("balance", [
            Case(name: "58.00", source: source("58.00"), fires: false),
            Case(name: "57.99", source: source("57.99"), fires: true),
            Case(name: "58.01", source: source("58.01"), fires: true),
        ])
    }

    func testMeetingTotalOneFenEitherWay() {
        func source(_ listed: String) -> String {
            Self.budget(office: "7.00", extra: "2101501 30215 会议费 1.00\n  会议 \"工作会\" 2025-03-01 50人 \(listed)")
        }
        run("meeting-total", [
            Case(name: "1.00 of 1.00", source: source("1.00"), fires: false),
            Case(name: "0.99 of 1.00", source: source("0.99"), fires: true),
            Case(name: "1.01 of 1.00", source: source("1.01"), fires: true),
        ])
    }

    func testProcurementAmountAndWithinLine() {
        func purchase(_ item: String, line: String = "4.20") -> String {
            Self.budget(office: "3.80", extra: "2101501 31002 办公设备购置 \(line)\n  采购 A02010105 台式计算机 \(item)")
        }
        run("procurement-amount", [
            Case(name: "3 × 2000元 = 0.60", source: purchase("3台 单价 2000元 金额 0.60"), fires: false),
            Case(name: "3 × 2000元 ≠ 0.61", source: purchase("3台 单价 2000元 金额 0.61"), fires: true),
            Case(name: "3 × 2000元 ≠ 0.59", source: purchase("3台 单价 2000元 金额 0.59"), fires: true),
        ])
        run("procurement-within-line", [
            Case(name: "4.20 of 4.20", source: purchase("金额 4.20"), fires: false),
            Case(name: "4.19 of 4.20", source: purchase("金额 4.19"), fires: false),
            Case(name: "4.21 of 4.20", source: purchase("金额 4.21"), fires: true),
        ])
    }

    func testProcurementCatalogCodeDigitCount() {
        func purchase(_ code: String) -> String {
            Self.budget(office: "3.80", extra: "2101501 31002 办公设备购置 4.20\n  采购 \(code) 台式计算机 金额 4.20")
        }
        run("procurement-catalog-code", [
            Case(name: "A + 1 digit", source: purchase("A0"), fires: true),
            Case(name: "A + 2 digits", source: purchase("A02"), fires: false),
            Case(name: "A + 10 digits", source: purchase("A0201010501"), fires: false),
            Case(name: "A + 11 digits", source: purchase("A02010105011"), fires: true),
        ])
    }

    func testPerformanceCostComparisonsAtProjectAndDepartmentLevel() {
        // Project total 10.00; department total (all non-carried lines) 68.00.
        func source(project: String = "≤10万元", department: String = "≤68万元") -> String {
            Self.budget(tail: """
            项目 "重点工作"
              简介 "用于重点工作"
              2101501 30201 办公费 10.00
              绩效
                总体目标 "完成重点工作"
                产出/成本 "预算控制数" "\(project)"
            部门绩效
              总体目标 "保障运转"
              产出/成本 "部门预算" "\(department)"
            """)
        }
        let cases: [(String, Bool)] = [("≤10万元", false), ("≤10.01万元", false), ("≤9.99万元", true),
                                       ("≥10万元", false), ("≥9.99万元", false), ("≥10.01万元", true),
                                       ("10万元", false), ("10.01万元", true), ("9.99万元", true),
                                       ("不超过100000元", false), ("不超过99999元", true)]
        run("performance-cost", cases.map { value, fires in
            Case(name: "project \(value)", source: source(project: value), fires: fires, about: "“\(value)”")
        })
        let departmentCases: [(String, Bool)] = [("≤68万元", false), ("≤67.99万元", true), ("≥68万元", false), ("≥68.01万元", true),
                                                 ("68万元", false), ("68.01万元", true)]
        run("performance-cost", departmentCases.map { value, fires in
            Case(name: "department \(value)", source: source(department: value), fires: fires, about: "“\(value)”")
        })
    }

    func testHeadcountPerCategoryAndTotal() {
        run("headcount", [
            Case(name: "5 of 5", source: Self.budget(staff: "实有 行政 5"), fires: false),
            Case(name: "4 of 5", source: Self.budget(staff: "实有 行政 4"), fires: false),
            Case(name: "6 of 5", source: Self.budget(staff: "实有 行政 6"), fires: true),
            // Totals only.
            Case(name: "total 5 of 5", source: Self.budget(staff: "实有 5"), fires: false),
            Case(name: "total 6 of 5", source: Self.budget(staff: "实有 6"), fires: true),
            // Per category: 1 工勤 without a 工勤 编制 is over even though the total (5) is not.
            Case(name: "行政 4 工勤 1 of 行政 5", source: Self.budget(staff: "实有 行政 4 工勤 1"), fires: true),
            Case(name: "行政 4 of 行政 5", source: Self.budget(staff: "实有 行政 4"), fires: false),
        ])
    }
    func testZeroAndNegativeAmountsAtZero() {
        run("zero-amount", [
            Case(name: "0.00", source: Self.budget(office: "0.00"), fires: true),
            Case(name: "0.01", source: Self.budget(office: "0.01"), fires: false),
        ])
        let negativeIncome = Self.budget().replacingOccurrences(of: "一般公共预算拨款 = 支出合计", with: "一般公共预算拨款 = 支出合计\n  其他收入 -0.01")
        run("negative-amount", [
            Case(name: "line −0.01", source: Self.budget(office: "-0.01"), fires: true),
            Case(name: "line 0.00", source: Self.budget(office: "0.00"), fires: false),
            Case(name: "line 0.01", source: Self.budget(office: "0.01"), fires: false),
            Case(name: "meeting −0.01", source: Self.budget(office: "7.00", extra: "2101501 30215 会议费 1.00\n  会议 \"工作会\" 2025-03-01 50人 -0.01"),
                 fires: true, about: "会议"),
        ])
        // A negative income is also unbalanced (balance); negative-amount is reported as well.
        XCTAssertTrue(TestSupport.check(negativeIncome).diagnostics.contains { $0.id == "negative-amount" && $0.message.contains("收入") },
                      "negative-amount: income −0.01 not reported")
    }

    func testSanGongQuantityZeroAgainstNonZero() {
        func source(reception: String?, batches: Int) -> String {
            Self.budget(office: "7.00", extra: reception.map { "2101501 30217 公务接待费 \($0)" } ?? "2101501 30202 印刷费 1.00",
                        tail: "三公\n  公务接待 批次 \(batches) 人次 \(batches * 4)")
        }
        run("sangong-quantity", [
            Case(name: "0.01 万元, 0 批次", source: source(reception: "0.01", batches: 0), fires: true),
            Case(name: "0.01 万元, 1 批次", source: source(reception: "0.01", batches: 1), fires: false),
            Case(name: "no 30217, 1 批次", source: source(reception: nil, batches: 1), fires: true),
            Case(name: "no 30217, 0 批次", source: source(reception: nil, batches: 0), fires: false),
        ])
    }

    /// duplicate-line: a repeat needs the same unit, block (kind, project), codes and source; every later
    /// repeat names the first line (the pipeline orders the findings by line).
    func testDuplicateLineMatchesPlaceKindAndSource() {
        let source = Self.budget(extra: """
            2101501 30202 印刷费 1
            2101501 30202 印刷费 2
            2101501 30201 办公费 1
            2101501 30201 办公费 2
            2101501 30201 办公费 3 来源 事业收入
            """, tail: """
            项目 "甲"
              简介 "甲"
              2101501 30201 办公费 4
              2101501 30201 办公费 5
            项目 "乙"
              简介 "乙"
              2101501 30201 办公费 6
            """).replacingOccurrences(of: "  一般公共预算拨款 = 支出合计", with: "  一般公共预算拨款 = 支出合计 - 3\n  事业收入 3")
        let found = reported("duplicate-line", source)
        XCTAssertEqual(found.map { $0.span?.line ?? 0 }, found.map { $0.span?.line ?? 0 }.sorted())
        let office = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasSuffix("30201 办公费 8.00") }! + 1
        let project = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasSuffix("30201 办公费 4") }! + 1
        let printing = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasSuffix("30202 印刷费 1") }! + 1
        XCTAssertEqual(found.map(\.message), ["与第 \(printing) 行重复：2101501 30202","与第 \(office) 行重复：2101501 30201", "与第 \(office) 行重复：2101501 30201",
                                               "与第 \(project) 行重复：2101501 30201"])
    }
}
