"""``jixiao library build|search|suggest`` and ``jixiao draft``: the indicator library and drafting."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jixiao.cli.common import write_text
from jixiao.library.files import learn_files, sample_library
from jixiao.library.store import Library, suggestion
from jixiao.model import entry
from jixiao.model.document import SectionKind
from jixiao.write.json_out import jsonable

OFFICE_SUFFIXES = (".xlsx", ".docx", ".pdf")


def _library(path: str | None, err: Console) -> Library | None:
    """The library in ``path``, or the samples' when none is named; None (said on stderr) when unusable."""
    if not path:
        return sample_library()
    try:
        return Library.from_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        err.print(f"jixiao: 指标库 {path} 无法使用：{exc}", markup=False, highlight=False)
        return None


def cmd_build(args: argparse.Namespace, out: Console, err: Console) -> int:
    library = _library(args.library, err) if args.library else Library()
    if library is None:
        return 2
    problems = learn_files(library, args.files)
    for finding in problems:
        err.print(f"jixiao: {finding.describe()}", markup=False, highlight=False)
    write_text(library.to_json() + "\n", args.output)
    err.print(f"指标库：{len(library.documents)} 份文件，{len(library.entries)} 个指标。", markup=False, highlight=False)
    return 1 if problems else 0


def _entry_row(e) -> dict:
    t = e.typical
    return {
        "name": e.name, "level1": e.level1, "level2": e.level2, "count": e.count, "unit": t.unit if t else "",
        "target": e.usual_target(), "range": t.range_text() if t else "", "direction": e.direction,
        "functions": dict(e.functions.most_common(5)), "kinds": dict(e.kinds.most_common(5)), "documents": e.docs,
    }  # fmt: skip


def cmd_search(args: argparse.Namespace, out: Console, err: Console) -> int:
    library = _library(args.library, err)
    if library is None:
        return 2
    found = library.search(args.query, args.limit)
    if args.format == "json":
        write_text(json.dumps([_entry_row(e) for e in found], ensure_ascii=False, indent=1) + "\n", None)
        return 0
    table = Table("三级指标", "一级/二级", "常用值", "范围", "次数", "常见于", title=f"指标库中与“{args.query}”相关的指标")
    for e in found:
        places = "、".join(list(e.functions)[:2] + list(e.kinds)[:2])
        table.add_row(e.name, f"{e.level1}/{e.level2}", e.usual_target(), e.typical.range_text() if e.typical else "", str(e.count), places)
    out.print(table)
    return 0


def cmd_suggest(args: argparse.Namespace, out: Console, err: Console) -> int:
    library = _library(args.library, err)
    if library is None:
        return 2
    write_text(json.dumps(jsonable(library.suggest(args.typed, args.limit)), ensure_ascii=False, indent=1) + "\n", None)
    return 0


def _amount(raw: str) -> Decimal:
    try:
        return Decimal(entry.amount(raw, "万元"))
    except (ValueError, InvalidOperation) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_draft(args: argparse.Namespace, out: Console, err: Console) -> int:
    from jixiao.library.draft import ProjectRequest, draft  # the review's rules load only here

    library = _library(args.library, err)
    if library is None:
        return 2
    request = ProjectRequest(args.name, args.amount, args.department, args.purpose, args.year, args.code, whole_department=args.whole_department)
    result = draft(library, request)
    if args.output and args.output.lower().endswith(OFFICE_SUFFIXES):
        from jixiao.cli.export import BOOK_FORMATS, _write_whole  # the office writers, only when asked for
        from jixiao.write.layouts import build_book

        _write_whole(Path(args.output).resolve(), BOOK_FORMATS[Path(args.output).suffix.lower()[1:]](build_book([result.document])))
        err.print(f"已写入草稿：{args.output}", markup=False, highlight=False)
    elif args.format == "json":
        payload = {"document": jsonable(result.document), "lines": jsonable(result.lines), "findings": jsonable(result.findings)}
        write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", args.output)
    else:
        write_text(draft_text(result), args.output)
    return 0


