"""Finding the cells of a table in plain text, however the table arrived.

A table copied from a web page, Word or a PDF preview reaches us as text in one of a few shapes:
pipes (``a | b | c`` one row per line, Markdown included), one cell per line ending `` |`` with
lone ``|`` lines, tabs, one cell per line with blank lines between cells (a line holding only a
space is then an empty cell), or runs of spaces. :func:`cells` turns any of them into one stream
of :class:`Token` cells; where the text marks the end of a row (a line holding several cells, a
line of pipes only) the stream says so, where it does not (one cell per line) the rows are found
later by what the cells say (:mod:`jixiao.read.indicator_stream`).

Cells whose borders were lost entirely (text glued together) are split elsewhere
(:mod:`jixiao.read.glued`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.categories import category_label
from jixiao.read.indicator_header import column_field, fold
from jixiao.read.indicator_preamble import FORM_LABELS
from jixiao.read.patterns import PAGE_NUMBER

_TRIM = " \t\r\n\u00a0\u3000"
_MARKDOWN_RULE = re.compile(r"^[\s|:\-—]+$")
_TAB_CELL = re.compile(r"^\t[^\t]*$")
_WIDE_GAP = re.compile(r"[ \u00a0]{2,}|\u3000+|\t")
# A single space splits cells only outside brackets: 数量( ≥**个 ) is one cell.
_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")

CELL, ROW_END, TABLE_BREAK = "cell", "row_end", "break"
_LINED = 6  # text lines a text needs before its blank lines say that each line is a cell
TAB_LED = "每格一行（制表符开头）"  # Word's text export


@dataclass(slots=True)
class Token:
    kind: str  # CELL, ROW_END (the text ends a row here) or TABLE_BREAK (a line of pipes only)
    text: str = ""
    line: int = 0  # 1-based text line
    column: int = 0  # 1-based place among the cells of its line, where the line holds several


@dataclass(slots=True)
class CellText:
    """The stream of one text and how it was split (for ``read --explain``)."""

    tokens: list[Token]
    form: str  # 竖线分列 / 每格一行 / 空格分列 …
    empties_kept: bool  # whether the text writes empty cells (then cells count by position)


def cells(lines: list[str]) -> CellText:
    """The text's cells in reading order, with the row ends the text marks."""
    if _tab_led(lines):
        return _tab_led_cells(lines)
    blank_separated = _blank_separated(lines)
    # a line is a cell where blank lines or lone pipes set the cells apart (the text's lines are
    # many: a whole table on one line is no blank-separated text), and where runs of spaces do
    lined = blank_separated and sum(1 for line in lines if line.strip(_TRIM)) >= _LINED
    single_splits = not (lined or _wide_gapped(lines) or _pipe_ruled(lines))
    tokens: list[Token] = []
    forms: dict[str, int] = {}
    empties = False
    closes = False  # the last text line had no | of its own
    broken = _broken_cells(lines)
    carried = ""  # the first line of a cell broken over two lines
    for number, raw in enumerate(lines, 1):
        text = raw.strip(_TRIM)
        if number in broken:
            carried = text
            continue
        if carried:
            number, text, carried = number - 1, f"{carried}\n{text}", ""
        if not text:
            if blank_separated and raw and not raw.strip("\r\n"):
                pass  # an empty line between cells
            elif blank_separated and raw.strip("\r\n"):
                tokens.append(Token(CELL, "", number))  # a line holding only spaces: an empty cell
                empties = True
            elif blank_separated and tokens and tokens[-1].kind == CELL and not lines[number - 2].strip("\r\n"):
                # cells apart by one blank line: more of them end the row, as a line of pipes only
                tokens.append(Token(TABLE_BREAK, "", number))
            elif not blank_separated and tokens and tokens[-1].kind == CELL and forms.get("每格一行"):
                # one cell per line, rows apart by blank lines: as a line of pipes only, it ends the row
                tokens.append(Token(TABLE_BREAK, "", number))
            continue
        if PAGE_NUMBER.match(text):
            continue  # print furniture of a page break
        if "|" in text:
            if _MARKDOWN_RULE.match(text) and "-" in text:
                continue
            pieces = [p.strip(_TRIM) for p in text.split("|")]
            if text.startswith("|"):
                pieces = pieces[1:]
            if text.endswith("|"):
                pieces = pieces[:-1]
            if not any(pieces):
                if text.count("|") >= 2:
                    tokens.append(Token(TABLE_BREAK, "", number))
                elif not closes:  # a lone | right after a cell without one closes that cell
                    tokens.append(Token(CELL, "", number))
                    empties = True
                closes = False
                continue
            form = "竖线分列" if sum(1 for p in pieces if p) > 1 else "每格一行（竖线结尾）"
            empties = empties or "" in pieces[:-1] or form != "竖线分列"
        elif "\t" in text:
            # split the line as written: its leading TABs are empty cells, they place the rest
            pieces, form = [p.strip(_TRIM) for p in raw.rstrip(_TRIM).split("\t")], "制表符分列"
            empties = empties or "" in pieces[:-1]
        else:
            pieces = _space_split(text, single_splits)
            form = "空格分列" if len(pieces) > 1 else ("每格一行（空行分隔）" if blank_separated else "每格一行")
        closes = "|" not in text
        forms[form] = forms.get(form, 0) + 1
        several = len(pieces) > 1
        tokens.extend(Token(CELL, p, number, k * several) for k, p in enumerate(pieces, 1))
        if sum(1 for p in pieces if p) > 1:
            tokens.append(Token(ROW_END, "", number))
    main = max(forms, key=forms.get) if forms else "无"
    return CellText(tokens, main, empties)


