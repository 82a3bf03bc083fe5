"""Hostile data files give one line and exit 2, not a crash: nesting depth, entity expansion, BOM.

The hostile files crashed the parser itself (a segmentation fault, a Rust
out-of-memory abort), so the commands run in a child process, with its
address space capped so that an unguarded parser fails fast.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import plankg
from plankg.cli import main
from plankg.datafiles import parse_file
from plankg.errors import DataError
from plankg.inputlimits import MAX_JSON_DEPTH, MAX_XML_DEPTH, json_depth

SRC = Path(plankg.__file__).resolve().parents[1]
RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/"'


def _cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def plankg_process(*args: str) -> subprocess.CompletedProcess:
    """Run the command line in a child process with at most 3 GiB of address space."""
    return subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", *args],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(SRC)},
        preexec_fn=_cap_memory, timeout=600,
    )


def nested_jsonld(depth: int) -> str:
    return '{"@id": "http://e/a", "http://e/p": ' + '{"http://e/p": ' * depth + '"x"' + "}" * depth + "}"


BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF {RDF}><rdf:Description rdf:about="http://e/a"><e:p>&i;</e:p></rdf:Description></rdf:RDF>
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["validate"], ["query", "milestones", "--data"]])
def test_jsonld_nested_4000_deep_no_longer_segfaults(tmp_path, command):
    path = write(tmp_path, "deep.jsonld", nested_jsonld(4000))
    result = plankg_process(*command, str(path))
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.splitlines() == [
        f"plankg: error: {path}:1: JSON-LD nested more than {MAX_JSON_DEPTH} deep; "
        f"plankg reads at most {MAX_JSON_DEPTH} levels (see README, Security)"
    ]


@pytest.mark.parametrize("command", [["validate"], ["query", "milestones", "--data"]])
def test_rdfxml_entity_expansion_no_longer_aborts_out_of_memory(tmp_path, command):
    path = write(tmp_path, "laughs.rdf", BILLION_LAUGHS)
    assert path.stat().st_size < 1000
    result = plankg_process(*command, str(path))
    assert result.returncode == 2, result.stderr[-2000:]
    [line] = result.stderr.splitlines()
    assert line.startswith(f"plankg: error: {path}:")
    assert "its entities expand it more than 10 times its size" in line


@pytest.mark.parametrize("declaration, what", [
    ('<!ENTITY x SYSTEM "file:///etc/hostname">', "the external entity &x;"),
    ('<!ENTITY x PUBLIC "-//x//EN" "http://127.0.0.1:9/x">', "the external entity &x;"),
    ('<!ENTITY % x "y">', "the parameter entity %x"),
    ('<!NOTATION n SYSTEM "n"><!ENTITY x SYSTEM "y" NDATA n>', "the unparsed entity &x;"),
])
def test_rdfxml_external_and_parameter_entities_are_refused(tmp_path, declaration, what):
    path = write(tmp_path, "ext.rdf", f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n {declaration}\n]>\n'
                                      f'<rdf:RDF {RDF}><e:T rdf:about="http://e/a"/></rdf:RDF>')
    with pytest.raises(DataError, match=f"{path}:3: declares {what}") as caught:
        parse_file(path)
    assert "plankg reads no" in str(caught.value)


def test_rdfxml_nested_past_the_limit_is_refused(tmp_path):
    depth = MAX_XML_DEPTH + 10
    body = "<e:p><rdf:Description>" * depth + "</rdf:Description></e:p>" * depth
    path = write(tmp_path, "deep.rdf", f'<rdf:RDF {RDF}><rdf:Description rdf:about="http://e/a">'
                                       f"{body}</rdf:Description></rdf:RDF>")
    with pytest.raises(DataError, match=f"elements nested more than {MAX_XML_DEPTH} deep"):
        parse_file(path)


def test_rdfxml_with_namespace_entities_as_ontology_editors_write_still_parses(tmp_path):
    path = write(tmp_path, "onto.rdf", f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY e "http://e/" >
  <!ENTITY owl "http://www.w3.org/2002/07/owl#" >
]>
<rdf:RDF {RDF}>
  <rdf:Description rdf:about="&e;a"><rdf:type rdf:resource="&owl;Class"/><e:p>&e;花桥</e:p></rdf:Description>
</rdf:RDF>""")
    triples = parse_file(path)
    assert {(t.predicate.value, t.object.value) for t in triples} == {
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2002/07/owl#Class"),
        ("http://e/p", "http://e/花桥"),
    }


def test_jsonld_within_the_depth_limit_still_parses(tmp_path):
    path = write(tmp_path, "ok.jsonld", nested_jsonld(MAX_JSON_DEPTH - 2))
    assert len(parse_file(path)) == MAX_JSON_DEPTH - 1


def test_json_depth_ignores_brackets_inside_strings():
    text = '{"label": "[[[{{{\\"]]]", "list": [[1, 2], {"a": "}"}]}'
    assert json_depth(text.encode()) == 3
    assert json_depth(b'"[[["') == 0


@pytest.mark.parametrize("name, text", [
    ("plan.ttl", '<http://e/a> <http://e/p> "花桥" .\n'),
    ("plan.nt", '<http://e/a> <http://e/p> "花桥" .\n'),
    ("plan.jsonld", '{"@id": "http://e/a", "http://e/p": "花桥"}'),
    ("plan.rdf", f'<rdf:RDF {RDF}><rdf:Description rdf:about="http://e/a"><e:p>花桥</e:p>'
                 "</rdf:Description></rdf:RDF>"),
])
def test_utf8_bom_no_longer_refused_as_an_invisible_character(tmp_path, name, text):
    path = write(tmp_path, name, b"\xef\xbb\xbf" + text.encode("utf-8"))
    [triple] = parse_file(path)
    assert (triple.subject.value, triple.object.value) == ("http://e/a", "花桥")
    kg = plankg.load([path])
    rows = kg.sparql("SELECT ?o WHERE { <http://e/a> <http://e/p> ?o }")
    assert [row.value("o") for row in rows] == ["花桥"]


def test_bom_file_with_an_error_still_names_the_line(tmp_path):
    path = write(tmp_path, "bad.ttl", b"\xef\xbb\xbf<http://e/a> <http://e/p> \"x\" .\n<http://e/b> oops\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"plankg: error: {path}:2: ")
