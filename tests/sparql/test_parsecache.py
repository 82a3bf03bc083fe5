"""What a query's parse gave, kept on disk by its text (plankg.sparql.parsecache)."""

import json
import os
import subprocess
import sys

import pytest

import plankg
from plankg.sparql import params, parsecache
from plankg.sparql.parsecache import remembered

QUERY = "SELECT ?s ?_place WHERE { ?s ?p ?_place FILTER(?s != ?__plan_iri) }"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of the test's own, and no entry read earlier in the process."""
    monkeypatch.setenv("PLANKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(parsecache, "_loaded", {})
    params._parameter_variables.cache_clear()
    yield tmp_path / "cache"
    params._parameter_variables.cache_clear()


def parses_seen(monkeypatch):
    """Count the reads from the parse from now on."""
    seen = []
    read = params._read_parameters
    monkeypatch.setattr(params, "_read_parameters", lambda query: seen.append(query) or read(query))
    return seen


def test_a_second_process_reads_the_parameters_from_disk_without_parsing(cache, monkeypatch):
    assert [p.variable for p in params.parameters_of(QUERY)] == ["_place", "__plan_iri"]
    assert json.loads((cache / "parameters.json").read_text()) == {
        parsecache._key(QUERY): ["_place", "__plan_iri"]
    }
    monkeypatch.setattr(parsecache, "_loaded", {})  # as a new process finds it
    params._parameter_variables.cache_clear()
    seen = parses_seen(monkeypatch)
    assert [p.variable for p in params.parameters_of(QUERY)] == ["_place", "__plan_iri"]
    assert seen == []
    assert [p.variable for p in params.parameters_of(QUERY + " # edited")] == ["_place", "__plan_iri"]
    assert seen == [QUERY + " # edited"]


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"KEY": ["?_place", 1]}', '{"KEY": "_place"}'])
def test_a_damaged_or_foreign_entry_is_read_again_from_the_parse(cache, monkeypatch, content):
    cache.mkdir()
    (cache / "parameters.json").write_text(content.replace("KEY", parsecache._key(QUERY)))
    seen = parses_seen(monkeypatch)
    assert [p.variable for p in params.parameters_of(QUERY)] == ["_place", "__plan_iri"]
    assert seen == [QUERY]
    assert json.loads((cache / "parameters.json").read_text())[parsecache._key(QUERY)] == ["_place", "__plan_iri"]


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PLANKG_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(parsecache, "_loaded", {})
    assert remembered("parameters", QUERY, lambda q: ["_x"], valid=lambda v: True) == ["_x"]
    assert remembered("parameters", QUERY, lambda q: ["_y"], valid=lambda v: True) == ["_x"]  # kept in the process


def test_an_empty_cache_dir_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_CACHE_DIR", "")
    monkeypatch.setattr(parsecache, "_loaded", {})
    assert parsecache.cache_dir() is None
    assert remembered("parameters", QUERY, lambda q: ["_x"], valid=lambda v: True) == ["_x"]
    assert remembered("parameters", QUERY, lambda q: ["_y"], valid=lambda v: True) == ["_y"]


def test_errors_are_not_kept(cache):
    with pytest.raises(plankg.ParameterError):
        params.parameters_of("SELECT ?s WHERE { BIND(1 AS ?_s) }")
    assert not (cache / "parameters.json").exists()


def test_the_oldest_entries_go_first(cache, monkeypatch):
    monkeypatch.setattr(parsecache, "MAX_ENTRIES", 3)
    for n in range(5):
        remembered("kind", f"q{n}", lambda q: q, valid=lambda v: True)
    kept = json.loads((cache / "kind.json").read_text())
    assert list(kept.values()) == ["q2", "q3", "q4"]


def test_entries_other_processes_kept_meanwhile_are_kept(cache, monkeypatch):
    remembered("kind", "mine", lambda q: 1, valid=lambda v: True)
    other = json.loads((cache / "kind.json").read_text())
    other[parsecache._key("theirs")] = 2
    (cache / "kind.json").write_text(json.dumps(other))
    remembered("kind", "another", lambda q: 3, valid=lambda v: True)
    assert sorted(json.loads((cache / "kind.json").read_text()).values()) == [1, 2, 3]


LIST = (
    "import sys; from plankg.sparql.library import QueryLibrary; "
    "found = {n: [p.variable for p in q.parameters] for n, q in QueryLibrary().items()}; "
    "print(len(found), sum(map(len, found.values())), 'rdflib' in sys.modules)"
)


def test_listing_the_library_a_second_time_does_not_load_rdflib(tmp_path):
    env = {**os.environ, "PLANKG_CACHE_DIR": str(tmp_path / "cache")}
    first, second = (
        subprocess.run([sys.executable, "-c", LIST], env=env, capture_output=True, text=True, check=True).stdout.split()
        for _ in range(2)
    )
    assert first[:2] == second[:2] and int(first[0]) == len(plankg.QueryLibrary())
    assert (first[2], second[2]) == ("True", "False")
