"""Small generated Python programs that exercise scoping, for property tests.

Globals, functions with defaults and ``**rest``, ``global`` declarations,
f-strings with ``{name=}`` fields, walrus targets, comprehensions and keyword
calls: the places where a golfing transform can quietly change behaviour.
"""

from __future__ import annotations

from hypothesis import strategies as st

NAMES = ["alpha", "beta", "total", "item", "value", "count", "sum", "x"]


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    choices = ["literal", "name"] + (
        ["add", "fstring", "walrus", "comprehension", "call"] if depth < 2 else []
    )
    kind = draw(st.sampled_from(choices))
    if kind == "literal":
        return str(draw(st.integers(0, 9)))
    if kind == "name":
        return draw(st.sampled_from(NAMES))
    inner = expressions(depth + 1)
    if kind == "add":
        return f"({draw(inner)} + {draw(inner)})"
    if kind == "fstring":
        return f"f'{{{draw(inner)}}}|{{{draw(st.sampled_from(NAMES))}=}}'"
    if kind == "walrus":
        return f"({draw(st.sampled_from(NAMES))} := {draw(inner)})"
    if kind == "comprehension":
        variable = draw(st.sampled_from(NAMES))
        return f"[{draw(inner)} for {variable} in range(2)]"
    function = draw(st.sampled_from(["first", "second"]))
    keyword = draw(st.sampled_from(NAMES[:4]))
    return f"{function}({draw(inner)}, {keyword}={draw(inner)})"


@st.composite
def programs(draw: st.DrawFn) -> str:
    lines = [
        f"{name} = {draw(st.integers(0, 9))}" for name in draw(st.sets(st.sampled_from(NAMES)))
    ]
    for function in ["first", "second"]:
        parameters = draw(st.lists(st.sampled_from(NAMES[:4]), min_size=2, max_size=2, unique=True))
        lines.append(f"def {function}({parameters[0]}, {parameters[1]}=1, **rest):")
        if draw(st.booleans()):
            lines.append(f"    global {draw(st.sampled_from(NAMES[4:]))}")
        for _ in range(draw(st.integers(0, 3))):
            lines.append(f"    {draw(st.sampled_from(NAMES))} = {draw(expressions())}")
        lines.append(f"    return {draw(expressions())}")
    for _ in range(draw(st.integers(1, 4))):
        lines.append(f"print({draw(expressions())})")
    return "\n".join(lines) + "\n"
