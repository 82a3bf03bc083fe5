"""The named query library: one ``.rq`` file per question, with a grlc header.

A query file starts with a header of ``#+`` comment lines holding YAML, the
convention of `grlc <https://grlc.io>`_, so the ``queries/`` folder can be
served by grlc as it is::

    #+ summary: one line
    #+ description: |
    #+   中文说明
    #+   English description
    #+ tags:
    #+   - coverage

The header must have a ``summary``. Parameters are the query's ``?_name``
variables (see :mod:`plankg.sparql.params`). A file named ``*-violation.rq`` is an
integrity check that must return no rows on good data.

Examples
--------
>>> library = QueryLibrary()
>>> "plan-overview" in library
True
>>> q = library["targets-by-year"]
>>> [p.name for p in q.parameters]
['year', 'plan']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import QueryDefinitionError, QueryError
from .params import Parameter, parameters_of
from ..resources import queries_dir

__all__ = ["NamedQuery", "QueryLibrary", "read_query"]

#: Header keys grlc understands; anything else is a typo.
_KEYS = {
    "summary", "description", "tags", "defaults", "enumerate", "method",
    "pagination", "endpoint", "endpoint_in_url", "transform",
}


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library.

    The header is read when first needed (running a query needs only its
    text and parameters); :meth:`check` reads it at once.

    Attributes
    ----------
    name : str
        The file name without ``.rq``.
    path : Path
        The file.
    text : str
        The whole file, header included (the header is SPARQL comments).
    """

    name: str
    path: Path
    text: str

    @cached_property
    def header(self) -> dict:
        """The ``#+`` header as a dict, checked.

        Raises
        ------
        QueryDefinitionError
            If the header is missing or malformed.
        """
        return _checked_header(self.path, self.text)

    @property
    def summary(self) -> str:
        """One line saying what the query answers."""
        return self.header["summary"].strip()

    @property
    def description(self) -> str:
        """What the query answers, in Chinese and English."""
        return (self.header.get("description") or "").strip()

    @property
    def tags(self) -> tuple[str, ...]:
        """The query's tags."""
        return tuple(self.header.get("tags") or ())

    @cached_property
    def parameters(self) -> tuple[Parameter, ...]:
        """The query's parameters, by the grlc convention."""
        try:
            return parameters_of(self.text)
        except QueryError as err:  # the parser's error knows the line
            raise QueryDefinitionError(self.path, str(err), getattr(err.__cause__, "lineno", None)) from err

    @property
    def is_violation(self) -> bool:
        """Whether this is an integrity check that must return no rows."""
        return self.name.endswith("-violation")

    def check(self) -> "NamedQuery":
        """Read the header and parameters now; return the query.

        Raises
        ------
        QueryDefinitionError
            Naming the file (and line) if the header or parameters are malformed.
        """
        self.header
        self.parameters
        return self

    def to_dict(self) -> dict:
        """Return the query's metadata as plain data."""
        return {
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "tags": list(self.tags),
            "parameters": [p.to_dict() for p in self.parameters],
        }


def _header(path: Path, text: str) -> dict:
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif lines or line.strip():
            break
    if not lines:
        raise QueryDefinitionError(path, "no '#+' header; start the file with '#+ summary: …'", 1)
    import yaml

    try:
        header = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err)
        raise QueryDefinitionError(path, f"malformed '#+' header: {problem}", line) from err
    if not isinstance(header, dict):
        raise QueryDefinitionError(path, "the '#+' header must be YAML 'key: value' lines", 1)
    return header


def _checked_header(path: Path, text: str) -> dict:
    header = _header(path, text)
    unknown = sorted(set(header) - _KEYS)
    if unknown:
        raise QueryDefinitionError(path, f"unknown header key(s) {unknown}; grlc knows {sorted(_KEYS)}")
    summary = header.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise QueryDefinitionError(path, "the header needs a one-line 'summary'")
    tags = header.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QueryDefinitionError(path, "'tags' must be a list of words")
    if not isinstance(header.get("description") or "", str):
        raise QueryDefinitionError(path, "'description' must be text")
    return header


def read_query(path: str | Path) -> NamedQuery:
    """Read one query file (its header is checked when first used).

    Raises
    ------
    QueryDefinitionError
        Naming the file if it cannot be read.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryDefinitionError(path, f"cannot be read as UTF-8 text: {err}") from err
    return NamedQuery(name=path.stem, path=path, text=text)


class QueryLibrary(Mapping):
    """The named queries of a folder, by name.

    Parameters
    ----------
    folder : path-like, optional
        The folder of ``.rq`` files; the bundled ``queries/`` by default.
    """

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else queries_dir()

    @cached_property
    def _queries(self) -> dict[str, NamedQuery]:
        paths = sorted(self.folder.glob("*.rq"))
        return {p.stem: read_query(p).check() for p in paths}

    def __getitem__(self, name: str) -> NamedQuery:
        if "_queries" in self.__dict__ and name in self._queries:
            return self._queries[name]
        path = self.folder / f"{name}.rq"
        if name and Path(name).name == name and path.is_file():
            return read_query(path)
        import difflib

        close = difflib.get_close_matches(name, list(self._queries), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'plankg queries' for the list"
        raise QueryError(f"no query named {name!r}{hint}")

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)

    def __repr__(self) -> str:
        return f"<QueryLibrary {self.folder} queries={len(self)}>"
