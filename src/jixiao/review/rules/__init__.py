"""Rule modules; importing this package registers every rule."""

from jixiao.review.rules import placeholders  # noqa: F401
