"""Word, Excel, HTML and PDF files of the seeds' layouts read like the seeds themselves.

The files are built from the seeds' text grids (``office_fixtures``); the expected rows are the
hand-checked gold annotation, compared as ``tests/test_gold.py`` compares the text seeds. Only
``src_line`` is left out: it is a line of the text form, and office locations carry an origin in
the original file instead (checked separately below).
"""

from __future__ import annotations

import csv
from functools import partial
from pathlib import Path

import pytest
from office_fixtures import INDENTS, SAMPLES, cell_per_line_parts, row_per_line_parts, seed_text, to_docx, to_html, to_xlsx
from roundtrip.model_diff import model_diff
import test_gold
from test_gold import INDICATOR_FIELDS, SECTION_FIELDS, compare, gold, section_key

from jixiao.cli import main
from jixiao.model.document import SectionKind
from jixiao.model.source import Origin
from jixiao.read import read_bytes, read_path
from jixiao.read.tabbed import DEPARTMENT_SECTION
from jixiao.write.tables import section_rows

SEEDS = {p.name[:3]: p.name for p in SAMPLES.glob("*.txt")}
# 000, 002, 004 are Word tables exported cell per line; 001, 003 are row per line
PARTS = {"000": cell_per_line_parts, "001": row_per_line_parts, "002": cell_per_line_parts,
         "003": row_per_line_parts, "004": cell_per_line_parts}
# Web pages are tested with the row layouts government sites publish (001, 003); seed 000, whose
# activities nest by indentation, in every way a page indents (test_html_keeps_the_indentation…).
CASES = [(seed, ext) for seed in sorted(PARTS) for ext in ("docx", "xlsx")] + [("001", "html"), ("003", "html")]
BUILDERS = {"docx": to_docx, "xlsx": to_xlsx, "html": to_html, "one-sheet.xlsx": partial(to_xlsx, one_sheet=True)}
COMMITTED = Path(__file__).parent / "inputs" / "office"


@pytest.fixture(scope="module")
def office_file(tmp_path_factory):
    made: dict[tuple[str, str], Path] = {}

    def build(seed: str, ext: str) -> Path:
        if (seed, ext) not in made:
            path = tmp_path_factory.mktemp("office") / f"seed{seed}.{ext}"
            path.write_bytes(BUILDERS[ext](PARTS[seed](seed_text(seed))))
            made[seed, ext] = path
        return made[seed, ext]

    return build


