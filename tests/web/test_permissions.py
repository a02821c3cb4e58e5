"""Every URL × every role × own / other organisation.

Another organisation's object is 404 (its existence does not leak); a role without the
permission gets 403; an allowed role gets the page (200) or, for an action, the redirect back
(302). A new URL without a row here fails ``test_every_url_is_in_the_matrix``; the API has its
own matrix in ``test_api.py``. Rows for an object that belongs to one user (a bulk export) give
their kwargs as a function of the user whose object it is: each role asks for its own.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from jixiao_web.models import DocState, ExportJob, ImportBatch, PendingUpload, Role, RoundKind, YearRound
from jixiao_web.services.rounds import STEPS
from jixiao_web.services.access import ALLOWED, Action
from jixiao_web.services.export import EXPORTERS
from tests_web_helpers import login, sibling_unit_document

ALL = frozenset(Role.values)


def _roles(action: Action) -> frozenset[str]:
    return ALLOWED[action]


def _own_job(user) -> dict:
    return {"pk": ExportJob.objects.get_or_create(user=user, fmt="json", state=ExportJob.State.DONE, data=b"PK")[0].pk}


def _kwargs(kwargs, owner) -> dict:
    return kwargs(owner) if callable(kwargs) else kwargs


# (url name, kwargs builder, method, roles allowed, status when allowed, scoped to an object)
def matrix(doc, section):
    d, s = {"pk": doc.pk}, {"pk": section.pk}
    b = {"pk": ImportBatch.objects.get_or_create(user=doc.created_by, unit=doc.unit)[0].pk}
    rows = [
        ("dashboard", {}, "get", ALL, 200, False),
        ("analytics", {}, "get", ALL, 200, False),
        ("analytics_csv", {"key": "quantitative"}, "get", ALL, 200, False),
        ("documents", {}, "get", ALL, 200, False),
        ("import", {}, "get", _roles(Action.EDIT), 200, False),
        ("api_tokens", {}, "get", ALL, 200, False),
        ("password_change", {}, "get", ALL, 200, False),
        ("people", {}, "get", _roles(Action.MANAGE), 200, False),
        ("people_add_org", {}, "post", _roles(Action.MANAGE), 302, False),
        ("people_grant", {}, "post", _roles(Action.MANAGE), 302, False),
        ("import_bulk", {}, "get", _roles(Action.EDIT), 200, False),
        ("import_batch", b, "get", ALL, 200, True),
        ("import_batch_progress", b, "get", ALL, 200, True),
        ("import_batch_restart", b, "post", _roles(Action.EDIT), 302, True),  # not interrupted: refused with a message
        ("export_bulk", {}, "post", ALL, 302, False),
        ("export_job", _own_job, "get", ALL, 200, True),
        ("export_job_progress", _own_job, "get", ALL, 200, True),
        ("export_job_download", _own_job, "get", ALL, 200, True),
        ("export_job_restart", _own_job, "post", ALL, 302, True),
        ("document", d, "get", ALL, 200, True),
        ("history", d, "get", ALL, 200, True),
        ("publication", d, "get", ALL, 200, True),
        ("comment", d, "post", _roles(Action.COMMENT), 302, True),
        # the document is approved: the editors send an allowed role back to the document page, saying why
        ("section_edit", s, "get", _roles(Action.EDIT), 302, True),
        ("document_edit", d, "get", _roles(Action.EDIT), 302, True),
        ("check_row", s, "post", ALL, 200, True),
        ("new_project", {}, "get", _roles(Action.EDIT), 200, False),
        ("library", {}, "get", ALL, 200, False),
        ("library_suggest", {}, "get", ALL, 200, False),
        ("section_draft", s, "post", _roles(Action.EDIT), 302, True),  # approved: refused with a message
    ]
    r = {"pk": YearRound.objects.get_or_create(document=doc, kind=RoundKind.MONITOR, checkpoint="6月底")[0].pk}
    rows += [
        ("year", d, "get", ALL, 200, True),
        ("open_round", d, "post", _roles(Action.OPEN_ROUND), 302, True),
        ("actuals_template", d, "get", ALL, 200, True),
        ("actuals_upload", d, "post", _roles(Action.ENTER_ACTUALS), 302, True),
        ("monitor", d, "get", ALL, 200, True),
        ("score", d, "get", ALL, 200, True),
        ("actuals_edit", s, "get", _roles(Action.ENTER_ACTUALS), 200, True),
    ]
    rows += [("round_step", r | {"step": name}, "post", _roles(step.action), 302, True) for name, step in STEPS.items()]
    rows += [("export", d | {"fmt": fmt}, "get", ALL, 200, True) for fmt in EXPORTERS]
    rows += [
        ("transition", d | {"action": a.value}, "post", _roles(a), 302, True)
        for a in (Action.SUBMIT, Action.RETURN, Action.DEPT_REVIEW, Action.REVIEW, Action.APPROVE, Action.PUBLISH, Action.WITHDRAW)
    ]
    return rows


POST_DATA = {"text": "意见", "comment": "退回意见", "target_raw": "≥95%", "position": "1", "fmt": "json"}
EXEMPT = {"login", "logout", "import_preview", "people_revoke"}  # public, per-user uploads, one-off (tested below / test_people.py)


def test_every_url_is_in_the_matrix(own):
    doc = own.document
    covered = {row[0] for row in matrix(doc, doc.sections.first())}
    names = {p.name for p in get_resolver().url_patterns if getattr(p, "name", None)}  # the API: test_api.py
    assert names - covered - EXEMPT == set()


def test_permission_matrix(own, other):
    failures = []
    target = own.document
    target.state = DocState.APPROVED  # publication view exists, and no page changes it further
    target.save()
    section = target.sections.first()
    for tenant, is_own in ((own, True), (other, False)):
        for role in Role:
            client = login(tenant.users[role])
            for name, kwargs, method, allowed, ok, scoped in matrix(target, section):
                if not is_own and not scoped:
                    continue  # the same pages for everyone; their contents are scoped (tested below)
                url = reverse(name, kwargs=_kwargs(kwargs, own.users[role]))  # another bureau's user: not theirs
                response = getattr(client, method)(url, POST_DATA if method == "post" else None)
                expected = (ok if role in allowed else 403) if is_own else 404
                if response.status_code != expected:
                    failures.append(f"{'own' if is_own else 'other'} {role} {method} {name}{kwargs}: {response.status_code} ≠ {expected}")
                type(target).objects.filter(pk=target.pk).update(state=DocState.APPROVED)
    assert failures == []


def test_anonymous_is_sent_to_login(own):
    doc = own.document
    for name, kwargs, method, *_ in matrix(doc, doc.sections.first()):
        response = getattr(Client(), method)(reverse(name, kwargs=_kwargs(kwargs, doc.created_by)))
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def test_lists_and_search_show_only_own_organisation(own, other):
    for role in Role:
        client = login(own.users[role])
        listing = client.get(reverse("documents"), {"q": "民政"}).content.decode()
        assert f'href="/documents/{own.document.pk}/"' in listing
        assert f'href="/documents/{other.document.pk}/"' not in listing
        assert "乙民政局本级" not in client.get(reverse("dashboard")).content.decode()


def test_another_users_upload_is_not_found(own):
    pending = PendingUpload.objects.create(user=own.users[Role.FILER], name="a.txt", data=b"x")
    response = login(own.users[Role.ADMIN]).get(reverse("import_preview", kwargs={"pk": pending.pk}))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.FILER, Role.AUDITOR])
def test_department_roles_do_not_see_sibling_departments(own, role):
    sibling = sibling_unit_document(own)
    client = login(own.users[role])
    status = client.get(reverse("document", kwargs={"pk": sibling.pk})).status_code
    # the filer sits in one unit: a sibling department's unit is outside; the auditor sees the bureau
    assert status == (404 if role == Role.FILER else 200)
