"""Read a corpus made by generate_corpus.py and report speed and memory.

Reports documents/s, indicator rows/s, reading problems, and peak resident memory after each
tenth of the corpus — memory must stay flat as the corpus grows (nothing is kept between files).

    python bench/read_corpus.py bench/out/corpus [--profile]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from jixiao.findings import ReadError
from jixiao.read import read_path


def peak_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="read only the first N files")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .txt files in {args.corpus}; run bench/generate_corpus.py first", file=sys.stderr)
        return 1
    documents = rows = problems = failures = 0
    step = max(1, len(files) // 10)
    start = time.perf_counter()
    for index, path in enumerate(files, 1):
        try:
            result = read_path(path)
        except ReadError as exc:
            failures += 1
            print(f"unreadable: {exc.finding.describe()}", file=sys.stderr)
            continue
        documents += 1
        rows += sum(len(s.indicators) for d in result.documents for s in d.sections)
        problems += len(result.findings)
        if index % step == 0:
            elapsed = time.perf_counter() - start
            print(f"{index:>7} files  {rows:>9} rows  {rows / elapsed:>9.0f} rows/s  peak {peak_mb():.0f} MB")
    elapsed = time.perf_counter() - start
    print(
        f"\n{documents} documents, {rows} indicator rows in {elapsed:.1f} s: "
        f"{documents / elapsed:.1f} documents/s, {rows / elapsed:.0f} indicator rows/s; "
        f"{problems} reading problems, {failures} unreadable; peak memory {peak_mb():.0f} MB"
    )
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
