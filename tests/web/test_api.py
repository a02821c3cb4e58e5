"""The API: token auth, the same permissions as the pages (matrix over every endpoint × role ×
own / other organisation), the same validation (refusals 400 with details, stale version 409)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao_web.api import api
from jixiao_web.models import DocState, ExportJob, Role, RoundKind, RoundState, TargetDocument, YearRound
from jixiao_web.services.rounds import STEPS
from jixiao_web.services import imports, tokens
from jixiao_web.services.access import ALLOWED, Action
from jixiao_web.services.export import EXPORTERS
from tests_web_helpers import seed_path

ALL = frozenset(Role.values)


class ApiClient:
    def __init__(self, user=None, token: str | None = None):
        self.client = Client()
        token = token or (tokens.issue(user, "test") if user else "")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body=None):
        if method == "get":
            return self.client.get(path, body or {}, **self.headers)
        if isinstance(body, dict) and any(hasattr(v, "read") for v in body.values()):
            return self.client.post(path, body, **self.headers)
        return getattr(self.client, method)(path, json.dumps(body or {}), content_type="application/json", **self.headers)


def _own_job(user) -> int:
    return ExportJob.objects.get_or_create(user=user, fmt="json", state=ExportJob.State.DONE, data=b"PK")[0].pk


def endpoints(doc, section, unit):
    """(method, path, body, roles allowed, status when allowed, scoped to an object, schema path).
    A path to an object that belongs to one user (a bulk export) is a function of the user whose
    object it is: each role asks for its own, and another bureau's user for one that is not theirs."""
    d, s = f"/api/documents/{doc.pk}", f"/api/sections/{section.pk}"
    rows = [
        ("get", "/api/documents", None, ALL, 200, False, "/api/documents"),
        ("get", "/api/formats", None, ALL, 200, False, "/api/formats"),
        ("post", "/api/parse", {"text": "≥95%"}, ALL, 200, False, "/api/parse"),
        ("get", d, None, ALL, 200, True, "/api/documents/{pk}"),
        ("get", f"{d}/history", None, ALL, 200, True, "/api/documents/{pk}/history"),
        ("post", f"{d}/comments", {"text": "意见"}, ALLOWED[Action.COMMENT], 200, True, "/api/documents/{pk}/comments"),
        ("put", s, {"version": 999, "rows": []}, ALLOWED[Action.EDIT], 400, True, "/api/sections/{pk}"),
        ("put", d, {"version": 999}, ALLOWED[Action.EDIT], 400, True, "/api/documents/{pk}"),  # published: not editable
        ("post", f"/api/units/{unit.pk}/import", {"file": lambda: SimpleUploadedFile("a.txt", b"x")}, ALLOWED[Action.EDIT], 400, True, "/api/units/{pk}/import"),
        ("get", "/api/library", None, ALL, 200, False, "/api/library"),
        ("get", "/api/library/suggest", {"q": "资金"}, ALL, 200, False, "/api/library/suggest"),
        ("post", f"/api/units/{unit.pk}/projects", {"name": ""}, ALLOWED[Action.EDIT], 400, True, "/api/units/{pk}/projects"),
        ("post", f"{s}/draft", {}, ALLOWED[Action.EDIT], 400, True, "/api/sections/{pk}/draft"),  # published: not editable
    ]  # fmt: skip
    r = YearRound.objects.get_or_create(document=doc, kind=RoundKind.MONITOR, checkpoint="6月底", state=RoundState.ACCEPTED)[0]
    enter = ALLOWED[Action.ENTER_ACTUALS]
    rows += [
        ("get", f"{d}/rounds", None, ALL, 200, True, "/api/documents/{pk}/rounds"),
        ("post", f"{d}/rounds", {"kind": "?"}, ALLOWED[Action.OPEN_ROUND], 400, True, "/api/documents/{pk}/rounds"),
        ("get", f"{d}/actuals", None, ALL, 200, True, "/api/documents/{pk}/actuals"),
        ("put", f"{s}/actuals", {"version": 1}, enter, 400, True, "/api/sections/{pk}/actuals"),  # no round open
        ("post", f"{d}/actuals/upload", {"file": lambda: SimpleUploadedFile("a.xlsx", b"x")}, enter, 400, True, "/api/documents/{pk}/actuals/upload"),
        ("get", f"{d}/monitor", None, ALL, 200, True, "/api/documents/{pk}/monitor"),
        ("get", f"{d}/score", None, ALL, 200, True, "/api/documents/{pk}/score"),
    ]  # fmt: skip
    rows += [
        ("post", f"/api/rounds/{r.pk}/transitions/{name}", {"comment": "意见"}, ALLOWED[step.action], 400, True, "/api/rounds/{pk}/transitions/{step}")
        for name, step in STEPS.items()
    ]  # fmt: skip
    rows += [("get", f"{d}/export/{fmt}", None, ALL, 200, True, "/api/documents/{pk}/export/{fmt}") for fmt in EXPORTERS]
    rows += [
        ("post", "/api/exports", {"fmt": "json"}, ALL, 200, False, "/api/exports"),
        ("get", lambda u: f"/api/exports/{_own_job(u)}", None, ALL, 200, True, "/api/exports/{pk}"),
        ("get", lambda u: f"/api/exports/{_own_job(u)}/download", None, ALL, 200, True, "/api/exports/{pk}/download"),
        ("post", lambda u: f"/api/exports/{_own_job(u)}/restart", {}, ALL, 400, True, "/api/exports/{pk}/restart"),  # not interrupted
    ]  # fmt: skip
    rows += [
        ("post", f"{d}/transitions/{a.value}", {"comment": "退回意见"}, ALLOWED[a], 400, True, "/api/documents/{pk}/transitions/{action}")
        for a in (Action.SUBMIT, Action.RETURN, Action.DEPT_REVIEW, Action.REVIEW, Action.APPROVE, Action.PUBLISH)
    ]  # fmt: skip
    return rows


