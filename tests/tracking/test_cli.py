"""``plankg progress`` and ``plankg observe`` through the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
import rdflib
from click.testing import CliRunner

from plankg.cli import main
from progressdata import DATA, KS

KUNSHAN, JINAN = str(DATA / "kunshan-2022"), str(DATA / "jinan-digital-2021")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_progress_json_has_all_eleven_targets():
    result = run("progress", "--format", "json", "--as-of", "2026-11-29")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["targets"]) == 11 and data["counts"]["no baseline"] == 3


@pytest.mark.parametrize("fmt, start", [("table", "进展"), ("csv", "plan,target"), ("html", "<!DOCTYPE html>"),
                                        ("svg", "<svg"), ("sdmx-csv", "DATAFLOW,"), ("datacube", "@prefix")])
def test_every_format(fmt, start):
    result = run("progress", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(start)


def test_both_plans_and_one_plan():
    both = run("progress", KUNSHAN, JINAN, "--format", "csv", "--lang", "en")
    jinan = run("progress", KUNSHAN, JINAN, "--plan", "jn", "--format", "csv", "--lang", "en")
    assert both.exit_code == 0 and jinan.exit_code == 0, both.output + jinan.output
    rows = list(csv.DictReader(io.StringIO(jinan.output)))
    assert rows and {r["status"] for r in rows} == {"no data"} and {r["plan"] for r in rows} == {"jn:plan"}
    assert len(list(csv.DictReader(io.StringIO(both.output)))) == len(rows) + 11


def test_an_unknown_plan_is_one_line_and_exit_2():
    result = run("progress", "--plan", "zz")
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_output_file(tmp_path):
    target = tmp_path / "p.html"
    assert run("progress", "--format", "html", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").count("<svg") == 11


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "kunshan-2022"
    shutil.copytree(KUNSHAN, copy)
    return copy


OBSERVE = ["--indicator", "high-tech-enterprises", "--period", "2025", "--value", "3600", "--expression", "3600家",
           "--source-url", "https://example.org/bulletin-2025", "--source-type", "official",
           "--source-date", "2026-03-01", "--source-title", "示例统计公报"]


def test_observe_adds_a_validated_observation_that_decides(folder):
    result = run("observe", str(folder), *OBSERVE)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == KS + "observation/high-tech-enterprises/2025/example-org-" + \
        __import__("hashlib").sha1(b"https://example.org/bulletin-2025").hexdigest()[:8]
    graph = rdflib.Graph().parse(folder / "source" / "observations.ttl")
    assert len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/plankg/ontology#Observation")))) == 40
    report = json.loads(run("progress", str(folder), "--format", "json", "--as-of", "2026-11-29").output)
    row = next(t for t in report["targets"] if t["target"].endswith("08-5"))
    assert row["status"] == "achieved" and row["latest"]["expression"] == "3600家"


def test_observe_into_a_folder_without_observations_creates_the_file(tmp_path):
    copy = tmp_path / "jinan"
    shutil.copytree(JINAN, copy)
    indicator = copy / "source" / "indicators.ttl"
    indicator.write_text(
        "@prefix plan: <https://w3id.org/plankg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/plankg/jinan-digital-2021/indicator/software-revenue> a plan:Indicator ;\n"
        '  rdfs:label "软件业务收入"@zh , "Software revenue"@en ;\n'
        "  plan:unit <http://qudt.org/vocab/unit/CCY_CNY> .\n", encoding="utf-8")
    result = run("observe", str(copy), "--indicator", "software-revenue", "--period", "2022", "--value", "1",
                 "--expression", "1元", "--source-url", "https://example.org/x", "--source-type", "media")
    assert result.exit_code == 0, result.output
    assert (copy / "source" / "observations.ttl").exists()


@pytest.mark.parametrize("change, message", [
    (["--indicator", "no-such-indicator"], "is not a plan:Indicator"),
    (["--period", "2025-Q1"], "period"),
    (["--value", "3,600"], "not a number"),
    (["--place", "ks:task/06"], "not written"),
])
def test_observe_refuses_bad_input_and_writes_nothing(folder, change, message):
    before = (folder / "source" / "observations.ttl").read_bytes()
    args = list(OBSERVE)
    if change[0] in args:
        args[args.index(change[0]) + 1] = change[1]
    else:
        args += change
    result = run("observe", str(folder), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert (folder / "source" / "observations.ttl").read_bytes() == before
    assert not list(folder.rglob("*.tmp*"))


def test_observe_refuses_a_second_value_from_the_same_source(folder):
    assert run("observe", str(folder), *OBSERVE).exit_code == 0
    again = run("observe", str(folder), *OBSERVE)
    assert again.exit_code == 2 and "exists" in again.output
