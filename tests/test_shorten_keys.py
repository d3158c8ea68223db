"""shorten_keys: the keys of a dict only indexed by literals get the shortest spellings."""

import libcst as cst
import pytest

from minimizer.transforms.shorten_keys import ShortenKeys

BEFORE = """\
d = {'alpha': 1, 'beta': 2}
for i in range(2):
    d[f'layer{i}.w'] = i
print(d['alpha'] + d[f'layer{1}.w'], sum(d.values()))
"""


def apply_all(source: str) -> str:
    module = cst.parse_module(source)
    transform = ShortenKeys()
    return transform.apply(module, range(transform.count_sites(module))).code


def printed(source: str, capsys: pytest.CaptureFixture[str]) -> str:
    exec(compile(source, "<test>", "exec"), {})
    return capsys.readouterr().out


def test_keys_and_key_templates_get_short_spellings() -> None:
    after = apply_all(BEFORE)
    assert "'alpha'" not in after and "layer" not in after
    assert "f'{i}" in after and "f'{1}" in after  # the field stays, in front of a letter
    assert len(after) < len(BEFORE)


def test_the_program_prints_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert printed(apply_all(BEFORE), capsys) == printed(BEFORE, capsys)


def test_each_template_is_one_site_and_any_subset_works(capsys: pytest.CaptureFixture[str]) -> None:
    module = cst.parse_module(BEFORE)
    transform = ShortenKeys()
    assert transform.count_sites(module) == 3  # 'alpha', 'beta', f'layer{}.w'
    expected = printed(BEFORE, capsys)
    for site in range(3):
        assert printed(transform.apply(module, [site]).code, capsys) == expected


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
    assert ShortenKeys().count_sites(cst.parse_module(source)) == 0


UNROLLED = """\
d = {'wte': 1}
d[f'layer{0}.wq'] = 2
d[f'layer{0}.wk'] = 3
print(d['wte'] + d[f'layer{0}.wq'] * d[f'layer{0}.wk'], sum(d.values()))
"""


def test_fstrings_with_only_int_fields_are_constant_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    after = apply_all(UNROLLED)
    assert "f'" not in after and "layer" not in after  # plain one-letter strings
    assert ShortenKeys().count_sites(cst.parse_module(UNROLLED)) == 3
    assert printed(after, capsys) == printed(UNROLLED, capsys)


def test_a_constant_key_a_template_could_render_is_left_alone() -> None:
    source = "d = {'w1': 0}\nfor i in range(2):\n    d[f'w{i}'] = i\nprint(d['w1'])\n"
    assert ShortenKeys().count_sites(cst.parse_module(source)) == 0


def test_int_fields_next_to_a_computed_field_keep_their_template(
    capsys: pytest.CaptureFixture[str],
) -> None:
    after = apply_all(BEFORE)  # f'layer{1}.w' must stay in step with f'layer{i}.w'
    assert printed(after, capsys) == printed(BEFORE, capsys)
