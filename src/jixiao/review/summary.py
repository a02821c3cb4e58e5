"""Counts and a review grade per section and per document.

审核等级：从 100 分起，每个错误扣 10 分、警告扣 3 分、提示扣 0.5 分，最低 0 分；≥90 优，≥80 良，≥60 中，其余为差。
Grade: start from 100, subtract 10 per error, 3 per warning
and 0.5 per hint, floor at 0; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below 60 — the same bands as scoring.
A section with no findings is 优.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jixiao.findings import Finding, Severity

PENALTY = {Severity.ERROR: Decimal(10), Severity.WARNING: Decimal(3), Severity.HINT: Decimal("0.5")}
BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def grade(findings: list[Finding]) -> tuple[Decimal, str]:
    points = max(Decimal(0), Decimal(100) - sum((PENALTY[f.severity] for f in findings), Decimal(0)))
    return points, next(label for floor, label in BANDS if points >= floor)


def counts(findings: list[Finding]) -> dict[str, int]:
    c = Counter(f.severity.value for f in findings)
    return {s.value: c.get(s.value, 0) for s in Severity}


def summarise(findings: list[Finding]) -> dict:
    """``{"total": ..., "documents": [...], "sections": [...]}`` with counts and grades."""
    by_file: dict[str, list[Finding]] = {}
    by_section: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        loc = f.location
        by_file.setdefault(loc.source.file, []).append(f)
        if loc.section_code or loc.section_name:
            key = (loc.source.file, loc.unit, loc.section_code, loc.section_name)
            by_section.setdefault(key, []).append(f)

    def entry(items: list[Finding]) -> dict:
        points, label = grade(items)
        return {"counts": counts(items), "score": format(points, "f"), "grade": label}

    return {
        "total": counts(findings),
        "documents": [{"file": file, **entry(items)} for file, items in by_file.items()],
        "sections": [
            {"file": k[0], "unit": k[1], "section_code": k[2], "section_name": k[3], **entry(items)}
            for k, items in by_section.items()
        ],
    }
