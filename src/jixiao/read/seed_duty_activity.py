"""部门职责-工作活动绩效目标表（每格一行，空行分隔；样例 000） (stub)."""

from __future__ import annotations

from jixiao.read.base import ReadResult, Recognition, TextInput


class DutyActivityReader:
    name = "seed_duty_activity"
    description = "部门职责-工作活动绩效目标表（每格一行，空行分隔；样例 000）"

    def identify(self, source: TextInput) -> Recognition:
        return Recognition(0.0, "未实现")

    def extract(self, source: TextInput) -> ReadResult:
        raise NotImplementedError
