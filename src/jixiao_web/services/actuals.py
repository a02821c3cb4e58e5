"""Actuals (执行数据) as rows ↔ the core's :class:`~jixiao.model.execution.Actuals`, entry in the
browser and upload of the core's actuals workbook; monitoring and scoring are the core's.

Values are stored as written; amounts must be numbers. Whatever is refused changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count

from jixiao.findings import Finding, Severity
from jixiao.model.document import Document
from jixiao.model.execution import Actuals, DeviationReason, IndicatorExecution, Likelihood, SectionExecution, SectionKey
from jixiao.monitor import monitor
from jixiao.read.actuals import read_actuals
from jixiao.write.actuals_template import actuals_template, checkpoints_of
from jixiao_web.models import IndicatorActual, RoundKind, SectionActual, TargetDocument, TargetSection, YearRound
from jixiao_web.services import audit
from jixiao_web.services.access import Action, require
from jixiao_web.services.errors import ServiceError, StaleVersion, refuse_too_long
from jixiao_web.services.limits import check_file
from jixiao_web.services.findings import file_parts
from jixiao_web.services.rounds import current
from jixiao_web.services.store import to_core

INDICATOR_FIELDS = ("reached", "expected", "likelihood", "reason", "action", "weight", "evidence")


@dataclass
class SectionEntry:
    """What the entry form sends for one section in the current round."""

    version: int
    spent: str = ""
    adjusted_budget: str = ""  # 调整后预算数; blank: the approved amount stands
    rows: dict[int, dict[str, str]] = field(default_factory=dict)  # indicator position → INDICATOR_FIELDS


def _amount(text: str, what: str) -> Decimal | None:
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ServiceError(f"{what}“{text}”不是数字，未保存。", ["只填数字，不要写单位或文字，如 118.5。"]) from None
    if value < 0:  # the core's workbook reader refuses it too
        raise ServiceError(f"{what}“{text}”为负数，未保存。", ["填写不小于0的数字。"])
    return value


def _plain(value: Decimal) -> str:
    return format(value, "f")


def core_actuals(rows: Sequence[TargetDocument], documents: Sequence[Document]) -> Actuals:
    """The core's Actuals for stored documents (``documents``: the same, as core documents)."""
    actuals = Actuals(checkpoints=checkpoints_of(documents), source_file=rows[0].source_file if rows else "")
    part = {d.pk: d.part for d in rows}
    # plain tuples of the columns used: model instances of the joined rows (a whole section per
    # indicator, with its plan, fields and source JSON) were most of a monitoring page's time
    spent = SectionActual.objects.filter(section__document__in=rows)
    for budget, by_checkpoint, document_id, section_key in spent.values_list("adjusted_budget", "spent", "section__document_id", "section__key"):
        key = SectionKey(part[document_id], section_key)
        actuals.sections[key] = SectionExecution(_amount(budget, "调整后预算数"), {c: Decimal(v) for c, v in by_checkpoint.items()})
    done = IndicatorActual.objects.filter(indicator__section__document__in=rows).values_list(
        *("reached", "actual", "expected", "likelihood", "reason", "action", "evidence", "weight"),
        *("indicator__position", "indicator__section__document_id", "indicator__section__key"),
    )
    for reached, actual, expected, likelihood, reason, action, evidence, weight, position, document_id, section_key in done:
        actuals.indicators[(SectionKey(part[document_id], section_key), position)] = IndicatorExecution(
            reached=dict(reached), actual=actual, expected=expected,
            likelihood=Likelihood(likelihood) if likelihood else None,
            reason=DeviationReason(reason) if reason else None,
            action=action, evidence=evidence, weight=_amount(weight, "分值"),
        )  # fmt: skip
    return actuals


