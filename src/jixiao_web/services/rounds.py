"""Monitoring and self-evaluation rounds after 已公开: 填报中 → 已报送 → 已退回 / 已确认.

The same pattern as :mod:`jixiao_web.services.workflow`: one function per transition, one
transaction, the acting user explicit, a role check, the state check under a row lock and one
audit-log row. A published document has at most one round in progress at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Case, Prefetch, QuerySet, Value, When

from jixiao.model.execution import YEAR_END
from jixiao.write.actuals_template import checkpoints_of
from jixiao_web.models import DocState, RoundKind, RoundState, TargetDocument, YearRound
from jixiao_web.services import audit
from jixiao_web.services.access import Action, can, not_preparer, refuse_preparer, require
from jixiao_web.services.errors import ServiceError
from jixiao_web.services.store import to_core

IN_PROGRESS = frozenset({RoundState.OPEN, RoundState.SUBMITTED, RoundState.RETURNED})
# States whose targets are approved, so monitoring and the self-evaluation measure something.
YEAR_STATES = frozenset({DocState.APPROVED, DocState.PUBLISHED})


def not_yet(document, doing: str) -> str:
    """Why ``doing`` (查看监控预警, 导出绩效自评表 …) waits for approval; "" once approved."""
    if document.state in YEAR_STATES:
        return ""
    return f"文档当前为“{document.get_state_display()}”，批复后才能{doing}：监控和自评对照的是批复的绩效目标。"


@dataclass(frozen=True)
class RoundStep:
    action: Action
    name: str  # as in URLs and the API
    sources: frozenset[RoundState]
    target: RoundState
    label: str

    def done(self, round_: YearRound) -> str:
        """What the page says once the step is taken: 已报送 运行监控（6月底）。"""
        return f"已{self.label} {round_}。"


SUBMIT = RoundStep(Action.SUBMIT, "submit", frozenset({RoundState.OPEN, RoundState.RETURNED}), RoundState.SUBMITTED, "报送")
RETURN = RoundStep(Action.RETURN, "return", frozenset({RoundState.SUBMITTED}), RoundState.RETURNED, "退回")
ACCEPT = RoundStep(Action.ACCEPT_ROUND, "accept", frozenset({RoundState.SUBMITTED}), RoundState.ACCEPTED, "确认")
STEPS = {s.name: s for s in (SUBMIT, RETURN, ACCEPT)}


def checkpoints(document: TargetDocument) -> tuple[str, ...]:
    """The checkpoints a monitoring round can be opened at: the core's, from the spending plans."""
    return checkpoints_of([to_core(document)])


def available(user: AbstractBaseUser, round_: YearRound) -> list[RoundStep]:
    return not_preparer(user, round_.document, [s for s in STEPS.values() if round_.state in s.sources and can(user, s.action, round_.document.unit)])


@transaction.atomic
def open_round(user: AbstractBaseUser, document: TargetDocument, kind: str, checkpoint: str = "") -> YearRound:
    """Start a monitoring round at ``checkpoint``, or the year-end self-evaluation."""
    require(user, Action.OPEN_ROUND, document.unit)
    locked = TargetDocument.objects.select_for_update().select_related("unit").get(pk=document.pk)
    if locked.state != DocState.PUBLISHED:
        raise ServiceError(f"文档状态为“{locked.get_state_display()}”，公开后才能开展运行监控和自评。")
    if kind not in RoundKind.values:
        raise ServiceError("没有这种填报轮次。")
    if kind == RoundKind.EVALUATION:
        checkpoint = YEAR_END
    elif checkpoint not in checkpoints(locked):
        raise ServiceError(f"“{checkpoint}”不是该文档的监控时点。", ["可选时点：" + "、".join(checkpoints(locked))])
    busy = locked.rounds.filter(state__in=IN_PROGRESS).first()
    if busy is not None:
        raise ServiceError(f"“{busy}”尚未确认（{busy.get_state_display()}），确认后才能开始新的一轮。")
    round_ = YearRound.objects.create(document=locked, kind=kind, checkpoint=checkpoint, opened_by=user)
    audit.log(user, "open_round", f"开始{round_}", organisation=locked.unit, document=locked, after={"轮次": str(round_)})
    return round_


@transaction.atomic
def move(user: AbstractBaseUser, round_: YearRound, name: str, comment: str = "") -> YearRound:
    """The round transition ``name`` (submit / return / accept); a return always says why, and a
    round is submitted only when every section has some data for it (spending or an indicator's value)."""
    step = STEPS.get(name)
    if step is None:
        raise ServiceError("没有这种操作。")
    require(user, step.action, round_.document.unit)
    if step is RETURN and not comment.strip():
        raise ServiceError("退回时请填写退回意见。")
    locked = YearRound.objects.select_for_update().select_related("document", "document__unit").get(pk=round_.pk)
    if locked.state not in step.sources:
        raise ServiceError(f"“{locked}”当前为“{locked.get_state_display()}”，不能{step.label}。")
    refuse_preparer(user, locked.document, step.action, step.label)
    if step is SUBMIT:
        from jixiao_web.services.actuals import fill_status  # actuals reads the current round from here

        empty = [f.section for f in fill_status(locked.document, locked) if f.empty]
        if empty:
            raise ServiceError(
                f"还有 {len(empty)} 节没有填写任何{locked}执行数据，不能报送。没有支出的请填 0，指标尚无进展的请如实填写完成值。",
                [f"未填写：{s}" for s in empty],
            )
    before = locked.get_state_display()
    locked.state = step.target
    locked.save(update_fields=["state"])
    note = f"（{comment.strip()}）" if comment.strip() else ""
    audit.log(
        user, f"round_{step.name}", f"{locked}{step.label}：{before} → {locked.get_state_display()}{note}",
        organisation=locked.document.unit, document=locked.document,
        before={"轮次状态": before}, after={"轮次状态": locked.get_state_display()},
    )  # fmt: skip
    return locked


def _current_first(rounds: QuerySet[YearRound]) -> QuerySet[YearRound]:
    """``rounds`` with the current one first: the round in progress, else the latest one."""
    in_progress = Case(When(state__in=IN_PROGRESS, then=Value(0)), default=Value(1))
    return rounds.order_by(in_progress, "-created", "-pk")


def current(document: TargetDocument) -> YearRound | None:
    """The round in progress, else the latest one."""
    return _current_first(document.rounds.all()).first()


def shown_checkpoint(document: TargetDocument) -> str:
    """The checkpoint the 监控预警 page (and its export) shows when none is asked for: the current
    round's; "" leaves it to the core (the latest checkpoint with spending)."""
    round_ = current(document)
    return round_.checkpoint if round_ else ""


def with_current_round(documents: QuerySet[TargetDocument]) -> QuerySet[TargetDocument]:
    """``documents`` with their rounds, current first, fetched in one query for all the documents
    read (a list page shows each one's round without a query per row): see :func:`current_of`."""
    return documents.prefetch_related(Prefetch("rounds", _current_first(YearRound.objects.all()), to_attr="rounds_current_first"))


def current_of(document: TargetDocument) -> YearRound | None:
    """:func:`current` of a document read through :func:`with_current_round`."""
    return next(iter(document.rounds_current_first), None)
