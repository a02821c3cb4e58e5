"""部门整体预算绩效目标申报表（制表符分列；样例 003） (stub)."""

from __future__ import annotations

from jixiao.read.base import ReadResult, Recognition, TextInput


class DeclarationReader:
    name = "seed_declaration"
    description = "部门整体预算绩效目标申报表（制表符分列；样例 003）"

    def identify(self, source: TextInput) -> Recognition:
        return Recognition(0.0, "未实现")

    def extract(self, source: TextInput) -> ReadResult:
        raise NotImplementedError
