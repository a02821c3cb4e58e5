"""The core never imports Django or the web application (it must stay framework-free)."""

import ast
from pathlib import Path

import jixiao

CORE = Path(jixiao.__file__).parent
FORBIDDEN = ("django", "jixiao_web", "ninja", "django_tasks")


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_core_module_imports_the_web_layer():
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in sorted(CORE.rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_the_check_sees_imports(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("import os\nfrom django.db import models\n", encoding="utf-8")
    assert list(_imports(sample)) == ["os", "django.db"]

