"""Open data: documents as a Frictionless Data Package (https://specs.frictionlessdata.io/).

Two CSV resources, the same flat tables as ``jixiao read --format indicators-csv / sections-csv``
(:mod:`jixiao.write.tables`), each described by a Table Schema in ``datapackage.json``. The CSV keeps
every cell exactly as written (plain UTF-8, no BOM, no formula guard): it is data for programs,
and a leading ' would change the values the schema types. Resource paths are relative, so the
files can be served side by side at stable URLs or zipped as they are.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Sequence

from jixiao.model.document import Document
from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS, indicator_rows, section_rows, to_csv

# What each column holds, in the words of the published tables (the schema's titles).
TITLES = {
    "file": "来源文件", "unit": "单位", "section_code": "项目编码", "section_name": "项目名称", "row_no": "指标行号",
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "指标描述", "target_raw": "指标值（原文）",
    "cycle_target_raw": "实施周期指标值（原文）", "basis": "指标值确定依据", "grade_excellent": "评分标准：优",
    "grade_good": "评分标准：良", "grade_fair": "评分标准：中", "grade_poor": "评分标准：差", "comparator": "比较符",
    "number": "指标值数值", "unit_of_measure": "计量单位", "qualitative": "非定量指标值（原文）", "parent_name": "上级项目",
    "kind": "章节类型", "org_line": "单位（原文）", "amount": "资金总额（原文）", "fiscal_amount": "其中财政资金（原文）",
    "other_amount": "其他资金（原文）", "purpose_text": "资金用途", "goal_text": "绩效目标", "plan_3": "支出计划 3月底",
    "plan_6": "支出计划 6月底", "plan_10": "支出计划 10月底", "plan_12": "支出计划 12月底", "extra": "其他字段",
    "doc_part": "文档部分", "src_line": "原文行号",
}  # fmt: skip
TYPES = {"row_no": "integer", "number": "number", "doc_part": "integer", "src_line": "integer"}
RESOURCES = (("indicators", INDICATOR_COLUMNS, indicator_rows, "三级指标：每行一个指标"), ("sections", SECTION_COLUMNS, section_rows, "章节：每行一个项目或部门整体，含金额与绩效目标"))
_NAME = re.compile(r"[^a-z0-9._-]+")


def table_schema(columns: Sequence[str]) -> dict:
    return {
        "fields": [{"name": c, "title": TITLES[c], "type": TYPES.get(c, "string")} for c in columns],
        "missingValues": [""],
    }


def package_files(documents: Sequence[Document], name: str, title: str) -> dict[str, bytes]:
    """``datapackage.json`` and its CSV files, by relative path; ``name`` is made a valid package
    name (lower-case letters, digits, ``.-_``)."""
    files: dict[str, bytes] = {}
    resources = []
    for resource, columns, rows, description in RESOURCES:
        path = f"{resource}.csv"
        files[path] = to_csv(rows(documents), columns).encode("utf-8")
        resources.append(
            {
                "name": resource, "path": path, "title": description, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(columns),
            }
        )  # fmt: skip
    descriptor = {
        "profile": "tabular-data-package",
        "name": _NAME.sub("-", name.lower()).strip("-") or "jixiao",
        "title": title,
        "licenses": [{"name": "other-open", "title": "政府信息公开"}],
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def package_zip(files: dict[str, bytes]) -> bytes:
    """The package as one zip, ``datapackage.json`` at its root (as frictionless opens it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return out.getvalue()
