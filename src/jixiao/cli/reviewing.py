"""``jixiao review`` and ``jixiao rules``: findings in text, JSON, a worksheet or an HTML report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.cli.common import read_all, write_text
from jixiao.findings import Severity
from jixiao.review import RULES, ProfileError, load_profile, review
from jixiao.write.review_html import review_html
from jixiao.write.review_report import review_json, review_text
from jixiao.write.rules_doc import rules_markdown

if TYPE_CHECKING:
    from rich.console import Console

REVIEW_FORMATS = ("text", "json", "xlsx", "html")
_FAIL_LEVELS = {"error": {Severity.ERROR}, "warning": {Severity.ERROR, Severity.WARNING}, "never": set()}


def cmd_review(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        profile = load_profile(args.profile, frozenset(RULES))
    except ProfileError as exc:
        err.print(f"jixiao: {exc}", markup=False)
        return 2
    results, status = read_all(args.files, err)
    documents = [d for r in results for d in r.documents]
    try:
        findings = [f for r in results for f in r.findings] + review(documents, profile)
    except ProfileError as exc:  # a profile parameter (e.g. an extra lexicon) that cannot be used
        err.print(f"jixiao: {exc}", markup=False)
        return 2
    if args.format == "xlsx":
        if not args.output:
            err.print("jixiao: --format xlsx 需要用 -o 指定输出文件。", markup=False)
            return 2
        from jixiao.write.review_xlsx import review_xlsx  # the spreadsheet library, only when asked for

        Path(args.output).write_bytes(review_xlsx(findings))
    else:
        render = {"json": review_json, "html": lambda f: review_html(f, profile.name)}.get(args.format, review_text)
        write_text(render(findings), args.output)
    if any(f.severity in _FAIL_LEVELS[args.fail_on] for f in findings):
        status = 1
    return status


def cmd_rules(args: argparse.Namespace, out: Console, err: Console) -> int:
    sys.stdout.write(rules_markdown())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    review_cmd = sub.add_parser("review", help="审核绩效目标，列出问题、位置和修改建议")
    review_cmd.add_argument("files", nargs="+", metavar="FILE")
    review_cmd.add_argument("--format", choices=REVIEW_FORMATS, default="text")
    review_cmd.add_argument("--profile", default="default", help="审核方案：default、strict 或 TOML 文件路径")
    review_cmd.add_argument("--fail-on", choices=tuple(_FAIL_LEVELS), default="error", help="有此级别及以上问题时退出码为 1")
    review_cmd.add_argument("-o", "--output", help="写入文件而不是标准输出")
    review_cmd.set_defaults(handler=cmd_review)

    rules_cmd = sub.add_parser("rules", help="输出审核规则说明（Markdown，即 docs/rules.md）")
    rules_cmd.set_defaults(handler=cmd_rules)
