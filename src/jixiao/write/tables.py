"""Flat tables of a read result: one row per indicator or per section (CSV exports, gold tests)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import TextIO

from jixiao.model.document import Document, Section
from jixiao.values.types import Empty, Quantity, TargetValue
from jixiao.write.safe import FORMULA_STARTS, safe_cell

INDICATOR_COLUMNS = (
    "file",
    "unit",
    "section_code",
    "section_name",
    "row_no",
    "level1",
    "level2",
    "level3",
    "description",
    "target_raw",
    "cycle_target_raw",
    "basis",
    "grade_excellent",
    "grade_good",
    "grade_fair",
    "grade_poor",
    "comparator",
    "number",
    "unit_of_measure",
    "qualitative",
)

SECTION_COLUMNS = (
    "file",
    "unit",
    "section_code",
    "section_name",
    "parent_name",
    "kind",
    "org_line",
    "amount",
    "fiscal_amount",
    "other_amount",
    "purpose_text",
    "goal_text",
    "plan_3",
    "plan_6",
    "plan_10",
    "plan_12",
    "extra",
    "doc_part",
    "src_line",
)

_PLAN_COLUMN = re.compile(r"^(3|6|10|12)月(?:底|末)?$")


def unit_label(document: Document, section: Section) -> str:
    return section.unit.label() or document.organisation


_VALUE_COLUMNS = ("comparator", "number", "unit_of_measure", "qualitative")


def value_columns(value: TargetValue) -> dict[str, str]:
    """comparator / number / unit when the cell is written as a plain ``[comparator] number [unit]``;
    otherwise the text as written goes to qualitative (95%以上, 约5.5万人次, 1600人、200人, 是)."""
    return dict(zip(_VALUE_COLUMNS, _value_cells(value)))


def _value_cells(value: TargetValue) -> tuple[str, str, str, str]:
    """:func:`value_columns` in the order of :data:`_VALUE_COLUMNS`."""
    if isinstance(value, Quantity) and value.plain:
        # A Comparator is a StrEnum: the member is its sign as a str, without the enum's value look-up.
        return value.comparator or "", format(value.number, "f"), value.unit, ""
    return "", "", "", "" if isinstance(value, Empty) else value.raw.strip()


def indicator_cells(documents: Iterable[Document]) -> Iterator[tuple[str, ...]]:
    """Each indicator's cells in the order of :data:`INDICATOR_COLUMNS`: what the CSV writes, without
    a dict per row."""
    for document in documents:
        for section in document.sections:
            head = document.source_file, unit_label(document, section), section.code, section.name
            for row_no, ind in enumerate(section.indicators, 1):
                grades = ind.grades
                yield (*head, str(row_no), ind.level1, ind.level2, ind.level3, ind.description, ind.target_raw,
                       ind.cycle_target_raw, ind.basis, grades.excellent, grades.good, grades.fair, grades.poor,
                       *_value_cells(ind.target))


def indicator_rows(documents: Iterable[Document]) -> Iterator[dict[str, str]]:
    """One dict per indicator, keyed by :data:`INDICATOR_COLUMNS`."""
    return (dict(zip(INDICATOR_COLUMNS, cells)) for cells in indicator_cells(documents))


def section_rows(documents: Iterable[Document]) -> Iterator[dict[str, str]]:
    for document in documents:
        for section in document.sections:
            parent = document.section(section.parent_key) if section.parent_key else None
            plans = {f"plan_{m.group(1)}": p.raw for p in section.plan if (m := _PLAN_COLUMN.match(p.checkpoint))}
            extra = dict(section.fields)
            extra.update({p.checkpoint: p.raw for p in section.plan if not _PLAN_COLUMN.match(p.checkpoint)})
            a = section.amounts
            yield {
                "file": document.source_file,
                "unit": unit_label(document, section),
                "section_code": section.code,
                "section_name": section.name,
                "parent_name": parent.name if parent else "",
                "kind": section.kind.value,
                "org_line": section.unit.raw,
                "amount": a.total.raw if a.total else "",
                "fiscal_amount": a.fiscal.raw if a.fiscal else "",
                "other_amount": a.other.raw if a.other else "",
                "purpose_text": section.purpose,
                "goal_text": section.goal,
                "plan_3": plans.get("plan_3", ""),
                "plan_6": plans.get("plan_6", ""),
                "plan_10": plans.get("plan_10", ""),
                "plan_12": plans.get("plan_12", ""),
                "extra": " | ".join(f"{k}={v}" for k, v in extra.items()),
                "doc_part": str(document.part),
                "src_line": str(section.source.line or ""),
            }


def section_cells(documents: Iterable[Document]) -> Iterator[tuple[str, ...]]:
    """Each section's cells in the order of :data:`SECTION_COLUMNS`."""
    return map(itemgetter(*SECTION_COLUMNS), section_rows(documents))


