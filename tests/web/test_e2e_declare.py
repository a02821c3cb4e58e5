"""End to end in headless Chromium: a unit declares a new project from nothing — the form of the
official layout, indicators drafted from the indicator library, one more chosen from the
suggestions while its name is typed — then submits it, and it is reviewed and approved.
Screenshots go to test-artifacts/web/."""

from __future__ import annotations

import pytest

from jixiao_web.models import DocState, TargetDocument
from test_e2e import CHROMIUM, _login, _shot, browser  # noqa: F401  (the browser fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="需要 Debian 的 chromium（.ci/run 会安装）"),
]


def test_declare_a_new_project_with_a_draft_and_suggestions_to_approval(browser, live_server, own):  # noqa: F811
    from playwright.sync_api import expect

    errors: list[str] = []
    filer = _login(browser, live_server, "甲_filer", errors)
    filer.click("text=新建申报")
    filer.fill("input[name=year]", "2025")
    filer.fill("input[name=name]", "城乡低保资金")
    filer.fill("input[name=code]", "13030325P00385310004U")
    filer.fill("input[name=amount_total]", "120.50")
    filer.fill("input[name=amount_fiscal]", "120.50")
    filer.fill("input[name=amount_other]", "0")
    filer.fill("textarea[name=purpose]", "发放城乡低保金，保障困难群众基本生活")
    _shot(filer, "20-new-project-form")
    filer.click("button:has-text('保存并按指标库生成草稿')")
    expect(filer.locator(".msg-success")).to_contain_text("按指标库生成了")
    document = TargetDocument.objects.latest("pk")
    section = document.sections.get()
    drafted = section.indicators.count()
    assert drafted >= 6
    expect(filer.locator("textarea[name='row-0-level3']")).not_to_have_value("")
    _shot(filer, "21-drafted-indicators")

    # one more indicator from the library: type the start of a name, choose a suggestion
    name = filer.locator(f"textarea[name='row-{drafted}-level3']")
    name.click()
    name.press_sequentially("资金支付")
    choice = filer.locator(".suggest-box li").first
    expect(choice).to_be_visible()
    _shot(filer, "22-suggestions")
    chosen = choice.text_content().split("　")[0]
    choice.click()
    expect(name).to_have_value(chosen)
    target = filer.locator(f"textarea[name='row-{drafted}-target_raw']")
    expect(target).not_to_have_value("")
    expect(filer.locator(f"tr[data-row='{drafted}'] .parsed")).not_to_have_text("（空）")
    filer.click("#section-form button:has-text('保存')")
    expect(filer.locator(".msg-success")).to_contain_text("已保存")
    assert section.indicators.count() == drafted + 1 and section.indicators.filter(level3=chosen).exists()

    # the library page finds what was just declared
    filer.goto(f"{live_server.url}/library/?q={chosen}")
    expect(filer.locator("table.library")).to_contain_text(chosen)
    _shot(filer, "23-library")

    # submit, and on through the department, the business section and the performance section
    filer.goto(f"{live_server.url}/documents/{document.pk}/")
    filer.click("button:has-text('提交')")
    expect(filer.locator(".msg-success")).to_contain_text("已提交")
    for user, button, said in (("甲_dept_approver", "审核通过并报财政", "已审核通过并报财政"),
                               ("甲_business_reviewer", "审核通过", "已审核通过"), ("甲_performance", "批复", "已批复")):  # fmt: skip
        page = _login(browser, live_server, user, errors)
        page.goto(f"{live_server.url}/documents/{document.pk}/")
        page.click(f"button:has-text('{button}')")
        expect(page.locator(".msg-success")).to_contain_text(said)
    _shot(page, "24-approved")
    document.refresh_from_db()
    assert document.state == DocState.APPROVED
    assert errors == []
