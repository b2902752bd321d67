"""Promotions in catalog.db: cached with each pass, read back offline, each named variant's product found once."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.app import Services
from kiosk.config import load_config
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.promotions import Promotion, PromotionKind
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from kiosk.storage.promotion_codec import promotion_from_json, promotion_to_json
from tests.fakes import FakeBackend, FakeClock, make_product, utc_time_zone

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
EVERY_KIND = (
    Promotion("pct", LocalizedText("Trainers week", "Semana de zapatillas"), PromotionKind.PERCENT_OFF,
              percent=Decimal("20"), variant_ids=frozenset({"p1-v1", "p2-v1"}), ends_at=datetime(2026, 11, 30, tzinfo=UTC)),
    Promotion("b3g1", LocalizedText("3 for 2", "3x2"), PromotionKind.BUY_X_GET_Y, buy=3, get=1,
              variant_ids=frozenset({"p3-v1"}), free_variant_ids=frozenset({"p3-v1", "p9-v1"})),
    Promotion("fixed", LocalizedText("€5 off", "5 € menos"), PromotionKind.FIXED_OFF, amount=Money.of("5.00", "EUR"),
              coupon_code="WELCOME5", minimum_order=Money.of("25.00", "EUR"),
              starts_at=datetime(2026, 11, 1, tzinfo=UTC), customer_groups=frozenset({"3"})),
    Promotion("ship", LocalizedText("Free shipping", "Envío gratis"), PromotionKind.FREE_SHIPPING),
)  # fmt: skip


def test_every_kind_of_promotion_survives_the_round_trip_through_json() -> None:
    for promotion in EVERY_KIND:
        assert promotion_from_json(promotion_to_json(promotion)) == promotion


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    """Badges name the weekday in the kiosk's time zone: these tests read them in UTC."""
    with utc_time_zone():
        yield


@pytest.fixture
def store(tmp_path: Path) -> SqliteCatalogStore:
    found = SqliteCatalogStore(tmp_path / "catalog.db")
    yield found
    found.close()


def test_cached_promotions_come_back_in_order_with_the_products_of_their_variants(store: SqliteCatalogStore) -> None:
    CatalogSync(FakeBackend([make_product(i) for i in range(1, 6)]), store, FakeClock()).sync()
    mapping = store.save_promotions(EVERY_KIND)
    # p9-v1 is not in the catalog (yet): no product for it
    assert mapping == {"p1-v1": "p1", "p2-v1": "p2", "p3-v1": "p3"}
    assert store.promotions() == (EVERY_KIND, mapping)
    assert store.save_promotions(EVERY_KIND[1:]) == {"p3-v1": "p3"}  # a promotion withdrawn goes from the cache
    assert store.promotions() == (EVERY_KIND[1:], {"p3-v1": "p3"})
    assert store.save_promotions(()) == {} and store.promotions() == ((), {})


def test_an_unchanged_pass_writes_nothing_and_a_missing_variant_is_looked_for_once_the_catalog_moves(
    store: SqliteCatalogStore,
) -> None:
    backend = FakeBackend([make_product(i) for i in range(1, 6)])
    CatalogSync(backend, store, FakeClock()).sync()
    store.save_promotions(EVERY_KIND)
    watcher = sqlite3.connect(store.path)  # data_version moves when another connection commits
    try:
        before = watcher.execute("PRAGMA data_version").fetchone()[0]
        assert store.save_promotions(EVERY_KIND) == {"p1-v1": "p1", "p2-v1": "p2", "p3-v1": "p3"}
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == before
        store.save_promotions(EVERY_KIND[:2])
        assert watcher.execute("PRAGMA data_version").fetchone()[0] != before
    finally:
        watcher.close()
    backend.products.extend(make_product(i) for i in range(6, 10))  # p9 arrives with the next pass
    CatalogSync(backend, store, FakeClock()).sync()
    assert store.save_promotions(EVERY_KIND)["p9-v1"] == "p9"
    assert store.promotions()[1]["p9-v1"] == "p9"


def test_the_backend_is_asked_for_the_products_of_new_variants_only(store: SqliteCatalogStore) -> None:
    CatalogSync(FakeBackend([make_product(i) for i in range(1, 4)]), store, FakeClock()).sync()
    asked: list[list[str]] = []

    def backend_says(variant_ids: Sequence[str]) -> dict[str, str]:
        asked.append(list(variant_ids))
        return {v: "from-backend-" + v.split("-")[0] for v in variant_ids if v != "p9-v1"}

    mapping = store.save_promotions(EVERY_KIND, backend_says)
    assert asked == [["p1-v1", "p2-v1", "p3-v1", "p9-v1"]]  # asked, not scanned
    assert mapping["p1-v1"] == "from-backend-p1" and "p9-v1" not in mapping
    store.save_promotions(EVERY_KIND, backend_says)
    assert len(asked) == 1  # known now; p9-v1 waits for the catalog to move


def test_a_variant_id_inside_another_string_is_not_taken_for_it(store: SqliteCatalogStore) -> None:
    """Variant lists are searched as text: a hit is confirmed on the parsed list (p1-v1 is inside p11-v1)."""
    CatalogSync(FakeBackend([make_product(11)]), store, FakeClock()).sync()
    assert store.save_promotions(EVERY_KIND[:1]) == {}


@dataclass
class _Shop(FakeBackend):
    offers: list[Promotion] = field(default_factory=list)

    def promotions(self) -> Sequence[Promotion]:
        self.ping()
        return tuple(self.offers)


def test_the_kiosk_keeps_its_offers_offline_and_after_a_restart_and_follows_a_change(tmp_path: Path) -> None:
    config = load_config(env={**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"})
    shop = _Shop([make_product(i) for i in range(1, 6)], offers=[EVERY_KIND[0]])
    services = Services.build(config, backend=shop, clock=FakeClock(NOW))
    services.sync()
    assert services.refresh_promotions()
    assert services.offers is not None and services.offers.product_badge("p1") is not None
    shop.offline = True
    assert not services.refresh_promotions()  # unreachable: the offers stay
    assert services.offers.promotions == (EVERY_KIND[0],)
    services.close()

    # the kiosk starts again with the backend still down: the offers come from the cache
    again = Services.build(config, backend=shop, clock=FakeClock(NOW))
    assert again.offers is not None and again.offers.promotions == (EVERY_KIND[0],)
    badge = again.offers.product_badge("p2")
    assert badge == LocalizedText("−20% until Sunday", "−20 % hasta el domingo")
    # back online, the backend ended the offer and started another: the next pass shows it
    shop.offline = False
    shop.offers = [dataclasses.replace(EVERY_KIND[0], id="new", percent=Decimal(30), ends_at=None)]
    assert again.refresh_promotions()
    assert again.offers.product_badge("p2") == LocalizedText("−30%", "−30 %")
    again.close()
    third = Services.build(config, backend=shop, clock=FakeClock(NOW))
    assert third.offers is not None and [p.id for p in third.offers.promotions] == ["new"]
    third.close()
