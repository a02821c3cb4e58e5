"""The year after publication: rounds, entering actuals (form or workbook), monitoring and the
self-evaluation. Everything computed here is the core's: ``monitor`` and ``score``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from jixiao.findings import Severity
from jixiao.model.execution import DeviationReason, Likelihood
from jixiao.write.actuals_template import checkpoints_of
from jixiao.write.self_evaluation import (
    BUDGET_HEADER, INDICATOR_HEADER, budget_row, indicator_rows, profile_title, section_title, total_line,
)  # fmt: skip
from jixiao_web.models import DocState, RoundKind
from jixiao_web.services import actuals, rounds
from jixiao_web.services.access import Action, can, get_document, get_round, get_section
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.export import CoreData
from jixiao_web.services.kept import document_versions, keep_by_versions
from jixiao_web.templatetags.jixiao import escape, percent
from jixiao_web.views.common import attempt, download

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def year_page(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk)
    round_ = rounds.current(document)
    context = {
        "document": document,
        "round": round_,
        "rounds": document.rounds.all(),
        "steps": rounds.available(request.user, round_) if round_ else [],
        "can_open": document.state == DocState.PUBLISHED and can(request.user, Action.OPEN_ROUND, document.unit)
        and not (round_ and round_.state in rounds.IN_PROGRESS),  # one round at a time
        "can_enter": bool(round_ and round_.editable and can(request.user, Action.ENTER_ACTUALS, document.unit)),
        "checkpoints": rounds.checkpoints(document) if document.state == DocState.PUBLISHED else (),
        "year_open": document.state in rounds.YEAR_STATES,  # monitoring and the self-evaluation follow approval
        "kinds": RoundKind.choices,
        "status": actuals.fill_status(document, round_) if round_ else [],
    }
    return render(request, "jixiao_web/year.html", context)


@login_required
@require_POST
def open_round(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk, Action.OPEN_ROUND)
    p = request.POST
    attempt(request, lambda: rounds.open_round(request.user, document, p.get("kind", ""), p.get("checkpoint", "")), "已开始新一轮填报。")
    return redirect("year", pk=pk)


@login_required
@require_POST
def round_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    action = rounds.STEPS[step].action if step in rounds.STEPS else Action.VIEW
    round_ = get_round(request.user, pk, action)
    done = rounds.STEPS[step].done(round_) if step in rounds.STEPS else ""  # move refuses an unknown step
    attempt(request, lambda: rounds.move(request.user, round_, step, request.POST.get("comment", "")), done)
    return redirect("year", pk=round_.document_id)


def _posted(request: HttpRequest, positions: list[int]) -> actuals.SectionEntry:
    p = request.POST
    return actuals.SectionEntry(
        version=int(p.get("version", "0") or 0),
        spent=p.get("spent", ""),
        adjusted_budget=p.get("adjusted_budget", ""),
        rows={i: {n: p.get(f"row-{i}-{n}", "") for n in actuals.INDICATOR_FIELDS} for i in positions},
    )


@login_required
def actuals_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_section(request.user, pk, Action.ENTER_ACTUALS)
    document = section.document
    round_ = rounds.current(document)
    indicators = list(section.indicators.all())
    entry = None
    if request.method == "POST":
        entry = _posted(request, [i.position for i in indicators])
        try:
            actuals.save_section(request.user, section, entry)
        except ServiceError as exc:  # a stale version too: the page keeps what was typed
            messages.error(request, exc.message)
            for detail in exc.details:
                messages.warning(request, detail)
        else:
            messages.success(request, "执行数据已保存。")
            for finding in _warnings(document, section, round_):
                messages.warning(request, f"{finding.message}（{finding.suggestion}）")
            return redirect("actuals_edit", pk=pk)
    stored, values = actuals.entry_values(section, round_)
    if entry is not None:  # refused: keep what was typed
        values = entry.rows
    spent = entry.spent if entry else (stored.spent.get(round_.checkpoint, "") if stored and round_ else "")
    budget = entry.adjusted_budget if entry else (stored.adjusted_budget if stored else "")
    context = {
        "section": section,
        "document": document,
        "round": round_,
        "version": stored.version if stored else 1,
        "spent": spent,
        "adjusted_budget": budget,
        "rows": [(i, values.get(i.position, {})) for i in indicators],
        "likelihoods": [m.value for m in Likelihood],
        "reasons": [m.value for m in DeviationReason],
    }
    return render(request, "jixiao_web/actuals_edit.html", context)


def _warnings(document, section, round_) -> list:
    """What the core's monitor now says of this section at the round's checkpoint (over the
    budget, behind plan, a deviation without a reason), told right after saving."""
    if round_ is None:
        return []
    report = CoreData([document]).monitor(round_.checkpoint)
    return [f for f in report.findings if (f.location.section_code, f.location.section_name) == (section.code, section.name)]


@login_required
def actuals_template(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk)
    stem = (document.source_file or "jixiao").rsplit(".", 1)[0]
    return download(f"{stem}-执行数据填报表.xlsx", XLSX, actuals.template(document))


@login_required
@require_POST
def actuals_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document(request.user, pk, Action.ENTER_ACTUALS)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择填好的执行数据填报表（.xlsx）。")
        return redirect("year", pk=pk)
    accept = request.POST.get("accept_warnings") == "1"
    result = attempt(request, lambda: actuals.upload(request.user, document, upload.read(), upload.name, accept), "填报表已导入。")
    if result is None:
        return redirect("year", pk=pk)
    messages.info(request, f"本次导入：{result.summary()}。")
    for finding in result.findings:  # hints: rows of the file's other parts, not applied
        (messages.info if finding.severity == Severity.HINT else messages.warning)(request, actuals.describe(finding))
    return redirect("year", pk=pk)


def _not_yet(request: HttpRequest, document, what: str) -> HttpResponse | None:
    """Monitoring and scoring measure the approved targets: before 已批复 there is nothing to measure."""
    if not (reason := rounds.not_yet(document, f"查看{what}")):
        return None
    messages.error(request, reason)
    return redirect("year", pk=document.pk)


@login_required
def monitor_page(request: HttpRequest, pk: int) -> HttpResponse:
    versions = document_versions(pk)  # before the document is read: what is kept under them is no older
    document = get_document(request.user, pk)
    if refused := _not_yet(request, document, "监控预警"):
        return refused
    # the checkpoint asked for, else the current (or latest) round's; "" leaves it to the core (the
    # latest checkpoint with spending). An unknown one is said, not silently replaced.
    asked, fallback = request.GET.get("at", "").strip(), rounds.shown_checkpoint(document)
    checkpoints, body = keep_by_versions(versions, (pk, "monitor", asked, fallback), lambda: _monitor_report(document, asked, fallback))
    if asked and asked not in checkpoints:
        shown = f"，下面显示{fallback}" if fallback else ""
        messages.error(request, f"“{asked}”不是该文档的监控时点{shown}。可选时点：{'、'.join(checkpoints)}。")
    return render(request, "jixiao_web/monitor.html", {"document": document, "body": body})


def _monitor_report(document, asked: str, fallback: str) -> tuple[tuple[str, ...], str]:
    """The document's checkpoints, and the core's monitoring report at ``asked`` (if one of them,
    else at ``fallback``) as the page shows it: kept (services.kept) while the rows are unchanged."""
    data = CoreData([document])
    checkpoints = checkpoints_of(data.documents)  # rounds.checkpoints would rebuild the core document
    report = data.monitor(asked if asked in checkpoints else fallback)
    chart = [
        {
            "name": f"{s.code} {s.name}".strip(),
            "checkpoints": [p.checkpoint for p in s.points],
            "planned": [_chart(p.planned) for p in s.points],
            "actual": [None if p.actual is None else _chart(p.actual) for p in s.points],
        }
        for s in report.sections
    ]
    # the sections written here, as their rows are: the template's loop over 36 of them was a tenth of the page
    sections = mark_safe("".join(_monitored(n, s) for n, s in enumerate(report.sections)))
    context = {"document": document, "report": report, "sections": sections, "chart": chart, "checkpoints": checkpoints}
    return checkpoints, render_to_string("jixiao_web/_monitor_report.html", context)


_PROGRESS_HEAD = "".join(f"<th>{h}</th>" for h in ("#", "预警", "指标", "年度指标值", "完成值", "进度", "预计年底", "能否完成", "说明"))


def _monitored(n: int, s) -> str:
    """Section ``n`` (from 0) of the monitoring report: its spending against plan, its chart's place
    and its indicators' progress."""
    actual = "未报" if s.actual is None else percent(s.actual)
    rows = (f'<table class="grid"><thead><tr>{_PROGRESS_HEAD}</tr></thead><tbody>\n  {"".join(map(_progress_row, s.indicators))}\n  </tbody></table>'
            if s.indicators else "")  # fmt: skip
    return (
        f'\n<section class="card">\n  <h2><span class="light light-{escape(s.signal.value)}" title="{escape(s.signal.label)}">{escape(s.signal.label)}</span> '
        f"{escape(s.code)} {escape(s.name)}</h2>\n"
        f"  <p>预算 {escape(localize(s.budget)) if s.budget else '—'} · 计划执行（{escape(s.basis)}）{percent(s.planned)} · 实际执行 {actual} · "
        f"预计年底执行 {percent(s.forecast)}</p>\n"
        f'  <p class="small">{escape(s.message)}</p>\n  <div class="chart chart-spending" data-index="{n}"></div>\n  {rows}\n</section>\n'
    )


