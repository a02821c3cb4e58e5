"""Storing a document and reading it back loses nothing the core's review or writers use."""

import pytest

from jixiao.cli.common import sample_paths
from jixiao.read import read_path
from jixiao.review import review
from jixiao.write.tables import INDICATOR_COLUMNS, SECTION_COLUMNS, indicator_rows, section_rows
from jixiao_web.models import Organisation, OrgKind
from jixiao_web.services.store import save_document, to_core


def _describe(findings):
    return sorted(f.describe() for f in findings)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name[:3])
def test_round_trip_keeps_review_and_tables(path):
    unit = Organisation.objects.create(kind=OrgKind.UNIT, name="单位")
    for document in read_path(path).documents:
        back = to_core(save_document(document, unit, None))
        assert _describe(review([back])) == _describe(review([document]))
        assert list(indicator_rows([back])) == list(indicator_rows([document]))
        assert list(section_rows([back])) == list(section_rows([document]))
        assert len(INDICATOR_COLUMNS) and len(SECTION_COLUMNS)


@pytest.mark.django_db
def test_parsed_value_is_the_core_parser_json():
    unit = Organisation.objects.create(kind=OrgKind.UNIT, name="单位")
    path = next(p for p in sample_paths() if p.name.startswith("002"))
    stored = save_document(read_path(path).documents[1], unit, None)
    values = {i.target_raw: i.parsed for s in stored.sections.all() for i in s.indicators.all()}
    assert values["是/否"] == {"kind": "placeholder", "text": "是/否", "raw": "是/否"}
    quantity = next(v for raw, v in values.items() if raw.startswith("≥") and raw.endswith("%"))
    assert quantity["kind"] == "quantity" and quantity["comparator"] == "≥"
