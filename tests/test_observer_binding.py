"""The observer's quick binding of random calls gives what ``Signature.bind`` gives.

Every random call is recorded with its arguments bound to the function's
parameters and defaults filled in; the observer does that without building a
``BoundArguments`` per call (it is the hot path of weight initialisation). A
call that binds differently would change the random trace of one program and
not of another, so each call shape here is checked against ``inspect`` itself.
"""

from __future__ import annotations

import importlib
import inspect
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

VERIFIER = Path(__file__).resolve().parent.parent / "verifier"


@pytest.fixture(scope="module")
def binding() -> ModuleType:
    """The module as the child imports it: top-level, from the observer's folder."""
    sys.path.insert(0, str(VERIFIER))
    try:
        return importlib.import_module("binding")
    finally:
        sys.path.remove(str(VERIFIER))
        sys.modules.pop("binding", None)


def by_inspect(function: Any, args: tuple, kwargs: dict[str, Any]) -> tuple | None:
    try:
        binding = inspect.signature(function).bind(*args, **kwargs)
    except TypeError:
        return None
    binding.apply_defaults()
    return tuple(binding.arguments.values())


def keyword_only(a: int, /, b: int = 2, *, c: int = 3, d: int) -> None:
    """Every kind of parameter but the variadic ones."""


def variadic(a: int, *rest: int, key: int = 1, **more: int) -> None:
    """Bound by ``Signature.bind`` itself."""


CALLS = [
    (random.gauss, (), {}),
    (random.gauss, (0,), {}),
    (random.gauss, (0, 0.08), {}),
    (random.gauss, (0,), {"sigma": 0.5}),
    (random.gauss, (), {"sigma": 0.5, "mu": 1}),
    (random.gauss, (0, 1, 2), {}),  # too many
    (random.gauss, (0,), {"mu": 1}),  # given twice
    (random.gauss, (), {"scale": 1}),  # unknown keyword
    (random.choices, ([1, 2],), {"weights": [0.5, 0.5]}),
    (random.choices, ([1, 2], [0.5, 0.5]), {}),
    (random.choices, ([1, 2],), {"k": 3}),
    (random.choices, (), {}),  # a required argument missing
    (random.randint, (1, 6), {}),
    (random.shuffle, ([3, 1, 2],), {}),
    (random.seed, (), {}),
    (random.seed, (42,), {"version": 1}),
    (keyword_only, (1,), {"d": 4}),
    (keyword_only, (1, 5), {"c": 6, "d": 4}),
    (keyword_only, (1,), {}),  # keyword-only d missing
    (keyword_only, (), {"a": 1, "d": 4}),  # positional-only by keyword
    (variadic, (1, 2, 3), {"key": 4, "x": 5}),
    (variadic, (), {}),
]


@pytest.mark.parametrize(("function", "args", "kwargs"), CALLS)
def test_binding_matches_inspect(
    binding: ModuleType, function: Any, args: tuple, kwargs: dict[str, Any]
) -> None:
    binder = binding.Binder(inspect.signature(function))
    assert binder.bind(args, kwargs) == by_inspect(function, args, kwargs)
