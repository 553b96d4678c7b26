#!/usr/bin/env python3
"""Expected values for workbooks/full-2025, computed independently of budgetc.

Reads workbooks/full-2025/budget.bud and its 上年预算 budget-2024.bud with a deliberately simple
reader of the subset of the language those files use (units, 基本支出/项目/结转项目/上缴上级支出/
经营支出/对附属单位补助支出 blocks, spending lines with literal amounts and `来源`, 采购 lines,
三公 counts, the 说明 topics), and the classification catalogs in templates/catalogs plus the
example's own 补充科目.tsv (data, not budgetc code). It computes each table's totals, subtotals and a
selection of detail cells for every column, and the numbers of the 说明 sentences, and writes
workbooks/full-2025/expected.tsv:

    table <TAB> row <TAB> column <TAB> value

`row` is a code or a label (a label path `A>B` means “row B below row A in the same column”);
`column` is the header text of the column (for 表1/表4/表9 the header of the label column whose amount
is meant; for 表13 `block|header`). Values are 万元 with 2 decimals, except 数量 (integers) and the
说明 rows whose value is `有原因`/`无原因`.

Usage: python3 scripts/full-expected.py [--check]   (--check: compare with the committed file, exit 1 on difference)
"""
import os
import re
import sys
from collections import defaultdict
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "workbooks", "full-2025")

SOURCES = ["一般公共预算拨款", "政府性基金拨款", "国有资本经营预算", "财政专户管理资金", "上级补助收入", "事业收入",
           "事业单位经营收入", "附属单位上缴收入", "其他收入", "上年结转", "非财政拨款结余"]
FISCAL = {"一般公共预算拨款", "政府性基金拨款", "国有资本经营预算"}
SIMPLE_BLOCKS = {"上缴上级支出": ("upper", "事业收入"), "经营支出": ("business", "事业单位经营收入"),
                 "对附属单位补助支出": ("subsidiary", "事业收入")}


def cents(text):
    return int((Decimal(text) * 100).to_integral_value())


def read_catalog(path, year=2025):
    """code -> name (a name catalog) or code -> [admin, institution] (econ-mapping.tsv). Name catalogs may
    hold several editions of a code (`from`/`until` columns): the row valid in `year` is kept."""
    rows, header = {}, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        if not fields[0][:1].isdigit():
            header = fields
            continue
        if header and header[1] == "name":
            record = dict(zip(header, fields))
            first, last = record.get("from") or "0", record.get("until") or "9999"
            if int(first) <= year <= int(last):
                rows[fields[0]] = fields[1]
        elif header and header[0] == "dept":
            rows[fields[0]] = fields[1:3]
        else:
            rows[fields[0]] = fields[1]
    return rows


CATALOG = os.path.join(ROOT, "templates", "catalogs")
FUNCTION = read_catalog(os.path.join(CATALOG, "function.tsv"))
FUNCTION.update(read_catalog(os.path.join(EXAMPLE, "补充科目.tsv")))
ECON_DEPT = read_catalog(os.path.join(CATALOG, "econ-dept.tsv"))
ECON_GOV = read_catalog(os.path.join(CATALOG, "econ-gov.tsv"))
MAPPING = read_catalog(os.path.join(CATALOG, "econ-mapping.tsv"))  # dept code -> [admin, institution]


