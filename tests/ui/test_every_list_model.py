"""Every list model the running kiosk hands to QML passes Qt's model tester, filled with real demo data.

test_qt_contracts checks the two model classes on made-up rows; this walks the live view-models of a kiosk
after a shopper's journey, so a model that a view-model fills in some odd way is checked too, and a model
added later without a test fails the count below.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.app import KioskApp
from kiosk.ui.qt.properties import ViewModel
from kiosk.ui.viewmodels.list_models import RowListModel

ROOT = Path(__file__).resolve().parents[2]


def _live_models(kiosk: KioskApp) -> dict[str, RowListModel]:
    """Each list model held by the app view-model or one of its view-models, named by where it lives."""
    holders: dict[str, object] = {"AppViewModel": kiosk.app_vm}
    for value in vars(kiosk.app_vm).values():
        if isinstance(value, ViewModel):
            holders[type(value).__name__] = value
    return {
        f"{owner}.{attr}": model
        for owner, holder in holders.items()
        for attr, model in vars(holder).items()
        if isinstance(model, RowListModel)
    }


def _constructed_in_source() -> int:
    """How many list models kiosk/ui creates: `RowListModel(...)` or `PagedListModel(...)` calls."""
    pattern = re.compile(r"=\s*(?:RowListModel|PagedListModel)\(")
    return sum(len(pattern.findall(p.read_text(encoding="utf-8"))) for p in (ROOT / "kiosk/ui").rglob("*.py"))


def test_every_list_model_of_the_running_kiosk_passes_qtmodeltester(kiosk: KioskApp, qtbot, qtmodeltester, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm, store = kiosk.app_vm, kiosk.services.store
    models = _live_models(kiosk)
    assert len(models) == _constructed_in_source() >= 19, sorted(models)

    # a recognised shopper with a history browses, opens a product in colours and sizes, and checks out
    customer = next(c for c in demo_backend.customers() if c.history and c.wishlist and c.saved_cart)
    vm.start()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: vm.shopperName == customer.first_name, timeout=5000)
    qtbot.waitUntil(lambda: vm.home.categories.count > 0 and vm.home.offers.count > 0, timeout=5000)
    vm.searchFor("sho")
    qtbot.waitUntil(lambda: vm.search.results.count > 0, timeout=5000)
    qtbot.waitUntil(lambda: vm.search.facets.count > 0, timeout=5000)  # the filter chips, once typing pauses
    varied = next(
        p for h in store.popular(300) if (p := store.product(h.product_id)) is not None
        and len({v.option("colour") for v in p.variants}) > 1 and len({v.option("size") for v in p.variants}) > 1
    )
    vm.openProduct(varied.id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.otherStores.count == 3, timeout=5000)
    qtbot.waitUntil(lambda: vm.product.related.count > 0, timeout=5000)
    vm.product.addToCart()
    vm.openProfile()
    qtbot.waitUntil(lambda: vm.profile.recentOrders.count > 0 and vm.profile.wishlist.count > 0, timeout=5000)
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.checkout.fulfilmentOptions.count > 0 and vm.checkout.shippingMethods.count > 0)
    vm.callAssociate()  # the staff menu's list of calls for an associate

    filled = {name for name, model in models.items() if model.rowCount() > 0}
    # the staff screens' models (rejected orders, an associate's customer) are filled, and checked again,
    # in test_kiosk_mode and test_associate
    staff = {name for name in models if name.split(".")[0] in ("AdminViewModel", "AssociateViewModel")}
    # a re-check's changes and the pickup arrivals need a store that changes under the kiosk: filled, and
    # checked with the model tester, in test_recheck_before_ordering and test_order_status
    staff |= {"CheckoutViewModel._recheck_model", "OrderStatusViewModel._arrivals"}
    # a cart received in several ways (its parts, then its orders): filled and checked with the model tester
    # in test_checkout_steps
    staff |= {"CheckoutViewModel._parts_model", "CheckoutViewModel._orders_model"}
    assert filled | staff == set(models), sorted(set(models) - filled - staff)
    for name, model in sorted(models.items()):
        qtmodeltester.check(model, force_py=True)
        assert model.roleNames(), name
