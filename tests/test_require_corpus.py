"""Tests that need the real corpus skip visibly on a user's clone and fail in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REQUIRE_CORPUS, require_corpus


def test_missing_corpus_skips_with_its_path_as_the_reason(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(REQUIRE_CORPUS, raising=False)
    missing = tmp_path / "names.txt"
    with pytest.raises(pytest.skip.Exception, match=str(missing)):
        require_corpus(missing)


def test_missing_corpus_fails_when_ci_requires_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(REQUIRE_CORPUS, "1")
    with pytest.raises(pytest.fail.Exception, match=REQUIRE_CORPUS):
        require_corpus(tmp_path / "names.txt")


def test_present_corpus_is_returned(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(REQUIRE_CORPUS, "1")
    corpus = tmp_path / "names.txt"
    corpus.write_text("emma\n")
    assert require_corpus(corpus) == corpus
