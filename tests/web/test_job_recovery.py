"""A bulk import or export whose worker dies mid-job is shown as 中断 and can be started again,
without doing the finished items twice; a slow run that is alive is neither shown 中断 nor, once
taken over by a restart, able to write beside the newer run."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao_web.models import ExportJob, ImportBatch, ImportFile, Role, TargetDocument
from jixiao_web.services import bulk, bulk_export, imports, jobs
from tests_web_helpers import login, seed_path


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _dies_on(monkeypatch, module, name, calls, on_call):
    """Replace ``module.name`` by a wrapper that records its calls and stops the worker on call ``on_call``,
    as SIGTERM does (the worker marks the task failed and the job is left running)."""
    real = getattr(module, name)

    def wrapper(*args):
        calls.append(args)
        if len(calls) == on_call:
            raise SystemExit(1)
        return real(*args)

    monkeypatch.setattr(module, name, wrapper)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_an_interrupted_export_is_restarted_and_writes_only_what_is_left(own, monkeypatch):
    seed = seed_path("003")
    imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)
    client = login(own.users[Role.FILER])
    client.post(reverse("export_bulk"), {"fmt": "json"})
    job = ExportJob.objects.get()
    calls: list = []
    _dies_on(monkeypatch, bulk_export, "export", calls, on_call=2)
    _run_worker()

    progress_url = reverse("export_job_progress", kwargs={"pk": job.pk})
    stuck = client.get(progress_url).json()
    assert (stuck["state"], stuck["state_label"], stuck["finished"], stuck["total"]) == ("interrupted", "中断", 1, 2)
    page = client.get(reverse("export_job", kwargs={"pk": job.pk})).content.decode()
    restart = reverse("export_job_restart", kwargs={"pk": job.pk})
    assert "中断" in page and restart in page
    assert login(own.users[Role.ADMIN]).post(restart).status_code == 404  # someone else's job

    assert client.post(restart).status_code == 302
    assert client.get(progress_url).json()["state"] == "queued"
    client.post(restart)  # a second click: the job is queued again, not interrupted
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    _run_worker()

    done = client.get(progress_url).json()
    assert (done["state"], done["exported"], done["failed"]) == ("done", 2, 0)
    assert len(calls) == 3  # the first document was not written again
    archive = bulk_export.zipfile.ZipFile(bulk_export.io.BytesIO(client.get(reverse("export_job_download", kwargs={"pk": job.pk})).content))
    assert len(archive.namelist()) == 3  # two documents and the 清单
    assert set(job.items.values_list("data", flat=True)) == {b""}  # the written files live in the zip only
    client.post(restart)  # a finished job is not started again
    assert ExportJob.objects.get().state == ExportJob.State.DONE


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_import_is_restarted_and_imports_only_what_is_left(own, monkeypatch):
    client = login(own.users[Role.FILER])
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (seed_path("003"), seed_path("004"))]
    client.post(reverse("import_bulk"), {"unit": own.unit.pk, "files": files})
    batch = ImportBatch.objects.get()
    before = TargetDocument.objects.count()
    calls: list = []
    _dies_on(monkeypatch, bulk.imports, "store_preview", calls, on_call=2)
    _run_worker()

    progress_url = reverse("import_batch_progress", kwargs={"pk": batch.pk})
    stuck = client.get(progress_url).json()
    assert (stuck["state"], stuck["imported"], stuck["finished"]) == ("interrupted", 1, 1)
    restart = reverse("import_batch_restart", kwargs={"pk": batch.pk})
    assert restart in client.get(reverse("import_batch", kwargs={"pk": batch.pk})).content.decode()
    assert login(own.users[Role.AUDITOR]).post(restart).status_code == 403  # sees the batch, may not import

    client.post(restart)
    _run_worker()

    assert client.get(progress_url).json()["state"] == "done"
    assert len(calls) == 3 and TargetDocument.objects.count() == before + 1 + 3  # seed 003 imported once
    assert set(ImportFile.objects.values_list("status", flat=True)) == {ImportFile.Status.IMPORTED}


@pytest.mark.django_db
def test_a_job_whose_worker_was_killed_outright_is_interrupted_once_it_stalls(own, settings):
    """SIGKILL leaves the task "running" for ever: only the time since the last finished item tells."""
    job = bulk_export.ExportJob.objects.create(user=own.users[Role.FILER], fmt="json", state=ExportJob.State.RUNNING)
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, args_kwargs={"args": [job.pk], "kwargs": {}}, task_path="x", backend_name="default",
        run_after=timezone.now(), exception_class_path="", traceback="",
    )
    ExportJob.objects.filter(pk=job.pk).update(task_id=task.id, touched=timezone.now())
    fresh = ExportJob.objects.with_task_status().get()
    assert not fresh.interrupted()
    ExportJob.objects.update(touched=timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_STALL_SECONDS + 1))
    assert ExportJob.objects.with_task_status().get().interrupted()
    DBTaskResult.objects.update(status=TaskResultStatus.READY)  # merely waiting for a worker: not stuck
    assert not ExportJob.objects.get().interrupted()


@pytest.mark.django_db(transaction=True)
def test_an_older_run_taken_over_by_a_restart_writes_nothing_more(own, monkeypatch, settings):
    """A run judged stuck by the stall timer alone may in fact be alive on a slow document: once a
    restart has taken the job over, the older run's document is not saved and it stops."""
    seed = seed_path("003")
    imports.import_file(own.users[Role.FILER], own.unit, seed.read_bytes(), seed.name)
    filer = own.users[Role.FILER]
    job = bulk_export.start(filer, {}, "json")
    real, calls = bulk_export.export, []

    def slow_then_taken_over(*args):
        calls.append(args)
        if len(calls) == 1:  # the first run, still alive, has been silent too long: someone restarts
            stale = timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_STALL_SECONDS + 1)
            ExportJob.objects.update(touched=stale)
            bulk_export.restart(filer, ExportJob.objects.get())
        return real(*args)

    monkeypatch.setattr(bulk_export, "export", slow_then_taken_over)
    _run_worker()  # the first run, then the restarted one

    assert [t.status for t in DBTaskResult.objects.order_by("enqueued_at")] == [TaskResultStatus.SUCCESSFUL] * 2
    job.refresh_from_db()
    assert (job.state, job.run) == (ExportJob.State.DONE, 1)
    assert len(calls) == 3  # the first run wrote its document, but did not keep it
    assert list(job.items.values_list("status", flat=True)) == [bulk_export.ExportItem.Status.EXPORTED] * 2


