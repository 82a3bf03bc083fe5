"""The files a plan graph is made of, the layer each belongs to, and parsing.

A plan data set is a folder of RDF files with a ``dataset.ttl`` at its top
that describes it (see :mod:`plankg.description`). Files under a folder named
``curated`` form the *curated layer* (analysts' judgements); every other data
file forms the *source layer* (what the source text says). The ontology is
always added as a layer of its own. Each data set's layers are loaded into
named graphs of their own (see :class:`GraphNames`), so that plans loaded
together stay apart.

Examples
--------
>>> files = discover()
>>> sorted({f.layer.value for f in files})
['curated', 'ontology', 'source']
>>> [f.path.name for f in files if f.layer is Layer.ONTOLOGY]
['plankg.ttl']
>>> sorted({f.dataset.prefix for f in files if f.dataset})
['ks']
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .description import DESCRIPTION_FILE, Description, read_description
from .errors import DataError
from .inputlimits import parser_input
from .namespaces import ONTOLOGY_IRI
from .resources import bundled_plan_dir, ontology_file

__all__ = ["Layer", "DataFile", "GraphNames", "UNDESCRIBED", "discover", "parse_file", "parse_all", "rdf_format", "reading"]

#: File endings read as RDF, and their formats.
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


_POSITION = re.compile(r"Parser error at line \d+ between columns (\d+) and \d+: ")
_WHERE = re.compile(r"\s*\((?:[^()]*, )?line \d+\)$")


class Layer(enum.Enum):
    """The layers a plan graph is made of."""

    #: The plankg ontology (classes, properties, controlled lists).
    ONTOLOGY = "ontology"
    #: What the source document states.
    SOURCE = "source"
    #: Analysts' judgements, each with a rationale.
    CURATED = "curated"


#: The graph prefix of data that no ``dataset.ttl`` describes.
UNDESCRIBED = "urn:plankg:graph:"


@dataclass(frozen=True)
class GraphNames:
    """The named graph IRI of each layer of each data set.

    By default a data set's layers go to ``{uriSpace}graph/source`` and
    ``{uriSpace}graph/curated`` (its own IRI space, from its description), and
    data that no description covers to ``urn:plankg:graph:source`` …. A
    ``base`` puts the layers of the one data set loaded under that prefix
    instead (as ``plankg push --graph`` does).

    Parameters
    ----------
    base : str, optional
        The prefix of the source and curated graphs' IRIs; the graphs are
        ``{base}source`` and ``{base}curated``.
    ontology : str
        The ontology's graph IRI.

    Examples
    --------
    >>> from plankg.description import Description
    >>> d = Description(plan="http://example.org/p/plan", uri_space="http://example.org/p/", prefix="p")
    >>> GraphNames().of(Layer.CURATED, d)
    'http://example.org/p/graph/curated'
    >>> GraphNames().of(Layer.SOURCE)
    'urn:plankg:graph:source'
    >>> GraphNames("http://example.org/g/").of(Layer.SOURCE, d)
    'http://example.org/g/source'
    >>> GraphNames("http://example.org/g/").of(Layer.ONTOLOGY)
    'https://w3id.org/plankg/ontology'
    """

    base: str | None = None
    ontology: str = ONTOLOGY_IRI

    def of(self, layer: Layer, dataset: Description | None = None) -> str:
        """Return the graph IRI of ``layer`` of ``dataset`` (None: undescribed data)."""
        if layer is Layer.ONTOLOGY:
            return self.ontology
        if self.base is not None:
            return f"{self.base}{layer.value}"
        if dataset is not None:
            return dataset.graph(layer.value)
        return f"{UNDESCRIBED}{layer.value}"


@dataclass(frozen=True)
class DataFile:
    """One RDF file, the layer it belongs to, and the data set that holds it.

    ``dataset`` is None for the ontology and for data no ``dataset.ttl`` covers.
    """

    path: Path
    layer: Layer
    dataset: Description | None = None


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


def _walk(root: Path):
    """Every file under ``root``, following symlinked folders; each real folder
    is read once, so a link back up the tree cannot loop."""
    seen = set()
    for folder, folders, names in os.walk(root, followlinks=True):
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            folders.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        yield from (Path(folder, name) for name in names)


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in _walk(path) if p.suffix.lower() in _FORMATS and p.is_file())
        if not found:
            raise DataError(path, "the folder holds no RDF files (.ttl, .nt, .rdf, .jsonld)")
        return found
    if not path.exists():
        raise DataError(path, "no such file or folder")
    rdf_format(path)
    return [path]


def discover(
    paths: Iterable[str | Path] | str | Path | None = None,
    *,
    curated: bool = True,
    describe: Callable[[Path], Description] | None = None,
) -> list[DataFile]:
    """List the data files of a plan graph, the ontology first.

    Each file belongs to the data set whose ``dataset.ttl`` is in the nearest
    folder above it, within the folder given or above the file or folder
    given. A description above what was given names the data set (its graphs
    and prefix) but is not loaded: ``discover("plan/curated")`` is the
    curated layer alone.

    Parameters
    ----------
    paths : path-like or iterable of path-like, optional
        Files or folders of plan data (one path, or several). ``None`` means
        the bundled plan.
    curated : bool, default True
        Whether to include the curated layer.
    describe : callable, optional
        Reads a ``dataset.ttl`` into a :class:`~plankg.description.Description`;
        by default it is parsed (a persistent store passes one that parses
        only descriptions changed since it was loaded).

    Returns
    -------
    list of DataFile
        The ontology, then the data files in a stable order.

    Raises
    ------
    DataError
        If a path does not exist, holds no RDF, or is not an RDF file; or if
        two data sets claim the same IRI space or prefix.
    """
    if paths is None:
        roots = [bundled_plan_dir()]
    elif isinstance(paths, (str, Path)):
        roots = [Path(paths)]
    else:
        roots = [Path(p) for p in paths]
    files = [DataFile(ontology_file(), Layer.ONTOLOGY)]
    seen = {files[0].path.resolve()}
    descriptions: dict[Path, Description] = {}
    for root in roots:
        found = _expand(root)
        for description_file in _descriptions_for(root, found):
            folder = description_file.parent.resolve()
            if folder not in descriptions:
                descriptions[folder] = (describe or _describe)(description_file)
        real_folders: dict[Path, Path] = {}
        for path in found:
            resolved = _real(path, real_folders)
            if resolved in seen:
                continue
            seen.add(resolved)
            home, dataset = _nearest(resolved.parent, descriptions)
            inside = resolved.relative_to(home) if dataset else None
            if inside is None:
                relative = path.relative_to(root) if path != root else Path(path.name)
                inside = Path(root.name) / relative if root.is_dir() else path
            layer = _layer_of(inside)
            if layer is Layer.CURATED and not curated:
                continue
            files.append(DataFile(path, layer, dataset))
    _check_distinct(descriptions.values())
    return files


def _describe(path: Path) -> Description:
    return read_description(path, parse_file(path))


def _descriptions_for(root: Path, found: list[Path]) -> list[Path]:
    """The description files of the data sets ``root`` holds or lies in."""
    inside = [p for p in found if p.name == DESCRIPTION_FILE]
    for folder in [root.resolve(), *root.resolve().parents]:
        candidate = folder / DESCRIPTION_FILE
        if candidate.is_file() and (folder != root.resolve() or not root.is_dir()):
            return [candidate, *inside]
        if folder != root.resolve() and (folder / ".git").exists():
            break
    return inside


def _real(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, resolving each folder once (a corpus has thousands of files)."""
    if path.is_symlink():
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder / path.name


