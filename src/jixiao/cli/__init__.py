"""Command line: one module per group of commands, each with a ``register(subparsers)``.

Packages built on the core (the web application) add their commands through the entry-point
group ``jixiao.commands`` — a module with ``register`` — so the core never imports them.

Exit codes: 0 success, 1 a file could not be read (one clear message per file, no traceback) or
``review`` found problems at or above ``--fail-on``, 2 wrong usage, 3 an internal error (set
``JIXIAO_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

# Each core command and the module that registers it. A command imports only its own module: the
# office writers alone take most of a second to import, and `jixiao read` needs none of them.
COMMANDS = {"read": "reading", "show": "reading", "demo": "reading", "review": "reviewing", "rules": "reviewing",
            "template": "year", "monitor": "year", "score": "year", "export": "export",
            "library": "library", "draft": "library", "analytics": "analytics"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``command`` alone when it is a core command, else of every command."""
    parser = argparse.ArgumentParser(prog="jixiao", description="预算绩效目标表的读取、审核与评分")
    sub = parser.add_subparsers(dest="command", required=True)
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for module in modules:
        import_module(f"jixiao.cli.{module}").register(sub)
    if command not in COMMANDS:
        from importlib.metadata import entry_points  # a tenth of start-up: only when plugins are asked for

        for plugin in entry_points(group="jixiao.commands"):
            plugin.load().register(sub)
    return parser


class _Console:
    """rich's ``Console``, made on first use: building it imports a fifth of what `jixiao read`
    needs to start, and a run that writes files to ``-o`` never prints."""

    def __init__(self, **options: object):
        self._options = options
        self._console = None

    def __getattr__(self, name: str):
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(next((a for a in argv if not a.startswith("-")), None)).parse_args(argv)
    out, err = _Console(), _Console(stderr=True, soft_wrap=True)
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
