"""The editors of a document its state does not let change (submitted, reviewed, approved,
published): back to the document page saying why, nothing to type into, nothing saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao_web.models import DocState, Role, TargetDocument
from tests_web_helpers import login


@pytest.mark.parametrize("state", [DocState.SUBMITTED, DocState.REVIEWED, DocState.APPROVED, DocState.PUBLISHED])
def test_editors_of_a_document_its_state_does_not_let_change_have_nothing_to_type_into(own, state):
    document = own.document
    TargetDocument.objects.filter(pk=document.pk).update(state=state)
    section = document.sections.first()
    client = login(own.users[Role.FILER])
    for url in (reverse("section_edit", kwargs={"pk": section.pk}), reverse("document_edit", kwargs={"pk": document.pk})):
        response = client.get(url, follow=True)
        page = response.content.decode()
        assert response.redirect_chain and response.redirect_chain[0][0].startswith(reverse("document", kwargs={"pk": document.pk}))
        assert "只有草稿或已退回的文档可以修改" in page and 'name="row-0-target_raw"' not in page and 'name="budget-0"' not in page
        before = section.indicators.first().target_raw
        assert client.post(url, {"version": 1, "row_count": 1, "row-0-target_raw": "x", "text-0": "x"}).status_code == 302
        assert section.indicators.first().target_raw == before
    document.refresh_from_db()
    assert document.version == 1 and document.state == state
