"""Load the public portal (no login) with many published sections and many anonymous visitors.

Fills the database named by ``DATABASE_URL`` as ``bench/web_load.py`` does (copies of seed 002's
project book, 36 sections each, under one bench bureau), publishes every bench document, starts
the production server (``gunicorn -w N jixiao_web.wsgi``) and has ``--users`` concurrent
anonymous visitors request the public pages and API (documents picked at random from all of them,
or from the first ``--documents`` N: the much-read few). Every visitor sends back the ETag it got
for a URL (as a browser does), so part of the traffic is answered 304. Reports p50 / p95 / max
latency per page, and how many answers were 304.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_bench_public \\
        python bench/public_load.py --sections 50000 --users 50 --requests 3000 --workers 4
"""

from __future__ import annotations

import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import arguments, fill, hammer, report, server  # noqa: E402 (the same bench data and server)


def publish() -> list[int]:
    """Publish every bench document, spread over three years; return their ids."""
    from jixiao_web.models import AuditEntry, DocState, Organisation, OrgKind, TargetDocument

    bureau = Organisation.objects.get(kind=OrgKind.BUREAU, name="压测财政局", parent=None)
    documents = TargetDocument.objects.filter(unit__path__startswith=bureau.path)
    for year in (2022, 2023, 2024):
        documents.filter(pk__in=[pk for pk in documents.values_list("pk", flat=True) if pk % 3 == year % 3]).update(year=year)
    documents.update(state=DocState.PUBLISHED)
    AuditEntry.objects.create(organisation=bureau, action="publish", summary="压测：公开全部压测文档")  # the public stamp moves
    return list(documents.values_list("pk", flat=True)[:2000])


class Visitor:
    """An anonymous browser with its own HTTP cache: it revalidates with If-None-Match."""

    def __init__(self, base: str):
        self.base = base
        self.etags: dict[str, str] = {}

    def get(self, path: str) -> tuple[float, int]:
        request = urllib.request.Request(f"{self.base}{path}")
        if path in self.etags:
            request.add_header("If-None-Match", self.etags[path])
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request) as response:
                response.read()
                status = response.status
                if response.headers.get("ETag"):
                    self.etags[path] = response.headers["ETag"]
        except urllib.error.HTTPError as exc:
            if exc.code != 304:
                raise RuntimeError(f"{path}: {exc.code}") from exc
            status = 304
        return time.perf_counter() - started, status


def drive(base: str, users: int, total: int, doc_ids: list[int]) -> tuple[dict[str, list[float]], dict[str, int]]:
    # a visitor's ETag cache is kept per exact URL, so the pages that pick a random document are
    # mostly fresh requests and the listing pages mostly revalidations
    pages = {
        "首页 /public/": lambda: "/public/",
        "第 20 页 /public/?page=20": lambda: "/public/?page=20",
        "年度 /public/?year=2023": lambda: "/public/?year=2023",
        "搜索指标 /public/?q=…": lambda: "/public/?q=" + urllib.parse.quote("车辆到期续保"),
        "文档 /public/documents/<id>/": lambda: f"/public/documents/{random.choice(doc_ids)}/",
        "数据包 …/data/datapackage.json": lambda: f"/public/documents/{random.choice(doc_ids)}/data/datapackage.json",
        "API /public/api/documents?year=2024": lambda: "/public/api/documents?year=2024",
        "API /public/api/documents/<id>": lambda: f"/public/api/documents/{random.choice(doc_ids)}",
    }
    return hammer(users, total, pages, lambda: Visitor(base))


def main() -> int:
    args = arguments(__doc__, 50_000, 3000, 8791, documents=True)
    from jixiao_web.models import TargetSection
    from jixiao_web.services.publication import published

    started = time.perf_counter()
    fill(args.sections)
    doc_ids = publish()[: args.documents or None]
    sections = TargetSection.objects.filter(document__in=published()).count()
    print(f"数据准备：{time.perf_counter() - started:.0f} s；公开文档 {published().count():,} 份，章节 {sections:,} 个")
    with server(args.workers, args.port, "/public/") as base:
        # Untimed: every server process compiles its templates and fills its facet cache on first use.
        drive(base, 2 * max(args.workers, 1), 16 * max(args.workers, 1), doc_ids)
        started = time.perf_counter()
        timings, revalidated = drive(base, args.users, args.requests, doc_ids)
        elapsed = time.perf_counter() - started
    print(f"{args.users} 个并发访客，{args.requests} 次请求，{elapsed:.1f} s，{args.requests / elapsed:.1f} 次/秒")
    report(timings, revalidated, "304")
    return 0


if __name__ == "__main__":
    sys.exit(main())
