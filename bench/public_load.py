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

import argparse
import random
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import fill, in_threads, server, setup_django  # noqa: E402 (the same bench data and server)


def hammer(users: int, total: int, pages: dict[str, Callable[[], str]], client: Callable[[], Any]) -> tuple[dict[str, list[float]], dict[str, int]]:
    """``users`` threads, each with its own ``client()``, request random ``pages`` until ``total``
    requests are done: the timings per page, and how many answers per page were 304."""
    timings: dict[str, list[float]] = defaultdict(list)
    revalidated: dict[str, int] = defaultdict(int)

    def record(name: str, answer: tuple[float, int]) -> None:
        timings[name].append(answer[0])
        revalidated[name] += answer[1] == 304

    in_threads([client() for _ in range(users)], total, pages, record)
    return timings, revalidated


def report(timings: dict[str, list[float]], extra: dict[str, int] | None = None, extra_label: str = "") -> None:
    """p50 / p95 / max per page (and one count per page, such as the 304 answers, when given)."""
    head = f" {extra_label:>5}" if extra is not None else ""
    print(f"{'页面':<40} {'次数':>6}{head} {'p50 ms':>8} {'p95 ms':>8} {'最大 ms':>8}")
    for name, values in sorted(timings.items()):
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        count = f" {extra.get(name, 0):>5}" if extra is not None else ""
        print(f"{name:<40} {len(values):>6}{count} {statistics.median(values) * 1000:>8.0f} {p95 * 1000:>8.0f} {values[-1] * 1000:>8.0f}")


def arguments(doc: str, sections: int, requests: int, port: int, documents: bool = False) -> argparse.Namespace:
    """The bench's command line (the first paragraph of ``doc`` as its description), then Django set
    up; with ``documents``, how many documents the pages are picked from."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--sections", type=int, default=sections)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=requests)
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes; 0: one jixiao serve process")
    if documents:
        parser.add_argument("--documents", type=int, default=0, help="open only the first N documents (0: all)")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    print(f"数据库：{settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default']['NAME']}")
    return args


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
    with server(args.workers, args.port, "/public/") as (base, _):
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
