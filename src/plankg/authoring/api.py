"""The one way in: export a plan as a workbook, import a workbook as a data folder.

Examples
--------
>>> import plankg, tempfile, pathlib
>>> from plankg.authoring import export_workbook, import_workbook
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> export_workbook(plankg.load(), folder / "ks", "csvdir")
<WorkbookResult csvdir rows=360 triples=3382 ks>
>>> result = import_workbook(folder / "ks", folder / "data")
>>> result.conforms, sorted(p.name for p in (folder / "data" / "source").iterdir())[:2]
(True, ['action-plans.ttl', 'indicators.ttl'])
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ExportError, PlanKGError
from ..namespaces import PLAN, PREFIXES
from .cells import Names
from .errors import CellError, WorkbookError
from .files import read_tables, write_csvdir, write_xlsx
from .layout import OTHER, SHEETS, sheet
from .read import ReadResult, statements_from_tables
from .statements import RDF_TYPE, from_oxigraph
from .turtle import turtle
from .violations import cells_of_violations
from .write import class_ancestors, tables_from_statements

__all__ = ["export_workbook", "import_workbook", "plan_statements", "choices", "data_folder_files",
           "ImportResult", "WorkbookResult"]

_RDFS_SUB = PREFIXES["rdfs"] + "subClassOf"
_IN_SCHEME = PREFIXES["skos"] + "inScheme"
_SCHEME = PREFIXES["skos"] + "ConceptScheme"
_FORMATS = ("xlsx", "csvdir")


@dataclass(frozen=True)
class WorkbookResult:
    """What :func:`export_workbook` wrote: the path, its format, and how many rows and statements."""

    path: Path
    format: str
    rows: int
    triples: int
    files: tuple[Path, ...]

    def __repr__(self) -> str:
        return f"<WorkbookResult {self.format} rows={self.rows} triples={self.triples} {self.path.name}>"


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_workbook` did.

    Attributes
    ----------
    conforms : bool
        Whether the imported plan satisfies the shapes; if not, nothing was written.
    errors : tuple of CellError
        Each violation, mapped back to its cell.
    warnings : tuple of CellError
        Each result of severity Warning or Info, mapped back to its cell.
    output : Path
        The data folder (written only if ``conforms``).
    files : tuple of Path
        The files written, relative to ``output``.
    triples : int
    """

    conforms: bool
    errors: tuple[CellError, ...]
    output: Path
    files: tuple[Path, ...] = ()
    triples: int = 0
    warnings: tuple[CellError, ...] = field(default=())

    def __repr__(self) -> str:
        return f"<ImportResult conforms={self.conforms} errors={len(self.errors)} files={len(self.files)}>"


# ---------------------------------------------------------------- export


def plan_statements(kg, plan: str | None = None):
    """Return the description and each layer's statements of one plan of ``kg``.

    Parameters
    ----------
    kg : PlanGraph
        Loaded from files.
    plan : str, optional
        The plan's IRI, prefix or label (see :meth:`PlanGraph.resolve_plan`);
        needed only when ``kg`` holds several plans.

    Raises
    ------
    ExportError
        If ``kg`` has no data set, or several and ``plan`` names none of them.
    """
    from ..datafiles import Layer

    datasets = kg.datasets
    if plan is not None:
        iri = kg.resolve_plan(plan)
        datasets = tuple(d for d in datasets if d.plan == iri)
    if len(datasets) != 1:
        raise ExportError("a workbook holds one plan: give one data set with a dataset.ttl"
                          + (f" (loaded: {', '.join(d.prefix for d in datasets)})" if datasets else ""))
    dataset = datasets[0]
    layers = {"source": set(), "curated": set()}
    for datafile, triples in kg.triples.items():
        if datafile.layer is Layer.ONTOLOGY or datafile.dataset is None:
            continue
        if datafile.dataset.uri_space == dataset.uri_space:
            layers[datafile.layer.value] |= from_oxigraph(triples)
    return dataset, layers


def export_workbook(kg, path: str | Path, format: str = "xlsx", *, plan: str | None = None) -> WorkbookResult:
    """Write one loaded plan as a workbook (``xlsx``) or a folder of CSV files (``csvdir``).

    Parameters
    ----------
    kg : PlanGraph
    path : path-like
        The ``.xlsx`` file, or the folder of CSV files (made if missing).
    format : {"xlsx", "csvdir"}
    plan : str, optional
        Which plan, when ``kg`` holds several.

    Returns
    -------
    WorkbookResult

    Raises
    ------
    ExportError
        For an unknown format, several plans, or a file that cannot be written.
    """
    if format not in _FORMATS:
        raise ExportError(f"unknown workbook format {format!r}; use xlsx or csvdir")
    dataset, layers = plan_statements(kg, plan)
    prefixes = {**PREFIXES, dataset.prefix: dataset.uri_space} if dataset.prefix not in PREFIXES else dict(PREFIXES)
    tables = tables_from_statements(layers, dataset.uri_space, _display(prefixes, dataset.uri_space))
    rows = sum(len(r) for r in tables.values())
    triples = sum(len(t) for t in layers.values())
    path = Path(path)
    if format == "xlsx":
        if path.is_dir():
            path = path / f"{dataset.prefix}.xlsx"
        write_xlsx(tables, path, choices())
        files = (path,)
    else:
        files = tuple(write_csvdir(tables, path))
    return WorkbookResult(path, format, rows, triples, files)