def summarise(stored: TargetDocument) -> dict:
    """Budget execution against plan, summed over the document's sections with a budget, at every
    checkpoint: {checkpoints, budget, planned, spent} as text amounts (spent None where unreported).
    Taken from the core's monitoring report, so planned amounts follow its rules exactly."""
    document = to_core(stored)
    report = monitor([document], core_actuals([stored], [document]))
    costed = [s for s in report.sections if s.budget]
    checkpoints = [p.checkpoint for p in costed[0].points] if costed else []
    planned, spent = [], []
    for i in range(len(checkpoints)):
        planned.append(_plain(sum((s.budget * s.points[i].planned / 100 for s in costed), Decimal(0))))
        reported = [s.points[i].spent for s in costed if s.points[i].spent is not None]
        spent.append(_plain(sum(reported, Decimal(0))) if reported else None)
    budget = _plain(sum((s.budget for s in costed), Decimal(0)))
    return {"checkpoints": checkpoints, "budget": budget, "planned": planned, "spent": spent}


def _refresh(stored: TargetDocument) -> None:
    TargetDocument.objects.filter(pk=stored.pk).update(execution=summarise(stored))


def template(stored: TargetDocument) -> bytes:
    """The core's actuals workbook for this document, pre-filled with its sections and indicators
    and with the actuals already stored, so downloading and uploading it unchanged changes nothing."""
    document = to_core(stored)
    return actuals_template([document], stored.source_file, core_actuals([stored], [document]))


def _open_round(stored: TargetDocument) -> YearRound:
    round_ = current(stored)
    if round_ is None or not round_.editable:
        raise ServiceError("当前没有填报中的监控或自评轮次，不能填写执行数据。")
    return round_


def _choice(value: str, allowed: type, what: str) -> str:
    if value and value not in allowed.__members__.values():
        raise ServiceError(f"{what}“{value}”不在可选项中。", ["可选：" + "、".join(allowed)])
    return value


@transaction.atomic
def save_section(user: AbstractBaseUser, section: TargetSection, entry: SectionEntry) -> SectionActual:
    """Store one section's spending and its indicators' values for the round in progress."""
    require(user, Action.ENTER_ACTUALS, section.document.unit)
    document = section.document
    round_ = _open_round(document)
    at = round_.checkpoint
    row, _ = SectionActual.objects.get_or_create(section=section)
    row = SectionActual.objects.select_for_update().get(pk=row.pk)
    if row.version != entry.version:
        raise StaleVersion("保存失败：在您填写期间，其他人已保存了这一节的执行数据。您填写的内容保留在下面，请核对后再保存。")
    before = {f"支出 {at}": row.spent.get(at, ""), "调整后预算数": row.adjusted_budget}
    spent = _amount(entry.spent, f"{at}累计支出")
    budget = _amount(entry.adjusted_budget, "调整后预算数")
    row.spent = {c: v for c, v in row.spent.items() if c != at} | ({at: _plain(spent)} if spent is not None else {})
    row.adjusted_budget = "" if budget is None else _plain(budget)
    after = {f"支出 {at}": row.spent.get(at, ""), "调整后预算数": row.adjusted_budget}
    indicators = {i.position: i for i in section.indicators.all()}
    for position, values in sorted(entry.rows.items()):
        indicator = indicators.get(position)
        if indicator is None:
            raise ServiceError(f"第{position}行指标不存在，未保存。")
        _choice(values.get("likelihood", ""), Likelihood, "能否完成")
        _choice(values.get("reason", ""), DeviationReason, "偏差原因")
        weight = _amount(values.get("weight", ""), f"第{position}行指标的分值")
        values = values | {"weight": "" if weight is None else _plain(weight)}
        done, _ = IndicatorActual.objects.get_or_create(indicator=indicator)
        old = {n: _field(done, n, round_) for n in INDICATOR_FIELDS}
        for name in INDICATOR_FIELDS:
            _set(done, name, values.get(name, "").strip(), round_)
        refuse_too_long([(f"指标{position} ", done)], "未保存")
        done.save()
        for name in INDICATOR_FIELDS:
            if old[name] != _field(done, name, round_):
                before[f"指标{position}.{name}"], after[f"指标{position}.{name}"] = old[name], _field(done, name, round_)
    row.version += 1
    row.save()
    _refresh(document)
    changed = [k for k in after if before.get(k) != after[k]]
    audit.log(
        user, "actuals", f"填写“{section}”{round_}执行数据：{len(changed)} 处", organisation=document.unit,
        document=document, before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
    )  # fmt: skip
    return row


