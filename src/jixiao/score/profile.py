"""Scoring profiles (评分方案, TOML): points per part, redistribution, grade shares and bands.

``default`` follows the common self-evaluation guidance (预算执行率 10, 产出 50, 效益 30, 满意度 10);
``graded`` scores indicators that carry 优/良/中/差 thresholds (seed 000) by the band they reach.
``--profile`` takes one of those names or a path to a TOML file shaped like
``score/profiles/default.toml``; ``extends`` starts from another profile and overrides its tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.toml_profile import read_profile_toml

BUILTIN = ("default", "graded")
BUDGET = "预算执行率"  # the part scored by the budget execution rate
OTHER = "其他指标"  # indicators whose 一级指标 is none of the profile's parts
GRADES = ("优", "良", "中", "差")


class ScoreProfileError(ValueError):
    """A scoring profile that cannot be used: unknown name, bad TOML, impossible numbers."""


@dataclass(frozen=True, slots=True)
class Qualitative:
    achieved: Decimal
    partly: Decimal
    not_achieved: Decimal
    achieved_words: tuple[str, ...]
    partly_words: tuple[str, ...]
    not_achieved_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreProfile:
    name: str
    description: str
    method: str  # "proportional" or "grades"
    points: dict[str, Decimal]  # part → points, BUDGET first
    redistribute: dict[str, str]
    qualitative: Qualitative
    bands: tuple[tuple[str, Decimal], ...]  # (grade, lowest total), best first
    grade_shares: dict[str, Decimal]

    def grade(self, total: Decimal) -> str:
        return next((g for g, low in self.bands if total >= low), "差")


def _read(source: str) -> tuple[dict[str, Any], str]:
    return read_profile_toml(source, "jixiao.score", BUILTIN, "评分方案", ScoreProfileError)


def _merged(source: str) -> tuple[dict[str, Any], str]:
    data, label = _read(source)
    if parent := data.get("extends"):
        base, _ = _merged(parent)
        for key, value in data.items():
            base[key] = {**base[key], **value} if isinstance(value, dict) and isinstance(base.get(key), dict) else value
        data = base
    return data, label


def _share(label: str, key: str, value: Any) -> Decimal:
    share = Decimal(str(value))
    if not 0 <= share <= 1:
        raise ScoreProfileError(f"评分方案 {label} 中 {key} 应在 0 到 1 之间，现为 {value}。")
    return share


def load_score_profile(source: str = "default") -> ScoreProfile:
    data, label = _merged(source)
    try:
        points = {str(k): Decimal(str(v)) for k, v in data["points"].items()}
        q = data["qualitative"]
        qualitative = Qualitative(
            *(_share(label, f"qualitative.{k}", q[k]) for k in ("achieved", "partly", "not_achieved")),
            *(tuple(q[f"{k}_words"]) for k in ("achieved", "partly", "not_achieved")),
        )
        bands = tuple(sorted(((g, Decimal(str(v))) for g, v in data["bands"].items()), key=lambda b: -b[1]))
        shares = {g: _share(label, f"grade_shares.{g}", v) for g, v in data.get("grade_shares", {}).items()}
    except KeyError as exc:
        raise ScoreProfileError(f"评分方案 {label} 缺少 {exc.args[0]}。") from None
    if any(p < 0 for p in points.values()) or sum(points.values()) != 100:
        raise ScoreProfileError(f"评分方案 {label} 的 [points] 应为非负数且合计 100，现合计 {sum(points.values())}。")
    method = data.get("method", "proportional")
    if method not in ("proportional", "grades") or (method == "grades" and set(shares) != set(GRADES)):
        raise ScoreProfileError(f"评分方案 {label}：method 只能是 proportional 或 grades（后者需要 [grade_shares] 的优良中差）。")
    return ScoreProfile(
        data.get("name", label), data.get("description", ""), method, points,
        dict(data.get("redistribute", {})), qualitative, bands, shares,
    )  # fmt: skip
