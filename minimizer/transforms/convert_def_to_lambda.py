"""Turn ``def f(a, b=1): return expr`` into ``f=lambda a,b=1:expr``.

A function whose whole body is one ``return`` is a lambda bound to a name, at
less than half the ceremony. Both evaluate their defaults when defined, bind
the same name in the same scope and look up names the same way, so the rewrite
is exact except where a function shows its own identity. Hence it is skipped
for decorated or async functions, annotated ones (annotations run at definition
time), generators, functions whose ``__name__``/``__qualname__`` the program
reads, and any that mention ``super`` or ``__class__``: zero-argument
``super()`` needs the ``__class__`` cell that only a ``def`` in a class body gets.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

IDENTITY_ATTRIBUTES = m.Attribute(attr=m.Name("__name__") | m.Name("__qualname__"))
CLASS_CELL_NAMES = m.Name("super") | m.Name("__class__")
ANNOTATED_PARAM = m.Param(annotation=m.Annotation())
NO_WHITESPACE = cst.SimpleWhitespace("")
# The fields of ``cst.Parameters`` in source order; three of them hold sequences.
PARAMETER_FIELDS = (
    "posonly_params",
    "posonly_ind",
    "params",
    "star_arg",
    "kwonly_params",
    "star_kwarg",
)
SEQUENCE_FIELDS = frozenset({"posonly_params", "params", "kwonly_params"})
ParameterElement = cst.Param | cst.ParamStar | cst.ParamSlash


def _lone_return(function: cst.FunctionDef) -> cst.Return | None:
    """The ``return`` that is the whole body of ``function``, if it is."""
    body = function.body
    statements = body.body if isinstance(body, cst.SimpleStatementSuite) else None
    if isinstance(body, cst.IndentedBlock) and len(body.body) == 1:
        line = body.body[0]
        statements = line.body if isinstance(line, cst.SimpleStatementLine) else None
    if statements is not None and len(statements) == 1 and isinstance(statements[0], cst.Return):
        return statements[0]
    return None


def _names_shown_by_identity(module: cst.Module) -> set[str]:
    """Names ``f`` read as ``f.__name__``, ``obj.f.__qualname__`` and the like."""
    names = set()
    for attribute in find_all(module, IDENTITY_ATTRIBUTES):
        owner = attribute.value
        if isinstance(owner, cst.Name):
            names.add(owner.value)
        elif isinstance(owner, cst.Attribute):
            names.add(owner.attr.value)
    return names


def _without_whitespace(param: ParameterElement) -> ParameterElement:
    if isinstance(param, cst.Param):
        equal = (
            cst.AssignEqual(NO_WHITESPACE, NO_WHITESPACE)
            if param.default
            else cst.MaybeSentinel.DEFAULT
        )
        return param.with_changes(
            whitespace_after_star=NO_WHITESPACE, whitespace_after_param=NO_WHITESPACE, equal=equal
        )
    if isinstance(param, cst.ParamSlash):
        return param.with_changes(whitespace_after=NO_WHITESPACE)
    return param


def _compact_parameters(parameters: cst.Parameters) -> cst.Parameters:
    """The same parameters with bare commas between them and no whitespace.

    A lambda's parameters are not in parentheses, so whitespace that spanned
    lines inside a ``def``'s parentheses must go.
    """
    slots: list[tuple[str, ParameterElement]] = []
    for field in PARAMETER_FIELDS:
        value = getattr(parameters, field)
        if field in SEQUENCE_FIELDS:
            slots.extend((field, param) for param in value)
        elif isinstance(value, ParameterElement):
            slots.append((field, value))
    rebuilt: dict[str, object] = {field: [] for field in SEQUENCE_FIELDS}
    for position, (field, param) in enumerate(slots):
        comma = cst.Comma() if position < len(slots) - 1 else cst.MaybeSentinel.DEFAULT
        compact = _without_whitespace(param).with_changes(comma=comma)
        if field in SEQUENCE_FIELDS:
            rebuilt[field].append(compact)
        else:
            rebuilt[field] = compact
    return parameters.with_changes(**rebuilt)


def convertible(function: cst.FunctionDef, identity_names: set[str]) -> bool:
    """Whether ``function`` can become a lambda without any observable change."""
    returned = _lone_return(function)
    return (
        returned is not None
        and not function.decorators
        and function.asynchronous is None
        and function.type_parameters is None
        and function.returns is None
        and not find_all(function.params, ANNOTATED_PARAM)
        and not find_all(function, m.Yield() | m.Await() | CLASS_CELL_NAMES)
        and function.name.value not in identity_names
    )


def lambda_assignment(function: cst.FunctionDef) -> cst.SimpleStatementLine:
    """``name=lambda params:expr`` for a function whose body is ``return expr``."""
    returned = _lone_return(function)
    value = cst.Name("None") if returned.value is None else returned.value
    if isinstance(value, cst.Tuple) and not value.lpar:
        # ``return a, b`` returns a tuple; ``lambda: a, b`` would be a tuple of a lambda.
        value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    parameters = _compact_parameters(function.params)
    has_parameters = bool(cst.Module([]).code_for_node(parameters))
    function_value = cst.Lambda(
        params=parameters,
        body=value,
        colon=cst.Colon(NO_WHITESPACE, NO_WHITESPACE),
        whitespace_after_lambda=cst.SimpleWhitespace(" " if has_parameters else ""),
    )
    target = cst.AssignTarget(
        function.name, whitespace_before_equal=NO_WHITESPACE, whitespace_after_equal=NO_WHITESPACE
    )
    return cst.SimpleStatementLine(
        [cst.Assign([target], function_value)], leading_lines=function.leading_lines
    )


class DefToLambdaConverter(SiteTransformer):
    """One site per function that can become a lambda."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.identity_names: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.identity_names = _names_shown_by_identity(node)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.BaseStatement:
        if convertible(original_node, self.identity_names) and self.take_site():
            return lambda_assignment(updated_node)
        return updated_node


class ConvertDefToLambda(CSTTransform):
    name = "convert_def_to_lambda"
    safety = Safety.SAFE
    restructures = True
    transformer = DefToLambdaConverter
