"""One-letter typos in a shopper's search word: the candidate spellings a word index is asked about.

A touch keyboard makes one-letter slips common ("camisa" typed "camiza", "cmaisa", "camsa"). The cache's
word index already ignores accents ("camísa" finds "camisa"); for a word that matches nothing, every spelling
one edit away (a letter dropped, swapped with its neighbour, replaced or added: Damerau-Levenshtein distance 1)
is looked up in the index, and the most common one that exists is offered instead.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"  # the index folds accents and case (unicode61, diacritics 2)
MIN_LENGTH = 4  # shorter words have too many neighbours for a guess to be worth showing


def one_edit_away(word: str) -> set[str]:
    """Every string at Damerau-Levenshtein distance exactly 1 from `word`, over ALPHABET (word excluded)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {left + ch + right[1:] for left, right in splits if right for ch in ALPHABET}
    inserts = {left + ch + right for left, right in splits for ch in ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word, ""}


def fold(word: str) -> str:
    """Lower case without accents, as the word index stores words ("Camísa" -> "camisa")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