def _formula_led(text: str) -> bool:
    """Whether a cell of ``text`` (rows joined by commas, one a line) starts like a formula
    (:data:`FORMULA_STARTS`): a few substring searches, faster than a regular expression's scan."""
    return text[:1] in FORMULA_STARTS or any(
        start in text and ("," + start in text or "\n" + start in text) for start in FORMULA_STARTS)


_CHUNK = 32  # rows checked and written at once


def write_csv(out: TextIO, rows: Iterable[dict[str, str]], columns: tuple[str, ...], *, header: bool = True,
              safe: bool = False) -> None:
    """Rows (each holding every column) as CSV lines into ``out``, the header line first when asked;
    ``safe``: formula-like cells neutralised (:func:`jixiao.write.safe.safe_cell`)."""
    write_cells(out, map(itemgetter(*columns), rows), columns, header=header, safe=safe)


def write_cells(out: TextIO, rows: Iterable[Sequence[str]], columns: tuple[str, ...], *, header: bool = True,
                safe: bool = False) -> None:
    """:func:`write_csv` of rows given as their cells in the order of ``columns``."""
    writer = None  # made for the first row that needs it: csv's writer allocates 128 KB then

    def put(cells: Sequence[str], neutralise: bool) -> None:
        nonlocal writer
        # Most rows are their cells joined by commas, as csv.writer writes them: no cell holds a
        # comma, quote or line break (which csv quotes; a lone empty cell too) or, when neutralised,
        # starts like a formula. One join and a few searches per row, not the writer's work per cell.
        line = ",".join(cells)
        if (line and line.count(",") == len(cells) - 1 and not ('"' in line or "\n" in line or "\r" in line)
                and not (neutralise and _formula_led(line))):
            out.write(line + "\n")
            return
        writer = writer or csv.writer(out, lineterminator="\n")
        writer.writerow([safe_cell(c) for c in cells] if neutralise else cells)

    if header:
        put(columns, False)
    rows = iter(rows)
    while chunk := list(islice(rows, _CHUNK)):
        # put()'s test on a chunk's rows joined, when they all have two cells or more: the same
        # searches once per chunk instead of once per row.
        text = "\n".join(map(",".join, chunk))
        if (min(map(len, chunk)) > 1 and text.count(",") == sum(map(len, chunk)) - len(chunk)
                and text.count("\n") == len(chunk) - 1 and not ('"' in text or "\r" in text)
                and not (safe and _formula_led(text))):
            out.write(text + "\n")
            continue
        for cells in chunk:
            put(cells, safe)


def to_csv(rows: Iterable[dict[str, str]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    write_csv(out, rows, columns)
    return out.getvalue()


def safe_csv(rows: Iterable[dict[str, str]], columns: tuple[str, ...]) -> str:
    """CSV whose formula-like cells are neutralised (:func:`jixiao.write.safe.safe_cell`)."""
    out = io.StringIO()
    write_csv(out, rows, columns, safe=True)
    return out.getvalue()


def spreadsheet_csv(rows: Iterable[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    """CSV for people who open it in Excel: formula-like cells neutralised, a BOM so the Chinese
    text is read as UTF-8."""
    return ("\ufeff" + safe_csv(rows, columns)).encode("utf-8")
