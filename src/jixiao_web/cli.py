"""``jixiao serve``, ``jixiao worker`` and ``jixiao manage``: the web application's commands, registered into the
core CLI through the ``jixiao.commands`` entry point (the core never imports this package)."""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import subprocess
import sys
import threading
import time

from rich.console import Console


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()


def cmd_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    def say(line: str) -> None:
        out.print(line, markup=False, highlight=False, soft_wrap=True)

    _setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    address = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}/"
    if args.demo:
        from jixiao_web.services.demo import load_demo

        accounts = load_demo()
        say("演示账号（每次 --demo 启动都会重新生成密码）：")
        for account in accounts:
            say(f"  {account.username:<24} 密码 {account.password:<14} {account.role}（{account.organisation}）")
    say(f"数据库：{settings.DATABASES['default']['NAME']}（已迁移）")
    if args.no_server:
        return 0
    worker = None if args.no_worker else _Sidecar(err)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a plain `kill` also stops the worker
    say(f"jixiao 网页版：{address}  （Ctrl+C 停止）")
    from waitress import serve

    from jixiao_web.wsgi import application

    try:
        serve(application, host=args.host, port=args.port, threads=8)
    finally:
        if worker is not None:
            worker.stop()
    return 0


class _Sidecar:
    """The background-task worker (``jixiao worker``) beside the web server: started again if it
    ever exits while the server runs, stopped with the server."""

    def __init__(self, err: Console) -> None:
        self.err, self.stopping = err, threading.Event()
        self.process = self._start()
        threading.Thread(target=self._watch, name="worker-watch", daemon=True).start()

    @staticmethod
    def _start() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "jixiao", "worker"], env=dict(os.environ))

    def _watch(self) -> None:
        while not self.stopping.wait(RESTART_SECONDS):
            if (code := self.process.poll()) is not None and not self.stopping.is_set():
                self.err.print(f"后台任务进程已退出（退出码 {code}），重新启动。", markup=False, highlight=False)
                self.process = self._start()

    def stop(self) -> None:
        self.stopping.set()
        self.process.terminate()
        self.process.wait(timeout=10)


RESTART_SECONDS = 2  # between a worker's exit (or database error) and its restart


def cmd_worker(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run background tasks (bulk imports, exports) until stopped; ``--batch`` exits when the queue
    is empty. A database error (a locked SQLite file, PostgreSQL restarting) does not end it: the
    task it was running is marked failed with the error and the worker starts again, and interrupted
    jobs are started again or given up with the reason (services.recovery)."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connections
    from django.utils.crypto import get_random_string

    from jixiao_web.services import recovery

    if not args.batch:
        threading.Thread(target=_recover_every, args=(settings.JIXIAO_JOB_RECOVER_SECONDS,), name="recover", daemon=True).start()
    while True:
        worker_id = get_random_string(32)
        try:
            recovery.recover()
            call_command("db_worker", "--no-reload", "--worker-id", worker_id, *(["--batch", "--no-startup-delay"] if args.batch else []))
            return 0
        except DatabaseError as exc:
            err.print(f"后台任务进程遇到数据库错误，{RESTART_SECONDS} 秒后继续：{exc}", markup=False, highlight=False)
            connections.close_all()
            time.sleep(RESTART_SECONDS)
            try:
                recovery.abandon(worker_id, exc)
            except DatabaseError:
                pass  # still unavailable: the job's lease runs out and recover() finds it later


def _recover_every(seconds: float) -> None:
    from django.db import DatabaseError, connection

    from jixiao_web.services import recovery

    while True:
        time.sleep(seconds)
        try:
            recovery.recover()
        except DatabaseError:
            pass  # the next round tries again
        finally:
            connection.close()  # this thread's own


def cmd_init(args: argparse.Namespace, out: Console, err: Console) -> int:
    """The first finance bureau and its administrator, on a new installation (migrated first)."""
    _setup()
    from django.core.management import call_command

    from jixiao_web.services.errors import ServiceError
    from jixiao_web.services.people import first_bureau

    def say(console: Console, line: str) -> None:
        console.print(line, markup=False, highlight=False, soft_wrap=True)

    password = os.environ.get(PASSWORD_VARIABLE, "")
    if not password:
        if not sys.stdin.isatty():
            say(err, f"jixiao: 请在环境变量 {PASSWORD_VARIABLE} 中给出管理员密码，或在终端中运行以便输入。")
            return 2
        password = getpass.getpass(f"管理员“{args.admin}”的密码：")
        if getpass.getpass("再输入一次：") != password:
            say(err, "jixiao: 两次输入的密码不同，未创建。")
            return 2
    call_command("migrate", interactive=False, verbosity=0)
    try:
        bureau = first_bureau(args.bureau, args.admin, password)
    except ServiceError as exc:
        say(err, f"jixiao: {exc.message}")
        return 1
    say(out, f"已创建财政局“{bureau.name}”和管理员“{args.admin.strip()}”。启动网页版后用该账号登录，在“机构与账号”中新增主管部门、预算单位和其他账号。")
    return 0


PASSWORD_VARIABLE = "JIXIAO_ADMIN_PASSWORD"


def cmd_manage(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Django's management commands (migrate, createsuperuser, db_worker …) with jixiao's settings."""
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *args.arguments])
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="启动网页版（一个进程，自动迁移数据库）；多人同时使用时用 gunicorn -w N jixiao_web.wsgi，见 README")
    serve.add_argument("--demo", action="store_true", help="载入五份样表作为演示财政局，并为每个角色生成演示账号")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-server", action="store_true", help="只迁移数据库（和载入演示数据），不启动服务")
    serve.add_argument("--no-worker", action="store_true", help="不在旁边启动后台任务进程（另行运行 jixiao worker）")
    serve.set_defaults(handler=cmd_serve)

    worker = sub.add_parser("worker", help="运行后台任务（批量导入），与 jixiao serve 使用同一数据库")
    worker.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出")
    worker.set_defaults(handler=cmd_worker)

    init = sub.add_parser("init", help=f"新建第一个财政局及其管理员（不用 --demo 的正式使用；密码取自 {PASSWORD_VARIABLE} 或在终端输入）")
    init.add_argument("--bureau", required=True, help="财政局名称，如 某县财政局")
    init.add_argument("--admin", required=True, help="管理员用户名")
    init.set_defaults(handler=cmd_init)

    manage = sub.add_parser("manage", help="Django 管理命令，例如 jixiao manage createsuperuser")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)
