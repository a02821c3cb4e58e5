"""Goals and indicators (目标与指标的对应): every goal is measured, and a goal says more than the budget line.

A goal text is split into clauses (numbered items 1. 2. / （一） / 一是 二是 / 目标1:, and
sentences ending in 。；). A clause counts as measured when one indicator of the table shares
enough content bigrams with it (see ``data/goals.toml``). Tables that only carry indicators at
document level (seed 003's 年度重点工作任务) are measured against those; a function whose
indicators sit on its activities is measured against its activities' indicators.

Copies are found with a hash map over normalised texts, so the cost is linear in the number of
sections.

Profile parameters: ``[rules.JX160]`` ``min_shared`` (content bigrams a clause must share with one
indicator, default 1) and ``stop_bigrams`` (more generic words to ignore, also read by JX161);
``[rules.JX164]`` ``min_chars`` (shortest text compared, default 12).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from jixiao.findings import Severity
from jixiao.model.document import Document, Indicator, Section, SectionKind
from jixiao.review.context import Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.review.similarity import normalise


@dataclass(frozen=True, slots=True)
class Lexicon:
    function_chars: frozenset[str]
    stop_bigrams: frozenset[str]  # generic words and measure words together
    generic_level2: frozenset[str]
    goal_text_labels: tuple[str, ...]
    money_endings: tuple[str, ...]
    goal_verbs: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    data = review_data("goals.toml")["match"]
    return Lexicon(
        frozenset(data["function_chars"]),
        frozenset(data["stop_bigrams"]) | frozenset(data["measure_bigrams"]),
        frozenset(data["generic_level2"]),
        tuple(data["goal_text_labels"]),
        tuple(data["money_endings"]),
        tuple(data["goal_verbs"]),
    )


_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
# Item markers that start a new clause: 1. 1、 (1) （一） 一、 一是 目标1: 第一，
_MARKER = re.compile(
    r"(?:目标\s*\d+\s*[:：]"
    r"|(?<![\d.])\d{1,2}\s*[.．、](?!\d)"
    r"|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}、"
    r"|[一二三四五六七八九十]是"
    r"|第[一二三四五六七八九十]+[，,、])"
)
_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NUMBERING = re.compile(r"^(?:\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、))+")


def split_clauses(text: str, min_chars: int = 4) -> list[str]:
    """Goal clauses: numbered items and sentences, stripped; clauses under ``min_chars`` CJK are dropped."""
    text = _TAGS.sub("\n", text)
    text = _MARKER.sub("\n", text)
    out = []
    for part in _SENTENCE.split(text):
        clause = part.strip(" \t\u3000，,、：:“”\"'")
        if sum(len(r) for r in _CJK_RUN.findall(clause)) >= min_chars:
            out.append(clause)
    return out


@lru_cache(maxsize=131_072)
def content_bigrams(text: str, extra_stop: tuple[str, ...] = ()) -> frozenset[str]:
    """Character bigrams of the Chinese runs of ``text`` that carry content.

    Characters of generic bigrams (保障, 工作 …) and function characters (的, 和 …) are masked
    first; a bigram is kept only when neither of its characters is masked, so 保障车辆工作 gives
    车辆 and not the cross-word pairs 障车 and 辆工.
    """
    lex = lexicon()
    stop = lex.stop_bigrams.union(extra_stop) if extra_stop else lex.stop_bigrams
    out = set()
    for run in _CJK_RUN.findall(text):
        masked = [ch in lex.function_chars for ch in run]
        for i in range(len(run) - 1):
            if run[i : i + 2] in stop:
                masked[i] = masked[i + 1] = True
        for i in range(len(run) - 1):
            if not (masked[i] or masked[i + 1]):
                out.add(run[i : i + 2])
    return frozenset(out)


_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def indicator_text(indicator: Indicator) -> str:
    """What an indicator talks about: its name and description, and its value when that is words.

    Numeric values (≥1200人) carry no content bigrams; leaving them out keeps the text identical
    across the many rows that share a name, so ``content_bigrams`` is computed once for them.
    """
    parts = [indicator.level3, indicator.description]
    parts += [v for v in (indicator.target_raw, indicator.cycle_target_raw) if _CJK_PAIR.search(v)]
    return " ".join(parts)


def _pool(document: Document, section: Section, children: dict[str, list[Section]]) -> list[tuple[Indicator, str]]:
    """The indicators that should measure ``section``'s goal, each with the name it is read under.

    A section's own indicators (and its activities' indicators) measure the section's subject, so
    a generic row such as 业务保障能力 in 地名工作业务经费 is read together with that name.
    Document-level indicators measuring a key task are read on their own.
    """
    if section.indicators:
        return [(i, section.name) for i in section.indicators]
    kids = [(i, child.name) for child in children.get(section.key, ()) for i in child.indicators]
    if kids:
        return kids
    if section.kind in (SectionKind.KEY_TASK, SectionKind.FUNCTION):
        return [(i, "") for s in document.sections if s.kind == SectionKind.DEPARTMENT for i in s.indicators]
    return []


def covered(clause: frozenset[str], pool: Iterable[tuple[frozenset[str], frozenset[str]]], min_shared: int) -> bool:
    """Whether one (indicator bigrams, owner-name bigrams) entry of ``pool`` shares enough with ``clause``."""
    if not clause:
        return True  # nothing specific to measure
    need = min(min_shared, len(clause))
    by_name: dict[frozenset[str], frozenset[str]] = {}
    for bigrams, name in pool:
        from_name = by_name.get(name)
        if from_name is None:
            from_name = by_name[name] = clause & name
        if len(from_name) >= need or len((clause & bigrams) | from_name) >= need:
            return True
    return False


class _LazyPool:
    """(indicator bigrams, name bigrams) of a pool, computed only as far as a clause needs them."""

    def __init__(self, indicators: list[tuple[Indicator, str]], extra: tuple[str, ...]) -> None:
        self._indicators, self._extra, self._done = indicators, extra, []

    def __iter__(self) -> Iterator[tuple[frozenset[str], frozenset[str]]]:
        yield from self._done
        for indicator, name in self._indicators[len(self._done) :]:
            entry = (content_bigrams(indicator_text(indicator), self._extra), content_bigrams(name, self._extra))
            self._done.append(entry)
            yield entry


def _uncovered(ctx: ReviewContext, goal: str, indicators: list[tuple[Indicator, str]]) -> tuple[list[str], int]:
    """The goal clauses no indicator measures, and the number of clauses.

    A clause is measured when one indicator (read with the name of the section it belongs to)
    shares ``min_shared`` content bigrams with it, i.e. talks about the same subject.
    """
    extra = tuple(ctx.param("stop_bigrams", ()))
    min_shared = int(ctx.param("min_shared", 1))
    pool = _LazyPool(indicators, extra)
    clauses = split_clauses(goal)
    missing = [c for c in clauses if not covered(content_bigrams(c, extra), pool, min_shared)]
    return missing, len(clauses)


def _children(document: Document) -> dict[str, list[Section]]:
    out: dict[str, list[Section]] = {}
    for section in document.sections:
        if section.parent_key:
            out.setdefault(section.parent_key, []).append(section)
    return out


def _goal_texts(document: Document) -> list[tuple[str, str]]:
    labels = lexicon().goal_text_labels
    return [(t.label, t.text) for t in document.texts if t.label in labels and t.text.strip()]


def _uncovered_message(missing: list[str], total: int) -> str:
    listed = "；".join(f"“{c[:40]}{'…' if len(c) > 40 else ''}”" for c in missing[:5])
    more = f"等{len(missing)}项" if len(missing) > 5 else ""
    if len(missing) == total:
        return f"绩效目标的各项内容都没有对应的绩效指标：{listed}{more}。"
    return f"绩效目标中有{len(missing)}项内容没有对应的绩效指标：{listed}{more}。"


@rule(
    "JX160",
    "绩效目标没有对应的指标",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="绩效指标是对绩效目标的细化和量化；目标里写了的事情如果没有任何指标去衡量，年底就无法"
    "判断这部分目标是否实现。",
    bad="目标：开展社会组织等级评估和品牌创建工作（指标中没有任何社会组织相关指标）",
    good="产出指标 / 数量指标 / 完成等级评估的社会组织数量 / ≥20个",
)
def goal_not_measured(ctx: ReviewContext) -> Iterator[Hit]:
    for document in ctx.documents:
        children = _children(document)
        any_goal = False
        for section in document.sections:
            if not section.goal.strip():
                continue
            any_goal = True
            pool = _pool(document, section, children)
            if not pool or _no_goal(section):
                continue  # a goal that only names the budget line is JX162's finding
            missing, total = _uncovered(ctx, section.goal, pool)
            if missing:
                yield Hit(
                    _uncovered_message(missing, total),
                    document,
                    section,
                    None,
                    "goal",
                    "；".join(missing),
                    "为每项目标至少设置一个可衡量的指标（数量、质量、时效或效益），"
                    f"如针对“{missing[0][:20]}”设置相应的完成数量或完成率指标。",
                    None if len(missing) == total else Severity.HINT,
                )
        if any_goal:
            continue
        # Only an overall goal (seed 001, 004 part 3): measure it against all indicators of the document.
        pool = [(i, "") for s in document.sections for i in s.indicators]
        if not pool:
            continue
        for label, text in _goal_texts(document):
            missing, total = _uncovered(ctx, text, pool)
            if missing:
                yield Hit(
                    _uncovered_message(missing, total),
                    document,
                    None,
                    None,
                    label,
                    "；".join(missing),
                    "为每项目标至少设置一个可衡量的指标，或删去不在本年度安排的目标。",
                    None if len(missing) == total else Severity.HINT,
                )


@rule(
    "JX161",
    "指标与绩效目标无关",
    Dimension.RELEVANCE,
    Severity.HINT,
    why="指标应当衡量目标中写明的事项；目标里一个字也没提到的指标，可能是从别的表格复制来的，"
    "或者目标漏写了一部分工作。",
    bad="目标：保障车辆正常运行 / 指标：社会组织年检完成率",
    good="目标：保障车辆正常运行 / 指标：车辆完好率 ≥95%",
)
def indicator_not_in_goal(ctx: ReviewContext) -> Iterator[Hit]:
    lex = lexicon()
    extra = tuple(ctx.param("stop_bigrams", ()))
    for document, section in ctx.sections():
        if not section.indicators or len(split_clauses(section.goal)) < 2:
            continue  # a one-line goal cannot be expected to name every indicator
        context = content_bigrams(f"{section.goal} {section.purpose} {section.name}", extra)
        if not context:
            continue
        for row_no, indicator in enumerate(section.indicators, 1):
            if indicator.level2 in lex.generic_level2 or not indicator.level3:
                continue
            words = content_bigrams(f"{indicator.level3} {indicator.description}", extra)
            if len(words) >= 3 and not words & context:
                yield Hit(
                    f"指标“{indicator.level3}”与本项绩效目标、资金用途都没有关联。",
                    document,
                    section,
                    row_no,
                    "level3",
                    indicator.level3,
                    "确认该指标是否属于本项目；如属于，在绩效目标中补写对应的工作内容，否则删除或替换为衡量目标的指标。",
                )


def _strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text.strip())


def norm(text: str) -> str:
    """Compare-form of a goal or purpose: tags, leading item numbers, spaces and punctuation removed."""
    return normalise(_strip_numbering(_TAGS.sub("", text)))


def money_phrase(text: str) -> bool:
    """A short noun phrase naming money (汽车保险费, 老龄事务方面的支出) rather than a result."""
    lex = lexicon()
    key = norm(text)
    if not key or len(key) > 30:
        return False
    return key.endswith(lex.money_endings) and not any(v in key for v in lex.goal_verbs)


def _no_goal(section: Section) -> bool:
    """The goal only names the section or its money (JX162)."""
    goal = norm(section.goal)
    return goal == norm(section.name) or money_phrase(section.goal)


@rule(
    "JX162",
    "绩效目标只是重复资金用途或名称",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="绩效目标要写资金使用后达到的产出和效果；照抄名称、职责或资金用途（如“老龄事务方面的支出”），"
    "等于没有设定目标。",
    bad="项目：汽车保险费 / 绩效目标：汽车保险费",
    good="绩效目标：按时为1辆公务用车续保，保障车辆全年正常运行",
)
def goal_repeats_purpose(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        goal = norm(section.goal)
        if not goal:
            continue
        purpose, name = norm(section.purpose), norm(section.name)
        same_name = goal == name
        same_purpose = goal == purpose
        inside_purpose = bool(purpose) and goal in purpose and not same_purpose
        if section.kind == SectionKind.PROJECT:
            # Projects: 资金用途 and 绩效目标 often share one sentence; only a goal that is the
            # project's name or a bare money phrase says nothing at all.
            hit = same_name or ((same_purpose or inside_purpose) and money_phrase(section.goal))
        else:
            hit = same_name or same_purpose or (inside_purpose and money_phrase(section.goal))
        if not hit:
            continue
        if same_name:
            what = "名称"
        elif section.kind in (SectionKind.FUNCTION, SectionKind.ACTIVITY, SectionKind.KEY_TASK):
            what = "职责（内容描述）"
        else:
            what = "资金用途"
        yield Hit(
            f"绩效目标只是重复了{what}，没有说明要达到的产出和效果。",
            document,
            section,
            None,
            "goal",
            section.goal,
            "写明使用资金后要达到的结果：完成多少、达到什么标准、什么时候完成、带来什么效果，"
            "如“为全县1200名百岁及高龄老人按月足额发放生活补贴，保障率100%”。",
        )


@rule(
    "JX163",
    "指标值照抄绩效目标",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="把绩效目标整句填进指标值，指标就没有可以核验的数值或标准，等于没有设定这项指标。",
    bad="社会效益指标 / 指标值：按文件做好地名区划工作（与绩效目标相同）",
    good="社会效益指标 / 地名标志设置完成率 / ≥95%",
)
def target_copies_goal(ctx: ReviewContext) -> Iterator[Hit]:
    for document in ctx.documents:
        overall = {norm(text) for _, text in _goal_texts(document)}
        for section in document.sections:
            goals = {norm(section.goal)} | (overall if section.kind == SectionKind.DEPARTMENT else set())
            goals = {g for g in goals if len(g) >= 6}
            if not goals:
                continue
            shortest = min(len(g) for g in goals)
            for row_no, indicator in enumerate(section.indicators, 1):
                for field, raw in (("target", indicator.target_raw), ("cycle_target", indicator.cycle_target_raw)):
                    if len(raw) >= shortest and norm(raw) in goals:
                        yield Hit(
                            "指标值与绩效目标原文相同，不是可以核验的指标值。",
                            document,
                            section,
                            row_no,
                            field,
                            raw,
                            "把目标拆成可衡量的指标，如“地名标志设置完成率 ≥95%”“群众满意度 ≥90%”，"
                            "指标值写比较符、数字和单位。",
                        )
                        break


_COPY_KINDS = (
    SectionKind.FUNCTION,
    SectionKind.ACTIVITY,
    SectionKind.KEY_TASK,
    SectionKind.SPECIAL_FUND,
    SectionKind.SPENDING_DIRECTION,
)


@rule(
    "JX164",
    "职责或目标文字与其他部分完全相同",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="两项不同的职责（或专项）写着一字不差的内容描述和目标，通常是复制粘贴时忘了修改，"
    "至少有一项的文字与它的名称不符。",
    bad="社会救助政策及管理 / 职责：承担对社会组织的登记管理……（与“社会管理与服务”完全相同）",
    good="社会救助政策及管理 / 职责：负责城乡低保、特困供养、临时救助和医疗救助工作",
)
def copied_text(ctx: ReviewContext) -> Iterator[Hit]:
    min_chars = int(ctx.param("min_chars", 12))
    for document in ctx.documents:
        seen: dict[tuple[SectionKind, str, str], list[Section]] = {}
        for section in document.sections:
            if section.kind not in _COPY_KINDS:
                continue
            for field in ("purpose", "goal"):
                key = norm(getattr(section, field))
                if len(key) >= min_chars:
                    seen.setdefault((section.kind, field, key), []).append(section)
        reported: dict[int, dict[str, Section]] = {}
        for (_, field, _), sections in seen.items():
            names = {norm(s.name) for s in sections}
            if len(names) < 2:
                continue
            for section in sections:
                other = next(s for s in sections if norm(s.name) != norm(section.name))
                reported.setdefault(id(section), {})[field] = other
        for section in document.sections:
            fields = reported.get(id(section))
            if not fields:
                continue
            field = "purpose" if "purpose" in fields else "goal"
            other = fields[field]
            what = "职责（内容描述）和绩效目标" if len(fields) == 2 else ("职责（内容描述）" if field == "purpose" else "绩效目标")
            yield Hit(
                f"{what}与“{other.name}”完全相同，像是复制后没有修改。",
                document,
                section,
                None,
                field,
                getattr(section, field),
                f"按“{section.name}”本身的职责和资金安排重写{what}，与“{other.name}”区分开。",
            )


@rule(
    "JX165",
    "同一笔资金在两张表中的绩效目标不一致",
    Dimension.CONSISTENCY,
    Severity.HINT,
    why="专项资金汇总表和支出方向表说的是同一笔钱，绩效目标应当一致；两处写法不同，"
    "年底自评时不知道以哪一个为准。",
    bad="汇总表：按文件做好困难群众生活保障工作；支出方向表：按文件保障城市低保户基本生活",
    good="两表都写：按月足额发放城市低保金，保障城市低保对象基本生活",
)
def fund_goals_differ(ctx: ReviewContext) -> Iterator[Hit]:
    from jixiao.review.rules.money import fund_links  # money imports nothing from here; late import keeps the modules apart

    for _, fund, directions in fund_links(ctx.documents):
        if len(directions) != 1:
            continue  # several directions each carry a part of the fund's goal
        document, direction = directions[0]
        if fund.goal.strip() and direction.goal.strip() and norm(fund.goal) != norm(direction.goal):
            yield Hit(
                f"专项资金“{fund.name}”在汇总表中的绩效目标是“{fund.goal.strip()}”，"
                f"在支出方向表中却是“{direction.goal.strip()}”。",
                document,
                direction,
                None,
                "goal",
                f"{fund.goal.strip()}；{direction.goal.strip()}",
                "统一两张表的绩效目标，写成可衡量的结果（对象、数量、标准、时限）。",
            )
