"""Every download leaves a trace: who took which document out, in which layout, when — in the
document's history (page and API) and its unit's log, for single downloads and bulk zips alike."""

from __future__ import annotations

from django.urls import reverse

from jixiao_web.models import AuditEntry, ExportItem, ExportJob, Role
from jixiao_web.services import bulk_export, tokens
from jixiao_web.services.audit import BULK_EXPORT, EXPORT
from tests_web_helpers import login, sibling_unit_document


def test_a_single_download_is_recorded_in_the_documents_history(own):
    document, auditor = own.document, own.users[Role.AUDITOR]
    client = login(auditor)
    assert client.get(reverse("export", kwargs={"pk": document.pk, "fmt": "xlsx"})).status_code == 200
    entry = AuditEntry.objects.get(action=EXPORT)
    assert (entry.actor, entry.document, entry.organisation) == (auditor, document, own.unit)
    assert "正式表样" in entry.summary and ".xlsx" in entry.summary
    page = client.get(reverse("history", kwargs={"pk": document.pk})).content.decode()
    assert entry.summary in page and auditor.username in page

    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(auditor, 'test')}"}
    assert client.get(f"/api/documents/{document.pk}/export/json", **headers).status_code == 200
    history = client.get(f"/api/documents/{document.pk}/history", **headers).json()
    assert [e["action"] for e in history][:2] == [EXPORT, EXPORT] and history[0]["actor"] == auditor.username
    assert client.get(reverse("export", kwargs={"pk": document.pk, "fmt": "nope"})).status_code == 404
    assert AuditEntry.objects.filter(action=EXPORT).count() == 2  # nothing taken out, nothing recorded


def test_a_bulk_zip_is_recorded_once_per_document_in_each_documents_unit(own, other):
    elsewhere = sibling_unit_document(own)  # another department of the same bureau
    sibling_unit_document(other)  # another bureau: not visible, not exported
    bureau_user = own.users[Role.AUDITOR]  # sees both departments
    client = login(bureau_user)
    client.post(reverse("export_bulk"), {"fmt": "json"})
    job = ExportJob.objects.get()
    assert job.items.count() == 2
    # As the worker leaves it; one document could not be written and so was not taken out.
    job.items.filter(document=own.document).update(status=ExportItem.Status.EXPORTED)
    job.items.filter(document=elsewhere).update(status=ExportItem.Status.FAILED)
    ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.DONE, data=b"PK")
    assert not AuditEntry.objects.filter(action=BULK_EXPORT).exists()  # starting takes nothing out

    assert client.get(reverse("export_job_download", kwargs={"pk": job.pk})).status_code == 200
    job.items.filter(document=elsewhere).update(status=ExportItem.Status.EXPORTED)
    assert client.get(reverse("export_job_download", kwargs={"pk": job.pk})).status_code == 200  # each download counts

    rows = AuditEntry.objects.filter(action=BULK_EXPORT).order_by("pk")
    name = bulk_export.zip_name(job)
    seen = [(e.document, e.organisation, e.actor, e.summary) for e in rows]
    first = (own.document, own.unit, bureau_user)  # the failed document was not taken out the first time
    assert seen[0][:3] == first and seen[0][3].endswith(f"{name}（共 1 份）")
    assert {r[:3] for r in seen[1:]} == {first, (elsewhere, elsewhere.unit, bureau_user)} and len(seen) == 3
    assert all(r[3].endswith(f"{name}（共 2 份）") for r in seen[1:])
    # The filer of the other department sees, in its own document's history, who took it out.
    page = login(own.users[Role.FILER]).get(reverse("history", kwargs={"pk": own.document.pk})).content.decode()
    assert page.count(name) == 2 and bureau_user.username in page
