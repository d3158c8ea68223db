"""shorten_keys: the keys of a dict only indexed by literals get the shortest spellings."""

from __future__ import annotations

import libcst as cst
import pytest
from transform_check import apply_sites, assert_unchanged, run_program

from minimizer.transforms.shorten_keys import ShortenKeys

BEFORE = """\
d = {'alpha': 1, 'beta': 2}
for i in range(2):
    d[f'layer{i}.w'] = i
print(d['alpha'] + d[f'layer{1}.w'], sum(d.values()))
"""


def test_keys_and_key_templates_get_short_spellings() -> None:
    after = apply_sites(ShortenKeys(), BEFORE)
    assert "'alpha'" not in after and "layer" not in after
    assert "f'{i}" in after and "f'{1}" in after  # the field stays, in front of a letter
    assert len(after) < len(BEFORE)


def test_the_program_prints_the_same() -> None:
    assert run_program(apply_sites(ShortenKeys(), BEFORE)) == run_program(BEFORE)


def test_each_template_is_one_site_and_any_subset_works() -> None:
    module = cst.parse_module(BEFORE)
    transform = ShortenKeys()
    assert transform.count_sites(module) == 3  # 'alpha', 'beta', f'layer{}.w'
    expected = run_program(BEFORE)
    for site in range(3):
        assert run_program(transform.apply(module, [site]).code) == expected


@pytest.mark.parametrize(
    "source",
    [
        "d = {'a1': 1}\nprint(d)\n",  # the dict itself is shown
        "d = {'a1': 1}\nprint(list(d.keys()))\n",  # its keys are shown
        "d = {'a1': 1}\nk = 'a1'\nprint(d[k])\n",  # indexed by a computed key
        "d = {'a1': 1}\nd = {'a1': 2}\nprint(d['a1'])\n",  # bound twice
        "d = {'a1': 1}\nprint(d[f'{1!r}'] if 0 else 0)\n",  # a field with a conversion
    ],
)
def test_dicts_whose_keys_can_escape_are_left_alone(source: str) -> None:
    assert_unchanged(ShortenKeys(), source)


UNROLLED = """\
d = {'wte': 1}
d[f'layer{0}.wq'] = 2
d[f'layer{0}.wk'] = 3
print(d['wte'] + d[f'layer{0}.wq'] * d[f'layer{0}.wk'], sum(d.values()))
"""


def test_fstrings_with_only_int_fields_are_constant_keys() -> None:
    after = apply_sites(ShortenKeys(), UNROLLED)
    assert "f'" not in after and "layer" not in after  # plain one-letter strings
    assert ShortenKeys().count_sites(cst.parse_module(UNROLLED)) == 3
    assert run_program(after) == run_program(UNROLLED)


def test_a_constant_key_a_template_could_render_is_left_alone() -> None:
    source = "d = {'w1': 0}\nfor i in range(2):\n    d[f'w{i}'] = i\nprint(d['w1'])\n"
    assert_unchanged(ShortenKeys(), source)


def test_int_fields_next_to_a_computed_field_keep_their_template() -> None:
    after = apply_sites(ShortenKeys(), BEFORE)  # f'layer{1}.w' must stay in step with f'layer{i}.w'
    assert run_program(after) == run_program(BEFORE)
