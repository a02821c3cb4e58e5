"""Word files read back with python-docx: title page, contents field, parts, one table per project
with merged category cells, page numbers in the footer."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from jixiao.write.layouts import Book, Paragraph, Part
from jixiao.write.office.docx import book_docx

from .conftest import SEED_IDS


@pytest.fixture(scope="module")
def doc002(books):
    return Document(io.BytesIO(book_docx(books["002"])))


def unique_cells(row):
    """python-docx repeats a merged cell at every grid position it covers."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def test_title_page_contents_and_parts(doc002):
    texts = [p.text for p in doc002.paragraphs]
    assert texts.index("秦皇岛市山海关区民政局") < texts.index("2022年度") < texts.index("目  录")
    instructions = [t.text for t in doc002.element.body.iter(qn("w:instrText"))]
    assert any(i.startswith("TOC ") for i in instructions)
    headings = [p.text for p in doc002.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "第一部分 部门整体绩效目标"
    assert "第二部分 项目支出绩效目标表" in headings
    assert "1.汽车保险费绩效目标表" in headings and "36." in "".join(h[:3] for h in headings)


def test_page_numbers_in_footer(doc002):
    footer = doc002.sections[0].footer
    instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert all(s.footer.is_linked_to_previous for s in doc002.sections[1:])


def test_one_table_per_project_with_merged_categories(doc002):
    assert len(doc002.tables) == 36
    table = doc002.tables[0]
    first = unique_cells(table.rows[0])
    assert [c.text for c in first] == ["项目编码", "13030322P00391410001H", "项目名称", "汽车保险费"]
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc  # gridSpan
    header = next(i for i, row in enumerate(table.rows) if row.cells[0].text == "一级指标")
    assert [c.text for c in unique_cells(table.rows[header])] == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    # 产出指标 is one vertically merged cell over four rows
    column = [table.rows[header + k]._tr.tc_lst[0] for k in range(1, 6)]
    merges = [tc.tcPr.find(qn("w:vMerge")) for tc in column]
    assert merges[0].get(qn("w:val")) == "restart"
    assert all(m is not None and m.get(qn("w:val")) in (None, "continue") for m in merges[1:4])
    assert merges[4].get(qn("w:val")) == "restart"  # 效益指标 starts its own merge
    assert table.cell(header + 1, 0).text == "产出指标"
    assert table.cell(1, 2).text == "0.40"


def test_wide_tables_get_landscape_pages(books):
    doc = Document(io.BytesIO(book_docx(books["004"])))
    orientations = [s.page_width > s.page_height for s in doc.sections]
    assert any(orientations)
    directions = doc.tables[1]
    assert len(directions.columns) == 16
    header = directions.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # repeated on each page


def test_control_characters_do_not_break_the_file():
    book = Book("标题\x07", parts=[Part("部分", [Paragraph("第一行\x00第二行\x1b")])])
    doc = Document(io.BytesIO(book_docx(book)))
    assert "第一行第二行" in [p.text for p in doc.paragraphs]


def test_approval_indicator_header_repeats_on_every_page(books):
    """Word repeats only a table's top rows: 001's form is one table and its indicators a second
    one right below it (a 1 pt paragraph between, or Word would join them), whose 核心职能 and
    一级指标 … 指标值 rows are its repeated header."""
    doc = Document(io.BytesIO(book_docx(books["001"])))
    form, indicators = doc.tables
    assert unique_cells(form.rows[0])[0].text == "部门(单位)名称"
    heads = [[c.text for c in unique_cells(row)] for row in indicators.rows[:2]]
    assert heads[0] == ["核心职能", "年度绩效指标"] and heads[1][1:] == ["一级指标", "二级指标", "三级指标", "指标值"]
    repeated = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in indicators.rows]
    assert repeated[:3] == [True, True, False] and not any(repeated[2:])
    between = form._tbl.getnext()
    assert between.tag == qn("w:p") and between.getnext() is indicators._tbl


def _can_split(row) -> bool:
    return row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None


@pytest.mark.parametrize("seed", SEED_IDS)
def test_rows_do_not_break_over_pages(books, seed):
    """Rows move whole to the next page (w:cantSplit): a row broken over a page read as two. Only
    a row taller than a page below its repeated header may break (one of 004's directions)."""
    doc = Document(io.BytesIO(book_docx(books[seed])))
    rows = [row for table in doc.tables for row in table.rows]
    assert sum(_can_split(row) for row in rows) <= (1 if seed == "004" else 0)


def test_a_row_taller_than_a_page_may_break(books):
    """A row taller than a page cannot move whole: Word breaks it rather than cut it off."""
    from jixiao.write.layouts import Table
    from jixiao.write.layouts.model import Style

    table = Table(title="长表", sheet="长表", widths=(10.0, 40.0), header_rows=1)
    table.add_row("名称", "内容", style=Style.HEAD)
    table.add_row("甲", "很长的内容。" * 2000)
    table.add_row("乙", "短")
    doc = Document(io.BytesIO(book_docx(Book("书", parts=[Part("第一部分 长表", [table])]))))
    assert [_can_split(row) for row in doc.tables[0].rows] == [False, True, False]


def test_table_title_and_note_stay_with_the_table(books):
    doc = Document(io.BytesIO(book_docx(books["004"])))
    body = list(doc.element.body.iterchildren())
    for table in doc.tables:
        before = body[body.index(table._tbl) - 1]
        while before.tag == qn("w:p"):  # the title and the note line above the table
            ppr = before.find(qn("w:pPr"))
            keep = ppr is not None and ppr.find(qn("w:keepNext")) is not None
            style = ppr.find(qn("w:pStyle")).get(qn("w:val")) if ppr is not None and ppr.find(qn("w:pStyle")) is not None else ""
            assert keep, before.xpath("string(.)")
            if style.startswith("Heading"):
                break
            before = before.getprevious()


def test_cells_have_padding(books):
    doc = Document(io.BytesIO(book_docx(books["002"])))
    for table in doc.tables:
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        assert margins is not None
        widths = {el.tag.split("}")[1]: int(el.get(qn("w:w"))) for el in margins}
        assert widths["top"] > 0 and widths["bottom"] > 0 and widths["left"] >= 85 and widths["right"] >= 85
        children = [el.tag.split("}")[1] for el in table._tbl.tblPr]
        assert children.index("tblCellMar") < children.index("tblLook")  # in schema order


def test_contents_page_lists_the_headings_before_any_update(doc002):
    """LibreOffice prints a docx without updating its fields: the TOC field holds its entries
    already (part headings and table titles), not only a placeholder; Word updates the page
    numbers when the file is opened."""
    body = doc002.element.body
    paragraphs = list(body.iter(qn("w:p")))
    start = next(i for i, p in enumerate(paragraphs) if any((t.text or "").startswith("TOC ") for t in p.iter(qn("w:instrText"))))
    end = next(i for i in range(start, len(paragraphs))
               if any(f.get(qn("w:fldCharType")) == "end" for f in paragraphs[i].iter(qn("w:fldChar"))))
    entries = ["".join(t.text for t in p.iter(qn("w:t"))) for p in paragraphs[start : end + 1]]
    assert entries[0] == "第一部分 部门整体绩效目标"
    assert "第二部分 项目支出绩效目标表" in entries and "1.汽车保险费绩效目标表" in entries
    assert len(entries) >= 36 + 2
    assert not any("更新域" in e for e in entries)
    assert doc002.settings.element.find(qn("w:updateFields")) is not None
