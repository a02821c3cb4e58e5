"""Database models: the organisation tree and roles, stored documents, review and audit."""

from jixiao_web.models.audit import AuditEntry
from jixiao_web.models.batches import ExportItem, ExportJob, ImportBatch, ImportFile
from jixiao_web.models.layouts import ColumnRoles
from jixiao_web.models.library import LearnedDocument
from jixiao_web.models.execution import IndicatorActual, RoundKind, RoundState, SectionActual, YearRound
from jixiao_web.models.documents import Comment, DocState, PendingUpload, StoredFinding, TargetDocument, TargetIndicator, TargetSection
from jixiao_web.models.org import Membership, OrgKind, Organisation, Role
from jixiao_web.models.tokens import ApiToken, LoginThrottle

__all__ = [
    "ApiToken",
    "AuditEntry",
    "ColumnRoles",
    "Comment",
    "DocState",
    "ExportItem",
    "ExportJob",
    "ImportBatch",
    "IndicatorActual",
    "LearnedDocument",
    "LoginThrottle",
    "ImportFile",
    "Membership",
    "OrgKind",
    "PendingUpload",
    "Organisation",
    "Role",
    "RoundKind",
    "RoundState",
    "SectionActual",
    "StoredFinding",
    "TargetDocument",
    "TargetIndicator",
    "TargetSection",
    "YearRound",
]
