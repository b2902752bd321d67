"""VendureBackend: the kiosk's CommerceBackend on a Vendure server, over GraphQL (Admin API, Shop API search)."""

from __future__ import annotations

import atexit
import json
import logging
import re
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from kiosk.backends.vendure import attract as vendure_attract
from kiosk.backends.vendure import promotions as vendure_promotions
from kiosk.backends.vendure import queries as q
from kiosk.backends.vendure.client import GraphQLReply, VendureClient
from kiosk.backends.vendure.credentials import VendureCredentials, load_credentials_file
from kiosk.backends.vendure.export import (
    KNOWN_PLUGIN_MAJOR,
    ExportSnapshot,
    SnapshotEncoder,
    export_product,
    plugin_major,
    snapshot_header,
)
from kiosk.backends.vendure.mapping import (
    available,
    cart_json,
    digits,
    map_categories,
    map_customer,
    map_location,
    map_past_order,
    parse_reviews,
    reply_shape,
    same_phone,
    unique,
)
from kiosk.backends.vendure.placement import placed_receipt
from kiosk.core.assistance import AssistanceCall
from kiosk.core.attract import AttractSlide
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import CatalogPage, Category, Location, LocationKind, Review, StockLevel
from kiosk.core.catalog_snapshot import CatalogSnapshotError
from kiosk.core.customer import Customer, CustomerLookup, PastOrder
from kiosk.core.enrolment import EnrolmentOutcome, EnrolmentRequest, EnrolmentResult
from kiosk.core.errors import (
    BackendProtocolError,
    BackendRejectedError,
    BackendUnavailableError,
    NotTheBackendError,
    RejectionReason,
)
from kiosk.core.events import KioskEvent
from kiosk.core.handoff import MAX_HANDOFF_LINES, CartLink, HandoffCart, handoff_url
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import (
    FulfilmentKind,
    Order,
    OrderReceipt,
    PaymentChoice,
    ShippingMethod,
)
from kiosk.core.order_tracking import OrderTracking, PaymentState, PickupArrival, TrackingState
from kiosk.core.promotions import Promotion
from kiosk.core.returns import ReturnError, ReturnReceipt, check_return
from kiosk.core.scanning.recall import RecallList
from kiosk.core.services.recheck import LineCheck
from kiosk.core.size_guide import SizeGuide, SizeGuideError, parse_size_guide

_log = logging.getLogger(__name__)
FOREIGN_CURSOR = "the catalog cursor is not a Vendure cursor (the cache came from another backend)"

