"""Small questions the issue-11 rewrites ask of a module: aliases of builtins, name counts.

The risky rewrites propose changes that only the verifier can judge, but they
should not propose nonsense: a ``range`` spelled ``K`` is still ``range``, a
name bound in a scope must not become local somewhere else, and an inlined
name must not be read again. These helpers answer those questions from the
syntax alone, conservatively.
"""

from __future__ import annotations

import builtins
from collections import Counter
from collections.abc import Callable, Sequence

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import fact_of, find_all

SIMPLE_ALIAS = m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.Name())


def name_counts(node: cst.CSTNode) -> Counter[str]:
    """How often each identifier occurs in ``node`` (bound, read or as a parameter)."""
    return Counter(name.value for name in find_all(node, m.Name()))


def bound_names(node: cst.CSTNode) -> set[str]:
    """Names that ``node`` binds anywhere: assignment targets, parameters, loop and
    import targets, ``def``/``class`` names and walrus targets."""
    if isinstance(node, cst.Module):  # asked by many transforms: derived once per module
        return set(fact_of(node, bound_names, _bound_names))
    return _bound_names(node)


def _bound_names(node: cst.CSTNode) -> set[str]:
    names: set[str] = set()
    targets = find_all(
        node,
        m.AssignTarget() | m.AugAssign() | m.For() | m.CompFor() | m.NamedExpr() | m.WithItem(),
    )
    for target in targets:
        bound = getattr(target, "target", None) or getattr(target, "asname", None)
        if bound is not None:
            names.update(name.value for name in find_all(bound, m.Name()))
    for found in find_all(node, m.Param() | m.FunctionDef() | m.ClassDef()):
        names.add(found.name.value)
    for alias in find_all(node, m.ImportAlias()):
        bound = alias.asname.name if alias.asname else alias.name
        while isinstance(bound, cst.Attribute):
            bound = bound.value
        if isinstance(bound, cst.Name):
            names.add(bound.value)
    return names


def builtin_aliases(module: cst.Module) -> dict[str, str]:
    """Spelling -> builtin, for every builtin and every module-level ``X=builtin``
    whose name ``X`` is bound nowhere else (``K=range`` makes ``K`` mean ``range``)."""
    return dict(fact_of(module, builtin_aliases, _builtin_aliases))


def _builtin_aliases(module: cst.Module) -> dict[str, str]:
    spellings = {name: name for name in dir(builtins) if not name.startswith("_")}
    bindings = Counter(
        name.value
        for target in find_all(module, m.AssignTarget() | m.Param())
        for name in find_all(target, m.Name())
        if not isinstance(target, cst.Param) or name is target.name
    )
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if m.matches(small, SIMPLE_ALIAS):
                alias = small.targets[0].target.value
                meant = small.value.value
                if meant in spellings and meant not in bindings and bindings[alias] == 1:
                    spellings[alias] = meant
    return spellings


def spelling_of(aliases: dict[str, str], builtin: str) -> str:
    """The shortest spelling of ``builtin`` in the module (its alias, if it has one)."""
    return min((spelled for spelled, meant in aliases.items() if meant == builtin), key=len)


def calls_builtin(node: cst.CSTNode, aliases: dict[str, str], builtin: str) -> bool:
    """Whether ``node`` is a call of ``builtin`` (through any of its spellings)."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and aliases.get(node.func.value) == builtin
    )


def code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` in parentheses unless it is an atom that never needs them."""
    atoms = (cst.Name, cst.Call, cst.Subscript, cst.Attribute, cst.List, cst.Tuple, cst.Dict)
    if isinstance(node, atoms) or isinstance(node, cst.BaseNumber | cst.BaseString):
        return node
    if node.lpar:
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def shorter_unpacked_list(call: cst.Call | None, like: cst.BaseExpression) -> cst.List | None:
    """``[*call]`` in the parentheses ``like`` had, when it is shorter than ``like`` (a
    comprehension that the call would replace)."""
    if call is None:
        return None
    listed = cst.List([cst.StarredElement(call)], lpar=like.lpar, rpar=like.rpar)
    return listed if len(code(listed)) < len(code(like)) else None


def simple_loop(loop: cst.For) -> bool:
    """Whether ``loop`` is a plain ``for name in ...`` (not async, no ``else``), the one
    shape that loop rewrites can restate."""
    return not loop.orelse and not loop.asynchronous and isinstance(loop.target, cst.Name)


Body = Sequence[cst.BaseStatement] | Sequence[cst.BaseSmallStatement]


def flat_statements(body: Body) -> list[cst.CSTNode]:
    """The statements of a block in order, the small statements of each line one by one."""
    items: list[cst.CSTNode] = []
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            items.extend(statement.body)
        else:
            items.append(statement)
    return items


