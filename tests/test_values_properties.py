"""Properties of the target-value parser: it never raises, and parse ∘ render is the identity."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.values.parse import PLACEHOLDER_WORDS, parse_target
from jixiao.values.types import (
    Comparator,
    Compound,
    Deadline,
    Direction,
    Part,
    Placeholder,
    Qualitative,
    Quantity,
    Range,
)
from jixiao.write.tables import value_columns

# Characters the parser reacts to, so that random text often comes close to a value.
NEAR_VALUE = (
    "0123456789０５.,，；;、和及 %％‰元人次个月年季度周日号底前后内按每≥≤<>=＞＜≧≦﹦不低于高超过大小至到以上下"
    "-~～/·是否Xx*城农村应保尽提升稳步完成发放左右封顶等。规定时限\u3000\t每()（）═"
)
UNITS = ["", "%", "‰", "人", "人次", "个", "户", "元", "万元", "元/人/月", "元/人·年", "元/月.人", "天", "个月", "次",
         "辆", "万/年", "个社区", "kg", "/年", "元每人每月", "元/人.每天", "人/年", "百分比", "比例", "万", "万平方米",
         "次/月"]  # fmt: skip
# Every way pages write a comparator before the number.
SPELLINGS = [
    ("≥", Comparator.GE), (">=", Comparator.GE), ("≧", Comparator.GE), ("＞＝", Comparator.GE),
    ("大于等于", Comparator.GE), ("不低于", Comparator.GE), ("不少于", Comparator.GE),
    ("≤", Comparator.LE), ("<=", Comparator.LE), ("≦", Comparator.LE), ("小于等于", Comparator.LE),
    ("不高于", Comparator.LE), ("不超过", Comparator.LE),
    ("=", Comparator.EQ), ("＝", Comparator.EQ), ("﹦", Comparator.EQ), ("═", Comparator.EQ), ("等于", Comparator.EQ),
    (">", Comparator.GT), ("＞", Comparator.GT), ("大于", Comparator.GT),
    ("<", Comparator.LT), ("＜", Comparator.LT), ("小于", Comparator.LT),
    ("", None),
]  # fmt: skip
LABEL_CHARS = "城市农村机构社会散居孤儿类标准补差老年人ABC（）"
SEPARATORS = ["；", ";", "，", ",", "、", "和", "及"]
QUALITATIVE = [
    ("稳步提升", Direction.UP), ("持续提升", Direction.UP), ("有所提高", Direction.UP), ("明显改善", Direction.UP),
    ("逐步降低", Direction.DOWN), ("有所下降", Direction.DOWN), ("不高于上年", Direction.DOWN),
    ("不低于上年", Direction.KEEP), ("保持稳定", Direction.KEEP), ("持平", Direction.KEEP),
    ("应保尽保", Direction.FULL), ("应救尽救", Direction.FULL), ("全覆盖", Direction.FULL),
    ("进一步完善", None), ("达到预期", None), ("及时", None), ("按时", None), ("即时", None),
]  # fmt: skip

numbers = st.from_regex(r"[1-9][0-9]{0,6}(\.[0-9]{1,3})?|0(\.[0-9]{1,3})?", fullmatch=True).map(Decimal)
units = st.sampled_from(UNITS)
quantities = st.builds(Quantity, st.sampled_from([None, *Comparator]), numbers, units)
ranges = st.builds(Range, numbers, numbers, units)
qualitatives = st.one_of(
    st.sampled_from(QUALITATIVE).map(lambda pair: Qualitative(*pair)),
    st.text("完善推进落实建设管理规范制度体系服务", min_size=1).map(Qualitative),
)
placeholders = st.sampled_from(sorted(PLACEHOLDER_WORDS)).map(Placeholder)


@st.composite
def deadlines(draw):
    year = draw(st.integers(2000, 2099))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    verb = draw(st.sampled_from(["", "完成", "发放", "拨付到位"]))
    return draw(
        st.sampled_from(
            [
                Deadline(f"{year}年底前{verb}", year, 12, 31),
                Deadline(f"{year}年{month}月底前{verb}", year, month, None),
                Deadline(f"{month}月{day}日前{verb}", None, month, day),
                Deadline(f"每月{day}日左右", None, None, day, "month"),
                Deadline(f"按月{verb or '发放'}，{year}年底前完成", year, 12, 31, "month"),
                Deadline("按季度", recurring="quarter"),
                Deadline(f"按规定时限{verb}"),
            ]
        )
    )


@st.composite
def compounds(draw):
    count = draw(st.integers(2, 4))
    separators = tuple(draw(st.sampled_from(SEPARATORS)) for _ in range(count - 1))
    parts = []
    for i in range(count):
        # An empty label after a comma could make "5,000" a thousands separator: keep one there.
        glued = i > 0 and separators[i - 1] in ",，"
        label = draw(st.text(LABEL_CHARS, min_size=1 if glued else 0, max_size=6))
        parts.append(Part(label, draw(st.one_of(quantities, ranges))))
    return Compound(tuple(parts), separators)


values = st.one_of(quantities, ranges, qualitatives, placeholders, deadlines(), compounds())


@given(st.one_of(st.text(), st.text(NEAR_VALUE)))
@settings(max_examples=300)
def test_never_raises(text):
    parse_target(text)


@given(values)
@settings(max_examples=300)
def test_render_parses_back(value):
    assert parse_target(value.render()) == value


@given(st.one_of(st.text(), st.text(NEAR_VALUE, max_size=30)))
@settings(max_examples=300)
def test_parse_is_idempotent(text):
    value = parse_target(text)
    assert parse_target(value.render()) == value


# Descriptions before a single value: CJK words that end in no comparator, change or guess word.
DESCRIPTION_CHARS = "两项补贴覆盖乡镇全年开展培训救助困难群众政策知晓率城市农村机构"
descriptions = st.text(DESCRIPTION_CHARS, min_size=1, max_size=8)
count_units = st.sampled_from(["人", "人次", "个", "户", "次", "个乡镇", "元", "万元", "%", "元/人/月", "天"])


@given(descriptions, st.sampled_from([("各", Comparator.EQ), ("不少于", Comparator.GE), ("不超过", Comparator.LE), ("", None)]),
       numbers, count_units)  # fmt: skip
@settings(max_examples=300)
def test_labelled_value_keeps_number_and_unit(label, word, number, unit):
    """两项补贴各2000人, 全年开展培训不少于5次: one labelled part with the number, unit and comparator."""
    text = f"{label}{word[0]}{number}{unit}"
    value = parse_target(text)
    assert isinstance(value, Compound) and len(value.parts) == 1, value
    part = value.parts[0]
    assert (part.label, part.value) == (label, Quantity(word[1], number, unit))
    assert parse_target(value.render()) == value


@given(descriptions, st.sampled_from(["覆盖", "全覆盖", "以上覆盖"]), numbers)
@settings(max_examples=100)
def test_coverage_rate_is_a_percent(label, tail, number):
    value = parse_target(f"{label}{number}%{tail}")
    assert isinstance(value, Compound) and len(value.parts) == 1, value
    expected = Comparator.GE if tail.startswith("以上") else None
    assert value.parts[0].value == Quantity(expected, number, "%")


@given(st.builds(lambda label, q: Compound((Part(label, q),)), descriptions, st.one_of(quantities, ranges)))
@settings(max_examples=200)
def test_labelled_value_render_parses_back(value):
    assert parse_target(value.render()) == value


spellings = st.sampled_from(SPELLINGS)
cell_gaps = st.sampled_from([" ", "  ", "\u3000", "\t"])


@given(spellings, numbers, units, cell_gaps)
@settings(max_examples=300)
def test_cells_joined_with_a_space_parse_like_the_glued_form(spelling, number, unit, gap):
    """≧ 735 人次 (comparator, value and unit from cells of their own) is ≥735人次, written plainly."""
    word, comparator = spelling
    glued, joined = f"{word}{number}{unit}", gap.join(filter(None, (word, str(number), unit)))
    value = parse_target(joined)
    assert value == parse_target(glued) == Quantity(comparator, number, unit)
    assert value.plain and str(value.number) == str(number)


@given(spellings, numbers, units.filter(bool), st.sampled_from(["()", "（）"]))
@settings(max_examples=200)
def test_a_unit_in_brackets_is_the_unit(spelling, number, unit, brackets):
    """≥13459.00(平方米) is ≥13459.00平方米: the brackets only mark the unit."""
    value = parse_target(f"{spelling[0]}{number}{brackets[0]}{unit}{brackets[1]}")
    assert value == Quantity(spelling[1], number, unit) and value.plain


@given(numbers, units, st.sampled_from([("以上", Comparator.GE), ("以内", Comparator.LE), ("及以下", Comparator.LE)]))
@settings(max_examples=200)
def test_a_comparator_after_the_number_is_read_but_not_plain(number, unit, suffix):
    """95%以上 is ≥95% for scoring; the indicator CSV keeps the cell as text, with no number."""
    text = f"{number}{unit}{suffix[0]}"
    value = parse_target(text)
    assert value == Quantity(suffix[1], number, unit) and not value.plain
    assert value_columns(value) == {"comparator": "", "number": "", "unit_of_measure": "", "qualitative": text}


@given(quantities)
@settings(max_examples=200)
def test_csv_columns_of_a_plain_quantity_give_it_back(value):
    columns = value_columns(parse_target(value.render()))
    comparator = Comparator(columns["comparator"]) if columns["comparator"] else None
    assert Quantity(comparator, Decimal(columns["number"]), columns["unit_of_measure"]) == value
    assert columns["number"] == str(value.number) and columns["qualitative"] == ""
