"""Word, Excel, HTML and PDF files → paragraphs and tables (read as grids by
:mod:`jixiao.read.target_tables`) and the text forms of :mod:`jixiao.read.office_text`, and the
locations of what was read in a text form pointed back into the original file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from importlib import import_module

from jixiao.findings import ReadError
from jixiao.model.source import Origin, Source
from jixiao.read.containers import DOCX, HTML, KIND_NAMES, PDF, XLS, XLSX, refuse
from jixiao.read.office_text import RENDERINGS, Block, Paragraph, Rendering, Table
from jixiao.read.project_book_overall import PART_HEADING

# Imported when first needed: the office libraries take most of a second to import, and reading
# a text file needs none of them.
EXTRACTORS = {
    DOCX: "jixiao.read.docx_file:read_docx",
    XLSX: "jixiao.read.xlsx_file:read_xlsx",
    XLS: "jixiao.read.xls_file:read_xls",
    HTML: "jixiao.read.html_file:read_html",
    PDF: "jixiao.read.pdf_file:read_pdf",
}


def _without_part_headings(blocks: list[Block]) -> list[Block]:
    """Drop a book's part heading (第一部分 X) that stands right above the title X it repeats."""
    def repeats(block: Block, after: Block) -> bool:
        match = isinstance(block, Paragraph) and PART_HEADING.match(block.text.strip())
        return bool(match) and isinstance(after, Paragraph) and after.text.strip() == match.group(2).strip()
    return [b for b, after in zip(blocks, [*blocks[1:], None]) if not repeats(b, after)]


def _text_tables_as_text(blocks: list[Block]) -> list[Block]:
    """A table none of whose rows holds two filled cells is a box of text, not a grid (a page's
    lines, one cell per line, put in a table), as a sheet's such rows are (:mod:`sheet_grid`): its
    cells are paragraphs, for the readers of text layouts."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and all(sum(1 for cell in row if cell.text.strip()) < 2 for row in block.rows):
            out += [Paragraph(cell.text, block.origin(r, c)) for r, row in enumerate(block.rows)
                    for c, cell in enumerate(row, 1) if cell.text.strip()]
        else:
            out.append(block)
    return out


def _extractor(kind: str) -> Callable[[bytes, str], list[Block]]:
    module, function = EXTRACTORS[kind].split(":")
    return getattr(import_module(module), function)


def office_blocks(kind: str, data: bytes, name: str) -> list[Block]:
    """The file's paragraphs and tables, or :class:`ReadError` when it cannot be read at all."""
    extract = _extractor(kind)  # outside the try: a missing library is not a damaged file
    try:
        blocks = extract(data, name)
    except ReadError:
        raise
    except Exception as exc:  # the libraries raise many kinds of error on a damaged file
        raise refuse(name, "JX080", f"{KIND_NAMES[kind]}已损坏或格式不正确，无法读取。",
                     "请用 Word/WPS/Excel 打开原文件确认能正常显示后另存一份，再导入。",
                     f"{type(exc).__name__}: {exc}"[:300]) from None
    if not any(block.text.strip() if isinstance(block, Paragraph) else block.rows for block in blocks):
        raise refuse(name, "JX088", f"{KIND_NAMES[kind]}中没有可读取的文字或表格。")
    return _without_part_headings(_text_tables_as_text(blocks))


def renderings(blocks: list[Block]) -> list[Rendering]:
    """Every text form of the blocks, for the readers of text layouts."""
    return [render(blocks) for render in RENDERINGS]


def relocate(obj, origins: list[Origin | None]):
    """``obj`` with every :class:`Source` in it given the origin of its text line."""

    def fix(source: Source) -> Source:
        if source.line is None or not 0 < source.line <= len(origins) or origins[source.line - 1] is None:
            return source
        origin = origins[source.line - 1]
        if origin.column is None and source.column is not None and origin.row is not None:
            origin = replace(origin, column=source.column)  # row-per-line text: the reader's column
        return replace(source, origin=origin)

    def walk(value):
        if isinstance(value, Source):
            return fix(value)
        if isinstance(value, list):
            new = [walk(v) for v in value]
            return value if all(a is b for a, b in zip(new, value)) else new
        if isinstance(value, dict):
            new = {k: walk(v) for k, v in value.items()}
            return value if all(new[k] is v for k, v in value.items()) else new
        if is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for f in fields(value):
                old = getattr(value, f.name)
                if (new := walk(old)) is not old:
                    changes[f.name] = new
            return replace(value, **changes) if changes else value
        return value

    return walk(obj)
