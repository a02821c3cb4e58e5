"""Hostile and broken files: one clear ReadError finding, nothing imported, never a traceback."""

from __future__ import annotations

import io
import zipfile
from functools import partial
from pathlib import Path

import docx
import msoffcrypto.format.ooxml
import openpyxl
import pytest
from office_fixtures import row_per_line_parts, seed_text, to_docx, to_xlsx
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from jixiao.cli import main
from jixiao.cli.export import render
from jixiao.findings import ReadError
from jixiao.read import containers, read_bytes
from jixiao.write.office import pdf

PARTS = row_per_line_parts(seed_text("003"))
DOCX = to_docx(PARTS)
XLSX = to_xlsx(PARTS)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item)))
        for name, body in add.items():
            target.writestr(name, body)
    return out.getvalue()


# 8 MB of spaces deflate to a few kilobytes: a ratio no Office file has
BOMB = rezip(DOCX, replace={"word/document.xml": b" " * (8 * 1024 * 1024)})


def refused(data: bytes, name: str) -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name)
    finding = caught.value.finding
    assert finding.severity == "error" and finding.location.source.file == name and finding.message
    return finding.code


@pytest.fixture
def no_extraction(monkeypatch):
    """Fails the test if any ZIP member is decompressed: limits must be checked before that."""

    def forbidden(*args, **kwargs):
        raise AssertionError("a member was extracted before the limits were checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", forbidden)


def test_not_a_zip_although_named_docx():
    assert refused(b"just some words, not a Word file", "目标表.docx") == "JX080"



def test_content_decides_the_format():
    # named .xlsx, but the content is a (broken) PDF: read as a PDF, refused as a damaged one
    with pytest.raises(ReadError) as caught:
        read_bytes(b"%PDF-1.4\nnot really a pdf", "目标表.xlsx")
    assert caught.value.finding.code == "JX080" and "PDF" in caught.value.finding.message


