"""One stock vocabulary for every card, page and cart line (issue 18).

Before this, a home card said "In this store" (any size on the shelf) while the product page said "Not in this
store" (the size it opened on): each screen worded its own figures. Every screen now maps the same figures
through `stock_state` and shows `STOCK_WORDS[state]`, with the time the figures were true beside them.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.core.catalog import Product, StockAvailability, Variant
from kiosk.core.i18n import LocalizedText

# At or below this many on the shelf the words say "only a few left": the shopper should not walk to the
# shelf for the last one that someone else just took without being told it may be gone.
LOW_STOCK_HERE = 2


class StockState(StrEnum):
    """Stable codes: QML picks the colour from them, tests and logs use them."""

    HERE = "here"  # on the shelf in this store
    LOW_HERE = "low_here"  # on the shelf, LOW_STOCK_HERE or fewer
    ELSEWHERE = "elsewhere"  # not here; another store or the warehouse has it: order it
    NOT_HERE = "not_here"  # not here, and the screen does not know about elsewhere (a card from the cache)
    UNAVAILABLE = "unavailable"  # nowhere in the estate


STOCK_WORDS: dict[StockState, LocalizedText] = {
    StockState.HERE: LocalizedText(en="In this store", es="En esta tienda"),
    StockState.LOW_HERE: LocalizedText(en="Only a few left in this store", es="Quedan pocas unidades en esta tienda"),
    StockState.ELSEWHERE: LocalizedText(
        en="Not in this store: we can order it for you", es="No está en esta tienda: te lo pedimos"
    ),
    StockState.NOT_HERE: LocalizedText(en="Not in this store", es="No está en esta tienda"),
    StockState.UNAVAILABLE: LocalizedText(en="Out of stock everywhere", es="Agotado en todas partes"),
}


def stock_state(here: int, elsewhere: int | None) -> StockState:
    """The state of figures for this store and (when known) the rest of the estate. `elsewhere` is None where
    only this store's figure is at hand (cards read from the catalog cache's summary column)."""
    if here > LOW_STOCK_HERE:
        return StockState.HERE
    if here > 0:
        return StockState.LOW_HERE
    if elsewhere is None:
        return StockState.NOT_HERE
    return StockState.ELSEWHERE if elsewhere > 0 else StockState.UNAVAILABLE


def card_state(in_stock_here: bool) -> StockState:
    """A product card's state from the cache's per-product summary (any variant on the shelf here). The
    product page opens on a variant that is on the shelf when there is one, so card and page agree."""
    return StockState.HERE if in_stock_here else StockState.NOT_HERE


def availability_state(stock: StockAvailability) -> StockState:
    return stock_state(stock.here, stock.elsewhere)


def stock_words(state: StockState, lang: str) -> str:
    return STOCK_WORDS[state].get(lang)


def first_on_shelf(product: Product, here: frozenset[str]) -> Variant:
    """The variant a product page opens on without a chosen one: the first on the shelf here (location ids
    `here`), if any. A card says "In this store" when any variant is, and the page must not then open on one
    that is not."""
    for variant in product.variants:
        if any(level.location_id in here and level.quantity > 0 for level in variant.stock):
            return variant
    return product.variants[0]
