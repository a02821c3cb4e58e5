"""Dates and text quality (规范性): years that fit the budget year, and text a reader can trust.

A 2022 table whose indicator says ``2020年底前…`` was copied from an old table; a description that
still says ``某月前`` was never filled in; ``反应`` for 反映, HTML tags such as ``<p>`` and words typed
twice (老年人老年人) tell the finance bureau the table was not proof-read. Word lists (typos with
their corrections, template words) are data: ``data/text_quality.toml``.

Profile parameters: ``[rules.JX182]`` ``template_words``; ``[rules.JX183]`` ``typos`` (a list of
``{ wrong = "…", right = "…" }``, optionally ``unless_before`` / ``unless_after``);
``[rules.JX185]`` ``allowed`` (repeats that are correct, e.g. a proper name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from jixiao.findings import Severity
from jixiao.model.document import Document, Section, SectionKind
from jixiao.review.context import Cell, Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.values.types import Placeholder


@dataclass(frozen=True, slots=True)
class Typo:
    wrong: str
    right: str
    note: str = ""
    unless_before: tuple[str, ...] = ()
    unless_after: tuple[str, ...] = ()

    def real_at(self, text: str, at: int) -> bool:
        """Whether the occurrence of ``wrong`` at ``at`` is a typo (not one of the right contexts)."""
        before, after = text[max(0, at - 4) : at], text[at + len(self.wrong) : at + len(self.wrong) + 4]
        return not any(before.endswith(w) for w in self.unless_before) and not any(
            after.startswith(w) for w in self.unless_after
        )


@dataclass(frozen=True, slots=True)
class Lexicon:
    typos: tuple[Typo, ...]
    template_words: tuple[str, ...]
    foreign_words: tuple[str, ...]
    deadline_after: tuple[str, ...]
    skip_fields: frozenset[str]


def _typo(entry: dict) -> Typo:
    return Typo(
        entry["wrong"],
        entry["right"],
        entry.get("note", ""),
        tuple(entry.get("unless_before", ())),
        tuple(entry.get("unless_after", ())),
    )


@cache
def lexicon() -> Lexicon:
    data = review_data("text_quality.toml")
    return Lexicon(
        tuple(_typo(e) for e in data["typo"] if e["wrong"] != e["right"]),
        tuple(data["template"]["words"]),
        tuple(data["template"]["foreign"]),
        tuple(data["years"]["deadline_after"]),
        frozenset(data["fields"]["skip"]),
    )


INDICATOR_FIELDS = ("level3", "description", "target", "cycle_target", "basis")


def raw_cells(document: Document) -> Iterator[tuple[Section | None, int | None, str, str]]:
    """(section, row_no, field, text) of every text cell the unit wrote: document texts, section
    texts and fields, indicator cells. Empty cells are skipped."""
    skip = lexicon().skip_fields
    for block in document.texts:
        if block.text.strip():
            yield None, None, block.label, block.text
    for section in document.sections:
        seen = set()
        for field in ("name", "purpose", "goal"):
            text = getattr(section, field)
            if text.strip():
                seen.add(text.strip())
                yield section, None, field, text
        for key, text in section.fields.items():
            if key not in skip and text.strip() and text.strip() not in seen:
                yield section, None, key, text
        for row_no, ind in enumerate(section.indicators, 1):
            for field, text in zip(
                INDICATOR_FIELDS, (ind.level3, ind.description, ind.target_raw, ind.cycle_target_raw, ind.basis)
            ):
                if text:
                    yield section, row_no, field, text


_MISSING = object()


def cells(ctx: ReviewContext) -> list[Cell]:
    """Every text cell of the review (see ``raw_cells``), shared by the rules that read them."""
    return ctx.shared(_cells)


def _cells(ctx: ReviewContext) -> list[Cell]:
    return [Cell(document, *raw) for document in ctx.documents for raw in raw_cells(document)]


def scan(ctx: ReviewContext, check: Callable[[str], object], fields: tuple[str, ...] = ()) -> Iterator[tuple[Cell, object]]:
    """Cells where ``check(text)`` is truthy, with its result.

    Tables repeat the same texts across thousands of projects, so ``check`` runs once per distinct
    text of the review (a plain dict, dropped when the rule ends).
    """
    memo: dict[str, object] = {}
    for cell in cells(ctx):
        if fields and cell.field not in fields:
            continue
        result = memo.get(cell.text, _MISSING)
        if result is _MISSING:
            result = memo[cell.text] = check(cell.text)
        if result:
            yield cell, result


def snippet(text: str, at: int, length: int, width: int = 16) -> str:
    """The cell as written when short; otherwise the words around position ``at``."""
    if len(text) <= 80:
        return text
    start, end = max(0, at - width), min(len(text), at + length + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# ---------------------------------------------------------------------------------------------
# Years
# ---------------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![\d〔\[【（(])((?:19|20)\d{2})(?=年)")
_MONTH = re.compile(r"年\d{1,2}月")
_TITLE_SPAN = re.compile(r"《[^《》]*》")
_NUMBER_SPAN = re.compile(r"[〔\[【（(]\s*(?:19|20)\d{2}\s*[〕\]】）)]")


def _masked(text: str) -> str:
    """``text`` with document titles and 文号 years blanked (their years are not deadlines)."""
    out = _TITLE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    return _NUMBER_SPAN.sub(lambda m: " " * len(m.group(0)), out)


def deadline_years(text: str, after: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(year, position) of every year in ``text`` used as a point in time (2020年底前, 2019年6月)."""
    if "年" not in text:
        return ()
    masked = _masked(text)
    out = []
    for match in _YEAR.finditer(masked):
        tail = masked[match.end() : match.end() + 5]
        if tail.startswith(after) or _MONTH.match(tail):
            out.append((int(match.group(1)), match.start()))
    return tuple(out)