def _field(done: IndicatorActual, name: str, round_: YearRound) -> str:
    """The value an entry field stands for: 'reached' is the checkpoint's value, or 全年实际值 at year end."""
    if name == "reached":
        return done.actual if round_.kind == RoundKind.EVALUATION else done.reached.get(round_.checkpoint, "")
    return getattr(done, name)


def _set(done: IndicatorActual, name: str, value: str, round_: YearRound) -> None:
    if name != "reached":
        setattr(done, name, value)
    elif round_.kind == RoundKind.EVALUATION:
        done.actual = value
    else:
        done.reached = {c: v for c, v in done.reached.items() if c != round_.checkpoint} | ({round_.checkpoint: value} if value else {})


def entry_values(section: TargetSection, round_: YearRound | None) -> tuple[SectionActual | None, dict[int, dict[str, str]]]:
    """The section's stored actuals and, per indicator position, the entry fields for ``round_``."""
    row = SectionActual.objects.filter(section=section).first()
    done = {a.indicator.position: a for a in IndicatorActual.objects.filter(indicator__section=section).select_related("indicator")}
    if round_ is None:
        return row, {}
    return row, {p: {n: _field(a, n, round_) for n in INDICATOR_FIELDS} for p, a in done.items()}


# The core's reader speaks to command-line users; in the web the workbook comes from the year page.
_WEB_WORDS = (
    ("请使用由 jixiao template actuals 为这份目标表生成的填报表", "请使用在本页为这份目标表下载的执行数据填报表"),
    ("请用 jixiao template actuals 生成填报表", "请在本页下载执行数据填报表"),
    ("jixiao template actuals", "本页的“下载执行数据填报表”"),
    ("不是 jixiao 生成的填报表", "不是本系统的执行数据填报表"),
)


def _web_words(text: str) -> str:
    for cli, web in _WEB_WORDS:
        text = text.replace(cli, web)
    return text


@dataclass(frozen=True)
class Filled:
    """How far one section is filled in a round: its spending at the round's checkpoint and the
    indicators with a value for the round (the checkpoint's 完成值, or 全年实际值 at year end)."""

    section: TargetSection
    spent: bool
    reached: int
    indicators: int

    @property
    def empty(self) -> bool:
        return not self.spent and not self.reached

    @property
    def label(self) -> str:
        if self.empty:
            return "未填写"
        return "已填写" if self.spent and self.reached == self.indicators else "部分填写"

    @property
    def detail(self) -> str:
        return f"支出{'已填' if self.spent else '未填'} · 指标 {self.reached}/{self.indicators}"


def fill_status(document: TargetDocument, round_: YearRound) -> list[Filled]:
    """Per section the core monitors and scores (those with indicators or an amount), in three queries."""
    at = round_.checkpoint
    spent = {pk for pk, s in SectionActual.objects.filter(section__document=document).values_list("section_id", "spent") if s.get(at)}
    done = IndicatorActual.objects.filter(indicator__section__document=document)
    done = done.exclude(actual="") if round_.kind == RoundKind.EVALUATION else done.filter(reached__has_key=at)
    reached = Counter(done.values_list("indicator__section_id", flat=True))
    sections = document.sections.annotate(indicator_count=Count("indicators")).order_by("position")
    return [
        Filled(s, s.pk in spent, reached[s.pk], s.indicator_count)
        for s in sections
        if s.indicator_count or s.amount_total.strip()
    ]


def describe(finding: Finding) -> str:
    """One finding for a clerk, once: level and code, message, where (sheet and cell), suggestion."""
    where = finding.location.field or finding.location.describe()
    text = f"{finding.severity.label} {finding.code}：{_web_words(finding.message)}"
    if where:
        text += f"（位置：{where}）"
    if finding.suggestion:
        text += f" 建议：{_web_words(finding.suggestion)}"
    return text


