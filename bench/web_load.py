"""Load the web application with many sections and drive it with concurrent users.

Fills the database named by ``DATABASE_URL`` (PostgreSQL for the real run) with copies of seed
002's project book (36 sections each) until ``--sections`` sections exist under one bench
bureau, starts the production server on it (``gunicorn -w N jixiao_web.wsgi``; ``--workers 0``:
the one-process ``jixiao serve``), and has ``--users`` concurrent logged-in users request the
main pages. Reports p50 / p95 latency per page, requests per second and the CPU each request took
in the server, the database and this client (on a machine they share, the sum bounds the rate), and
with ``--baseline`` the same for a server running other code (a checkout of main) on the same
data, in alternation.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jixiao_bench \\
        python bench/web_load.py --sections 20000 --users 20 --requests 2000 --workers 3 \\
        --baseline /path/to/main/src --rounds 2

Rows are bulk-inserted as copies of one stored document (the parse and review results are the
same for every copy), so filling 100,000 sections takes minutes, not hours. One copy in four is
published with a monitoring round and actuals entered, so the monitoring and self-evaluation pages
show real reports. The monitoring and score reports are kept in the database once computed
(``services.kept``): each run starts with none kept, so every report is computed on its first view,
as after a new release; ``--warm`` keeps what earlier runs kept, a server's steady state.
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
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

PASSWORD = "bench-password-2024"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _into_the_year(template, admin, filer) -> tuple:
    """Put the template through to the year: published, a monitoring round at 6月底 open, and every
    section's spending and indicator values entered through the services the year page uses, then
    the year-end values.

    The state is set, not stepped through: seed 002 carries error findings that would (rightly)
    stop its submission. Returns the round and the stored actuals, for the copies."""
    from jixiao_web.models import DocState, IndicatorActual, RoundKind, SectionActual, TargetDocument
    from jixiao_web.services import actuals, rounds

    TargetDocument.objects.filter(pk=template.pk).update(state=DocState.PUBLISHED)
    template.refresh_from_db()
    round_ = rounds.open_round(admin, template, RoundKind.MONITOR, "6月底")
    for section in template.sections.all():
        rows = {i.position: {"reached": i.target_raw, "likelihood": "确定能"} for i in section.indicators.all()}
        spent = f"{float(section.amount_total) / 2:.2f}" if section.amount_total else ""
        actuals.save_section(filer, section, actuals.SectionEntry(1, spent=spent, rows=rows))
    # and the year-end values, as if the self-evaluation were done: the score page scores them
    done = list(IndicatorActual.objects.filter(indicator__section__document=template).select_related("indicator"))
    for a in done:
        a.actual = a.indicator.target_raw
    IndicatorActual.objects.bulk_update(done, ["actual"])
    return round_, {a.section_id: a for a in SectionActual.objects.filter(section__document=template)}, {a.indicator_id: a for a in done}


def _copy(row, **changes):
    """An unsaved copy of ``row`` with ``changes`` (its primary key cleared)."""
    copy = type(row)(**{f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields})
    copy.pk = None
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


YEAR_EVERY = 4  # one copy in four is published, with a monitoring round and its actuals


def fill(sections_wanted: int) -> tuple[list[int], list[int], list[int]]:
    """Ensure the bench bureau holds at least ``sections_wanted`` sections; return the ids of
    documents, editable sections, and documents in the year (published, with actuals)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from jixiao.cli.common import sample_paths
    from jixiao.read import read_path
    from jixiao_web.models import (
        DocState, IndicatorActual, Membership, Organisation, OrgKind, Role, SectionActual, StoredFinding, TargetDocument,
        TargetIndicator, TargetSection,
    )  # fmt: skip
    from jixiao_web.services import imports

    bureau, _ = Organisation.objects.get_or_create(kind=OrgKind.BUREAU, name="压测财政局", parent=None)
    units = []
    for d in range(10):
        department, _ = Organisation.objects.get_or_create(kind=OrgKind.DEPARTMENT, name=f"压测部门{d}", parent=bureau)
        for u in range(10):
            units.append(Organisation.objects.get_or_create(kind=OrgKind.UNIT, name=f"压测单位{d}-{u}", parent=department)[0])
    users = get_user_model()
    bench_users = {}
    for role, place in ((Role.ADMIN, bureau), (Role.FILER, units[0])):
        user, created = users.objects.get_or_create(username=f"bench_{role.value}")
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organisation=place, role=role)
        bench_users[role] = user

    in_bureau = TargetSection.objects.filter(document__unit__path__startswith=bureau.path)
    have = in_bureau.count()
    if have < sections_wanted:
        seed = next(p for p in sample_paths() if p.name.startswith("002"))
        with transaction.atomic():
            template = imports.store_all([read_path(seed).documents[1]], [], units[0], None)[0]
            round_, section_done, indicator_done = _into_the_year(template, bench_users[Role.ADMIN], bench_users[Role.FILER])
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
                    in_year = (copies + i) % YEAR_EVERY == 0
                    doc = TargetDocument.objects.get(pk=template.pk)
                    doc.pk, doc.unit = None, units[(copies + i) % len(units)]
                    doc.title = f"压测目标表 {copies + i}"
                    doc.state = DocState.PUBLISHED if in_year else DocState.DRAFT
                    doc.execution = doc.execution if in_year else {}
                    docs.append(doc)
                TargetDocument.objects.bulk_create(docs)
                new_sections = []
                for doc in docs:
                    for s in sections:
                        copy = _copy(s, document_id=doc.pk)
                        copy._template = s.pk
                        new_sections.append(copy)
                TargetSection.objects.bulk_create(new_sections, batch_size=2000)
                rows, finding_rows, section_actuals = [], [], []
                by_template = {}
                year_docs = {doc.pk for doc in docs if doc.state == DocState.PUBLISHED}
                for copy in new_sections:
                    by_template[(copy.document_id, copy._template)] = copy.pk
                    for ind in indicators[copy._template]:
                        row = _copy(ind, section_id=copy.pk)
                        row._template = ind.pk if copy.document_id in year_docs else None
                        rows.append(row)
                    if copy.document_id in year_docs and copy._template in section_done:
                        section_actuals.append(_copy(section_done[copy._template], section_id=copy.pk))
                for doc in docs:
                    for f in found:
                        section = by_template.get((doc.pk, f.section_id)) if f.section_id else None
                        finding_rows.append(_copy(f, document_id=doc.pk, section_id=section))
                TargetIndicator.objects.bulk_create(rows, batch_size=5000)
                StoredFinding.objects.bulk_create(finding_rows, batch_size=5000)
                SectionActual.objects.bulk_create(section_actuals, batch_size=5000)
                IndicatorActual.objects.bulk_create(
                    [_copy(indicator_done[r._template], indicator_id=r.pk) for r in rows if r._template in indicator_done],
                    batch_size=5000,
                )
                type(round_).objects.bulk_create([_copy(round_, document_id=pk) for pk in year_docs])
            copies += len(docs)
            have += len(docs) * len(sections)
            print(f"  {have:,} sections ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # bulk-filled tables have no statistics yet: the planner would scan them
    documents = TargetDocument.objects.filter(unit__path__startswith=bureau.path)
    in_year = list(documents.filter(state=DocState.PUBLISHED).values_list("pk", flat=True)[:2000])
    if not in_year:
        raise SystemExit("这个数据库是旧版压测脚本填充的，没有进入执行年度的文档：请换一个新数据库。")
    # The editor's sections are drafts' (a published one's editor redirects to the document page:
    # two requests timed as one editor view).
    editable = in_bureau.filter(document__state__in=(DocState.DRAFT, DocState.RETURNED))
    return (
        list(documents.values_list("pk", flat=True)[:2000]),
        list(editable.values_list("pk", flat=True)[:2000]),
        in_year,
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

    def get(self, path: str) -> float:
        started, url = time.perf_counter(), f"{self.base}{path}"
        with self.opener.open(url) as response:
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            if response.geturl() != url:  # a redirect followed: not the page meant, and two requests
                raise RuntimeError(f"{path}: 转到了 {response.geturl()}")
        return time.perf_counter() - started


def in_threads(sessions: list[Any], total: int, pages: dict[str, Callable[[], str]],
               record: Callable[[str, Any], None]) -> None:
    """``total`` requests of random ``pages`` by the ``sessions``, each in a thread of its own;
    ``record(page, answer)`` is called under one lock for every answer."""
    lock, counter = threading.Lock(), iter(range(total))
    names = list(pages)

    def user_loop(session: Any) -> None:
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            name = random.choice(names)
            answer = session.get(pages[name]())
            with lock:
                record(name, answer)

    threads = [threading.Thread(target=user_loop, args=(session,)) for session in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def drive(sessions: list[Session], total: int, ids: dict[str, list[int]]) -> dict[str, list[float]]:
    """``total`` requests of random main pages by the ``sessions``, each its own thread."""
    pages = {
        "工作台 /": lambda: "/",
        "列表 /documents/": lambda: "/documents/",
        "筛选 /documents/?errors=1&year=2022": lambda: "/documents/?errors=1&year=2022",
        "搜索 /documents/?q=…": lambda: "/documents/?q=" + urllib.parse.quote("汽车保险费"),
        "文档 /documents/<id>/": lambda: f"/documents/{random.choice(ids['documents'])}/",
        "编辑器 /sections/<id>/edit/": lambda: f"/sections/{random.choice(ids['sections'])}/edit/",
        "监控 /documents/<id>/monitor/": lambda: f"/documents/{random.choice(ids['year'])}/monitor/",
        "自评 /documents/<id>/score/": lambda: f"/documents/{random.choice(ids['year'])}/score/",
    }
    timings: dict[str, list[float]] = defaultdict(list)
    in_threads(sessions, total, pages, lambda name, elapsed: timings[name].append(elapsed))
    return timings


@contextmanager
def server(workers: int, port: int, ready: str, src: str | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """The production server (``gunicorn -w workers``; 0: one ``jixiao serve``) on this database and
    the code under ``src`` (None: this checkout): its base URL and process once ``ready`` answers;
    stopped afterwards."""
    bin_dir = Path(sys.executable).parent
    if workers:
        command = [str(bin_dir / "gunicorn"), "jixiao_web.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    else:
        command = [str(bin_dir / "jixiao"), "serve", "--no-worker", "--port", str(port)]
    env = os.environ.copy()
    # connections kept for the whole run (production keeps them too): the database's CPU is then
    # that of the backends open since the warm-up (run)
    env.setdefault("CONN_MAX_AGE", "3600")
    if src:  # the baseline's packages come first on the path, so the server imports them
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{base}{ready}").read()
                break
            except OSError:
                time.sleep(1)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


class Cpu(NamedTuple):
    """CPU seconds of the server processes, of the database backends serving them, and of this client."""

    server: float
    database: float
    client: float


def run(args, ids: dict[str, list[int]], src: str | None) -> tuple[dict[str, list[float]], float, str, Cpu]:
    """Start the server on the code under ``src`` (None: this checkout) and drive it: timings,
    seconds, load average, and the CPU seconds the server, the database and this client spent."""
    if not args.warm:
        from django.core.cache import caches

        caches["kept"].clear()  # every report is computed on its first view in this run (services.kept)
    with server(args.workers, args.port, "/login/", src) as (base, process):
        # Untimed: the users log in (Argon2 takes a good part of a second each) and every server
        # process compiles its templates and URL patterns on first use.
        sessions = [Session(base, "bench_admin") for _ in range(args.users)]
        drive(sessions, 16 * max(args.workers, 1), ids)
        backends = _backends()  # the server's connections, open since the warm-up
        load, before = os.getloadavg()[0], Cpu(_server_cpu(process.pid), _cpu(backends), time.process_time())
        started = time.perf_counter()
        timings = drive(sessions, args.requests, ids)
        elapsed = time.perf_counter() - started
        after = Cpu(_server_cpu(process.pid), _cpu(backends), time.process_time())
    return timings, elapsed, f"{load:.1f} → {os.getloadavg()[0]:.1f}", Cpu(*(a - b for a, b in zip(after, before, strict=True)))


def _backends() -> list[int]:
    """The PostgreSQL backends connected to the bench database (not other databases' on the same server)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return [pid for (pid,) in cursor.fetchall()]


def _cpu(pids: list[int]) -> float:
    """CPU seconds used so far by the processes ``pids`` (Linux /proc; 0 for one that has ended)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def _server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its worker processes: unlike the latencies, this
    does not grow when other jobs share the cores."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            continue
    return _cpu(pids)


def _p(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] * 1000


def report(args, runs: list[tuple[str, dict[str, list[float]], float, str, Cpu]]) -> None:
    print(f"\n{args.users} 个并发用户，每轮 {args.requests} 次请求；目标：各页 p95 ≤ {P95_GOAL} ms，≥ {RATE_GOAL} 次/秒")
    for label, _, elapsed, load, cpu in runs:
        per = [c / args.requests * 1000 for c in cpu]
        print(
            f"  {label:<6} {elapsed:6.1f} s  {args.requests / elapsed:6.1f} 次/秒  负载 {load}  "
            f"服务进程 CPU {per[0]:.1f} ms/次（{os.cpu_count()} 核全空时约 {os.cpu_count() * 1000 / per[0]:.0f} 次/秒）  "
            f"数据库 {per[1]:.1f} + 压测客户端 {per[2]:.1f} ms/次：合计 {sum(per):.1f} ms，同在这 {os.cpu_count()} 核上最多约 {os.cpu_count() * 1000 / sum(per):.0f} 次/秒"
        )
    heads = "".join(f" {label + ' p50/p95 ms':>22}" for label, *_ in runs)
    print(f"{'页面':<36}{heads}")
    for name in runs[0][1]:
        cells = "".join(f" {f'{statistics.median(t[name]) * 1000:.0f} / {_p(t[name], 0.95):.0f}':>22}" for _, t, *_ in runs)
        print(f"{name:<36}{cells}")


P95_GOAL, RATE_GOAL = 300, 50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sections", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--workers", type=int, default=3,
                        help="gunicorn processes (the README's advice for the database on the same machine: cores + 1); 0: one jixiao serve process")
    parser.add_argument("--baseline", metavar="SRC", help="also load a server running the code under SRC (e.g. a checkout of main's src/), in alternation")
    parser.add_argument("--rounds", type=int, default=1, help="how many times to alternate this code and the baseline")
    parser.add_argument("--warm", action="store_true",
                        help="keep the reports earlier runs kept in the database (a server's steady state); by default each run starts with none")
    args = parser.parse_args()

    setup_django()
    from django.conf import settings

    print(f"数据库：{settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default']['NAME']}")
    started = time.perf_counter()
    documents, sections, year = fill(args.sections)
    ids = {"documents": documents, "sections": sections, "year": year}
    print(f"数据准备：{time.perf_counter() - started:.0f} s（{len(year)} 份已公开、有执行数据的文档供监控和自评页）")
    runs = []
    for n in range(args.rounds):
        for label, src in (("本版", None), ("基线", args.baseline)) if args.baseline else (("本版", None),):
            print(f"第 {n + 1} 轮：{label}{' ' + src if src else ''}", file=sys.stderr)
            runs.append((f"{label}{n + 1}", *run(args, ids, src)))
    report(args, runs)
    print("重复：" + " ".join(["python", *sys.argv]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
