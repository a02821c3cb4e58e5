"""Template filters that show core values the way the core describes them, and what the menu offers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django import template

from jixiao.values.parse import parse_target
from jixiao.write.terminal import describe_value
from jixiao_web.models import Role
from jixiao_web.services.access import ALLOWED, Action, memberships
from jixiao_web.services.actuals import describe

register = template.Library()


@register.filter
@lru_cache(maxsize=8192)
def parsed(raw: str) -> str:
    """How the core reads a target text, e.g. ``定量 ≥ 95 %``."""
    return describe_value(parse_target(raw or "")).plain


@register.filter
def administers(user) -> bool:
    """Whether the menu shows 机构与账号 (the pages themselves check again)."""
    return any(m.role == Role.ADMIN for m in memberships(user))


@register.filter
def imports(user) -> bool:
    """Whether the menu shows 导入 and 批量导入: only roles that may import somewhere."""
    return any(m.role in ALLOWED[Action.EDIT] for m in memberships(user))


@register.filter
def roles(user) -> str:
    """The user's roles and where they hold them, for the header: 单位填报（某局本级）."""
    return "、".join(f"{m.get_role_display()}（{m.organisation.name}）" for m in memberships(user)) or "未授权"


@register.filter
def percent(value: Decimal | None) -> str:
    """A core percent shown with two decimals, as the self-evaluation writes rates: 33.33%; — when none.
    The core keeps it exact; this is display only."""
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


@register.filter
def finding(value) -> str:
    """A core finding as a clerk reads it in the web: level, code, message, place, suggestion — once each."""
    return describe(value)
