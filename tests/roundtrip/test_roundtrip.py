"""Round trips: every seed read, exported with ``jixiao export`` and read back gives the same model —
straight from jixiao's xlsx and docx, after LibreOffice has opened and re-saved them, and (names and
targets only) from the PDF. ``model_diff`` says which field of which indicator differs."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from export.test_render import need
from jixiao.cli.export import render
from jixiao.read import read_bytes, read_path
from jixiao.read.base import ReadResult

from .model_diff import model_diff

SAMPLES = Path(__file__).parents[2] / "src" / "jixiao" / "samples"
SEED_IDS = [p.name[:3] for p in sorted(SAMPLES.glob("*.txt"))]
OFFICE = ("xlsx", "docx")
# LibreOffice's export filters for a re-save in the same format.
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "docx": "docx:MS Word 2007 XML"}

# Differences that are right by design, as exact diff lines. The untitled project part of seed 002
# is headed 第二部分 项目支出绩效目标表 in Word, and a reader rightly takes that as its title.
BY_DESIGN = {("002", "docx"): ["documents[1].title: '' != '项目支出绩效目标表'"]}


def _cases(formats):
    return [pytest.param(seed, fmt, id=f"{seed}-{fmt}") for seed in SEED_IDS for fmt in formats]


@pytest.fixture(scope="module")
def originals() -> dict[str, ReadResult]:
    return {p.name[:3]: read_path(p) for p in sorted(SAMPLES.glob("*.txt"))}


@pytest.fixture(scope="module")
def exported(originals, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every seed as xlsx and docx, written the way ``jixiao export`` writes them."""
    folder = tmp_path_factory.mktemp("exported")
    out = {}
    for (seed, result) in originals.items():
        for fmt in OFFICE:
            out[seed, fmt] = folder / fmt / f"{seed}.{fmt}"
            out[seed, fmt].parent.mkdir(exist_ok=True)
            out[seed, fmt].write_bytes(render(result, fmt))
    return out


@pytest.fixture(scope="module")
def resaved(exported, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The exported files opened and saved again by LibreOffice: one soffice run per format."""
    need("soffice")
    folder = tmp_path_factory.mktemp("resaved")
    profile = (folder / "profile").as_uri()  # a profile of our own: parallel runs do not collide
    for fmt in OFFICE:
        files = sorted(str(path) for (_, f), path in exported.items() if f == fmt)
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", FILTERS[fmt],
                        "--outdir", str(folder / fmt), *files], check=True, capture_output=True, timeout=600)
    return {(seed, fmt): folder / fmt / path.name for (seed, fmt), path in exported.items()}


def names_and_targets(result: ReadResult) -> Counter:
    return Counter((i.level3, i.target_raw) for d in result.documents for s in d.sections for i in s.indicators)


def read_back(path: Path) -> ReadResult:
    return read_bytes(path.read_bytes(), path.name)


def test_model_diff_names_the_field_that_differs(originals):
    """The comparison itself: equal for a model and its re-read, precise when one field changes."""
    again = read_path(next(SAMPLES.glob("003_*.txt")))
    assert model_diff(originals["003"].documents, again.documents) == []
    indicator = again.documents[0].sections[-1].indicators[2]
    indicator.target_raw += "以上"
    again.documents[0].sections[1].amounts.total = None
    assert model_diff(originals["003"].documents, again.documents) == [
        f"documents[0].sections[1].amounts.total: {originals['003'].documents[0].sections[1].amounts.total.value!r} != None",
        f"documents[0].sections[{len(again.documents[0].sections) - 1}].indicators[2].target_raw: "
        f"{indicator.target_raw[:-2]!r} != {indicator.target_raw!r}",
    ]


@pytest.mark.parametrize(("seed", "fmt"), _cases(OFFICE))
def test_export_then_read_gives_the_same_model(originals, exported, seed, fmt):
    assert model_diff(originals[seed].documents, read_back(exported[seed, fmt]).documents) == BY_DESIGN.get((seed, fmt), [])


@pytest.mark.parametrize(("seed", "fmt"), _cases(OFFICE))
def test_libreoffice_resave_reads_to_the_same_model(originals, resaved, seed, fmt):
    assert model_diff(originals[seed].documents, read_back(resaved[seed, fmt]).documents) == BY_DESIGN.get((seed, fmt), [])


# PDF → text loses the grid, so only the indicators' names and targets are held to the original.
# Each seed's differences are named, in both directions, so that the test fails if more go wrong
# or one gets fixed (002's three targets that lost a closing 。 hanging past the cell's rule are
# exact since the writer keeps it inside the cell).
PDF_CHANGES = {"000": ({}, {}), "001": ({}, {}), "002": ({}, {}), "003": ({}, {}), "004": ({}, {})}
assert sorted(PDF_CHANGES) == SEED_IDS


@pytest.mark.parametrize("seed", list(PDF_CHANGES))
def test_pdf_export_reads_back_indicator_names_and_targets(originals, seed):
    back = names_and_targets(read_bytes(render(originals[seed], "pdf"), f"{seed}.pdf"))
    original = names_and_targets(originals[seed])
    assert (original - back, back - original) == tuple(Counter(c) for c in PDF_CHANGES[seed])


@pytest.mark.parametrize("seed", [s for s in SEED_IDS if s != "002"])
def test_pdf_export_reads_back_the_same_model(originals, seed):
    """The whole model, not only names and targets: 000's activities keep their indentation (the
    writer draws the full-width spaces, the reader takes them back), the cover and contents are
    not read as text, and a paragraph wrapped over lines is one text. 002 is left out: its
    multi-line goals come back as one line, as every line break inside a PDF cell does."""
    assert model_diff(originals[seed].documents, read_bytes(render(originals[seed], "pdf"), f"{seed}.pdf").documents) == []
