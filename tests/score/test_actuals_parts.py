"""One workbook for a whole file, read for one of its parts (the web stores each part as a document)."""

from __future__ import annotations

from pathlib import Path

from jixiao.findings import Severity
from jixiao.read import read_path
from jixiao.read.actuals import read_actuals

ROOT = Path(__file__).parents[2]
SEED_004 = next((ROOT / "src" / "jixiao" / "samples").glob("004*.txt"))
EXAMPLE_004 = ROOT / "examples" / "actuals" / "004_actuals.xlsx"


def test_rows_of_other_parts_are_left_out_with_a_hint_only_when_asked():
    documents = read_path(SEED_004).documents
    second = next(d for d in documents if d.part == 2)
    data = EXAMPLE_004.read_bytes()

    actuals, findings = read_actuals(data, EXAMPLE_004.name, [second])
    assert actuals is None and {f.code for f in findings if f.severity == Severity.ERROR} == {"JX311"}

    # a part the file does not have is still refused
    actuals, findings = read_actuals(data, EXAMPLE_004.name, [second], other_parts=[1])
    assert actuals is None and [f.message for f in findings if f.code == "JX314"] == [
        "工作表“预算执行”中属于同一文件其他部分的行未导入（第1部分：第2–9行）。"
    ]

    actuals, findings = read_actuals(data, EXAMPLE_004.name, [second], other_parts=[1, 3])
    assert actuals is not None
    assert {k.part for k in actuals.sections} == {2} and {k.part for k, _ in actuals.indicators} == {2}
    whole, _ = read_actuals(data, EXAMPLE_004.name, documents)
    assert actuals.indicators == {k: v for k, v in whole.indicators.items() if k[0].part == 2}
    hints = [f.message for f in findings if f.code == "JX314"]
    # 预算执行: part 1 on rows 2–9, part 3 on row 18; 指标完成: part 3 on its last two rows
    assert hints == [
        "工作表“预算执行”中属于同一文件其他部分的行未导入（第1部分：第2–9行；第3部分：第18行）。",
        "工作表“指标完成”中属于同一文件其他部分的行未导入（第3部分：第55–56行）。",
    ]
    assert all(f.severity == Severity.HINT for f in findings if f.code == "JX314")
