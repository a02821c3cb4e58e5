"""Reading: any supported file → (documents, findings).

Every reader is asked whether it recognises the input; the most confident one extracts it. An
input no reader recognises is refused with a clear message rather than guessed at. Word, Excel,
HTML and PDF files (told apart by content, not by name) are turned into paragraphs and tables
(:mod:`jixiao.read.office`). Their indicator tables are read as grids
(:mod:`jixiao.read.target_tables`); the layout readers read the same tables as the rows, cell
blocks and cells they know from text files, built straight from the tables in two forms
(:class:`~jixiao.read.office.TableInput`), which they choose among as among layouts. The layout
reading is kept when it has every indicator and project the grid reading found, as the grid has
them (it reads more of its form: plans, grades, activities), or when the grid's rows do not stand
in their columns and the layout reading has more whole rows; otherwise the grid reading is.
"""

from __future__ import annotations

import stat
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.findings import Finding, Location, ReadError, Severity
from jixiao.model.categories import LEVEL1
from jixiao.model.source import Source
from jixiao.read.base import GENERAL_CEILING, ReadResult, Reader, Recognition, TableColumns, TextInput

# A user's corrections of column roles: header signature (or "*" for every table) → {column: role}.
Corrections = dict[str, dict[int, str]]
from jixiao.read.containers import KIND_NAMES, TEXT, refuse, sniff
from jixiao.read.decode import decode
from jixiao.read.patterns import WORDS
from jixiao.gc_pause import gc_paused
from jixiao.read.approval_form import ApprovalReader
from jixiao.read.declaration_form import DeclarationReader
from jixiao.read.duty_activity import DutyActivityReader
from jixiao.read.project_book import ProjectBookReader
from jixiao.read.special_fund import SpecialFundReader
from jixiao.values.parse import parse_target

if TYPE_CHECKING:
    from jixiao.read.target_tables import GridReading

# Order matters only for ties: specific layouts before the general ones.
LAYOUT_READERS: tuple[Reader, ...] = (
    DutyActivityReader(),
    ApprovalReader(),
    ProjectBookReader(),
    DeclarationReader(),
    SpecialFundReader(),
)


class _TextTables:
    """The general reader (:class:`~jixiao.read.text_tables.TextTableReader`), its module imported
    when it is first asked to recognise or read: with the glued-text and indicator-stream readers it
    uses, that is a sixth of `jixiao read`'s start-up, which a file recognised by the reader of its
    own layout never needs."""

    name = "text_tables"  # TextTableReader.name, said in every reading's explanation

    @cached_property
    def _reader(self) -> Reader:
        from jixiao.read.text_tables import TextTableReader

        return TextTableReader()

    @property
    def description(self) -> str:
        return self._reader.description

    def identify(self, source: TextInput) -> Recognition:
        return self._reader.identify(source)

    def extract(self, source: TextInput) -> ReadResult:
        return self._reader.extract(source)


GENERAL_READERS: tuple[Reader, ...] = (_TextTables(),)
READERS: tuple[Reader, ...] = (*LAYOUT_READERS, *GENERAL_READERS)

MAX_TEXT_BYTES = 64 * 1024 * 1024

__all__ = ["READERS", "Corrections", "ReadResult", "TableColumns", "read_bytes", "read_path", "read_text"]


# Readers recognise a layout from its beginning: titles, org lines and the first table header.
IDENTIFY_LINES = 400


def _scores(heads: list[TextInput], readers: tuple[Reader, ...], explain: list[str],
            near: list[str] | None = None) -> list[tuple[float, Reader, int]]:
    """Each reader's confidence in each head; ``near`` gets what nearly is a reader's layout."""
    scored = []
    for index, head in enumerate(heads):
        form = f"[{head.encoding}] " if len(heads) > 1 else ""
        for reader in readers:
            recognition = reader.identify(head)
            scored.append((recognition.score, reader, index))
            explain.append(f"{form}{reader.name}: {recognition.score:.2f} — {recognition.reason}")
            if near is not None and recognition.near:
                near.append(recognition.near)
    return scored


def _unrecognised(name: str, near: str = "") -> ReadError:
    if near:  # a header was found: say which, and what it lacks
        return ReadError(Finding("JX004", Severity.ERROR, f"无法识别的表格版式：{near}。", Location(Source(name)),
                                 "请确认哪一列是指标值，把表头中这一列写为“指标值”；如果是新的版式，请把样本发给维护人员。"))
    return ReadError(
        Finding(
            "JX004",
            Severity.ERROR,
            "无法识别的表格版式：没有找到绩效指标表的表头（一级指标、二级指标、三级指标、指标值等），"
            "也不符合已知的目标表版式。",
            Location(Source(name)),
            "请确认文件是绩效目标表或自评表；如果是新的版式，请把样本发给维护人员。",
        )
    )