@dataclass
class Imported:
    """What an upload did: the findings accepted with it, and the changes it made."""

    findings: list[Finding]
    before: dict[str, str] = field(default_factory=dict)  # changed place → stored value before
    after: dict[str, str] = field(default_factory=dict)  # changed place → value now
    kept: int = 0  # blank cells where a stored value was kept
    sections: int = 0  # sections with a change
    indicators: int = 0  # indicators with a change

    def summary(self) -> str:
        if not self.after:
            text = "没有改动（填报表与已保存的数据相同）"
        else:
            text = f"改动 {len(self.after)} 处（{self.sections} 节、{self.indicators} 个指标）"
        if self.kept:
            text += f"；{self.kept} 个空白单元格保留了已保存的值"
        return text


_LABELS = {"actual": "全年实际值", "expected": "预计年底完成值", "likelihood": "能否完成", "reason": "偏差原因",
           "action": "纠偏措施", "evidence": "佐证材料", "weight": "分值"}  # fmt: skip


def _same_amount(stored: str, given: Decimal) -> bool:
    try:
        return Decimal(stored) == given
    except InvalidOperation:
        return False


def _merge_section(row: SectionActual, given: SectionExecution, where: str, out: Imported) -> bool:
    """Workbook values over the stored ones; a blank cell keeps what is stored. True if anything changed."""
    changed = False
    for checkpoint, value in given.spent.items():
        old = row.spent.get(checkpoint, "")
        if not (old and _same_amount(old, value)):
            row.spent = row.spent | {checkpoint: _plain(value)}
            out.before[f"{where} 截至{checkpoint}累计支出"], out.after[f"{where} 截至{checkpoint}累计支出"] = old, _plain(value)
            changed = True
    out.kept += sum(1 for c in row.spent if c not in given.spent)
    if given.adjusted_budget is None:
        out.kept += bool(row.adjusted_budget)
    elif not (row.adjusted_budget and _same_amount(row.adjusted_budget, given.adjusted_budget)):
        out.before[f"{where} 调整后预算数"], out.after[f"{where} 调整后预算数"] = row.adjusted_budget, _plain(given.adjusted_budget)
        row.adjusted_budget = _plain(given.adjusted_budget)
        changed = True
    return changed


def _merge_indicator(done: IndicatorActual, given: IndicatorExecution, where: str, out: Imported) -> bool:
    changed = False

    def put(label: str, old: str, new: str) -> None:
        nonlocal changed
        out.before[f"{where} {label}"], out.after[f"{where} {label}"] = old, new
        changed = True

    for checkpoint, value in given.reached.items():
        if done.reached.get(checkpoint, "") != value:
            put(f"{checkpoint}完成值", done.reached.get(checkpoint, ""), value)
            done.reached = done.reached | {checkpoint: value}
    out.kept += sum(1 for c, v in done.reached.items() if v and c not in given.reached)
    texts = {"actual": given.actual, "expected": given.expected, "likelihood": given.likelihood or "",
             "reason": given.reason or "", "action": given.action, "evidence": given.evidence}  # fmt: skip
    for name, value in texts.items():
        old = getattr(done, name)
        if not value:
            out.kept += bool(old)
        elif old != value:
            put(_LABELS[name], old, str(value))
            setattr(done, name, str(value))
    if given.weight is None:
        out.kept += bool(done.weight)
    elif not (done.weight and _same_amount(done.weight, given.weight)):
        put(_LABELS["weight"], done.weight, _plain(given.weight))
        done.weight = _plain(given.weight)
    return changed


def import_workbook(user: AbstractBaseUser, stored: TargetDocument, data: bytes, name: str, accept_warnings: bool = False) -> list[Finding]:
    """:func:`upload`, returning only its findings (the accepted warnings and the hints)."""
    return upload(user, stored, data, name, accept_warnings).findings