def _body(body):
    return {k: (v() if callable(v) else v) for k, v in body.items()} if isinstance(body, dict) else body


def test_every_endpoint_is_in_the_matrix(own):
    doc = own.document
    covered = {row[6] for row in endpoints(doc, doc.sections.first(), own.unit)}
    assert set(api.get_openapi_schema()["paths"]) == covered


def test_api_permission_matrix(own, other):
    target = own.document
    TargetDocument.objects.filter(pk=target.pk).update(state=DocState.PUBLISHED)  # no transition applies: 400
    section = target.sections.first()
    failures = []
    for tenant, is_own in ((own, True), (other, False)):
        for role in Role:
            client = ApiClient(tenant.users[role])
            for method, path, body, allowed, ok, scoped, _ in endpoints(target, section, own.unit):
                if not is_own and not scoped:
                    continue
                url = path(own.users[role]) if callable(path) else path
                response = client.call(method, url, _body(body))
                expected = (ok if role in allowed else 403) if is_own else 404
                if response.status_code != expected:
                    failures.append(f"{'own' if is_own else 'other'} {role} {method} {path}: {response.status_code} ≠ {expected}")
    assert failures == []


def test_no_token_or_a_wrong_token_is_401(own):
    for client in (ApiClient(), ApiClient(token="jx_wrong")):
        response = client.call("get", "/api/documents")
        assert response.status_code == 401
        assert "API 令牌" in response.json()["detail"]  # said in Chinese, not ninja's "Unauthorized"


