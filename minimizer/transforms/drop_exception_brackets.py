"""Raise a builtin exception class instead of calling it: ``raise ValueError()`` ->
``raise ValueError``.

``raise C`` with a class calls ``C()`` itself, so for a builtin exception
called without arguments both raise the same exception (same type, same empty
``args``, same traceback line). Safe while the name is the builtin
(``minimizer.analysis.builtins_intact``). A lever python-minifier has
(``remove_builtin_exception_brackets``). One site per ``raise``.
"""

from __future__ import annotations

import builtins

import libcst as cst

from minimizer.analysis.builtins_intact import intact_builtins
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)


class _ExceptionBracketDropper(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.exceptions: frozenset[str] = frozenset()

    def visit_Module(self, node: cst.Module) -> None:
        self.exceptions = BUILTIN_EXCEPTIONS & intact_builtins(node)

    def leave_Raise(self, original_node: cst.Raise, updated_node: cst.Raise) -> cst.Raise:
        raised = updated_node.exc
        if (
            not isinstance(raised, cst.Call)
            or raised.args
            or not isinstance(raised.func, cst.Name)
            or raised.func.value not in self.exceptions
            or not self.take_site()
        ):
            return updated_node
        return updated_node.with_changes(
            exc=raised.func.with_changes(lpar=raised.lpar, rpar=raised.rpar)
        )


class DropExceptionBrackets(CSTTransform):
    name = "drop_exception_brackets"
    safety = Safety.SAFE
    transformer = _ExceptionBracketDropper
