"""Catalog sync against the real Vendure server: full pass, price delta, deletions, stock, into catalog.db."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import CatalogPage, LocationKind, Product
from kiosk.core.clock import SystemClock
from kiosk.core.scanning.gtin import check_digit, has_valid_check_digit
from kiosk.core.scanning.interpret import interpret
from kiosk.core.scanning.result import ScanKind
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.services.lookup import ProductLookup
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fixtures.vendure import VendureAdmin, sample_order

SAMPLE_PRODUCTS = 54
SAMPLE_VARIANTS = 88


def sync_all(backend: VendureBackend, cursor: str | None, limit: int = 25) -> tuple[list[CatalogPage], str]:
    pages = []
    while True:
        page = backend.catalog_changes(cursor, limit)
        assert len(page.products) <= limit
        pages.append(page)
        cursor = page.next_cursor
        if not page.has_more:
            return pages, cursor
        assert len(pages) < 100, "sync does not converge"


def quiet(backend: VendureBackend, cursor: str | None, limit: int = 25) -> str:
    """Syncs until a pass brings nothing: earlier tests' edits have left the overlap window.

    Each pass re-reads the last `overlap_s` seconds (late commits), so right after other tests' edits a
    delta is not empty; a delta test must start from a quiet cursor to see only its own change.
    """
    deadline = time.monotonic() + 30
    while True:
        pages, cursor = sync_all(backend, cursor, limit)
        if not changed_ids(pages) and not any(page.deleted_product_ids for page in pages):
            return cursor
        assert time.monotonic() < deadline, f"the catalog never went quiet: {sorted(changed_ids(pages))}"


def latest(pages: list[CatalogPage]) -> dict[str, Product]:
    products: dict[str, Product] = {}
    for page in pages:
        for product in page.products:
            products[product.id] = product
        for gone in page.deleted_product_ids:
            products.pop(gone, None)
    return products


def changed_ids(pages: list[CatalogPage]) -> set[str]:
    return {p.id for page in pages for p in page.products}


def test_full_sync_delivers_the_whole_sample_catalog(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    pages, _ = sync_all(vendure_backend, None)
    products = latest(pages)
    assert len(products) == SAMPLE_PRODUCTS
    variants = [v for p in products.values() for v in p.variants]
    assert len(variants) == SAMPLE_VARIANTS
    # every variant has a valid, unique GTIN-13 (as 14 digits) and a price in euros
    gtins = [v.gtin for v in variants]
    assert all(g is not None and len(g) == 14 and g.startswith("0843700") for g in gtins)
    assert all(g is not None and has_valid_check_digit(g) for g in gtins)
    assert len(set(gtins)) == SAMPLE_VARIANTS
    assert {v.price.currency for v in variants} == {"EUR"}
    # the first page carries the stores, the warehouse and the categories
    first = pages[0]
    kinds = {location.name: location.kind for location in first.locations}
    assert kinds == {
        "Madrid Centro": LocationKind.HERE,
        "Barcelona Diagonal": LocationKind.STORE,
        "Valencia Colón": LocationKind.STORE,
        "Sevilla Nervión": LocationKind.STORE,
        "Almacén Central": LocationKind.WAREHOUSE,
    }
    assert {c.name.en for c in first.categories} >= {"Electronics", "Computers", "Furniture"}
    assert all(not page.categories for page in pages[1:])
    # values agree with what the Admin API says, price with tax and available stock per location
    laptop = products["1"]
    assert (laptop.name.en, laptop.brand) == ("Laptop", "Apple")
    assert laptop.category_id == next(c.id for c in first.categories if c.name.en == "Computers")
    raw = vendure_admin.query(
        """{ productVariant(id: "1") { priceWithTax customFields { gtin }
             stockLevels { stockLocationId stockOnHand stockAllocated } } }"""
    )["productVariant"]
    variant = laptop.variants[0]
    assert variant.id == "1"
    assert variant.price.to_minor() == raw["priceWithTax"] == 155880
    assert variant.gtin == "0" + raw["customFields"]["gtin"]
    expected = {s["stockLocationId"]: s["stockOnHand"] - s["stockAllocated"] for s in raw["stockLevels"]}
    assert {s.location_id: s.quantity for s in variant.stock} == expected
    assert len(variant.stock) == 5
    assert dict(variant.options) and {key for key, _ in variant.options} == {"ram", "screen-size"}


def test_price_change_syncs_as_a_delta_of_one_product(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    _, cursor = sync_all(vendure_backend, None)
    vendure_admin.query('mutation { updateProductVariants(input: [{ id: "5", price: 33300 }]) { id productId } }')
    pages, cursor = sync_all(vendure_backend, cursor)
    assert changed_ids(pages) == {"2"}  # variant 5 is the Tablet's
    tablet = latest(pages)["2"]
    price = next(v.price for v in tablet.variants if v.id == "5")
    assert price.amount == Decimal("399.60")  # 333.00 + 20 % tax
    assert all(not page.deleted_product_ids for page in pages)


def test_name_change_and_disabling_sync(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    cursor = quiet(vendure_backend, None)
    original = vendure_admin.query('{ product(id: "3") { name } }')["product"]["name"]
    rename = 'mutation($name: String!) { updateProduct(input: { id: "3", translations: [{ languageCode: en, name: $name }, { languageCode: es, name: "Nombre nuevo", slug: "nombre-nuevo", description: "" }] }) { id } }'
    vendure_admin.query(rename, {"name": "New name"})
    try:
        pages, cursor = sync_all(vendure_backend, cursor)
        assert changed_ids(pages) == {"3"}
        renamed = latest(pages)["3"]
        assert (renamed.name.en, renamed.name.es) == ("New name", "Nombre nuevo")
        vendure_admin.query('mutation { updateProduct(input: { id: "3", enabled: false }) { id } }')
        pages, cursor = sync_all(vendure_backend, cursor)
        assert [gone for page in pages for gone in page.deleted_product_ids] == ["3"]
        assert "3" not in changed_ids(pages)
    finally:
        vendure_admin.query('mutation { updateProduct(input: { id: "3", enabled: true }) { id } }')
        vendure_admin.query(rename, {"name": original})


def test_deleted_product_is_reported_once(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    created = vendure_admin.create_product("Doomed Lamp", "doomed-lamp")
    vendure_admin.query(
        f"""mutation {{ createProductVariants(input: [{{ productId: "{created}", sku: "DOOM-1", price: 1000,
              translations: [{{ languageCode: en, name: "Doomed Lamp" }}], customFields: {{ gtin: "4006381333931" }} }}])
              {{ id }} }}"""
    )
    _, cursor = sync_all(vendure_backend, None)
    vendure_admin.query(f'mutation {{ deleteProduct(id: "{created}") {{ result }} }}')
    pages, cursor = sync_all(vendure_backend, cursor)
    assert [gone for page in pages for gone in page.deleted_product_ids] == [created]
    assert created not in changed_ids(pages)
    pages, _ = sync_all(vendure_backend, cursor)
    assert all(not page.deleted_product_ids for page in pages)


def test_product_deleted_during_the_first_pass_is_still_reported(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    created = vendure_admin.create_product("Short-lived Chair", "short-lived-chair")
    cursor = None
    delivered: set[str] = set()
    deleted: list[str] = []
    deleted_mid_pass = False
    while True:
        page = vendure_backend.catalog_changes(cursor, 50)
        delivered |= {p.id for p in page.products}
        deleted += page.deleted_product_ids
        cursor = page.next_cursor
        if created in delivered and page.has_more and not deleted_mid_pass:
            vendure_admin.query(f'mutation {{ deleteProduct(id: "{created}") {{ result }} }}')
            deleted_mid_pass = True
        if not page.has_more:
            break
    assert deleted_mid_pass
    assert deleted == [created]


def test_stock_reserved_by_an_order_is_refreshed(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    """Paid orders allocate stock without touching updatedAt: the stock phase still notices.

    Vendure allocates when an order is placed (payment settled), not in ArrangingPayment: here the
    counter takes the payment for the kiosk's pay-at-counter order.
    """
    cursor = quiet(vendure_backend, None)
    before = vendure_admin.query('{ productVariant(id: "7") { productId stockLevels { stockAllocated } } }')
    product_id = before["productVariant"]["productId"]
    receipt = vendure_backend.submit_order(sample_order(variant_id="7", quantity=2, number="K-STOCK"))
    order_id = vendure_admin.query(
        f'{{ orders(options: {{ filter: {{ code: {{ eq: "{receipt.backend_code}" }} }} }}) {{ items {{ id }} }} }}'
    )["orders"]["items"][0]["id"]
    paid = vendure_admin.query(
        f'mutation {{ addManualPaymentToOrder(input: {{ orderId: "{order_id}", method: "cash", metadata: {{}} }}) {{ ... on Order {{ state }} }} }}'
    )
    assert paid["addManualPaymentToOrder"]["state"] == "PaymentSettled"
    pages, _ = sync_all(vendure_backend, cursor)
    # stock is compared a page of variants at a time: the changed page's products (at most `limit`) come again
    assert product_id in changed_ids(pages)
    assert len(changed_ids(pages)) <= 25
    after = vendure_admin.query(
        '{ productVariant(id: "7") { stockLevels { stockLocationId stockOnHand stockAllocated } } }'
    )
    expected = {
        s["stockLocationId"]: s["stockOnHand"] - s["stockAllocated"] for s in after["productVariant"]["stockLevels"]
    }
    variant = next(v for v in latest(pages)[product_id].variants if v.id == "7")
    assert {s.location_id: s.quantity for s in variant.stock} == expected
    assert sum(s["stockAllocated"] for s in after["productVariant"]["stockLevels"]) == 2 + sum(
        s["stockAllocated"] for s in before["productVariant"]["stockLevels"]
    )


def test_resuming_from_any_cursor_gives_the_same_catalog(vendure_backend: VendureBackend) -> None:
    """Each page's cursor resumes exactly: replaying from the middle converges to the same result."""
    pages, _ = sync_all(vendure_backend, None, limit=7)
    middle = pages[len(pages) // 2 - 1].next_cursor
    before = latest(pages[: len(pages) // 2])
    resumed, _ = sync_all(vendure_backend, middle, limit=7)
    before.update(latest(resumed))
    assert before.keys() == latest(pages).keys()
    assert len(before) == SAMPLE_PRODUCTS


def test_sync_into_catalog_store_and_scan_a_gtin(vendure_backend: VendureBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        report = CatalogSync(vendure_backend, store, SystemClock(), page_size=40).sync()
        assert store.product_count() == SAMPLE_PRODUCTS
        assert report.products >= SAMPLE_PRODUCTS
        # the scanner's frame for the EAN-13 printed on the sample laptop, read as the kiosk reads any scan
        scan = interpret(b"]E08437000000013")
        assert scan.kind is ScanKind.PRODUCT and scan.lookup_gtin == "08437000000013"
        match = ProductLookup(store).by_gtin(scan.lookup_gtin)
        assert match is not None and (match.product.name.en, match.product.brand) == ("Laptop", "Apple")
        variant = match.variant
        assert (variant.id, variant.product_id, variant.sku) == ("1", "1", "L2201308")
        assert variant.price.to_minor() == 155880
        here = next(x for x in store.locations() if x.kind is LocationKind.HERE)
        availability = store.availability(variant)
        assert here.name == "Madrid Centro"
        assert availability.warehouse > 0
        assert availability.here == next(s.quantity for s in variant.stock if s.location_id == here.id)
        again = CatalogSync(vendure_backend, store, SystemClock(), page_size=40).sync()
        assert again.deleted == 0 and store.product_count() == SAMPLE_PRODUCTS
    finally:
        store.close()


def test_backend_search_uses_vendures_index(vendure_backend: VendureBackend) -> None:
    assert vendure_backend.search("laptop", 5) == ["1"]
    assert vendure_backend.search("zzzz-nothing", 5) == []


def test_foreign_cursor_starts_a_full_sync(vendure_backend: VendureBackend) -> None:
    """A cache last filled by another backend (the demo) holds a cursor this adapter cannot read."""
    pages, _ = sync_all(vendure_backend, "demo:1234")
    assert len(latest(pages)) == SAMPLE_PRODUCTS
    assert pages[0].locations and pages[0].categories


def test_delta_sync_into_the_cache_applies_a_price_change_and_a_deletion(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, tmp_path: Path
) -> None:
    """The app's own path: CatalogSync into catalog.db, then a delta pass after edits in Vendure's admin."""
    body = "400638199" + "0042"
    gtin = body + str(check_digit(body))
    created = vendure_admin.create_product("Discontinued Kettle", "discontinued-kettle")
    vendure_admin.query(
        """mutation ($product: ID!, $gtin: String!) { createProductVariants(input: [{ productId: $product,
             sku: "KETTLE-1", price: 2500, translations: [{ languageCode: en, name: "Discontinued Kettle" }],
             customFields: { gtin: $gtin } }]) { id } }""",
        {"product": created, "gtin": gtin},
    )
    before = vendure_admin.query('{ productVariant(id: "10") { productId price } }')["productVariant"]
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        sync = CatalogSync(vendure_backend, store, SystemClock(), page_size=40)
        sync.sync()
        assert store.product_count() == SAMPLE_PRODUCTS + 1
        kettle = ProductLookup(store).by_gtin(gtin)
        assert kettle is not None and kettle.product.id == created
        old_price = next(v.price for v in store.product(before["productId"]).variants if v.id == "10")  # type: ignore[union-attr]

        vendure_admin.query(
            'mutation ($price: Money!) { updateProductVariants(input: [{ id: "10", price: $price }]) { id } }',
            {"price": before["price"] + 1000},
        )
        vendure_admin.query("mutation ($id: ID!) { deleteProduct(id: $id) { result } }", {"id": created})
        delta = sync.sync()

        assert delta.deleted == 1
        assert delta.products < SAMPLE_PRODUCTS // 2  # a delta, not the catalog again
        assert store.product(created) is None and ProductLookup(store).by_gtin(gtin) is None
        assert store.product_count() == SAMPLE_PRODUCTS
        now = vendure_admin.query('{ productVariant(id: "10") { priceWithTax } }')["productVariant"]
        cached = next(v for v in store.product(before["productId"]).variants if v.id == "10")  # type: ignore[union-attr]
        assert cached.price.to_minor() == now["priceWithTax"]
        assert cached.price.amount - old_price.amount == Decimal("12.00")  # +10.00 net, +20 % tax
    finally:
        store.close()
        vendure_admin.query(
            'mutation ($price: Money!) { updateProductVariants(input: [{ id: "10", price: $price }]) { id } }',
            {"price": before["price"]},
        )


def test_a_deleted_variant_leaves_the_cached_product(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    """Vendure lists no deleted variants and their product's updatedAt stays; the stock phase notices."""
    created = vendure_admin.create_product("Two-size Rug", "two-size-rug")
    group = vendure_admin.query(
        """mutation { createProductOptionGroup(input: { code: "rug-size",
             translations: [{ languageCode: en, name: "Size" }],
             options: [{ code: "s", translations: [{ languageCode: en, name: "S" }] },
                       { code: "l", translations: [{ languageCode: en, name: "L" }] }] }) { id options { id } } }"""
    )["createProductOptionGroup"]
    vendure_admin.query(
        "mutation ($p: ID!, $g: ID!) { addOptionGroupToProduct(productId: $p, optionGroupId: $g) { id } }",
        {"p": created, "g": group["id"]},
    )
    option_s, option_l = (o["id"] for o in group["options"])
    variants = vendure_admin.query(
        """mutation ($product: ID!, $s: ID!, $l: ID!) { createProductVariants(input: [
             { productId: $product, sku: "RUG-S", price: 4000, optionIds: [$s],
               translations: [{ languageCode: en, name: "Rug S" }] },
             { productId: $product, sku: "RUG-L", price: 6000, optionIds: [$l],
               translations: [{ languageCode: en, name: "Rug L" }] }
           ]) { id } }""",
        {"product": created, "s": option_s, "l": option_l},
    )["createProductVariants"]
    small, large = (str(v["id"]) for v in variants)
    try:
        cursor = quiet(vendure_backend, None)
        vendure_admin.query("mutation ($id: ID!) { deleteProductVariant(id: $id) { result } }", {"id": large})
        pages, _ = sync_all(vendure_backend, cursor)
        assert created in changed_ids(pages)
        assert [v.id for v in latest(pages)[created].variants] == [small]
    finally:
        vendure_admin.query("mutation ($id: ID!) { deleteProduct(id: $id) { result } }", {"id": created})


def test_check_lines_gives_every_lines_price_and_stock_now_in_one_call(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    refs = [CartItemRef("12", "SKU", 1), CartItemRef("13", "SKU", 1), CartItemRef("999999", "SKU", 1)]
    before = vendure_backend.check_lines(refs)
    assert set(before) == {"12", "13"}  # an unknown variant is simply not sold
    assert all(check.price is not None and check.stock for check in before.values())
    net = vendure_admin.query('{ productVariant(id: "12") { price product { id } } }')["productVariant"]
    try:
        vendure_admin.query(
            'mutation ($price: Money!) { updateProductVariants(input: [{ id: "12", price: $price }]) { id } }',
            {"price": net["price"] * 2},
        )
        after = vendure_backend.check_lines(refs)
        assert after["12"].price is not None and before["12"].price is not None
        assert after["12"].price.amount > before["12"].price.amount and after["13"] == before["13"]
        vendure_admin.query(
            'mutation ($id: ID!) { updateProduct(input: { id: $id, enabled: false }) { id } }', {"id": net["product"]["id"]}
        )
        assert "12" not in vendure_backend.check_lines(refs)  # a disabled product is no longer sold
    finally:
        vendure_admin.query(
            'mutation ($price: Money!) { updateProductVariants(input: [{ id: "12", price: $price }]) { id } }',
            {"price": net["price"]},
        )
        vendure_admin.query(
            'mutation ($id: ID!) { updateProduct(input: { id: $id, enabled: true }) { id } }', {"id": net["product"]["id"]}
        )
