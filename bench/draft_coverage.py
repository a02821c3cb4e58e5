"""Draft every real project of the corpus from its name and amount, with a library of the others.

For each project table (a section of kind project with indicators) in the real corpus, a library is
learned from every other document of the corpus and the shipped samples — leaving out the
project's own file and any document with exactly the same indicator names (the same table
published twice) — and the project is drafted from its name, amount (in 万元) and unit. Reports:

- the share of drafts the review finds no error in;
- how much of the real table's level-2 categories the draft covers (mean, and the share covered whole);
- the share of the real table's level-3 names among the top-10 the library offers for the row's
  category for this project (what the draft chooses from), and among the top-10 suggestions when
  the first two letters of the name are typed.

    .venv/bin/python bench/draft_coverage.py [--corpus ../shared/corpus] [-v]
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

from jixiao.cli.common import sample_paths
from jixiao.findings import ReadError, Severity
from jixiao.library import Library, ProjectRequest, draft
from jixiao.library.draft import ranked
from jixiao.library.words import bigrams, name_key
from jixiao.model.categories import LEVEL2_PARENT
from jixiao.model.document import Document, SectionKind
from jixiao.read import read_path

TOP = 10
TYPED = (2, 4)  # letters typed before the suggestions are read
CLOSE = 0.6  # a name sharing this much of the real name's letter pairs is a close offer
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
IN_REPO = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def corpus_files(root: Path) -> list[Path]:
    return sorted((root / "raw").glob("*.txt")) + sorted(p for p in (root / "office").iterdir() if p.suffix in (".xlsx", ".pdf"))


def names(document: Document) -> frozenset[str]:
    return frozenset(name_key(i.level3 or i.description) for s in document.sections for i in s.indicators)


def in_wan(document: Document, raw: Decimal | None) -> Decimal | None:
    if raw is None:
        return None
    return raw / 10000 if document.money_unit == "元" else raw


def close(key: str, offered: set[str]) -> bool:
    """An offered name that says nearly the same (another word order, a word more or less)."""
    pairs = bigrams(key)
    return key in offered or any(pairs and len(pairs & bigrams(o)) >= CLOSE * len(pairs) for o in offered)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else IN_REPO)
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per project")
    args = parser.parse_args()

    learned: list[tuple[Document, str, str]] = []  # (document, id, file)
    for path in [*corpus_files(args.corpus), *sample_paths()]:
        try:
            learned += [(d, f"{path.name}#{d.part}", path.name) for d in read_path(path).documents]
        except ReadError as exc:
            print(f"unreadable: {exc.finding.describe()}", file=sys.stderr)
    full = Library()
    for document, doc_id, _ in learned:
        full.add(document, doc_id)
    corpus = {p.name for p in corpus_files(args.corpus)}

    start = time.perf_counter()
    projects = clean = covered_whole = 0
    coverage: list[float] = []
    found = dict.fromkeys(("known", "top", "top close", *(f"typed {n}" for n in TYPED)), 0)
    real_names = 0
    for document, doc_id, file in learned:
        if file not in corpus:
            continue
        own = names(document)
        drop = [i for d, i, f in learned if f == file or names(d) == own]
        library = full.without(drop)
        for section in document.sections:
            if section.kind != SectionKind.PROJECT or not section.indicators:
                continue
            total = section.amounts.total
            unit = section.unit.name or document.organisation
            request = ProjectRequest(section.name, in_wan(document, total.value if total else None), unit, section.purpose, document.year)
            result = draft(library, request)
            projects += 1
            errors = [f for f in result.findings if f.severity == Severity.ERROR]
            clean += not errors
            real = {i.level2 for i in section.indicators if i.level2 in LEVEL2_PARENT}
            drafted = {i.level2 for i in result.section.indicators}
            share = len(real & drafted) / len(real) if real else 1.0
            coverage.append(share)
            covered_whole += share == 1.0
            offers = ranked(library, request, real)
            hits = dict.fromkeys(found, 0)
            rows = [i for i in section.indicators if i.level3 or i.description]
            for ind in rows:
                key = name_key(ind.level3 or ind.description)
                top = {e.key for e in offers.get(ind.level2, [])[:TOP]}
                hits["known"] += key in library.entries  # the ceiling: a name no other document has cannot be offered
                hits["top"] += key in top
                hits["top close"] += close(key, top)
                for n in TYPED:
                    hits[f"typed {n}"] += key in {s.name for s in library.suggest(key[:n], TOP)}
            for name, count in hits.items():
                found[name] += count
            real_names += len(rows)
            if args.verbose:
                counts = "  ".join(f"{k} {v}/{len(rows)}" for k, v in hits.items())
                print(f"{file:28} {section.name[:20]:20} errors {len(errors)}  level2 {share:.0%}  {counts}  missing {sorted(real - drafted)}")
    seconds = time.perf_counter() - start
    if not projects:
        print("no project tables in the corpus", file=sys.stderr)
        return 1
    print(f"corpus: {args.corpus}  projects: {projects}  library: {len(full.documents)} documents, {len(full.entries)} indicators")
    print(f"drafts without review error: {clean}/{projects} = {clean / projects:.0%}")
    print(f"level-2 coverage of the real table: mean {sum(coverage) / projects:.0%}, covered whole {covered_whole}/{projects}")
    print(f"real level-3 names ({real_names}) that any other document has (the ceiling): {found['known'] / real_names:.0%}")
    print(f"real level-3 names in the top-{TOP} offered for their category: "
          f"exact {found['top'] / real_names:.0%}, exact or close {found['top close'] / real_names:.0%}")  # fmt: skip
    for n in TYPED:
        print(f"real level-3 names in the top-{TOP} suggestions after typing {n} letters: {found[f'typed {n}'] / real_names:.0%}")
    print(f"time: {seconds:.1f} s ({seconds / projects * 1000:.0f} ms per project, leave-one-out library included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
