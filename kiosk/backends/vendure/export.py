"""The KioskPlugin's export records (vendure/kiosk-plugin/src/export.ts) to the kiosk's values; no I/O.

One record is one product with everything the cache keeps: the same record feeds a journal delta (as a
`Product`, through the cache's page path) and a first import (as a snapshot `ProductRecord`, the cache's
bulk path, see kiosk.core.catalog_snapshot). Both go through `export_product`, so a product looks the
same in the cache whichever way it came.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from kiosk.backends.vendure.mapping import normalise_gtin, option_key, parse_time, plain_text
from kiosk.core.catalog import Product, StockLevel, Variant
from kiosk.core.catalog_snapshot import (
    SNAPSHOT_FORMAT,
    CatalogSnapshotError,
    OptionList,
    ProductRecord,
    SnapshotChunk,
    SnapshotHeader,
    SnapshotTrailer,
    gtin_runs,
    pack_sku_codes,
    sku_code,
)
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

KNOWN_PLUGIN_MAJOR = 2  # the KioskPlugin major version this adapter speaks (vendure/kiosk-plugin/package.json)


def _text(by_lang: Mapping[str, Any], fallback: str = "") -> LocalizedText:
    """English (or the fallback, or any language) and Spanish, as mapping.localized does for the Admin API."""
    english = str(by_lang.get("en") or fallback or next((v for v in by_lang.values() if v), "") or "")
    return LocalizedText(en=english, es=str(by_lang.get("es") or ""))


def _price(prices: Sequence[Sequence[Any]], currency: str) -> Money | None:
    for code, minor in prices:
        if code == currency:
            return Money.from_minor(int(minor), str(code))
    if prices:  # a variant priced only in another currency of the channel: show that rather than nothing
        code, minor = prices[0]
        return Money.from_minor(int(minor), str(code))
    return None


def _compare_at(later: Sequence[Any], currency: str) -> Money | None:
    """A variant's 8th element (plugin 2.2+), its compare-at price with tax in minor units, when it is set."""
    return Money.from_minor(int(later[0]), currency) if later and later[0] is not None else None


def _rating(raw: Mapping[str, Any]) -> float | None:
    rating = raw.get("rating")
    return float(rating) if rating is not None else None


def export_product(raw: Mapping[str, Any], currency: str) -> Product:
    """One export record as the kiosk's Product; a variant without any price in the channel is left out."""
    product_id = str(raw["id"])
    slug = str(raw.get("slug") or "")
    description = _text(raw["description"])
    variants = []
    for variant_id, sku, gtin, image, prices, stock, options_raw, *later in raw["variants"]:
        price = _price(prices, currency)
        if price is None:
            continue
        options = tuple(
            sorted(
                ((option_key(str(group), slug), _text(names, str(code))) for group, code, names in options_raw),
                key=lambda item: item[0],
            )
        )
        variants.append(
            Variant(
                id=str(variant_id),
                product_id=product_id,
                sku=str(sku),
                gtin=normalise_gtin(gtin),
                price=price,
                options=options,
                image=str(image) if image else None,
                stock=tuple(
                    StockLevel(location_id=str(loc), quantity=max(0, int(on_hand) - int(allocated)))
                    for loc, on_hand, allocated in stock
                ),
                compare_at=_compare_at(later, price.currency),
            )
        )
    return Product(
        id=product_id,
        name=_text(raw["name"]),
        brand=str(raw.get("brand") or ""),
        description=LocalizedText(en=plain_text(description.en), es=plain_text(description.es)),
        category_id=str(raw["category"]) if raw.get("category") is not None else None,
        variants=tuple(sorted(variants, key=lambda x: int(x.id) if x.id.isdigit() else 0)),
        image=str(raw["image"]) if raw.get("image") else None,
        updated_at=parse_time(str(raw["updatedAt"])),
        related=tuple(str(item) for item in raw.get("related") or ()),
        rating=_rating(raw),
        review_count=int(raw.get("reviewCount") or 0),
    )


