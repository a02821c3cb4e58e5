"""Any model, however odd its texts, gives whole grids and files that open: control characters,
formula-looking texts, huge cells, no indicators, unknown categories."""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document as WordDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jixiao.model.document import Amounts, DocKind, Document, Indicator, Money, PlanPoint, Section, SectionKind, TextBlock
from jixiao.write.layouts import build_book
from jixiao.write.office.docx import book_docx, word_tables
from jixiao.write.office.pdf import book_pdf
from jixiao.write.office.xlsx import book_xlsx

from .test_layouts import covered

texts = st.one_of(
    st.sampled_from(["", "产出指标", "=1+1", "-5", "@x", "≥95%", "是/否", "\x07响铃", "a\nb"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)
# a cell taller than a page, in one field only: huge texts everywhere made layouts of gigabytes
huge = st.one_of(texts, st.integers(400, 1500).map(lambda n: "绩效目标指标值保障。" * n))
short = st.text(alphabet="产出效益满意度数量质量", max_size=6)
amounts = st.one_of(st.none(), st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False).map(lambda d: Money(str(d), d)), texts.map(lambda t: Money(t, None)))
indicators = st.builds(Indicator, level1=short, level2=short, level3=texts, description=texts, target_raw=texts, basis=texts, cycle_target_raw=texts)
sections = st.builds(
    Section,
    kind=st.sampled_from(list(SectionKind)),
    name=texts,
    code=texts,
    amounts=st.builds(Amounts, total=amounts, fiscal=amounts, other=amounts),
    purpose=texts,
    goal=huge,
    plan=st.lists(st.builds(PlanPoint, checkpoint=short, raw=texts, percent=st.none()), max_size=5),
    indicators=st.lists(indicators, max_size=6),
    fields=st.dictionaries(st.sampled_from(["label", "序号", "绩效指标", "table_title", "unit"]), texts, max_size=3),
)
documents = st.builds(
    Document,
    kind=st.sampled_from(list(DocKind)),
    title=texts,
    organisation=texts,
    year=st.one_of(st.none(), st.integers(1990, 2100)),
    money_unit=st.sampled_from(["", "万元"]),
    sections=st.lists(sections, max_size=3),
    texts=st.lists(st.builds(TextBlock, label=texts, text=texts), max_size=3),
    fields=st.dictionaries(st.sampled_from(["主管部门", "subtitle", "财政部门审核意见.绩效股意见"]), texts, max_size=2),
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large])
@given(st.lists(documents, min_size=1, max_size=3))
def test_any_model_renders_in_all_three_formats(docs):
    book = build_book(docs)
    for table in book.tables():
        assert set(covered(table).values()) <= {1}
        assert len(covered(table)) == table.rows * table.cols
    wb = load_workbook(io.BytesIO(book_xlsx(book)))
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    money = sum(isinstance(c.value, Decimal) for t in book.tables() for c in t.cells)
    assert sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "n" and c.value is not None) == money
    # a head below the top part (001) starts a second Word table under the form
    assert len(WordDocument(io.BytesIO(book_docx(book))).tables) == sum(len(word_tables(t)) for t in book.tables())
    assert book_pdf(book).startswith(b"%PDF-")
