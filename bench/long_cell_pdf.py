"""Seed 002 with one project's goal and one indicator's description and target made very long, exported to PDF and
read back: the writer must lay out a cell taller than several pages in bounded memory and time.

    /usr/bin/time -v .venv/bin/python bench/long_cell_pdf.py [--chars 20000]

Reports the PDF's pages, the seconds taken to write and to read it, and whether the long texts
read back whole; /usr/bin/time -v gives the peak resident memory ("Maximum resident set size").
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pdfplumber

from jixiao.cli.export import render
from jixiao.read import read_bytes, read_path

SEED = next((Path(__file__).parents[1] / "src" / "jixiao" / "samples").glob("002_*.txt"))


def long_text(chars: int, mark: str) -> str:
    """A clerk's kind of long text: numbered clauses, no line breaks, ``mark`` in none of the seeds."""
    clause, out, n = "", [], 0
    while sum(map(len, out)) < chars:
        n += 1
        clause = f"{n}.按规定程序审核发放{mark}资金到位，做到应保尽保、应退尽退；"
        out.append(clause)
    return "".join(out)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=20000)
    args = parser.parse_args()
    result = read_path(SEED)
    section = next(s for d in result.documents for s in d.sections if s.indicators and s.goal)
    section.goal = long_text(args.chars, "甲")
    section.indicators[0].description = long_text(args.chars, "丙")
    section.indicators[0].target_raw = long_text(args.chars, "乙")
    start = time.perf_counter()
    data = render(result, "pdf")
    written = time.perf_counter() - start
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    start = time.perf_counter()
    back = read_bytes(data, "long.pdf")
    read = time.perf_counter() - start
    again = next(s for d in back.documents for s in d.sections if s.name == section.name)
    print(f"{args.chars} characters: {pages} pages, {len(data) / 1e6:.1f} MB, written in {written:.1f} s, read in {read:.1f} s")
    first, back_first = section.indicators[0], again.indicators[0]
    print(f"read back whole: goal {again.goal == section.goal}, description {back_first.description == first.description}, "
          f"target {back_first.target_raw == first.target_raw}")


if __name__ == "__main__":
    main()
