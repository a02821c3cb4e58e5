"""The document page: every text a finding quotes is on it, the links it offers fit the state."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from jixiao_web.models import DocState, Role, TargetDocument
from jixiao_web.services import imports
from tests_web_helpers import login, seed_path


def _seed(tenant, prefix="002"):
    seed = seed_path(prefix)
    return imports.import_file(tenant.users[Role.FILER], tenant.unit, seed.read_bytes(), seed.name)


def test_every_stored_text_of_a_section_is_shown(own):
    first = _seed(own)[0]
    client = login(own.users[Role.FILER])
    page = client.get(reverse("document", kwargs={"pk": first.pk})).content.decode()
    section = first.sections.get(name="社会救助政策及管理")
    card = page[page.index(f'id="section-{section.pk}"') :]
    card = card[: card.index("</section>")]
    assert "<dt>职责</dt>" in card and section.purpose[:30] in card  # JX145 compares the goal with it
    assert "<dt>绩效目标</dt>" in card and "<dt>绩效指标</dt>" in card and "城乡低保标准达标率" in card
    assert "<dt>label</dt>" not in page  # the reader's own notes are not the table's text
    # every finding's quoted text on a section is on the page
    for finding in first.findings.exclude(section=None).filter(row_no=None).exclude(evidence=""):
        assert finding.evidence[:20] in page, (finding.code, finding.evidence)
    # the document's own texts too
    texts = [t for _, t in first.texts if t.strip()]
    assert texts and all(t[:20] in page for t in texts)


def test_a_project_section_shows_its_purpose(own):
    project = next(d for d in _seed(own) if d.sections.filter(kind="project").exists())
    section = project.sections.filter(kind="project").exclude(purpose="").first()
    page = login(own.users[Role.FILER]).get(reverse("document", kwargs={"pk": project.pk})).content.decode()
    assert "<dt>资金用途 / 主要内容</dt>" in page and section.purpose in page


def test_the_years_links_wait_for_approval(own):
    client = login(own.users[Role.PERFORMANCE])
    url = reverse("document", kwargs={"pk": own.document.pk})
    year = reverse("year", kwargs={"pk": own.document.pk})
    reports = [reverse("export", kwargs={"pk": own.document.pk, "fmt": f}) for f in ("monitor-xlsx", "score-xlsx")]
    for state in (DocState.DRAFT, DocState.SUBMITTED, DocState.RETURNED, DocState.REVIEWED):
        TargetDocument.objects.filter(pk=own.document.pk).update(state=state)
        page = client.get(url).content.decode()
        assert year not in page and not any(r in page for r in reports), state
        assert reverse("export", kwargs={"pk": own.document.pk, "fmt": "xlsx"}) in page  # the tables themselves are
    for state in (DocState.APPROVED, DocState.PUBLISHED):
        TargetDocument.objects.filter(pk=own.document.pk).update(state=state)
        page = client.get(url).content.decode()
        assert year in page and all(r in page for r in reports), state


def test_a_download_is_named_as_in_the_bulk_zip_and_the_parts_of_a_file_differ(own):
    from urllib.parse import quote

    from jixiao_web.services.bulk_export import file_names

    parts = _seed(own, "004")  # three parts of one file
    client = login(own.users[Role.FILER])
    names = []
    for part in parts:
        response = client.get(reverse("export", kwargs={"pk": part.pk, "fmt": "xlsx"}))
        expected = file_names([part], "xlsx")[0]
        assert expected.startswith(f"{own.unit.name}-{part}") and (part.part == 1 or expected.endswith(f"-第{part.part}部分-正式表样.xlsx"))
        assert response["Content-Disposition"] == f"attachment; filename=\"jixiao.xlsx\"; filename*=UTF-8''{quote(expected, safe='')}"
        names.append(expected)
    assert len(parts) == 3 and len(set(names)) == 3


def test_a_refused_submission_lists_each_error_red_with_its_place_and_a_link_to_the_editor_row(own):
    client = login(own.users[Role.FILER])
    page = client.post(reverse("transition", kwargs={"pk": own.document.pk, "action": "submit"}), follow=True).content.decode()
    assert "还有 4 个错误级问题" in page
    refusal = page[page.index('class="card refusal"') :]
    refusal = refusal[: refusal.index("</section>")]
    assert refusal.count('class="finding sev-error"') == 4 and "msg-warning" not in page  # red, not warning-yellow
    assert "第1表" not in refusal and "文本第" not in refusal  # no source-file coordinates
    finding = own.document.findings.filter(code="JX111").first()
    link = reverse("section_edit", kwargs={"pk": finding.section_id}) + f"#row-{finding.row_no}"
    assert f'<a href="{link}">{finding.section} · 指标第{finding.row_no}行 · 指标值</a>' in refusal
    # the editor has that row's anchor
    editor = client.get(reverse("section_edit", kwargs={"pk": finding.section_id})).content.decode()
    assert f'id="row-{finding.row_no}"' in editor
    # shown once: a reload does not repeat it
    assert 'class="card refusal"' not in client.get(reverse("document", kwargs={"pk": own.document.pk})).content.decode()


def _large(own):
    return _seed(own)[1]  # seed 002 part 2: 36 project tables, 335 indicator rows


def _cards(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<section class="card section" id="section-(\d+)">', page)]


def test_a_long_document_is_paged_by_section_under_a_table_of_contents(own):
    document = _large(own)
    client = login(own.users[Role.PERFORMANCE])
    url = reverse("document", kwargs={"pk": document.pk})
    first = client.get(url).content.decode()
    contents = first[first.index('id="contents"') :]
    contents = contents[: contents.index("</nav>")]
    listed = [int(n) for n in re.findall(r'data-section="(\d+)"', contents)]
    assert listed == list(document.sections.values_list("pk", flat=True))  # every section, in order
    pages = sorted({int(n) for n in re.findall(r'href="\?page=(\d+)#section-', contents)})
    assert len(pages) > 2 and pages == list(range(1, len(pages) + 1))
    shown = []
    for n in pages:
        page = client.get(f"{url}?page={n}").content.decode()
        cards = _cards(page)
        assert cards and all(f'href="?page={n}#section-{pk}"' in contents for pk in cards)  # the contents say where
        assert f"第 {n} / {len(pages)} 页" in page
        shown += cards
    assert shown == listed  # each section on exactly one page
    assert _cards(client.get(f"{url}?page=999").content.decode()) == _cards(client.get(f"{url}?page={pages[-1]}").content.decode())
    assert _cards(client.get(f"{url}?page=x").content.decode()) == _cards(first)
    # what the contents count is what the section's card shows
    section = document.sections.get(position=33)
    errors = section.findings.filter(severity="error").count()
    entry = contents[contents.index(f'data-section="{section.pk}"') :].split("</li>")[0]
    assert f"{section.indicators.count()} 项指标" in entry and (not errors or f"错误 {errors}" in entry)


def test_a_short_document_is_one_page_without_contents(own):
    page = login(own.users[Role.FILER]).get(reverse("document", kwargs={"pk": own.document.pk})).content.decode()
    assert 'id="contents"' not in page and "document.js" not in page
    assert _cards(page) == list(own.document.sections.values_list("pk", flat=True))


def test_a_comment_on_a_later_page_returns_to_that_page_at_its_row(own):
    document = _large(own)
    section = document.sections.get(position=33)
    client = login(own.users[Role.PERFORMANCE])
    response = client.post(reverse("comment", kwargs={"pk": document.pk}), {"text": "请核实", "section": section.pk, "row": "2", "field": "target"})
    assert response.status_code == 302 and "?page=" in response["Location"]
    assert response["Location"].endswith(f"#section-{section.pk}-row-2")
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert section.pk in _cards(page) and "请核实" in page


def test_every_finding_of_a_long_document_is_on_one_of_its_pages(own):
    document = _large(own)
    client = login(own.users[Role.FILER])
    url = reverse("document", kwargs={"pk": document.pk})
    pages = "".join(client.get(f"{url}?page={n}").content.decode() for n in range(1, 10))
    for finding in document.findings.all():
        assert escape(finding.message) in pages, finding.code


def test_the_document_page_costs_the_same_queries_on_every_page(own):
    document = _large(own)
    client = login(own.users[Role.PERFORMANCE])
    url = reverse("document", kwargs={"pk": document.pk})
    counts = set()
    for n in (1, 2, 5):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{url}?page={n}").status_code == 200
        counts.add(len(queries))
    assert counts == {8}, counts


def test_a_comment_keeps_its_place_when_its_author_is_deleted(own):
    reviewer = own.users[Role.PERFORMANCE]
    section = own.document.sections.first()
    client = login(reviewer)
    for place in ({}, {"section": section.pk}, {"section": section.pk, "row": "1", "field": "target"}):
        client.post(reverse("comment", kwargs={"pk": own.document.pk}), {"text": f"请核实<{len(place)}>", **place})
    get_user_model().objects.filter(pk=reviewer.pk).delete()  # the comments stay, without an author
    page = login(own.users[Role.ADMIN]).get(reverse("document", kwargs={"pk": own.document.pk})).content.decode()
    assert all(f"请核实&lt;{n}&gt;" in page for n in (0, 1, 3))
