"""The verifier is strict: every mutant in the catalog is rejected at its first divergence,
and every equivalent variant is accepted.

All edits run on the tiny configuration (well under a second each); the two in
``FULL_SIZE`` also run once on the real reference with the real corpus.
"""

from __future__ import annotations

import pytest
from conftest import reference_text, replace_once, tiny_reference_text
from mutants.catalog import EQUIVALENTS, FULL_SIZE, MUTANTS, Edit

from verifier.verification import Verdict, Verifier

ALL_EDITS = MUTANTS + EQUIVALENTS


def edited(text: str, edit: Edit) -> str:
    for old, new in edit.changes:
        text = replace_once(text, old, new)
    return text


def check_verdict(verdict: Verdict, edit: Edit) -> None:
    if edit.quantity is None:
        assert verdict.equivalent, f"{edit.name} ({edit.why}) was rejected:\n{verdict.describe()}"
        return
    assert not verdict.equivalent, f"the mutant {edit.name} ({edit.why}) was accepted"
    divergence = verdict.divergence
    assert divergence is not None
    assert (divergence.quantity, divergence.step) == (edit.quantity, edit.step), (
        f"{edit.name}: expected {edit.quantity} at step {edit.step} ({edit.why}), got\n"
        + verdict.describe()
    )


def test_catalog_is_large_enough_and_names_are_unique() -> None:
    assert len(MUTANTS) >= 25
    assert len(EQUIVALENTS) >= 10
    names = [edit.name for edit in ALL_EDITS]
    assert len(set(names)) == len(names)
    assert set(FULL_SIZE) <= set(names)


@pytest.mark.parametrize("edit", ALL_EDITS, ids=lambda edit: edit.name)
def test_every_snippet_occurs_once_in_the_reference(edit: Edit) -> None:
    """Each edit applies to the real reference as written, and really changes it."""
    original = reference_text()
    changed = edited(original, edit)
    assert changed != original
    compile(changed, edit.name, "exec")


@pytest.mark.parametrize("edit", ALL_EDITS, ids=lambda edit: edit.name)
def test_tiny_verdict(edit: Edit, tiny_verifier: Verifier) -> None:
    source = edited(tiny_reference_text(), edit)
    check_verdict(tiny_verifier.verify(source.encode(), "microgpt.py"), edit)


@pytest.mark.slow
@pytest.mark.parametrize("name", FULL_SIZE)
def test_full_size_verdict(name: str, full_verifier: Verifier) -> None:
    edit = next(edit for edit in ALL_EDITS if edit.name == name)
    check_verdict(
        full_verifier.verify(edited(reference_text(), edit).encode(), "microgpt.py"), edit
    )
