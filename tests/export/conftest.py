"""Fixtures of the export tests: exported files, the hostile plan, Chromium."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

# Appended, not prepended: "conftest" must stay tests/conftest.py for "from conftest import".
sys.path.append(str(Path(__file__).resolve().parent))  # export_readers.py

from export_readers import HOSTILE, Chromium, need

import plankg
from plankg.exports import export


@pytest.fixture(scope="session")
def chromium(tmp_path_factory) -> Chromium:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        need("chromium", "apt-get install chromium")
    return Chromium(binary, tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="session")
def hostile_kg() -> plankg.PlanGraph:
    """A tiny plan whose labels try to break every format (tests/export/data/hostile.ttl)."""
    return plankg.load([HOSTILE])


@pytest.fixture(scope="session")
def exported(tmp_path_factory, kg):
    """Export the bundled plan once per (format, view, lang): a function returning the ExportResult."""
    folder = tmp_path_factory.mktemp("exports")
    done = {}

    def get(fmt: str, view: str = "all", lang: str = "zh"):
        key = (fmt, view, lang)
        if key not in done:
            target = folder / f"{lang}-{view}"
            target.mkdir(exist_ok=True)
            done[key] = export(kg, fmt, target, view=view, lang=lang)
        return done[key]

    return get


@pytest.fixture(scope="session")
def hostile_exported(tmp_path_factory, hostile_kg):
    """Export the hostile plan's ``all`` view once per format."""
    folder = tmp_path_factory.mktemp("hostile")
    done = {}

    def get(fmt: str, view: str = "all"):
        if (fmt, view) not in done:
            done[fmt, view] = export(hostile_kg, fmt, folder, view=view)
        return done[fmt, view]

    return get
