"""``jixiao template actuals``, ``jixiao monitor`` and ``jixiao score``: the year after approval.

    jixiao template actuals FILE -o actuals.xlsx        # workbook to fill during the year
    jixiao monitor FILE --actuals actuals.xlsx --at 6月底 [--format text|json|xlsx|html]
    jixiao score FILE --actuals actuals.xlsx [--profile default|graded|P.toml] [--format ...]
    jixiao score 自评表.txt                               # re-score an old self-evaluation table

A workbook with errors is refused as a whole (its findings are printed, exit 1); warnings are
printed and the report is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.cli.common import read_all, write_text
from jixiao.findings import Finding
from jixiao.model.document import Document
from jixiao.model.execution import Actuals
from jixiao.monitor import Thresholds, monitor
from jixiao.read.actuals import read_actuals
from jixiao.score import ScoreProfileError, load_score_profile, score
from jixiao.score.rescore import is_self_evaluation, rescore
from jixiao.write.actuals_template import actuals_template
from jixiao.write.json_out import to_json
from jixiao.write.monitor_report import monitor_text, monitor_xlsx
from jixiao.write.self_evaluation import score_text, score_xlsx
from jixiao.write.year_html import monitor_html, score_html

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("text", "json", "xlsx", "html")


def _say(err: Console, findings: list[Finding]) -> None:
    for f in findings:
        err.print(f"jixiao: {f.describe()}", markup=False, highlight=False)


def _documents(path: str, err: Console) -> list[Document] | None:
    results, _ = read_all([path], err)
    return results[0].documents if results else None


def _actuals(path: str, documents: list[Document], err: Console) -> Actuals | None:
    file = Path(path)
    if not file.is_file():
        err.print(f"jixiao: 填报表 {path} 不存在。", markup=False)
        return None
    actuals, findings = read_actuals(file.read_bytes(), file.name, documents)
    _say(err, findings)
    return actuals


def _emit(args: argparse.Namespace, err: Console, report, writers: dict[str, Callable]) -> int:
    if args.format == "xlsx":
        if not args.output:
            err.print("jixiao: --format xlsx 需要用 -o 指定输出文件。", markup=False)
            return 2
        Path(args.output).write_bytes(writers["xlsx"](report))
    else:
        write_text(writers[args.format](report), args.output)
    return 0


def cmd_template(args: argparse.Namespace, out: Console, err: Console) -> int:
    documents = _documents(args.file, err)
    if documents is None:
        return 1
    Path(args.output).write_bytes(actuals_template(documents, Path(args.file).name))
    err.print(f"已生成填报表 {args.output}", markup=False)
    return 0


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字") from None
    if value < 0:
        raise argparse.ArgumentTypeError("预警阈值不能为负数")
    return value


def cmd_monitor(args: argparse.Namespace, out: Console, err: Console) -> int:
    documents = _documents(args.file, err)
    if documents is None:
        return 1
    actuals = _actuals(args.actuals, documents, err)
    if actuals is None:
        return 1
    if args.at and args.at not in actuals.checkpoints:
        err.print(f"jixiao: 填报表没有“{args.at}”这个监控时点，可选：{'、'.join(actuals.checkpoints)}。", markup=False)
        return 2
    if args.red < args.yellow:
        err.print("jixiao: --red 不能小于 --yellow。", markup=False)
        return 2
    report = monitor(documents, actuals, args.at or "", Thresholds(args.yellow, args.red))
    writers = {"text": monitor_text, "json": to_json, "xlsx": monitor_xlsx, "html": monitor_html}
    return _emit(args, err, report, writers)


def cmd_score(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        profile = load_score_profile(args.profile)
    except ScoreProfileError as exc:
        err.print(f"jixiao: {exc}", markup=False)
        return 2
    documents = _documents(args.file, err)
    if documents is None:
        return 1
    if args.actuals:
        actuals = _actuals(args.actuals, documents, err)
        if actuals is None:
            return 1
        report = score(documents, actuals, profile)
    elif is_self_evaluation(documents):
        report = rescore(documents, profile)
    else:
        err.print("jixiao: 这是绩效目标表，请用 --actuals 给出填报的执行情况（jixiao template actuals 生成填报表）。", markup=False)
        return 2
    writers = {"text": score_text, "json": to_json, "xlsx": score_xlsx, "html": score_html}
    return _emit(args, err, report, writers)


def register(sub: argparse._SubParsersAction) -> None:
    template = sub.add_parser("template", help="生成填报表")
    kinds = template.add_subparsers(dest="template_kind", required=True)
    actuals = kinds.add_parser("actuals", help="执行情况填报表（xlsx）：预算执行与指标完成，目标栏目锁定")
    actuals.add_argument("file", metavar="FILE", help="批复的绩效目标表")
    actuals.add_argument("-o", "--output", required=True, help="输出的 .xlsx 文件")
    actuals.set_defaults(handler=cmd_template)

    mon = sub.add_parser("monitor", help="绩效运行监控：预算执行与指标进度对照计划，红黄绿预警")
    mon.add_argument("file", metavar="FILE")
    mon.add_argument("--actuals", required=True, help="填好的执行情况填报表（xlsx）")
    mon.add_argument("--at", help="监控时点，如 6月底（默认：已填支出的最后一个时点）")
    mon.add_argument("--yellow", type=_decimal, default=Decimal(10), help="落后计划超过多少个百分点为黄色预警（默认 10）")
    mon.add_argument("--red", type=_decimal, default=Decimal(20), help="落后计划超过多少个百分点为红色预警（默认 20）")
    mon.add_argument("--format", choices=FORMATS, default="text")
    mon.add_argument("-o", "--output", help="写入文件而不是标准输出")
    mon.set_defaults(handler=cmd_monitor)

    sc = sub.add_parser("score", help="年终自评评分，输出自评表；自评表本身可直接重算")
    sc.add_argument("file", metavar="FILE", help="绩效目标表，或已填写的绩效自评表")
    sc.add_argument("--actuals", help="填好的执行情况填报表（xlsx）")
    sc.add_argument("--profile", default="default", help="评分方案：default、graded 或 TOML 文件路径")
    sc.add_argument("--format", choices=FORMATS, default="text")
    sc.add_argument("-o", "--output", help="写入文件而不是标准输出")
    sc.set_defaults(handler=cmd_score)