_JOURNAL = "vj1:"  # catalog cursor prefixes: reading the plugin's journal, or an export under way
_EXPORT = "vx1:"
EXPORT_PAGE_MAX = 2000  # products per export page: ~1 MB of JSON, well under the plugin's 5000
CHANGES_PAGE_MAX = 2000  # journal rows per delta page
EXPORT_AHEAD = 2  # export pages in flight during a first import
EXPORT_RANGE_MAX = 5000  # the plugin's page limit: a planned range of EXPORT_PAGE_MAX products plus growth
DRAFT = "Draft"
_INTERNAL = "INTERNAL_SERVER_ERROR"
# kioskEnrolLoyalty's code for an email or phone the store does not take (KioskPlugin loyalty.ts); its other
# failures (KIOSK_ENROL_REFUSED, KIOSK_ENROL_FAILED) stay plain rejections with the plugin's exact words
_CONTACT_REFUSED = "KIOSK_CONTACT_REFUSED"
# PostgreSQL's own words for a transaction it rolled back and that would succeed if tried again
_TRANSIENT = ("deadlock detected", "could not serialize access", "canceling statement due to lock timeout")
_CURRENCY = re.compile(r"[A-Z]{3}")
_VERSION = re.compile(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?")
NFC_UID_PREFIX = "nfc-uid:"


class PluginVersionError(BackendRejectedError):
    """The server's KioskPlugin is missing or a major version this kiosk does not know; the catalog sync
    stops and the kiosk goes on serving its cache (`kiosk doctor` names the versions)."""


def _split_cursor(cursor: str | None) -> tuple[str, list[str]]:
    """("journal", [journal cursor]) / ("export", [after, sweep, journal cursor]) / ("other", [])."""
    if cursor and cursor.startswith(_JOURNAL) and len(cursor) > len(_JOURNAL):
        return "journal", [cursor[len(_JOURNAL) :]]
    if cursor and cursor.startswith(_EXPORT):
        parts = cursor[len(_EXPORT) :].split(":", 2)
        if len(parts) == 3 and (parts[0].isdigit() or not parts[0]) and parts[1] in ("0", "1"):
            return "export", parts
    return "other", []


class VendureConfigError(ValueError):
    """The [backend] options for Vendure are missing or wrong; the message names the key."""


class VendureBackend:
    """CommerceBackend (and ImageSource) for Vendure 3.x with the kiosk's custom fields.

    Every method raises BackendUnavailableError (network, timeout, 5xx: retry later), BackendRejectedError
    (4xx, GraphQL errors, Vendure ErrorResults: retrying will not help) or BackendProtocolError (a reply
    that does not match the schema). See docs/vendure.md for the server-side requirements.
    """

    name = "vendure"

    def __init__(
        self,
        admin_url: str,
        shop_url: str,
        credentials: VendureCredentials,
        *,
        channel_token: str | None = None,
        location_kinds: Mapping[str, LocationKind] | None = None,
        here_location: str | None = None,
        timeout_s: float = 5.0,
        order_timeout_s: float = 20.0,
        transport: httpx.BaseTransport | None = None,
        currency: str | None = None,
        brand_facet: str = "brand",
        pickup_method_code: str = "store-pickup",
        default_shipping_days: tuple[int, int] = (2, 5),
        guest_email_domain: str = "kiosk.invalid",
        order_state: str = "ArrangingPayment",
        store_host: str = "shop.example.com",
    ) -> None:
        self._client = VendureClient(
            admin_url, shop_url, credentials, channel_token=channel_token, timeout_s=timeout_s, transport=transport
        )
        self._location_kinds = dict(location_kinds or {})
        self._here_location = here_location
        self._currency = currency
        self._plugin_checked = ""  # what check_plugin found, once it found a version it knows
        self._resyncs = 0
        self._brand_facet = brand_facet
        self._pickup_code = pickup_method_code
        self._default_days = default_shipping_days
        self._guest_domain = guest_email_domain
        self._order_state = order_state
        # placing an order is one request doing the work of many (a transaction of ~15 service steps): under a
        # fleet's load it can take seconds, and a timeout that fires while the server still works only makes
        # the retry queue behind it. Reads keep the short timeout.
        self._order_timeout_s = max(order_timeout_s, timeout_s)
        self._store_host = store_host  # the web shop's host in handoff links; one of [scanning] store_hosts
        self._on_close: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        # the recall list that came with the last catalog poll, until recall_list() takes it
        self._recalls_polled: RecallList | BackendProtocolError | None = None
        self._recalls_in_poll = True  # False once the server turned out to have no kioskRecalls
        # The promotions as last read, and whether the journal said they changed since (None: never read).
        # False once the server turned out to have no promotionsChanged: then every pass reads them.
        self._promotions_flag_in_poll = True
        self._promotions_read: tuple[Promotion, ...] | None = None
        self._promotions_stale = True

    # --- construction from the kiosk's config -------------------------------------------------------
    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> VendureBackend:
        """Builds the backend from the [backend] table of the kiosk's TOML config (kind already removed).

        Without `admin_url` the local development server is used: installed, seeded and started on
        127.0.0.1 by kiosk.backends.vendure.server, and stopped when the process exits. That is what
        `kiosk demo --backend vendure` relies on.
        """
        known = {
            "admin_url", "shop_url", "credentials_file", "api_key", "username", "password", "channel_token",
            "here_location", "location_kinds", "timeout_s", "order_timeout_s", "brand_facet", "pickup_method_code",
            "currency", "store_host",
        }  # fmt: skip
        unknown = sorted(set(options) - known)
        if unknown:
            raise VendureConfigError(f"[backend] unknown Vendure option(s): {', '.join(unknown)}")
        if not options.get("admin_url"):
            return cls._local(options)
        admin_url = _string(options, "admin_url")
        shop_url = _string(options, "shop_url", admin_url.replace("/admin-api", "/shop-api"))
        return cls(
            admin_url,
            shop_url,
            _credentials(options),
            channel_token=_string(options, "channel_token") or None,
            location_kinds=_kinds(options.get("location_kinds", {})),
            here_location=_string(options, "here_location") or None,
            timeout_s=_number(options, "timeout_s", 5.0),
            order_timeout_s=_number(options, "order_timeout_s", 20.0),
            brand_facet=_string(options, "brand_facet", "brand"),
            pickup_method_code=_string(options, "pickup_method_code", "store-pickup"),
            currency=_string(options, "currency") or None,
            store_host=_string(options, "store_host", "shop.example.com"),
        )

    @classmethod
    def _local(cls, options: Mapping[str, Any]) -> VendureBackend:
        from kiosk.backends.vendure.server import VendureServer

        server = VendureServer(persist=True)
        server.start()
        atexit.register(server.stop)
        backend = cls(
            server.admin_url,
            server.shop_url,
            server.kiosk_credentials(),
            here_location=_string(options, "here_location") or server.here_location(),
            location_kinds=_kinds(options.get("location_kinds", {})),
            timeout_s=_number(options, "timeout_s", 5.0),
        )
        backend._on_close.append(server.stop)
        return backend

    def close(self) -> None:
        self._client.close()
        for callback in self._on_close:
            callback()

    # --- CommerceBackend --------------------------------------------------------------------------------
    def ping(self) -> None:
        """Reachability: the server's own health query (channel and KioskPlugin version) answered with the
        expected JSON shape. Anything else that answers (a captive portal, a proxy's JSON, another GraphQL
        server) is NotTheBackendError: offline for the kiosk. A KioskPlugin major this kiosk does not know is
        still "reachable"; check_plugin says what that stops (the catalog sync)."""
        reply = self._client.admin("ping", q.HEALTH)
        try:
            currency = reply.data["activeChannel"]["defaultCurrencyCode"]
            version = reply.data["kioskPluginInfo"]["version"]
        except (KeyError, TypeError):
            raise NotTheBackendError(
                "Vendure's reply to ping lacks the channel or the KioskPlugin version: another server answered"
            ) from None
        if not (isinstance(currency, str) and _CURRENCY.fullmatch(currency)):
            raise NotTheBackendError(f"Vendure's reply to ping has no currency code: {str(currency)[:20]!r}")
        if not (isinstance(version, str) and _VERSION.fullmatch(version)):
            raise NotTheBackendError(f"Vendure's reply to ping has no KioskPlugin version: {str(version)[:20]!r}")
        with self._lock:
            self._currency = self._currency or currency

    def check_lines(self, items: Sequence[CartItemRef]) -> dict[str, LineCheck]:
        """LineChecker: price and stock of every line in one Admin API call, just before an order is placed;
        a variant that is deleted or disabled (or whose product is) is left out: no longer sold."""
        ids = list(dict.fromkeys(item.variant_id for item in items))
        if not ids:
            return {}
        reply = self._client.admin("check cart lines", q.VARIANTS_NOW, {"ids": ids, "take": len(ids)})
        checks: dict[str, LineCheck] = {}
        with reply_shape("check cart lines"):
            for raw in reply.data["productVariants"]["items"]:
                if not raw["enabled"] or not raw["product"]["enabled"]:
                    continue
                stock = tuple(
                    StockLevel(str(level["stockLocationId"]), available(level)) for level in raw["stockLevels"]
                )
                price = Money.from_minor(int(raw["priceWithTax"]), str(raw["currencyCode"]))
                checks[str(raw["id"])] = LineCheck(str(raw["id"]), price, stock)
        return checks

    def reviews(self, product_id: str, limit: int) -> Sequence[Review]:
        """The product's `reviews` custom field (core Vendure keeps no reviews; a review plugin's moderated
        entries are copied there), first `limit`; a review that is not well formed is left out, logged."""
        text = self._product_extras(product_id).get("reviews")
        return parse_reviews(text, product_id)[: max(0, limit)] if text else ()

    def size_guide(self, product_id: str) -> SizeGuide | None:
        """The product's `sizeGuide` custom field (kiosk.core.size_guide's JSON), or None."""
        text = self._product_extras(product_id).get("sizeGuide")
        if not text:
            return None
        try:
            return parse_size_guide(json.loads(text))
        except (ValueError, SizeGuideError) as exc:
            raise BackendProtocolError(f"product {product_id}'s size guide is malformed: {exc}") from None

    def _product_extras(self, product_id: str) -> Mapping[str, Any]:
        reply = self._client.admin("product reviews and size guide", q.PRODUCT_EXTRAS, {"id": product_id})
        with reply_shape("product reviews and size guide"):
            product = reply.data["product"]
            return dict(product["customFields"] or {}) if product else {}

    def search(self, query: str, limit: int) -> Sequence[str]:
        reply = self._client.shop("search", q.SHOP_SEARCH, {"term": query, "take": limit})
        with reply_shape("search"):
            ids = [str(item["productId"]) for item in reply.data["search"]["items"]]
        return list(dict.fromkeys(ids))[:limit]

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        """One page of the KioskPlugin's export (a first import or a resync), or of its change journal.

        The cursor says which: `vj1:<journal cursor>` reads the journal; `vx1:<after>:<sweep>:<journal
        cursor>` is an export under way (products after id `after`; the journal cursor taken before its first
        page, read once the export is in, so nothing committed meanwhile is missed). Anything else (no
        cursor, a demo cache's cursor, the 1.x adapter's cursor) starts an export. A journal that answers
        "resync" (cursor older than its retention, another database, a gap) starts an export that also
        reports every product no longer live (`sweep`), and its first page says why in `resync_reason`.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        kind, parts = _split_cursor(cursor)
        if kind == "journal":
            return self._journal_page(parts[0], limit)
        if kind == "export":
            after, sweep, journal = parts
            return self._export_page(after or None, sweep == "1", journal or None, limit)
        if cursor is not None:
            # a cache from another backend (a demo store's) or the 1.x adapter: a resync, so the cache sweeps
            # whatever this export does not send once it is in, instead of keeping the other catalog's products
            _log.warning("catalog cursor %r is not this adapter's; starting a full catalog export", cursor[:40])
            return self._export_page(None, False, None, limit, resync_reason=FOREIGN_CURSOR)
        return self._export_page(None, False, None, limit)

    def _reference_data(self) -> tuple[tuple[Category, ...], tuple[Location, ...]]:
        reply = self._client.admin("catalog sync (reference data)", q.REFERENCE_DATA)
        with reply_shape("catalog sync (reference data)"):
            categories = map_categories(reply.data["collections"]["items"])
            locations = tuple(
                map_location(raw, self._here_location, self._location_kinds)
                for raw in reply.data["stockLocations"]["items"]
            )
            self._currency = self._currency or str(reply.data["activeChannel"]["defaultCurrencyCode"])
        return categories, locations

    def _export_reply(
        self, after: str | None, limit: int, with_deleted: bool, up_to: str | None = None
    ) -> Mapping[str, Any]:
        operation = "catalog export"
        variables = {"after": after, "limit": min(limit, EXPORT_PAGE_MAX), "withDeleted": with_deleted, "upTo": up_to}
        if up_to is not None:
            variables["limit"] = EXPORT_RANGE_MAX  # a planned range: products added since the plan fit too
        reply = self._client.admin(operation, q.CATALOG_EXPORT, variables)
        with reply_shape(operation):
            page: Mapping[str, Any] = reply.data["kioskCatalogExport"]
            _ = (page["cursor"], page["products"], page["nextAfter"], page["deletedIds"])
        return page

    def _export_page(
        self, after: str | None, sweep: bool, journal: str | None, limit: int, resync_reason: str = ""
    ) -> CatalogPage:
        with self._lock:
            self._promotions_stale = True  # an export starts over: whatever the journal said before is moot
        categories: tuple[Category, ...] = ()
        locations: tuple[Location, ...] = ()
        if after is None:
            self.check_plugin()
            categories, locations = self._reference_data()
        page = self._export_reply(after, limit, sweep)
        journal = journal or str(page["cursor"])
        currency = self._channel_currency()
        with reply_shape("catalog export"):
            products = tuple(export_product(raw, currency) for raw in page["products"])
            deleted = tuple(str(x) for x in page["deletedIds"])
        next_after = page["nextAfter"]
        if next_after is None:  # the export is in: the journal from before its first page comes next
            next_cursor = f"{_JOURNAL}{journal}"
        else:
            next_cursor = f"{_EXPORT}{next_after}:{'1' if sweep else '0'}:{journal}"
        return CatalogPage(
            products=products,
            deleted_product_ids=deleted,
            next_cursor=next_cursor,
            has_more=True,
            categories=categories,
            locations=locations,
            resync_reason=resync_reason,
        )

    def _journal_page(self, since: str, limit: int) -> CatalogPage:
        operation = "catalog changes"
        with_recalls, with_flag = self._recalls_in_poll, self._promotions_flag_in_poll
        query = q.catalog_changes(recalls=with_recalls, promotions_flag=with_flag)
        try:
            reply = self._client.admin(operation, query, {"since": since, "limit": min(limit, CHANGES_PAGE_MAX)})
        except BackendRejectedError as exc:
            if with_flag and '"promotionsChanged"' in str(exc):
                # a KioskPlugin before 2.4: no word on promotions in the journal; promotions() reads them each pass
                _log.info("the KioskPlugin does not flag promotion changes; reading promotions on every pass")
                self._promotions_flag_in_poll = False
                return self._journal_page(since, limit)
            if with_recalls and '"kioskRecalls"' in str(exc):
                # a KioskPlugin before 2.1 (no recalls): poll without them; recall_list() asks on its own
                _log.info("the KioskPlugin has no recall list; polling the journal without it")
                self._recalls_in_poll = False
                return self._journal_page(since, limit)
            if "since:" not in str(exc):
                raise
            reason = f"the server refused the catalog cursor ({exc})"
            _log.warning("refreshing the catalog: %s", reason)
            self._resyncs += 1
            return self._export_page(None, True, None, limit, reason)
        with reply_shape(operation):
            page = reply.data["kioskChanges"]
            if with_recalls:
                recalls = self._read_recalls(reply.data["kioskRecalls"])
                with self._lock:
                    self._recalls_polled = recalls  # the pass's recall_list() takes it instead of asking again
            if with_flag and page["promotionsChanged"]:
                with self._lock:
                    self._promotions_stale = True
            if page["resync"]:
                reason = str(page["resyncReason"] or "the server asked for a full resync")
                _log.warning("refreshing the catalog: %s", reason)
                self._resyncs += 1
                return self._export_page(None, True, None, limit, reason)
            raw_products = page["products"]
            currency = self._channel_currency() if raw_products else ""  # a quiet poll stays one request
            products = tuple(export_product(raw, currency) for raw in raw_products)
            deleted = tuple(str(x) for x in page["deletedProductIds"])
            next_cursor = f"{_JOURNAL}{page['nextCursor']}"
            has_more = bool(page["hasMore"])
            reference = bool(page["categoriesChanged"]) or bool(page["locationsChanged"])
        categories: tuple[Category, ...] = ()
        locations: tuple[Location, ...] = ()
        if reference:
            categories, locations = self._reference_data()
        return CatalogPage(products, deleted, next_cursor, has_more, categories, locations)

    # --- the KioskPlugin's version ------------------------------------------------------------------
    def plugin_info(self) -> Mapping[str, Any]:
        """kioskPluginInfo as the server reports it (version, journal retention, limits)."""
        reply = self._client.admin("plugin info", q.PLUGIN_INFO)
        with reply_shape("plugin info"):
            info: Mapping[str, Any] = reply.data["kioskPluginInfo"]
            _ = (info["version"], info["journalRetentionHours"])
        return info

    def check_plugin(self) -> str:
        """The server's KioskPlugin, described, when this kiosk knows its major version (ServerPluginCheck).

        Raises PluginVersionError otherwise: its export or journal may mean something else, so the catalog
        sync stops there and the kiosk keeps serving its cache. Asked once per adapter, then remembered.
        """
        if self._plugin_checked:
            return self._plugin_checked
        try:
            info = self.plugin_info()
        except PluginVersionError:
            raise
        except BackendRejectedError as exc:
            message = f"the Vendure server has no KioskPlugin {KNOWN_PLUGIN_MAJOR}.x catalog API ({exc})"
            _log.error("%s", message)
            raise PluginVersionError(message) from None
        version = str(info["version"])
        if plugin_major(version) != KNOWN_PLUGIN_MAJOR:
            message = (
                f"the Vendure server runs KioskPlugin {version}; this kiosk knows {KNOWN_PLUGIN_MAJOR}.x: "
                "catalog sync paused, serving the cached catalog"
            )
            _log.error("%s", message)
            raise PluginVersionError(message)
        self._plugin_checked = f"KioskPlugin {version} (journal kept {float(info['journalRetentionHours']):g} h)"
        return self._plugin_checked

    def catalog_synced_elsewhere(self) -> None:
        """A catalog worker read journal pages this adapter never saw (kiosk.core.services.catalog_catch_up): one
        of them may have flagged a promotion change, so the next promotions() reads them again."""
        with self._lock:
            self._promotions_stale = True

    @property
    def resyncs(self) -> int:
        """How many times the journal sent this adapter back to a full export (for reports and tests)."""
        return self._resyncs

    # --- CatalogSnapshotSource ----------------------------------------------------------------------
    def catalog_snapshot(self) -> ExportSnapshot:
        """The first import as a snapshot: the export's pages encoded straight into the cache's records.

        The export plan gives the journal position before any page is read and where every page starts, so
        pages are fetched EXPORT_AHEAD at a time while earlier ones are encoded and written: the server's
        work (PostgreSQL, Node) and the kiosk's overlap instead of taking turns. They are used in order.
        """
        self.check_plugin()
        categories, locations = self._reference_data()
        plan = self._client.admin("catalog export plan", q.CATALOG_EXPORT_PLAN, {"limit": EXPORT_PAGE_MAX})
        with reply_shape("catalog export plan"):
            cursor = str(plan.data["kioskCatalogExportPlan"]["cursor"])
            starts = [str(after) for after in plan.data["kioskCatalogExportPlan"]["starts"]]
        ranges = list(zip([None, *starts], [*starts, None], strict=True))
        header = snapshot_header(f"{_JOURNAL}{cursor}", categories, locations)
        here = next((loc.id for loc in locations if loc.kind is LocationKind.HERE), None)
        currency = self._channel_currency()

        def fetch(after: str | None, up_to: str | None) -> Mapping[str, Any]:
            if up_to is None:  # the last range: open-ended, paged as usual
                return self._export_reply(after, EXPORT_PAGE_MAX, False)
            return self._export_reply(after, EXPORT_RANGE_MAX, False, up_to)

        def pages() -> Iterator[Sequence[Mapping[str, Any]]]:
            with ThreadPoolExecutor(max_workers=EXPORT_AHEAD, thread_name_prefix="vendure-export") as pool:
                queued = deque(pool.submit(fetch, *span) for span in ranges[:EXPORT_AHEAD])
                waiting = iter(ranges[EXPORT_AHEAD:])
                while queued:
                    try:
                        page = queued.popleft().result()
                    except (BackendUnavailableError, BackendRejectedError, BackendProtocolError) as exc:
                        raise CatalogSnapshotError(f"the catalog export broke off: {exc}") from None
                    following = next(waiting, None)
                    if following is not None:
                        queued.append(pool.submit(fetch, *following))
                    try:
                        with reply_shape("catalog export"):
                            raws = list(page["products"])
                            more = page["nextAfter"]
                    except BackendProtocolError as exc:
                        raise CatalogSnapshotError(str(exc)) from None
                    yield raws
                    while more is not None and following is None and not queued:  # the open-ended last range
                        page = self._export_reply(str(more), EXPORT_PAGE_MAX, False)
                        more = page["nextAfter"]
                        yield list(page["products"])
                    if more is not None and (following is not None or queued):
                        raise CatalogSnapshotError("the catalog changed too much during the export; syncing by pages")

        return ExportSnapshot(header, pages(), SnapshotEncoder(header.location_numbers, here), currency)

    def find_customer(self, by: CustomerLookup, value: str) -> Customer | None:
        value = value.strip()
        if not value:
            return None
        operation = f"find customer by {by.value.replace('_', ' ')}"
        matches: Callable[[Mapping[str, Any]], bool]
        if by is CustomerLookup.LOYALTY_NUMBER:
            query_filter: dict[str, Any] = {"loyaltyNumber": {"eq": value}}
            matches = lambda raw: (raw.get("customFields") or {}).get("loyaltyNumber") == value  # noqa: E731
        elif by is CustomerLookup.APP_TOKEN and value.lower().startswith(NFC_UID_PREFIX):
            # an NFC loyalty card or tag without NDEF data, read as its UID (kiosk.core.scanning)
            tag = NFC_UID_PREFIX + value[len(NFC_UID_PREFIX) :].upper()
            query_filter = {"nfcTag": {"eq": tag}}
            matches = lambda raw: (raw.get("customFields") or {}).get("nfcTag") == tag  # noqa: E731
        elif by is CustomerLookup.APP_TOKEN:
            query_filter = {"appToken": {"eq": value}}
            matches = lambda raw: (raw.get("customFields") or {}).get("appToken") == value  # noqa: E731
        elif by is CustomerLookup.EMAIL:
            # `contains` is case-insensitive on SQLite and Postgres (ILIKE); the exact match is ours.
            query_filter = {"emailAddress": {"contains": value}}
            matches = lambda raw: str(raw.get("emailAddress", "")).lower() == value.lower()  # noqa: E731
        else:
            wanted = digits(value)
            if len(wanted) < 7:
                return None
            # Phone numbers are stored as typed; match on the last seven digits, then compare properly.
            query_filter = {"phoneNumber": {"contains": wanted[-7:]}}
            matches = lambda raw: same_phone(str(raw.get("phoneNumber") or ""), wanted)  # noqa: E731
        reply = self._client.admin(operation, q.CUSTOMERS, {"filter": query_filter, "take": 50})
        with reply_shape(operation):
            found = unique(reply.data["customers"]["items"], matches)
            return map_customer(found) if found is not None else None

    def shipping_methods(self, country_code: str) -> Sequence[ShippingMethod]:
        """Home-delivery methods Vendure's eligibility checkers accept for the country (pick-up excluded)."""
        operation = "list shipping methods"
        reply = self._client.admin(operation, q.SHIPPING_QUOTES, {"country": country_code.upper()})
        currency = self._channel_currency()
        with reply_shape(operation):
            details = {str(m["id"]): m for m in reply.data["shippingMethods"]["items"]}
            methods = []
            for quote in reply.data["testEligibleShippingMethods"]:
                if quote["code"] == self._pickup_code:
                    continue
                detail = details.get(str(quote["id"]), {})
                fields = detail.get("customFields") or {}
                days_min = fields.get("daysMin")
                days_max = fields.get("daysMax")
                methods.append(
                    ShippingMethod(
                        id=str(quote["id"]),
                        code=str(quote["code"]),
                        name=_name(detail.get("translations") or [], str(quote["code"])),
                        price=Money.from_minor(int(quote["priceWithTax"]), currency),
                        days_min=int(days_min) if days_min is not None else self._default_days[0],
                        days_max=int(days_max) if days_max is not None else self._default_days[1],
                    )
                )
        return tuple(sorted(methods, key=lambda m: (m.price.amount, m.days_max)))

    def find_order(self, client_order_id: str) -> OrderReceipt | None:
        """The placed order carrying this client id; a half-built draft is not an order yet (None)."""
        found = self._order_by_client_id(client_order_id)
        if found is None or found["state"] == DRAFT:
            return None
        with reply_shape("find order"):
            total = Money.from_minor(int(found["totalWithTax"]), str(found["currencyCode"]))
        return OrderReceipt(client_order_id, str(found["code"]), str(found["state"]), total=total)

    def order_tracking(self, client_order_id: str) -> OrderTracking | None:
        """OrderTracker: the order's state for its QR holder, from Vendure's order process and fulfilments;
        None while it is only a draft or unknown. Nothing personal is read."""
        reply = self._client.admin("order status", q.ORDER_TRACKING, {"clientOrderId": client_order_id})
        with reply_shape("order status"):
            items = reply.data["orders"]["items"]
            if not items or items[0]["state"] == DRAFT:
                return None
            raw = items[0]
            fields = raw["customFields"] or {}
            fulfilment = _enum_or_none(FulfilmentKind, fields.get("kioskFulfilment"))
            shipped = [f for f in raw["fulfillments"] if f["state"] != "Cancelled"]
            state = tracking_state(str(raw["state"]), fulfilment, bool(shipped))
            return OrderTracking(
                number=str(fields.get("kioskOrderNumber") or raw["code"]),
                state=state,
                as_of=reply.server_time or datetime.now(UTC),
                fulfilment=fulfilment,
                pickup_location_id=fields.get("kioskPickupLocationId") or None,
                carrier=str(shipped[-1]["method"]) if shipped and state is TrackingState.SHIPPED else "",
                tracking_code=str(shipped[-1]["trackingCode"] or "") if state is TrackingState.SHIPPED else "",
                total=Money.from_minor(int(raw["totalWithTax"]), str(raw["currencyCode"])),
                item_count=sum(int(line["quantity"]) for line in raw["lines"]),
                payment=_enum_or_none(PaymentChoice, fields.get("kioskPayment")),
                backend_code=str(raw["code"]),
                payment_state=payment_state([str(pay["state"]) for pay in raw["payments"] or ()]),
            )

    def pickup_arrivals(self, location_id: str) -> list[PickupArrival]:
        """ArrivalBoard: the KioskPlugin lists the first PICKUP_ARRIVAL event of each order at this stock
        location whose order is still open (not collected, delivered or cancelled), oldest first."""
        reply = self._client.admin("pickup arrivals", q.PICKUP_ARRIVALS, {"locationId": location_id})
        with reply_shape("pickup arrivals"):
            arrivals = [
                PickupArrival(
                    order_number=str(raw["orderNumber"]),
                    client_order_id=str(raw["clientOrderId"]),
                    arrived_at=_aware(datetime.fromisoformat(str(raw["arrivedAt"]))),
                    state=tracking_state(
                        str(raw["state"]), _enum_or_none(FulfilmentKind, raw["fulfilment"]), bool(raw["hasFulfilment"])
                    ),
                    item_count=int(raw["itemCount"]),
                )
                for raw in reply.data["kioskPickupArrivals"]
            ]
        return sorted(arrivals, key=lambda a: a.arrived_at)

    def assistance_calls(self, store_id: str, since: datetime) -> list[AssistanceCall]:
        """AssistanceBoard: the store's unanswered calls for an associate, from the kiosks' events in the
        KioskPlugin, newest first."""
        variables = {"storeId": store_id, "since": since.astimezone(UTC).isoformat()}
        reply = self._client.admin("calls for an associate", q.ASSISTANCE_CALLS, variables)
        with reply_shape("calls for an associate"):
            return [
                AssistanceCall(
                    call_id=str(raw["callId"]),
                    device_id=str(raw["deviceId"]),
                    page=str(raw["page"]),
                    at=_aware(datetime.fromisoformat(str(raw["at"]))),
                )
                for raw in reply.data["kioskAssistanceCalls"]
            ]

    def submit_order(self, order: Order) -> OrderReceipt:
        """Places the order with the KioskPlugin's kioskPlaceOrder: ONE request, one transaction on the server.

        Safe to call again for the same order: the server serialises placements per client order id and a
        retry (a lost answer, a concurrent duplicate) gets the placed order back, with the same total, points
        and notes. Coupons that do not apply and points the rules refuse do not refuse the order (an order
        queued offline must not be lost for them): it is placed without them and the receipt's notes say why.
        A line short of stock is placed with what there was (receipt.short_lines). docs/vendure.md.
        """
        _validate(order)
        try:
            reply = self._client.admin(
                "place order", q.PLACE_ORDER, {"input": self._order_input(order)}, self._order_timeout_s
            )
        except BackendRejectedError as exc:
            if str(exc).endswith(f"({_INTERNAL})") or any(phrase in str(exc) for phrase in _TRANSIENT):
                # a server fault, not a verdict on the order (nothing was committed): retrying is safe
                raise BackendUnavailableError(str(exc)) from None
            if 'Cannot query field "kioskPlaceOrder"' in str(exc):
                # a server not yet upgraded to KioskPlugin 2.3: the order waits for it, it is not a bad order
                raise BackendUnavailableError(
                    "the Vendure server's KioskPlugin cannot place orders yet (kioskPlaceOrder needs plugin 2.3 or"
                    " later); the order waits in the queue"
                ) from None
            if type(exc) is BackendRejectedError:
                exc.reason = _rejection_reason(str(exc))  # what the associate's dead-letter screen says
            raise
        with reply_shape("place order"):
            raw = reply.data["kioskPlaceOrder"]
            receipt = placed_receipt(order, raw)
        placed = "placed" if raw["created"] else "already placed"
        _log.info("order %s %s in Vendure as %s (%s)", order.number, placed, receipt.backend_code, receipt.state)
        return receipt

    def _order_input(self, order: Order) -> dict[str, Any]:
        contact = order.contact
        data: dict[str, Any] = {
            "clientOrderId": order.client_order_id,
            "orderNumber": order.number,
            "storeId": order.store_id,
            "deviceId": order.device_id,
            "fulfilment": order.fulfilment.value,
            "payment": order.payment.value,
            "lines": [{"variantId": line.variant_id, "quantity": line.quantity} for line in order.lines],
            "customer": {
                "customerId": contact.customer_id or None,
                "loyaltyNumber": contact.loyalty_number or None,
                "firstName": contact.first_name,
                "lastName": contact.last_name,
                "emailAddress": contact.email.strip() or f"guest+{order.client_order_id}@{self._guest_domain}",
                "phoneNumber": contact.phone or None,
            },
            "state": self._order_state,
            "couponCodes": list(order.coupon_codes),
            "pointsToRedeem": order.points_to_redeem,
        }
        if order.fulfilment.needs_pickup_location:
            # pick-up elsewhere and reserve-here are both "ship to that store" with the store-pickup method;
            # Order.kioskFulfilment tells staff which
            data["pickupLocationId"] = order.pickup_location_id
            data["pickupMethodCode"] = self._pickup_code
        else:
            assert order.shipping_address is not None and order.shipping_method is not None  # _validate
            ship_to = order.shipping_address
            data["shippingAddress"] = {
                "fullName": ship_to.full_name,
                "streetLine1": ship_to.street,
                "city": ship_to.city,
                "postalCode": ship_to.postal_code,
                "countryCode": ship_to.country_code,
                "phoneNumber": ship_to.phone or contact.phone or None,
            }
            data["shippingMethodId"] = order.shipping_method.id
        return data

    # --- the omnichannel journey (see docs/vendure.md, "Omnichannel") --------------------------------------
    def handoff_cart(self, cart_id: str) -> HandoffCart | None:
        """A cart parked as a draft order whose Order.kioskHandoffId is the QR's UUID."""
        try:
            key = str(uuid.UUID(cart_id))
        except ValueError:
            return None
        operation = "find handoff cart"
        reply = self._client.admin(operation, q.HANDOFF_CART, {"handoffId": key})
        with reply_shape(operation):
            items = reply.data["orders"]["items"]
            if not items:
                return None
            raw = items[0]
            lines = tuple(
                CartItemRef(
                    str(line["productVariant"]["id"]), str(line["productVariant"]["sku"]), int(line["quantity"])
                )
                # in the order they were added (PostgreSQL returns them in no set order)
                for line in sorted(raw["lines"], key=lambda line: _id_order(str(line["id"])))
                if int(line["quantity"]) > 0
            )
            customer = raw.get("customer")
            return HandoffCart(key, lines, str(customer["id"]) if customer else None)

    def publish_cart(self, lines: Sequence[CartItemRef], customer_id: str | None) -> CartLink:
        """Parks the cart as a draft order (Order.kioskHandoffId = a new UUID), for the shopper's account when
        known; the web shop opens it from https://<store host>/cart/handoff/<uuid>. A retry after a lost reply
        makes another draft and link: harmless, the shopper uses the link they see."""
        if not lines:
            raise BackendRejectedError("An empty cart cannot be handed off")
        if len(lines) > MAX_HANDOFF_LINES:
            raise BackendRejectedError(f"A handoff cart holds at most {MAX_HANDOFF_LINES} lines")
        cart_id = str(uuid.uuid4())
        reply = self._client.admin("create draft order", q.CREATE_DRAFT_ORDER)
        with reply_shape("create draft order"):
            order_id = str(reply.data["createDraftOrder"]["id"])
        self._client.admin(
            "claim handoff cart",
            q.CLAIM_HANDOFF,
            {"orderId": order_id, "input": {"id": order_id, "customFields": {"kioskHandoffId": cart_id}}},
        )
        wanted: dict[str, int] = {}
        for line in lines:
            wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
        for variant_id, quantity in wanted.items():
            operation = "add item to handoff cart"
            added = self._client.admin(
                operation, q.ADD_ITEM, {"orderId": order_id, "variantId": variant_id, "quantity": quantity}
            )
            _check_quantity(added, "addItemToDraftOrder", operation, variant_id, quantity)
        if customer_id:
            self._client.admin(
                "set handoff cart customer", q.SET_CUSTOMER_BY_ID, {"orderId": order_id, "customerId": customer_id}
            )
        return CartLink(cart_id, handoff_url(self._store_host, cart_id))

    def send_cart_link(self, customer_id: str, link: CartLink) -> None:
        """Asks the store to send the link (KioskPlugin's sendKioskMessage: stored and published as an event
        that the store's email / app-push integration delivers)."""
        self._client.admin(
            "send cart link", q.SEND_MESSAGE, {"customerId": customer_id, "kind": "cart_link", "body": link.url}
        )

    def save_customer_cart(self, customer_id: str, lines: Sequence[CartItemRef]) -> None:
        """Customer.kioskSavedCart holds the cart; the web shop restores it when the shopper next signs in."""
        operation = "save customer cart"
        reply = self._client.admin(
            operation,
            q.SAVE_CUSTOMER_CART,
            {"input": {"id": customer_id, "customFields": {"kioskSavedCart": cart_json(lines)}}},
        )
        with reply_shape(operation):
            if reply.data["updateCustomer"].get("id") is None:
                raise BackendRejectedError(f"Vendure has no customer {customer_id}")

    # --- loyalty membership (kiosk.core.ports.LoyaltyMembership; KioskPlugin loyalty.ts) ---------------------
    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        """One plugin call creates the member and records the consent in one transaction; the new member is
        then read back like a scanned card, so the kiosk greets them exactly as it will next time.

        Only the plugin's ALREADY_MEMBER means the contact has an account. A contact the store refuses is a
        BackendRejectedError with reason CONTACT_REFUSED (the screen asks the shopper to check it); any other
        failure is a BackendRejectedError naming what Vendure said, and nothing was saved."""
        operation = "enrol loyalty member"
        try:
            reply = self._client.admin(
                operation,
                q.ENROL_LOYALTY,
                {
                    "input": {
                        "contactKind": request.kind.value,
                        "contact": request.contact,
                        "firstName": request.first_name,
                        "language": request.language,
                        "consentVersion": request.consent_version,
                        "consentText": request.consent_text,
                        "storeId": request.store_id,
                        "deviceId": request.device_id,
                    }
                },
            )
        except BackendRejectedError as exc:
            if type(exc) is BackendRejectedError and str(exc).endswith(f"({_CONTACT_REFUSED})"):
                exc.reason = RejectionReason.CONTACT_REFUSED
            raise
        with reply_shape(operation):
            result = reply.data["kioskEnrolLoyalty"]
            outcome = str(result["outcome"])
            number = str(result.get("loyaltyNumber") or "")
        if outcome == "ALREADY_MEMBER":
            return EnrolmentResult(EnrolmentOutcome.ALREADY_MEMBER)
        if outcome != "CREATED" or not number:
            raise BackendProtocolError(f"Vendure's reply to {operation} has an unknown outcome {outcome[:20]!r}")
        customer = self.find_customer(CustomerLookup.LOYALTY_NUMBER, number)
        if customer is None:
            raise BackendProtocolError(f"Vendure enrolled a member it then could not find ({operation})")
        return EnrolmentResult(EnrolmentOutcome.CREATED, customer)

    def loyalty_consents(self, customer_id: str) -> list[dict[str, str]]:
        """The consents a member gave, as the plugin recorded them (oldest first)."""
        operation = "read loyalty consents"
        reply = self._client.admin(operation, q.LOYALTY_CONSENTS, {"customerId": customer_id})
        with reply_shape(operation):
            return [
                {
                    "contact_kind": str(row["contactKind"]),
                    "consent_version": str(row["consentVersion"]),
                    "consent_text": str(row["consentText"]),
                    "language": str(row["language"]),
                    "store_id": str(row["storeId"]),
                    "device_id": str(row["deviceId"]),
                    "given_at": str(row["givenAt"]),
                }
                for row in reply.data["kioskLoyaltyConsents"]
            ]

    def set_wishlisted(self, customer_id: str, product_id: str, wished: bool) -> tuple[str, ...]:
        operation = "update wishlist"
        reply = self._client.admin(
            operation, q.SET_WISHLISTED, {"customerId": customer_id, "productId": product_id, "wished": wished}
        )
        with reply_shape(operation):
            return tuple(str(pid) for pid in reply.data["kioskSetWishlisted"])

    def customer_orders(self, customer_id: str, limit: int) -> Sequence[PastOrder]:
        """The customer's orders (not drafts), newest first, from the Admin API: the kiosk has no customer
        session for the Shop API, and associates see orders placed anywhere."""
        operation = "list customer orders"
        reply = self._client.admin(operation, q.CUSTOMER_ORDERS, {"id": customer_id, "take": max(1, limit)})
        with reply_shape(operation):
            customer = reply.data["customer"]
            if customer is None:
                raise BackendRejectedError(f"Vendure has no customer {customer_id}")
            return tuple(map_past_order(raw) for raw in customer["orders"]["items"])[:limit]

    def resend_order_confirmation(self, order_code: str) -> None:
        found = self._order_by_code(order_code)
        customer = found.get("customer")
        if not customer:
            raise BackendRejectedError(f"Order {order_code} has no customer to send a confirmation to")
        self._client.admin(
            "resend order confirmation",
            q.SEND_MESSAGE,
            {"customerId": str(customer["id"]), "kind": "order_confirmation", "body": order_code},
        )

    def start_return(self, order_code: str, lines: Sequence[tuple[str, int]], reason: str) -> ReturnReceipt:
        """Checks the lines against what was bought minus what earlier returns took back, then records the
        return with the KioskPlugin (which also notes it in the order's history for staff). The refund
        happens at the till once the items are inspected, as Vendure's refundOrder."""
        found = self._order_by_code(order_code)
        state = str(found["state"])
        if not found.get("orderPlacedAt") or state in ("Cancelled", "Draft"):
            raise BackendRejectedError(f"Order {order_code} is {state}; only placed orders can be returned")
        with reply_shape("find order"):
            bought: dict[str, int] = {}
            for line in found["lines"]:
                variant_id = str(line["productVariant"]["id"])
                bought[variant_id] = bought.get(variant_id, 0) + int(line["quantity"])
            for earlier in found["_returns"]:
                for variant_id, quantity in json.loads(str(earlier["lines"])):
                    bought[str(variant_id)] = bought.get(str(variant_id), 0) - int(quantity)
        try:
            check_return(lines, {k: v for k, v in bought.items() if v > 0}, reason)
        except ReturnError as exc:
            raise BackendRejectedError(str(exc)) from exc
        operation = "record return"
        reply = self._client.admin(
            operation,
            q.RECORD_RETURN,
            {
                "orderCode": order_code,
                "lines": [{"variantId": v, "quantity": n} for v, n in lines],
                "reason": reason.strip(),
            },
        )
        with reply_shape(operation):
            raw = reply.data["recordKioskReturn"]
            return ReturnReceipt(
                return_id=str(raw["id"]),
                order_code=str(raw["orderCode"]),
                lines=tuple((str(v), int(n)) for v, n in json.loads(str(raw["lines"]))),
                reason=str(raw["reason"]),
            )

    def submit_events(self, batch: Sequence[KioskEvent]) -> None:
        """KioskPlugin's submitKioskEvents keeps each event id once, so a resent batch is not counted twice."""
        if not batch:
            return
        events = [
            {
                "id": event.event_id,
                "kind": event.kind.value,
                "at": event.at.isoformat(),
                "storeId": event.store_id,
                "deviceId": event.device_id,
                "data": json.dumps([list(pair) for pair in event.data], ensure_ascii=False),
            }
            for event in batch
        ]
        self._client.admin("submit kiosk events", q.SUBMIT_EVENTS, {"events": events})

    def recall_list(self) -> RecallList:
        """The recalls in force in the KioskPlugin (`kioskRecalls`, entered with `createKioskRecall`). A record
        the kiosk cannot read is a BackendProtocolError naming it: the caller keeps the list it had, since a
        recall must never be lifted by a bad reply."""
        with self._lock:
            polled, self._recalls_polled = self._recalls_polled, None
        if polled is not None:  # the catalog poll just brought it (one request for a quiet refresh pass)
            if isinstance(polled, BackendProtocolError):
                raise polled
            return polled
        reply = self._client.admin("recall list", q.RECALLS)
        with reply_shape("recall list"):
            raw = reply.data["kioskRecalls"]
        recalls = self._read_recalls(raw)
        if isinstance(recalls, BackendProtocolError):
            raise recalls
        return recalls

    @staticmethod
    def _read_recalls(raw: Any) -> RecallList | BackendProtocolError:
        """The recall records as the KioskPlugin sends them; a list the kiosk cannot read is the error to raise
        where the list is asked for (recall_list), not where it arrived beside a catalog page."""
        try:
            records = [
                {key: item[key] for key in ("reference", "gtin", "lot", "serial") if item[key] is not None}
                for item in raw
            ]
        except KeyError as exc:
            return BackendProtocolError(f"Vendure's reply to recall list is malformed: missing {exc}")
        except (TypeError, AttributeError) as exc:
            return BackendProtocolError(f"Vendure's reply to recall list is malformed: {type(exc).__name__}")
        try:
            return RecallList.from_records(records)
        except ValueError as exc:
            return BackendProtocolError(f"Vendure's recall list is malformed: {exc}")

    def promotions(self) -> tuple[Promotion, ...]:
        """The enabled promotions the kiosk can compute offline (kiosk.backends.vendure.promotions), all pages:
        read again only when the journal flagged a promotion change since the last read (a quiet refresh pass
        stays one request). Their start and end dates are checked by the kiosk, so a promotion that starts
        later needs no new read."""
        with self._lock:
            if self._promotions_flag_in_poll and not self._promotions_stale and self._promotions_read is not None:
                return self._promotions_read
            self._promotions_stale = False  # a change journalled while this read runs flags it again
        try:
            read = self._read_promotions()
        except BaseException:
            with self._lock:
                self._promotions_stale = True
            raise
        with self._lock:
            self._promotions_read = read
        return read

    def _read_promotions(self) -> tuple[Promotion, ...]:
        operation = "promotions"
        currency = self._channel_currency()
        items: list[Mapping[str, Any]] = []
        while True:
            reply = self._client.admin(operation, vendure_promotions.PROMOTIONS,
                                       {"skip": len(items), "take": vendure_promotions.PAGE})  # fmt: skip
            with reply_shape(operation):
                page = reply.data["promotions"]
                items.extend(page["items"])
                if not page["items"] or len(items) >= int(page["totalItems"]):
                    return vendure_promotions.map_promotions(items, currency)

    def products_of(self, variant_ids: Sequence[str]) -> dict[str, str]:
        """VariantProducts: the product of each variant a promotion names, PAGE ids a request; variants the
        channel does not have are left out."""
        operation = "variant products"
        found: dict[str, str] = {}
        ids = list(dict.fromkeys(variant_ids))
        for start in range(0, len(ids), vendure_promotions.PAGE):
            chunk = ids[start : start + vendure_promotions.PAGE]
            variables = {"ids": chunk, "take": len(chunk)}
            reply = self._client.admin(operation, vendure_promotions.VARIANT_PRODUCTS, variables)
            with reply_shape(operation):
                found.update({str(v["id"]): str(v["productId"]) for v in reply.data["productVariants"]["items"]})
        return found

    def attract_slides(self, store_id: str) -> tuple[AttractSlide, ...]:
        """The store's attract loop from the KioskPlugin: its own slides, running promotions, newest products."""
        operation = "attract slides"
        reply = self._client.admin(
            operation, vendure_attract.ATTRACT, {"storeId": store_id, "newArrivals": vendure_attract.NEW_ARRIVALS}
        )
        with reply_shape(operation):
            return vendure_attract.map_slides(reply.data["kioskAttract"])

    def _order_by_code(self, order_code: str) -> dict[str, Any]:
        operation = "find order"
        reply = self._client.admin(operation, q.ORDER_BY_CODE, {"code": order_code})
        with reply_shape(operation):
            items = reply.data["orders"]["items"]
            if len(items) != 1:
                raise BackendRejectedError(f"Vendure has no order {order_code}")
            found = dict(items[0])
            found["_returns"] = list(reply.data["kioskReturns"])
            _ = (found["state"], found["lines"])
            return found

    # --- ImageSource ----------------------------------------------------------------------------------
    def image_bytes(self, ref: str) -> bytes:
        """Asset previews from the Vendure host only (the sample server has no asset server: no images)."""
        allowed = {urlsplit(self._client.admin_url).netloc, urlsplit(self._client.shop_url).netloc}
        parts = urlsplit(ref)
        if parts.scheme not in ("http", "https") or parts.netloc not in allowed:
            raise KeyError(ref)
        content = self._client.get_bytes(ref)
        if content is None:
            raise KeyError(ref)
        return content

    # --- orders -----------------------------------------------------------------------------------------
    def _order_by_client_id(self, client_order_id: str) -> Mapping[str, Any] | None:
        operation = "find order"
        reply = self._client.admin(operation, q.ORDER_BY_CLIENT_ID, {"clientOrderId": client_order_id})
        with reply_shape(operation):
            items = reply.data["orders"]["items"]
            if len(items) > 1:
                raise BackendProtocolError(
                    f"Vendure holds {len(items)} orders for client order id {client_order_id}; "
                    "is Order.kioskClientOrderId declared unique?"
                )
            if not items:
                return None
            found: Mapping[str, Any] = items[0]
            _ = (found["id"], found["state"], found["code"], found["lines"])  # fail here if malformed
            return found

    def _channel_currency(self, refresh: bool = False) -> str:
        with self._lock:
            if self._currency and not refresh:
                return self._currency
        reply = self._client.admin("ping", q.CHANNEL)
        with reply_shape("ping"):
            currency = str(reply.data["activeChannel"]["defaultCurrencyCode"])
        with self._lock:
            self._currency = self._currency or currency
            return self._currency


# --- helpers -------------------------------------------------------------------------------------------
def _validate(order: Order) -> None:
    """Checks what Vendure would refuse anyway, before a draft is created for it."""
    if not order.lines:
        raise BackendRejectedError(f"Order {order.number} has no lines")
    if any(line.quantity < 1 for line in order.lines):
        raise BackendRejectedError(f"Order {order.number} has a line with quantity below 1")
    if order.fulfilment is FulfilmentKind.HOME_DELIVERY:
        if order.shipping_address is None:
            raise BackendRejectedError(f"Order {order.number} is for home delivery but has no address")
        if order.shipping_method is None:
            raise BackendRejectedError(f"Order {order.number} is for home delivery but has no shipping method")
    elif not order.pickup_location_id:
        raise BackendRejectedError(f"Order {order.number} is for store pick-up but names no store")


# kioskPlaceOrder names the refused field first ("lines[0].variantId: no product variant 7 on sale"): the
# field says which reason the associate reads; the message itself stays in the log and `kiosk admin`
_REFUSED_FIELDS = (
    (re.compile(r": lines\[\d+\]\.variantId: "), RejectionReason.PRODUCT_GONE),
    (re.compile(r": lines: nothing in the order is in stock"), RejectionReason.OUT_OF_STOCK),
    (re.compile(r": (customer|shippingAddress)[.:\[]"), RejectionReason.CONTACT_REFUSED),
)


def _rejection_reason(message: str) -> RejectionReason:
    """The RejectionReason of a kioskPlaceOrder refusal, from the field it names.

    >>> _rejection_reason("Vendure rejected place order: lines[1].variantId: no product variant 9 on sale")
    <RejectionReason.PRODUCT_GONE: 'product_gone'>
    >>> _rejection_reason("Vendure rejected place order: customer.emailAddress: must be 3 to 320 characters, got 0")
    <RejectionReason.CONTACT_REFUSED: 'contact_refused'>
    >>> _rejection_reason("Vendure rejected place order: couponCodes: at most 5 codes, got 9")
    <RejectionReason.OTHER: 'other'>
    """
    return next((reason for pattern, reason in _REFUSED_FIELDS if pattern.search(message)), RejectionReason.OTHER)


def _check_quantity(reply: GraphQLReply, root: str, operation: str, variant_id: str, quantity: int) -> None:
    """Vendure may add fewer than asked (stock); a short line is refused rather than silently placed."""
    with reply_shape(operation):
        lines = reply.data[root]["lines"]
        got = sum(int(line["quantity"]) for line in lines if str(line["productVariant"]["id"]) == variant_id)
    if got != quantity:
        raise BackendRejectedError(
            f"Vendure accepted {got} of {quantity} for variant {variant_id}", RejectionReason.OUT_OF_STOCK
        )


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _id_order(item_id: str) -> tuple[int, int, str]:
    return (0, int(item_id), "") if item_id.isdigit() else (1, 0, item_id)


def _name(translations: Sequence[Mapping[str, Any]], fallback: str) -> LocalizedText:
    by_lang = {str(t["languageCode"]): str(t["name"]) for t in translations}
    return LocalizedText(en=by_lang.get("en") or fallback, es=by_lang.get("es", ""))


def _string(options: Mapping[str, Any], key: str, default: str = "") -> str:
    value = options.get(key, default)
    if not isinstance(value, str):
        raise VendureConfigError(f"[backend] {key} must be a string, got {value!r}")
    return value.strip()


def _number(options: Mapping[str, Any], key: str, default: float) -> float:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise VendureConfigError(f"[backend] {key} must be a positive number, got {value!r}")
    return float(value)


def _kinds(value: Any) -> dict[str, LocationKind]:
    if not isinstance(value, Mapping):
        raise VendureConfigError("[backend] location_kinds must be a table of stock location name or id = kind")
    kinds: dict[str, LocationKind] = {}
    for key, kind in value.items():
        try:
            kinds[str(key)] = LocationKind(str(kind))
        except ValueError:
            raise VendureConfigError(
                f"[backend] location_kinds.{key} must be one of here, store, warehouse; got {kind!r}"
            ) from None
    return kinds


def _credentials(options: Mapping[str, Any]) -> VendureCredentials:
    path = _string(options, "credentials_file")
    inline = any(options.get(k) for k in ("api_key", "username", "password"))
    if path and inline:
        raise VendureConfigError("[backend] give either credentials_file or api_key / username + password, not both")
    if path:
        return load_credentials_file(Path(path).expanduser())
    if not inline:
        raise VendureConfigError("[backend] Vendure needs credentials_file, api_key, or username + password")
    return VendureCredentials(
        api_key=_string(options, "api_key"),
        username=_string(options, "username"),
        password=_string(options, "password"),
    )


def _enum_or_none(kind: Any, value: object) -> Any:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


# Vendure's default order process, read as a shopper would; a pickup order that is "Delivered" was collected.
_PAID = {"PaymentAuthorized", "PaymentSettled"}
_SHIPPED = {"PartiallyShipped", "Shipped"}
_DELIVERED = {"PartiallyDelivered", "Delivered"}


def payment_state(states: Sequence[str]) -> PaymentState:
    """The order's payments (oldest first) as one state: a settled one wins; else the latest attempt's."""
    if "Settled" in states:
        return PaymentState.SETTLED
    latest = states[-1] if states else ""
    if latest == "Authorized":
        return PaymentState.AUTHORIZED
    if latest in ("Declined", "Error"):
        return PaymentState.DECLINED
    if latest == "Cancelled":
        return PaymentState.EXPIRED  # the test provider cancels a payment session that timed out
    return PaymentState.PENDING


def _aware(moment: datetime) -> datetime:
    """A time the kiosk wrote is aware UTC; one without a zone (another client's event) is taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def tracking_state(state: str, fulfilment: FulfilmentKind | None, has_fulfilment: bool) -> TrackingState:
    pickup = fulfilment in (FulfilmentKind.PICKUP_STORE, FulfilmentKind.RESERVE_HERE)
    if state == "Cancelled":
        return TrackingState.CANCELLED
    if state in _DELIVERED:
        return TrackingState.COLLECTED if pickup else TrackingState.DELIVERED
    if state in _SHIPPED:
        # a pickup order's fulfilment "ships" it to the store's counter: it is waiting there
        return TrackingState.READY_FOR_PICKUP if pickup else TrackingState.SHIPPED
    if state in _PAID:
        return TrackingState.PREPARING if has_fulfilment else TrackingState.PAID
    return TrackingState.RECEIVED
