"""Load the web application with many sections and drive it with concurrent users.

Fills the database named by ``DATABASE_URL`` (PostgreSQL for the real run) with copies of seed
002's project book (36 sections each) until ``--sections`` sections exist under one bench
bureau, starts the production server on it (``gunicorn -w N jixiao_web.wsgi``; ``--workers 0``:
the one-process ``jixiao serve``), and has ``--users`` concurrent logged-in users request the
main pages. Reports p50 / p95 / max latency per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_bench \\
        python bench/web_load.py --sections 100000 --users 50 --requests 5000 --workers 4

Rows are bulk-inserted as copies of one stored document (the parse and review results are the
same for every copy), so filling 100,000 sections takes minutes, not hours.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any
from contextlib import contextmanager
from pathlib import Path

PASSWORD = "bench-password-2024"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def fill(sections_wanted: int) -> tuple[list[int], list[int]]:
    """Ensure the bench bureau holds at least ``sections_wanted`` sections; return doc and section ids."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from jixiao.cli.common import sample_paths
    from jixiao.read import read_path
    from jixiao_web.models import (
        Membership, Organisation, OrgKind, Role, StoredFinding, TargetDocument, TargetIndicator, TargetSection,
    )  # fmt: skip
    from jixiao_web.services import imports

    bureau, _ = Organisation.objects.get_or_create(kind=OrgKind.BUREAU, name="压测财政局", parent=None)
    units = []
    for d in range(10):
        department, _ = Organisation.objects.get_or_create(kind=OrgKind.DEPARTMENT, name=f"压测部门{d}", parent=bureau)
        for u in range(10):
            units.append(Organisation.objects.get_or_create(kind=OrgKind.UNIT, name=f"压测单位{d}-{u}", parent=department)[0])
    users = get_user_model()
    for role, place in ((Role.ADMIN, bureau), (Role.FILER, units[0])):
        user, created = users.objects.get_or_create(username=f"bench_{role.value}")
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organisation=place, role=role)

    in_bureau = TargetSection.objects.filter(document__unit__path__startswith=bureau.path)
    have = in_bureau.count()
    if have < sections_wanted:
        seed = next(p for p in sample_paths() if p.name.startswith("002"))
        with transaction.atomic():
            template = imports.store_all([read_path(seed).documents[1]], [], units[0], None)[0]
        sections = list(template.sections.all())
        indicators = defaultdict(list)
        for ind in TargetIndicator.objects.filter(section__document=template):
            indicators[ind.section_id].append(ind)
        found = list(template.findings.all())
        have += len(sections)
        copies, started = 0, time.perf_counter()
        while have < sections_wanted:
            with transaction.atomic():
                docs = []
                for i in range(50):
                    doc = TargetDocument.objects.get(pk=template.pk)
                    doc.pk, doc.unit = None, units[(copies + i) % len(units)]
                    doc.title = f"压测目标表 {copies + i}"
                    docs.append(doc)
                TargetDocument.objects.bulk_create(docs)
                new_sections = []
                for doc in docs:
                    for s in sections:
                        copy = TargetSection(**{f.attname: getattr(s, f.attname) for f in s._meta.concrete_fields})
                        copy.pk, copy.document_id = None, doc.pk
                        copy._template = s.pk
                        new_sections.append(copy)
                TargetSection.objects.bulk_create(new_sections, batch_size=2000)
                rows, finding_rows = [], []
                by_template = {}
                for copy in new_sections:
                    by_template[(copy.document_id, copy._template)] = copy.pk
                    for ind in indicators[copy._template]:
                        row = TargetIndicator(**{f.attname: getattr(ind, f.attname) for f in ind._meta.concrete_fields})
                        row.pk, row.section_id = None, copy.pk
                        rows.append(row)
                for doc in docs:
                    for f in found:
                        row = StoredFinding(**{a.attname: getattr(f, a.attname) for a in f._meta.concrete_fields})
                        row.pk, row.document_id = None, doc.pk
                        row.section_id = by_template.get((doc.pk, f.section_id)) if f.section_id else None
                        finding_rows.append(row)
                TargetIndicator.objects.bulk_create(rows, batch_size=5000)
                StoredFinding.objects.bulk_create(finding_rows, batch_size=5000)
            copies += len(docs)
            have += len(docs) * len(sections)
            print(f"  {have:,} sections ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return (
        list(TargetDocument.objects.filter(unit__path__startswith=bureau.path).values_list("pk", flat=True)[:2000]),
        list(in_bureau.values_list("pk", flat=True)[:2000]),
    )


