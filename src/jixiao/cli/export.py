"""``jixiao export``: a document in the official layout as Excel, Word or PDF, or as JSON / CSV / a Frictionless Data Package."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.cli.common import read_all
from jixiao.read.base import ReadResult
from jixiao.write.datapackage import package_files, package_zip
from jixiao.write.json_out import result_json
from jixiao.write.layouts import Book, build_book
from jixiao.write.office import ExportError
from jixiao.write.office.docx import book_docx
from jixiao.write.office.pdf import book_pdf
from jixiao.write.office.xlsx import book_xlsx
from jixiao.write.tables import INDICATOR_COLUMNS, indicator_rows, spreadsheet_csv

if TYPE_CHECKING:
    from rich.console import Console

BOOK_FORMATS: dict[str, Callable[[Book], bytes]] = {"xlsx": book_xlsx, "docx": book_docx, "pdf": book_pdf}
EXPORT_FORMATS = (*BOOK_FORMATS, "json", "csv", "datapackage")
EXTENSIONS = {"datapackage": "zip"}  # a format whose file is not named after it


def render(result: ReadResult, fmt: str) -> bytes:
    """The file's bytes in ``fmt``."""
    if fmt in BOOK_FORMATS:
        return BOOK_FORMATS[fmt](build_book(result.documents))
    if fmt == "json":
        return (result_json(result) + "\n").encode("utf-8")
    if fmt == "datapackage":
        name = Path(result.documents[0].source_file).stem if result.documents else "jixiao"
        return package_zip(package_files(result.documents, name, name))
    return spreadsheet_csv(indicator_rows(result.documents), INDICATOR_COLUMNS)


def _write_whole(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    handle, temp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes it private; a document is an ordinary file
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    results, status = read_all([args.file], err)
    if not results:
        return status
    try:
        data = render(results[0], args.to)
    except ExportError as exc:
        err.print(f"jixiao: {args.file}: {exc}", markup=False, highlight=False)
        return 1
    target = Path(args.output) if args.output else Path(Path(args.file).stem + "." + EXTENSIONS.get(args.to, args.to))
    try:
        _write_whole(target.resolve(), data)
    except OSError as exc:
        err.print(f"jixiao: 无法写入 {target}：{exc.strerror or exc}。", markup=False, highlight=False)
        return 1
    err.print(f"已导出：{target}", markup=False, highlight=False)
    return status


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="按正式表样导出为 Excel、Word、PDF，或导出 JSON、CSV、开放数据包（datapackage，zip）")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--to", choices=EXPORT_FORMATS, required=True, help="导出格式")
    export.add_argument("-o", "--output", help="输出文件（默认：与输入同名、扩展名为导出格式，写在当前目录）")
    export.set_defaults(handler=cmd_export)
