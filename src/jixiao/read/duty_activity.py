"""部门职责-工作活动绩效目标表（每格一行，空行分隔）.

Layout: free text (总体目标, numbered headings with their text), a title line, then one table in
the cell-per-line layout: an org cell (``314深泽县民政局``), a header 职责活动 / 年度 / 内容描述 /
绩效目标 / 绩效指标 / 评价标准 with a sub-header 优 良 中 差, then one row per duty or activity.

- Rows are cut at blank lines anywhere (e.g. 3 + 6 cells): fragments are joined until a row is full.
- A name indented with whitespace (U+3000 in practice) is an activity under the nearest less
  indented row above; an unindented name is a duty (function).
- A row with an empty name continues the section above with one more indicator.
- There is no 指标值 column here, so target_raw stays empty and the grades go to Indicator.grades.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from jixiao.findings import Finding, Severity
from jixiao.lazy_re import compile_later
from jixiao.model.document import DocKind, Document, Grades, Indicator, Money, Section, SectionKind, TextBlock, Unit
from jixiao.model.source import Source
from jixiao.read.base import ReadResult, Recognition, TextInput, problem
from jixiao.read.grid import Block, Cell, join_fragments
from jixiao.read.patterns import YEAR
from jixiao.read.project_book_overall import PART_HEADING

GRADE_ROLES = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}
# The seed's columns, used when the header cannot be read.
DEFAULT_ROLES = ("name", "amount", "purpose", "goal", "indicator", "excellent", "good", "fair", "poor")
# Roles read into the indicator; every other column is a section value.
INDICATOR_ROLES = frozenset({"name", "indicator", "target", *GRADE_ROLES.values()})
ROLE_LABELS = {"amount": "年度金额", "purpose": "内容描述", "goal": "绩效目标"}

_INDENT = " \u3000\u00a0"
_SENTENCE = re.compile(r"[。；;，,]")
_NUMBERED_HEADING = compile_later(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*")
_LABEL_LINE = compile_later(r"^([^：:。；]{1,20})[：:]\s*(.*)$")
_MONEY_UNIT = re.compile(r"单位[：:]\s*(万元|元)|[（(](万元|元)[）)]")


def _role(label: str) -> str:
    """Column role of a header label; unknown labels keep their text (stored in Section.fields)."""
    if label in GRADE_ROLES:
        return GRADE_ROLES[label]
    for keys, role in (
        (("指标值",), "target"),
        (("指标",), "indicator"),
        (("目标",), "goal"),
        (("内容", "描述"), "purpose"),
        (("职责", "活动"), "name"),
        (("年度", "金额", "预算", "资金"), "amount"),
    ):
        if any(k in label for k in keys):
            return role
    return label


def _is_header(block: Block) -> bool:
    texts = [t for t in block.texts() if t]
    return (
        len(block.cells) >= 4
        and any(len(t) <= 8 and ("职责" in t or "活动" in t) for t in texts)
        and any("指标" in t for t in texts)
        and any("评价标准" in t for t in texts)
    )


def _grade_header(blocks: list[Block], header: int) -> Block | None:
    """The 优 良 中 差 row under the header, if there is one."""
    if header + 1 >= len(blocks):
        return None
    texts = [t for t in blocks[header + 1].texts() if t]
    return blocks[header + 1] if texts and all(t in GRADE_ROLES for t in texts) else None


def _find_header(blocks: list[Block]) -> int | None:
    return next((i for i, b in enumerate(blocks) if _is_header(b)), None)


def _columns(header: Block, sub: Block | None) -> tuple[str, ...]:
    """Roles per column: the sub-header's grade labels under 评价标准, the header's labels elsewhere."""
    top = header.texts()
    if sub is None:  # 评价标准 is a merged cell over the four grade columns
        top = [g for t in top for g in (GRADE_ROLES if t == "评价标准" else [t])]
    below = sub.texts() if sub else []
    width = max(len(top), len(below))
    roles: list[str] = []
    for i in range(width):
        label = below[i] if i < len(below) and below[i] else top[i] if i < len(top) else ""
        role = _role(label) if label else ""
        # An unlabelled column, or a second one with the same role, is named by its position.
        roles.append(role if role and role not in roles else f"{label or '列'}{i + 1}")
    return tuple(roles)


# --- rows -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    number: int  # 1-based among the table's data rows
    cells: list[Cell]
    missing: int = 0  # cells padded at the end because the row was short


def _assemble(blocks: list[Block], width: int) -> Iterator[_Row]:
    """Rows of ``width`` cells from blank-line fragments (J-000-1), short rows padded and marked."""
    rows = join_fragments((block.cells for block in blocks), width)
    for number, cells in enumerate(rows, 1):
        missing = width - len(cells)
        pad = [Cell("", cells[-1].line) for _ in range(missing)]
        # Columns count within the joined row, not within the fragment the cell came from.
        yield _Row(number, [replace(c, column=i) for i, c in enumerate(cells + pad, 1)], missing)


# --- free text ------------------------------------------------------------------------------


def _title_like(text: str) -> bool:
    """A short line that is neither a sentence, a numbered heading nor a ``标签：`` line."""
    if not text or len(text) > 60 or text.endswith(("：", ":")):
        return False
    return not _SENTENCE.search(text) and not _NUMBERED_HEADING.match(text)


def _short_label(heading: str) -> str:
    """``二、实现年度发展规划目标的保障措施`` → ``保障措施``: the head noun names the text below it."""
    text = _NUMBERED_HEADING.sub("", heading)
    tail = text.rsplit("的", 1)[-1]
    return tail if len(tail) >= 2 else text


def _text_blocks(lines: list[Cell], file: str) -> list[TextBlock]:
    """Free lines → labelled texts: ``标签：`` lines and numbered headings open a new text."""
    out: list[TextBlock] = []
    label, body, start = "", [], 0

    def flush() -> None:
        # start is 0 only under a heading with no text yet: the heading itself is already kept.
        if body or (label and start):
            out.append(TextBlock(label or "说明", "\n".join(body), Source(file, table=1, line=start)))

    for cell in lines:
        text = cell.text
        heading = _NUMBERED_HEADING.match(text) and not _SENTENCE.search(text) and len(text) <= 40
        labelled = _LABEL_LINE.match(text)
        if heading:
            flush()
            label = _short_label(text)
            out.append(TextBlock(f"{label}标题", text, Source(file, table=1, line=cell.line)))
            body, start = [], 0
        elif labelled and not _SENTENCE.search(labelled.group(1)):
            flush()
            label, start = labelled.group(1).strip(), cell.line
            body = [labelled.group(2)] if labelled.group(2) else []
        else:
            start = start or cell.line
            body.append(text)
    flush()
    return out


# --- the reader -----------------------------------------------------------------------------


class DutyActivityReader:
    name = "duty_activity"
    description = "部门职责-工作活动绩效目标表（每格一行，空行分隔）"

    def identify(self, source: TextInput) -> Recognition:
        try:
            if not source.mentions("评价标准"):
                return Recognition(0.0, "没有“评价标准”表头，不是职责-活动绩效目标表")
            blocks = source.blocks()
            index = _find_header(blocks)
            if index is None:
                return Recognition(0.0, "没有找到每格一行的“职责活动……绩效指标……评价标准”表头")
            if _grade_header(blocks, index):
                return Recognition(0.95, "找到每格一行的“职责活动/内容描述/绩效目标/绩效指标/评价标准（优良中差）”表头")
            return Recognition(0.7, "找到每格一行的“职责活动……评价标准”表头，没有优良中差分级行（按优良中差四列读取）")
        except Exception:  # identify() must never raise
            return Recognition(0.0, "识别时出错，不按职责-活动绩效目标表读取")

    def extract(self, source: TextInput) -> ReadResult:
        return _Extraction(source).run()


class _Extraction:
    def __init__(self, source: TextInput):
        self.file = source.name
        self.blocks = source.blocks()
        self.findings: list[Finding] = []
        self.document = Document(DocKind.DEPT_OVERALL_TARGETS, source_file=self.file, part=1,
                                 source=Source(self.file, table=1, line=1))
        self.indents: list[tuple[int, Section]] = []  # open sections by name indentation

    def at(self, cell: Cell, row: _Row | None = None) -> Source:
        return Source(self.file, table=1, row=row.number if row else None, column=cell.column or None, line=cell.line)

    def report(self, code: str, message: str, where: Source, evidence: str = "", **kw) -> None:
        self.findings.append(problem(code, message, where, evidence=evidence, **kw))

    def run(self) -> ReadResult:
        first_table = next((i for i, b in enumerate(self.blocks) if b.cells), len(self.blocks))
        header = _find_header(self.blocks)
        self.read_free_text(first_table)
        if header is None:
            self.report("JX010", "没有找到“职责活动……评价标准”表头，按 职责活动/年度/内容描述/绩效目标/绩效指标/优/良/中/差 九列读取。",
                        Source(self.file, table=1))
            roles, header = DEFAULT_ROLES, first_table
            # Single-cell blocks at the top (the org cell) are not data rows.
            while header < len(self.blocks) and len(self.blocks[header].cells) == 1:
                header += 1
            data_start = header
        else:
            sub = _grade_header(self.blocks, header)
            roles = _columns(self.blocks[header], sub)
            data_start = header + (2 if sub else 1)
            self.check_roles(roles, self.blocks[header])
        self.read_pre_table(first_table, header)
        for row in _assemble(self.blocks[data_start:], len(roles)):
            self.read_row(row, roles)
        return ReadResult([self.document], self.findings)

    def check_roles(self, roles: tuple[str, ...], header: Block) -> None:
        missing = [label for role, label in (("name", "职责活动"), ("indicator", "绩效指标")) if role not in roles]
        if missing:
            self.report("JX010", f"表头缺少“{'、'.join(missing)}”列，这些内容无法读取。",
                        Source(self.file, table=1, line=header.line), evidence=" ".join(t for t in header.texts() if t))

    # document parts outside the data rows

    def read_free_text(self, first_table: int) -> None:
        # a book's part heading (第一部分 …, written by jixiao export) is not the document's text
        free = [c for b in self.blocks for c in b.free if c.text and not PART_HEADING.match(c.text)]
        before = [c for b in self.blocks[: first_table + 1] for c in b.free if c.text]
        doc = self.document
        # the org line may stand above the table as a line of its own rather than a cell (Word)
        if before and (unit := Unit.parse(before[-1].text)).code:
            doc.units.append(unit)
            doc.organisation, doc.fields["org_cell"] = unit.name, unit.raw
            free.remove(before.pop())
        # the title may stand right above the first cells, without a blank line (Word → text)
        title = next((c for c in reversed(before) if _title_like(c.text)), None)
        if title:
            doc.title = title.text
            if year := YEAR.search(title.text):
                doc.year = int(year.group(1))
        doc.texts = _text_blocks([c for c in free if c is not title], self.file)
        if unit := _MONEY_UNIT.search("\n".join(c.text for c in free)):
            doc.money_unit = unit.group(1) or unit.group(2)

    def read_pre_table(self, start: int, header: int) -> None:
        """Cell blocks between the title and the header: the org cell, a money-unit note, others kept."""
        doc = self.document
        others = []
        for block in self.blocks[start:header]:
            for cell in (c for c in block.cells if c.text):
                if unit := _MONEY_UNIT.search(cell.text):
                    doc.money_unit = doc.money_unit or unit.group(1) or unit.group(2)
                    doc.fields["单位"] = cell.text
                elif not doc.units:
                    doc.units.append(Unit.parse(cell.text))
                    doc.organisation = doc.units[0].name
                    doc.fields["org_cell"] = cell.text
                else:
                    others.append(cell.text)
        if others:
            doc.fields["表前内容"] = " | ".join(others)
        if not doc.units:
            self.report("JX017", "表格前没有找到单位名称单元格，单位留空。", Source(self.file, table=1),
                        severity=Severity.HINT)

    # data rows

    def read_row(self, row: _Row, roles: tuple[str, ...]) -> None:
        cells = dict(zip(roles, row.cells))
        if row.missing and any(c.text for c in row.cells):
            self.report("JX011", f"这一行只有{len(roles) - row.missing}个单元格，表头有{len(roles)}列；缺少的单元格按空白读取。",
                        self.at(row.cells[0], row), evidence=" | ".join(c.text for c in row.cells if c.text))
        name = cells.get("name")
        if name is not None and name.text:
            self.open_section(name, cells, row, roles)
        else:
            self.continue_section(cells, row, roles)

    def open_section(self, name: Cell, cells: dict[str, Cell], row: _Row, roles: tuple[str, ...]) -> None:
        indent = len(name.raw) - len(name.raw.lstrip(_INDENT))
        while self.indents and self.indents[-1][0] >= indent:
            self.indents.pop()
        parent = self.indents[-1][1] if self.indents else None
        section = Section(
            SectionKind.ACTIVITY if indent else SectionKind.FUNCTION,
            name=name.text,
            key=f"A{len(self.document.sections) + 1:02d}",
            parent_key=parent.key if parent else "",
            source=self.at(name, row),
        )
        if indent and parent is None:
            self.report("JX016", "缩进的工作活动上方没有职责行，无法确定所属职责。", section.source, evidence=name.text,
                        section_name=name.text)
        self.document.sections.append(section)
        self.indents.append((indent, section))
        for role in roles:
            if role not in INDICATOR_ROLES and cells[role].text:
                self.set_section_value(section, role, cells[role], row)
        self.add_indicator(section, cells, row)

    def continue_section(self, cells: dict[str, Cell], row: _Row, roles: tuple[str, ...]) -> None:
        section = self.document.sections[-1] if self.document.sections else None
        if section is None:
            content = [c.text for c in row.cells if c.text]
            if content:
                self.report("JX013", "表格第一行职责之前出现了没有名称的行，无法确定所属职责，未读取。",
                            self.at(row.cells[0], row), evidence=" | ".join(content))
            return
        for role in roles:
            if role not in INDICATOR_ROLES and cells[role].text:
                self.set_section_value(section, role, cells[role], row, continuation=True)
        self.add_indicator(section, cells, row)

    def set_section_value(self, section: Section, role: str, cell: Cell, row: _Row, continuation: bool = False) -> None:
        """Fill a section value; a continuation row may only fill a value that is still empty."""
        current = {"amount": section.amounts.total.raw if section.amounts.total else "",
                   "purpose": section.purpose, "goal": section.goal}.get(role, section.fields.get(role, ""))
        if continuation and current:
            self.report("JX014", f"续行的“{ROLE_LABELS.get(role, role)}”单元格有内容，但上方“{section.name}”已有该项，未读取。",
                        self.at(cell, row), evidence=cell.text, section_name=section.name)
            return
        if role == "amount":
            money = Money.parse(cell.text, self.at(cell, row))
            section.amounts.total = money
            if money.value is None:
                self.report("JX015", "年度金额不是数字，原文保留。", self.at(cell, row), evidence=cell.text,
                            section_name=section.name, field_name="年度金额")
        elif role == "purpose":
            section.purpose = cell.text
        elif role == "goal":
            section.goal = cell.text
        else:
            section.fields[role] = cell.text

    def add_indicator(self, section: Section, cells: dict[str, Cell], row: _Row) -> None:
        def text(role: str) -> str:
            cell = cells.get(role)
            return cell.text if cell else ""

        grades = Grades(text("excellent"), text("good"), text("fair"), text("poor"))
        if not (text("indicator") or text("target") or grades.any()):
            return
        anchor = cells.get("indicator") or row.cells[0]
        section.indicators.append(Indicator(level3=text("indicator"), target_raw=text("target"), grades=grades,
                                            source=self.at(anchor, row)))
