"""The approval-table reader (部门整体支出绩效目标批复表, seed 001) on small hand-written inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model.document import DocKind, SectionKind
from jixiao.read.base import TextInput
from jixiao.read.approval_form import ApprovalReader
from jixiao.read.tabbed import Levels, leading_categories
from jixiao.read.grid import Cell

SAMPLES = Path(__file__).parents[1] / "src" / "jixiao" / "samples"

HEAD = [
    "",
    "2025年部门整体支出绩效目标批复表",
    "",
    "(2025年度)",
    "",
    "部门(单位)名称\t\t某县民政局\t\t主管部门\t\t某县人民政府\t\t",
    "部门职能概述\t\t负责社会救助等工作。\t\t\t\t",
    "年度整体绩效目标\t\t<p>目标1: 保障基本生活。</p>\t\t",
    "核心职能\t\t年度绩效指标\t\t\t\t",
    "\t\t一级指标\t二级指标\t三级指标\t\t指标值\t\t",
]


def read(*rows: str, head: list[str] = HEAD):
    text = "\n".join([*head, *rows])
    return ApprovalReader().extract(TextInput("t.txt", text))


def table(result):
    """(section, label, level1, level2, level3, target, line) for every indicator."""
    return [
        (s.name, i.label, i.level1, i.level2, i.level3, i.target_raw, i.source.line)
        for s in result.documents[0].sections
        for i in s.indicators
    ]


def codes(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_identify_only_the_approval_layout(path):
    recognition = ApprovalReader().identify(TextInput(path.name, path.read_text(encoding="utf-8")))
    if path.name.startswith("001"):
        assert recognition.score >= 0.9
    else:
        assert recognition.score == 0.0
    assert recognition.reason


def test_identify_empty_and_odd_inputs_do_not_raise():
    for text in ("", "\t\t\t", "指标1:", "职能1: 无\n\n\t"):
        assert ApprovalReader().identify(TextInput("x.txt", text)).score < 0.5


def test_header_fields_and_document():
    result = read("职能1: 社会救助\t\t产出指标\t数量指标\t指标1:\t城市低保\t≥100人\t\t")
    doc = result.documents[0]
    assert doc.kind is DocKind.DEPT_TARGET_APPROVAL
    assert (doc.title, doc.organisation, doc.year, doc.money_unit) == ("2025年部门整体支出绩效目标批复表", "某县民政局", 2025, "")
    assert doc.fields == {"subtitle": "(2025年度)", "主管部门": "某县人民政府"}
    assert [(t.label, t.text, t.source.line) for t in doc.texts] == [
        ("部门职能概述", "负责社会救助等工作。", 7),
        ("年度整体绩效目标", "<p>目标1: 保障基本生活。</p>", 8),
    ]
    assert result.findings == []


def test_functions_with_ascii_and_fullwidth_colons_and_shifted_cells():
    result = read(
        "职能1: 社会救助\t\t产出指标\t数量指标\t指标1:\t城市低保\t≥100人\t\t",
        "\t\t\t\t指标2:\t农村低保\t≥200人\t\t",
        "\t\t指标3:\t\t临时救助\t≥5人\t\t\t",  # shifted left
        "\t\t\t质量指标\t指标1:\t救助准确率\t≥99%\t\t",  # level-2 one column right of its header
        "\t\t\t\t满意度指标\t服务对象满意度指标\t指标1:\t满意度\t≥90%",  # shifted right
        "职能2：其他事务\t产出指标\t数量指标\t指标1:\t办公费\t12",
    )
    sections = result.documents[0].sections
    assert [(s.kind, s.name, s.fields, s.key, s.source.line) for s in sections] == [
        (SectionKind.FUNCTION, "社会救助", {"label": "职能1: 社会救助"}, "F1", 11),
        (SectionKind.FUNCTION, "其他事务", {"label": "职能2：其他事务"}, "F2", 16),
    ]
    assert table(result) == [
        ("社会救助", "指标1:", "产出指标", "数量指标", "城市低保", "≥100人", 11),
        ("社会救助", "指标2:", "产出指标", "数量指标", "农村低保", "≥200人", 12),
        ("社会救助", "指标3:", "产出指标", "数量指标", "临时救助", "≥5人", 13),
        ("社会救助", "指标1:", "产出指标", "质量指标", "救助准确率", "≥99%", 14),
        ("社会救助", "指标1:", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", 15),
        ("其他事务", "指标1:", "产出指标", "数量指标", "办公费", "12", 16),
    ]
    assert result.findings == []


def test_raw_labels_kept_and_missing_value_is_empty():
    result = read("职能1: 救助\t数量\t指标1:\t补助资金发放准确率", "\t\t指标2:\t受益群体满意度\t")
    first, second = result.documents[0].sections[0].indicators
    assert (first.level1, first.level2, first.level1_raw, first.level2_raw) == ("产出指标", "数量指标", "", "数量")
    assert (first.target_raw, second.target_raw, second.level3) == ("", "", "受益群体满意度")


def test_row_printed_before_the_next_function_label_joins_it():
    result = read(
        "职能1: 社会福利\t\t满意度指标\t服务对象满意度指标\t指标1:\t政策知晓率\t≥98%",
        "\t指标2:\t受益群体满意度\t100%\t\t",
        "\t\t\t指标1:\t为遗属发放补助金\t50人\t\t\t",
        "",
        "职能2：社会事务\t产出指标\t数量指标\t指标2:\t丧葬补助发放率\t100%",
    )
    assert table(result)[2:] == [
        ("社会事务", "指标1:", "产出指标", "数量指标", "为遗属发放补助金", "50人", 13),
        ("社会事务", "指标2:", "产出指标", "数量指标", "丧葬补助发放率", "100%", 15),
    ]
    assert codes(result) == ["JX020"]
    finding = result.findings[0]
    assert (finding.location.source.line, finding.location.section_name, finding.location.row_no) == (13, "社会事务", 1)


def test_row_printed_before_its_level2_label_joins_it():
    result = read(
        "职能1: 其他\t产出指标\t数量指标\t指标1:\t天然气费\t5",
        "\t\t\t指标2:\t办公费\t12",
        "\t指标1:\t足额发放工资待遇\t95%\t\t",
        "\t质量指标\t指标2:\t培训人次\t≥200人\t",
    )
    assert [(r[1], r[3], r[4]) for r in table(result)] == [
        ("指标1:", "数量指标", "天然气费"),
        ("指标2:", "数量指标", "办公费"),
        ("指标1:", "质量指标", "足额发放工资待遇"),
        ("指标2:", "质量指标", "培训人次"),
    ]
    assert codes(result) == ["JX020"]


def test_several_waiting_rows_join_together():
    result = read(
        "职能1: 其他\t产出指标\t数量指标\t指标1:\t甲\t1",
        "\t\t\t指标1:\t乙\t2",
        "\t\t\t指标2:\t丙\t3",
        "\t时效指标\t指标3:\t丁\t4",
    )
    assert [(r[3], r[4]) for r in table(result)] == [
        ("数量指标", "甲"),
        ("时效指标", "乙"),
        ("时效指标", "丙"),
        ("时效指标", "丁"),
    ]
    assert codes(result) == ["JX020", "JX020"]


def test_level2_of_another_level1_switches_level1():
    result = read(
        "职能1: 其他\t产出指标\t数量指标\t指标1:\t甲\t1",
        "\t\t社会效益指标\t指标1:\t保障社区正常运转\t100%",
        "\t效益指标\t社会效益指标\t指标2:\t保障业务运转\t100%",
    )
    rows = table(result)
    assert [(r[2], r[3]) for r in rows] == [
        ("产出指标", "数量指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "社会效益指标"),
    ]
    inferred = result.documents[0].sections[0].indicators[1]
    assert inferred.level1_raw == ""
    assert codes(result) == ["JX021"]


def test_restart_without_later_labels_stays_with_the_labels_above():
    result = read(
        "职能1: 其他\t产出指标\t数量指标\t指标1:\t甲\t1",
        "\t\t\t指标2:\t乙\t2",
        "\t\t\t指标1:\t丙\t3",
        "职能2: 下一项\t产出指标\t数量指标\t指标1:\t丁\t4",
    )
    assert [(r[0], r[4]) for r in table(result)] == [("其他", "甲"), ("其他", "乙"), ("其他", "丙"), ("下一项", "丁")]
    assert codes(result) == ["JX025"]


def test_waiting_row_at_the_end_of_the_table_is_kept():
    result = read("职能1: 其他\t产出指标\t数量指标\t指标1:\t甲\t1", "\t\t指标2:\t乙\t2", "\t\t指标1:\t丙\t3")
    assert [r[4] for r in table(result)] == ["甲", "乙", "丙"]
    assert codes(result) == ["JX025"]


def test_label_and_name_in_one_cell():
    result = read("职能1: 救助\t产出指标\t数量指标\t指标1: 城市低保\t≥100人")
    assert table(result) == [("救助", "指标1:", "产出指标", "数量指标", "城市低保", "≥100人", 11)]


def test_ambiguous_category_names():
    # 成本指标 is a level-2 under 产出指标; 满意度指标 followed by its level-2 is the level-1.
    result = read(
        "职能1: 救助\t产出指标\t数量指标\t指标1:\t甲\t1",
        "\t\t成本指标\t指标1:\t乙\t≤3000元",
        "\t满意度指标\t服务对象满意度指标\t指标1:\t丙\t≥90%",
    )
    assert [(r[2], r[3]) for r in table(result)] == [
        ("产出指标", "数量指标"),
        ("产出指标", "成本指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]


def test_unexpected_cells_and_unrecognised_rows_are_findings():
    result = read(
        "职能1: 救助\t产出指标\t数量指标\t指标1:\t甲\t1\t多余",
        "\t某个说明\t指标2:\t乙\t2",
        "审核意见\t同意",
    )
    assert [r[4] for r in table(result)] == ["甲", "乙"]
    assert codes(result) == ["JX022", "JX022", "JX023"]
    assert [f.evidence for f in result.findings] == ["多余", "某个说明", "审核意见 | 同意"]


def test_table_without_function_labels_is_a_department_table():
    result = read("\t产出指标\t数量指标\t指标1:\t甲\t1", "\t\t\t指标2:\t乙\t2")
    (section,) = result.documents[0].sections
    assert (section.kind, section.name, len(section.indicators)) == (SectionKind.DEPARTMENT, "部门整体绩效指标", 2)
    assert codes(result) == ["JX024"]


def test_missing_organisation_is_a_finding():
    result = read("职能1: 救助\t产出指标\t数量指标\t指标1:\t甲\t1", head=["某批复表", "\t\t一级指标\t二级指标\t三级指标\t指标值"])
    assert result.documents[0].year is None
    assert codes(result) == ["JX026"]


def test_levels_carry_and_reset_on_a_new_level1():
    levels = Levels()
    levels.update(leading_categories([Cell("产出指标", 1), Cell("质量指标", 1)]))
    levels.update(leading_categories([Cell("效益指标", 2)]))
    assert (levels.level1, levels.level2) == ("效益指标", "")
    levels.update([Cell("满意度指标", 3)])  # alone and not under 效益指标: a level-1
    assert (levels.level1, levels.level2) == ("满意度指标", "")


def test_unknown_cells_in_header_rows_are_findings():
    head = [*HEAD[:5], "部门(单位)名称\t\t某县民政局\t\t联系人\t张三", *HEAD[6:]]
    result = read("职能1: 救助\t产出指标\t数量指标\t指标1:\t甲\t1", head=head)
    assert result.documents[0].organisation == "某县民政局"
    assert [(f.code, f.evidence) for f in result.findings] == [("JX023", "联系人 | 张三")]
