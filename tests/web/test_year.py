"""Monitoring and self-evaluation rounds after 已公开: transitions, entering actuals on the page or
by the core's workbook, and the core's monitoring and scoring shown and exported."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from conftest import SEED_002, make_tenant
from jixiao_web.models import TargetDocument, AuditEntry, DocState, IndicatorActual, Role, RoundKind, RoundState, SectionActual, TargetSection
from jixiao_web.services import actuals, rounds, tokens
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.export import CoreData, export
from jixiao_web.views.dashboard import execution_chart
from tests_web_helpers import login

EXAMPLE_002 = Path(__file__).parents[2] / "examples" / "actuals" / "002_actuals.xlsx"


@pytest.fixture
def published(db):
    """Seed 002's second part (its projects, 汽车保险费 first), published."""
    tenant = make_tenant("丙", SEED_002)
    TargetDocument.objects.filter(unit=tenant.unit).update(state=DocState.PUBLISHED)
    tenant.document = TargetDocument.objects.get(unit=tenant.unit, part=2)
    return tenant


def _insurance(tenant):
    """汽车保险费 (P01): budget 0.40, the section the core's own tests compute by hand."""
    return tenant.document.sections.get(key="P01")


def _open(tenant, kind=RoundKind.MONITOR, checkpoint="6月底"):
    return rounds.open_round(tenant.users[Role.PERFORMANCE], tenant.document, kind, checkpoint)


def _upload(tenant, data: bytes, accept: bool = False, name: str = "002_actuals.xlsx"):
    return actuals.import_workbook(tenant.users[Role.FILER], tenant.document, data, name, accept)


def _spend_nothing(tenant, round_):
    """Every section reports 0 spent at the round's checkpoint: enough to be submitted."""
    for section in tenant.document.sections.all():
        row, _ = SectionActual.objects.get_or_create(section=section)
        row.spent = row.spent | {round_.checkpoint: "0"}
        row.save()


def test_a_round_opens_only_after_publication_and_one_at_a_time(own, published):
    with pytest.raises(ServiceError, match="公开后"):
        _open(own)  # a draft
    with pytest.raises(PermissionDenied):
        rounds.open_round(published.users[Role.FILER], published.document, RoundKind.MONITOR, "6月底")
    with pytest.raises(ServiceError, match="不是该文档的监控时点"):
        _open(published, checkpoint="8月底")
    first = _open(published)
    with pytest.raises(ServiceError, match="尚未确认"):
        _open(published, RoundKind.EVALUATION)
    assert (first.state, first.checkpoint) == (RoundState.OPEN, "6月底")
    assert AuditEntry.objects.filter(document=published.document, action="open_round").count() == 1


def _round_tasks(user) -> list[str]:
    return [str(r) for r in login(user).get(reverse("dashboard")).context["round_tasks"]]


def test_round_transitions_check_roles_states_and_write_the_audit(published):
    round_ = _open(published)
    filer, performance = published.users[Role.FILER], published.users[Role.PERFORMANCE]
    assert (_round_tasks(filer), _round_tasks(performance)) == (["运行监控（6月底）"], [])
    with pytest.raises(PermissionDenied):
        rounds.move(filer, round_, "accept")
    with pytest.raises(ServiceError, match="不能确认"):
        rounds.move(performance, round_, "accept")  # not yet submitted
    _spend_nothing(published, round_)
    rounds.move(filer, round_, "submit")
    assert (_round_tasks(filer), _round_tasks(performance)) == ([], ["运行监控（6月底）"])
    with pytest.raises(ServiceError, match="退回意见"):
        rounds.move(performance, round_, "return", "  ")
    assert rounds.move(performance, round_, "return", "支出未填").state == RoundState.RETURNED
    rounds.move(filer, round_, "submit")
    assert rounds.move(performance, round_, "accept").state == RoundState.ACCEPTED
    log = list(AuditEntry.objects.filter(document=published.document).values_list("action", flat=True))
    assert log[:5] == ["round_accept", "round_submit", "round_return", "round_submit", "open_round"]
    evaluation = _open(published, RoundKind.EVALUATION, "")  # the previous round is done
    assert evaluation.checkpoint == "12月底"


