"""专项资金绩效目标汇总表、支出方向表与部门整体支出申报表（每格一行；样例 004）.

One file holds several documents in the cell-per-line layout, each opened by a title line that
ends in 表 (…汇总表, …目标表, …申报表):

- a fund summary (汇总表): an org line (``株洲市石峰区民政局      单位：万元``), a header row
  (序号 / 专项支出名称 / 支出方向 / 资金总额 / 实施期绩效目标 / 年度绩效目标), one row per fund;
- a spending-direction table: a header row whose last cell 绩效指标 spans one or two category
  header rows (产出指标 / 效益指标 over 数量指标 … 满意度指标), then one row per direction with one
  indicator value per category column. The indicators have no names (level3 stays empty);
- a department declaration form (部门名称, 年度预算申请, 整体绩效目标, 绩效指标, 审核意见), read by
  :mod:`jixiao.read.cell_form`.

Columns are recognised by their header words, so other column sets and orders read the same way.
Blank lines cut rows anywhere (J-004-2): fragments are joined until a row has the header's width.
A direction is linked to its fund in the summary by the fund name (``Section.fields``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from jixiao.findings import Finding, Severity
from jixiao.model.categories import clean_label, is_level1, is_level2, normalise_level1, normalise_level2, parent_of
from jixiao.model.document import BudgetLine, DocKind, Document, Indicator, Money, Section, SectionKind, TextBlock
from jixiao.model.source import Source
from jixiao.read.base import ReadResult, Recognition, TextInput, problem
from jixiao.read.cell_form import BUDGET_LABELS, FORM_LABELS, INDICATOR_LABELS, ORG_LABELS, read_form
from jixiao.read.grid import Block, Cell, Row, join_fragments
from jixiao.read.patterns import UNIT_LINE, YEAR
from jixiao.read.tabbed import label_key

_TITLE = re.compile(r"表\s*(?:[(（][^)）]*[)）])?$")
_SUBTITLE = re.compile(r"^[(（][^)）]*[)）]$")
_LABEL_UNIT = re.compile(r"[(（]\s*(亿元|万元|千元|元)\s*[)）]")
_ORG_PREFIX = re.compile(r"^(?:填报|申报|编制|预算)?单位(?:名称)?[：:]\s*")
_TOTALS = frozenset({"合计", "总计", "小计"})
_GAP = re.compile(r"\s{2,}|\u3000+|\t|\s(?=(?:金额)?单位[：:])")  # Word may leave one space before 单位：
_SENTENCE = re.compile(r"[。；;，,]")
_SPECIAL_KEY = re.compile(r"专\s*项|支\s*出\s*方\s*向")
_GOALS = frozenset({"年度绩效目标", "绩效目标", "年度目标"})

# Column roles. The name (fund or direction), amount and goal columns fill Section attributes;
# every other column, the fund of a direction included, goes to Section.fields under its label.
AMOUNT, GOAL, FUND, DIRECTION, INDICATORS, FIELD = "amount", "goal", "fund", "direction", "indicators", "field"


def _role(key: str) -> str:
    """Column role of a header label (whitespace already removed). Order matters: 支出方向年度金额
    is an amount, 实施期绩效目标 is a plain field, 所属专项名称 names the fund."""
    if key.endswith("绩效指标"):
        return INDICATORS
    if "目标" in key:
        return GOAL if key in _GOALS else FIELD
    if "金额" in key or "资金总额" in key or key in ("资金", "预算数"):
        return AMOUNT
    if "支出方向" in key:
        return DIRECTION
    if "名称" in key:
        return FUND
    return FIELD


def _is_title(text: str) -> bool:
    """A document title: a short line ending in 表, e.g. 2019年区级专项资金支出方向绩效目标表."""
    return 0 < len(text) <= 60 and bool(_TITLE.search(text)) and not _SENTENCE.search(text)


def _is_category(text: str) -> bool:
    """A category header cell: a known level-1/level-2 name, or any other ``…指标`` label."""
    return is_level1(text) or is_level2(text) or clean_label(text).endswith("指标")


def _is_category_row(block: Block) -> bool:
    texts = [t for t in block.texts() if t]
    return bool(texts) and not block.free and all(_is_category(t) for t in texts) and any(
        is_level1(t) or is_level2(t) for t in texts
    )


def _category_rows(blocks: list[Block]) -> list[Block]:
    """The category header rows at the start of ``blocks`` (under a 绩效指标 header cell)."""
    rows = []
    for block in blocks:
        if not _is_category_row(block):
            break
        rows.append(block)
    return rows


def _is_table_header(block: Block) -> bool:
    """Header words only (short, no sentences), naming a spending direction or a special fund
    (专项…名称), with an amount or a goal column."""
    texts = block.texts()
    # Only a key with 支出方向 or 专项 can name a direction or a special fund: most blocks have none
    # (label_key() takes whitespace out, so the texts are searched with it in).
    if not _SPECIAL_KEY.search("".join(texts)):
        return False
    texts = [t for t in texts if t]
    if len(texts) < 3:
        return False
    keys = [label_key(t) for t in texts]
    if any(len(k) > 20 or _SENTENCE.search(k) for k in keys):
        return False
    roles = {_role(k) for k in keys}
    special = DIRECTION in roles or any(_role(k) == FUND and "专项" in k for k in keys)
    return special and bool(roles & {AMOUNT, GOAL})


# --- the parts of the file -------------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    title: Cell | None
    blocks: list[Block] = field(default_factory=list)


def _parts(blocks: list[Block]) -> list[_Part]:
    """Cut the file at title lines; a title is taken out of its block, the lines before it stay
    with the part before."""
    parts = [_Part(None)]
    for block in blocks:
        free: list[Cell] = []
        for cell in block.free:
            if _is_title(cell.text):
                if free:
                    parts[-1].blocks.append(Block(free[0].line, free, []))
                parts.append(_Part(cell))
                free = []
            else:
                free.append(cell)
        if free or block.cells:
            parts[-1].blocks.append(Block(free[0].line if free else block.line, free, block.cells))
    return [p for p in parts if p.title or p.blocks]


def _header_index(part: _Part) -> int | None:
    return next((i for i, b in enumerate(part.blocks) if _is_table_header(b)), None)


def _is_form(part: _Part) -> bool:
    return any(b.cells and label_key(b.cells[0].text) in FORM_LABELS for b in part.blocks)


def _form_labels(blocks: list[Block]) -> list[str]:
    """The row labels of a 部门整体支出绩效申报表 standing alone: the department's name and its
    indicators or budget, each the first cell of a row; none when those are missing."""
    labels = list(dict.fromkeys(k for b in blocks if (t := b.spots) and (k := label_key(t[0][0])) in FORM_LABELS))
    named = any(k in ORG_LABELS for k in labels)
    return labels if named and any(k in INDICATOR_LABELS or k in BUDGET_LABELS for k in labels) else []


# --- table headers ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Category:
    level1_raw: str
    level2_raw: str
    level1: str
    level2: str


@dataclass(slots=True)
class _Header:
    labels: list[str]  # label key per column (1-based column = index + 1)
    columns: dict[str, int]  # role → first column with that role
    categories: dict[int, _Category]  # indicator column → its category
    width: int
    unknown: list[Cell]  # category header cells that are no known category name
    uncategorised: bool = False  # a 绩效指标 column without category rows under it

    @property
    def directions(self) -> bool:
        """A table of spending directions with their indicators (else one row per fund)."""
        return bool(self.categories) and DIRECTION in self.columns

    @property
    def name_column(self) -> int | None:
        order = (DIRECTION, FUND) if self.directions else (FUND, DIRECTION)
        return next((self.columns[r] for r in order if r in self.columns), None)


def _read_header(header: Block, category_rows: list[Block]) -> _Header:
    labels = [label_key(c.text) for c in header.cells]
    columns: dict[str, int] = {}
    for column, key in enumerate(labels, 1):
        if key:
            columns.setdefault(_role(key), column)
    categories, unknown = _categories(category_rows, columns.get(INDICATORS))
    width = max([len(labels), *categories])
    uncategorised = not categories and INDICATORS in columns
    if uncategorised:
        # The single 绩效指标 column holds values of no category.
        categories = {columns[INDICATORS]: _Category("", "", "", "")}
    return _Header(labels, columns, categories, width, unknown, uncategorised)


def _categories(rows: list[Block], start: int | None) -> tuple[dict[int, _Category], list[Cell]]:
    """Indicator column → category, from the category header rows under 绩效指标.

    The lowest row names the columns by position. The level-1 row above it is written with merged
    cells, so its labels are matched in order: a column takes the next level-1 label that is its
    level-2's parent, else stays under the label it is already under (社会公益或服务对象满意度指标
    under 效益指标, as the header places it).
    """
    if not rows:
        return {}, []
    leaf = [c for c in rows[-1].cells if c.text]
    upper = [c.text for r in rows[:-1] for c in r.cells if c.text]
    # Without leading empty cells the lowest row starts at the 绩效指标 column.
    shift = max(0, start - leaf[0].column) if start else 0
    as_level2 = any(is_level2(c.text) and not is_level1(c.text) for c in leaf) or bool(upper)
    categories: dict[int, _Category] = {}
    at = 0
    for cell in leaf:
        column = cell.column + shift
        if not as_level2:
            categories[column] = _Category(cell.text, "", normalise_level1(cell.text), "")
            continue
        level2 = normalise_level2(cell.text)
        parent = parent_of(level2)
        at = next((i for i in range(at, len(upper)) if normalise_level1(upper[i]) == parent), at)
        level1_raw = upper[at] if upper else ""
        categories[column] = _Category(level1_raw, cell.text, normalise_level1(level1_raw) or parent, level2)
    unknown = [c for r in rows for c in r.cells if c.text and not (is_level1(c.text) or is_level2(c.text))]
    return categories, unknown


# --- the reader ------------------------------------------------------------------------------


class SpecialFundReader:
    name = "special_fund"
    description = "专项资金绩效目标汇总表、支出方向表与部门整体支出申报表"

    def identify(self, source: TextInput) -> Recognition:
        try:
            blocks = source.blocks()
            found = [
                "支出方向绩效目标表" if _read_header(block, _category_rows(blocks[i + 1 :])).directions else "专项资金表"
                for i, block in enumerate(blocks)
                if _is_table_header(block)
            ]
            if found and (source.mentions("支出方向") or source.mentions("专项")):
                kinds = "、".join(dict.fromkeys(found))
                return Recognition(0.95, f"找到每格一行的{kinds}表头（专项名称或支出方向、金额或绩效目标）")
            if labels := _form_labels(blocks):
                # below the readers of forms with an indicator header row (样例 003): theirs when both fit
                return Recognition(0.6, f"找到每格一行的部门整体支出申报表栏目（{'、'.join(labels)}）")
            return Recognition(0.0, "没有找到每格一行的专项资金表头（专项名称或支出方向、金额或绩效目标），"
                               "也没有部门整体支出申报表的栏目")
        except Exception:  # identify() must never raise
            return Recognition(0.0, "识别时出错，不按专项资金绩效目标表读取")

    def extract(self, source: TextInput) -> ReadResult:
        return _Extraction(source).run()


@dataclass(slots=True)
class _Link:
    """A direction waiting to be linked to its fund in a summary table."""

    section: Section
    fund: str
    where: Source


class _Extraction:
    def __init__(self, source: TextInput):
        self.file = source.name
        self.blocks = source.blocks()
        self.findings: list[Finding] = []
        self.documents: list[Document] = []
        self.links: list[_Link] = []
        self.counts = {SectionKind.SPECIAL_FUND: 0, SectionKind.SPENDING_DIRECTION: 0}  # keys unique in the file

    def report(self, code: str, message: str, where: Source, *, severity: Severity = Severity.WARNING, **kw) -> None:
        self.findings.append(problem(code, message, where, severity=severity, **kw))

    def run(self) -> ReadResult:
        for part in _parts(self.blocks):
            self.read_part(part)
        self.link_directions()
        self.infer_years()
        return ReadResult(self.documents, self.findings)

    def read_part(self, part: _Part) -> None:
        number = len(self.documents) + 1
        start = part.title.line if part.title else part.blocks[0].line if part.blocks else 1
        where = Source(self.file, table=number, line=start)
        header = _header_index(part)
        if header is not None:
            document = Document(DocKind.SPECIAL_FUND_TARGETS, self.file, number, source=where)
            self.read_table(document, part, header)
        elif _is_form(part):
            kind = DocKind.DEPT_TARGET_APPROVAL if part.title and "批复" in part.title.text else DocKind.DEPT_TARGET_DECLARATION
            document = Document(kind, self.file, number, source=where)
            self.findings += read_form(document, part.blocks, self.file)
        else:
            texts = [part.title.text] if part.title else []
            texts += [c.text for b in part.blocks for c in [*b.free, *b.cells] if c.text]
            if any(b.cells for b in part.blocks):
                self.report("JX050", "无法识别的表格（既不是专项资金表，也不是部门整体支出申报表），未读取。", where,
                            evidence=" | ".join(texts[:6]))
            else:
                self.report("JX059", "表格之外的文字，未读取。", where, severity=Severity.HINT, evidence=" | ".join(texts))
            return
        if part.title:
            document.title = part.title.text
            if year := YEAR.search(part.title.text):
                document.year = int(year.group(1))
        else:
            self.report("JX059", "表格上方没有标题行，标题和年度留空。", where, severity=Severity.HINT)
        self.documents.append(document)

    # tables

    def read_table(self, document: Document, part: _Part, index: int) -> None:
        # the org line is a line of text, or a row of cells above the header (Excel)
        self.read_heading([c for b in part.blocks[: index + 1] for c in (*b.free, *(b.cells if b is not part.blocks[index] else ()))], document)
        category_rows = _category_rows(part.blocks[index + 1 :])
        blocks = part.blocks[index + 1 + len(category_rows) :]
        header = _read_header(part.blocks[index], category_rows)
        self.check_header(header, part.blocks[index], document)
        if not document.money_unit and (unit := _LABEL_UNIT.search(" ".join(c.text for c in part.blocks[index].cells))):
            document.money_unit = unit.group(1)
        fragments = []
        for block in blocks:
            for note in (c for c in block.free if c.text):
                document.texts.append(TextBlock("说明", note.text, self.at(document, note)))
                self.report("JX059", "表格中间有一行不属于任何单元格的文字，作为说明保留。", self.at(document, note),
                            severity=Severity.HINT, evidence=note.text)
            fragments.append(block.cells)
        for number, cells in enumerate(join_fragments(fragments, header.width), 1):
            self.read_row(document, header, number, cells)

    def read_heading(self, lines: list[Cell], document: Document) -> None:
        """The org line above the header: ``株洲市石峰区民政局      单位：万元``."""
        for cell in (c for c in lines if c.text):
            for text in (t for t in _GAP.split(cell.text) if t):
                if unit := UNIT_LINE.match(text):
                    document.money_unit = unit.group(1)
                    document.fields["unit_line"] = text
                elif _SUBTITLE.match(text):
                    document.fields["subtitle"] = text
                    if document.year is None and (year := YEAR.search(text)):
                        document.year = int(year.group(1))
                elif not document.organisation:
                    document.organisation = _ORG_PREFIX.sub("", text)
                else:
                    document.texts.append(TextBlock("说明", text, self.at(document, cell)))
        if not document.organisation:
            self.report("JX051", "表头上方没有找到单位名称，单位留空。", document.source, severity=Severity.HINT)

    def check_header(self, header: _Header, block: Block, document: Document) -> None:
        where = Source(self.file, table=document.part, line=block.cells[0].line)
        evidence = " | ".join(c.text for c in block.cells if c.text)
        wanted = [("专项名称或支出方向", header.name_column), ("金额", header.columns.get(AMOUNT))]
        missing = [label for label, column in wanted if column is None]
        if missing:
            self.report("JX051", f"表头缺少“{'、'.join(missing)}”列，这些内容留空。", where, evidence=evidence)
        if header.uncategorised:
            self.report("JX051", "“绩效指标”下没有分类表头行（产出指标、效益指标……），指标值按不分类读取。", where,
                        evidence=evidence)
        for cell in header.unknown:
            self.report("JX058", "指标分类表头不是已知的一级或二级指标名称，按原文保留。",
                        Source(self.file, table=document.part, line=cell.line), severity=Severity.HINT, evidence=cell.text)

    def at(self, document: Document, cell: Cell, row: int | None = None) -> Source:
        return Source(self.file, table=document.part, row=row, column=cell.column or None, line=cell.line)

    def read_row(self, document: Document, header: _Header, number: int, cells: list[Cell]) -> None:
        if not any(c.text for c in cells):
            return
        missing = header.width - len(cells)
        pad = [Cell("", cells[-1].line) for _ in range(missing)]
        cells = [replace(c, column=i) for i, c in enumerate(cells + pad, 1)]
        row = Row(cells, cells[0].line)
        if self.read_total(document, header, row, number):
            return
        kind = SectionKind.SPENDING_DIRECTION if header.directions else SectionKind.SPECIAL_FUND
        self.counts[kind] += 1
        key = f"{'D' if header.directions else 'S'}{self.counts[kind]}"
        section = Section(kind, key=key, source=Source(self.file, document.part, number, None, row.line))
        document.sections.append(section)
        evidence = " | ".join(c.text for c in cells if c.text)
        if missing:
            self.report("JX052", f"这一行只有{header.width - missing}个单元格，表头有{header.width}列；缺少的单元格按空白读取。",
                        section.source, evidence=evidence)
        for cell in cells:
            self.read_cell(document, header, section, cell, number)
        if not section.name:
            what = "支出方向" if header.directions else "专项名称"
            self.report("JX053", f"这一行没有{what}，按无名称读取。", section.source, evidence=evidence)
        fund = header.columns.get(FUND)
        if header.directions and fund is not None and cells[fund - 1].text:
            self.links.append(_Link(section, cells[fund - 1].text, self.at(document, cells[fund - 1], number)))

    def read_total(self, document: Document, header: _Header, row: Row, number: int) -> bool:
        """A 合计 row: its amount is a budget line of the document, not a fund."""
        first = next(c for c in row.cells if c.text)
        label = label_key(first.text)
        amount = header.columns.get(AMOUNT)
        if label not in _TOTALS or first.column in header.categories or first.column == amount:
            return False
        cell = row.cells[amount - 1] if amount else None
        money = Money.parse(cell.text if cell else "", self.at(document, cell or first, number))
        document.budget.append(BudgetLine(label, money, document.title))
        rest = [c.text for c in row.cells if c.text and c is not first and c is not cell]
        if rest:
            document.fields[label] = " | ".join(rest)
        return True

    def read_cell(self, document: Document, header: _Header, section: Section, cell: Cell, row: int) -> None:
        column = cell.column
        if column in header.categories:
            if cell.text:
                category = header.categories[column]
                section.indicators.append(
                    Indicator(
                        level1=category.level1,
                        level2=category.level2,
                        level1_raw=category.level1_raw,
                        level2_raw=category.level2_raw,
                        target_raw=cell.text,
                        source=self.at(document, cell, row),
                    )
                )
            return
        label = header.labels[column - 1] if column <= len(header.labels) else ""
        if column == header.name_column:
            section.name = cell.text
        elif column == header.columns.get(AMOUNT):
            section.amounts.total = Money.parse(cell.text, self.at(document, cell, row))
            if cell.text and section.amounts.total.value is None:
                self.report("JX054", f"“{label}”不是数字，原文保留。", self.at(document, cell, row), evidence=cell.text,
                            section_name=section.name, field_name=label)
        elif column == header.columns.get(GOAL):
            section.goal = cell.text
        elif label:
            section.fields[label] = cell.text
        elif cell.text:
            section.fields[f"第{column}列"] = cell.text
            self.report("JX052", "单元格不在任何表头列下，按列号保留。", self.at(document, cell, row), evidence=cell.text,
                        section_name=section.name)

    # across documents

    def link_directions(self) -> None:
        """special_fund_section = key of the summary row whose fund name the direction names."""
        funds = [s for d in self.documents for s in d.sections if s.kind is SectionKind.SPECIAL_FUND]
        if not funds:
            return
        for link in self.links:
            same = [s for s in funds if label_key(s.name) == label_key(link.fund)]
            # Several funds of one name: the one whose 支出方向 is this direction.
            direction = label_key(link.section.name)
            exact = [s for s in same if any(_role(k) == DIRECTION and label_key(v) == direction for k, v in s.fields.items())]
            match = (exact or same or [None])[0]
            if match is None:
                self.report("JX055", f"所属专项“{link.fund}”在专项资金汇总表中没有找到。", link.where,
                            severity=Severity.HINT, evidence=link.fund, section_name=link.section.name)
            else:
                link.section.fields["special_fund_section"] = match.key

    def infer_years(self) -> None:
        """A form without a year of its own takes the year of the other tables in the file."""
        years = {d.year for d in self.documents if d.year}
        if len(years) != 1:
            return
        (year,) = years
        for document in self.documents:
            if document.year is None:
                document.year = year
                self.report("JX056", f"“{document.title or '本表'}”没有写年度，按同一文件其他表的年度推定为{year}年。",
                            document.source, severity=Severity.HINT)
