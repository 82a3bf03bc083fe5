"""Several commands read a store at once; a load writes it alone, and every wait has a deadline.

The processes here are real ones (a store's lock is between processes): a
holder opens the store as a command would and keeps it open until told to
let go, so the tests never depend on how fast anything runs.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import SECOND_PLAN, edit

import plankg
from plankg.cli import main
from plankg.engines import storelock, storesync
from plankg.engines.answers import FOLDER as ANSWERS
from plankg.engines.storelock import LOCK_FILE, StoreLock
from plankg.engines.stores import MARKER
from plankg.engines.storesync import CorpusStore, load_store
from plankg.errors import DataError, PlanKGError

pytestmark = pytest.mark.skipif(not storelock.SHARING, reason="no fcntl: every store is opened for writing")

CLI = "import sys; from plankg.cli import main; sys.argv[0] = 'plankg'; main()"
HOLD = """
import sys
import plankg
from plankg.engines.storesync import CorpusStore
handle = CorpusStore(sys.argv[1], write=sys.argv[2] == "write")
kg = plankg.load(store=handle)
print(len(kg.query("plans")), "writing" if handle.writing else "reading", flush=True)
sys.stdin.readline()
"""


def environment() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


class Holder:
    """Another process that opens the store as a command does, and holds it until :meth:`stop`."""

    def __init__(self, store: Path, mode: str):
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(store), mode],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(),
        )
        self.said = self.process.stdout.readline().strip()

    def stop(self) -> None:
        _, err = self.process.communicate("\n", timeout=120)
        assert self.process.returncode == 0, err


@pytest.fixture
def plan_store(tmp_path):
    """A copy of the small test plan, loaded into a store."""
    import shutil

    folder = tmp_path / "plan"
    shutil.copytree(SECOND_PLAN, folder)
    load_store([folder], tmp_path / "store")
    gc.collect()
    return folder, tmp_path / "store"


TASK = "SELECT ?t ?l WHERE { ?t a plan:Task ; rdfs:label ?l FILTER(LANG(?l) = 'zh') } ORDER BY ?t"


def labels(kg) -> list[str]:
    return [row.value("l") for row in kg.sparql(TASK)]


def query(store, name="plans", **extra):
    return CliRunner().invoke(main, ["query", name, "--store", str(store), "--format", "csv", *extra])


def rocksdb_files(store: Path) -> dict[str, tuple[int, int]]:
    """Each file of the store that RocksDB owns (not plankg's), with its size and modification time."""
    ours = {MARKER, LOCK_FILE, storesync.MANIFEST_FILE, ANSWERS}
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in store.iterdir() if p.name not in ours}


def test_two_commands_read_a_store_at_once(plan_store):
    _, store = plan_store
    holder = Holder(store, "read")
    try:
        assert holder.said == "1 reading"
        # Meanwhile, two more processes query it together, and this one does too.
        argv = [sys.executable, "-c", CLI, "query", "plans", "--store", str(store), "--format", "csv"]
        others = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=environment()) for _ in range(2)]
        here = query(store)
        answers = [p.communicate(timeout=120) for p in others]
    finally:
        holder.stop()
    assert here.exit_code == 0, here.output
    for process, (out, err) in zip(others, answers):
        assert process.returncode == 0, err
        assert out == here.output and "tiny" in out


def test_a_reader_waits_for_a_writer_and_fails_at_its_deadline(plan_store):
    _, store = plan_store
    holder = Holder(store, "write")
    try:
        assert holder.said == "1 writing"
        with pytest.raises(DataError) as caught:
            CorpusStore(store, wait=0.2)
    finally:
        holder.stop()
    message = str(caught.value)
    assert "\n" not in message and "in use by another process" in message and "wait for it to finish" in message
    assert "waited 0.2 s" in message
    assert not CorpusStore(store, wait=0.2).writing  # free again, and read only


def test_a_writer_waits_for_the_readers_and_fails_at_its_deadline(plan_store):
    folder, store = plan_store
    holder = Holder(store, "read")
    try:
        with pytest.raises(DataError, match="in use by another process.*wait for it to finish"):
            load_store([folder], store, wait=0)
        edit(folder / "source" / "plan.ttl", '"任务1"@zh', '"任务甲"@zh')
        with pytest.raises(DataError, match="in use by another process"):  # a reader that must reload waits too
            plankg.load(store=CorpusStore(store, wait=0)).query("plans")
    finally:
        holder.stop()
    assert load_store([folder], store, wait=0).loaded  # the readers gone, the load goes ahead


