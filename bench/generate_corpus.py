"""Make a synthetic corpus in the seed layouts for the reading benchmark.

Project books (seed 002's layout) are generated from scratch with varied units, projects, amounts,
spending plans and indicator sets; the other four layouts are the shipped seeds with organisation
names and values varied. Generation stops when both ``--documents`` and ``--rows`` (indicator rows)
are reached. Deterministic for a given ``--seed``.

    python bench/generate_corpus.py --documents 1000 --rows 500000 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import random
import re
from decimal import Decimal
from pathlib import Path

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"

PLACES = ["深泽县", "渚源县", "山海关区", "石峰区", "天河区", "临城县", "青龙县", "安平县", "宁晋县", "涉县"]
BUREAUS = ["民政局", "财政局", "教育局", "卫生健康局", "农业农村局", "退役军人事务局", "人力资源和社会保障局"]
SUBJECTS = ["低保", "特困人员供养", "临时救助", "孤儿基本生活", "残疾人两项补贴", "高龄津贴", "养老服务", "殡葬改革",
            "社区建设", "婚姻登记", "区划地名", "流浪乞讨救助", "优抚对象", "医疗救助", "未成年人保护"]
KINDS = ["补助资金", "专项经费", "运转经费", "建设资金", "购买服务经费", "保障资金"]

# (level1, level2, name template, description template, value maker, basis)
INDICATORS = [
    ("产出指标", "数量指标", "{s}保障人数", "反映{s}覆盖的人数", lambda r: f"≥{r.randint(10, 30000)}人", "年度工作计划"),
    ("产出指标", "数量指标", "{s}发放人次", "反映{s}发放的人次", lambda r: f"≥{r.randint(100, 90000)}人次", "上年实际完成数"),
    ("产出指标", "质量指标", "{s}发放准确率", "反映{s}发放是否准确", lambda r: f"≥{r.choice([90, 95, 98])}%", "冀民〔2019〕97号"),
    ("产出指标", "质量指标", "{s}资金到位率", "反映资金是否足额到位", lambda r: "100%", "预算批复"),
    ("产出指标", "时效指标", "{s}资金发放及时率", "反映资金是否按时发放", lambda r: f"≥{r.choice([95, 100])}%", "年度工作计划"),
    ("产出指标", "时效指标", "{s}完成时限", "反映任务完成时间", lambda r: f"{r.randint(2019, 2026)}年底前完成", "工作方案"),
    ("产出指标", "成本指标", "{s}人均补助标准", "反映补助标准", lambda r: f"≤{r.randint(50, 3000)}元/人/月", "省定标准"),
    ("产出指标", "成本指标", "{s}成本控制", "反映支出是否控制在预算内", lambda r: "≤100%", "预算批复"),
    ("效益指标", "社会效益指标", "{s}困难群众基本生活保障水平", "反映群众生活保障情况", lambda r: r.choice(["稳步提升", "持续提升", "不低于上年"]), "年度工作计划"),
    ("效益指标", "社会效益指标", "{s}应保尽保率", "反映应保尽保情况", lambda r: f"≥{r.choice([95, 98])}%", "民政部规定"),
    ("效益指标", "经济效益指标", "{s}带动社会投入", "反映资金带动作用", lambda r: f"≥{r.randint(5, 200)}万元", "历史数据"),
    ("效益指标", "可持续影响指标", "持续发挥作用的期限", "反映政策持续时间", lambda r: f"≥{r.choice([12, 24, 36])}个月", "政策文件"),
    ("满意度指标", "服务对象满意度指标", "{s}服务对象满意度", "反映服务对象满意程度", lambda r: f"≥{r.choice([85, 90, 95])}%", "问卷调查"),
]


def _money(r: random.Random) -> str:
    return str(Decimal(r.randint(10, 5_000_000)) / 100)


def _plan(r: random.Random) -> list[str]:
    points = sorted(r.sample(range(5, 100, 5), 3)) + [100]
    return [f"{p}%" if r.random() > 0.1 else "" for p in points[:3]] + ["100%"]


def project_book(r: random.Random, projects: int) -> tuple[str, int]:
    place, bureau = r.choice(PLACES), r.choice(BUREAUS)
    org = f"{place}{bureau}"
    year = r.randint(2019, 2026)
    lines = [" 第一部分", "部门整体绩效目标", " ", "一、总体绩效目标", f"围绕{bureau}职责，做好{year}年各项工作。",
             "二、分项绩效目标", "（一）社会救助政策及管理", f"主要职责：负责{place}社会救助工作。",
             "绩效目标：（一）做到应保尽保。", "绩效指标：城乡低保标准达标率、特困人员供养准确率。",
             "三、工作保障措施", "一、完善制度，建立高效工作机制。"]
    units = [(f"{r.randint(100, 999)}{n:03d}", f"{org}{suffix}") for n, suffix in enumerate(["本级", "救助站", "福利院"], 1)]
    rows = 0
    for number in range(1, projects + 1):
        code, unit = units[min(number * len(units) // (projects + 1), len(units) - 1)]
        subject = r.choice(SUBJECTS)
        name = f"提前下达{year}年{subject}{r.choice(KINDS)}"
        total = _money(r)
        lines += [f" [bookmark: _Toc_{number}]{number}.{name}绩效目标表", f"\t{code}民政部门{unit}", "\t单位：万元", "",
                  "\t项目编码", f"\t{code[:3]}{str(year)[2:]}P{r.randint(10**9, 10**10 - 1)}{r.choice('ABCDEFGH')}",
                  "\t项目名称", f"\t{name}", "", "\t预算规模及资金用途", "\t预算数", f"\t{total}",
                  "\t其中：财政    资金", f"\t{total}", "\t其他资金", "\t ", "", "\t", f"\t用于{subject}的发放和管理", "",
                  "\t资金支出计划（%）", "\t3月底", "\t6月底", "\t10月底", "\t12月底", ""]
        lines += ["\t"] + [f"\t{p}" for p in _plan(r)] + [""]
        lines += ["\t绩效目标", f"\t1.做好{subject}工作", f"2.保障困难群众基本生活", "", "", " "]
        lines += ["\t一级指标", "\t二级指标", "\t三级指标", "\t绩效指标描述", "\t指标值", "\t指标值确定依据", ""]
        chosen = sorted(r.sample(range(len(INDICATORS)), r.randint(6, 12)))
        last1 = last2 = ""
        for index in chosen:
            level1, level2, name_t, desc_t, value, basis = INDICATORS[index]
            cells = [level1 if level1 != last1 else "", level2 if level2 != last2 else "",
                     name_t.format(s=subject), desc_t.format(s=subject), value(r), basis]
            last1, last2 = level1, level2
            lines += [f"\t{c}" for c in cells] + [""]
            rows += 1
        lines += ["", ""]
    return "\n".join(lines) + "\n", rows


_ORG = re.compile(r"(深泽县|渚源县|秦皇岛市山海关区|广州市天河区|株洲市石峰区|石峰区)")
_VALUE = re.compile(r"(?<=[≥≤])\d+(?=人次|人|个|%|元)")


def varied_seed(r: random.Random, text: str) -> str:
    """A shipped seed with organisation names and comparator values varied."""
    place = r.choice(PLACES)
    text = _ORG.sub(place, text)
    return _VALUE.sub(lambda m: str(max(1, int(int(m.group(0)) * r.uniform(0.5, 1.5)))), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=500_000, help="minimum indicator rows in the corpus")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    r = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")}
    seed_rows = {"000": 37, "001": 61, "003": 15, "004": 55}
    documents = rows = 0
    while documents < args.documents or rows < args.rows:
        if documents % 10 == 9:  # one in ten documents: another seed layout
            key = r.choice(sorted(seed_rows))
            text, n = varied_seed(r, seeds[key]), seed_rows[key]
            name = f"{documents:06d}_{key}.txt"
        else:
            text, n = project_book(r, r.randint(40, 100))
            name = f"{documents:06d}_002.txt"
        (args.out / name).write_text(text, encoding="utf-8")
        documents += 1
        rows += n
    print(f"{documents} documents, about {rows} indicator rows in {args.out}")


if __name__ == "__main__":
    main()
