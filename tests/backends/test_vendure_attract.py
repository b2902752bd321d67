"""The attract loop from the real Vendure on PostgreSQL (KioskPlugin's attract.ts): a store's own slides, then
the channel's running automatic promotions, then its newest products, in English and Spanish; cached by the
kiosk for offline."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.attract import AttractSlide, SlideKind, refresh_attract
from kiosk.core.i18n import LocalizedText
from kiosk.core.ports import AttractSource
from kiosk.storage.attract_cache import JsonAttractCache
from tests.fakes import FakeClock
from tests.fixtures.vendure import VendureAdmin

ADD = """
mutation ($input: KioskAttractSlideInput!) { addKioskAttractSlide(input: $input) { id kind } }
"""
REMOVE = "mutation ($id: String!) { removeKioskAttractSlide(id: $id) }"
CREATE_PROMOTION = """
mutation ($input: CreatePromotionInput!) {
  createPromotion(input: $input) { ... on Promotion { id } ... on ErrorResult { errorCode message } }
}
"""
DELETE_PROMOTION = "mutation ($id: ID!) { deletePromotion(id: $id) { result } }"
CREATE_PRODUCT = "mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }"
DELETE_PRODUCT = "mutation ($id: ID!) { deleteProduct(id: $id) { result } }"


@pytest.fixture
def cleanup(vendure_admin: VendureAdmin) -> Iterator[list[tuple[str, str]]]:
    """(mutation, id) pairs a test made, undone afterwards so other tests see the shop as seeded."""
    made: list[tuple[str, str]] = []
    yield made
    for mutation, made_id in reversed(made):
        vendure_admin.query(mutation, {"id": made_id})


def _texts(en: str, es: str, body_en: str = "", body_es: str = "") -> list[dict[str, str]]:
    return [{"languageCode": "en", "title": en, "body": body_en}, {"languageCode": "es", "title": es, "body": body_es}]


def _promotion(admin: VendureAdmin, made: list[tuple[str, str]], name: str, **extra: Any) -> str:
    discount = {"code": "order_percentage_discount", "arguments": [{"name": "discount", "value": "10"}]}
    condition = {"code": "minimum_order_amount",
                 "arguments": [{"name": "amount", "value": "1"}, {"name": "taxInclusive", "value": "true"}]}  # fmt: skip
    translations = [{"languageCode": "en", "name": name, "description": f"{name}: everything"},
                    {"languageCode": "es", "name": f"{name} (es)", "description": f"{name}: todo"}]  # fmt: skip
    made_id = admin.query(CREATE_PROMOTION, {"input": {"enabled": True, "conditions": [condition], "actions": [discount],
                                                       "translations": translations, **extra}})["createPromotion"]["id"]  # fmt: skip
    made.append((DELETE_PROMOTION, str(made_id)))
    return str(made_id)


def test_a_stores_loop_is_its_slides_then_promotions_then_new_arrivals(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, cleanup: list[tuple[str, str]], tmp_path: Path
) -> None:
    store = f"store-{uuid.uuid4().hex[:8]}"
    own = vendure_admin.query(ADD, {"input": {"storeId": store, "kind": "scan_hint", "position": 1,
                                              "texts": _texts("Scan me", "Escanéame", "Any label", "Cualquier etiqueta")}})  # fmt: skip
    everywhere = vendure_admin.query(ADD, {"input": {"storeId": "*", "kind": "promotion", "position": 0,
                                                     "texts": _texts("Members' week", "Semana de socios")}})  # fmt: skip
    elsewhere = vendure_admin.query(ADD, {"input": {"storeId": "another-store", "kind": "scan_hint",
                                                    "texts": _texts("Not here", "Aquí no")}})  # fmt: skip
    for added in (own, everywhere, elsewhere):
        cleanup.append((REMOVE, added["addKioskAttractSlide"]["id"]))
    running = _promotion(vendure_admin, cleanup, "Winter sale")
    _promotion(vendure_admin, cleanup, "Coupon only", couponCode=f"C{uuid.uuid4().hex[:6].upper()}")
    _promotion(vendure_admin, cleanup, "Ended", endsAt="2020-01-01T00:00:00Z")
    product = vendure_admin.query(CREATE_PRODUCT, {"input": {"enabled": True, "translations": [
        {"languageCode": "en", "name": "Attract Test Jacket", "slug": f"attract-{store}", "description": "<p>x</p>"},
        {"languageCode": "es", "name": "Chaqueta de prueba", "slug": f"atraer-{store}", "description": "<p>x</p>"},
    ]}})["createProduct"]["id"]  # fmt: skip
    cleanup.append((DELETE_PRODUCT, str(product)))

    assert isinstance(vendure_backend, AttractSource)
    slides = vendure_backend.attract_slides(store)
    assert [s.slide_id for s in slides[:2]] == [everywhere["addKioskAttractSlide"]["id"], own["addKioskAttractSlide"]["id"]]
    assert slides[1] == AttractSlide(own["addKioskAttractSlide"]["id"], SlideKind.SCAN_HINT,
                                     LocalizedText("Scan me", "Escanéame"), LocalizedText("Any label", "Cualquier etiqueta"))  # fmt: skip
    assert "Not here" not in {s.title.en for s in slides}
    promotions = [s for s in slides if s.slide_id.startswith("promotion-")]
    assert [s.slide_id for s in promotions] == [f"promotion-{running}"]  # not the coupon one, not the ended one
    assert promotions[0].kind is SlideKind.PROMOTION
    assert promotions[0].title == LocalizedText("Winter sale", "Winter sale (es)")
    assert promotions[0].body == LocalizedText("Winter sale: everything", "Winter sale: todo")
    arrivals = [s for s in slides if s.kind is SlideKind.NEW_ARRIVAL]
    assert len(arrivals) == 3 and arrivals[0].product_id == str(product)
    assert arrivals[0].title == LocalizedText("Attract Test Jacket", "Chaqueta de prueba")
    for slide in arrivals:  # the product's featured picture, when it has one (the test shop's have none)
        asset = vendure_admin.query("query ($id: ID!) { product(id: $id) { featuredAsset { preview } } }",
                                    {"id": slide.product_id})["product"]["featuredAsset"]  # fmt: skip
        assert slide.image == (asset["preview"] if asset else "")

    # the kiosk keeps the answer for offline, and shows it again from there
    cache = JsonAttractCache(tmp_path, store)
    clock = FakeClock()
    content = refresh_attract(vendure_backend, cache, store, clock.now)
    assert content.slides == slides and cache.load() == content

    # removed slides leave the loop; a promotion's or product's id is not a slide to remove
    assert vendure_admin.query(REMOVE, {"id": own["addKioskAttractSlide"]["id"]})["removeKioskAttractSlide"] is True
    assert vendure_admin.query(REMOVE, {"id": f"promotion-{running}"})["removeKioskAttractSlide"] is False
    assert own["addKioskAttractSlide"]["id"] not in {s.slide_id for s in vendure_backend.attract_slides(store)}


def test_a_slide_the_kiosk_could_not_show_is_refused_word_for_word(vendure_admin: VendureAdmin) -> None:
    cases = [
        ({"storeId": "s", "kind": "banner", "texts": _texts("a", "b")},
         "Unknown slide kind banner: one of promotion, new_arrival, scan_hint"),
        ({"storeId": "s", "kind": "scan_hint", "texts": []}, "A slide needs a title in at least one language"),
        ({"storeId": "s", "kind": "scan_hint", "texts": _texts("x" * 81, "y")},
         "Titles have at most 80 characters and texts 240"),
        ({"storeId": " ", "kind": "scan_hint", "texts": _texts("a", "b")},
         "A slide needs the store id (or * for every store), at most 100 characters"),
    ]  # fmt: skip
    for slide, message in cases:
        reply = vendure_admin.reply(ADD, {"input": slide})
        assert [e["message"] for e in reply.get("errors", [])] == [message], json.dumps(reply)
