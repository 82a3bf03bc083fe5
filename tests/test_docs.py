"""Documentation that cannot drift: doctests, the README's lists, the ontology's labels."""

import doctest
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import plankg
from plankg.cli import main
from plankg.sparql.library import QueryLibrary
from plankg.resources import ontology_file

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
MODULES = sorted(m.name for m in pkgutil.walk_packages(plankg.__path__, "plankg."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_every_public_function_has_a_docstring():
    missing = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            defined_here = inspect.isfunction(obj) or inspect.isclass(obj)
            if defined_here and obj.__module__ == name and not (obj.__doc__ or "").strip():
                missing.append(f"{name}.{attr}")
    assert missing == []


def test_every_cli_command_is_in_the_readme():
    names = main.list_commands(None)
    commands = list(names)
    for group in (main.get_command(None, name) for name in names):
        commands += [f"{group.name} {sub}" for sub in getattr(group, "commands", {})]
    missing = [c for c in commands if f"plankg {c}" not in README]
    assert missing == []


def test_readme_lists_every_sheet_of_the_workbook():
    from plankg.authoring.layout import SHEETS

    section = README[README.index("### Author a plan in a workbook"):]
    section = section[:section.index("\n## ")]
    assert [s.name for s in SHEETS if f"`{s.name}`" not in section] == []


def test_readme_query_table_matches_the_library():
    section = README[README.index("## Named queries") :]
    section = section[: section.index("\n## ", 1)]
    table = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \|$", section, re.MULTILINE))
    library = {name: query.summary for name, query in QueryLibrary().items()}
    assert table == library


def test_readme_quick_start_is_what_ci_runs():
    block = re.search(r"## Quick start\n.*?```(?:sh|bash)?\n(.*?)```", README, re.DOTALL)
    assert block, "README has no quick-start code block"
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci


RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_every_ontology_term_has_zh_and_en_label_and_comment():
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in
                 (q.triple for q in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE)))
    query = f"""
      SELECT ?term ?what WHERE {{
        VALUES ?kind {{ <{OWL}Class> <{OWL}ObjectProperty> <{OWL}DatatypeProperty> }}
        ?term a ?kind .
        VALUES (?what ?p ?lang) {{
          ("label zh" <{RDFS}label> "zh") ("label en" <{RDFS}label> "en")
          ("comment zh" <{RDFS}comment> "zh") ("comment en" <{RDFS}comment> "en") }}
        FILTER NOT EXISTS {{ ?term ?p ?v FILTER(LANG(?v) = ?lang) }}
      }}"""
    assert [(r["term"].value, r["what"].value) for r in store.query(query)] == []
    terms = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?t a <{OWL}Class> }}")
    assert int(next(iter(terms))["n"].value) >= 20
