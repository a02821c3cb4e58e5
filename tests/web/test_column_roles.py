"""Correcting what a table's columns are in the import preview (issue 12, item 6): the correction
reads the file again at once, and is kept for later files of the same layout in the bureau."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao_web.models import AuditEntry, ColumnRoles, Role, TargetIndicator
from tests_web_helpers import login

# 目标 and 完成 are no column names the reader knows: it reads the rows with the target alone
TABLE = ("| 一级指标 | 二级指标 | 三级指标 | 目标 | 完成 | 得分 |\n"
         "| 产出指标 | 数量指标 | 发放补贴户数 | ≥100户 | {actual} | 9 |\n")


def _upload(client, actual: str):
    upload = client.post(reverse("import"), {"file": SimpleUploadedFile("表.txt", TABLE.format(actual=actual).encode())})
    return upload.url


def _first_row(page: str) -> str:
    rows = page[page.index('id="first-rows"'):]
    return rows[rows.index("<tbody>"):rows.index("</tbody>")]


def test_a_corrected_column_reads_this_file_and_the_next_of_its_layout(own):
    client = login(own.users[Role.FILER])
    url = _upload(client, "98户")
    page = client.get(url).content.decode()
    assert "<th>完成</th>" in page and "98户" not in _first_row(page)
    signature = page.split('name="signature" value="')[1].split('"')[0]
    done = client.post(url, {"columns": "1", "signature": signature, "role_0": "level1", "role_1": "level2",
                             "role_2": "level3", "role_3": "target", "role_4": "actual", "role_5": "score"}, follow=True)
    page = done.content.decode()
    assert "已按您选择的列含义重新读取" in page and "98户" in _first_row(page)
    kept = ColumnRoles.objects.get()
    assert (kept.bureau, kept.roles) == (own.unit.bureau(), {"3": "target", "4": "actual"})
    assert AuditEntry.objects.filter(action="columns").exists()
    # a later file of the same layout is read with it, and imported so
    url = _upload(client, "101户")
    assert "101户" in _first_row(client.get(url).content.decode())
    client.post(url, {"unit": own.unit.pk})
    assert TargetIndicator.objects.filter(level3="发放补贴户数", actual_raw="101户").exists()


def test_a_role_not_offered_is_refused_and_nothing_is_kept(own):
    client = login(own.users[Role.FILER])
    url = _upload(client, "98户")
    page = client.get(url).content.decode()
    signature = page.split('name="signature" value="')[1].split('"')[0]
    done = client.post(url, {"columns": "1", "signature": signature, "role_3": "drop table"}, follow=True)
    assert "列的含义不在可选范围内" in done.content.decode() and not ColumnRoles.objects.exists()
