"""Target text → typed value. (Stub: replaced by the full parser.)"""

from __future__ import annotations

from jixiao.values.types import Empty, Qualitative, TargetValue


def parse_target(raw: str) -> TargetValue:
    text = raw.strip()
    if not text:
        return Empty(raw=raw)
    return Qualitative(text, raw=raw)