def _progress_row(i) -> str:
    """A monitoring table's row: the core's progress of one indicator. Rendered here, escaped as the
    template would, as the score page's rows are."""
    why = f"（{escape(i.reason)}：{escape(i.action)}）" if i.reason else ""
    return (
        f'<tr><td>{i.row}</td><td><span class="light light-{escape(i.signal.value)}">{escape(i.signal.label)}</span></td>'
        f"<td>{escape(i.name)}</td><td>{escape(i.target)}</td><td>{escape(i.reached)}</td>"
        f'<td class="progress">{percent(i.progress)}</td><td>{escape(i.expected)}</td><td>{escape(i.likelihood)}</td>'
        f'<td class="small">{escape(i.message)}{why}</td></tr>'
    )


def _chart(percent: Decimal) -> str:
    return format(percent.quantize(Decimal("0.01"), ROUND_HALF_UP), "f")


_OPEN = ("<td>", '<td class="small">')


def _cells(row: tuple[str, ...]) -> str:
    """A score table's row, the 8th cell on (the reasons, the unit's entries) small. Rendered here,
    escaped as the template would: a few hundred rows of 14 cells took the template engine most of
    the page's time."""
    return "<tr>" + "".join(f"{_OPEN[n >= 8]}{escape(v)}</td>" for n, v in enumerate(row, 1)) + "</tr>"


