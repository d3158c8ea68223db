"""Transforms on whole programs: every subset of sites gives a valid program, and the
output of every safe one (and of any subset of the restructuring ones) stays the same.

Each transform's own file holds its before/after pairs; here several transforms
meet the same larger programs, where sites interact.
"""

from __future__ import annotations

import ast
import itertools

import libcst as cst
import pytest
from conftest import reference_text
from transform_check import apply_sites, dedent, run_program

from minimizer.transforms.alias_names import AliasNames
from minimizer.transforms.augment_assignments import AugmentAssignments
from minimizer.transforms.base import Safety, Transform
from minimizer.transforms.compact_imports import CompactImports
from minimizer.transforms.convert_def_to_lambda import ConvertDefToLambda
from minimizer.transforms.drop_parentheses import DropParentheses
from minimizer.transforms.fold_assignments import FoldAssignments
from minimizer.transforms.inline_constants import InlineConstants
from minimizer.transforms.inline_variables import InlineVariables
from minimizer.transforms.positional_arguments import PositionalArguments
from minimizer.transforms.remove_unused import RemoveUnused
from minimizer.transforms.rewrite_isinstance import RewriteIsinstance
from minimizer.transforms.shorten_literals import ShortenLiterals
from minimizer.transforms.swap_operands import SwapOperands
from minimizer.transforms.unroll_loops import UnrollLoops

#: Definition-level and spelling transforms, each tried site by site on one program.
SPELLING_TRANSFORMS = [ShortenLiterals(), CompactImports(), AliasNames(), ConvertDefToLambda()]
ALL_TRANSFORMS: list[Transform] = [
    RemoveUnused(),
    InlineVariables(),
    AugmentAssignments(),
    RewriteIsinstance(),
    SwapOperands(),
    DropParentheses(),
]

PROGRAMS = [
    dedent("""
        import math, os, json
        from collections import OrderedDict, deque
        unused_limit = 10
        alias = unused_limit

        class Point:
            __slots__ = ('x', 'y')
            def __init__(self, x, y):
                self.x, self.y = x, y
            def norm(self):
                total = (self.x * self.x) + (self.y * self.y)
                return math.sqrt(total)

        class Scratch:
            pass

        def helper(values=(1, 2)):
            return sum(values)

        def scale(p, k):
            p.x = p.x * k
            p.y = p.y + (k - 2)
            return p

        points = [Point(i, (i * 3) % 7) for i in range(6)]
        queue = deque(points)
        while queue:
            p = queue.popleft()
            q = scale(p, (1 / 3))
            n = q.norm()
            print(f"{(n):.17g}", isinstance(q, Point), (-n) ** 2, (1 / 3) * (q.x + q.y))
        """),
    dedent("""
        def walk(tree, depth=0):
            out = []
            for key in sorted(tree):
                child = tree[key]
                label = ('  ' * depth) + key
                out.append(label)
                if isinstance(child, dict):
                    out.extend(walk(child, depth + 1))
            return out

        def unused_walker(x):
            return walk(x)

        data = {'b': {'c': {}, 'a': {'z': {}}}, 'a': {}}
        lines = walk(data)
        text = '\\n'.join(lines)
        print(text)
        count = len(lines)
        print(count * (count + 1))
        """),
]

SAFE_OR_LAYOUT = [t for t in ALL_TRANSFORMS if t.safety is not Safety.RISKY]


@pytest.mark.parametrize("transform", SAFE_OR_LAYOUT, ids=lambda t: t.name)
@pytest.mark.parametrize("program", PROGRAMS, ids=["points", "tree"])
def test_safe_transforms_keep_what_programs_print(transform: Transform, program: str) -> None:
    module = cst.parse_module(program)
    sites = transform.count_sites(module)
    assert sites > 0, "the program should give the transform something to do"
    for chosen in [range(sites), *([i] for i in range(sites))]:
        assert run_program(transform.apply(module, chosen).code) == run_program(program)