@rule(
    "JX180",
    "年份与预算年度不符",
    Dimension.CONSISTENCY,
    Severity.WARNING,
    why="本年度的目标表里出现“2020年底前完成”这样早于预算年度的时间，说明指标是从旧表格复制来的，"
    "目标早已到期，无法作为本年度的考核标准。",
    bad="2022年目标表 / 2020年底前，尚未实行社会化管理的国有企业已退休人员移交……的比例",
    good="2022年目标表 / 2022年底前……移交街道和社区实行社会化管理的比例 / 100%",
)
def stale_year(ctx: ReviewContext) -> Iterator[Hit]:
    after = lexicon().deadline_after
    fields = ("goal", "level3", "description", "target", "cycle_target")
    for cell, found in scan(ctx, lambda text: deadline_years(text, after), fields):
        year = cell.document.year
        if year is None or cell.section is None:
            continue
        stale = [(old, at) for old, at in found if old < year]
        if not stale:
            continue
        old, at = stale[0]
        fixed = cell.text[:at] + str(year) + cell.text[at + 4 :]
        yield cell.hit(
            f"写的是{old}年的时间，早于本表的预算年度{year}年，像是从旧表格复制的。",
            snippet(cell.text, at, 4),
            f"按{year}年度的安排改写，如“{snippet(fixed, at, 4)}”。",
        )


_ADVANCE = re.compile(r"提前下达\s*((?:19|20)\d{2})\s*年")


@rule(
    "JX181",
    "以前年度的提前下达资金列入本年",
    Dimension.CONSISTENCY,
    Severity.HINT,
    why="“提前下达2021年××资金”属于2021年度预算；出现在2022年的目标表中，要么是上年结转资金"
    "（应注明结转并按本年情况重设目标），要么是把上年的表格整体搬了过来。",
    bad="2022年目标表 / 项目：提前下达2021年养老服务体系建设经费预算指标",
    good="项目：2021年结转养老服务体系建设经费（按2022年实际安排重设目标）",
)
def advance_of_earlier_year(ctx: ReviewContext) -> Iterator[Hit]:
    for document, section in ctx.sections():
        if document.year is None or section.kind != SectionKind.PROJECT:
            continue
        match = _ADVANCE.search(section.name)
        if match and int(match.group(1)) < document.year:
            yield Hit(
                f"项目是提前下达的{match.group(1)}年资金，却列在{document.year}年度的目标表中。",
                document,
                section,
                None,
                "name",
                section.name,
                f"如属上年结转资金，在名称中注明“{match.group(1)}年结转”，并按{document.year}年实际安排重新设定目标和指标；"
                "否则移出本年度目标表。",
            )


# ---------------------------------------------------------------------------------------------
# Template text
# ---------------------------------------------------------------------------------------------

_XX = re.compile(r"(?<![A-Za-z])(?:[Xx×]{2,}|[*＊]{2,})(?![A-Za-z])")