class SnapshotEncoder:
    """Products to snapshot records, numbering option lists and collecting the trailer's GTIN runs and SKU
    codes as it goes; stock lists use the header's location numbers."""

    def __init__(self, location_ids: Sequence[str], here_location_id: str | None) -> None:
        self._numbers = {loc: n for n, loc in enumerate(location_ids, start=1)}
        self._here = here_location_id
        self._options: dict[OptionList, int] = {}
        self._option_lists: dict[tuple[str, str], int] = {}  # (product slug, options as exported) -> number
        self._new_options: list[tuple[int, OptionList]] = []
        self.products = 0
        self.variants = 0
        self._gtin_runs: list[tuple[int, int, int]] = []
        self._sku_codes: list[int] = []

    def chunk(self, products: Sequence[Product]) -> SnapshotChunk:
        records: list[ProductRecord] = []
        numbers, here = self._numbers, self._here
        for product in products:
            ordinal = self.products + 1
            self.products = ordinal
            parts = []
            stock_here = 0
            low: Money | None = None
            for variant in product.variants:
                options = variant.options
                number = self._options.get(options)
                if number is None:
                    number = self._options[options] = len(self._options) + 1
                    self._new_options.append((number, options))
                stock: list[int] = []
                for level in variant.stock:
                    n = numbers.get(level.location_id)
                    if n is not None:
                        stock += (n, level.quantity)
                    if level.location_id == here:
                        stock_here += level.quantity
                price = variant.price
                if low is None or price.amount < low.amount:
                    low = price
                part: list[Any] = [
                    variant.id, variant.sku, variant.gtin, price.to_minor(), price.currency, number, variant.image,
                    stock,
                ]  # fmt: skip
                if variant.compare_at is not None:
                    part.append(variant.compare_at.to_minor())
                parts.append(part)
                self._sku_codes.append(sku_code(variant.sku) << 32 | ordinal)
            self.variants += len(parts)
            for first, count in gtin_runs(v.gtin for v in product.variants):
                self._gtin_runs.append((first, ordinal, count))
            records.append(
                (
                    ordinal, product.id, product.name.en, product.name.es, product.brand, product.description.en,
                    product.description.es, product.category_id, product.rating, product.review_count,
                    product.popularity, product.image,
                    product.updated_at.isoformat() if product.updated_at else None,
                    low.to_minor() if low else None, low.currency if low else None, stock_here,
                    json.dumps(parts, ensure_ascii=False, separators=(",", ":")), json.dumps(list(product.related)),
                )
            )  # fmt: skip
        new, self._new_options = tuple(self._new_options), []
        return SnapshotChunk(tuple(records), new)

    def chunk_raw(self, raws: Sequence[Mapping[str, Any]], currency: str) -> SnapshotChunk:
        """`chunk([export_product(raw) for raw in raws])` without building Product values: the first import's
        hot path (a Product and its Variants cost more than the rest of a record's encoding). The test
        test_first_import_by_snapshot_equals_the_paged_import holds both ways equal, product by product."""
        records: list[ProductRecord] = []
        numbers, here = self._numbers, self._here
        option_lists = self._option_lists
        dumps = json.dumps
        for raw in raws:
            ordinal = self.products + 1
            self.products = ordinal
            slug = str(raw.get("slug") or "")
            parts = []
            stock_here = 0
            low_minor: int | None = None
            low_currency: str | None = None
            gtins: list[str | None] = []
            for variant_id, sku_raw, gtin_raw, image, prices, stock_raw, options_raw, *later in raw["variants"]:
                minor_currency = next(((int(m), str(c)) for c, m in prices if c == currency), None)
                if minor_currency is None:
                    if not prices:
                        continue
                    minor_currency = (int(prices[0][1]), str(prices[0][0]))
                minor, code = minor_currency
                key = dumps(options_raw, sort_keys=True)
                number = option_lists.get((slug, key))
                if number is None:
                    options = tuple(
                        sorted(
                            ((option_key(str(g), slug), _text(names, str(c))) for g, c, names in options_raw),
                            key=lambda item: item[0],
                        )
                    )
                    number = self._options.get(options)
                    if number is None:
                        number = self._options[options] = len(self._options) + 1
                        self._new_options.append((number, options))
                    option_lists[(slug, key)] = number
                stock: list[int] = []
                for loc, on_hand, allocated in stock_raw:
                    quantity = max(0, int(on_hand) - int(allocated))
                    n = numbers.get(str(loc))
                    if n is not None:
                        stock += (n, quantity)
                    if str(loc) == here:
                        stock_here += quantity
                if low_minor is None or minor < low_minor:
                    low_minor, low_currency = minor, code
                gtin = normalise_gtin(gtin_raw)
                gtins.append(gtin)
                sku = str(sku_raw)
                picture = str(image) if image else None
                part: list[Any] = [str(variant_id), sku, gtin, minor, code, number, picture, stock]
                if later and later[0] is not None:
                    part.append(int(later[0]))  # the compare-at price, in the variant's currency as export_product
                parts.append(part)
                self._sku_codes.append(sku_code(sku) << 32 | ordinal)
            self.variants += len(parts)
            for first, count in gtin_runs(gtins):
                self._gtin_runs.append((first, ordinal, count))
            name = _text(raw["name"])
            description = _text(raw["description"])
            records.append(
                (
                    ordinal, str(raw["id"]), name.en, name.es, str(raw.get("brand") or ""),
                    plain_text(description.en), plain_text(description.es),
                    str(raw["category"]) if raw.get("category") is not None else None, _rating(raw),
                    int(raw.get("reviewCount") or 0), 0,
                    str(raw["image"]) if raw.get("image") else None,
                    parse_time(str(raw["updatedAt"])).isoformat(),
                    low_minor, low_currency, stock_here,
                    dumps(parts, ensure_ascii=False, separators=(",", ":")),
                    dumps([str(item) for item in raw.get("related") or ()]),
                )
            )  # fmt: skip
        new, self._new_options = tuple(self._new_options), []
        return SnapshotChunk(tuple(records), new)

    def trailer(self) -> SnapshotTrailer:
        return SnapshotTrailer(
            self.products, self.variants, tuple(sorted(self._gtin_runs)), pack_sku_codes(self._sku_codes)
        )


class ExportSnapshot:
    """A CatalogSnapshot read page by page from `kioskCatalogExport` (the adapter passes the page reader)."""

    def __init__(
        self,
        header: SnapshotHeader,
        pages: Iterator[Sequence[Mapping[str, Any]]],
        encoder: SnapshotEncoder,
        currency: str,
    ) -> None:
        self._header = header
        self._pages = pages
        self._encoder = encoder
        self._currency = currency

    @property
    def header(self) -> SnapshotHeader:
        return self._header

    def items(self) -> Iterator[SnapshotChunk | SnapshotTrailer]:
        for raws in self._pages:
            try:
                chunk = self._encoder.chunk_raw(raws, self._currency)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise CatalogSnapshotError(f"the catalog export holds a malformed record: {exc!r}") from None
            yield chunk
        yield self._encoder.trailer()

    def close(self) -> None:
        close = getattr(self._pages, "close", None)
        if close is not None:
            close()


def snapshot_header(cursor: str, categories: Any, locations: Any) -> SnapshotHeader:
    return SnapshotHeader(
        format=SNAPSHOT_FORMAT,
        cursor=cursor,
        categories=tuple(categories),
        locations=tuple(locations),
        location_numbers=tuple(location.id for location in locations),
    )


def plugin_major(version: str) -> int | None:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None
