"""Rule modules; importing this package registers every rule."""

from jixiao.review.rules import placeholders  # noqa: F401
from jixiao.review.rules import values, categories  # noqa: F401
from jixiao.review.rules import duplicates, money  # noqa: F401
from jixiao.review.rules import completeness, goals, citations, dates  # noqa: F401
from jixiao.review.rules import names, affordability  # noqa: F401
from jixiao.review.rules import ambition  # noqa: F401
