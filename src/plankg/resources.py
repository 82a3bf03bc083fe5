"""Where the bundled ontology, shapes, plan data and queries are.

An installed wheel carries them in ``plankg/_bundled``; a source checkout
(editable install, or tests run from the repository) finds them at the
repository's top level. Either way there is one copy of each file in the
repository.

Examples
--------
>>> ontology_file().name
'plankg.ttl'
>>> bundled_plan_dir().name
'kunshan-2022'
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DEFAULT_PLAN",
    "resource_root",
    "ontology_file",
    "shapes_file",
    "bundled_plan_dir",
    "queries_dir",
]

#: The name of the plan data set bundled with plankg.
DEFAULT_PLAN = "kunshan-2022"

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_root() -> Path:
    """Return the folder that holds ``ontology/``, ``data/`` and ``queries/``."""
    bundled = _PACKAGE_DIR / "_bundled"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE_DIR.parents[1]


def ontology_file() -> Path:
    """Return the path of the plankg ontology (``ontology/plankg.ttl``)."""
    return resource_root() / "ontology" / "plankg.ttl"


def shapes_file() -> Path:
    """Return the path of the SHACL shapes (``ontology/shapes.ttl``)."""
    return resource_root() / "ontology" / "shapes.ttl"


def bundled_plan_dir(name: str = DEFAULT_PLAN) -> Path:
    """Return the folder of a bundled plan data set (``data/<name>``)."""
    return resource_root() / "data" / name


def queries_dir() -> Path:
    """Return the folder of the named SPARQL queries (``queries/``)."""
    return resource_root() / "queries"