def template_word(text: str, words: tuple[str, ...], foreign: tuple[str, ...]) -> tuple[str, int, bool]:
    """(word, position, is_foreign) of the first template word in ``text``, or ('', -1, False)."""
    for word in words:
        at = text.find(word)
        if at >= 0:
            return word, at, False
    match = _XX.search(text)
    if match:
        return match.group(0), match.start(), False
    for word in foreign:
        at = text.find(word)
        if at >= 0:
            return word, at, True
    return "", -1, False


@rule(
    "JX182",
    "模板提示文字未替换",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="“某月”“XX”“**”是模板里等待填写的位置；留在表中说明这一项没有真正填写。出现“本集团”"
    "“本公司”等字样，说明内容是从企业的模板复制来的。",
    bad="时效指标 / 补助发放时效 / 反映在某月前将补助发放到位",
    good="时效指标 / 补助发放时效 / 6月底前将补助发放到位",
)
def template_text(ctx: ReviewContext) -> Iterator[Hit]:
    lex = lexicon()
    words = ctx.extended("template_words", lex.template_words)

    def check(text: str):
        found = template_word(text, words, lex.foreign_words)
        return found if found[0] else None

    for cell, (word, at, foreign) in scan(ctx, check):
        if cell.field in ("target", "cycle_target") and cell.section is not None and cell.row_no:
            ind = cell.section.indicators[cell.row_no - 1]
            if isinstance(ind.target if cell.field == "target" else ind.cycle_target, Placeholder):
                continue  # the whole value is a placeholder: JX110
        if foreign:
            yield cell.hit(
                f"出现“{word}”，像是从企业的模板复制来的，与本单位不符。",
                snippet(cell.text, at, len(word)),
                "按本单位、本项目的服务对象重写，如“服务对象满意度（问卷调查满意人数/调查总人数）”。",
            )
        else:
            yield cell.hit(
                f"“{word}”是模板中待填写的文字，没有替换成实际内容。",
                snippet(cell.text, at, len(word)),
                f"把“{word}”换成具体内容" + ("，如“6月底前”。" if "月" in word else "（具体的时间、数量或名称）。"),
            )


# ---------------------------------------------------------------------------------------------
# Typos, HTML, repeated words, numbering
# ---------------------------------------------------------------------------------------------


def typo_finder(typos: tuple[Typo, ...]) -> Callable[[str], tuple[tuple[Typo, int], ...]]:
    """A function giving (typo, position) of the first real occurrence of each typo in a text."""
    by_wrong: dict[str, list[Typo]] = {}
    for typo in typos:
        by_wrong.setdefault(typo.wrong, []).append(typo)
    pattern = re.compile("|".join(map(re.escape, sorted(by_wrong, key=len, reverse=True))))

    def find(text: str) -> tuple[tuple[Typo, int], ...]:
        found: dict[str, tuple[Typo, int]] = {}
        at = 0
        while match := pattern.search(text, at):
            for typo in by_wrong[match.group(0)]:
                if typo.wrong not in found and typo.real_at(text, match.start()):
                    found[typo.wrong] = (typo, match.start())
            at = match.start() + 1  # overlapping entries (应保尽保存 / 保存) are all tried
        return tuple(found.values())

    return find


@rule(
    "JX183",
    "错别字",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="目标表要公开、要作为考核依据；错别字会改变意思（“反应”与“反映”），也让审核人怀疑表格没有认真核对。",
    bad="反应决算金额是否超过预算额度",
    good="反映决算金额是否超过预算额度",
)
def typos(ctx: ReviewContext) -> Iterator[Hit]:
    entries = lexicon().typos + tuple(_typo(e) for e in ctx.param("typos", ()))
    for cell, found in scan(ctx, typo_finder(entries)):
        for typo, at in found:
            fixed = cell.text[:at] + typo.right + cell.text[at + len(typo.wrong) :]
            note = f"（{typo.note}）" if typo.note else ""
            yield cell.hit(
                f"“{typo.wrong}”应为“{typo.right}”{note}。",
                snippet(cell.text, at, len(typo.wrong)),
                f"改为“{snippet(fixed, at, len(typo.right))}”。",
            )


_SPACE_RUN = re.compile(r"\s{2,}")
_HTML = re.compile(
    r"</?(?:p|br|div|span|b|i|u|em|strong|font|table|tr|td|th|li|ul|ol|h[1-6])\b[^<>]{0,80}>"
    r"|&(?:nbsp|lt|gt|amp|quot|#\d{1,5});",
    re.IGNORECASE,
)