def _head(names) -> str:
    return "".join(f"<th>{escape(h)}</th>" for h in names)


def _budget(row) -> str:
    """The budget table's one row, the last cell (the notes) small; — for an empty cell."""
    return "".join(f"{_OPEN[n == len(row)]}{escape(v) if v else '—'}</td>" for n, v in enumerate(row, 1))


@login_required
def score_page(request: HttpRequest, pk: int) -> HttpResponse:
    versions = document_versions(pk)  # before the document is read: what is kept under them is no older
    document = get_document(request.user, pk)
    if refused := _not_yet(request, document, "自评表与得分"):
        return refused
    body = keep_by_versions(versions, (pk, "score"), lambda: _score_report(document))
    return render(request, "jixiao_web/score.html", {"document": document, "body": body})


def _score_report(document) -> str:
    """The core's self-evaluation of the document as the page shows it: kept (services.kept) while
    the rows are unchanged."""
    data = CoreData([document])
    report = data.score()

    def entered(s, row: int) -> tuple[str, str]:
        """What the unit entered beside the core's row: its own 分值 and the 佐证材料."""
        done = data.actuals.indicator(s.part, s.key, row)
        return ("" if done.weight is None else format(done.weight, "f"), done.evidence)

    budget_head, head = _head(BUDGET_HEADER), _head((*INDICATOR_HEADER, "填报分值", "佐证材料"))

    def table(s) -> str:
        """A section's tables: the core's own rows and wording, as the exported table has them."""
        items = (i for i in s.items if i.row is not None)
        rows = "".join(_cells((*r, *entered(s, i.row))) for r, i in zip(indicator_rows(s), items, strict=True))
        notes = f'<ul class="small">{"".join(f"<li>{escape(n)}</li>" for n in s.notes)}</ul>' if s.notes else ""
        return (
            f'\n<section class="card score-table">\n  <h2>{escape(section_title(s))} <span class="grade">{escape(total_line(s))}</span></h2>\n'
            f'  <table class="grid"><thead><tr>{budget_head}</tr></thead>\n  <tbody><tr>{_budget(budget_row(s))}</tr></tbody></table>\n'
            f'  <table class="grid"><thead><tr>{head}</tr></thead><tbody>\n  {rows}\n  </tbody></table>\n  {notes}\n</section>\n'
        )

    # the sections written here, as their rows are: the template's loop over 36 of them was a tenth of the page
    tables = mark_safe("".join(map(table, report.sections)))
    context = {"document": document, "report": report, "profile": profile_title(report.profile), "tables": tables}
    return render_to_string("jixiao_web/_score_report.html", context)
