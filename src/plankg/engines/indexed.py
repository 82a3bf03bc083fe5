"""An rdflib store for a graph built once from pyoxigraph triples and then read.

rdflib's default ``Memory`` store keeps, beside its three indexes, the
contexts of every triple: adding a triple costs a dispatched event and a
context record, and every triple read hands out a generator of its contexts.
A graph that plankg builds for pySHACL (one plan's data and the ontology's
structure) is one graph, filled once and then only read. :class:`IndexedStore`
keeps the same three indexes as ``Memory`` (``spo``, ``pos``, ``osp``, nested
dictionaries in insertion order) and nothing else, and :func:`indexed_graph`
fills them in bulk, each distinct term converted once; ``pos`` and ``osp`` are
filled when first read (validation rarely reads ``osp``). A pattern is answered
from the same index, in the same order, as ``Memory`` answers it (a full scan
goes in insertion order, where ``Memory`` iterates a set). :class:`IndexedGraph`
reads the indexes without rdflib's layers of generators.

Examples
--------
>>> import pyoxigraph as ox
>>> a, p = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p")
>>> graph = indexed_graph([ox.Triple(a, p, ox.Literal("花桥", language="zh"))])
>>> len(graph), [str(o) for o in graph.objects()]
(1, ['花桥'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph
from rdflib.paths import Path
from rdflib.store import Store

from .convert import converter

__all__ = ["IndexedStore", "IndexedGraph", "indexed_graph", "add_indexed"]

#: The contexts handed out with every triple: a store of one graph names none (as rdflib's ``SimpleMemory``).
_NO_CONTEXTS: tuple = ()


class IndexedStore(Store):
    """A context-free in-memory rdflib store: three nested-dictionary indexes, nothing more.

    It holds one graph's triples. Reads answer each pattern from the index
    rdflib's ``Memory`` store would use, in the same order; writes
    (:meth:`add`, :meth:`remove`) keep the indexes and the count right, so
    a graph on it behaves as any rdflib graph, only built and read faster.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> graph = Graph(store=IndexedStore())
    >>> _ = graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), URIRef("http://example.org/b")))
    >>> len(graph), len(list(graph.triples((None, URIRef("http://example.org/p"), None))))
    (1, 1)
    """

    def __init__(self, configuration: str | None = None, identifier=None):
        super().__init__(configuration)
        self.identifier = identifier
        self._spo: dict = {}
        self._pos: dict = {}
        self._osp: dict = {}
        #: Triples held in ``spo`` but not yet in ``pos`` / ``osp``, in the order they were added.
        self._pending_pos: list = []
        self._pending_osp: list = []
        self._count = 0
        self._namespace: dict = {}
        self._prefix: dict = {}

    def extend(self, triples: Iterable[tuple]) -> None:
        """Add rdflib triples ``(s, p, o)`` in bulk (no events dispatched, a triple already held is skipped).

        The ``spo`` index is filled now; ``pos`` and ``osp`` when a read first
        needs them, from the new triples in the order they came (so each index
        holds what, and in the order, it would have held if filled now).
        """
        spo = self._spo
        new = []
        for s, p, o in triples:
            objects = spo.setdefault(s, {}).setdefault(p, {})
            before = len(objects)
            objects.setdefault(o, 1)
            if len(objects) != before:
                new.append((s, p, o))
        self._pending_pos.extend(new)
        self._pending_osp.extend(new)
        self._count += len(new)

    def _by_predicate(self) -> dict:
        """The ``pos`` index, with the triples added since it was last read."""
        if self._pending_pos:
            pos = self._pos
            for s, p, o in self._pending_pos:
                pos.setdefault(p, {}).setdefault(o, {})[s] = 1
            self._pending_pos = []
        return self._pos

    def _by_object(self) -> dict:
        """The ``osp`` index, with the triples added since it was last read."""
        if self._pending_osp:
            osp = self._osp
            for s, p, o in self._pending_osp:
                osp.setdefault(o, {}).setdefault(s, {})[p] = 1
            self._pending_osp = []
        return self._osp

    def add(self, triple: tuple, context=None, quoted: bool = False) -> None:
        """Add one triple (rdflib's store interface; ``context`` is not kept)."""
        Store.add(self, triple, context, quoted=quoted)
        self.extend((triple,))

    def addN(self, quads: Iterable[tuple]) -> None:  # noqa: N802 - rdflib's name
        """Add quads ``(s, p, o, context)``; the contexts are not kept."""
        self.extend((s, p, o) for s, p, o, _ in quads)

    def remove(self, triple_pattern: tuple, context=None) -> None:
        """Remove every triple matching ``triple_pattern``."""
        pos, osp = self._by_predicate(), self._by_object()
        for s, p, o in list(self.match(triple_pattern)):
            Store.remove(self, (s, p, o), context)
            del self._spo[s][p][o]
            del pos[p][o][s]
            del osp[o][s][p]
            self._count -= 1

    def triples(self, triple_pattern: tuple, context=None) -> Iterator[tuple]:
        """Yield ``((s, p, o), contexts)`` for each triple matching ``triple_pattern`` (``None`` matches any term)."""
        for triple in self.match(triple_pattern):
            yield triple, _NO_CONTEXTS

    def match(self, triple_pattern: tuple) -> Iterator[tuple]:
        """Yield each triple ``(s, p, o)`` matching ``triple_pattern``, from the index and in the order ``Memory`` uses."""
        s, p, o = triple_pattern
        if s is not None:
            by_p = self._spo.get(s)
            if by_p is None:
                return
            if p is not None:
                objects = by_p.get(p)
                if objects is None:
                    return
                if o is not None:
                    if o in objects:
                        yield (s, p, o)
                    return
                for each in list(objects):
                    yield (s, p, each)
                return
            for predicate, objects in list(by_p.items()):
                if o is not None:
                    if o in objects:
                        yield (s, predicate, o)
                    continue
                for each in list(objects):
                    yield (s, predicate, each)
        elif p is not None:
            by_o = self._by_predicate().get(p)
            if by_o is None:
                return
            if o is not None:
                subjects = by_o.get(o)
                if subjects is not None:
                    for each in list(subjects):
                        yield (each, p, o)
                return
            for obj, subjects in list(by_o.items()):
                for each in list(subjects):
                    yield (each, p, obj)
        elif o is not None:
            by_s = self._by_object().get(o)
            if by_s is None:
                return
            for subject, predicates in list(by_s.items()):
                for each in list(predicates):
                    yield (subject, each, o)
        else:
            for subject, by_p in list(self._spo.items()):
                for predicate, objects in list(by_p.items()):
                    for each in list(objects):
                        yield (subject, predicate, each)

    def __len__(self, context=None) -> int:
        return self._count

    def contexts(self, triple=None) -> Iterator:
        """No contexts: the store holds one graph."""
        return iter(())

    def bind(self, prefix: str, namespace, override: bool = True) -> None:
        """Bind ``prefix`` to ``namespace``, as rdflib's ``Memory`` store does."""
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if override:
            if bound_prefix is not None:
                del self._namespace[bound_prefix]
            if bound_namespace is not None:
                del self._prefix[bound_namespace]
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            self._prefix[bound_namespace if bound_namespace is not None else namespace] = (
                bound_prefix if bound_prefix is not None else prefix)
            self._namespace[bound_prefix if bound_prefix is not None else prefix] = (
                bound_namespace if bound_namespace is not None else namespace)

    def namespace(self, prefix: str):
        """The namespace bound to ``prefix``, or None."""
        return self._namespace.get(prefix)

    def prefix(self, namespace) -> str | None:
        """The prefix bound to ``namespace``, or None."""
        return self._prefix.get(namespace)

    def namespaces(self) -> Iterator[tuple]:
        """Each bound ``(prefix, namespace)``."""
        yield from list(self._namespace.items())


class IndexedGraph(Graph):
    """An rdflib graph on an :class:`IndexedStore` whose most frequent reads go straight to its indexes.

    ``triples``, ``objects`` and ``subjects`` give what :class:`rdflib.Graph`
    gives, in the same order; a property path, a list of terms or ``unique``
    takes rdflib's own way. pySHACL and rdflib's SPARQL engine spend most of
    their time in these three reads.
    """

    def __init__(self, store: IndexedStore | None = None, **kwargs):
        super().__init__(store=IndexedStore() if store is None else store, **kwargs)
        if not isinstance(self.store, IndexedStore):
            raise TypeError(f"an IndexedGraph stands on an IndexedStore, not {type(self.store).__name__}")

    def triples(self, triple):
        """Yield each triple matching ``triple`` (its predicate may be a property path)."""
        if isinstance(triple[1], Path):
            return super().triples(triple)
        return self.store.match(triple)

    def objects(self, subject=None, predicate=None, unique: bool = False):
        """Yield the objects of ``subject`` by ``predicate``, as :meth:`rdflib.Graph.objects`."""
        if unique or isinstance(subject, list) or isinstance(predicate, Path):
            return super().objects(subject, predicate, unique)
        if subject is not None and predicate is not None:
            by_p = self.store._spo.get(subject)
            return iter(list(by_p.get(predicate, ()))) if by_p is not None else iter(())
        return (o for _, _, o in self.store.match((subject, predicate, None)))

    def subjects(self, predicate=None, object=None, unique: bool = False):  # noqa: A002 - rdflib's name
        """Yield the subjects with ``predicate`` and ``object``, as :meth:`rdflib.Graph.subjects`."""
        if unique or isinstance(object, list) or isinstance(predicate, Path):
            return super().subjects(predicate, object, unique)
        if predicate is not None and object is not None:
            by_o = self.store._by_predicate().get(predicate)
            return iter(list(by_o.get(object, ()))) if by_o is not None else iter(())
        return (s for s, _, _ in self.store.match((None, predicate, object)))


def indexed_graph(triples: Iterable[ox.Triple] = (), converted: dict | None = None, *,
                  rdflib_triples: Iterable[tuple] = ()) -> Graph:
    """An rdflib graph on an :class:`IndexedStore`, holding ``rdflib_triples`` and then ``triples``.

    Parameters
    ----------
    triples : iterable of pyoxigraph.Triple
        Triples to convert; each distinct term is converted once.
    converted : dict, optional
        Each pyoxigraph term and its rdflib term: filled in, and can be shared by several calls.
    rdflib_triples : iterable of tuple, optional
        Triples already in rdflib terms, added first.

    Returns
    -------
    IndexedGraph
        A graph with rdflib's default namespace bindings, as ``Graph()`` has.
    """
    graph = IndexedGraph()
    add_indexed(graph, triples, converted, rdflib_triples=rdflib_triples)
    return graph


def add_indexed(graph: Graph, triples: Iterable[ox.Triple] = (), converted: dict | None = None, *,
                rdflib_triples: Iterable[tuple] = ()) -> Graph:
    """Add ``rdflib_triples``, then pyoxigraph ``triples``, to ``graph`` (on an :class:`IndexedStore`) in bulk.

    Parameters
    ----------
    graph : rdflib.Graph
        A graph whose store is an :class:`IndexedStore`.
    triples, converted, rdflib_triples
        As for :func:`indexed_graph`.

    Returns
    -------
    rdflib.Graph
        ``graph``.

    Raises
    ------
    TypeError
        If ``graph`` is not on an :class:`IndexedStore`.
    """
    store = graph.store
    if not isinstance(store, IndexedStore):
        raise TypeError(f"add_indexed needs a graph on an IndexedStore, not {type(store).__name__}")
    term = converter(converted)
    store.extend(rdflib_triples)
    store.extend((term(t.subject), term(t.predicate), term(t.object)) for t in triples)
    return graph
