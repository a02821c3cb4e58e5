"""通用绩效指标表（制表符、竖线、空格分列或每格一行；含自评表） (stub)."""

from __future__ import annotations

from jixiao.read.base import ReadResult, Recognition, TextInput


class IndicatorTableReader:
    name = "indicator_table"
    description = "通用绩效指标表（制表符、竖线、空格分列或每格一行；含自评表）"

    def identify(self, source: TextInput) -> Recognition:
        return Recognition(0.0, "未实现")

    def extract(self, source: TextInput) -> ReadResult:
        raise NotImplementedError
