"""What every command shares: reading the named files, reporting unreadable ones, the samples."""

from __future__ import annotations

import sys
from collections.abc import Iterator
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


def read_each(paths: list[str], err: Console, corrections=None) -> Iterator[ReadResult | None]:
    """Each file's reading in turn; an unreadable one gets one clear line on stderr and None."""
    for path in paths:
        try:
            yield read_path(path, corrections)
        except ReadError as exc:
            err.print(f"jixiao: {exc.finding.describe()}", markup=False, highlight=False)
            yield None


def read_all(paths: list[str], err: Console, corrections=None) -> tuple[list[ReadResult], int]:
    """Every file's reading; status 1 when one could not be read."""
    results = list(read_each(paths, err, corrections))
    return [r for r in results if r is not None], int(None in results)


def write_text(text: str, output: str | None) -> None:
    """To the file named by ``-o``, or to stdout."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
