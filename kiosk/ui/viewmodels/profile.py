"""The recognised shopper's account for this session: points, what this order earns, saved cart, wishlist, history.

On a shared kiosk it shows the first name and the masked card only; the customer value itself stays in
memory for the session and is dropped by wipe().
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Slot

from kiosk.core.cart import Cart
from kiosk.core.catalog import SearchHit
from kiosk.core.customer import Customer, PastOrder
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import points_for
from kiosk.core.ports import CatalogStore
from kiosk.core.recommendations import Recommender
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import (
    catalog_names,
    date_text,
    hit_row,
    line_name,
    number_text,
    points_text,
    price_text,
    tier_name,
)
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.search import HIT_ROLES


class ProfileViewModel(ViewModel):
    firstNameChanged, firstName = notified(str, "firstName", "")
    maskedCardChanged, maskedCard = notified(str, "maskedCard", "")
    tierChanged, tier = notified(str, "tier", "")
    pointsChanged, points = notified(int, "points", 0)
    pointsTextChanged, pointsText = notified(str, "pointsText", "")  # the balance, "8.200" (es) / "8,200" (en)
    pointsThisOrderTextChanged, pointsThisOrderText = notified(str, "pointsThisOrderText", "")
    pointsThisOrderChanged, pointsThisOrder = notified(int, "pointsThisOrder", 0)
    savedCartCountChanged, savedCartCount = notified(int, "savedCartCount", 0)
    # the whole card number, only for a shopper who joined in this session: they have no card yet and need
    # the number to be recognised next time (every other visit shows the masked card only)
    newMemberCardChanged, newMemberCard = notified(str, "newMemberCard", "")

    def __init__(
        self,
        store: CatalogStore,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        customer: Callable[[], Customer | None],
        cart: Callable[[], Cart],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._lang = lang
        self._customer = customer
        self._cart = cart
        self._orders = RowListModel(("code", "date", "total", "items"), self)
        self._wishlist = RowListModel(HIT_ROLES, self)

    def _get_orders(self) -> RowListModel:
        return self._orders

    def _get_wishlist(self) -> RowListModel:
        return self._wishlist

    recentOrders = Property(QObject, _get_orders, constant=True)
    wishlist = Property(QObject, _get_wishlist, constant=True)

    @Slot()
    def refresh(self) -> None:
        customer = self._customer()
        if customer is None:
            self.wipe()
            return
        lang = self._lang()
        self._set("firstName", customer.first_name)
        self._set("maskedCard", customer.masked_loyalty_number)
        self._set("tier", tier_name(customer.tier, lang))
        self._set("points", customer.points)
        self._set("pointsText", number_text(customer.points, lang))
        self.refresh_points()
        self._set("savedCartCount", sum(ref.quantity for ref in customer.saved_cart))
        history = customer.history[:5]
        self._orders.reset([_order_row(order, lang, {}) for order in history])
        store = self._store
        lines = [line for order in history for line in order.lines]

        def named(names: dict[str, LocalizedText] | None, error: Exception | None) -> None:
            if names and self._customer() is customer:  # the lines as the catalog names them in this language
                self._orders.reset([_order_row(order, lang, names) for order in history])

        self._runner.read(lambda: catalog_names(store, lines, [line.product_id for line in lines]), named)
        recommender = Recommender(self._store)

        def done(hits: list[SearchHit] | None, error: Exception | None) -> None:
            if hits is not None and self._customer() is customer:
                self._wishlist.reset([hit_row(h, lang) for h in hits])

        wished = [pid for pid in customer.wishlist]
        self._runner.read(lambda: [h for h in (recommender.hit(pid) for pid in wished) if h is not None], done)

    def refresh_points(self) -> None:
        customer = self._customer()
        cart = self._cart()
        self._set("pointsThisOrder", points_for(cart.subtotal, customer.tier) if customer and not cart.is_empty else 0)
        earned = f"+{points_text(self.pointsThisOrder, self._lang())}" if customer is not None else ""
        self._set("pointsThisOrderText", earned)

    def set_new_member(self, loyalty_number: str) -> None:
        self._set("newMemberCard", loyalty_number)

    def wipe(self) -> None:
        for name in ("firstName", "maskedCard", "tier", "newMemberCard", "pointsText", "pointsThisOrderText"):
            self._set(name, "")
        for name in ("points", "pointsThisOrder", "savedCartCount"):
            self._set(name, 0)
        self._orders.reset([])
        self._wishlist.reset([])


def _order_row(order: PastOrder, lang: str, names: dict[str, LocalizedText]) -> dict[str, object]:
    """A past order on the account page: its first three items, named in `lang` when the catalog knows them."""
    items = [line_name(line, names, lang) for line in order.lines] or list(order.item_names)
    return {
        "code": order.code,
        "date": date_text(order.placed_on, lang),
        "total": price_text(order.total, lang),
        "items": ", ".join(items[:3]) + ("…" if len(items) > 3 else ""),
    }
