"""Fixtures of the progress tests: the bundled plans' report, and Chromium (from tests/export)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

# Appended, not prepended: "conftest" must stay tests/conftest.py for "from conftest import".
sys.path.append(str(Path(__file__).resolve().parents[1] / "export"))  # export_readers.py
sys.path.append(str(Path(__file__).resolve().parent))  # progressdata.py

from export_readers import Chromium, need  # noqa: E402
from progressdata import AS_OF, DATA  # noqa: E402

import plankg  # noqa: E402


@pytest.fixture(scope="session")
def report(kg):
    """Progress of the bundled Kunshan plan on 2026-11-29."""
    return plankg.progress(kg, as_of=AS_OF)


@pytest.fixture(scope="session")
def both():
    """Both bundled plans loaded together."""
    return plankg.load([DATA / "kunshan-2022", DATA / "jinan-digital-2021"])


@pytest.fixture(scope="session")
def chromium(tmp_path_factory) -> Chromium:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        need("chromium", "apt-get install chromium")
    return Chromium(binary, tmp_path_factory.mktemp("chromium"))