def _heads(sources: list[TextInput]) -> list[TextInput]:
    """One head per source, shared by every reader: they reuse each other's splittings of it."""
    return [s.head(IDENTIFY_LINES) for s in sources]


def _extract(sources: list[TextInput]) -> tuple[Reader, int, ReadResult, list[str]]:
    """The chosen reading. A reader made for one layout that is sure of it (≥ GENERAL_CEILING, which
    no general reader reaches) reads the input, unless it finds no indicator where a general reader
    finds whole rows. Otherwise the most confident reader reads it; when that is the general
    one, it reads every form of the input it recognised (an office file's two forms) and the
    reading that yields more complete indicator rows wins (ties go to the earlier form): its
    confidence is read off the header, the rows tell more."""
    explain: list[str] = []
    heads = _heads(sources)
    scored = _scores(heads, LAYOUT_READERS, explain)
    score, reader, index = max(scored, key=lambda item: item[0])
    if score >= GENERAL_CEILING:
        del heads  # their splittings are not kept while the whole file is read
        result = reader.extract(sources[index])
        if any(s.indicators for d in result.documents for s in d.sections):
            explain.append(f"通用读取器（{'、'.join(r.name for r in GENERAL_READERS)}）未尝试：已有专用版式读取器确认")
            return reader, index, result, explain
        explain.append(f"{reader.name} 认出了版式，但没有读出指标，再试通用读取器")
        general = _general(_scores(_heads(sources), GENERAL_READERS, explain), sources, explain)
        chosen = general[1:] if general and general[0] else (reader, index, result)
        return (*chosen, explain)
    near: list[str] = []
    scored += _scores(heads, GENERAL_READERS, explain, near)
    score, reader, index = max(scored, key=lambda item: item[0])
    if score <= 0:
        raise _unrecognised(sources[0].name, near[0] if near else "")
    if reader not in GENERAL_READERS:
        return reader, index, reader.extract(sources[index]), explain
    rows, reader, index, result = _general(scored, sources, explain)
    return reader, index, result, explain


def _general(scored: list[tuple[float, Reader, int]], sources: list[TextInput], explain: list[str]
             ) -> tuple[int, Reader, int, ReadResult] | None:
    """The general reading with the most complete rows (ties to the earlier form), with that count."""
    tried = []
    for score, reader, index in scored:
        if reader in GENERAL_READERS and score > 0:
            result = reader.extract(sources[index])
            rows = _complete_rows(result)
            explain.append(f"{reader.name} 读出 {rows} 个有名称、类别和指标值的指标")
            tried.append((rows, -len(tried), reader, index, result))
    if not tried:
        return None
    rows, _, reader, index, result = max(tried, key=lambda item: item[:2])
    return rows, reader, index, result


# Target texts repeat a great deal (100%, 是/否, ≥95%); parsed values are immutable, so share them.
_parse = lru_cache(maxsize=65536)(parse_target)


def _finish(result: ReadResult) -> None:
    """Steps shared by all readers: parse every target value."""
    for document in result.documents:
        for section in document.sections:
            for indicator in section.indicators:
                indicator.target = _parse(indicator.target_raw)
                indicator.cycle_target = _parse(indicator.cycle_target_raw)




def _complete_rows(result: ReadResult) -> int:
    """Indicators read whole: a name in words, a target, a standard category."""
    return sum(1 for d in result.documents for s in d.sections for i in s.indicators
               if i.target_raw and WORDS.search(i.level3) and i.level1 in LEVEL1)


@gc_paused
def read_text(text: str, name: str = "", encoding: str = "utf-8", corrections: Corrections | None = None) -> ReadResult:
    """``corrections``: a user's column roles, by header signature (see :class:`TableColumns`)."""
    source = TextInput(name, text, encoding, corrections=corrections or {})
    reader, _, result, explain = _extract([source])
    result.reader = reader.name
    result.encoding = encoding
    result.explain = [f"编码：{encoding}", f"选用读取器：{reader.name}（{reader.description}）", *explain,
                      *result.explain]
    _finish(result)
    return result


