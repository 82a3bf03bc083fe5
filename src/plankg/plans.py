"""The plans a plan graph holds, and how users name one.

Several plans can be loaded or published together; each lives in named graphs
of its own. :func:`plans_of` lists them (through the ``plans`` named query, so
it works the same on every engine), and :func:`resolve_plan` turns what a
user types (the plan's IRI, its data set's prefix such as ``ks``, or a
prefixed IRI) into the plan's IRI.

Examples
--------
>>> import plankg
>>> kg = plankg.load()
>>> [(p.prefix, p.label("en")[:13]) for p in kg.plans]
[('ks', 'Overall Plan ')]
>>> kg.resolve_plan("ks") == kg.plans[0].uri_space + "plan"
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import ParameterError

__all__ = ["PlanInfo", "plans_of", "require_plans", "plans_from_rows", "sort_plans", "resolve_plan"]


@dataclass(frozen=True)
class PlanInfo:
    """One plan in the data.

    Attributes
    ----------
    iri : str
        The plan's IRI.
    prefix : str or None
        Its data set's preferred prefix (None where no ``dataset.ttl`` describes it).
    uri_space : str or None
        Its data set's IRI space.
    graph : str
        The named graph that holds the plan (its source layer).
    labels : Mapping
        The plan's labels by language.
    """

    iri: str
    prefix: str | None
    uri_space: str | None
    graph: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)

    def label(self, lang: str = "zh") -> str:
        """Return the plan's label in ``lang`` (the other language, or the IRI, if missing)."""
        other = "en" if lang == "zh" else "zh"
        return self.labels.get(lang) or self.labels.get(other) or self.iri

    def name(self) -> str:
        """Return the short name users type for the plan: its prefix, else its IRI."""
        return self.prefix or self.iri

    def to_dict(self) -> dict:
        """Return the plan as plain data (``plan``, ``prefix``, ``uri_space``, ``graph``, labels)."""
        return {
            "plan": self.iri,
            "prefix": self.prefix,
            "uri_space": self.uri_space,
            "graph": self.graph,
            "label_zh": self.labels.get("zh"),
            "label_en": self.labels.get("en"),
        }


def plans_of(kg) -> tuple[PlanInfo, ...]:
    """Return the plans in ``kg``'s data, ordered by prefix then IRI.

    Parameters
    ----------
    kg : PlanGraph

    Returns
    -------
    tuple of PlanInfo
    """
    return plans_from_rows(kg.query("plans").records())


def require_plans(kg) -> tuple[PlanInfo, ...]:
    """Return ``kg``'s plans; refuse data that holds none (an empty file, the wrong folder).

    Parameters
    ----------
    kg : PlanGraph

    Returns
    -------
    tuple of PlanInfo
        :attr:`plankg.PlanGraph.plans`, never empty.

    Raises
    ------
    DataError
        If the data (files or endpoint) holds no ``plan:Plan``; the message names the data files.
    """
    from .datafiles import Layer
    from .errors import DataError

    if kg.plans:
        return tuple(kg.plans)
    data = [str(f.path) for f in kg.files if f.layer is not Layer.ONTOLOGY]
    where = ", ".join(data) or kg.endpoint or "the data"
    raise DataError(where, "no plan found: the data holds no plan:Plan; check the path")


def plans_from_rows(rows: Iterable[Mapping]) -> tuple[PlanInfo, ...]:
    """Return the plans that rows of the ``plans`` query name, ordered by prefix then IRI.

    A plan named by several rows is the first row that gives its prefix (else the last row).
    """
    found: dict[str, PlanInfo] = {}
    for row in rows:
        iri = row["plan"]
        if iri in found and found[iri].prefix:
            continue
        labels = {lang: row[f"label_{lang}"] for lang in ("zh", "en") if row.get(f"label_{lang}")}
        found[iri] = PlanInfo(iri, row.get("prefix"), row.get("uri_space"), row["graph"], labels)
    return sort_plans(found.values())


def sort_plans(plans: Iterable[PlanInfo]) -> tuple[PlanInfo, ...]:
    """Return ``plans`` ordered by prefix (plans without one last), then IRI."""
    return tuple(sorted(plans, key=lambda p: (p.prefix is None, p.prefix or "", p.iri)))


def resolve_plan(plans: Sequence[PlanInfo], text: str, prefixes: Mapping[str, str]) -> str:
    """Return the IRI of the plan that ``text`` names.

    Parameters
    ----------
    plans : sequence of PlanInfo
        The plans loaded.
    text : str
        A plan's IRI, its data set's prefix (``ks``, ``ks:``), or a prefixed IRI (``ks:plan``).
    prefixes : mapping
        The prefixes that expand prefixed IRIs.

    Raises
    ------
    ParameterError
        If no loaded plan matches; the message lists the plans loaded.
    """
    value = text.strip()
    by_prefix = {p.prefix: p.iri for p in plans if p.prefix}
    candidates = [value, value.removesuffix(":")]
    head, sep, local = value.partition(":")
    if sep and head in prefixes and not local.startswith("//"):
        candidates.append(prefixes[head] + local)
    for candidate in candidates:
        if candidate in by_prefix:
            return by_prefix[candidate]
        if any(p.iri == candidate for p in plans):
            return candidate
    loaded = ", ".join(p.name() for p in plans) or "none"
    raise ParameterError(f"no loaded plan is named {text!r}; the plans loaded are: {loaded}")
