"""The small safe levers python-minifier has: before/after pairs (text and behaviour),
and the programs where each must refuse because the builtin it relies on is not sure."""

from __future__ import annotations

from transform_check import pair_tests

from minimizer.transforms.drop_exception_brackets import DropExceptionBrackets
from minimizer.transforms.remove_object_base import RemoveObjectBase
from minimizer.transforms.remove_redundant_pass import RemoveRedundantPass
from minimizer.transforms.remove_return_none import RemoveReturnNone

OBJECT_PAIRS = [
    (
        "class A(object):\n    x = 1\nprint(A.__bases__, A.__mro__, A.x)\n",
        "class A:\n    x = 1\nprint(A.__bases__, A.__mro__, A.x)\n",
    ),
    ("class B( object ): pass\nprint(type(B()))\n", "class B: pass\nprint(type(B()))\n"),
]
OBJECT_LEFT_ALONE = [
    # another base, a keyword, or an object that is not the builtin
    "class A(object, metaclass=type):\n    pass\nprint(A)\n",
    "class Base: pass\nclass A(Base):\n    pass\nprint(A.__bases__)\n",
    "object = type('O', (), {})\nclass A(object):\n    pass\nprint(A.__bases__)\n",
    "import builtins\nclass A(object):\n    pass\nprint(A.__bases__)\n",
    "from os.path import *\nclass A(object):\n    pass\nprint(A.__bases__)\n",
]

PASS_PAIRS = [
    (
        "class A:\n    pass\n    x = 1\nprint(A.x)\n",
        "class A:\n    x = 1\nprint(A.x)\n",
    ),
    ("def f():\n    pass; pass\n    pass\nprint(f())\n", "def f():\n    pass\nprint(f())\n"),
    ("if 1: pass; print(2); pass\n", "if 1: print(2)\n"),
    ("pass\nprint(1)\n", "print(1)\n"),
]
PASS_LEFT_ALONE = [
    "class A:\n    pass\nprint(A)\n",
    "for i in range(2): pass\nprint(i)\n",
]

RETURN_PAIRS = [
    (
        "def f(x):\n    if x:\n        return None\n    print(x)\n    return None\n"
        "print(f(0), f(1))\n",
        "def f(x):\n    if x:\n        return\n    print(x)\nprint(f(0), f(1))\n",
    ),
    ("def g(): print(1); return\nprint(g())\n", "def g(): print(1)\nprint(g())\n"),
    (
        "def k():\n    yield 1\n    return\nprint(list(k()))\n",
        "def k():\n    yield 1\nprint(list(k()))\n",
    ),
    ("def h():\n    return None\nprint(h())\n", "def h():\n    return\nprint(h())\n"),
]
RETURN_LEFT_ALONE = [
    "def h():\n    return\nprint(h())\n",
    "def f(x):\n    return x\nprint(f(None))\n",
    # the last return of a nested block is not the function's last statement
    "def f(x):\n    if x:\n        print(x)\n        return\n    return 3\nprint(f(1), f(0))\n",
]

EXCEPTION_PAIRS = [
    (
        "try:\n    raise ValueError()\nexcept ValueError as e:\n    print(repr(e), e.args)\n",
        "try:\n    raise ValueError\nexcept ValueError as e:\n    print(repr(e), e.args)\n",
    ),
    (
        "def g():\n    raise (StopIteration()) from None\ntry:\n    g()\nexcept Exception as e:\n"
        "    print(type(e).__name__, e.__cause__)\n",
        "def g():\n    raise (StopIteration) from None\ntry:\n    g()\nexcept Exception as e:\n"
        "    print(type(e).__name__, e.__cause__)\n",
    ),
]
EXCEPTION_LEFT_ALONE = [
    # arguments, a class that is not a builtin exception, a shadowed builtin
    "try:\n    raise KeyError(1)\nexcept KeyError as e:\n    print(e)\n",
    "class E(Exception):\n    pass\ntry:\n    raise E()\nexcept E as e:\n    print(repr(e))\n",
    "def ValueError():\n    return KeyError('made')\ntry:\n    raise ValueError()\n"
    "except KeyError as e:\n    print(e)\n",
    "try:\n    raise len()\nexcept TypeError as e:\n    print(type(e).__name__)\n",
]

test_object_base, test_object_base_left_alone = pair_tests(
    RemoveObjectBase(), OBJECT_PAIRS, OBJECT_LEFT_ALONE
)
test_pass, test_pass_left_alone = pair_tests(RemoveRedundantPass(), PASS_PAIRS, PASS_LEFT_ALONE)
test_return_none, test_return_none_left_alone = pair_tests(
    RemoveReturnNone(), RETURN_PAIRS, RETURN_LEFT_ALONE
)
test_exception_brackets, test_exception_brackets_left_alone = pair_tests(
    DropExceptionBrackets(), EXCEPTION_PAIRS, EXCEPTION_LEFT_ALONE
)
