"""Symlinked data folders are followed, each real folder once, so a link loop cannot hang or repeat."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import plankg
from plankg.datafiles import Layer, discover

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from helpers import plan_copy  # noqa: E402


def linked_curated(tmp_path: Path) -> Path:
    """A copy of the plan whose ``curated`` folder is a symbolic link to a folder elsewhere."""
    plan = plan_copy(tmp_path)
    elsewhere = tmp_path / "analysts-judgements"
    shutil.move(plan / "curated", elsewhere)
    (plan / "curated").symlink_to(elsewhere, target_is_directory=True)
    return plan


def test_symlinked_curated_folder_is_no_longer_dropped(tmp_path):
    plan = linked_curated(tmp_path)
    curated = [f for f in discover([plan]) if f.layer is Layer.CURATED]
    assert curated and all(f.path.parent == plan / "curated" for f in curated)
    rows = plankg.load([plan]).query("unimplemented-tasks")
    assert sorted(row.value("task_ordinal") for row in rows) == [5, 9, 23, 24, 25]


def test_a_link_loop_is_read_once(tmp_path):
    plan = linked_curated(tmp_path)
    (plan / "source" / "loop").symlink_to(plan, target_is_directory=True)
    (tmp_path / "analysts-judgements" / "back").symlink_to(plan / "curated", target_is_directory=True)
    files = discover([plan])
    resolved = [f.path.resolve() for f in files]
    assert len(resolved) == len(set(resolved))
    bundled = discover()
    assert sorted((f.layer.value, f.path.name) for f in files) == sorted((f.layer.value, f.path.name) for f in bundled)
