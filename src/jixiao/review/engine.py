"""Run the registered rules over documents and turn their hits into findings."""

from __future__ import annotations

from jixiao.findings import Finding, Location
from jixiao.gc_pause import gc_paused
from jixiao.model.document import Document
from jixiao.model.source import Source
from jixiao.review import rules as _rules  # noqa: F401  (importing registers every rule)
from jixiao.review.context import Hit, ReviewContext
from jixiao.review.profile import Profile, load_profile
from jixiao.review.registry import RULES, Rule


def _location(hit: Hit) -> Location:
    doc, section = hit.document, hit.section
    source: Source = doc.source
    if section is not None:
        source = section.source
        if hit.row_no is not None and 0 < hit.row_no <= len(section.indicators):
            source = section.indicators[hit.row_no - 1].source
    if not source.file:
        source = Source(doc.source_file, source.table, source.row, source.column, source.line)
    unit = ""
    index = None
    if section is not None:
        unit = section.unit.label() or doc.organisation
        # by identity: two sections may be equal field for field (the same table written twice)
        index = next((i for i, s in enumerate(doc.sections, 1) if s is section), None)
    return Location(
        source,
        unit or doc.organisation,
        section.code if section else "",
        section.name if section else "",
        hit.row_no,
        hit.field,
        rows=hit.rows,
        part=doc.part,
        section_index=index,
    )


def _finding(rule: Rule, profile: Profile, hit: Hit) -> Finding:
    return Finding(
        rule.code,
        profile.severity(rule.code, hit.severity or rule.severity),
        hit.message,
        _location(hit),
        hit.suggestion,
        hit.evidence,
        rule.dimension.value,
    )


@gc_paused
def review(documents: list[Document], profile: Profile | None = None, history: tuple[Document, ...] = ()) -> list[Finding]:
    """All findings for ``documents`` (reviewed together, so cross-document rules see them all);
    ``history`` are earlier documents the rules compare with but do not report on."""
    profile = profile or load_profile("default", frozenset(RULES))
    context = ReviewContext(documents, profile, history=tuple(history))
    findings: list[Finding] = []
    for code in sorted(RULES):
        rule = RULES[code]
        if not profile.enabled(code):
            continue
        context.code = code
        findings.extend(_finding(rule, profile, hit) for hit in rule.check(context))
    return findings
