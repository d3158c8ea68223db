"""Build a set, list or tuple by unpacking: ``set(x)`` -> ``{*x}``, ``list(x)`` -> ``[*x]``,
``tuple(x)`` -> ``(*x,)``.

A display with one starred item iterates its argument as the constructor does,
two or three characters shorter. RISKY: the name may not be the builtin where
the program rebinds it out of this module's sight (a star import), and
``list(x)`` of an object with ``__len__`` may size its result differently; the
verifier judges. Proposed for calls with one plain positional argument of a
builtin the module binds nowhere (no parameter or loop spells it), spelled through any alias (``L=list``).
"""

from __future__ import annotations

import libcst as cst

from minimizer.analysis.rewrites import bound_names, calls_builtin
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety


class _DisplayUnpacker(BuiltinAwareTransformer):
    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        for bound in bound_names(node) & {"set", "list", "tuple"}:
            self.aliases.pop(bound, None)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        kind = next(
            (b for b in ("set", "list", "tuple") if calls_builtin(updated_node, self.aliases, b)),
            None,
        )
        if kind is None or len(updated_node.args) != 1:
            return updated_node
        argument = updated_node.args[0]
        if argument.keyword or argument.star or not self.take_site():
            return updated_node
        parts = dict(lpar=updated_node.lpar, rpar=updated_node.rpar)
        if kind == "set":
            return cst.Set([cst.StarredElement(argument.value)], **parts)
        if kind == "list":
            return cst.List([cst.StarredElement(argument.value)], **parts)
        starred = cst.StarredElement(argument.value, comma=cst.Comma())
        return cst.Tuple([starred], lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class UnpackIntoDisplays(CSTTransform):
    name = "unpack_into_displays"
    safety = Safety.RISKY
    transformer = _DisplayUnpacker
