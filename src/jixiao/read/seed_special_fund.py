"""专项资金绩效目标汇总表、支出方向表与部门整体支出申报表（样例 004） (stub)."""

from __future__ import annotations

from jixiao.read.base import ReadResult, Recognition, TextInput


class SpecialFundReader:
    name = "seed_special_fund"
    description = "专项资金绩效目标汇总表、支出方向表与部门整体支出申报表（样例 004）"

    def identify(self, source: TextInput) -> Recognition:
        return Recognition(0.0, "未实现")

    def extract(self, source: TextInput) -> ReadResult:
        raise NotImplementedError