def fields_of(text):
    """Whitespace-separated fields, keeping quoted text together; the comment dropped."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            break
        elif ch in "\"“":
            close = '"' if ch == '"' else "”"
            j = text.index(close, i + 1)
            out.append(text[i + 1:j])
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] != "#":
                j += 1
            out.append(text[i:j])
            i = j
    return out


class Budget:
    def __init__(self, path):
        self.units = {}            # code -> (name, type)
        self.unit_order = []
        self.lines = []            # dicts: unit, kind, project, function, economic, amount, source, reason
        self.projects = []         # (name, unit, carried)
        self.purchases = []        # dicts: unit, line, catalog, quantity, amount, project
        self.sangong = {}          # unit -> {"保有": n, ...}
        self.assets = {}           # 资产 line: {"车辆": n, "大型设备": n, ...}
        self.topics = {}
        self.read(path)

    def read(self, path):
        block, section, unit, project, default_source, line = None, None, None, None, None, None
        for raw in open(path, encoding="utf-8"):
            text = raw.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            indent = len(text) - len(text.lstrip(" "))
            f = fields_of(text)
            if indent == 0:
                block, section, line = f[0], None, None
                unit = f[-1] if f[-1].isdigit() and len(f) > 1 else None
                if block == "单位":
                    self.units[f[1]] = (" ".join(f[2:-1]), f[-1])
                    self.unit_order.append(f[1])
                elif block in ("项目", "结转项目"):
                    project = f[1]
                    self.projects.append((project, unit, block == "结转项目"))
                    default_source = "上年结转" if block == "结转项目" else "一般公共预算拨款"
                elif block in SIMPLE_BLOCKS:
                    project, default_source = None, SIMPLE_BLOCKS[block][1]
                elif block == "三公":
                    self.sangong[unit] = {}
                elif block == "资产":
                    self.assets = {label: count for label, count in zip(f[1::2], f[2::2])}
                continue
            if block == "基本支出" and f[0] in ("人员经费", "公用经费"):
                section = "personnel" if f[0] == "人员经费" else "public"
                default_source = "一般公共预算拨款"
                continue
            if block == "说明":
                self.topics[f[0]] = f[1]
                continue
            if block == "三公":
                for label, count in zip(f[1::2], f[2::2]):
                    self.sangong[unit][f[0] + "." + label] = int(count)
                continue
            if f[0] == "来源" and block in ("项目", "结转项目") + tuple(SIMPLE_BLOCKS):
                default_source = f[1]
                continue
            if re.fullmatch(r"\d{7}", f[0]) and re.fullmatch(r"\d{5}", f[1]):
                kind = section if block == "基本支出" else {"项目": "project", "结转项目": "carried"}.get(block) or SIMPLE_BLOCKS[block][0]
                source = f[f.index("来源") + 1] if "来源" in f else default_source
                amount = next(x for x in f[2:] if re.fullmatch(r"\d+\.\d+", x))
                line = dict(unit=unit, kind=kind, project=project if block in ("项目", "结转项目") else None,
                            function=f[0], economic=f[1], amount=cents(amount), source=source,
                            reason=f[f.index("原因") + 1] if "原因" in f else None)
                self.lines.append(line)
                continue
            if f[0] == "采购" and line is not None:
                quantity = None
                for x in f[3:]:
                    m = re.fullmatch(r"(\d+)(台|辆|套|个)", x)
                    if m:
                        quantity = int(m.group(1))
                if "数量" in f:
                    quantity = int(f[f.index("数量") + 1])
                if "金额" in f:
                    amount = cents(f[f.index("金额") + 1])
                else:
                    amount = quantity * cents(f[f.index("单价") + 1])
                self.purchases.append(dict(unit=line["unit"], catalog=f[1] + f[2], quantity=quantity, amount=amount, line=line))

    def government(self, line):
        admin, institution = MAPPING[line["economic"]]
        return institution if self.units[line["unit"]][1] == "事业" else admin

    def total(self, predicate=lambda l: True):
        return sum(l["amount"] for l in self.lines if predicate(l))


CURRENT = Budget(os.path.join(EXAMPLE, "budget.bud"))
PREVIOUS = Budget(os.path.join(EXAMPLE, "budget-2024.bud"))
rows = []


def put(table, row, column, value):
    if isinstance(value, int) and column != "数量":
        value = "%s%d.%02d" % ("-" if value < 0 else "", abs(value) // 100, abs(value) % 100)
    rows.append((table, row, column, str(value)))


def income(b, source):
    # Every income line is `来源 = 来源支出`: the unit's spending from that source (checked by budgetc's balance rule).
    return b.total(lambda l: l["source"] == source)


basic = lambda l: l["kind"] in ("personnel", "public")
special = lambda l: l["kind"] in ("project", "carried")
FUNCTION_CLASS_LABELS = {"208": "社会保障和就业支出", "210": "卫生健康支出", "221": "住房保障支出", "223": "国有资本经营预算支出", "229": "其他支出"}
GOV_CLASS_LABELS = {"501": "机关工资福利支出", "502": "机关商品和服务支出", "503": "机关资本性支出", "505": "对事业单位经常性补助",
                    "506": "对事业单位资本性补助", "507": "对企业补助", "509": "对个人和家庭的补助", "599": "其他支出"}
SPECIAL_ECON_LABELS = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭补助", "310": "资本性支出",
                       "312": "对企业补助", "313": "对社会保障基金补助", "399": "其他支出"}
BASIC_ECON_LABELS = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}


def summary_right(table, b, lines_filter, total_label):
    """The three spending columns of 表1/表4: by 功能 类, by 部门经济 section and 类, by 政府经济 类."""
    lines = [l for l in b.lines if lines_filter(l)]
    total = sum(l["amount"] for l in lines)
    F, D, G = "支出功能分类科目（按大类）", "部门预算支出经济分类科目（按大类）", "政府预算支出经济分类科目（按大类）"
    for header in (F, D, G):
        put(table, total_label, header, total)
        put(table, "本年支出合计", header, total)
        put(table, "支出总计", header, total)
    for klass, label in FUNCTION_CLASS_LABELS.items():
        put(table, label, F, sum(l["amount"] for l in lines if l["function"].startswith(klass)))
    basic_lines = [l for l in lines if basic(l)]
    special_lines = [l for l in lines if special(l)]
    put(table, "人员经费和公用经费支出", D, sum(l["amount"] for l in basic_lines))
    for klass, label in BASIC_ECON_LABELS.items():
        put(table, "人员经费和公用经费支出>" + label, D, sum(l["amount"] for l in basic_lines if l["economic"].startswith(klass)))
    put(table, "专项业务经费支出", D, sum(l["amount"] for l in special_lines))
    for klass, label in SPECIAL_ECON_LABELS.items():
        put(table, "专项业务经费支出>" + label, D, sum(l["amount"] for l in special_lines if l["economic"].startswith(klass)))
    for kind, label in (("upper", "上缴上级支出"), ("business", "事业单位经营支出"), ("subsidiary", "对附属单位补助支出")):
        put(table, label, D, sum(l["amount"] for l in lines if l["kind"] == kind))
    for klass, label in GOV_CLASS_LABELS.items():
        put(table, label, G, sum(l["amount"] for l in lines if b.government(l).startswith(klass)))


def table1(b):
    t, I = "表1", "项 目"
    own = {s: income(b, s) for s in SOURCES}
    this_year = sum(v for s, v in own.items() if s not in ("上年结转", "非财政拨款结余"))
    put(t, "部门预算", I, this_year)
    put(t, "财政拨款", I, sum(own[s] for s in FISCAL))
    put(t, "一般公共预算拨款", I, own["一般公共预算拨款"])
    put(t, "政府性基金拨款", I, own["政府性基金拨款"])
    put(t, "国有资本经营预算收入", I, own["国有资本经营预算"])
    put(t, "上级补助收入", I, own["上级补助收入"])
    put(t, "事业收入", I, own["事业收入"] + own["财政专户管理资金"])
    put(t, "其中：纳入财政专户管理的收费", I, own["财政专户管理资金"])
    put(t, "事业单位经营收入", I, own["事业单位经营收入"])
    put(t, "附属单位上缴收入", I, own["附属单位上缴收入"])
    put(t, "其他收入", I, own["其他收入"])
    put(t, "本年收入合计", I, this_year)
    put(t, "上年结转", I, own["上年结转"] + own["非财政拨款结余"])
    put(t, "其中：财政拨款资金结转", I, own["上年结转"])
    put(t, "非财政拨款资金结余", I, own["非财政拨款结余"])
    put(t, "收入总计", I, sum(own.values()))
    summary_right(t, b, lambda l: True, "部门预算")


def table4(b):
    t, I = "表4", "项 目"
    fiscal = {s: income(b, s) for s in FISCAL}
    put(t, "财政拨款", I, sum(fiscal.values()))
    put(t, "一般公共预算拨款", I, fiscal["一般公共预算拨款"])
    put(t, "政府性基金拨款", I, fiscal["政府性基金拨款"])
    put(t, "国有资本经营预算收入", I, fiscal["国有资本经营预算"])
    put(t, "本年收入合计", I, sum(fiscal.values()))
    put(t, "上年结转", I, income(b, "上年结转"))
    put(t, "收入总计", I, sum(fiscal.values()) + income(b, "上年结转"))
    summary_right(t, b, lambda l: l["source"] in FISCAL or l["source"] == "上年结转", "财政拨款")


def table2(b):
    t = "表2"
    for key, units in [("合计", b.unit_order), ("921", b.unit_order)] + [(u, [u]) for u in b.unit_order]:
        of = lambda s: sum(l["amount"] for l in b.lines if l["unit"] in units and l["source"] == s)
        put(t, key, "合计", sum(of(s) for s in SOURCES))
        for s in SOURCES[:3] + SOURCES[4:9]:
            put(t, key, s, of(s))
        put(t, key, "财政专户管理资金", of("财政专户管理资金"))
        put(t, key, "上年结转", of("上年结转") + of("非财政拨款结余"))


COLUMNS3 = [("人员经费", lambda l: l["kind"] == "personnel"), ("公用经费", lambda l: l["kind"] == "public"),
            ("专项业务经费", lambda l: l["kind"] == "project"), ("上年结转项目", lambda l: l["kind"] == "carried"),
            ("上缴上级支出", lambda l: l["kind"] == "upper"), ("事业单位经营支出", lambda l: l["kind"] == "business"),
            ("对附属单位补助支出", lambda l: l["kind"] == "subsidiary")]


def table3(b):
    t = "表3"
    keys = [("合计", lambda l: True), ("921", lambda l: True)]
    for u in b.unit_order:
        keys.append((u, lambda l, u=u: l["unit"] == u))
        for code in sorted({l["function"] for l in b.lines if l["unit"] == u}):
            keys.append((u + ">" + code, lambda l, u=u, code=code: l["unit"] == u and l["function"] == code))
    for key, where in keys:
        put(t, key, "合计", b.total(where))
        for header, kind in COLUMNS3:
            amount = b.total(lambda l: where(l) and kind(l))
            if amount or ">" not in key:
                put(t, key, header, amount)


def function_table(t, b, where, columns):
    lines = [l for l in b.lines if where(l)]
    codes = sorted({l["function"][:n] for l in lines for n in (3, 5, 7)})
    for key in ["合计"] + codes:
        selected = [l for l in lines if key == "合计" or l["function"].startswith(key)]
        put(t, key, "合计", sum(l["amount"] for l in selected))
        for header, kind in columns:
            amount = sum(l["amount"] for l in selected if kind(l))
            if amount or len(key) < 7:
                put(t, key, header, amount)


def economic_table(t, b, where, columns):
    lines = [l for l in b.lines if where(l)]
    keys = ["合计"] + sorted({l["economic"][:3] for l in lines}) + sorted({l["economic"] + "/" + b.government(l) for l in lines})
    for key in keys:
        if key == "合计":
            selected = lines
        elif "/" in key:
            selected = [l for l in lines if l["economic"] + "/" + b.government(l) == key]
        else:
            selected = [l for l in lines if l["economic"].startswith(key)]
        put(t, key, "合计", sum(l["amount"] for l in selected))
        for header, kind in columns:
            amount = sum(l["amount"] for l in selected if kind(l))
            if amount or "/" not in key:
                put(t, key, header, amount)


general = lambda l: l["source"] == "一般公共预算拨款"
COLUMNS5 = [("人员经费支出", lambda l: l["kind"] == "personnel"), ("公用经费支出", lambda l: l["kind"] == "public"),
            ("专项业务经费支出", lambda l: l["kind"] == "project")]


def table9(b):
    t = "表9"
    fund = lambda l: l["source"] == "政府性基金拨款"
    lines = [l for l in b.lines if fund(l)]
    total = sum(l["amount"] for l in lines)
    F, D, G = "支出功能分类科目（按大类）", "部门预算支出经济分类科目（按大类）", "政府预算支出经济分类科目（按大类）"
    put(t, "政府性基金拨款", "项 目", income(b, "政府性基金拨款"))
    put(t, "本年收入合计", "项 目", income(b, "政府性基金拨款"))
    for header in (F, D, G):
        put(t, "本年支出合计", header, total)
    put(t, "其他支出", F, sum(l["amount"] for l in lines if l["function"].startswith("229")))
    put(t, "专项业务经费支出", D, sum(l["amount"] for l in lines if special(l)))
    put(t, "专项业务经费支出>商品和服务支出", D, sum(l["amount"] for l in lines if special(l) and l["economic"].startswith("302")))
    put(t, "专项业务经费支出>对个人和家庭补助", D, sum(l["amount"] for l in lines if special(l) and l["economic"].startswith("303")))
    for klass, label in (("502", "机关商品和服务支出"), ("505", "对事业单位经常性补助"), ("509", "对个人和家庭的补助")):
        put(t, label, G, sum(l["amount"] for l in lines if b.government(l).startswith(klass)))


def project_tables(b):
    put("表10", "合计", "项目金额", b.total(lambda l: l["kind"] == "project"))
    for u in b.unit_order:
        put("表10", u, "项目金额", b.total(lambda l: l["kind"] == "project" and l["unit"] == u))
    for name, unit, carried in b.projects:
        lines = [l for l in b.lines if l["project"] == name]
        if carried:
            for l in lines:
                put("表11", name + "/" + b.government(l), "金额", l["amount"])
            continue
        put("表10", name, "项目金额", sum(l["amount"] for l in lines))
        fiscal = sum(l["amount"] for l in lines if l["source"] in FISCAL)
        put("表14", name, "实施期资金总额：", sum(l["amount"] for l in lines))
        put("表14", name, "其中：财政拨款", fiscal)
        put("表14", name, "其他资金", sum(l["amount"] for l in lines) - fiscal)
    put("表11", "合计", "金额", b.total(lambda l: l["kind"] == "carried"))
    for u in b.unit_order:
        amount = b.total(lambda l: l["kind"] == "carried" and l["unit"] == u)
        if amount:
            put("表11", u, "金额", amount)


def table12(b):
    t = "表12"
    for key, units in [("合计", b.unit_order), ("921", b.unit_order)] + [(u, [u]) for u in b.unit_order]:
        selected = [p for p in b.purchases if p["unit"] in units]
        put(t, key, "数量", sum(p["quantity"] or 0 for p in selected))
        put(t, key, "预算金额", sum(p["amount"] for p in selected))
    for p in b.purchases:
        put(t, p["catalog"], "预算金额", p["amount"])
        if p["quantity"]:
            put(t, p["catalog"], "数量", p["quantity"])


SANGONG = [("因公出国（境）费用", "30212"), ("公务接待费", "30217"), ("公务用车购置费", "31013"), ("公务用车运行维护费", "30231")]


def table13_amounts(b, units):
    of = lambda code: b.total(lambda l: l["source"] == "一般公共预算拨款" and l["economic"] == code and l["unit"] in units)
    parts = {label: of(code) for label, code in SANGONG}
    values = {"一般公共预算拨款安排的“三公”经费预算": sum(parts.values()),
              "公务用车购置及运行维护费": parts["公务用车购置费"] + parts["公务用车运行维护费"],
              "会议费": of("30215"), "培训费": of("30216")}
    values.update(parts)
    values["合计"] = values["一般公共预算拨款安排的“三公”经费预算"] + values["会议费"] + values["培训费"]
    return values


def table13():
    for key, units in [("合计", CURRENT.unit_order), ("921", CURRENT.unit_order)] + [(u, [u]) for u in CURRENT.unit_order]:
        new, old = table13_amounts(CURRENT, units), table13_amounts(PREVIOUS, units)
        for header in new:
            put("表13", key, "当年|" + header, new[header])
            put("表13", key, "上年|" + header, old[header])
            put("表13", key, "增减变化情况|" + header, new[header] - old[header])


def table15(b):
    t = "表15"
    rows15 = [("人员经费", lambda l: l["kind"] == "personnel"), ("公用经费", lambda l: l["kind"] == "public"),
              ("专项业务费", lambda l: l["kind"] == "project")]
    for label, kind in rows15 + [("金额合计", lambda l: l["kind"] in ("personnel", "public", "project"))]:
        total = b.total(kind)
        fiscal = b.total(lambda l: kind(l) and l["source"] in FISCAL)
        put(t, label, "总额", total)
        put(t, label, "财政拨款", fiscal)
        put(t, label, "其他资金", total - fiscal)


def charts():
    t, F, S, G = "图表", "支出功能分类（类）>", "支出结构>", "“三公”经费>"
    for klass, label in FUNCTION_CLASS_LABELS.items():
        put(t, F + label, "2024年", PREVIOUS.total(lambda l: l["function"].startswith(klass)))
        put(t, F + label, "2025年", CURRENT.total(lambda l: l["function"].startswith(klass)))
    put(t, S + "人员经费", "2025年", CURRENT.total(lambda l: l["kind"] == "personnel"))
    put(t, S + "公用经费", "2025年", CURRENT.total(lambda l: l["kind"] == "public"))
    # The chart names the kinds as the tables do; a kind with no spending is not drawn.
    put(t, S + "专项业务经费", "2025年", CURRENT.total(special))
    for kind, label in [("upper", "上缴上级支出"), ("business", "事业单位经营支出"), ("subsidiary", "对附属单位补助支出")]:
        amount = CURRENT.total(lambda l: l["kind"] == kind)
        if amount:
            put(t, S + label, "2025年", amount)
    for (label, code), chart in zip(SANGONG, ["因公出国（境）", "公务接待", "公务用车购置", "公务用车运行维护"]):
        put(t, G + chart, "2024年", PREVIOUS.total(lambda l: general(l) and l["economic"] == code))
        put(t, G + chart, "2025年", CURRENT.total(lambda l: general(l) and l["economic"] == code))


def notes():
    """说明 sentences: `subject` | 本年 / 较上年 (signed) / 原因 (the reason's text, or 无原因)."""
    t = "说明"
    topics = CURRENT.topics

    def topic(*names):
        return next((topics[n] for n in names if n in topics), None)

    def sentence(subject, new, old, reason):
        put(t, subject, "本年", new)
        put(t, subject, "较上年", new - old)
        put(t, subject, "原因", reason.rstrip("。；;") if reason else "无原因")

    gen_new = [l for l in CURRENT.lines if general(l)]
    gen_old = [l for l in PREVIOUS.lines if general(l)]
    for code in sorted({l["function"] for l in gen_new + gen_old}):
        new = sum(l["amount"] for l in gen_new if l["function"] == code)
        old = sum(l["amount"] for l in gen_old if l["function"] == code)
        line_reason = next((l["reason"] for l in gen_new if l["function"] == code and l["reason"]), None)
        sentence("%s（%s）" % (FUNCTION[code], code), new, old, topic(code) or line_reason)
    for klass in sorted({l["economic"][:3] for l in gen_new + gen_old}):
        new = sum(l["amount"] for l in gen_new if l["economic"].startswith(klass))
        old = sum(l["amount"] for l in gen_old if l["economic"].startswith(klass))
        sentence("%s（%s）" % (ECON_DEPT[klass], klass), new, old, topic(klass))
    # A 政府经济 类 without its own reason takes its 部门经济 类's (docs/language.md §20).
    fallback = {"501": "301", "505": "301", "502": "302", "503": "310", "506": "310", "509": "303"}
    for klass in sorted({CURRENT.government(l)[:3] for l in gen_new} | {PREVIOUS.government(l)[:3] for l in gen_old}):
        new = sum(l["amount"] for l in gen_new if CURRENT.government(l).startswith(klass))
        old = sum(l["amount"] for l in gen_old if PREVIOUS.government(l).startswith(klass))
        sentence("%s（%s）" % (ECON_GOV[klass], klass), new, old, topic(klass, fallback.get(klass, "")))
    sentence("本部门当年预算收入", CURRENT.total(), PREVIOUS.total(), topic("收入", "总体"))
    fiscal = lambda l: l["source"] in FISCAL
    sentence("本部门当年财政拨款收入", CURRENT.total(fiscal), PREVIOUS.total(fiscal), topic("收入", "总体"))
    sentence("本部门当年一般公共预算拨款支出", CURRENT.total(general), PREVIOUS.total(general), topic("支出", "总体", "收入"))
    fund = lambda l: l["source"] == "政府性基金拨款"
    sentence("本部门当年政府性基金预算拨款支出", CURRENT.total(fund), PREVIOUS.total(fund), topic("政府性基金"))
    capital = lambda l: l["source"] == "国有资本经营预算"
    sentence("本部门当年国有资本经营预算拨款支出", CURRENT.total(capital), PREVIOUS.total(capital), topic("国有资本经营"))
    codes = [c for _, c in SANGONG]
    sg = lambda l: general(l) and l["economic"] in codes
    sentence("本部门当年一般公共预算“三公”经费预算支出", CURRENT.total(sg), PREVIOUS.total(sg), topic("三公"))
    for (label, code), name, own in zip(SANGONG, ["因公出国（境）经费", "公务接待费", "公务用车购置费", "公务用车运行维护费"],
                                        ["因公出国", "公务接待", "公务用车购置", "公务用车运行维护"]):
        new = CURRENT.total(lambda l: general(l) and l["economic"] == code)
        old = PREVIOUS.total(lambda l: general(l) and l["economic"] == code)
        # An increase without its own reason borrows the 三公 reason; a decrease only uses its own.
        sentence(name, new, old, topic(own) or (topic("三公") if new > old else None))
    for label, code in (("会议费", "30215"), ("培训费", "30216")):
        new = CURRENT.total(lambda l: general(l) and l["economic"] == code)
        old = PREVIOUS.total(lambda l: general(l) and l["economic"] == code)
        sentence("本部门当年一般公共预算%s预算支出" % label, new, old, topic(label))

    def running(b):
        return b.total(lambda l: l["kind"] == "public" and l["source"] in FISCAL and b.units[l["unit"]][1] in ("行政", "参公"))
    sentence("本部门当年机关运行经费预算安排", running(CURRENT), running(PREVIOUS), topic("机关运行经费"))
    kinds = {"A": "货物", "B": "工程", "C": "服务"}
    put(t, "当年本部门政府采购预算共", "本年", sum(p["amount"] for p in CURRENT.purchases))
    for letter, kind in kinds.items():
        put(t, "政府采购%s类预算" % kind, "本年", sum(p["amount"] for p in CURRENT.purchases if p["catalog"].startswith(letter)))
    put(t, "当年部门预算安排购置车辆", "数量", sum(p["quantity"] or 1 for p in CURRENT.purchases if p["catalog"].startswith("A0203")))
    # Vehicles held: the 资产 line, else the 三公 blocks' 公务用车 保有.
    held = int(CURRENT.assets["车辆"]) if "车辆" in CURRENT.assets else sum(v.get("公务用车.保有", 0) for v in CURRENT.sangong.values())
    put(t, "截至上年底，本部门所属预算单位共有车辆", "数量", held)
    # 单价 20 万元以上的设备: goods (A) other than vehicles whose unit price is at least 20 万元.
    put(t, "安排购置单价 20 万元以上的设备", "数量",
        sum(p["quantity"] or 1 for p in CURRENT.purchases
            if p["catalog"].startswith("A") and not p["catalog"].startswith("A0203") and p["amount"] // (p["quantity"] or 1) >= 2000))


table1(CURRENT)
table2(CURRENT)
table3(CURRENT)
table4(CURRENT)
function_table("表5", CURRENT, general, COLUMNS5)
economic_table("表6", CURRENT, general, COLUMNS5)
function_table("表7", CURRENT, lambda l: general(l) and basic(l), COLUMNS5[:2])
economic_table("表8", CURRENT, lambda l: general(l) and basic(l), COLUMNS5[:2])
table9(CURRENT)
project_tables(CURRENT)
table12(CURRENT)
table13()
table15(CURRENT)
charts()
notes()

text = "# Generated by scripts/full-expected.py from workbooks/full-2025 (do not edit by hand).\n" \
       "table\trow\tcolumn\tvalue\n" + "".join("\t".join(r) + "\n" for r in rows)
target = os.path.join(EXAMPLE, "expected.tsv")
if "--check" in sys.argv:
    with open(target, encoding="utf-8") as f:
        if f.read() != text:
            sys.exit("expected.tsv differs from the script's output; run python3 scripts/full-expected.py")
else:
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d values)" % (os.path.relpath(target, ROOT), len(rows)))
