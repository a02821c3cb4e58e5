"""Official layouts: a read result becomes a :class:`Book` of parts, headings, paragraphs and tables
that the xlsx, docx and pdf renderers draw alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jixiao.model.document import DocKind, Document
from jixiao.write.layouts.approval import approval_blocks
from jixiao.write.layouts.declaration import declaration_blocks
from jixiao.write.layouts.duty_activity import duty_activity_blocks
from jixiao.write.layouts.indicator_table import indicator_table_blocks
from jixiao.write.layouts.model import Block, Book, Cell, Heading, Label, Paragraph, Part, Style, Table, money_text
from jixiao.write.layouts.project import overall_text_blocks, project_blocks
from jixiao.write.layouts.special_fund import special_fund_blocks

__all__ = ["Block", "Book", "Cell", "Heading", "Label", "Paragraph", "Part", "Style", "Table", "build_book", "money_text"]

PART_NUMBERS = "一二三四五六七八九十"


def _overall_blocks(document: Document) -> list[Block]:
    # seed 000 lists duties and activities with amounts; seed 002's first part is text per duty
    if any(s.indicators or s.amounts.total for s in document.sections):
        return duty_activity_blocks(document)
    return overall_text_blocks(document)


LAYOUTS: dict[DocKind, Callable[[Document], list[Block]]] = {
    DocKind.PROJECT_TARGETS_BOOK: project_blocks,
    DocKind.DEPT_OVERALL_TARGETS: _overall_blocks,
    DocKind.DEPT_TARGET_APPROVAL: approval_blocks,
    DocKind.DEPT_TARGET_DECLARATION: declaration_blocks,
    DocKind.SPECIAL_FUND_TARGETS: special_fund_blocks,
    DocKind.INDICATOR_TABLE: indicator_table_blocks,
    DocKind.SELF_EVALUATION: indicator_table_blocks,
}

PART_HEADINGS = {
    DocKind.PROJECT_TARGETS_BOOK: "项目支出绩效目标表",
    DocKind.DEPT_OVERALL_TARGETS: "部门整体绩效目标",
}


def _part_heading(index: int, document: Document) -> str:
    name = document.title if document.kind not in PART_HEADINGS else PART_HEADINGS[document.kind]
    number = PART_NUMBERS[index] if index < len(PART_NUMBERS) else str(index + 1)
    return f"第{number}部分 {name or '绩效目标'}"


def build_book(documents: Sequence[Document]) -> Book:
    """The documents of one file (or several) as one book, a part per document."""
    first = documents[0] if documents else None
    organisation = next((d.organisation for d in documents if d.organisation), "")
    year = next((d.year for d in documents if d.year), None)
    title = "绩效目标" if len(documents) != 1 or first is None else (first.title or "绩效目标")
    book = Book(title=title, organisation=organisation, year=year)
    for index, document in enumerate(documents):
        book.parts.append(Part(_part_heading(index, document), LAYOUTS[document.kind](document)))
    return book
