"""Exported files render: LibreOffice turns the xlsx and docx into PDF, pdftoppm into PNG pages, and
pdftotext -raw (text in drawing order, so a wrapped cell reads whole) finds every project's name. Skipped without the programs, except in CI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.model.document import SectionKind
from jixiao.write.layouts import build_book
from jixiao.write.office.docx import book_docx
from jixiao.write.office.pdf import book_pdf
from jixiao.write.office.xlsx import book_xlsx

from .conftest import SEED_IDS

WRITERS = {"xlsx": book_xlsx, "docx": book_docx, "pdf": book_pdf}
NAMED = (SectionKind.PROJECT, SectionKind.SPECIAL_FUND, SectionKind.SPENDING_DIRECTION, SectionKind.FUNCTION, SectionKind.ACTIVITY, SectionKind.KEY_TASK)


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        message = f"missing {', '.join(missing)} (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def squeeze(text: str) -> str:
    """Without spaces and quote marks: LibreOffice draws “” in a fallback font, and pdftotext then
    puts them out of place."""
    return re.sub(r"[\s“”‘’\"']+", "", text)


@pytest.fixture(scope="module")
def rendered(results, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every seed in every format as PDF: LibreOffice converts the office files in one run each."""
    need("soffice", "pdftoppm", "pdftotext")
    folder = tmp_path_factory.mktemp("render")
    out: dict[tuple[str, str], Path] = {}
    for fmt, write in WRITERS.items():
        for seed, result in results.items():
            path = folder / fmt / f"{seed}.{fmt}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(write(build_book(result.documents)))
            out[(seed, fmt)] = path
    profile = (folder / "profile").as_uri()  # a profile of our own: another running soffice is not disturbed
    for fmt in ("xlsx", "docx"):
        files = sorted(str(p) for p in (folder / fmt).glob(f"*.{fmt}"))
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder / f"{fmt}-pdf"), *files],
            check=True, capture_output=True, timeout=600,
        )
        for seed in SEED_IDS:
            out[(seed, fmt)] = folder / f"{fmt}-pdf" / f"{seed}.pdf"
    return out


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("seed", SEED_IDS)
def test_pages_exist_and_show_every_name(rendered, results, seed, fmt, tmp_path):
    pdf = rendered[(seed, fmt)]
    assert pdf.is_file(), f"LibreOffice did not convert {seed}.{fmt}"
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(pdf), str(tmp_path / "page")], check=True, timeout=300)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 0 for p in pages)
    text = squeeze(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    names = [s.name for d in results[seed].documents for s in d.sections if s.kind in NAMED and s.name]
    assert names
    missing = [n for n in names if squeeze(n) not in text]
    assert not missing, missing
    if fmt == "pdf":  # our own PDF has a filled-in contents page
        assert "目录" in text and text.count("第一部分") >= 2  # in the contents and as a heading
