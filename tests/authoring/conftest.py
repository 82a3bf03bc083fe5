"""Shared fixtures of the authoring tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUNDLED = {"ks": REPO / "data" / "kunshan-2022", "jn": REPO / "data" / "jinan-digital-2021"}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the small synthetic test plan (prefix ``tiny``)."""
    target = tmp_path / "tiny"
    shutil.copytree(REPO / "tests" / "data" / "second-plan", target)
    return target
