"""Pass keyword arguments of standard-library calls by position where the signature allows.

``random.choices(range(v), weights=w)`` spells ``weights=`` only for the reader;
``random.choices(range(v), w)`` means the same call. The callee is resolved with
``QualifiedNameProvider`` to a standard-library object, its signature is read
with ``inspect.signature`` on the real object, and a keyword argument becomes
positional when its parameter is POSITIONAL_OR_KEYWORD and sits right after
the arguments already passed by position. Keyword arguments are only turned
into positional ones in the order they are written, so nothing is evaluated in
a new order.

RISKY: the name could be rebound at run time to something with another
signature, so the verifier decides. One site per argument; an argument whose
predecessor keyword argument is not chosen stays as it is.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Callable

import libcst as cst
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


def _stdlib_object(qualified_name: str) -> Callable[..., object] | None:
    """The standard-library callable ``qualified_name`` names, without importing anything else."""
    parts = qualified_name.split(".")
    if parts[0] not in sys.stdlib_module_names:
        return None
    for split in range(len(parts) - 1, 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            found = getattr(found, attribute, None)
        return found if callable(found) else None
    return None


def _signature(callee: Callable[..., object]) -> inspect.Signature | None:
    try:
        return inspect.signature(callee)
    except (TypeError, ValueError):  # some builtins carry no signature
        return None


class _ArgumentPositioner(SiteTransformer):
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        #: Each call with chosen arguments -> how many of its arguments end up positional.
        self.call_positional: dict[cst.Call, int] = {}

    def visit_Call(self, node: cst.Call) -> None:
        signature = self._callee_signature(node)
        if signature is None:
            return
        parameters = list(signature.parameters.values())
        positional = 0
        while positional < len(node.args) and node.args[positional].keyword is None:
            if node.args[positional].star:
                return  # ``*args`` hides how many positions are filled
            positional += 1
        movable = 0  # keyword arguments that could follow the positional ones, in order
        for argument, parameter in zip(node.args[positional:], parameters[positional:]):
            keyword = argument.keyword
            if keyword is None or parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
                break
            if parameter.name != keyword.value:
                break
            movable += 1
        # Every movable argument is a site; each moves only together with those before it.
        chosen = [self.take_site() for _ in range(movable)]
        moved = chosen.index(False) if False in chosen else movable
        if moved:
            self.call_positional[node] = positional + moved

    def _callee_signature(self, call: cst.Call) -> inspect.Signature | None:
        names = self.get_metadata(QualifiedNameProvider, call.func, set())
        if len(names) != 1:
            return None
        (qualified,) = names
        if qualified.source not in (QualifiedNameSource.IMPORT, QualifiedNameSource.BUILTIN):
            return None
        callee = _stdlib_object(qualified.name)
        return _signature(callee) if callee is not None else None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        positional = self.call_positional.get(original_node)
        if positional is None:
            return updated_node
        arguments = [
            (
                argument.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)
                if index < positional
                else argument
            )
            for index, argument in enumerate(updated_node.args)
        ]
        return updated_node.with_changes(args=arguments)


class PositionalArguments(CSTTransform):
    name = "positional_arguments"
    safety = Safety.RISKY
    transformer = _ArgumentPositioner
