"""Query parameters by the grlc convention, bound as typed RDF terms.

A query names its parameters as SPARQL variables (grlc's convention):

``?_name``
    a required parameter, bound as a plain literal (``xsd:string``);
``?__name``
    an optional parameter;
``?_name_iri``, ``?_name_integer``, ``?_name_decimal``, ``?_name_boolean``, ``?_name_date``
    the value is an IRI, or a literal of that XSD type;
``?_name_zh``, ``?_name_en`` …
    a literal with that language tag.

A value given by the user is parsed into an RDF term of that type here, and
rejected with :class:`~plankg.errors.ParameterError` if it is not one. The term
is bound by the engine, never pasted into query text.

Examples
--------
>>> p = Parameter.from_variable("_year_integer")
>>> p.name, p.kind, p.required
('year', 'integer', True)
>>> p.to_term("2025")
<Literal value=2025 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> Parameter.from_variable("__place").to_term('" } ; DROP ALL #').value
'" } ; DROP ALL #'
>>> Parameter.from_variable("_entity_iri").to_term("ex:task/06", {"ex": "http://example.org/p/"})
<NamedNode value=http://example.org/p/task/06>
>>> Parameter.from_variable("_entity_iri").to_term("zz:task/06", {"ex": "http://example.org/p/"})
Traceback (most recent call last):
...
plankg.errors.ParameterError: parameter 'entity' uses the prefix 'zz:', which no loaded plan or vocabulary declares; known prefixes: ex
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from ..errors import ParameterError
from ..namespaces import PREFIXES

__all__ = ["Parameter", "parameters_of", "bind"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: What both embedded engines can hold. Oxigraph keeps an xsd:integer in 64
#: bits and an xsd:decimal in 128 bits with 18 digits after the point; rdflib
#: keeps any size. A parameter beyond is refused, so the engines answer alike.
_RANGES = {
    "integer": "integers go from -9223372036854775808 to 9223372036854775807",
    "decimal": "decimals go up to ±170141183460469231731.687303715884105727, with at most 18 digits after the point",
}
_DECIMAL_MAX = Decimal("170141183460469231731.687303715884105727")
_DATATYPES = {"integer", "decimal", "double", "boolean", "date", "gYear", "string"}
#: A parameter's variable name (grlc): ``_name`` required, ``__name`` optional.
_PARAMETER = re.compile(r"__?[A-Za-z][A-Za-z0-9_]*")
#: Language suffixes a parameter may carry (``?_name_zh``): the plan languages.
_LANGS = {"zh", "en"}
_CURIE = re.compile(r"([A-Za-z][A-Za-z0-9_.-]*):(.*)", re.DOTALL)
#: IRI schemes taken as absolute IRIs rather than as prefixes.
_SCHEMES = {"urn", "tag", "mailto", "file", "data", "http", "https", "ftp", "did", "doi", "info"}


@dataclass(frozen=True)
class Parameter:
    """One query parameter.

    Attributes
    ----------
    variable : str
        The SPARQL variable, without ``?`` (``_year_integer``).
    name : str
        The name users give it (``year``).
    kind : str
        ``"literal"``, ``"iri"``, an XSD datatype name, or a language tag.
    required : bool
        Whether the query needs a value.
    """

    variable: str
    name: str
    kind: str
    required: bool

    @classmethod
    def from_variable(cls, variable: str) -> "Parameter":
        """Read a parameter from its variable name (without ``?``)."""
        required = not variable.startswith("__")
        body = variable.lstrip("_")
        name, _, suffix = body.rpartition("_")
        if name and (suffix in _DATATYPES or suffix == "iri" or suffix in _LANGS):
            kind = suffix
        else:
            name, kind = body, "literal"
        return cls(variable=variable, name=name, kind=kind, required=required)

    def to_term(self, value: str, prefixes: Mapping[str, str] | None = None) -> ox.NamedNode | ox.Literal:
        """Parse a user's value into an RDF term of this parameter's kind.

        ``prefixes`` expand prefixed IRIs (``ex:task/06``); :data:`PREFIXES`
        by default.

        Raises
        ------
        ParameterError
            If the value is not of the parameter's kind.
        """
        if not isinstance(value, str):
            value = str(value)
        from decimal import InvalidOperation

        try:
            if self.kind == "iri":
                return ox.NamedNode(self._expand(value.strip(), PREFIXES if prefixes is None else prefixes))
            return self._convert(value)
        except (ValueError, InvalidOperation) as err:
            raise ParameterError(
                f"parameter {self.name!r} expects {self.describe()}, got {value!r}"
            ) from err

    def _convert(self, value: str) -> ox.NamedNode | ox.Literal:
        kind = self.kind
        if kind == "literal" or kind == "string":
            return ox.Literal(value)
        if kind == "integer":
            number = int(value.strip())
            if not -(2**63) <= number < 2**63:
                raise ParameterError(f"parameter {self.name!r}: {value.strip()} is out of range; {_RANGES['integer']}")
            return _typed(str(number), "integer")
        if kind == "decimal":
            number = Decimal(value.strip())
            if not number.is_finite():
                raise ValueError(value)
            sign, digits, exponent = number.as_tuple()
            while exponent < 0 and len(digits) > 1 and digits[-1] == 0:  # exact: no context rounding
                digits, exponent = digits[:-1], exponent + 1
            number = Decimal((sign, digits, exponent))
            if number.copy_abs() > _DECIMAL_MAX or exponent < -18:
                raise ParameterError(f"parameter {self.name!r}: {value.strip()} is out of range; {_RANGES['decimal']}")
            return _typed(format(number, "f"), "decimal")
        if kind == "double":
            lexical = repr(float(value.strip()))
            return _typed({"nan": "NaN", "inf": "INF", "-inf": "-INF"}.get(lexical, lexical), "double")
        if kind == "boolean":
            lowered = value.strip().lower()
            if lowered not in {"true", "false"}:
                raise ValueError(value)
            return _typed(lowered, "boolean")
        if kind == "date":
            from datetime import date

            return _typed(date.fromisoformat(value.strip()).isoformat(), "date")
        if kind == "gYear":
            return _typed(f"{int(value.strip()):04d}", "gYear")
        return ox.Literal(value, language=kind)

    def _expand(self, value: str, prefixes: Mapping[str, str]) -> str:
        match = _CURIE.fullmatch(value)
        if not match or match.group(2).startswith("//"):
            return value
        prefix, local = match.groups()
        if prefix in prefixes:
            return prefixes[prefix] + local
        if prefix.lower() in _SCHEMES:
            return value
        known = ", ".join(sorted(prefixes))
        raise ParameterError(
            f"parameter {self.name!r} uses the prefix {prefix + ':'!r}, which no loaded plan or "
            f"vocabulary declares; known prefixes: {known}"
        )

    def describe(self) -> str:
        """Say in words what values the parameter takes."""
        if self.kind == "iri":
            return "an IRI (absolute, or prefixed such as ex:task/06, with a loaded plan's prefix)"
        if self.kind in {"literal", "string"}:
            return "text"
        if self.kind in _DATATYPES:
            return f"an xsd:{self.kind} value"
        return f"text in language {self.kind!r}"

    def to_dict(self) -> dict:
        """Return the parameter as plain data."""
        return {
            "name": self.name,
            "variable": "?" + self.variable,
            "type": self.kind,
            "required": self.required,
        }


def _typed(lexical: str, datatype: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(_XSD + datatype))


def parameters_of(query: str) -> tuple[Parameter, ...]:
    """Return the parameters a query declares, in order of first use.

    They are the variables of the query's outer scope whose names follow
    grlc's convention, read from rdflib's parse tree
    (:func:`plankg.sparql.parsetree.outer_scope`), never from the text: a
    ``?_name`` inside a string, an IRI, a comment or an escaped local name
    (``ex:a\\?_b``) is no variable, one written with ``\\u`` escapes is, and
    one used only inside a subquery that does not project it is the
    subquery's own. What is read is kept by the query's text, in the process
    and on disk (:mod:`plankg.sparql.parsecache`), so rdflib parses a query
    once, not on every listing or run; a query that cannot name a parameter
    (no ``?_``, ``$_`` or ``\\u`` escape in its text) is not parsed at all.

    Raises
    ------
    QueryError
        If rdflib cannot parse the query.
    ParameterError
        If two variables give one parameter name, or the query assigns a
        parameter (``BIND(… AS ?_name)``, ``(… AS ?_name)``).

    Examples
    --------
    >>> [p.name for p in parameters_of("SELECT * { ?s ?p ?_place . FILTER(?x < ?__year_integer) }")]
    ['place', 'year']
    >>> parameters_of('SELECT ?s { ?s ?p "?_place" } # ?_year')
    ()
    """
    seen = {variable: Parameter.from_variable(variable) for variable in _parameter_variables(query)}
    names = [p.name for p in seen.values()]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ParameterError(f"parameter name(s) used by two variables: {sorted(duplicates)}")
    return tuple(seen.values())


@functools.lru_cache(maxsize=1024)
def _parameter_variables(query: str) -> tuple[str, ...]:
    if not any(mark in query for mark in ("?_", "$_", "\\u", "\\U")):
        return ()  # a variable named _… is written so, or with a \u escape
    from .parsecache import remembered

    return tuple(remembered("parameters", query, _read_parameters, valid=_is_variable_list))


def _read_parameters(query: str) -> list[str]:
    """The variables of the query's outer scope named as parameters, in order of first use."""
    from .parsetree import ASSIGNED, outer_scope

    found = []
    for variable, places in outer_scope(query).items():  # in order of first occurrence
        if not _PARAMETER.fullmatch(variable):
            continue
        if any(role == ASSIGNED for _, role in places):
            raise ParameterError(
                f"the query assigns ?{variable} (… AS ?{variable}), so it cannot be a parameter; "
                f"name it without the leading '_'"
            )
        found.append(variable)
    return found


def _is_variable_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and _PARAMETER.fullmatch(v) for v in value)


def bind(
    parameters: Iterable[Parameter], values: Mapping, prefixes: Mapping[str, str] | None = None
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Check ``values`` against a query's parameters and make them RDF terms.

    ``prefixes`` expand prefixed IRI values; :data:`PREFIXES` by default.

    Raises
    ------
    ParameterError
        For an unknown name, a missing required value, or a value of the wrong type.

    Examples
    --------
    >>> bind([Parameter.from_variable("_year_integer")], {"year": "2025"})
    {'_year_integer': <Literal value=2025 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>}
    """
    parameters = list(parameters)
    by_name = {p.name: p for p in parameters}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        known = ", ".join(sorted(by_name)) or "none"
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; this query takes: {known}")
    bindings = {}
    for p in parameters:
        value = values.get(p.name)
        if value is None:
            if p.required:
                raise ParameterError(f"missing parameter {p.name!r} ({p.describe()})")
            continue
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            bindings[p.variable] = value
        else:
            bindings[p.variable] = p.to_term(value, prefixes)
    return bindings
