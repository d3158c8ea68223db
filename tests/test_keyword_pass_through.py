"""``**kwargs`` handed on to a function the analysis cannot resolve: parameters are
pinned only by the keywords that could reach it, unless the mapping could hold any key."""

from __future__ import annotations

import re

from transform_check import apply_sites, dedent, run_program

from minimizer.transforms.rename_locals import RenameLocals

PASS_THROUGH = dedent("""
    class Surface:
        def __init__(self, **options):
            self.colour = options.get('colour', 1)
    class Checkered(Surface):
        def __init__(self, **options):
            Surface.__init__(self, **options)
            self.size = options.get('size', 2)
    def blend(first, second, weight):
        return first * weight + second
    class Painter:
        def paint(self, width, colour):
            return Checkered(colour=colour, size=width).colour
    print(blend(first=1, second=2, weight=3), Painter().paint(4, 5))
    """)


def _renamed(code: str) -> str:
    return apply_sites(RenameLocals(), code)


def test_handing_on_kwargs_pins_only_parameters_spelled_like_a_written_keyword() -> None:
    renamed = _renamed(PASS_THROUGH)
    # ``colour`` and ``size`` are written at a call whose keywords reach Surface.__init__
    for gone in ("self", "options", "weight", "width"):
        assert gone not in renamed, gone
    # ``first`` is passed by keyword to the resolved blend: renamed at the call too
    assert "first" not in renamed
    assert run_program(renamed) == run_program(PASS_THROUGH)


def test_a_parameter_named_like_a_keyword_that_can_reach_the_unknown_function_is_kept() -> None:
    renamed = _renamed(PASS_THROUGH)
    # a method can be reached by unknown calls: ``colour`` may arrive as a keyword there
    assert re.search(r"def paint\(\w+, \w+, colour\)", renamed), renamed


def test_kwargs_that_could_hold_any_key_still_pin_every_parameter() -> None:
    # the mapping is changed before it is handed on: its keys are not all written at calls
    changed = PASS_THROUGH.replace(
        "Surface.__init__(self, **options)",
        "options['extra'] = 1\n        Surface.__init__(self, **options)",
    )
    renamed = _renamed(changed)
    # (blend is only ever called by its name: no unknown call reaches it either way)
    for kept in ("self", "width", "colour"):
        assert kept in renamed, kept
    assert run_program(renamed) == run_program(changed)
