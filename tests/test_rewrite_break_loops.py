"""convert_break_loops: a counted loop that stops on a fresh value becomes a while with a walrus."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.convert_break_loops import ConvertBreakLoops


def test_convert_break_loops_tests_the_value_in_the_header() -> None:
    assert_transform(
        ConvertBreakLoops(),
        """
        K=range;J=''
        for l in K(8):
         u=(l*3)%7
         if u==5:break
         J+=str(u)
        print(J)
        """,
        """
        K=range;J=''
        l=0
        while l<8 and(u:=(l*3)%7)!=5:J+=str(u);l+=1
        print(J)
        """,
    )


def test_convert_break_loops_leaves_the_variable_one_higher() -> None:
    """Read later by a function, the loop variable shows the difference."""
    assert_risky_rewrite(
        ConvertBreakLoops(),
        "def f():print(l)\nfor l in range(2):\n u=l\n if u==5:break\n print(u)\nf()\n",
        "def f():print(l)\nl=0\nwhile l<2 and(u:=l)!=5:print(u);l+=1\nf()\n",
    )


def test_convert_break_loops_leaves_other_loops_alone() -> None:
    for program in (
        "for l in range(3):\n u=l\n if u==1:break\n print(u)\nprint(l)\n",  # read after
        "for l in range(3):\n u=l\n if u==1:continue\n print(u)\n",  # no break
        "for l in range(3):\n u=l\n if u==1:break\n l=5\n",  # rebinds the variable
        "for l in range(3):\n u=l\n if u==1:break\n print(u)\nelse:print(0)\n",  # else
        "for l in range(1,3):\n u=l\n if u==1:break\n print(u)\n",  # a start
        "for l in range(3):\n u=l\n if u==1:break\n if u:print(u)\n",  # a compound rest
    ):
        assert_unchanged(ConvertBreakLoops(), program)
