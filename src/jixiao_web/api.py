"""REST API (django-ninja, OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``).

Token auth (``Authorization: Bearer jx_…``, issued with ``jixiao manage issue_token USER``).
Every endpoint goes through the same access-checked getters and services as the pages: another
organisation's object is 404, a role without the permission 403, a refused operation 400 with
its details, a stale version 409.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from jixiao.findings import Severity
from jixiao_web.errors import MAX_NUMBER, BadInput, unavailable
from jixiao_web.models import AuditEntry, IndicatorActual, SectionActual, StoredFinding, TargetDocument, TargetSection, YearRound
from jixiao.write.json_out import jsonable
from jixiao_web.services import actuals, bulk_export, declare, editing, imports, rounds, tokens, workflow
from jixiao_web.services.access import Action, get_document, get_round, get_section, get_unit
from jixiao_web.services.library import current, places
from jixiao_web.services.errors import ServiceError, StaleVersion
from jixiao_web.services.export import EXPORTERS, CoreData
from jixiao_web.services.queries import find_documents
from jixiao_web.services.store import parsed_value, sections_with_indicators
from jixiao_web.views.common import download as file_download
from jixiao_web.views.common import export_download


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = tokens.user_for(token)
        if user is not None:
            request.user = user  # the services take the acting user from here, as in the pages
        return user


log = logging.getLogger(__name__)
api = NinjaAPI(title="jixiao 绩效管理 API", version="1", auth=TokenAuth(), urls_namespace="api")


def _error(request, status: int, message: str, details: list[str] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": message, "details": details or []}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, "缺少或无效的 API 令牌：请在网页“API 令牌”中签发，并以 Authorization: Bearer 令牌 发送。")


# pydantic's error types as a clerk's integration partner reads them; others keep pydantic's text
_INVALID = {"missing": "缺少这一项", "int_parsing": "应为整数", "int_type": "应为整数", "decimal_parsing": "应为数字",
            "float_parsing": "应为数字", "string_type": "应为文字", "bool_parsing": "应为 true 或 false",
            "json_invalid": "不是有效的 JSON", "enum": "不是可选的值之一", "literal_error": "不是可选的值之一"}  # fmt: skip


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    details = [f"{'.'.join(str(p) for p in e.get('loc', ()))}：{_INVALID.get(e.get('type', ''), e.get('msg', ''))}" for e in exc.errors]
    return _error(request, 422, "请求的数据不符合接口说明（见 /api/docs）。", details)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, str(exc) or "没有找到。")


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    return _error(request, 403, str(exc) or "没有权限。")


@api.exception_handler(StaleVersion)
def _stale(request, exc):
    return _error(request, 409, exc.message)


@api.exception_handler(ServiceError)
def _refused(request, exc):
    return _error(request, 400, exc.message, exc.details)


@api.exception_handler(BadInput)
def _bad_input(request, exc):
    return _error(request, 400, str(exc))


@api.exception_handler(Exception)
def _unexpected(request, exc):
    """The storage failing or busy (503), or anything unforeseen (500, logged): said in Chinese."""
    if message := unavailable(exc):
        return _error(request, 503, message)
    log.error("API %s %s", request.method, request.path, exc_info=exc)
    return _error(request, 500, "服务器处理这次请求时出错，操作没有完成。错误已记入服务器日志，请稍后再试或联系系统管理员。")


class DocumentOut(Schema):
    id: int
    title: str
    organisation_name: str
    unit_id: int
    unit: str
    year: int | None
    state: str
    state_label: str
    version: int
    error_count: int
    warning_count: int
    source_file: str
    part: int

    @staticmethod
    def of(d: TargetDocument) -> dict[str, Any]:
        return {
            "id": d.pk, "title": d.title, "organisation_name": d.organisation_name, "unit_id": d.unit_id,
            "unit": d.unit.name, "year": d.year, "state": d.state, "state_label": d.get_state_display(),
            "version": d.version, "error_count": d.error_count, "warning_count": d.warning_count,
            "source_file": d.source_file, "part": d.part,
        }  # fmt: skip


class RoundOut(Schema):
    id: int
    document_id: int
    kind: str
    kind_label: str
    checkpoint: str
    state: str
    state_label: str

    @staticmethod
    def of(r: YearRound) -> dict[str, Any]:
        return {
            "id": r.pk, "document_id": r.document_id, "kind": r.kind, "kind_label": r.get_kind_display(),
            "checkpoint": r.checkpoint, "state": r.state, "state_label": r.get_state_display(),
        }  # fmt: skip


class DocumentListOut(DocumentOut):
    current_round: RoundOut | None  # the monitoring / self-evaluation round the list page shows


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    suggestion: str
    evidence: str
    section_id: int | None
    row_no: int | None
    rows: list[int] = Field(validation_alias="covered")  # every indicator row it covers, row_no first
    field: str
    where: str


class IndicatorOut(Schema):
    position: int
    level1: str
    level2: str
    level3: str
    description: str
    target_raw: str
    basis: str
    parsed: dict[str, Any]


class SectionOut(Schema):
    id: int
    position: int
    version: int
    kind: str
    name: str
    code: str
    amount_total: str
    amount_fiscal: str
    amount_other: str
    purpose: str
    goal: str
    plan: list[list[Any]]
    indicators: list[IndicatorOut]

    @staticmethod
    def of(s: TargetSection) -> dict[str, Any]:
        data = {n: getattr(s, n) for n in SectionOut.model_fields if n not in ("id", "indicators")}
        return data | {"id": s.pk, "indicators": list(s.indicators.all())}


class DocumentDetailOut(DocumentOut):
    sections: list[SectionOut]
    findings: list[FindingOut]
    texts: list[list[str]]  # [label, text] — DocumentIn.texts edits them by index
    budget: list[list[str]]  # [label, amount as written, group]
    fields: list[list[str]]  # [label, text]


class DocumentIn(Schema):
    """The document's own content, each by its index in DocumentDetailOut; what is not sent is kept."""

    version: int
    values: dict[str, str] = {}  # title, organisation_name, year
    texts: dict[int, str] = {}
    budget: dict[int, str] = {}  # amounts in the document's money unit
    fields: dict[int, str] = {}


