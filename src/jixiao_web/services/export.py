"""Exports through the core's writers, as a small contract: identifier, label, render.

A renderer gets :class:`CoreData`: the core documents and, computed only when asked for, the
core's review findings and its monitoring and scoring reports on the stored actuals.

The official layouts (xlsx / docx / pdf of the target tables) are the core's, as ``jixiao export``
writes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from jixiao.findings import Finding
from jixiao.model.document import Document
from jixiao.model.execution import Actuals
from jixiao.monitor import MonitorReport, monitor
from jixiao.score import ScoreProfile, ScoreReport, load_score_profile, score
from jixiao.write.json_out import jsonable
from jixiao.write.monitor_report import monitor_xlsx
from jixiao.write.layouts import build_book
from jixiao.write.office.docx import book_docx
from jixiao.write.office.pdf import book_pdf
from jixiao.write.office.xlsx import book_xlsx
from jixiao.write.review_xlsx import review_xlsx
from jixiao.write.self_evaluation import score_xlsx
from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS, indicator_rows, section_rows, spreadsheet_csv
from jixiao_web.models import TargetDocument
from jixiao_web.services.actuals import core_actuals
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.findings import core_findings
from jixiao_web.services.rounds import YEAR_STATES, checkpoints, not_yet, shown_checkpoint  # the year follows approval
from jixiao_web.services.store import to_core

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@cache
def score_profile() -> ScoreProfile:
    """The built-in scoring profile, read and checked once: a file of the package, it changes only
    with the code (half a millisecond of every monitoring and score page)."""
    return load_score_profile()


class CoreData:
    """Stored documents as the core sees them; pages use it too, so there is one way to ask the core."""

    def __init__(self, rows: list[TargetDocument], at: str = ""):
        self.rows = rows
        self.at = at  # the monitoring checkpoint asked for ("" leaves it to the core)
        self.documents: list[Document] = [to_core(d) for d in rows]

    @cached_property
    def findings(self) -> list[Finding]:
        return core_findings(self.rows)

    @cached_property
    def actuals(self) -> Actuals:
        return core_actuals(self.rows, self.documents)

    def monitor(self, at: str = "") -> MonitorReport:
        return monitor(self.documents, self.actuals, at, profile=score_profile())

    def score(self) -> ScoreReport:
        return score(self.documents, self.actuals, score_profile())


@dataclass(frozen=True)
class Exporter:
    identifier: str
    label: str
    extension: str
    mimetype: str
    render: Callable[[CoreData], bytes]
    # the year's reports (monitoring, self-evaluation) are of approved targets: drafts have none
    after_approval: bool = False
    at_checkpoint: bool = False  # of one monitoring checkpoint (``at``), as the 监控预警 page shows it

    @property
    def what(self) -> str:
        """What the file is, for its name: the label without the file kind (正式表样, 审核意见表…)."""
        return self.label.split("（", 1)[0]

    def offered(self, document: TargetDocument) -> bool:
        """Whether the document page offers this export for ``document`` now."""
        return not self.after_approval or document.state in YEAR_STATES

    def refusal(self, document: TargetDocument) -> str:
        """Why ``document`` cannot be exported this way now ("" when it can), as the year's pages say it."""
        return "" if self.offered(document) else not_yet(document, f"导出{self.what}")


def _json(x: CoreData) -> bytes:
    payload = {"documents": jsonable(x.documents), "findings": jsonable(x.findings)}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


EXPORTERS: dict[str, Exporter] = {
    e.identifier: e
    for e in (
        Exporter("xlsx", "正式表样（Excel）", "xlsx", XLSX, lambda x: book_xlsx(build_book(x.documents))),
        Exporter("docx", "绩效文本（Word）", "docx", DOCX, lambda x: book_docx(build_book(x.documents))),
        Exporter("pdf", "正式表样（PDF）", "pdf", "application/pdf", lambda x: book_pdf(build_book(x.documents))),
        Exporter("indicators-csv", "指标明细（CSV）", "csv", "text/csv", lambda x: spreadsheet_csv(indicator_rows(x.documents), INDICATOR_COLUMNS)),
        Exporter("sections-csv", "章节与金额（CSV）", "csv", "text/csv", lambda x: spreadsheet_csv(section_rows(x.documents), SECTION_COLUMNS)),
        Exporter("json", "完整数据（JSON）", "json", "application/json", _json),
        Exporter("review-xlsx", "审核意见表（Excel）", "xlsx", XLSX, lambda x: review_xlsx(x.findings)),
        Exporter("monitor-xlsx", "运行监控报告（Excel）", "xlsx", XLSX, lambda x: monitor_xlsx(x.monitor(x.at)), after_approval=True, at_checkpoint=True),
        Exporter("score-xlsx", "绩效自评表（Excel）", "xlsx", XLSX, lambda x: score_xlsx(x.score()), after_approval=True),
    )
}


def export(document_rows: list[TargetDocument], identifier: str, at: str = "") -> tuple[str, str, bytes]:
    """(filename, mimetype, content) of stored documents in the layout ``identifier``; refused
    (:class:`ServiceError`) for a year's report of a document not yet approved. A monitoring report
    is of checkpoint ``at``, by default the one its page shows first (the current round's)."""
    exporter = EXPORTERS[identifier]
    refused = [r for r in map(exporter.refusal, document_rows) if r]
    if refused:
        raise ServiceError(refused[0])
    at = at.strip() if exporter.at_checkpoint else ""
    if at:
        for document in document_rows:
            if at not in (known := checkpoints(document)):
                raise ServiceError(f"“{at}”不是该文档的监控时点。", ["可选时点：" + "、".join(known)])
    elif exporter.at_checkpoint and len(document_rows) == 1:
        at = shown_checkpoint(document_rows[0])
    content = exporter.render(CoreData(document_rows, at))
    if len(document_rows) == 1:
        # named as in the bulk zip (单位-标题-第N部分-正式表样.ext), so neither the parts of one file
        # nor the formats of one document collide
        from jixiao_web.services.bulk_export import file_names  # it imports this module

        return file_names(document_rows, identifier)[0], exporter.mimetype, content
    return f"jixiao-{identifier}.{exporter.extension}", exporter.mimetype, content