@pytest.mark.parametrize("transform", ALL_TRANSFORMS, ids=lambda t: t.name)
@pytest.mark.parametrize("program", PROGRAMS, ids=["points", "tree"])
def test_every_subset_of_sites_gives_a_valid_program(transform: Transform, program: str) -> None:
    module = cst.parse_module(program)
    sites = transform.count_sites(module)
    subsets = [range(sites), *([i] for i in range(sites)), range(0, sites, 2), range(1, sites, 2)]
    for chosen in subsets:
        result = transform.apply(module, chosen)
        compile(result.code, "<result>", "exec")
        # A shorter program for every proposed site, and never a longer one.
        assert len(result.code) < len(program) or not list(chosen)


@pytest.mark.parametrize("program", PROGRAMS, ids=["points", "tree"])
def test_drop_parentheses_keeps_the_ast_for_any_subset(program: str) -> None:
    transform = DropParentheses()
    module = cst.parse_module(program)
    sites = transform.count_sites(module)
    expected = ast.dump(ast.parse(program))
    for size in (1, 2):
        for chosen in itertools.combinations(range(sites), size):
            assert ast.dump(ast.parse(transform.apply(module, chosen).code)) == expected


PROGRAM = dedent("""
    n_layer, n_head = 1, 2
    scale = 0.5
    table = {}
    for i in range(n_layer):
        table[f'w{i}'] = [0.25 * scale] * n_head
        table[f'b{i}'] = i
    def block(x, caches):
        for li in range(n_layer):
            caches[li].append(x)
            x = [v * scale + table[f'w{li}'][0] for v in x]
            for h in range(n_head):
                x = x + [h]
        return x
    caches = [[] for _ in range(n_layer)]
    print(block([1.0, 2.0], caches), caches, sorted(table))
    for i, v in enumerate('ab'):
        print(i, v)
    import random
    random.seed(5)
    w = [v / 4 for v in range(4)]
    w = sorted(w, key=abs, reverse=True)
    w = random.choices(population=range(4), weights=w, cum_weights=None, k=2)
    print(w)
    """)


@pytest.mark.parametrize(
    "transform", [UnrollLoops(), InlineConstants(), FoldAssignments(), PositionalArguments()]
)
def test_any_subset_of_sites_prints_the_same(transform: Transform) -> None:
    module = cst.parse_module(PROGRAM)
    sites = transform.count_sites(module)
    assert sites >= 2
    expected = run_program(PROGRAM)
    for size in range(sites + 1):
        for subset in itertools.combinations(range(sites), size):
            changed = transform.apply(module, subset).code
            assert run_program(changed) == expected, subset
    assert apply_sites(transform, PROGRAM) != PROGRAM


def test_unrolling_after_inlining_constants_prints_the_same() -> None:
    inlined = apply_sites(InlineConstants(), PROGRAM)
    assert "n_layer" not in inlined and "scale" not in inlined
    unrolled = apply_sites(UnrollLoops(), inlined)
    assert "range(1)" not in unrolled
    assert run_program(unrolled) == run_program(PROGRAM)


SITE_PROGRAM = dedent('''
    """Exercise every transform at once."""
    import math
    import random
    random.seed(1)
    def square(x): return x * x
    def mean(values):
        return sum(values) / len(values)
    values = [random.gauss(0.0, 1.0) for _ in range(len("abcdef"))]
    print(f"mean", mean(values), square(0.5), math.exp(0.25), math.exp(1.0), math.exp(2.0))
    print(len(values), len(values[:2]), len(values[:3]), 0x10, 1000000.0, """done""")
    ''')


@pytest.mark.parametrize("transform", SPELLING_TRANSFORMS, ids=lambda t: t.name)
def test_each_single_site_keeps_the_output(transform: Transform) -> None:
    module = cst.parse_module(SITE_PROGRAM)
    expected = run_program(SITE_PROGRAM)
    count = transform.count_sites(module)
    assert count > 0
    for site in range(count):
        candidate = transform.apply(module, [site]).code
        assert len(candidate) < len(SITE_PROGRAM)
        assert run_program(candidate) == expected


@pytest.mark.parametrize("transform", SPELLING_TRANSFORMS, ids=lambda t: t.name)
def test_reference_shrinks_and_still_compiles(transform: Transform) -> None:
    source = reference_text()
    after = apply_sites(transform, source)
    assert len(after) < len(source)
    compile(after, "microgpt.py", "exec")
