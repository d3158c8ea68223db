"""libcst visitors walked over a module's recorded fields, without rebuilding its tree.

libcst runs a visitor (not a transformer) the way it runs a transformer: every node
visited rebuilds itself from its visited children, and the rebuilt tree is thrown
away (``CSTNode.visit`` says "TODO: provide traversal where children are not
replaced"). Its metadata providers are visitors, and the search resolves scopes
and expression contexts on dozens of modules per program: on ``raytrace`` these
passes were the largest part of the golfer's own time after counting.

So the fields of every node of a module (each attribute libcst visits, in its
order, with the children under it) are recorded once (:func:`record_fields`), by
running each node's own ``_visit_and_replace_children`` with a recorder; while the
record is kept, :func:`visit` walks a recorded node for any visitor with the same
callbacks in the same order: ``on_visit``, then for each attribute
``on_visit_attribute``, its children, ``on_leave_attribute``, then ``on_leave``. A
node without a record (a node a transform just built, say) is visited by libcst.
``tests/test_visiting.py`` holds libcst's providers and the golfer's visitors to
the same results both ways.
"""

from __future__ import annotations

import dataclasses

import libcst as cst

#: A node's fields in libcst's visiting order: (attribute, its child nodes).
Fields = tuple[tuple[str, tuple[cst.CSTNode, ...]], ...]

#: Recorded nodes by ``id``, each with the node itself (``id``s are reused once a
#: node is gone; the node held here is compared with ``is``).
_RECORDED: dict[int, tuple[cst.CSTNode, Fields]] = {}

_libcst_visit = cst.CSTNode.visit


class _FieldRecorder(cst.CSTVisitor):
    """Collects one node's fields as libcst visits them, without descending."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, list[cst.CSTNode]]] = []

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.fields.append((attribute, []))

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.fields[-1][1].append(node)
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


def _visited_fields(node: cst.CSTNode) -> Fields:
    """``node``'s fields as libcst's own visit finds them."""
    recorder = _FieldRecorder()
    node._visit_and_replace_children(recorder)
    return tuple((attribute, tuple(children)) for attribute, children in recorder.fields)


#: Each node class's dataclass fields, and the attributes libcst visits, in order, for
#: the class and which of those fields are ``None``: ``FormattedStringExpression``
#: skips its ``format_spec`` when it is ``None``; every other class visits the same
#: attributes whatever their values.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_VISITED: dict[tuple[type, tuple[bool, ...]], tuple[str, ...]] = {}


def _under(value: object) -> tuple[cst.CSTNode, ...]:
    if isinstance(value, cst.CSTNode):
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return ()  # None, or a MaybeSentinel


#: Shared parts of records, most nodes being leaves: an attribute with nothing under
#: it, and the whole record of a leaf of each shape.
_NOTHING_UNDER: dict[str, tuple[str, tuple[()]]] = {}
_LEAVES: dict[tuple[str, ...], Fields] = {}


def fields_of(node: cst.CSTNode) -> Fields:
    """``node``'s fields, from the attributes libcst visits on nodes of its shape."""
    kind = type(node)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(node))
    shape = (kind, tuple(getattr(node, name) is None for name in names))
    visited = _VISITED.get(shape)
    if visited is None:
        fields = _visited_fields(node)
        _VISITED[shape] = tuple(attribute for attribute, _ in fields)
        return fields
    fields = tuple(
        (
            (attribute, under)
            if (under := _under(getattr(node, attribute)))
            else _NOTHING_UNDER.setdefault(attribute, (attribute, ()))
        )
        for attribute in visited
    )
    if any(under for _, under in fields):
        return fields
    return _LEAVES.setdefault(visited, fields)


def recorded_fields(node: cst.CSTNode) -> Fields:
    """``node``'s fields from its record, or found afresh if it has none."""
    known = _RECORDED.get(id(node))
    return known[1] if known is not None and known[0] is node else fields_of(node)


def record_fields(module: cst.Module) -> list[cst.CSTNode]:
    """Record the fields of every node of ``module``; the nodes recorded are returned."""
    recorded: list[cst.CSTNode] = []
    waiting: list[cst.CSTNode] = [module]
    while waiting:
        node = waiting.pop()
        fields = fields_of(node)
        _RECORDED[id(node)] = (node, fields)
        recorded.append(node)
        for _, children in fields:
            waiting.extend(children)
    return recorded


def forget_fields(recorded: list[cst.CSTNode]) -> None:
    """Drop the records :func:`record_fields` made for a module (and the nodes they hold)."""
    for node in recorded:
        known = _RECORDED.get(id(node))
        if known is not None and known[0] is node:
            del _RECORDED[id(node)]


def visit(node: cst.CSTNode, visitor: cst.CSTVisitorT) -> object:
    """``node.visit(visitor)``: for a visitor over a recorded node, a walk of the record."""
    if not isinstance(visitor, cst.CSTVisitor):
        return _libcst_visit(node, visitor)
    known = _RECORDED.get(id(node))
    if known is None or known[0] is not node:
        return _libcst_visit(node, visitor)
    if visitor.on_visit(node):
        for attribute, children in known[1]:
            visitor.on_visit_attribute(node, attribute)
            for child in children:
                child.visit(visitor)
            visitor.on_leave_attribute(node, attribute)
    visitor.on_leave(node)
    return node


cst.CSTNode.visit = visit  # type: ignore[method-assign]
