"""Workflow transitions, edits with the version check, comments and import, through the services."""

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.cli.common import sample_paths
from jixiao_web.models import AuditEntry, Comment, DocState, Role, TargetDocument
from jixiao_web.services import editing, imports, workflow
from jixiao_web.services.errors import ServiceError, StaleVersion
from tests_web_helpers import edit_of as _edit_of

SEED_003 = next(p for p in sample_paths() if p.name.startswith("003"))


def _clean_document(tenant):
    """Seed 003 has no error-level finding, so it can be submitted as it is."""
    filer = tenant.users[Role.FILER]
    return imports.import_file(filer, tenant.unit, SEED_003.read_bytes(), SEED_003.name)[0]


def test_the_whole_workflow_writes_one_audit_row_per_step(own):
    document = _clean_document(own)
    u = own.users
    document = workflow.submit(u[Role.FILER], document)
    document = workflow.return_(u[Role.DEPT_APPROVER], document, "指标值“及时”不可衡量，请写明时限。")
    assert document.state == DocState.RETURNED
    assert Comment.objects.get(document=document).text.startswith("指标值")
    document = workflow.submit(u[Role.FILER], document)
    document = workflow.dept_review(u[Role.DEPT_APPROVER], document)
    assert document.state == DocState.DEPT_REVIEWED
    document = workflow.review(u[Role.BUSINESS_REVIEWER], document)
    document = workflow.approve(u[Role.PERFORMANCE], document)
    document = workflow.publish(u[Role.PERFORMANCE], document)
    assert document.state == DocState.PUBLISHED
    steps = list(AuditEntry.objects.filter(document=document).order_by("pk").values_list("action", "actor__username"))
    assert steps == [
        ("import", "甲_filer"),
        ("submit", "甲_filer"),
        ("return", "甲_dept_approver"),
        ("submit", "甲_filer"),
        ("dept_review", "甲_dept_approver"),
        ("review", "甲_business_reviewer"),
        ("approve", "甲_performance"),
        ("publish", "甲_performance"),
    ]


def test_submitting_with_errors_is_refused_and_lists_them(own):
    document = own.document  # seed 001: three empty targets and one contradictory duplicate
    with pytest.raises(ServiceError) as refused:
        workflow.submit(own.users[Role.FILER], document)
    assert "4 个错误级问题" in refused.value.message
    assert len(refused.value.details) == 4
    assert any("JX111" in d and "指标值为空" in d for d in refused.value.details)
    document.refresh_from_db()
    assert document.state == DocState.DRAFT
    assert not AuditEntry.objects.filter(document=document, action="submit").exists()


@pytest.mark.parametrize(
    "role", [Role.DEPT_APPROVER, Role.BUSINESS_REVIEWER, Role.PERFORMANCE, Role.AUDITOR]
)
def test_only_filers_and_admins_submit(own, role):
    document = _clean_document(own)
    with pytest.raises(PermissionDenied):
        workflow.submit(own.users[role], document)


def test_wrong_role_and_wrong_state_are_refused(own):
    document = _clean_document(own)
    u = own.users
    with pytest.raises(PermissionDenied):
        workflow.approve(u[Role.BUSINESS_REVIEWER], document)
    with pytest.raises(ServiceError, match="草稿"):
        workflow.approve(u[Role.PERFORMANCE], document)
    with pytest.raises(ServiceError, match="审核意见"):
        workflow.return_(u[Role.DEPT_APPROVER], workflow.submit(u[Role.FILER], document), "  ")


def test_another_bureau_cannot_act(own, other):
    document = workflow.submit(own.users[Role.FILER], _clean_document(own))
    with pytest.raises(PermissionDenied):
        workflow.dept_review(other.users[Role.DEPT_APPROVER], document)


def _section_with_empty_target(document):
    for section in document.sections.all():
        if section.indicators.filter(target_raw="").exists():
            return section, section.indicators.filter(target_raw="").first().position
    raise AssertionError("seed 001 has empty targets")


def test_edit_parses_the_target_and_updates_findings(own):
    document, filer = own.document, own.users[Role.FILER]
    section, position = _section_with_empty_target(document)
    before = document.findings.filter(code="JX111").count()
    editing.save_section(filer, section, _edit_of(section, {(position, "target_raw"): "≥95%"}))
    row = section.indicators.get(position=position)
    assert row.parsed["kind"] == "quantity" and row.parsed["number"] == "95"
    assert document.findings.filter(code="JX111").count() == before - 1
    entry = AuditEntry.objects.filter(document=document, action="edit").get()
    assert entry.before == {f"指标{position}.target_raw": ""} and entry.after == {f"指标{position}.target_raw": "≥95%"}


def test_second_saver_of_a_stale_version_is_refused_and_nothing_changes(own):
    filer = own.users[Role.FILER]
    section, position = _section_with_empty_target(own.document)
    first = _edit_of(section, {(position, "target_raw"): "100%"})
    second = _edit_of(section, {(position, "target_raw"): "≥90%"})  # opened the same version
    editing.save_section(filer, section, first)
    with pytest.raises(StaleVersion, match="其他人已保存"):
        editing.save_section(filer, section, second)
    assert section.indicators.get(position=position).target_raw == "100%"


def test_published_documents_cannot_be_edited(own):
    document = _clean_document(own)
    u = own.users
    for step, user in ((workflow.submit, Role.FILER), (workflow.dept_review, Role.DEPT_APPROVER)):
        document = step(u[user], document)
    section = document.sections.first()
    with pytest.raises(ServiceError, match="只有草稿或已退回"):
        editing.save_section(u[Role.FILER], section, _edit_of(section))


def test_comment_on_a_cell(own):
    document = own.document
    section = document.sections.first()
    comment = editing.add_comment(own.users[Role.PERFORMANCE], document, "请写明计量单位", section, 2, "target")
    assert (comment.section, comment.row_no, comment.field) == (section, 2, "target")
    with pytest.raises(PermissionDenied):
        editing.add_comment(own.users[Role.AUDITOR], document, "审计不能写意见")


def test_unreadable_upload_changes_nothing(own):
    count = TargetDocument.objects.count()
    with pytest.raises(ServiceError, match="无法读取"):
        imports.import_file(own.users[Role.FILER], own.unit, b"\x00\x01\x02binary", "x.bin")
    with pytest.raises(ServiceError, match="无法读取"):
        imports.import_file(own.users[Role.FILER], own.unit, "随便写的一段话".encode(), "note.txt")
    assert TargetDocument.objects.count() == count


def test_import_into_another_unit_is_refused(own, other):
    with pytest.raises(PermissionDenied):
        imports.import_file(own.users[Role.FILER], other.unit, SEED_003.read_bytes(), SEED_003.name)


def test_a_file_of_several_parts_becomes_several_documents(own):
    seed = next(p for p in sample_paths() if p.name.startswith("004"))
    stored = imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)
    assert [d.part for d in stored] == [1, 2, 3]
    assert all(d.state == DocState.DRAFT and d.unit == own.unit for d in stored)
