"""Rewrite ``isinstance(o, C)`` as ``type(o)==C`` (and a tuple of classes as ``in``).

``type(o)==C`` is five characters shorter. It is not the same test: it is false
for instances of subclasses of ``C``, and ``==`` on classes can be overridden by
a metaclass. Programs of the kind we golf usually test against classes they
never subclass, but only the verifier can tell, hence RISKY. Patterns such as
``x if isinstance(x, C) else C(x)`` get no special treatment: each rewrite is a
site, and the verifier keeps the ones that do not change the run.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import BuiltinAssignment, ScopeProvider

from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

PLAIN_ARGUMENT = m.Arg(keyword=None, star="")
ISINSTANCE_CALL = m.Call(
    func=m.Name("isinstance"),
    args=[
        PLAIN_ARGUMENT,
        m.Arg(
            keyword=None, star="", value=m.Name() | m.Attribute() | m.Tuple(lpar=[m.AtLeastN(n=1)])
        ),
    ],
)

#: Parents in which a comparison may stand without parentheses.
COMPARISON_FITS_IN = (
    m.If()
    | m.While()
    | m.IfExp()
    | m.BooleanOperation()
    | m.UnaryOperation(operator=m.Not())
    | m.Assert()
    | m.Assign()
    | m.Return()
    | PLAIN_ARGUMENT
    | m.Element()
)


def _touches_keyword(parent: cst.CSTNode, call: cst.Call) -> bool:
    """Whether ``call`` ends right against a keyword, as in ``isinstance(a,b)else``,
    where ``type(a)==b`` would need parentheses (or a space libcst cannot add here)."""
    if isinstance(parent, cst.IfExp) and parent.test is call:
        return not parent.whitespace_before_else.value
    if isinstance(parent, cst.BooleanOperation) and parent.left is call:
        return not parent.operator.whitespace_before.value
    return False


class _IsinstanceRewriter(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def leave_Call(
        self, original_node: cst.Call, updated_node: cst.Call
    ) -> cst.Call | cst.Comparison:
        if not (
            m.matches(original_node, ISINSTANCE_CALL)
            and self._refers_to_builtins(original_node)
            and self.take_site()
        ):
            return updated_node
        instance, classes = (arg.value for arg in updated_node.args)
        operator = (
            cst.In()
            if isinstance(classes, cst.Tuple)
            else cst.Equal(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            )
        )
        test_of_type = cst.Call(func=cst.Name("type"), args=[cst.Arg(instance)])
        comparison = cst.Comparison(
            left=test_of_type, comparisons=[cst.ComparisonTarget(operator, classes)]
        )
        if updated_node.lpar:
            return comparison.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        parent = self.get_metadata(ParentProvider, original_node)
        if m.matches(parent, COMPARISON_FITS_IN) and not _touches_keyword(parent, original_node):
            return comparison
        return comparison.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    def _refers_to_builtins(self, call: cst.Call) -> bool:
        """``isinstance`` here is the builtin, and ``type`` would be the builtin too."""
        scope = self.get_metadata(ScopeProvider, call, None)
        return scope is not None and all(
            isinstance(binding, BuiltinAssignment)
            for name in ("isinstance", "type")
            for binding in scope[name]
        )


class RewriteIsinstance(CSTTransform):
    name = "rewrite_isinstance"
    safety = Safety.RISKY
    transformer = _IsinstanceRewriter
