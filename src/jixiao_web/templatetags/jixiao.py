"""Template filters that show core values the way the core describes them."""

from __future__ import annotations

from functools import lru_cache

from django import template

from jixiao.values.parse import parse_target
from jixiao.write.terminal import describe_value

register = template.Library()


@register.filter
@lru_cache(maxsize=8192)
def parsed(raw: str) -> str:
    """How the core reads a target text, e.g. ``定量 ≥ 95 %``."""
    return describe_value(parse_target(raw or "")).plain
