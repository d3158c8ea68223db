"""convert_def_to_lambda: a one-expression function becomes a lambda assignment."""

from __future__ import annotations

from transform_check import apply_sites, dedent, pair_tests, run_program

from minimizer.transforms.convert_def_to_lambda import ConvertDefToLambda

LAMBDA_PAIRS = [
    ("def f(a, b=1):\n    return a + b\n", "f=lambda a,b=1:a + b\n"),
    ("def f(): return 1\n", "f=lambda:1\n"),
    ("def f(x): return\n", "f=lambda x:None\n"),
    ("def f(a, b):\n    return a, b\n", "f=lambda a,b:(a, b)\n"),
    ("def f(*a, k=2, **kw): return a\n", "f=lambda *a,k=2,**kw:a\n"),
    ("def f(a, /, b, *, c):\n    return c\n", "f=lambda a,/,b,*,c:c\n"),
    (
        "def f(\n    a,\n    b=(1,\n       2),\n):\n    return a\n",
        "f=lambda a,b=(1,\n       2):a\n",
    ),
    (
        "class V:\n    # relu\n    def relu(self):\n        return max(0, self.x)\n",
        "class V:\n    # relu\n    relu=lambda self:max(0, self.x)\n",
    ),
    ("def f(x):\n    return lambda y: x + y\n", "f=lambda x:lambda y: x + y\n"),
    # Left alone: decorators, annotations, async, generators, docstrings, two statements.
    ("@d\ndef f(x): return x\n", "@d\ndef f(x): return x\n"),
    ("def f(x: int): return x\n", "def f(x: int): return x\n"),
    ("def f(x) -> int: return x\n", "def f(x) -> int: return x\n"),
    ("async def f(x): return x\n", "async def f(x): return x\n"),
    ("def f(x): return (yield x)\n", "def f(x): return (yield x)\n"),
    ('def f(x):\n    """Doc."""\n    return x\n', 'def f(x):\n    """Doc."""\n    return x\n'),
    ("def f(x):\n    x += 1\n    return x\n", "def f(x):\n    x += 1\n    return x\n"),
    # Left alone: functions whose identity is read, or that need the __class__ cell.
    ("def f(x): return x\nprint(f.__name__)\n", "def f(x): return x\nprint(f.__name__)\n"),
    (
        "class A(B):\n    def f(self): return super().f()\nprint(A.f.__qualname__)\n",
        "class A(B):\n    def f(self): return super().f()\nprint(A.f.__qualname__)\n",
    ),
    (
        "class A:\n    def f(self): return __class__\n",
        "class A:\n    def f(self): return __class__\n",
    ),
]

test_before_after, _ = pair_tests(ConvertDefToLambda(), LAMBDA_PAIRS)


def test_convert_def_to_lambda_programs_print_the_same() -> None:
    source = dedent("""
        counter = [0]
        def default():
            counter[0] += 1
            return counter[0]
        def scaled(x, factor=default(), *rest, power=2, **options):
            return (x * factor) ** power, rest, sorted(options)
        def pair(a, b):
            return a, b
        def fact(n): return n < 2 or n * fact(n - 1)
        class Value:
            def __init__(self, data):
                self.data = data
            def __add__(self, other):
                return Value(self.data + other.data)
            def __neg__(self):
                return Value(-self.data)
            def __repr__(self):
                return f"Value({self.data})"
            def twice(self):
                return self + self
        print(scaled(3), scaled(1, 2, 3, 4, power=3, z=1, a=2), counter)
        print(pair(1, 2), fact(10), Value(2).twice(), -Value(5))
        """)
    after = apply_sites(ConvertDefToLambda(), source)
    assert "lambda" in after and after.count("def ") == 2  # default and __init__ stay
    assert run_program(after) == run_program(source)