@rule(
    "JX184",
    "文字中残留网页标签",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="“<p>”“</p>”“&nbsp;”是从网页或系统导出时带进来的排版代码，打印和公开时会原样显示。",
    bad="<p>目标1：做好救助工作……</p>",
    good="目标1：做好救助工作……",
)
def html_tags(ctx: ReviewContext) -> Iterator[Hit]:
    def check(text: str):
        return _HTML.findall(text) if ("<" in text or "&" in text) else None

    for cell, tags in scan(ctx, check):
        at = _HTML.search(cell.text).start()
        cleaned = _SPACE_RUN.sub(" ", _HTML.sub(" ", cell.text)).strip()
        shown = "、".join(dict.fromkeys(tags))
        yield cell.hit(
            f"文字中残留网页标签 {shown}（共{len(tags)}处）。",
            snippet(cell.text, at, len(tags[0])),
            f"删除标签，保留文字：“{cleaned[:60]}{'…' if len(cleaned) > 60 else ''}”。",
        )


# Three characters or more typed twice (老年人老年人). Two-character repeats are left alone: at a
# compound boundary they are correct Chinese (养老服务|服务对象, 社区建设|建设资金).
_REPEAT = re.compile(r"([\u4e00-\u9fff]{3,8})\1")
_PLACE_REPEAT = re.compile(r"([省市县区乡镇])、\1(?![直属内域委级])")


@rule(
    "JX185",
    "词语重复",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="同一个词连写两遍（“老年人老年人”）或并列项重复（“区、区财政”）是录入错误，会让指标名称和"
    "目标读不通。",
    bad="改造困难老年人老年人满意度",
    good="改造困难老年人满意度",
)
def repeated_words(ctx: ReviewContext) -> Iterator[Hit]:
    allowed = frozenset(ctx.param("allowed", ()))

    def check(text: str):
        match = _REPEAT.search(text)
        if match and match.group(0) not in allowed:
            return "word", match.start(), match.group(1)
        match = _PLACE_REPEAT.search(text)
        if match:
            return "place", match.start(), match.group(0)
        return None

    for cell, (kind, at, word) in scan(ctx, check):
        if kind == "word":
            fixed = cell.text[:at] + cell.text[at + len(word) :]
            yield cell.hit(
                f"“{word}”连续写了两遍。",
                snippet(cell.text, at, 2 * len(word)),
                f"改为“{snippet(fixed, at, len(word))}”。",
            )
        else:
            yield cell.hit(
                f"并列的“{word}”重复了同一级别，可能漏写或写错了一级（如“市、区”）。",
                snippet(cell.text, at, len(word)),
                "核对原意，改为正确的并列层级，如“市、区财政资金”。",
                Severity.HINT,
            )


_DOUBLE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*\1\s*[.．、](?!\d)")
_FIRST_NUMBER = re.compile(r"\s*\d{1,2}\s*[.．、]\s*")
# N.2 anywhere (N in group 1); a lookahead, so that matches may overlap and none is passed over
_SECOND_LEVEL = re.compile(r"(?<!\d)(?=(\d{1,2})\s*[.．]\s*2)")


_CHINESE_FIRST = re.compile(r"^\s*一\s*[、.．]")
_ARABIC_SECOND = re.compile(r"(?<![\d.．])2\s*[、.．](?!\d)")


def numbering_problems(text: str) -> tuple[str, ...]:
    """'double' when the text starts 1.1. and goes on with 2.; 'mixed' when it starts 一、 and goes on
    with 2、; 'quote' for a stray closing quote."""
    out = []
    text = text.strip()
    if _CHINESE_FIRST.match(text) and _ARABIC_SECOND.search(text) and "二、" not in text:
        out.append("mixed")
    match = _DOUBLE_NUMBER.match(text)
    if match and all(m.group(1) != match.group(1) for m in _SECOND_LEVEL.finditer(text)):
        out.append("double")
    if text.endswith(('"', "“")) and (text.count('"') % 2 == 1 or text.count("“") > text.count("”")):
        out.append("quote")
    return tuple(out)


