"""Who may see and do what: a user's place in the organisation tree and their roles.

A membership at a node covers that node and everything below it. Access-checked getters follow
one rule everywhere: an object outside every node the user belongs to is 404 (its existence does
not leak); an object in sight but an action the user's roles do not allow is 403.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from jixiao_web.models import Membership, Organisation, OrgKind, Role, TargetDocument, TargetSection, YearRound


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # change a draft or returned document, import into a unit
    COMMENT = "comment"
    SUBMIT = "submit"
    RETURN = "return"
    DEPT_REVIEW = "dept_review"  # 主管部门 passes it on to the finance bureau: 部门已审核
    REVIEW = "review"  # 业务股室 passes it: 已审核
    APPROVE = "approve"  # 绩效股 approves: 已批复
    PUBLISH = "publish"
    WITHDRAW = "withdraw"  # take a publication back: the public portal no longer shows it
    OPEN_ROUND = "open_round"  # start a monitoring round or the self-evaluation of a published document
    ENTER_ACTUALS = "enter_actuals"
    ACCEPT_ROUND = "accept_round"
    MANAGE = "manage"  # organisations below one's own, and who holds which role there


ALLOWED: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset(Role.values),
    Action.EDIT: frozenset({Role.FILER, Role.ADMIN}),
    Action.COMMENT: frozenset({Role.DEPT_APPROVER, Role.BUSINESS_REVIEWER, Role.PERFORMANCE, Role.ADMIN}),
    Action.SUBMIT: frozenset({Role.FILER, Role.ADMIN}),
    Action.RETURN: frozenset({Role.DEPT_APPROVER, Role.BUSINESS_REVIEWER, Role.PERFORMANCE, Role.ADMIN}),
    Action.DEPT_REVIEW: frozenset({Role.DEPT_APPROVER, Role.ADMIN}),
    Action.REVIEW: frozenset({Role.BUSINESS_REVIEWER, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.PERFORMANCE, Role.ADMIN}),
    Action.PUBLISH: frozenset({Role.PERFORMANCE, Role.ADMIN}),
    Action.WITHDRAW: frozenset({Role.PERFORMANCE, Role.ADMIN}),
    Action.OPEN_ROUND: frozenset({Role.PERFORMANCE, Role.ADMIN}),
    Action.ENTER_ACTUALS: frozenset({Role.FILER, Role.ADMIN}),
    Action.ACCEPT_ROUND: frozenset({Role.PERFORMANCE, Role.ADMIN}),
    Action.MANAGE: frozenset({Role.ADMIN}),
}


def memberships(user: AbstractBaseUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_jixiao_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).select_related("organisation"))
        user._jixiao_memberships = cache
    return cache


def _covering(user: AbstractBaseUser, org: Organisation) -> list[Membership]:
    return [m for m in memberships(user) if org.path.startswith(m.organisation.path)]


# The steps that judge a unit's documents or actuals. Separation of duties: they are never taken by
# the side that prepares them (``preparing``), whatever else that user holds.
JUDGING = frozenset({Action.RETURN, Action.DEPT_REVIEW, Action.REVIEW, Action.APPROVE, Action.PUBLISH, Action.WITHDRAW, Action.ACCEPT_ROUND})


def preparing(membership: Membership) -> bool:
    """A membership of the preparing side: a role that edits documents held below the finance
    bureau (a unit's or department's filer or administrator)."""
    return membership.role in ALLOWED[Action.EDIT] and membership.organisation.kind != OrgKind.BUREAU


def can(user: AbstractBaseUser, action: Action, org: Organisation) -> bool:
    covering = _covering(user, org)
    if action in JUDGING and any(preparing(m) for m in covering):
        return False
    return any(m.role in ALLOWED[action] for m in covering)


def roles_here(user: AbstractBaseUser, org: Organisation) -> set[str]:
    return {m.role for m in _covering(user, org)}


def _under(user: AbstractBaseUser, field: str, roles: frozenset[str] | None = None) -> Q:
    paths = {m.organisation.path for m in memberships(user) if roles is None or m.role in roles}
    if not paths:
        return Q(pk__in=[])
    query = Q()
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


# What a user did to a document that makes them one who prepared it (audit actions).
PREPARING = ("import", "edit", "submit", "actuals", "round_submit")


def prepared(user: AbstractBaseUser, document: TargetDocument) -> bool:
    """Whether ``user`` imported, edited or submitted ``document`` (or its actuals): then they never
    judge it, whatever roles they hold (a finance-bureau administrator who fixed it, say)."""
    return document.created_by_id == user.pk or document.audit.filter(actor=user, action__in=PREPARING).exists()


def refuse_preparer(user: AbstractBaseUser, document: TargetDocument, action: Action, doing: str) -> None:
    """403 when ``action`` judges ``document`` and ``user`` prepared it (``doing`` names the step)."""
    if action in JUDGING and prepared(user, document):
        raise PermissionDenied(f"您参与了这份文档的编制（导入、修改或报送），不能{doing}：编制与审核须由不同的人办理。")


def not_preparer(user: AbstractBaseUser, document: TargetDocument, steps: list) -> list:
    """``steps`` (each with an ``action``) less the judging ones when ``user`` prepared ``document``."""
    if any(s.action in JUDGING for s in steps) and prepared(user, document):
        return [s for s in steps if s.action not in JUDGING]
    return steps


def visible_units(user: AbstractBaseUser, action: Action = Action.VIEW) -> QuerySet[Organisation]:
    return Organisation.objects.filter(_under(user, "path", ALLOWED[action]), kind=OrgKind.UNIT)


def visible_documents(user: AbstractBaseUser) -> QuerySet[TargetDocument]:
    return TargetDocument.objects.filter(_under(user, "unit__path"))


def require(user: AbstractBaseUser, action: Action, org: Organisation) -> None:
    """403 unless one of the user's roles covering ``org`` allows ``action``."""
    if action in JUDGING and any(preparing(m) for m in _covering(user, org)):
        raise PermissionDenied(f"您在“{org.name}”负责编制和报送，不能审核、批复或公开它的材料（编制与审核须由不同的人办理）。")
    if not can(user, action, org):
        raise PermissionDenied(f"您的角色不能在“{org.name}”执行此操作。")


