"""Bytes → text for text inputs: UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.

Detection is deterministic on purpose: a BOM decides; otherwise UTF-16 is recognised by its NUL
bytes, then strict UTF-8 is tried, then GB18030 (a superset of GBK and GB2312). Statistical
guessers misread short Chinese tables as Big5 or Shift-JIS; these four are what Chinese offices
actually save.
"""

from __future__ import annotations

import codecs

from jixiao.findings import Finding, Location, ReadError, Severity
from jixiao.model.source import Source

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _fail(name: str, code: str, message: str) -> ReadError:
    return ReadError(Finding(code, Severity.ERROR, message, Location(Source(name))))


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # ASCII-heavy UTF-16 has NULs in every other byte; CJK-only text may have few, so also
    # accept when one side has NULs and the other none.
    if odd_nuls > half * 0.3 and even_nuls == 0:
        encoding = "utf-16-le"
    elif even_nuls > half * 0.3 and odd_nuls == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(2, len(sample) // 100)


def _checked(text: str, encoding: str, name: str) -> tuple[str, str, list[Finding]]:
    if _looks_binary(text):
        raise _fail(name, "JX002", "这是二进制文件，不是文本表格；请提供文本、Word、Excel、PDF 或 HTML 文件。")
    return text, encoding, []


def decode(data: bytes, name: str = "") -> tuple[str, str, list[Finding]]:
    """Return ``(text, encoding, notes)`` or raise :class:`ReadError` with a clear finding.

    ``notes`` holds warnings about text that was decoded with repairs (a file cut off in the
    middle of a character).
    """
    if not data.strip():
        raise _fail(name, "JX001", "文件是空的，没有可读取的内容。")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding, name)
            except UnicodeDecodeError as exc:
                raise _fail(name, "JX003", f"文件以 {encoding} 标记开头，但第 {exc.start} 字节处无法解码。") from None
    text = _utf16_without_bom(data)
    if text is not None:
        return _checked(text, "utf-16", name)
    if b"\x00" in data:
        raise _fail(name, "JX002", "这是二进制文件，不是文本表格；请提供文本、Word、Excel、PDF 或 HTML 文件。")
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            text, encoding, notes = _checked(data[: exc.start].decode("utf-8"), "utf-8", name)
            note = Finding(
                "JX007",
                Severity.WARNING,
                "文件末尾被截断（最后一个字符不完整），已忽略不完整的字节；请核对文件是否完整。",
                Location(Source(name, line=text.count("\n") + 1)),
            )
            return text, encoding, [*notes, note]
    try:
        return _checked(data.decode("gb18030"), "gb18030", name)
    except UnicodeDecodeError as exc:
        raise _fail(
            name,
            "JX003",
            f"无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK），第 {exc.start} 字节处出错。",
        ) from None
