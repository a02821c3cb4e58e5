"""Indicators filed under the wrong category, or claiming effects the project cannot have.

Each 三级指标 belongs under one 二级指标: 政策知晓率 is a social benefit, not satisfaction; 资金按时发放率
is timeliness, not a social benefit; a budget ceiling is a cost; 保障孤儿基本生活 is not an ecological
benefit, and car insurance does not save energy. A reviewer reads the indicator's wording and names
the category it belongs to. The keyword → category lexicon (with weights), the ecology words, the
objects and the duty topics are data in ``review/data/indicator_lexicon.toml``; JX130 and JX131 read
extra ``[[category]]`` tables from the TOML file a profile names in ``extra_lexicon`` (a path,
relative to the working directory; an unreadable file is a ProfileError).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from jixiao.findings import Severity
from jixiao.model.categories import OUTCOME, normalise_level2, parent_of
from jixiao.model.document import Indicator, Section, SectionKind
from jixiao.review.context import Hit, ReviewContext
from jixiao.review.profile import ProfileError
from jixiao.review.registry import Dimension, rule
from jixiao.review.rules.values import (
    indicator_name,
    lexicon,
    measure_kind,
    percent_under_quantity,
    quantities,
    unit_class,
)

ECOLOGY = "生态效益指标"
# Variants scored as one group.
_GROUP = {
    "社会公益或服务对象满意度指标": "服务对象满意度指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
}
# Sections whose money pays for something specific (a duty-activity row describes a whole duty).
PROJECT_LIKE = (SectionKind.PROJECT, SectionKind.SPECIAL_FUND, SectionKind.SPENDING_DIRECTION, SectionKind.KEY_TASK)

_WHY_THERE = {
    "数量指标": "人数、人次、个数、次数考核完成了多少，属于数量指标。",
    "质量指标": "准确率、合格率、完好率、发放率考核做得好不好，属于质量指标。",
    "时效指标": "按时、及时、时限考核什么时候完成，属于时效指标。",
    "成本指标": "预算控制、补助标准、单位成本考核花多少钱，属于成本指标。",
    "经济效益指标": "增收、节约资金等经济上的效果，属于经济效益指标。",
    "社会效益指标": "政策知晓率、群众获得感、生活水平等政策效果，属于社会效益指标；满意度指标只放服务对象满意度。",
    "生态效益指标": "节能、减排、环境改善属于生态效益指标。",
    "可持续影响指标": "长效机制、持续发挥作用的期限属于可持续影响指标。",
    "服务对象满意度指标": "服务对象对项目的满意程度属于满意度指标。",
}


@dataclass(frozen=True, slots=True)
class Entry:
    keyword: str
    level2: str
    weight: float
    at_end: bool = False


def _entries(data: dict) -> tuple[Entry, ...]:
    out = []
    for table in data.get("category", []):
        level2 = _group(normalise_level2(table["level2"]))
        weight, at_end = float(table.get("weight", 1)), bool(table.get("at_end"))
        out.extend(Entry(keyword, level2, weight, at_end) for keyword in table.get("keywords", []))
    return tuple(out)


@cache
def category_lexicon(extra: str = "") -> tuple[Entry, ...]:
    """The built-in keyword → level-2 entries, plus those of the TOML file ``extra`` (a path)."""
    entries = _entries(lexicon())
    if extra:
        try:
            entries += _entries(tomllib.loads(Path(extra).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ProfileError(f"审核方案中 extra_lexicon 指向的词库 {extra} 无法使用：{exc}") from None
    return entries


def _group(level2: str) -> str:
    return _GROUP.get(level2, level2)


@lru_cache(maxsize=65536)
def scores(text: str, extra: str = "") -> dict[str, float]:
    """Keyword weights per level-2 for ``text`` (lexicon plus ``extra``). A name that ends as a rate
    (…人数占…比率) is not a count. Names repeat across tables, so results are cached."""
    rate_named = measure_kind(text) in ("rate", "satisfaction")
    out: dict[str, float] = defaultdict(float)
    for e in category_lexicon(extra):
        if rate_named and e.level2 == "数量指标":
            continue
        if text.endswith(e.keyword) if e.at_end else e.keyword in text:
            out[e.level2] += e.weight
    return dict(out)


def likely_level2(ind: Indicator, extra: str = "") -> dict[str, float]:
    """Scores from the name; from the description only when the name matches nothing."""
    found = scores(indicator_name(ind), extra)
    if not found and ind.level3 and ind.description:
        found = scores(ind.description, extra)
    return found


def _placement(level2: str) -> str:
    return f"{parent_of(level2)}/{level2}" if parent_of(level2) else level2


def money_under_output(ind: Indicator) -> bool:
    """An amount or a cost standard under 数量指标 (JX134), percentages left to JX121; under 质量指标
    only a value in 元 (补助标准不少于3000元), since a quality name that sounds like money is JX130's."""
    if ind.level2 == "质量指标":
        return "元" in ind.target_raw
    if ind.level2 != "数量指标" or percent_under_quantity(ind):
        return False
    if measure_kind(indicator_name(ind)) in ("money", "standard"):
        return True
    return "元" in ind.target_raw or any(unit_class(q.unit) == "money" for q in quantities(ind.target))


