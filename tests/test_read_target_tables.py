"""Office files read grid first: every indicator table among a file's tables becomes a section with
the form above it. One regression test per real layout (``tests/inputs/office``, public files that
nobody on this project wrote), then the grid rules on small Word files built here."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.model.document import DocKind, SectionKind
from jixiao.model.source import Origin
from jixiao.read import read_bytes, read_path
from jixiao.read.docx_file import read_docx
from jixiao.read.xlsx_file import read_xlsx
from jixiao.read.target_tables import read_target_tables

INPUTS = Path(__file__).parent / "corpus" / "office"  # real files published by others (tests/corpus)


def rows(result, section: int = 0) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.level3, i.target_raw) for i in result.documents[0].sections[section].indicators]


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


@pytest.fixture(scope="module")
def putuo():
    return read_path(INPUTS / "putuo_wanli_2023.pdf")


def test_budget_book_pdf_gives_its_five_project_tables_with_their_forms(putuo):
    document = putuo.documents[0]
    assert putuo.reader == "target_tables"
    assert [(s.kind, s.name, s.amounts.total.raw, len(s.indicators)) for s in document.sections] == [
        (SectionKind.PROJECT, "新建万里街道社区公共服务中心", "4,100,000.00", 5),
        (SectionKind.PROJECT, "就业援助基地补贴", "6,351,000.00", 4),
        (SectionKind.PROJECT, "社区环境整治和建设经费", "4,563,800.00", 4),
        (SectionKind.PROJECT, "各类工作经费", "7595500.00", 43),
        (SectionKind.PROJECT, "公共服务设施运行经费", "10,903,043.00", 9),
    ]
    first = document.sections[0]
    assert first.unit.name == "上海市普陀区人民政府万里街道办事处"
    assert first.goal.startswith("建成后作为万里街道社区事务受理")
    assert (first.amounts.fiscal.raw, first.amounts.other.raw) == ("4,100,000.00", "0.00")
    assert first.fields["项目性质"] == "阶段性项目"
    assert (document.title, document.year, document.money_unit) == ("财政项目支出绩效目标填报表", 2023, "元")


def test_budget_book_pdf_rows_carry_merged_categories_and_point_into_the_file(putuo):
    assert rows(putuo)[0] == ("产出指标", "数量指标", "规划建筑面积", "≥13459.00(平方米)")
    fourth = rows(putuo, 3)
    assert fourth[15] == ("产出指标", "质量指标", "做好禁毒示范城区标准化建设", "做好禁毒示范城区标准化建设")
    assert fourth[-1] == ("满意度指标", "服务对象满意度指标", "党员群众满意度", "党员群众满意度不少于80%")
    indicator = putuo.documents[0].sections[4].indicators[0]
    assert indicator.source.origin == Origin("第35页 第1个表格", 13, 4)


def test_budget_book_pdf_explains_which_tables_it_read_and_skipped(putuo):
    explain = "\n".join(putuo.explain)
    assert "第10页 第1个表格：不是指标表" in explain
    assert "第31页 第1个表格：项目“新建万里街道社区公共服务中心”，第12行是表头" in explain
    assert "第7列“年度(/项目)指标值”=指标值" in explain
    assert "JX063" not in codes(putuo)  # the 绩效指标 label down the side is the form's, not a column


def test_project_declaration_xlsx_keeps_a_level1_merged_over_its_rows():
    result = read_path(INPUTS / "wuhan_donghu_2020.xlsx")
    section = result.documents[0].sections[0]
    assert (section.kind, section.name, section.amounts.total.raw) == (SectionKind.PROJECT, "专项资金", "6730")
    assert section.goal == "完成2020年度市、区下达的各项目标任务"
    assert section.unit.name == "武汉市人力资源和社会保障局东湖新技术开发区分局"
    found = rows(result)
    assert len(found) == 13
    assert found[1] == ("产出指标", "数量指标", "失业人员及就业困难人员再就业人数", "1600人、200人")
    # the satisfaction row stands inside the 效益指标 merge: its level 1 is the merge's
    assert found[-1][0] == "效益指标" and found[-1][2] == "做好服务工作，让服务对象满意"


def test_self_evaluation_xlsx_tells_category_and_comparator_columns_by_their_content():
    result = read_path(INPUTS / "yuzhong_2021_self_eval.xlsx")
    document = result.documents[0]
    assert document.kind == DocKind.SELF_EVALUATION
    section = document.sections[0]
    assert (section.name, section.amounts.total.raw) == ("就业补助资金", "7574")
    assert section.goal == "城镇新增就业人数39500人，零就业家庭帮扶率100%"
    found = rows(result)
    assert len(found) == 16
    assert found[0] == ("产出指标", "数量指标", "新增区级创业孵化基地\n数量", "≥1个")  # 指标类型 names a level 2
    assert found[1] == ("产出指标", "", "社会保险补贴发放准确率", "≥95%")  # 产出类指标, a level 1
    assert found[7][3] == "=100%"
    assert found[11] == ("管理类指标", "", "资金使用合规性", "合规")  # 无 | 合规 | 无
    assert (section.indicators[0].weight_raw, section.indicators[0].actual_raw) == ("15", "3")
    assert "JX063" in codes(result)  # 评价标准 is not read, and it says so
    explain = "\n".join(result.explain)
    assert "第1列“指标类型”按内容=一级指标" in explain and "第7列“全年 完成值”按列名中的词=完成值" in explain


@pytest.mark.parametrize("name, count", [("zhanjiang_2023.xlsx", 16), ("zhanjiang_2024.xlsx", 19)])
def test_department_form_xlsx_keeps_categories_as_written(name, count):
    result = read_path(INPUTS / name)
    found = rows(result, -1)
    assert len(found) == count
    assert found[0][:2] == ("产出指标", "数量指标")
    assert found[-1][:2] == ("满意度指标", "服务对象满意度指标")
    if name == "zhanjiang_2023.xlsx":  # the layout reader has every row as the grid has it, and more of the form
        assert result.explain[2] == "按表格读取的指标和项目，读取器 special_fund 都读出了，且相同，用它的结果"


def test_department_form_xlsx_read_as_a_grid_when_the_layout_reader_moves_a_category():
    result = read_path(INPUTS / "zhanjiang_2024.xlsx")
    assert result.reader == "target_tables"
    assert any("缺少或读错了表格中的 4 个指标或项目" in line for line in result.explain)
    section = result.documents[0].sections[0]
    assert (section.kind, section.unit.name) == (SectionKind.DEPARTMENT, "湛江市人力资源和社会保障局")
    assert section.goal.startswith("目标1：")
    assert (result.documents[0].money_unit, section.amounts.fiscal.raw) == ("万元", "72807.38")
    found = rows(result)
    assert found[10] == ("效益指标", "质量指标", "全市城乡居民养老保险覆盖面", "不低于上年度水平")
    assert found[5][3] == "100%"  # stored as 1 with the format 0%


# -- the grid rules on small Word files --------------------------------------------------------


def word(*blocks: str | list[list[str]], merges=()) -> bytes:
    """A .docx of paragraphs (strings) and tables; ``merges`` are (table, row, col, row, col)."""
    document = docx.Document()
    made = []
    for table_rows in blocks:
        if isinstance(table_rows, str):
            document.add_paragraph(table_rows)
            continue
        table = document.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
        for r, cells in enumerate(table_rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        made.append(table)
    for t, r1, c1, r2, c2 in merges:
        made[t].cell(r1, c1).merge(made[t].cell(r2, c2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BUDGET = [["项目", "本年预算", "上年预算"], ["一般公共服务支出", "100.00", "90.00"], ["合计", "100.00", "90.00"]]
FORM = [["项目名称", "养老补贴", "实施单位", "某县民政局"], ["项目资金总额", "12.5", "其中：财政资金", "12.5"],
        ["年度目标", "按月发放养老补贴", "", ""]]


def grid(data: bytes):
    return read_target_tables(read_docx(data, "t.docx"), "t.docx")


def test_a_two_row_header_joins_split_value_columns_in_any_order():
    data = word("收支预算表", BUDGET, "项目绩效目标表", FORM, "绩效指标", [
        ["一级指标", "二级指标", "三级指标", "指标值", "", ""],
        ["", "", "", "计量单位", "比较符", "数值"],
        ["产出指标", "数量指标", "补贴人数", "人", "≥", "120"],
        ["", "时效指标", "发放及时率", "%", "=", "100"],
    ], merges=[(2, 0, 3, 0, 5), (2, 0, 0, 1, 0), (2, 0, 1, 1, 1), (2, 0, 2, 1, 2), (2, 2, 0, 3, 0)])
    reading = grid(data)
    section = reading.result.documents[0].sections[0]
    assert (section.name, section.amounts.total.raw, section.goal) == ("养老补贴", "12.5", "按月发放养老补贴")
    expected = [("产出指标", "数量指标", "补贴人数", "≥120人"), ("产出指标", "时效指标", "发放及时率", "=100%")]
    assert rows(reading.result) == expected
    assert reading.explain[0] == "第1个表格：不是指标表（没有三级指标/指标名称和指标值表头）"  # the budget table
    # the general text reader reads the rows too, but not the form in a table of its own
    assert read_bytes(data, "t.docx").reader == "target_tables"


def test_a_header_repeated_after_a_page_break_goes_on_with_the_same_project():
    header = ["一级指标", "二级指标", "三级指标", "年度指标值"]
    first = [header, ["产出指标", "数量指标", "补贴人数", "≥120人"]]
    data = word(FORM, first, [header, ["", "", "发放及时率", "100%"], ["满意度指标", "", "群众满意度", "≥90%"]])
    result = grid(data).result
    assert len(result.documents[0].sections) == 1
    assert rows(result) == [("产出指标", "数量指标", "补贴人数", "≥120人"),
                            ("产出指标", "数量指标", "发放及时率", "100%"),
                            ("满意度指标", "", "群众满意度", "≥90%")]
    # with a title between, the second table is another table: a department's, as it has no form
    again = grid(word(FORM, first, "部门整体绩效指标", [header, ["产出指标", "", "发放及时率", "100%"]])).result
    assert [(s.kind, len(s.indicators)) for s in again.documents[0].sections] == [
        (SectionKind.PROJECT, 1), (SectionKind.DEPARTMENT, 1)]


def test_a_table_going_on_after_a_page_break_without_its_header_joins_it():
    # A PDF page break cuts the table: the next page's part has no header, and the merged category
    # cells left their words outside both parts (they print across the break).
    header = ["一级指标", "二级指标", "三级指标", "年度指标值"]
    first = [header, ["", "数量指标", "补贴人数", "≥120人"], ["", "", "培训人次", "≥300人次"]]
    going_on = [["产出指标", "", "发放人次", "≥1400人次"], ["", "时效指标", "发放及时率", "100%"],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]
    reading = grid(word(FORM, first, "产出指标", "数量指标", going_on))
    assert len(reading.result.documents[0].sections) == 1
    assert rows(reading.result) == [("产出指标", "数量指标", "补贴人数", "≥120人"),
                                    ("产出指标", "数量指标", "培训人次", "≥300人次"),
                                    ("产出指标", "数量指标", "发放人次", "≥1400人次"),
                                    ("产出指标", "时效指标", "发放及时率", "100%"),
                                    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    assert reading.explain[-1] == "第3个表格：接着前一个指标表（跨页），3 行"
    # a headerless table of another width, or after prose, is no part of it
    other = grid(word(FORM, first, [["一般公共服务支出", "100.00"], ["合计", "100.00"]])).result
    assert len(rows(other)) == 2
    prose = "以下为本单位其他需要说明的事项，与上表无关，列示如下以供参考和备查使用，请审核时一并参阅。"
    after_prose = grid(word(FORM, first, prose, going_on)).result
    assert len(rows(after_prose)) == 2


def test_a_table_whose_cells_are_not_under_their_headers_is_read_as_text():
    # A table made from copied text: merged cells left out, so each row's cells start at the left,
    # not under their headers. The grid's columns say nothing; the text reading places the cells.
    data = word(FORM, [["一级指标", "二级指标", "三级指标", "指标值"],
                       ["产出指标", "数量指标", "补贴人数", "≥120人"],
                       ["培训人次", "≥300人次"],
                       ["时效指标", "发放及时率", "100%"],
                       ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]])
    result = read_bytes(data, "t.docx")
    assert result.reader != "target_tables"
    assert rows(result, -1) == [("产出指标", "数量指标", "补贴人数", "≥120人"), ("产出指标", "数量指标", "培训人次", "≥300人次"),
                                ("产出指标", "时效指标", "发放及时率", "100%"),
                                ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    # the text reading holds every row and project the grid gave (amounts from the form included)
    assert any("text_tables 都读出了" in line for line in result.explain)


def test_a_level2_alone_gives_its_level1_and_the_year_target_wins_over_the_period_one():
    data = word([["二级指标", "三级指标", "指标值", "年度指标值", "完成值"],
                 ["数量指标", "补贴人数", "≥500人", "≥120人", "130人"]])
    result = grid(data).result
    indicator = result.documents[0].sections[0].indicators[0]
    assert (indicator.level1, indicator.target_raw, indicator.actual_raw) == ("产出指标", "≥120人", "130人")
    assert result.documents[0].kind == DocKind.SELF_EVALUATION
    assert "JX063" in codes(result)  # the 指标值 column left aside is named


def test_a_table_without_a_value_column_is_a_finding_not_a_guess():
    data = word(FORM, [["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "补贴人数"]])
    reading = grid(data)
    assert reading.result.documents == []
    assert codes(reading.result) == ["JX069"]
    assert reading.result.findings[0].location.source.origin == Origin("第2个表格", 1)


def test_two_cells_under_one_header_cell_read_the_first_and_say_so_of_the_other():
    data = word([["一级指标", "二级指标", "三级指标", "指标值", ""],
                 ["产出指标", "数量指标", "补贴人数", "≥120人", "≥100人"]], merges=[(0, 0, 3, 0, 4)])
    result = grid(data).result
    assert rows(result) == [("产出指标", "数量指标", "补贴人数", "≥120人")]
    assert [(f.code, f.evidence, f.location.source.origin) for f in result.findings] == [
        ("JX061", "≥100人", Origin("第1个表格", 2, 5))]


def excel(rows_: list[list[object]], merges: list[str], formats: dict[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows_:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_standard_self_evaluation_form_gives_goal_amounts_and_actuals():
    data = excel([
        ["项目支出绩效自评表"],
        ["项目名称", "社区养老服务补贴", None, None, None, None, None, None],
        ["主管部门", "某区民政局", None, None, "实施单位", "某区养老服务中心", None, None],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 118, 120, 114, 10, 0.95, 9.5],
        [None, "其中：当年财政拨款", 118, 120, 114, None, None, None],
        [None, "其他资金", 0, 0, 0, None, None, None],
        ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None],
        [None, "为辖区老人提供助餐服务", None, None, "全年助餐服务12万人次", None, None, None],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        [None, "产出指标", "数量指标", "助餐服务人次", "≥10万人次", "12万人次", 20, 20],
        [None, None, "质量指标", "服务合格率", 0.98, 1, 20, 20],
        [None, "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "95%", 10, 10],
        ["总分", None, None, None, None, None, 100, 98],
    ], ["B2:H2", "B3:D3", "F3:H3", "A4:A7", "A8:A9", "B8:D8", "E8:H8", "B9:D9", "E9:H9", "A10:A13", "B11:B12"],
        {"E12": "0%", "F12": "0%", "G5": "0.00%"})
    result = read_target_tables(read_xlsx(data, "t.xlsx"), "t.xlsx").result
    document = result.documents[0]
    assert document.kind == DocKind.SELF_EVALUATION and document.money_unit == "万元"
    section = document.sections[0]
    assert (section.name, section.unit.name, section.goal) == ("社区养老服务补贴", "某区养老服务中心", "为辖区老人提供助餐服务")
    assert (section.amounts.total.raw, section.amounts.fiscal.raw, section.amounts.other.raw) == ("120", "120", "0")
    assert section.fields["年度总体目标/实际完成情况"] == "全年助餐服务12万人次"
    assert (section.fields["年度资金总额/全年执行数"], section.fields["年度资金总额/执行率"]) == ("114", "95.00%")
    assert rows(result) == [("产出指标", "数量指标", "助餐服务人次", "≥10万人次"),
                            ("产出指标", "质量指标", "服务合格率", "98%"),
                            ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%")]
    assert [(i.actual_raw, i.weight_raw, i.score_raw) for i in section.indicators][1] == ("100%", "20", "20")
    assert rows(read_bytes(data, "t.xlsx")) == rows(result)  # the general reader knows this form too


def test_projects_one_under_another_on_one_sheet_are_one_section_each():
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    data = excel([
        ["项目名称", "养老补贴", "项目资金总额", 12.5],
        header,
        ["产出指标（50分）", "数量指标", "补贴人数", "≥120人"],
        [None, "质量指标", "发放准确率", "100%"],
        ["项目名称", "残疾人两项补贴", "项目资金总额", 30],
        header,
        ["效益指标（30分）", "社会效益指标", "生活改善", "有所改善"],
    ], ["A3:A4"])
    result = read_target_tables(read_xlsx(data, "t.xlsx"), "t.xlsx").result
    sections = result.documents[0].sections
    assert [(s.name, s.amounts.total.raw, len(s.indicators)) for s in sections] == [
        ("养老补贴", "12.5", 2), ("残疾人两项补贴", "30", 1)]
    assert rows(result) == [("产出指标", "数量指标", "补贴人数", "≥120人"), ("产出指标", "质量指标", "发放准确率", "100%")]
    assert sections[0].indicators[0].level1_raw == "产出指标（50分）"
    assert result.findings == []


def test_a_name_column_headed_绩效指标_and_a_target_named_by_its_words():
    data = word([["一级指标", "二级指标", "绩效指标", "本年指标值", "备注"],
                 ["产出指标", "数量指标", "补贴人数", "≥120人", ""]])
    reading = grid(data)
    assert rows(reading.result) == [("产出指标", "数量指标", "补贴人数", "≥120人")]
    assert "第4列“本年指标值”按列名中的词=指标值" in reading.explain[0]


def test_a_form_written_as_labelled_paragraphs_above_the_table():
    data = word("2023年项目支出绩效目标表", "项目名称：社区养老补贴", "实施单位：某区民政局", "项目资金总额：12.5",
                "单位：万元", [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "补贴人数", "≥120人"]])
    document = grid(data).result.documents[0]
    section = document.sections[0]
    assert (section.name, section.unit.name, section.amounts.total.raw) == ("社区养老补贴", "某区民政局", "12.5")
    assert (document.title, document.money_unit, document.year) == ("2023年项目支出绩效目标表", "万元", 2023)


def test_an_indicator_named_like_a_form_label_is_an_indicator():
    data = word([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "质量指标", "补贴人数", "≥120人"],
                 ["", "", "年度目标", "完成"]], merges=[(0, 1, 0, 2, 0), (0, 1, 1, 2, 1)])
    assert rows(grid(data).result)[-1] == ("产出指标", "质量指标", "年度目标", "完成")


def test_a_period_table_and_a_year_table_of_one_project_are_one_section():
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    data = word(FORM, "中长期绩效指标", [header, ["产出指标", "数量指标", "补贴人数", "≥500人"],
                                       ["效益指标", "社会效益指标", "生活改善", "持续改善"]],
                "年度绩效指标", [header, ["产出指标", "数量指标", "补贴人数", "≥120人"]])
    result = grid(data).result
    [section] = result.documents[0].sections
    assert section.name == "养老补贴"
    assert [(i.level3, i.target_raw, i.cycle_target_raw) for i in section.indicators] == [
        ("补贴人数", "≥120人", "≥500人"), ("生活改善", "", "持续改善")]
    assert codes(result) == ["JX063"]
    # the year's table first works the same way
    data = word(FORM, "年度绩效指标", [header, ["产出指标", "数量指标", "补贴人数", "≥120人"]],
                "中长期绩效指标", [header, ["产出指标", "数量指标", "补贴人数", "≥500人"]])
    [section] = grid(data).result.documents[0].sections
    assert [(i.target_raw, i.cycle_target_raw) for i in section.indicators] == [("≥120人", "≥500人")]


# -- headers written over two rows --------------------------------------------------------------


def test_a_header_word_broken_over_two_rows_names_its_column():
    # Word: 指标 over 值 in one column (the other header cells merged over both rows)
    data = word(FORM, [["一级指标", "二级指标", "三级指标", "指标", "指标值确定依据"],
                       ["", "", "", "值", ""],
                       ["产出指标", "数量指标", "补贴人数", "≥120人", "区发〔2023〕5号"]],
                merges=[(1, 0, c, 1, c) for c in (0, 1, 2, 4)])
    result = read_bytes(data, "t.docx")
    assert rows(result) == [("产出指标", "数量指标", "补贴人数", "≥120人")]
    assert result.documents[0].sections[0].indicators[0].basis == "区发〔2023〕5号"
    assert result.documents[0].sections[0].name == "养老补贴"
    # Excel: 年度指标 over 值, with a unit column; a percent-formatted target as Excel shows it
    data = excel([["项目名称", "养老补贴", "项目资金总额", 12.5, None],
                  ["一级指标", "二级指标", "三级指标", "年度指标", "计量单位"],
                  [None, None, None, "值", None],
                  ["产出指标", "数量指标", "补贴人数", 120, "人"],
                  [None, "质量指标", "发放准确率", 1, None]],
                 ["A2:A3", "B2:B3", "C2:C3", "E2:E3", "A4:A5"], {"D5": "0%"})
    reading = read_target_tables(read_xlsx(data, "t.xlsx"), "t.xlsx")
    assert rows(reading.result) == [("产出指标", "数量指标", "补贴人数", "120人"), ("产出指标", "质量指标", "发放准确率", "100%")]
    assert "第4列“年度指标值”=指标值" in reading.explain[0]
    assert rows(read_bytes(data, "t.xlsx")) == rows(reading.result)


def test_a_header_over_three_rows():
    # 绩效指标 over the whole header, 指标值 over 比较符 | 数值 | 计量单位
    table = [["绩效指标", "", "", "", "", ""], ["一级指标", "二级指标", "三级指标", "指标值", "", ""],
             ["", "", "", "比较符", "数值", "计量单位"], ["产出指标", "数量指标", "补贴人数", "≥", "120", "人"]]
    data = word(FORM, table, merges=[(1, 0, 0, 0, 5), (1, 1, 3, 1, 5), *((1, 1, c, 2, c) for c in range(3))])
    reading = grid(data)
    assert rows(reading.result) == [("产出指标", "数量指标", "补贴人数", "≥120人")]
    assert reading.explain[1].startswith("第2个表格：项目“养老补贴”，第1行、第2行、第3行是表头，下面 1 行")


def test_a_value_header_over_a_period_and_a_year_column():
    # 指标值 over 实施期 | 年度: the year's is the target, the period's the 实施期指标值
    data = excel([["一级指标", "二级指标", "三级指标", "指标值", None],
                  [None, None, None, "实施期", "年度"],
                  ["产出指标", "数量指标", "补贴人数", "≥500人", "≥120人"]],
                 ["A1:A2", "B1:B2", "C1:C2", "D1:E1"])
    result = read_bytes(data, "t.xlsx")
    [indicator] = result.documents[0].sections[0].indicators
    assert (indicator.level3, indicator.target_raw, indicator.cycle_target_raw) == ("补贴人数", "≥120人", "≥500人")


def test_period_and_year_blocks_side_by_side_are_one_section_with_each_value_in_its_field():
    # the form of 中长期 and 年度 targets: a block of indicator columns under each
    table = [["一级指标", "中期目标", "", "", "年度目标", "", ""],
             ["", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
             ["产出指标", "数量指标", "补贴人数", "≥500人", "数量指标", "补贴人数", "≥120人"],
             ["", "质量指标", "补贴准确率", "100%", "时效指标", "发放及时率", "100%"]]
    data = word(FORM, table, merges=[(1, 0, 1, 0, 3), (1, 0, 4, 0, 6), (1, 0, 0, 1, 0), (1, 2, 0, 3, 0)])
    result = read_bytes(data, "t.docx")
    assert result.reader == "target_tables"
    [section] = result.documents[0].sections
    assert section.name == "养老补贴"
    assert [(i.level1, i.level2, i.level3, i.target_raw, i.cycle_target_raw) for i in section.indicators] == [
        ("产出指标", "数量指标", "补贴人数", "≥120人", "≥500人"),
        ("产出指标", "时效指标", "发放及时率", "100%", ""),
        ("产出指标", "质量指标", "补贴准确率", "", "100%")]  # the period's alone: kept, and said
    assert codes(result) == ["JX063"]
    # the blocks named in one header row, the year's first
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "二级指标", "三级指标", "中长期指标值"]
    data = word([header, ["产出指标", "数量指标", "补贴人数", "≥120人", "数量指标", "补贴人数", "≥500人"]])
    [indicator] = grid(data).result.documents[0].sections[0].indicators
    assert (indicator.target_raw, indicator.cycle_target_raw) == ("≥120人", "≥500人")


def test_two_blocks_that_do_not_say_whose_values_they_are_are_read_as_one_with_a_finding():
    header = ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    data = word([header, ["产出指标", "数量指标", "补贴人数", "≥500人", "数量指标", "补贴人数", "≥120人"]])
    result = grid(data).result
    assert rows(result) == [("产出指标", "数量指标", "补贴人数", "≥500人")]
    assert codes(result) == ["JX063", "JX063", "JX063"]  # each repeated column, never a guess


def test_a_sheet_of_pasted_lines_with_one_row_of_two_cells_is_read_as_text():
    # a page's text pasted into column A (a PDF preview's glued cells), one line split into two cells
    data = excel([["绩效目标表"], ["发布时间：2021-01-05", "发布单位：区教育局"], ["项目名称农村薄弱学校改造补助资金"],
                  ["绩效指标一级指标二级指标指标内容指标值"], ["产出指标数量指标学校改造覆盖率100%"],
                  ["质量指标校舍维修改造质量合格率100%"], ["满意度指标服务对象满意度指标学生家长满意度≥90%"]], [])
    assert rows(read_bytes(data, "t.xlsx")) == [
        ("产出指标", "数量指标", "学校改造覆盖率", "100%"), ("产出指标", "质量指标", "校舍维修改造质量合格率", "100%"),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%")]


def test_a_table_of_one_filled_cell_a_row_is_read_as_the_lines_of_text_it_holds():
    # a page written one cell per line put in a table (a row's trailing empty cells kept): no grid
    # to read, but the text readers place the cells, the unit column before the comparator's
    lines = [["一级指标"], ["二级指标"], ["三级指标"], ["计量单位"], ["指标性质"], ["指标值", ""],
             ["产出指标"], ["数量指标"], ["绿化美化公路"], ["米"], ["="], ["3500", ""],
             ["质量指标"], ["树木成活率"], ["%"], ["≥"], ["85", "", ""]]
    result = read_bytes(word("项目绩效目标表", lines), "t.docx")
    assert rows(result) == [("产出指标", "数量指标", "绿化美化公路", "= 3500 米"), ("产出指标", "质量指标", "树木成活率", "≥ 85 %")]
    # the row starts at its first cell, the level 1 above its name
    assert result.documents[0].sections[0].indicators[0].source.origin == Origin("第1个表格", 7, 1)


@pytest.mark.parametrize("merged", [True, False])
def test_a_period_block_and_a_year_block_one_under_another_in_one_table(merged):
    # each block under a title row (across the table, or in its first cell only): not the same
    # table going on after its header was repeated
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    table = [["中长期绩效指标", "", "", ""], header, ["产出指标", "数量指标", "补贴人数", "≥500人"],
             ["年度绩效指标", "", "", ""], header, ["产出指标", "数量指标", "补贴人数", "≥120人"],
             ["", "时效指标", "发放及时率", "100%"]]
    data = word(FORM, table, merges=[(1, 0, 0, 0, 3), (1, 3, 0, 3, 3)] if merged else [])
    result = read_bytes(data, "t.docx")
    [section] = result.documents[0].sections
    assert section.name == "养老补贴"
    assert [(i.level3, i.target_raw, i.cycle_target_raw) for i in section.indicators] == [
        ("补贴人数", "≥120人", "≥500人"), ("发放及时率", "100%", "")]


def test_a_title_across_the_table_above_its_header_is_its_title_not_a_header_row():
    table = [["2023年度项目绩效目标", "", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
             ["产出指标", "数量指标", "补贴人数", "≥120人"]]
    reading = grid(word(table, merges=[(0, 0, 0, 0, 3)]))
    document = reading.result.documents[0]
    assert (document.year, rows(reading.result)) == (2023, [("产出指标", "数量指标", "补贴人数", "≥120人")])
    assert reading.explain[0].startswith("第1个表格：第2行是表头")


def test_a_year_value_header_over_its_comparator_value_and_unit_columns_in_a_self_evaluation():
    table = [["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分"],
             ["", "", "", "指标性质", "指标值", "度量单位", "", "", ""],
             ["产出指标", "数量指标", "学生受资助人数", "≧", "735", "人次", "735", "10", "10"],
             ["效益指标", "经济效益指标", "减轻负担", "", "有效", "", "有效", "10", "10"]]
    merges = [(1, 0, 3, 0, 5), *((1, 0, c, 1, c) for c in (0, 1, 2, 6, 7, 8))]
    result = read_bytes(word(FORM, table, merges=merges), "t.docx")
    assert rows(result) == [("产出指标", "数量指标", "学生受资助人数", "≧735人次"), ("效益指标", "经济效益指标", "减轻负担", "有效")]
    assert [(i.actual_raw, i.weight_raw, i.score_raw) for i in result.documents[0].sections[0].indicators][0] == ("735", "10", "10")
    assert "第5列“年度指标值 指标值”=指标值" in "\n".join(result.explain)


def test_a_table_going_on_with_rows_of_categories_only_joins_the_one_before():
    # the part after a page break starts with categories that have no indicator under them
    header = ["一级指标", "二级指标", "三级指标", "年度指标值"]
    first = [header, ["产出指标", "数量指标", "补贴人数", "≥120人"]]
    going_on = [["效益指标", "经济效益指标", "", ""], ["", "生态效益指标", "", ""], ["", "社会效益指标", "政策知晓率", "≥90%"]]
    reading = grid(word(FORM, first, going_on))
    assert rows(reading.result) == [("产出指标", "数量指标", "补贴人数", "≥120人"), ("效益指标", "社会效益指标", "政策知晓率", "≥90%")]
    assert reading.explain[-1] == "第3个表格：接着前一个指标表（跨页），3 行"


def test_a_table_with_some_rows_not_under_their_headers_is_read_as_text_when_that_reads_as_many():
    # most rows stand under their headers, two lost their merged cells: the grid places those two
    # wrongly, the text reading reads every row whole, as many as the grid has: the text reading wins
    data = word(FORM, [["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
                       ["产出指标", "数量指标", "补贴人数", "≥", "120", "人"],
                       ["产出指标", "质量指标", "发放准确率", "=", "100", "%"],
                       ["时效指标", "发放及时率", "=", "100", "%"],
                       ["效益指标", "社会效益指标", "困难群众生活", "定性", "改善", "无"],
                       ["可持续影响指标", "救助机制", "定性", "健全", "无"]])
    result = read_bytes(data, "t.docx")
    assert rows(result, -1) == [("产出指标", "数量指标", "补贴人数", "≥ 120 人"), ("产出指标", "质量指标", "发放准确率", "= 100 %"),
                                ("产出指标", "时效指标", "发放及时率", "= 100 %"), ("效益指标", "社会效益指标", "困难群众生活", "改善"),
                                ("效益指标", "可持续影响指标", "救助机制", "健全")]
