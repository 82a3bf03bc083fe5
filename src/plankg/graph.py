"""PlanGraph: a plan's knowledge graph, its layers, validation and queries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from .engines.bounded import DEFAULT_MAX_ROWS
from .datafiles import DataFile, GraphNames, Layer, discover, parse_all
from .description import Description
from .errors import NetworkNotAllowed, ParameterError, QueryDefinitionError, QueryError
from .namespaces import PREFIXES, Compactor
from .sparql.params import bind, parameters_of
from .sparql.library import NamedQuery, QueryLibrary
from .sparql.results import QueryResult
from .sparql.netguard import check_query, seccomp_available
from .sparql.text import declare_prefixes

__all__ = ["PlanGraph", "load", "connect"]


class PlanGraph:
    """Plans' knowledge graph: ontology, each plan's source and curated layers, and an engine.

    Create one with :func:`load` (local files) or :func:`connect` (a SPARQL
    endpoint). Nothing is read until first used: the Oxigraph engine loads the
    files itself, and validation, the rdflib engine and ``push`` share one
    parse of them (:attr:`triples`).

    Parameters
    ----------
    files : iterable of DataFile
        The files of the graph, each with its layer and data set (none for an endpoint).
    layers : iterable of Layer, optional
        The layers queries see; by default those of ``files``.
    graphs : GraphNames, optional
        The named graph of each layer of each data set; by default each data
        set's own (``{uriSpace}graph/source`` …). A ``GraphNames`` with a
        ``base`` is for one plan only.
    engine : {"oxigraph", "rdflib"}, default "oxigraph"
        The local engine; ignored with ``endpoint``.
    store : path-like or CorpusStore, optional
        A persistent Oxigraph store (load once, query many times): before the
        first query, each plan layer graph whose files changed is reloaded
        (:meth:`sync_store`).
    endpoint : str, optional
        A SPARQL 1.1 query endpoint to query instead of local files.
    timeout : float, default 30
        Seconds a query may take, on any engine (the :attr:`timeout`
        attribute; ``None`` for no limit).
    library : QueryLibrary, optional
        The named queries; the bundled ``queries/`` by default.

    Attributes
    ----------
    max_rows : int or None
        The most rows a query may return (100,000 by default); a larger
        answer is a :class:`~plankg.errors.QueryError`. ``None`` for no limit.

    Examples
    --------
    >>> kg = load()
    >>> kg
    <PlanGraph engine=oxigraph layers=ontology,source,curated files=13>
    >>> kg.validate().conforms
    True
    >>> kg.sparql("SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }")[0].value("n")
    25
    """

    #: The most rows a query may return; ``None`` for no limit.
    max_rows: int | None = DEFAULT_MAX_ROWS

    def __init__(
        self,
        files: Iterable[DataFile] = (),
        *,
        layers: Iterable[Layer] | None = None,
        graphs: GraphNames | None = None,
        engine: str = "oxigraph",
        store: str | Path | None = None,
        endpoint: str | None = None,
        timeout: float = 30,
        library: QueryLibrary | None = None,
    ):
        self.files: tuple[DataFile, ...] = tuple(files)
        present = {f.layer for f in self.files} if layers is None else set(layers)
        self.layers: tuple[Layer, ...] = tuple(layer for layer in Layer if layer in present)
        self.graphs = graphs or GraphNames()
        if self.graphs.base is not None and len(self.datasets) > 1:
            names = ", ".join(d.prefix for d in self.datasets)
            raise QueryError(
                f"one graph prefix (--graph) cannot hold {len(self.datasets)} plans ({names}); "
                "leave it out so that each plan gets graphs of its own"
            )
        if endpoint is None and engine not in ("oxigraph", "rdflib"):
            raise QueryError(f"unknown engine {engine!r}; use 'oxigraph' or 'rdflib'")
        if store is not None and (endpoint is not None or engine != "oxigraph"):
            raise QueryError("a persistent store (--store) is for the oxigraph engine only")
        self.engine_name = "endpoint" if endpoint else engine
        self.store = store
        self.endpoint = endpoint
        self.timeout = timeout
        self.library = library if library is not None else QueryLibrary()
        #: Told how far long work is (see :mod:`plankg.steps`); None: nothing is told.
        self.progress = None
        #: Whether syncing the store removes the graphs of plans not among :attr:`files`.
        self._prune_store = False

    def __repr__(self) -> str:
        layers = ",".join(layer.value for layer in self.layers)
        if self.endpoint:
            from .http import without_userinfo

            where = f" endpoint={without_userinfo(self.endpoint)}"
        else:
            where = f" files={len(self.files)}"
        return f"<PlanGraph engine={self.engine_name} layers={layers}{where}>"

    @cached_property
    def datasets(self) -> tuple[Description, ...]:
        """The data sets of the files, as their ``dataset.ttl`` describe them, in order."""
        found: dict[str, Description] = {}
        for datafile in self.files:
            if datafile.dataset is not None:
                found.setdefault(datafile.dataset.uri_space, datafile.dataset)
        return tuple(found.values())

    def graph_of(self, datafile: DataFile) -> str:
        """Return the named graph that ``datafile`` is loaded into."""
        return self.graphs.of(datafile.layer, datafile.dataset)

    @cached_property
    def graph_iris(self) -> list[str]:
        """The named graphs of the graph's layers, whose union queries see."""
        if self.endpoint:
            return self._endpoint_graphs()
        datasets = list(dict.fromkeys(f.dataset for f in self.files if f.layer is not Layer.ONTOLOGY))
        iris = [self.graphs.ontology] if Layer.ONTOLOGY in self.layers else []
        for dataset in datasets:
            iris.extend(self.graphs.of(layer, dataset) for layer in self.layers if layer is not Layer.ONTOLOGY)
        return iris

    def _endpoint_graphs(self) -> list[str]:
        wanted = [layer for layer in self.layers if layer is not Layer.ONTOLOGY]
        iris = [self.graphs.ontology] if Layer.ONTOLOGY in self.layers else []
        if self.graphs.base is not None:
            return iris + [self.graphs.of(layer) for layer in wanted]
        source = Layer.SOURCE.value
        graphs = {row.get("graph") for row in self._published}
        bases = {g.removesuffix(source) for g in graphs if isinstance(g, str) and g.endswith(source)}
        # The data no description covers (shared places, indicators …) is pushed to
        # urn:plankg:graph:source … and is every plan's context, as on one machine.
        bases.add(GraphNames().of(Layer.SOURCE).removesuffix(source))
        for base in sorted(bases):
            iris.extend(base + layer.value for layer in wanted)
        return iris

    @cached_property
    def _published(self) -> list[dict]:
        """The ``plans`` query's rows over every graph of the endpoint."""
        from .engines.endpoint import EndpointEngine

        everywhere = EndpointEngine(self.endpoint, (), timeout=self.timeout)
        return everywhere.run(declare_prefixes(self.library["plans"].text, PREFIXES), {}).records()

    @cached_property
    def triples(self) -> dict[DataFile, list[ox.Triple]]:
        """Every file's triples, parsed on first use."""
        return parse_all(self.files)

    def quads(self, layers: Iterable[Layer] | None = None) -> list[ox.Quad]:
        """Return the files' triples as quads in their data sets' layers' named graphs.

        Parameters
        ----------
        layers : iterable of Layer, optional
            The layers to include; all by default.
        """
        wanted = set(self.layers if layers is None else layers)
        out = []
        for datafile, triples in self.triples.items():
            if datafile.layer in wanted:
                graph = ox.NamedNode(self.graph_of(datafile))
                out.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        return out

    @cached_property
    def plans(self):
        """The plans in the data (a tuple of :class:`~plankg.plans.PlanInfo`), by prefix."""
        from .plans import plans_of

        return plans_of(self)

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """Display prefixes: plankg's vocabularies and each loaded plan's own."""
        if self.endpoint:
            own = {r["prefix"]: r["uri_space"] for r in self._published if r.get("prefix") and r.get("uri_space")}
        else:
            own = {d.prefix: d.uri_space for d in self.datasets}
        return {**PREFIXES, **own}

    def compact(self, iri: str) -> str:
        """Return ``iri`` as ``prefix:local`` with :attr:`prefixes`, else as is."""
        return self._compactor(iri)

    @cached_property
    def _compactor(self) -> Compactor:
        return Compactor(self.prefixes)

    def resolve_plan(self, text: str) -> str:
        """Return the IRI of the loaded plan that ``text`` names (IRI or prefix).

        Raises
        ------
        ParameterError
            If no loaded plan matches.
        """
        from .plans import resolve_plan

        return resolve_plan(self.plans, text, self.prefixes)

    @cached_property
    def engine(self):
        """The engine answering this graph's queries, created on first use."""
        if self.endpoint:
            from .engines.endpoint import EndpointEngine

            return EndpointEngine(self.endpoint, self.graph_iris, timeout=self.timeout)
        if self.engine_name == "rdflib":
            from .engines.rdflib import RdflibEngine

            return RdflibEngine(self.quads())
        from .engines.oxigraph import OxigraphEngine

        if self.store is None:
            return OxigraphEngine(self.files, self.graph_of, self.graph_iris)
        self.sync_store()
        return OxigraphEngine(self.files, self.graph_of, self.graph_iris, store=self.store)

    def sync_store(self):
        """Bring the persistent store in step with the files, once; return what was done.

        Only the plan layer graphs whose files changed (stat, then digest)
        are reloaded; see :mod:`plankg.engines.storesync`.

        Returns
        -------
        LoadReport or None
            None without a store.
        """
        if self.store is None:
            return None
        if "store_report" not in self.__dict__:
            from .engines.storesync import CorpusStore

            if not isinstance(self.store, CorpusStore):
                self.store = CorpusStore(self.store)
            self.store_report = self.store.load(
                self.files, self.graph_of, self.layers, prune=self._prune_store, progress=self.progress
            )
        return self.store_report

    def query(self, name: str, /, *, allow_network: bool = False, **params) -> QueryResult:
        """Run a named query of the library.

        Parameters
        ----------
        name : str
            The query's name (its file name without ``.rq``); see ``plankg queries``.
        allow_network : bool, default False
            Allow ``SERVICE``, ``LOAD`` and remote ``FROM``.
        **params
            The query's parameters by name; values are text (or numbers),
            bound as RDF terms of the parameter's type.

        Returns
        -------
        QueryResult

        Raises
        ------
        QueryError
            If there is no such query, it is malformed, or it fails.
        ParameterError
            If a parameter is missing, unknown or of the wrong type.

        Examples
        --------
        >>> kg = load()
        >>> [row.value("task_label_zh") for row in kg.query("tasks-by-area", area="03")]
        ['注重制度创新', '深化产业合作', '扩大交流交往']
        """
        named: NamedQuery = self.library[name]
        if isinstance(params.get("plan"), str) and any(p.name == "plan" for p in named.parameters):
            params["plan"] = self.resolve_plan(params["plan"])
        try:
            return self._run(named.text, named.parameters, params, allow_network)
        except QueryError as err:
            if isinstance(err, (ParameterError, NetworkNotAllowed, QueryDefinitionError)):
                raise
            raise QueryError(f"{named.path}: {err}") from err

    def sparql(self, text: str, /, *, allow_network: bool = False, **params) -> QueryResult:
        """Run an ad-hoc ``SELECT`` or ``ASK`` query.

        The prefixes ``plan:``, ``rdfs:``, ``skos:`` … and each loaded plan's
        own (see :attr:`prefixes`) need not be declared unless the query
        declares its own. Parameters follow the
        grlc convention, as in :meth:`query`. A query rdflib cannot parse
        takes no parameters: it goes to the engine as it is, which reports
        its own syntax errors.
        """
        try:
            parameters = parameters_of(text)
        except QueryError as err:
            if params or isinstance(err, ParameterError):
                raise
            parameters = ()
        return self._run(text, parameters, params, allow_network)

    def _run(self, text: str, parameters, values: Mapping, allow_network: bool) -> QueryResult:
        query = declare_prefixes(text, self.prefixes)
        bindings = bind(parameters, self._plan_resolved(parameters, values), self.prefixes)
        if self.endpoint:  # checked as read here, but the server parses and decides (see the README)
            if not allow_network:
                check_query(query, enforced=True)
            result = self.engine.run(query, bindings)
            if self.max_rows is not None and len(result) > self.max_rows:
                raise QueryError(f"the query returned more than {self.max_rows:,} rows; narrow it or raise --max-rows")
            return result
        if not allow_network:
            check_query(query, enforced=seccomp_available())
        return self.engine.run(
            query, bindings, timeout=self.timeout, max_rows=self.max_rows, allow_network=allow_network
        )

    def _plan_resolved(self, parameters, values: Mapping) -> Mapping:
        """Return ``values`` with a ``plan`` given as text made the plan's IRI.

        A query's ``plan`` parameter (``?__plan_iri``) takes a plan's IRI or
        its data set's prefix (with or without the colon); :meth:`resolve_plan` says which plans
        are loaded when it names none of them.
        """
        plan = values.get("plan")
        if not isinstance(plan, str) or not any(p.name == "plan" and p.kind == "iri" for p in parameters):
            return values
        return {**values, "plan": self.resolve_plan(plan)}

    def rdflib_graph(self, *, annotations: bool = True):
        """Return every layer merged into one :class:`rdflib.Graph`.

        Parameters
        ----------
        annotations : bool, default True
            Whether to keep all the ontology's annotations (comments,
            titles). Validation leaves them out: the shapes need only the
            ontology's structure (types, subclasses, domains and ranges) and
            the labels and schemes of its vocabulary terms (units, counted
            kinds, comparators, place roles, directions), which they check.
        """
        from rdflib import Graph

        from .engines.convert import add_triples, to_rdflib
        from .planvalidation import STRUCTURE

        graph = Graph()
        if self.files:
            for datafile, triples in self.triples.items():
                if not annotations and datafile.layer is Layer.ONTOLOGY:
                    triples = [t for t in triples if t.predicate.value in STRUCTURE]
                add_triples(graph, triples)
            return graph
        rows = self.engine.run("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {})
        graph.addN((to_rdflib(r[0]), to_rdflib(r[1]), to_rdflib(r[2]), graph) for r in rows)
        return graph

    def validate(self, *, jobs: int | None = None, shacl_engine: str = "pyshacl"):
        """Validate the graph against the plankg SHACL shapes, each plan on its own.

        Each data set is validated with the ontology alone (see
        :mod:`plankg.planvalidation`), in parallel when there are several.

        Parameters
        ----------
        jobs : int, optional
            Worker processes; one per core by default, 1 to validate in this process.
        shacl_engine : {"pyshacl", "shacl"}
            The SHACL engine: pySHACL, the reference, or the faster ``shacl``
            package (extra ``shacl``), which gives the same results
            (:mod:`plankg.shaclengine`).

        Returns
        -------
        ValidationReport
            ``conforms``, and one result per failed constraint, each naming its plan.

        Raises
        ------
        DataError
            If a file cannot be read or parsed.
        ValidationEngineError
            If ``shacl_engine`` is unknown or not installed.
        """
        if not self.files:
            from dataclasses import replace

            from .engines.convert import to_oxigraph
            from .shaclengine import check_engine, validate_triples
            from .validation import run_shacl

            data = self.rdflib_graph(annotations=False)
            if check_engine(shacl_engine) == "shacl":
                triples = [ox.Triple(*(to_oxigraph(term) for term in t)) for t in data]
                return replace(validate_triples(triples), plans=self.plans)
            return replace(run_shacl(data), plans=self.plans)
        from .planvalidation import validate_files

        parsed = self.__dict__.get("triples")  # already parsed for another use: not parsed again
        return validate_files(self.files, self.graphs, jobs=jobs, triples=parsed, shacl_engine=shacl_engine)


def load(
    paths: Iterable[str | Path] | str | Path | None = None,
    *,
    curated: bool = True,
    engine: str = "oxigraph",
    store: str | Path | None = None,
    graphs: GraphNames | None = None,
    library: QueryLibrary | None = None,
    progress=None,
) -> PlanGraph:
    """Load a plan's knowledge graph from files.

    Parameters
    ----------
    paths : path-like or iterable of path-like, optional
        Files or folders of plan data; the bundled plan (``data/kunshan-2022``)
        by default. Each data set is the folder of a ``dataset.ttl`` and gets
        named graphs of its own; files under a folder named ``curated`` form
        its curated layer.
    curated : bool, default True
        Whether to include the curated layer (analysts' judgements).
    engine : {"oxigraph", "rdflib"}, default "oxigraph"
        The engine that answers queries.
    store : path-like or CorpusStore, optional
        A folder for a persistent Oxigraph store (see
        :mod:`plankg.engines.storesync`). Without ``paths``, the folders the
        store was loaded from (``plankg load``); its ``dataset.ttl`` files are
        then parsed only if they changed, and the data files only if their
        graphs must be reloaded.
    graphs : GraphNames, optional
        The named graph of each layer.
    library : QueryLibrary, optional
        The named queries; the bundled ones by default.
    progress : callable, optional
        Told how far loading and validating are (:mod:`plankg.steps`).

    Returns
    -------
    PlanGraph

    Raises
    ------
    DataError
        If a path does not exist or holds no RDF.

    Examples
    --------
    >>> load(curated=False).layers
    (<Layer.ONTOLOGY: 'ontology'>, <Layer.SOURCE: 'source'>)
    """
    if store is None:
        kg = PlanGraph(discover(paths, curated=curated), graphs=graphs, engine=engine, library=library)
        kg.progress = progress
        return kg
    from .engines.storesync import CorpusStore

    handle = store if isinstance(store, CorpusStore) else CorpusStore(store)
    given = None if paths is None else [paths] if isinstance(paths, (str, Path)) else list(paths)
    roots = given if given is not None else handle.roots
    files = handle.known_files(roots, curated) if roots is not None else None
    if files is None:
        files = discover(roots, curated=curated, describe=handle.describe)
        if roots is not None and handle.roots is not None and _same_paths(roots, handle.roots):
            handle.remember_files(roots, files, curated)
    kg = PlanGraph(
        files,
        graphs=graphs,
        engine=engine,
        store=handle,
        library=library,
    )
    kg.progress = progress
    kg._prune_store = handle.roots is None or _same_paths(roots, handle.roots)
    return kg


def _same_paths(these, those) -> bool:
    import os

    return [os.path.abspath(p) for p in these or ()] == [os.path.abspath(p) for p in those or ()]


def connect(
    endpoint: str,
    *,
    curated: bool = True,
    graphs: GraphNames | None = None,
    timeout: float = 30,
    library: QueryLibrary | None = None,
) -> PlanGraph:
    """Use a plan published on a SPARQL 1.1 endpoint (for example by ``plankg push``).

    Parameters
    ----------
    endpoint : str
        The query endpoint URL.
    curated : bool, default True
        Whether queries see the curated layer's graph.
    graphs : GraphNames, optional
        The named graphs the plan was pushed to.
    timeout : float, default 30
        Seconds to wait for each answer.
    library : QueryLibrary, optional
        The named queries; the bundled ones by default.

    Returns
    -------
    PlanGraph
    """
    layers = [Layer.ONTOLOGY, Layer.SOURCE] + ([Layer.CURATED] if curated else [])
    return PlanGraph(
        layers=layers, graphs=graphs, endpoint=endpoint, timeout=timeout, library=library
    )