def cli_indicator_rows(path: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "rows.csv"
    assert main(["read", str(path), "--format", "indicators-csv", "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def assert_gold_indicators(seed: str, rows: list[dict[str, str]]) -> None:
    """The CLI's indicator rows against the gold rows, matched as in test_gold (section, row)."""
    name = SEEDS[seed]
    gold_sections = {g["section_id"]: g for g in gold("sections.csv", name)}
    ours: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in rows:
        ours.setdefault(section_key(row["unit"], row["section_code"], row["section_name"]), []).append(row)
    departments = [k for k in ours if k[2] == DEPARTMENT_SECTION]
    pairs, missing = [], []
    for g in gold("indicators.csv", name):
        if g["section_id"]:
            gs = gold_sections[g["section_id"]]
            key = section_key(gs["org_line"], gs["code"], gs["name"])
        else:  # the document-level indicator table (one per seed)
            key = departments[0] if len(departments) == 1 else None
        match = [r for r in ours.get(key, []) if r["row_no"] == g["row_no"]]
        if match:
            pairs.append((f"{g['section_id']}#{g['row_no']}", match[0], g))
        else:
            missing.append(f"{g['section_id']}#{g['row_no']}")
    accuracy, diffs = compare(pairs, INDICATOR_FIELDS)
    assert not missing and accuracy == 1.0, "\n".join(["missing: " + ", ".join(missing[:40]), *diffs[:40]])
    assert len(rows) == len(pairs)


def assert_gold_sections(seed: str, result) -> None:
    fields = {k: v for k, v in SECTION_FIELDS.items() if k != "src_line"}
    ours: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in section_rows(result.documents):
        ours.setdefault(section_key(row["unit"], row["section_code"], row["section_name"]), []).append(row)
    pairs, missing = [], []
    for g in gold("sections.csv", SEEDS[seed]):
        candidates = ours.get(section_key(g["org_line"], g["code"], g["name"]), [])
        if candidates:
            pairs.append((g["section_id"], candidates.pop(0), g))
        else:
            missing.append(g["section_id"])
    accuracy, diffs = compare(pairs, fields)
    assert not missing and accuracy == 1.0, "\n".join(["missing: " + ", ".join(missing), *diffs[:40]])


@pytest.mark.parametrize("ext", ["docx", "xlsx", "one-sheet.xlsx"])
def test_jixiao_read_of_seed_002_layout_gives_the_gold_rows(office_file, tmp_path, ext):
    assert_gold_indicators("002", cli_indicator_rows(office_file("002", ext), tmp_path))


@pytest.mark.parametrize(("seed", "ext"), [c for c in CASES if c[0] != "002"])
def test_every_seed_layout_gives_the_gold_rows(office_file, tmp_path, seed, ext):
    assert_gold_indicators(seed, cli_indicator_rows(office_file(seed, ext), tmp_path))


@pytest.mark.parametrize(("seed", "ext"), CASES)
def test_sections_and_documents_match_gold(office_file, seed, ext):
    result = read_path(office_file(seed, ext))
    assert_gold_sections(seed, result)
    # documents.csv is keyed by the seed file name, not the file read
    test_gold.test_documents_match_gold((SEEDS[seed], result))


def test_same_model_as_the_text_seed(office_file):
    """Apart from locations, the .docx and .xlsx give exactly what the seed text gives."""
    text = read_bytes(seed_text("002").encode(), "seed.txt")
    for ext in ("docx", "xlsx"):
        office = read_path(office_file("002", ext))
        assert [d.title for d in office.documents] == [d.title for d in text.documents]
        ours = [(s.code, s.name, s.amounts, [(i.level1, i.level2, i.level3, i.target) for i in s.indicators])
                for d in office.documents for s in d.sections]
        theirs = [(s.code, s.name, s.amounts, [(i.level1, i.level2, i.level3, i.target) for i in s.indicators])
                  for d in text.documents for s in d.sections]
        assert ours == theirs
        assert [(f.code, f.message) for f in office.findings] == [(f.code, f.message) for f in text.findings]


@pytest.mark.parametrize("indent", INDENTS)
def test_html_keeps_the_indentation_that_nests_activities(indent):
    """Seed 000 marks activities by indenting their names; a web page of it, however it writes
    the indentation, reads to the text seed's model."""
    text = read_bytes(seed_text("000").encode(), "000.txt")
    page = read_bytes(to_html(cell_per_line_parts(seed_text("000")), indent), "000.html")
    assert sum(s.kind == SectionKind.ACTIVITY for d in page.documents for s in d.sections) >= 10
    assert model_diff(text.documents, page.documents) == []


def _indicator(result, level3: str):
    return next(i for d in result.documents for s in d.sections for i in s.indicators if i.level3 == level3)


def _row_of(part_rows: list[list[str]], text: str) -> int:
    return next(r for r, row in enumerate(part_rows, 1) if any(c.strip() == text for c in row))


def test_locations_point_into_the_original_file(office_file):
    parts = cell_per_line_parts(seed_text("002"))
    rows = parts[1].rows  # the first project table, 汽车保险费 (part 0 is the book's first part)
    expected_row = _row_of(rows, "投保车辆数量")
    docx_source = _indicator(read_path(office_file("002", "docx")), "投保车辆数量").source
    assert docx_source.origin == Origin("第1个表格", expected_row, 1)
    assert "原文件第1个表格" in docx_source.describe()
    # Excel: the table starts under its title row, on the first project sheet
    xlsx_source = _indicator(read_path(office_file("002", "xlsx")), "投保车辆数量").source
    assert xlsx_source.origin == Origin("工作表“表2”", expected_row + 1, 1)


def test_row_per_line_locations_carry_the_column(office_file):
    result = read_path(office_file("003", "xlsx"))
    origins = [f.location.source.origin for f in result.findings if f.location.source.origin]
    assert origins and all(o.part == "工作表“表1”" and o.row and o.row > 1 for o in origins)


def test_explain_names_the_format_and_the_form_its_tables_were_read_in(office_file):
    result = read_path(office_file("002", "docx"))
    assert result.encoding == "docx" and result.reader == "project_book"
    assert result.explain[0] == "文件格式：Word 文档，表格按格读取（每格一行：合并的格只写一次）"


def test_dispatch_is_by_content_not_name(office_file, tmp_path):
    misnamed = tmp_path / "表格.txt"
    misnamed.write_bytes(office_file("002", "xlsx").read_bytes())
    assert read_path(misnamed).encoding == "xlsx"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("003.xls", "xls"), ("003.pdf", "pdf"), ("003-libreoffice.docx", "docx"), ("003-libreoffice.xlsx", "xlsx")],
)
def test_committed_office_files_give_the_gold_rows(tmp_path, name, kind):
    """Made once with LibreOffice from the generated files (see tests/inputs/office/README.md):
    files jixiao did not write, with LibreOffice's own table XML, styles and number formats."""
    path = COMMITTED / name
    assert read_path(path).encoding == kind
    assert_gold_indicators("003", cli_indicator_rows(path, tmp_path))


def test_every_row_names_the_word_file(office_file, tmp_path):
    rows = cli_indicator_rows(office_file("002", "docx"), tmp_path)
    assert len(rows) == 335 and {r["file"] for r in rows} == {"seed002.docx"}


def test_review_of_a_word_file_points_into_the_word_file(office_file, capsys):
    main(["review", str(office_file("002", "docx")), "--fail-on", "never"])
    report = capsys.readouterr().out
    assert "原文件第" in report and "个表格 第" in report
    assert "文本第" not in report  # the text form is internal; users never see its line numbers


def test_reviewer_worksheet_of_a_word_file_points_into_the_word_file(office_file, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "审核底稿.xlsx"
    main(["review", str(office_file("002", "docx")), "--format", "xlsx", "-o", str(out), "--fail-on", "never"])
    sheet = load_workbook(out)["审核意见"]
    header = [c.value for c in sheet[1]]
    places = [row[header.index("原文位置")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert places and all(p.startswith("原文件") for p in places if p)
    assert sum(1 for p in places if p) > len(places) // 2
