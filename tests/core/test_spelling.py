"""One-letter typos: the candidate spellings of a word, and accents folded as the word index folds them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.spelling import ALPHABET, fold, one_edit_away


def test_each_kind_of_slip_is_one_edit_away() -> None:
    near = one_edit_away("camisa")
    assert {"camsa", "cmaisa", "camiza", "camisas"} <= near  # dropped, swapped, replaced, added
    assert "camisa" not in near and "cmaiza" not in near  # two edits are not offered


def test_accents_and_case_fold_like_the_index() -> None:
    assert fold("Camísa") == "camisa" and fold("ÑANDÚ") == "nandu"


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=8))
def test_every_candidate_is_exactly_one_edit_away(word: str) -> None:
    for candidate in one_edit_away(word):
        assert candidate != word and abs(len(candidate) - len(word)) <= 1
