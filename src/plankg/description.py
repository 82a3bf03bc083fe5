"""A plan data set's description of itself: its plan, IRI space and prefix.

Every plan data folder holds a ``dataset.ttl`` at its top (beside ``source/``
and ``curated/``). It describes the data set with VoID, DCAT and VANN::

    <dataset> a void:Dataset , dcat:Dataset ;
        foaf:primaryTopic <plan> ;
        void:uriSpace "https://w3id.org/plankg/my-plan-2030/" ;
        vann:preferredNamespacePrefix "mp" .

The IRI space names the data set's graphs (``{uriSpace}graph/source`` and
``{uriSpace}graph/curated``), so that plans loaded or published together stay
apart, and the prefix is how plankg shows the plan's IRIs.

Examples
--------
>>> from plankg.datafiles import parse_file
>>> from plankg.resources import bundled_plan_dir
>>> path = bundled_plan_dir() / DESCRIPTION_FILE
>>> d = read_description(path, parse_file(path))
>>> d.prefix, d.plan == d.uri_space + "plan"
('ks', True)
>>> d.graph("source") == d.uri_space + "graph/source"
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError

__all__ = ["DESCRIPTION_FILE", "VOID", "VANN", "FOAF", "DCAT", "Description", "read_description"]

#: The file name of a data set's description, at the top of its folder.
DESCRIPTION_FILE = "dataset.ttl"

VOID = "http://rdfs.org/ns/void#"
VANN = "http://purl.org/vocab/vann/"
FOAF = "http://xmlns.com/foaf/0.1/"
DCAT = "http://www.w3.org/ns/dcat#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_PREFIX = re.compile(r"[a-z][a-z0-9]*")
_HOW = (
    "describe the data set as in data/kunshan-2022/dataset.ttl: a void:Dataset with "
    "foaf:primaryTopic, void:uriSpace and vann:preferredNamespacePrefix"
)


@dataclass(frozen=True)
class Description:
    """A plan data set's identity.

    Attributes
    ----------
    plan : str
        The plan's IRI (``foaf:primaryTopic``).
    uri_space : str
        The start of every IRI the data set mints (``void:uriSpace``).
    prefix : str
        The preferred prefix of the IRI space (``vann:preferredNamespacePrefix``).
    path : Path or None
        The description file, if read from one.
    """

    plan: str
    uri_space: str
    prefix: str
    path: Path | None = None

    def graph(self, layer: str) -> str:
        """Return the named graph of a layer (``"source"`` or ``"curated"``)."""
        return f"{self.uri_space}graph/{layer}"


def read_description(path: Path, triples: list[ox.Triple]) -> Description:
    """Read a data set's description from its ``dataset.ttl``.

    Parameters
    ----------
    path : Path
        The description file (Turtle), named in errors.
    triples : list of pyoxigraph.Triple
        Its triples (:func:`plankg.datafiles.parse_file`).

    Returns
    -------
    Description

    Raises
    ------
    DataError
        If the file does not describe exactly one data set
        with one plan, one IRI space and one prefix.
    """
    datasets = {t.subject for t in triples if t.predicate == _RDF_TYPE and t.object == ox.NamedNode(VOID + "Dataset")}
    if len(datasets) != 1:
        raise DataError(path, f"describes {len(datasets)} data sets (void:Dataset), not one; {_HOW}")
    (dataset,) = datasets

    def one(predicate: str, name: str) -> ox.NamedNode | ox.Literal:
        values = {t.object for t in triples if t.subject == dataset and t.predicate.value == predicate}
        if len(values) != 1:
            raise DataError(path, f"the data set needs exactly one {name}, found {len(values)}; {_HOW}")
        return values.pop()

    plan = one(FOAF + "primaryTopic", "foaf:primaryTopic (the plan)")
    space = one(VOID + "uriSpace", "void:uriSpace").value
    prefix = one(VANN + "preferredNamespacePrefix", "vann:preferredNamespacePrefix").value
    if not isinstance(plan, ox.NamedNode) or not plan.value.startswith(space) or not space.endswith(("/", "#")):
        raise DataError(
            path, f"void:uriSpace {space!r} must end with / or # and start the plan's IRI; {_HOW}"
        )
    if not _PREFIX.fullmatch(prefix):
        raise DataError(path, f"the prefix {prefix!r} must be lower-case letters and digits, starting with a letter")
    return Description(plan=plan.value, uri_space=space, prefix=prefix, path=path)