def _entry_post(section, version, spent, **row1):
    data = {"version": version, "spent": spent}
    data.update({f"row-1-{k}": v for k, v in row1.items()})
    return data


def test_entering_actuals_on_the_page_reaches_the_core_monitor(published):
    _open(published)
    section = _insurance(published)
    client = login(published.users[Role.FILER])
    url = reverse("actuals_edit", kwargs={"pk": section.pk})
    assert "截至6月底累计支出" in client.get(url).content.decode()
    response = client.post(url, _entry_post(section, 1, "0.1", reached="50%", expected="100%", likelihood="有可能",
                                             reason="经费保障", action="追加预算"))  # fmt: skip
    assert response.status_code == 302
    stored = SectionActual.objects.get(section=section)
    assert (stored.spent, stored.version) == ({"6月底": "0.1"}, 2)
    done = IndicatorActual.objects.get(indicator__section=section, indicator__position=1)
    assert (done.reached, done.likelihood, done.reason, done.action) == ({"6月底": "50%"}, "有可能", "经费保障", "追加预算")
    report = CoreData([published.document]).monitor("6月底")
    first = next(s for s in report.sections if s.name == "汽车保险费")
    assert first.actual == 25  # 0.1 of the 0.40 budget by 6月底
    assert first.indicators[0].likelihood == "有可能" and first.indicators[0].signal.value in ("yellow", "red")
    assert AuditEntry.objects.filter(document=published.document, action="actuals").exists()


def test_a_stale_or_wrong_entry_changes_nothing_and_keeps_what_was_typed(published):
    _open(published)
    section = _insurance(published)
    client = login(published.users[Role.FILER])
    url = reverse("actuals_edit", kwargs={"pk": section.pk})
    client.post(url, _entry_post(section, 1, "0.1"))
    page = client.post(url, _entry_post(section, 1, "0.3", reached="我的输入")).content.decode()  # version 1 is stale
    assert "其他人已保存" in page and 'value="我的输入"' in page and 'value="0.3"' in page
    page = client.post(url, _entry_post(section, 2, "三万", reached="x")).content.decode()
    assert "不是数字" in page
    page = client.post(url, _entry_post(section, 2, "0.2", likelihood="也许")).content.decode()
    assert "不在可选项中" in page
    assert SectionActual.objects.get(section=section).spent == {"6月底": "0.1"}
    assert not IndicatorActual.objects.filter(indicator__section=section, reached__has_key="6月底").exists()


def test_no_entry_without_an_open_round(published):
    section = _insurance(published)
    with pytest.raises(ServiceError, match="没有填报中"):
        actuals.save_section(published.users[Role.FILER], section, actuals.SectionEntry(version=1, spent="1"))
    round_ = _open(published)
    _spend_nothing(published, round_)
    rounds.move(published.users[Role.FILER], round_, "submit")
    with pytest.raises(ServiceError, match="没有填报中"):
        _upload(published, EXAMPLE_002.read_bytes())


def test_the_example_workbook_imports_and_scores_as_computed_by_hand(published):
    _open(published, RoundKind.EVALUATION)
    client = login(published.users[Role.FILER])
    template = client.get(reverse("actuals_template", kwargs={"pk": published.document.pk}))
    assert set(load_workbook(io.BytesIO(template.content)).sheetnames) >= {"预算执行", "指标完成"}
    response = client.post(
        reverse("actuals_upload", kwargs={"pk": published.document.pk}),
        {"file": _named(EXAMPLE_002.read_bytes(), "002_actuals.xlsx"), "accept_warnings": "1"},
    )
    assert response.status_code == 302
    # seed 002 汽车保险费 spends 0.38 of 0.40: the budget line is worth 14.29 and loses 5 % of it
    # (tests/score/test_year_cli.py computes it by hand)
    page = client.get(reverse("score", kwargs={"pk": published.document.pk})).content.decode()
    assert "扣0.71分：执行率 95.00%，按执行率计分。" in page and "汽车保险费" in page
    first = CoreData([published.document]).score().sections[0]
    assert (first.name, str(first.spent)) == ("汽车保险费", "0.38")


