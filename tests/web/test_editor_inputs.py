"""The section editor's inputs: amounts typed with full-width digits or far too many of them."""

from __future__ import annotations

from django.urls import reverse

from jixiao_web.models import Role
from test_editor import form_of
from tests_web_helpers import login


def test_full_width_amounts_are_made_plain_and_absurd_ones_refused(own):
    section = next(s for s in own.document.sections.all())
    client = login(own.users[Role.FILER])
    url = reverse("section_edit", kwargs={"pk": section.pk})
    response = client.post(url, form_of(client, section) | {"amount_total": "99999999999999"})
    page = response.content.decode()
    assert response.status_code == 200 and "金额合计：“99999999999999”过大" in page and "1,000,000,000万元" in page
    assert client.post(url, form_of(client, section) | {"amount_total": "999999999.99"}).status_code == 302
    section.refresh_from_db()
    response = client.post(url, form_of(client, section) | {"amount_total": "１２３", "amount_fiscal": "１，７４８．６０万元"})
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]
    section.refresh_from_db()
    assert (section.amount_total, section.amount_fiscal) == ("123", "1,748.60")
    page = client.get(reverse("document", kwargs={"pk": section.document_id})).content.decode()
    assert "金额 123" in page and "１２３" not in page  # 001 names no money unit
