"""Every per-indicator field of the core's actuals workbook is stored, scores as `jixiao score` does,
and a workbook made for the whole seed file serves each stored part."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import SEED_002, make_tenant
from jixiao.cli import main
from jixiao.cli.common import sample_paths
from jixiao.write.json_out import jsonable
from jixiao_web.models import DocState, IndicatorActual, Role, RoundKind, SectionActual, TargetDocument
from jixiao_web.services import actuals, rounds
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.export import CoreData
from tests_web_helpers import login, page_queries

EXAMPLES = Path(__file__).parents[2] / "examples" / "actuals"
SEED_004 = next(p for p in sample_paths() if p.name.startswith("004"))


def _published(prefix: str, seed, part: int):
    tenant = make_tenant(prefix, seed)
    TargetDocument.objects.filter(unit=tenant.unit).update(state=DocState.PUBLISHED)
    tenant.document = TargetDocument.objects.get(unit=tenant.unit, part=part)
    return tenant


def _evaluation(tenant):
    return rounds.open_round(tenant.users[Role.PERFORMANCE], tenant.document, RoundKind.EVALUATION)


def _edited(data: bytes, sheet: str, changes: dict[tuple[int, str], object]) -> bytes:
    """The workbook with cells set by (row, header)."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    head = {c.value: c.column for c in ws[1]}
    for (row, header), value in changes.items():
        ws.cell(row, head[header]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _weighted_example() -> bytes:
    """Seed 002's example with the unit's own 分值 on 汽车保险费's indicators (rows 2–7 of 指标完成)."""
    return _edited((EXAMPLES / "002_actuals.xlsx").read_bytes(), "指标完成", {(row, "分值（可不填）"): row * 5 for row in range(2, 8)})


def test_weights_and_evidence_are_stored_and_score_as_the_cli_does(db, tmp_path, capsys):
    tenant = _published("权", SEED_002, 2)
    _evaluation(tenant)
    data = _weighted_example()
    workbook = tmp_path / "002_actuals.xlsx"
    workbook.write_bytes(data)
    assert main(["score", str(SEED_002), "--actuals", str(workbook), "--format", "json"]) == 0
    cli = [s for s in json.loads(capsys.readouterr().out)["sections"] if s["part"] == tenant.document.part]

    actuals.import_workbook(tenant.users[Role.FILER], tenant.document, data, workbook.name, accept_warnings=True)
    first = IndicatorActual.objects.get(indicator__section__document=tenant.document, indicator__section__key="P01", indicator__position=1)
    assert (first.weight, first.evidence) == ("10", "发放花名册及银行回单")
    web = jsonable(CoreData([tenant.document]).score())["sections"]
    assert web == cli
    insurance = web[0]
    assert insurance["name"] == "汽车保险费" and any("按各指标分值比例分配" in n for n in insurance["notes"])

    page = login(tenant.users[Role.AUDITOR]).get(reverse("score", kwargs={"pk": tenant.document.pk})).content.decode()
    assert "填报分值" in page and "佐证材料" in page and "发放花名册及银行回单" in page


def test_score_and_entry_page_query_counts_do_not_grow_with_the_actuals_stored(db):
    """Pinned: the score page and a section's entry page cost the same before and after the
    example workbook stores 335 indicators' actuals with weights and evidence."""
    tenant = _published("数", SEED_002, 2)
    _evaluation(tenant)
    client = login(tenant.users[Role.FILER])
    pages = [reverse("score", kwargs={"pk": tenant.document.pk}),
             reverse("actuals_edit", kwargs={"pk": tenant.document.sections.get(key="P01").pk})]  # fmt: skip

    def counts() -> list[int]:
        out = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(page_queries(queries)))
        return out

    empty = counts()
    actuals.import_workbook(tenant.users[Role.FILER], tenant.document, _weighted_example(), "002_actuals.xlsx", True)
    assert counts() == empty, empty
    assert max(empty) <= 8 + (connection.vendor == "postgresql"), empty  # there the rows' versions too (services.kept)


def _rows(section) -> dict:
    """What is stored for ``section``, without ids and versions."""
    spent = SectionActual.objects.filter(section=section).values("spent", "adjusted_budget").first()
    fields = ("indicator__position", "reached", "actual", "expected", "likelihood", "reason", "action", "evidence", "weight")
    done = IndicatorActual.objects.filter(indicator__section=section).values(*fields).order_by("indicator__position")
    return {"section": spent, "indicators": [d for d in done if any(v for k, v in d.items() if k != "indicator__position")]}


