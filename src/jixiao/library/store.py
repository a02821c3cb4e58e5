"""The indicator library (指标库): every level-3 indicator the documents hold, learned from them.

The library keeps what it learned as observations — one per indicator row: where it stands (document,
section, row), its categories and target as written, the unit's function and the project's kind —
and computes everything else from them when asked: the usual categories and unit, the typical value
and range, the direction, how often and where. So a document is added or taken out again at any
time (``add`` / ``remove``) and the library is the same as if it had been built from scratch; it
serialises to JSON as its documents and observations.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import PurePath

from jixiao.model.categories import category_label, parent_of
from jixiao.model.document import Document, Indicator, Section, SectionKind
from jixiao.model.polarity import lower_is_better
from jixiao.library.words import Weights, bigrams, department_function, name_key, project_kind
from jixiao.values.parse import parse_target
from jixiao.values.types import Comparator, Quantity, Range

FORMAT = 1  # the JSON layout's version
_UP = (Comparator.GE, Comparator.GT)
_DOWN = (Comparator.LE, Comparator.LT)


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A document the library learned from: its id (the caller's: a path, a database key), a label
    for people, the year and the unit."""

    id: str
    label: str
    year: int | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """One indicator row of one document."""

    doc: str  # DocInfo.id
    section: str  # the section's name as written
    row: int  # 1-based row in the section
    name: str  # the level-3 name as written
    level1: str
    level2: str
    target: str  # the year target as written
    function: str = ""  # what the unit does (department_function)
    kind: str = ""  # what the project is about (project_kind)
    amount: str = ""  # the section's total as written, in the document's money unit
    money_unit: str = ""


@dataclass(frozen=True, slots=True)
class Typical:
    """The numbers written for an indicator in its usual unit: the median value (one actually
    written, so exact), the lowest and highest, the usual comparator and how many there were."""

    unit: str
    comparator: Comparator | None
    value: Decimal
    low: Decimal
    high: Decimal
    count: int

    def render(self) -> str:
        return f"{self.comparator.value if self.comparator else ''}{format(self.value, 'f')}{self.unit}"

    def range_text(self) -> str:
        low, high = format(self.low, "f"), format(self.high, "f")
        return f"{low}{self.unit}" if low == high else f"{low}–{high}{self.unit}"


