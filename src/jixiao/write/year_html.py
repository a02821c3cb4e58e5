"""Self-contained HTML for monitoring and self-evaluation: no scripts, no external files.

Charts are inline SVG drawn here rather than ECharts: the report must open offline, print, and
survive mail clients that strip scripts, and a line of planned vs actual cumulative spending per
section needs a few dozen SVG elements, not a 1 MB JavaScript library.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jinja2 import Environment, PackageLoader, select_autoescape

from jixiao.model.execution import checkpoint_month
from jixiao.monitor.engine import MonitorReport, SectionMonitor
from jixiao.score.report import ScoreReport
from jixiao.write import self_evaluation

_ENV = Environment(loader=PackageLoader("jixiao.write", "templates"), autoescape=select_autoescape(["html", "j2"]))
WIDTH, HEIGHT, PAD = 360, 160, 30


@dataclass(frozen=True, slots=True)
class Chart:
    planned: str  # SVG polyline points
    actual: str
    ticks: list[tuple[float, str]]  # x, checkpoint label


def _xy(month: int, percent: Decimal) -> str:
    x = PAD + (WIDTH - 2 * PAD) * month / 12
    y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * float(min(max(percent, Decimal(0)), Decimal(120))) / 120
    return f"{x:.1f},{y:.1f}"


def spending_chart(section: SectionMonitor, at: str) -> Chart:
    """Cumulative percent of the budget: planned for the whole year, actual up to checkpoint ``at``."""
    points = [(checkpoint_month(p.checkpoint) or 12, p) for p in section.points]
    until = checkpoint_month(at) or 12
    planned = [_xy(0, Decimal(0))] + [_xy(m, p.planned) for m, p in points]
    actual = [_xy(0, Decimal(0))] + [_xy(m, p.actual) for m, p in points if p.actual is not None and m <= until]
    ticks = [(PAD + (WIDTH - 2 * PAD) * m / 12, p.checkpoint) for m, p in points]
    return Chart(" ".join(planned), " ".join(actual) if len(actual) > 1 else "", ticks)


def monitor_html(report: MonitorReport) -> str:
    sections = [(s, spending_chart(s, report.at)) for s in report.sections]
    return _ENV.get_template("monitor.html.j2").render(
        report=report, sections=sections, width=WIDTH, height=HEIGHT, pad=PAD
    )


def score_html(report: ScoreReport) -> str:
    se = self_evaluation
    sections = [(s, se.section_title(s), se.budget_row(s), se.indicator_rows(s), se.total_line(s)) for s in report.sections]
    return _ENV.get_template("score.html.j2").render(
        report=report, profile=se.profile_title(report.profile), sections=sections, budget_header=se.BUDGET_HEADER, indicator_header=se.INDICATOR_HEADER
    )
