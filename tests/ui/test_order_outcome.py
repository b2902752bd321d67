"""An order placed offline comes back short: the confirmation and the order's status page say so, in both languages.

The demo store places orders as Vendure's kioskPlaceOrder does (kiosk/backends/demo/placement.py): a line short
of stock is placed with what there is, and the receipt says so. The kiosk keeps that outcome in kiosk.db, tells
the confirmation (queued from the sender's thread), and shows it again when the order's QR is scanned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.catalog import LocationKind
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import points_for
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, OrderReceipt, OrderStatus, ShortLine
from kiosk.core.order_tracking import order_code
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.order_outcome import OrderOutcomeViewModel
from tests.fakes import FakeClock
from tests.fixtures.vendure import sample_order
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, next_step, tap, text_of

FOLLOW_UP = {
    "en": "The store will contact you about the items that could not be ordered.",
    "es": "La tienda se pondrá en contacto contigo por los artículos que no se han podido pedir.",
}


def _variant_with_stock(kiosk: KioskApp, shop: DemoBackend, at_least: int) -> tuple[str, str]:
    store = kiosk.services.store
    for hit in store.popular(300):
        product = store.product(hit.product_id)
        live = shop.product(hit.product_id)
        if product is None or live is None:
            continue
        for variant, there in zip(product.variants, live.variants, strict=True):
            if store.availability(variant).here > 0 and sum(s.quantity for s in there.stock) >= at_least:
                return product.id, variant.id
    raise AssertionError("the demo catalog has no such variant")


def _drain_to(shop: DemoBackend, product_id: str, variant_id: str, left: int) -> None:
    """Stock moves in the store (its staff, other orders) until the variant has `left` units in all locations."""
    for _ in range(2000):
        product = shop.product(product_id)
        assert product is not None
        variant = next(v for v in product.variants if v.id == variant_id)
        if sum(level.quantity for level in variant.stock) == left:
            return
        assert shop.change_product(product_id, stock_moves=True) == 1
    raise AssertionError(f"stock of {variant_id} never came to {left}")


def _scan(kiosk: KioskApp, payload: str) -> None:
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]Q1" + payload.encode() + b"\r")


def test_an_order_placed_offline_that_comes_back_short_says_so_on_the_confirmation_and_its_status(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path, clock: FakeClock  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    try:
        _offline_order_comes_back_short(kiosk, shop, qtbot, clock)
    finally:
        kiosk.app_vm.setLanguage("en")  # the translator belongs to the QApplication every test shares


def _offline_order_comes_back_short(kiosk: KioskApp, shop: DemoBackend, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    customer = shop.sample_customer()
    assert customer is not None
    product_id, variant_id = _variant_with_stock(kiosk, shop, 2)
    vm.start()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: vm.shopperName == customer.first_name, timeout=5000)

    shop.offline = True  # the network drops: the order is saved here and sent later
    product = kiosk.services.store.product(product_id)
    assert product is not None
    vm.cart.add(product, next(v for v in product.variants if v.id == variant_id), 2)
    vm.openCart()
    tap(window, find(window, "checkoutButton"))
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    vm.checkout.useProfile()
    qtbot.waitUntil(lambda: vm.checkout.email == customer.email)
    here = next(loc.id for loc in kiosk.services.store.locations() if loc.kind is LocationKind.HERE)
    vm.checkout.selectOption(f"reserve_here:{here}")
    for step in (1, 2, 3):  # how to receive, your details, pay
        next_step(qtbot, kiosk, step)
    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None and order.lines[0].quantity == 2
    assert text_of(window, "orderNote") == "Stock is confirmed when the order is sent."
    estimate = vm.loyalty.orderPoints
    assert vm.loyalty.orderPointsEstimate and estimate > 0
    assert text_of(window, "orderPoints") == (
        f"You will earn about {estimate} points with this order (estimate: confirmed when the order reaches our store)."
    )
    assert not find(window, "orderOutcome").isVisible() and not find(window, "orderFinalAmount").isVisible()

    # while the kiosk is offline the store sells all but one: the order comes back short when it is sent
    _drain_to(shop, product_id, variant_id, 1)
    shop.offline = False
    clock.advance(31)  # past the sender's probe back-off (30 s cap), well within the shopper's session
    kiosk._wake.set()
    qtbot.waitUntil(lambda: vm.orderOutcome.outcome != "", timeout=15000)
    entry = kiosk.services.outbox.get(order.client_order_id)
    assert entry is not None and entry.status is OrderStatus.DELIVERED and entry.receipt is not None
    receipt = entry.receipt
    assert receipt.short_lines == (ShortLine(variant_id, 2, 1),)
    assert receipt.total is not None and receipt.points_earned is not None
    assert receipt.total.rounded() != order.shown_total.rounded()
    name = order.lines[0].name
    assert text_of(window, "orderOutcome") == (
        f"Only 1 of 2 × {name} were in stock; 1 missing.\n{FOLLOW_UP['en']}"
    )
    assert text_of(window, "orderFinalAmount") == (
        f"Final amount: {receipt.total.format('en')} (the kiosk estimated {order.shown_total.format('en')})."
    )
    # the points line now carries the store's figure, on what was placed
    assert receipt.points_earned == points_for(receipt.total, customer.tier) != estimate
    assert not vm.loyalty.orderPointsEstimate
    assert text_of(window, "orderPoints") == f"This order earned you {receipt.points_earned} points."
    assert find(window, "orderOutcome").isVisible() and find(window, "orderFinalAmount").isVisible()

    vm.setLanguage("es")
    assert text_of(window, "orderOutcome") == (
        f"Solo había 1 de 2 × {name} en stock; falta 1.\n{FOLLOW_UP['es']}"
    )
    assert text_of(window, "orderFinalAmount") == (
        f"Importe final: {receipt.total.format('es')} (el quiosco calculó {order.shown_total.format('es')})."
    )
    assert text_of(window, "orderPoints") == f"Este pedido te ha sumado {receipt.points_earned} puntos."

    # the shopper leaves; later the order's QR is scanned here: its status says what came back short
    vm.finish()
    qtbot.waitUntil(lambda: vm.page == "attract", timeout=5000)
    assert vm.orderOutcome.outcome == "" and vm.orderOutcome.finalAmount == ""
    _scan(kiosk, order_code(order).qr_payload)
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and vm.orderStatus.found, timeout=5000)
    if vm.language != "en":
        vm.setLanguage("en")
    assert text_of(window, "orderStatusOutcome") == (
        f"Only 1 of 2 × {name} were in stock; 1 missing.\n{FOLLOW_UP['en']}"
    )
    assert text_of(window, "orderStatusPriceNote") == (
        f"Final amount: {receipt.total.format('en')} (the kiosk estimated {order.shown_total.format('en')})."
    )
    assert find(window, "orderStatusOutcome").isVisible()
    vm.setLanguage("es")
    assert text_of(window, "orderStatusOutcome") == (
        f"Solo había 1 de 2 × {name} en stock; falta 1.\n{FOLLOW_UP['es']}"
    )
    assert text_of(window, "orderStatusPriceNote") == (
        f"Importe final: {receipt.total.format('es')} (el quiosco calculó {order.shown_total.format('es')})."
    )


def test_a_receipt_that_beats_the_confirmation_is_kept_for_it_and_another_orders_receipt_is_not_shown(qapp) -> None:  # type: ignore[no-untyped-def]
    lang = ["en"]
    vm = OrderOutcomeViewModel(lambda: lang[0])
    order, other = sample_order(number="K-0001"), sample_order(number="K-0002")
    note = LocalizedText("The code NOPE does not exist.", "El código NOPE no existe.")
    early = OrderReceipt(order.client_order_id, "B1", "PaymentPending", total=order.shown_total, notes=(note,))
    assert not vm.receipt_arrived(early)  # the sender was quicker than the confirmation
    assert vm.outcome == ""
    assert vm.orders_confirmed((order,)) == (early,)
    assert vm.outcome == "The code NOPE does not exist." and vm.finalAmount == ""  # the total is the one shown
    assert not vm.receipt_arrived(replace(early, client_order_id=other.client_order_id))
    assert vm.outcome == "The code NOPE does not exist."
    lower = order.shown_total - Money.of("1.00", order.currency)
    assert vm.receipt_arrived(replace(early, total=lower, short_lines=(ShortLine("v9", 3, 2),)))
    lang[0] = "es"
    vm.refresh_language()
    assert vm.outcome == f"El código NOPE no existe.\n{FOLLOW_UP['es']}"
    assert vm.finalAmount == (
        f"Importe final: {lower.format('es')} (el quiosco calculó {order.shown_total.format('es')})."
    )
    vm.wipe()
    assert vm.outcome == "" and vm.finalAmount == ""
    assert len(vm.orders_confirmed((other,))) == 1  # the other order's receipt waited for its confirmation


def test_each_order_of_a_split_checkout_says_where_it_stands_and_its_own_outcome(qapp) -> None:  # type: ignore[no-untyped-def]
    lang = ["en"]
    vm = OrderOutcomeViewModel(lambda: lang[0])
    pickup = sample_order(number="K-0001", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id="bcn")
    home = sample_order(number="K-0002")
    assert home.shown_total == Money.of("15.00", "EUR")
    assert vm.orders_confirmed((pickup, home), offline=True) == ()
    queued = {"state": "queued", "status": "Saved on this kiosk: it goes to the store when the connection is back.",
              "outcome": "", "finalAmount": "", "points": ""}  # fmt: skip
    assert vm.answers == [queued, queued]
    assert vm.outcome == "" and vm.finalAmount == ""  # the single-order lines never speak for one of several
    vm.set_online(True)
    sending = {**queued, "state": "sending", "status": "Sending to the store…"}
    assert vm.answers == [sending, sending]

    # the delivered part is answered first: short of one line, a lower total and its points; the pickup still waits
    note = LocalizedText("The code NOPE does not exist.", "El código NOPE no existe.")
    receipt = OrderReceipt(home.client_order_id, "B2", "PaymentPending", total=Money.of("12.50", "EUR"),
                           points_earned=12, short_lines=(ShortLine("1", 2, 1),), notes=(note,))  # fmt: skip
    assert vm.receipt_arrived(receipt)
    assert vm.answers == [
        sending,
        {"state": "answered", "status": "The store has this order.",
         "outcome": f"The code NOPE does not exist.\n{FOLLOW_UP['en']}",
         "finalAmount": "Final amount: €12.50 (the kiosk estimated €15.00).",
         "points": "This order earned you 12 points."},
    ]  # fmt: skip
    vm.set_online(False)  # the connection drops again: the one not answered waits here, the answered one stays
    assert vm.answers[0] == queued and vm.answers[1]["state"] == "answered"
    lang[0] = "es"
    vm.refresh_language()
    assert vm.answers == [
        {"state": "queued", "status": "Guardado en este quiosco: se envía a la tienda cuando vuelva la conexión.",
         "outcome": "", "finalAmount": "", "points": ""},
        {"state": "answered", "status": "La tienda ya tiene este pedido.",
         "outcome": f"El código NOPE no existe.\n{FOLLOW_UP['es']}",
         "finalAmount": "Importe final: 12,50 € (el quiosco calculó 15,00 €).",
         "points": "Este pedido te ha sumado 12 puntos."},
    ]  # fmt: skip
    vm.set_online(True)
    assert vm.receipt_arrived(OrderReceipt(pickup.client_order_id, "B1", "PaymentPending", total=pickup.shown_total))
    assert vm.answers[0] == {"state": "answered", "status": "La tienda ya tiene este pedido.", "outcome": "",
                             "finalAmount": "", "points": ""}  # fmt: skip
    vm.wipe()
    assert vm.answers == [] and vm.outcome == ""


def test_an_order_the_store_refused_says_so_instead_of_waiting_for_a_receipt(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    refused: set[str] = set()
    asked: list[tuple[str, ...]] = []

    def lookup(ids: Sequence[str]) -> frozenset[str]:
        asked.append(tuple(ids))
        return frozenset(refused & set(ids))

    lang = ["en"]
    vm = OrderOutcomeViewModel(lambda: lang[0], runner=runner, refused=lookup)
    first, second = sample_order(number="K-0001"), sample_order(number="K-0002")
    vm.orders_confirmed((first, second))
    assert vm.receipt_arrived(OrderReceipt(first.client_order_id, "B1", "PaymentPending", total=first.shown_total))
    vm.check_refused()
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked == [(second.client_order_id,)]  # only the order still waiting is looked up
    runner.wait_idle()
    assert vm.answers[1]["state"] == "sending"
    refused.add(second.client_order_id)  # the sender dead-lettered it
    vm.check_refused()
    qtbot.waitUntil(lambda: vm.answers[1]["state"] == "refused")
    assert vm.answers[1]["status"] == "The online store could not accept this order. Please ask a store associate."
    assert vm.answers[0]["status"] == "The store has this order."
    lang[0] = "es"
    vm.refresh_language()
    assert vm.answers[1]["status"] == "La tienda online no pudo aceptar este pedido. Pide ayuda al personal de la tienda."
    vm.check_refused()  # nothing is waiting any more: kiosk.db is not asked again
    runner.wait_idle()
    assert len(asked) == 2


def test_the_store_figure_for_all_orders_comes_once_every_order_answered_and_news_is_said_once(qapp) -> None:  # type: ignore[no-untyped-def]
    lang = ["en"]
    vm = OrderOutcomeViewModel(lambda: lang[0])
    said: list[str] = []
    vm.announced.connect(said.append)
    pickup = replace(sample_order(number="K-0001", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id="bcn"),
                     estimated_total=Money.of("14.36", "EUR"))  # fmt: skip
    home = sample_order(number="K-0002")
    vm.orders_confirmed((pickup, home))
    assert vm.charged_total() is None and vm.shown_total() == (pickup.shown_total + home.shown_total).rounded()
    vm.receipt_arrived(OrderReceipt(pickup.client_order_id, "B1", "placed", total=Money.of("14.36", "EUR")))
    assert vm.charged_total() is None and said == []  # one order still to answer
    less = home.shown_total - Money.of("10", "EUR")
    vm.receipt_arrived(OrderReceipt(home.client_order_id, "B2", "placed", total=less))
    charged = Money.of("14.36", "EUR") + less
    assert vm.charged_total() == charged.rounded()
    estimate = (pickup.shown_total + home.shown_total).rounded()
    assert said == [f"To pay for all your orders, as the store charges them: {charged.rounded().format('en')} "
                    f"(the kiosk estimated {estimate.format('en')})."]  # fmt: skip
    vm.receipt_arrived(OrderReceipt(home.client_order_id, "B2", "placed", total=less))  # a retry's receipt again
    assert len(said) == 1
    # a single order charged as shown: nothing to say; charged otherwise: its final amount, as the screen shows
    vm.orders_confirmed((home,))
    vm.receipt_arrived(OrderReceipt(home.client_order_id, "B2", "placed", total=home.shown_total))
    assert len(said) == 1 and vm.charged_total() == home.shown_total.rounded()
    lang[0] = "es"
    vm.orders_confirmed((pickup,))
    vm.receipt_arrived(OrderReceipt(pickup.client_order_id, "B1", "placed", total=Money.of("15.95", "EUR")))
    assert said[-1] == "Importe final: 15,95 € (el quiosco calculó 14,36 €)."
