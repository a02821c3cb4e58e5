"""The Chinese font the PDF is set in: Noto Sans SC (SIL Open Font License 1.1), installed from PyPI
with the ``justmytype-intl-cjk`` package, never looked for on the machine.

The package ships a variable font whose default instance is Thin. Instancing the whole font at
regular weight takes about ten seconds, so the font is first cut down to the characters of the
document and then instanced (about a second), and the PDF embeds only those glyphs.
"""

from __future__ import annotations

import hashlib
import io
from importlib.resources import files

from fontTools import subset
from fontTools.ttLib import TTFont as FontFile
from fontTools.varLib import instancer
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_PACKAGE = "justmytype_intl_cjk"
FONT_PATH = "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"
REGULAR, BOLD = 400, 700
# always present so labels, digits and punctuation added by the renderer have glyphs
BASE_TEXT = "".join(chr(c) for c in range(0x20, 0x7F)) + "目录年度第页共，。、：；（）《》“”‘’【】〔〕≥≤±％—…·　"


def font_file() -> str:
    return str(files(FONT_PACKAGE) / FONT_PATH)


def _save(font: FontFile) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _subset(text: str) -> bytes:
    font = FontFile(font_file())
    options = subset.Options()
    options.layout_features = []  # no shaping is done: keep the font small
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    return _save(font)


def _instance(variable: bytes, weight: int, name: str) -> bytes:
    font = instancer.instantiateVariableFont(FontFile(io.BytesIO(variable)), {"wght": weight})
    # reportlab shares embedded glyph data between fonts of the same internal name: each cut-down
    # font needs a name of its own, or a second document in one process shows empty boxes
    table = font["name"]
    for name_id in (1, 4, 6):
        table.removeNames(nameID=name_id)
        table.setName(name, name_id, 3, 1, 0x409)
    return _save(font)


def register_fonts(text: str) -> tuple[str, str]:
    """Register regular and bold fonts covering ``text`` with reportlab; returns their names."""
    chars = "".join(sorted(set(text + BASE_TEXT) - {"\n", "\r", "\t"}))
    key = hashlib.sha1(chars.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    names = (f"NotoSansSC-{key}", f"NotoSansSC-Bold-{key}")
    if names[0] in pdfmetrics.getRegisteredFontNames():
        return names
    variable = _subset(chars)
    for name, weight in zip(names, (REGULAR, BOLD)):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(_instance(variable, weight, name))))
    return names
