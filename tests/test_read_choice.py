"""How a reading is chosen among the readers (jixiao.read._extract)."""

from __future__ import annotations

import pytest

import jixiao.read as reading
from jixiao.read.base import ReadResult, Recognition

TABLE = "\n".join([
    "一级指标 | 二级指标 | 三级指标 | 指标值",
    "产出指标 | 数量指标 | 补贴人数 | ≥120人",
    "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90%",
])


class SureButEmpty:
    """A layout reader sure of its form that finds no indicator in it."""

    name, description = "sure_but_empty", "测试用版式"

    def __init__(self, score: float):
        self.score = score

    def identify(self, source):
        return Recognition(self.score, "测试")

    def extract(self, source):
        return ReadResult([], [])


@pytest.fixture
def layout(monkeypatch):
    def install(score: float) -> None:
        monkeypatch.setattr(reading, "LAYOUT_READERS", (SureButEmpty(score),))
    return install


def test_a_layout_reader_sure_of_its_form_is_chosen_without_asking_the_general_ones(layout, monkeypatch):
    asked = []
    for general in reading.GENERAL_READERS:
        monkeypatch.setattr(type(general), "identify", lambda self, source: asked.append(self) or Recognition(0.4, ""))
    monkeypatch.setattr(SureButEmpty, "extract", lambda self, source: reading.GENERAL_READERS[0].extract(source))
    layout(reading.GENERAL_CEILING)
    assert reading.read_text(TABLE, "t.txt").reader == "sure_but_empty"
    assert asked == []


def test_a_layout_reader_that_finds_no_indicator_gives_way_to_a_general_reading(layout):
    layout(0.95)
    result = reading.read_text(TABLE, "t.txt")
    assert result.reader in {r.name for r in reading.GENERAL_READERS}
    assert [i.level3 for d in result.documents for s in d.sections for i in s.indicators] == ["补贴人数", "群众满意度"]
    assert "sure_but_empty 认出了版式，但没有读出指标，再试通用读取器" in result.explain
    # with nothing for the general readers either, the layout reading stands
    assert reading.read_text("某县民政局\n单位：万元", "t.txt").reader == "sure_but_empty"
