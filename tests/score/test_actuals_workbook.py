"""The actuals workbook: written with locks and drop-downs, read back, and refused cell by cell."""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.findings import Severity
from jixiao.model.execution import DeviationReason, Likelihood, SectionKey
from jixiao.read import read_path
from jixiao.read.actuals import read_actuals
from jixiao.write.actuals_template import INDICATOR_SHEET, SECTION_SHEET, actuals_template

SEED_002 = next((Path(__file__).parents[2] / "src" / "jixiao" / "samples").glob("002_*.txt"))


@cache
def documents():
    return tuple(read_path(SEED_002).documents)


@cache
def template() -> bytes:
    return actuals_template(documents(), SEED_002.name)


def edited(**cells) -> bytes:
    """The template with ``sheet__A1=value`` cells changed (sheet: s for 预算执行, i for 指标完成)."""
    wb = load_workbook(io.BytesIO(template()))
    for place, value in cells.items():
        sheet, ref = place.split("__")
        wb[{"s": SECTION_SHEET, "i": INDICATOR_SHEET}[sheet]][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read(data: bytes):
    return read_actuals(data, "actuals.xlsx", documents())


def test_template_lists_every_section_and_indicator_with_locks_and_lists():
    wb = load_workbook(io.BytesIO(template()))
    sections, indicators = wb[SECTION_SHEET], wb[INDICATOR_SHEET]
    book = next(d for d in documents() if d.sections and d.sections[0].indicators)
    assert sections.max_row - 1 == len(book.sections) == 36
    assert indicators.max_row - 1 == sum(len(s.indicators) for s in book.sections) == 335
    assert sections.protection.sheet and indicators.protection.sheet
    head = {c.value: c for c in indicators[1]}
    assert indicators.cell(2, head["年度指标值"].column).protection.locked
    assert not indicators.cell(2, head["全年实际值"].column).protection.locked
    lists = {dv.formula1 for dv in indicators.data_validations.dataValidation if dv.type == "list"}
    assert '"确定能,有可能,完全不可能"' in lists
    assert '"经费保障,制度保障,人员保障,硬件条件保障,其他"' in lists
    assert any(dv.type == "decimal" for dv in sections.data_validations.dataValidation)
    assert [c.value for c in sections[1]][-4:] == ["截至3月底累计支出", "截至6月底累计支出", "截至10月底累计支出", "截至12月底累计支出"]


def test_an_empty_template_reads_back_empty_without_findings():
    actuals, findings = read(template())
    assert findings == [] and actuals is not None
    assert actuals.checkpoints == ("3月底", "6月底", "10月底", "12月底")
    assert not any(e.spent for e in actuals.sections.values())


def test_filled_cells_read_back_exactly():
    # row 2 of each sheet is the first project (P01) and its first indicator
    actuals, findings = read(edited(s__H2=0.5, s__J2="0.2", s__L2=0.45, i__O2="1辆", i__Q2="有可能", i__R2="经费保障", i__S2="追加预算"))
    assert findings == []
    key = next(k for k in actuals.sections if k.key == "P01")
    assert actuals.sections[key].adjusted_budget == Decimal("0.5")
    assert actuals.sections[key].spent == {"6月底": Decimal("0.2"), "12月底": Decimal("0.45")}
    done = actuals.indicators[(key, 1)]
    assert (done.actual, done.likelihood, done.reason, done.action) == ("1辆", Likelihood.POSSIBLE, DeviationReason.FUNDING, "追加预算")


@pytest.mark.parametrize(
    ("cells", "code", "where"),
    [
        ({"s__J2": "一半"}, "JX312", "工作表“预算执行” J2（截至6月底累计支出）"),
        ({"s__K3": -3}, "JX312", "工作表“预算执行” K3（截至10月底累计支出）"),
        ({"i__Q5": "差不多"}, "JX312", "工作表“指标完成” Q5（能否完成年度目标）"),
        ({"s__B4": "P99"}, "JX311", "工作表“预算执行” B4（章节键）"),
        ({"i__C6": 99}, "JX311", "工作表“指标完成” C6（指标行）"),
        ({"i__O1": "实际"}, "JX310", "工作表“指标完成” 第1行（全年实际值）"),
    ],
)
def test_a_wrong_workbook_is_refused_with_the_cell(cells, code, where):
    actuals, findings = read(edited(**cells))
    assert actuals is None  # all or nothing
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert [(f.code, f.location.field) for f in errors] == [(code, where)]


def test_half_filled_rows_are_warnings_and_still_read():
    actuals, findings = read(edited(i__Q2="完全不可能", i__R3="其他", s__J2=0.3, s__K2=0.1))
    assert actuals is not None
    messages = {(f.code, f.location.field): f.message for f in findings}
    assert set(messages) == {
        ("JX313", "工作表“指标完成” R2（偏差原因）"),
        ("JX313", "工作表“指标完成” S3（纠偏及改进措施）"),
        ("JX313", "工作表“预算执行” K2（截至10月底累计支出）"),
    }
    assert all(f.severity == Severity.WARNING for f in findings)


def test_overspending_against_the_budget_is_a_warning():
    _, findings = read(edited(s__L2=9))
    assert [f.code for f in findings] == ["JX313"] and "超过预算数" in findings[0].message


@pytest.mark.parametrize("data", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_not_a_workbook(data):
    actuals, findings = read(data)
    assert actuals is None and [f.code for f in findings] == ["JX310"]


def test_a_workbook_of_another_kind():
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    actuals, findings = read(out.getvalue())
    assert actuals is None and "不是 jixiao 生成的填报表" in findings[0].message
    assert SectionKey(2, "P01") in {SectionKey(d.part, s.key) for d in documents() for s in d.sections}


def test_a_workbook_made_for_another_target_file():
    seed_003 = next(SEED_002.parent.glob("003_*.txt"))
    other = tuple(read_path(seed_003).documents)
    actuals, findings = read_actuals(template(), "actuals.xlsx", other)
    assert actuals is None
    assert findings[0].severity == Severity.WARNING and "是为“002_" in findings[0].message
    assert {f.code for f in findings} == {"JX311"}


def test_the_instructions_sheet_is_protected_too():
    wb = load_workbook(io.BytesIO(template()))
    assert wb["说明"].protection.sheet


def test_a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused_before_it_is_opened():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in zipfile.ZipFile(io.BytesIO(template())).namelist():
            archive.writestr(name, zipfile.ZipFile(io.BytesIO(template())).read(name))
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))  # 8 MB of zeros: ratio ≈ 1000:1
    actuals, findings = read(out.getvalue())
    assert actuals is None
    assert [f.code for f in findings] == ["JX081"]
