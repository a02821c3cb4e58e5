"""docs/rules.md, generated from the rule registry (``jixiao rules > docs/rules.md``)."""

from __future__ import annotations

from itertools import groupby

from jixiao.review import RULES
from jixiao.review import summary

HEADER = """# 审核规则 / Review rules

本文件由 `jixiao rules` 根据规则登记表自动生成，请勿手工修改；`tests/test_rules_doc.py` 在它过期时失败。
This file is generated from the rule registry by `jixiao rules`; do not edit it by hand.

级别（severity）为默认审核方案中的级别；审核方案（`--profile`，TOML）可以关闭规则、调整级别和阈值。
"""


def _grade_formula() -> str:
    doc = summary.__doc__ or ""
    return doc.split("\n\n", 1)[1].strip() if "\n\n" in doc else doc.strip()


def rules_markdown() -> str:
    out = [HEADER]
    out.append("## 审核等级 / Review grade\n")
    out.append(_grade_formula() + "\n")
    ordered = sorted(RULES.values(), key=lambda r: (r.dimension.value, r.code))
    out.append("## 规则一览\n")
    out.append("| 代码 | 规则 | 维度 | 默认级别 |")
    out.append("|---|---|---|---|")
    for r in sorted(RULES.values(), key=lambda r: r.code):
        out.append(f"| {r.code} | {r.title} | {r.dimension.value} | {r.severity.label} |")
    out.append("")
    for dimension, rules in groupby(ordered, key=lambda r: r.dimension.value):
        out.append(f"## {dimension}\n")
        for r in rules:
            out.append(f"### {r.code} {r.title}\n")
            out.append(f"- 默认级别：{r.severity.label}（{r.severity.value}）")
            out.append(f"- 为什么：{r.why}")
            out.append(f"- 不好的写法：`{r.bad}`")
            out.append(f"- 好的写法：`{r.good}`")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
