"""Import checks a clerk relies on: the preview names the layout, warns when the file's unit is
not the unit chosen and when the same file is already imported; bulk import skips such a file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jixiao_web.models import ImportBatch, ImportFile, Organisation, OrgKind, Role, TargetDocument
from jixiao_web.services import bulk, imports
from tests_web_helpers import login, seed_path


def _preview(client, seed):
    upload = client.post(reverse("import"), {"file": SimpleUploadedFile(seed.name, seed.read_bytes())})
    return upload.url, client.get(upload.url).content.decode()


def test_preview_names_the_layout_and_warns_of_another_unit_and_of_the_same_file(own):
    client = login(own.users[Role.FILER])
    url, page = _preview(client, seed_path("001"))  # 渚源县民政局's file, imported into 甲民政局本级 by the fixture
    assert "版式：部门整体支出绩效目标批复表" in page and "dept_approval_form" not in page
    warning = page[page.index('id="unit-warning"') :]
    assert "hidden" not in warning[: warning.index(">")]
    assert "文件中的单位是“渚源县民政局”，与所选的导入单位“<span class=\"chosen-unit\">甲民政局本级</span>”不同" in warning
    duplicate = page[page.index('id="duplicate-warning"') :]
    link = reverse("document", kwargs={"pk": own.document.pk})
    assert "这个文件已经导入过" in duplicate and f'<a href="{link}">{own.document}</a>（甲民政局本级' in duplicate
    # a unit the file names is chosen for the user, and then nothing warns
    unit = Organisation.objects.create(kind=OrgKind.UNIT, name="渚源县民政局本级", parent=own.department)
    admin = login(own.users[Role.ADMIN])
    _, page = _preview(admin, seed_path("003"))
    assert 'id="duplicate-warning"' not in page
    _, page = _preview(admin, seed_path("001"))
    assert f'<option value="{unit.pk}" data-fits="1" selected>' in page
    assert 'id="unit-warning" hidden' in page


def test_same_unit_leaves_out_spaces_and_benji():
    assert imports.same_unit("渚源县民政局本级", "渚源县民政局") and imports.same_unit("株洲市石峰区民政局", "石峰区民政局")
    assert not imports.same_unit("甲民政局本级", "渚源县民政局") and not imports.same_unit("甲民政局本级", "")


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_bulk_import_skips_a_file_already_in_the_unit_and_says_which_document_it_is(own):
    filer = own.users[Role.FILER]
    seed = seed_path("001")
    before = TargetDocument.objects.count()
    batch = bulk.start(filer, own.unit, [(seed.name, seed.read_bytes()), ("再次.txt", seed.read_bytes()), *[(p.name, p.read_bytes()) for p in [seed_path("003")] * 2]])
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert TargetDocument.objects.count() == before + 1  # only 003, once
    files = list(ImportFile.objects.filter(batch=batch).order_by("pk"))
    assert [f.status for f in files] == ["failed", "failed", "imported", "failed"]
    assert files[0].message == f"跳过：与已导入的“{own.document}”是同一文件，未重复导入。" and files[0].documents == [own.document.pk]
    assert files[1].documents == [own.document.pk]  # the bytes count, not the name
    assert files[3].documents == files[2].documents  # the same file twice in one batch: once
    assert files[2].message == "1 份目标表（注意：文件中的单位是“广州市天河区民政局”，与导入单位“甲民政局本级”不同）"  # as the preview warns
    page = login(filer).get(reverse("import_batch", kwargs={"pk": ImportBatch.objects.get().pk})).content.decode()
    assert "未重复导入" in page and reverse("document", kwargs={"pk": own.document.pk}) in page


def test_a_preview_replaced_in_another_tab_leads_to_the_newer_one(own):
    """Regression: a second upload (another tab) dropped the first, whose 确认导入 then gave a bare 404."""
    client = login(own.users[Role.FILER])
    first, _ = _preview(client, seed_path("001"))
    second, _ = _preview(client, seed_path("003"))
    reply = client.post(first, {"unit": own.unit.pk}, follow=True)
    assert reply.redirect_chain[-1][0] == second
    assert "已被您后来上传的“003_e09e5b4a9b841d04.txt”替换" in reply.content.decode()
    assert TargetDocument.objects.count() == 1  # nothing imported from the stale tab
