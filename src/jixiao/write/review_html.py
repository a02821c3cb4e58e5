"""A self-contained HTML review report a reviewer can e-mail (no external files or scripts)."""

from __future__ import annotations

from itertools import groupby

from jinja2 import Environment, PackageLoader, select_autoescape

from jixiao.findings import Finding
from jixiao.review.summary import summarise

_ENV = Environment(loader=PackageLoader("jixiao.write", "templates"), autoescape=select_autoescape(["html", "j2"]))


def _title(f: Finding) -> str:
    loc = f.location
    section = " ".join(p for p in (loc.section_code, loc.section_name) if p) or "文档整体"
    return f"{loc.unit} · {section}" if loc.unit else section


def review_html(findings: list[Finding], profile: str = "default") -> str:
    ordered = sorted(findings, key=lambda f: (f.location.source.file, _title(f), f.location.row_no or 0, f.code))
    groups = [
        (file, [(title, list(items)) for title, items in groupby(in_file, key=_title)])
        for file, in_file in groupby(ordered, key=lambda f: f.location.source.file)
    ]
    summary = summarise(findings)
    return _ENV.get_template("review.html.j2").render(
        profile=profile, total=summary["total"], documents=summary["documents"], groups=groups
    )
