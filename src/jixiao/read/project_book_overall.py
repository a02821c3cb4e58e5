"""第一部分 部门整体绩效目标 of a project-target book (seed 002): free text, one line per paragraph.

Layout: a part label (``第一部分``), the title, then numbered headings ``一、总体绩效目标`` /
``二、分项绩效目标`` / ``三、工作保障措施``. Under a heading, short lines ``（一）社会救助政策及管理``
open a function (分项绩效目标) whose ``主要职责：`` / ``绩效目标：`` / ``绩效指标：`` lines follow;
any other line is text of the heading. Numbered items that are sentences (``一、完善制度，…。``)
are text, not headings: a heading is short and has no sentence punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.findings import Finding, Severity
from jixiao.model.document import Section, SectionKind, TextBlock
from jixiao.model.source import Source
from jixiao.read.base import problem
from jixiao.read.grid import Cell
from jixiao.read.patterns import YEAR

PART_HEADING = re.compile(r"^第([一二三四五六七八九十\d]+)部分\s*(.*)$")  # 第一部分 部门整体绩效目标
_HEADING = re.compile(r"^[一二三四五六七八九十]+、\s*(.+)$")
_FUNCTION = re.compile(r"^([（(][一二三四五六七八九十\d]+[）)])\s*(.+)$")
_LABELLED = re.compile(r"^([^：:。，,；;]{1,10})[：:]\s*(.*)$", re.S)
_SENTENCE = re.compile(r"[。；;，,：:]")

PURPOSE_LABELS = frozenset({"主要职责", "职责", "主要职能"})
GOAL_LABELS = frozenset({"绩效目标", "年度绩效目标", "年度目标"})
FUNCTION_LABELS = PURPOSE_LABELS | GOAL_LABELS | {"绩效指标"}


def _short(text: str, limit: int) -> bool:
    return len(text) <= limit and not _SENTENCE.search(text)


@dataclass(slots=True)
class Overall:
    """What part 1 holds, ready to go into a Document."""

    title: str = ""
    part_label: str = ""
    year: int | None = None
    texts: list[TextBlock] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.title or self.texts or self.sections)


def read_overall(lines: list[Cell], file: str, part: int = 1) -> Overall:
    """Read the free lines of part 1 (already cleaned of Word bookmarks)."""
    out = Overall()
    heading = ""  # label of the open heading
    text: list[Cell] = []  # its lines
    function: Section | None = None
    last_label = ""  # the function's field that a plain line continues

    def flush_text() -> None:
        if text:
            out.texts.append(TextBlock(heading or "说明", "\n".join(c.text for c in text),
                                       Source(file, table=part, line=text[0].line)))
        text.clear()

    def close_function() -> None:
        nonlocal function
        if function is not None:
            missing = [name for name, value in (("主要职责", function.purpose), ("绩效目标", function.goal)) if not value]
            if missing:
                out.findings.append(problem(
                    "JX032", f"分项绩效目标“{function.name}”没有“{'、'.join(missing)}”。", function.source,
                    severity=Severity.HINT, section_name=function.name))
        function = None

    lines = [c for c in lines if c.text]
    for index, cell in enumerate(lines):
        line = cell.text
        if part_match := PART_HEADING.match(line):
            out.part_label = f"第{part_match.group(1)}部分"
            out.title = out.title or part_match.group(2)
            continue
        if (heading_match := _HEADING.match(line)) and _short(line, 30):
            flush_text()
            close_function()
            heading = heading_match.group(1).strip()
            continue
        if not heading and not out.sections and not out.title and _short(line, 40):
            out.title = line
            continue
        if (opener := _FUNCTION.match(line)) and _short(opener.group(2), 40) and _opens_function(lines, index):
            flush_text()
            close_function()
            function = Section(SectionKind.FUNCTION, name=opener.group(2).strip(), key=f"F{len(out.sections) + 1}",
                               fields={"label": opener.group(1)}, source=Source(file, table=part, line=cell.line))
            out.sections.append(function)
            last_label = ""
            continue
        if function is not None:
            labelled = _LABELLED.match(line)
            if labelled:
                last_label = labelled.group(1).strip()
                _set(function, last_label, labelled.group(2).strip())
            elif last_label:
                _set(function, last_label, line, append=True)
            else:
                function.fields["说明"] = "\n".join(filter(None, (function.fields.get("说明", ""), line)))
            continue
        text.append(cell)
    flush_text()
    close_function()
    if year := YEAR.search(out.title):
        out.year = int(year.group(1))
    return out


def _opens_function(lines: list[Cell], index: int) -> bool:
    """A ``（一）名称`` line is a function only when its 主要职责/绩效目标 lines follow."""
    following = _LABELLED.match(lines[index + 1].text) if index + 1 < len(lines) else None
    return bool(following) and following.group(1).strip() in FUNCTION_LABELS


def _set(section: Section, label: str, value: str, append: bool = False) -> None:
    """Fill 主要职责 → purpose, 绩效目标 → goal, other labels → fields; a continuation line appends."""
    def joined(old: str) -> str:
        return "\n".join(filter(None, (old, value))) if append else value

    if label in PURPOSE_LABELS:
        section.purpose = joined(section.purpose)
    elif label in GOAL_LABELS:
        section.goal = joined(section.goal)
    else:
        section.fields[label] = joined(section.fields.get(label, ""))
