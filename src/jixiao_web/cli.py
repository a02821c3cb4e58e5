"""``jixiao serve``, ``jixiao worker`` and ``jixiao manage``: the web application's commands, registered into the
core CLI through the ``jixiao.commands`` entry point (the core never imports this package)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

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
    worker = None if args.no_worker else _start_worker()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a plain `kill` also stops the worker
    say(f"jixiao 网页版：{address}  （Ctrl+C 停止）")
    from waitress import serve

    from jixiao_web.wsgi import application

    try:
        serve(application, host=args.host, port=args.port, threads=8)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)
    return 0


def _start_worker() -> subprocess.Popen:
    """The background-task worker (bulk import) beside the web server, stopped with it."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "jixiao_web.settings"))
    return subprocess.Popen([sys.executable, "-m", "django", "db_worker", "--no-reload"], env=env)


def cmd_worker(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Run background tasks (bulk imports) until stopped; ``--batch`` exits when the queue is empty."""
    _setup()
    from django.core.management import call_command

    call_command("db_worker", "--no-reload", *(["--batch", "--no-startup-delay"] if args.batch else []))
    return 0


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

    manage = sub.add_parser("manage", help="Django 管理命令，例如 jixiao manage createsuperuser")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)
