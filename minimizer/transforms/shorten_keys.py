"""Respell the string keys of a module-level dict that is only ever indexed by literals.

A dict of named matrices (``state_dict['layer0.attn_wq']``) carries long
keys for people. When the program never shows a key (it only stores and loads
through literal keys and reads ``.values()``), the keys can be any distinct
strings: each key *template* (a plain string, or an f-string's fixed text
around its fields) gets the shortest free spelling, ``'a'`` or ``f'{i}a'``.
When every key is constant (an f-string whose fields are all int literals,
as unrolling a loop leaves them, counts as the string it evaluates to), each
key is a plain string and gets a plain spelling: ``f'layer{0}.wq'`` -> ``'a'``.
RISKY: a key could still escape in ways this does not see (a field rendering
to a colliding string), so the verifier decides. One site per template.
"""

from __future__ import annotations

import itertools
import string
from collections import Counter
from collections.abc import Iterator

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: A key's fixed text with ``None`` where an f-string field stands.
Template = tuple[str | None, ...]
KEY = m.SimpleString() | m.FormattedString()


def template_of(key: cst.BaseExpression) -> Template | None:
    if isinstance(key, cst.SimpleString):
        value = key.evaluated_value
        return (value,) if isinstance(value, str) else None
    if isinstance(key, cst.FormattedString) and key.prefix.lower() == "f":
        parts: list[str | None] = []
        for part in key.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value)
            elif part.format_spec or part.conversion:
                return None
            else:
                parts.append(None)
        return tuple(parts)
    return None


def constant_value(key: cst.BaseExpression) -> str | None:
    """The string ``key`` always evaluates to, if it is a plain string or an f-string
    whose fields are bare int literals."""
    if isinstance(key, cst.SimpleString):
        value = key.evaluated_value
        return value if isinstance(value, str) else None
    template = template_of(key)
    if template is None or not isinstance(key, cst.FormattedString):
        return None
    fields = [
        part.expression for part in key.parts if isinstance(part, cst.FormattedStringExpression)
    ]
    if not all(isinstance(field, cst.Integer) for field in fields):
        return None
    values = iter(str(field.evaluated_value) for field in fields)  # type: ignore[union-attr]
    return "".join(next(values) if text is None else text for text in template)


def _could_render_as(constant: str, template: Template) -> bool:
    """Could ``template``'s one field render so that the whole key reads ``constant``?"""
    field = template.index(None)
    prefix, suffix = "".join(template[:field]), "".join(template[field + 1 :])  # type: ignore[arg-type]
    return (
        len(constant) >= len(prefix) + len(suffix)
        and constant.startswith(prefix)
        and constant.endswith(suffix)
    )


def short_codes() -> Iterator[str]:
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_letters, repeat=length):
            yield "".join(letters)


class _ShortenKeys(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.new_keys: dict[int, cst.BaseExpression] = {}  # id(key node) -> respelled key

    def visit_Module(self, node: cst.Module) -> None:
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        for name in sorted({a.name for a in scope.assignments}):
            self._plan_dict(scope, name)

    def _plan_dict(self, scope: GlobalScope, name: str) -> None:
        assignments = list(scope.assignments[name])
        if len(assignments) != 1:
            return
        binding = assignments[0].node
        target = self.get_metadata(ParentProvider, binding, None)
        assign = self.get_metadata(ParentProvider, target, None) if target is not None else None
        if not m.matches(
            assign, m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.Dict())
        ):
            return
        keys = [
            element.key for element in assign.value.elements if isinstance(element, cst.DictElement)
        ]
        if len(keys) != len(assign.value.elements):
            return
        for access in assignments[0].references:  # from every scope, not just this one
            key = self._literal_key_of(access.node)
            if key is None:
                if not self._reads_values(access.node):
                    return
            else:
                keys.append(key)
        constants = [constant_value(key) for key in keys]
        if all(value is not None for value in constants):
            templates: list[Template | None] = [(value,) for value in constants]
        else:
            templates = [template_of(key) for key in keys]
        if not keys or any(t is None for t in templates):
            return
        if any(
            _could_render_as(t[0], other)  # type: ignore[arg-type]
            for t in templates
            if len(t) == 1  # type: ignore[arg-type]
            for other in templates
            if None in other  # type: ignore[operator]
        ):
            return  # a constant key may equal a rendered template: respelling would split them
        field_counts = {t.count(None) for t in templates if None in t}  # type: ignore[union-attr]
        if len(field_counts) > 1 or any(count != 1 for count in field_counts):
            return  # keep the respelling obviously injective: at most one field, at the front
        uses = Counter(templates)
        existing = {t[0] for t in templates if len(t) == 1}
        codes = (code for code in short_codes() if code not in existing)
        for template, _ in sorted(uses.items(), key=lambda item: (-item[1], repr(item[0]))):
            code = next(codes)
            if not self.take_site():
                continue
            for key, key_template in zip(keys, templates):
                if key_template == template:
                    self.new_keys[id(key)] = self._respelled(key, key_template, code)

    def _literal_key_of(self, name_node: cst.CSTNode) -> cst.BaseExpression | None:
        subscript = self.get_metadata(ParentProvider, name_node, None)
        if not m.matches(
            subscript, m.Subscript(slice=[m.SubscriptElement(slice=m.Index(value=KEY))])
        ):
            return None
        if subscript.value is not name_node:
            return None
        return subscript.slice[0].slice.value

    def _reads_values(self, name_node: cst.CSTNode) -> bool:
        attribute = self.get_metadata(ParentProvider, name_node, None)
        if not m.matches(attribute, m.Attribute(attr=m.Name("values"))):
            return False
        call = self.get_metadata(ParentProvider, attribute, None)
        return m.matches(call, m.Call(args=[]))

    def _respelled(
        self, key: cst.BaseExpression, template: Template, code: str
    ) -> cst.BaseExpression:
        if None not in template:
            return cst.SimpleString(f"'{code}'")
        assert isinstance(key, cst.FormattedString)
        field = next(part for part in key.parts if isinstance(part, cst.FormattedStringExpression))
        return key.with_changes(parts=[field, cst.FormattedStringText(code)])

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        return self.new_keys.get(id(original_node), updated_node)  # type: ignore[return-value]


class ShortenKeys(CSTTransform):
    name = "shorten_keys"
    safety = Safety.RISKY
    transformer = _ShortenKeys
