"""Learning from files: each readable document of each file, under the id ``path#part``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jixiao.cli.common import sample_paths
from jixiao.findings import Finding, ReadError
from jixiao.library.store import Library
from jixiao.read import read_path


def learn_files(library: Library, paths: Iterable[str | Path]) -> list[Finding]:
    """Add every document of ``paths`` to ``library``; a file that cannot be read is a finding."""
    problems: list[Finding] = []
    for path in paths:
        try:
            result = read_path(path)
        except ReadError as exc:
            problems.append(exc.finding)
            continue
        for document in result.documents:
            library.add(document, f"{path}#{document.part}")
    return problems


@cache
def sample_library_json() -> str:
    """The library of the documents shipped as samples (read once per process), as JSON."""
    library = Library()
    learn_files(library, sample_paths())
    return library.to_json()


def sample_library() -> Library:
    """A fresh library of the shipped samples (the caller may add to it)."""
    return Library.from_json(sample_library_json())
