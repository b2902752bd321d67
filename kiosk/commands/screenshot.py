"""`kiosk screenshot`: renders every main screen with demo data to PNG files, with no display needed."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from kiosk.commands._common import config_from_args, parse_size


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("screenshot", help="render the main screens to PNG (offscreen)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--size", default="1080x1920", help="WxH, e.g. 1080x1920 or 1920x1080")
    parser.add_argument("--lang", choices=("es", "en"), default="en")
    parser.add_argument("--data-dir", type=Path, help="reuse a demo data folder (default: a fresh temporary one)")
    parser.add_argument("--suffix", default="", help="appended to each file name, e.g. -landscape-es")
    parser.set_defaults(func=screenshot)


def screenshot(args: argparse.Namespace, inspect: Any = None) -> int:
    """`inspect(name)`, if given, is called on each screen as it is saved (tests/ui/test_accessibility_tree.py)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = parse_size(args.size)
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        config = config_from_args(args, KIOSK_DATA_DIR=str(data_dir), KIOSK_BACKEND="demo")
        from kiosk.app import KioskApp, Services
        from kiosk.ui.devtools.screenshot_tour import take_tour

        services = Services.build(config)
        services.sync()
        services.refresh_promotions()  # the store's offers on the cards and pages, as a running kiosk shows them
        hits = services.store.search(_search_word(args.lang), args.lang, 2, 0)
        picks = _showcase(services) + [h.product_id for h in hits]
        staff_pin = "" if args.data_dir else _seed_staff_screens(services)
        kiosk = KioskApp(services, width=width, height=height)
        kiosk.load_shipping_methods()
        try:
            saved = take_tour(
                kiosk.window,
                kiosk.app_vm,
                kiosk.runner,
                args.out,
                search_text=_search_word(args.lang),
                product_ids=picks + picks,
                suffix=args.suffix,
                staff_pin=staff_pin,
                customer=_shopper(services),
                inspect=inspect,
                change_price=_price_changer(services),
            )
        finally:
            kiosk.shutdown()
        if staff_pin:
            saved += _associate_tour(config, args.out, width, height, staff_pin, args.suffix, inspect)
    for path in saved:
        print(path)
    print(f"kiosk: {len(saved)} screens saved to {args.out}", file=sys.stderr)
    return 0


def _seed_staff_screens(services: Any) -> str:
    """Only in the throw-away data folder: a random staff PIN and one order the demo store will refuse (its
    product variant no longer exists), so the PIN pad and the rejected orders have something to show."""
    import secrets

    from kiosk.core.admin_pin import PinError, StaffPinService
    from kiosk.core.cart import Cart, CartLine
    from kiosk.core.customer import Address
    from kiosk.core.order import FulfilmentKind, OrderContact, PaymentChoice
    from kiosk.core.services.checkout import CheckoutRequest, CheckoutService
    from kiosk.storage.admin_store import SqlitePinStore

    store = SqlitePinStore(services.config.data_dir / "kiosk.db")
    try:
        while True:
            pin = f"{secrets.randbelow(10**6):06d}"
            try:
                StaffPinService(store, services.clock).set_pin(pin)
                break
            except PinError:
                continue
    finally:
        store.close()
    product = services.store.product(services.store.popular(1)[0].product_id)
    variant = product.variants[0]
    line = CartLine(f"{variant.id}-retired", product.id, variant.sku, product.name, "", variant.price, 2)
    request = CheckoutRequest(
        Cart(variant.price.currency).add(line),
        OrderContact("Lucía", "Martín", "lucia@example.com"),
        FulfilmentKind.HOME_DELIVERY,
        PaymentChoice.PAY_AT_COUNTER,
        Address("Lucía Martín", "Calle Mayor 5", "Madrid", "28013", "ES"),
        services.backend.shipping_methods("ES")[0],
    )
    CheckoutService(services.outbox, services.clock, "madrid-gran-via", "kiosk-01").place(request, "en")
    return pin


def _associate_tour(
    config: Any, out: Path, width: int, height: int, staff_pin: str, suffix: str, inspect: Any = None
) -> list[Path]:
    """The same throw-away folder as an associate's device: customer lookup, orders, a return, ordering for them."""
    import dataclasses

    from kiosk.app import KioskApp, Services
    from kiosk.ui.devtools.screenshot_tour import take_associate_tour

    config = dataclasses.replace(config, kiosk=dataclasses.replace(config.kiosk, mode="associate"))
    services = Services.build(config)
    customer = services.backend.sample_customer()  # type: ignore[attr-defined]  # the demo store's
    kiosk = KioskApp(services, width=width, height=height)
    try:
        return take_associate_tour(
            kiosk.window, kiosk.app_vm, kiosk.runner, out, staff_pin=staff_pin, customer_email=customer.email,
            suffix=suffix, inspect=inspect,
        )
    finally:
        kiosk.shutdown()


def _price_changer(services: Any) -> Any:
    """The demo store lowers a product's price while it is in the cart: the checkout's re-check panel."""
    from decimal import Decimal

    change = getattr(services.backend, "change_product", None)
    if change is None:
        return None

    def lower(product_id: str) -> None:
        product = services.store.product(product_id)
        price = product.variants[0].price.amount if product is not None else Decimal("10")
        change(product_id, price=(price * Decimal("0.8")).quantize(Decimal("0.01")))

    return lower


def _search_word(lang: str) -> str:
    return "zapatilla" if lang == "es" else "shoe"


def _showcase(services: Any) -> list[str]:
    """The product page shot shows the endless-aisle case with the whole variant picker: a popular product
    in several colours and sizes whose first variant (the one the page opens on) is not on this shelf but
    can be ordered from another store or the warehouse."""
    store = services.store
    fallback: list[str] = []
    for hit in store.popular(400):
        product = store.product(hit.product_id)
        if product is None:
            continue
        first = store.availability(product.variants[0])
        if first.here > 0 or first.elsewhere == 0:
            continue
        colours = {c.en for v in product.variants if (c := v.option("colour")) is not None}
        sizes = {z.en for v in product.variants if (z := v.option("size")) is not None}
        if len(colours) >= 2 and len(sizes) >= 2:
            return [product.id]
        fallback = fallback or [product.id]
    return fallback


def _shopper(services: Any) -> Any:
    """A demo customer with a history, a wishlist and a saved cart, so the account page shows everything."""
    customers = getattr(services.backend, "customers", None)
    if customers is None:
        return None
    rich = [c for c in customers() if c.history and c.wishlist and c.saved_cart]
    return rich[0] if rich else None