def _broken_cells(lines: list[str]) -> set[int]:
    """Where a text writes one cell per line ending `` |``: the lines (1-based) without a pipe
    between two such lines, each the first part of the cell below it (a cell's text wrapped) —
    unless either part is a label of its own (a table's title over 项目名称 |)."""
    texts = [line.strip(_TRIM) for line in lines]
    ended = sum(1 for t in texts if _ONE_CELL_ENDED.match(t))
    if ended * 2 < sum(1 for t in texts if t):
        return set()
    return {k + 1 for k in range(1, len(texts) - 1)
            if texts[k] and "|" not in texts[k] and "\t" not in lines[k] and texts[k - 1].endswith("|")
            and _ONE_CELL_ENDED.match(texts[k + 1])
            and not _label(texts[k]) and not _label(texts[k + 1][:-1].strip(_TRIM))}


_ONE_CELL_ENDED = re.compile(r"^[^|]+\|$")


def _label(text: str) -> bool:
    return bool(column_field(text)) or category_label(text) is not None or any(
        fold(text) in labels for labels in FORM_LABELS.values())


def _tab_led(lines: list[str]) -> bool:
    """Word's text export: one cell per line after a TAB."""
    led = sum(1 for line in lines if _TAB_CELL.match(line))
    return led >= 3 and led * 3 >= sum(1 for line in lines if line.strip(_TRIM))


def _tab_led_cells(lines: list[str]) -> CellText:
    """A line without its TAB continues the cell above it (a cell's text broken over lines)."""
    tokens: list[Token] = []
    previous = ""
    for number, raw in enumerate(lines, 1):
        text = raw.strip(_TRIM)
        if not text and not raw.startswith("\t"):
            pass  # Word breaks rows at blank lines anywhere: the header's width counts the cells
        elif raw.startswith("\t") or not previous:
            tokens.extend(Token(CELL, p.strip(_TRIM), number) for p in raw[1:].split("\t") if raw.startswith("\t"))
            if not raw.startswith("\t"):
                tokens.append(Token(CELL, text, number))
        elif tokens and tokens[-1].kind == CELL:
            tokens[-1].text = f"{tokens[-1].text}\n{text}"
        previous = text
    return CellText(tokens, TAB_LED, True)


def _blank_separated(lines: list[str]) -> bool:
    """Cells one per line with an empty line between them (Word or web text): at least a third
    of the lines are empty and few text lines follow each other directly."""
    blank = sum(1 for line in lines if not line.strip(_TRIM))
    adjacent = sum(1 for a, b in zip(lines, lines[1:]) if a.strip(_TRIM) and b.strip(_TRIM))
    return blank * 3 >= len(lines) and adjacent * 3 < len(lines)


def _wide_gapped(lines: list[str]) -> bool:
    """Cells set apart by runs of spaces (a PDF copy): a single space is then a word space inside a
    cell (``年度 指标值``), not a border. Several lines, and half of those with spaces, show such gaps."""
    spaced = [text for line in lines if "|" not in line and "\t" not in line and " " in (text := line.strip(_TRIM))]
    gapped = sum(1 for text in spaced if _WIDE_GAP.search(text))
    return gapped >= 3 and gapped * 2 >= len(spaced)


def _pipe_ruled(lines: list[str]) -> bool:
    """One cell per line with a lone ``|`` line between cells: the pipes set the cells apart, so a
    space inside a line is a word space (``7 岁以下儿童健康管理率``), not a border."""
    lone = sum(1 for line in lines if line.strip(_TRIM) == "|")
    text = sum(1 for line in lines if (t := line.strip(_TRIM)) and "|" not in t)
    return lone >= 3 and lone * 2 >= text


def _space_split(text: str, single_splits: bool = True) -> list[str]:
    """Cells of a line split at runs of spaces; a single space splits too, outside brackets,
    unless the text sets its cells apart by runs of spaces."""
    pieces = [p.strip(_TRIM) for p in _WIDE_GAP.split(text) if p.strip(_TRIM)]
    if not single_splits:
        return pieces
    out = []
    for piece in pieces:
        shielded = _BRACKETED.sub(lambda m: m.group(0).replace(" ", "\0"), piece)
        out.extend(p.replace("\0", " ") for p in shielded.split(" ") if p)
    return out
