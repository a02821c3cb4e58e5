"""Review findings as readable text (grouped by file, unit and section) and as JSON."""

from __future__ import annotations

import json
from itertools import groupby

from jixiao.findings import Finding
from jixiao.review.summary import summarise


def finding_dict(f: Finding) -> dict:
    loc = f.location
    return {
        "code": f.code,
        "severity": f.severity.value,
        "dimension": f.dimension,
        "message": f.message,
        "suggestion": f.suggestion,
        "evidence": f.evidence,
        "location": {
            "file": loc.source.file,
            "unit": loc.unit,
            "section_code": loc.section_code,
            "section_name": loc.section_name,
            "row_no": loc.row_no,
            "rows": list(loc.covered()),
            "field": loc.field,
            "table": loc.source.table,
            "row": loc.source.row,
            "column": loc.source.column,
            "line": loc.source.line,
            "origin": loc.source.origin.describe() if loc.source.origin else "",
        },
    }


def review_json(findings: list[Finding]) -> str:
    payload = {"findings": [finding_dict(f) for f in findings], "summary": summarise(findings)}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _group_key(f: Finding) -> tuple[str, str, str]:
    loc = f.location
    section = " ".join(p for p in (loc.section_code, loc.section_name) if p) or "（文档整体）"
    return loc.source.file, loc.unit, section


def review_text(findings: list[Finding]) -> str:
    lines: list[str] = []
    ordered = sorted(findings, key=lambda f: (*_group_key(f), f.location.row_no or 0, f.code))
    for file, in_file in groupby(ordered, key=lambda f: f.location.source.file):
        lines.append(f"■ {file}")
        for (_, unit, section), items in groupby(in_file, key=_group_key):
            lines.append(f"  ▶ {unit}  {section}" if unit else f"  ▶ {section}")
            for f in items:
                where = []
                if rows := f.location.row_label():
                    where.append(rows)
                if place := f.location.source.place():
                    where.append(place)
                lines.append(f"    [{f.code} {f.severity.label}·{f.dimension or '读取'}] {'，'.join(where)}  {f.message}")
                if f.evidence:
                    lines.append(f"        原文：{f.evidence}")
                if f.suggestion:
                    lines.append(f"        建议：{f.suggestion}")
    summary = summarise(findings)
    total = summary["total"]
    lines.append("")
    lines.append(f"合计：错误 {total['error']}，警告 {total['warning']}，提示 {total['hint']}")
    for doc in summary["documents"]:
        lines.append(f"  {doc['file']}：审核得分 {doc['score']}，等级 {doc['grade']}")
    return "\n".join(lines) + "\n"
