"""Citations (指标值确定依据 and 文号): the basis of a target must be a real, correctly cited basis.

A 文号 is read as 机关代字 + 〔年份〕 + 序号 + 号; the brackets 〔〕 [] 【】 （） () are one form
(冀民[2019]107号 and 冀民〔2019〕107号 are the same number). The rules look for numbers that are
malformed, one document cited with several numbers (Excel drag-fill: 92号, 93号, 94号 …), a
机关代字 whose first character is not a place the document knows (亲政函 for 秦政函), a project that
cites another project's fund document, and a basis that is not a basis at all.

Everything is collected in one pass over the cells and grouped with hash maps: linear in the
number of indicators. Word lists are in ``data/citations.toml``.

Profile parameters: ``[rules.JX172]`` ``known_first_chars`` (more place abbreviations that may
start a 机关代字); ``[rules.JX175]`` ``unrelated_issuers`` (more organisations whose documents are
no civil-affairs basis).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from jixiao.findings import Severity, row_numbers
from jixiao.model.document import Document, Indicator, Section, SectionKind
from jixiao.review.context import Hit, ReviewContext, review_data
from jixiao.review.registry import Dimension, rule
from jixiao.review.similarity import normalise


@dataclass(frozen=True, slots=True)
class Lexicon:
    provinces: frozenset[str]
    national: frozenset[str]
    city_abbreviations: dict[str, str]
    title_words: tuple[str, ...]
    basis_words: tuple[str, ...]
    unrelated_issuers: tuple[str, ...]
    document_markers: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    data = review_data("citations.toml")
    issuers, fmt, basis = data["issuers"], data["format"], data["basis"]
    return Lexicon(
        frozenset(issuers["provinces"]),
        frozenset(issuers["national"]),
        dict(issuers["city_abbreviations"]),
        tuple(sorted(fmt["title_words"], key=len, reverse=True)),
        tuple(basis["basis_words"]),
        tuple(basis["unrelated_issuers"]),
        tuple(basis["document_markers"]),
    )


_NUMBER = re.compile(
    r"(?P<open>[〔\[【（(［﹝])\s*(?P<year>\d{2,5})\s*(?P<close>[〕\]】）)］﹞])\s*(?:第\s*)?(?P<num>\d{1,5})\s*(?P<hao>号)?"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"《[^《》]{2,80}》")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区)")
_MAX_RUN = 12


@dataclass(frozen=True, slots=True)
class Citation:
    """One 文号 found in a cell."""

    raw: str  # as written, from the first character of the 机关代字 to 号
    run: str  # the Chinese characters right before the bracket
    prefix: str  # the 机关代字 (run without a glued title)
    year: str
    number: str
    has_hao: bool
    glued: str  # the title words glued in front of the 机关代字 ('' when well separated)
    start: int
    end: int

    def canonical(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.number}号"

    def key(self) -> tuple[str, str, str]:
        return self.prefix, self.year, self.number


@lru_cache(maxsize=65_536)
def find_citations(text: str) -> tuple[Citation, ...]:
    """Every 文号 in ``text`` (cached: the same basis text repeats across many rows)."""
    if not any(ch in text for ch in "〔[【（(［﹝"):
        return ()
    lex = lexicon()
    out = []
    for match in _NUMBER.finditer(text):
        if not match.group("num"):
            continue
        start = match.start()
        while start > 0 and match.start() - start < _MAX_RUN and _CJK.match(text[start - 1]):
            start -= 1
        run = text[start : match.start()]
        if not run:
            continue
        prefix, glued = run, ""
        for word in lex.title_words:
            at = run.rfind(word)
            if at >= 0 and 1 <= len(run) - at - len(word) <= 6:
                cut = at + len(word)
                prefix, glued = run[cut:], run[:cut]
                break
        if not glued and len(prefix) > 8:
            prefix = prefix[-8:]  # a long run: keep the characters nearest the number
        out.append(
            Citation(
                text[start : match.end()],
                run,
                prefix,
                match.group("year"),
                match.group("num"),
                bool(match.group("hao")),
                glued,
                start,
                match.end(),
            )
        )
    return tuple(out)


@dataclass(slots=True)
class Cell:
    document: Document
    section: Section
    row_no: int | None
    field: str
    text: str
    citations: tuple[Citation, ...] = ()


def _cells(ctx: ReviewContext) -> list[Cell]:
    """Every cell that may hold a 文号, with the citations in it (cells without one are skipped)."""
    out = []
    for document, section in ctx.sections():
        for name, text in (("name", section.name), ("purpose", section.purpose), ("goal", section.goal)):
            if found := find_citations(text):
                out.append(Cell(document, section, None, name, text, found))
        for row_no, indicator in enumerate(section.indicators, 1):
            for name, text in (("basis", indicator.basis), ("description", indicator.description), ("level3", indicator.level3)):
                if found := find_citations(text):
                    out.append(Cell(document, section, row_no, name, text, found))
    return out


def _all_cells(ctx: ReviewContext) -> list[Cell]:
    """The citation cells of this review, found once and shared by the rules of this module."""
    return ctx.shared(_cells)


@rule(
    "JX170",
    "文号格式错误",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="文号由机关代字、〔年份〕、序号和“号”组成，写错了就查不到原文件，审核时无法核对依据。"
    "常见错误：文件名和文号连在一起（书名号位置不对）、年份位数不对、漏写“号”、引用预算年度之后的文件。",
    bad="《生活无着的流浪乞讨人员救助管理机构工作规程》的通知民发〔2014〕132号",
    good="《民政部关于印发〈生活无着的流浪乞讨人员救助管理机构工作规程〉的通知》（民发〔2014〕132号）",
)
def malformed_citation(ctx: ReviewContext) -> Iterator[Hit]:
    for cell in _all_cells(ctx):
        year_limit = (cell.document.year or 0) + 1 if cell.document.year else None
        for c in cell.citations:
            problems = []
            if c.glued:
                problems.append(f"文件名与文号连在一起（“{c.glued[-6:]}{c.prefix}”），书名号位置不对")
            if len(c.year) != 4 or not 1949 <= int(c.year) <= 2100:
                problems.append(f"年份“{c.year}”不是四位年份")
            elif year_limit and int(c.year) > year_limit:
                problems.append(f"文件年份{c.year}晚于预算年度{cell.document.year}")
            if not c.has_hao:
                problems.append("序号后漏写“号”")
            if not problems:
                continue
            if c.glued:
                suggestion = f"把文件名放进书名号、文号放在其后的括号里，如“《…{c.glued}》（{c.canonical()}）”。"
            else:
                suggestion = f"核对原文件后写成“{c.canonical()}”的格式（机关代字〔四位年份〕序号号）。"
            yield Hit(
                f"文号“{c.raw}”格式有误：{'；'.join(problems)}。",
                cell.document,
                cell.section,
                cell.row_no,
                cell.field,
                cell.text,
                suggestion,
            )


def _context_key(text: str, citation: Citation, all_citations: tuple[Citation, ...]) -> str | None:
    """What the cell says around ``citation`` (the citation itself masked), or None when too bare.

    Two cells with the same context cite the same document; a bare "冀民〔2019〕97号" next to a
    bare "冀民〔2019〕107号" may well be two documents, so bare cells are not compared.
    """
    rest = text
    for other in sorted(all_citations, key=lambda c: c.start, reverse=True):
        rest = rest[: other.start] + rest[other.end :]
    if len(_CJK.findall(rest)) < 6 and not _TITLE.search(text):
        return None
    return normalise(text[: citation.start] + "#" + text[citation.end :])


def _consecutive(numbers: list[int]) -> bool:
    ordered = sorted(set(numbers))
    return any(b - a == 1 for a, b in pairwise(ordered))


@rule(
    "JX171",
    "同一文件引用了不同文号",
    Dimension.CONSISTENCY,
    Severity.WARNING,
    why="同一份文件在各行的依据中应当是同一个文号；编号逐行递增（92号、93号、94号……）通常是"
    "在Excel中下拉填充造成的，只有一个是对的。",
    bad="第1行 亲政函【2014】92号；第2行 亲政函【2014】93号；第3行 亲政函【2014】94号",
    good="各行都引用 秦政函〔2014〕92号",
)
def inconsistent_numbers(ctx: ReviewContext) -> Iterator[Hit]:
    groups: dict[str, list[tuple[Cell, Citation]]] = {}
    for cell in _all_cells(ctx):
        if cell.field != "basis":
            continue
        for c in cell.citations:
            key = _context_key(cell.text, c, cell.citations)
            if key is not None:
                groups.setdefault(key, []).append((cell, c))
    for members in groups.values():
        counts = Counter(c.canonical() for _, c in members)
        if len(counts) < 2:
            continue
        ranked = counts.most_common()
        majority = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
        numbers = [int(c.number) for _, c in members if c.prefix == members[0][1].prefix and c.year == members[0][1].year]
        drag = _consecutive(numbers)
        listed = "、".join(counts)
        for cell, c in members:
            if majority is not None and c.canonical() == majority:
                continue
            reason = "编号相邻递增，像是在Excel中下拉填充造成的" if drag else "同一份文件不应有两个文号"
            if majority:
                message = f"同一依据在其他行引用的是“{majority}”，本行却是“{c.raw}”：{reason}。"
                suggestion = f"核对原文件，多数行写的是“{majority}”；如确为同一文件，统一改为正确文号。"
            else:
                message = f"同一依据在各行引用了不同文号（{listed}）：{reason}。"
                suggestion = "核对原文件，各行统一写成同一个正确文号。"
            yield Hit(message, cell.document, cell.section, cell.row_no, cell.field, cell.text, suggestion)


def _place_chars(documents: list[Document]) -> set[str]:
    """First characters of the places the documents name (秦皇岛市山海关区民政局 → 秦, 山)."""
    lex = lexicon()
    out: set[str] = set()
    names = []
    for document in documents:
        names.append(document.organisation)
        names.extend(u.name for u in document.units)
        names.extend(s.unit.name for s in document.sections if s.unit.name)
    for name in set(names):
        for match in _PLACE.finditer(name):
            out.add(match.group(1)[0])
        for city, abbreviation in lex.city_abbreviations.items():
            if city in name:
                out.add(abbreviation)
    return out


@rule(
    "JX172",
    "文号机关代字疑似错别字",
    Dimension.CONFORMITY,
    Severity.WARNING,
    why="机关代字的第一个字是发文机关所在地的简称（冀 = 河北，秦 = 秦皇岛）；首字不是任何已知地区或"
    "中央部门的简称、而改一个字就和本文件中其他文号一致时，多半是输入法选错了字。",
    bad="亲政函【2014】92号（本文件其他文号为 秦政〔2007〕87号、秦政发〔2015〕8号）",
    good="秦政函〔2014〕92号",
)
def prefix_typo(ctx: ReviewContext) -> Iterator[Hit]:
    lex = lexicon()
    cells = _all_cells(ctx)
    prefixes: Counter[str] = Counter(c.prefix for cell in cells for c in cell.citations)
    first_counts: Counter[str] = Counter()
    first_kinds: dict[str, set[str]] = {}
    for prefix, count in prefixes.items():
        first_counts[prefix[0]] += count
        first_kinds.setdefault(prefix[0], set()).add(prefix)
    local = _place_chars(ctx.documents) | set(ctx.param("known_first_chars", ()))
    frequent = {ch for ch, n in first_counts.items() if n >= 3 and len(first_kinds[ch]) >= 2}
    known = lex.provinces | lex.national | local | frequent
    for cell in cells:
        for c in cell.citations:
            p = c.prefix
            if len(p) < 2 or p[0] in known:
                continue
            candidates = sorted(
                {q[0] for q in prefixes if q != p and len(q) >= 2 and q[1] == p[1] and q[0] in known},
                key=lambda ch: (-first_counts[ch], ch),
            )
            if not candidates:
                continue
            fixed = candidates[0] + p[1:]
            others = "、".join(sorted(q for q in prefixes if q[0] == candidates[0] and q[1] == p[1])[:3])
            yield Hit(
                f"文号“{c.raw}”的机关代字“{p}”首字“{p[0]}”不是已知地区或部门的简称；"
                f"本文件其他文号用的是“{others}”，疑为“{fixed}”之误。",
                cell.document,
                cell.section,
                cell.row_no,
                cell.field,
                cell.text,
                f"核对原文件，改为“{fixed}〔{c.year}〕{c.number}号”。",
            )


@rule(
    "JX173",
    "依据引用了其他项目的资金文件",
    Dimension.CONSISTENCY,
    Severity.HINT,
    why="以资金文件命名的项目，其指标依据通常就是该文件；依据却引用了同一机关的另一份资金文件，"
    "而那份文件恰好是本表中另一个项目的来源，说明指标表是从那个项目复制过来的。",
    bad="项目：…秦财企【2021】637号 / 依据：秦财企[2020]857号（另一项目的文件）",
    good="项目：…秦财企【2021】637号 / 依据：秦财企〔2021〕637号及年度工作计划",
)
def cites_other_project(ctx: ReviewContext) -> Iterator[Hit]:
    cells = _all_cells(ctx)
    own: dict[int, set[tuple[str, str, str]]] = {}
    owner_of: dict[tuple[str, str, str], Section] = {}
    for cell in cells:
        if cell.field == "name" and cell.section.kind == SectionKind.PROJECT:
            for c in cell.citations:
                own.setdefault(id(cell.section), set()).add(c.key())
                owner_of.setdefault(c.key(), cell.section)
    reported: set[int] = set()
    for cell in cells:
        mine = own.get(id(cell.section))
        if cell.field != "basis" or not mine or id(cell.section) in reported:
            continue
        prefixes = {k[0] for k in mine}
        for c in cell.citations:
            other = owner_of.get(c.key())
            if c.key() in mine or c.prefix not in prefixes or other is None or other is cell.section:
                continue
            reported.add(id(cell.section))
            own_text = "、".join(f"{p}〔{y}〕{n}号" for p, y, n in sorted(mine))
            yield Hit(
                f"本项目的资金文件是“{own_text}”，指标依据却引用了“{c.raw}”，那是项目“{other.name}”的资金文件；"
                "指标表可能是从该项目复制的。",
                cell.document,
                cell.section,
                cell.row_no,
                cell.field,
                cell.text,
                f"核对依据：如指标值来自本项目的资金文件，改为“{own_text}”，并按本项目资金重新测算指标值。",
            )
            break


def _is_basis(text: str) -> bool:
    return any(w in text for w in lexicon().basis_words)


@rule(
    "JX174",
    "指标值确定依据只是重复指标名称",
    Dimension.FEASIBILITY,
    Severity.WARNING,
    why="指标值确定依据要说明目标值从哪里来（文件、计划、标准、历史数据）；照抄指标名称或描述，"
    "等于没有依据。",
    bad="满意度指标 / 人员满意度 / ≥85% / 依据：人员满意度",
    good="满意度指标 / 人员满意度 / ≥85% / 依据：上年满意度问卷调查结果",
)
def basis_repeats_name(ctx: ReviewContext) -> Iterator[Hit]:
    real: dict[str, bool] = {}  # basis text → is it a real basis (templates repeat the same few)
    for document, section, row_no, indicator in ctx.indicators():
        if not indicator.basis:
            continue
        is_real = real.get(indicator.basis)
        if is_real is None:
            is_real = real[indicator.basis] = _is_basis(indicator.basis) or len(normalise(indicator.basis)) < 2
        if is_real:
            continue
        basis = normalise(indicator.basis)
        names = [n for n in (normalise(indicator.level3), normalise(indicator.description)) if n]
        target = normalise(indicator.target_raw)
        same = any(basis == n or (len(basis) >= 4 and len(n) >= 4 and (basis in n or n in basis)) for n in names)
        if same or (target and basis == target):
            what = "指标值" if not same else "指标名称或描述"
            yield Hit(
                f"指标值确定依据“{indicator.basis}”只是重复了{what}，没有说明目标值的来源。",
                document,
                section,
                row_no,
                "basis",
                indicator.basis,
                _basis_suggestion(indicator),
            )


def _basis_suggestion(indicator: Indicator) -> str:
    name = indicator.level3 or indicator.description
    if "满意" in name:
        return "写明测算来源，如“上年度服务对象满意度问卷调查结果”。"
    return "写明目标值的来源：政策文件（含文号）、年度工作计划、行业标准或上年实际数，如“年度工作计划及上年实际完成数”。"


@rule(
    "JX175",
    "依据引用了无关单位的文件",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="民政资金的指标依据应是政府或主管部门的政策文件；引用电力、银行、企业集团等单位的文件，"
    "说明依据是从别处复制的，与本项目无关。",
    bad="依据：国网冀北电力有限公司文件冀北《河北省人民政府进一步健全特困人员供养制度实施意见》",
    good="依据：《河北省人民政府关于进一步健全特困人员救助供养制度的实施意见》及年度工作计划",
)
def unrelated_issuer(ctx: ReviewContext) -> Iterator[Hit]:
    lex = lexicon()
    issuers = ctx.extended("unrelated_issuers", lex.unrelated_issuers)
    seen: dict[str, str] = {}  # basis text → unrelated organisation ('' when none)
    for document, section in ctx.sections():
        rows: dict[str, list[int]] = {}
        for row_no, indicator in enumerate(section.indicators, 1):
            if indicator.basis.strip():
                rows.setdefault(indicator.basis.strip(), []).append(row_no)
        for basis, row_nos in rows.items():
            org = seen.get(basis)
            if org is None:
                org = seen[basis] = _unrelated(basis, issuers, lex.document_markers)
            if not org:
                continue
            cleaned = basis.replace(org, "").strip("，,、 ")
            yield Hit(
                f"第{row_numbers(row_nos)}行的指标值确定依据引用了“{org}”的文件，这类单位不能制定民政政策，依据与本项目无关。",
                document,
                section,
                row_nos[0],
                "basis",
                basis,
                f"删去无关单位的文件，只保留真正的政策依据{f'（如“{cleaned[:40]}”）' if cleaned else ''}，并核对文件名称和文号。",
                rows=tuple(row_nos) if len(row_nos) > 1 else (),  # one finding for the basis copied down the rows
            )


def _unrelated(text: str, issuers: tuple[str, ...], markers: tuple[str, ...]) -> str:
    """The unrelated organisation named as the issuer of a cited document, or ''.

    The name is widened to the end of the organisation (…有限公司, …集团, …银行); it only counts
    when a document marker (文件, 〔, 《 …) follows closely, so “保险公司报价单” is not flagged.
    """
    for word in issuers:
        at = text.find(word)
        if at < 0:
            continue
        start = at
        while start > 0 and at - start < 8 and _CJK.match(text[start - 1]) and text[start - 1] not in "据的于及和与为":
            start -= 1  # widen to the start of the organisation's name
        end = at + len(word)
        for suffix in ("有限责任公司", "有限公司", "公司", "集团", "银行"):
            pos = text.find(suffix, at)
            if 0 <= pos <= at + 12:
                end = max(end, pos + len(suffix))
                break
        if any(m in text[end : end + 12] for m in markers):
            return text[start:end]
    return ""


_TITLE = re.compile(r"《([^》]{4,})》")


@cache
def _topic_words() -> dict[str, tuple[str, ...]]:
    return {topic: tuple(words) for topic, words in review_data("citations.toml")["topics"].items()}


def topics_of(text: str, topics: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The topics ``text`` names (lexicon ``[topics]``)."""
    return frozenset(topic for topic, words in topics.items() if any(w in text for w in words))


