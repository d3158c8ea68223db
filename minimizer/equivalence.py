"""Cheap proofs that a change cannot alter behaviour, so that it needs no training run.

Two programs that parse to the same ``ast`` differ only in layout. Two whose
compiled code objects match instruction for instruction, with the same
constants (compared by type and ``repr``, so ``0.0`` and ``-0.0`` differ), the
same global and attribute names and the same parameter names (a caller may
pass them by keyword), differ only in the names of plain locals, line numbers
or layout; code that can look at its locals' names (``locals()``, ``vars()``,
``eval``: ``minimizer.analysis.refusal``) gets no such proof. Either way the verifier's run could only
repeat what the accepted program already showed. Everything else needs a run.
"""

from __future__ import annotations

import ast
from types import CodeType

from minimizer.analysis.refusal import DYNAMIC_NAME_BUILTINS
from minimizer.checks import CheckKind

#: Code-object fields that must match; names of locals, line tables and the
#: code's own name (a renamed local function) are deliberately left out.
COMPARED_FIELDS = (
    "co_code",
    "co_names",
    "co_flags",
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_exceptiontable",
)


def same_ast(first: str, second: str) -> bool:
    return ast.dump(ast.parse(first)) == ast.dump(ast.parse(second))


def same_bytecode(first: str, second: str) -> bool:
    return _same_code(
        compile(first, "<golf>", "exec", dont_inherit=True),
        compile(second, "<golf>", "exec", dont_inherit=True),
    )


VARARGS, VARKEYWORDS = 0x04, 0x08


def _parameter_names(code: CodeType) -> tuple[str, ...]:
    """Parameters can be passed by keyword, so their names are part of behaviour."""
    count = code.co_argcount + code.co_kwonlyargcount
    count += bool(code.co_flags & VARARGS) + bool(code.co_flags & VARKEYWORDS)
    return code.co_varnames[:count]


def _same_code(first: CodeType, second: CodeType) -> bool:
    if any(getattr(first, f) != getattr(second, f) for f in COMPARED_FIELDS):
        return False
    if _parameter_names(first) != _parameter_names(second) or DYNAMIC_NAME_BUILTINS & set(
        first.co_names
    ):
        return False
    if len(first.co_consts) != len(second.co_consts):
        return False
    for a, b in zip(first.co_consts, second.co_consts):
        if isinstance(a, CodeType) and isinstance(b, CodeType):
            if not _same_code(a, b):
                return False
        elif type(a) is not type(b) or repr(a) != repr(b):
            return False
    return True


def proof_of_equivalence(accepted: str, candidate: str) -> CheckKind | None:
    """How ``candidate`` is known to behave like ``accepted`` without running it, if it is."""
    if same_ast(accepted, candidate):
        return CheckKind.SAME_AST
    if same_bytecode(accepted, candidate):
        return CheckKind.SAME_BYTECODE
    return None
