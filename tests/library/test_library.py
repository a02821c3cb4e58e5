"""The indicator library: word rules, learning incrementally, JSON, search and suggestions."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "review"))
from builders import doc, ind, project  # noqa: E402

from jixiao.library import Library, build_library  # noqa: E402
from jixiao.library.files import sample_library  # noqa: E402
from jixiao.library.words import department_function, name_key, project_kind  # noqa: E402
from jixiao.values.types import Comparator  # noqa: E402


@pytest.mark.parametrize(
    ("written", "key"),
    [("1. 城乡低保 保障人数(≥**人)", "城乡低保保障人数"), ("指标1:救助人数", "救助人数"), ("★资金发放准确率", "资金发放准确率"), ("（1）困难群众满意度。", "困难群众满意度")],
)
def test_one_key_for_the_ways_a_name_is_written(written, key):
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("unit", "function"),
    [("314001秦皇岛市山海关区民政局本级", "民政局"), ("南县疾病预防控制中心", "疾病预防控制中心"),
     ("湘潭市城市管理和综合执法局", "城市管理和综合执法局"), ("区疾控中心", "疾控中心"), ("渝中区人力资源和社会保障局", "人力资源和社会保障局")],
)  # fmt: skip
def test_department_function_drops_region_code_and_own_level(unit, function):
    assert department_function(unit) == function


@pytest.mark.parametrize(
    ("project", "kind"),
    [("2022年山海关区城乡低保资金", "城乡低保"), ("原州区2022年南部水源涵养林建设项目", "南部水源涵养林"), ("麻风病防治", "麻风病防治"), ("就业补助资金", "就业")],
)
def test_project_kind_drops_year_region_and_kind_of_money(project, kind):
    assert project_kind(project) == kind


def _docs():
    a = doc(project(ind("数量指标", "低保对象保障人数", "≥1200人"), ind("质量指标", "低保金发放准确率", "≥98%"), name="城乡低保资金",
                    unit="101001某县民政局"), year=2023, source_file="a.txt")  # fmt: skip
    b = doc(project(ind("数量指标", "1.低保对象保障人数", "≥1500人"), ind("数量指标", "低保对象保障人数(≥**人)", "≥1000人"),
                    ind("时效指标", "补助资金拨付时限", "≤30天"), name="2024年低保资金", unit="101001某县民政局"), year=2024, source_file="b.txt")  # fmt: skip
    return a, b


def test_learns_categories_units_typical_value_direction_and_where():
    a, b = _docs()
    library = build_library([(a, "a"), (b, "b")])
    entry = library.get("低保对象保障人数")
    assert entry.count == 3 and entry.docs == ["a", "b"]
    assert (entry.level1, entry.level2) == ("产出指标", "数量指标")
    t = entry.typical
    assert (t.unit, t.comparator, t.value, t.low, t.high) == ("人", Comparator.GE, Decimal(1200), Decimal(1000), Decimal(1500))
    assert entry.direction == "up" and library.get("补助资金拨付时限").direction == "down"
    assert entry.functions == {"民政局": 3} and entry.kinds == {"城乡低保": 1, "低保": 2}
    assert [(o.doc, o.section, o.row) for o in entry.observations] == [("a", "城乡低保资金", 1), ("b", "2024年低保资金", 1), ("b", "2024年低保资金", 2)]


def test_incremental_add_and_remove_equal_a_fresh_build():
    a, b = _docs()
    library = Library()
    library.add(a, "a")
    library.add(b, "b")
    library.add(b, "b")  # learning a document again replaces it
    assert library.to_json() == build_library([(a, "a"), (b, "b")]).to_json()
    library.remove("b")
    assert library.to_json() == build_library([(a, "a")]).to_json()
    assert library.without(["a"]).entries == {}


def test_json_round_trip_and_a_file_that_is_no_library():
    a, b = _docs()
    library = build_library([(a, "a"), (b, "b")])
    again = Library.from_json(library.to_json())
    assert again.to_json() == library.to_json() and again.get("低保对象保障人数").typical == library.get("低保对象保障人数").typical
    with pytest.raises(ValueError, match="不是指标库文件"):
        Library.from_json("[1, 2]")


def test_search_by_name_category_unit_function_and_fuzzily():
    library = sample_library()
    assert all("低保" in e.key for e in library.search("低保")[:3])
    assert library.search("时效指标")[0].level2 == "时效指标"
    assert any("低保" in e.key for e in library.search("城乡底保"))  # a typing slip still finds it
    assert library.search("民政局") and library.search("nothing-like-this") == []


def test_suggest_prefix_first_with_usual_unit_and_target():
    library = sample_library()
    found = library.suggest("资金")
    assert found and all("资金" in s.name for s in found)
    starts = [s.name.startswith("资金") for s in found]
    assert starts == sorted(starts, reverse=True)  # names that start with it come first
    first = found[0]
    assert first.target and first.level2 and first.count >= 1
    assert library.suggest("") == []


def test_a_cap_written_on_a_rate_does_not_make_it_lower_is_better():
    rates = doc(project(ind("时效指标", "资金支付及时率", "≤100%"), ind("时效指标", "资金支付及时率", "≥95%"), ind("时效指标", "资金支付及时率", "100%")))
    entry = build_library([(rates, "r")]).get("资金支付及时率")
    assert entry.direction == "up" and entry.typical.comparator in (None, Comparator.GE)
    assert "≤" not in entry.usual_target()
    costs = doc(project(ind("成本指标", "人均救助成本", "≤3000元"), ind("成本指标", "人均救助成本", "3200元")))
    assert build_library([(costs, "c")]).get("人均救助成本").direction == "down"