def _display(prefixes: Mapping[str, str], uri_space: str) -> dict[str, str]:
    """Prefixes for cells: the plan's own IRIs are shown relative, so its prefix is left out."""
    return {p: ns for p, ns in prefixes.items() if ns != uri_space}


@lru_cache(maxsize=1)
def choices() -> dict[str, list[str]]:
    """The drop-down lists: the ontology's vocabularies and kinds, compacted."""
    from ..datafiles import parse_file
    from ..resources import ontology_file

    names = Names("urn:none/")
    members: dict[str, list[str]] = defaultdict(list)
    for t in parse_file(ontology_file()):
        if t.predicate.value == RDF_TYPE:
            members[t.object.value].append(names.show(t.subject.value))
    ancestors = class_ancestors()

    def kinds(root: str) -> list[str]:
        found = [names.show(c) for c, up in ancestors.items() if root in up]
        return sorted(set(found) | {names.show(root)})

    return {
        "layers": ["source", "curated"],
        "units": sorted(members[PLAN + "Unit"]),
        "comparators": sorted(members[PLAN + "Comparator"]),
        "roles": sorted(members[PLAN + "PlaceRole"]),
        "directions": sorted(members[PLAN + "Direction"]),
        "counted-kinds": sorted(members[PLAN + "CountedKind"]),
        "numberings": sorted(members[PLAN + "TaskNumbering"]),
        "place-kinds": kinds(PLAN + "Place"),
        "area-kinds": kinds(PLAN + "Area"),
        "initiative-kinds": kinds(PLAN + "Project"),
        "agent-kinds": ["plan:Analyst", "plan:Organization"],
        "term-kinds": sorted(names.show(c) for c in sheet("terms").classes),
        "link-kinds": ["plan:Alignment", "plan:Contribution", "plan:CuratedStatement", "plan:Implementation",
                       "plan:Support"],
        "modalities": sorted(members[PLAN + "Modality"]),
        "coverages": sorted(members[PLAN + "Coverage"]),
        "guiding-kinds": kinds(PLAN + "GuidingStatement"),
        "topic-kinds": kinds(PLAN + "Topic"),
        "time-kinds": ["time:Instant", "time:Interval", "time:ProperInterval"],
        "progress-kinds": ["plan:Baseline", "plan:Conflict", "plan:Proxy"],
        "period-kinds": sorted(members[PLAN + "PeriodKind"]),
        "bounds": sorted(members[PLAN + "Bound"]),
        "statuses": sorted(members[PLAN + "ObservationStatus"]),
        "ranks": sorted(members[PLAN + "Rank"]),
        "source-types": sorted(members[PLAN + "SourceType"]),
        "verdicts": sorted(members[PLAN + "ReviewStatus"]),
        "booleans": ["true", "false"],
        "yes-no": ["yes", "no"],
        "object-kinds": ["iri", "literal", "blank"],
    }


# ---------------------------------------------------------------- import


def _header(relative: str, prefix: str, note: str) -> str:
    layer = "curated" if relative.startswith("curated/") else "source"
    what = {"dataset.ttl": "the data set's description of itself"}.get(relative, f"the {layer} layer")
    text = (f"{prefix}: {what}.\n"
            "Written by `plankg import` from the plan workbook; the workbook's id column fixes every IRI.")
    return f"{text}\n{note}" if note else text


def data_folder_files(result: ReadResult, *, note: str = "") -> dict[str, str]:
    """Return the Turtle files of a data folder, by relative path, for what was read.

    Each statement goes to the file of its subject's row (``dataset.ttl``,
    ``source/*.ttl`` by sheet; the curated layer's rows to their sheet's
    curated file, ``curated/links.ttl`` by default);
    statements about subjects no row names go with the row they came from,
    or else to ``source/other.ttl`` (``curated/links.ttl`` in the curated layer).
    """
    by_file: dict[str, set] = defaultdict(set)
    sections: dict[tuple[str, str], tuple[int, str]] = {}
    order = {spec.name: i for i, spec in enumerate(SHEETS)}
    schemes = _scheme_files(result)
    for layer, triples in result.layers.items():
        for triple in triples:
            ref = result.home.get((layer, triple[0]))
            if ref is None:
                origin = result.origin.get((layer, triple))
                ref = origin if origin is not None and origin.sheet != OTHER else None
            if layer == "curated":
                spec = sheet(ref.sheet) if ref is not None and ref.sheet != OTHER else None
                relative = "curated/links.ttl" if spec is None else spec.file if spec.layer == "curated" else spec.curated_file
            elif ref is None:
                relative = "source/other.ttl"
            else:
                relative = schemes.get(triple[0]) or sheet(ref.sheet).file
            if ref is not None:
                spec = sheet(ref.sheet)
                sections.setdefault((relative, triple[0]), (order[spec.name], f"{spec.zh} / {spec.en}"))
            by_file[relative].add(triple)
    prefixes = dict(PREFIXES)
    out = {}
    for relative in sorted(by_file):
        out[relative] = turtle(
            by_file[relative], result.uri_space, prefixes=prefixes, header=_header(relative, result.prefix, note),
            section=lambda s, r=relative: sections.get((r, s), (len(order), None))[1],
            rank=lambda s, r=relative: sections.get((r, s), (len(order), None))[0],
        )
    return out


