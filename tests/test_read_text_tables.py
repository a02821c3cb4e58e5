"""Indicator tables in text (text_cells → indicator_stream → text_tables): made-up tables in every
form text brings them in, each read to the same rows; one test per way real pages differ."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.read.base import TextInput
from jixiao.read.grid import split_lines
from jixiao.read.indicator_header import ACTUAL, LEVEL3, SCORE, TARGET
from jixiao.read.indicator_stream import read_tables, split_prose
from jixiao.read.text_cells import cells
from jixiao.read.text_tables import TextTableReader

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"]
ROWS = [
    ["产出指标", "数量指标", "发放补贴户数", "≥1200户", "1260户", "20", "20"],
    ["", "", "培训基层人员人次", "≥300人次", "310人次", "20", "20"],
    ["", "时效指标", "资金拨付及时率", "100%", "100%", "20", "18"],
    ["效益指标", "社会效益指标", "群众生活条件", "稳步改善", "达到预期", "20", "18"],
    ["满意度指标", "服务对象满意度指标", "受助对象满意度", "≥90%", "93%", "20", "20"],
]
EXPECTED = [
    ("产出指标", "数量指标", "发放补贴户数", "≥1200户", "1260户", "20"),
    ("产出指标", "数量指标", "培训基层人员人次", "≥300人次", "310人次", "20"),
    ("产出指标", "时效指标", "资金拨付及时率", "100%", "100%", "18"),
    ("效益指标", "社会效益指标", "群众生活条件", "稳步改善", "达到预期", "18"),
    ("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥90%", "93%", "20"),
]
TITLE = ["某县2024年困难群众救助补助资金绩效自评表", "项目名称：困难群众救助补助资金"]


def read_text(text: str, name: str):
    """The text reader itself, without the choice among readers."""
    return TextTableReader().extract(TextInput(name, text))


def indicators(result, *fields: str) -> list[tuple[str, ...]]:
    """The ``fields`` of every indicator read, in order."""
    return [tuple(getattr(i, f) for f in fields) for d in result.documents for s in d.sections for i in s.indicators]


def rows_of(text: str) -> list[tuple[str, ...]]:
    stream = cells(split_lines(text))
    return [(r.level1, r.level2, r.cells[LEVEL3], r.cells.get(TARGET, ""), r.cells.get(ACTUAL, ""),
             r.cells.get(SCORE, "")) for t in read_tables(stream.tokens, stream.empties_kept) for r in t.records]


def pipes(grid):  # one row per line, Markdown style
    return "\n".join(TITLE + ["| " + " | ".join(row) + " |" for row in grid])


def cell_lines(grid):  # one cell per line ending " |", a line of pipes between rows
    return "\n".join(TITLE + [line for row in grid for line in [*(f"{c} |" for c in row), "|||"]])


def blank_separated(grid):  # one cell per line, blank lines between, an empty cell a line of one space
    return "\n\n".join(TITLE + [c or " " for row in grid for c in row])


def merged_dropped(grid):  # merged category cells left out of the copy, one row per line
    return "\n".join(TITLE + ["  ".join(c for c in row if c) for row in grid])


def tabs(grid):
    return "\n".join(TITLE + ["\t".join(row) for row in grid])


def test_every_form_of_one_table_reads_the_same_rows():
    grid = [HEADER, *ROWS]
    for form in (pipes, cell_lines, blank_separated, merged_dropped, tabs):
        assert rows_of(form(grid)) == EXPECTED, form.__name__


NAME = st.text(alphabet="补助资金发放户数人次培训改造完成率覆盖农村道路学校", min_size=3, max_size=12)
VALUE = st.builds(lambda c, n, u: f"{c}{n}{u}", st.sampled_from(["", "≥", "≤"]),
                  st.integers(1, 99999), st.sampled_from(["%", "人", "户", "个", "万元"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAME, VALUE, VALUE), min_size=1, max_size=8))
def test_any_rows_read_back_in_every_form(rows):
    grid = [HEADER] + [["产出指标" if k == 0 else "", "数量指标" if k == 0 else "", name, target, actual,
                        "10", "10"] for k, (name, target, actual) in enumerate(rows)]
    want = [("产出指标", "数量指标", name, target, actual, "10") for name, target, actual in rows]
    for form in (pipes, cell_lines, blank_separated, tabs):
        assert rows_of(form(grid)) == want, form.__name__


def test_split_value_columns_are_joined_whatever_their_order():
    text = "\n".join([
        "| 一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标性质 | 指标值 | 权重 |",
        "| 产出指标 | 数量指标 | 新建道路长度 | 公里 | ≥ | 12 | 20 |",
        "| | 质量指标 | 工程验收合格率 | % | = | 100 | 20 |",
        "| | 时效指标 | 项目按期完工 | | 定性 | 按期 | 20 |",
    ])
    result = read_text(text, "split.txt")
    got = [(i.level2, i.level3, i.target_raw, i.weight_raw) for d in result.documents for s in d.sections
           for i in s.indicators]
    # 定性 says what kind of target it is and is no comparator: it is not part of the target
    assert got == [("数量指标", "新建道路长度", "≥ 12 公里", "20"), ("质量指标", "工程验收合格率", "= 100 %", "20"),
                   ("时效指标", "项目按期完工", "按期", "20")]


def test_a_dropped_empty_cell_leaves_its_column_empty_rather_than_shifting_the_rest():
    text = "\n".join([
        "一级指标 | 二级指标 | 三级指标 | 指标值类型 | 目标值 | 度量单位 | 指标值内容 |",
        "成本指标 | 经济成本指标 | 设备采购经费 | ≤ | 50 | 万元 | 反映采购支出 |",
        "社会成本指标 | 施工对周边的影响 | 定性 | 降低 | 反映施工影响 |",
    ])
    rows = [(i.level1, i.level2, i.level3, i.target_raw, i.description)
            for d in read_text(text, "t.txt").documents for s in d.sections for i in s.indicators]
    assert rows == [("成本指标", "经济成本指标", "设备采购经费", "≤ 50 万元", "反映采购支出"),
                    ("成本指标", "社会成本指标", "施工对周边的影响", "降低", "反映施工影响")]


def test_a_header_flattened_from_two_rows_puts_the_upper_columns_after_the_lower():
    text = ("| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 "
            "| 度量单位 | 产出指标 | 数量指标 | 慰问困难老人 | ≥ | 500 | 人 | 520 | 10 | 10 |\n"
            "| 质量指标 | 慰问金发放准确率 | = | 100 | % | 100% | 10 | 9 |")
    assert rows_of(text) == [("产出指标", "数量指标", "慰问困难老人", "500", "520", "10"),
                             ("产出指标", "质量指标", "慰问金发放准确率", "100", "100%", "9")]


def test_labels_as_templates_and_headings_write_them():
    text = "\n".join(["一级 | 二级 | 三级 | 年度数值 |", "产出值 | 数量值 | 维修校舍面积 | ≥800平方米 |",
                      "效益值 | 社会效益值 | 办学条件 | 明显改善 |", "三、满意度目标 | （一）满意度指标（必填） | 家长满意度 | ≥90% |"])
    assert [r[:4] for r in rows_of(text)] == [
        ("产出指标", "数量指标", "维修校舍面积", "≥800平方米"), ("效益指标", "社会效益指标", "办学条件", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%")]


def test_a_level2_without_its_level1_takes_its_own_level1():
    text = "\n\n".join(["一级指标", "二级指标", "指标名称", "指标值", "产出指标", "数量指标", "新增托位", "200",
                        "社会效益", "托育机构覆盖率", "提高", "满意度指标", "满意度指标", "家长满意度", "95%"])
    assert [r[:4] for r in rows_of(text)] == [("产出指标", "数量指标", "新增托位", "200"),
                                              ("效益指标", "社会效益指标", "托育机构覆盖率", "提高"),
                                              ("满意度指标", "服务对象满意度指标", "家长满意度", "95%")]


def test_prose_and_labelled_blocks():
    prose = "\n".join(["一、产出指标", "（一）数量指标", "培训农户人数≧200人；", "（二）时效指标", "完成时限，2024年11月底前；",
                       "二、效益指标", "（一）社会效益指标", "农户种植技术水平，提高。"])
    assert [r[2:4] for r in rows_of(prose)] == [("培训农户人数", "≧200人"), ("完成时限", "2024年11月底前"),
                                                ("农户种植技术水平", "提高")]
    blocks = "\n\n".join(["【产出指标-数量指标】", "指标1:巡逻车辆数量(≥12辆)", "【效益指标-社会效益指标】",
                          "指标1:群众安全感(稳步提升)", "附件："])
    assert [r[:4] for r in rows_of(blocks)] == [("产出指标", "数量指标", "指标1:巡逻车辆数量", "≥12辆"),
                                                ("效益指标", "社会效益指标", "指标1:群众安全感", "稳步提升")]
    assert split_prose("公共厕所数量(座)") is None  # a unit after a name is no target
    # a sentence of several clauses is prose, not a name and its target
    assert split_prose("完善乡村医疗网络,补齐基层服务短板,增强群众就医便利") is None


def test_a_table_written_by_columns_lines_up_names_and_values():
    text = "\n".join(["三级指标 新建泵站 管网改造长度(公里) 开工率(%)", "年度目标值", "3 12 100%", "实施周期目标值",
                      "5 30 100%"])
    assert [(r[2], r[3]) for r in rows_of(text)] == [("新建泵站", "3"), ("管网改造长度(公里)", "12"), ("开工率(%)", "100%")]


def test_a_header_repeated_after_a_page_break_continues_the_table_and_a_new_form_starts_another():
    page = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 数量指标 | 新建公厕 | 10座 |"]
    text = "\n".join(["项目名称：城区公厕建设", *page, "第 1 页", "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
                      "| | 质量指标 | 验收合格率 | 100% |", "项目名称：背街小巷改造", *page])
    sections = read_text(text, "two.txt").documents[0].sections
    assert [(s.name, [i.level3 for i in s.indicators]) for s in sections] == [
        ("城区公厕建设", ["新建公厕", "验收合格率"]), ("背街小巷改造", ["新建公厕"])]


def test_what_cannot_be_placed_is_a_finding_not_a_row():
    text = "\n".join(["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 数量指标 | 新建公厕 | 10座 |",
                      "| 质量指标 | 验收合格率 | |", "| 总分 | 100 |"])
    result = read_text(text, "t.txt")
    assert [i.level3 for i in result.documents[0].sections[0].indicators] == ["新建公厕"]
    assert any(f.code == "JX067" and "验收合格率" in f.message for f in result.findings)


def test_explain_shows_the_split_the_columns_and_the_first_rows():
    result = TextTableReader().extract(TextInput("t.txt", pipes([HEADER, *ROWS])))
    text = "\n".join(result.explain)
    assert "文本切分：竖线分列" in text and "名称后的单元格依次为 指标值、实际完成值、分值、得分" in text
    assert "三级指标=发放补贴户数 | 指标值=≥1200户" in text


def test_cells_keep_what_the_text_says_about_rows_and_empty_cells():
    stream = cells(["a | b | c", "d |", "|", "e |", "||||"])
    assert [(t.kind, t.text) for t in stream.tokens] == [
        ("cell", "a"), ("cell", "b"), ("cell", "c"), ("row_end", ""), ("cell", "d"), ("cell", ""), ("cell", "e"),
        ("break", "")]
    assert cells(["数量( ≥**个 ) >=4个"]).tokens[0].text == "数量( ≥**个 )"


def test_one_cell_per_line_without_empty_cells_ends_rows_by_what_the_cells_say():
    # no blank lines, no pipes, empty 偏差原因 cells simply absent; a qualitative actual repeats its target
    lines = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
             "产出指标", "数量指标", "修缮村级活动场所", "≥6个", "6个", "30", "30",
             "新建文化广场", "按期完成", "按期完成", "30", "30",
             "质量指标", "工程验收合格率", "100%", "90%", "20", "18", "一处广场地面返修，已责成施工方整改，明年复验",
             "效益指标", "社会效益指标", "村民文化生活", "明显改善", "明显改善", "20", "20"]
    assert [(r[2], r[3], r[4], r[5]) for r in rows_of("\n".join(lines))] == [
        ("修缮村级活动场所", "≥6个", "6个", "30"), ("新建文化广场", "按期完成", "按期完成", "30"),
        ("工程验收合格率", "100%", "90%", "18"), ("村民文化生活", "明显改善", "明显改善", "20")]


def test_a_users_correction_of_a_column_role_is_applied_to_that_layout():
    from jixiao.read import read_text as read_registry
    from jixiao.read.base import ANY_TABLE

    text = "\n".join(["| 一级指标 | 二级指标 | 三级指标 | 目标 | 完成 | 得分 |",
                      "| 产出指标 | 数量指标 | 发放补贴户数 | ≥100户 | 98户 | 9 |"])
    plain = read_registry(text, "t.txt")
    assert plain.documents[0].sections[0].indicators[0].actual_raw == ""  # 完成 names no known column
    layout = TextTableReader().extract(TextInput("t.txt", text, corrections={ANY_TABLE: {3: TARGET, 4: ACTUAL}})).tables
    (columns,) = layout
    assert columns.names == ("一级指标", "二级指标", "三级指标", "目标", "完成", "得分")
    assert columns.roles[3:] == (TARGET, ACTUAL, SCORE)
    # kept by the layout's signature, the correction reads the next file of the same layout
    again = read_registry(text.replace("98户", "101户"), "u.txt", corrections={columns.signature: {3: TARGET, 4: ACTUAL}})
    indicator = again.documents[0].sections[0].indicators[0]
    assert (indicator.target_raw, indicator.actual_raw, indicator.score_raw) == ("≥100户", "101户", "9")


def test_a_table_of_several_projects_gives_each_project_a_section():
    text = "\n".join([
        "| 项目名称 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 道路养护经费 | 保障全镇道路通行 | 产出指标 | 数量指标 | 养护道路里程 | ≥40公里 |",
        "| 效益指标 | 社会效益指标 | 群众出行条件 | 明显改善 |",
        "| 垃圾清运经费 | 生活垃圾日产日清 | 产出指标 | 数量指标 | 清运生活垃圾 | ≥3000吨 |",
    ])
    document = read_text(text, "t.txt").documents[0]
    assert [(s.name, s.goal, [i.level3 for i in s.indicators]) for s in document.sections] == [
        ("道路养护经费", "保障全镇道路通行", ["养护道路里程", "群众出行条件"]),
        ("垃圾清运经费", "生活垃圾日产日清", ["清运生活垃圾"])]


def test_a_cell_per_line_keeps_a_labels_note_and_an_unknown_label():
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "(必填硬性指标)", "新建公厕", "10座",
             "时限性指标", "完工时间", "2天以内"]
    assert [r[:4] for r in rows_of("\n\n".join(lines))] == [("产出指标", "数量指标", "新建公厕", "10座"),
                                                           ("产出指标", "时限性指标", "完工时间", "2天以内")]


def test_the_totals_line_of_a_self_evaluation_is_kept_for_re_scoring():
    text = "\n".join(["| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
                      "| 产出指标 | 数量指标 | 新建公厕 | 10座 | 10座 | 90 | 90 | |", "| 总分 | 100 | 98.5 | 优 |"])
    section = read_text(text, "t.txt").documents[0].sections[0]
    assert (section.fields["总分/分值"], section.fields["总分/得分"]) == ("100", "98.5")


def test_a_second_header_row_splits_the_target_into_its_columns():
    text = "\n".join(["一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据", "\t\t\t符号\t数值\t度量单位\t",
                      "产出指标\t数量指标\t慰问困难群众户数\t≥\t500\t户\t年度计划",
                      "\t\t慰问金发放准确率\t=\t100\t%\t资金管理办法"])
    indicators = read_text(text, "t.txt").documents[0].sections[0].indicators
    assert [(i.level3, i.target_raw, i.basis) for i in indicators] == [
        ("慰问困难群众户数", "≥ 500 户", "年度计划"), ("慰问金发放准确率", "= 100 %", "资金管理办法")]


def test_a_cell_wrapped_onto_a_line_of_its_own_goes_back_to_its_row():
    text = "\n".join(["一级指标  二级指标  三级指标  绩效指标描述  指标值",
                      "效益指标  社会效益指标  老人生活质量  老人居家生活得到照料，  明显改善",
                      "生活质量提升",
                      "满意度指标  服务对象满意度指标  老人满意度  问卷调查  ≥90%",
                      "部门整体绩效目标申报表"])
    result = read_text(text, "t.txt")
    first, last = result.documents[0].sections[0].indicators
    assert (first.description, first.target_raw) == ("老人居家生活得到照料，\n生活质量提升", "明显改善")
    # a line after a row that breaks off nowhere is no part of it (here, a title): said, not joined
    assert last.description == "问卷调查" and any("部门整体绩效目标申报表" in f.message for f in result.findings)


def test_cells_set_apart_by_runs_of_spaces_keep_their_word_spaces():
    # A PDF copy: wide gaps between cells, a single space inside one (年度 指标值, 实际 完成值), the
    # merged category cells dropped from the rows below the first.
    text = "\n".join(TITLE + [
        "一级指标   二级指标   三级指标   年度 指标值   实际 完成值   分值   得分",
        "产出指标   数量指标   发放补贴户数   ≥1200户   1260户   20   20",
        "培训基层人员人次   ≥300人次   310人次   20   20",
        "满意度指标   服务对象满意度指标   受助对象满意度   ≥90%   93%   20   20",
    ])
    assert rows_of(text) == [("产出指标", "数量指标", "发放补贴户数", "≥1200户", "1260户", "20"),
                             ("产出指标", "数量指标", "培训基层人员人次", "≥300人次", "310人次", "20"),
                             ("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥90%", "93%", "20")]
    # the same table with single spaces between cells: a single space is then a border
    single = text.replace("   ", " ").replace("年度 指标值", "年度指标值").replace("实际 完成值", "实际完成值")
    assert rows_of(single) == rows_of(text)


def test_one_cell_per_line_with_blank_lines_between_rows_ends_a_row_at_each_blank_line():
    # merged cells left out (the level 1 on a row of its own, the level 2 on the first row under
    # it): the blank line, not the count of cells, says where a row ends
    grid = [["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "年度指标值", "实际完成值", "计量单位",
             "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标"],
            ["数量指标", "指标1:租用车辆次数(次)", "正向", "大于等于", "2", "2", "次", "8", "8"],
            ["指标2:宣传册印制个数(个)", "正向", "小于等于", "3", "3", "个", "7", "7"],
            ["质量指标", "指标1:车辆租用合格率", "正向", "等于", "100", "100", "%", "5", "5"]]
    text = "\n".join(TITLE + [line for row in grid for line in [*row, ""]])
    rows = [(i.level1, i.level2, i.level3, i.target_raw)
            for d in read_text(text, "t.txt").documents for s in d.sections for i in s.indicators]
    assert rows == [("产出指标", "数量指标", "指标1:租用车辆次数(次)", "大于等于 2 次"),
                    ("产出指标", "数量指标", "指标2:宣传册印制个数(个)", "小于等于 3 个"),
                    ("产出指标", "质量指标", "指标1:车辆租用合格率", "等于 100 %")]


def test_a_column_without_a_name_after_the_names_is_a_column_not_a_gap():
    # TABs write the empty header cell: the unit column under it is no target, and says so
    text = "\n".join(["三级指标\t\t指标值", "救助人数\t人次\t≥300人次", "救助及时率\t\t100%"])
    result = read_text(text, "t.txt")
    assert [(i.level3, i.target_raw) for i in result.documents[0].sections[0].indicators] == [
        ("救助人数", "≥300人次"), ("救助及时率", "100%")]
    assert [(f.code, f.evidence) for f in result.findings] == [("JX063", "人次")]
    assert "第2列没有列名" in result.findings[0].message


def test_mirror_text_with_pinyin_required_marks_and_a_unit_column_beside_a_value_with_its_unit():
    # A mirror site inserts pinyin after characters; required columns are marked *; the unit column
    # is added only to a value ending in its number; a flag where the name belongs is no name: the
    # row is kept without one and reported, as every row with values but no name is.
    text = "\n".join([
        "| 一級(jí)指標(biāo) | 二級(jí)指標(biāo) | 三級(jí)指標(biāo) | 指標(biāo)值類型 | *指標(biāo)值 | 計量單位 | *評(扣)分標準 |",
        "| 產(chǎn)出指標(biāo) | 數量指標(biāo) | 培訓經費 | 定量 | 12.5萬元 | % | 酌情扣分 |",
        "| 質量指標(biāo) | 培訓合格率 | 定量 | 95 | % | 酌情扣分 | |",
        "| 成本指標(biāo) | 社會成本指標(biāo) | 定量 | 100 | % | 酌情扣分 | |",
        "| 效益指標(biāo) | 社會效益指標(biāo) | 培訓覆蓋面 | 定性 | 穩步擴大 | % | 酌情扣分 |",
    ])
    result = read_text(text, "mirror.txt")
    assert indicators(result, "level1", "level2", "level3", "target_raw") == [("产出指标", "数量指标", "培訓經費", "12.5萬元"), ("产出指标", "质量指标", "培訓合格率", "95 %"),
                   ("成本指标", "社会成本指标", "", "100 %"), ("效益指标", "社会效益指标", "培訓覆蓋面", "穩步擴大")]
    assert [f.location.source.line for f in result.findings if f.code == "JX062"] == [4]


def test_two_column_groups_write_the_level2_twice():
    # 长期 and 年度 column groups side by side, the 长期 one left empty: each row writes its level 2
    # in both groups; the second is that group's level 2, not the indicator's name.
    grid = [
        ["一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)", "二级指标(年度)", "三级指标(年度)", "指标值(年度)"],
        ["产出指标", "数量指标", " ", " ", "数量指标", "改造校舍数", "3"],
        ["产出指标", "成本指标", " ", " ", "成本指标", "改造成本", "控制在预算内"],
        ["效益指标", "可持续影响指标", " ", " ", "可持续影响指标", "办学条件", "持续改善"],
    ]
    for text in (blank_separated(grid), pipes(grid)):
        assert [(r[1], r[2], r[3]) for r in rows_of(text)] == [
            ("数量指标", "改造校舍数", "3"), ("成本指标", "改造成本", "控制在预算内"),
            ("可持续影响指标", "办学条件", "持续改善")]


def test_two_filled_column_groups_give_one_row_per_indicator():
    # 中期 and 年度 groups both filled, merged level cells dropped: the year group's value is the
    # target, the period group's the cycle target; a period-only indicator is a finding, not a row
    text = "\n".join([
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 维修水渠长度 | ≥30公里 | 数量指标 | 维修水渠长度 | ≥10公里 |",
        "新建泵站 | 6座 | 新建泵站 | 2座 |",
        "效益指标 | 社会效益指标 | 灌溉面积增加 | 持续增加 | 社会效益指标 | 受益农户 | ≥500户 |"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level2", "level3", "target_raw", "cycle_target_raw") == [
        ("数量指标", "维修水渠长度", "≥10公里", "≥30公里"), ("数量指标", "新建泵站", "2座", "6座"),
        ("社会效益指标", "受益农户", "≥500户", "")]
    assert any("灌溉面积增加" in f.message for f in result.findings)


def test_a_row_written_without_values_gives_no_cells_to_the_rows_after_it():
    # space-separated rows, the template's empty rows kept with their names only
    text = "\n".join(["一级指标 二级指标 三级指标 指标值 完成值",
                      "产出指标 数量指标 指标1.巡查河道次数 ≥12 14",
                      "指标2.清理河道垃圾量",
                      "指标3.整治排污口数量 ≥5 6",
                      "质量指标 指标1.验收合格率 100% 100%",
                      "指标2.群众投诉处理率",
                      "指标3.水质监测点位"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw", "description") == [
        ("指标1.巡查河道次数", "≥12", ""), ("指标3.整治排污口数量", "≥5", ""), ("指标1.验收合格率", "100%", "")]
    assert sum("没有读到指标值" in f.message for f in result.findings) == 3


def test_a_cell_per_line_ending_in_a_pipe_wrapped_onto_a_second_line_is_one_cell():
    # the first part of the wrapped cell has no pipe of its own; 一级 / 指标 is a header cell broken so
    text = "\n".join(["一级", "指标 |", "二级指标 |", "三级指标 |", "指标值 |", "产出指标 |", "数量指标 |",
                      "新建乡村", "文化广场数量 |", "3个 |", "|", "效益指标 |", "社会效益指标 |", "丰富村民",
                      "文化生活 |", "明显改善 |"])
    assert indicators(read_text(text, "t.txt"), "level1", "level3", "target_raw") == [
        ("产出指标", "新建乡村\n文化广场数量", "3个"), ("效益指标", "丰富村民\n文化生活", "明显改善")]


def test_another_tables_title_and_a_row_marked_not_applicable_are_no_rows():
    text = "\n".join(["项目名称 |", "乡村道路养护 |", "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |",
                      "产出指标 |", "数量指标 |", "养护里程 |", "≥20公里 |", "签订养护目标责任表 |", "100% |",
                      "资金使用不涉及违规 |", "是 |",
                      "效益指标 |", "生态效益指标 |",
                      "本项目不适用此类指标 |", "无 |", "满意度指标 |", "服务对象满意度指标 |", "群众满意度 |", "≥90% |",
                      "项目支出绩效目标表 |", "(2024年度) |", "项目名称 |", "村庄绿化 |",
                      "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw") == [("养护里程", "≥20公里"), ("签订养护目标责任表", "100%"),
                                                          ("资金使用不涉及违规", "是"), ("群众满意度", "≥90%")]
    assert any("不适用" in f.message for f in result.findings)


def test_one_value_column_per_place_gives_the_shared_value_or_each_places():
    # no 指标值 column: a column per village after the explanation, the header's words spaced out
    text = "\n".join(["一级指标 |", "二级指标 |", "三级指标 |", "指 标 解 释 |", "东山村 |", "西河村 |", "南岭村 |",
                      "产出指标 |", "数量指标 |", "修缮水井(口) |", "反映水井修缮数量 |", "2 |", "2 |", "2 |", "|",
                      "新建蓄水池(座) |", "反映蓄水池建设数量 |", "1 |", "3 |", "1 |", "|"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "description", "target_raw") == [
        ("修缮水井(口)", "反映水井修缮数量", "2"), ("新建蓄水池(座)", "反映蓄水池建设数量", "东山村1；西河村3；南岭村1")]
    assert any("各地的指标值不同" in f.message for f in result.findings)
    # the same header on one line: its columns named after places are each a place's target
    pipes_ = "\n".join(["一级指标 | 二级指标 | 三级指标 | 指标解释 | 东山村 | 西河村 | 南岭村 |",
                        "产出指标 | 数量指标 | 修缮水井(口) | 反映水井修缮数量 | 2 | 2 | 2 |",
                        "| | 新建蓄水池(座) | 反映蓄水池建设数量 | 1 | 3 | 1 |"])
    assert indicators(read_text(pipes_, "t.txt"), "level3", "target_raw") == [
        ("修缮水井(口)", "2"), ("新建蓄水池(座)", "东山村1；西河村3；南岭村1")]
    # columns not named after places are no places' targets: the header still lacks its value column
    lots = "\n".join(["一级指标 |", "二级指标 |", "三级指标 |", "指标解释 |", "第一标段 |", "第二标段 |",
                      "产出指标 |", "数量指标 |", "修缮水井(口) |", "反映水井修缮数量 |", "2 |", "3 |"])
    stream = cells(split_lines(lots))
    assert [t.value_roles for t in read_tables(stream.tokens, stream.empties_kept)] == [[]]


def test_a_number_after_each_self_evaluation_row_with_no_column_for_it_is_one_finding():
    # the header lost its 得分 column, the rows kept their scores
    grid = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "培训农技人员", "≥200人次", "215人次", "10"],
            ["", "", "发放宣传手册", "≥1000份", "1200份", "8"],
            ["", "质量指标", "培训合格率", "≥95%", "97%", "10"]]
    result = read_text(blank_separated(grid), "t.txt")
    assert indicators(result, "level3", "target_raw", "actual_raw") == [
        ("培训农技人员", "≥200人次", "215人次"), ("发放宣传手册", "≥1000份", "1200份"), ("培训合格率", "≥95%", "97%")]
    assert [f.message for f in result.findings if "表头最后一列之后" in f.message] == [
        "3行在表头最后一列之后还有一个数（10、8、10），表头没有这一列（可能是分值或得分），没有读入。"]


def test_a_sentence_alone_in_a_table_row_is_not_split_at_its_comma():
    # in prose 完成时限，2024年底前 is a name and its target; in a table with a target column it is not
    text = "\n".join(["| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
                      "| 效益指标 | 社会效益指标 | 受益农户(户) | 320 |",
                      "| | 生态效益指标 | 改善河道水质,减少水土流失。 | |"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw") == [("受益农户(户)", "320")]
    assert any("改善河道水质" in f.message for f in result.findings)


def test_form_labels_and_their_values_on_lines_of_their_own():
    # one cell per line: 项目名称 and its value on the next line are a pair; a label over an empty
    # cell is not given the next label's text
    text = "\n".join(["项目名称 |", "村级道路硬化工程 |", "实施单位 |", "|", "总体目标 |", "硬化村道12公里。 |",
                      "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "产出指标 |", "数量指标 |", "硬化里程 |",
                      "≥12公里 |"])
    section = read_text(text, "t.txt").documents[0].sections[0]
    assert (section.name, section.goal, section.unit.name) == ("村级道路硬化工程", "硬化村道12公里。", "")


def test_a_whole_self_evaluation_on_one_line_starts_rows_by_what_the_cells_say():
    # One line, single spaces; a row continuing a block writes no level 2, and nothing fills the
    # trailing 偏差原因 column: the next name starts the next row, even on the same line.
    text = ("附件: 项目支出绩效自评表 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
            "产出指标(50分) 数量指标 培训班次 =6期 6 10 10 参训人数 ≥300人 320 10 10 "
            "质量指标 档案规范性 规范 达成预期指标 10 10 资料归档完整性 按规定归档 达成预期指标 10 10 "
            "效益指标(30分) 社会效益指标 群众知晓程度 明显提高 达成预期指标 15 15")
    assert [(r[1], r[2], r[3], r[4]) for r in rows_of(text)] == [
        ("数量指标", "培训班次", "=6期", "6"), ("数量指标", "参训人数", "≥300人", "320"),
        ("质量指标", "档案规范性", "规范", "达成预期指标"), ("质量指标", "资料归档完整性", "按规定归档", "达成预期指标"),
        ("社会效益指标", "群众知晓程度", "明显提高", "达成预期指标")]


def test_a_self_evaluation_row_with_only_its_points_is_a_finding_not_a_target():
    # Cells set off by spaces, empty ones dropped: "工程质量合格 10 10" may be target and actual or
    # 分值 and 得分 with the target left empty — not a row; "/ / /" is a blank template row.
    text = "\n".join([
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 指标1:新建泵站数量 2座 2座 10 10",
        "质量指标 指标1:工程质量合格 10 10",
        "生态效益指标 指标1:/ / /",
        "满意度指标 服务对象满意度指标 指标1:群众满意度 90% 95% 10 10",
    ])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw", "score_raw") == [("指标1:新建泵站数量", "2座", "10"), ("指标1:群众满意度", "90%", "10")]
    assert any(f.code == "JX067" and "工程质量合格" in f.message for f in result.findings)
    # not yet scored: two numbers are the target and the actual value
    unscored = "\n".join(["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
                          "产出指标 数量指标 培训人数 1200 1260", "质量指标 合格率 95 98"])
    assert indicators(read_text(unscored, "t.txt"), "level3", "target_raw") == [("培训人数", "1200"), ("合格率", "95")]


def test_a_numbered_report_paragraph_after_the_table_ends_it():
    text = "\n".join([
        "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "|",
        "产出指标 |", "数量指标 |", "宣讲场次 |", "不少于6场 |", "|",
        "满意度指标 |", "满意度指标 |", "群众满意度 |", "90% |", "|",
        "2.分析评价目标设置是否合理,申报内容是否与实际相符",
        "评价认为申报内容与实际相符,目标合理可行。",
        "(三)资金使用情况",
    ])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw") == [
        ("宣讲场次", "不少于6场"), ("群众满意度", "90%")]
    assert any(f.code == "JX067" and "表格到此为止" in f.message for f in result.findings)
    prose = "一、产出指标\n数量指标:培训人数≥300人;\n2.合格率≥95%;\n3.完成时间,2025年底前。"
    assert [r[2] for r in rows_of(prose)][:2] == ["培训人数", "2.合格率"]  # a numbered prose row goes on


def test_a_second_header_row_with_years_a_level1_printed_mid_block_and_a_sign_off():
    text = "\n".join([
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标标准或依据 |",
        "2023年实际实现值 | 预期2024年实现值 | ||||",
        "数量指标 | 巡查次数 | 120次 | |||",
        "产出指标 | 整改问题数 | 30 | |||",  # the merged 产出指标 cell's text, printed on its middle row
        "质量指标 | 整改完成率 | 100% | |||",
        "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | ||",
        "财务科(盖章) 年 月 日 | 绩效科(盖章) 年 月 日 |",
    ])
    assert indicators(read_text(text, "t.txt"), "level1", "level2", "level3", "target_raw") == [("产出指标", "数量指标", "巡查次数", "120次"), ("产出指标", "数量指标", "整改问题数", "30"),
                   ("产出指标", "质量指标", "整改完成率", "100%"),
                   ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]


def test_a_label_broken_over_three_cells_is_made_whole():
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "效益指标", "经济效益 指标 (选填)", "增加就业人数", "≥20人"]
    assert rows_of("\n".join(lines)) == [("效益指标", "经济效益指标", "增加就业人数", "≥20人", "", "")]


def test_cells_one_per_line_a_longer_run_of_blank_lines_ends_the_row():
    # the last column is filled: what follows the longer gap is the next row's name, not that column's
    cells_ = [["三级指标", "指标值", "备注"], ["配备车辆数", "10辆", "计划标准"], ["风炮射程", "≥80米", "计划标准"]]
    text = "\n\n\n".join("\n\n".join(row) for row in cells_)
    assert [(r[2], r[3]) for r in rows_of(text)] == [("配备车辆数", "10辆"), ("风炮射程", "≥80米")]


def test_a_numbered_name_after_a_row_without_its_last_cell_starts_the_next_row():
    lines = ["三级指标", "指标方向", "指标值", "偏差原因", "产出指标", "数量指标",
             "指标1:租车次数", "正向", "1次", "指标2:宣传册个数", "正向", "2个"]
    assert [(r[2], r[3]) for r in rows_of("\n".join(lines))] == [("指标1:租车次数", "1次"), ("指标2:宣传册个数", "2个")]


def test_a_filled_last_column_is_kept_when_the_next_row_follows_it():
    # no longer blank runs to end rows: the cell before a name and its value is the last column's
    filled = ["三级指标", "指标值", "备注", "配备车辆数", "10辆", "计划标准", "风炮射程", "≥80米", "计划标准"]
    assert [(r[2], r[3]) for r in rows_of("\n\n".join(filled))] == [("配备车辆数", "10辆"), ("风炮射程", "≥80米")]
    # left out, the next name stands where it would be
    dropped = [c for c in filled if c != "计划标准"]
    assert [(r[2], r[3]) for r in rows_of("\n\n".join(dropped))] == [("配备车辆数", "10辆"), ("风炮射程", "≥80米")]


def test_space_separated_self_evaluation_with_an_explanation_and_split_value_cells():
    # The header names one value column (its 符号 | 值 | 单位 row and the 指标解释 column lost in the
    # copy); each row writes an explanation, then comparator, number and unit as cells of their own.
    text = "\n".join([
        "一级指标 二级指标 三级指标 预期指标值 实际完成值 完成情况 得分",
        "产出指标 数量指标 救助人数 救助对象中已发放人数的比例 >= 98 %(百分比) 100% 完成 20",
        "满意度指标 服务对象满意度指标 群众满意度 受助群众对救助工作的满意程度 >= 90 % 95% 完成 10",
    ])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "description", "target_raw") == [
        ("救助人数", "救助对象中已发放人数的比例", ">= 98 %(百分比)"), ("群众满意度", "受助群众对救助工作的满意程度", ">= 90 %")]


def test_one_cell_per_line_between_lone_pipes_keeps_its_word_spaces():
    # the lone | lines set the cells apart: 3 岁 inside a name is a word space, not a border
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "3 岁以下幼儿入园人数", "≧120人",
             "质量指标", "体检覆盖率", "≧95%"]
    text = "\n|\n".join(lines)
    assert [(r[2], r[3]) for r in rows_of(text)] == [("3 岁以下幼儿入园人数", "≧120人"), ("体检覆盖率", "≧95%")]
    # so do blank lines between cells
    assert rows_of("\n\n".join(lines)) == rows_of(text)


def test_a_label_written_downwards_one_character_a_line_is_one_cell():
    # 绩 / 效 / 指 / 标 in a narrow cell: one label, not a row named 指 with the target 标
    lines = ["\n".join("绩效指标"), "一级指标", "二级指标", "三级指标", "指标值", "\n".join("产出指标"), "数量指标", "新建公厕",
             "10座", "质量指标", "验收合格率", "100%"]
    assert [r[:4] for r in rows_of("\n|\n".join(lines))] == [
        ("产出指标", "数量指标", "新建公厕", "10座"), ("产出指标", "质量指标", "验收合格率", "100%")]


def test_a_labels_points_on_a_line_of_its_own_and_a_bare_comparator_are_no_row():
    # 产出指标 / (40-50)分: the level 1's points, not a name; ≥ with nothing after it: no target read
    text = "\n".join(["一级指标 二级指标 三级指标 指标值 分值", "成本指标(0-20)分 经济成本指标 建设成本 ≤30万元 10",
                      "产出指标", "(40-50)分", "数量指标 新建道路 ≥2公里 20", "质量指标 验收合格率 ≥"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level1", "level2", "level3", "target_raw") == [
        ("成本指标", "经济成本指标", "建设成本", "≤30万元"), ("产出指标", "数量指标", "新建道路", "≥2公里")]
    assert any(f.code == "JX067" and "验收合格率" in f.message for f in result.findings)


def test_what_follows_a_table_on_a_page_is_no_row():
    # the next project's form, a report's heading, a site's footer: the table ends before each
    rows = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 数量指标 | 新建公厕 | 10座 |"]
    after = {"form": ["项目名称 | 背街小巷改造 |", "预算规模及资金用途 | 预算数 | 24.00 |", rows[0]],
             "heading": ["背街小巷改造项目绩效目标", "(一)中长期绩效目标", "改造背街小巷", "提升群众满意度",
                         "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |"],
             "heading at the end": ["背街小巷改造项目绩效目标", "(一)中长期绩效目标"],
             "footer": ["某某县人民政府主办 | 某某县人民政府办公室承办", "地址:某某路1号 | 电话:1234567",
                        "某ICP备00000000号 | 某公网安备00000000号"]}
    for lines in after.values():
        assert indicators(read_text("\n".join(rows + lines), "t.txt"), "level3") == [("新建公厕",)]
    # with no header of its own after it, the next project's rows go on under this header, as its section
    text = "\n".join(rows + ["| 项目名称：背街小巷改造 |", "| 产出指标 | 数量指标 | 改造小巷 | 5条 |"])
    sections = read_text(text, "t.txt").documents[0].sections
    assert [(s.name, [i.level3 for i in s.indicators]) for s in sections][1:] == [("背街小巷改造", ["改造小巷"])]


def test_rows_of_an_evaluation_frameworks_input_and_management_groups_are_findings():
    text = "\n".join(["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 投入指标 | | 预算执行率 | 100% |",
                      "| 管理 | | 资金管理 | 专账核算 |", "| 产出指标 | 数量指标 | 新建公厕 | 10座 |"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3") == [("新建公厕",)]
    assert sum("评价框架" in f.message for f in result.findings) == 2


def test_a_label_broken_at_the_end_of_a_line_of_spaced_cells_goes_on_on_the_next():
    # 绩效指标 项目完成 / 指标: the label's last word alone on the next line, no row of its own
    text = "\n".join(["一级指标 二级指标 三级指标 指标值", "绩效指标 项目完成", "指标",
                      "数量指标 慰问困难群众 120人", "时效指标 慰问完成时间 2024年2月前"])
    assert indicators(read_text(text, "t.txt"), "level1", "level3", "target_raw") == [
        ("产出指标", "慰问困难群众", "120人"), ("产出指标", "慰问完成时间", "2024年2月前")]


def test_a_row_cut_off_in_its_target_at_the_end_of_the_text_is_a_finding():
    # a search engine's excerpt ends inside the last row: no closing pipe
    rows = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 | 权重 |", "| 产出指标 | 数量指标 | 新建公厕 | 10座 | 20 |",
            "| 质量指标 | 验收合格率 | 100% | 20 |"]
    cut = read_text("\n".join(rows + ["| 时效指标 | 完工时间 | 2024年"]), "t.txt")
    assert indicators(cut, "level3") == [("新建公厕",), ("验收合格率",)]
    assert any("完工时间" in f.message and "中间结束" in f.message for f in cut.findings)
    # cut after its target (in the weight): the row keeps its target
    kept = read_text("\n".join(rows + ["| 时效指标 | 完工时间 | 2024年底 | 2"]), "t.txt")
    assert indicators(kept, "level3", "target_raw")[-1] == ("完工时间", "2024年底")
    # one cell per line between lone | lines: the last cell has no | after it
    lines = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "新建公厕", "10座", "质量指标",
             "验收合格率", "100%", "时效指标", "完工时间", "2024年"]
    lone = read_text("\n|\n".join(lines), "t.txt")
    assert indicators(lone, "level3") == [("新建公厕",), ("验收合格率",)]
    assert any("完工时间" in f.message and "中间结束" in f.message for f in lone.findings)


def test_header_words_as_forms_write_them():
    # 一级目标 for 一级指标, 三级指标内容, 全年指标值 / 本年度指标值 / 指标值及单位 for the target column,
    # 实际完成指标值 for the actual one
    for level1, name, target, actual in [("一级目标", "三级指标内容", "全年指标值", "实际完成值"),
                                         ("一级指标", "三级指标", "本年度指标值", "实际完成值"),
                                         ("一级指标", "三级指标", "指标值及单位", "实际完成值"),
                                         ("一级指标", "三级指标", "年度指标值", "实际完成指标值")]:
        text = "\n".join([f"| {level1} | 二级指标 | {name} | {target} | {actual} |",
                          "| 产出指标 | 数量指标 | 新建公厕 | 10座 | 12座 |"])
        assert indicators(read_text(text, "t.txt"), "level1", "level3", "target_raw", "actual_raw") == [
            ("产出指标", "新建公厕", "10座", "12座")]


def test_glued_cells_win_over_a_split_that_leaves_category_names_inside_names():
    # a wrap space in 产出 指标 splits the line, but 指标数量指标培训人数 is no name: the glued reading wins
    text = "\n".join(["一级指标二级指标三级指标指标值", "产出 指标数量指标培训人数≥300人", "质量指标考核合格率≥95%",
                      "时效指标培训完成时间≥10天"])
    assert indicators(read_text(text, "t.txt"), "level2", "level3") == [
        ("数量指标", "培训人数"), ("质量指标", "考核合格率"), ("时效指标", "培训完成时间")]


def test_header_words_broken_over_cells_one_per_line_are_made_whole():
    header = ["一级指标", "二级指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
              "偏差原因", "分析及", "改进措施"]
    row = ["产出指标", "数量指标", "新建道路", "≥2公里", "2.1公里", "20", "19", " "]
    assert rows_of("\n\n".join(header + row)) == [("产出指标", "数量指标", "新建道路", "≥2公里", "2.1公里", "19")]
    # two whole header words stay two columns (指标值 / 确定依据), though joined they name one
    cells_ = ["三级指标", "指标值", "确定依据", "新建道路", "≥2公里", "年度计划"]
    assert [(r[2], r[3]) for r in rows_of("\n\n".join(cells_))] == [("新建道路", "≥2公里")]


def test_a_labels_points_with_a_bracket_lost_are_its_note():
    cells_ = ["一级指标", "二级指标", "三级指标", "指标值", "分值", "产出指标", "30分)", "数量指标", "新建道路", "≥2公里", "20",
              "效益指标", "(20", "社会效益指标", "群众出行条件", "改善", "20"]
    result = read_text("\n\n".join(cells_), "t.txt")
    assert indicators(result, "level1", "level2", "level3", "target_raw") == [
        ("产出指标", "数量指标", "新建道路", "≥2公里"), ("效益指标", "社会效益指标", "群众出行条件", "改善")]
    assert not result.findings  # no cell in a name's place left unread


def test_an_empty_last_explanation_cell_dropped_where_empty_cells_are_written():
    header = ["三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因"]
    rows = ["新建道路", "≥2公里", "2公里", "20", "20", "修缮桥梁数", "3座", "3座", "20", "20", " ",
            "群众出行条件", "改善", "改善", "20", "18", " "]
    assert [(r[2], r[3]) for r in rows_of("\n\n".join(header + rows))] == [
        ("新建道路", "≥2公里"), ("修缮桥梁数", "3座"), ("群众出行条件", "改善")]


def test_a_name_holding_a_number_on_a_row_of_its_own_is_the_name():
    text = "\n".join(["| 二级指标 | 三级指标 | 指标值 | 实际完成值 | 得分 |",
                      "| 时效指标 | 2023年全年 | ≥300天 | ≥300天 | 10 |",
                      "| 数量指标 | ≥20场次宣传活动 | ≥20场 | 22场 | 10 |"])
    assert [r[1:6] for r in rows_of(text)] == [("时效指标", "2023年全年", "≥300天", "≥300天", "10"),
                                              ("数量指标", "≥20场次宣传活动", "≥20场", "22场", "10")]


def test_a_cell_listing_its_indicators_gives_one_row_each():
    text = "\n".join(["项目名称 | 文化遗产保护经费 | 预算金额 | 20万元 |",
                      "年度绩效目标 | 产出指标 | 开展巡查次数12次;印发宣传册数量3个;验收合格率≥90%;保护名录基本健全。 |",
                      "效益指标 | 宣传覆盖人次≥2万人次;保护单位修缮个数≥4个 |",
                      "资金拨付对象 | 县文化馆 |"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level1", "level3", "target_raw") == [
        ("产出指标", "开展巡查次数", "12次"), ("产出指标", "印发宣传册数量", "3个"), ("产出指标", "验收合格率", "≥90%"),
        ("效益指标", "宣传覆盖人次", "≥2万人次"), ("效益指标", "保护单位修缮个数", "≥4个")]
    messages = [f.message for f in result.findings]
    assert any("保护名录基本健全" in m and "没有读到指标值" in m for m in messages)  # a part without a value
    assert any("资金拨付对象" in m and "项目信息栏" in m for m in messages)
    # a goal written as prose is no list of items, though its clauses end in values
    goal = "年度总体目标 | 实施造林8万亩。其中:新造林3万亩,改造5万亩;修建作业道30公里。 |"
    text = "\n".join(["项目名称 | 水源涵养林建设 |", goal, "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
                      "产出指标 | 数量指标 | 造林面积 | 8万亩 |"])
    document = read_text(text, "t.txt").documents[0]
    assert [(i.level3, i.target_raw) for i in document.sections[0].indicators] == [("造林面积", "8万亩")]
    assert document.sections[0].goal == goal.split(" | ")[1][:-2] and not document.texts


def test_another_tables_header_after_the_rows_ends_the_table():
    text = "\n".join(["| 二级指标 | 三级指标 | 指标值 | 实际完成值 |",
                      "| 数量指标 | 培训人数 | 500人 | 498人 |",
                      "| 满意度 | 学员满意度 | 95%及以上 | 96% |",
                      "序号 | 学校性质 | 培训机构 | 补助标准(元/人) |",
                      "1 | 民办 | 某职业培训学校 | 2600 |"])
    assert [r[2:4] for r in rows_of(text)] == [("培训人数", "500人"), ("学员满意度", "95%及以上")]


def test_a_reports_sentences_stating_targets_are_rows():
    text = "\n".join([
        "某区残疾人事业发展补助资金绩效自评报告",
        "(四)绩效指标完成情况分析。",
        "1、产出数量指标:第一,康复服务覆盖率年初指标值为不低于85%,全年实际完成值100%。第二,托养服务人次数年初指标值为不低于105人,全年实际完成值116人。",
        "2、产出时效指标:项目完成时间年初指标值为2023年12月底,实际在规定时间内完成。"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level1", "level2", "level3", "target_raw", "actual_raw") == [
        ("产出指标", "数量指标", "康复服务覆盖率", "不低于85%", "100%"),
        ("产出指标", "数量指标", "托养服务人次数", "不低于105人", "116人"),
        ("产出指标", "时效指标", "项目完成时间", "2023年12月底", "")]
    assert not result.findings


def test_a_reports_sentences_stating_quoted_targets_without_categories_are_rows():
    # name, colon, 指标值为 and the target in quotes; no category named anywhere on the page
    text = "\n".join([
        "(三)绩效指标完成情况分析。",
        "新修步道长度:指标值为“约800米”,全年实际完成值约900米;",
        "路灯安装验收合格率:指标值为“100%”,完成值为100%;",
        "完工日期:指标值为“2022年6月30日”,全年实际完成值为0,因工期顺延;"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level1", "level3", "target_raw", "actual_raw") == [
        ("", "新修步道长度", "约800米", "约900米"),
        ("", "路灯安装验收合格率", "100%", ""),
        ("", "完工日期", "2022年6月30日", "0")]


def test_a_form_and_table_converted_onto_one_line():
    # a sheet turned into one line of spaced cells: the form before the header is no set of
    # per-project columns, and 绩 效 指 标 spaced out is one label
    text = ("项目支出绩效目标申报表 (2023年度) 项目名称 文物保护经费 实施期资金总额: 1,000,000 年度目标 修缮文物 "
            "一级指标 二级指标 产出指标 数量指标 绩 效 指 标 三级指标 指标值 古戏台修缮 1处 文物安全巡查 416处 "
            "宣传教育短信 ≥3万条 时效指标 绩 效 指 标 完工时间 2023年12月")
    assert [r[1:4] for r in rows_of(text)] == [("", "古戏台修缮", "1处"), ("", "文物安全巡查", "416处"),
                                              ("", "宣传教育短信", "≥3万条"), ("时效指标", "完工时间", "2023年12月")]


def test_projects_under_a_bare_name_header_one_after_another():
    # 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值: a bare 指标 heads the names; the unit before the
    # comparator; each project's title (…绩效目标表(一级项目)) ends the table before it, a stray
    # cell above it (表十二) left open or not; 专项资金名称 names the project
    def project(name, rows):
        return ["表十二", "", "2023年一般性项目绩效目标表(一级项目)", "专项资金名称", name, "当年绩效目标", "按时足额发放",
                "绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值", *rows]
    cells_ = project("村干部补助", ["发放人数", "20", "人", "≥", "80", "促进社会和谐", "20", "", "定性", ""]) + project(
        "办公设备运行维护", ["设备完好率", "10", "%", "≥", "95"])
    result = read_text("\n".join(f"{c} |" if c else "|" for c in cells_), "t.txt")
    sections = result.documents[0].sections
    assert [(s.name, [(i.level3, i.target_raw) for i in s.indicators]) for s in sections] == [
        ("村干部补助", [("发放人数", "≥ 80 人")]), ("办公设备运行维护", [("设备完好率", "≥ 95 %")])]
    assert sections[0].goal == "按时足额发放"


def test_rows_without_a_header_join_a_split_comparator_value_and_unit():
    # an excerpt starting inside a table: no header, the value's parts in cells of their own, a
    # row above the first category, the value's kind (定性) in a cell before a value in words
    text = "\n".join(["标志设置及时率 | = | 100 | % | 100 | 5 |", "|", "| |||",
                      "成本指标 | 排查成本 | = | 6 | 万元 | 6 | 5 |", "|", "| |||",
                      "效益指标 | 社会效益指标 | 隐患处置率 | ≥ | 90 | % | 91 | 10 |", "|", "| |",
                      "可持续影响指标 | 管理机制健全性 | 定性 | 优良中低差 |", "| 优 | 10 |"])
    # 成本指标 alone before the name, no level 1 in effect: the older frame's level 2 (产出指标 › 成本指标)
    assert [r[:4] for r in rows_of(text)] == [("", "", "标志设置及时率", "= 100 %"),
                                              ("产出指标", "成本指标", "排查成本", "= 6 万元"),
                                              ("效益指标", "社会效益指标", "隐患处置率", "≥ 90 %"),
                                              ("效益指标", "可持续影响指标", "管理机制健全性", "优良中低差")]


def test_a_scoring_rule_wrapped_under_a_row_is_no_row():
    # 得分计算方法 names a column; its text, wrapped onto lines of its own, is no name and target
    text = "\n".join([
        "一级指标 二级指标 三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 得分计算方法",
        "产出指标 数量指标 免费开放天数 300天 300天 10 10  ",
        "定量指标计算:完成值达到指标值,记满分;未达到指标值,按比例记分。",
        "定性指标计算:根据“三档”原则分别按分值的100-80%、80-50%、50-0%记分。",
        "-          ",
        "质量指标 免费开放率 100% 100% 10 10  "])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw") == [("免费开放天数", "300天"), ("免费开放率", "100%")]


def test_a_second_name_column_right_after_the_first_is_its_description():
    text = "\n".join(["| 一级指标 | 二级指标 | 三级指标 | 指标内容 | 指标值 |",
                      "| 产出指标 | 数量指标 | 补助人数 | 实际发放补助的人数 | 250人 |"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "description", "target_raw") == [("补助人数", "实际发放补助的人数", "250人")]


def test_a_qualitative_rows_value_on_the_line_after_its_kind():
    # 指标性质 定性: the value and the points follow on lines of their own
    text = "\n".join([
        "一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值",
        "效益指标 可持续影响 装备配置标准化 定性", "长期", "15",
        "产出指标 成本指标 车辆购置成本 反向 小于等于 12 万元 5"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level3", "target_raw", "weight_raw") == [
        ("装备配置标准化", "长期", "15"), ("车辆购置成本", "小于等于 12 万元", "5")]


def test_a_forms_amounts_written_as_labelled_cells():
    rows = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "| 产出指标 | 数量指标 | 新造林面积 | 3万亩 |"]
    text = "\n".join(["项目名称 | 水源涵养林建设 |", "项目资金 (万元) | 年度资金总额: | 6070.00 |",
                      "其中:财政拨款 | 6000.00 |", "其他资金 | 70 |", "资金来源 | 财政拨款 | 非税收入 |",
                      "长期目标 | 涵养水源 |", "年度目标 | 新造林3万亩 |", *rows])
    section = read_text(text, "t.txt").documents[0].sections[0]
    amounts = section.amounts
    assert (amounts.total.value, amounts.fiscal.value, amounts.other.value) == (
        Decimal("6070.00"), Decimal("6000.00"), Decimal("70"))
    assert section.goal == "新造林3万亩" and section.fields["长期目标"] == "涵养水源"
    assert "非税收入" not in section.fields.values()  # a header over amounts pairs nothing
    # one cell per line with blank lines between: each label and its value on the lines after it
    cells_ = ["项目名称", "教育设施建设", "当年资金总额:", "10000万元", "其中:当年财政拨款", "10000万元",
              "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "建设工程数量", "2"]
    document = read_text("\n\n".join(cells_), "t.txt").documents[0]
    section = document.sections[0]
    assert (section.name, section.amounts.total.value, section.amounts.fiscal.value, document.money_unit) == (
        "教育设施建设", Decimal("10000"), Decimal("10000"), "万元")


def test_a_reports_sentence_listing_its_targets():
    text = "\n\n".join(["关于2019年度通组道路工程绩效评价报告", "一、项目基本情况",
                        "(二)绩效目标:道路硬化≥0.565km;工程验收合格率≥100% ;受益人口数≥23人改善村基础设施,促进经济发展。",
                        "二、绩效评价情况", "按照资金使用、产出、效益、满意度四类指标进行综合评价;评价结论良好。"])
    result = read_text(text, "t.txt")
    assert indicators(result, "level1", "level3", "target_raw") == [
        ("", "道路硬化", "≥0.565km"), ("", "工程验收合格率", "≥100%"), ("", "受益人口数", "≥23人")]


def test_a_split_value_with_each_part_on_a_line_of_its_own():
    # one cell per line, rows apart: comparator, number and unit each alone on its line are one value
    rows = [["成本指标", "宣传成本", "≤", "101400", "元", "5"], ["效益指标", "社会效益指标", "群众知晓率", "=", "100", "%", "15"]]
    text = "\n\n\n".join("\n".join(row) for row in rows)
    assert [r[:4] for r in rows_of(text)] == [("产出指标", "成本指标", "宣传成本", "≤ 101400 元"),
                                              ("效益指标", "社会效益指标", "群众知晓率", "= 100 %")]


def test_a_table_cut_off_above_the_first_header_is_read_too():
    # an excerpt starting inside the first project's table (its header cut off), then the next
    # project's form and table; the first table's 绩效指标描述 repeats each name
    text = "\n".join(["产出指标 | 数量指标 | 维修面积 | 维修面积 | ≥400平方米 |",
                      "质量指标 | 验收合格率 | 验收合格率 | ≥98% | |",
                      "项目名称 | 办案业务费 |",
                      "一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |",
                      "产出指标 | 数量指标 | 聘用调解员人数 | 聘用调解员人数 | 1人 |"])
    result = read_text(text, "t.txt")
    sections = result.documents[0].sections
    assert [[(i.level2, i.level3, i.description, i.target_raw) for i in s.indicators] for s in sections] == [
        [("数量指标", "维修面积", "维修面积", "≥400平方米"), ("质量指标", "验收合格率", "验收合格率", "≥98%")],
        [("数量指标", "聘用调解员人数", "聘用调解员人数", "1人")]]
    assert sections[1].name == "办案业务费"


def test_a_pages_labelled_lines_after_the_table_are_no_row():
    text = "\n".join(["| 三级指标 | 指标值 |", "| 设备验收合格率 | 100% |", "公示期:自即日起3天。 | 联系地址:实验楼D702 |"])
    assert [r[2:4] for r in rows_of(text)] == [("设备验收合格率", "100%")]


def test_values_run_together_do_not_make_a_reading_complete():
    # glued text whose bare numbers the glued reading cannot split (≤441010): the rows it can split
    # are kept, not a cell-per-line reading taking ≥2002021010 for a target
    text = "\n".join(["一级指标二级指标三级指标年度 指标值", "实际 完成值", "分值得分偏差原因分析及改进措施",
                      "产出指标数量指标指标1:开展示范村建设数量≤441010", "指标2:建设宜居村庄数量≥2002021010",
                      "指标3:完成户厕改造数量≥200030611010", "质量指标指标1:村庄验收通过率≥95%100%55",
                      "指标2:户厕改造验收通过率≥95%100%55", "时效指标指标1:村庄验收时间9月前7月55"])
    assert indicators(read_text(text, "t.txt"), "level3", "target_raw", "actual_raw") == [
        ("指标1:村庄验收通过率", "≥95%", "100%"), ("指标2:户厕改造验收通过率", "≥95%", "100%"),
        ("指标1:村庄验收时间", "9月前", "7月")]