class TransitionIn(Schema):
    comment: str = ""


class CommentIn(Schema):
    text: str
    section_id: int | None = None
    row_no: int | None = None
    field: str = ""


class CommentOut(Schema):
    id: int
    text: str
    section_id: int | None
    row_no: int | None
    field: str


class RowIn(Schema):
    position: str = ""
    level1: str = ""
    level2: str = ""
    level3: str = ""
    description: str = ""
    target_raw: str = ""
    basis: str = ""


class SectionIn(Schema):
    version: int
    values: dict[str, str] = {}
    plan: list[str] = []
    rows: list[RowIn]


class ParseIn(Schema):
    text: str


class AuditOut(Schema):
    created: str
    actor: str
    action: str
    summary: str
    before: dict[str, Any]
    after: dict[str, Any]


class DocumentFilters(Schema):
    """The document list's filters (as on the page); a bulk export takes the same."""

    year: int | None = None
    unit: int | None = None
    state: str = ""
    errors: bool | None = None  # true: with errors; false: without
    q: str = ""

    def mapping(self) -> dict[str, str]:
        """As find_documents and bulk_export read them (the page's query string)."""
        errors = "" if self.errors is None else str(int(self.errors))
        return {"year": str(self.year or ""), "unit": str(self.unit or ""), "state": self.state, "q": self.q, "errors": errors}


@api.get("/documents", response=list[DocumentListOut], summary="目标表列表（筛选与搜索）")
def list_documents(request, filters: Query[DocumentFilters], limit: int = 50, offset: int = 0):
    documents = rounds.with_current_round(find_documents(request.user, filters.mapping()))
    start = min(max(offset, 0), MAX_NUMBER)  # past the end is an empty page, not a database overflow
    rows = documents[start : start + min(max(limit, 1), 500)]
    return [DocumentOut.of(d) | {"current_round": (r := rounds.current_of(d)) and RoundOut.of(r)} for d in rows]


@api.get("/documents/{pk}", response=DocumentDetailOut, summary="一份目标表：章节、指标与审核问题")
def get_document_detail(request, pk: int):
    document = get_document(request.user, pk)
    sections = [SectionOut.of(s) for s in sections_with_indicators(document)]
    findings = list(StoredFinding.objects.filter(document=document))
    own = {"texts": document.texts, "budget": document.budget, "fields": document.fields}
    return DocumentOut.of(document) | {"sections": sections, "findings": findings} | own


