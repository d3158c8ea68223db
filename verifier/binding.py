"""Binding a random call's arguments to the function's parameters, quickly.

The observer records every call of a ``random`` function with its arguments
as the function receives them (bound, defaults filled in), so that
``choices(p, weights=w)`` and ``choices(p, w)`` are the same call. Weight
initialisation makes thousands of such calls, and ``Signature.bind`` builds a
``BoundArguments`` for each: this does the same binding without it. Like the
observer, this module is loaded by the child beside the harness and imports
only the standard library.
"""

from __future__ import annotations

import inspect
from typing import Any


class Binder:
    """``Signature.bind`` then ``apply_defaults``, as a tuple of the bound values, without
    building a ``BoundArguments`` each call (one is built per random draw, thousands per run).
    Signatures with ``*args`` or ``**kwargs`` go through ``Signature.bind`` itself."""

    def __init__(self, signature: inspect.Signature) -> None:
        self.signature = signature
        parameters = list(signature.parameters.values())
        kind = inspect.Parameter
        variadic = (kind.VAR_POSITIONAL, kind.VAR_KEYWORD)
        self.simple = all(p.kind not in variadic for p in parameters)
        positional = (kind.POSITIONAL_ONLY, kind.POSITIONAL_OR_KEYWORD)
        self.positional = sum(1 for p in parameters if p.kind in positional)
        self.parameters = [
            (p.name, p.kind is not kind.POSITIONAL_ONLY, p.default) for p in parameters
        ]  # fmt: skip
        self.no_default = kind.empty

    def bind(self, args: tuple, kwargs: dict[str, Any]) -> tuple | None:
        """The bound values in the parameters' order, or ``None`` where ``bind`` would fail."""
        if not self.simple:
            try:
                binding = self.signature.bind(*args, **kwargs)
            except TypeError:
                return None
            binding.apply_defaults()
            return tuple(binding.arguments.values())
        if len(args) > self.positional:
            return None
        values = list(args)
        used = 0
        for name, by_keyword, default in self.parameters[len(args) :]:
            if by_keyword and name in kwargs:
                values.append(kwargs[name])
                used += 1
            elif default is not self.no_default:
                values.append(default)
            else:
                return None  # a required argument is missing
        if used != len(kwargs):
            return None  # an unknown keyword, or one given positionally too
        return tuple(values)
