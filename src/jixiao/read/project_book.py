"""部门整体绩效目标与项目支出绩效目标表册（每格一行）.

A department's 绩效文本 book exported from Word as text, in two parts:

1. 第一部分 部门整体绩效目标 — free text (see :mod:`jixiao.read.project_book_overall`);
2. one table per project, each under a title line ``N.<项目名>绩效目标表``, in the cell-per-line
   layout (see :mod:`jixiao.read.project_book_table`).

A table starts at a title line (a free line ending in 表 right before TAB-led cells); free lines
before the first table are part 1. The year is not written anywhere: it is the most frequent
year named by the projects (``提前下达2022年…``) and by the year segment of project codes
(``130303``\\ **22**\\ ``P…``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain

from jixiao.findings import Finding, Severity
from jixiao.model.document import DocKind, Document, Section, TextBlock, Unit
from jixiao.model.source import Source
from jixiao.read.base import ReadResult, Recognition, TextInput, problem
from jixiao.read.grid import Block, Cell, Spot
from jixiao.read.indicator_header import LEVEL1, LEVEL3, column_field, fold
from jixiao.read.patterns import YEAR
from jixiao.read.project_book_overall import read_overall
from jixiao.read.project_book_table import CODE, RawTable, TableReading, label_of, table_number

# Word exports keep table-of-contents anchors in front of headings: "[bookmark: _Toc_4_4_0000000004]1.…"
_BOOKMARK = re.compile(r"^\s*(?:\[bookmark:[^\]]*\]\s*)+")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
# Project codes 130303 22 P00391410001H: a 6-digit region, the 2-digit budget year, a letter.
_CODE_YEAR = re.compile(r"^\d{6}(\d{2})[A-Z]")
_TITLE_END = re.compile(r"表\s*(?:[（(][^（）()]*[）)])?$")
# Word exports may put the org line and 单位：万元 between title and table as one line of text.
_HEAD_LINE = re.compile(r"^(\S.*?)\s+((?:金额)?单位[：:]\s*\S+)$")
_TABLE_HEADS = frozenset({LEVEL1, LEVEL3})  # header cells that mark an indicator table


def _unbookmarked(cell: Cell) -> Cell:
    text = _BOOKMARK.sub("", cell.text).strip()
    return cell if text == cell.text else Cell(text, cell.line, cell.column, cell.merged, cell.raw)  # most have none


def _is_title(text: str) -> bool:
    """``N.<项目名>绩效目标表``, possibly with a note such as ``（单位：万元）``."""
    return len(text) <= 200 and bool(_TITLE_END.search(text))


class ProjectBookReader:
    name = "project_book"
    description = "部门整体绩效目标与项目支出绩效目标表册（每格一行）"

    def identify(self, source: TextInput) -> Recognition:
        try:
            blocks = source.blocks()
            # Mapped, not looped: the cached look-ups called from C, on every cell of the head.
            cell_texts = list(map(fold, chain.from_iterable(map(Block.texts, blocks))))
            projects = list(map(label_of, cell_texts)).count(CODE)
            headers = sum(map(_TABLE_HEADS.__contains__, map(column_field, cell_texts)))
            if not projects or not headers:
                return Recognition(0.0, "没有每格一行的“项目编码”和“一级指标/三级指标”单元格，不是项目支出绩效目标表册")
            found = f"找到{projects}张每格一行的项目支出绩效目标表（“项目编码”单元格和“一级指标/三级指标”表头）"
            texts = (text for b in blocks for text in (*(c.text for c in b.free), *b.texts()))
            if any(_is_title(_BOOKMARK.sub("", text)) for text in texts):
                return Recognition(0.95, found + "，带“…绩效目标表”表题")
            return Recognition(0.9, found + "，没有表题")
        except Exception:  # identify() must never raise
            return Recognition(0.0, "识别时出错，不按项目支出绩效目标表册读取")

    def extract(self, source: TextInput) -> ReadResult:
        return _Book(source).run()


class _Book:
    def __init__(self, source: TextInput):
        self.file = source.name
        self.source = source
        self.findings: list[Finding] = []
        self.part1: list[Cell] = []  # free lines before the first table
        self.notes: list[Cell] = []  # free lines between or after tables
        self.ends_with_table = False

    def run(self) -> ReadResult:
        book = self.read_tables()
        overall, head = self.read_part1()
        if book is not None and head is not None:
            book.title, book.year = head.title, head.year
            book.texts[:0] = head.texts
            book.fields.update(head.fields)
        documents = [d for d in (overall, book) if d is not None]
        # A year written in a part title wins for that part; the inferred one fills the others.
        year = self.infer_year(book) or next((d.year for d in documents if d.year), None)
        for part, document in enumerate(documents, 1):
            document.part = part
            document.source = replace(document.source, table=part)
            document.year = document.year or year
            if book is not None:
                document.organisation = document.organisation or book.organisation
        if documents and year is None:
            self.findings.append(problem("JX039", "文件没有写明年度，也无法从项目名称或项目编码推断年度。",
                                         Source(self.file), severity=Severity.HINT))
        return ReadResult(documents, self.findings)

    # --- layout ------------------------------------------------------------------------------

    def split(self) -> Iterator[tuple[RawTable, bool]]:
        """Free lines → part 1 / titles / notes; cell fragments → the table they follow. Each table
        comes out once the next one starts (with whether it is the last), so that only one table's
        cells are alive at a time."""
        table: RawTable | None = None
        blocks = self.source.each_block()
        block = next(blocks, None)
        while block is not None:
            after = next(blocks, None)
            free_lines, spots = block
            # Most blocks have no free line: none of this runs for them (2 M instructions a book).
            if free_lines:
                free = [_unbookmarked(raw) for raw in free_lines]
                titled = None  # the free line of this block that titles the table
                for i, cell in enumerate(free):
                    # A title, right before the table's cells or the head line before them (the
                    # head line's pattern is tried on a title's next line only: it is slow on prose).
                    if _is_title(cell.text) and (_followed(block, after, i) or (
                            i + 1 < len(free) and _HEAD_LINE.match(free[i + 1].text) and _followed(block, after, i + 1))):
                        if table is not None:
                            yield table, False
                        table, titled = RawTable((cell.text, cell.line)), i
                        self.ends_with_table = True
                    elif i and titled == i - 1 and (match := _HEAD_LINE.match(cell.text)):
                        table.fragments.append([(match.group(1), cell.line), (match.group(2), cell.line)])
                    elif cell.text:
                        (self.notes if table is not None else self.part1).append(cell)
                        self.ends_with_table = False
            if spots:
                if table is None:
                    table = RawTable(None)
                table.fragments.append(spots)
                self.ends_with_table = True
            block = after
        if table is not None:
            yield table, True

    def read_tables(self) -> Document | None:
        document: Document | None = None
        units: dict[str, Unit] = {}
        money_units: Counter[str] = Counter()
        previous: int | None = None
        for ordinal, (raw, last) in enumerate(self.split(), 1):
            if document is None:
                line = (raw.title or raw.fragments[0][0])[1]
                document = Document(DocKind.PROJECT_TARGETS_BOOK, source_file=self.file,
                                    source=Source(self.file, line=line))
            reading = TableReading(raw, ordinal, self.file, last and self.ends_with_table)
            section = reading.read()
            self.findings += reading.findings
            document.sections.append(section)
            if section.unit.raw:
                units.setdefault(section.unit.raw, section.unit)
            if reading.money_unit:
                money_units[reading.money_unit] += 1
            previous = self.check_number(raw, previous, section)
        if document is None:
            return None
        document.units = list(units.values())
        document.organisation = _organisation(document.units)
        if money_units:
            document.money_unit = money_units.most_common(1)[0][0]
            if len(money_units) > 1:
                self.findings.append(problem(
                    "JX039", f"各项目表的金额单位不一致（{'、'.join(money_units)}）：表册记为出现最多的"
                    f"“{document.money_unit}”，各项目的金额按本表注明的单位理解。", Source(self.file),
                    evidence="、".join(money_units)))
        document.texts = [TextBlock("说明", c.text, Source(self.file, line=c.line)) for c in self.notes]
        return document

    def check_number(self, raw: RawTable, previous: int | None, section: Section) -> int | None:
        """Titles are numbered 1, 2, 3 …: a gap or repeat means a table is missing or doubled."""
        number = table_number(raw.title[0]) if raw.title else None
        if number is not None and previous is not None and number != previous + 1:
            self.findings.append(problem(
                "JX036", f"表题序号不连续：第{previous}张表之后是第{number}张，可能缺表或重复。", section.source,
                severity=Severity.HINT, evidence=raw.title[0], section_code=section.code, section_name=section.name))
        return number

    def read_part1(self) -> tuple[Document | None, Document | None]:
        """Part 1, and the heading of part 2 when a second part label stands before the first table."""
        labels = [i for i, c in enumerate(self.part1) if _PART.match(c.text)]
        cut = labels[1] if len(labels) > 1 else len(self.part1)
        documents = []
        parts = ((self.part1[:cut], DocKind.DEPT_OVERALL_TARGETS), (self.part1[cut:], DocKind.PROJECT_TARGETS_BOOK))
        for lines, kind in parts:
            overall = read_overall(lines, self.file)
            self.findings += overall.findings
            if not overall and not overall.part_label:
                documents.append(None)
                continue
            document = Document(kind, source_file=self.file, title=overall.title, year=overall.year,
                                texts=overall.texts, sections=overall.sections,
                                source=Source(self.file, line=lines[0].line))
            if overall.part_label:
                document.fields["part_label"] = overall.part_label
            documents.append(document)
        return documents[0], documents[1]

    def infer_year(self, book: Document | None) -> int | None:
        """The most frequent plausible year among project names and project-code year segments."""
        votes: Counter[int] = Counter()
        for section in book.sections if book else []:
            votes.update(int(y) for y in YEAR.findall(section.name))
            if match := _CODE_YEAR.match(section.code):
                votes[2000 + int(match.group(1))] += 1
        if not votes:
            return None
        # Ties go to the later year: a book for year Y also carries funds allocated in Y-1.
        return max(votes, key=lambda y: (votes[y], y))


# A block's free lines and its cells' spots (TextInput.each_block).
_Parts = tuple[list[Cell], list[Spot]]


def _followed(block: _Parts, after: _Parts | None, i: int) -> list[Spot]:
    """The cells right after free line ``i`` of ``block`` (none when a free line comes first)."""
    free, spots = block
    if i != len(free) - 1:
        return []
    if spots or after is None:
        return spots
    return [] if after[0] else after[1]


def _organisation(units: list[Unit]) -> str:
    """The department: its own unit (``…民政局本级``) without 本级, else the first unit."""
    own = next((u.name for u in units if u.name.endswith("本级")), "")
    return own[: -len("本级")] if own else (units[0].name if units else "")
