"""How much room a text needs, in the character widths worksheet columns are measured in."""

from __future__ import annotations

import math
import unicodedata


def text_width(text: str) -> int:
    """Display width of one line: East Asian wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide."""
    # measured in LibreOffice at 10.5 pt: a column of width w holds about 0.55·w Chinese characters
    room = max(width * 1.1 - 1, 1)
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n")) if text else 1
