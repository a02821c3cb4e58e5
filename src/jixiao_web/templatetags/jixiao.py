"""Template filters that show core values the way the core describes them, and what the menu offers."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape as _escape

from django import template
from django.template.defaultfilters import date
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

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


_SPECIAL = re.compile("[&<>\"']")  # what html.escape replaces


def escape(value) -> str:
    """What Django's ``escape`` writes, without its check for lazy text (none is written here): the
    rows below call it a few thousand times a page, mostly on text with nothing to escape, which is
    returned as it is (a third of the cost of escaping it)."""
    text = str(value)
    return _escape(text) if _SPECIAL.search(text) else text


# The small pieces repeated on every row of a page (a document page has about 80 rows, each with its
# findings, comments and comment form): written here in Python, not as included templates, because
# the template engine's includes took most of the page's time. Values are escaped as the template
# engine escapes them.


@register.filter
def findings(items) -> SafeString:
    """Stored findings as the pages list them: level, code, message, the text quoted, the suggestion."""
    out = []
    for f in items:
        out.append(f'<div class="finding sev-{escape(f.severity)}"><b>[{escape(f.code)} {escape(f.severity_label)}]</b> {escape(f.message)}')
        if f.evidence:
            out.append(f'<span class="muted">（原文：{escape(f.evidence)}）</span>')
        if f.suggestion:
            out.append(f'<div class="suggest">建议：{escape(f.suggestion)}</div>')
        out.append("</div>")
    return mark_safe("".join(out))


@register.filter
def comments(items) -> SafeString:
    """Reviewers' comments: the cell they are on, the text, who wrote it and when."""
    out = []
    for c in items:
        label = f"（{escape(c.field_label)}）" if c.field_label else ""
        who = (c.author.first_name or c.author.username) if c.author else ""
        out.append(
            f'<div class="comment"><b>审核意见{label}</b> {escape(c.text)} '
            f'<span class="muted small">— {escape(who)} {date(template_localtime(c.created), "m-d H:i")}</span></div>'
        )
    return mark_safe("".join(out))


@register.filter
def state(doc) -> SafeString:
    """A document's state as a badge."""
    return mark_safe(f'<span class="state state-{escape(doc.state)}">{escape(doc.get_state_display())}</span>')


@register.simple_tag(takes_context=True)
def comment_form(context, section_pk="", row_no="", options="") -> SafeString:
    """The form to comment on the document or a section (``section_pk``), offering the cells
    ``options``; nothing for a user who may not comment. Posts to the page's ``comment_url``."""
    if not context.get("can_comment"):
        return mark_safe("")
    return comment_form_html(str(context["csrf_token"]), context["comment_url"], section_pk, row_no, options)


def comment_form_html(token: str, url: str, section_pk="", row_no="", options="") -> SafeString:
    """The comment form on a section's row ``row_no`` (or on the section, the document), with the
    request's CSRF ``token``."""
    choices = (
        f'<label class="inline">针对 <select name="field"><option value="">{"整行" if row_no else "整节"}</option>{options}</select></label>'
        if options
        else ""
    )
    return mark_safe(
        '<details class="add-comment"><summary>写意见</summary>\n'
        f'<form method="post" action="{escape(url)}"><input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">\n'
        f'<input type="hidden" name="section" value="{escape(section_pk or "")}"><input type="hidden" name="row" value="{escape(row_no or "")}">\n'
        f'{choices}\n<textarea name="text" rows="2" required placeholder="指出哪里需要修改、为什么、改成什么样"></textarea><button type="submit">保存意见</button></form></details>'
    )
