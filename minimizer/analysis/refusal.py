"""Does a program reach its own names dynamically? Then no name may be renamed or dropped.

Static scope analysis sees names only where they are spelled. ``exec``,
``eval``, ``globals()``, ``getattr(x, name)``, frames, ``__dict__`` and their
kin reach names through strings at run time, out of its sight. This module is
the one list of those ways and the one predicate every transform (and the
equivalence proof) consults.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.index import ModuleIndex, module_index

#: Builtins that let a program reach its own names (or its locals' names) through strings.
DYNAMIC_NAME_BUILTINS = frozenset(
    {"exec", "eval", "compile", "globals", "locals", "vars", "dir", "__import__", "breakpoint"}
)
#: Builtins that reach an attribute by a name given as their second argument.
ATTRIBUTE_BY_NAME_BUILTINS = frozenset({"getattr", "setattr", "hasattr", "delattr"})
#: Attributes that expose names or namespaces at run time.
INTROSPECTION_ATTRIBUTES = frozenset(
    {
        "__dict__",
        "__name__",
        "__qualname__",
        "__code__",
        "__globals__",
        "__annotations__",
        "f_locals",
        "f_globals",
        "_getframe",
    }
)
#: Modules that read names at run time; ``__main__`` is the program itself, as a module.
INTROSPECTION_MODULES = frozenset({"inspect", "dis", "pickle", "__main__"})
#: ``sys.modules[__name__]`` is the program as a module: its globals as attributes.
MODULE_TABLE = m.Attribute(value=m.Name("sys"), attr=m.Name("modules"))


def reaches_names_dynamically(module: cst.Module) -> str | None:
    """Why ``module`` reaches its names as strings (so nothing may be renamed), or ``None``."""
    return refusal(module_index(module))


def refusal(index: ModuleIndex, allowed_calls: frozenset[int] = frozenset()) -> str | None:
    """:func:`reaches_names_dynamically` on an index already built. Callees whose ids are in
    ``allowed_calls`` (calls whose reach is pinned elsewhere) do not refuse."""
    found = refusing_node(index, allowed_calls)
    return None if found is None else found[0]


def refusing_node(
    index: ModuleIndex, allowed_calls: frozenset[int] = frozenset()
) -> tuple[str, cst.CSTNode] | None:
    """The first construct that refuses renaming for the whole module: why, and where."""
    for star in index.find(m.ImportStar()):
        return "import * hides which names the program binds", star
    for node in index.find(m.Import() | m.ImportFrom()):
        modules = (
            [cst.helpers.get_full_name_for_node(alias.name) for alias in node.names]
            if isinstance(node, cst.Import)
            else [cst.helpers.get_full_name_for_node(node.module) if node.module else ""]
        )
        for module_name in modules:
            if (module_name or "").split(".")[0] in INTROSPECTION_MODULES:
                return f"imports {module_name}, which can read names at run time", node
    for name in index.find(m.Name()):
        if (
            name.value in DYNAMIC_NAME_BUILTINS
            and id(name) not in allowed_calls
            and index.resolves_to_builtin(name)
        ):
            return f"uses {name.value}(), which reaches names as strings", name
    for attribute in index.find(m.Attribute()):
        if m.matches(attribute, MODULE_TABLE):
            return "reads sys.modules, which holds the program as a module", attribute
        if attribute.attr.value in INTROSPECTION_ATTRIBUTES:
            return f"reads .{attribute.attr.value}, which exposes names", attribute
    return _attribute_by_name(index)


def _attribute_by_name(index: ModuleIndex) -> tuple[str, cst.CSTNode] | None:
    by_name_calls = set()
    for call in index.find(m.Call(func=m.Name())):
        if call.func.value in ATTRIBUTE_BY_NAME_BUILTINS and index.resolves_to_builtin(call.func):
            by_name_calls.add(id(call.func))
            literal = (
                len(call.args) >= 2
                and not any(arg.star for arg in call.args[:2])
                and isinstance(call.args[1].value, cst.SimpleString)
            )
            if not literal:
                return f"calls {call.func.value}() with a computed attribute name", call
    for name in index.find(m.Name()):
        if (
            name.value in ATTRIBUTE_BY_NAME_BUILTINS
            and id(name) not in by_name_calls
            and index.resolves_to_builtin(name)
        ):
            return f"passes {name.value} around, so attribute names may be computed", name
    return None