@gc_paused
def _read_office(kind: str, data: bytes, name: str, corrections: Corrections | None = None) -> ReadResult:
    # Imported for office files only: a text file needs neither the tables' forms nor their grid reading.
    from jixiao.read.office import office_blocks, relocate, table_inputs
    from jixiao.read.target_tables import read_target_tables

    blocks = office_blocks(kind, data, name)
    grid = read_target_tables(blocks, name)
    sources = table_inputs(blocks, name, corrections or {})
    own: list[str] = []
    try:
        reader, index, result, explain = _extract(sources)
    except ReadError:
        if not grid.indicators:
            raise
        result, explain = _grid_result(grid, kind, "各版式的读取器都不认识这个文件"), []
    else:
        missing = grid.missing_from(result) if grid.indicators else 0
        rows = _complete_rows(result)
        # Grid rows not standing in their columns (cells written into the wrong ones, or left out):
        # a layout reading with as many whole rows as the grid has at all, or more than it has in
        # place when most are not, read the tables better.
        found, placed = len(grid.indicators), grid.placed
        misplaced = placed < found <= rows or placed * 2 < found and placed < rows
        if grid.indicators and not rows or missing and not misplaced:
            result = _grid_result(grid, kind, f"读取器 {reader.name} 缺少或读错了表格中的 {missing} 个指标或项目" if rows
                                  else f"读取器 {reader.name} 没有读出完整的指标行")
        else:
            own = result.explain
            result.documents = relocate(result.documents, sources[index].origins)
            result.findings = relocate(result.findings, sources[index].origins)
            result.reader = reader.name
            result.encoding = kind  # for an office file: its format (docx, xlsx, xls, html, pdf)
            result.explain = [f"文件格式：{KIND_NAMES[kind]}，表格按格读取（{sources[index].encoding}）",
                              f"选用读取器：{reader.name}（{reader.description}）"]
            if missing:
                result.explain.append(f"按表格读取的指标行有的不在表头的列中（{placed}/{found} 行在列中），"
                                      f"读取器 {reader.name} 读出的完整指标行更多（{rows} 行），用它的结果")
            elif grid.indicators:
                result.explain.append(f"按表格读取的指标和项目，读取器 {reader.name} 都读出了，且相同，用它的结果")
    result.explain += [*explain, *own, f"按表格读取：{len(grid.indicators)} 个指标", *grid.explain]
    _finish(result)
    return result


def _grid_result(grid: GridReading, kind: str, why: str) -> ReadResult:
    from jixiao.read.target_tables import DESCRIPTION_TEXT, NAME

    result = grid.result
    result.reader = NAME
    result.encoding = kind
    result.explain = [f"文件格式：{KIND_NAMES[kind]}，按表格读取（{why}）", f"选用读取器：{NAME}（{DESCRIPTION_TEXT}）"]
    return result


def read_bytes(data: bytes, name: str = "", corrections: Corrections | None = None) -> ReadResult:
    kind = sniff(data, name)
    if kind != TEXT:
        return _read_office(kind, data, name, corrections)
    text, encoding, notes = decode(data, name)
    del data  # a file's size less in memory while it is read (when the caller keeps no reference)
    result = read_text(text, name, encoding, corrections)
    result.findings[:0] = notes
    return result


def read_path(path: str | Path, corrections: Corrections | None = None) -> ReadResult:
    """Read one file. Raises :class:`ReadError` (with a finding) when it cannot be read at all."""
    path = Path(path)
    # The bytes are handed over, not kept in this frame: read_bytes drops them once decoded.
    return read_bytes(_file_bytes(path), path.name, corrections)


def _file_bytes(path: Path) -> bytes:
    """The whole file, or a :class:`ReadError` saying why it cannot be read."""
    name = path.name
    try:
        info = path.stat()  # once: each of exists(), is_dir() and stat() asks the system again
    except (FileNotFoundError, NotADirectoryError):
        raise refuse(name, "JX005", "文件不存在。") from None
    except OSError as exc:
        raise refuse(name, "JX005", f"无法打开文件：{exc.strerror}。") from None
    if stat.S_ISDIR(info.st_mode):
        raise refuse(name, "JX005", "这是一个文件夹，不是文件。")
    # A pipe, a device (a link to /dev/zero) or a socket has no end to read to: refuse it first.
    if not stat.S_ISREG(info.st_mode):
        raise refuse(name, "JX005", "这不是普通文件（可能是管道、设备或套接字），无法读取。请指定一个文件。")
    size = info.st_size
    if size > MAX_TEXT_BYTES:
        raise _too_big(name)
    try:
        with open(path, "rb") as file:
            data = file.read(size + 1)
            if len(data) > size:  # it grew while read: the rest, up to the limit
                data += file.read(MAX_TEXT_BYTES + 1 - len(data))
    except OSError as exc:
        raise refuse(name, "JX005", f"无法打开文件：{exc.strerror}。") from None
    if len(data) > MAX_TEXT_BYTES:
        raise _too_big(name)
    return data


def _too_big(name: str) -> ReadError:
    return refuse(name, "JX006", f"文件过大，超过 {MAX_TEXT_BYTES // 1048576} MB 的上限。")
