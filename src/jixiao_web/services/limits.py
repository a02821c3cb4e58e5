"""What an uploaded file may be, checked before any reading starts: its size, what an office file
(a ZIP) unpacks to, and how many lines a text has; then, once read and before it is reviewed, how
many indicator rows it has. One hostile upload must not hold a server process for minutes nor take
gigabytes; real target tables and actuals workbooks are far smaller."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

from jixiao.model.document import Document
from jixiao_web.services.errors import ServiceError

_NOT_TEXT = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")  # office ZIP, PDF, old Office (OLE2)


def check_file(data: bytes, name: str) -> None:
    """ServiceError, saying which limit, when ``data`` is larger than the application reads."""
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise ServiceError(f"“{name}”过大（{len(data) // 1024} KB），上限为 {limit // 1048576} MB，未读取。")
    if data.startswith(_NOT_TEXT[0]):
        try:
            unpacked = sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist())
        except zipfile.BadZipFile:
            return  # the core's reader tells what is wrong with it
        if unpacked > (most := settings.JIXIAO_MAX_UNPACKED_BYTES):
            raise ServiceError(
                f"“{name}”解压后约 {unpacked // 1048576} MB，超过 {most // 1048576} MB 的上限（绩效目标表和填报表远小于此），未读取。",
                ["如确是一份表格，请删去多余的空行、空列或其他工作表后另存再上传。"],
            )
    elif not data.startswith(_NOT_TEXT) and (lines := data.count(b"\n")) > (most := settings.JIXIAO_MAX_LINES):
        raise ServiceError(f"“{name}”有 {lines} 行，超过 {most} 行的上限（绩效目标表远小于此），未读取。", ["请按单位或项目拆成几个文件再导入。"])


def check_rows(documents: list[Document], name: str) -> None:
    """ServiceError when a section has more indicator rows than its editor takes, or the file more
    than a document's pages show in seconds (checked after reading, before the slower review)."""
    most = settings.JIXIAO_MAX_SECTION_ROWS
    if big := [f"{s.name or s.code}（{len(s.indicators)} 行）" for d in documents for s in d.sections if len(s.indicators) > most]:
        raise ServiceError(f"“{name}”中有 {len(big)} 节超过一节 {most} 行指标的上限，未导入。", big[:20])
    total = sum(len(s.indicators) for d in documents for s in d.sections)
    if total > (most := settings.JIXIAO_MAX_FILE_ROWS):
        raise ServiceError(f"“{name}”共有 {total} 行指标，超过一个文件 {most} 行的上限，未导入。", ["请按单位或项目拆成几个文件再导入。"])