def _nearest(folder: Path, descriptions: dict[Path, Description]) -> tuple[Path | None, Description | None]:
    """The nearest folder at or above ``folder`` with a description, and that description."""
    for candidate in [folder, *folder.parents]:
        if candidate in descriptions:
            return candidate, descriptions[candidate]
    return None, None


def _check_distinct(descriptions: Iterable[Description]) -> None:
    by_space: dict[str, Description] = {}
    by_prefix: dict[str, Description] = {}
    for d in descriptions:
        for key, index, what in ((d.uri_space, by_space, "IRI space"), (d.prefix, by_prefix, "prefix")):
            other = index.setdefault(key, d)
            if other is not d:
                raise DataError(
                    d.path, f"claims the {what} {key!r} that {other.path} claims too; "
                    "give each plan its own (or load only one copy of a plan)"
                )


@contextmanager
def reading(path: Path):
    """Turn the errors of reading or parsing ``path`` into one :class:`DataError`.

    The error names the file, the line and the column, and says what to do.
    Yields the arguments that hand the file to the parser, once it is checked
    against plankg's parser limits (see :mod:`plankg.inputlimits`).
    """
    try:
        yield parser_input(path, rdf_format(path))
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
    with reading(path) as source:
        return [quad.triple for quad in ox.parse(format=fmt, **source)]


def parse_all(files: Sequence[DataFile]) -> dict[DataFile, list[ox.Triple]]:
    """Parse every file, in order, into triples keyed by file."""
    return {f: parse_file(f.path) for f in files}
