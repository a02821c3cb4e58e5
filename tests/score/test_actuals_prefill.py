"""The actuals workbook written with actuals already known holds them, and reads back the same."""

from __future__ import annotations

from decimal import Decimal

from jixiao.cli.common import sample_paths
from jixiao.model.execution import Actuals, DeviationReason, IndicatorExecution, Likelihood, SectionExecution, SectionKey
from jixiao.read import read_path
from jixiao.read.actuals import read_actuals
from jixiao.write.actuals_template import actuals_template, checkpoints_of

SEED_002 = next(p for p in sample_paths() if p.name.startswith("002"))


def test_a_prefilled_workbook_reads_back_the_actuals_it_was_written_with():
    documents = read_path(SEED_002).documents
    key = SectionKey(2, "P01")
    given = Actuals(checkpoints=checkpoints_of(documents))
    given.sections[key] = SectionExecution(Decimal("0.5"), {"6月底": Decimal("0.1"), "12月底": Decimal("0.38")})
    given.indicators[(key, 1)] = IndicatorExecution(
        reached={"6月底": "50%"}, actual="=1辆", expected="1辆", likelihood=Likelihood.POSSIBLE,
        reason=DeviationReason.OTHER, action="按月调度", evidence="保单", weight=Decimal("2.5"),
    )  # fmt: skip
    back, findings = read_actuals(actuals_template(documents, SEED_002.name, given), "a.xlsx", documents)
    assert findings == []
    assert (back.sections[key].adjusted_budget, back.sections[key].spent) == (given.sections[key].adjusted_budget, given.sections[key].spent)
    done = back.indicators[(key, 1)]
    assert (done.reached, done.actual, done.expected, done.likelihood, done.reason, done.action, done.evidence, done.weight) == (
        {"6月底": "50%"}, "=1辆", "1辆", Likelihood.POSSIBLE, DeviationReason.OTHER, "按月调度", "保单", Decimal("2.5"))  # fmt: skip
    assert back.indicators[(key, 2)] == IndicatorExecution(source=back.indicators[(key, 2)].source)  # the rest stays blank
