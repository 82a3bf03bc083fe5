"""The persistent corpus store: ``plankg load --store``, then answers without re-reading files.

A changed, added or removed file reloads only its own plan layer graph; the
tests prove that the other graphs were not rewritten with a sentinel triple
put into them behind plankg's back: a graph that is cleared and reloaded
loses it.
"""

from __future__ import annotations

import gc
import json
import os
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import SECOND_PLAN, edit, plan_folders

import plankg
from plankg.cli import main
from plankg.datafiles import discover, parse_file
from plankg.engines.storesync import MANIFEST_FILE, CorpusStore, load_store
from plankg.errors import DataError

TINY = "https://example.org/tiny/graph/"
SENTINEL = (ox.NamedNode("urn:test:sentinel"), ox.NamedNode("urn:test:p"), ox.Literal("哨兵"))


@pytest.fixture
def corpus(tmp_path):
    """Copies of every bundled plan and the test plan, in one folder, that the tests may edit."""
    folder = tmp_path / "plans"
    for plan in plan_folders():
        shutil.copytree(plan, folder / plan.name)
    return folder


def sync(store, paths=None):
    """Open the store as a command does (no paths: what it was loaded from), sync it, let it go."""
    kg = plankg.load(paths, store=store)
    report = kg.sync_store()
    del kg
    gc.collect()
    return report


def put_sentinels(store, graphs):
    handle = ox.Store(str(store))
    handle.extend(ox.Quad(*SENTINEL, ox.NamedNode(g)) for g in graphs)
    handle.flush()
    del handle


def has_sentinel(store, graph) -> bool:
    handle = ox.Store.read_only(str(store))
    try:
        return ox.Quad(*SENTINEL, ox.NamedNode(graph)) in handle
    finally:
        del handle


def test_load_reports_the_plans_files_and_triples_it_loaded(tmp_path):
    folders = plan_folders()
    report = load_store(folders, tmp_path / "store")
    files = discover(folders)
    assert report.plans == len(folders) == 3
    assert report.files == len(files)
    assert report.triples == sum(len(parse_file(f.path)) for f in files)
    assert set(report.loaded) == {plankg.load(folders).graph_of(f) for f in files}
    assert report.kept == () and report.removed == ()
    again = load_store(folders, tmp_path / "store")
    assert again.loaded == () and set(again.kept) == set(report.loaded) and again.files_read == 0
    assert again.triples == report.triples


def test_the_cli_load_prints_what_it_loaded_and_queries_answer_from_the_store(tmp_path):
    folders = [str(p) for p in plan_folders()]
    store = tmp_path / "store"
    loaded = CliRunner().invoke(main, ["load", *folders, "--store", str(store), "--format", "json"])
    assert loaded.exit_code == 0, loaded.output
    report = json.loads(loaded.output)
    assert report["plans"] == 3 and report["files"] == len(discover(folders)) and report["triples"] > 6000
    text = CliRunner().invoke(main, ["load", "--store", str(store)])
    assert text.exit_code == 0, text.output
    assert "3 plans" in text.output and f"{report['triples']:,} triples" in text.output and "0 graphs loaded" in text.output
    without = CliRunner().invoke(main, ["query", "targets", *folders, "--format", "csv"])
    with_store = CliRunner().invoke(main, ["query", "targets", "--store", str(store), "--format", "csv"])
    from_env = CliRunner().invoke(main, ["query", "targets", "--format", "csv"], env={"PLANKG_STORE": str(store)})
    assert without.exit_code == with_store.exit_code == from_env.exit_code == 0, with_store.output + from_env.output
    assert with_store.output == without.output == from_env.output
    assert len(without.output.splitlines()) > 40


def test_every_named_query_gives_the_same_rows_with_the_store(tmp_path, kg_plans):
    load_store(plan_folders(), tmp_path / "store")
    kg = plankg.load(store=tmp_path / "store")
    assert kg.sync_store().loaded == ()
    compared = 0
    for named in kg.library.values():
        if any(p.required for p in named.parameters):
            continue
        expected = sorted(map(str, kg_plans.query(named.name).records()))
        assert sorted(map(str, kg.query(named.name).records())) == expected, named.name
        compared += 1
    assert compared >= 10


def test_a_changed_file_reloads_only_its_plan_layer_graph(corpus, tmp_path):
    store = tmp_path / "store"
    first = load_store([corpus], store)
    others = [g for g in first.loaded if not g.startswith(TINY)]
    put_sentinels(store, [TINY + "source", TINY + "curated", *others])
    edit(corpus / "second-plan" / "source" / "plan.ttl", '"任务1"@zh', '"任务一"@zh')

    report = sync(store)
    assert report.loaded == (TINY + "source",)
    assert set(report.kept) == set(first.loaded) - {TINY + "source"}
    assert report.files_read == 1 + 2  # the changed file digested, then its graph's files (it, dataset.ttl) loaded
    assert not has_sentinel(store, TINY + "source")
    assert all(has_sentinel(store, g) for g in [TINY + "curated", *others])
    kg = plankg.load(store=store)
    labels = kg.sparql("SELECT ?l WHERE { <https://example.org/tiny/task/1> rdfs:label ?l FILTER(lang(?l) = 'zh') }")
    assert [row.value("l") for row in labels] == ["任务一"]


