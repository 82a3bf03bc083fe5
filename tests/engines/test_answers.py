"""Answers kept in a persistent store's folder (plankg.engines.answers).

An answer kept must be the answer the store would give now: the tests change
a plan's file and check that the next query sees the change, and check that
a query which reads the clock or draws random numbers is never kept.
"""

from __future__ import annotations

import gc
import gzip
import os
import shutil
import threading

import pyoxigraph as ox
import pytest
from helpers import SECOND_PLAN, edit

import plankg
from plankg.engines.answers import FOLDER, AnswerCache
from plankg.engines.storesync import CorpusStore
from plankg.errors import QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"
TASK = "SELECT ?t ?l WHERE { ?t a plan:Task ; rdfs:label ?l FILTER(LANG(?l) = 'zh') } ORDER BY ?t"

#: One of every kind of term the layout holds, and an unbound cell.
TERMS = (
    ox.NamedNode("https://example.org/地方/花桥"),
    ox.BlankNode("b0"),
    ox.Literal("昆山之路"),
    ox.Literal("Kunshan", language="en"),
    ox.Literal("كونشان", language="ar", direction=ox.BaseDirection.RTL),
    ox.Literal("2035", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("-3.5", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("=1+1"),
    None,
)


@pytest.fixture
def cache(tmp_path):
    return AnswerCache(tmp_path, "generation-1", min_seconds=0)


def test_every_kind_of_term_comes_back_as_it_was_kept(cache):
    variables = tuple(f"v{i}" for i in range(len(TERMS)))
    rows = [TERMS, TERMS[::-1], (None,) * len(TERMS)]
    key = cache.key("SELECT * WHERE { ?s ?p ?o }", {}, None)
    assert cache.put(key, variables, rows, seconds=1.0)
    answer = cache.get(key, max_rows=None)
    assert answer.variables == variables
    assert [tuple(row) for row in answer] == rows
    assert answer[0]["v4"].direction == ox.BaseDirection.RTL
    # The answer serialises as a computed one does (CSV protects formula cells).
    assert answer.to_csv().splitlines()[1].split(",")[7] == "'=1+1"


def test_an_answer_without_variables_keeps_its_rows_and_ask_keeps_its_boolean(cache):
    empty_rows = cache.key("SELECT * WHERE { }", {}, None)
    cache.put(empty_rows, (), [(), ()], seconds=1.0)
    assert len(cache.get(empty_rows, max_rows=None)) == 2
    ask = cache.key("ASK { ?s ?p ?o }", {}, None)
    cache.put(ask, (), [], seconds=1.0, boolean=False)
    assert cache.get(ask, max_rows=None).boolean is False
    assert cache.get(ask, max_rows=None).to_json() == '{"head": {}, "boolean": false}'


def test_the_key_tells_apart_text_bindings_and_graphs(cache):
    query = "SELECT ?s WHERE { ?s ?p ?_o }"
    keys = {
        cache.key(query, {}, None),
        cache.key(query + " ", {}, None),
        cache.key(query, {"_o": ox.Literal("花桥")}, None),
        cache.key(query, {"_o": ox.Literal("花桥", language="zh")}, None),
        cache.key(query, {}, ["urn:g1"]),
        cache.key(query, {}, ["urn:g1", "urn:g2"]),
    }
    assert len(keys) == 6
    assert cache.key(query, {}, ["urn:g2", "urn:g1"]) == cache.key(query, {}, ["urn:g1", "urn:g2"])


def test_more_rows_than_allowed_is_the_error_a_fresh_answer_gives(cache):
    key = cache.key("SELECT ?x WHERE { ?x ?p ?o }", {}, None)
    cache.put(key, ("x",), [(TERMS[0],)] * 3, seconds=1.0)
    assert len(cache.get(key, max_rows=3)) == 3
    with pytest.raises(QueryError, match="more than 2 rows"):
        cache.get(key, max_rows=2)


def test_quick_answers_and_triple_terms_are_not_kept(tmp_path):
    cache = AnswerCache(tmp_path, "g", min_seconds=0.5)
    key = cache.key("SELECT ?x WHERE { ?x ?p ?o }", {}, None)
    assert not cache.put(key, ("x",), [(TERMS[0],)], seconds=0.1)
    triple = ox.Triple(TERMS[0], TERMS[0], TERMS[2])
    assert not cache.put(key, ("x",), [(triple,)], seconds=1.0)
    assert cache.get(key, max_rows=None) is None
    assert cache.used == set()


def test_used_names_the_answers_kept_and_given(tmp_path):
    cache = AnswerCache(tmp_path, "g", min_seconds=0.5)
    quick, slow, missing = (cache.key(f"SELECT ?x WHERE {{ ?x ?p {n} }}", {}, None) for n in range(3))
    cache.put(quick, ("x",), [(TERMS[0],)], seconds=0.1)
    cache.put(slow, ("x",), [(TERMS[0],)], seconds=1.0)
    assert cache.used == {slow}
    again = AnswerCache(tmp_path, "g")
    assert again.get(missing, max_rows=None) is None and again.used == set()
    assert again.get(slow, max_rows=None) is not None and again.used == {slow}
    # Each thread sees its own: plankg.keep_answers asks queries in several threads at once.
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append((again.get(slow, max_rows=None), again.used)))
    thread.start()
    thread.join()
    assert elsewhere[0][0] is not None and elsewhere[0][1] == {slow} and again.used == {slow}
    other = threading.Thread(target=lambda: elsewhere.append(again.used))
    other.start()
    other.join()
    assert elsewhere[1] == set()


def test_a_damaged_file_is_a_miss_and_is_written_again(cache):
    key = cache.key("SELECT ?x WHERE { ?x ?p ?o }", {}, None)
    cache.put(key, ("x",), [(TERMS[0],)], seconds=1.0)
    path = next(cache.folder.iterdir())
    data = gzip.decompress(path.read_bytes())
    for damaged in (b"", b"not gzip", gzip.compress(data[:-2]), gzip.compress(data[:30]),
                    gzip.compress(b"plankg-answer\n" + b"\xff" * 8 + data[22:])):
        path.write_bytes(damaged)
        assert cache.get(key, max_rows=None) is None
    assert cache.put(key, ("x",), [(TERMS[0],)], seconds=1.0)
    assert cache.get(key, max_rows=None)[0]["x"] == TERMS[0]


def test_other_generations_go_and_the_least_recently_used_answers_go_beyond_the_limit(tmp_path):
    old = AnswerCache(tmp_path, "old", min_seconds=0)
    old.put(old.key("ASK {}", {}, None), (), [], seconds=1.0, boolean=True)
    cache = AnswerCache(tmp_path, "new", min_seconds=0, max_bytes=0)
    keys = [cache.key(f"SELECT ?x WHERE {{ ?x ?p {n} }}", {}, None) for n in range(3)]
    cache.max_bytes = 10**9
    for n, key in enumerate(keys):
        cache.put(key, ("x",), [(TERMS[0],)] * (n + 1), seconds=1.0)
        os.utime(cache.folder / f"{key}.answer.gz", ns=(n * 10**9, n * 10**9))
    assert sorted(p.name for p in (tmp_path / FOLDER).iterdir()) == ["new"]
    cache.get(keys[0], max_rows=None)  # used now: the most recent
    size = sum(p.stat().st_size for p in cache.folder.iterdir())
    cache.max_bytes = size - 1
    cache.put(keys[2], ("x",), [(TERMS[0],)] * 3, seconds=1.0)  # written again: recent too
    assert cache.get(keys[1], max_rows=None) is None
    assert cache.get(keys[0], max_rows=None) is not None and cache.get(keys[2], max_rows=None) is not None


def test_a_folder_that_cannot_be_written_keeps_nothing_and_raises_nothing(tmp_path):
    (tmp_path / FOLDER).write_text("a file where the folder would be", encoding="utf-8")
    cache = AnswerCache(tmp_path, "g", min_seconds=0)
    key = cache.key("ASK {}", {}, None)
    assert not cache.put(key, (), [], seconds=1.0, boolean=True)
    assert cache.get(key, max_rows=None) is None


# -- through a store ----------------------------------------------------------


def _opened(store):
    """A graph on the store as a command opens it, keeping every answer however quick."""
    kg = plankg.load(store=store)
    kg.engine.answers.min_seconds = 0
    return kg


def _task_labels(store):
    """Open the store, sync it, ask for the tasks' labels, let it go; return the labels and the generation."""
    kg = _opened(store)
    kg.sync_store()
    labels = [r.value("l") for r in kg.sparql(TASK)]
    generation = kg.store.generation
    del kg
    gc.collect()
    return labels, generation


@pytest.fixture
def plan_store(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(SECOND_PLAN, folder)
    plankg.load_store([folder], tmp_path / "store")
    return folder, tmp_path / "store"


def test_a_kept_answer_is_given_without_asking_the_store(plan_store, monkeypatch):
    _, store = plan_store
    kg = _opened(store)
    first = kg.sparql(TASK)
    assert [r.value("l") for r in first] == ["任务1", "任务2", "任务3", "任务4"]
    assert len(list(kg.engine.answers.folder.iterdir())) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("the store was asked again")

    monkeypatch.setattr(kg.engine, "store", type("Refusing", (), {"query": refuse})())
    again = kg.sparql(TASK)
    assert [tuple(r) for r in again] == [tuple(r) for r in first]
    assert again.to_json() == first.to_json()


def test_a_changed_file_gives_a_new_generation_and_a_fresh_answer(plan_store):
    folder, store = plan_store
    labels, generation = _task_labels(store)
    assert labels == ["任务1", "任务2", "任务3", "任务4"]
    edit(folder / "source" / "plan.ttl", '"任务1"@zh', '"任务一"@zh')
    plankg.load_store([folder], store)  # a load that changes a graph drops the answers kept
    assert not (store / FOLDER).exists()
    labels, changed = _task_labels(store)
    assert changed != generation
    assert labels == ["任务一", "任务2", "任务3", "任务4"]
    assert [p.name for p in (store / FOLDER).iterdir()] == [changed]
    os.utime(folder / "source" / "plan.ttl")  # touched, not changed: the answers stay
    plankg.load_store([folder], store)
    assert [p.name for p in (store / FOLDER).iterdir()] == [changed]
    edit(folder / "source" / "plan.ttl", '"任务一"@zh', '"任务1"@zh')
    labels, again = _task_labels(store)
    assert again == generation  # the same data, the same generation
    assert labels == ["任务1", "任务2", "任务3", "任务4"]


def test_the_generation_is_the_data_not_where_or_when_its_files_are(plan_store, tmp_path):
    folder, store = plan_store
    elsewhere = tmp_path / "copy"
    shutil.copytree(folder, elsewhere)
    os.utime(elsewhere / "source" / "plan.ttl", ns=(0, 0))
    plankg.load_store([elsewhere], tmp_path / "store2")
    assert CorpusStore(tmp_path / "store2").generation == CorpusStore(store).generation


@pytest.mark.parametrize("query", [
    "SELECT ?t (NOW() AS ?now) WHERE { ?t a plan:Task }",
    "SELECT ?t WHERE { ?t a plan:Task } ORDER BY RAND()",
    "SELECT ?t (STRUUID() AS ?id) WHERE { ?t a plan:Task }",
    "SELECT ?t (BNODE() AS ?b) WHERE { ?t a plan:Task }",
])
def test_a_query_that_reads_the_clock_or_draws_is_never_kept(plan_store, query):
    _, store = plan_store
    kg = _opened(store)
    kg.sparql(query)
    kg.sparql(TASK)  # kept: the folder exists, and holds that answer only
    assert len(list(kg.engine.answers.folder.iterdir())) == 1


def test_a_query_allowed_the_network_is_neither_kept_nor_answered_from_the_folder(plan_store):
    _, store = plan_store
    kg = _opened(store)
    kg.sparql(TASK, allow_network=True)
    assert not (store / FOLDER).exists()
    kg.sparql(TASK)
    assert len(list(kg.engine.answers.folder.iterdir())) == 1


def test_one_plan_of_a_store_is_another_view_with_answers_of_its_own(tmp_path):
    from helpers import plan_folders

    plankg.load_store(plan_folders(), tmp_path / "store")
    plans = "SELECT ?p WHERE { ?p a plan:Plan } ORDER BY ?p"
    everything = _opened(tmp_path / "store")
    assert len(everything.sparql(plans)) == len(plan_folders())
    del everything
    gc.collect()
    one = plankg.load([SECOND_PLAN], store=tmp_path / "store")
    one.engine.answers.min_seconds = 0
    assert [r["p"].value for r in one.sparql(plans)] == ["https://example.org/tiny/plan"]
    assert len(list(one.engine.answers.folder.iterdir())) == 2
