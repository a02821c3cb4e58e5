"""End to end in headless Chromium: a document refused for a document-level error (seed 004 part
3, JX152 资金总额) is fixed by following the refusal's link into the document editor, then submits;
and the section editor's way back to a long document opens the page that shows its section."""

from __future__ import annotations

import pytest

from jixiao_web.models import DocState, Role
from jixiao_web.services import imports
from test_e2e import CHROMIUM, _login, _shot, browser  # noqa: F401  (the fixture)
from tests_web_helpers import seed_path

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium"),
]


def test_the_refusal_link_opens_the_budget_line_and_the_fixed_document_submits(browser, live_server, own):  # noqa: F811
    from playwright.sync_api import expect

    seed = seed_path("004")
    document = imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)[2]
    errors: list[str] = []
    filer = _login(browser, live_server, "甲_filer", errors)
    filer.goto(f"{live_server.url}/documents/{document.pk}/")
    expect(filer.locator("#document-budget")).to_contain_text("1593.88万元")
    filer.click("button:has-text('提交')")
    expect(filer.locator(".msg-error")).to_contain_text("还有 1 个错误级问题")
    filer.click("#blocking a:has-text('全文 · 资金总额')")
    filer.wait_for_url(f"**/documents/{document.pk}/edit/#budget-0")
    box = filer.locator("[name='budget-0']")
    expect(box).to_have_value("1593.88万元")
    expect(filer.locator("#budget-0 .finding")).to_contain_text("JX152")
    _shot(filer, "20-document-editor")
    box.fill("1593.87")
    filer.click("button:has-text('保存')")
    expect(filer.locator(".msg-success")).to_contain_text("已保存")
    expect(filer.locator("#budget-0 .finding")).to_have_count(0)
    filer.goto(f"{live_server.url}/documents/{document.pk}/")
    filer.click("button:has-text('提交')")
    expect(filer.locator(".msg-success")).to_contain_text("已提交")
    document.refresh_from_db()
    assert document.state == DocState.SUBMITTED and errors == []


def test_the_editors_way_back_opens_the_page_of_its_section(browser, live_server, own):  # noqa: F811
    from playwright.sync_api import expect

    seed = seed_path("002")
    document = imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)[1]
    section = document.sections.get(position=33)
    errors: list[str] = []
    filer = _login(browser, live_server, "甲_filer", errors)
    filer.goto(f"{live_server.url}/sections/{section.pk}/edit/")
    filer.click(f"a[href$='#section-{section.pk}']")
    filer.wait_for_url(f"**/documents/{document.pk}/?page=*#section-{section.pk}")
    expect(filer.locator(f"#section-{section.pk}")).to_be_visible()
    expect(filer.locator("#contents li.here").first).to_be_visible()
    assert errors == []
