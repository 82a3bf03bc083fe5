"""plankg new: a data folder or a workbook that validates as it is."""

from __future__ import annotations

import pytest
import rdflib

import plankg
from plankg.authoring import import_workbook, new_plan
from plankg.authoring.files import read_tables
from plankg.authoring.layout import SHEETS
from plankg.authoring.new import prefix_for, template_tables
from plankg.namespaces import PLAN


def test_a_new_data_folder_validates_and_has_one_example_of_each_kind(tmp_path):
    result = new_plan("suzhou-2025", tmp_path / "suzhou", title="苏州示例规划")
    assert result.conforms
    kg = plankg.load([tmp_path / "suzhou"])
    assert kg.validate().conforms
    assert [p.prefix for p in kg.plans] == ["suzhou2025"]
    assert kg.plans[0].label("zh") == "苏州示例规划"
    tables = template_tables("x")
    assert {s.name for s in SHEETS} - set(tables) == set()  # every sheet has its example
    written = {str(p.relative_to(tmp_path / "suzhou")) for p in (tmp_path / "suzhou").rglob("*.ttl")}
    assert {"source/indicators.ttl", "source/observations.ttl", "curated/progress.ttl"} <= written
    observations = rdflib.Graph().parse(tmp_path / "suzhou" / "source" / "observations.ttl")
    obs = rdflib.URIRef("https://w3id.org/plankg/suzhou-2025/observation/example-output/2023/document")
    assert str(observations.value(obs, rdflib.URIRef(PLAN + "refPeriod"))) == "2023"
    header = (tmp_path / "suzhou" / "source" / "structure.ttl").read_text(encoding="utf-8")
    assert header.startswith("# suzhou2025: the source layer.") and "Example entities" in header


def test_a_new_workbook_imports_and_validates(tmp_path):
    new_plan("demo", tmp_path / "demo.xlsx", workbook=True)
    assert "tasks" in read_tables(tmp_path / "demo.xlsx")
    result = import_workbook(tmp_path / "demo.xlsx")
    assert result.conforms and result.output == tmp_path / "demo"
    assert plankg.load([tmp_path / "demo"]).validate().conforms


def test_new_refuses_a_bad_slug_or_an_existing_output(tmp_path):
    with pytest.raises(plankg.PlanKGError, match="lower-case ASCII"):
        new_plan("我的规划", tmp_path / "x")
    (tmp_path / "taken").mkdir()
    with pytest.raises(plankg.PlanKGError, match="exists already"):
        new_plan("demo", tmp_path / "taken")


def test_prefixes_are_letters_and_digits_starting_with_a_letter():
    assert prefix_for("jinan-digital-2021") == "jinandigital2021"
    assert prefix_for("2030-plan") == "p2030plan"
