import BudgetCore
import Foundation
import XCTest

/// For every registered rule: an inline budget that triggers it (id, severity, line) and the
/// corrected budget that does not.
final class RuleFixtureTests: XCTestCase {
    /// A budget every rule accepts.
    static let clean = """
    部门 962 测试局
    年度 2024
    金额单位 万元
    保密审查 已审查
    负责人审签 已审签
    单位 962001 测试局本级 行政
      编制 行政 5
      实有 行政 5
    收入
      一般公共预算拨款 = 支出合计
    基本支出
      人员经费
        2101501 30101 基本工资 50
      公用经费
        2101501 30201 办公费 8
    项目 "重点工作"
      简介 "用于重点工作"
      2101501 30201 办公费 10
      绩效
        总体目标 "完成重点工作"
        产出/数量 "服务人数" "1000人"
        产出/质量 "合规性" "合规"
        产出/时效 "完成时限" "年底前"
        产出/成本 "预算控制数" "≤10万元"
        效益/社会 "政策知晓率" "≥90%"
        满意度/服务对象满意度 "群众满意度" "≥90%"
    部门绩效
      任务 人员经费 "发放工资"
      任务 公用经费 "保障运转"
      任务 专项业务费 "完成重点工作"
      总体目标 "保障运转，完成重点工作"
      产出/数量 "在职人数" "5人"
    资产 车辆 0 大型设备 0

    """

    struct Fixture {
        var id: String
        var severity: Severity
        /// Replacements applied to `clean` to trigger the rule.
        var trigger: [(String, String)]
        /// The diagnostic is on the first line containing this text.
        var lineContaining: String
        /// Replacements applied to `clean` that fix the triggering budget (also triggers' context).
        var fixed: [(String, String)]
    }

    /// A one-table set whose 明细 table allows one body row (the clean budget prints 合计 + one unit).
    static let rowLimitSet: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("budgetc-rowlimit-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? "名称 测试\n".write(toFile: folder + "/套表.tbl", atomically: true, encoding: .utf8)
        try? """
            表号 1
            标题 "{年}年支出表"
            列 "单位编码" 编码
            列 "单位名称" 名称
            列 "金额" 支出
            行
                合计
                    单位
            行数上限 1
            """.write(toFile: folder + "/表1.tbl", atomically: true, encoding: .utf8)
        return folder
    }()

