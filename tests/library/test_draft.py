"""Drafting a target table from a project's name, amount and department."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.findings import Severity
from jixiao.library import Library, ProjectRequest, draft
from jixiao.library.files import sample_library
from jixiao.review import review

REQUIRED = {"数量指标", "质量指标", "时效指标", "成本指标", "服务对象满意度指标"}


@pytest.mark.parametrize(
    ("name", "amount", "department"),
    [("城乡低保资金", "120.5", "某县民政局"), ("汽车保险费", "0.40", "某区民政局"), ("麻风病防治", "12", "区疾病预防控制中心"), ("新建社区服务中心", "410", "")],
)
def test_draft_is_complete_and_passes_review_without_errors(name, amount, department):
    result = draft(sample_library(), ProjectRequest(name, Decimal(amount), department, year=2024))
    section = result.section
    level2s = {i.level2 for i in section.indicators}
    assert REQUIRED <= level2s and any(i.level1 == "效益指标" for i in section.indicators)
    assert section.goal and section.plan[-1].percent == 100
    assert not [f for f in review([result.document]) if f.severity == Severity.ERROR]
    assert len(result.lines) == len(section.indicators)


def test_cost_line_is_the_amount_exactly_in_wan_yuan():
    result = draft(sample_library(), ProjectRequest("城乡低保资金", Decimal("1748.60"), "某县民政局"))
    cost = [i for i in result.section.indicators if i.level2 == "成本指标"]
    assert [c.target_raw for c in cost] == ["≤1748.60万元"]
    assert cost[0].target.number == Decimal("1748.60") == result.section.amounts.total.value


def test_each_line_says_where_it_was_learned():
    result = draft(sample_library(), ProjectRequest("城乡低保资金", Decimal(120), "某县民政局"))
    learned = [line for line in result.lines if line.origin == "library"]
    assert learned and all(line.documents and line.count >= 1 for line in learned)
    assert all(".txt" in d for line in learned for d in line.documents)


def test_similar_projects_come_first():
    result = draft(sample_library(), ProjectRequest("城乡低保资金", Decimal(120), "某县民政局", "保障城乡低保对象基本生活"))
    quantity = [i.level3 for i in result.section.indicators if i.level2 == "数量指标"]
    assert any("低保" in name for name in quantity)


def test_an_empty_library_still_gives_a_table_without_errors():
    result = draft(Library(), ProjectRequest("城乡低保资金", Decimal(120), "某县民政局", code="13030324P00385310004U"))
    assert {line.origin for line in result.lines} == {"generic", "amount"}
    assert not [f for f in result.findings if f.severity == Severity.ERROR]
    assert result.document.kind.value == "project_targets_book"


def test_a_whole_department_draft_is_a_declaration_with_its_goal_and_total():
    request = ProjectRequest("某县民政局", Decimal("1748.60"), year=2025, whole_department=True)
    result = draft(sample_library(), request)
    document = result.document
    assert document.kind.value == "dept_target_declaration" and result.section.kind.value == "department"
    assert document.text("总体绩效目标").startswith("2025年") and [(b.label, b.money.raw) for b in document.budget] == [("资金总额", "1748.60")]
    assert REQUIRED <= {i.level2 for i in result.section.indicators}
    assert not [f for f in review([document]) if f.severity == Severity.ERROR]
    # the indicators come from units with the same function (the samples are all 民政局)
    assert all(".txt" in d for line in result.lines if line.origin == "library" for d in line.documents)



def test_lines_the_review_calls_errors_are_replaced_and_the_table_handed_out_is_the_one_reviewed():
    from jixiao.library import build_library
    from jixiao.model.document import DocKind, Document, Indicator, Section, SectionKind
    from jixiao.values.parse import parse_target

    def row(level2, name, target):
        return Indicator(level1="产出指标", level2=level2, level3=name, target_raw=target, target=parse_target(target))

    # the most written quality line is "≥120%" (an impossible percentage: JX120, an error)
    rows = [row("质量指标", "低保金发放准确率", "≥120%")] * 3 + [row("质量指标", "低保档案合格率", "≥98%")]
    source = Document(DocKind.INDICATOR_TABLE, sections=[Section(SectionKind.PROJECT, name="城乡低保资金", indicators=rows)])
    result = draft(build_library([(source, "s")]), ProjectRequest("城乡低保资金", Decimal(100), "某县民政局"))
    quality = [i for i in result.section.indicators if i.level2 == "质量指标"]
    assert [i.target_raw for i in quality] == ["≥98%"] and len(result.lines) == len(result.section.indicators)
    assert result.findings == review([result.document])
    assert not [f for f in result.findings if f.severity == Severity.ERROR]
