"""The general reading of indicator tables in text (jixiao.read.text_tables): every input goes
through the registry (read_path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.findings import ReadError, Severity
from jixiao.model.document import DocKind, SectionKind
from jixiao.read import read_path
from jixiao.read.base import GENERAL_CEILING, TextInput
from jixiao.read.text_tables import TextTableReader

INPUTS = Path(__file__).parent / "inputs" / "general"
SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"
READER = TextTableReader()


def read(name: str):
    result = read_path(INPUTS / name)
    assert result.reader == "text_tables"
    return result


def only_section(result):
    (document,) = result.documents
    (section,) = document.sections
    return document, section


def rows(section):
    return [(i.level1, i.level2, i.level3, i.target_raw) for i in section.indicators]


def codes(result):
    return [f.code for f in result.findings]


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- identify ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_seeds_are_left_to_their_own_readers(seed):
    assert read_path(SAMPLES / seed).reader != READER.name


@pytest.mark.parametrize("name", sorted(p.name for p in INPUTS.glob("*.txt")))
def test_samples_score_below_specific_readers(name):
    recognition = READER.identify(TextInput(name, (INPUTS / name).read_text(encoding="utf-8")))
    assert 0.2 <= recognition.score < GENERAL_CEILING
    assert "个指标表" in recognition.reason


def test_no_header_is_refused_with_the_missing_words(tmp_path):
    path = write(tmp_path, "notes.txt", ["2024年工作计划", "一、加强社会救助", "二、推进养老服务"])
    assert READER.identify(TextInput(path.name, path.read_text(encoding="utf-8"))).score == 0.0
    with pytest.raises(ReadError) as refused:
        read_path(path)
    message = refused.value.finding.message
    assert "三级指标" in message and "指标值" in message


def test_near_header_names_the_missing_column(tmp_path):
    # the header says the last column is the basis: no row takes it for the target
    path = write(tmp_path, "near.txt", ["一级指标\t二级指标\t三级指标\t指标值确定依据", "产出指标\t数量指标\t救助人数\t台账"])
    recognition = READER.identify(TextInput(path.name, path.read_text(encoding="utf-8")))
    assert recognition.score == 0.0
    assert "缺少“指标值/年度指标值/目标值”列" in recognition.reason
    with pytest.raises(ReadError) as refused:
        read_path(path)
    # the refusal says which header was found and what it lacks, not that there is none
    assert "第1行有类似指标表表头的行" in refused.value.finding.message


# -- the sample inputs ------------------------------------------------------------------------


def test_tab_web_copy_carries_categories_down():
    result = read("web_tab_project.txt")
    document, section = only_section(result)
    assert (document.kind, document.title, document.year, document.money_unit) == (
        DocKind.INDICATOR_TABLE, "2024年度困难群众救助补助资金项目绩效目标表", 2024, "万元")
    assert document.organisation == "临川县社会救助服务中心"
    assert (section.kind, section.name, section.code) == (SectionKind.PROJECT, "困难群众救助补助资金", "36102124P000123456")
    assert section.unit.name == "临川县社会救助服务中心"
    assert section.fields == {"主管部门": "临川县民政局"}
    assert section.source.line == 3
    assert len(section.indicators) == 9
    assert rows(section)[:3] == [
        ("产出指标", "数量指标", "城市低保保障人数", "≥1200人"),
        ("产出指标", "数量指标", "农村低保保障人数", "≥5600人"),
        ("产出指标", "数量指标", "特困人员救助供养人数", "≥830人"),
    ]
    assert rows(section)[-1] == ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%")
    first = section.indicators[0]
    assert (first.basis, first.source.line, first.source.row, first.source.file) == (
        "2023年实际保障人数", 9, 2, "web_tab_project.txt")
    # the time row has a sixth cell the header has no column for
    assert codes(result) == ["JX061"]
    finding = result.findings[0]
    assert finding.evidence == "每月10日前"
    assert (finding.location.source.line, finding.location.source.column) == (13, 6)


def test_pipe_table_of_a_department():
    result = read("pipe_department.txt")
    document, section = only_section(result)
    assert (document.organisation, document.year, document.money_unit) == ("临川县文化广电旅游局", 2023, "万元")
    assert (section.kind, section.name, section.code) == (SectionKind.DEPARTMENT, "部门整体绩效指标", "")
    assert section.unit.label() == ""
    assert len(section.indicators) == 6
    assert rows(section)[1] == ("产出指标", "数量指标", "公共图书馆年流通人次", "≥15万人次")
    assert rows(section)[3] == ("产出指标", "时效指标", "文化惠民活动完成时间", "2023年12月底前")
    # the 备注 column is reported once, with a sample of what it held
    assert codes(result) == ["JX063"]
    finding = result.findings[0]
    assert "备注" in finding.message and finding.evidence == "含春节专场"
    assert (finding.location.source.row, finding.location.source.column, finding.location.source.line) == (1, 5, 6)


def test_pdf_copy_places_short_rows_by_column_position():
    result = read("pdf_space_project.txt")
    document, section = only_section(result)
    assert (section.name, section.unit.name, document.year) == ("社区居家养老服务补助", "临川县养老服务指导中心", 2023)
    assert len(section.indicators) == 6
    second = section.indicators[1]
    assert (second.level1, second.level2, second.level3, second.description, second.target_raw, second.basis) == (
        "产出指标", "数量指标", "日间照料中心运营数量", "正常运营的日间照料中心个数", "≥12个", "建设规划")
    assert rows(section)[2] == ("产出指标", "质量指标", "服务质量抽查合格率", "≥95%")
    # a wrapped description line is joined to its row; the page number is not a row
    assert section.indicators[4].description == "老年人居家生活得到照料，\n生活质量提升"
    assert codes(result) == ["JX066"]
    assert result.findings[0].severity is Severity.HINT


def test_word_cell_per_line_export():
    result = read("word_cells_project.txt")
    document, section = only_section(result)
    assert (section.name, section.source.line) == ("未成年人保护专项资金", 2)
    assert section.unit.name == document.organisation == "临川县未成年人救助保护中心"
    assert document.fields == {"填报人": "张明", "联系电话": "0794-1234567"}
    assert len(section.indicators) == 5
    quality = section.indicators[1]
    assert quality.level2 == "质量指标" and quality.level1 == "产出指标"
    assert quality.description == "全国儿童福利信息系统录入准确\n1.每月核对数据\n2.及时更新变动信息"
    assert (quality.target_raw, quality.basis) == ("≥98%", "《儿童福利信息管理规范》")
    # a row split by blank lines is joined back to the header's six cells
    timely = section.indicators[2]
    assert (timely.level3, timely.target_raw, timely.basis, timely.source.line) == (
        "基本生活费发放及时率", "100%", "资金管理办法", 30)
    assert codes(result) == ["JX064"]


def test_cell_per_line_without_tabs():
    result = read("word_lines_no_tab.txt")
    _, section = only_section(result)
    assert rows(section) == [
        ("产出指标", "数量指标", "新建农村公益性公墓个数", "≥3个"),
        ("产出指标", "质量指标", "公墓建设验收合格率", "100%"),
        ("效益指标", "生态效益指标", "节约土地面积", "≥20亩"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥85%"),
    ]
    assert result.findings == []


def test_self_evaluation_table():
    result = read("self_evaluation.txt")
    document, section = only_section(result)
    assert (document.kind, document.title, document.year, document.money_unit) == (
        DocKind.SELF_EVALUATION, "项目支出绩效自评表", 2023, "万元")
    assert document.fields == {"subtitle": "（2023年度）"}
    assert document.organisation == "临川县残疾人联合会"
    assert (section.kind, section.name) == (SectionKind.PROJECT, "残疾人两项补贴资金")
    assert (section.amounts.total.raw, section.amounts.fiscal.raw, section.amounts.other) == ("335.60", "335.60", None)
    assert section.goal.startswith("按时足额发放困难残疾人生活补贴")
    fields = section.fields
    assert fields["主管部门"] == "临川县民政局"
    assert fields["年度资金总额/全年执行数"] == "330.12"
    assert fields["年度资金总额/执行率"] == "98.37%"
    assert fields["年度资金总额/得分"] == "9.8"
    assert fields["当年财政拨款/年初预算数"] == "320.00"
    assert fields["实际完成情况"] == "全年累计发放两项补贴48600人次，资金按月足额发放到位。"
    assert (fields["总分/分值"], fields["总分/得分"]) == ("100", "97.3")
    assert len(section.indicators) == 8
    quality = section.indicators[2]
    assert (quality.level2, quality.level3, quality.target_raw, quality.actual_raw, quality.weight_raw,
            quality.score_raw) == ("质量指标", "补贴对象认定准确率", "100%", "99.6%", "10", "9.5")
    assert quality.deviation == "个别对象死亡未及时注销，已追回资金并建立月度比对机制"
    # the last row has values but no indicator name: kept, and reported
    nameless = section.indicators[-1]
    assert (nameless.level1, nameless.level3, nameless.target_raw, nameless.actual_raw) == ("满意度指标", "", "≥95%", "96%")
    assert codes(result) == ["JX062"]
    finding = result.findings[0]
    assert (finding.location.row_no, finding.location.source.line, finding.location.source.column) == (8, 20, 4)


def test_separate_comparator_number_and_unit_columns():
    result = read("split_value_columns.txt")
    _, section = only_section(result)
    # split columns are joined with single spaces, as the corpus writes them (≥ 300 家 reads as ≥300家)
    assert [i.target_raw for i in section.indicators] == ["≥ 300 家", "≥ 4 次", "≥ 95 %", "≤ 2 小时", "≤ 1 人", "≥ 90 %"]
    assert [i.label for i in section.indicators] == ["1", "2", "3", "4", "5", "6"]
    assert section.indicators[1].level2 == "数量指标"
    assert result.findings == []


def test_cost_as_level_one():
    result = read("cost_level1.txt")
    _, section = only_section(result)
    cost = [(i.level1, i.level2, i.level3) for i in section.indicators if i.level1 == "成本指标"]
    assert cost == [("成本指标", "经济成本指标", "单所改造平均成本"), ("成本指标", "社会成本指标", "施工期间入住老人临时安置人数")]
    assert section.indicators[5].level1 == "效益指标"
    assert result.findings == []


def test_traditional_characters():
    result = read("traditional.txt")
    document, section = only_section(result)
    assert (section.name, document.year) == ("社區養老服務站運營補助", 2023)
    first = section.indicators[0]
    assert (first.level1, first.level2, first.level1_raw, first.level2_raw) == ("产出指标", "数量指标", "產出指標", "數量指標")
    assert (first.level3, first.target_raw, first.basis) == ("運營養老服務站數量", "≥15個", "年度計劃")
    assert section.indicators[-1].level2 == "服务对象满意度指标"


# -- edge cases -------------------------------------------------------------------------------


def test_header_without_rows(tmp_path):
    result = read_path(write(tmp_path, "empty.txt", ["一级指标\t二级指标\t三级指标\t指标值"]))
    assert result.reader == "text_tables"
    assert result.documents[0].sections[0].indicators == []
    assert codes(result) == ["JX060"]


def test_two_row_header_splits_the_value(tmp_path):
    path = write(tmp_path, "two_rows.txt", [
        "一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据",
        "\t\t\t符号\t数值\t度量单位\t",
        "产出指标\t数量指标\t慰问困难群众户数\t≥\t500\t户\t年度计划",
        "\t\t慰问金发放准确率\t=\t100\t%\t资金管理办法",
    ])
    result = read_path(path)
    _, section = only_section(result)
    assert [(i.level3, i.target_raw, i.basis) for i in section.indicators] == [
        ("慰问困难群众户数", "≥ 500 户", "年度计划"), ("慰问金发放准确率", "= 100 %", "资金管理办法")]
    assert result.findings == []


def test_category_only_rows_are_carried_not_recorded(tmp_path):
    path = write(tmp_path, "categories.txt", [
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t\t\t",
        "\t数量指标\t发放人数\t≥100人",
        "\t成本指标\t\t",
        "效益指标\t社会效益指标\t保障水平\t稳步提升",
    ])
    result = read_path(path)
    _, section = only_section(result)
    assert rows(section) == [("产出指标", "数量指标", "发放人数", "≥100人"), ("效益指标", "社会效益指标", "保障水平", "稳步提升")]
    assert result.findings == []


@pytest.mark.parametrize("lines, expected", [
    # 环境效益 for 生态效益
    (["效益指标\t社会效益\t保障水平\t稳步提升", "\t环境效益\t废水排放\t达标"],
     [("效益指标", "社会效益指标", "保障水平", "稳步提升"), ("效益指标", "生态效益指标", "废水排放", "达标")]),
    # 时效性指标 for 时效指标
    (["产出指标\t时效性指标\t完工时间\t6月底前", "\t时效性\t拨付时间\t9月底前"],
     [("产出指标", "时效指标", "完工时间", "6月底前"), ("产出指标", "时效指标", "拨付时间", "9月底前")]),
])
def test_other_names_of_a_standard_level2(tmp_path, lines, expected):
    path = write(tmp_path, "names.txt", ["一级指标\t二级指标\t三级指标\t指标值", *lines])
    _, section = only_section(read_path(path))
    assert rows(section) == expected


def test_pdf_page_break_repeats_the_header(tmp_path):
    path = write(tmp_path, "pages.txt", [
        "三级指标    指标值    指标值确定依据",
        "救助人数    ≥300人    台账",
        "- 1 -",
        "三级指标    指标值    指标值确定依据",
        "救助及时率  100%      管理办法",
    ])
    result = read_path(path)
    _, section = only_section(result)
    assert [(i.level3, i.target_raw, i.basis) for i in section.indicators] == [
        ("救助人数", "≥300人", "台账"), ("救助及时率", "100%", "管理办法")]
    assert result.findings == []


def test_self_evaluation_copied_from_pdf():
    result = read("pdf_self_evaluation.txt")
    document, section = only_section(result)
    assert (document.kind, document.year, document.money_unit) == (DocKind.SELF_EVALUATION, 2023, "万元")
    assert (section.amounts.total.raw, section.amounts.fiscal.raw) == ("120.00", "120.00")
    # a budget row whose empty cells vanished keeps its label and the cells it has
    assert section.fields["上年结转资金/分值"] == "—"
    assert (section.goal, section.fields["实际完成情况"]) == ("建成社区养老服务站5个", "已建成5个，投入运营")
    assert document.texts == []
    training = section.indicators[1]
    assert (training.level2, training.level3, training.target_raw, training.actual_raw, training.weight_raw,
            training.score_raw, training.deviation) == (
        "数量指标", "培训养老护理员人次", "≥200人次", "185人次", "15", "13.9", "培训场地受限，下年增加班次")
    assert section.fields["总分/得分"] == "96.8"
    assert result.findings == []


def test_department_table_with_duty_and_goal_lines(tmp_path):
    path = write(tmp_path, "dept.txt", [
        "临川县医疗保障局2024年部门整体绩效目标",
        "部门职责：贯彻执行医疗保障政策，组织实施城乡居民医保待遇保障。",
        "年度整体绩效目标：城乡居民医保参保率稳定在95%以上。",
        "一级指标\t二级指标\t三级指标\t年度指标值",
        "产出指标\t数量指标\t城乡居民医保参保人数\t≥28万人",
    ])
    result = read_path(path)
    document, section = only_section(result)
    assert result.reader == "text_tables"
    assert section.kind is SectionKind.DEPARTMENT
    assert section.purpose == "贯彻执行医疗保障政策，组织实施城乡居民医保待遇保障。"
    assert section.goal == "城乡居民医保参保率稳定在95%以上。"
    assert (document.title, document.year) == ("临川县医疗保障局2024年部门整体绩效目标", 2024)
    assert rows(section) == [("产出指标", "数量指标", "城乡居民医保参保人数", "≥28万人")]
