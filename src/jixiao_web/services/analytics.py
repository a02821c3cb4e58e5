"""The core's figures across units and years (:mod:`jixiao.analytics`) of stored documents.

The bureau sees every document it may see; the public sees published documents only, and their
self-evaluation only once the bureau has accepted it (确认): an evaluation still being entered or
checked is not published data. The figures are kept until the next audited change.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from jixiao.analytics import Case, Figure, analyse, self_evaluation
from jixiao.model.document import DocKind
from jixiao_web.models import RoundKind, RoundState, TargetDocument, YearRound
from jixiao_web.services.access import visible_documents
from jixiao_web.services.actuals import core_actuals
from jixiao_web.services.publication import published, remembered, with_tables
from jixiao_web.services.store import to_core


def cases(documents: QuerySet[TargetDocument], accepted_only: bool) -> list[Case]:
    rows = with_tables(documents.select_related("unit"))
    rounds = YearRound.objects.filter(document__in=[r.pk for r in rows], kind=RoundKind.EVALUATION)
    if accepted_only:
        rounds = rounds.filter(state=RoundState.ACCEPTED)
    evaluated = set(rounds.values_list("document_id", flat=True))
    out = []
    for row in rows:
        document = to_core(row)
        report = None
        if row.pk in evaluated:
            report = self_evaluation([document], core_actuals([row], [document]))
        elif row.kind == DocKind.SELF_EVALUATION:  # an imported self-evaluation table scores itself
            report = self_evaluation([document])
        out.append(Case(document, row.finding_counts, report, unit=row.unit.name))
    return out


def bureau_figures(user: AbstractBaseUser) -> list[Figure]:
    return remembered(f"analytics:user:{user.pk}", lambda: analyse(cases(visible_documents(user), accepted_only=False)))


def public_figures() -> list[Figure]:
    return remembered("analytics:public", lambda: analyse(cases(published(), accepted_only=True)))
