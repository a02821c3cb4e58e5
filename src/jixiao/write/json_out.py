"""The whole model as JSON: every field, exact decimals as strings, typed values with their kind."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from jixiao.read.base import ReadResult


def jsonable(obj: Any) -> Any:
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return format(obj, "f")
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {"kind": obj.kind} if isinstance(getattr(type(obj), "kind", None), str) else {}
        out.update({f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
        return out
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return obj


def result_json(result: ReadResult) -> str:
    payload = {
        "reader": result.reader,
        "encoding": result.encoding,
        "documents": jsonable(result.documents),
        "findings": jsonable(result.findings),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_json(obj: Any) -> str:
    """Any report (dataclasses, decimals, enums) as indented JSON text with a final newline."""
    return json.dumps(jsonable(obj), ensure_ascii=False, indent=2) + "\n"