@api.put("/documents/{pk}", response=DocumentOut, summary="保存文档的全文内容（标题、文字、预算金额；带版本号，过期返回 409）")
def save_document(request, pk: int, body: DocumentIn):
    document = get_document(request.user, pk, Action.EDIT)
    edit = editing.DocumentEdit(body.version, body.values, body.texts, body.budget, body.fields)
    return DocumentOut.of(editing.save_document_fields(request.user, document, edit))


@api.post("/documents/{pk}/transitions/{action}", response=DocumentOut, summary="流程操作：submit/return/dept_review/review/approve/publish/withdraw")
def transition(request, pk: int, action: str, body: TransitionIn):
    step = workflow.STEPS.get(action)
    if step is None:
        raise Http404("没有这个操作。")
    document = get_document(request.user, pk, step.action)
    return DocumentOut.of(workflow.perform(request.user, document, action, body.comment))


@api.post("/documents/{pk}/comments", response=CommentOut, summary="审核意见（可指向章节、指标行、字段）")
def comment(request, pk: int, body: CommentIn):
    document = get_document(request.user, pk, Action.COMMENT)
    section = None
    if body.section_id is not None:
        section = TargetSection.objects.filter(pk=body.section_id, document=document).first()
        if section is None:
            raise Http404("该文档中没有这个章节。")
    return editing.add_comment(request.user, document, body.text, section, body.row_no, body.field)


@api.get("/documents/{pk}/history", response=list[AuditOut], summary="修改历史")
def history(request, pk: int):
    document = get_document(request.user, pk)
    entries = AuditEntry.objects.filter(document=document).select_related("actor")
    return [
        {"created": e.created.isoformat(), "actor": e.actor.username if e.actor else "", "action": e.action,
         "summary": e.summary, "before": e.before, "after": e.after}
        for e in entries
    ]  # fmt: skip


@api.get("/documents/{pk}/export/{fmt}", summary="导出（格式见 /formats；运行监控报告可用 at 指定监控时点）")
def download(request, pk: int, fmt: str, at: str = ""):
    return export_download(request.user, get_document(request.user, pk), fmt, at)


@api.get("/formats", summary="导出格式")
def formats(request):
    return [{"identifier": e.identifier, "label": e.label, "extension": e.extension} for e in EXPORTERS.values()]


@api.put("/sections/{pk}", response=SectionOut, summary="保存章节（带版本号；版本过期返回 409）")
def save_section(request, pk: int, body: SectionIn):
    section = get_section(request.user, pk, Action.EDIT)
    edit = editing.SectionEdit(body.version, body.values, body.plan, [r.dict() for r in body.rows])
    return SectionOut.of(editing.save_section(request.user, section, edit))


@api.post("/parse", summary="用核心解析器解析指标值")
def parse(request, body: ParseIn):
    return parsed_value(body.text)


@api.post("/units/{pk}/import", response=list[DocumentOut], summary="导入文件到单位（全部或全不导入）")
def import_file(request, pk: int, file: UploadedFile = File(...)):
    unit = get_unit(request.user, pk, Action.EDIT)
    return [DocumentOut.of(d) for d in imports.import_file(request.user, unit, file.read(), file.name or "upload")]


class RoundIn(Schema):
    kind: str  # monitor / evaluation
    checkpoint: str = ""  # 监控时点, e.g. 6月底; the self-evaluation is always 12月底


class ActualsRowIn(Schema):
    reached: str = ""  # value at the round's checkpoint; 全年实际值 in the self-evaluation
    expected: str = ""
    likelihood: str = ""  # 确定能 / 有可能 / 完全不可能
    reason: str = ""  # 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
    action: str = ""
    weight: str = ""  # 分值 the unit sets, a number; blank: the scoring profile splits the points
    evidence: str = ""  # 佐证材料


class SectionActualsIn(Schema):
    version: int
    spent: str = ""  # cumulative amount spent at the round's checkpoint
    adjusted_budget: str = ""  # 调整后预算数; blank: the approved amount stands
    rows: dict[int, ActualsRowIn] = {}  # indicator position → values


class SectionActualsOut(Schema):
    section_id: int
    version: int
    adjusted_budget: str
    spent: dict[str, str]
    indicators: dict[int, dict[str, Any]]


