"""The actuals entry page names each indicator as the document does, so rows whose 三级指标 is
empty or repeated can be told apart."""

from __future__ import annotations

from django.urls import reverse

from conftest import SEED_002, make_tenant
from jixiao_web.models import DocState, RoundKind, Role, TargetDocument
from jixiao_web.services import rounds
from tests_web_helpers import login


def test_each_row_shows_its_level_1_and_2_indicators(db):
    tenant = make_tenant("丁", SEED_002)
    TargetDocument.objects.filter(unit=tenant.unit).update(state=DocState.PUBLISHED)
    document = TargetDocument.objects.get(unit=tenant.unit, part=2)
    rounds.open_round(tenant.users[Role.PERFORMANCE], document, RoundKind.MONITOR, "6月底")
    section = document.sections.get(key="P01")
    page = login(tenant.users[Role.FILER]).get(reverse("actuals_edit", kwargs={"pk": section.pk})).content.decode()
    first = section.indicators.order_by("position").first()
    assert "<th>一级 / 二级指标</th>" in page
    assert f'<td class="small">{first.level1} / {first.level2}</td><td>{first.level3}</td>' in page


def test_saving_spending_over_the_budget_warns_at_once(db):
    """Regression: 累计支出 999 against a budget of 0.40 was saved without a word."""
    tenant = make_tenant("戊", SEED_002)
    TargetDocument.objects.filter(unit=tenant.unit).update(state=DocState.PUBLISHED)
    document = TargetDocument.objects.get(unit=tenant.unit, part=2)
    rounds.open_round(tenant.users[Role.PERFORMANCE], document, RoundKind.MONITOR, "6月底")
    section = document.sections.get(key="P01")  # 汽车保险费, budget 0.40
    url = reverse("actuals_edit", kwargs={"pk": section.pk})
    page = login(tenant.users[Role.FILER]).post(url, {"version": 1, "spent": "999"}, follow=True).content.decode()
    assert "执行数据已保存" in page and "累计支出超出预算：截至6月底执行249750.00%" in page
