"""``jixiao analytics FOLDER``: the figures across units and years (:mod:`jixiao.analytics`) of
every readable file in a folder — the same numbers as the web's analytics pages."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jixiao.analytics import analyse, file_cases, self_evaluation
from jixiao.cli.common import read_all, write_text
from jixiao.review import review

FORMATS = ("text", "json", "csv")


def cmd_analytics(args: argparse.Namespace, out: Console, err: Console) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        err.print(f"jixiao: {folder} 不是文件夹。", markup=False, highlight=False)
        return 2
    files = sorted(str(p) for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    results, status = read_all(files, err)
    cases = [c for r in results for c in file_cases(r.documents, review(r.documents), self_evaluation(r.documents))]
    figures = analyse(cases)
    if args.format == "csv":
        if not args.output:
            err.print("jixiao: --format csv 需要用 -o 指定输出文件夹（每张图一个 CSV）。", markup=False)
            return 2
        target = Path(args.output)
        target.mkdir(parents=True, exist_ok=True)
        for figure in figures:
            (target / f"{figure.key}.csv").write_bytes(figure.csv())
        err.print(f"已写入 {len(figures)} 个 CSV：{target}", markup=False, highlight=False)
    elif args.format == "json":
        payload = [{"key": f.key, "title": f.title, "rows": f.records()} for f in figures]
        write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        out.print(f"{len(results)} 个文件，{len(cases)} 份文档", highlight=False)
        for figure in figures:
            table = Table(*figure.columns, title=figure.title)
            for row in figure.records():
                table.add_row(*row.values())
            out.print(table)
    return status


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("analytics", help="一个文件夹中全部文档的统计：定量指标占比、审核问题、执行率与自评等级、目标与实际")
    cmd.add_argument("folder", metavar="FOLDER")
    cmd.add_argument("--format", choices=FORMATS, default="text")
    cmd.add_argument("-o", "--output", help="写入文件（json）或文件夹（csv）")
    cmd.set_defaults(handler=cmd_analytics)