def _section_actuals(section: TargetSection) -> dict[str, Any]:
    row = SectionActual.objects.filter(section=section).first()
    done = IndicatorActual.objects.filter(indicator__section=section).select_related("indicator")
    fields = ("reached", "actual", "expected", "likelihood", "reason", "action", "evidence", "weight")
    return {
        "section_id": section.pk, "version": row.version if row else 1,
        "adjusted_budget": row.adjusted_budget if row else "", "spent": row.spent if row else {},
        "indicators": {a.indicator.position: {n: getattr(a, n) for n in fields} for a in done},
    }  # fmt: skip


@api.get("/documents/{pk}/rounds", response=list[RoundOut], summary="运行监控与自评轮次")
def list_rounds(request, pk: int):
    return [RoundOut.of(r) for r in get_document(request.user, pk).rounds.all()]


@api.post("/documents/{pk}/rounds", response=RoundOut, summary="开始运行监控（时点）或单位自评")
def open_round(request, pk: int, body: RoundIn):
    document = get_document(request.user, pk, Action.OPEN_ROUND)
    return RoundOut.of(rounds.open_round(request.user, document, body.kind, body.checkpoint))


@api.post("/rounds/{pk}/transitions/{step}", response=RoundOut, summary="轮次操作：submit/return/accept")
def round_transition(request, pk: int, step: str, body: TransitionIn):
    if step not in rounds.STEPS:
        raise Http404("没有这个操作。")
    round_ = get_round(request.user, pk, rounds.STEPS[step].action)
    return RoundOut.of(rounds.move(request.user, round_, step, body.comment))


@api.get("/documents/{pk}/actuals", response=list[SectionActualsOut], summary="执行数据（按章节）")
def get_actuals(request, pk: int):
    return [_section_actuals(s) for s in get_document(request.user, pk).sections.all()]


@api.put("/sections/{pk}/actuals", response=SectionActualsOut, summary="填写本轮执行数据（带版本号；版本过期返回 409）")
def save_actuals(request, pk: int, body: SectionActualsIn):
    section = get_section(request.user, pk, Action.ENTER_ACTUALS)
    rows = {position: row.dict() for position, row in body.rows.items()}
    actuals.save_section(request.user, section, actuals.SectionEntry(body.version, body.spent, body.adjusted_budget, rows))
    return _section_actuals(section)


@api.post("/documents/{pk}/actuals/upload", summary="导入执行数据填报表（全部或全不导入）")
def upload_actuals(request, pk: int, file: UploadedFile = File(...), accept_warnings: bool = False):
    document = get_document(request.user, pk, Action.ENTER_ACTUALS)
    found = actuals.import_workbook(request.user, document, file.read(), file.name or "upload.xlsx", accept_warnings)
    notes = [f for f in found if f.severity == Severity.HINT]  # rows of the file's other parts, not applied
    return {"imported": True, "warnings": [actuals.describe(f) for f in found if f not in notes], "notes": [actuals.describe(f) for f in notes]}


@api.get("/documents/{pk}/monitor", summary="监控预警（核心 monitor 的结果）")
def monitor_report(request, pk: int, at: str = ""):
    return jsonable(CoreData([_year_document(request, pk, "查看监控预警")]).monitor(at))


@api.get("/documents/{pk}/score", summary="自评得分（核心 score 的结果，含每项扣分说明）")
def score_report(request, pk: int):
    return jsonable(CoreData([_year_document(request, pk, "查看自评得分")]).score())


def _year_document(request, pk: int, doing: str) -> TargetDocument:
    """As the pages: monitoring and scoring measure approved targets (a draft is refused, 400)."""
    document = get_document(request.user, pk)
    if reason := rounds.not_yet(document, doing):
        raise ServiceError(reason)
    return document


class ExportIn(DocumentFilters):
    fmt: str  # an identifier from /formats


class ExportJobOut(Schema):
    id: int
    fmt: str
    filters: dict[str, str]
    created: str
    state: str  # queued / running / done / failed, or interrupted (started again with …/restart)
    state_label: str
    message: str
    total: int
    finished: int
    exported: int
    failed: int
    percent: int

    @staticmethod
    def of(job) -> dict[str, Any]:
        fixed = {"id": job.pk, "fmt": job.fmt, "filters": job.filters, "created": job.created.isoformat(), "message": job.message}
        return fixed | job.progress()


