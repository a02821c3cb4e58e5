"""Review profiles (TOML): which rules run, at what severity, with which thresholds.

A profile file looks like::

    name = "strict"
    description = "..."
    extends = "default"          # optional: start from another profile (a built-in name, or a
                                 # TOML path relative to this file)

    [rules.JX120]
    severity = "error"           # error / warning / hint: every finding of the rule at this severity
    [rules.JX157]
    shift = 1                    # or each finding one step up (-1: down), from error / hint no further
    [rules.JX131]
    enabled = false
    [rules.JX150]
    min_similarity = 0.7         # any other key is a threshold the rule reads with ctx.param()

Some rules grade their own findings (JX157: a gap inside the spending plan is a warning, blanks
before the first checkpoint only a hint); ``severity`` flattens such grades, ``shift`` keeps them
apart. A rule takes one of the two; setting one drops the other a parent profile set.

``default`` and ``strict`` ship in ``review/profiles/``; ``--profile`` takes one of those names or a
path to a TOML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.findings import Severity
from jixiao.toml_profile import read_profile_toml

BUILTIN = ("default", "strict")
_RANKED = (Severity.HINT, Severity.WARNING, Severity.ERROR)
_EXCLUSIVE = ("severity", "shift")


class ProfileError(ValueError):
    """A profile that cannot be used: unknown name, bad TOML, unknown rule or severity."""


@dataclass(slots=True)
class Profile:
    name: str
    description: str = ""
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        return bool(self.rules.get(code, {}).get("enabled", True))

    def severity(self, code: str, default: Severity) -> Severity:
        """The severity of a finding the rule graded ``default``: the profile's, or ``default`` shifted."""
        values = self.rules.get(code, {})
        if value := values.get("severity"):
            return Severity(value)
        rank = _RANKED.index(default) + values.get("shift", 0)
        return _RANKED[min(max(rank, 0), len(_RANKED) - 1)]

    def param(self, code: str, name: str, default: Any) -> Any:
        return self.rules.get(code, {}).get(name, default)


def _read(source: str) -> tuple[dict[str, Any], str]:
    return read_profile_toml(source, "jixiao.review", BUILTIN, "审核方案", ProfileError)


def load_profile(source: str = "default", known_codes: frozenset[str] | None = None) -> Profile:
    data, label = _read(source)
    rules: dict[str, dict[str, Any]] = {}
    if parent := data.get("extends"):
        if parent not in BUILTIN and source not in BUILTIN and not Path(parent).is_absolute():
            parent = str(Path(source).parent / parent)  # a user profile names its parent relative to itself
        rules = {code: dict(values) for code, values in load_profile(parent, known_codes).rules.items()}
    for code, values in data.get("rules", {}).items():
        if known_codes is not None and code not in known_codes:
            raise ProfileError(f"审核方案 {label} 提到了不存在的规则 {code}。")
        if not isinstance(values, dict):
            raise ProfileError(f"审核方案 {label} 中 [rules.{code}] 应是一个表。")
        if "severity" in values and values["severity"] not in {s.value for s in Severity}:
            raise ProfileError(f"审核方案 {label} 中 {code} 的 severity 只能是 error / warning / hint。")
        if "shift" in values and type(values["shift"]) is not int:  # not isinstance: true / false are no shift
            raise ProfileError(f"审核方案 {label} 中 {code} 的 shift 只能是整数：1 升一级，-1 降一级。")
        if all(key in values for key in _EXCLUSIVE):
            raise ProfileError(f"审核方案 {label} 中 {code} 只能设 severity（统一级别）或 shift（升降级）之一。")
        merged = rules.setdefault(code, {})
        if any(key in values for key in _EXCLUSIVE):
            for key in _EXCLUSIVE:
                merged.pop(key, None)  # this profile's way of setting the severity replaces the parent's
        merged.update(values)
    return Profile(data.get("name", label), data.get("description", ""), rules)
