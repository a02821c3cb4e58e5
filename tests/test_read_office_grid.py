"""Office tables as grids: merged positions (from the left / above) are not empty cells, nested
tables become tables of their own, numbers show as the sheet shows them, sheets stay apart."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import openpyxl
import pytest

from jixiao.model.source import Origin
from jixiao.read.docx_file import read_docx
from jixiao.read.html_file import read_html
from jixiao.read.blocks import ABOVE, LEFT, Paragraph, Table, TableCell
from jixiao.read.office import table_inputs
from jixiao.read.pdf_file import unwrap
from jixiao.read.sheet_grid import show_number, show_value
from jixiao.read.xlsx_file import read_xlsx

E, L, A = TableCell(), TableCell(merged=LEFT), TableCell(merged=ABOVE)


def T(text: str) -> TableCell:
    return TableCell(text)


def saved(made, build) -> bytes:
    """Bytes of a new python-docx document or openpyxl workbook after ``build`` filled it."""
    thing = made()
    build(thing)
    out = io.BytesIO()
    thing.save(out)
    return out.getvalue()


def docx_bytes(build) -> bytes:
    return saved(docx.Document, build)


def xlsx_bytes(build) -> bytes:
    return saved(openpyxl.Workbook, build)


def test_docx_merges_are_positions_not_cells():
    def build(d):
        d.add_paragraph("1.汽车保险费绩效目标表")
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(2, 0)).text = "产出指标"
        t.cell(0, 1).merge(t.cell(0, 2)).text = "数量指标"
        t.cell(1, 1).text = "投保车辆数量"
        # (1, 2), (2, 1), (2, 2) stay empty cells

    title, table = read_docx(docx_bytes(build), "t.docx")
    assert title == Paragraph("1.汽车保险费绩效目标表", Origin("正文第1段"))
    # python-docx's row.cells would give 产出指标 three times and 数量指标 twice (python-docx#232)
    assert table.rows == [[T("产出指标"), T("数量指标"), L], [A, T("投保车辆数量"), E], [A, E, E]]


def test_docx_nested_table_is_its_own_table_after_its_parent():
    def build(d):
        outer = d.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "绩效目标"
        inner = outer.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "目标1"
        inner.cell(0, 1).text = "保障车辆工作"
        d.add_paragraph("表后说明")

    outer, inner, note = read_docx(docx_bytes(build), "t.docx")
    assert outer.rows == [[T("绩效目标"), E]]  # the nested table's text is not in the cell
    assert (inner.part, inner.rows) == ("第2个表格（嵌套在第1个表格中）", [[T("目标1"), T("保障车辆工作")]])
    assert note.text == "表后说明"


def test_docx_tracked_changes_and_fields():
    def build(d):
        paragraph = d.add_paragraph("城市低保")
        inserted = paragraph.add_run("保障人数")._r
        deleted = paragraph.add_run("（删去）")._r
        for tag, run in (("w:ins", inserted), ("w:del", deleted)):
            wrapper = OxmlElement(tag)
            wrapper.set(qn("w:id"), "1")
            wrapper.set(qn("w:author"), "审核人")
            run.addprevious(wrapper)
            wrapper.append(run)

    (paragraph,) = read_docx(docx_bytes(build), "t.docx")
    assert paragraph.text == "城市低保保障人数"


def test_cells_one_after_another_show_merges_as_the_seeds_do():
    table = Table("第1个表格", [[T("预算规模及资金用途"), T("预算数"), T("0.40")], [A, T("保障车辆工作\n提高工作效率"), L]])
    (cells,) = table_inputs([Paragraph("1.汽车保险费绩效目标表", Origin("正文第1段")), table], "t.docx", {})[:1]
    first, second = cells.blocks()
    assert [c.text for c in first.free] == ["1.汽车保险费绩效目标表"]
    assert first.texts() == ["预算规模及资金用途", "预算数", "0.40"]
    # merged from above: an empty cell, marked; merged from the left: no cell at all
    assert second.texts() == ["", "保障车辆工作\n提高工作效率"] and second.cells[0].merged
    assert cells.origins[second.cells[0].line - 1] == Origin("第1个表格", 2, 1)
    assert cells.origins[second.cells[1].line] == Origin("第1个表格", 2, 2)  # the cell's second line
    assert [t.text for t in cells.cells().tokens] == [
        "1.汽车保险费绩效目标表", "预算规模及资金用途", "预算数", "0.40", "", "保障车辆工作\n提高工作效率"]


def test_rows_keep_grid_columns():
    table = Table("工作表“表1”", [[T("部门名称"), L, T("天河区民政局")], [T("绩效\t指标"), A, E]], [3, 4])
    rows = table_inputs([table], "t.xlsx", {})[1]
    assert [r.texts() for r in rows.rows()] == [["部门名称", "", "天河区民政局"], ["绩效 指标", "", ""]]
    assert [rows.origins[r.line - 1] for r in rows.rows()] == [Origin("工作表“表1”", 3), Origin("工作表“表1”", 4)]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.4, "0.00", "0.40"),
        (1748.6, "#,##0.00", "1,748.60"),
        (33588.45, "#,##0.00_);[Red](#,##0.00)", "33,588.45"),
        (1, "0%", "100%"),
        (0.955, "0.0%", "95.5%"),
        (60, "General", "60"),
        (60.0, "General", "60"),
        (0.1 + 0.2, "General", "0.30000000000000004"),  # what the cell holds, not a guess
        (1e-7, "General", "0.0000001"),  # never an exponent
        (12, "0", "12"),
        (5, '0"人"', "5"),  # literal text in a format is not a digit placeholder
    ],
)
def test_numbers_show_as_the_sheet_shows_them(value, fmt, shown):
    assert show_number(value, fmt) == shown


def test_other_cell_values():
    assert show_value(dt.datetime(2024, 3, 31)) == "2024-03-31"
    assert show_value(True) == "是"
    assert show_value(None) == ""


def test_xlsx_sheets_titles_merges_and_numbers():
    def build(book):
        first = book.active
        first.title = "说明"
        first["A1"] = "第一部分 部门整体绩效目标"
        first["A2"] = "一、总体绩效目标"
        second = book.create_sheet("汽车保险费")
        second["A1"] = "1.汽车保险费绩效目标表"
        second.merge_cells("A1:C1")
        second["A2"], second["B2"], second["C2"] = "预算规模及资金用途", "预算数", 0.4
        second["C2"].number_format = "0.00"
        second["B3"] = "保障车辆工作"
        second.merge_cells("A2:A3")
        second.merge_cells("B3:C3")
        hidden = book.create_sheet("隐藏")
        hidden["A1"], hidden["B1"] = "不读", "隐藏的表"
        hidden.sheet_state = "hidden"

    blocks = read_xlsx(xlsx_bytes(build), "t.xlsx")
    assert blocks == [
        Paragraph("第一部分 部门整体绩效目标", Origin("工作表“说明”", 1)),  # a sheet of text
        Paragraph("一、总体绩效目标", Origin("工作表“说明”", 2)),
        Paragraph("1.汽车保险费绩效目标表", Origin("工作表“汽车保险费”", 1)),  # the title row
        Table("工作表“汽车保险费”", [[T("预算规模及资金用途"), T("预算数"), T("0.40")], [A, T("保障车辆工作"), L]], [2, 3]),
    ]


def test_xlsx_lines_of_text_in_column_a_around_a_table_are_text():
    # a page saved into a sheet: its lines in column A, one row of two cells among them; a row
    # spanning the table (a note) or a category merged down stays the table's
    def build(book):
        sheet = book.active
        for row in (["绩效目标表"], ["（2020年度）"], ["发布时间：2021-01-05", "发布单位：区教育局"], ["说明", "见下"],
                    ["备注：单位万元"], ["一级指标 二级指标 三级指标 指标值"], ["产出指标数量指标改造覆盖率100%"]):
            sheet.append(row)
        sheet.merge_cells("A5:B5")

    blocks = read_xlsx(xlsx_bytes(build), "t.xlsx")
    assert blocks == [
        Paragraph("绩效目标表", Origin("工作表“Sheet”", 1)), Paragraph("（2020年度）", Origin("工作表“Sheet”", 2)),
        Table("工作表“Sheet”", [[T("发布时间：2021-01-05"), T("发布单位：区教育局")], [T("说明"), T("见下")],
                                [T("备注：单位万元"), L]], [3, 4, 5]),
        Paragraph("一级指标 二级指标 三级指标 指标值", Origin("工作表“Sheet”", 6)),
        Paragraph("产出指标数量指标改造覆盖率100%", Origin("工作表“Sheet”", 7)),
    ]


def test_xlsx_uncalculated_formula_is_shown_not_dropped():
    def build(book):
        sheet = book.active
        sheet["A1"], sheet["B1"], sheet["C1"] = 1.5, 2.25, "=A1+B1"  # openpyxl stores no result

    (table,) = read_xlsx(xlsx_bytes(build), "t.xlsx")
    assert table.rows == [[T("1.5"), T("2.25"), T("=A1+B1")]]  # shown, not silently empty


def test_html_rowspan_colspan_and_nested_tables():
    page = """<html><head><meta charset="gb2312"></head><body>
    <h1>部门整体支出绩效目标批复表</h1>
    <table><tr><th colspan="2">一级指标</th><th>指标值</th></tr>
    <tr><td rowspan="2">产出指标</td><td>城市低保</td><td>≥10141人次<br>（全年）</td></tr>
    <tr><td>农村低保</td><td><table><tr><td>嵌套</td></tr></table>≥24671人次</td></tr>
    <tr><td rowspan="0">满意度</td><td colspan="99999">政策知晓率</td></tr>
    </table><p>注：单位为万元</p></body></html>""".encode("gb18030")
    title, table, nested, note = read_html(page, "t.html")
    assert title.text == "部门整体支出绩效目标批复表" and note.text == "注：单位为万元"
    assert table.rows[:3] == [
        [T("一级指标"), L, T("指标值")],
        [T("产出指标"), T("城市低保"), T("≥10141人次\n（全年）")],
        [A, T("农村低保"), T("≥24671人次")],
    ]
    # colspan is clamped as browsers clamp it; rowspan="0" reaches the last row
    assert table.rows[3][:2] == [T("满意度"), T("政策知晓率")] and len(table.rows[3]) == 1001
    assert nested.rows == [[T("嵌套")]]


def test_html_cell_whitespace_collapses_but_indentation_stays():
    page = """<table><tr>
    <td style="padding:0 5.4pt;padding-left:5.4pt">  社会救助
       政策&nbsp;管理 </td>
    <td>&nbsp;&nbsp;城乡低保<br>　第二行</td>
    <td style="padding-left:24px"><p style="text-indent:-8px">特困供养</p></td>
    <td><pre>	def
  x</pre></td></tr></table>""".encode()
    (table,) = read_html(page, "t.html")
    # cell padding (under half a character) is not indentation; a hanging indent takes back
    assert [c.text for c in table.rows[0]] == ["社会救助 政策\u00a0管理", "\u00a0\u00a0城乡低保\n\u3000第二行",
                                               "\u3000特困供养", "\u00a0" * 4 + "def\n\u00a0\u00a0x"]


@pytest.mark.parametrize(
    ("wrapped", "text"),
    [("社会救助政策\n及管理", "社会救助政策及管理"), ("1303032\n2P00391\n410001\nH", "13030322P00391410001H"),
     ("≥10000人\n次", "≥10000人次"), ("budget\nperformance", "budget performance")],
)
def test_pdf_cell_lines_are_wraps(wrapped, text):
    assert unwrap(wrapped) == text
