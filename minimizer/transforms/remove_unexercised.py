"""Remove code that the verification run never executed, when the user asks for it.

The download-if-missing branch of microgpt, or an operator overload no
expression uses, cannot be judged by the verifier: no run reaches it. Removing
it keeps the verified behaviour on this input and drops behaviour on others,
so ``golf`` does it only under ``--drop-unexercised`` and always says in the
report which code no run exercised. A site is one statement (an ``if`` whose
body never ran and that has no ``else``, or a function or method never called),
judged on the line numbers of the program the coverage was taken on.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


class _RemoveUnexercisedStatements(SiteTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, chosen: frozenset[int] | None, unexercised: frozenset[int]) -> None:
        super().__init__(chosen)
        self.unexercised = unexercised

    def _never_ran(self, body: cst.BaseSuite) -> bool:
        statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
        for statement in statements:
            position = self.get_metadata(PositionProvider, statement)
            if position.start.line not in self.unexercised:
                return False
        return True

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If | cst.RemovalSentinel:
        if (
            original_node.orelse is None
            and self._never_ran(original_node.body)
            and self.take_site()
        ):
            return cst.RemoveFromParent()
        return updated_node

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef | cst.RemovalSentinel:
        if self._never_ran(original_node.body) and self.take_site():
            return cst.RemoveFromParent()
        return updated_node


class RemoveUnexercised(CSTTransform):
    name = "remove_unexercised"
    safety = Safety.RISKY
    transformer = _RemoveUnexercisedStatements

    def __init__(self, unexercised_lines: list[int] | frozenset[int] = frozenset()) -> None:
        self.unexercised = frozenset(unexercised_lines)

    def site_transformer(self, chosen: frozenset[int] | None) -> SiteTransformer:
        return _RemoveUnexercisedStatements(chosen, self.unexercised)
