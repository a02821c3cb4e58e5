"""The worker survives database errors and resumes or gives up interrupted jobs with the reason;
``jixiao serve`` starts its worker again when it exits.

Regression: a "database is locked" error killed the worker for good and its batch showed 排队中 for ever."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from rich.console import Console

from jixiao.cli import main
from jixiao_web import cli
from jixiao_web.models import ImportBatch, ImportFile, Role, TargetDocument
from jixiao_web.services import bulk, recovery
from tests_web_helpers import login, seed_path


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_a_database_error_in_the_worker_does_not_stop_it_and_its_batch_is_finished(own, monkeypatch, capsys):
    monkeypatch.setattr(cli, "RESTART_SECONDS", 0)
    batch = bulk.start(own.users[Role.FILER], own.unit, [(p.name, p.read_bytes()) for p in (seed_path("003"), seed_path("004"))])
    before = TargetDocument.objects.count()
    real, calls = db_worker.Worker.run_task, []

    def locked_once(worker, result):
        calls.append(result.id)
        if len(calls) == 1:  # the task is claimed (running), then the worker's own write fails
            raise OperationalError("database is locked")
        return real(worker, result)

    monkeypatch.setattr(db_worker.Worker, "run_task", locked_once)
    assert main(["worker", "--batch"]) == 0
    assert "后台任务进程遇到数据库错误" in capsys.readouterr().err
    first = DBTaskResult.objects.get(id=calls[0])
    assert first.status == TaskResultStatus.FAILED and "database is locked" in first.traceback  # told, not left running
    batch.refresh_from_db()
    assert (batch.state, batch.run) == (ImportBatch.State.DONE, 1)  # resumed by the worker itself
    assert TargetDocument.objects.count() == before + 1 + 3
    assert set(ImportFile.objects.values_list("status", flat=True)) == {ImportFile.Status.IMPORTED}


@pytest.mark.django_db
def test_a_job_whose_worker_was_killed_is_started_again_once_it_stalls(own, settings):
    batch = bulk.start(own.users[Role.FILER], own.unit, [("a.txt", b"x")])
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, args_kwargs={"args": [batch.pk], "kwargs": {}}, task_path="x", backend_name="default",
        run_after=timezone.now(), exception_class_path="", traceback="",
    )
    ImportBatch.objects.update(task_id=task.id, state=ImportBatch.State.RUNNING, touched=timezone.now())
    recovery.recover()
    assert ImportBatch.objects.get().run == 0  # alive as far as anyone can tell: left alone
    ImportBatch.objects.update(touched=timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_STALL_SECONDS + 1))
    recovery.recover()
    batch = ImportBatch.objects.get()
    assert (batch.state, batch.run) == (ImportBatch.State.QUEUED, 1)


@pytest.mark.django_db
def test_a_job_that_keeps_failing_is_given_up_with_the_reason(own):
    batch = bulk.start(own.users[Role.FILER], own.unit, [("a.txt", b"x")])
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED, args_kwargs={"args": [batch.pk], "kwargs": {}}, task_path="x", backend_name="default",
        run_after=timezone.now(), exception_class_path="django.db.utils.OperationalError",
        traceback="Traceback …\ndjango.db.utils.OperationalError: database is locked\n",
    )
    ImportBatch.objects.update(task_id=task.id, run=recovery.AUTO_RUNS - 1)
    recovery.recover()
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.FAILED
    assert batch.message == "已重新开始 2 次仍未完成，任务停止：后台任务出错（django.db.utils.OperationalError: database is locked）"
    client = login(own.users[Role.FILER])
    assert client.get(reverse("import_batch_progress", kwargs={"pk": batch.pk})).json()["state_label"] == "导入失败"
    assert batch.message in client.get(reverse("import_batch", kwargs={"pk": batch.pk})).content.decode()


def test_serve_starts_its_worker_again_when_it_exits(monkeypatch):
    monkeypatch.setattr(cli, "RESTART_SECONDS", 0.05)
    started = []

    def start():
        started.append(subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"]))
        return started[-1]

    monkeypatch.setattr(cli._Sidecar, "_start", staticmethod(start))
    sidecar = cli._Sidecar(Console(stderr=True))
    for _ in range(100):
        if len(started) >= 3:
            break
        time.sleep(0.05)
    sidecar.stop()
    assert len(started) >= 3
