"""Every public function of plankg.exports has a numpydoc docstring (doctests run in tests/test_docs.py)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import plankg.exports

MODULES = sorted(
    {"plankg.exports"} | {f"plankg.exports.{m.name}" for m in pkgutil.iter_modules(plankg.exports.__path__)}
)


@pytest.mark.parametrize("name", MODULES)
def test_every_public_function_has_a_numpydoc_docstring(name):
    module = importlib.import_module(name)
    for public in getattr(module, "__all__", []):
        value = getattr(module, public)
        if callable(value) and not isinstance(value, type):
            assert value.__doc__, f"{name}.{public} has no docstring"
