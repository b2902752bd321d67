"""One stock vocabulary (issue 18): every screen maps the same figures to the same state and words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.core.catalog import Location, LocationKind, Product, StockAvailability, StockLevel, Variant
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.stock import (
    STOCK_WORDS,
    StockState,
    availability_state,
    card_state,
    first_on_shelf,
    stock_state,
    stock_words,
)

BCN = Location("bcn", "Barcelona Diagonal", LocationKind.STORE, "Barcelona")


@pytest.mark.parametrize(
    ("here", "elsewhere", "state"),
    [
        (5, 0, StockState.HERE),
        (3, None, StockState.HERE),
        (2, 9, StockState.LOW_HERE),
        (1, None, StockState.LOW_HERE),
        (0, 4, StockState.ELSEWHERE),
        (0, 0, StockState.UNAVAILABLE),
        (0, None, StockState.NOT_HERE),
    ],
)
def test_figures_map_to_one_state(here: int, elsewhere: int | None, state: StockState) -> None:
    assert stock_state(here, elsewhere) is state


def test_availability_counts_other_stores_and_the_warehouse_as_elsewhere() -> None:
    assert availability_state(StockAvailability(0, ((BCN, 0),), 3, None)) is StockState.ELSEWHERE
    assert availability_state(StockAvailability(0, ((BCN, 2),), 0, None)) is StockState.ELSEWHERE
    assert availability_state(StockAvailability(0, ((BCN, 0),), 0, None)) is StockState.UNAVAILABLE


def test_cards_never_claim_more_than_the_cache_knows() -> None:
    assert card_state(True) is StockState.HERE
    assert card_state(False) is StockState.NOT_HERE


def test_every_state_has_words_in_every_language_word_for_word() -> None:
    assert set(STOCK_WORDS) == set(StockState)
    assert all(words.en and words.es and words.en != words.es for words in STOCK_WORDS.values())
    assert stock_words(StockState.HERE, "es") == "En esta tienda"
    assert stock_words(StockState.ELSEWHERE, "en") == "Not in this store: we can order it for you"
    assert stock_words(StockState.UNAVAILABLE, "es") == "Agotado en todas partes"


def _variant(vid: str, here: int, bcn: int) -> Variant:
    return Variant(
        vid,
        "p",
        vid,
        None,
        Money(Decimal("10"), "EUR"),
        options=(("size", LocalizedText.same(vid)),),
        stock=(StockLevel("here", here), StockLevel("bcn", bcn)),
    )


def test_a_page_opens_on_the_first_variant_on_the_shelf_as_the_card_promised() -> None:
    product = Product(
        "p",
        LocalizedText.same("Shirt"),
        "Brand",
        LocalizedText.same(""),
        None,
        (_variant("S", 0, 4), _variant("M", 0, 0), _variant("L", 2, 0)),
    )
    assert first_on_shelf(product, frozenset({"here"})).id == "L"
    # no variant on the shelf: the first one, as before
    assert first_on_shelf(product, frozenset({"elsewhere"})).id == "S"