def _named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _template_with(published, **cells) -> bytes:
    wb = load_workbook(io.BytesIO(actuals.template(published.document)))
    for ref, value in cells.items():
        sheet, cell = ref.split("_")
        wb[{"s": "预算执行", "i": "指标完成"}[sheet]][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_wrong_workbook_shows_the_cell_and_imports_nothing(published):
    _open(published)
    client = login(published.users[Role.FILER])
    bad = _template_with(published, s_J2="一半")
    response = client.post(reverse("actuals_upload", kwargs={"pk": published.document.pk}), {"file": _named(bad, "a.xlsx")}, follow=True)
    page = response.content.decode()
    assert "未导入任何数据" in page and "J2（截至6月底累计支出）" in page
    assert not SectionActual.objects.filter(section__document=published.document).exists()
    with pytest.raises(ServiceError, match="未导入") as refused:
        _upload(published, b"not a workbook", name="a.xlsx")
    assert "不是 Excel 工作簿" in refused.value.details[0]


def test_a_half_filled_workbook_is_imported_only_when_its_warnings_are_accepted(published):
    _open(published)
    head = {c.value: c.column_letter for c in load_workbook(io.BytesIO(actuals.template(published.document)))["指标完成"][1]}
    half = _template_with(published, **{f"i_{head['能否完成年度目标']}2": "有可能"})  # no reason given
    with pytest.raises(ServiceError, match="提醒") as refused:
        _upload(published, half)
    assert any("没有选偏差原因" in d for d in refused.value.details)
    assert not IndicatorActual.objects.filter(indicator__section__document=published.document).exists()
    warnings = _upload(published, half, accept=True)
    assert [f.code for f in warnings] == ["JX313"]
    assert IndicatorActual.objects.get(indicator__section__document=published.document, likelihood="有可能")


def test_monitor_and_score_pages_and_exports_use_the_core(published):
    _open(published, RoundKind.EVALUATION)
    _upload(published, EXAMPLE_002.read_bytes(), accept=True)
    client = login(published.users[Role.AUDITOR])
    page = client.get(reverse("monitor", kwargs={"pk": published.document.pk}), {"at": "12月底"}).content.decode()
    assert "监控预警（12月底）" in page and "light-" in page and 'id="chart-data"' in page
    assert "汽车保险费" in page
    for fmt, sheet in (("monitor-xlsx", None), ("score-xlsx", "自评表")):
        name, _, content = export([published.document], fmt)
        wb = load_workbook(io.BytesIO(content))
        assert name.endswith(".xlsx") and (sheet is None or sheet in wb.sheetnames)
        assert any("汽车保险费" in str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)


def test_the_dashboard_sums_execution_against_plan_by_checkpoint(published):
    _open(published)
    client = login(published.users[Role.FILER])
    section = _insurance(published)
    client.post(reverse("actuals_edit", kwargs={"pk": section.pk}), _entry_post(section, 1, "0.1"))
    published.document.refresh_from_db()
    summary = published.document.execution
    at = summary["checkpoints"].index("6月底")
    assert summary["spent"][at] == "0.1" and summary["spent"][0] is None  # only P01, only 6月底
    # P01 plans 100 % of its 0.40 by 6月底, so the planned 6月底 total includes the whole 0.40
    assert Decimal(summary["planned"][at]) >= Decimal("0.40")
    chart = client.get(reverse("dashboard")).context["chart"]["execution"]
    assert chart["spent"][chart["checkpoints"].index("6月底")] == "0.1"


def test_execution_chart_adds_documents_with_different_checkpoints():
    first = {"checkpoints": ["6月底", "12月底"], "budget": "100", "planned": ["40", "100"], "spent": ["30", None]}
    second = {"checkpoints": ["3月底", "6月底", "12月底"], "budget": "10.5", "planned": ["1", "5", "10.5"], "spent": [None, "2.5", None]}
    chart = execution_chart([first, second, {}])
    assert chart == {
        "budget": "110.5",
        "checkpoints": ["3月底", "6月底", "12月底"],
        "planned": ["1", "45", "110.5"],
        "spent": [None, "32.5", None],
    }


def _stored(document) -> dict:
    """Everything stored as actuals for ``document``, without ids and versions."""
    spent = SectionActual.objects.filter(section__document=document).exclude(spent={}, adjusted_budget="")
    fields = ("indicator_id", "reached", "actual", "expected", "likelihood", "reason", "action", "evidence", "weight")
    done = IndicatorActual.objects.filter(indicator__section__document=document).values(*fields)
    return {
        "sections": sorted((s.section_id, s.adjusted_budget, sorted(s.spent.items())) for s in spent),
        "indicators": sorted(tuple(str(v) for v in d.values()) for d in done if any(d[f] for f in fields[1:])),
    }


def _enter_year_end(published):
    """汽车保险费 at year end, typed in the browser: 0.38 of an adjusted 0.50, two indicators."""
    section = _insurance(published)
    form = {"version": 1, "spent": "0.38", "adjusted_budget": "0.50",
            "row-1-reached": "1辆", "row-1-expected": "1辆", "row-1-likelihood": "确定能", "row-1-weight": "5", "row-1-evidence": "保单",
            "row-2-reached": "90%", "row-2-likelihood": "有可能", "row-2-reason": "其他", "row-2-action": "按月调度"}  # fmt: skip
    assert login(published.users[Role.FILER]).post(reverse("actuals_edit", kwargs={"pk": section.pk}), form).status_code == 302


def test_the_downloaded_workbook_holds_what_was_entered_and_uploading_it_unchanged_changes_nothing(published):
    _open(published, RoundKind.EVALUATION)
    _enter_year_end(published)
    before, score = _stored(published.document), CoreData([published.document]).score().sections[0].total
    client = login(published.users[Role.FILER])
    data = client.get(reverse("actuals_template", kwargs={"pk": published.document.pk})).content
    wb = load_workbook(io.BytesIO(data))
    head = {c.value: c.column for c in wb["指标完成"][1]}
    assert [wb["指标完成"].cell(2, head[h]).value for h in ("全年实际值", "能否完成年度目标", "分值（可不填）", "佐证材料")] == ["1辆", "确定能", 5, "保单"]
    page = client.post(reverse("actuals_upload", kwargs={"pk": published.document.pk}),
                       {"file": _named(data, "填报表.xlsx"), "accept_warnings": "1"}, follow=True).content.decode()  # fmt: skip
    assert "填报表已导入" in page and "没有改动" in page
    assert _stored(published.document) == before
    assert CoreData([published.document]).score().sections[0].total == score > 0
    assert "没有改动" in AuditEntry.objects.filter(document=published.document, action="actuals").first().summary


def test_blank_cells_of_an_upload_keep_the_stored_values_and_the_history_says_what_changed(published):
    from jixiao.write.actuals_template import actuals_template
    from jixiao_web.services.store import to_core

    _open(published, RoundKind.EVALUATION)
    _enter_year_end(published)
    section = _insurance(published)
    version = SectionActual.objects.get(section=section).version
    # a workbook downloaded before anything was entered, with one new value: 汽车保险费's 3rd indicator
    blank = actuals_template([to_core(published.document)], published.document.source_file)
    wb = load_workbook(io.BytesIO(blank))
    head = {c.value: c.column for c in wb["指标完成"][1]}
    wb["指标完成"].cell(4, head["全年实际值"]).value = "100%"
    out = io.BytesIO()
    wb.save(out)
    result = actuals.upload(published.users[Role.FILER], published.document, out.getvalue(), "旧表.xlsx", True)
    assert result.summary().startswith("改动 1 处（1 节、1 个指标）") and result.kept >= 8
    done = {d.indicator.position: d for d in IndicatorActual.objects.filter(indicator__section=section).select_related("indicator")}
    assert (done[1].actual, done[1].weight, done[1].evidence, done[2].reason, done[3].actual) == ("1辆", "5", "保单", "其他", "100%")
    assert SectionActual.objects.get(section=section).spent == {"12月底": "0.38"}
    assert SectionActual.objects.get(section=section).version == version + 1  # an entry form open on it is stale now
    entry = AuditEntry.objects.filter(document=published.document, action="actuals").first()
    assert "改动 1 处" in entry.summary and entry.before == {f"{section} 指标3 全年实际值": ""}
    assert entry.after[f"{section} 指标3 全年实际值"] == "100%"


def test_monitor_percentages_have_two_decimals(published):
    _open(published)
    section = _insurance(published)
    form = {"version": 1, "spent": "0.1", "adjusted_budget": "0.3", "row-1-reached": "1辆", "row-2-reached": "88.378%"}
    login(published.users[Role.FILER]).post(reverse("actuals_edit", kwargs={"pk": section.pk}), form)
    page = login(published.users[Role.AUDITOR]).get(reverse("monitor", kwargs={"pk": published.document.pk})).content.decode()
    assert "实际执行 33.33%" in page and "33.333" not in page
    shown = re.findall(r'<td class="progress">([^<]*)</td>', page)
    assert "100.00%" in shown and all(re.fullmatch(r"\d+\.\d\d%|—", p) for p in shown), shown


def test_the_monitor_page_opens_at_the_current_rounds_checkpoint_and_refuses_an_unknown_one(published):
    _open(published, RoundKind.EVALUATION)
    client = login(published.users[Role.AUDITOR])
    url = reverse("monitor", kwargs={"pk": published.document.pk})
    page = client.get(url).content.decode()
    assert "监控预警（12月底）" in page and "未填报3月底" not in page
    page = client.get(url, {"at": "13月底"}).content.decode()
    assert "“13月底”不是该文档的监控时点" in page and "监控预警（12月底）" in page


def test_the_year_page_shows_what_each_section_has_and_an_empty_section_cannot_be_submitted(published):
    round_ = _open(published)
    client = login(published.users[Role.FILER])
    year = reverse("year", kwargs={"pk": published.document.pk})
    section = _insurance(published)
    client.post(reverse("actuals_edit", kwargs={"pk": section.pk}), {"version": 1, "spent": "0.1"})
    rows = {f.section.key: f for f in actuals.fill_status(published.document, round_)}
    assert (rows["P01"].label, rows["P01"].detail) == ("部分填写", "支出已填 · 指标 0/9")
    empty = [f for f in rows.values() if f.empty]
    page = client.get(year).content.decode()
    assert 'id="fill-status"' in page and "部分填写" in page and page.count("未填写") >= len(empty) > 0
    page = client.post(reverse("round_step", kwargs={"pk": round_.pk, "step": "submit"}), follow=True).content.decode()
    assert f"还有 {len(empty)} 节没有填写任何运行监控（6月底）执行数据" in page and f"未填写：{empty[0].section}" in page
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN
    _spend_nothing(published, round_)
    assert rounds.move(published.users[Role.FILER], round_, "submit").state == RoundState.SUBMITTED


@pytest.mark.parametrize("state", [DocState.DRAFT, DocState.SUBMITTED, DocState.RETURNED, DocState.REVIEWED])
def test_monitor_and_score_wait_for_approval(published, state):
    TargetDocument.objects.filter(pk=published.document.pk).update(state=state)
    client = login(published.users[Role.AUDITOR])
    for name in ("monitor", "score"):
        response = client.get(reverse(name, kwargs={"pk": published.document.pk}), follow=True)
        assert response.redirect_chain[-1][0] == reverse("year", kwargs={"pk": published.document.pk})
        assert "批复后才能查看" in response.content.decode() and "light-" not in response.content.decode()
    TargetDocument.objects.filter(pk=published.document.pk).update(state=DocState.APPROVED)
    assert client.get(reverse("monitor", kwargs={"pk": published.document.pk})).status_code == 200


def test_a_wrong_upload_speaks_of_the_page_not_the_command_line(published):
    _open(published)
    client = login(published.users[Role.FILER])
    assert "jixiao template" not in client.get(reverse("year", kwargs={"pk": published.document.pk})).content.decode()
    page = client.post(reverse("actuals_upload", kwargs={"pk": published.document.pk}),
                       {"file": _named(b"not a workbook", "a.xlsx")}, follow=True).content.decode()  # fmt: skip
    assert "请在本页下载执行数据填报表" in page and "jixiao template" not in page
    assert page.count("JX310") == 1 and "错误 JX310：填报表无法打开" in page
    wrong = _template_with(published, s_B2="P99")  # a section the document does not have
    with pytest.raises(ServiceError) as refused:
        _upload(published, wrong, name="b.xlsx")
    assert refused.value.details == ["错误 JX311：第2部分的“P99”在目标表中找不到。（位置：工作表“预算执行” B2（章节键））"
                                     " 建议：请使用在本页为这份目标表下载的执行数据填报表，不要改动灰色栏目。"]  # fmt: skip


def test_the_monitor_export_is_of_the_checkpoint_the_page_shows(published):
    round_ = _open(published)  # 6月底
    section = _insurance(published)
    row, _ = SectionActual.objects.get_or_create(section=section)
    row.spent = {"6月底": "0.1", "12月底": "0.38"}
    row.save()
    client = login(published.users[Role.AUDITOR])
    page = client.get(reverse("monitor", kwargs={"pk": published.document.pk}), {"at": "12月底"}).content.decode()
    link = reverse("export", kwargs={"pk": published.document.pk, "fmt": "monitor-xlsx"}) + "?at=12%E6%9C%88%E5%BA%95"
    assert f'href="{link}"' in page

    def said(response) -> str:
        sheet = load_workbook(io.BytesIO(response.content))["预算执行"]
        return next(r[-1].value for r in sheet.iter_rows() if r[2].value == section.name)

    assert said(client.get(link)).startswith("截至12月底执行95.00%")  # 0.38 of 0.40
    default = reverse("export", kwargs={"pk": published.document.pk, "fmt": "monitor-xlsx"})
    assert said(client.get(default)).startswith(f"截至{round_.checkpoint}执行25.00%")  # as the page opens
    refused = client.get(default, {"at": "13月底"}, follow=True)
    assert "“13月底”不是该文档的监控时点" in refused.content.decode()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(published.users[Role.AUDITOR], 'test')}"}
    assert said(client.get(f"/api/documents/{published.document.pk}/export/monitor-xlsx?at=12月底", **headers)).startswith("截至12月底")
    assert client.get(f"/api/documents/{published.document.pk}/export/monitor-xlsx?at=13月底", **headers).status_code == 400


