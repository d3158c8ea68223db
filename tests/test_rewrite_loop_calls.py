"""map_loop_calls: a loop that only calls a function on each item becomes a map."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.map_loop_calls import MapLoopCalls


def test_map_loop_calls_turns_a_calling_loop_into_a_map() -> None:
    assert_transform(
        MapLoopCalls(),
        """
        d={}
        def f(a):
         if a not in d:
          for g in a:f(g)
          d[a]=0
        f((((),),()))
        for h in [1,2]:
         print(h)
        print(len(d))
        """,
        """
        d={}
        def f(a):
         if a not in d:
          [*map(f,a)]
          d[a]=0
        f((((),),()))
        [*map(print,[1,2])]
        print(len(d))
        """,
    )


def test_map_loop_calls_looks_the_function_up_once() -> None:
    """The loop calls the function its first call put in place; the map keeps the first."""
    assert_risky_rewrite(
        MapLoopCalls(),
        "def f(v):\n global f;print(v);f=lambda v:print(-v)\nfor g in[1,2]:f(g)\n",
        "def f(v):\n global f;print(v);f=lambda v:print(-v)\n[*map(f,[1,2])]\n",
    )


def test_map_loop_calls_leaves_other_loops_alone() -> None:
    for program in (
        "for g in[1,2]:print(g)\nprint(g)\n",  # the variable is read after the loop
        "for g in[1,2]:print(g,1)\n",  # another argument
        "for g in[1,2]:print(g);print(0)\n",  # more than the call
        "for g in[1,2]:print(g)\nelse:print(3)\n",  # an else
        "for g,h in[(1,2)]:print(g)\n",  # a tuple target
    ):
        assert_unchanged(MapLoopCalls(), program)
