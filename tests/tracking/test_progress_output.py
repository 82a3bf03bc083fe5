"""The progress report's JSON and CSV on both bundled plans, byte for byte.

The files under ``expected/`` were written by the code before the target
record and the progress row shared their fields; they pin the outputs across
that change and any later one. When a change to the data or the report is
meant, rewrite them with ``python tests/tracking/test_progress_output.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import plankg
from progressdata import AS_OF, DATA

EXPECTED = Path(__file__).resolve().parent / "expected"
OUTPUTS = {
    "progress-both.json": lambda report: report.to_json(),
    "progress-both-zh.csv": lambda report: report.to_csv("zh"),
    "progress-both-en.csv": lambda report: report.to_csv("en"),
}


def outputs(kg) -> dict[str, str]:
    report = plankg.progress(kg, as_of=AS_OF)
    return {name: write(report) for name, write in OUTPUTS.items()}


@pytest.fixture(scope="module")
def written(both):
    return outputs(both)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_the_progress_of_both_bundled_plans_is_written_as_pinned(written, name):
    assert written[name] == (EXPECTED / name).read_text(encoding="utf-8"), f"see {__doc__.splitlines()[-1]}"


def test_the_pinned_json_covers_both_plans(written):
    import json

    data = json.loads(written["progress-both.json"])
    assert {row["plan"].rsplit("/", 1)[0] for row in data["targets"]} == {
        "https://w3id.org/plankg/kunshan-2022", "https://w3id.org/plankg/jinan-digital-2021"}


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parent))
    EXPECTED.mkdir(exist_ok=True)
    for name, text in outputs(plankg.load([DATA / "kunshan-2022", DATA / "jinan-digital-2021"])).items():
        (EXPECTED / name).write_text(text, encoding="utf-8")
