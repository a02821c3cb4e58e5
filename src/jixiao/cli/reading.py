"""``jixiao read``, ``jixiao show`` and ``jixiao demo``: documents into JSON, CSV or the terminal."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

from jixiao.cli.common import read_all, read_one, sample_paths, write_text
from jixiao.gc_pause import gc_paused
from jixiao.read.base import ANY_TABLE, ReadResult
from jixiao.read.indicator_header import column_field
from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS, indicator_cells, section_cells, write_cells

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("json", "indicators-csv", "sections-csv")


def _json(results: list[ReadResult]) -> str:
    from jixiao.write.json_out import result_json  # for this format only

    if len(results) == 1:
        return result_json(results[0]) + "\n"
    return "[\n" + ",\n".join(result_json(r) for r in results) + "\n]\n"


# The CSV is opened in spreadsheet programs: a cell such as =HYPERLINK(…) must stay text there
# (safe=True, the writer's leading '), as `jixiao export --to csv` writes it; without its BOM, as before.
CSV_TABLES = {"indicators-csv": (indicator_cells, INDICATOR_COLUMNS), "sections-csv": (section_cells, SECTION_COLUMNS)}


def _explain(result: ReadResult, err: Console) -> None:
    err.print("\n".join(result.explain), markup=False, highlight=False)


def column_roles(specs: list[str]) -> dict[str, dict[int, str]]:
    """``--column 5=实际完成值`` → every table's 5th header column read as 实际完成值."""
    roles: dict[int, str] = {}
    for spec in specs:
        number, _, name = spec.partition("=")
        role = column_field(name.strip())
        if not number.strip().isdigit() or int(number) < 1 or not role:
            raise argparse.ArgumentTypeError(
                f"无法理解 --column {spec}：应写成“列号=列名”，列号从 1 数起，列名如 指标值、实际完成值、分值、备注。")
        roles[int(number) - 1] = role
    return {ANY_TABLE: roles} if roles else {}


def cmd_read(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        corrections = column_roles(args.column)
    except argparse.ArgumentTypeError as exc:
        err.print(f"jixiao: {exc}", markup=False, highlight=False)
        return 2
    if args.format == "json":
        results, status = read_all(args.files, err, corrections)
        for result in results if args.explain else ():
            _explain(result, err)
        if results:
            write_text(_json(results), args.output)
        return status
    # CSV one file at a time: a file's rows are written before the next is read, so a thousand
    # files take the memory of one.
    rows, columns = CSV_TABLES[args.format]
    status, sink = 0, None

    # The collector stays paused (gc_pause) until a file's rows are written and its reading is
    # dropped: a collection started while they are written would walk every object of the reading.
    @gc_paused
    def put(path: str) -> bool:
        nonlocal sink
        result = read_one(path, err, corrections)
        if result is None:
            return False
        if args.explain:
            _explain(result, err)
        header = sink is None
        if header:
            sink = stack.enter_context(open(args.output, "w", encoding="utf-8", newline="")) if args.output \
                else sys.stdout
        write_cells(sink, rows(result.documents), columns, header=header, safe=True)
        return True

    with ExitStack() as stack:
        for path in args.files:
            if not put(path):
                status = 1
    return status


def _show(result: ReadResult, out: Console, explain: bool = False) -> None:
    from jixiao.write.terminal import show  # rich's tables: imported only by the commands that draw them

    show(result, out, explain=explain)


def cmd_show(args: argparse.Namespace, out: Console, err: Console) -> int:
    results, status = read_all(args.files, err)
    for r in results:
        _show(r, out, args.explain)
    return status


def cmd_demo(args: argparse.Namespace, out: Console, err: Console) -> int:
    paths = [str(p) for p in sample_paths()]
    out.print(f"jixiao 示例：读取随附的 {len(paths)} 份公开绩效目标表\n")
    results, status = read_all(paths, err)
    for r in results:
        _show(r, out)
    return status


def register(sub: argparse._SubParsersAction) -> None:
    read = sub.add_parser("read", help="读取文件，输出 JSON 或 CSV")
    read.add_argument("files", nargs="+", metavar="FILE")
    read.add_argument("--format", choices=FORMATS, default="json")
    read.add_argument("-o", "--output", help="写入文件而不是标准输出")
    read.add_argument("--explain", action="store_true", help="说明选用了哪个读取器以及原因")
    read.add_argument("--column", action="append", default=[], metavar="列号=列名",
                      help="更正指标表某一列的含义，如 --column 5=实际完成值（列号从 1 数起，可重复）")
    read.set_defaults(handler=cmd_read)

    show_cmd = sub.add_parser("show", help="在终端中查看读取结果")
    show_cmd.add_argument("files", nargs="+", metavar="FILE")
    show_cmd.add_argument("--explain", action="store_true", help="说明选用了哪个读取器以及原因")
    show_cmd.set_defaults(handler=cmd_show)

    demo = sub.add_parser("demo", help="读取并显示随附的示例文件")
    demo.set_defaults(handler=cmd_demo)
