"""Finding a plan's files and their layers; reading them with clear errors."""

import pytest

import plankg
from plankg.datafiles import Layer, discover
from plankg.resources import bundled_plan_dir


def test_bundled_plan_files_and_layers():
    files = discover()
    assert files[0].layer is Layer.ONTOLOGY
    assert {f.path.name for f in files if f.layer is Layer.CURATED} == {"links.ttl"}
    source = [f.path.name for f in files if f.layer is Layer.SOURCE]
    assert len(source) == 7 and "dataset.ttl" in source  # dataset.ttl (the plan's description) is source


def test_a_curated_folder_given_directly_is_the_curated_layer():
    files = discover([bundled_plan_dir() / "curated"])
    assert [f.layer for f in files] == [Layer.ONTOLOGY, Layer.CURATED]
    assert files[1].dataset.prefix == "ks"  # named by the description above it
    assert [f.layer for f in discover([bundled_plan_dir() / "curated"], curated=False)] == [Layer.ONTOLOGY]


def test_a_folder_without_rdf_is_a_data_error(tmp_path):
    with pytest.raises(plankg.DataError, match="holds no RDF files"):
        discover([tmp_path])


def test_an_unknown_file_ending_is_a_data_error(tmp_path):
    odd = tmp_path / "plan.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(plankg.DataError, match="not an RDF file"):
        discover([odd])


def test_a_file_that_is_not_utf8_is_a_data_error(tmp_path):
    bad = tmp_path / "plan.ttl"
    bad.write_bytes(b'<http://e/a> <http://e/b> "\xff\xfe" .\n')
    with pytest.raises(plankg.DataError) as caught:
        plankg.load([bad]).validate()
    assert caught.value.path == bad
