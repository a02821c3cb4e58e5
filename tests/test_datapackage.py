"""Open data: the Frictionless Data Package writer, validated with the frictionless library."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from frictionless import validate

from jixiao.cli import main
from jixiao.cli.common import sample_paths
from jixiao.read import read_path
from jixiao.write.datapackage import package_files
from jixiao.write.tables import INDICATOR_COLUMNS, indicator_rows


@pytest.fixture(scope="module")
def documents():
    return [d for p in sample_paths() for d in read_path(p).documents]


def test_package_of_every_sample_is_valid_and_holds_every_indicator(tmp_path, documents):
    files = package_files(documents, "Jixiao 样表 2024", "样表")
    for path, data in files.items():
        (tmp_path / path).write_bytes(data)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["name"] == "jixiao-2024"
    indicators = list(csv.DictReader(io.StringIO(files["indicators.csv"].decode("utf-8"))))
    assert len(indicators) == sum(len(s.indicators) for d in documents for s in d.sections) > 400
    assert tuple(indicators[0]) == INDICATOR_COLUMNS
    # cells as written: open data is not neutralised for spreadsheets
    assert indicators == [dict(r) for r in indicator_rows(documents)]


def test_a_broken_schema_type_is_caught_by_the_validator(tmp_path, documents):
    files = package_files(documents[:1], "x", "x")
    descriptor = json.loads(files["datapackage.json"])
    descriptor["resources"][0]["schema"]["fields"][7]["type"] = "integer"  # level3 is text
    files["datapackage.json"] = json.dumps(descriptor).encode()
    for path, data in files.items():
        (tmp_path / path).write_bytes(data)
    assert not validate(tmp_path / "datapackage.json").valid


def test_cli_export_datapackage_writes_a_zip_frictionless_opens(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(sample_paths()[2]), "--to", "datapackage"]) == 0
    archive = tmp_path / (sample_paths()[2].stem + ".zip")
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == ["datapackage.json", "indicators.csv", "sections.csv"]
        z.extractall(tmp_path / "pkg")
    assert validate(tmp_path / "pkg" / "datapackage.json").valid
