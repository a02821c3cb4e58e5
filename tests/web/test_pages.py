"""The pages do what they say: findings on their cells, the editor's live check and version
conflict, import preview then import, history with a diff, exports through the core writers."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse, set_script_prefix
from django.utils.html import escape as django_escape
from hypothesis import given, strategies as st

from jixiao.cli.common import sample_paths
from jixiao_web.models import Organisation, Role, TargetDocument
from jixiao_web.templatetags.jixiao import escape
from jixiao_web.views.common import CountingPaginator, link
from tests_web_helpers import login, page_queries


def _empty_target_row(document):
    finding = document.findings.filter(code="JX111").select_related("section").first()
    return finding.section, finding.row_no


def test_document_page_puts_findings_on_their_rows(own):
    page = login(own.users[Role.PERFORMANCE]).get(reverse("document", kwargs={"pk": own.document.pk})).content.decode()
    # the finding sits in the notes row right under its indicator row
    row = page.index('<tr class="has-finding"><td>5</td>')
    assert page.index("[JX111 错误]</b> 指标值为空。", row) < page.index("</tr>", page.index('class="notes"', row))
    assert "写意见" in page and "退回" not in page.split("修改历史")[0]  # draft: nothing to return yet
    assert "定量 ≥ 95 %" in page or "定量 = 100 %" in page  # the core's description of parsed targets


def test_check_row_returns_the_core_parse_and_the_rows_findings(own):
    section, row_no = _empty_target_row(own.document)
    client = login(own.users[Role.FILER])
    url = reverse("check_row", kwargs={"pk": section.pk})
    empty = client.post(url, {"position": row_no, "level3": "某指标", "target_raw": ""}).json()
    assert any(f["code"] == "JX111" for f in empty["findings"])
    filled = client.post(url, {"position": row_no, "level3": "某指标", "target_raw": "≥95%"}).json()
    assert filled["parsed"]["kind"] == "quantity" and filled["describe"] == "定量 ≥ 95 %"
    assert not any(f["code"] == "JX111" for f in filled["findings"])


def _form(client, section):
    page = client.get(reverse("section_edit", kwargs={"pk": section.pk}))
    assert page.status_code == 200
    data = {"version": section.version, "row_count": len(page.context["rows"])}
    data.update({n: v for n, v in page.context["values"].items()})
    for i, (row, *_) in enumerate(page.context["rows"]):
        data.update({f"row-{i}-{n}": v for n, v in row.items()})
    return data


def test_editor_saves_and_a_stale_second_save_keeps_the_input(own):
    section, row_no = _empty_target_row(own.document)
    alice, bob = login(own.users[Role.FILER]), login(own.users[Role.ADMIN])
    form_a, form_b = _form(alice, section), _form(bob, section)
    form_a[f"row-{row_no - 1}-target_raw"] = "100%"
    assert alice.post(reverse("section_edit", kwargs={"pk": section.pk}), form_a).status_code == 302
    form_b[f"row-{row_no - 1}-target_raw"] = "≥98.5%"
    response = bob.post(reverse("section_edit", kwargs={"pk": section.pk}), form_b)
    page = response.content.decode()
    assert response.status_code == 200
    assert "其他人已保存了这一节" in page
    assert ">≥98.5%</textarea>" in page  # bob's input kept
    assert "当前已保存的指标" in page and ">100%<" in page  # and alice's saved value shown beside it
    assert section.indicators.get(position=row_no).target_raw == "100%"
    # a deliberate re-save (with the latest version now in the form) goes through
    form_b["version"] = response.context["version"]
    assert bob.post(reverse("section_edit", kwargs={"pk": section.pk}), form_b).status_code == 302
    assert section.indicators.get(position=row_no).target_raw == "≥98.5%"


def test_import_preview_then_import(own):
    seed = next(p for p in sample_paths() if p.name.startswith("003"))
    client = login(own.users[Role.FILER])
    before = TargetDocument.objects.count()
    upload = client.post(reverse("import"), {"file": SimpleUploadedFile(seed.name, seed.read_bytes())})
    preview = client.get(upload.url).content.decode()
    assert "读到 1 份目标表" in preview and "JX0" in preview
    assert TargetDocument.objects.count() == before  # a preview stores nothing
    done = client.post(upload.url, {"unit": own.unit.pk})
    assert TargetDocument.objects.count() == before + 1
    assert done.url == reverse("document", kwargs={"pk": TargetDocument.objects.latest("pk").pk})


def test_import_of_an_unreadable_file_says_why(own):
    client = login(own.users[Role.FILER])
    upload = client.post(reverse("import"), {"file": SimpleUploadedFile("x.txt", "这不是表格".encode())})
    page = client.get(upload.url, follow=True).content.decode()
    assert "无法读取“x.txt”" in page


def test_submit_refusal_lists_the_findings_on_the_page(own):
    client = login(own.users[Role.FILER])
    page = client.post(reverse("transition", kwargs={"pk": own.document.pk, "action": "submit"}), follow=True)
    text = page.content.decode()
    assert "还有 4 个错误级问题" in text and "JX140" in text


def test_history_shows_the_diff(own):
    section, row_no = _empty_target_row(own.document)
    client = login(own.users[Role.FILER])
    form = _form(client, section)
    form[f"row-{row_no - 1}-target_raw"] = "≥3次"
    client.post(reverse("section_edit", kwargs={"pk": section.pk}), form)
    page = client.get(reverse("history", kwargs={"pk": own.document.pk})).content.decode()
    assert f"指标第{row_no}行 指标值" in page and "≥3次" in page
    assert "target_raw" not in page  # the Chinese UI names no internal field


def test_exports_go_through_the_core_writers(own):
    client = login(own.users[Role.AUDITOR])
    response = client.get(reverse("export", kwargs={"pk": own.document.pk, "fmt": "indicators-csv"}))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["level1"] and "row_no" in rows[0]
    assert all(not r["target_raw"].startswith(("=", "+", "-", "@")) for r in rows)
    data = json.loads(client.get(reverse("export", kwargs={"pk": own.document.pk, "fmt": "json"})).content)
    assert data["documents"][0]["sections"] and any(f["code"] == "JX111" for f in data["findings"])
    xlsx = client.get(reverse("export", kwargs={"pk": own.document.pk, "fmt": "review-xlsx"}))
    assert xlsx.content[:2] == b"PK"


def test_csv_export_neutralises_formulas(own):
    section, row_no = _empty_target_row(own.document)
    indicator = section.indicators.get(position=row_no)
    indicator.level3 = "=HYPERLINK(\"http://x\")"
    indicator.save()
    response = login(own.users[Role.FILER]).get(reverse("export", kwargs={"pk": own.document.pk, "fmt": "indicators-csv"}))
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_list_query_count_does_not_grow_with_documents(own):
    client = login(own.users[Role.ADMIN])
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("documents"))
    seed = next(p for p in sample_paths() if p.name.startswith("004"))
    from jixiao_web.services import imports

    imports.import_file(own.users[Role.ADMIN], own.unit, seed.read_bytes(), seed.name)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("documents"))
    assert len(four) == len(one) <= 8, len(one)  # 8: the page's current rounds, one query for all rows


def test_dashboard_and_document_page_query_counts_do_not_grow(own):
    """Pinned: the dashboard and a document page cost the same number of queries for a small
    document (seed 001, 4 sections) and a large one (seed 002 part 2, 36 sections)."""
    from jixiao_web.services import imports

    client = login(own.users[Role.PERFORMANCE])
    seed = next(p for p in sample_paths() if p.name.startswith("002"))
    large = imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)[1]
    assert large.sections.count() == 36
    counts = []
    for document in (own.document, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("document", kwargs={"pk": document.pk})).status_code == 200
        counts.append(len(page_queries(queries)))
    assert counts[0] == counts[1] <= 8, counts
    with CaptureQueriesContext(connection) as dashboard:
        client.get(reverse("dashboard"))
    assert len(page_queries(dashboard)) <= 8, len(dashboard)  # with the rounds to do and the execution summaries


def test_official_layout_exports_are_the_cores_and_read_back(own):
    """The page's Word and Excel exports are the core's official layouts: reading them gives the
    stored document's indicators again."""
    from jixiao.read import read_bytes
    from jixiao_web.services.store import to_core

    client = login(own.users[Role.FILER])
    stored = to_core(own.document)
    expected = [(i.level3, i.target_raw) for s in stored.sections for i in s.indicators]
    for fmt, magic in (("xlsx", b"PK"), ("docx", b"PK")):
        response = client.get(reverse("export", kwargs={"pk": own.document.pk, "fmt": fmt}))
        assert response.status_code == 200 and response.content[:2] == magic
        back = read_bytes(response.content, f"export.{fmt}").documents
        assert [(i.level3, i.target_raw) for d in back for s in d.sections for i in s.indicators] == expected
    pdf = client.get(reverse("export", kwargs={"pk": own.document.pk, "fmt": "pdf"}))
    assert pdf.content[:5] == b"%PDF-"


