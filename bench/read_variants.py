"""Reading the corpus written in other forms: how well reading holds up on documents it never saw.

The real corpus (``../shared/corpus``) is scored as published. The same documents reach a finance
bureau in other forms too, so each is rewritten here and scored again with the corpus's own scorer:

* the pipe pages as TAB-separated text, as text with runs of spaces between cells (a PDF copy:
  empty cells vanish), one cell per line with blank lines between rows, CRLF with ideographic spaces;
* the pipe pages as real Word tables, worksheets and HTML tables (their merged cells left out, as
  the page text has them: rows start at the left, not under their headers). A page written one
  cell per line (`` |`` ends each cell) does not say where its rows end, so its table has one
  filled cell a row: readers take such a table for the lines of text it holds. Its lone ``|``
  lines (an empty cell, or a row's end) are dropped with the rule lines, so these forms of those
  pages tell less than the page text does;
* the real worksheets as PDF (printed to page width by LibreOffice), HTML and ``.xls``. A row whose
  fixed height is too small for its wrapped text is printed with the text running over the rows
  above and below it (clipped from view, but in the file), and a merged label over a page break
  partly off the page (``wuhan_donghu_2020``): the PDF reader puts both right.

    .venv/bin/python bench/read_variants.py [--corpus ../shared/corpus] [--only tab,docx]

Each form prints the scorer's last line (rows found and fields right); ``-v`` prints every form's
full report. The office forms need LibreOffice (``soffice``) for PDF and ``.xls``.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
_RULE = re.compile(r"^[\s|:+\-=—─]+$")


def _blocks(text: str, breaks: bool = False) -> list[str | list[list[str]]]:
    """A pipe page as paragraphs and tables (runs of pipe rows); blank and rule lines (a lone | ends
    a row of one cell per line) dropped, or kept as empty paragraphs with ``breaks``."""
    out: list[str | list[list[str]]] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            if breaks:
                out.append("")
            continue
        if "|" in stripped:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if out and isinstance(out[-1], list):
                out[-1].append(cells)
            else:
                out.append([cells])
        else:
            out.append(stripped)
    return out


def _text_form(row: Callable[[list[str]], list[str]]) -> Callable[[str], str]:
    def render(text: str) -> str:
        lines: list[str] = []
        for block in _blocks(text, breaks=True):
            lines += [block] if isinstance(block, str) else [line for cells in block for line in row(cells)]
        return "\n".join(lines)
    return render


TEXT_FORMS: dict[str, Callable[[str], str]] = {
    "tab": _text_form(lambda cells: ["\t".join(cells)]),
    "spaces": _text_form(lambda cells: ["   ".join(c for c in cells if c)]),
    "cellline": _text_form(lambda cells: [*cells, ""]),
    "crlf": lambda text: text.replace("\n", "\r\n").replace(" | ", "\u3000|\u3000"),
}


def _docx(blocks: list, path: Path) -> None:
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=max(len(r) for r in block))
        for r, cells in enumerate(block):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
    document.save(path)


def _xlsx(blocks: list, path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    for block in blocks:
        for cells in [[block]] if isinstance(block, str) else block:
            workbook.active.append(cells)
    workbook.save(path)


def _html(blocks: list, path: Path) -> None:
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
        else:
            rows = ("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>" for cells in block)
            parts.append("<table border=1>" + "".join(rows) + "</table>")
    path.write_text("".join(parts) + "</body></html>", encoding="utf-8")


TABLE_FORMS = {"docx": _docx, "xlsx": _xlsx, "html": _html}
SHEET_FORMS = ("pdf", "html", "xls")  # the real worksheets converted by LibreOffice


def _gold(corpus: Path, out: Path, rename: dict[str, str]) -> None:
    with open(corpus / "gold.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(out / "gold.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(dict(row, id=rename[row["id"]]) for row in rows if row["id"] in rename)


def text_variant(corpus: Path, out: Path, render: Callable[[str], str]) -> None:
    (out / "raw").mkdir(parents=True)
    if (corpus / "office").is_dir():  # a set of pages alone has none
        shutil.copytree(corpus / "office", out / "office")
    for path in (corpus / "raw").glob("*.txt"):
        (out / "raw" / path.name).write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    _gold(corpus, out, {row: row for row in _ids(corpus)})


def table_variant(corpus: Path, out: Path, kind: str) -> None:
    (out / "office").mkdir(parents=True)
    rename = {}
    for path in sorted((corpus / "raw").glob("*.txt")):
        blocks = _blocks(path.read_text(encoding="utf-8"))
        if any(isinstance(b, list) and len(b) > 1 for b in blocks):  # pages written as pipe tables
            rename[path.stem] = f"{path.stem}.{kind}"
            TABLE_FORMS[kind](blocks, out / "office" / rename[path.stem])
    _gold(corpus, out, rename)


def sheet_variant(corpus: Path, out: Path, kind: str) -> None:
    import openpyxl
    from openpyxl.worksheet.properties import PageSetupProperties

    (out / "office").mkdir(parents=True)
    rename = {}
    for path in sorted((corpus / "office").glob("*.xlsx")):
        fitted = out / path.name
        workbook = openpyxl.load_workbook(path)
        for sheet in workbook.worksheets:  # printed as a bureau prints it: one page wide
            sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
            sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        workbook.save(fitted)
        subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(out / "office"), str(fitted)],
                       check=True, capture_output=True, timeout=300)
        fitted.unlink()
        rename[path.name] = f"{path.stem}.{kind}"
    _gold(corpus, out, rename)


def _ids(corpus: Path) -> set[str]:
    with open(corpus / "gold.csv", encoding="utf-8-sig", newline="") as f:
        return {row["id"] for row in csv.DictReader(f)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", default="", help="comma-separated forms (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    forms: dict[str, Callable[[Path], None]] = {
        **{name: (lambda out, r=render: text_variant(args.corpus, out, r)) for name, render in TEXT_FORMS.items()},
        **{f"{kind}-tables": (lambda out, k=kind: table_variant(args.corpus, out, k)) for kind in TABLE_FORMS},
        **{f"sheets-{kind}": (lambda out, k=kind: sheet_variant(args.corpus, out, k)) for kind in SHEET_FORMS},
    }
    wanted = [f for f in forms if not args.only or f in args.only.split(",")]
    # A set of pages without a scorer of its own is scored by the corpus's.
    scorer = next(p for p in (args.corpus / "score.py", CORPUS / "score.py") if p.exists())
    score = [sys.executable, str(scorer), "--jixiao", str(Path(sys.executable).with_name("jixiao"))]
    with tempfile.TemporaryDirectory(prefix="jixiao-variants-") as folder:
        for name in wanted:
            out = Path(folder) / name
            forms[name](out)
            report = subprocess.run([*score, "--corpus", str(out)], capture_output=True, text=True, cwd=ROOT).stdout
            print(report if args.verbose else f"{name:14s} {report.strip().splitlines()[-1]}")
    print(f"repeat: {sys.executable} bench/read_variants.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