def get_document(user: AbstractBaseUser, pk: int, action: Action = Action.VIEW) -> TargetDocument:
    document = visible_documents(user).select_related("unit").filter(pk=pk).first()
    if document is None:
        raise Http404("没有找到该文档。")
    require(user, action, document.unit)
    return document


def get_section(user: AbstractBaseUser, pk: int, action: Action = Action.VIEW) -> TargetSection:
    section = (
        TargetSection.objects.filter(_under(user, "document__unit__path"), pk=pk)
        .select_related("document", "document__unit")
        .first()
    )
    if section is None:
        raise Http404("没有找到该章节。")
    require(user, action, section.document.unit)
    return section


def get_round(user: AbstractBaseUser, pk: int, action: Action = Action.VIEW) -> YearRound:
    round_ = YearRound.objects.filter(_under(user, "document__unit__path"), pk=pk).select_related("document", "document__unit").first()
    if round_ is None:
        raise Http404("没有找到该填报轮次。")
    require(user, action, round_.document.unit)
    return round_


def managed(user: AbstractBaseUser) -> QuerySet[Organisation]:
    """The organisations this user administers: every node under an admin membership."""
    return Organisation.objects.filter(_under(user, "path", ALLOWED[Action.MANAGE]))


def get_unit(user: AbstractBaseUser, pk: int, action: Action) -> Organisation:
    unit = Organisation.objects.filter(_under(user, "path"), pk=pk).first()
    if unit is None:
        raise Http404("没有找到该单位。")
    require(user, action, unit)
    return unit
