"""The declaration workflow: 草稿 → 已提交 → 部门已审核 → 已审核 → 已批复 → 已公开 (and back to 已批复
when the publication is withdrawn), each level
passing the document on or returning it (已退回) to the unit.

Each transition is one function: one transaction, the acting user explicit, a role check, the
state check under a row lock, and one audit-log row. Monitoring and self-evaluation rounds start
from 已公开 as rounds of their own, so they add functions here without changing these.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.findings import Severity
from jixiao_web.models import Comment, DocState, TargetDocument
from jixiao_web.services import audit, findings
from jixiao_web.services.access import Action, can, not_preparer, refuse_preparer, require
from jixiao_web.services.errors import ServiceError


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[DocState]
    target: DocState
    label: str
    by: str = ""  # who takes a step that passes a document on (named when a return is refused)


SUBMIT = Transition(Action.SUBMIT, frozenset({DocState.DRAFT, DocState.RETURNED}), DocState.SUBMITTED, "提交")
RETURN = Transition(
    Action.RETURN, frozenset({DocState.SUBMITTED, DocState.DEPT_REVIEWED, DocState.REVIEWED}), DocState.RETURNED, "退回"
)
# the 主管部门 checks its units' documents first and passes them on to the finance bureau
DEPT_REVIEW = Transition(Action.DEPT_REVIEW, frozenset({DocState.SUBMITTED}), DocState.DEPT_REVIEWED, "审核通过并报财政", "主管部门")
REVIEW = Transition(Action.REVIEW, frozenset({DocState.DEPT_REVIEWED}), DocState.REVIEWED, "审核通过", "财政业务股室")
APPROVE = Transition(Action.APPROVE, frozenset({DocState.REVIEWED}), DocState.APPROVED, "批复", "财政绩效股")
PUBLISH = Transition(Action.PUBLISH, frozenset({DocState.APPROVED}), DocState.PUBLISHED, "公开")
# Withdrawing a publication leaves the approval standing: the targets stay approved, only the
# public portal stops showing them (services.publication shows 已公开 alone).
WITHDRAW = Transition(Action.WITHDRAW, frozenset({DocState.PUBLISHED}), DocState.APPROVED, "撤回公开")
TRANSITIONS = (SUBMIT, RETURN, DEPT_REVIEW, REVIEW, APPROVE, PUBLISH, WITHDRAW)
# Whose hands a document is in: the step that passes it on from its state. Only that level may
# send it back, so a department cannot pull back what the finance bureau is reviewing.
HOLDER = {state: t for t in (DEPT_REVIEW, REVIEW, APPROVE) for state in t.sources}


def _action(step: Transition, state: str) -> Action:
    """The permission ``step`` needs on a document in ``state``: a return needs its holder's."""
    return HOLDER[state].action if step is RETURN and state in HOLDER else step.action


def available(user: AbstractBaseUser, document: TargetDocument) -> list[Transition]:
    """The transitions this user could make now (for the buttons on the page)."""
    return not_preparer(user, document, [t for t in TRANSITIONS if document.state in t.sources and can(user, _action(t, document.state), document.unit)])


def _move(user: AbstractBaseUser, document: TargetDocument, step: Transition, note: str = "") -> TargetDocument:
    require(user, step.action, document.unit)
    locked = TargetDocument.objects.select_for_update().select_related("unit").get(pk=document.pk)
    if locked.state not in step.sources:
        raise ServiceError(
            f"文档当前状态为“{locked.get_state_display()}”，不能{step.label}。",
            [f"可以{step.label}的状态：" + "、".join(DocState(s).label for s in sorted(step.sources))],
        )
    if not can(user, _action(step, locked.state), locked.unit):
        raise PermissionDenied(f"文档{locked.get_state_display()}，现在由{HOLDER[locked.state].by}办理，您不能{step.label}。")
    refuse_preparer(user, locked, step.action, step.label)
    before = locked.state
    locked.state = step.target
    locked.version += 1
    locked.save(update_fields=["state", "version", "updated"])
    summary = f"{step.label}：{DocState(before).label} → {DocState(step.target).label}"
    audit.log(
        user, step.action.value, summary + (f"（{note}）" if note else ""), organisation=locked.unit,
        document=locked, before={"状态": DocState(before).label}, after={"状态": DocState(step.target).label},
    )  # fmt: skip
    return locked


@transaction.atomic
def submit(user: AbstractBaseUser, document: TargetDocument) -> TargetDocument:
    """Submit for review; refused, listing them, while error-level findings remain."""
    require(user, Action.SUBMIT, document.unit)
    findings.lock_file(document)
    findings.refresh(document)
    errors = list(document.findings.filter(severity=Severity.ERROR).order_by("pk"))
    if errors:
        raise ServiceError(
            f"还有 {len(errors)} 个错误级问题，修改后才能提交。",
            [f"[{f.code}] {f.where}：{f.message}" for f in errors],
        )
    return _move(user, document, SUBMIT)


@transaction.atomic
def return_(user: AbstractBaseUser, document: TargetDocument, comment: str) -> TargetDocument:
    """Send back to the unit; a return always says why (the comment becomes 审核意见)."""
    if not comment.strip():
        raise ServiceError("退回时请填写审核意见，说明需要修改什么。")
    moved = _move(user, document, RETURN, comment.strip())
    Comment.objects.create(document=moved, author=user, text=comment.strip())
    return moved


@transaction.atomic
def dept_review(user: AbstractBaseUser, document: TargetDocument) -> TargetDocument:
    return _move(user, document, DEPT_REVIEW)


@transaction.atomic
def review(user: AbstractBaseUser, document: TargetDocument) -> TargetDocument:
    return _move(user, document, REVIEW)


@transaction.atomic
def approve(user: AbstractBaseUser, document: TargetDocument) -> TargetDocument:
    return _move(user, document, APPROVE)


@transaction.atomic
def publish(user: AbstractBaseUser, document: TargetDocument) -> TargetDocument:
    return _move(user, document, PUBLISH)


@transaction.atomic
def withdraw(user: AbstractBaseUser, document: TargetDocument) -> TargetDocument:
    return _move(user, document, WITHDRAW)


STEPS = {t.action.value: t for t in TRANSITIONS}


def perform(user: AbstractBaseUser, document: TargetDocument, action: str, comment: str = "") -> TargetDocument:
    """The transition named ``action`` (as in URLs and the API); only a return takes a comment."""
    if action == RETURN.action:
        return return_(user, document, comment)
    calls = {SUBMIT.action: submit, DEPT_REVIEW.action: dept_review, REVIEW.action: review, APPROVE.action: approve, PUBLISH.action: publish,
             WITHDRAW.action: withdraw}  # fmt: skip
    return calls[Action(action)](user, document)
