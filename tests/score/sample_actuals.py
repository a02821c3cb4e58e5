"""Sample actuals for the seeds: fills a workbook from ``jixiao template actuals`` the way a unit would.

Deterministic: spending runs a little behind plan (20 / 45 / 78 / 96 % of the budget at the four
checkpoints, one section in five lags badly), most indicators reach their target, every fourth
falls short with a reason and a measure, costs overshoot a little, qualitative targets are
达到预期 or 基本完成. Run as a script to refresh the committed examples:

    .venv/bin/python tests/score/sample_actuals.py   # writes examples/actuals/<seed>_actuals.xlsx
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from jixiao.values.parse import parse_target
from jixiao.values.types import Compound, Deadline, Empty, Placeholder, Quantity, Range

SPENT = {"3月底": Decimal("0.20"), "6月底": Decimal("0.45"), "9月底": Decimal("0.70"), "10月底": Decimal("0.78"), "12月底": Decimal("0.96")}


def _number(target: Decimal, factor: Decimal) -> str:
    value = (target * factor).quantize(Decimal("0.1") if target < 100 else Decimal(1))
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _reach(raw: str, short: bool, share: Decimal = Decimal(1)) -> str:
    """A value reached for target ``raw``: the target itself, or 90 % of it when ``short``."""
    target = parse_target(raw)
    factor = (Decimal("0.9") if short else Decimal(1)) * share
    if isinstance(target, Quantity):
        lower = target.comparator is not None and target.comparator.value in "≤<"
        return _number(target.number, (Decimal("1.05") if short else Decimal(1)) if lower else factor) + target.unit
    if isinstance(target, Range):
        return _number(target.low, factor) + target.unit
    if isinstance(target, Compound):
        return "；".join(p.label + _reach(p.value.render(), short, share) for p in target.parts)
    if isinstance(target, Deadline):
        return "未按时完成" if short else "按时完成"
    if isinstance(target, (Empty, Placeholder)):
        return ""
    return "基本完成" if short else "达到预期"


def fill(template: bytes) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb["预算执行"]
    head = {c.value: c.column for c in ws[1]}
    checkpoints = [h.removeprefix("截至").removesuffix("累计支出") for h in head if str(h).startswith("截至")]
    for row in range(2, ws.max_row + 1):
        budget = ws.cell(row, head["预算数"]).value
        if budget is None:
            continue
        lag = Decimal("0.6") if row % 5 == 0 else Decimal(1)
        for c in checkpoints:
            share = SPENT.get(c, Decimal("0.5")) * (lag if c != "12月底" else Decimal(1))
            ws.cell(row, head[f"截至{c}累计支出"]).value = float((Decimal(str(budget)) * share).quantize(Decimal("0.01")))
    wi = wb["指标完成"]
    head = {c.value: c.column for c in wi[1]}
    for row in range(2, wi.max_row + 1):
        # seed 000 has no 指标值, only grading thresholds: aim at the 优 threshold
        grades = str(wi.cell(row, head["分级标准"]).value or "").partition(" ")[0].removeprefix("优")
        target = wi.cell(row, head["年度指标值"]).value or grades
        short = row % 4 == 0
        for c in checkpoints[:-1]:
            if f"{c}完成值" in head:
                wi.cell(row, head[f"{c}完成值"]).value = _reach(str(target), short, SPENT.get(c, Decimal("0.5")))
        wi.cell(row, head["全年实际值"]).value = _reach(str(target), short)
        wi.cell(row, head["预计年底完成值"]).value = _reach(str(target), short)
        wi.cell(row, head["能否完成年度目标"]).value = "有可能" if short else "确定能"
        if short:
            wi.cell(row, head["偏差原因"]).value = "经费保障" if row % 8 == 0 else "其他"
            wi.cell(row, head["纠偏及改进措施"]).value = "加快资金拨付，按月调度进度"
        wi.cell(row, head["佐证材料"]).value = "发放花名册及银行回单"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


if __name__ == "__main__":
    from jixiao.cli.common import sample_paths
    from jixiao.read import read_path
    from jixiao.write.actuals_template import actuals_template

    folder = Path(__file__).parents[2] / "examples" / "actuals"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sample_paths():
        documents = read_path(path).documents
        (folder / f"{path.name[:3]}_actuals.xlsx").write_bytes(fill(actuals_template(documents, path.name)))
        print(folder / f"{path.name[:3]}_actuals.xlsx")
