#!/usr/bin/env python3
"""Synthetic departments for the benchmark: deterministic (fixed seed), N units × M lines.

Proportions follow the examples: about 40% of lines are 基本支出 (人员 and 公用), 60% sit in
专项 projects of about 10 lines each; every project has 简介 and complete 绩效 targets; one
line in 20 carries a 政府采购 item, one in 40 a meeting or training. Every budget checks
without errors (income is computed per unit), so `compile` writes all tables.

    generate.py LINES [--seed 1] [-o file.bud]
"""
import argparse
import random

FUNCTION_ADMIN = ["2101501", "2010501", "2080505", "2101101", "2210201"]
FUNCTION_INST = ["2101550", "2080505", "2101102", "2210201"]
FUNCTION_PROJECT = ["2101502", "2101504", "2101505", "2101599", "2080899", "2109999"]
PERSONNEL = [("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"), ("30107", "绩效工资"),
             ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"), ("30110", "职工基本医疗保险缴费"),
             ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30199", "其他工资福利支出"), ("30302", "退休费")]
PUBLIC = [("30201", "办公费"), ("30202", "印刷费"), ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"), ("30209", "物业管理费"),
          ("30211", "差旅费"), ("30213", "维修（护）费"), ("30214", "租赁费"), ("30218", "专用材料费"), ("30226", "劳务费"),
          ("30228", "工会经费"), ("30229", "福利费"), ("30239", "其他交通费用"), ("30299", "其他商品和服务支出")]
PROJECT = [("30201", "办公费"), ("30211", "差旅费"), ("30226", "劳务费"), ("30227", "委托业务费"), ("30299", "其他商品和服务支出"),
           ("30307", "医疗费补助")]


def money(rng, low, high):
    return f"{rng.randint(low * 100, high * 100) / 100:.2f}"


def generate(lines, seed):
    rng = random.Random(seed)
    # About 100 lines a unit, as in a city bureau's subordinate units; (功能, 经济) pairs never repeat
    # within a block, so the duplicate-line check stays quiet.
    units = max(1, lines // 100)
    per_unit = lines // units
    out = ["# 基准测试用的合成预算：%d 行，%d 个单位，种子 %d" % (lines, units, seed),
           "部门 900 基准测试局", "年度 2025", "金额单位 万元", "保密审查 已审查", "负责人审签 已审签", ""]
    for u in range(units):
        kind = "行政" if u % 3 == 0 else "事业"
        out += [f"单位 900{u + 1:03d} 基准单位{u + 1} {kind}", "  编制 行政 50 事业 50", "  实有 行政 40 事业 40", "  退休 3"]
    out.append("")
    written = 0
    for u in range(units):
        code = f"900{u + 1:03d}"
        functions = FUNCTION_ADMIN if u % 3 == 0 else FUNCTION_INST
        out += [f"收入 {code}", "  一般公共预算拨款 = 一般公共预算拨款支出", "", f"基本支出 {code}", "  人员经费"]
        basic = per_unit * 4 // 10
        for i in range(basic // 2):
            e, n = PERSONNEL[i % len(PERSONNEL)]
            out.append(f"    {functions[(i // len(PERSONNEL)) % len(functions)]} {e} {n} {money(rng, 1, 200)}")
            written += 1
        out.append("  公用经费")
        for i in range(basic - basic // 2):
            e, n = PUBLIC[i % len(PUBLIC)]
            out.append(f"    {functions[(i // len(PUBLIC)) % len(functions)]} {e} {n} {money(rng, 1, 30)}")
            if i % 40 == 0:
                out.append(f"      原因 \"按定额标准测算\"")
            written += 1
        remaining = per_unit - basic
        p = 0
        while remaining > 0:
            p += 1
            size = min(remaining, 10)
            out += ["", f"项目 \"单位{u + 1}重点工作{p}\" {code}", f"  简介 \"用于单位{u + 1}第{p}项重点工作，依据相关文件测算。\""]
            for i in range(size):
                e, n = PROJECT[i % len(PROJECT)]
                f = FUNCTION_PROJECT[(p + i // len(PROJECT)) % len(FUNCTION_PROJECT)]
                if (written + i) % 20 == 0:
                    out.append(f"  {f} 31002 办公设备购置 {rng.randint(1, 9) * 0.6:.2f}")  # one computer bought under it
                    out.append("    采购 A02010105 台式计算机 规格 通用 数量 1 单价 0.60")
                elif (written + i) % 40 == 1:
                    out.append(f"  {f} 30216 培训费 1.50")
                    out.append(f"    培训 \"业务培训{p}\" 2025-03-01..2025-03-03 {rng.randint(10, 200)}人 1.50")
                else:
                    out.append(f"  {f} {e} {n} {money(rng, 1, 100)}")
            written += size
            remaining -= size
            out += ["  绩效", f"    总体目标 \"完成第{p}项重点工作\"", "    产出/数量 \"服务人次\" \"≥1000人次\"",
                    "    产出/质量 \"合规率\" \"100%\"", "    产出/时效 \"完成时限\" \"年底前\"", "    产出/成本 \"预算控制数\" \"不超过预算\"",
                    "    效益/社会 \"群众知晓率\" \"≥90%\"", "    满意度/服务对象满意度 \"满意度\" \"≥90%\""]
        out.append("")
    out += ["部门绩效", "  任务 人员经费 \"发放工资\"", "  任务 公用经费 \"保障运转\"", "  任务 专项业务费 \"完成重点工作\"",
            "  总体目标 \"保障运转，完成重点工作\"", "  产出/数量 \"在职人数\" \"≥80人\"", "",
            "空表 表9 \"本部门无政府性基金预算。\"", "空表 表11 \"本部门无上年结转。\"",
            "空表 表16 \"本部门不管理本级专项资金。\"", "资产 车辆 %d 大型设备 %d" % (units, units // 4), ""]
    return "\n".join(out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("lines", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    text = generate(args.lines, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        print(text)
