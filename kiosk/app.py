"""Composition root: config -> adapters -> services -> view-models -> Qt. The only place that knows them all."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from kiosk.backend_builder import build_remote_backend, worker_settings
from kiosk.catalog_worker import CatalogWorkerProcess
from kiosk.config import Config
from kiosk.core.assistance import AssistanceBoard, AssistanceCall
from kiosk.core.cart import CartItemRef
from kiosk.core.clock import SystemClock
from kiosk.core.customer import Customer, CustomerLookup
from kiosk.core.errors import BackendError
from kiosk.core.order import OrderStatus
from kiosk.core.ports import (
    Clock,
    CommerceBackend,
    FleetBackend,
    ImageSource,
    LoyaltyMembership,
    ScanFrame,
    ScanSource,
    SizeGuideSource,
)
from kiosk.core.scanning import NO_RECALLS, RecallList, ScanConfig, ScanKind, ScanResult, warm_up
from kiosk.core.services.cart_transfer import CartTransfer
from kiosk.core.services.catalog_catch_up import CatalogCatchUp, CatchUp, SyncedElsewhere
from kiosk.core.services.catalog_refresh import CatalogRefresh, RefreshPolicy
from kiosk.core.services.catalog_sync import CatalogSync, SyncReport
from kiosk.core.services.checkout import CheckoutService
from kiosk.core.services.lookup import ProductLookup, cart_stock, current_prices
from kiosk.core.services.offers import Offers, refresh_promotions
from kiosk.core.services.order_status import OrderStatusLookup
from kiosk.core.services.outbox_sender import OutboxSender
from kiosk.core.services.reachability import Reachability
from kiosk.core.services.recheck import LineCheck, LineChecker
from kiosk.core.services.session import SessionPolicy
from kiosk.core.size_guide import SizeGuide
from kiosk.storage.catalog_store import SqliteCatalogStore
from kiosk.storage.event_queue import SqliteEventQueue
from kiosk.storage.order_outbox import SqliteOrderOutbox

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickWindow

    from kiosk.ui.viewmodels.app import AppViewModel
    from kiosk.ui.viewmodels.attract import AttractViewModel

_log = logging.getLogger(__name__)


def _log_event_failure(_result: object, error: Exception | None) -> None:
    if error is not None:  # measurement must never disturb the shopper; the reason goes to the log
        _log.warning("kiosk event not recorded: %s", error)


class DeferredBackend:
    """A backend built on first use, by whichever thread needs it first (the others wait for it).

    The demo store's code runs in the kiosk's own process, and importing and building it took ~0.2 s of
    a 1.5 s cold start, while nothing on the attract screen's first frame needs it: that screen reads the
    catalog cache. KioskApp builds it on the writer once the first frame is up and the shopper pauses (the
    demo store served over HTTP too: its client imports httpx and the store's page builder). Vendure stays
    eager, so a misconfigured server still stops `kiosk run` at once.
    """

    def __init__(self, build: Callable[[], CommerceBackend]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._backend: CommerceBackend | None = None

    def get(self) -> CommerceBackend:
        backend = self._backend
        if backend is None:
            with self._lock:
                if self._backend is None:
                    self._backend = self._build()
                backend = self._backend
        return backend

    @property
    def built(self) -> CommerceBackend | None:
        """The backend if it has been built, without building it."""
        return self._backend

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


def _membership(backend: CommerceBackend) -> LoyaltyMembership | None:
    """On a worker: the backend's loyalty membership (joining, the wishlist), or None when it has none."""
    target = backend.get() if isinstance(backend, DeferredBackend) else backend
    return target if isinstance(target, LoyaltyMembership) else None


def _check_lines(backend: CommerceBackend, items: Sequence[CartItemRef]) -> Mapping[str, LineCheck] | None:
    """On a reader, just before an order is placed: the backend's current price and stock of every line in
    one call, or None when the backend cannot re-check (the order is then confirmed when it is sent)."""
    target = backend.get() if isinstance(backend, DeferredBackend) else backend
    return target.check_lines(items) if isinstance(target, LineChecker) else None


def _size_guide(backend: CommerceBackend, product_id: str) -> SizeGuide | None:
    """On a reader: the product's size guide from a backend that keeps them (SizeGuideSource), else None."""
    target = backend.get() if isinstance(backend, DeferredBackend) else backend
    return target.size_guide(product_id) if isinstance(target, SizeGuideSource) else None


# EventKind values sent at once: someone is waiting, or (pii_reveal) an audit record must not wait on the device
_URGENT_EVENTS = frozenset({"assistance", "assistance_answered", "pickup_arrival", "pii_reveal"})


def _store_calls(backend: CommerceBackend, store_id: str, since: datetime) -> Sequence[AssistanceCall] | None:
    """On a reader: the store's unanswered calls for an associate from the backend, or None when it cannot
    list them or cannot be reached (the device's own calls are shown instead)."""
    if not isinstance(backend, AssistanceBoard):
        return None
    try:
        return backend.assistance_calls(store_id, since)
    except BackendError as exc:
        _log.info("store-wide calls for an associate not available: %s", exc)
        return None


_M_ARENA_MAX = -8  # glibc's mallopt() parameter


def _limit_malloc_arenas() -> None:
    """At most two C-heap arenas for the kiosk's threads (glibc; elsewhere nothing to do), as MALLOC_ARENA_MAX=2.

    Importing on worker threads (biip, the demo store's modules: compiling their source allocates and frees
    a lot) left memory in those threads' own malloc arenas, which glibc keeps: +17 MB of RSS at the end of a
    bench run (malloc_trim afterwards got back only 6 MB). The same run with MALLOC_ARENA_MAX=1 matched the
    RSS from before the warm-up threads; the threads' allocations are few beside the interpreter lock's
    serialisation, so sharing arenas costs nothing measurable here.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, 2)


def make_backend(config: Config) -> CommerceBackend:
    if config.backend.kind == "vendure":
        return build_remote_backend("vendure", config.backend.options)

    if config.backend.options.get("url") is not None:  # the demo store served by `kiosk demo-store serve`
        from kiosk.backends.demo.endpoint import remote_options

        remote_options(config.backend.options)  # a bad url stops the kiosk now, not at the first call

        def remote() -> CommerceBackend:
            return build_remote_backend("demo", config.backend.options)

        # httpx and the demo store's modules (~0.1 s to import) load after the first frame, as in process
        return cast(CommerceBackend, DeferredBackend(remote))

    def demo() -> CommerceBackend:
        from kiosk.backends.demo.backend import DemoBackend

        # the demo web shop makes links on the first host the scanner trusts, so its QR codes scan back in
        host = ScanConfig.from_mapping(config.scanning).store_hosts[0]
        backend = DemoBackend(config.data_dir / "demo", catalog_size=config.backend.catalog_size, store_host=host)
        live_s = float(config.backend.options.get("live_changes_s", 0))
        if live_s > 0:  # `kiosk demo`: the store changes itself, so the screen can be seen following it
            backend.start_live_changes(live_s)
        return backend

    return cast(CommerceBackend, DeferredBackend(demo))


def make_fleet(config: Config, backend: CommerceBackend) -> FleetBackend:
    """Where heartbeats go: the KioskPlugin on Vendure, or the demo store's own table beside its data."""
    if config.backend.kind == "vendure":
        from kiosk.backends.vendure.fleet import VendureFleet

        return VendureFleet.for_backend(backend)
    from kiosk.backends.demo.fleet import DemoFleet

    def offline() -> bool:  # the demo store's simulated outage covers its heartbeat table too
        built = backend.built if isinstance(backend, DeferredBackend) else backend
        return bool(getattr(built, "offline", False))

    return DemoFleet(config.data_dir / "demo", offline=offline)


@dataclass
class Services:
    """Everything below the UI, usable headless (sync, doctor, bench, tests)."""

    config: Config
    backend: CommerceBackend
    store: SqliteCatalogStore
    outbox: SqliteOrderOutbox
    clock: Clock = field(default_factory=SystemClock)
    scan_config: ScanConfig = field(default_factory=ScanConfig)
    events: SqliteEventQueue | None = None
    # the backend's recall list, fetched with each catalog sync; the scanner refuses what is on it
    recalls: RecallList = NO_RECALLS
    # the promotions in force (issue 19): read from the cache at start, fetched again with each catalog pass
    offers: Offers | None = None

    def __post_init__(self) -> None:
        if self.offers is None:
            from kiosk import host

            self.offers = Offers(self.clock, zone=host.machine_zone())
            self.offers.replace(*self.store.promotions())  # offline from the first frame: the last ones cached

    @classmethod
    def build(cls, config: Config, backend: CommerceBackend | None = None, clock: Clock | None = None) -> Services:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        clock = clock or SystemClock()
        return cls(
            config=config,
            backend=backend or make_backend(config),
            store=SqliteCatalogStore(config.data_dir / "catalog.db"),
            outbox=SqliteOrderOutbox(config.data_dir / "kiosk.db", clock),
            clock=clock,
            scan_config=ScanConfig.from_mapping(config.scanning),
            events=SqliteEventQueue(config.data_dir / "events.db"),
        )

    def sync(self, *, snapshot: bool = True, on_refreshing: Callable[[str], None] | None = None) -> SyncReport:
        return CatalogSync(self.backend, self.store, self.clock, snapshot=snapshot, on_refreshing=on_refreshing).sync()

    def refresh_recalls(self) -> RecallList:
        """Fetches the recall list; offline or refused, the last list fetched stays in force (a recall is
        never lifted by a network fault)."""
        try:
            self.recalls = self.backend.recall_list()
        except BackendError as exc:
            # info, not warning: offline this happens at every refresh pass, and the banner already says so
            _log.info("recall list unavailable, keeping %d known recalls: %s", len(self.recalls), exc)
        return self.recalls

    def refresh_promotions(self) -> bool:
        """Fetches the backend's promotions into the cache and puts them in force; offline or refused, the cached
        ones stay (True when the backend answered). On the writer: the cache is written."""
        assert self.offers is not None
        backend = self.backend.get() if isinstance(self.backend, DeferredBackend) else self.backend
        return refresh_promotions(backend, self.store.save_promotions, self.offers)

    def today(self) -> date:
        """The store's calendar day, for expiry and best-before: local time, as printed on the pack."""
        return self.clock.now().astimezone().date()

    def identify(self, result: ScanResult) -> Customer | None:
        if result.kind is not ScanKind.LOYALTY:
            return None
        if result.member_token:
            return self.backend.find_customer(CustomerLookup.APP_TOKEN, result.member_token)
        if result.member_id:
            return self.backend.find_customer(CustomerLookup.LOYALTY_NUMBER, result.member_id)
        return None

    def close(self) -> None:
        self.store.close()
        self.outbox.close()
        if self.events is not None:
            self.events.close()


class KioskApp:
    """The running kiosk: services, background threads, devices and the Qt UI, started and stopped together."""

    def __init__(
        self,
        services: Services,
        *,
        width: int = 1080,
        height: int = 1920,
        fullscreen: bool = False,
        lock_down: bool | None = None,
    ):
        """`lock_down` (default: full screen in kiosk mode) swallows exit keys and refuses to close without a PIN."""
        from kiosk.ui.qt.application import LanguageSwitcher, StartedAndQuiet, load_main, make_application, make_engine
        from kiosk.ui.qt.device_bridge import DeviceBridge
        from kiosk.ui.qt.runner import BackgroundRunner
        from kiosk.ui.viewmodels.app import AppViewModel, KioskStatus
        from kiosk.ui.viewmodels.cart import CartViewModel
        from kiosk.ui.viewmodels.cart_travel import CartTravelViewModel
        from kiosk.ui.viewmodels.checkout import CheckoutViewModel
        from kiosk.ui.viewmodels.demo_scanner import DemoScannerViewModel
        from kiosk.ui.viewmodels.home import HomeViewModel
        from kiosk.ui.viewmodels.offers import OffersViewModel
        from kiosk.ui.viewmodels.product import ProductViewModel
        from kiosk.ui.viewmodels.profile import ProfileViewModel
        from kiosk.ui.viewmodels.scan import ScanViewModel
        from kiosk.ui.viewmodels.search import SearchViewModel
        from kiosk.ui.viewmodels.session import SessionViewModel

        self.services = services
        config = services.config
        _limit_malloc_arenas()  # before the first worker thread
        deferred = services.backend if isinstance(services.backend, DeferredBackend) else None
        self._deferred_backend = deferred
        # biip, the GS1 parser (~0.2 s to import), loads on a thread of its own from the start: it overlaps
        # start-up (~+0.08 s to the first frame in trials) and the first GS1 scan finds it ready. Imported
        # after the first frame instead, it either slowed the shopper's first scan (~+0.1 s, both competing
        # for the interpreter lock) or, waiting for a pause, fell to a GS1 scan in the first seconds (~0.2 s).
        self._gs1_warm_up = threading.Thread(target=warm_up, name="gs1-warm-up", daemon=True)
        self._gs1_warm_up.start()
        self.qt_app = make_application()
        images: ImageSource = services.backend  # type: ignore[assignment]
        self.engine = make_engine(images)
        self.runner = BackgroundRunner()
        self.bridge = DeviceBridge()
        switcher = LanguageSwitcher(self.engine)
        backend = services.backend

        # Online/offline as the sender's probes and deliveries found it (a LAN can be up with the WAN down);
        # the status poll itself never calls the backend, so a dead backend cannot tie up a reader thread.
        reachability = Reachability()
        self.reachability = reachability

        def status() -> KioskStatus:
            online = reachability.online
            oldest = services.outbox.oldest_pending_at()
            age = (services.clock.now() - oldest).total_seconds() if oldest is not None else None
            return KioskStatus(services.outbox.pending_count(), online, oldest_pending_s=age)

        vm = AppViewModel(
            runner=self.runner,
            store_name=config.kiosk.store_name,
            language=config.kiosk.language,
            switch_language=switcher.switch,
            status=status,
            identify=services.identify,
        )
        self.app_vm = vm
        # Owned by the engine so it outlives every QML object bound to it during teardown.
        vm.setParent(self.engine)
        lang = vm.lang
        cart = CartViewModel(
            config.kiosk.currency,
            lang,
            vm,
            runner=self.runner,
            current_prices=functools.partial(current_prices, services.store),
            stock=functools.partial(cart_stock, services.store, services.clock),
        )
        offers = services.offers
        assert offers is not None
        # group promotions for the recognised shopper's groups only: none once the session wipes the record
        offers.follow_shopper(lambda: vm.customer.groups if vm.customer is not None else frozenset())
        self._offers_seen = offers.version
        offers_vm = OffersViewModel(offers, lang, lambda: cart.cart, vm, online=lambda: reachability.online)
        order_lookup = OrderStatusLookup(backend, services.outbox, services.clock, services.store.locations)
        checkout_service = CheckoutService(
            services.outbox, services.clock, config.kiosk.store_id, config.kiosk.device_id,
            coupon_codes=offers_vm.coupon_codes, offers=offers,
        )  # fmt: skip
        checkout = CheckoutViewModel(
            checkout_service,
            self.runner,
            lang,
            lambda: cart.cart,
            config.kiosk.country_code,
            vm,
            store=services.store,
            clock=services.clock,
            customer=lambda: vm.customer,
            loyalty_number=lambda: vm.loyalty_number,
            store_host=services.scan_config.store_hosts[0],
            store_name=config.kiosk.store_name,
            printer=self._make_printer(),
            check_lines=functools.partial(_check_lines, backend),
            set_cart=cart.replace_cart,
            track=order_lookup.look_up,
            read_stock=functools.partial(cart_stock, services.store, services.clock),
            follow_order=cart.followOrder,
        )
        self.virtual_scanner: Any = None
        self.scanner: ScanSource | None = None
        self.nfc: ScanSource | None = None
        self._start_scanner()
        self._start_nfc()
        tray_opened = deferred is None  # with a deferred backend the tray's codes wait for the tray to open

        def samples(lang: str) -> Sequence[tuple[str, bytes]]:
            """The demo scanner tray's codes: a query on the demo store (~50 ms at 1M SKUs), so with a
            deferred backend it runs when the tray first opens, not on the GUI thread at start-up."""
            sample_scans = getattr(backend, "sample_scans", None) if tray_opened else None
            return list(sample_scans(lang)) if sample_scans is not None else []

        def cart_ids() -> list[str]:
            return list(dict.fromkeys(line.product_id for line in cart.cart.lines))

        vm.attach(
            home=HomeViewModel(services.store, self.runner, lang, vm, lambda: vm.customer, cart_ids, offers=offers),
            search=SearchViewModel(services.store, self.runner, lang, vm, offers=offers),
            product=ProductViewModel(
                services.store,
                self.runner,
                lang,
                cart.add,
                vm,
                lambda: vm.customer,
                cart_ids,
                offers=offers,
                # read at each call, on the worker: a deferred demo store is built on first use
                reviews=lambda product_id, limit: services.backend.reviews(product_id, limit),  # noqa: PLW0108
                size_guides=lambda product_id: _size_guide(services.backend, product_id),
            ),
            cart=cart,
            checkout=checkout,
            session=SessionViewModel(
                SessionPolicy(config.kiosk.idle_timeout_s, config.kiosk.idle_warning_s),
                services.clock,
                self._end_session,
                vm,
            ),
            scan=ScanViewModel(
                services.scan_config,
                ProductLookup(services.store),
                self.runner,
                lang,
                vm,
                today=services.today,
                recalls=lambda: services.recalls,
            ),
            demo_scanner=DemoScannerViewModel(
                samples,
                self.virtual_scanner.write if self.virtual_scanner is not None else None,
                lang,
                vm,
            ),
        )
        vm.attach_offers(offers_vm)
        lookup = ProductLookup(services.store)
        from kiosk.core.events import EventKind
        from kiosk.ui.viewmodels.order_status import OrderStatusViewModel

        self._record_event: Callable[[EventKind, Mapping[str, str]], None] | None = None  # set by _start_events
        vm.attach_order_status(
            OrderStatusViewModel(
                order_lookup,
                self.runner,
                lang,
                vm,
                clock=services.clock,
                record=lambda kind, data: self._record_event(kind, data) if self._record_event else None,
            )
        )
        vm.attach_omnichannel(
            travel=CartTravelViewModel(
                CartTransfer(backend, lookup), cart, self.runner, lang, lambda: vm.customer, vm
            ),
            profile=ProfileViewModel(services.store, self.runner, lang, lambda: vm.customer, lambda: cart.cart, vm),
        )
        self._attach_loyalty(vm, cart, backend)
        from kiosk.ui.qt.delivery_bridge import DeliveryBridge
        from kiosk.ui.viewmodels.order_outcome import OrderOutcomeViewModel

        outbox = services.outbox

        def refused(client_order_ids: Sequence[str]) -> frozenset[str]:
            """The confirmed orders the sender dead-lettered (the store refused them): no receipt comes for those."""
            entries = (outbox.get(client_order_id) for client_order_id in client_order_ids)
            rejected = OrderStatus.REJECTED
            return frozenset(e.order.client_order_id for e in entries if e is not None and e.status is rejected)

        vm.attach_order_outcome(OrderOutcomeViewModel(lang, vm, runner=self.runner, refused=refused))
        # the sender's deliveries, queued to the GUI thread: the confirmation swaps estimates for the backend's
        self.deliveries = DeliveryBridge()
        self.deliveries.orderDelivered.connect(vm.receipt_arrived)
        if not tray_opened:
            tray = vm.demoScanner

            def on_tray_open() -> None:
                nonlocal tray_opened
                if tray.open and not tray_opened:
                    tray_opened = True
                    tray.refresh_language()

            tray.openChanged.connect(on_tray_open)
        self.bridge.frameReceived.connect(vm.scan.handle_frame)
        self.bridge.statusChanged.connect(vm.set_scanner_state)
        self.wedge: Any = None
        if config.scanner.wedge:
            from kiosk.ui.qt.wedge_filter import WedgeFilter

            self.wedge = WedgeFilter(vm)
            self.wedge.scanned.connect(self._wedge_scanned)
        self._attach_staff(vm)
        from kiosk.ui.viewmodels.associate import AssociateViewModel

        # Customer lookup, orders, resend, returns, ordering on behalf: gated on the associate sign-in above.
        vm.associate = AssociateViewModel(
            backend,
            self.runner,
            lang,
            admin=vm.admin,
            shell=vm,
            navigate=vm._go,
            store=services.store,
            # each reveal of a customer's personal data: an event to the backend (who, whose, which, why)
            record=lambda kind, data: self._record_event(kind, data) if self._record_event else None,
            parent=vm,
        )
        attract = self._attach_attract(vm, backend)
        from kiosk.ui.qt.accessibility_setup import attach_accessibility, start_self_voicing
        from kiosk.ui.viewmodels.assistance import AssistanceViewModel

        assistance = AssistanceViewModel(
            services.clock,
            vm.lang,
            vm,
            store_calls=functools.partial(_store_calls, backend, config.kiosk.store_id),
            runner=self.runner,
            record=lambda kind, data: self._record_event(kind, data) if self._record_event else None,
        )
        attach_accessibility(vm, config.accessibility, services.clock, assistance)  # issue 17
        switcher.switch(config.kiosk.language)
        self.window = load_main(self.engine, vm, width, height, fullscreen)
        self.voicing, self.keypad = start_self_voicing(self.window, vm)  # before the filters below
        self.guard: Any = None
        if lock_down if lock_down is not None else (fullscreen and config.kiosk.mode == "kiosk"):
            from kiosk.ui.qt.application import compositor_owns_the_screen
            from kiosk.ui.qt.kiosk_mode import KioskGuard

            keep = fullscreen and not compositor_owns_the_screen()  # cage keeps the kiosk on the whole screen
            self.guard = KioskGuard(self.window, keep_fullscreen=keep, parent=vm)
        self._watch_window(self.window, vm)
        from kiosk.ui.qt.systemd_notify import SystemdNotify

        # READY=1 once a frame is on screen, WATCHDOG=1 from the GUI loop (a no-op outside systemd)
        self.systemd = SystemdNotify(
            self.window,
            ready_status=lambda: f"Ready: attract screen, kiosk {config.kiosk.device_id} at {config.kiosk.store_id}",
            parent=vm,
        )
        from kiosk.ui.qt.hang_guard import HangGuard, guard_limit_s

        # under a systemd watchdog, a frozen GUI loop ends the kiosk after 20 s instead of waiting for the 30 s
        limit = guard_limit_s(self.systemd.watchdog_interval_ms)
        self.hang_guard = HangGuard(limit, parent=vm) if limit is not None else None
        from kiosk.ui.devtools.faults import install_gui_freeze

        install_gui_freeze(vm)  # only with KIOSK_FAULT_FREEZE_GUI_AFTER_S set (the deployment bench)
        vm.home.reload()  # the attract loop shows popular products from the cache right away
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._sender = OutboxSender(
            backend, services.outbox, services.clock, reachability=reachability, on_delivered=self.deliveries.post
        )
        self._sender_thread = threading.Thread(
            target=self._sender.run, args=(self._stop, self._wake), name="outbox-sender", daemon=True
        )
        checkout.orderSaved.connect(self._wake.set)
        self._start_events()
        self.sync_done = threading.Event()
        self.last_sync: SyncReport | None = None  # for the status log and the tests
        from kiosk.ui.qt.catalog_refresher import CatalogRefresher
        from kiosk.ui.qt.main_thread_gc import collect_on_main_thread

        # The GUI thread shares the GIL with the writer's refresher passes (a 10k-change batch is seconds of
        # Python there): every slot QML calls takes the GIL back, waiting up to the switch interval each time
        # while the writer holds it. 1 ms instead of CPython's 5 ms cuts those waits, which `kiosk bench`
        # measured as GUI stalls of 20-75 ms during a batch; with a single busy thread nothing changes.
        sys.setswitchinterval(0.001)
        # A big pass (more than a first page) is applied by a worker process when the backend can be rebuilt
        # there from the config: it shares no interpreter lock with the GUI (kiosk.core.services.catalog_catch_up)
        remote = worker_settings(config)
        self.catalog_worker = (
            None if remote is None else CatalogWorkerProcess(remote[0], remote[1], services.store.path)
        )
        self.refresher = CatalogRefresher(
            CatalogRefresh(RefreshPolicy(config.kiosk.catalog_refresh_s, max(300.0, config.kiosk.catalog_refresh_s))),
            self._refresh_pass,
            self.runner,
            vm,
            on_pass=collect_on_main_thread(self.qt_app).hold,
            settle=self._settle_catch_up,
        )
        self.refresher.passed.connect(self._catalog_refreshed)
        self._shut_down = False
        self._up = False  # the background work is started (after the first frame and the warm-up)
        self._when_up: list[Callable[[], None]] = []
        self._once_up(attract.start_refreshing)  # the store's own slides, once the backend is up
        self._start_heartbeat()
        # only the demo backend's build is heavy enough to wait for the shopper's pause; the rest starts at once
        started = StartedAndQuiet(self.window, self._start_background, quiet_ms=400 if deferred is not None else 0)
        self.bridge.frameReceived.connect(started.poke)
        self._started = started

    def _warm_up(self) -> None:
        """On the writer after the first frame: the deferred demo backend (~0.2 s to import and build), which
        nothing on the first frame needs, before the senders and the sync call it. (Built on a thread of its
        own from the start, it competed with QML loading for the interpreter lock: +0.1-0.2 s to the first
        frame in trials.)"""
        if self._deferred_backend is not None:
            self._deferred_backend.get()

    def _start_background(self) -> None:
        """What the first frame does not need starts once it is on screen (and, with the deferred demo backend
        to build, once the shopper pauses, at most 3 s later; StartedAndQuiet): the demo backend's build, then
        the senders, the catalog sync and shipping methods.

        Before the first frame they competed with QML loading and rendering for the interpreter lock, and
        the demo backend was built on the GUI thread. Orders and events wait in kiosk.db / events.db
        meanwhile, so nothing is lost by the delay.
        """
        if self._stop.is_set():  # StartedAndQuiet calls this once; a kiosk closed first starts nothing
            return

        def started(_result: object, error: Exception | None) -> None:
            if error is not None:  # the scan or the backend call that needs it will fail again and say why
                _log.warning("start-up warm-up failed: %s", error)
            if self._stop.is_set():
                return
            self._up = True
            self._sender_thread.start()
            if self._event_thread is not None:
                self._event_thread.start()
            for start in self._when_up:
                start()
            self._when_up.clear()

        self.runner.write(self._warm_up, started)

    def _once_up(self, start: Callable[[], None]) -> None:
        """Runs `start` now if the background work has started, else as soon as it does."""
        if self._up:
            start()
        else:
            self._when_up.append(start)

    def _start_scanner(self) -> None:
        settings = self.services.config.scanner
        if not settings.port:
            return
        from kiosk.devices.serial_scanner import SerialScanner

        path = settings.port
        if path == "demo":
            from kiosk.devices.simulators import VirtualSerialDevice

            self.virtual_scanner = VirtualSerialDevice()
            path = self.virtual_scanner.path
        scan = self.services.scan_config
        self.scanner = SerialScanner(
            path, settings.baudrate, debounce_ms=scan.debounce_ms, idle_gap_ms=scan.idle_gap_ms,
            max_frame=scan.max_frame_bytes,
        )
        self.scanner.start(self.bridge.post_frame, self.bridge.post_status)

    def _start_events(self) -> None:
        """Measurement events: recorded off the GUI thread into events.db, sent in batches by their own thread."""
        from kiosk.core.events import EventKind, EventRecorder
        from kiosk.core.services.event_sender import EventSender
        from kiosk.ui.viewmodels.event_tap import EventTap

        services, config = self.services, self.services.config
        self._event_thread: threading.Thread | None = None
        if services.events is None:
            return
        recorder = EventRecorder(services.events, services.clock, config.kiosk.store_id, config.kiosk.device_id)
        runner = self.runner

        def record_and_log(kind: EventKind, data: Any) -> None:
            event = recorder.record(kind, data)  # refuses personal data, so what it returns may be logged
            _log.debug("kiosk event %s", kind.value, extra={"event": dict(event.data)})

        def record(kind: EventKind, data: Any) -> None:
            def recorded(result: object, error: Exception | None) -> None:
                _log_event_failure(result, error)
                if kind in _URGENT_EVENTS and error is None:
                    self._event_wake.set()  # someone is waiting (a shopper, an associate's list): sent now

            runner.write(lambda: record_and_log(kind, data), recorded)

        self._record_event = record

        self.event_tap = EventTap(self.app_vm, record, self.app_vm)
        sender = EventSender(services.backend, services.events, services.clock)
        self._event_wake = threading.Event()
        self.app_vm.checkout.orderSaved.connect(self._event_wake.set)
        self.app_vm.orderStatus.arrived.connect(self._event_wake.set)  # associates should hear at once
        self._event_thread = threading.Thread(
            target=sender.run, args=(self._stop, self._event_wake), name="event-sender", daemon=True
        )  # started with the rest of the background work (_start_background)

    def _start_heartbeat(self) -> None:
        """The heartbeat (kiosk/core/services/heartbeat.py) on a thread of its own, started with the rest of the
        background work; each beat also goes to data_dir/heartbeat.json, which `kiosk update` reads."""
        from kiosk import host
        from kiosk.core.fleet import status_line
        from kiosk.core.services.heartbeat import HeartbeatSender, KioskFacts
        from kiosk.storage.heartbeat_file import HeartbeatFile

        services, config, vm = self.services, self.services.config, self.app_vm
        started_at = services.clock.monotonic()
        version = host.version()
        self.last_scans: dict[str, datetime | None] = {
            device.source: None for device in (self.scanner, self.nfc) if device is not None  # type: ignore[attr-defined]
        }
        self._idle = vm.page == "attract"

        def on_frame(frame: ScanFrame) -> None:  # GUI thread; the heartbeat thread reads a copy
            self.last_scans = {**self.last_scans, frame.source: services.clock.now()}

        def on_page() -> None:
            self._idle = vm.page == "attract"  # the attract screen: no session, nothing on screen to lose

        self.bridge.frameReceived.connect(on_frame)
        vm.pageChanged.connect(on_page)
        printer = config.printer

        def collect() -> KioskFacts:
            from kiosk.core.fleet import PrinterHealth

            if printer.port:
                from kiosk.devices.printer_status import printer_health

                printer_state = printer_health(printer.port, printer.baudrate)
            else:
                printer_state = PrinterHealth.none()
            return KioskFacts(
                version=version,
                started_at=started_at,
                online=self.reachability.online,
                idle=self._idle,
                outbox_depth=services.outbox.pending_count(),
                oldest_unsent_at=services.outbox.oldest_pending_at(),
                dead_letters=len(services.outbox.rejected()),
                catalog_cursor=services.store.cursor(),
                catalog_synced_at=services.store.last_synced_at(),
                last_scans=dict(self.last_scans),
                printer=printer_state,
                disk_free_mb=host.disk_free_mb(config.data_dir),
                rss_mb=host.rss_mb(),
            )

        self.heartbeat: HeartbeatSender | None = None
        self._heartbeat_wake = threading.Event()
        if not config.heartbeat.enabled:
            return
        state_file = HeartbeatFile(config.data_dir)
        self.heartbeat = HeartbeatSender(
            config.kiosk.device_id,
            config.kiosk.store_id,
            collect,
            make_fleet(config, services.backend),
            services.clock,
            interval_s=config.heartbeat.interval_s,
            # the state file for `kiosk update`; a STATUS= line for `systemctl status kiosk`
            observers=[state_file.write, lambda heartbeat, _ack: self.systemd.status(status_line(heartbeat))],
        )
        thread = threading.Thread(
            target=self.heartbeat.run, args=(self._stop, self._heartbeat_wake), name="heartbeat", daemon=True
        )
        self._heartbeat_thread = thread
        self._once_up(thread.start)

    def _attach_loyalty(self, vm: Any, cart: Any, backend: CommerceBackend) -> None:
        """Joining the programme, the wishlist and points on screen (issue 19)."""
        from kiosk.core.loyalty import RedeemRules
        from kiosk.core.money import Money
        from kiosk.ui.viewmodels.enrolment import EnrolmentViewModel
        from kiosk.ui.viewmodels.loyalty import LoyaltyViewModel
        from kiosk.ui.viewmodels.wishlist import WishlistViewModel

        config = self.services.config
        host = self.services.scan_config.store_hosts[0]
        membership = functools.partial(_membership, backend)
        vm.attach_loyalty(
            enrolment=EnrolmentViewModel(
                self.runner,
                vm.lang,
                membership,
                store_id=config.kiosk.store_id,
                device_id=config.kiosk.device_id,
                store_host=host,
                country_code=config.kiosk.country_code,
                parent=vm,
            ),
            wishlist=WishlistViewModel(
                self.runner,
                vm.lang,
                membership,
                lambda: vm.customer,
                lambda: str(vm.product.productId),
                store_host=host,
                parent=vm,
            ),
            loyalty=LoyaltyViewModel(
                vm.lang,
                lambda: vm.customer,
                lambda: vm.loyalty_number,
                lambda: cart.cart,
                # the programme's published rule: a point is worth a cent, 100 at least, half an order at most
                RedeemRules(Money.of("0.01", config.kiosk.currency)),
                parent=vm,
            ),
        )

    def _make_printer(self) -> Any:
        settings = self.services.config.printer
        if not settings.port:
            return None
        from kiosk.devices.printer import EscPosSlipPrinter

        return EscPosSlipPrinter(
            settings.port,
            settings.baudrate,
            columns=settings.columns,
            profile=settings.profile,
            codepage=settings.codepage,
        )

    def _start_nfc(self) -> None:
        settings = self.services.config.nfc
        if not settings.port:
            return
        from kiosk.devices.nfc import NfcSerialReader, Pn532Reader

        scan = self.services.scan_config
        if settings.kind == "pn532":
            self.nfc = Pn532Reader(settings.port)
        else:
            self.nfc = NfcSerialReader(settings.port, settings.baudrate, debounce_ms=scan.debounce_ms)
        self.nfc.start(self.bridge.post_frame, self.bridge.post_status)

    def _wedge_scanned(self, data: bytes) -> None:
        self.bridge.post_frame(ScanFrame(data, "wedge", time.monotonic_ns()))

    def start_sync(self) -> None:
        """Catalog sync on a worker thread; the UI reads whatever the cache has meanwhile."""

        def work() -> SyncReport | None:
            self.services.refresh_recalls()
            try:
                return self._sync_showing_refresh()  # an empty cache from the backend's snapshot, if it has one
            except BackendError as exc:
                _log.warning("catalog sync failed, working from the cache: %s", exc)
                return None
            finally:
                self.services.refresh_promotions()  # after the catalog: their variants' products are in it

        def done(report: Any, error: Exception | None) -> None:
            self.last_sync = report
            self.sync_done.set()
            if self._follow_offers():
                self.app_vm.offers_changed()  # the home rows are read again with the rest
            else:
                self.app_vm.home.reload()
            if not self._shut_down:
                self.refresher.start()  # then the change feed every catalog_refresh_s, all day

        self._once_up(lambda: self.runner.write(work, done))
        self.load_shipping_methods()

    def _refresh_pass(self) -> SyncReport | CatchUp:
        """One refresher pass on the writer: the catalog's change feed, then the recall list (a recall must
        reach the scanner within a pass), in that order so a backend whose feed says whether the list changed
        (the demo store's does) answers an idle pass with one request; the recalls are refreshed even when the
        feed fails. A pass handed to a worker (CatchUp) refreshes them when the worker is done (settle)."""
        outcome: SyncReport | CatchUp | None = None
        services = self.services
        try:
            outcome = CatalogCatchUp(
                services.backend, services.store, services.clock, self.catalog_worker,
                on_refreshing=lambda _reason: self.app_vm.post_catalog_refreshing(True),
            ).run()  # fmt: skip
            return outcome
        finally:
            if not isinstance(outcome, CatchUp):
                self.app_vm.post_catalog_refreshing(False)
                services.refresh_recalls()
                services.refresh_promotions()

    def _settle_catch_up(self) -> None:
        """On the writer once a worker applied the rest of a pass, however it ended: this process's cache and
        backend forget what the worker made stale, then the recalls and promotions as after any pass."""
        if self._shut_down:  # the worker was stopped because the kiosk is closing: its cache may be closed
            return
        services = self.services
        try:
            services.store.written_elsewhere()
            backend = services.backend.get() if isinstance(services.backend, DeferredBackend) else services.backend
            if isinstance(backend, SyncedElsewhere):
                backend.catalog_synced_elsewhere()
            services.refresh_recalls()
            services.refresh_promotions()
        finally:
            self.app_vm.post_catalog_refreshing(False)

    def _sync_showing_refresh(self) -> SyncReport:
        """A sync on the writer; while it re-imports the whole catalog (the backend asked for a resync) the
        status strip says "Refreshing the catalog…" (issue 14), cleared when the pass ends, however it ends."""
        try:
            return self.services.sync(on_refreshing=lambda _reason: self.app_vm.post_catalog_refreshing(True))
        finally:
            self.app_vm.post_catalog_refreshing(False)

    def _catalog_refreshed(self, report: SyncReport) -> None:
        self.last_sync = report
        self.app_vm.catalog_changed(report)
        if self._follow_offers():
            self.app_vm.offers_changed()

    def _follow_offers(self) -> bool:
        """On the GUI thread after a pass: whether the pass changed the promotions in force since last seen."""
        offers = self.services.offers
        if offers is None or offers.version == self._offers_seen:
            return False
        self._offers_seen = offers.version
        return True

    def load_shipping_methods(self) -> None:
        """Fetched once online and kept for the day, so checkout still offers delivery when offline."""
        backend, country = self.services.backend, self.services.config.kiosk.country_code

        def done(methods: Any, error: Exception | None) -> None:
            if methods:
                self.app_vm.checkout.set_shipping_methods(methods)
            elif error is not None:
                _log.warning("shipping methods unavailable: %s", error)

        self._once_up(lambda: self.runner.read(lambda: list(backend.shipping_methods(country)), done))

    def _attach_attract(self, vm: Any, backend: CommerceBackend) -> AttractViewModel:
        """The attract loop's slides (issue 18): from the cache at once, from the backend once it is up and then
        every REFRESH_SECONDS; offline the cached ones, and the built-in ones while nothing was ever cached."""
        from kiosk.core.attract import AttractContent, refresh_attract
        from kiosk.core.ports import AttractSource
        from kiosk.storage.attract_cache import JsonAttractCache
        from kiosk.ui.viewmodels.attract import AttractViewModel

        services, store_id = self.services, self.services.config.kiosk.store_id
        cache = JsonAttractCache(services.config.data_dir, store_id)

        def load(fetch: bool) -> AttractContent:  # on a reader
            source: AttractSource | None = None
            if fetch:  # only once the background work is up: the deferred demo store is built by then
                target = backend.get() if isinstance(backend, DeferredBackend) else backend
                source = target if isinstance(target, AttractSource) else None
            return refresh_attract(source, cache, store_id, services.clock.now)

        vm.attract = AttractViewModel(
            load,
            self.runner,
            services.clock,
            vm.lang,
            page=lambda: str(vm.page),
            start=vm.start,
            open_product=vm.openProduct,
            speaking=lambda: bool(getattr(getattr(vm, "speech", None), "enabled", False)),
            parent=vm,
        )
        vm.attract.load_cached()  # its refreshing starts with the background work (see __init__)
        return cast("AttractViewModel", vm.attract)

    def _attach_staff(self, vm: Any) -> None:
        """PIN pad, staff menu and rejected orders; the PIN hashes and failure count live in kiosk.db."""
        from kiosk.core.admin_pin import StaffAccessPolicy, StaffPinService
        from kiosk.storage.admin_store import SqlitePinStore
        from kiosk.ui.viewmodels.admin import AdminViewModel

        services, settings = self.services, self.services.config.kiosk
        self.pin_store = SqlitePinStore(services.config.data_dir / "kiosk.db")
        associate = settings.mode == "associate"
        pins = StaffPinService(self.pin_store, services.clock)
        vm.admin = AdminViewModel(
            pins,
            services.outbox,
            self.runner,
            services.clock,
            vm.lang,
            mode=settings.mode,
            # a public screen: the staff menu closes as soon as a shopper session would end
            policy=StaffAccessPolicy(settings.associate_reauth_s if associate else settings.idle_timeout_s),
            on_changed=self._staff_changed,
            store=services.store,
            parent=vm,
        )
        vm.staff_badge = pins.check_badge  # an associate's NFC badge signs in like their PIN
        vm.admin.exitRequested.connect(self._exit_kiosk)
        self.quit_app = self.qt_app.quit  # replaced in tests, which share one QApplication

    def _watch_window(self, window: QQuickWindow, vm: AppViewModel) -> None:
        """Every touch, click and key reaches the kiosk's one window before any QML item, so its filters sit
        there. Not on the application: there PySide wraps every object any event goes to (Qt's own objects on
        their way out included) once per Python filter, with Python code running in between; the full
        suite's segfaults were in that wrapping (their cause: kiosk/ui/qt/main_thread_gc.py). The last filter
        installed runs first: the guard sees a key before the wedge filter, the wedge filter before the
        session and the staff menu, so a wedge scan never reaches a text field."""
        for event_filter in (vm.session, vm.admin, self.wedge, self.guard):
            if event_filter is not None:
                window.installEventFilter(event_filter)

    def _staff_changed(self) -> None:
        """A retried order goes out now, not at the sender's next idle wake-up; the status strip follows."""
        self.app_vm.refresh_status()
        self._wake.set()

    def _exit_kiosk(self) -> None:
        """A staff PIN was accepted and 'Exit' chosen: the only way out of kiosk mode."""
        _log.info("kiosk exit authorised by staff PIN")
        if self.guard is not None:
            self.guard.allow_exit()
        self.window.close()
        self.quit_app()

    def _end_session(self) -> None:
        vm = self.app_vm
        vm.travel.save_left_behind(vm.customer, vm.cart.cart)  # before the wipe: their cart waits for them online
        vm.end_session()
        vm.scan.router.reset()  # the next shopper's first scan is never "the same pack" as the last one's
        self.services.outbox.checkpoint()

    def shutdown(self) -> None:
        """Idempotent: a window closed by staff and the process's own exit path may both call it."""
        from kiosk.ui.qt.application import dispose_engine

        if self._shut_down:
            return
        self._shut_down = True

        # The window outlives the view-models for a moment (it is deleted with the engine below): no
        # filter of this kiosk may see an event after its view-models are gone.
        filters = (self.app_vm.session, self.wedge, self.guard, self.app_vm.admin, self._started, self.keypad)
        for event_filter in filters:
            if event_filter is not None:
                self.window.removeEventFilter(event_filter)
        self.systemd.stopping()
        if self.hang_guard is not None:
            self.hang_guard.stop()
        self._stop.set()
        self._wake.set()
        if self.catalog_worker is not None:
            self.catalog_worker.stop()  # the page it was applying rolls back; the next start resumes from its cursor
        self.refresher.stop()
        for device in (self.scanner, self.nfc):
            if device is not None:
                device.stop()
        if self.virtual_scanner is not None:
            self.virtual_scanner.close()
        self.runner.wait_idle()
        self._gs1_warm_up.join(timeout=5)
        if self._sender_thread.ident is not None:  # not started if the kiosk closed before its first frame
            self._sender_thread.join(timeout=5)
        self._heartbeat_wake.set()
        if self.heartbeat is not None and self._heartbeat_thread.ident is not None:
            self._heartbeat_thread.join(timeout=5)
        if self._event_thread is not None and self._event_thread.ident is not None:
            self._event_wake.set()
            self._event_thread.join(timeout=5)
        dispose_engine(self.engine)
        self.pin_store.close()
        self.services.close()
