"""PDF tables over page breaks: a row a page break cuts comes back as one row, a header repeated
on the next page is not read as data, and a new row under merged category cells at the top of a
page stays a row of its own — in PDFs drawn as Word draws them (every cell ruled, text at the
top) and in the PDFs jixiao writes (reportlab: no rule at the break, merged labels drawn in the
middle of each page's part)."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pytest
from office_fixtures import seed_text
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from jixiao.cli.export import render
from jixiao.model.source import Origin
from jixiao.read import read_bytes
from jixiao.read.blocks import ABOVE
from jixiao.read.blocks import Table as PdfTable
from jixiao.read.pdf_file import read_pdf
from jixiao.write.office.fonts import register_fonts

TITLE = "部门整体绩效目标表"
HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
FIRST = ["产出指标", "数量指标", "城市低保人数", "≥10141人次"]
CUT = ["", "", "农村低保人数", "按月足额发放到位，"]  # the target goes on over the page break
REST = ["", "", "", "全年≥24671人次"]
NEW = ["", "", "临时救助人次", "≥8973人次"]  # a new row; its category cells are merged from above
LAST = ["效益指标", "社会效益指标", "困难群众基本生活", "稳步提升"]


def word_like_pdf(pages: list[list[list[str]]]) -> bytes:
    """One table part per page, all cells ruled, an empty category cell merged into the one above."""
    regular, _ = register_fonts(TITLE + "".join(text for rows in pages for row in rows for text in row))
    style = ParagraphStyle("cell", fontName=regular, fontSize=10, leading=13, wordWrap="CJK")
    story: list = [Paragraph(TITLE, style)]
    for number, rows in enumerate(pages):
        story += [PageBreak()] if number else []
        commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for column in (0, 1):
            top = next((r for r, row in enumerate(rows) if row is not HEADER), 0)
            for r in range(top + 1, len(rows) + 1):
                if r == len(rows) or rows[r][column]:
                    commands.append(("SPAN", (column, top), (column, r - 1)))
                    top = r
        table = Table([[Paragraph(text, style) for text in row] for row in rows], colWidths=[80, 90, 150, 150])
        table.setStyle(TableStyle(commands))
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def indicators(data: bytes) -> list[tuple[str, str, str, str, Origin]]:
    result = read_bytes(data, "目标表.pdf")
    assert result.reader == "text_tables" and not result.findings
    return [(i.level1, i.level2, i.level3, i.target_raw, i.source.origin) for d in result.documents for s in d.sections for i in s.indicators]


@pytest.mark.parametrize("repeated_header", [True, False], ids=["header-repeated", "no-header"])
def test_a_row_cut_by_a_page_break_is_one_row(repeated_header):
    second_page = [HEADER] * repeated_header + [REST, NEW, LAST]
    assert indicators(word_like_pdf([[HEADER, FIRST, CUT], second_page])) == [
        ("产出指标", "数量指标", "城市低保人数", "≥10141人次", Origin("第1页 第1个表格", 2, 1)),
        ("产出指标", "数量指标", "农村低保人数", "按月足额发放到位，全年≥24671人次", Origin("第1页 第1个表格", 3, 1)),
        ("产出指标", "数量指标", "临时救助人次", "≥8973人次", Origin("第2页 第1个表格", 2 + repeated_header, 1)),
        ("效益指标", "社会效益指标", "困难群众基本生活", "稳步提升", Origin("第2页 第1个表格", 3 + repeated_header, 1)),
    ]


@pytest.mark.parametrize("repeated_header", [True, False], ids=["header-repeated", "no-header"])
def test_a_new_row_under_merged_categories_at_the_page_top_stays_a_row(repeated_header):
    """Level-1 and level-2 cells empty at the top of the page, as a cut row's are — but it has its name."""
    cut_looking = ["", "", "农村低保人数", "≥24671人次"]
    second_page = [HEADER] * repeated_header + [NEW, LAST]
    assert [i[2:4] for i in indicators(word_like_pdf([[HEADER, FIRST, cut_looking], second_page]))] == [
        ("城市低保人数", "≥10141人次"), ("农村低保人数", "≥24671人次"), ("临时救助人次", "≥8973人次"), ("困难群众基本生活", "稳步提升"),
    ]