class Session:
    """A logged-in browser: cookies, CSRF token, one timing per request."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(f"{base}/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(f"{base}/login/", data, headers={"Referer": f"{base}/login/"})
        if "/login/" in self.opener.open(request).geturl():
            raise SystemExit(f"{username} 登录失败")

    def get(self, path: str) -> tuple[float, int]:
        started = time.perf_counter()
        with self.opener.open(f"{self.base}{path}") as response:
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
        return time.perf_counter() - started, response.status


def drive(base: str, users: int, total: int, doc_ids: list[int], section_ids: list[int]) -> dict[str, list[float]]:
    pages = {
        "工作台 /": lambda: "/",
        "列表 /documents/": lambda: "/documents/",
        "筛选 /documents/?errors=1&year=2022": lambda: "/documents/?errors=1&year=2022",
        "搜索 /documents/?q=…": lambda: "/documents/?q=" + urllib.parse.quote("汽车保险费"),
        "文档 /documents/<id>/": lambda: f"/documents/{random.choice(doc_ids)}/",
        "编辑器 /sections/<id>/edit/": lambda: f"/sections/{random.choice(section_ids)}/edit/",
        "监控 /documents/<id>/monitor/": lambda: f"/documents/{random.choice(doc_ids)}/monitor/",
        "自评 /documents/<id>/score/": lambda: f"/documents/{random.choice(doc_ids)}/score/",
    }
    return hammer(users, total, pages, lambda: Session(base, "bench_admin"))[0]


def hammer(users: int, total: int, pages: dict[str, Callable[[], str]], client: Callable[[], Any]) -> tuple[dict[str, list[float]], dict[str, int]]:
    """``users`` threads, each with its own ``client()``, request random ``pages`` until ``total``
    requests are done: the timings per page, and how many answers per page were 304."""
    timings: dict[str, list[float]] = defaultdict(list)
    revalidated: dict[str, int] = defaultdict(int)
    lock, counter = threading.Lock(), iter(range(total))

    def user_loop() -> None:
        session = client()
        names = list(pages)
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            name = random.choice(names)
            elapsed, status = session.get(pages[name]())
            with lock:
                timings[name].append(elapsed)
                revalidated[name] += status == 304

    in_threads(users, user_loop)
    return timings, revalidated


def in_threads(users: int, loop: Callable[[], None]) -> None:
    """``loop`` in ``users`` threads at once, until every one has returned."""
    threads = [threading.Thread(target=loop) for _ in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


@contextmanager
def server(workers: int, port: int, ready: str) -> Iterator[str]:
    """The production server (``gunicorn -w workers``; 0: one ``jixiao serve``) on this database,
    its base URL once ``ready`` answers; stopped afterwards."""
    bin_dir = Path(sys.executable).parent
    if workers:
        command = [str(bin_dir / "gunicorn"), "jixiao_web.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    else:
        command = [str(bin_dir / "jixiao"), "serve", "--no-worker", "--port", str(port)]
    print(f"服务：{' '.join(command[1:])}")
    process = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{base}{ready}").read()
                break
            except OSError:
                time.sleep(1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


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


def main() -> int:
    args = arguments(__doc__, 100_000, 5000, 8790)
    started = time.perf_counter()
    doc_ids, section_ids = fill(args.sections)
    print(f"数据准备：{time.perf_counter() - started:.0f} s")
    with server(args.workers, args.port, "/login/") as base:
        # Untimed: every server process compiles its templates and URL patterns on first use.
        drive(base, 2 * max(args.workers, 1), 16 * max(args.workers, 1), doc_ids, section_ids)
        started = time.perf_counter()
        timings = drive(base, args.users, args.requests, doc_ids, section_ids)
        elapsed = time.perf_counter() - started
    print(f"{args.users} 个并发用户，{args.requests} 次请求，{elapsed:.1f} s，{args.requests / elapsed:.1f} 次/秒")
    report(timings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