def test_the_cli_says_a_store_is_in_use_in_one_line_with_exit_code_2(plan_store, monkeypatch):
    _, store = plan_store
    monkeypatch.setitem(CorpusStore.__init__.__kwdefaults__, "wait", 0)
    holder = Holder(store, "write")
    try:
        result = query(store)
    finally:
        holder.stop()
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "in use by another process" in result.output


def test_a_reader_of_a_store_out_of_step_reloads_and_answers(plan_store):
    folder, store = plan_store
    edit(folder / "source" / "plan.ttl", '"任务1"@zh', '"任务甲"@zh')
    handle = CorpusStore(store)
    assert not handle.writing
    kg = plankg.load(store=handle)
    report = kg.sync_store()
    assert handle.writing and report.loaded == ("https://example.org/tiny/graph/source",)
    assert labels(kg) == ["任务甲", "任务2", "任务3", "任务4"]
    del kg, handle
    gc.collect()
    again = CorpusStore(store)
    assert plankg.load(store=again).sync_store().loaded == () and not again.writing


def test_a_reader_that_waited_to_write_checks_again_and_finds_the_work_done(plan_store, monkeypatch):
    # Between letting its shared lock go and getting the exclusive one, another process loads the
    # change: the reader then has nothing left to load.
    folder, store = plan_store
    edit(folder / "source" / "plan.ttl", '"任务1"@zh', '"任务甲"@zh')
    take = StoreLock.take

    def others_load_first(self, *, exclusive, wait=storelock.WAIT):
        if exclusive:
            self.release()
            done = subprocess.run([sys.executable, "-c", CLI, "load", str(folder), "--store", str(store)],
                                  capture_output=True, text=True, env=environment(), timeout=120)
            assert done.returncode == 0, done.stderr
        take(self, exclusive=exclusive, wait=wait)

    monkeypatch.setattr(StoreLock, "take", others_load_first)
    handle = CorpusStore(store)
    kg = plankg.load(store=handle)
    report = kg.sync_store()
    assert handle.writing and report.loaded == () and report.files_read == 0
    assert labels(kg) == ["任务甲", "任务2", "任务3", "任务4"]


def test_a_query_of_a_store_in_step_writes_no_rocksdb_file(plan_store):
    _, store = plan_store
    assert query(store).exit_code == 0
    gc.collect()
    before = rocksdb_files(store)
    assert any(name.startswith("LOG") for name in before)
    for name in ("plans", "targets", "plan-overview"):
        result = query(store, name)
        assert result.exit_code == 0, result.output
        gc.collect()
    after = rocksdb_files(store)
    assert after == before  # no LOG.old, no new table, nothing rewritten
    assert sum(name.startswith("LOG.old") for name in after) == sum(name.startswith("LOG.old") for name in before)


def test_a_read_only_store_keeps_answers(plan_store):
    _, store = plan_store
    handle = CorpusStore(store)
    kg = plankg.load(store=handle)
    kg.engine.answers.min_seconds = 0
    first = [tuple(row) for row in kg.query("plans")]
    assert not handle.writing
    kept = list((store / ANSWERS).rglob("*.answer.gz"))
    assert len(kept) == 1
    assert [tuple(row) for row in kg.engine.answers.get(kept[0].name.split(".")[0], max_rows=None)] == first


ASKED = [("plans", {}), ("targets", {}), ("plan-overview", {}), ("tasks-by-area", {"area": "01"})]
KEEP = f"""
import sys
import plankg
kg = plankg.load(store=sys.argv[1])
kg.engine.answers.min_seconds = 0
for _ in range(int(sys.argv[2])):
    if kg.engine.answers.folder.exists():
        for kept in kg.engine.answers.folder.iterdir():
            kept.unlink(missing_ok=True)
    for name, params in {ASKED!r}:
        kg.query(name, **params)
print(kg.store.writing, flush=True)
"""


