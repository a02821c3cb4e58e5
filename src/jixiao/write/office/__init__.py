"""Renderers of the official layouts (:mod:`jixiao.write.layouts`) as Excel, Word and PDF files."""