def test_round_steps_say_what_happened(published):
    round_ = _open(published)
    _spend_nothing(published, round_)
    step = lambda user, name: login(user).post(  # noqa: E731
        reverse("round_step", kwargs={"pk": round_.pk, "step": name}), {"comment": "请补充佐证"}, follow=True
    ).content.decode()
    page = step(published.users[Role.FILER], "submit")
    assert "已报送 运行监控（6月底）。" in page and "操作完成" not in page
    assert "已退回 运行监控（6月底）。" in step(published.users[Role.PERFORMANCE], "return")
    step(published.users[Role.FILER], "submit")
    assert "已确认 运行监控（6月底）。" in step(published.users[Role.PERFORMANCE], "accept")


@pytest.mark.parametrize("state", [DocState.DRAFT, DocState.SUBMITTED])
def test_a_year_page_before_approval_has_no_links_that_bounce_back(published, state):
    TargetDocument.objects.filter(pk=published.document.pk).update(state=state)
    client = login(published.users[Role.AUDITOR])
    page = client.get(reverse("year", kwargs={"pk": published.document.pk})).content.decode()
    assert reverse("monitor", kwargs={"pk": published.document.pk}) not in page
    assert reverse("score", kwargs={"pk": published.document.pk}) not in page
    assert "文档批复后才能查看监控预警和自评表" in page
    TargetDocument.objects.filter(pk=published.document.pk).update(state=DocState.APPROVED)
    page = client.get(reverse("year", kwargs={"pk": published.document.pk})).content.decode()
    assert reverse("monitor", kwargs={"pk": published.document.pk}) in page and reverse("score", kwargs={"pk": published.document.pk}) in page


