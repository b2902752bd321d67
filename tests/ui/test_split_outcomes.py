"""A checkout split across ways of receiving (pick up at another store + deliver) placed offline: the
confirmation shows each order with its number, way, QR and where it stands (waiting here for the connection,
then answered by the store), and each order's own outcome (short line, final amount, points) as its receipt
arrives, on screen, to the keypad and in speech, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickItem

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.catalog import LocationKind, Product, Variant
from kiosk.core.order import Order, OrderStatus, ShortLine
from kiosk.ui.devtools.bench_driver import visual_items
from kiosk.ui.qt.self_voicing import describe
from tests.fakes import FakeClock
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find

WORDS = {
    "en": {
        "queued": "Saved on this kiosk: it goes to the store when the connection is back.",
        "answered": "The store has this order.",
        "short": "Only 1 of 2 × {name} were in stock; 1 missing.\n"
                 "The store will contact you about the items that could not be ordered.",
        "final": "Final amount: {final} (the kiosk estimated {estimate}).",
        "points": "This order earned you {points} points.",
        "part": "Order {part} of 2",
        "number": "Order number {number}",
        "pickup": "Pick up at {store}",
        "home": "Home delivery to {city}",
        "note": "Stock is confirmed when the order is sent.",
        "refused": "The online store could not accept this order. Please ask a store associate.",
        "this_order": "This order: {total}",
        "to_pay": "To pay at the counter: {total}",
        "charged": "To pay for all your orders, as the store charges them: {final} (the kiosk estimated {estimate}).",
    },
    "es": {
        "queued": "Guardado en este quiosco: se envía a la tienda cuando vuelva la conexión.",
        "answered": "La tienda ya tiene este pedido.",
        "short": "Solo había 1 de 2 × {name} en stock; falta 1.\n"
                 "La tienda se pondrá en contacto contigo por los artículos que no se han podido pedir.",
        "final": "Importe final: {final} (el quiosco calculó {estimate}).",
        "points": "Este pedido te ha sumado {points} puntos.",
        "part": "Pedido {part} de 2",
        "number": "Pedido número {number}",
        "pickup": "Recogida en {store}",
        "home": "Envío a domicilio a {city}",
        "note": "El stock se confirma cuando se envíe el pedido.",
        "refused": "La tienda online no pudo aceptar este pedido. Pide ayuda al personal de la tienda.",
        "this_order": "Este pedido: {total}",
        "to_pay": "A pagar en caja: {total}",
        "charged": "A pagar por todos tus pedidos, según los cobra la tienda: {final} (el quiosco calculó {estimate}).",
    },
}  # fmt: skip


@pytest.fixture
def shop(tmp_path: Path) -> DemoBackend:
    return DemoBackend(tmp_path / "shop", catalog_size=300)


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, shop: DemoBackend) -> Iterator[KioskApp]:
    built = make_kiosk(backend=shop)
    yield built
    built.app_vm.setLanguage("en")  # the translator belongs to the QApplication every test shares
    built.runner.wait_idle()
    QCoreApplication.processEvents()


def _pickup_and_delivered(kiosk: KioskApp, shop: DemoBackend) -> tuple[Product, Variant, str, Product, Variant]:
    """A variant in stock at another store (to pick up there), and one with 2+ units in all (to deliver)."""
    store = kiosk.services.store
    pickup: tuple[Product, Variant, str] | None = None
    for hit in store.popular(300):
        product = store.product(hit.product_id)
        live = shop.product(hit.product_id)
        if product is None or live is None:
            continue
        for variant, there in zip(product.variants, live.variants, strict=True):
            stock = store.availability(variant)
            others = [loc.id for loc, q in stock.other_stores if q > 0 and loc.kind is LocationKind.STORE]
            if pickup is None and others and stock.here > 0:
                pickup = (product, variant, others[0])
                break
            if (pickup is not None and product.id != pickup[0].id and stock.warehouse > 0
                    and sum(s.quantity for s in there.stock) >= 2):  # fmt: skip
                return (*pickup, product, variant)
    raise AssertionError("the demo catalog has no such variants")


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


def _text(block: QQuickItem, name: str) -> str:
    item = next(x for x in visual_items(block) if x.objectName() == name)
    return str(item.property("text")) if item.isVisible() else ""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_order_of_a_split_checkout_shows_where_it_stands_and_its_own_outcome(  # type: ignore[no-untyped-def]
    kiosk: KioskApp, shop: DemoBackend, qtbot, clock: FakeClock, lang: str
) -> None:
    vm, window = kiosk.app_vm, kiosk.window
    words = WORDS[lang]
    pickup, home, delivered_product = _place_split_offline(kiosk, shop, qtbot, lang)
    checkout = vm.checkout
    delivered = home.lines[0].variant_id
    assert str(find(window, "orderNote").property("text")) == words["note"]
    blocks = [find(window, f"placedOrder_{order.number}") for order in (pickup, home)]
    for block in blocks:
        qtbot.waitUntil(lambda b=block: _text(b, "placedStatus") == words["queued"])
        assert _text(block, "placedOutcome") == _text(block, "placedFinalAmount") == _text(block, "placedPoints") == ""
    assert not find(window, "orderOutcome").isVisible()  # the one-order lines never speak for one of two

    # while offline, the store sells all but one of the delivered item: that order alone comes back short
    _drain_to(shop, delivered_product, delivered, 1)
    shop.offline = False
    clock.advance(31)  # past the sender's probe back-off (30 s cap)
    kiosk._wake.set()
    outbox = kiosk.services.outbox
    qtbot.waitUntil(lambda: all(a["state"] == "answered" for a in vm.orderOutcome.answers), timeout=15000)
    receipts = []
    for order in (pickup, home):
        entry = outbox.get(order.client_order_id)
        assert entry is not None and entry.status is OrderStatus.DELIVERED and entry.receipt is not None
        receipts.append(entry.receipt)
    assert receipts[1].short_lines == (ShortLine(delivered, 2, 1),) and receipts[0].short_lines == ()
    assert receipts[1].total is not None and receipts[1].total.rounded() != home.shown_total.rounded()
    assert all(r.points_earned for r in receipts)

    # the pickup: the store has it, as asked; the delivery: one short, its final amount, each its own points
    assert _text(blocks[0], "placedStatus") == _text(blocks[1], "placedStatus") == words["answered"]
    assert _text(blocks[0], "placedOutcome") == _text(blocks[0], "placedFinalAmount") == ""
    assert _text(blocks[1], "placedOutcome") == words["short"].format(name=home.lines[0].name)
    final = words["final"].format(final=receipts[1].total.format(lang), estimate=home.shown_total.format(lang))
    assert _text(blocks[1], "placedFinalAmount") == final
    for block, receipt in zip(blocks, receipts, strict=True):
        assert _text(block, "placedPoints") == words["points"].format(points=receipt.points_earned)
        assert find(window, "orderQr") is not None  # the QR and number stay as they were
    assert [_text(b, "placedNumber") for b in blocks] == [pickup.number, home.number]

    # by keypad: Down stops on each order; speech (and a screen reader) read it whole, word for word
    pickup_store = next(loc.name for loc in kiosk.services.store.locations() if loc.id == pickup.pickup_location_id)
    assert home.shipping_address is not None
    city = home.shipping_address.city
    rows = checkout.orders.rows()
    expected = [
        ". ".join(x for x in (words["part"].format(part=1), words["number"].format(number=pickup.number),
                              words["pickup"].format(store=pickup_store), rows[0]["estimate"], rows[0]["total"]) if x)
        + ". " + " ".join((words["answered"], words["points"].format(points=receipts[0].points_earned))),
        ". ".join(x for x in (words["part"].format(part=2), words["number"].format(number=home.number),
                              words["home"].format(city=city), rows[1]["estimate"], rows[1]["total"]) if x)
        + ". " + " ".join((words["answered"], words["short"].format(name=home.lines[0].name), final,
                           words["points"].format(points=receipts[1].points_earned))),
    ]  # fmt: skip
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    heard = []
    for _ in range(40):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window, QKeyEvent(kind, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier))
        QCoreApplication.processEvents()
        focus = window.activeFocusItem()
        if focus is not None and focus.objectName().startswith("placedOrder_"):
            heard.append(describe(focus, lang))
        if focus is not None and focus.objectName() == "doneButton":
            break
    assert heard == expected


def _place_split_offline(  # type: ignore[no-untyped-def]
    kiosk: KioskApp, shop: DemoBackend, qtbot, lang: str, *, gold: bool = False, seen: dict[str, object] | None = None
) -> tuple[Order, Order, str]:
    """One line picked up at another store, two units of another delivered, placed while the store cannot be
    reached; returns both orders and the delivered product's id. `gold`: the shopper is the Gold member (10 %
    off each order); `seen` gets the checkout's parts rows and total just before placing."""
    vm = kiosk.app_vm
    customer = next(c for c in shop.customers() if (c.tier == "Gold") == gold and c.addresses)
    p1, v1, store_id, p2, v2 = _pickup_and_delivered(kiosk, shop)
    vm.start()
    vm.setLanguage(lang)
    vm.recognise(customer)
    vm.cart.add(p1, v1)
    vm.cart.add(p2, v2, 2)
    vm.openCart()
    qtbot.waitUntil(lambda: vm.cart.stock is not None and v1.id in vm.cart.stock.availability, timeout=5000)
    vm.cart.setLineFulfilment(v1.id, f"pickup_store:{store_id}")
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.checkout.parts.count == 2, timeout=5000)
    vm.checkout.useProfile()
    if seen is not None:
        seen.update(parts=vm.checkout.parts.rows(), total=vm.checkout.total)
    shop.offline = True
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    pickup, home = vm.checkout.last_orders
    assert (pickup.pickup_location_id, home.pickup_location_id) == (store_id, None)
    return pickup, home, p2.id


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_order_of_a_split_checkout_the_store_refused_says_so_while_the_other_waits(  # type: ignore[no-untyped-def]
    kiosk: KioskApp, shop: DemoBackend, qtbot, lang: str
) -> None:
    words = WORDS[lang]
    pickup, home, _ = _place_split_offline(kiosk, shop, qtbot, lang)
    blocks = [find(kiosk.window, f"placedOrder_{order.number}") for order in (pickup, home)]
    for block in blocks:
        qtbot.waitUntil(lambda b=block: _text(b, "placedStatus") == words["queued"])
    # the sender dead-letters the delivered order (the store refused it): no receipt will ever come for it
    kiosk.services.outbox.mark_rejected(home.client_order_id, "variant withdrawn", "other")
    qtbot.waitUntil(lambda: _text(blocks[1], "placedStatus") == words["refused"], timeout=8000)  # the status tick
    assert _text(blocks[0], "placedStatus") == words["queued"]
    assert describe(blocks[1], lang).endswith(". " + words["refused"])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_to_pay_is_the_kiosks_figure_order_by_order_then_the_stores_and_a_different_one_is_said(  # type: ignore[no-untyped-def]
    kiosk: KioskApp, shop: DemoBackend, qtbot, clock: FakeClock, lang: str
) -> None:
    vm, window = kiosk.app_vm, kiosk.window
    words = WORDS[lang]
    seen: dict[str, object] = {}
    pickup, home, delivered_product = _place_split_offline(kiosk, shop, qtbot, lang, gold=True, seen=seen)
    # the Gold member's 10 % on each order, as the store takes it: each order showed its own figure, and the
    # checkout's total was their sum
    assert pickup.estimated_total is not None and home.estimated_total is not None
    kiosk_total = pickup.shown_total + home.shown_total
    parts = seen["parts"]
    assert isinstance(parts, list)
    assert [row["total"] for row in parts] == [
        words["this_order"].format(total=order.shown_total.format(lang)) for order in (pickup, home)
    ]
    assert seen["total"] == kiosk_total.format(lang)
    to_pay = find(window, "amountToPay")
    assert str(to_pay.property("text")) == words["to_pay"].format(total=kiosk_total.format(lang))
    assert [row["total"] for row in vm.checkout.orders.rows()] == [o.shown_total.format(lang) for o in (pickup, home)]

    spoken: list[str] = []
    vm.speech.spoken.connect(spoken.append)
    vm.speech.setEnabled(True)
    # while offline, the store sells all but one of the delivered item: it charges less than the kiosk showed
    _drain_to(shop, delivered_product, home.lines[0].variant_id, 1)
    shop.offline = False
    clock.advance(31)  # past the sender's probe back-off (30 s cap)
    kiosk._wake.set()
    qtbot.waitUntil(lambda: all(a["state"] == "answered" for a in vm.orderOutcome.answers), timeout=15000)
    receipts = []
    for order in (pickup, home):
        entry = kiosk.services.outbox.get(order.client_order_id)
        assert entry is not None and entry.receipt is not None and entry.receipt.total is not None
        receipts.append(entry.receipt.total)
    assert receipts[0] == pickup.shown_total  # the pickup: charged as the kiosk showed it, to the cent
    charged = receipts[0] + receipts[1]
    assert charged != kiosk_total
    qtbot.waitUntil(lambda: str(to_pay.property("text")) == words["to_pay"].format(total=charged.format(lang)))
    said = words["charged"].format(final=charged.format(lang), estimate=kiosk_total.format(lang))
    qtbot.waitUntil(lambda: said in spoken)
    assert describe(to_pay, lang) == words["to_pay"].format(total=charged.format(lang))  # what a reader hears
    assert str(find(window, "payInstruction").property("text")).count(charged.format(lang)) == 1
    # each order keeps the kiosk's figure beside the store's answer for it
    assert [row["total"] for row in vm.checkout.orders.rows()] == [o.shown_total.format(lang) for o in (pickup, home)]
    vm.setLanguage("en" if lang == "es" else "es")  # a language switch keeps the store's figure
    other = "en" if lang == "es" else "es"
    assert str(to_pay.property("text")) == WORDS[other]["to_pay"].format(total=charged.format(other))