def test_a_touched_file_is_digested_but_nothing_is_reloaded(corpus, tmp_path):
    store = tmp_path / "store"
    load_store([corpus], store)
    put_sentinels(store, [TINY + "source"])
    plan = corpus / "second-plan" / "source" / "plan.ttl"
    os.utime(plan, ns=(plan.stat().st_atime_ns, plan.stat().st_mtime_ns + 10**9))
    report = sync(store)
    assert report.loaded == () and report.files_read == 1
    assert has_sentinel(store, TINY + "source")
    recorded = json.loads((store / MANIFEST_FILE).read_text(encoding="utf-8"))
    entry = next(f for f in recorded["graphs"][TINY + "source"]["files"] if f["path"] == str(plan))
    assert entry["mtime_ns"] == plan.stat().st_mtime_ns
    assert sync(store).files_read == 0


def test_an_added_or_removed_file_reloads_its_graph_and_a_graph_left_without_files_is_removed(corpus, tmp_path):
    store = tmp_path / "store"
    first = load_store([corpus], store)
    put_sentinels(store, first.loaded)
    extra = corpus / "second-plan" / "source" / "extra.ttl"
    extra.write_text('<https://example.org/tiny/task/1> <urn:test:note> "新增"@zh .\n', encoding="utf-8")
    added = sync(store)
    assert added.loaded == (TINY + "source",)
    assert plankg.load(store=store).sparql("ASK { ?t <urn:test:note> ?n }").boolean is True

    extra.unlink()
    (corpus / "second-plan" / "curated" / "links.ttl").unlink()
    removed = sync(store)
    assert removed.loaded == (TINY + "source",) and removed.removed == (TINY + "curated",)
    assert plankg.load(store=store).sparql("ASK { ?t <urn:test:note> ?n }").boolean is False
    assert ox.NamedNode(TINY + "curated") not in set(ox.Store.read_only(str(store)).named_graphs())
    assert all(has_sentinel(store, g) for g in first.loaded if not g.startswith(TINY))


def test_a_plan_gone_from_the_loaded_folder_loses_its_graphs_on_the_next_load(corpus, tmp_path):
    store = tmp_path / "store"
    load_store([corpus], store)
    shutil.rmtree(corpus / "second-plan")
    report = load_store(None, store)
    assert set(report.removed) == {TINY + "source", TINY + "curated"}
    assert report.loaded == () and report.plans == 2


def test_querying_other_paths_keeps_the_graphs_of_the_plans_not_given(corpus, tmp_path):
    store = tmp_path / "store"
    first = load_store([corpus], store)
    report = sync(store, [corpus / "second-plan"])
    assert report.loaded == () and report.removed == () and report.plans == 1
    assert set(load_store(None, store).kept) == set(first.loaded)


def test_a_graph_the_manifest_does_not_record_is_removed(corpus, tmp_path):
    store = tmp_path / "store"
    load_store([corpus], store)
    put_sentinels(store, ["urn:test:stray"])
    report = sync(store)
    assert report.removed == ("urn:test:stray",)
    assert ox.NamedNode("urn:test:stray") not in set(ox.Store.read_only(str(store)).named_graphs())


def test_a_file_that_does_not_parse_leaves_its_graph_unrecorded_until_fixed(corpus, tmp_path):
    store = tmp_path / "store"
    load_store([corpus], store)
    plan = corpus / "second-plan" / "source" / "plan.ttl"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good + "\n<broken> <triple\n", encoding="utf-8")
    with pytest.raises(DataError, match="plan.ttl"):
        load_store(None, store)
    gc.collect()
    assert TINY + "source" not in CorpusStore(store).graphs
    gc.collect()
    plan.write_text(good, encoding="utf-8")
    report = load_store(None, store)
    assert report.loaded == (TINY + "source",) and report.plans == 3


def test_an_unchanged_corpus_is_listed_from_the_manifest_without_parsing(corpus, tmp_path, monkeypatch):
    store = tmp_path / "store"
    load_store([corpus], store)
    expected = tuple(discover([corpus]))
    import plankg.datafiles as datafiles

    def no_parsing(path):
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(datafiles, "parse_file", no_parsing)
    monkeypatch.setattr("plankg.engines.storesync.parse_file", no_parsing)
    kg = plankg.load(store=store)
    assert sorted(p.prefix for p in kg.plans) == ["jn", "ks", "tiny"]
    assert kg.sync_store().files_read == 0
    assert kg.files == expected


def test_a_description_changed_is_read_again(corpus, tmp_path):
    store = tmp_path / "store"
    load_store([corpus], store)
    edit(corpus / "second-plan" / "dataset.ttl", '"tiny"', '"wee"')
    kg = plankg.load(store=store)
    assert sorted(p.prefix for p in kg.plans) == ["jn", "ks", "wee"]
    assert kg.sync_store().loaded == (TINY + "source",)


def test_the_second_plan_folder_alone_fills_a_new_store(tmp_path):
    report = sync(tmp_path / "store", [SECOND_PLAN])
    assert report.plans == 1 and set(report.loaded) >= {TINY + "source", TINY + "curated"}
    assert sync(tmp_path / "store").loaded == ()
