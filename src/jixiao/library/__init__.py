"""The indicator library (指标库) learned from documents, and drafting a target table from it."""

from jixiao.library.draft import Draft, DraftLine, ProjectRequest, draft
from jixiao.library.store import DocInfo, Entry, Library, Observation, Suggestion, build_library

__all__ = ["DocInfo", "Draft", "DraftLine", "Entry", "Library", "Observation", "ProjectRequest", "Suggestion", "build_library", "draft"]