@rule(
    "JX176",
    "依据文件的主题与指标无关",
    Dimension.RELEVANCE,
    Severity.WARNING,
    why="指标值确定依据应是规定这项工作的文件。用低保文件作为流浪乞讨人员救助人次的依据，"
    "说明依据一栏是整列复制的，指标值实际上没有依据。",
    bad="流浪乞讨人员救助人次 / 依据：《关于深化农村低保精准认定精准核查机制改革的指导意见》",
    good="流浪乞讨人员救助人次 / 依据：《生活无着的流浪乞讨人员救助管理办法》及上年救助人次",
)
def basis_off_topic(ctx: ReviewContext) -> Iterator[Hit]:
    topics = dict(_topic_words())
    topics.update({k: tuple(v) for k, v in ctx.param("topics", {}).items()})
    for document, section, row_no, indicator in ctx.indicators():
        titles = _TITLE.findall(indicator.basis)
        if not titles:
            continue
        cited = topics_of("".join(titles), topics)
        about = topics_of(f"{indicator.level3} {indicator.description}", topics)
        if cited and about and not cited & about:
            yield Hit(
                f"指标“{indicator.level3 or indicator.description}”讲的是{'、'.join(sorted(about))}，"
                f"依据《{titles[0]}》讲的却是{'、'.join(sorted(cited))}，文件与指标对不上。",
                document,
                section,
                row_no,
                "basis",
                indicator.basis,
                f"引用规定{'、'.join(sorted(about))}工作的文件，或写明数字来自年度计划、上年实际数。",
            )