def test_a_comment_on_one_cell_is_shown_at_that_cell_on_the_page_and_in_the_editor(own):
    document = own.document
    section = document.sections.first()
    reviewer = login(own.users[Role.PERFORMANCE])
    url = reverse("comment", kwargs={"pk": document.pk})
    page = reviewer.get(reverse("document", kwargs={"pk": document.pk})).content.decode()
    assert '<option value="target">指标值</option>' in page and '<option value="goal">绩效目标</option>' in page
    back = reviewer.post(url, {"section": section.pk, "row": 3, "field": "target", "text": "请写明计量单位"})
    assert back.url == reverse("document", kwargs={"pk": document.pk}) + f"#section-{section.pk}-row-3"  # back at the row
    back = reviewer.post(url, {"section": section.pk, "field": "goal", "text": "目标要写成可衡量的"})
    assert back.url.endswith(f"#section-{section.pk}")
    page = reviewer.get(reverse("document", kwargs={"pk": document.pk})).content.decode()
    row = page.index(f'<tr class="notes" data-row="3" id="section-{section.pk}-row-3">')
    assert page.index("审核意见（指标值）</b> 请写明计量单位", row) < page.index("</tr>", row)
    assert page.rindex('class="has-comment"', 0, row) > page.rindex("<td>3</td>", 0, row)  # the target cell is marked
    assert "审核意见（绩效目标）</b> 目标要写成可衡量的" in page
    # the filer sees each comment in the editor at the input it is about
    editor = login(own.users[Role.FILER]).get(reverse("section_edit", kwargs={"pk": section.pk})).content.decode()
    target = editor.index('name="row-2-target_raw"')
    assert editor.index("请写明计量单位", target) < editor.index("</td>", target)
    goal = editor.index('name="goal"')
    assert editor.index("目标要写成可衡量的", goal) < editor.index("</label>", goal)