def test_readers_that_keep_the_same_answers_at_once_leave_whole_files(plan_store):
    # Each reader removes the answers and keeps them again, over and over: the files are written
    # atomically, so every one left is whole, and no temporary file stays behind.
    _, store = plan_store
    kg = plankg.load(store=store)
    expected = sorted(repr(sorted(map(str, map(tuple, kg.query(name, **params))))) for name, params in ASKED)
    del kg
    gc.collect()
    readers = [subprocess.Popen([sys.executable, "-c", KEEP, str(store), "20"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=environment()) for _ in range(3)]
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err
        assert out.strip() == "False"  # read only
    cache = plankg.load(store=store).engine.answers
    files = sorted(cache.folder.iterdir())
    assert len(files) == len(ASKED) and all(p.name.endswith(".answer.gz") for p in files)
    answers = [cache.get(p.name.removesuffix(".answer.gz"), max_rows=None) for p in files]
    assert sorted(repr(sorted(map(str, map(tuple, answer)))) for answer in answers) == expected


def test_a_folder_plankg_may_not_use_is_refused_and_gets_no_lock_file(tmp_path):
    folder = tmp_path / "theirs"
    theirs = ox.Store(str(folder))
    example = "http://example.org/"
    theirs.add(ox.Quad(ox.NamedNode(example + "s"), ox.NamedNode(example + "p"), ox.Literal("别人的")))
    theirs.flush()
    del theirs
    before = sorted(p.name for p in folder.iterdir())
    for attempt in (lambda: CorpusStore(folder), lambda: load_store(None, folder), lambda: query(folder)):
        try:
            result = attempt()
        except PlanKGError as err:
            assert "plankg did not create" in str(err)
        else:
            assert result.exit_code == 2 and "plankg did not create" in result.output
    assert sorted(p.name for p in folder.iterdir()) == before and LOCK_FILE not in before


def test_a_lock_file_that_is_a_link_is_refused(plan_store, tmp_path):
    _, store = plan_store
    (store / LOCK_FILE).unlink()
    (store / LOCK_FILE).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(DataError, match="lock file"):
        CorpusStore(store)
    assert not (tmp_path / "elsewhere").exists()


def test_without_fcntl_every_store_is_opened_for_writing_as_before(plan_store, monkeypatch):
    _, store = plan_store
    (store / LOCK_FILE).unlink()
    monkeypatch.setattr(storelock, "SHARING", False)
    monkeypatch.setattr(storesync, "SHARING", False)
    handle = CorpusStore(store)
    assert handle.writing and len(plankg.load(store=handle).query("plans")) == 1
    assert not (store / LOCK_FILE).exists()


def test_a_load_while_this_process_still_reads_the_store_fails_at_once(plan_store):
    # Two holds in one process would wait for each other until the deadline: the second says so at once.
    folder, store = plan_store
    kg = plankg.load(store=store)
    assert len(kg.query("plans")) == 1
    with pytest.raises(DataError, match="open in this process already.*let that one go"):
        load_store([folder], store)  # the default deadline (60 s) is not waited for
    other = plankg.load(store=store)  # another reader is welcome
    assert len(other.query("plans")) == 1
    del kg, other
    gc.collect()
    assert load_store([folder], store).loaded == ()


def test_a_reader_that_could_not_turn_to_writing_holds_the_store_again_when_asked_again(plan_store):
    folder, store = plan_store
    handle = CorpusStore(store, wait=0)
    kg = plankg.load(store=handle)
    holder = Holder(store, "read")
    try:
        edit(folder / "source" / "plan.ttl", '"任务1"@zh', '"任务甲"@zh')  # once the other reads
        with pytest.raises(DataError, match="in use by another process"):
            kg.sync_store()
        assert not handle.writing
    finally:
        holder.stop()
    # It let the store go: another process loads the change meanwhile. Asked again, it reads the
    # store as that process left it, and has nothing to write.
    done = subprocess.run([sys.executable, "-c", CLI, "load", str(folder), "--store", str(store)],
                          capture_output=True, text=True, env=environment(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert labels(kg) == ["任务甲", "任务2", "任务3", "任务4"]
    assert not handle.writing and kg.sync_store().loaded == ()
