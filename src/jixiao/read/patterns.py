"""Text patterns several readers share, so that they agree on what a year or a unit line is."""

from __future__ import annotations

import re

from jixiao.lazy_re import compile_later

# A year as titles and names write it: 2019年, 2024 年度 (group 1: the year).
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

# A line (or cell) that gives the money unit of a table: 单位：万元, 金额单位：元 (group 1: the unit).
UNIT_LINE = re.compile(r"^(?:金额)?单位[：:]\s*(亿元|万元|千元|元)$")

# A page number left in the text of a PDF (第 1 页, 第1页，共3页, - 2 -, 2/5): print furniture, not a cell.
PAGE_NUMBER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[，,/共]\s*共?\s*\d+\s*页)?|[-—]\s*\d+\s*[-—]|\d+\s*/\s*\d+)$")

# Two Chinese letters in a row: a cell that says something in words (a name), not a value or a code.
WORDS = compile_later(r"[\u4e00-\u9fff]{2}")