@pytest.mark.django_db(transaction=True)
def test_an_older_run_taken_over_while_importing_keeps_none_of_its_documents(own, monkeypatch, settings):
    filer = own.users[Role.FILER]
    batch = bulk.start(filer, own.unit, [(p.name, p.read_bytes()) for p in (seed_path("003"), seed_path("004"))])
    before = TargetDocument.objects.count()
    real, calls = bulk.imports.preview, []

    def restart_elsewhere():  # as the web process does, on its own connection
        ImportBatch.objects.update(touched=timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_STALL_SECONDS + 1))
        bulk.restart(filer, ImportBatch.objects.get())
        connection.close()

    def taken_over_while_importing(*args):
        calls.append(args)
        if len(calls) == 1:  # the older run is reading its file, before its transaction
            web = threading.Thread(target=restart_elsewhere)
            web.start()
            web.join()
        return real(*args)

    monkeypatch.setattr(bulk.imports, "preview", taken_over_while_importing)
    _run_worker()

    batch.refresh_from_db()
    assert (batch.state, batch.run, len(calls)) == (ImportBatch.State.DONE, 1, 3)
    assert TargetDocument.objects.count() == before + 1 + 3  # seed 003 once: the older run's import of it was rolled back


@pytest.mark.django_db(transaction=True)
def test_an_older_run_cannot_write_once_a_newer_one_holds_the_job(own):
    job = ExportJob.objects.create(user=own.users[Role.FILER], fmt="json", state=ExportJob.State.RUNNING, run=1)
    with pytest.raises(jobs.Superseded):
        jobs.hold(job, 0, state=ExportJob.State.DONE)
    assert ExportJob.objects.get().state == ExportJob.State.RUNNING
    with pytest.raises(jobs.Superseded), jobs.lease(job, 0):
        pass  # an older run that starts late does not start at all
    jobs.hold(job, 1, state=ExportJob.State.DONE)
    assert ExportJob.objects.get().state == ExportJob.State.DONE


@pytest.mark.django_db(transaction=True)
def test_a_slow_but_alive_job_is_not_interrupted(own, monkeypatch, settings):
    """One file slower than the stall time: the run's heartbeat keeps the job from looking stuck."""
    settings.JIXIAO_JOB_STALL_SECONDS = 2
    client = login(own.users[Role.FILER])
    client.post(reverse("import_bulk"), {"unit": own.unit.pk, "files": [SimpleUploadedFile("003.xlsx", seed_path("003").read_bytes())]})
    batch = ImportBatch.objects.get()
    real, seen = bulk.imports.preview, []

    def slow(*args):
        time.sleep(3)  # reading the file, before any write: the heartbeat can renew the lease
        seen.append(client.get(reverse("import_batch_progress", kwargs={"pk": batch.pk})).json()["state"])
        return real(*args)

    monkeypatch.setattr(bulk.imports, "preview", slow)
    _run_worker()

    assert seen == ["running"]
    assert client.get(reverse("import_batch_progress", kwargs={"pk": batch.pk})).json()["state"] == "done"


@pytest.mark.django_db(transaction=True)
def test_interrupted_exports_are_dropped_like_finished_ones(own, settings):
    filer = own.users[Role.FILER]
    seed = seed_path("003")
    imports.import_file(filer, own.unit, seed.read_bytes(), seed.name)
    stale = timezone.now() - timedelta(seconds=settings.JIXIAO_JOB_STALL_SECONDS + 1)
    for _ in range(bulk_export.KEEP_JOBS + 2):
        bulk_export.start(filer, {}, "json")
        ExportJob.objects.update(touched=stale)  # no task ever ran, as if the worker died at once
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    bulk_export.start(filer, {}, "json")
    assert ExportJob.objects.count() == bulk_export.KEEP_JOBS
    assert ExportJob.objects.filter(touched=None).count() == 1  # the new one, not dropped