@pytest.mark.parametrize(("data", "name"), [(DOCX, "t.docx"), (XLSX, "t.xlsx")])
def test_truncated_office_files(data, name):
    assert refused(data[: len(data) // 2], name) == "JX080"


def test_zip_that_is_not_office():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("目标表.txt", "一级指标")
    assert refused(out.getvalue(), "附件.zip") == "JX080"


def test_zip_bomb_by_ratio(no_extraction):
    assert len(BOMB) < 200_000
    assert refused(BOMB, "bomb.docx") == "JX081"


def test_zip_bomb_by_total_size(monkeypatch, no_extraction):
    monkeypatch.setattr(containers, "MAX_UNCOMPRESSED", 10_000)
    assert refused(DOCX, "big.docx") == "JX081"


def test_zip_bomb_by_member_count(monkeypatch, no_extraction):
    monkeypatch.setattr(containers, "MAX_MEMBERS", 3)
    assert refused(XLSX, "many.xlsx") == "JX081"


@pytest.mark.parametrize(
    ("data", "member", "name"),
    [(DOCX, "word/document.xml", "laughs.docx"), (XLSX, "xl/worksheets/sheet1.xml", "laughs.xlsx")],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entity_expansion(data, member, name, encoding):
    body = BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    assert refused(rezip(data, replace={member: body.encode(encoding)}), name) == "JX082"


def test_old_word_doc_is_refused_with_what_to_do():
    data = (Path(__file__).parent / "inputs" / "office" / "old-word.doc").read_bytes()
    assert refused(data, "旧格式.doc") == "JX085"


def test_password_protected_docx():
    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(DOCX)).encrypt("secret", encrypted)
    assert encrypted.getvalue().startswith(b"\xd0\xcf\x11\xe0")
    assert refused(encrypted.getvalue(), "加密.docx") == "JX084"


@pytest.mark.parametrize(("data", "part", "name"), [(DOCX, "word/vbaProject.bin", "宏.docm"), (XLSX, "xl/vbaProject.bin", "宏.xlsm")])
def test_macro_enabled_files_are_refused(data, part, name):
    assert refused(rezip(data, add={part: b"\xd0\xcf\x11\xe0 vba"}), name) == "JX083"


def test_macro_enabled_content_type_without_code_is_refused_too():
    types = zipfile.ZipFile(io.BytesIO(XLSX)).read("[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    assert refused(rezip(XLSX, replace={"[Content_Types].xml": types}), "宏.xlsm") == "JX083"


@pytest.mark.parametrize(("data", "name"), [(DOCX, "huge.docx"), (XLSX, "huge.xlsx")])
def test_huge_tables(monkeypatch, data, name):
    monkeypatch.setattr(containers, "MAX_CELLS", 50)
    assert refused(data, name) == "JX086"


def test_one_stray_cell_far_away_is_not_a_huge_grid_in_memory():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["XFD1048576"] = "一级指标", "二级指标", "远处"
    out = io.BytesIO()
    book.save(out)
    assert refused(out.getvalue(), "stray.xlsx") == "JX086"


def test_huge_html_spans(monkeypatch):
    monkeypatch.setattr(containers, "MAX_CELLS", 10_000)
    page = '<html><table><tr><td rowspan="65534" colspan="1000">x</td></tr>' + "<tr><td>y</td></tr>" * 100 + "</table></html>"
    assert refused(page.encode(), "huge.html") == "JX086"


def test_office_file_without_text():
    empty = io.BytesIO()
    docx.Document().save(empty)
    assert refused(empty.getvalue(), "空白.docx") == "JX088"


def test_scanned_pdf_needs_ocr():
    scan = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(scan, "PDF")
    assert refused(scan.getvalue(), "扫描件.pdf") == "JX087"


def _encrypted_pdf(user_password: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=StandardEncryption(user_password, ownerPassword="owner"))
    page.drawString(72, 720, "2019 performance targets")
    page.save()
    return out.getvalue()


def test_password_protected_pdf(tmp_path, capsys):
    data = _encrypted_pdf("secret")
    assert refused(data, "加密.pdf") == "JX084"
    path, out = tmp_path / "加密.pdf", tmp_path / "out.csv"
    path.write_bytes(data)
    assert main(["read", str(path), "--format", "indicators-csv", "-o", str(out)]) == 1
    printed = capsys.readouterr()
    assert "打开密码" in printed.err + printed.out and "Traceback" not in printed.err
    assert not out.exists()


def test_pdf_encrypted_without_an_open_password_is_read(monkeypatch):
    """Permissions-only protection (empty user password, as "restrict editing" saves it) opens
    without a password: the file is read like the same PDF unprotected."""
    seed = read_bytes(seed_text("003").encode(), "003.txt")
    plain = render(seed, "pdf")
    monkeypatch.setattr(pdf, "_BookTemplate", partial(pdf._BookTemplate, encrypt=StandardEncryption("", ownerPassword="owner")))
    protected = render(seed, "pdf")
    assert b"/Encrypt" in protected and b"/Encrypt" not in plain

    def indicators(data: bytes) -> list:
        return [(i.level3, i.target_raw) for d in read_bytes(data, "t.pdf").documents for s in d.sections for i in s.indicators]

    assert indicators(protected) == indicators(plain) and len(indicators(plain)) > 10


def test_nothing_is_imported(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(BOMB)
    out = tmp_path / "out.csv"
    assert main(["read", str(bomb), "--format", "indicators-csv", "-o", str(out)]) == 1
    assert not out.exists()


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_a_path_with_no_end_is_refused_not_read_forever(tmp_path, make):
    import os

    from jixiao.read import read_path

    path = tmp_path / "表.txt"
    if make == "fifo":
        os.mkfifo(path)  # opening it to read would wait for a writer forever
    else:
        path.symlink_to("/dev/zero")  # reads forever, size 0
    with pytest.raises(ReadError) as refused:
        read_path(path)
    assert refused.value.finding.code == "JX005" and "不是普通文件" in refused.value.finding.message


@pytest.mark.parametrize(("make", "code", "says"), [
    ("missing", "JX005", "不存在"), ("under a file", "JX005", "不存在"), ("folder", "JX005", "文件夹"),
    ("too big", "JX006", "文件过大")])
def test_a_path_that_is_no_readable_file_is_refused_with_a_finding(tmp_path, monkeypatch, make, code, says):
    import jixiao.read as read

    path = {"missing": tmp_path / "无.txt", "under a file": tmp_path / "表.txt" / "无.txt", "folder": tmp_path,
            "too big": tmp_path / "大.txt"}[make]
    (tmp_path / "表.txt").write_text("一级指标\t三级指标\n", encoding="utf-8")
    if make == "too big":
        path.write_bytes(b"x" * 2048)
        monkeypatch.setattr(read, "MAX_TEXT_BYTES", 1024)
    with pytest.raises(ReadError) as refused:
        read.read_path(path)
    finding = refused.value.finding
    assert (finding.code, says in finding.message, finding.location.source.file) == (code, True, path.name)