def _words(section: Section) -> str:
    return f"{section.name} {section.purpose} {section.goal}"


@rule(
    "JX130",
    "指标内容与所属二级指标不符",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="二级指标决定一个指标考核什么、怎么打分：政策知晓率放进满意度指标、资金按时发放率放进社会效益指标、"
    "预算控制放进时效指标、培训人次放进质量指标，都会让该类指标名不副实，自评时权重也分错。",
    bad="满意度指标 / 服务对象满意度指标 / 政策知晓率 / ≥98%",
    good="效益指标 / 社会效益指标 / 政策知晓率 / ≥98%",
)
def wrong_level2(ctx: ReviewContext):
    extra = str(ctx.param("extra_lexicon", ""))
    category_lexicon(extra)  # a bad path fails at once, not at the first indicator
    min_score = float(ctx.param("min_score", 3))
    for document, section, row_no, ind in ctx.indicators():
        current = _group(ind.level2)
        if not ind.level3 or not parent_of(ind.level2) or current == ECOLOGY:
            continue  # no name to judge; unknown category; ecology is JX131
        if percent_under_quantity(ind) or money_under_output(ind):
            continue  # JX121 / JX134
        found = likely_level2(ind, extra)
        if not found or found.get(current):
            continue
        best = max(found, key=lambda k: found[k])
        if best == current or found[best] < min_score:
            continue
        yield Hit(
            f"“{ind.level3}”看起来属于{best}，却放在了“{ind.level2}”下。",
            document,
            section,
            row_no,
            "level3",
            ind.level3,
            f"移到“{_placement(best)}”下。{_WHY_THERE.get(best, '')}",
        )


def _has_ecology(text: str) -> bool:
    return any(w in text for w in lexicon()["ecology"]["words"])


@rule(
    "JX131",
    "生态效益指标与生态环境无关",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="生态效益指标考核项目对环境的影响（节能、减排、污染治理）。把“保障孤儿基本生活”“兜底保障”"
    "“提供后勤保障”“提升形象”放在这里，既不是生态效益，也挤占了真正的效益指标；"
    "项目确实没有生态效益时，可以不设这一项。",
    bad="效益指标 / 生态效益指标 / 保障孤儿基本生活 / ≥85%",
    good="效益指标 / 社会效益指标 / 孤儿基本生活保障率 / 100%",
)
def ecology_unrelated(ctx: ReviewContext):
    extra = str(ctx.param("extra_lexicon", ""))
    category_lexicon(extra)  # a bad path fails at once, not at the first indicator
    for document, section in ctx.sections():
        elsewhere = {i.level3: i.level2 for i in section.indicators if i.level3 and i.level2 != ECOLOGY}
        for row_no, ind in enumerate(section.indicators, 1):
            if ind.level2 != ECOLOGY or not (ind.level3 or ind.description):
                continue
            if _has_ecology(f"{ind.level3} {ind.description}"):
                continue
            name = ind.level3 or ind.description
            if ind.level3 in elsewhere:
                suggestion = f"本表“{elsewhere[ind.level3]}”下已有同一指标，删去这一行；项目没有生态效益的，可不设生态效益指标。"
            else:
                # It was written as a benefit: the likely home is another benefit, social by default.
                found = {k: v for k, v in scores(ind.level3, extra).items() if parent_of(k) == OUTCOME and k != ECOLOGY}
                best = max(found, key=lambda k: found[k]) if found else "社会效益指标"
                suggestion = f"移到“{_placement(best)}”下；项目没有生态效益的，可不设生态效益指标。"
            yield Hit(f"“{name}”与生态环境无关，不是生态效益。", document, section, row_no, "level3", name, suggestion)