def test_the_rows_of_the_next_page_keep_their_row_numbers():
    blocks = read_pdf(word_like_pdf([[HEADER, FIRST, CUT], [HEADER, REST, NEW, LAST]]), "t.pdf")
    first, second = (b for b in blocks if isinstance(b, PdfTable))
    assert [c.text for c in first.rows[-1]] == ["", "", "农村低保人数", "按月足额发放到位，全年≥24671人次"]
    assert [second.origin(r).row for r in range(len(second.rows))] == [3, 4]


def _names_and_targets(result) -> Counter:
    return Counter((i.level3, i.target_raw) for d in result.documents for s in d.sections for i in s.indicators)


def test_jixiao_pdf_with_a_target_taller_than_a_page():
    """reportlab draws no rule where it breaks a row, and draws merged labels in the middle of
    each page's part: the approval table's indicators read back as written, with no finding the
    plain PDF does not give."""
    original = read_bytes(seed_text("001").encode(), "001.txt")
    plain = read_bytes(render(original, "pdf"), "001.pdf")
    indicator = original.documents[0].sections[0].indicators[2]
    long_text = "，".join(f"第{n}项按规定程序审核发放到位（甲）" for n in range(40))  # 甲: in no seed
    indicator.target_raw = long_text
    data = render(original, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert sum(any(c["text"] == "甲" for c in page.chars) for page in pdf.pages) >= 2  # really over a page break
    back = read_bytes(data, "001.pdf")
    assert _names_and_targets(back) == _names_and_targets(original)
    (again,) = [i for d in back.documents for s in d.sections for i in s.indicators if i.level3 == indicator.level3]
    assert again.target_raw == long_text
    assert {f.code for f in back.findings} <= {f.code for f in plain.findings}


def test_jixiao_pdf_with_a_project_target_over_several_pages():
    """Regression: a project table's row taller than a page (its merged category cells beside it)
    made reportlab take gigabytes and crash; the writer now draws it as continuation rows. The
    target reads back whole, every other name and target as written, the goal with at most a
    line break where a page cut it."""
    original = read_bytes(seed_text("002").encode(), "002.txt")
    section = next(s for d in original.documents for s in d.sections if s.indicators and s.goal)
    section.goal = "".join(f"{n}.做好困难群众救助（丙）；" for n in range(250))  # 丙: in no seed; about two pages
    long_text = "".join(f"第{n}项按规定程序审核发放到位（甲）；" for n in range(60))  # a column of about five pages
    section.indicators[0].target_raw = long_text
    data = render(original, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert sum(any(c["text"] == "甲" for c in page.chars) for page in pdf.pages) >= 3
    back = read_bytes(data, "002.pdf")
    assert _names_and_targets(back) == _names_and_targets(original)
    assert _names_and_targets(back)[section.indicators[0].level3, long_text] == 1
    assert [s.goal.replace("\n", "") for d in back.documents for s in d.sections if "丙" in s.goal] == [section.goal]


def test_leading_full_width_spaces_in_a_cell_are_kept():
    """Indentation drawn as full-width spaces (an activity under its duty) comes back as them;
    pdfplumber's cell text alone leaves them out."""
    indented = ["", "", "&#x3000;&#x3000;临时救助人次", "≥8973人次"]
    (table,) = [b for b in read_pdf(word_like_pdf([[HEADER, FIRST, indented]]), "t.pdf") if isinstance(b, PdfTable)]
    assert [c.text for c in table.rows[1]][2:] == ["城市低保人数", "≥10141人次"]
    assert [c.text for c in table.rows[2]][2:] == ["\u3000\u3000临时救助人次", "≥8973人次"]


def test_a_one_row_last_piece_of_a_cut_duty_is_not_a_new_duty():
    """Seed 000's duty merged over its indicator rows, cut by a page-high span above its last
    indicator: the one-row piece repeating name, amount and texts is the same duty; a next duty
    that merely repeats the amount above keeps it."""
    from jixiao.read.blocks import ABOVE, TableCell
    from jixiao.read.pdf_file import _whole_spans

    def row(*texts):
        return [TableCell(merged=ABOVE) if t is ABOVE else TableCell(t) for t in texts]

    rows = [
        row("社会事务管理", "65.00", "率1"),
        row(ABOVE, ABOVE, "率2"),
        row("社会事务管理", "65.00", "率3"),  # the last piece, one row high
        row("防灾减灾", "65.00", "率4"),
    ]
    out = _whole_spans(rows)
    assert [c.merged for c in out[2][:2]] == [ABOVE, ABOVE]
    assert [c.text for c in out[3]] == ["防灾减灾", "65.00", "率4"]


def test_a_form_goes_on_over_a_page_of_more_column_rules():
    """Regression: seed 003's form broke over a page below its key tasks, and the next page's
    part, its indicator rows ruled in more columns, was read as a table of its own (the key tasks
    there were lost). The parts are one table on the finer grid, the repeated label merged."""
    rows_1 = [["部门名称", "民政局", "", ""], ["年度重点工作任务", "任务一", "内容一", "100.00"], ["", "任务二", "内容二", "200.00"]]
    rows_2 = [["年度重点工作任务", "任务三", "内容三", "300.00", ""], ["绩效指标", "产出指标", "数量指标", "人数", "≥10人"]]
    regular, _ = register_fonts(TITLE + "".join(t for rows in (rows_1, rows_2) for row in rows for t in row))
    style = ParagraphStyle("cell", fontName=regular, fontSize=10, leading=13, wordWrap="CJK")
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    first = Table([[Paragraph(t, style) for t in row] for row in rows_1], colWidths=[80, 90, 150, 150])
    first.setStyle(TableStyle(grid + [("SPAN", (1, 0), (3, 0)), ("SPAN", (0, 1), (0, 2))]))
    second = Table([[Paragraph(t, style) for t in row] for row in rows_2], colWidths=[80, 90, 150, 75, 75])
    second.setStyle(TableStyle(grid + [("SPAN", (3, 0), (4, 0))]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(TITLE, style), first, PageBreak(), second])
    first_part, second_part = (b for b in read_pdf(out.getvalue(), "t.pdf") if isinstance(b, PdfTable))
    assert [len(row) for row in first_part.rows + second_part.rows] == [5] * 5  # both on the finer grid
    assert second_part.rows[0][0].merged == ABOVE  # the key tasks' label, drawn again
    assert [cell.text for cell in second_part.rows[0] if not cell.merged] == ["任务三", "内容三", "300.00"]
    assert [cell.text for cell in first_part.rows[1] if not cell.merged] == ["年度重点工作任务", "任务一", "内容一", "100.00"]


def overflowing_pdf(rows: list[list[list[str]]], widths: list[float], height: float = 23.3) -> bytes:
    """A table printed as a sheet with rows too low for their wrapped text (lines of each cell
    given): each cell's lines centred on its row, running over the rows above and below it."""
    from reportlab.pdfgen import canvas

    size, pitch = 7.6, 12
    regular, _ = register_fonts("".join(line for row in rows for cell in row for line in cell))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    left, top = 60, A4[1] - 80
    xs = [left + sum(widths[:k]) for k in range(len(widths) + 1)]
    for r in range(len(rows) + 1):
        page.line(xs[0], top - r * height, xs[-1], top - r * height)
    for x in xs:
        page.line(x, top, x, top - len(rows) * height)
    page.setFont(regular, size)
    for r, row in enumerate(rows):
        for c, lines in enumerate(row):
            first = top - (r + 0.5) * height + (len(lines) - 1) * pitch / 2 - size * 0.35  # its baseline
            for k, line in enumerate(lines):
                page.drawString(xs[c] + 3, first - k * pitch, line)
    page.save()
    return out.getvalue()


def test_text_running_over_rows_too_low_for_it_goes_back_to_its_cell():
    rows = [[["三级指标"], ["指标值"]], [["再就业人数"], ["1600", "人、200人"]], [["带动就业人数"], ["1000", "人、3000", "人"]],
            [["返乡创业人数"], ["180", "人、650人"]], [["培训人数"], ["900", "人、1500", "人"]],
            [["五险净增人数"], ["约5.5万人", "次"]], [["发卡量"], ["7万张"]]]
    [table] = read_pdf(overflowing_pdf(rows, [120, 45]), "t.pdf")
    assert [cell.text for row in table.rows for cell in row][1::2] == [
        "指标值", "1600人、200人", "1000人、3000人", "180人、650人", "900人、1500人", "约5.5万人次", "7万张"]


def test_text_drawn_off_the_page_is_not_read():
    # a sheet's merged label centred over a page break is drawn partly off the next page: not shown
    from reportlab.pdfgen import canvas

    regular, _ = register_fonts("项目年度绩效指标三级指标值人数")
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(regular, 9)
    page.drawString(60, A4[1] + 20, "项目年度绩效指标")
    page.drawString(60, A4[1] - 100, "三级指标")
    page.save()
    assert [block.text for block in read_pdf(out.getvalue(), "t.pdf")] == ["三级指标"]