def _scheme_files(result: ReadResult) -> dict[str, str]:
    """Each concept scheme of the source layer whose concepts all sit in one file, to that file.

    A scheme goes with its concepts (a scheme of topics to ``source/topics.ttl``),
    not to the file of the ``terms`` sheet that holds its row.
    """
    files: dict[str, set[str]] = defaultdict(set)
    for s, p, o in result.layers["source"]:
        ref = result.home.get(("source", s))
        if p == _IN_SCHEME and ref is not None and ("source", o) in result.home:
            files[o].add(sheet(ref.sheet).file)
    return {scheme: next(iter(found)) for scheme, found in files.items()
            if len(found) == 1 and (scheme, RDF_TYPE, _SCHEME) in result.layers["source"]}


def _validate(folder: Path):
    from ..graph import load

    return load([folder]).validate()


def import_workbook(
    source: str | Path, output: str | Path | None = None, *, validate: bool = True
) -> ImportResult:
    """Read a workbook (or CSV folder), write it as a data folder, and validate it.

    The files are written to a new folder beside ``output`` and validated
    there; only if the plan conforms does that folder replace ``output``
    (a folder that was there is replaced whole; its files that are not RDF,
    such as source texts, are kept). On violations nothing is written.

    Parameters
    ----------
    source : path-like
        An ``.xlsx`` workbook or a folder of CSV files.
    output : path-like, optional
        The data folder; by default the workbook's name without ``.xlsx``
        (for a CSV folder, its name with ``-data``).
    validate : bool, default True
        Whether to validate before writing.

    Returns
    -------
    ImportResult

    Raises
    ------
    WorkbookError
        If a cell cannot be read (each error names its sheet, row, column and value).
    PlanKGError
        If the output folder cannot be written.
    """
    source = Path(source)
    if output is None:
        output = source.with_suffix("") if source.suffix.lower() == ".xlsx" else source.with_name(source.name + "-data")
    output = Path(output)
    read = statements_from_tables(read_tables(source))
    return _write_validated(data_folder_files(read), read, output, validate=validate)


def _write_validated(files: Mapping[str, str], read: ReadResult, output: Path, *, validate: bool) -> ImportResult:
    """Write ``files`` to a new folder beside ``output``, validate it, and put it in place if it conforms."""
    output = Path(output)
    triples = sum(len(t) for t in read.layers.values())
    parent = output.resolve().parent
    if not parent.is_dir():
        raise PlanKGError(f"{output}: the folder {parent} does not exist")
    if output.exists() and not output.is_dir():
        raise PlanKGError(f"{output}: not a folder; give a data folder to write")
    if output.is_dir() and any(output.iterdir()) and not (output / "dataset.ttl").exists():
        raise PlanKGError(f"{output}: a folder that is not a plan data folder (no dataset.ttl); give a new or empty folder")
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.import-", dir=parent))
    try:
        from ..atomic import write_text

        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text(target, text)
        warnings: tuple = ()
        if validate:
            report = _validate(staging)
            errors, warnings = cells_of_violations(report, read)
            if not report.conforms:
                return ImportResult(False, errors, output, (), triples, warnings)
        _keep_other_files(output, staging)
        _swap(staging, output)
        staging = None
        return ImportResult(True, (), output, tuple(Path(r) for r in sorted(files)), triples, warnings)
    except OSError as err:
        raise PlanKGError(f"{err.filename or output}: cannot write: {err.strerror or err}") from err
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


_RDF_ENDINGS = (".ttl", ".nt", ".rdf", ".jsonld", ".owl", ".nq", ".trig")


def _keep_other_files(old: Path, new: Path) -> None:
    """Copy the files of ``old`` that are not RDF (source texts, READMEs) into ``new``."""
    if not old.is_dir():
        return
    for path in old.rglob("*"):
        if path.is_file() and path.suffix.lower() not in _RDF_ENDINGS:
            target = new / path.relative_to(old)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)


def _swap(new: Path, output: Path) -> None:
    """Put ``new`` in the place of ``output``, replacing a folder that was there whole."""
    os.chmod(new, 0o755)
    if not output.exists():
        os.rename(new, output)
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    os.rename(output, old)
    try:
        os.rename(new, output)
    except OSError:
        os.rename(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)