@api.post("/exports", response=ExportJobOut, summary="批量导出（与列表相同的筛选条件，后台进行）")
def start_export(request, body: ExportIn):
    job = bulk_export.start(request.user, body.mapping(), body.fmt)
    return ExportJobOut.of(bulk_export.get_job(request.user, job.pk))


@api.get("/exports/{pk}", response=ExportJobOut, summary="批量导出的进度（只有发起人可见）")
def export_status(request, pk: int):
    return ExportJobOut.of(bulk_export.get_job(request.user, pk))


@api.get("/exports/{pk}/download", summary="下载批量导出的 zip（完成后）")
def export_zip(request, pk: int):
    return file_download(*bulk_export.zip_of(request.user, bulk_export.get_job(request.user, pk)))


@api.post("/exports/{pk}/restart", response=ExportJobOut, summary="重新开始中断的批量导出（已导出的不重复）")
def restart_export(request, pk: int):
    job = bulk_export.get_job(request.user, pk)
    bulk_export.restart(request.user, job)
    return ExportJobOut.of(bulk_export.get_job(request.user, pk))


# --- the indicator library and the new declaration ------------------------------------------------


class PlaceOut(Schema):
    label: str
    url: str


class LibraryEntryOut(Schema):
    name: str
    level1: str
    level2: str
    unit: str
    target: str  # the usual target
    range: str  # the lowest to the highest value written in the usual unit
    direction: str  # up: higher is better; down: lower is better
    count: int
    functions: dict[str, int]  # department functions it was written for, most first
    kinds: dict[str, int]  # project kinds
    documents: list[PlaceOut]  # where, among the documents this user may see (and the samples)
    hidden: int  # documents this user may not see


@api.get("/library", response=list[LibraryEntryOut], summary="指标库搜索（名称、类别、单位、部门职能、项目类别，可模糊）")
def library_search(request, q: str = "", limit: int = 20):
    library = current()
    found = library.search(q[:100], min(max(limit, 1), 200))
    out = []
    for e, (shown, hidden) in zip(found, places(request.user, library, found), strict=True):
        t = e.typical
        out.append({"name": e.name, "level1": e.level1, "level2": e.level2, "unit": t.unit if t else "", "target": e.usual_target(),
                    "range": t.range_text() if t else "", "direction": e.direction, "count": e.count,
                    "functions": dict(e.functions.most_common(5)), "kinds": dict(e.kinds.most_common(5)),
                    "documents": shown, "hidden": hidden})  # fmt: skip
    return out


@api.get("/library/suggest", summary="输入三级指标名称时的提示：名称、常用类别、单位和指标值")
def library_suggest(request, q: str = "", limit: int = 10):
    return jsonable(current().suggest(q[:100], min(max(limit, 1), 50)))


class NewProjectIn(Schema):
    """The form of 项目支出绩效目标申报表; amounts in 万元, plan as cumulative percent at 3月底 6月底 10月底 12月底."""

    name: str
    year: str = ""
    code: str = ""
    amount_total: str = ""
    amount_fiscal: str = ""
    amount_other: str = ""
    period: str = ""
    purpose: str = ""
    goal: str = ""
    period_goal: str = ""
    plan: list[str] = []
    draft: bool = True  # draft the indicators from the library


@api.post("/units/{pk}/projects", response=DocumentOut, summary="新建项目支出绩效目标申报表（草稿；可按指标库生成指标）")
def new_project(request, pk: int, body: NewProjectIn):
    unit = get_unit(request.user, pk, Action.EDIT)
    sent = body.dict() | {f"plan-{i}": v for i, v in enumerate(body.plan)}
    new, errors = declare.checked(sent)
    if errors:
        raise ServiceError(f"有 {len(errors)} 处填写不正确，未保存。", [f"{k}：{v}" for k, v in errors.items()])
    return DocumentOut.of(declare.create_project(request.user, unit, new, body.draft))


@api.post("/sections/{pk}/draft", response=SectionOut, summary="按指标库为一节补齐草稿指标（已有的保留），并保存")
def section_draft(request, pk: int):
    section = get_section(request.user, pk, Action.EDIT)
    declare.add_draft(request.user, section)
    return SectionOut.of(TargetSection.objects.get(pk=pk))
