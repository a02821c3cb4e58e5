"""Administering the tree: new organisations below one's own, accounts and their roles.

An admin manages only the nodes under their admin membership; each change is one transaction
with the acting user explicit, a role check and an audit-log row. A new account gets a generated
password, shown once.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jixiao_web.models import Membership, Organisation, OrgKind, Role
from jixiao_web.services import audit
from jixiao_web.services.access import Action, require
from jixiao_web.services.errors import ServiceError, refuse_too_long

CHILD_KIND = {OrgKind.BUREAU: OrgKind.DEPARTMENT, OrgKind.DEPARTMENT: OrgKind.UNIT}


@transaction.atomic
def add_organisation(user: AbstractBaseUser, parent: Organisation, name: str, code: str = "") -> Organisation:
    """A department under a bureau, or a unit under a department."""
    require(user, Action.MANAGE, parent)
    kind = CHILD_KIND.get(OrgKind(parent.kind))
    if kind is None:
        raise ServiceError(f"“{parent.name}”是预算单位，下面不能再设机构。")
    if not name.strip():
        raise ServiceError("机构名称不能为空。")
    if parent.children.filter(name=name.strip()).exists():
        raise ServiceError(f"“{parent.name}”下已有“{name.strip()}”。")
    node = Organisation(kind=kind, name=name.strip(), code=code.strip(), parent=parent)
    refuse_too_long([("", node)], "未新增")
    node.save()
    audit.log(user, "add_org", f"新增{node.get_kind_display()}“{node.name}”（上级：{parent.name}）", organisation=node,
              after={"机构": node.name, "类型": node.get_kind_display(), "上级": parent.name})  # fmt: skip
    return node


# where in the tree each role is held: units file (a department's filer covers its units), a
# department approves its own, the finance bureau's sections review and approve
ROLE_PLACES: dict[str, tuple[str, ...]] = {
    Role.FILER: (OrgKind.UNIT, OrgKind.DEPARTMENT),
    Role.DEPT_APPROVER: (OrgKind.DEPARTMENT,),
    Role.BUSINESS_REVIEWER: (OrgKind.BUREAU,),
    Role.PERFORMANCE: (OrgKind.BUREAU,),
    Role.AUDITOR: (OrgKind.BUREAU, OrgKind.DEPARTMENT, OrgKind.UNIT),
    Role.ADMIN: (OrgKind.BUREAU, OrgKind.DEPARTMENT, OrgKind.UNIT),
}


def _username(username: str) -> str:
    """``username`` stripped, or ServiceError saying why it cannot be one."""
    username = username.strip()
    if not username:
        raise ServiceError("用户名不能为空。")
    try:
        get_user_model().username_validator(username)
    except ValidationError:
        raise ServiceError(f"用户名“{username}”不可用：只能由文字、数字和 @ . + - _ 组成，不含空格。") from None
    if len(username) > 150:
        raise ServiceError("用户名最长 150 个字符。")
    return username


@transaction.atomic
def first_bureau(name: str, username: str, password: str) -> Organisation:
    """A finance bureau at the top of a new tree and its first administrator (``jixiao init``):
    from there the administrator adds departments, units and accounts on the pages."""
    name, username = name.strip(), _username(username)
    if not name:
        raise ServiceError("财政局名称不能为空。")
    if Organisation.objects.filter(kind=OrgKind.BUREAU, parent=None, name=name).exists():
        raise ServiceError(f"已有财政局“{name}”，未改动。新增管理员请由现有管理员在“机构与账号”中授权。")
    if get_user_model().objects.filter(username=username).exists():
        raise ServiceError(f"已有用户“{username}”，未改动。请换一个用户名。")
    try:
        validate_password(password, get_user_model()(username=username))
    except ValidationError as exc:
        raise ServiceError("密码不符合要求，未创建：" + "".join(exc.messages)) from None
    bureau = Organisation(kind=OrgKind.BUREAU, name=name)
    refuse_too_long([("", bureau)], "未创建")
    bureau.save()
    account = get_user_model().objects.create_user(username, password=password)
    Membership.objects.create(user=account, organisation=bureau, role=Role.ADMIN)
    audit.log(None, "init", f"新建财政局“{name}”及管理员“{username}”", organisation=bureau, after={"财政局": name, "管理员": username})
    return bureau


@transaction.atomic
def grant(user: AbstractBaseUser, organisation: Organisation, username: str, role: str) -> tuple[Membership, str]:
    """Give ``username`` the ``role`` at ``organisation``, creating the account when it is new.
    Returns the membership and the new account's password ("" for an existing account)."""
    require(user, Action.MANAGE, organisation)
    username = _username(username)
    if role not in Role.values:
        raise ServiceError("没有这个角色。", ["可选：" + "、".join(Role.labels)])
    if organisation.kind not in ROLE_PLACES[role]:
        places = "或".join(OrgKind(k).label for k in ROLE_PLACES[role])
        raise ServiceError(f"{Role(role).label}只能授予在{places}，“{organisation.name}”是{organisation.get_kind_display()}。")
    account = get_user_model().objects.filter(username=username).first()
    password = ""
    if account is None:
        password = secrets.token_urlsafe(12)
        account = get_user_model().objects.create_user(username, password=password)
    membership, created = Membership.objects.get_or_create(user=account, organisation=organisation, role=role)
    if not created:
        raise ServiceError(f"“{username}”在“{organisation.name}”已经是{membership.get_role_display()}。")
    audit.log(user, "grant", f"授予“{username}”{membership.get_role_display()}（{organisation.name}）", organisation=organisation,
              after={"用户": username, "角色": membership.get_role_display(), "新账号": bool(password)})  # fmt: skip
    return membership, password


@transaction.atomic
def revoke(user: AbstractBaseUser, membership: Membership) -> None:
    require(user, Action.MANAGE, membership.organisation)
    if membership.user_id == user.pk and membership.role == Role.ADMIN:
        raise ServiceError("不能撤销自己的管理员角色（以免无人管理）；请由其他管理员操作。")
    label = f"“{membership.user.username}”的{membership.get_role_display()}（{membership.organisation.name}）"
    membership.delete()
    audit.log(user, "revoke", f"撤销{label}", organisation=membership.organisation, before={"授权": label})
