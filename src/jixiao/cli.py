"""Command line: ``jixiao read``, ``jixiao show``, ``jixiao review``, ``jixiao demo``.

Exit codes: 0 success, 1 a file could not be read (one clear message per file, no traceback) or
``review`` found problems at or above ``--fail-on``, 2 wrong usage, 3 an internal error (set
``JIXIAO_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import resources
from pathlib import Path

from rich.console import Console

from jixiao.findings import ReadError, Severity
from jixiao.read import read_path
from jixiao.read.base import ReadResult
from jixiao.review import RULES, ProfileError, load_profile, review
from jixiao.write.json_out import result_json
from jixiao.write.review_html import review_html
from jixiao.write.review_report import review_json, review_text
from jixiao.write.review_xlsx import review_xlsx
from jixiao.write.rules_doc import rules_markdown
from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS, indicator_rows, section_rows, to_csv
from jixiao.write.terminal import show

FORMATS = ("json", "indicators-csv", "sections-csv")


def sample_paths() -> list[Path]:
    """The seed documents shipped with jixiao as sample data."""
    folder = resources.files("jixiao") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def _render(results: list[ReadResult], fmt: str) -> str:
    documents = [d for r in results for d in r.documents]
    if fmt == "indicators-csv":
        return to_csv(indicator_rows(documents), INDICATOR_COLUMNS)
    if fmt == "sections-csv":
        return to_csv(section_rows(documents), SECTION_COLUMNS)
    if len(results) == 1:
        return result_json(results[0]) + "\n"
    return "[\n" + ",\n".join(result_json(r) for r in results) + "\n]\n"


def _read_all(paths: list[str], err: Console) -> tuple[list[ReadResult], int]:
    results, status = [], 0
    for path in paths:
        try:
            results.append(read_path(path))
        except ReadError as exc:
            err.print(f"jixiao: {exc.finding.describe()}", markup=False, highlight=False)
            status = 1
    return results, status


def cmd_read(args: argparse.Namespace, out: Console, err: Console) -> int:
    results, status = _read_all(args.files, err)
    if args.explain:
        for r in results:
            err.print("\n".join(r.explain), markup=False, highlight=False)
    if results:
        text = _render(results, args.format)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    return status


def cmd_show(args: argparse.Namespace, out: Console, err: Console) -> int:
    results, status = _read_all(args.files, err)
    for r in results:
        show(r, out, explain=args.explain)
    return status


REVIEW_FORMATS = ("text", "json", "xlsx", "html")
_FAIL_LEVELS = {"error": {Severity.ERROR}, "warning": {Severity.ERROR, Severity.WARNING}, "never": set()}


def cmd_review(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        profile = load_profile(args.profile, frozenset(RULES))
    except ProfileError as exc:
        err.print(f"jixiao: {exc}", markup=False)
        return 2
    results, status = _read_all(args.files, err)
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
        Path(args.output).write_bytes(review_xlsx(findings))
    else:
        render = {"json": review_json, "html": lambda f: review_html(f, profile.name)}.get(args.format, review_text)
        text = render(findings)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if any(f.severity in _FAIL_LEVELS[args.fail_on] for f in findings):
        status = 1
    return status


def cmd_rules(args: argparse.Namespace, out: Console, err: Console) -> int:
    sys.stdout.write(rules_markdown())
    return 0


def cmd_demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    paths = [str(p) for p in sample_paths()]
    out.print(f"jixiao 示例：读取随附的 {len(paths)} 份公开绩效目标表\n")
    results, status = _read_all(paths, err)
    for r in results:
        show(r, out)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description="预算绩效目标表的读取、审核与评分")
    sub = parser.add_subparsers(dest="command", required=True)

    read = sub.add_parser("read", help="读取文件，输出 JSON 或 CSV")
    read.add_argument("files", nargs="+", metavar="FILE")
    read.add_argument("--format", choices=FORMATS, default="json")
    read.add_argument("-o", "--output", help="写入文件而不是标准输出")
    read.add_argument("--explain", action="store_true", help="说明选用了哪个读取器以及原因")
    read.set_defaults(handler=cmd_read)

    show_cmd = sub.add_parser("show", help="在终端中查看读取结果")
    show_cmd.add_argument("files", nargs="+", metavar="FILE")
    show_cmd.add_argument("--explain", action="store_true", help="说明选用了哪个读取器以及原因")
    show_cmd.set_defaults(handler=cmd_show)

    review_cmd = sub.add_parser("review", help="审核绩效目标，列出问题、位置和修改建议")
    review_cmd.add_argument("files", nargs="+", metavar="FILE")
    review_cmd.add_argument("--format", choices=REVIEW_FORMATS, default="text")
    review_cmd.add_argument("--profile", default="default", help="审核方案：default、strict 或 TOML 文件路径")
    review_cmd.add_argument("--fail-on", choices=tuple(_FAIL_LEVELS), default="error", help="有此级别及以上问题时退出码为 1")
    review_cmd.add_argument("-o", "--output", help="写入文件而不是标准输出")
    review_cmd.set_defaults(handler=cmd_review)

    rules_cmd = sub.add_parser("rules", help="输出审核规则说明（Markdown，即 docs/rules.md）")
    rules_cmd.set_defaults(handler=cmd_rules)

    demo = sub.add_parser("demo", help="读取并显示随附的示例文件")
    demo.set_defaults(handler=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out, err = Console(), Console(stderr=True, soft_wrap=True)
    try:
        return args.handler(args, out, err)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: say so plainly
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        err.print(f"jixiao: 内部错误 {type(exc).__name__}: {exc}（设置 JIXIAO_DEBUG=1 查看详情，并请报告此问题）", markup=False)
        return 3


if __name__ == "__main__":
    sys.exit(main())
