"""docs/rules.md, generated from the rule registry (``jixiao rules > docs/rules.md``)."""

from __future__ import annotations

from itertools import groupby

from jixiao.review import RULES
from jixiao.review import summary
from jixiao.review.profile import BUILTIN, Profile, load_profile

HEADER = """# 审核规则 / Review rules

本文件由 `jixiao rules` 根据规则登记表自动生成，请勿手工修改；`tests/test_rules_doc.py` 在它过期时失败。
This file is generated from the rule registry by `jixiao rules`; do not edit it by hand.

级别（severity）为默认审核方案中的级别；审核方案（`--profile`，TOML）可以关闭规则、调整级别和阈值。
调整级别有两种写法：`severity = "error"` 让这条规则的所有意见都用这一级别；`shift = 1`（或 `-1`）让每条意见
升（降）一级，最高到错误、最低到提示——自带分级的规则（如 JX157：中间空档为警告、开头空着为提示）由此保持分级。
A profile sets a rule's severity (`severity`, every finding) or shifts each finding's own (`shift = 1` / `-1`, clamped).
"""


def _grade_formula() -> str:
    doc = summary.__doc__ or ""
    return doc.split("\n\n", 1)[1].strip() if "\n\n" in doc else doc.strip()


def _setting(profile: Profile, code: str) -> str:
    """How ``profile`` runs rule ``code``: 关闭, or the severity (or shift) and any thresholds it sets."""
    if not profile.enabled(code):
        return "关闭"
    values = profile.rules.get(code, {})
    shift = values.get("shift", 0)
    shown = [f"每条意见{'升' if shift > 0 else '降'}{abs(shift)}级" if shift else profile.severity(code, RULES[code].severity).label]
    shown += [f"{k} = {v}" for k, v in values.items() if k not in ("severity", "shift", "enabled")]
    return "，".join(shown)


def _profiles_section() -> list[str]:
    """The built-in profiles and, for every rule one of them changes, what each sets."""
    profiles = [load_profile(name, frozenset(RULES)) for name in BUILTIN]
    out = ["## 审核方案 / Review profiles\n"]
    out += [f"- `{p.name}`：{p.description}" for p in profiles]
    out.append("\n未列出的规则在各方案中都按登记级别执行。Rules not listed run at their registered severity in every profile.\n")
    out.append("| 代码 | 规则 | " + " | ".join(p.name for p in profiles) + " |")
    out.append("|---|---|" + "---|" * len(profiles))
    for code in sorted(RULES):
        if any(code in p.rules for p in profiles):
            out.append(f"| {code} | {RULES[code].title} | " + " | ".join(_setting(p, code) for p in profiles) + " |")
    out.append("")
    return out


def rules_markdown() -> str:
    out = [HEADER]
    out.append("## 审核等级 / Review grade\n")
    out.append(_grade_formula() + "\n")
    out += _profiles_section()
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