    static let fixtures: [Fixture] = [
        Fixture(id: "unpublished-conflict", severity: .warning,
                trigger: [("部门绩效", "未公开 三公 会议费\n部门绩效"), ("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1")],
                lineContaining: "30217 公务接待费", fixed: [("部门绩效", "未公开 会议费\n部门绩效"), ("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1")]),
        Fixture(id: "assets-held", severity: .warning,
                trigger: [("资产 车辆 0 大型设备 0", "资产 车辆 1 大型设备 0"), ("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30231 公务用车运行维护费 1"),
                          ("部门绩效", "三公\n  公务用车 保有 2 购置 0\n部门绩效")],
                lineContaining: "资产 车辆 1", fixed: [("资产 车辆 0 大型设备 0", "资产 车辆 2 大型设备 0"), ("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30231 公务用车运行维护费 1"),
                                                      ("部门绩效", "三公\n  公务用车 保有 2 购置 0\n部门绩效")]),
        Fixture(id: "table-rows", severity: .warning, trigger: [("部门绩效", "报表 \"\(rowLimitSet)\"\n部门绩效")],
                lineContaining: "报表", fixed: []),
        Fixture(id: "balance", severity: .error, trigger: [("一般公共预算拨款 = 支出合计", "一般公共预算拨款 60")],
                lineContaining: "一般公共预算拨款 60", fixed: [("一般公共预算拨款 = 支出合计", "一般公共预算拨款 68")]),
        Fixture(id: "formula-mismatch", severity: .warning, trigger: [("2101501 30101 基本工资 50", "2101501 30101 基本工资 50 = 5 * 9.9")],
                lineContaining: "5 * 9.9", fixed: [("2101501 30101 基本工资 50", "2101501 30101 基本工资 49.5 = 5 * 9.9")]),
        Fixture(id: "code-name", severity: .warning, trigger: [("2101501 30201 办公费 8", "2101501 30201 差旅费 8")],
                lineContaining: "30201 差旅费", fixed: [("2101501 30201 办公费 8", "2101501 30211 差旅费 8")]),
        // local.tsv adds the code 30298 without a 部门→政府 mapping.
        Fixture(id: "economic-mapping", severity: .error,
                trigger: [("年度 2024", "年度 2024\n分类目录 \"local.tsv\""), ("2101501 30201 办公费 8", "2101501 30298 本地测试费 8")],
                lineContaining: "30298", fixed: [("年度 2024", "年度 2024\n分类目录 \"local.tsv\"")]),
        Fixture(id: "basic-economic-class", severity: .error, trigger: [("2101501 30201 办公费 8", "2101501 30307 医疗费补助 8")],
                lineContaining: "30307", fixed: []),
        Fixture(id: "basic-function-code", severity: .warning, trigger: [("2101501 30201 办公费 8", "2101502 30201 办公费 8")],
                lineContaining: "2101502", fixed: []),
        Fixture(id: "sangong-quantity", severity: .warning,
                trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1"), ("部门绩效", "三公\n  公务接待 批次 0 人次 0\n部门绩效")],
                lineContaining: "三公", fixed: [("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1"), ("部门绩效", "三公\n  公务接待 批次 5 人次 40\n部门绩效")]),
        Fixture(id: "sangong-total", severity: .error,
                trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1"), ("部门绩效", "三公\n  合计 0.5\n部门绩效")],
                lineContaining: "合计 0.5", fixed: [("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1"), ("部门绩效", "三公\n  合计 1.5\n部门绩效")]),
        Fixture(id: "meeting-total", severity: .warning,
                trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30215 会议费 1\n      会议 \"工作会\" 2024-03-01 50人 0.5")],
                lineContaining: "30215 会议费", fixed: [("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30215 会议费 1\n      会议 \"工作会\" 2024-03-01 50人 1")]),
        Fixture(id: "meeting-line", severity: .error,
                trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 8\n      会议 \"工作会\" 2024-03-01 50人 8")],
                lineContaining: "会议 \"工作会\"", fixed: []),
        Fixture(id: "procurement-amount", severity: .warning,
                trigger: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6\n  2101501 31002 办公设备购置 4\n    采购 A02010105 台式计算机 6台 单价 0.6 金额 4")],
                lineContaining: "采购 A02010105", fixed: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6.4\n  2101501 31002 办公设备购置 3.6\n    采购 A02010105 台式计算机 6台 单价 0.6 金额 3.6")]),
        Fixture(id: "procurement-within-line", severity: .error,
                trigger: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 7\n  2101501 31002 办公设备购置 3\n    采购 A02010105 台式计算机 6台 单价 0.6")],
                lineContaining: "31002 办公设备购置 3", fixed: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6.4\n  2101501 31002 办公设备购置 3.6\n    采购 A02010105 台式计算机 6台 单价 0.6")]),
        Fixture(id: "procurement-catalog-class", severity: .warning,
                trigger: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6.4\n  2101501 31002 办公设备购置 3.6\n    采购 A12010105 台式计算机 6台 单价 0.6")],
                lineContaining: "采购 A12", fixed: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6.4\n  2101501 31002 办公设备购置 3.6\n    采购 A02010105 台式计算机 6台 单价 0.6")]),
        Fixture(id: "procurement-catalog-code", severity: .warning,
                trigger: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6.4\n  2101501 31002 办公设备购置 3.6\n    采购 台式机 台式计算机 6台 单价 0.6")],
                lineContaining: "采购 台式机", fixed: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 6.4\n  2101501 31002 办公设备购置 3.6\n    采购 A02010105 台式计算机 6台 单价 0.6")]),
        Fixture(id: "vehicle-purchase", severity: .error,
                trigger: [("  2101501 30201 办公费 10", "  2101501 30201 办公费 1\n  2101501 31002 办公设备购置 9\n    采购 A02030500 乘用车 1辆 单价 9")],
                lineContaining: "采购 A02030500", fixed: []),
        Fixture(id: "performance-complete", severity: .warning, trigger: [("    产出/时效 \"完成时限\" \"年底前\"\n", "")],
                lineContaining: "  绩效", fixed: []),
        Fixture(id: "performance-cost", severity: .warning, trigger: [("\"≤10万元\"", "\"≤9万元\"")],
                lineContaining: "≤9万元", fixed: [("\"≤10万元\"", "\"10万元\"")]),
        Fixture(id: "department-performance", severity: .warning, trigger: [("  任务 专项业务费 \"完成重点工作\"\n", "")],
                lineContaining: "部门绩效", fixed: []),
        Fixture(id: "project-introduction", severity: .warning, trigger: [("  简介 \"用于重点工作\"\n", "")],
                lineContaining: "项目 \"重点工作\"", fixed: []),
        Fixture(id: "project-without-lines", severity: .warning,
                trigger: [("部门绩效", "项目 \"空项目\"\n  简介 \"x\"\n  2101501 30201 办公费 0\n  原因 \"\"\n部门绩效")],
                lineContaining: "项目 \"空项目\"", fixed: []),
        Fixture(id: "headcount", severity: .warning, trigger: [("实有 行政 5", "实有 行政 6")],
                lineContaining: "单位 962001", fixed: [("编制 行政 5\n  实有 行政 5", "编制 行政 6\n  实有 行政 6")]),
        Fixture(id: "duplicate-line", severity: .warning, trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 5\n    2101501 30201 办公费 3")],
                lineContaining: "办公费 3", fixed: [("2101501 30201 办公费 8", "2101501 30201 办公费 5 原因 \"分列\"\n    2101501 30201 办公费 3 原因 \"分列：物业楼层单独核算\"")]),
        Fixture(id: "empty-table-reason", severity: .error,
                trigger: [("部门绩效", "部门绩效"), ("基本支出\n  人员经费\n    2101501 30101 基本工资 50\n  公用经费\n    2101501 30201 办公费 8\n", "")],
                lineContaining: "部门 962", fixed: []),
        Fixture(id: "unit-without-lines", severity: .warning,
                trigger: [("收入\n", "单位 962002 测试中心 事业\n收入 962001\n"), ("基本支出\n", "基本支出 962001\n"),
                          ("项目 \"重点工作\"", "项目 \"重点工作\" 962001")],
                lineContaining: "单位 962002", fixed: []),
        Fixture(id: "negative-amount", severity: .error, trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 = 8 - 20")],
                lineContaining: "8 - 20", fixed: [("2101501 30201 办公费 8", "2101501 30201 办公费 = 20 - 8")]),
        Fixture(id: "zero-amount", severity: .warning, trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 8\n    2101501 30211 差旅费 = 8 - 8")],
                lineContaining: "8 - 8", fixed: []),
        Fixture(id: "empty-reason", severity: .warning, trigger: [("2101501 30201 办公费 8", "2101501 30201 办公费 8\n      原因 \"\"")],
                lineContaining: "原因 \"\"", fixed: [("2101501 30201 办公费 8", "2101501 30201 办公费 8\n      原因 \"按定额\"")]),
        Fixture(id: "allow", severity: .warning, trigger: [("部门绩效", "允许 headcount\n部门绩效")],
                lineContaining: "允许 headcount", fixed: [("部门绩效", "允许 headcount \"含借调人员\"\n部门绩效")]),
        Fixture(id: "other-spending-source", severity: .error,
                trigger: [("部门绩效", "对附属单位补助支出\n  来源 一般公共预算拨款\n  2101501 30228 工会经费 1\n部门绩效")],
                lineContaining: "30228 工会经费 1", fixed: []),
        // Previous-year rules: `last.bud` is last year's budget, `actuals.bud` last year's 决算 (see `check`).
        Fixture(id: "change-needs-reason", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("基本工资 50", "基本工资 60")],
                lineContaining: "基本工资 60",
                fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("基本工资 50", "基本工资 60"),
                        ("部门绩效", "说明\n  2101501 \"调资\"\n  301 \"调资\"\n部门绩效")]),
        Fixture(id: "sangong-growth", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1")],
                lineContaining: "30217 公务接待费 1",
                fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("2101501 30201 办公费 8", "2101501 30201 办公费 7\n    2101501 30217 公务接待费 1"),
                        ("部门绩效", "说明\n  三公 \"接待任务增加\"\n部门绩效")]),
        Fixture(id: "running-cost-growth", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("办公费 8", "办公费 8.5")],
                lineContaining: "办公费 8.5",
                fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("办公费 8", "办公费 8.5"), ("部门绩效", "说明\n  机关运行经费 \"新增办公用房\"\n部门绩效")]),
        Fixture(id: "personnel-per-head", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年决算 \"actuals.bud\"")], lineContaining: "上年决算",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"actuals.bud\""), ("部门绩效", "说明\n  人员经费 \"调资\"\n  2101501 \"调资\"\n部门绩效")]),
        Fixture(id: "new-line", severity: .note,
                trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("办公费 8", "办公费 7.5\n    2101501 30228 工会经费 0.5")],
                lineContaining: "30228 工会经费", fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("办公费 8", "办公费 7.5\n    2101501 30217 公务接待费 0.5")]),
        Fixture(id: "removed-line", severity: .note, trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\"")], lineContaining: "上年预算",
                fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("办公费 8", "办公费 7.5\n    2101501 30217 公务接待费 0.5")]),
        Fixture(id: "above-execution", severity: .warning, trigger: [("年度 2024", "年度 2024\n上年决算 \"actuals.bud\"")],
                lineContaining: "2101501 30101 基本工资",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"actuals.bud\""), ("部门绩效", "说明\n  2101501 \"新增重点工作\"\n  人员经费 \"调资\"\n部门绩效")]),
        Fixture(id: "notes-reason", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("基本工资 50", "基本工资 52")],
                lineContaining: "一般公共预算拨款 = 支出合计",
                fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\""), ("基本工资 50", "基本工资 52"),
                        ("部门绩效", "说明\n  收入 \"调资\"\n  2101501 \"调资\"\n  301 \"调资\"\n部门绩效")]),
        Fixture(id: "cover", severity: .warning, trigger: [("负责人审签 已审签\n", "")],
                lineContaining: "部门 962", fixed: []),
        // Rules against last year's 决算 (files below).
        Fixture(id: "sangong-above-actuals", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年决算 \"sangong.bud\""), ("2101501 30201 办公费 8", "2101501 30201 办公费 7.5\n    2101501 30217 公务接待费 0.5")],
                lineContaining: "30217 公务接待费 0.5",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"sangong.bud\""), ("2101501 30201 办公费 8", "2101501 30201 办公费 7.5\n    2101501 30217 公务接待费 0.5"),
                        ("部门绩效", "说明\n  三公 \"接待任务增加\"\n部门绩效")]),
        Fixture(id: "new-spending", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年决算 \"actuals.bud\""), ("2101501 30201 办公费 10", "2101502 30201 办公费 10")],
                lineContaining: "2101502 30201 办公费 10",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"actuals.bud\""), ("2101501 30201 办公费 10", "2101502 30201 办公费 10"),
                        ("部门绩效", "说明\n  2101502 \"新增重点工作\"\n部门绩效")]),
        Fixture(id: "low-execution", severity: .warning, trigger: [("年度 2024", "年度 2024\n上年决算 \"low.bud\"")],
                lineContaining: "2101501 30101 基本工资",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"low.bud\""), ("部门绩效", "说明\n  2101501 \"本年执行有保障\"\n部门绩效")]),
        Fixture(id: "running-cost-above-actuals", severity: .warning, trigger: [("年度 2024", "年度 2024\n上年决算 \"running.bud\"")],
                lineContaining: "2101501 30201 办公费 8",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"running.bud\""), ("部门绩效", "说明\n  机关运行经费 \"新增办公用房\"\n部门绩效")]),
        Fixture(id: "actuals-year", severity: .warning, trigger: [("年度 2024", "年度 2024\n上年决算 \"old.bud\"")], lineContaining: "上年决算",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"running.bud\"")]),
        Fixture(id: "actuals-department", severity: .warning, trigger: [("年度 2024", "年度 2024\n上年决算 \"other.bud\"")], lineContaining: "上年决算",
                fixed: [("年度 2024", "年度 2024\n上年决算 \"running.bud\"")]),
        Fixture(id: "actuals-budget-mismatch", severity: .warning,
                trigger: [("年度 2024", "年度 2024\n上年预算 \"last.bud\"\n上年决算 \"low.bud\"")], lineContaining: "上年决算",
                fixed: [("年度 2024", "年度 2024\n上年预算 \"last.bud\"\n上年决算 \"running.bud\"")]),
    ]

    /// Rules over a 决算 checked on its own: replacements applied to `cleanActuals`.
    static let cleanActuals = """
    决算 2023
    部门 962 测试局
    收入
      一般公共预算拨款 45
    支出
      2101501 行政运行 45 40 5
    三公
      合计 预算 1 决算 1
      公务接待 预算 1 决算 1 批次 2 人次 10

    """

    static let actualsFixtures: [Fixture] = [
        Fixture(id: "actuals-balance", severity: .warning, trigger: [("一般公共预算拨款 45", "一般公共预算拨款 50")],
                lineContaining: "一般公共预算拨款 50", fixed: [("一般公共预算拨款 45", "一般公共预算拨款 50\n年末结转结余 5")]),
        Fixture(id: "actuals-parts", severity: .warning, trigger: [("行政运行 45 40 5", "行政运行 45 40 6")],
                lineContaining: "行政运行 45 40 6", fixed: []),
        Fixture(id: "actuals-sangong-parts", severity: .warning, trigger: [("合计 预算 1 决算 1", "合计 预算 1 决算 2")],
                lineContaining: "合计 预算 1 决算 2", fixed: []),
        Fixture(id: "actuals-code-name", severity: .warning, trigger: [("2101501 行政运行", "2101501 事业运行")],
                lineContaining: "2101501 事业运行", fixed: []),
        // 决算说明 (budgetc compile / notes 决算.bud)
        Fixture(id: "actuals-change-reason", severity: .warning, trigger: [("决算 2023\n", "决算 2023\n上年决算 \"上年.bud\"\n")],
                lineContaining: "一般公共预算拨款 45",
                fixed: [("决算 2023\n", "决算 2023\n上年决算 \"上年.bud\"\n说明\n  总体 \"人员增加\"\n  收入 \"人员增加\"\n  支出 \"人员增加\"\n")]),
        Fixture(id: "actuals-completion-reason", severity: .warning, trigger: [("行政运行 45 40 5", "行政运行 45 40 5 年初预算 70")],
                lineContaining: "年初预算 70", fixed: [("行政运行 45 40 5", "行政运行 45 40 5 年初预算 70 原因 \"项目延期到明年\"")]),
        Fixture(id: "actuals-sangong-over-budget", severity: .warning, trigger: [("公务接待 预算 1 决算 1", "公务接待 预算 1 决算 1.5")],
                lineContaining: "决算 1.5",
                fixed: [("公务接待 预算 1 决算 1", "公务接待 预算 1 决算 1.5"), ("人次 10\n", "人次 10\n说明\n  公务接待 \"上级检查增加\"\n")]),
        Fixture(id: "actuals-placeholder", severity: .error, trigger: [("人次 10\n", "人次 10\n说明\n  收入 \"**\"\n")],
                lineContaining: "收入 \"**\"", fixed: []),
    ]

    /// Last year's 决算 for the 较上年 sentences of the 决算说明.
    static let actualsFiles = ["上年.bud": "决算 2022\n部门 962 测试局\n收入\n  一般公共预算拨款 40\n支出\n  2101501 行政运行 40 40 0\n"]

    static func apply(_ replacements: [(String, String)], to text: String) -> String {
        replacements.reduce(text) { text, r in
            precondition(text.contains(r.0), "fixture text not found: \(r.0)")
            return text.replacingOccurrences(of: r.0, with: r.1)
        }
    }

    /// Last year's budget: the clean budget with 0.5 of the 办公费 spent on 公务接待 instead.
    static var lastYear: String {
        clean.replacingOccurrences(of: "年度 2024", with: "年度 2023")
            .replacingOccurrences(of: "2101501 30201 办公费 8", with: "2101501 30201 办公费 7.5\n    2101501 30217 公务接待费 0.5")
    }

    /// Last year's 决算: 5 people, 30 of 人员经费, 2101501 spent 45 in all.
    static let lastActuals = """
    决算 2023
    部门 962 测试局
    实有人数 5
    支出
      2101501 基本 40 项目 5
    基本支出
      30101 30
    """

    /// Last year's 决算 with a 三公 table: 公务接待 预算 1, 决算 0.3.
    static let sanGongActuals = "决算 2023\n部门 962 测试局\n三公\n  公务接待 预算 1 决算 0.3 批次 2 人次 6\n"
    /// 2101501 budgeted 70 at the start of last year, 45 spent (64%).
    static let lowActuals = "决算 2023\n部门 962 测试局\n支出\n  2101501 基本 40 项目 5 年初预算 70\n"

    func check(_ source: String) -> Pipeline.Result {
        TestSupport.check(source, files: ["local.tsv": "# 本地编码，没有对照关系\ncode\tname\n30298\t本地测试费\n",
                                          "last.bud": Self.lastYear, "actuals.bud": Self.lastActuals, "sangong.bud": Self.sanGongActuals,
                                          "low.bud": Self.lowActuals, "running.bud": "决算 2023\n部门 962 测试局\n机关运行经费 5\n",
                                          "old.bud": "决算 2021\n部门 962 测试局\n机关运行经费 9\n",
                                          "other.bud": "决算 2023\n部门 963 另一个局\n机关运行经费 9\n"])
    }

    func testCleanActualsHaveNoDiagnostics() {
        let result = TestSupport.check(Self.cleanActuals, rootPath: "决算.bud")
        XCTAssertEqual(result.kind, .actuals)
        XCTAssertEqual(result.diagnostics, [], "\(result.diagnostics.map { "\($0.id) \($0.message)" })")
    }

    func testEachActualsRuleTriggersAndItsFixDoesNot() {
        for fixture in Self.actualsFixtures {
            let source = Self.apply(fixture.trigger, to: Self.cleanActuals)
            let result = TestSupport.check(source, files: Self.actualsFiles, rootPath: "决算.bud")
            let expectedLine = source.components(separatedBy: "\n").firstIndex { $0.contains(fixture.lineContaining) }.map { $0 + 1 }
            let found = result.diagnostics.filter { $0.id == fixture.id }
            XCTAssertTrue(found.contains { $0.severity == fixture.severity && $0.span?.line == expectedLine },
                          "\(fixture.id): \(result.diagnostics.map { "\($0.id) \($0.span?.line ?? 0) \($0.message)" })")
            let fixed = TestSupport.check(fixture.fixed.isEmpty ? Self.cleanActuals : Self.apply(fixture.fixed, to: Self.cleanActuals),
                                          files: Self.actualsFiles, rootPath: "决算.bud")
            XCTAssertFalse(fixed.diagnostics.contains { $0.id == fixture.id }, "\(fixture.id) still reported after the fix")
        }
    }

    func testATailDifferenceIsANoteWithTheAmounts() {
        let source = Self.apply([("行政运行 45 40 5", "行政运行 45 40 5.01")], to: Self.cleanActuals)
        let d = TestSupport.check(source, rootPath: "决算.bud").first("actuals-parts")
        XCTAssertEqual(d?.severity, .note)
        XCTAssertTrue(d?.message.contains("相差 0.01 万元（公开稿的尾数差异）") == true, "\(String(describing: d))")
    }

    func testCleanBudgetHasNoDiagnostics() {
        let result = check(Self.clean)
        XCTAssertEqual(result.diagnostics, [], "\(result.diagnostics.map { "\($0.id) \($0.message)" })")
    }

    func testEveryRuleHasAFixture() {
        let covered = Set(Self.fixtures.map(\.id) + Self.actualsFixtures.map(\.id))
        for rule in RuleRegistry.all { XCTAssertTrue(covered.contains(rule.id), "rule \(rule.id) has no fixture") }
    }

    func testEachRuleTriggersAndItsFixDoesNot() {
        for fixture in Self.fixtures {
            let source = Self.apply(fixture.trigger, to: Self.clean)
            let result = check(source)
            let expectedLine = source.components(separatedBy: "\n").firstIndex { $0.contains(fixture.lineContaining) }.map { $0 + 1 }
            let found = result.diagnostics.filter { $0.id == fixture.id }
            XCTAssertFalse(found.isEmpty, "\(fixture.id) did not trigger; got \(result.diagnostics.map(\.id))")
            XCTAssertTrue(found.contains { $0.severity == fixture.severity }, "\(fixture.id): severity \(found.map(\.severity))")
            XCTAssertTrue(found.contains { $0.span?.line == expectedLine }, "\(fixture.id): lines \(found.map { $0.span?.line ?? -1 }), expected \(expectedLine ?? -1)")

            let fixedSource = fixture.fixed.isEmpty ? Self.clean : Self.apply(fixture.fixed, to: Self.clean)
            let fixed = check(fixedSource)
            XCTAssertFalse(fixed.diagnostics.contains { $0.id == fixture.id && $0.severity != .note },
                           "\(fixture.id) still reported after the fix: \(fixed.diagnostics.filter { $0.id == fixture.id }.map(\.message))")
        }
    }

    func testAReasonTurnsAWarningIntoANote() {
        let source = Self.apply([("实有 行政 5", "实有 行政 6"), ("部门绩效", "允许 headcount \"含借调人员 1 名\"\n部门绩效")], to: Self.clean)
        let d = check(source).first("headcount")
        XCTAssertEqual(d?.severity, .note)
        XCTAssertTrue(d?.message.contains("含借调人员 1 名") == true)
    }

    func testDenyWarningsMakesThemErrors() {
        let source = Self.apply([("实有 行政 5", "实有 行政 6")], to: Self.clean)
        let files = ["inline.bud": source]
        let loader = Loader(readFile: { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return Data(text.utf8)
        })
        var pipeline = Pipeline(loader: loader)
        pipeline.ruleOptions.denyWarnings = true
        XCTAssertEqual(pipeline.check(path: "inline.bud").first("headcount")?.severity, .error)
    }

    func testFiveMistakesInOneRunSortedByLocation() {
        let source = Self.apply([
            ("实有 行政 5", "实有 行政 6"),                                     // headcount, line 6
            ("2101501 30201 办公费 8", "2101502 30201 差旅费 8"),                // code-name + basic-function-code, line 15
            ("  简介 \"用于重点工作\"\n", ""),                                    // project-introduction
            ("\"≤10万元\"", "\"≤9万元\""),                                      // performance-cost
        ], to: Self.clean)
        let result = check(source)
        XCTAssertEqual(Set(result.ids()), ["headcount", "code-name", "basic-function-code", "project-introduction", "performance-cost"])
        let lines = result.diagnostics.map { $0.span?.line ?? 0 }
        XCTAssertEqual(lines, lines.sorted())
    }
}

final class RuleDocumentationTests: XCTestCase {
    func testDocsRulesMarkdownIsGeneratedFromTheRegisteredRules() throws {
        let committed = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        XCTAssertEqual(committed, RuleDocs.markdown(), "docs/rules.md is stale: run `budgetc rules --markdown > docs/rules.md`")
    }

    func testEveryRuleIsDocumented() {
        var ids = Set<String>()
        for entry in RuleDocs.entries {
            XCTAssertTrue(ids.insert(entry.id).inserted, "duplicate id \(entry.id)")
            XCTAssertTrue(entry.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "-") }, entry.id)
            for text in [entry.summary, entry.documentation.what, entry.documentation.why, entry.documentation.fix, entry.documentation.justify] {
                XCTAssertFalse(text.isEmpty, entry.id)
            }
        }
    }
}
