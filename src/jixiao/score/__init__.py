"""Year-end self-evaluation scoring (单位自评): profiles, per-indicator outcomes, the engine."""

from jixiao.score.engine import score
from jixiao.score.profile import BUILTIN, ScoreProfile, ScoreProfileError, load_score_profile
from jixiao.score.report import ScoreReport

__all__ = ["BUILTIN", "ScoreProfile", "ScoreProfileError", "ScoreReport", "load_score_profile", "score"]
