"""The files a plan graph is made of, the layer each belongs to, and parsing.

A plan data set is a folder of RDF files. Files under a folder named
``curated`` form the *curated layer* (analysts' judgements); every other data
file forms the *source layer* (what the source text says). The ontology is
always added as a layer of its own. Each layer is loaded into a named graph of
its own (see :class:`GraphNames`).

Examples
--------
>>> files = discover()
>>> sorted({f.layer.value for f in files})
['curated', 'ontology', 'source']
>>> [f.path.name for f in files if f.layer is Layer.ONTOLOGY]
['plankg.ttl']
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError
from .namespaces import KS, ONTOLOGY_IRI
from .resources import bundled_plan_dir, ontology_file

__all__ = ["Layer", "DataFile", "GraphNames", "discover", "parse_file", "parse_all", "rdf_format", "reading"]

#: File endings read as RDF, and their formats.
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


_POSITION = re.compile(r"Parser error at line \d+ between columns (\d+) and \d+: ")
_WHERE = re.compile(r"\s*\([^()]*, line \d+\)$")


class Layer(enum.Enum):
    """The layers a plan graph is made of."""

    #: The plankg ontology (classes, properties, controlled lists).
    ONTOLOGY = "ontology"
    #: What the source document states.
    SOURCE = "source"
    #: Analysts' judgements, each with a rationale.
    CURATED = "curated"


@dataclass(frozen=True)
class GraphNames:
    """The named graph IRI of each layer.

    Parameters
    ----------
    base : str
        The prefix of the source and curated graphs' IRIs; the graphs are
        ``{base}source`` and ``{base}curated``.
    ontology : str
        The ontology's graph IRI.

    Examples
    --------
    >>> GraphNames().of(Layer.CURATED)
    'https://w3id.org/plankg/kunshan-2022/graph/curated'
    >>> GraphNames("http://example.org/g/").of(Layer.ONTOLOGY)
    'https://w3id.org/plankg/ontology'
    """

    base: str = KS + "graph/"
    ontology: str = ONTOLOGY_IRI

    def of(self, layer: Layer) -> str:
        """Return the graph IRI of ``layer``."""
        if layer is Layer.ONTOLOGY:
            return self.ontology
        return f"{self.base}{layer.value}"


@dataclass(frozen=True)
class DataFile:
    """One RDF file and the layer it belongs to."""

    path: Path
    layer: Layer


def rdf_format(path: Path) -> ox.RdfFormat:
    """Return the RDF format of ``path`` from its ending.

    Raises
    ------
    DataError
        If the ending is not one plankg reads.
    """
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise DataError(path, f"not an RDF file plankg reads (endings: {known})") from None


def _layer_of(path: Path) -> Layer:
    return Layer.CURATED if "curated" in path.parts else Layer.SOURCE


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in _FORMATS and p.is_file())
        if not found:
            raise DataError(path, "the folder holds no RDF files (.ttl, .nt, .rdf, .jsonld)")
        return found
    if not path.exists():
        raise DataError(path, "no such file or folder")
    rdf_format(path)
    return [path]


def discover(
    paths: Iterable[str | Path] | None = None, *, curated: bool = True
) -> list[DataFile]:
    """List the data files of a plan graph, the ontology first.

    Parameters
    ----------
    paths : path-like or iterable of path-like, optional
        Files or folders of plan data (one path, or several). ``None`` means
        the bundled plan.
    curated : bool, default True
        Whether to include the curated layer.

    Returns
    -------
    list of DataFile
        The ontology, then the data files in a stable order.

    Raises
    ------
    DataError
        If a path does not exist, holds no RDF, or is not an RDF file.
    """
    if isinstance(paths, (str, Path)):  # one path, not the characters of its name
        paths = [paths]
    roots = [bundled_plan_dir()] if paths is None else [Path(p) for p in paths]
    files = [DataFile(ontology_file(), Layer.ONTOLOGY)]
    seen = {files[0].path.resolve()}
    for root in roots:
        for path in _expand(root):
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            relative = path.relative_to(root) if path != root else Path(path.name)
            layer = _layer_of(Path(root.name) / relative if root.is_dir() else path)
            if layer is Layer.CURATED and not curated:
                continue
            files.append(DataFile(path, layer))
    return files


@contextmanager
def reading(path: Path):
    """Turn the errors of reading or parsing ``path`` into one :class:`DataError`.

    The error names the file, the line and the column, and says what to do.
    """
    try:
        yield
    except SyntaxError as err:
        text = _WHERE.sub("", str(err))
        where = _POSITION.match(text)
        if where:
            text = f"column {where.group(1)}: {text[where.end():]}"
        raise DataError(path, f"{text}; fix the syntax and run again", err.lineno) from err
    except UnicodeDecodeError as err:
        raise DataError(path, "not UTF-8 text; save the file as UTF-8") from err
    except OSError as err:
        raise DataError(path, f"cannot be read: {err.strerror or err}") from err


def parse_file(path: Path) -> list[ox.Triple]:
    """Parse one RDF file into triples.

    Parameters
    ----------
    path : Path
        The file; its ending gives the format.

    Returns
    -------
    list of pyoxigraph.Triple

    Raises
    ------
    DataError
        Naming the file and the line, if it cannot be read or parsed.
    """
    fmt = rdf_format(path)
    with reading(path):
        return [quad.triple for quad in ox.parse(path=str(path), format=fmt)]


def parse_all(files: Sequence[DataFile]) -> dict[DataFile, list[ox.Triple]]:
    """Parse every file, in order, into triples keyed by file."""
    return {f: parse_file(f.path) for f in files}