def test_a_comment_on_a_cell_that_is_not_there_is_refused(own):
    document = own.document
    section = document.sections.first()
    reviewer = login(own.users[Role.PERFORMANCE])
    url = reverse("comment", kwargs={"pk": document.pk})
    reply = reviewer.post(url, {"section": section.pk, "row": 1, "field": "goal", "text": "指标行没有绩效目标"}, follow=True)
    assert "意见所指的字段“goal”不在这里" in reply.content.decode()
    reply = reviewer.post(url, {"section": section.pk, "row": 999, "field": "target", "text": "没有这一行"}, follow=True)
    assert "意见所指的指标第999行不存在" in reply.content.decode()
    assert not document.comments.exists()
    # the cell comment is still a reviewer's: an auditor reads but cannot write one
    auditor = login(own.users[Role.AUDITOR])
    assert auditor.post(url, {"section": section.pk, "row": 1, "field": "target", "text": "审计"}).status_code in (403, 404)
    assert not document.comments.exists()


@given(st.text() | st.integers())
def test_rows_written_in_python_escape_as_the_templates_do(value):
    assert escape(value) == django_escape(value)


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["/", "/jixiao/"]))
def test_rows_links_are_the_urls_reverse_gives(pk, prefix):
    set_script_prefix(prefix)
    try:
        for name in ("document", "year", "section_edit"):
            assert link(name)(pk) == reverse(name, args=[pk])
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("size", [0, 1, 3, 7])
def test_the_counting_paginator_gives_the_pages_djangos_gives_in_one_query(db, size):
    for n in range(size):
        Organisation.objects.create(kind="bureau", name=f"财政局{n}")
    rows = Organisation.objects.order_by("pk")
    for number in (None, "", "x", -1, 0, 1, 2, 3, 4, 99, "2"):
        ours, django_page = CountingPaginator(rows, 3).get_page(number), Paginator(rows, 3).get_page(number)
        assert (list(ours), ours.number, ours.paginator.count, ours.paginator.num_pages) == (
            list(django_page), django_page.number, django_page.paginator.count, django_page.paginator.num_pages)
    with CaptureQueriesContext(connection) as queries:
        page = CountingPaginator(rows, 3).get_page(1)
        page.has_next(), page.paginator.count
    assert len(queries) == (1 if size else 2)