@dataclass
class Entry:
    """What the library knows about one indicator (computed from its observations, once each)."""

    key: str
    observations: list[Observation]

    def extend(self, more: Iterable[Observation]) -> None:
        self.observations.extend(more)
        for computed in [k for k in vars(self) if k not in ("key", "observations")]:
            del self.__dict__[computed]

    @property
    def name(self) -> str:
        """The name as offered: the key (no numbering, row labels or template hints)."""
        return self.key

    @cached_property
    def written(self) -> Counter[str]:
        """The ways the name was written."""
        return Counter(o.name for o in self.observations)

    @property
    def count(self) -> int:
        return len(self.observations)

    @cached_property
    def level2s(self) -> Counter[str]:
        return Counter(o.level2 for o in self.observations if o.level2)

    @cached_property
    def level2(self) -> str:
        return self.level2s.most_common(1)[0][0] if self.level2s else ""

    @cached_property
    def level1(self) -> str:
        written = Counter(o.level1 for o in self.observations if o.level1)
        return parent_of(self.level2) or (written.most_common(1)[0][0] if written else "")

    @cached_property
    def quantities(self) -> list[Quantity]:
        out = []
        for o in self.observations:
            value = parse_target(o.target)
            if isinstance(value, Quantity):
                out.append(value)
            elif isinstance(value, Range):  # a range counts by its ends
                out += [Quantity(None, value.low, value.unit), Quantity(None, value.high, value.unit)]
        return out

    @cached_property
    def units(self) -> Counter[str]:
        return Counter(q.unit for q in self.quantities)

    @cached_property
    def typical(self) -> Typical | None:
        if not self.units:
            return None
        unit = self.units.most_common(1)[0][0]
        same = [q for q in self.quantities if q.unit == unit]
        numbers = sorted(q.number for q in same)
        # the comparator most written that points the indicator's way (a ≤ on a rate is a slip, not usage)
        wrong = _DOWN if self.direction == "up" else _UP
        comparators = Counter(q.comparator for q in same if q.comparator not in wrong)
        comparator = comparators.most_common(1)[0][0] if comparators else None
        return Typical(unit, comparator, numbers[(len(numbers) - 1) // 2], numbers[0], numbers[-1], len(same))

    @cached_property
    def texts(self) -> Counter[str]:
        """Targets written in words (稳步提升, 按月发放)."""
        return Counter(o.target for o in self.observations if o.target and not isinstance(parse_target(o.target), (Quantity, Range)))

    @cached_property
    def direction(self) -> str:
        """``up`` (higher is better) or ``down``: a 反向指标 by its name is down; otherwise the
        comparators written decide, a ≤ on a percentage not counting (a cap on a rate is the
        wrong way round, the review's JX123)."""
        if lower_is_better(self.name):
            return "down"
        written = Counter(
            "up" if q.comparator in _UP else "down"
            for q in self.quantities
            if q.comparator in _UP or (q.comparator in _DOWN and "%" not in q.unit)
        )
        return written.most_common(1)[0][0] if written else "up"

    @cached_property
    def functions(self) -> Counter[str]:
        return Counter(o.function for o in self.observations if o.function)

    @cached_property
    def kinds(self) -> Counter[str]:
        return Counter(o.kind for o in self.observations if o.kind)

    @cached_property
    def docs(self) -> list[str]:
        return list(dict.fromkeys(o.doc for o in self.observations))

    def usual_target(self) -> str:
        """The target to suggest: the typical number, else the words most written."""
        if self.typical:
            return self.typical.render()
        return self.texts.most_common(1)[0][0] if self.texts else ""


def _level(ind: Indicator) -> tuple[str, str]:
    """Standard level1/level2 names, read from what the cells say when the reader kept them raw."""
    level1, level2 = ind.level1, ind.level2
    if level2 and not parent_of(level2) and (found := category_label(level2)):
        level2 = found[1] or level2
    return level1 or parent_of(level2), level2


def _unit_of(document: Document, section: Section) -> str:
    return section.unit.name or section.unit.raw or document.organisation


def observations(document: Document, doc_id: str) -> Iterator[Observation]:
    """One observation per named indicator row of ``document``."""
    for section in document.sections:
        function = department_function(_unit_of(document, section))
        kind = project_kind(section.name) if section.kind != SectionKind.DEPARTMENT else ""
        amount = section.amounts.total.raw if section.amounts.total else ""
        for row, ind in enumerate(section.indicators, 1):
            key = name_key(ind.level3 or ind.description)
            if not key:
                continue
            level1, level2 = _level(ind)
            target = ind.target_raw or ind.cycle_target_raw or ind.grades.excellent
            yield Observation(doc_id, section.name, row, (ind.level3 or ind.description).strip(), level1, level2,
                              target.strip(), function, kind, amount, document.money_unit)  # fmt: skip


def document_label(document: Document, doc_id: str) -> str:
    """How people call a document: its file name (and part), year and organisation."""
    parts = [PurePath(document.source_file).name or doc_id]
    if document.part > 1:
        parts.append(f"第{document.part}部分")
    if document.year:
        parts.append(f"{document.year}年")
    if document.organisation:
        parts.append(document.organisation)
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A name offered while typing, with what is usually written for it."""

    name: str
    level1: str
    level2: str
    unit: str
    target: str
    count: int


@dataclass(slots=True)
class Library:
    documents: dict[str, DocInfo] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)

    # --- learning -----------------------------------------------------------------------------

    def add(self, document: Document, doc_id: str) -> int:
        """Learn ``document`` under ``doc_id`` (a document already learned under it is replaced);
        the number of indicator rows learned."""
        self.remove(doc_id)
        self.documents[doc_id] = DocInfo(doc_id, document_label(document, doc_id), document.year, document.organisation)
        learned = 0
        for obs in observations(document, doc_id):
            self.observe(obs)
            learned += 1
        return learned

    def observe(self, obs: Observation) -> None:
        """Learn one row (as read back from JSON or a database)."""
        key = name_key(obs.name)
        if key in self.entries:
            self.entries[key].extend([obs])
        else:
            self.entries[key] = Entry(key, [obs])

    def remove(self, doc_id: str) -> None:
        """Forget what ``doc_id`` taught (nothing when it is not in the library)."""
        if self.documents.pop(doc_id, None) is None:
            return
        for key, entry in list(self.entries.items()):
            kept = [o for o in entry.observations if o.doc != doc_id]
            if not kept:
                del self.entries[key]
            elif len(kept) != len(entry.observations):
                self.entries[key] = Entry(key, kept)

    def without(self, doc_ids: Iterable[str]) -> Library:
        """A copy that has not learned ``doc_ids`` (leave-one-out tests of drafting)."""
        drop = set(doc_ids)
        copy = Library({k: v for k, v in self.documents.items() if k not in drop})
        for key, entry in self.entries.items():
            if kept := [o for o in entry.observations if o.doc not in drop]:
                copy.entries[key] = Entry(key, kept)
        return copy

    # --- asking -------------------------------------------------------------------------------

    def get(self, name: str) -> Entry | None:
        return self.entries.get(name_key(name))

    def search(self, query: str, limit: int = 20) -> list[Entry]:
        """Entries whose name, categories, units, functions or project kinds contain ``query``,
        then names that look like it (typing slips, other word order); most used first."""
        q = name_key(query)
        if not q:
            return sorted(self.entries.values(), key=lambda e: (-e.count, e.key))[:limit]
        scored: list[tuple[float, Entry]] = []
        for entry in self.entries.values():
            if q in entry.key:
                rank = 3.0
            elif any(q in t for t in (entry.level1, entry.level2, *entry.units, *entry.functions, *entry.kinds)):
                rank = 2.0
            else:
                ratio = difflib.SequenceMatcher(None, q, entry.key).ratio()
                overlap = len(bigrams(q) & bigrams(entry.key)) / max(1, len(bigrams(q)))
                rank = max(ratio, overlap)
                if rank < 0.5:
                    continue
            scored.append((rank, entry))
        scored.sort(key=lambda p: (-p[0], -p[1].count, p[1].key))
        return [e for _, e in scored[:limit]]

    def suggest(self, typed: str, limit: int = 10) -> list[Suggestion]:
        """Names for what is being typed: those that start with it, then those that contain it."""
        q = name_key(typed)
        if not q:
            return []
        starts = [e for e in self.entries.values() if e.key.startswith(q)]
        contains = [e for e in self.entries.values() if q in e.key and not e.key.startswith(q)]
        found = sorted(starts, key=lambda e: (-e.count, e.key)) + sorted(contains, key=lambda e: (-e.count, e.key))
        return [suggestion(e) for e in found[:limit]]

    def weights(self) -> Weights:
        """Bigram weights over every indicator name and project kind the library knows."""
        return Weights([*self.entries, *{o.kind for e in self.entries.values() for o in e.observations if o.kind}])

    # --- JSON ---------------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "documents": [asdict(d) for d in self.documents.values()],
                "observations": [asdict(o) for e in self.entries.values() for o in e.observations],
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Library:
        """A library written by :meth:`to_json`; ValueError (in Chinese) when ``text`` is none."""
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError(f"指标库格式版本为 {data.get('format')}，本程序读取的是 {FORMAT}。")
            library = cls({d["id"]: DocInfo(**d) for d in data["documents"]})
            for item in data["observations"]:
                library.observe(Observation(**item))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"不是指标库文件：{exc}") from None
        return library


def suggestion(entry: Entry) -> Suggestion:
    return Suggestion(entry.name, entry.level1, entry.level2, entry.typical.unit if entry.typical else "", entry.usual_target(), entry.count)


def build_library(documents: Iterable[tuple[Document, str]]) -> Library:
    """A library learned from (document, id) pairs."""
    library = Library()
    for document, doc_id in documents:
        library.add(document, doc_id)
    return library
