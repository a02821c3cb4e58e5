"""``jixiao export`` end to end: every format, default names, bad input and bad output paths."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main

from .conftest import HOSTILE, SAMPLES

SEED_004 = SAMPLES / "004_01da6cf496e5ce38.txt"
MAGIC = {"xlsx": b"PK", "docx": b"PK", "pdf": b"%PDF-"}


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_office_formats(tmp_path, fmt, capsys):
    out = tmp_path / f"专项.{fmt}"
    assert main(["export", str(SEED_004), "--to", fmt, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(MAGIC[fmt])
    assert f"已导出：{out}" in capsys.readouterr().err


def test_json_and_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(SEED_004), "--to", "json"]) == 0
    payload = json.loads((tmp_path / "004_01da6cf496e5ce38.json").read_text(encoding="utf-8"))
    assert [d["part"] for d in payload["documents"]] == [1, 2, 3]


def test_csv_neutralises_formulas(tmp_path):
    source = tmp_path / "表.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "表.csv"
    assert main(["export", str(source), "--to", "csv", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["level3"] for r in rows] == ["'=SUM(A1:A9)", "'+救助人数"]
    assert [r["basis"] for r in rows] == ["'@cmd", "'-依据"]
    # the only cell left starting like a formula is a plain value, the target -5 (and its number)
    assert {v for r in rows for v in r.values() if v.startswith(("=", "+", "-", "@"))} == {"-5"}


def test_xlsx_of_hostile_input_has_no_formula(tmp_path):
    source = tmp_path / "表.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "表.xlsx"
    assert main(["export", str(source), "--to", "xlsx", "-o", str(out)]) == 0
    wb = load_workbook(out)
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_unreadable_input_writes_nothing(tmp_path, capsys):
    source = tmp_path / "空.txt"
    source.write_text("", encoding="utf-8")
    out = tmp_path / "空.xlsx"
    assert main(["export", str(source), "--to", "xlsx", "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "空.txt" in err and "Traceback" not in err


def test_unwritable_output_is_a_clear_message(tmp_path, capsys):
    out = tmp_path / "没有这个文件夹" / "x.pdf"
    assert main(["export", str(SEED_004), "--to", "pdf", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "无法写入" in err and "Traceback" not in err
    assert not list(tmp_path.rglob("*.tmp"))


def test_installed_command_lists_the_formats():
    jixiao = str(Path(sys.executable).parent / "jixiao")
    done = subprocess.run([jixiao, "export", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "{xlsx,docx,pdf,json,csv,datapackage}" in done.stdout


def test_a_pdf_that_cannot_be_laid_out_is_a_clear_message(tmp_path, monkeypatch, capsys):
    from reportlab.platypus import LayoutError

    from jixiao.write.office import pdf

    def refuse(self, story):
        raise LayoutError("cell too large")

    monkeypatch.setattr(pdf.BaseDocTemplate, "multiBuild", refuse)
    out = tmp_path / "x.pdf"
    assert main(["export", str(SEED_004), "--to", "pdf", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "一页 PDF 放不下" in err and "Traceback" not in err
    assert not out.exists()
