"""Regular expressions compiled when first used.

Compiling a pattern with CJK ranges (``[\\u3400-\\u9fff]``) takes about a millisecond a range, and
every process paid for all of the readers' patterns at import (0.1 s of `jixiao read`'s start-up),
while a file only needs those of its layout. The big ones of layouts that most files are not
(glued text, indicator streams) are compiled on first use instead.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled at the first use of a method or attribute other than
    ``pattern``. The compiled pattern's attributes are then set on this object, so later calls are
    plain attribute look-ups, as fast as on a compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern  # readable before compiling: other patterns are built from it
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self.pattern, self._flags)
        for attribute in ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
                          "flags", "groups", "groupindex", "scanner"):
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def compile_later(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used (typed as one: it answers the same methods)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
