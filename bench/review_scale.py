"""Review time for 1k / 10k / 100k synthetic projects: should grow near-linearly.

Projects are built directly as model objects (reading is benchmarked by read_corpus.py), with the
indicator templates of generate_corpus.py and one project in twenty pasted from another, so the
near-duplicate rule has real work to do.

    python bench/review_scale.py [--sizes 1000 10000 100000] [--baseline /path/to/main/src]

With ``--baseline`` every size is measured twice, in alternation, in fresh processes: once with
this checkout and once with the code under that ``src`` directory first on the path, and the
per-project CPU time of both is reported with their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal

from generate_corpus import INDICATORS, KINDS, SUBJECTS, _plan

from jixiao.model.document import Amounts, DocKind, Document, Indicator, Money, PlanPoint, Section, SectionKind, Unit
from jixiao.review import review
from jixiao.values.parse import parse_target


def build(projects: int, r: random.Random) -> list[Document]:
    documents = []
    per_document = 50
    for start in range(0, projects, per_document):
        unit = Unit(f"{r.randint(100, 999)}001", f"合成县第{start // per_document}局")
        document = Document(DocKind.PROJECT_TARGETS_BOOK, f"synthetic_{start:07d}.txt", 2, "", unit.name, 2024, "万元")
        document.units.append(unit)
        for number in range(start, min(start + per_document, projects)):
            subject = r.choice(SUBJECTS)
            total = Money.parse(str(Decimal(r.randint(10, 500000)) / 100))
            section = Section(SectionKind.PROJECT, f"{subject}{r.choice(KINDS)}{number}", f"P{number:08d}", f"P{number}", unit=unit)
            section.amounts = Amounts(total, total, None)
            section.goal = f"1.做好{subject}工作"
            section.plan = [
                PlanPoint(c, p, Decimal(p.rstrip("%")) if p else None) for c, p in zip(("3月底", "6月底", "10月底", "12月底"), _plan(r))
            ]
            if document.sections and r.random() < 0.05:  # pasted from the previous project
                section.indicators = [Indicator(**{k: getattr(i, k) for k in ("level1", "level2", "level3", "description", "target_raw", "basis")}) for i in document.sections[-1].indicators]
            else:
                for index in sorted(r.sample(range(len(INDICATORS)), r.randint(6, 12))):
                    level1, level2, name, desc, value, basis = INDICATORS[index]
                    section.indicators.append(
                        Indicator(level1, level2, name.format(s=subject), desc.format(s=subject), value(r), basis=basis)
                    )
            for indicator in section.indicators:
                indicator.target = parse_target(indicator.target_raw)
            document.sections.append(section)
        documents.append(document)
    return documents


def measure(size: int) -> dict:
    documents = build(size, random.Random(size))
    start, cpu_start = time.perf_counter(), time.process_time()
    findings = review(documents)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # CPU time: on a shared machine wall time also counts the waiting
    return {"size": size, "wall": elapsed, "cpu": cpu, "per": cpu / size * 1000, "findings": len(findings), "peak": peak}


def in_process(size: int, src: str | None) -> dict:
    """``measure(size)`` in a fresh interpreter, importing jixiao from ``src`` when given."""
    env = os.environ.copy()
    if src:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    out = subprocess.run([sys.executable, __file__, "--one", str(size)], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--baseline", metavar="SRC", help="also measure the code under SRC (a checkout's src/ directory)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one measurement as JSON, for --baseline
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    previous = None
    for size in args.sizes:
        r = in_process(size, None) if args.baseline else measure(size)
        growth = f"  ×{r['per'] / previous:.2f} per project vs previous size" if previous else ""
        print(
            f"{size:>7} projects: {r['wall']:8.2f} s wall, {r['cpu']:8.2f} s CPU, {r['per']:.3f} ms CPU/project, "
            f"{r['findings']} findings, peak {r['peak']:.0f} MB{growth}  (load {os.getloadavg()[0]:.1f})"
        )
        if args.baseline:
            b = in_process(size, args.baseline)
            same = "same findings count" if b["findings"] == r["findings"] else f"baseline {b['findings']} findings"
            print(
                f"{'baseline':>16}: {b['wall']:8.2f} s wall, {b['cpu']:8.2f} s CPU, {b['per']:.3f} ms CPU/project, "
                f"peak {b['peak']:.0f} MB; this code takes {r['per'] / b['per']:.2f}× the baseline's CPU ({same})"
            )
        previous = r["per"]
    print("repeat: " + " ".join(["python", *sys.argv]))


if __name__ == "__main__":
    main()
