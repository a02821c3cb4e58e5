"""Text inputs in every encoding Chinese offices save read to the same text."""

from __future__ import annotations

import codecs

import pytest

from jixiao.findings import ReadError
from jixiao.read.decode import decode

TEXT = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t城市低保保障人数\t≥10141人次\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_detects_encoding(data, encoding):
    text, detected, notes = decode(data, "t.txt")
    assert text.lstrip("\ufeff") == TEXT
    assert detected == encoding
    assert notes == []


def test_utf16_cjk_only_without_bom():
    data = "城市低保保障人数".encode("utf-16-le")
    assert decode(data)[0] == "城市低保保障人数"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "JX001"),
        (b"  \n\t\n", "JX001"),
        (bytes(range(256)) * 4, "JX002"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "JX002"),
        (b"\xff\xfe\xfe", "JX003"),  # UTF-16 BOM, then an odd byte count
    ],
)
def test_refuses_with_a_finding(data, code):
    with pytest.raises(ReadError) as info:
        decode(data, "bad.txt")
    assert info.value.finding.code == code
    assert info.value.finding.location.source.file == "bad.txt"


def test_truncated_utf8_reads_with_a_warning():
    data = TEXT.encode("utf-8") + "指标".encode("utf-8")[:-1]
    text, encoding, notes = decode(data, "cut.txt")
    assert text == TEXT + "指"
    assert encoding == "utf-8"
    assert [n.code for n in notes] == ["JX007"]


def test_latin1_text_is_refused_as_undecodable():
    with pytest.raises(ReadError) as info:
        decode("Größe café naïve déjà vu".encode("latin-1") * 5, "x.txt")
    assert info.value.finding.code == "JX003"
