"""Issue 13, finding 5: ``--store`` clears only stores plankg created, and says when one is in use."""

import subprocess
import sys

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from plankg.cli import main

MARKER = "plankg-store"
FOREIGN = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("别人的数据"))


def query(store):
    return CliRunner().invoke(main, ["query", "targets", "--store", str(store), "--format", "csv"])


def quads(folder) -> list:
    store = ox.Store.read_only(str(folder))
    return sorted(map(str, store))


def test_a_store_plankg_did_not_create_is_refused_and_kept(tmp_path):
    folder = tmp_path / "theirs"
    store = ox.Store(str(folder))
    store.add(FOREIGN)
    store.flush()
    del store
    result = query(folder)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert "plankg did not create" in result.output and "never clears" in result.output
    assert quads(folder) == [str(FOREIGN)]
    assert not (folder / MARKER).exists()


def test_a_folder_of_other_files_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("不要删除", encoding="utf-8")
    result = query(folder)
    assert result.exit_code == 2, result.output
    assert "not an Oxigraph store plankg created" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("exists", [False, True], ids=["new", "empty"])
def test_a_new_or_empty_folder_becomes_a_marked_store_and_is_reused(tmp_path, exists):
    folder = tmp_path / "store"
    if exists:
        folder.mkdir()
    first, second = query(folder), query(folder)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert first.output == second.output and len(first.output.splitlines()) == 12
    assert (folder / MARKER).is_file()


def test_a_store_of_an_earlier_plankg_is_recognised_by_its_manifest(tmp_path):
    folder = tmp_path / "earlier"
    store = ox.Store(str(folder))
    manifest = ox.NamedNode("urn:plankg:store")
    store.add(ox.Quad(manifest, ox.NamedNode("urn:plankg:fingerprint"), ox.Literal("stale"), manifest))
    store.flush()
    del store
    result = query(folder)
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 12
    assert (folder / MARKER).is_file()


HOLD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_store_in_use_by_another_process_is_one_clear_line(tmp_path):
    folder = tmp_path / "store"
    assert query(folder).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = query(folder)
    finally:
        holder.communicate("\n", timeout=30)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1
    assert "in use by another process" in result.output
    assert "LOCK" not in result.output and "IO error" not in result.output
    assert query(folder).exit_code == 0  # free again once the other process is gone