def test_browser_entry_and_workbook_upload_store_the_same_rows(db):
    tenant = _published("同", SEED_002, 2)
    _evaluation(tenant)
    section = tenant.document.sections.get(key="P01")
    typed = {1: ("1辆", "1辆", "确定能", "", "", "5", "保单"), 3: ("90%", "95%", "有可能", "其他", "按月调度", "2.5", "续保记录")}
    template = actuals.template(tenant.document)
    indicator_cells = {}
    for position, (actual, expected, likelihood, reason, action, weight, evidence) in typed.items():
        row = 1 + position  # P01's indicators come first, one row each
        indicator_cells |= {(row, "全年实际值"): actual, (row, "预计年底完成值"): expected, (row, "能否完成年度目标"): likelihood,
                            (row, "偏差原因"): reason or None, (row, "纠偏及改进措施"): action or None,
                            (row, "分值（可不填）"): float(weight), (row, "佐证材料"): evidence}  # fmt: skip
    filled = _edited(template, "指标完成", indicator_cells)
    filled = _edited(filled, "预算执行", {(2, "调整后预算数"): 0.5, (2, "截至12月底累计支出"): 0.38})
    actuals.import_workbook(tenant.users[Role.FILER], tenant.document, filled, "a.xlsx", accept_warnings=True)
    uploaded = _rows(section)

    SectionActual.objects.filter(section__document=tenant.document).delete()
    IndicatorActual.objects.filter(indicator__section__document=tenant.document).delete()
    form = {"version": 1, "spent": "0.38", "adjusted_budget": "0.5"}
    names = ("reached", "expected", "likelihood", "reason", "action", "weight", "evidence")
    for position, values in typed.items():
        form |= {f"row-{position}-{n}": v for n, v in zip(names, values, strict=True)}
    response = login(tenant.users[Role.FILER]).post(reverse("actuals_edit", kwargs={"pk": section.pk}), form)
    assert response.status_code == 302
    assert _rows(section) == uploaded
    assert uploaded["section"] == {"spent": {"12月底": "0.38"}, "adjusted_budget": "0.5"}
    assert [d["weight"] for d in uploaded["indicators"]] == ["5", "2.5"]


def test_a_negative_weight_is_refused_on_the_page_as_in_the_workbook(db):
    tenant = _published("负", SEED_002, 2)
    _evaluation(tenant)
    section = tenant.document.sections.get(key="P01")
    page = login(tenant.users[Role.FILER]).post(reverse("actuals_edit", kwargs={"pk": section.pk}),
                                                {"version": 1, "row-1-weight": "-3"}).content.decode()  # fmt: skip
    assert "为负数" in page and not IndicatorActual.objects.filter(indicator__section=section).exists()


@pytest.fixture
def multipart(db):
    """Seed 004 (three parts, each stored as a document), its second part published and in self-evaluation."""
    tenant = _published("多", SEED_004, 2)
    _evaluation(tenant)
    return tenant


def test_the_whole_file_workbook_applies_this_documents_rows_and_names_the_others(multipart):
    data = (EXAMPLES / "004_actuals.xlsx").read_bytes()
    client = login(multipart.users[Role.FILER])
    response = client.post(reverse("actuals_upload", kwargs={"pk": multipart.document.pk}),
                           {"file": _upload(data, "004_actuals.xlsx"), "accept_warnings": "1"}, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "填报表已导入" in page and "第1部分：第2–9行" in page and "第3部分：第55–56行" in page
    stored = IndicatorActual.objects.filter(indicator__section__document__unit=multipart.unit)
    assert stored.count() == 53 and set(stored.values_list("indicator__section__document__part", flat=True)) == {2}
    assert not SectionActual.objects.exclude(section__document=multipart.document).exists()


def test_an_error_in_this_documents_rows_refuses_the_whole_file_workbook(multipart):
    data = _edited((EXAMPLES / "004_actuals.xlsx").read_bytes(), "预算执行", {(10, "调整后预算数"): "很多"})  # part 2's first row
    with pytest.raises(ServiceError, match="未导入任何数据") as refused:
        actuals.import_workbook(multipart.users[Role.FILER], multipart.document, data, "004_actuals.xlsx", True)
    assert any("（调整后预算数）" in d and "不是金额数字" in d for d in refused.value.details)
    assert not IndicatorActual.objects.filter(indicator__section__document=multipart.document).exists()


def _upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