@rule(
    "JX132",
    "生态效益与项目内容无关",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="缴纳保险费、医保费、发工资的钱不会带来节能减排或减少环境危害；照搬模板里的生态效益指标，"
    "年底无法说明项目做到了什么。",
    bad="汽车保险费 / 生态效益指标 / 节能减排 / 是/否",
    good="汽车保险费：不设生态效益指标，效益写“公务用车出险理赔及时率 100%”等",
)
def ecology_not_this_project(ctx: ReviewContext):
    unrelated = tuple(lexicon()["ecology"]["unrelated_projects"])
    for document, section in ctx.sections():
        if section.kind not in PROJECT_LIKE:
            continue
        words = _words(section)
        kind_word = next((w for w in unrelated if w in words), "")
        if not kind_word or _has_ecology(words):
            continue
        for row_no, ind in enumerate(section.indicators, 1):
            name = ind.level3 or ind.description
            if ind.level2 == ECOLOGY and _has_ecology(f"{ind.level3} {ind.description}"):
                yield Hit(
                    f"“{section.name}”是{kind_word}类支出，不会产生“{name}”这样的生态效益。",
                    document,
                    section,
                    row_no,
                    "level3",
                    name,
                    "删去这条生态效益指标，或换成项目真正能带来的效益（写在社会效益或可持续影响指标下）。",
                )


@rule(
    "JX133",
    "指标考核的对象在项目中没有出现",
    Dimension.RELEVANCE,
    Severity.HINT,
    why="指标应考核本项目资金买到的东西。殡葬费用减免项目考核“殡葬基础设施满意度”、未成年人保护资金考核"
    "“办公设备正常运行率”、适老化改造考核“脱贫攻坚兜底保障”，多半是从别的表格复制来的。",
    bad="惠民殡葬（殡葬费用减免）/ 满意度指标 / 对殡葬基础设施的满意度",
    good="惠民殡葬（殡葬费用减免）/ 满意度指标 / 减免对象满意度 ≥90%",
)
def object_not_in_project(ctx: ReviewContext):
    objects = lexicon()["objects"]
    ordered = sorted(objects, key=len, reverse=True)
    for document, section in ctx.sections():
        if section.kind not in PROJECT_LIKE:
            continue
        words = _words(section)
        if not words.strip():
            continue
        for row_no, ind in enumerate(section.indicators, 1):
            thing = next((o for o in ordered if o in ind.level3), "")
            if thing and not any(w in words for w in objects[thing]):
                yield Hit(
                    f"“{ind.level3}”考核的“{thing}”在项目名称、资金用途和绩效目标中都没有出现。",
                    document,
                    section,
                    row_no,
                    "level3",
                    ind.level3,
                    f"换成考核本项目（{section.name}）资金直接产出的指标；确需考核“{thing}”的，请在资金用途中写明。",
                )


@rule(
    "JX134",
    "金额或补助标准写在数量或质量指标下",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="数量指标考核完成了多少实物工作量，质量指标考核做得好不好；费用金额（天然气费5、办公费12）和每人每具的补助标准"
    "（≤3030元）考核花多少钱，属于成本指标。放错位置时成本指标往往空着。",
    bad="数量指标 / 户籍困难群众每具减免金额 / ≤3030元（成本指标为空）",
    good="成本指标 / 户籍困难群众每具减免金额 / ≤3030元",
)
def money_in_quantity(ctx: ReviewContext):
    for document, section in ctx.sections():
        no_cost = not any(_group(i.level2) == "成本指标" for i in section.indicators)
        for row_no, ind in enumerate(section.indicators, 1):
            if not money_under_output(ind):
                continue
            name = ind.level3 or ind.description or ind.target_raw
            empty = "本表成本指标为空，" if no_cost else ""
            yield Hit(
                f"“{name}”是金额或补助标准，却放在{ind.level2}下。",
                document,
                section,
                row_no,
                "level3",
                name,
                f"{empty}移到“产出指标/成本指标”下，写成“≤N万元”或“N元/人”；{ind.level2}另写完成的实物量或质量要求。",
            )


def _topics(text: str) -> dict[str, int]:
    """Duty topics named in ``text``, with how many of their words it contains."""
    out = {}
    for topic, words in lexicon()["topics"].items():
        hits = sum(1 for w in words if w in text)
        if hits:
            out[topic] = hits
    return out


