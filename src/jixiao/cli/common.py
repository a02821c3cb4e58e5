"""What every command shares: reading the named files, reporting unreadable ones, the samples."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from rich.console import Console

from jixiao.findings import ReadError
from jixiao.read import read_path
from jixiao.read.base import ReadResult


def sample_paths() -> list[Path]:
    """The seed documents shipped with jixiao as sample data."""
    folder = resources.files("jixiao") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def read_all(paths: list[str], err: Console, corrections=None) -> tuple[list[ReadResult], int]:
    """Read every file; an unreadable one gets one clear line on stderr and status 1."""
    results, status = [], 0
    for path in paths:
        try:
            results.append(read_path(path, corrections))
        except ReadError as exc:
            err.print(f"jixiao: {exc.finding.describe()}", markup=False, highlight=False)
            status = 1
    return results, status


def write_text(text: str, output: str | None) -> None:
    """To the file named by ``-o``, or to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
