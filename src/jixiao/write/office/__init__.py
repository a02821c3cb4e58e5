"""Renderers of the official layouts (:mod:`jixiao.write.layouts`) as Excel, Word and PDF files."""


class ExportError(Exception):
    """A document that cannot be drawn in a format; the message tells the user what to change."""