def upload(user: AbstractBaseUser, stored: TargetDocument, data: bytes, name: str, accept_warnings: bool = False) -> Imported:
    """Write a filled workbook's values over the document's stored actuals — all of it, or nothing.

    A filled cell replaces the stored value; a blank cell keeps it (a workbook downloaded before
    values were entered in the browser does not wipe them; clearing a value is done on the page).
    Errors refuse the workbook; warnings (half-filled rows) refuse it too unless the user has
    read them and chosen to import anyway. The history entry lists every value changed.
    """
    require(user, Action.ENTER_ACTUALS, stored.unit)
    check_file(data, name)
    round_ = _open_round(stored)
    document = to_core(stored)
    # A workbook made for the whole file (`jixiao template actuals`) serves each of its stored parts:
    # only this document's rows are applied and the other parts' are named in a hint. They are not
    # applied to the sibling documents, which have their own round, state and version: the user
    # uploads the same workbook there when that round is open.
    siblings = [p.part for p in file_parts(stored) if p.pk != stored.pk]
    actuals, found = read_actuals(data, name, [document], other_parts=siblings)
    errors = [f for f in found if f.severity == Severity.ERROR]
    if actuals is None or errors:
        raise ServiceError(f"填报表“{name}”有 {len(errors)} 个错误，未导入任何数据。", [describe(f) for f in found])
    warnings = [f for f in found if f.severity == Severity.WARNING]
    if warnings and not accept_warnings:
        raise ServiceError(
            f"填报表“{name}”有 {len(warnings)} 条提醒（如填写不完整），未导入。核对后可勾选“有提醒时仍然导入”。",
            [describe(f) for f in found],
        )
    # Read and checked before the transaction: on SQLite a write transaction holds every other
    # writer back, so it holds only the writes (with the round checked again inside).
    with transaction.atomic():
        round_ = _open_round(stored)
        out = Imported(found)
        sections = {s.key: s for s in stored.sections.prefetch_related("indicators")}
        rows = {a.section_id: a for a in SectionActual.objects.select_for_update().filter(section__document=stored)}
        done = {a.indicator_id: a for a in IndicatorActual.objects.filter(indicator__section__document=stored)}
        touched: set[int] = set()  # sections with a change: their version moves, so an open entry form is stale
        for key, given in actuals.sections.items():
            section = sections.get(key.key)
            if section is not None:
                row = rows.setdefault(section.pk, SectionActual(section=section, version=0))
                if _merge_section(row, given, str(section), out):
                    touched.add(section.pk)
        indicators = {(s.key, i.position): (s, i) for s in sections.values() for i in s.indicators.all()}
        changed_indicators = []
        for (key, position), given in actuals.indicators.items():
            if (key.key, position) not in indicators:
                continue
            section, indicator = indicators[(key.key, position)]
            item = done.setdefault(indicator.pk, IndicatorActual(indicator=indicator))
            if _merge_indicator(item, given, f"{section} 指标{position}", out):
                changed_indicators.append(item)
                touched.add(section.pk)
                rows.setdefault(section.pk, SectionActual(section=section, version=0))
        out.sections, out.indicators = len(touched), len(changed_indicators)
        refuse_too_long([*((f"{s} ", rows[s.pk]) for s in sections.values() if s.pk in touched), *((f"指标{i.indicator.position} ", i) for i in changed_indicators)], "未导入")
        for pk in touched:
            rows[pk].version += 1
        SectionActual.objects.bulk_create([rows[pk] for pk in touched if rows[pk].pk is None])
        SectionActual.objects.bulk_update([rows[pk] for pk in touched if rows[pk].pk is not None], ["spent", "adjusted_budget", "version"])
        IndicatorActual.objects.bulk_create([i for i in changed_indicators if i.pk is None])
        IndicatorActual.objects.bulk_update([i for i in changed_indicators if i.pk is not None], [*_LABELS, "reached"])
        _refresh(stored)
        audit.log(
            user, "actuals", f"导入填报表“{name}”（{round_}）：{out.summary()}", organisation=stored.unit, document=stored,
            before=out.before, after=out.after | {"文件": name, "提醒": str(len(warnings))},
        )  # fmt: skip
        return out
