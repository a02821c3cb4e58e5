"""Reading cost as ratios measured in one run (issue 12): CPU against a bare pass, memory against size.

* CPU: `jixiao read COPIES… --format indicators-csv` over `--copies` copies of seed 002 (one
  process, as a user runs it), against a bare Python process over the same files that decodes each
  and splits it into TAB cells. Both are CPU seconds (user + system) of a process, interpreter start
  included, measured here, now, so the ratio does not depend on the machine or its load. Goal: ≤ 6×.
  Both run as installed programs do, from compiled bytecode (pip compiles it at install): the
  children may write it (to a folder of the bench's own, even where PYTHONDONTWRITEBYTECODE is
  set), and each runs once untimed first; then eleven times, the two taking turns, the least CPU
  of each kept (other work on the machine only ever adds to it). A one-second run finds a quiet
  second less often than the bare pass's tenth of one, so each measurement of the bare pass is six
  runs back to back, averaged: both then sample stretches of the machine's time of about one length.
* Memory: the peak of Python allocations (tracemalloc) while one copy is read and its indicator CSV
  rows written, against the file's size. Goal: ≤ 5×.

    .venv/bin/python bench/read_ratio.py [--copies 150] [--sample src/jixiao/samples/002_….txt]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "jixiao" / "samples" / "002_df8bd7cbddbfb745.txt"
JIXIAO = Path(sys.executable).with_name("jixiao")
CPU_GOAL, MEMORY_GOAL = 6.0, 5.0


# The bare pass runs as a process of its own, as `jixiao read` does: both pay for starting Python.
BARE = """
import sys
cells = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        for line in f.read().decode("utf-8").split("\\n"):
            cells += len(line.split("\\t"))
"""


def _child_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


RUNS = 11
# Each measurement of the bare pass is this many runs back to back, its CPU divided by as many: it
# then spans about as long a stretch of the machine's time as one `jixiao read` (at the goal), so a
# busy stretch weighs on both alike, not mostly on the longer one.
BARE_REPEATS = 6


def _cpu(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one run of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def least_cpu(commands: list[tuple[list[str], int]], env: dict[str, str]) -> list[tuple[float, float]]:
    """For each (command, repeats): the least, over ``RUNS`` measurements, of the mean CPU seconds
    of ``repeats`` runs back to back, and the least of any single run; after one untimed run each
    that compiles its bytecode. The commands take turns, so that a busy moment of the machine (a
    virtual machine's CPU time grows when its host is busy) falls on both, not on one of them."""
    for command, _ in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    runs: list[list[list[float]]] = [[] for _ in commands]
    for _ in range(RUNS):
        for measurements, (command, repeats) in zip(runs, commands):
            measurements.append([_cpu(command, env) for _ in range(repeats)])
    return [(min(sum(m) / len(m) for m in measurements), min(map(min, measurements))) for measurements in runs]


def bare_pass(paths: list[Path]) -> list[str]:
    """A Python process that decodes every file and splits it into TAB cells."""
    return [sys.executable, "-c", BARE, *map(str, paths)]


def jixiao_read(paths: list[Path]) -> list[str]:
    """One `jixiao read … --format indicators-csv` process over every file."""
    return [str(JIXIAO), "read", *map(str, paths), "--format", "indicators-csv", "-o", os.devnull]


def peak_memory(path: Path) -> int:
    """Peak bytes allocated while one file is read and its indicator CSV rows written, as
    `jixiao read` does for each file (rows go out before the next file is read)."""
    from jixiao.read import read_path
    from jixiao.write.tables import INDICATOR_COLUMNS, indicator_rows, write_csv

    with open(os.devnull, "w", encoding="utf-8") as sink:
        read_path(path)  # imports and caches warmed first: they are the program's, not the file's
        tracemalloc.start()
        write_csv(sink, indicator_rows(read_path(path).documents), INDICATOR_COLUMNS, safe=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=150)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        paths = []
        for n in range(args.copies):
            paths.append(folder / f"{n:04d}_{args.sample.name}")
            shutil.copyfile(args.sample, paths[-1])
        env = _child_env(folder / "bytecode")
        (bare, bare_single), (read, _) = least_cpu([(bare_pass(paths), BARE_REPEATS), (jixiao_read(paths), 1)], env)
        size, peak = args.sample.stat().st_size, peak_memory(args.sample)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    cpu, memory = read / bare, peak / size
    print(f"{args.copies} × {args.sample.name} ({size:,} bytes)")
    print(f"CPU: bare decode + TAB split {bare:.3f} s, jixiao read {read:.3f} s → {cpu:.1f}× (goal ≤ {CPU_GOAL:g}×)")
    print(f"     (the bare pass: mean of {BARE_REPEATS} runs back to back; its least single run {bare_single:.3f} s, "
          f"{read / bare_single:.1f}×)")
    print(f"memory: one file's peak {peak / 1048576:.1f} MB for {size / 1048576:.2f} MB → {memory:.1f}× "
          f"(goal ≤ {MEMORY_GOAL:g}×)")
    print(f"repeat: {sys.executable} bench/read_ratio.py --copies {args.copies}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
