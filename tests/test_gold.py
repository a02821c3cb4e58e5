"""Golden test: every seed read by jixiao matches the hand-checked annotation in tests/golden/ —
and so does seed 004 exported to xlsx and docx and read back.

Rows are matched by section (unit code, section code, section name; document-level indicator
tables by document part) and row number. Both row recall and field accuracy must be 1.0; on
failure the differing fields are listed.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.cli.export import render
from jixiao.read import read_bytes, read_path
from jixiao.write.tables import indicator_rows, section_rows

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
SEEDS = sorted(p.name for p in SAMPLES.glob("*.txt"))
# Exports that must read back as the gold says too (the other seeds' round trips are held to
# their own model in tests/roundtrip).
EXPORTS = [(name, fmt) for name in SEEDS if name.startswith("004") for fmt in ("xlsx", "docx")]
# An export writes amounts as numbers (90 → 90.00) and has lines of its own: its amounts are
# compared by value, its source lines not at all.
AMOUNT_FIELDS = {"amount", "fiscal_amount", "other_amount"}

INDICATOR_FIELDS = {
    "level1": "level1",
    "level2": "level2",
    "level3": "level3",
    "description": "description",
    "target_raw": "target_raw",
    "cycle_target_raw": "cycle_target_raw",
    "basis": "basis",
    "grade_excellent": "grade_excellent",
    "grade_good": "grade_good",
    "grade_fair": "grade_fair",
    "grade_poor": "grade_poor",
    "comparator": "comparator",
    "number": "number",
    "unit": "unit_of_measure",
    "qualitative": "qualitative",
}
SECTION_FIELDS = {
    "kind": "kind",
    "org_line": "org_line",
    "amount": "amount",
    "fiscal_amount": "fiscal_amount",
    "other_amount": "other_amount",
    "purpose_text": "purpose_text",
    "goal_text": "goal_text",
    "plan_3": "plan_3",
    "plan_6": "plan_6",
    "plan_10": "plan_10",
    "plan_12": "plan_12",
    "src_line": "src_line",
    "doc_part": "doc_part",
}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def gold(name: str, seed: str) -> list[dict[str, str]]:
    with open(GOLDEN / name, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["seed_file"] == seed]


def unit_code(text: str) -> str:
    match = re.match(r"\d+", text or "")
    return match.group(0) if match else ""


def section_key(unit: str, code: str, name: str) -> tuple[str, str, str]:
    return unit_code(unit), norm(code), norm(name)


@pytest.fixture(scope="module", params=[*SEEDS, *EXPORTS], ids=lambda p: p if isinstance(p, str) else f"{p[0][:3]}-{p[1]}")
def seed(request):
    """(seed file name, read result, whether the result was read from an export of the seed)."""
    if isinstance(request.param, str):
        return request.param, read_path(SAMPLES / request.param), False
    name, fmt = request.param
    return name, read_bytes(render(read_path(SAMPLES / name), fmt), f"{name[:3]}.{fmt}"), True


def by_value(text: str) -> str:
    text = norm(text).replace(",", "")
    return str(Decimal(text).normalize()) if re.fullmatch(r"-?\d+(?:\.\d+)?", text) else text


def compare(pairs, fields, exported: bool = False) -> tuple[float, list[str]]:
    total = same = 0
    diffs = []
    for label, ours, theirs in pairs:
        for gold_field, our_field in fields.items():
            if exported and gold_field == "src_line":
                continue
            total += 1
            equal = by_value if exported and gold_field in AMOUNT_FIELDS else norm
            if equal(ours[our_field]) == equal(theirs[gold_field]):
                same += 1
            else:
                diffs.append(f"{label} {gold_field}: ours={ours[our_field]!r} gold={theirs[gold_field]!r}")
    return (same / total if total else 1.0), diffs


def test_sections_match_gold(seed):
    name, result, exported = seed
    ours = {}
    for row in section_rows(result.documents):
        ours.setdefault(section_key(row["unit"], row["section_code"], row["section_name"]), []).append(row)
    pairs, missing = [], []
    for g in gold("sections.csv", name):
        candidates = ours.get(section_key(g["org_line"], g["code"], g["name"]), [])
        candidates = [c for c in candidates if c["kind"] == g["kind"]] or candidates
        if not candidates:
            missing.append(f"{g['section_id']} {g['name']}")
            continue
        pairs.append((g["section_id"], candidates.pop(0), g))
    accuracy, diffs = compare(pairs, SECTION_FIELDS, exported)
    recall = len(pairs) / (len(pairs) + len(missing))
    assert (recall, accuracy) == (1.0, 1.0), "\n".join(["missing: " + ", ".join(missing), *diffs[:40]])


def test_indicators_match_gold(seed):
    name, result, exported = seed
    gold_sections = {g["section_id"]: g for g in gold("sections.csv", name)}
    sections = list(section_rows(result.documents))
    # document-level indicator tables: our department sections, by document part
    dept = {r["doc_part"]: r for r in sections if r["kind"] == "department"}
    ours = {}
    for row in indicator_rows(result.documents):
        key = section_key(row["unit"], row["section_code"], row["section_name"])
        ours.setdefault(key, []).append(row)
    pairs, missing = [], []
    for g in gold("indicators.csv", name):
        if g["section_id"]:
            gs = gold_sections[g["section_id"]]
            key = section_key(gs["org_line"], gs["code"], gs["name"])
        else:
            d = dept.get(g["doc_part"])
            key = section_key(d["unit"], d["section_code"], d["section_name"]) if d else None
        rows = ours.get(key, [])
        # duplicate section keys (same unit, code and name) keep document order
        match = [r for r in rows if r["row_no"] == g["row_no"]]
        label = f"{g['section_id'] or 'doc' + g['doc_part']}#{g['row_no']}"
        if not match:
            missing.append(label)
            continue
        pairs.append((label, match[0], g))
    accuracy, diffs = compare(pairs, INDICATOR_FIELDS, exported)
    recall = len(pairs) / (len(pairs) + len(missing)) if pairs or missing else 1.0
    assert (recall, accuracy) == (1.0, 1.0), "\n".join(["missing: " + ", ".join(missing[:40]), *diffs[:40]])


def test_documents_match_gold(seed):
    name, result = seed[:2]  # test_read_office passes (name, result) of its own files
    ours = {str(d.part): d for d in result.documents}
    diffs = []
    for g in gold("documents.csv", name):
        d = ours.get(g["doc_part"])
        if d is None:
            diffs.append(f"part {g['doc_part']} missing")
            continue
        got = {
            "doc_title": d.title,
            "org_name": d.organisation,
            "year": str(d.year or ""),
            "doc_kind": d.kind.value,
            "unit_of_money": d.money_unit,
        }
        diffs += [f"part {g['doc_part']} {k}: ours={v!r} gold={g[k]!r}" for k, v in got.items() if norm(v) != norm(g[k])]
    assert not diffs, "\n".join(diffs)
