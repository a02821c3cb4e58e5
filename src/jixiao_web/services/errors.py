"""What a service refuses, in words a county finance clerk understands, with the details."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from jixiao_web.models.documents import ROW_CELLS


class ServiceError(Exception):
    """A refused operation: ``message`` for the page, ``details`` (e.g. the blocking findings)."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class StaleVersion(ServiceError):
    """Someone else saved first; the caller keeps the user's input and shows this."""


# What the length refusal calls a column (the rest are the reader's own and follow these).
LABELS = {
    "title": "标题", "organisation_name": "单位名称", "source_file": "文件名", "name": "名称", "code": "编码",
    "unit_name": "单位名称", "actual": "全年实际值", "expected": "预计年底完成值", "adjusted_budget": "调整后预算数",
    "weight": "分值", "unit_raw": "单位", "amount_total": "金额合计", "amount_fiscal": "其中财政资金",
    "amount_other": "其他资金", **ROW_CELLS, "target_raw": "指标值", "cycle_target_raw": "实施周期指标值",
    "level1_raw": "一级指标", "level2_raw": "二级指标", "weight_raw": "分值", "actual_raw": "实际值", "score_raw": "得分",
}  # fmt: skip


def too_long(rows: Iterable[tuple[str, models.Model]]) -> list[str]:
    """Each text of the (place, row) pairs longer than its column holds: PostgreSQL refuses it
    (SQLite would keep it), so it is refused first, said in words."""
    return [
        f"{where}{LABELS.get(f.name, f.name)}最长 {f.max_length} 个字，现在有 {len(value)} 个字"
        for where, row in rows
        for f in row._meta.concrete_fields
        if isinstance(f, models.CharField) and f.max_length and len(value := getattr(row, f.attname) or "") > f.max_length
    ]


def refuse_too_long(rows: Iterable[tuple[str, models.Model]], what: str) -> None:
    """ServiceError naming the texts that are too long (the first few in the message, which the
    editors show), when there are any; ``what`` is what is not done (未导入 / 未保存)."""
    if found := too_long(rows):
        raise ServiceError(f"有 {len(found)} 处内容过长，{what}：" + "；".join(found[:3]) + ("……" if len(found) > 3 else "") + "。", found)
