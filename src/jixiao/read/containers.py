"""What a file really is (by content, not by name), and the checks made before anything is opened.

Office files are ZIP packages (``word/…`` or ``xl/…``) or, for old Excel and for every encrypted
Office file, OLE2 compound files. A hostile or broken file is refused with one clear finding and
nothing is imported:

* not a ZIP although named ``.docx``/``.xlsx``, or cut off (no central directory);
* ZIP bombs — the sizes the archive declares are checked *before* anything is extracted: member
  count, total uncompressed size and compression ratio;
* XML with a document type declaration (OOXML never has one; it is how entity-expansion attacks
  such as "billion laughs" start);
* password-protected Office files (OLE2 with an ``EncryptionInfo`` stream);
* macro-enabled files (``.docm``/``.xlsm``): refused, not read without macros — the user is asked
  to save a plain copy, so that nobody circulates the macro file as "checked by jixiao";
* old Word ``.doc`` (not supported: save as ``.docx``).
"""

from __future__ import annotations

import io
import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from jixiao.findings import Finding, Location, ReadError, Severity
from jixiao.model.source import Source

if TYPE_CHECKING:
    import zipfile

DOCX, XLSX, XLS, PDF, HTML, TEXT = "docx", "xlsx", "xls", "pdf", "html", "text"

MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all members together
MAX_RATIO = 100  # uncompressed / compressed, for members big enough to matter
RATIO_FLOOR = 1024 * 1024
MAX_CELLS = 200_000  # grid positions over all tables of a file (a 36-project book has ~5,000)
MAX_PDF_PAGES = 500

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b", re.I | re.S)
_DTD = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_MACRO_PARTS = re.compile(r"(?:^|/)vbaProject\.bin$|(?:^|/)vbaData\.xml$", re.I)
_NAMED = {".docx": DOCX, ".docm": DOCX, ".xlsx": XLSX, ".xlsm": XLSX, ".xls": XLS, ".pdf": PDF,
          ".html": HTML, ".htm": HTML}
KIND_NAMES = {DOCX: "Word 文档", XLSX: "Excel 工作簿", XLS: "Excel 97-2003 工作簿", PDF: "PDF 文件", HTML: "网页"}


def refuse(name: str, code: str, message: str, suggestion: str = "", evidence: str = "") -> ReadError:
    return ReadError(Finding(code, Severity.ERROR, message, Location(Source(name)), suggestion, evidence))


def sniff(data: bytes, name: str) -> str:
    """The format of ``data`` by its content; a name that promises a format the content is not
    gets a clear refusal rather than being read as text."""
    head = data[:1024]
    if head.startswith((_ZIP, _EMPTY_ZIP)):
        return _zip_kind(data, name)
    if head.startswith(_OLE2):
        return _ole_kind(data, name)
    if b"%PDF-" in head:
        return PDF
    if _HTML.match(data[:4096]):
        return HTML
    claimed = _NAMED.get(PurePath(name).suffix.lower())
    if claimed in (DOCX, XLSX, XLS, PDF):
        raise refuse(name, "JX080", f"文件扩展名表明这是{KIND_NAMES[claimed]}，但内容不是（文件可能已损坏、不完整或被改了扩展名）。",
                     "请用 Word/WPS/Excel 打开原文件确认能正常显示后另存一份，再导入。")
    return HTML if claimed == HTML else TEXT


def _zip_kind(data: bytes, name: str) -> str:
    archive = open_zip(data, name)
    names = set(archive.namelist())
    if any(_MACRO_PARTS.search(n) for n in names) or _macro_enabled(archive):
        raise refuse(name, "JX083", "文件包含宏（VBA 代码，如 .docm/.xlsm），为安全起见不导入。",
                     "请在 Word/Excel/WPS 中“另存为”不含宏的 .docx 或 .xlsx 后再导入。")
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise refuse(name, "JX080", "这是一个压缩包（ZIP），但不是 Word（.docx）或 Excel（.xlsx）文件。",
                 "请直接提供其中的 Word、Excel、PDF 或网页文件。")


def _macro_enabled(archive: zipfile.ZipFile) -> bool:
    """Does the package declare a macro-enabled main part (.docm, .xlsm), with or without code?"""
    import defusedxml.ElementTree  # the ZIP and OLE2 libraries are imported for such files only

    try:
        types = defusedxml.ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except Exception:  # missing or malformed: the document library reports the damage
        return False
    return any("macroenabled" in element.get("ContentType", "").lower() for element in types.iter())


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The archive, after the declared sizes passed the bomb checks and no XML member carries a DTD."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # BadZipFile, struct and decoding errors, "zip file version" …: all "damaged"
        raise refuse(name, "JX080", "文件不是完整的 Word/Excel 文件（压缩结构损坏，可能下载不完整或已截断）。",
                     "请重新下载或从原处再复制一份后导入。") from None
    if len(members) > MAX_MEMBERS:
        raise refuse(name, "JX081", f"文件内部包含 {len(members)} 个部件，超过 {MAX_MEMBERS} 的上限，疑似恶意构造的压缩包，未导入。")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise refuse(name, "JX081", f"文件解压后约 {total // 1048576} MB，超过 {MAX_UNCOMPRESSED // 1048576} MB 的上限（疑似“压缩炸弹”），未导入。")
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise refuse(name, "JX081", f"文件内部部件 {m.filename} 的压缩比超过 {MAX_RATIO}:1（疑似“压缩炸弹”），未导入。")
    for m in members:
        if m.filename.lower().endswith((".xml", ".rels")):
            _check_xml(archive, m, name)
    return archive


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    try:
        body = archive.read(member)
    except Exception:  # a corrupt member: zlib, CRC or header errors all mean "damaged"
        raise refuse(name, "JX080", f"文件内部部件 {member.filename} 已损坏，无法读取。",
                     "请重新下载或从原处再复制一份后导入。") from None
    if any(marker in body for marker in _DTD):
        raise refuse(name, "JX082", f"文件内部部件 {member.filename} 含有 XML 实体或文档类型声明，正常的 Office 文件不会有，"
                     "可能是恶意构造的文件（实体膨胀攻击），未导入。")


def _ole_kind(data: bytes, name: str) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
        streams = {"/".join(s).lower() for s in ole.listdir()}
    except Exception:  # olefile raises assorted errors on damaged compound files
        raise refuse(name, "JX080", "文件是旧版 Office 格式，但已损坏或不完整，无法读取。",
                     "请用 Excel/WPS 打开并另存为 .xlsx 后再导入。") from None
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        raise refuse(name, "JX084", "文件设置了打开密码（已加密），无法读取。",
                     "请在 Word/Excel/WPS 中取消密码（文件→信息→保护→用密码加密，清空密码）后另存，再导入。")
    if "workbook" in streams or "book" in streams:
        return XLS
    if "worddocument" in streams:
        raise refuse(name, "JX085", "这是旧版 Word 文档（.doc），暂不支持。", "请在 Word/WPS 中另存为 .docx 后再导入。")
    raise refuse(name, "JX080", "文件是旧版 Office 格式，但既不是 Excel 工作簿也不是 Word 文档。")


def check_cells(name: str, count: int) -> None:
    """Refuse a file whose tables hold more grid positions than any target table plausibly does."""
    if count > MAX_CELLS:
        raise refuse(name, "JX086", f"表格过大（超过 {MAX_CELLS} 个单元格），超出绩效目标表的合理规模，未导入。",
                     "请只保留需要导入的工作表或表格后再试。")
