"""map_operators: a zipped operation of the program's one class becomes a map over its method."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.map_operators import MapOperators

VALUE = """
class b:
 def __init__(a,j):a.j=j
 def __add__(a,c):return b(a.j+getattr(c,'j',c))
 def __mul__(a,c):return b(a.j*getattr(c,'j',c))
 __radd__=__add__
R=zip;P=sum
"""


def test_map_operators_maps_the_class_method_over_zipped_inputs() -> None:
    assert_transform(
        MapOperators(),
        VALUE + "x=[b(1),b(2)];y=[b(3),b(4)]\n"
        "print([a.j for a in[a+b for a,b in R(x,y)]],P(a*b for a,b in R(x,y)).j)\n",
        VALUE + "x=[b(1),b(2)];y=[b(3),b(4)]\n"
        "print([a.j for a in[*map(b.__add__,x,y)]],P(map(b.__mul__,x,y)).j)\n",
    )


def test_map_operators_with_a_plain_left_operand_changes_behaviour() -> None:
    """``1.5+b(3)`` falls back to ``b.__radd__``; ``b.__add__(1.5,b(3))`` fails."""
    assert_risky_rewrite(
        MapOperators(),
        VALUE + "print([a.j for a in[a+b for a,b in R([1.5],[b(3)])]])\n",
        VALUE + "print([a.j for a in[*map(b.__add__,[1.5],[b(3)])]])\n",
    )


def test_map_operators_leaves_other_shapes_alone() -> None:
    for tail in (
        "print([b+a for a,b in R([b(1)],[2])])\n",  # operands swapped
        "print([a+b for a,b in R([b(1)],[2])if a])\n",  # a condition
        "print([a-b for a,b in R([b(1)],[2])])\n",  # no class defines __sub__
        "def f(b):return[a+c for a,c in R([b],[2])]\n",  # the class name is shadowed
    ):
        assert_unchanged(MapOperators(), VALUE + tail)
    assert_unchanged(
        MapOperators(),
        "class V:\n __add__=lambda a,c:a\nclass W:\n __add__=lambda a,c:c\n"
        "print([a+b for a,b in zip([V()],[W()])])\n",
    )