@rule(
    "JX135",
    "指标更像属于另一项职责活动",
    Dimension.RELEVANCE,
    Severity.HINT,
    why="职责活动表中每项活动考核自己的工作。优抚对象的补助、光荣院、优抚医院放在“复员退伍军人及军休安置”下，"
    "而“优待抚恤”只有一个指标，两项活动的绩效都说不清。",
    bad="复员退伍军人及军休安置 / 光荣院设施设备完好率",
    good="优待抚恤 / 光荣院设施设备完好率",
)
def indicator_in_other_duty(ctx: ReviewContext):
    duties = (SectionKind.ACTIVITY, SectionKind.FUNCTION)
    for document in ctx.documents:
        owners = [(s, _topics(s.name)) for s in document.sections if s.kind in duties]
        by_topic: dict[str, list[tuple[int, Section]]] = defaultdict(list)  # the two best per topic
        for s, topics in owners:
            for topic, hits in topics.items():
                best = by_topic[topic]
                best.append((hits, s))
                best.sort(key=lambda o: -o[0])
                del best[2:]
        for section, own in owners:
            if not own or not section.indicators:
                continue
            for row_no, ind in enumerate(section.indicators, 1):
                named = _topics(ind.level3)
                if not named or named.keys() & own.keys():
                    continue
                others = [(hits, s) for topic in named for hits, s in by_topic.get(topic, ()) if s is not section]
                if not others:
                    continue
                target = max(others, key=lambda o: o[0])[1]
                yield Hit(
                    f"“{ind.level3}”属于“{target.name}”的工作，却放在“{section.name}”下。",
                    document,
                    section,
                    row_no,
                    "level3",
                    ind.level3,
                    f"移到“{target.name}”{f'（{target.key}）' if target.key else ''}下。",
                )


def _duty_text(section: Section) -> str:
    return f"{section.name} {section.purpose} {section.goal}"


def _duties(document) -> tuple[dict[str, Section], dict[str, list[Section]]]:
    """The duty sections (functions, activities) by key, and the activities under each."""
    duties = {s.key: s for s in document.sections if s.kind in (SectionKind.ACTIVITY, SectionKind.FUNCTION)}
    children: dict[str, list[Section]] = defaultdict(list)
    for s in duties.values():
        if s.parent_key in duties:
            children[s.parent_key].append(s)
    return duties, children


@rule(
    "JX136",
    "上级职责写了的工作在下级活动中没有体现",
    Dimension.RELEVANCE,
    Severity.HINT,
    why="职责活动表中，上级职责的每项工作都应由某个下级活动承担并设置指标；职责里写了、活动里没有的"
    "工作，既没有资金也没有指标，往往是职责文字从别处复制而来。",
    bad="社会管理与服务（社会组织、区划地名、婚姻收养、基层政权、社工）→ 只有“社会事务管理”（区划地名、婚姻收养）",
    good="社会管理与服务 → 社会事务管理（区划地名、婚姻收养）、社会组织管理、基层政权建设",
)
def duty_not_in_activities(ctx: ReviewContext):
    for document in ctx.documents:
        duties, children = _duties(document)
        for key, kids in children.items():
            parent = duties[key]
            covered = set().union(*(_topics(_duty_text(k) + "".join(i.level3 for i in k.indicators)) for k in kids))
            missing = sorted(set(_topics(parent.purpose)) - covered)
            if missing:
                yield Hit(
                    f"职责中写了{'、'.join(missing)}方面的工作，下级活动"
                    f"（{'、'.join(k.name for k in kids)}）中都没有体现，这部分工作没有资金和指标。",
                    document,
                    parent,
                    None,
                    "purpose",
                    parent.purpose,
                    "为这些工作设置下级活动、金额和指标；不属于本项职责的，从职责说明中删去。",
                )


@rule(
    "JX137",
    "活动放在了不相关的上级职责下",
    Dimension.RELEVANCE,
    Severity.HINT,
    why="活动的金额计入上级职责；拥军优属放在社会福利下，双拥优抚的支出就少算了，社会福利的支出多算了，"
    "两项职责的绩效都不准确。",
    bad="社会福利政策及管理 / 拥军优属",
    good="双拥优抚安置政策及管理 / 拥军优属",
)
def activity_under_other_duty(ctx: ReviewContext):
    for document in ctx.documents:
        duties, children = _duties(document)
        parents = {k: _topics(_duty_text(s)) for k, s in duties.items() if k in children or s.kind is SectionKind.FUNCTION}
        for key, kids in children.items():
            for kid in kids:
                own = _topics(kid.name) or _topics(kid.goal)
                if not own or own.keys() & parents[key].keys():
                    continue
                fits = [duties[k] for k, topics in parents.items() if k != key and own.keys() & topics.keys()]
                if fits:
                    yield Hit(
                        f"“{kid.name}”属于“{fits[0].name}”的工作，却列在“{duties[key].name}”下。",
                        document,
                        kid,
                        None,
                        "name",
                        kid.name,
                        f"把“{kid.name}”及其金额移到“{fits[0].name}”下，并相应调整两项职责的金额。",
                    )
