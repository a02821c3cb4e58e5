"""Seeds read once per test session, and their books, for the export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read_path, read_text
from jixiao.read.base import ReadResult
from jixiao.write.layouts import Book, build_book

SAMPLES = Path(__file__).parents[2] / "src" / "jixiao" / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))
SEED_IDS = [p.name[:3] for p in SEEDS]

# A general indicator table whose texts look like spreadsheet formulas.
HOSTILE = (
    "=HYPERLINK(\"http://example.invalid\",\"点击\")项目绩效目标表\n\n"
    "项目名称\t=1+1\n单位：万元\n\n"
    "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据\n"
    "产出指标\t数量指标\t=SUM(A1:A9)\t≥10人\t@cmd\n"
    "\t\t+救助人数\t-5\t-依据\n"
)


@pytest.fixture(scope="session")
def results() -> dict[str, ReadResult]:
    return {p.name[:3]: read_path(p) for p in SEEDS}


@pytest.fixture(scope="session")
def books(results) -> dict[str, Book]:
    return {seed: build_book(r.documents) for seed, r in results.items()}


@pytest.fixture(scope="session")
def hostile() -> ReadResult:
    return read_text(HOSTILE, "hostile.txt")
