"""Exports through the core's writers, as a small contract: identifier, label, render.

Office layouts (xlsx / docx / pdf of the target tables) are being built in the core; when they
land, each becomes one more :class:`Exporter` in ``EXPORTERS`` calling the core writer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.findings import Finding
from jixiao.model.document import Document
from jixiao.review import review
from jixiao.write.json_out import jsonable
from jixiao.write.review_xlsx import review_xlsx, safe_cell
from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS, indicator_rows, section_rows, to_csv
from jixiao_web.models import TargetDocument
from jixiao_web.services.store import to_core


@dataclass(frozen=True)
class Exporter:
    identifier: str
    label: str
    extension: str
    mimetype: str
    render: Callable[[list[Document], list[Finding]], bytes]


def _csv(rows, columns) -> bytes:
    """CSV for spreadsheets: formula-like cells neutralised, BOM so Excel reads the Chinese."""
    safe = ({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + to_csv(safe, columns)).encode("utf-8")


def _json(documents: list[Document], findings: list[Finding]) -> bytes:
    payload = {"documents": jsonable(documents), "findings": jsonable(findings)}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


EXPORTERS: dict[str, Exporter] = {
    e.identifier: e
    for e in (
        Exporter("indicators-csv", "指标明细（CSV）", "csv", "text/csv", lambda d, f: _csv(indicator_rows(d), INDICATOR_COLUMNS)),
        Exporter("sections-csv", "章节与金额（CSV）", "csv", "text/csv", lambda d, f: _csv(section_rows(d), SECTION_COLUMNS)),
        Exporter("json", "完整数据（JSON）", "json", "application/json", _json),
        Exporter(
            "review-xlsx", "审核意见表（Excel）", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", lambda d, f: review_xlsx(f),
        ),  # fmt: skip
    )
}


def export(document_rows: list[TargetDocument], identifier: str) -> tuple[str, str, bytes]:
    """(filename, mimetype, content) of stored documents in the layout ``identifier``."""
    exporter = EXPORTERS[identifier]
    documents = [to_core(d) for d in document_rows]
    content = exporter.render(documents, review(documents))
    stem = documents[0].source_file.rsplit(".", 1)[0] if len(documents) == 1 and documents[0].source_file else "jixiao"
    return f"{stem}-{identifier}.{exporter.extension}", exporter.mimetype, content
