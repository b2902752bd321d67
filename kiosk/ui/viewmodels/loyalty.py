"""Points as the shopper sees them: the balance, what this cart earns, what points can take off, what the order earned.

The figures are kiosk.core.loyalty's rules applied to the cart; the backend is the authority once it has the
order (OrderReceipt.points_earned), and until then the confirmation says the figure is an estimate. The
checkout page binds to this view-model for "points to be earned" and "redeem up to N points for X"; the order
takes `points_to_redeem()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot

from kiosk.core.cart import Cart
from kiosk.core.customer import Customer
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import RedeemRules, RedemptionError, max_redeemable, points_for, redeem
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.viewmodels.formatting import number_text, price_text

# the order changed under a choice of points (a line removed, another way of receiving): the choice follows the
# new limit and says so, rather than a figure that changes without a word or an order refused later
REDEEM_LOWERED = LocalizedText(
    "Your order changed: it can now take at most {points} points, so your choice was lowered.",
    "Tu pedido ha cambiado: ahora admite como máximo {points} puntos, así que hemos bajado tu elección.",
)
REDEEM_OFFER = LocalizedText("Redeem up to {points} points for {amount}", "Canjea hasta {points} puntos por {amount}")
POINTS_TO_EARN = LocalizedText("This order earns {points} points", "Este pedido suma {points} puntos")
ORDER_EARNED = LocalizedText("This order earned you {points} points.", "Este pedido te ha sumado {points} puntos.")
ORDER_EARNS_ESTIMATE = LocalizedText(
    "You will earn about {points} points with this order (estimate: confirmed when the order reaches our store).",
    "Sumarás unos {points} puntos con este pedido (estimación: se confirma cuando el pedido llegue a la tienda).",
)
# a cart received in several ways is several orders: the confirmation's total for them all speaks of them all
ORDERS_EARNED = LocalizedText(
    "These orders earned you {points} points.", "Estos pedidos te han sumado {points} puntos."
)
ORDERS_EARN_ESTIMATE = LocalizedText(
    "You will earn about {points} points with these orders (estimate: confirmed when they reach our store).",
    "Sumarás unos {points} puntos con estos pedidos (estimación: se confirma cuando lleguen a la tienda).",
)


class LoyaltyViewModel(ViewModel):
    # the shopper: recognised, or only a card number (offline), either way the order earns points
    memberChanged, member = notified(bool, "member", False)
    balanceChanged, balance = notified(int, "balance", 0)
    # the cart now (after any points redeemed), by kiosk.core.loyalty.points_for and the shopper's tier
    pointsToEarnChanged, pointsToEarn = notified(int, "pointsToEarn", 0)
    pointsToEarnTextChanged, pointsToEarnText = notified(str, "pointsToEarnText", "")
    # redeeming: the most this cart can take, what that is worth, the shopper's choice and its discount
    canRedeemChanged, canRedeem = notified(bool, "canRedeem", False)
    maxRedeemPointsChanged, maxRedeemPoints = notified(int, "maxRedeemPoints", 0)
    maxRedeemDiscountChanged, maxRedeemDiscount = notified(str, "maxRedeemDiscount", "")
    redeemOfferChanged, redeemOffer = notified(str, "redeemOffer", "")
    redeemPointsChanged, redeemPoints = notified(int, "redeemPoints", 0)
    redeemDiscountChanged, redeemDiscount = notified(str, "redeemDiscount", "")
    redeemErrorChanged, redeemError = notified(str, "redeemError", "")
    # the confirmation: the backend's figure when it gave one, else the kiosk's estimate (said so)
    orderPointsChanged, orderPoints = notified(int, "orderPoints", 0)
    orderPointsEstimateChanged, orderPointsEstimate = notified(bool, "orderPointsEstimate", False)
    orderPointsTextChanged, orderPointsText = notified(str, "orderPointsText", "")

    def __init__(
        self,
        lang: Callable[[], str],
        customer: Callable[[], Customer | None],
        loyalty_number: Callable[[], str],
        cart: Callable[[], Cart],
        rules: RedeemRules,
        parent: ViewModel | None = None,
    ):
        super().__init__(parent)
        self._lang = lang
        self._customer = customer
        self._loyalty_number = loyalty_number
        self._cart = cart
        self._rules = rules
        # the orders one checkout placed (several when the cart was received in several ways) and the
        # backend's OrderReceipt.points_earned for each, once known
        self._orders: tuple[Order, ...] = ()
        self._backend_points: dict[str, int] = {}
        # what a redemption is judged against: the cart's subtotal until the checkout says which order takes the
        # points (a split cart's largest order, with its offers and delivery: set_base)
        self._base: Callable[[], Money] = lambda: self._cart().subtotal
        # what each order earns points on (None: the cart's subtotal less the points, as one order)
        self._earning: Callable[[], Sequence[Money]] | None = None
        self._earning_of: dict[str, Money] = {}  # the confirmed orders' goods as the checkout priced them

    def set_base(self, base: Callable[[], Money], earning: Callable[[], Sequence[Money]] | None = None) -> None:
        """The total of the one order the points ride on (CheckoutViewModel.redeem_base): the store lets points
        cover at most a share of that order, not of the whole cart. `earning`: each order's goods after its
        offers and points (CheckoutViewModel.earning): the store credits each order on its own."""
        self._base = base
        self._earning = earning

    # --- the cart -------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """After the cart, the shopper or the language changed: every figure again from the rules."""
        lang = self._lang()
        customer = self._customer()
        cart = self._cart()
        member = customer is not None or bool(self._loyalty_number())
        self._set("member", member)
        self._set("balance", customer.points if customer is not None else 0)
        subtotal = cart.subtotal
        base = self._base() if not cart.is_empty else subtotal
        most = max_redeemable(customer.points, base, self._rules) if customer is not None else 0
        self._set("maxRedeemPoints", most)
        self._set("canRedeem", most > 0)
        worth = (self._rules.point_value * most).rounded()
        self._set("maxRedeemDiscount", price_text(worth, lang) if most else "")
        offer = REDEEM_OFFER.get(lang).format(points=number_text(most, lang), amount=price_text(worth, lang))
        self._set("redeemOffer", offer if most else "")
        if self.redeemPoints > most:
            # the cart shrank below what was chosen: the choice follows the new limit rather than failing later
            self._choose(most if most else 0)
            if most:
                self._set("redeemError", REDEEM_LOWERED.get(lang).format(points=number_text(most, lang)))
        discount = self._discount(base)
        self._set("redeemDiscount", price_text(discount, lang) if discount is not None else "")
        tier = customer.tier if customer is not None else "Member"
        paid = subtotal - discount if discount is not None else subtotal
        each = tuple(self._earning()) if self._earning is not None and not cart.is_empty else (paid,)
        earns = sum(points_for(goods, tier) for goods in each) if member and not cart.is_empty else 0
        self._set("pointsToEarn", earns)
        self._set("pointsToEarnText", POINTS_TO_EARN.get(lang).format(points=number_text(earns, lang)) if earns else "")
        self._show_order()  # the confirmation's line too, in the language now chosen

    @Slot(int)
    def setRedeemPoints(self, points: int) -> None:
        """The shopper's choice; 0 redeems nothing. A choice the rules refuse is kept out and explained."""
        customer = self._customer()
        if points <= 0 or customer is None:
            self._choose(0)
        else:
            try:
                redeem(points, customer.points, self._base(), self._rules)
            except RedemptionError as exc:
                self._set("redeemError", exc.text.get(self._lang()))
                return
            self._choose(points)
        self.refresh()

    @Slot()
    def redeemMost(self) -> None:
        self.refresh()  # the most as the order taking the points stands now
        self.setRedeemPoints(int(self.maxRedeemPoints))

    @Slot()
    def clearRedeem(self) -> None:
        self.setRedeemPoints(0)

    def points_to_redeem(self) -> int:
        """For Order.points_to_redeem: the shopper's choice, still within the rules for the cart as it is now."""
        return int(self.redeemPoints) if self._discount() is not None else 0

    def discount(self) -> Money | None:
        """What the chosen points take off the order now (None: none chosen): the checkout's totals show it."""
        return self._discount()

    def _choose(self, points: int) -> None:
        self._set("redeemPoints", points)
        self._set("redeemError", "")

    def _discount(self, base: Money | None = None) -> Money | None:
        """`base`: what the redemption is judged against, when the caller has just asked it (else asked here:
        it prices the checkout order by order)."""
        customer = self._customer()
        if customer is None or self.redeemPoints <= 0:
            return None
        try:
            judged = base if base is not None else self._base()
            return redeem(int(self.redeemPoints), customer.points, judged, self._rules).discount
        except RedemptionError:
            return None

    # --- the confirmation -----------------------------------------------------------------------
    def order_confirmed(self, order: Order | None, receipt: OrderReceipt | None = None) -> None:
        """The order is saved: its points line (the backend's figure when the receipt carries one)."""
        self.orders_confirmed((order,) if order is not None else (), (receipt,) if receipt is not None else ())

    def orders_confirmed(
        self, orders: Sequence[Order], receipts: Sequence[OrderReceipt] = (), *, earning: Sequence[Money] = ()
    ) -> None:
        """One checkout's orders are saved (one per way of receiving): one points line for all of them.
        `earning`: what each order earns on as the checkout priced it (CheckoutViewModel.last_earning: its goods
        after offers and points), for the estimate until the store's figure comes."""
        self._orders = tuple(orders)
        self._backend_points = {}
        together = len(earning) == len(self._orders)
        self._earning_of = (
            {o.client_order_id: g for o, g in zip(self._orders, earning, strict=True)} if together else {}
        )
        self._choose(0)  # the next order starts without the last one's redemption
        for receipt in receipts:
            self._take(receipt)
        self._show_order()

    def receipt_arrived(self, receipt: OrderReceipt) -> None:
        """The backend's receipt for a confirmed order came later (e.g. from the sender): its figure wins."""
        if self._take(receipt):
            self._show_order()

    def _take(self, receipt: OrderReceipt) -> bool:
        if not any(order.client_order_id == receipt.client_order_id for order in self._orders):
            return False
        if receipt.points_earned is not None:
            self._backend_points[receipt.client_order_id] = receipt.points_earned
        return True

    def _show_order(self) -> None:
        if not self._orders:
            return
        if all(order.client_order_id in self._backend_points for order in self._orders):
            points, estimate = sum(self._backend_points.values()), False
        else:
            customer = self._customer()
            tier = customer.tier if customer is not None else "Member"
            points, estimate = 0, True
            for order in self._orders:  # the backend's figure where it gave one, the rules' elsewhere
                if order.client_order_id in self._backend_points:
                    points += self._backend_points[order.client_order_id]
                    continue
                member = customer is not None or bool(order.contact.loyalty_number)
                paid = self._earning_of.get(order.client_order_id, order.subtotal)
                if order.client_order_id not in self._earning_of and order.points_to_redeem > 0:
                    paid = paid - (self._rules.point_value * order.points_to_redeem).rounded()
                points += points_for(paid, tier) if member else 0
        self._set("orderPoints", points)
        self._set("orderPointsEstimate", estimate)
        if len(self._orders) > 1:
            text = ORDERS_EARN_ESTIMATE if estimate else ORDERS_EARNED
        else:
            text = ORDER_EARNS_ESTIMATE if estimate else ORDER_EARNED
        self._set(
            "orderPointsText",
            text.get(self._lang()).format(points=number_text(points, self._lang())) if points > 0 else "",
        )

    def wipe(self) -> None:
        self._orders = ()
        self._earning_of = {}
        self._backend_points = {}
        self._choose(0)
        for name in ("maxRedeemDiscount", "redeemOffer", "redeemDiscount", "pointsToEarnText", "orderPointsText"):
            self._set(name, "")
        for name in ("balance", "pointsToEarn", "maxRedeemPoints", "orderPoints"):
            self._set(name, 0)
        for flag in ("member", "canRedeem", "orderPointsEstimate"):
            self._set(flag, False)
