"""Small helpers for tests: copies of the bundled plan with one thing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from plankg.resources import bundled_plan_dir


def plan_copy(tmp_path: Path, name: str = "plan") -> Path:
    """Copy the bundled plan's data folder into ``tmp_path`` and return it."""
    target = tmp_path / name
    shutil.copytree(bundled_plan_dir(), target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
