"""Target-value parser: one test per form, the gold targets, and the CSV columns."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.values.parse import PLACEHOLDER_WORDS, is_placeholder, parse_target
from jixiao.values.types import (
    Comparator,
    Compound,
    Deadline,
    Direction,
    Empty,
    Part,
    Placeholder,
    Qualitative,
    Quantity,
    Range,
)
from jixiao.write.tables import value_columns

TESTS = Path(__file__).parent
# Seed gold and the real-document corpus's gold targets: the same value columns.
GOLDS = [TESTS / "golden" / "indicators.csv", TESTS / "inputs" / "values" / "corpus_targets.csv"]
GE, LE, EQ, GT, LT = Comparator.GE, Comparator.LE, Comparator.EQ, Comparator.GT, Comparator.LT


def q(comparator, number, unit=""):
    return Quantity(comparator, Decimal(number), unit)


@pytest.mark.parametrize("raw", ["", " ", "\t\n", "\u3000"])
def test_empty(raw):
    assert parse_target(raw) == Empty()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("≥95%", q(GE, "95", "%")),
        (">=95%", q(GE, "95", "%")),
        ("≧95%", q(GE, "95", "%")),
        ("≥ 95 %", q(GE, "95", "%")),
        ("＞＝９５％", q(GE, "95", "%")),
        ("<=5", q(LE, "5")),
        ("≦5天", q(LE, "5", "天")),
        ("﹦100%", q(EQ, "100", "%")),
        ("＝100%", q(EQ, "100", "%")),
        ("＞95", q(GT, "95")),
        ("＜3次", q(LT, "3", "次")),
        (">95", q(GT, "95")),
        ("<100", q(LT, "100")),
        ("不低于95%", q(GE, "95", "%")),
        ("不少于200人", q(GE, "200", "人")),
        ("至少4次", q(GE, "4", "次")),
        ("大于等于90%", q(GE, "90", "%")),
        ("不高于3030元", q(LE, "3030", "元")),
        ("不超过3030元", q(LE, "3030", "元")),
        ("不多于2辆", q(LE, "2", "辆")),
        ("至多3天", q(LE, "3", "天")),
        ("小于等于5%", q(LE, "5", "%")),
        ("大于80", q(GT, "80")),
        ("高于80%", q(GT, "80", "%")),
        ("超过1000人次", q(GT, "1000", "人次")),
        ("小于5‰", q(LT, "5", "‰")),
        ("低于5%", q(LT, "5", "%")),
        ("95%以上", q(GE, "95", "%")),
        ("10人及以上", q(GE, "10", "人")),
        ("5%以下", q(LE, "5", "%")),
        ("3%及以下", q(LE, "3", "%")),
        ("15个工作日以内", q(LE, "15", "个工作日")),
        ("30日内", q(LE, "30", "日")),
        ("≥95%以上", q(GE, "95", "%")),
        ("100", q(None, "100")),
        ("1.7", q(None, "1.7")),
        ("100%", q(None, "100", "%")),
        ("≥10141人次", q(GE, "10141", "人次")),
        ("≥10,141人次", q(GE, "10141", "人次")),
        ("1,000,000元", q(None, "1000000", "元")),
        ("1辆", q(None, "1", "辆")),
        ("≥12个月", q(GE, "12", "个月")),
        ("10万/年", q(None, "10", "万/年")),
        ("36个社区", q(None, "36", "个社区")),
        ("500元/人/月", q(None, "500", "元/人/月")),
        ("1200元/人·年", q(None, "1200", "元/人·年")),
        ("5万元", q(None, "5", "万元")),
        ("3户", q(None, "3", "户")),
        ("100%。", q(None, "100", "%")),
        # glyphs and words, and a comparator or unit from a cell of its own joined with a space
        ("═100%", q(EQ, "100", "%")),
        ("═ 100 %", q(EQ, "100", "%")),
        ("≧ 35 个", q(GE, "35", "个")),
        ("≦ 8 天", q(LE, "8", "天")),
        ("大于等于 2 次", q(GE, "2", "次")),
        ("小于等于 3 个", q(LE, "3", "个")),
        ("等于 100 %", q(EQ, "100", "%")),
        ("= 420 米", q(EQ, "420", "米")),
        ("<= 12 人", q(LE, "12", "人")),
        ("不低于 60户/人.月", q(GE, "60", "户/人.月")),
        # units as pages write them
        ("≥180元每人每月", q(GE, "180", "元每人每月")),
        ("≥530元/人*月", q(GE, "530", "元/人*月")),
        ("≥ 98 %(百分比)", q(GE, "98", "%")),  # a unit and its name in words
        ("=3元/人×次", q(EQ, "3", "元/人×次")),
        ("12元/人.每天", q(None, "12", "元/人.每天")),
        ("≥ 2 人/年", q(GE, "2", "人/年")),
        ("=98百分比", q(EQ, "98", "百分比")),
        ("≥0.9比例", q(GE, "0.9", "比例")),
        ("260万", q(None, "260", "万")),
        ("2.5万平方米", q(None, "2.5", "万平方米")),
        ("2次/月", q(None, "2", "次/月")),
        ("≤500万/月", q(LE, "500", "万/月")),
        ("≥2400.00(平方米)", q(GE, "2400.00", "平方米")),
        ("≥2400.00（平方米）", q(GE, "2400.00", "平方米")),
        ("=100.00(%)", q(EQ, "100.00", "%")),
        ("> 6.00 ( 次 )", q(GT, "6.00", "次")),
        ("80.00(元/人/月)", q(None, "80.00", "元/人/月")),
        ("4.5", q(None, "4.5")),
    ],
)
def test_quantity(raw, expected):
    assert parse_target(raw) == expected


def test_quantity_keeps_the_number_as_written():
    value = parse_target("100.00")
    assert isinstance(value, Quantity)
    assert str(value.number) == "100.00" and value.render() == "100.00"
    assert str(parse_target("≥０.５０％").number) == "0.50"


def test_quantity_unit_structure():
    value = parse_target("1200元/人·年")
    assert (value.base_unit, value.per) == ("元", ("人", "年"))
    assert parse_target("450-520元/月.人").per == ("月", "人")
    assert parse_target("95%").per == ()
    assert parse_target("1000人·次").per == ()
    for raw in ("300元每人每月", "300元/人.每月", "300元/人每月"):
        value = parse_target(raw)
        assert (value.base_unit, value.per) == ("元", ("人", "月")), raw
    # what a unit is per listed with 、 (per person and day); values listed with 、 stay a list
    value = parse_target("150元/人、天")
    assert (value.number, value.unit, value.per) == (Decimal(150), "元/人、天", ("人", "天"))
    assert isinstance(parse_target("150元/人、80元/户"), Compound)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("450-520元/月.人", Range(Decimal(450), Decimal(520), "元/月.人")),
        ("80～90%", Range(Decimal(80), Decimal(90), "%")),
        ("80%-90%", Range(Decimal(80), Decimal(90), "%")),
        ("80至90", Range(Decimal(80), Decimal(90))),
        ("1,000~2,000元", Range(Decimal(1000), Decimal(2000), "元")),
        ("80-90(%)", Range(Decimal(80), Decimal(90), "%")),
    ],
)
def test_range(raw, expected):
    assert parse_target(raw) == expected


@pytest.mark.parametrize("raw", ["80%-90元", "≥80-90%", "80-90%以上", "80(%)-90%"])
def test_not_a_range(raw):
    assert isinstance(parse_target(raw), Qualitative)


@pytest.mark.parametrize(
    ("raw", "labels", "values", "separators"),
    [
        ("城市8712元/年；农村5000元/年", ["城市", "农村"], [q(None, "8712", "元/年"), q(None, "5000", "元/年")], ("；",)),
        ("66元/人/月和60元/人/月", ["", ""], [q(None, "66", "元/人/月"), q(None, "60", "元/人/月")], ("和",)),
        (
            "机构养育孤儿1450元/月，社会散居孤儿1000元/月",
            ["机构养育孤儿", "社会散居孤儿"],
            [q(None, "1450", "元/月"), q(None, "1000", "元/月")],
            ("，",),
        ),
        (
            "农村6500元/人/年；城镇11326元/人/年。",
            ["农村", "城镇"],
            [q(None, "6500", "元/人/年"), q(None, "11326", "元/人/年")],
            ("；",),
        ),
        (
            "80-89周岁600元/人·年；90-99周岁1200元/人·年",
            ["80-89周岁", "90-99周岁"],
            [q(None, "600", "元/人·年"), q(None, "1200", "元/人·年")],
            ("；",),
        ),
        (
            "A类450-520元/月.人；B类不低于400元/月.人、C类300元以上",
            ["A类", "B类", "C类"],
            [Range(Decimal(450), Decimal(520), "元/月.人"), q(GE, "400", "元/月.人"), q(GE, "300", "元")],
            ("；", "、"),
        ),
        ("95%;90%", ["", ""], [q(None, "95", "%"), q(None, "90", "%")], (";",)),
        ("城市 10,141人 ， 农村2,000人", ["城市", "农村"], [q(None, "10141", "人"), q(None, "2000", "人")], ("，",)),
    ],
)
def test_compound(raw, labels, values, separators):
    value = parse_target(raw)
    assert isinstance(value, Compound)
    assert [p.label for p in value.parts] == labels
    assert [p.value for p in value.parts] == values
    assert value.separators == separators


def test_compound_part_values_keep_their_text():
    value = parse_target("城市 不低于 8712元/年；农村5000元/年")
    assert [p.value.raw for p in value.parts] == ["不低于 8712元/年", "5000元/年"]


def test_compound_splits_at_and_only_when_needed():
    value = parse_target("其他社会保障和就业支出240万元；医疗救助支出30万元")
    assert [p.label for p in value.parts] == ["其他社会保障和就业支出", "医疗救助支出"]


def test_compound_render_and_default_separator():
    value = Compound((Part("城市", q(None, "8712", "元/年")), Part("农村", q(GE, "5000", "元/年"))))
    assert value.separators == ("；",)
    assert value.render() == "城市8712元/年；农村≥5000元/年"
    assert parse_target(value.render()) == value


@pytest.mark.parametrize(
    "raw",
    [
        "农村低保一类补差标准260元/月.人；二类补差标准210元/月.人；三类补差标准160元/月.人60",  # label holds a value
        "非低保户3000元/年封顶，低保户5000元/年封顶",  # 封顶 is no unit
        "医疗救助1000人，全额资助参保5000人，500名特殊困难老人护理保险",
        "按3000人以下11个社区（村）老年协会每年支持不少于3000元，3000人以上34个社区（村）老年协会每年支持不少于5000元",
        "城市100元；；农村200元",
        "吨/1300元",  # one part is no compound
    ],
)
def test_not_a_compound(raw):
    assert isinstance(parse_target(raw), Qualitative)


@pytest.mark.parametrize(
    ("raw", "label", "value"),
    [
        ("两项补贴各2000人", "两项补贴", q(EQ, "2000", "人")),
        ("覆盖3个乡镇", "覆盖", q(None, "3", "个乡镇")),
        ("全年开展培训不少于5次", "全年开展培训", q(GE, "5", "次")),
        ("每人每月300元", "每人每月", q(None, "300", "元")),
        ("单次救助不超过3000元", "单次救助", q(LE, "3000", "元")),
        ("困难群众100%覆盖", "困难群众", q(None, "100", "%")),
        ("政策知晓率达到95%以上", "政策知晓率达到", q(GE, "95", "%")),
        ("资金 拨付率 ≥ 98% 。", "资金 拨付率", q(GE, "98", "%")),
        ("其他社会保障和就业支出240万元", "其他社会保障和就业支出", q(None, "240", "万元")),
    ],
)
def test_labelled_value(raw, label, value):
    """A count or rate with a description before it (and 覆盖 after it) is one labelled part."""
    parsed = parse_target(raw)
    assert isinstance(parsed, Compound) and len(parsed.parts) == 1
    assert (parsed.parts[0].label, parsed.parts[0].value) == (label, value)
    assert parse_target(parsed.render()) == parsed


def test_labelled_value_keeps_its_text():
    value = parse_target("两项补贴各2000人")
    assert value.render() == "两项补贴=2000人" and value.raw == "两项补贴各2000人"
    assert value.parts[0].value.raw == "各2000人"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("各2000人", q(EQ, "2000", "人")), ("100%覆盖", q(None, "100", "%")), ("≥95%全覆盖", q(GE, "95", "%"))],
)
def test_quantity_with_per_item_or_coverage_word(raw, expected):
    assert parse_target(raw) == expected


@pytest.mark.parametrize(
    ("raw", "direction"),
    [
        ("稳步提升", Direction.UP),
        ("持续提升", Direction.UP),
        ("逐步提升", Direction.UP),
        ("有所提高", Direction.UP),
        ("明显改善", Direction.UP),
        ("较上年有所提高", Direction.UP),
        ("逐步降低", Direction.DOWN),
        ("有所下降", Direction.DOWN),
        ("不高于上年", Direction.DOWN),
        ("不低于上年", Direction.KEEP),
        ("保持稳定", Direction.KEEP),
        ("持平", Direction.KEEP),
        ("应保尽保", Direction.FULL),
        ("应救尽救", Direction.FULL),
        ("应补尽补", Direction.FULL),
        ("全覆盖", Direction.FULL),
        ("符合条件最低生活保障城镇居民做到应保尽保存，100%覆盖", Direction.FULL),
        ("进一步完善", None),
        ("达到预期", None),
        ("及时", None),
        ("即时", None),
        ("按时", None),
        ("按时发放", None),
        ("服务设施得到提升", None),
    ],
)
def test_qualitative_direction(raw, direction):
    assert parse_target(raw) == Qualitative(raw, direction)


@pytest.mark.parametrize(
    "raw",
    [
        "3人/年/6.3",
        "吨/1300元",
        "2人/年/4.2万",
        "两项补贴各2000人每人300元",  # two numbers in one piece
        "较上年增长10%",  # a change, not a level
        "约2000人",
        "年底前100%",
        "地名普查档案管理费1.2万元等",
        "95%左右",
        "大于95%以上",  # the comparators disagree
        "2019年底前完成，年初支付50%，年底根据验收结果支付50%",
        "城乡低保100%全额资助参保存参合，60周岁以上困难老人100%纳入护理保险",
        "元/人·年",
        "-5%",
        "≥95%(以上)",  # not a unit in brackets
        "5元(每人)每月",
        "±3%以内",
        "约5.5万人次",
        "5*8小时",  # a product, not a number and a unit
    ],
)
def test_sentences_are_not_quantities(raw):
    value = parse_target(raw)
    assert value == Qualitative(raw.strip()) and value.direction is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019年底前完成", Deadline("2019年底前完成", 2019, 12, 31)),
        ("2019年6月底前", Deadline("2019年6月底前", 2019, 6, None)),
        ("12月31日前", Deadline("12月31日前", None, 12, 31)),
        ("年底前", Deadline("年底前", None, 12, 31)),
        ("当年完成", Deadline("当年完成", None, 12, 31)),
        ("按月发放", Deadline("按月发放", recurring="month")),
        ("按月足额发放到位", Deadline("按月足额发放到位", recurring="month")),
        ("按季度", Deadline("按季度", recurring="quarter")),
        ("每半年", Deadline("每半年", recurring="half-year")),
        ("每月25日左右", Deadline("每月25日左右", day=25, recurring="month")),
        ("每年12月底前", Deadline("每年12月底前", month=12, recurring="year")),
        ("按规定时限完成", Deadline("按规定时限完成")),
        ("在规定时间内完成", Deadline("在规定时间内完成")),
        ("按月发放，2019年底前完成", Deadline("按月发放，2019年底前完成", 2019, 12, 31, "month")),
        ("２０１９年底前完成。", Deadline("２０１９年底前完成。", 2019, 12, 31)),
    ],
)
def test_deadline(raw, expected):
    assert parse_target(raw) == expected


@pytest.mark.parametrize("raw", ["13月底前", "12月32日前", "年", "提前下达", "及时送返"])
def test_not_a_deadline(raw):
    assert isinstance(parse_target(raw), Qualitative)


def test_month_or_year_alone_is_a_count():
    assert parse_target("6月") == q(None, "6", "月")
    assert parse_target("12个月") == q(None, "12", "个月")


@pytest.mark.parametrize(
    "raw",
    ["是/否", "是／否", "是或否", "XX", "xx", "**", "***", "/", "-", "—", "无", "人数", "住院人数", "金额", "满意程度",
     "百分比", "≥XX%", "XX人", "年度内补贴孤儿人数", "发放及时率", "…"],
)  # fmt: skip
def test_placeholder(raw):
    assert parse_target(raw) == Placeholder(raw)


@pytest.mark.parametrize("raw", ["提高满意度", "抽样调查", "发放符合条件的养老机构运营（护理）补贴机构数"])
def test_not_a_placeholder(raw):
    assert isinstance(parse_target(raw), Qualitative)


def test_placeholder_words_are_data():
    assert "是/否" in PLACEHOLDER_WORDS
    assert not is_placeholder("待审")
    assert is_placeholder("待 审", PLACEHOLDER_WORDS | {"待审"})


def test_raw_is_kept_but_not_compared():
    a, b = parse_target(" ≥95% "), parse_target("不低于95%")
    assert a == b and a.raw == " ≥95% " and b.raw == "不低于95%"


def test_render():
    assert parse_target("不低于95%").render() == "≥95%"
    assert parse_target("80%-90%").render() == "80-90%"
    assert parse_target(" 稳步提升 ").render() == "稳步提升"
    assert parse_target("是/否").render() == "是/否"
    assert parse_target("").render() == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("95%以上", q(GE, "95", "%")),
        ("2天以内", q(LE, "2", "天")),
        ("各 1 次", q(EQ, "1", "次")),
        ("100%覆盖", q(None, "100", "%")),
        ("≥95%以上", q(GE, "95", "%")),
    ],
)
def test_a_value_in_words_is_the_value_but_not_plain(raw, expected):
    """Scoring and monitoring read ≥95% from 95%以上; the flat CSV gives the cell as written."""
    value = parse_target(raw)
    assert value == expected and not value.plain
    assert parse_target(value.render()).plain
    assert value_columns(value) == {"comparator": "", "number": "", "unit_of_measure": "", "qualitative": raw}


def test_value_columns():
    assert value_columns(parse_target("≥10,141人次")) == {
        "comparator": "≥", "number": "10141", "unit_of_measure": "人次", "qualitative": ""}  # fmt: skip
    assert value_columns(parse_target("≥13459.00（平方米）")) == {
        "comparator": "≥", "number": "13459.00", "unit_of_measure": "平方米", "qualitative": ""}  # fmt: skip
    assert value_columns(parse_target("168"))["number"] == "168"
    assert value_columns(parse_target("80-90%"))["qualitative"] == "80-90%"
    assert value_columns(parse_target(" 是/否 "))["qualitative"] == "是/否"
    for raw in ("1600人、200人", "约5.5万人次", "是", "有所提升", "2021年1月-12月"):
        assert value_columns(parse_target(raw))["qualitative"] == raw


def _columns_disagree(row: dict[str, str]) -> dict[str, str] | None:
    """The CSV's value columns for the row's target where they differ from the row's gold."""
    got = value_columns(parse_target(row["target_raw"]))
    same = (
        got["comparator"] == row["comparator"]
        and (Decimal(got["number"]) if got["number"] else None) == (Decimal(row["number"]) if row["number"] else None)
        and (got["unit_of_measure"] if got["number"] else "") == "".join(row["unit"].split())
        and bool(got["qualitative"].strip()) == bool(row["qualitative"].strip())
    )
    return None if same else got


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_gold_targets_agree(gold):
    """Seed and real-document targets go to comparator / number / unit exactly when the gold has a
    number there, with the same values, and to qualitative otherwise (comparators are ≥ ≤ = > < in
    both golds, so they compare as they are)."""
    with gold.open(encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row["target_raw"].strip()]
    assert len(rows) > 250 and {r["comparator"] for r in rows} <= {"", *Comparator}
    wrong = [(row["target_raw"], got) for row in rows if (got := _columns_disagree(row))]
    assert wrong == []


def test_money_is_exact_only_when_the_text_is_the_amount_alone():
    from jixiao.model.document import Money

    assert all(Money.parse(t).exact for t in ("1748.60", "1,748.60", "42", "-3"))
    assert not any(Money.parse(t).exact for t in ("abc万元", "12abc", "42.00万元", "约10", "", "一半"))