def draft_text(result) -> str:
    """The draft as a clerk reads it: the project, then one line per indicator with where it came from."""
    s, document = result.section, result.document
    if s.kind == SectionKind.DEPARTMENT:
        total = next((b.money.raw for b in document.budget), "")
        lines = [f"部门：{document.organisation}", f"资金总额：{total}万元" if total else "资金总额：（未填）", f"总体绩效目标：{document.text('总体绩效目标')}"]
    else:
        total = s.amounts.total.raw if s.amounts.total else ""
        lines = [f"项目名称：{s.name}", f"预算数：{total}万元" if total else "预算数：（未填）", f"绩效目标：{s.goal}",
                 "支出计划：" + "、".join(f"{p.checkpoint}{p.raw}" for p in s.plan)]  # fmt: skip
    lines.append("绩效指标：")
    origins = {"amount": "按项目预算金额", "generic": "通用模板，请改写"}
    for n, (ind, line) in enumerate(zip(s.indicators, result.lines, strict=True), 1):
        where = origins.get(line.origin) or f"{line.count}处写过，学自{len(line.documents)}份文件：" + "；".join(line.documents[:3])
        lines.append(f"  {n}. {ind.level1} / {ind.level2} / {ind.level3} / {ind.target_raw}    （{where}）")
    counts = {}
    for f in result.findings:
        counts[f.severity.label] = counts.get(f.severity.label, 0) + 1
    lines.append("审核：" + ("、".join(f"{k}{v}个" for k, v in counts.items()) or "没有发现问题"))
    return "\n".join(lines) + "\n"


def register(sub: argparse._SubParsersAction) -> None:
    lib = sub.add_parser("library", help="指标库：从文件学习、搜索、按输入提示指标")
    lib_sub = lib.add_subparsers(dest="library_command", required=True)
    build = lib_sub.add_parser("build", help="从文件学习指标，写出指标库 JSON")
    build.add_argument("files", nargs="+", metavar="FILE")
    build.add_argument("-o", "--output", help="写入文件而不是标准输出")
    build.add_argument("--library", help="在已有的指标库上增量学习")
    build.set_defaults(handler=cmd_build)
    search = lib_sub.add_parser("search", help="按名称、类别、单位、部门职能搜索指标")
    search.add_argument("query")
    search.add_argument("--library", help="指标库 JSON（默认：由随附示例文件构建）")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--format", choices=("text", "json"), default="text")
    search.set_defaults(handler=cmd_search)
    suggest = lib_sub.add_parser("suggest", help="输入名称的开头，列出可选指标及常用单位和目标值（JSON）")
    suggest.add_argument("typed")
    suggest.add_argument("--library", help="指标库 JSON（默认：由随附示例文件构建）")
    suggest.add_argument("--limit", type=int, default=10)
    suggest.set_defaults(handler=cmd_suggest)

    dr = sub.add_parser("draft", help="按项目名称、金额和部门生成绩效目标表草稿")
    dr.add_argument("--name", required=True, help="项目名称")
    dr.add_argument("--amount", required=True, type=_amount, help="预算金额（万元）")
    dr.add_argument("--department", default="", help="预算单位或部门名称")
    dr.add_argument("--purpose", default="", help="资金用途 / 主要内容")
    dr.add_argument("--year", type=int, help="预算年度")
    dr.add_argument("--code", default="", help="项目编码（有编码时生成完整的项目支出绩效目标表）")
    dr.add_argument("--whole-department", action="store_true", help="部门整体预算绩效目标申报表（--name 为部门名称，--amount 为资金总额）")
    dr.add_argument("--library", help="指标库 JSON（默认：由随附示例文件构建）")
    dr.add_argument("--format", choices=("text", "json"), default="text")
    dr.add_argument("-o", "--output", help="写入文件；扩展名为 .xlsx、.docx、.pdf 时按正式表样导出")
    dr.set_defaults(handler=cmd_draft)
