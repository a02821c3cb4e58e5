"""Which way is better for an indicator (反向指标), judged from its name.

Shared by the review rules (a ``≥`` on a cost is the wrong direction) and by monitoring and
scoring (a cost that overshoots its cap loses points). The word lists are data:
``model/data/polarity.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources

from jixiao.model.document import Indicator

NAME_TRIM = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[(（]\d{1,2}[)）])\s*|[\s。，,.;；]+$")  # numbering; punctuation


@cache
def _words() -> dict[str, list[str]]:
    text = (resources.files("jixiao.model") / "data" / "polarity.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["polarity"]


def indicator_name(ind: Indicator) -> str:
    """The name the indicator is judged by: 三级指标, or the description when there is none."""
    return NAME_TRIM.sub("", ind.level3 or ind.description)


@lru_cache(maxsize=65536)
def lower_is_better(name: str) -> bool:
    """A 反向指标: costs, durations, error and complaint rates (成本控制率 is not)."""
    words = _words()
    if name.endswith(tuple(words["higher_overrides"])):
        return False
    return any(w in name for w in words["lower"])
