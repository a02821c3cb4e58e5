"""docs/rules.md is generated from the registry; this fails when it is stale."""

from pathlib import Path

from jixiao.review import RULES
from jixiao.write.rules_doc import rules_markdown

DOC = Path(__file__).parents[1] / "docs" / "rules.md"


def test_rules_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), "run: jixiao rules > docs/rules.md"


def test_every_rule_is_documented_with_examples():
    for rule in RULES.values():
        assert rule.why and rule.bad and rule.good and rule.title, rule.code
        assert f"### {rule.code} " in rules_markdown()
