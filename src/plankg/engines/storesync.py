"""Keep a persistent store in step with the data files, one plan layer graph at a time.

``plankg load DIR… --store STORE`` loads plans into an Oxigraph store on disk
once; later commands with ``--store STORE`` (or ``PLANKG_STORE``) answer from
it. Before answering, :meth:`CorpusStore.sync` checks the files cheaply and
reloads only what changed:

* **The unit of reloading is a plan layer graph** (``{uriSpace}graph/source``,
  ``{uriSpace}graph/curated``, the ontology's graph). Every file belongs to
  exactly one such graph; a graph is the union of its files' triples, and two
  files of a graph may state the same triple, so a changed, added or removed
  file makes its graph be cleared and loaded again from that graph's files.
  Every other graph is left as it is: not read, not rewritten.
* **The check is a stat**: a file whose size and modification time (in
  nanoseconds) are those recorded is unchanged, and is neither read nor
  parsed. Only a file whose stat changed is read, and its SHA-256 compared
  with the recorded one: the same content (a ``touch``, a copy) only updates
  the record. Like ``make`` and ``git``, a rewrite that keeps the size and the
  modification time to the nanosecond is not seen.
* **A graph no file gives any more** (a plan's ``curated/`` removed, or a plan
  gone from a folder given to ``plankg load``) is removed.

What the store holds is recorded in a manifest, ``plankg-manifest.json`` in
the store's folder (beside :data:`~plankg.engines.stores.MARKER`): the folders
last given to ``plankg load``, and for each graph its layer, its data set's
description and each of its files (path, size, modification time, digest,
triples). It is kept outside the RDF data so that the store holds nothing but
the plans' graphs (queries may then use Oxigraph's union of all graphs). It is
written atomically, and a graph's record is removed before its data is changed
and written back once the load is done: a load that fails or is stopped
leaves that graph unrecorded, and the next sync clears it and loads it again.
A graph the store holds but the manifest does not record is removed.

**Reading and writing.** A command that finds the store in step with its
files (the manifest and the stats decide, and the list of the store's graphs,
read from the store opened read-only) answers from it as it is, beside other
readers; it writes nothing in RocksDB's files. A store to make, or to bring in
step, is opened for writing, alone: a reader that must change something lets
its shared lock go, waits for the exclusive one, and compares again, as
another process may have done the work meanwhile
(:mod:`plankg.engines.storelock`). ``plankg load`` opens the store for
writing from the start.

Loading uses Oxigraph's bulk loader (:meth:`pyoxigraph.Store.bulk_extend`)
over the parsed files of every graph to load, in one pass; a handful of small
files go through one ordinary transaction instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..datafiles import DataFile, Layer, parse_file, rdf_format, reading
from ..description import Description, read_description
from ..errors import DataError
from ..steps import Progress, tick
from .answers import FOLDER as ANSWERS_FOLDER
from .storelock import SHARING, WAIT, StoreLock
from .stores import MANIFEST_GRAPH, MARKER, claim_store, open_store

__all__ = ["MANIFEST_FILE", "LoadReport", "CorpusStore", "load_store"]

#: The manifest's file name, in the store's folder.
MANIFEST_FILE = "plankg-manifest.json"
_VERSION = 1
#: Below this many bytes of files to load, one transaction; from it on, the bulk loader.
_BULK_BYTES = 2_000_000


@dataclass(frozen=True)
class LoadReport:
    """What a sync of a store found and did.

    Attributes
    ----------
    store : Path
        The store's folder.
    plans : int
        The plans (data sets) whose graphs the store now holds for the files given.
    files : int
        The data files in view (the ontology included).
    triples : int
        The triples of those files, as loaded (a triple stated in two files counts twice).
    seconds : float
        Wall time of the check and the loading.
    loaded : tuple of str
        The graphs (re)loaded, in order.
    kept : tuple of str
        The graphs found unchanged, left as they were.
    removed : tuple of str
        The graphs removed (no file gives them any more, or unrecorded).
    files_read : int
        The files read: those loaded, and those whose stat changed (digested).
    """

    store: Path
    plans: int
    files: int
    triples: int
    seconds: float
    loaded: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    files_read: int = 0

    def summary(self) -> str:
        """Return one line: what the store holds and what this sync changed."""
        changed = ", ".join(
            [_count(len(self.loaded), "graph") + " loaded", f"{len(self.kept):,} unchanged", f"{len(self.removed):,} removed"]
        )
        held = ", ".join([_count(self.plans, "plan"), _count(self.files, "file"), _count(self.triples, "triple")])
        return f"{self.store}: {held} in {self.seconds:.2f} s ({changed})"

    def to_dict(self) -> dict:
        """Return the report as plain data (for ``--format json``)."""
        return {
            "store": str(self.store),
            "plans": self.plans,
            "files": self.files,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "loaded": list(self.loaded),
            "kept": list(self.kept),
            "removed": list(self.removed),
            "files_read": self.files_read,
        }


@dataclass
class _GraphRecord:
    layer: str
    dataset: dict | None
    files: list[dict] = field(default_factory=list)

    def triples(self) -> int:
        return sum(f["triples"] for f in self.files)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _dataset_dict(d: Description | None) -> dict | None:
    if d is None:
        return None
    return {"plan": d.plan, "uri_space": d.uri_space, "prefix": d.prefix, "path": str(d.path) if d.path else None}


class CorpusStore:
    """A persistent Oxigraph store of plans, and its manifest.

    Parameters
    ----------
    folder : path-like
        The store's folder: new, empty, or a store plankg created
        (:func:`~plankg.engines.stores.open_store`).
    write : bool, default False
        Open the store for writing from the start (``plankg load``). By
        default it is read, beside other readers, until :meth:`load` finds
        something to change (a new store is always written).
    wait : float, default :data:`~plankg.engines.storelock.WAIT`
        Seconds to wait at most for the store's lock (another process writing
        it, or, to write, reading it).

    Attributes
    ----------
    folder : Path
    store : pyoxigraph.Store
        The open store: read only, or for writing (one process at a time);
        opened when first used.
    writing : bool
        Whether the store is (to be) open for writing.
    roots : tuple of Path or None
        The folders and files last given to ``plankg load`` (or to the first
        command that filled the store); None for a new store.

    Examples
    --------
    >>> import tempfile, plankg
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     report = CorpusStore(Path(tmp) / "s").load(plankg.load().files)
    ...     report.plans, len(report.loaded), report.kept
    (1, 3, ())
    """

    def __init__(self, folder: str | Path, *, write: bool = False, wait: float = WAIT):
        self.folder = Path(folder)
        self.wait = wait
        self._store: ox.Store | None = None
        self._lock: StoreLock | None = None
        self._graphs: dict[str, _GraphRecord] = {}
        self._descriptions: dict[str, dict] = {}
        self._listing: dict | None = None
        self.roots: tuple[Path, ...] | None = None
        self.writing = write or not SHARING or not (
            (self.folder / MARKER).is_file() and (self.folder / MANIFEST_FILE).is_file())
        if self.writing:
            self._open_for_writing()
        else:
            self._lock = StoreLock(self.folder, exclusive=False, wait=wait)
            self._read_manifest()

    def __repr__(self) -> str:
        return f"<CorpusStore {self.folder} graphs={len(self._graphs)}{' writing' if self.writing else ''}>"

    def __del__(self):
        # The store first, then the lock: no other process may open the store while this one has it open.
        self._store = None
        if getattr(self, "_lock", None) is not None:
            self._lock.close()

    @property
    def store(self) -> ox.Store:
        """The open pyoxigraph store (read only, unless :attr:`writing`)."""
        if self._store is None:
            if self._lock is not None and not self._lock.held:
                # Let go by a turn to writing that did not get the store: hold it again, and read
                # the manifest again, as another process may have changed the store meanwhile.
                self._lock.take(exclusive=self.writing, wait=self.wait)
                self._read_manifest()
            self._store = open_store(self.folder, read_only=not self.writing)
        return self._store

    def _open_for_writing(self) -> None:
        """Hold the store alone, open it for writing, and read its manifest (again)."""
        self._store = None  # a read-only view goes before the store is written
        if self._lock is None:
            claim_store(self.folder)  # before the lock file is made in it
            self._lock = StoreLock(self.folder, exclusive=True, wait=self.wait)
        else:
            self._lock.take(exclusive=True, wait=self.wait)
        self.writing = True
        self._store = open_store(self.folder)
        descriptions = self._descriptions
        self._read_manifest()
        self._descriptions = {**descriptions, **self._descriptions}

    @property
    def graphs(self) -> dict[str, dict]:
        """Each recorded graph: its layer, data set and files (as in the manifest)."""
        return {g: {"layer": r.layer, "dataset": r.dataset, "files": list(r.files)} for g, r in self._graphs.items()}

    @property
    def generation(self) -> str:
        """A digest of the data the store holds: each recorded graph and its files' contents.

        The same data gives the same generation, wherever its files are and
        whatever their modification times; any graph loaded again with other
        content, added or removed gives another. Answers kept for the store
        (:mod:`plankg.engines.answers`) are filed under it.
        """
        held = sorted(
            (graph, record.layer, [(f["digest"], f["triples"]) for f in record.files])
            for graph, record in self._graphs.items()
        )
        return _digest(json.dumps(held, ensure_ascii=False).encode("utf-8"))[:32]

    # -- the manifest ---------------------------------------------------

    def _read_manifest(self) -> None:
        path = self.folder / MANIFEST_FILE
        if not path.is_file():
            self._graphs, self._listing, self.roots = {}, None, None
            if self.writing and next(iter(self.store.quads_for_pattern(None, None, None, MANIFEST_GRAPH)), None):
                self.store.clear()  # a store of an earlier plankg: one fingerprint for everything
                self.store.flush()
            return
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if manifest.get("version") != _VERSION:
                raise ValueError(f"version {manifest.get('version')!r}")
            self._graphs = {g: _GraphRecord(**r) for g, r in manifest["graphs"].items()}
            self._descriptions = dict(manifest.get("descriptions", {}))
            self._listing = manifest.get("listing")
            roots = manifest.get("roots")
        except (ValueError, KeyError, TypeError) as err:
            raise DataError(
                path, f"the store's manifest cannot be read ({err}); remove the store's folder and load again"
            ) from err
        self.roots = tuple(Path(r) for r in roots) if roots else None

    def _write_manifest(self) -> None:
        from ..atomic import write_text

        manifest = {
            "version": _VERSION,
            "roots": [str(r) for r in self.roots] if self.roots else None,
            "graphs": {g: {"layer": r.layer, "dataset": r.dataset, "files": r.files} for g, r in self._graphs.items()},
            "descriptions": self._descriptions,
            "listing": self._listing,
        }
        write_text(self.folder / MANIFEST_FILE, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))

    def set_roots(self, roots: Iterable[str | Path]) -> None:
        """Record the folders and files the store is loaded from (resolved; written with the next change)."""
        self.roots = tuple(Path(r).resolve() for r in roots)

    # -- descriptions, without parsing what did not change ---------------

    def describe(self, path: Path) -> Description:
        """Return the description in ``path`` (a ``dataset.ttl``), parsing it only if its stat changed.

        Suits :func:`plankg.datafiles.discover`'s ``describe``.
        """
        key = os.path.abspath(path)
        known = self._descriptions.get(key)
        try:
            stat = list(_stat(Path(path)))
        except OSError:
            stat = None
        if known is not None and stat is not None and known["stat"] == stat:
            return Description(known["plan"], known["uri_space"], known["prefix"], path=Path(path))
        description = read_description(Path(path), parse_file(Path(path)))
        if stat is not None:
            self._descriptions[key] = {
                "stat": stat,
                "plan": description.plan,
                "uri_space": description.uri_space,
                "prefix": description.prefix,
            }
        return description

    # -- the files, without walking folders that did not change ------------

    def known_files(self, roots: Sequence[str | Path], curated: bool = True) -> list[DataFile] | None:
        """Return the files under ``roots`` as last listed, if no folder or description changed since.

        A folder's modification time changes when a file is added to it,
        removed or renamed; a description's stat when it is edited. If every
        folder under ``roots`` and every ``dataset.ttl`` has the stat
        recorded when the files were last listed (:meth:`remember_files`),
        the list is the same and nothing is walked or parsed. Otherwise None:
        the caller lists them (:func:`~plankg.datafiles.discover`).
        """
        from ..resources import ontology_file

        listing = self._listing
        if not listing or listing["roots"] != [os.path.abspath(r) for r in roots]:
            return None
        if curated and not listing["curated"] or listing["files"][0][0] != os.path.abspath(ontology_file()):
            return None
        for folder, mtime in listing["folders"].items():
            try:
                if os.stat(folder).st_mtime_ns != mtime:
                    return None
            except OSError:
                return None
        datasets = {}
        for key, d in listing["datasets"].items():
            known = self._descriptions.get(os.path.abspath(d["path"]))
            try:
                if known is None or known["stat"] != list(_stat(Path(d["path"]))):
                    return None
            except OSError:
                return None
            datasets[key] = Description(d["plan"], d["uri_space"], d["prefix"], path=Path(d["path"]))
        return [
            DataFile(Path(path), Layer(layer), datasets[key] if key else None)
            for path, layer, key in listing["files"]
            if curated or layer != Layer.CURATED.value
        ]

    def remember_files(self, roots: Sequence[str | Path], files: Sequence[DataFile], curated: bool = True) -> None:
        """Record ``files`` as the listing of ``roots``, with the stat of every folder under them."""
        folders = {}
        for root in roots:
            root = os.path.abspath(root)
            if not os.path.isdir(root):
                folders[root] = os.stat(root).st_mtime_ns
                continue
            seen = set()
            for folder, subfolders, _ in os.walk(root, followlinks=True):
                info = os.stat(folder)
                if (info.st_dev, info.st_ino) in seen:
                    subfolders.clear()
                    continue
                seen.add((info.st_dev, info.st_ino))
                folders[folder] = info.st_mtime_ns
        datasets = {}
        for f in files:
            if f.dataset is not None and f.dataset.uri_space not in datasets:
                datasets[f.dataset.uri_space] = {**_dataset_dict(f.dataset), "path": os.path.abspath(f.dataset.path)}
        self._listing = {
            "roots": [os.path.abspath(r) for r in roots],
            "curated": curated,
            "folders": folders,
            "datasets": datasets,
            "files": [
                [os.path.abspath(f.path), f.layer.value, f.dataset.uri_space if f.dataset else None] for f in files
            ],
        }
        self._write_manifest()

    # -- syncing ----------------------------------------------------------

    def load(
        self,
        files: Sequence[DataFile],
        graph_of: Callable[[DataFile], str] | None = None,
        layers: Iterable[Layer] | None = None,
        *,
        prune: bool = True,
        progress: Progress | None = None,
    ) -> LoadReport:
        """Bring the store in step with ``files``: reload each graph whose files changed.

        Parameters
        ----------
        files : sequence of DataFile
            The files in view (as :func:`plankg.datafiles.discover` lists them).
        graph_of : callable, optional
            The graph each file goes to; each data set's own graphs by default.
        layers : iterable of Layer, optional
            The layers in view; by default those of ``files``. Graphs of other
            layers are neither checked nor removed.
        prune : bool, default True
            Remove the recorded graphs of the layers in view that no file
            gives any more. False when ``files`` are only part of what the
            store holds (other plans' graphs are then kept).
        progress : callable, optional
            Told how far the loading is (see :mod:`plankg.steps`).

        Returns
        -------
        LoadReport

        Raises
        ------
        DataError
            If a file cannot be read or parsed (its graph is then left
            unrecorded, and is loaded again by the next sync).
        """
        start = time.perf_counter()
        if graph_of is None:
            from ..datafiles import GraphNames

            graph_of = lambda f, _names=GraphNames(): _names.of(f.layer, f.dataset)  # noqa: E731
        in_view = {layer.value for layer in (layers if layers is not None else {f.layer for f in files})}
        wanted: dict[str, list[DataFile]] = {}
        for datafile in files:
            if datafile.layer.value in in_view:
                wanted.setdefault(graph_of(datafile), []).append(datafile)

        present, reload, stale, stray, kept, read, refreshed = self._compare(wanted, in_view, prune)
        if not self.writing and (reload or stale or stray or refreshed or self.roots is None):
            # Something to write: hold the store alone, then compare again, as another process
            # may have brought the store in step while this one waited.
            self._open_for_writing()
            present, reload, stale, stray, kept, read, refreshed = self._compare(wanted, in_view, prune)

        if reload or stale or stray or refreshed or self.roots is None:
            for graph in reload + stale:
                self._graphs.pop(graph, None)
            if self.roots is None:
                self.roots = tuple(sorted({_root_of(f) for f in files if f.layer is not Layer.ONTOLOGY}))
            self._write_manifest()  # before the data changes: a failed load leaves its graphs unrecorded
        if reload or stale or stray:
            # The answers kept for the data as it was are never given again (another generation):
            # their files go now rather than with the next answer kept.
            shutil.rmtree(self.folder / ANSWERS_FOLDER, ignore_errors=True)
        for graph in reload + stale + stray:
            if graph in present:
                self.store.remove_graph(ox.NamedNode(graph))
        if reload:
            read += self._load_graphs({g: wanted[g] for g in reload}, progress)
            self._write_manifest()
        plans = {f.dataset.uri_space for f in files if f.dataset is not None and f.layer.value in in_view}
        triples = sum(self._graphs[g].triples() for g in wanted if g in self._graphs)
        return LoadReport(
            store=self.folder,
            plans=len(plans),
            files=sum(len(m) for m in wanted.values()),
            triples=triples,
            seconds=time.perf_counter() - start,
            loaded=tuple(reload),
            kept=tuple(kept),
            removed=tuple(stale + stray),
            files_read=read,
        )

    def _compare(self, wanted: dict[str, list[DataFile]], in_view: set[str], prune: bool):
        """The store's graphs; those to reload, the recorded and unrecorded ones to remove, those kept;
        the files read, and whether a file's record was refreshed."""
        present = {n.value for n in self.store.named_graphs()}
        stray = [g for g in present if g not in self._graphs and g not in wanted]
        stale = [g for g, r in self._graphs.items() if prune and r.layer in in_view and g not in wanted]
        reload, kept, read, refreshed = [], [], 0, False
        for graph, members in wanted.items():
            status, digested = self._check(graph, members)
            read += digested
            refreshed |= status == "refreshed"
            (kept if status in ("same", "refreshed") else reload).append(graph)
        return present, reload, stale, stray, kept, read, refreshed

    def _check(self, graph: str, members: list[DataFile]) -> tuple[str, int]:
        """Return whether ``graph``'s files are as recorded ('same', 'refreshed' or 'changed'), and how many were read."""
        record = self._graphs.get(graph)
        if record is None or [os.path.abspath(f.path) for f in members] != [r["path"] for r in record.files]:
            return "changed", 0
        refreshed, read = False, 0
        for datafile, entry in zip(members, record.files):
            try:
                size, mtime = _stat(datafile.path)
            except OSError:
                return "changed", read
            if size == entry["size"] and mtime == entry["mtime_ns"]:
                continue
            read += 1
            try:
                same = size == entry["size"] and _digest(datafile.path.read_bytes()) == entry["digest"]
            except OSError:
                return "changed", read
            if not same:
                return "changed", read
            entry["mtime_ns"], refreshed = mtime, True
        return ("refreshed" if refreshed else "same"), read

    def _load_graphs(self, graphs: dict[str, list[DataFile]], progress: Progress | None) -> int:
        """Load each graph's files into it; record each graph once all its files are in."""
        pending = [(g, f) for g, members in graphs.items() for f in members]
        records = {g: _GraphRecord(members[0].layer.value, _dataset_dict(members[0].dataset)) for g, members in graphs.items()}
        size = sum(f.path.stat().st_size for _, f in pending if f.path.exists())
        quads = self._quads(pending, records, progress)
        if size < _BULK_BYTES:
            self.store.extend(list(quads))
        else:
            self.store.bulk_extend(quads)
        self.store.flush()
        self._graphs.update(records)
        return len(pending)

    def _quads(self, pending, records, progress: Progress | None) -> Iterator[ox.Quad]:
        total = len(pending)
        tick(progress, "load", 0, total)
        for done, (graph, datafile) in enumerate(pending, 1):
            node = ox.NamedNode(graph)
            stat = _stat_or_fail(datafile.path)
            with reading(datafile.path) as source:
                raw = datafile.path.read_bytes()
                count = 0
                for quad in ox.parse(input=source.get("input", raw), format=rdf_format(datafile.path)):
                    count += 1
                    yield ox.Quad(quad.subject, quad.predicate, quad.object, node)
            records[graph].files.append(
                {
                    "path": os.path.abspath(datafile.path),
                    "size": stat[0],
                    "mtime_ns": stat[1],
                    "digest": _digest(raw),
                    "triples": count,
                }
            )
            tick(progress, "load", done, total)


def load_store(
    paths: Iterable[str | Path] | str | Path | None,
    store: str | Path,
    *,
    curated: bool = True,
    progress: Progress | None = None,
    wait: float = WAIT,
) -> LoadReport:
    """Load plans into a persistent store, or bring it in step with them.

    The store then holds exactly the plans under ``paths``: each plan layer
    graph whose files changed since the last load is reloaded, graphs no file
    gives any more are removed, and the others are left alone. Later,
    ``plankg.load(store=store)`` (``--store`` on the command line) answers
    from the store without parsing the files.

    Parameters
    ----------
    paths : path-like or iterable of path-like, or None
        Folders or files of plans; None: those the store was last loaded
        from (the bundled plan for a new store).
    store : path-like
        The store's folder (new, empty, or a store plankg created).
    curated : bool, default True
        Whether to load the curated layers.
    progress : callable, optional
        Told how far the loading is (:mod:`plankg.steps`).
    wait : float, default :data:`~plankg.engines.storelock.WAIT`
        Seconds to wait at most for the commands reading the store (or
        another load) to finish: the load writes the store alone.

    Returns
    -------
    LoadReport

    Raises
    ------
    DataError
        If a path or file cannot be read, the folder is not a store plankg
        may use, or it is still in use by another process at the deadline.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = load_store(None, Path(tmp) / "s")
    ...     again = load_store(None, Path(tmp) / "s")
    >>> first.plans, len(first.loaded), len(again.loaded), len(again.kept)
    (1, 3, 0, 3)
    """
    from ..datafiles import discover

    handle = CorpusStore(store, write=True, wait=wait)
    if paths is not None:
        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    roots = paths if paths is not None else handle.roots
    files = handle.known_files(roots, curated) if roots is not None else None
    if files is None:
        files = discover(roots, curated=curated, describe=handle.describe)
        if roots is not None:
            handle.set_roots(roots)
            handle.remember_files(roots, files, curated)
    return handle.load(files, prune=True, progress=progress)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _stat_or_fail(path: Path) -> tuple[int, int]:
    try:
        return _stat(path)
    except OSError as err:
        raise DataError(path, f"cannot be read: {err.strerror or err}") from err


def _root_of(datafile: DataFile) -> Path:
    """The folder of a file's data set (or the file itself, for data no description covers)."""
    if datafile.dataset is not None and datafile.dataset.path is not None:
        return datafile.dataset.path.parent.resolve()
    return datafile.path.resolve()