def rebuilt_body(body: Body, replacements: dict[int, cst.CSTNode | None]) -> list[cst.CSTNode]:
    """``body`` with the flat statements at the given indexes replaced (``None``: removed).

    Indexes are those of :func:`flat_statements`; a line whose statements are all
    removed goes, and the last statement left on a line loses its semicolon."""
    index = 0
    result: list[cst.CSTNode] = []
    for statement in body:
        if not isinstance(statement, cst.SimpleStatementLine):
            replacement = replacements.get(index, statement)
            index += 1
            if replacement is not None:
                result.append(replacement)
            continue
        smalls = []
        for small in statement.body:
            replacement = replacements.get(index, small)
            index += 1
            if replacement is not None:
                smalls.append(replacement)
        if smalls:
            smalls[-1] = smalls[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            result.append(statement.with_changes(body=smalls))
    if result and not isinstance(body[0], cst.BaseStatement):
        result[-1] = result[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return result


class BlockRewriter(cst.CSTTransformer):
    """Calls :meth:`rewrite_block` on the flat statements of every block, innermost first.

    ``rewrite_block`` returns replacements by flat index; blocks are the module,
    indented blocks and one-line suites (``for x in y:a;b``). Class bodies are
    skipped when ``skip_class_bodies`` is set: there a name is an attribute."""

    skip_class_bodies = False

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.class_bodies: set[int] = set()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.skip_class_bodies:
            self.class_bodies.add(id(node.body))

    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        raise NotImplementedError

    def _rewritten(self, body: Body) -> list[cst.CSTNode] | None:
        replacements = self.rewrite_block(flat_statements(body))
        return rebuilt_body(body, replacements) if replacements else None

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = self._rewritten(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        if id(original_node) in self.class_bodies:
            return updated_node
        body = self._rewritten(updated_node.body)
        return updated_node if not body else updated_node.with_changes(body=body)

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        if id(original_node) in self.class_bodies:
            return updated_node
        body = self._rewritten(updated_node.body)
        return updated_node if not body else updated_node.with_changes(body=body)


class _VariableNames(cst.CSTVisitor):
    """Name nodes that are variables: not attribute names, keywords or import paths."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.Name] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.found.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False


def variable_names(node: cst.CSTNode) -> list[cst.Name]:
    """The variables ``node`` mentions, in source order (``x.y(k=z)`` mentions ``x``, ``z``)."""
    if isinstance(node, cst.Module):  # asked by several transforms: derived once per module
        return list(fact_of(node, variable_names, _variable_names))
    return _variable_names(node)


def _variable_names(node: cst.CSTNode) -> list[cst.Name]:
    collector = _VariableNames()
    node.visit(collector)
    return collector.found


def assigned_by(statement: cst.CSTNode) -> list[cst.Name]:
    """The names a plain ``a=b=(c,d)=value`` statement binds (none for anything else)."""
    if not isinstance(statement, cst.Assign):
        return []
    return [
        name
        for target in statement.targets
        if not find_all(target.target, m.Attribute() | m.Subscript())
        for name in find_all(target.target, m.Name())
    ]


class _BlockReads(cst.CSTVisitor):
    """Visits the headers of a compound statement, handing its blocks to ``on_block``."""

    def __init__(
        self, on_block: Callable[[Body], None], on_header: Callable[[cst.Name], None]
    ) -> None:
        super().__init__()
        self.on_block, self.on_header = on_block, on_header

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        self.on_block(node.body)
        return False

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> bool:
        self.on_block(node.body)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.on_header(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False


def undominated_names(body: Body) -> set[str]:
    """Names that occur somewhere other than as the target of a plain assignment or as a
    read preceded, in the read's own block, by a plain assignment of the name.

    A name outside this set only ever carries a value from a plain assignment to
    reads later in the same block, which is what makes inlining one binding sound."""
    result: set[str] = set()

    def block(statements: Body) -> None:
        assigned: set[str] = set()

        def header(name: cst.Name) -> None:
            if name.value not in assigned:
                result.add(name.value)

        for item in flat_statements(statements):
            if isinstance(item, cst.BaseSmallStatement):
                targets = assigned_by(item)
                target_ids = {id(name) for name in targets}
                for name in variable_names(item):
                    if id(name) not in target_ids:
                        header(name)
                assigned.update(name.value for name in targets)
            else:
                item.visit(_BlockReads(block, header))

    block(body)
    return result


def without_trailing_semicolon(
    smalls: Sequence[cst.BaseSmallStatement],
) -> list[cst.BaseSmallStatement]:
    """A statement list whose old last statement was removed must not end in ``;``."""
    kept = list(smalls)
    if kept and not isinstance(kept[-1].semicolon, cst.MaybeSentinel):
        kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return kept