def test_the_score_page_names_the_profile_in_chinese(published):
    page = login(published.users[Role.AUDITOR]).get(reverse("score", kwargs={"pk": published.document.pk})).content.decode()
    assert "评分方案：默认评分方案（" in page and "评分方案：default" not in page


def test_an_actual_longer_than_its_column_is_refused_in_chinese_and_nothing_is_saved(published):
    """Regression: PostgreSQL answered 500 to a 预计年底完成值 over 500 characters (SQLite kept it)."""
    section = _insurance(published)
    _open(published)
    entry = actuals.SectionEntry(version=1, spent="0.1", rows={1: {"expected": "预计" * 251}})
    with pytest.raises(ServiceError, match="有 1 处内容过长，未保存：指标1 预计年底完成值最长 500 个字，现在有 502 个字。"):
        actuals.save_section(published.users[Role.FILER], section, entry)
    assert not SectionActual.objects.filter(section=section).exclude(spent={}).exists()



@pytest.mark.skipif(connection.vendor != "postgresql", reason="the reports are kept on PostgreSQL only (by the rows' versions)")
def test_kept_monitor_and_score_reports_follow_every_write(published, monkeypatch):
    from jixiao_web.views import year

    _open(published)
    section, pk = _insurance(published), published.document.pk
    real = {"monitor": year._monitor_report, "score": year._score_report}
    made = []
    monkeypatch.setattr(year, "_monitor_report", lambda *a: made.append("monitor") or real["monitor"](*a))
    monkeypatch.setattr(year, "_score_report", lambda *a: made.append("score") or real["score"](*a))
    client = login(published.users[Role.AUDITOR])

    def shown(page: str, computed: int, at: str = "") -> str:
        """The page, whose report must be what a fresh computation gives: never a stale one."""
        html = client.get(reverse(page, kwargs={"pk": pk}), {"at": at} if at else {}).content.decode()
        assert made.count(page) == computed
        document = TargetDocument.objects.get(pk=pk)
        fresh = real["score"](document) if page == "score" else real["monitor"](document, at, rounds.shown_checkpoint(document))[1]
        assert fresh in html
        return html

    def both(computed: int) -> None:
        shown("monitor", computed)
        shown("score", computed)

    both(1)
    both(1)  # kept while nothing was written
    # actuals entered through the service, then changed, added and deleted behind its back
    actuals.save_section(published.users[Role.FILER], section, actuals.SectionEntry(1, spent="0.1", rows={1: {"reached": "1辆"}}))
    assert "实际执行 25.00%" in shown("monitor", 2)
    shown("score", 2)
    SectionActual.objects.filter(section=section).update(spent={"6月底": "0.2"})
    assert "实际执行 50.00%" in shown("monitor", 3)
    shown("score", 3)
    IndicatorActual.objects.filter(indicator__section=section).update(reached={"6月底": "2辆"})
    both(4)
    IndicatorActual.objects.create(indicator=section.indicators.get(position=2), reached={"6月底": "50%"})
    both(5)
    IndicatorActual.objects.filter(indicator__section=section).delete()
    both(6)
    # the targets themselves: an indicator, a section, the document's own row
    section.indicators.filter(position=1).update(target_raw="2辆")
    both(7)
    TargetSection.objects.filter(pk=section.pk).update(name="汽车保险费（改）")
    assert "汽车保险费（改）" in shown("monitor", 8)
    shown("score", 8)
    TargetDocument.objects.filter(pk=pk).update(money_unit="元")
    assert "金额单位：元" in shown("monitor", 9)
    shown("score", 9)
    # another checkpoint is another report; an unknown one is said again when the report is kept
    shown("monitor", 10, at="12月底")
    shown("monitor", 10, at="12月底")
    for computed in (11, 11):
        assert "“13月底”不是该文档的监控时点" in shown("monitor", computed, at="13月底")
    # kept for one document, refused for a user who may not see it
    assert login(make_tenant("丁").users[Role.AUDITOR]).get(reverse("monitor", kwargs={"pk": pk})).status_code in (403, 404)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the reports are kept on PostgreSQL only (by the rows' versions)")
def test_kept_reports_are_shared_through_the_database_and_keyed_by_release_and_database(published, monkeypatch):
    from jixiao_web.services import kept
    from jixiao_web.views import year

    _open(published)
    real, made = year._monitor_report, []
    monkeypatch.setattr(year, "_monitor_report", lambda *a: made.append(1) or real(*a))
    client, url = login(published.users[Role.AUDITOR]), reverse("monitor", kwargs={"pk": published.document.pk})
    client.get(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM jixiao_kept")
        assert cursor.fetchone()[0] == 1
    # another server process: nothing of this one's memory, the same database
    kept._code.cache_clear()
    connection.jixiao_identity = None
    assert client.get(url).status_code == 200 and len(made) == 1
    # another release of the code, or the same rows in another database: made anew
    monkeypatch.setattr(kept, "_code", lambda: "another release")
    assert client.get(url).status_code == 200 and len(made) == 2
    connection.jixiao_identity = "16384@another cluster"
    assert client.get(url).status_code == 200 and len(made) == 3
