"""部门整体支出绩效目标批复表（制表符分列；样例 001） (stub)."""

from __future__ import annotations

from jixiao.read.base import ReadResult, Recognition, TextInput


class ApprovalReader:
    name = "seed_approval"
    description = "部门整体支出绩效目标批复表（制表符分列；样例 001）"

    def identify(self, source: TextInput) -> Recognition:
        return Recognition(0.0, "未实现")

    def extract(self, source: TextInput) -> ReadResult:
        raise NotImplementedError
