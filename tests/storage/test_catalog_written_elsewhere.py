"""catalog.db written by two processes in turn (the kiosk and its catalog worker): the kiosk's store must not
write from what it remembered of the file before the worker wrote it (SqliteCatalogStore.written_elsewhere)."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.core.catalog import CatalogPage, Product
from kiosk.core.i18n import LocalizedText
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import LOCATIONS, make_product

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _in_size(product: Product, size: str) -> Product:
    """The product with an option list no page had before (a new row in option_sets)."""
    variant = dataclasses.replace(
        product.variants[0], options=(("colour", LocalizedText("Teal", "Verde azulado")), ("size", LocalizedText.same(size)))
    )
    return dataclasses.replace(product, variants=(variant,))


def _page(cursor: str, *products: Product) -> CatalogPage:
    return CatalogPage(products, (), cursor, False, (), LOCATIONS)


def test_after_a_worker_wrote_the_file_the_kiosks_writer_goes_on_from_the_file_not_its_memory(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    kiosk = SqliteCatalogStore(path)
    kiosk.apply_page(_page("1", make_product(1)), NOW)
    worker = SqliteCatalogStore(path)  # the worker process's own store on the same file
    worker.apply_page(_page("2", _in_size(make_product(2), "47")), NOW)  # numbers an option list the kiosk never saw
    worker.close()

    kiosk.written_elsewhere()
    kiosk.apply_page(_page("3", _in_size(make_product(3), "47")), NOW)  # the same option list: found, not added again
    assert kiosk.cursor() == "3"
    product = kiosk.product("p3")
    assert product is not None and product.variants[0].options[1][1] == LocalizedText.same("47")
    kiosk.close()


def test_without_forgetting_the_kiosk_would_number_the_workers_option_list_again(tmp_path: Path) -> None:
    """The negative control: what written_elsewhere prevents."""
    path = tmp_path / "catalog.db"
    kiosk = SqliteCatalogStore(path)
    kiosk.apply_page(_page("1", make_product(1)), NOW)
    worker = SqliteCatalogStore(path)
    worker.apply_page(_page("2", _in_size(make_product(2), "47")), NOW)
    worker.close()
    with pytest.raises(sqlite3.IntegrityError):
        kiosk.apply_page(_page("3", _in_size(make_product(3), "47")), NOW)
    assert kiosk.cursor() == "2"  # the failed page rolled back; the worker's cursor stands
    kiosk.close()
