"""The real-document corpus (issue 12): `jixiao read` must find ≥ 95 % of its gold rows and get
≥ 95 % of their fields right, scored as the corpus's own scorer scores it.

`tests/corpus/` is a copy of the shared corpus (public documents, hand-checked gold and the scorer,
unchanged); where the shared folder is beside the checkout, the copy must still equal it. The test
prints each document's figures (`pytest -s tests/test_corpus.py`) so that a fix for one layout
that breaks another shows at once.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from jixiao.findings import ReadError
from jixiao.read import read_path
from jixiao.write.tables import indicator_rows

CORPUS = Path(__file__).parent / "corpus"
SHARED = Path(__file__).parents[2] / "shared" / "corpus"
NEED = 0.95


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold() -> dict[str, list[dict[str, str]]]:
    with open(CORPUS / "gold.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    by_doc: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_doc.setdefault(row["id"], []).append(row)
    return by_doc


def _output(score, doc_id: str) -> list[dict[str, str]]:
    path = score.document(CORPUS, doc_id)
    try:
        documents = read_path(path).documents
    except ReadError:
        return []
    return list(indicator_rows(documents))


def test_the_corpus_reads():
    score = _scorer()
    found = total = right = checked = 0
    report = []
    for doc_id, gold in sorted(_gold().items()):
        out = _output(score, doc_id)
        used: set[int] = set()
        doc_found = doc_right = doc_checked = 0
        for g in gold:
            hit = next((i for i, r in enumerate(out) if i not in used
                        and score.norm_name(r["level3"]) == score.norm_name(g["level3"])
                        and score.target_matches(g, r)), None)
            if hit is None:
                continue
            used.add(hit)
            doc_found += 1
            for _, ok in score.fields(g, out[hit]):
                doc_checked += 1
                doc_right += ok
        report.append(f"{doc_id}: rows {doc_found}/{len(gold)} fields {doc_right}/{doc_checked}")
        found, total, right, checked = found + doc_found, total + len(gold), right + doc_right, checked + doc_checked
    print("\n".join(report))
    recall, accuracy = found / total, right / checked
    print(f"corpus: rows {found}/{total} ({recall:.3f}) fields {right}/{checked} ({accuracy:.3f})")
    assert recall >= NEED and accuracy >= NEED, "\n".join(report)


@pytest.mark.skipif(not SHARED.exists(), reason="the shared corpus is not beside this checkout")
def test_the_copy_is_the_shared_corpus():
    for path in SHARED.rglob("*"):
        if path.is_file():
            assert (CORPUS / path.relative_to(SHARED)).read_bytes() == path.read_bytes(), path