@rule(
    "JX186",
    "编号重复或标点残留",
    Dimension.CONFORMITY,
    Severity.HINT,
    why="“1.1.稳步推进……”后面接“2.”说明编号被重复加了一次；“一、……2、……”混用两种编号；"
    "文末多出的半个引号是复制时带进来的，都需要在定稿前清理。",
    bad="1.1.稳步推进城乡低保提标……2.规范实施临时救助政策……\"",
    good="1.稳步推进城乡低保提标……2.规范实施临时救助政策……",
)
def numbering_and_stray_marks(ctx: ReviewContext) -> Iterator[Hit]:
    for cell, problems in scan(ctx, numbering_problems):
        if cell.section is not None and cell.field not in ("goal", "purpose"):
            continue
        text = cell.text.strip()
        if "double" in problems:
            marker = _DOUBLE_NUMBER.match(text).group(0).strip()
            fixed = text[_FIRST_NUMBER.match(text).end() :]
            yield cell.hit(
                f"开头的编号“{marker}”重复，后面各项是“2.”“3.”……",
                snippet(text, 0, len(marker)),
                f"删去多余的编号，改为“{snippet(fixed, 0, 2)}”。",
            )
        if "mixed" in problems:
            yield cell.hit(
                "编号混用：第一项是“一、”，后面各项却是“2、”“3、”……",
                snippet(text, 0, 2),
                "统一编号，如“1、……2、……3、……”。",
            )
        if "quote" in problems:
            yield cell.hit("文末多了一个引号，像是复制时带进来的。", snippet(text, len(text) - 1, 1), "删去文末的引号。")


# ---------------------------------------------------------------------------------------------
# Text copied from a twin section or from another place
# ---------------------------------------------------------------------------------------------


def _other_side(name: str, text: str, pairs: list[list[str]]) -> tuple[str, str] | None:
    """(the side ``name`` is about, the other side ``text`` names) — or None."""
    for a, b in pairs:
        for own, other in ((a, b), (b, a)):
            if own in name and other not in name and other in text:
                return own, other
    return None


@rule(
    "JX187",
    "文字写的是另一类对象（城市/农村）",
    Dimension.CONSISTENCY,
    Severity.WARNING,
    why="城市低保和农村低保往往分成两张表，一张照着另一张写；农村低保的效益写成“保障城市困难群众”，"
    "说明复制后没有改，指标考核的对象错了。",
    bad="农村低保户 / 社会效益：通过每月定时发放农村低保金，有效保障城市困难群众的基本生活",
    good="农村低保户 / 社会效益：通过每月定时发放农村低保金，有效保障农村困难群众的基本生活",
)
def other_side_named(ctx: ReviewContext) -> Iterator[Hit]:
    pairs = ctx.extended("opposites", review_data("text_quality.toml")["opposites"]["pairs"])
    for cell in cells(ctx):
        if cell.section is None or cell.field == "name":
            continue
        sides = _other_side(cell.section.name, cell.text, pairs)
        if sides:
            own, other = sides
            yield cell.hit(
                f"“{cell.section.name}”讲的是{own}，这里却写了“{other}”，像是从{other}的表格复制后没有修改。",
                snippet(cell.text, cell.text.index(other), len(other)),
                f"核对后把“{other}”改为“{own}”。",
            )


def _admin_kind(organisation: str, kinds: tuple[str, ...]) -> str:
    """县, 区 or 旗: the last county-level word in the unit's name ('' when none)."""
    found = [(organisation.rfind(k), k) for k in kinds if k in organisation]
    return max(found)[1] if found else ""


@rule(
    "JX188",
    "行政区划级别与单位不符（县的文件写“全区”）",
    Dimension.CONSISTENCY,
    Severity.HINT,
    why="县级单位的目标写“全区”，说明文字是从某个区的材料复制来的，目标范围未必符合本县实际。",
    bad="渚源县民政局：进一步深化全区殡葬改革",
    good="渚源县民政局：进一步深化全县殡葬改革",
)
def other_admin_level(ctx: ReviewContext) -> Iterator[Hit]:
    data = review_data("text_quality.toml")["admin_levels"]
    kinds, prefixes = ctx.extended("kinds", data["kinds"]), ctx.extended("prefixes", data["prefixes"])
    for document in ctx.documents:
        own = _admin_kind(document.organisation, kinds)
        if not own:
            continue
        words = [p + k for k in kinds if k != own for p in prefixes]
        for section, row_no, field, text in raw_cells(document):
            word = next((w for w in words if w in text), "")
            if word:
                yield Cell(document, section, row_no, field, text).hit(
                    f"本单位是{own}级（{document.organisation}），这里却写“{word}”，像是从其他地方的材料复制来的。",
                    snippet(text, text.index(word), len(word)),
                    f"改为“{word[:-1]}{own}”，并核对目标范围是否符合本{own}实际。",
                )