def test_a_request_that_does_not_fit_the_schema_is_told_in_chinese(own):
    section = own.document.sections.first()
    client = ApiClient(own.users[Role.FILER])
    response = client.call("put", f"/api/sections/{section.pk}", {"version": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "请求的数据不符合接口说明（见 /api/docs）。"
    assert body["details"] == ["body.body.version：应为整数", "body.body.rows：缺少这一项"]


def test_the_documents_own_content_is_edited_through_the_api_with_a_version_check(own):
    """Seed 001's texts (年度整体绩效目标 with left-over <p> tags) are the document's, not a section's."""
    client = ApiClient(own.users[Role.FILER])
    detail = client.call("get", f"/api/documents/{own.document.pk}").json()
    index = next(i for i, (label, _) in enumerate(detail["texts"]) if label == "年度整体绩效目标")
    cleaned = detail["texts"][index][1].replace("<p>", "").replace("</p>", "\n").strip()
    saved = client.call("put", f"/api/documents/{own.document.pk}", {"version": detail["version"], "texts": {str(index): cleaned}})
    assert saved.status_code == 200 and saved.json()["version"] == detail["version"] + 1
    again = client.call("get", f"/api/documents/{own.document.pk}").json()
    assert again["texts"][index][1] == cleaned and "<p>" not in again["texts"][index][1]
    stale = client.call("put", f"/api/documents/{own.document.pk}", {"version": detail["version"], "values": {"title": "x"}})
    assert stale.status_code == 409
    assert ApiClient(own.users[Role.AUDITOR]).call("put", f"/api/documents/{own.document.pk}", {"version": 99}).status_code == 403


def test_api_docs_work_offline(db):
    """Swagger UI comes from django-ninja's own static files, not a CDN (closed networks, our CSP)."""
    page = Client().get("/api/docs").content.decode()
    assert "cdn." not in page and "/static/ninja/swagger-ui-bundle.js" in page


def test_openapi_schema_is_served(db):
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "jixiao 绩效管理 API"
    assert "/api/sections/{pk}" in schema["paths"]


def test_list_is_scoped_and_filtered(own, other):
    client = ApiClient(own.users[Role.AUDITOR])
    ids = [d["id"] for d in client.call("get", "/api/documents").json()]
    assert ids == [own.document.pk]
    assert client.call("get", "/api/documents", {"errors": "false"}).json() == []
    assert [d["id"] for d in client.call("get", "/api/documents", {"q": "社会事务"}).json()] == [own.document.pk]
    assert client.call("get", "/api/documents", {"year": 1999}).json() == []


def test_submit_refusal_lists_the_findings(own):
    response = ApiClient(own.users[Role.FILER]).call("post", f"/api/documents/{own.document.pk}/transitions/submit", {})
    assert response.status_code == 400
    body = response.json()
    assert "4 个错误级问题" in body["detail"] and len(body["details"]) == 4


def test_section_save_and_stale_version(own):
    client = ApiClient(own.users[Role.FILER])
    detail = client.call("get", f"/api/documents/{own.document.pk}").json()
    section = detail["sections"][2]  # 社会事务: row 5 has an empty target
    rows = [{k: str(i[k]) for k in ("position", "level1", "level2", "level3", "description", "target_raw", "basis")} for i in section["indicators"]]
    rows[4]["target_raw"] = "100%"
    saved = client.call("put", f"/api/sections/{section['id']}", {"version": section["version"], "rows": rows})
    assert saved.status_code == 200
    assert saved.json()["indicators"][4]["parsed"]["kind"] == "quantity"
    stale = client.call("put", f"/api/sections/{section['id']}", {"version": section["version"], "rows": rows})
    assert stale.status_code == 409 and "其他人已保存" in stale.json()["detail"]


def test_import_through_the_api(own):
    seed = seed_path("003")
    client = ApiClient(own.users[Role.FILER])
    response = client.call("post", f"/api/units/{own.unit.pk}/import", {"file": SimpleUploadedFile(seed.name, seed.read_bytes())})
    assert response.status_code == 200
    assert [d["state"] for d in response.json()] == ["draft"]


def test_parse_is_the_core_parser(db, own):
    body = ApiClient(own.users[Role.AUDITOR]).call("post", "/api/parse", {"text": "450-520元/月.人"}).json()
    assert body["kind"] == "range" and body["low"] == "450" and body["high"] == "520"


def test_tokens_page_issues_a_working_token_once_and_revokes(own):
    from tests_web_helpers import login

    client = login(own.users[Role.AUDITOR])
    page = client.post("/account/tokens/", {"name": "脚本"}).content.decode()
    token = page.split('<code class="token">')[1].split("</code>")[0]
    assert ApiClient(token=token).call("get", "/api/documents").status_code == 200
    assert token not in client.get("/account/tokens/").content.decode()  # shown once
    row = own.users[Role.AUDITOR].api_tokens.get()
    other_user = login(own.users[Role.FILER])
    other_user.post("/account/tokens/", {"revoke": row.pk})  # not theirs: nothing happens
    assert ApiClient(token=token).call("get", "/api/documents").status_code == 200
    client.post("/account/tokens/", {"revoke": row.pk})
    assert ApiClient(token=token).call("get", "/api/documents").status_code == 401


def test_actuals_monitor_and_score_through_the_api(own):
    TargetDocument.objects.filter(pk=own.document.pk).update(state=DocState.PUBLISHED)
    d = f"/api/documents/{own.document.pk}"
    performance, filer = ApiClient(own.users[Role.PERFORMANCE]), ApiClient(own.users[Role.FILER])
    opened = performance.call("post", f"{d}/rounds", {"kind": "monitor", "checkpoint": "6月底"})
    assert opened.status_code == 200 and opened.json()["state_label"] == "填报中"
    section = next(s for s in own.document.sections.all() if s.indicators.exists())
    row = {"reached": "1", "likelihood": "完全不可能", "reason": "其他", "action": "调整", "weight": "12.50", "evidence": "台账"}
    body = {"version": 1, "spent": "1", "rows": {"1": row}}
    saved = filer.call("put", f"/api/sections/{section.pk}/actuals", body)
    assert saved.status_code == 200 and saved.json()["spent"] == {"6月底": "1"}
    assert {k: saved.json()["indicators"]["1"][k] for k in ("weight", "evidence")} == {"weight": "12.50", "evidence": "台账"}
    assert filer.call("put", f"/api/sections/{section.pk}/actuals", body).status_code == 409  # version 1 is stale
    bad = filer.call("put", f"/api/sections/{section.pk}/actuals", body | {"version": 2, "rows": {"1": {"reason": "天气"}}})
    assert bad.status_code == 400 and "不在可选项中" in bad.json()["detail"]
    report = filer.call("get", f"{d}/monitor", {"at": "6月底"}).json()
    item = next(s for s in report["sections"] if (s["key"], s["name"]) == (section.key, section.name))
    assert item["indicators"][0]["signal"] == "red"  # 完全不可能 is red, whatever the progress
    assert "sections" in filer.call("get", f"{d}/score").json()


def test_a_comment_on_one_cell_through_the_api(own):
    path = f"/api/documents/{own.document.pk}/comments"
    section = own.document.sections.first()
    reviewer = ApiClient(own.users[Role.PERFORMANCE])
    made = reviewer.call("post", path, {"text": "请写明计量单位", "section_id": section.pk, "row_no": 2, "field": "target"})
    assert made.status_code == 200 and made.json()["field"] == "target" and made.json()["row_no"] == 2
    wrong = reviewer.call("post", path, {"text": "?", "section_id": section.pk, "row_no": 2, "field": "goal"})
    assert wrong.status_code == 400 and "不在这里" in wrong.json()["detail"]
    assert ApiClient(own.users[Role.AUDITOR]).call("post", path, {"text": "审计", "field": "goal"}).status_code in (403, 404)
    assert list(own.document.comments.values_list("field", flat=True)) == ["target"]


def test_the_list_shows_the_current_round(own, django_assert_num_queries):
    client = ApiClient(own.users[Role.AUDITOR])
    assert client.call("get", "/api/documents").json()[0]["current_round"] is None
    YearRound.objects.create(document=own.document, kind=RoundKind.MONITOR, checkpoint="6月底", state=RoundState.ACCEPTED)
    YearRound.objects.create(document=own.document, kind=RoundKind.EVALUATION, checkpoint="12月底")
    seed = seed_path("003")
    imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)
    # token, its last use, the user's memberships (scope), documents with units, and all their rounds in one
    with django_assert_num_queries(5):
        listed = {d["id"]: d for d in client.call("get", "/api/documents").json()}
    assert len(listed) == 2
    current = listed[own.document.pk]["current_round"]
    assert (current["kind"], current["checkpoint"], current["state_label"]) == ("evaluation", "12月底", "填报中")


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_bulk_export_through_the_api(own, other):
    from django.core.management import call_command

    client = ApiClient(own.users[Role.FILER])
    refused = client.call("post", "/api/exports", {"fmt": "json", "year": 1999})
    assert refused.status_code == 400 and "没有符合条件的文档" in refused.json()["detail"]
    started = client.call("post", "/api/exports", {"fmt": "json", "errors": True, "unit": own.unit.pk}).json()
    assert (started["state"], started["total"], started["filters"]) == ("queued", 1, {"unit": str(own.unit.pk), "errors": "1"})
    job = f"/api/exports/{started['id']}"
    assert client.call("get", f"{job}/download").status_code == 404  # not finished
    assert ApiClient(other.users[Role.FILER]).call("get", job).status_code == 404
    assert ApiClient(own.users[Role.ADMIN]).call("get", job).status_code == 404  # same unit, not their job

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert client.call("get", job).json()["state"] == "done"
    response = client.call("get", f"{job}/download")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2  # the document and the 清单
