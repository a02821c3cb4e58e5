"""The indicator library of the web application: the core's library learned from the shipped samples
and every stored document, kept up to date as documents are imported and saved.

Learning a document is one pass over its rows (milliseconds), so it happens where its findings are
refreshed (:func:`jixiao_web.services.findings.refresh`) rather than through the job queue. The library itself is assembled once per process and
assembled again only when a document was learned or forgotten since. Where an indicator was
written is shown to a user only for the documents they may see; the others are only counted.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max
from django.urls import reverse

from jixiao.library.files import sample_library
from jixiao.library.store import DocInfo, Entry, Library, Observation, document_label, observations
from jixiao.model.document import Document
from jixiao_web.models import LearnedDocument, TargetDocument
from jixiao_web.services.access import visible_documents

_lock = threading.Lock()
_cached: tuple[tuple, Library] | None = None


def learn(parts: list[TargetDocument], documents: list[Document]) -> None:
    """Learn (again) the stored ``parts`` from their core ``documents``."""
    for stored, document in zip(parts, documents, strict=True):
        rows = [asdict(o) for o in observations(document, str(stored.pk))]
        LearnedDocument.objects.update_or_create(
            document=stored, defaults={"label": document_label(document, str(stored.pk))[:500], "observations": rows}
        )


def current() -> Library:
    """The library as it stands: the samples and every learned document (shared: callers only read)."""
    global _cached
    state = LearnedDocument.objects.aggregate(n=Count("pk"), last=Max("updated"), top=Max("pk"))
    key = (state["n"], state["last"], state["top"])
    with _lock:
        if _cached is None or _cached[0] != key:
            library = sample_library()
            for pk, label, rows in LearnedDocument.objects.values_list("document_id", "label", "observations").iterator():
                library.documents[str(pk)] = DocInfo(str(pk), label)
                for row in rows:
                    library.observe(Observation(**row))
            _cached = (key, library)
        return _cached[1]


@dataclass(frozen=True)
class Place:
    """A document an entry was learned from, as a user may see it: with a link when they may open it."""

    label: str
    url: str = ""


def places(user: AbstractBaseUser, library: Library, entries: list[Entry], limit: int = 8) -> list[tuple[list[Place], int]]:
    """For each of ``entries``: the documents it was learned from that ``user`` may see (the samples
    included, at most ``limit``), and how many others there are. One query for all of them."""
    stored = {int(d) for e in entries for d in e.docs if d.isdigit()}
    visible = set(visible_documents(user).filter(pk__in=stored).values_list("pk", flat=True))
    out = []
    for entry in entries:
        shown, hidden = [], 0
        for doc_id in entry.docs:
            if doc_id.isdigit() and int(doc_id) not in visible:
                hidden += 1
            elif len(shown) < limit:
                info = library.documents.get(doc_id)
                url = reverse("document", kwargs={"pk": int(doc_id)}) if doc_id.isdigit() else ""
                shown.append(Place(info.label if info else doc_id, url))
        out.append((shown, hidden))
    return out
