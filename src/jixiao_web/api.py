"""REST API (django-ninja, OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``).

Token auth (``Authorization: Bearer jx_…``, issued with ``jixiao manage issue_token USER``).
Every endpoint goes through the same access-checked getters and services as the pages: another
organisation's object is 404, a role without the permission 403, a refused operation 400 with
its details, a stale version 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, NinjaAPI, Schema
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from jixiao_web.models import AuditEntry, StoredFinding, TargetDocument, TargetSection
from jixiao_web.services import editing, imports, tokens, workflow
from jixiao_web.services.access import Action, get_document, get_section, get_unit
from jixiao_web.services.errors import ServiceError, StaleVersion
from jixiao_web.services.export import EXPORTERS
from jixiao_web.services.queries import find_documents
from jixiao_web.services.store import parsed_value, sections_with_indicators
from jixiao_web.views.common import export_download


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = tokens.user_for(token)
        if user is not None:
            request.user = user  # the services take the acting user from here, as in the pages
        return user


api = NinjaAPI(title="jixiao 绩效管理 API", version="1", auth=TokenAuth(), urls_namespace="api")


def _error(request, status: int, message: str, details: list[str] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": message, "details": details or []}, status=status)


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


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    suggestion: str
    evidence: str
    section_id: int | None
    row_no: int | None
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


@api.get("/documents", response=list[DocumentOut], summary="目标表列表（筛选与搜索）")
def list_documents(
    request, year: int | None = None, unit: int | None = None, state: str = "", errors: bool | None = None,
    q: str = "", limit: int = 50, offset: int = 0,
):  # fmt: skip
    filters = {"year": year, "unit": unit, "state": state, "q": q, "errors": "" if errors is None else int(errors)}
    rows = find_documents(request.user, filters)[max(offset, 0) : max(offset, 0) + min(max(limit, 1), 500)]
    return [DocumentOut.of(d) for d in rows]


@api.get("/documents/{pk}", response=DocumentDetailOut, summary="一份目标表：章节、指标与审核问题")
def get_document_detail(request, pk: int):
    document = get_document(request.user, pk)
    sections = [SectionOut.of(s) for s in sections_with_indicators(document)]
    findings = list(StoredFinding.objects.filter(document=document))
    return DocumentOut.of(document) | {"sections": sections, "findings": findings}


@api.post("/documents/{pk}/transitions/{action}", response=DocumentOut, summary="流程操作：submit/return/review/approve/publish")
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


@api.get("/documents/{pk}/export/{fmt}", summary="导出（格式见 /formats）")
def download(request, pk: int, fmt: str):
    return export_download(get_document(request.user, pk), fmt)


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
