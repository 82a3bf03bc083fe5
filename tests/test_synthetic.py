"""benchmarks/synthetic.py: a valid, deterministic plan N times Kunshan's size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import plankg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import BASE, write_synthetic_plan  # noqa: E402


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.ttl"))}


def test_same_seed_same_files_other_seed_other_links(tmp_path):
    a = contents(write_synthetic_plan(tmp_path / "a", scale=2, seed=7))
    b = contents(write_synthetic_plan(tmp_path / "b", scale=2, seed=7))
    c = contents(write_synthetic_plan(tmp_path / "c", scale=2, seed=8))
    assert a == b
    assert sorted(a) == ["curated/links.ttl", "dataset.ttl", "source/places.ttl", "source/plan.ttl", "source/projects.ttl",
                         "source/structure.ttl", "source/targets.ttl"]
    assert a["curated/links.ttl"] != c["curated/links.ttl"]
    # The structure does not depend on the seed (only the header line, which names it, does).
    assert a["source/structure.ttl"].split(b"\n", 1)[1] == c["source/structure.ttl"].split(b"\n", 1)[1]


def test_scale_one_conforms_to_the_shapes(tmp_path):
    kg = plankg.load([write_synthetic_plan(tmp_path, scale=1)])
    report = kg.validate()
    assert report.conforms, report.to_text("en")


@pytest.mark.parametrize("scale", [1, 3])
def test_sizes_grow_with_the_scale(tmp_path, scale):
    kg = plankg.load([write_synthetic_plan(tmp_path, scale=scale)])
    deps = plankg.dependencies(kg)
    assert {k: deps.nodes[k] for k in ("area", "task", "action-plan", "target", "project")} == {
        "area": 7 * scale, "task": 25 * scale, "action-plan": 12 * scale, "target": 11 * scale,
        "project": 24 * scale}
    assert (deps.edges["implements"], deps.edges["supports"]) == (26 * scale, 6 * scale)
    assert deps.cycles == ()
    places = plankg.places(kg)
    assert len(places.standings) == 18 * scale and len(places.clusters) == 4 * scale
    assert len(plankg.coverage(kg).gaps.declared_counts) == 4
    assert plankg.connection(kg, BASE + "place/b0-town-1", BASE + f"task/{25 * scale:04d}").connected


def test_scale_must_be_positive(tmp_path):
    with pytest.raises(ValueError):
        write_synthetic_plan(tmp_path, scale=0)
