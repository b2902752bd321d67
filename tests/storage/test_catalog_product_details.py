"""What the product page reads from the cache besides the basics (issue 18): a variant's compare-at price."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.core.money import Money
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeBackend, FakeClock, make_product


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteCatalogStore]:
    s = SqliteCatalogStore(tmp_path / "catalog.db")
    yield s
    s.close()


def test_a_compare_at_price_survives_the_cache_and_counts_only_as_a_reduction(store: SqliteCatalogStore) -> None:
    def with_was(index: int, was: str | None, currency: str = "EUR"):  # type: ignore[no-untyped-def]
        product = make_product(index, price="19.99")
        variant = dataclasses.replace(
            product.variants[0], compare_at=None if was is None else Money(Decimal(was), currency)
        )
        return dataclasses.replace(product, variants=(variant,))

    products = [with_was(1, "29.99"), with_was(2, None), with_was(3, "9.99"), with_was(4, "29.99", "USD")]
    CatalogSync(FakeBackend(products), store, FakeClock()).sync()
    variants = [store.product(f"p{i}").variants[0] for i in range(1, 5)]  # type: ignore[union-attr]
    assert [v.compare_at for v in variants] == [
        Money(Decimal("29.99"), "EUR"), None, Money(Decimal("9.99"), "EUR"), Money(Decimal("29.99"), "EUR"),
    ]  # fmt: skip
    # the cache keeps prices in the variant's currency; a lower figure is not a markdown
    assert [v.was_price for v in variants] == [Money(Decimal("29.99"), "EUR"), None, None, Money(Decimal("29.99"), "EUR")]
    assert store.variant_by_gtin("00000000000001").compare_at == Money(Decimal("29.99"), "EUR")  # type: ignore[union-attr]
