"""Separation of duties: every role at every level where it can be granted × every judging step
(pass on, return at each level, approve, publish) → allowed or refused, through the service, the
page's buttons and the API. Whoever prepares a document — its unit's and department's filers and
administrators, and anyone who imported, edited or submitted it — never judges it."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from jixiao_web.models import DocState, Membership, Role, RoundKind, RoundState, TargetDocument, YearRound
from jixiao_web.services import editing, imports, rounds, tokens, workflow
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.people import ROLE_PLACES
from tests_web_helpers import edit_of, login, seed_path

# (step, the state it is taken from); a return is taken at each level that holds the document
STEPS = [
    ("dept_review", DocState.SUBMITTED),
    ("return", DocState.SUBMITTED),
    ("review", DocState.DEPT_REVIEWED),
    ("return", DocState.DEPT_REVIEWED),
    ("approve", DocState.REVIEWED),
    ("return", DocState.REVIEWED),
    ("publish", DocState.APPROVED),
]
# What each role at each level may do; everyone else is refused.
MAY = {
    (Role.DEPT_APPROVER, "department"): {("dept_review", DocState.SUBMITTED), ("return", DocState.SUBMITTED)},
    (Role.BUSINESS_REVIEWER, "bureau"): {("review", DocState.DEPT_REVIEWED), ("return", DocState.DEPT_REVIEWED)},
    (Role.PERFORMANCE, "bureau"): {("approve", DocState.REVIEWED), ("return", DocState.REVIEWED), ("publish", DocState.APPROVED)},
    (Role.ADMIN, "bureau"): set(STEPS),
}
PLACES = [(role, level) for role in Role for level in ROLE_PLACES[role]]


def _user(name: str, *grants) -> object:
    user = get_user_model().objects.create_user(name, password="x")
    for organisation, role in grants:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def document(own) -> TargetDocument:
    seed = seed_path("003")  # no error-level finding: it could be submitted as it is
    return imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)[0]


def _try(user, document, step: str, state: str) -> bool:
    TargetDocument.objects.filter(pk=document.pk).update(state=state)
    document.refresh_from_db()
    shown = {t.action.value for t in workflow.available(user, document)}
    try:
        workflow.perform(user, document, step, "退回意见")
    except PermissionDenied:
        assert step not in shown, f"{user} is offered {step} at {state} but refused"
        return False
    assert step in shown, f"{user} may {step} at {state} but is not offered it"
    return True


def test_every_role_at_every_level_may_take_only_its_own_steps(own, document):
    at = {"unit": own.unit, "department": own.department, "bureau": own.bureau}
    failures = []
    for role, level in PLACES:
        user = _user(f"{role}@{level}", (at[level], role))
        for step, state in STEPS:
            expected = (step, state) in MAY.get((role, level), set())
            if _try(user, document, step, state) != expected:
                failures.append(f"{role}@{level} {step} at {state}: {'allowed' if not expected else 'refused'}")
    assert failures == []


def test_whoever_prepares_a_document_never_judges_it_whatever_else_they_hold(own, document):
    # a unit's filer who is also a finance-bureau reviewer
    both = _user("both", (own.unit, Role.FILER), (own.bureau, Role.PERFORMANCE), (own.bureau, Role.BUSINESS_REVIEWER))
    # a finance-bureau administrator who edited the document: everything but this one
    admin = own.users[Role.ADMIN]
    section = document.sections.filter(indicators__isnull=False).first()
    editing.save_section(admin, section, edit_of(section, {(1, "basis"): "年度工作计划"}))
    for user in (both, admin):
        assert not [(step, state) for step, state in STEPS if _try(user, document, step, state)]
    assert _try(admin, own.document, "dept_review", DocState.SUBMITTED)  # a document they did not prepare


def test_the_refusal_says_why_in_chinese(own, document):
    TargetDocument.objects.filter(pk=document.pk).update(state=DocState.DEPT_REVIEWED)
    with pytest.raises(PermissionDenied, match="现在由财政业务股室办理，您不能退回"):
        workflow.return_(own.users[Role.DEPT_APPROVER], document, "拉回")  # the finance bureau has it now
    unit_admin = _user("unit_admin", (own.unit, Role.ADMIN))
    TargetDocument.objects.filter(pk=document.pk).update(state=DocState.REVIEWED)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue(unit_admin, 'test')}"}
    reply = Client().post(f"/api/documents/{document.pk}/transitions/approve", json.dumps({}), content_type="application/json", **headers)
    assert reply.status_code == 403 and "负责编制和报送" in reply.json()["detail"]
    TargetDocument.objects.filter(pk=document.pk).update(state=DocState.DRAFT)
    with pytest.raises(ServiceError, match="当前状态为“草稿”，不能批复"):  # the state is checked first, as before
        workflow.approve(own.users[Role.PERFORMANCE], document)


def test_the_department_passes_a_document_on_before_the_finance_bureau_reviews_it(own, document):
    u = own.users
    submitted = workflow.submit(u[Role.FILER], document)
    with pytest.raises(ServiceError, match="“已提交”，不能审核通过") as early:
        workflow.review(u[Role.BUSINESS_REVIEWER], submitted)  # not yet passed on by the department
    assert early.value.details == ["可以审核通过的状态：部门已审核"]
    passed = workflow.dept_review(u[Role.DEPT_APPROVER], submitted)
    assert passed.state == DocState.DEPT_REVIEWED
    assert passed.audit.filter(action="dept_review").get().summary == "审核通过并报财政：已提交 → 部门已审核"
    assert workflow.review(u[Role.BUSINESS_REVIEWER], passed).state == DocState.REVIEWED


ROUND_MAY = {
    (Role.DEPT_APPROVER, "department"): {"return"},
    (Role.BUSINESS_REVIEWER, "bureau"): {"return"},
    (Role.PERFORMANCE, "bureau"): {"return", "accept"},
    (Role.ADMIN, "bureau"): {"return", "accept"},
}


def test_a_units_own_administrator_never_confirms_or_returns_its_monitoring(own, document):
    TargetDocument.objects.filter(pk=document.pk).update(state=DocState.PUBLISHED)
    round_ = YearRound.objects.create(document=document, kind=RoundKind.MONITOR, checkpoint="6月底")
    at = {"unit": own.unit, "department": own.department, "bureau": own.bureau}
    failures = []
    for role, level in PLACES:
        user = _user(f"{role}@{level}", (at[level], role))
        for step in ("return", "accept"):
            YearRound.objects.filter(pk=round_.pk).update(state=RoundState.SUBMITTED)
            round_.refresh_from_db()
            offered = step in {s.name for s in rounds.available(user, round_)}
            try:
                rounds.move(user, round_, step, "请补充佐证材料")
                done = True
            except PermissionDenied:
                done = False
            if not done == offered == (step in ROUND_MAY.get((role, level), set())):
                failures.append(f"{role}@{level} {step}: done {done}, offered {offered}")
    assert failures == []


def test_a_unit_administrators_tasks_are_the_preparers_not_the_reviewers(own, document):
    workflow.submit(own.users[Role.FILER], document)
    unit_admin = _user("unit_admin", (own.unit, Role.ADMIN))
    tasks = login(unit_admin).get(reverse("dashboard")).context["tasks"]
    assert document not in tasks and own.document in tasks  # the draft is theirs to finish; the submitted one is not theirs to judge
    assert document in login(own.users[Role.DEPT_APPROVER]).get(reverse("dashboard")).context["tasks"]
