"""A finding names its section unambiguously: by part and position, not only by code and name."""

from __future__ import annotations

import dataclasses

from builders import doc, ind, project

from jixiao.review import review


def test_two_sections_with_the_same_code_and_name_are_told_apart():
    first = project(ind("数量指标", "城乡低保保障人数", "是/否"))
    twin = project(ind("数量指标", "城乡低保保障人数", "≥1200人"), ind("质量指标", "资金发放准确率", "是/否"))
    second_part = dataclasses.replace(doc(first, twin), part=2)
    placeholders = [f for f in review([second_part]) if f.location.field == "target" and "是/否" in f.evidence]
    assert {(f.location.part, f.location.section_index, f.location.row_no) for f in placeholders} == {(2, 1, 1), (2, 2, 2)}
    assert {(f.location.section_code, f.location.section_name) for f in placeholders} == {(first.code, first.name)}

