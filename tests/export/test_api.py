"""plankg.export(): the result, where files go, errors, and atomic writes."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_readers import KUNSHAN

import plankg
import plankg.atomic
from plankg.exports import ExportFormat, ExportResult, View, export

KS = "https://w3id.org/plankg/kunshan-2022/"
GRAPH_FORMATS = [f.value for f in ExportFormat if not f.is_rdf and not f.is_workbook]
#: The formats that write files (csvdir writes a folder of them: tests/authoring).
FILE_FORMATS = [f for f in ExportFormat if f is not ExportFormat.CSVDIR]


def test_result_is_typed(kg, tmp_path):
    result = export(kg, "graphml", tmp_path / "plan.graphml", view="places")
    assert isinstance(result, ExportResult)
    assert result.path == tmp_path / "plan.graphml" and result.files == (result.path,)
    assert result.format is ExportFormat.GRAPHML and result.view is View.PLACES
    assert (result.nodes, result.edges) == KUNSHAN["places"]
    assert repr(result) == "<ExportResult graphml view=places nodes=44 edges=57 plan.graphml>"


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_folder_gets_view_and_extension(kg, tmp_path, fmt):
    result = export(kg, fmt, tmp_path)
    name = "all-nodes.csv" if fmt is ExportFormat.CSV else f"all{fmt.extension}"
    assert result.path == tmp_path / name and result.path.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.files)


def test_plankg_export_is_callable_even_after_a_submodule_import(tmp_path):
    code = (
        "import plankg.exports.views, plankg, sys; "
        "r = plankg.export(plankg.load(), 'mermaid', sys.argv[1], view='dependencies'); print(r.nodes, r.edges)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.mmd")], capture_output=True, text=True)
    assert done.stdout.split() == ["15", "12"], done.stderr


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"format": "pdf"}, "unknown export format 'pdf'"),
        ({"format": "gexf", "view": "towns"}, "unknown view 'towns'"),
        ({"format": "gexf", "lang": "fr"}, "unknown language 'fr'"),
        ({"format": "jsonld", "view": "structure"}, "views are for the graph formats"),
        ({"format": "gexf", "layout": "circle"}, "unknown layout 'circle'; use one of spring, igraph-fr"),
        ({"format": "dot", "layout": "igraph-fr"}, "dot carries no node positions; a layout is for graphml, gexf"),
        ({"format": "turtle", "layout": "spring"}, "turtle carries no node positions"),
    ],
)
def test_bad_arguments_are_export_errors(kg, tmp_path, kwargs, message):
    fmt = kwargs.pop("format")
    with pytest.raises(plankg.ExportError, match=message):
        export(kg, fmt, tmp_path / "out", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_export_error(kg, tmp_path):
    with pytest.raises(plankg.ExportError, match="does not exist"):
        export(kg, "dot", tmp_path / "no" / "such" / "plan.dot")


class FailingFile:
    """A binary file that takes ``budget`` bytes, then fails as a full disk does."""

    def __init__(self, real, budget: int, log: list):
        self.real, self.budget, self.log = real, budget, log
        self.written = 0

    def write(self, data) -> int:
        data = bytes(data)
        room = self.budget - self.written
        if len(data) > room:
            self.real.write(data[:room])
            self.written += room
            self.log.append(self.written)
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written += len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def fail_midway(monkeypatch, *, on_file: int = 1, budget: int = 200) -> list:
    """Make the ``on_file``-th file plankg writes fail after ``budget`` bytes; return the bytes written before."""
    real_fdopen, opened, log = os.fdopen, [], []

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        opened.append(fd)
        return FailingFile(handle, budget, log) if len(opened) == on_file else handle

    monkeypatch.setattr(plankg.atomic.os, "fdopen", fdopen)
    return log


@pytest.mark.parametrize("fmt", [f.value for f in FILE_FORMATS])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(kg, tmp_path, monkeypatch, fmt):
    fmt = ExportFormat(fmt)
    target = tmp_path / f"plan{fmt.extension}"
    old = {target: "the old export\n"}
    if fmt is ExportFormat.CSV:
        old[tmp_path / "plan-edges.csv"] = "the old edges\n"
    for path, text in old.items():
        path.write_text(text, encoding="utf-8")
    written = fail_midway(monkeypatch)
    with pytest.raises(plankg.ExportError, match="No space left on device") as caught:
        export(kg, fmt, target)
    assert written == [200], "the writer failed midway, after writing part of the file"
    assert str(target.parent) in str(caught.value)
    assert {path: path.read_text(encoding="utf-8") for path in old} == old
    assert sorted(tmp_path.iterdir()) == sorted(old)


def test_csv_edges_failing_after_the_nodes_were_written_leaves_both_old_files(kg, tmp_path, monkeypatch):
    nodes, edges = tmp_path / "plan.csv", tmp_path / "plan-edges.csv"
    nodes.write_text("old nodes\n", encoding="utf-8")
    edges.write_text("old edges\n", encoding="utf-8")
    written = fail_midway(monkeypatch, on_file=2)
    with pytest.raises(plankg.ExportError):
        export(kg, "csv", nodes)
    assert written == [200]
    assert (nodes.read_text(encoding="utf-8"), edges.read_text(encoding="utf-8")) == ("old nodes\n", "old edges\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-edges.csv", "plan.csv"]


def test_a_failed_query_writes_nothing(tmp_path):
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "other.rq").write_text("#+ summary: another query\nASK {}\n", encoding="utf-8")
    kg = plankg.load(library=plankg.QueryLibrary(queries))  # a library without the export queries
    target = tmp_path / "plan.gexf"
    with pytest.raises(plankg.QueryError, match="export-"):
        export(kg, "gexf", target)
    assert not target.exists()


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_every_graph_format_from_an_endpoint(kg_endpoint, tmp_path, fmt):
    result = export(kg_endpoint, fmt, tmp_path, view="places")
    assert (result.nodes, result.edges) == KUNSHAN["places"]
    assert all(Path(p).stat().st_size > 0 for p in result.files)


@pytest.mark.parametrize("fmt", ["cytoscape", "html"])
def test_an_igraph_layout_moves_the_nodes_and_keeps_the_chinese_labels(kg, tmp_path, fmt):
    import json
    import re

    pytest.importorskip("igraph", reason="pip install 'plankg[igraph]'")

    def nodes(result):
        text = result.path.read_text(encoding="utf-8")
        if fmt == "html":
            text = re.search(r'id="plankg-data">(.*?)</script>', text, re.DOTALL).group(1)
            return {n["id"]: (n["label"], n["x"], n["y"]) for n in json.loads(text)["nodes"]}
        return {n["data"]["id"]: (n["data"]["name"], n["position"]["x"], n["position"]["y"])
                for n in json.loads(text)["elements"]["nodes"]}

    spring = nodes(export(kg, fmt, tmp_path / f"spring.{fmt}", view="places"))
    igraph = nodes(export(kg, fmt, tmp_path / f"igraph.{fmt}", view="places", layout="igraph-fr"))
    assert {k: v[0] for k, v in spring.items()} == {k: v[0] for k, v in igraph.items()}
    assert spring[KS + "place/huaqiao"][0] == "花桥国际商务城"
    assert {k: v[1:] for k, v in spring.items()} != {k: v[1:] for k, v in igraph.items()}
