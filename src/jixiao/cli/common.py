"""What every command shares: reading the named files, reporting unreadable ones, the samples."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.findings import ReadError
from jixiao.read import read_path
from jixiao.read.base import ReadResult

if TYPE_CHECKING:
    from rich.console import Console


def sample_paths() -> list[Path]:
    """The seed documents shipped with jixiao as sample data."""
    from importlib import resources  # here: importing it is 12 ms of every command's start

    folder = resources.files("jixiao") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def read_one(path: str, err: Console, corrections=None) -> ReadResult | None:
    """A file's reading; when it cannot be read, one clear line on stderr and None."""
    try:
        return read_path(path, corrections)
    except ReadError as exc:
        err.print(f"jixiao: {exc.finding.describe()}", markup=False, highlight=False)
        return None


def read_all(paths: list[str], err: Console, corrections=None) -> tuple[list[ReadResult], int]:
    """Every file's reading; status 1 when one could not be read."""
    results = [read_one(path, err, corrections) for path in paths]
    return [r for r in results if r is not None], int(None in results)


def write_text(text: str, output: str | None) -> None:
    """To the file named by ``-o``, or to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
