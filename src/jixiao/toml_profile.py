"""Named profiles in TOML, shared by review (审核方案) and scoring (评分方案).

A profile is a built-in name (a file in the package's ``profiles/`` folder) or a path to a TOML file.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any


def read_profile_toml(source: str, package: str, builtin: tuple[str, ...], what: str, error: type[Exception]) -> tuple[dict[str, Any], str]:
    """The profile's data and its label (the built-in name or the file name); ``error`` when unusable."""
    if source in builtin:
        text = (resources.files(package) / "profiles" / f"{source}.toml").read_text(encoding="utf-8")
        return tomllib.loads(text), source
    path = Path(source)
    if not path.is_file():
        raise error(f"找不到{what} {source}：可用的内置方案为 {', '.join(builtin)}，或给出 TOML 文件路径。")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), path.name
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{what} {path.name} 不是有效的 TOML：{exc}") from None
