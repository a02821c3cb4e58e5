"""部门整体绩效目标与项目支出绩效目标表册（每格一行；样例 002） (stub)."""

from __future__ import annotations

from jixiao.read.base import ReadResult, Recognition, TextInput


class ProjectBookReader:
    name = "seed_project_book"
    description = "部门整体绩效目标与项目支出绩效目标表册（每格一行；样例 002）"

    def identify(self, source: TextInput) -> Recognition:
        return Recognition(0.0, "未实现")

    def extract(self, source: TextInput) -> ReadResult:
        raise NotImplementedError
