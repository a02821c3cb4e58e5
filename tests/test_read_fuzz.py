"""Fuzz: mutated bytes of valid Word, Excel, HTML and PDF files give a ReadResult or a ReadError,
never a traceback.

A seeded mutator (deterministic: a failure names the case that reproduces it) runs for a bounded
time, ``JIXIAO_FUZZ_SECONDS`` (default 20), from ``JIXIAO_FUZZ_SEED`` (default fixed). Besides raw byte damage — flips, cuts, overwritten and
repeated ranges, which mostly test the container checks — the XML inside the ZIP packages is
damaged and re-packed with valid checksums, so that the document parsers and the layout readers
behind them see broken content too.
"""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from office_fixtures import row_per_line_parts, seed_text, to_docx, to_html, to_xlsx

from jixiao.findings import ReadError
from jixiao.read import ReadResult, read_bytes

SECONDS = float(os.environ.get("JIXIAO_FUZZ_SECONDS", "20"))
SEED = int(os.environ.get("JIXIAO_FUZZ_SEED", "20260501"))
COMMITTED = Path(__file__).parent / "inputs" / "office"


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def _overwrite(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + rng.randbytes(rng.randint(1, 512)) + data[start + 512 :]


def _repeat(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 4096)]
    return data[:start] + piece * rng.randint(2, 8) + data[start:]


RAW: tuple[Callable[[random.Random, bytes], bytes], ...] = (_flip, _cut, _overwrite, _repeat)


def _inside_zip(rng: random.Random, data: bytes) -> bytes:
    """Damage one XML part of an Office package and re-pack it with valid checksums."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = [m for m in source.infolist() if m.filename.endswith(".xml")]
    victim = rng.choice(members).filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == victim:
                body = rng.choice(RAW)(rng, body)
            target.writestr(item.filename, body)
    return out.getvalue()


def test_mutated_files_never_raise_a_traceback(tmp_path):
    parts = row_per_line_parts(seed_text("003"))
    valid = {
        "t.docx": to_docx(parts),
        "t.xlsx": to_xlsx(parts),
        "t.html": to_html(parts),
        "t.pdf": (COMMITTED / "003.pdf").read_bytes(),
        "t.xls": (COMMITTED / "003.xls").read_bytes(),
    }
    zipped = ("t.docx", "t.xlsx")
    rng = random.Random(SEED)
    outcomes = {"result": 0, "refused": 0}
    deadline = time.monotonic() + SECONDS
    case = 0
    while time.monotonic() < deadline:
        case += 1
        name = rng.choice(sorted(valid))
        mutate = rng.choice(RAW + ((_inside_zip,) * 3 if name in zipped else ()))
        data = mutate(rng, valid[name])
        try:
            result = read_bytes(data, name)
        except ReadError as refusal:
            assert refusal.finding.message and refusal.finding.location.source.file == name
            outcomes["refused"] += 1
        except Exception as exc:  # the very thing this test hunts for
            # generated files carry save times, so keep the input that failed to reproduce it
            kept = tmp_path / f"fuzz-case-{case}-{name}"
            kept.write_bytes(data)
            raise AssertionError(f"{kept} ({mutate.__name__}): {type(exc).__name__}: {exc}") from exc
        else:
            assert isinstance(result, ReadResult)
            outcomes["result"] += 1
    assert case >= 10 and outcomes["refused"], outcomes  # the mutator really damaged files
