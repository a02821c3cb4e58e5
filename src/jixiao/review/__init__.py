"""Review: find what a finance reviewer would, as findings with code, location and suggestion."""

from jixiao.review.engine import review
from jixiao.review.profile import Profile, ProfileError, load_profile
from jixiao.review.registry import RULES, Dimension, Rule

__all__ = ["RULES", "Dimension", "Profile", "ProfileError", "Rule", "load_profile", "review"]
