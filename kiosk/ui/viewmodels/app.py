"""The root view-model QML receives: navigation, language, device/backend status and the child view-models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.customer import Customer, mask_card_number
from kiosk.core.fulfilment import delivery_days
from kiosk.core.order import OrderReceipt
from kiosk.core.order_tracking import OrderCode
from kiosk.core.scanning import ScanResult
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.core.services.lookup import ProductMatch
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.accessibility import AccessibilityViewModel
from kiosk.ui.viewmodels.admin import AdminViewModel
from kiosk.ui.viewmodels.assistance import AssistanceViewModel
from kiosk.ui.viewmodels.cart import CartViewModel
from kiosk.ui.viewmodels.cart_travel import CartTravelViewModel
from kiosk.ui.viewmodels.checkout import CheckoutViewModel
from kiosk.ui.viewmodels.demo_scanner import DemoScannerViewModel
from kiosk.ui.viewmodels.enrolment import EnrolmentViewModel
from kiosk.ui.viewmodels.formatting import number_text
from kiosk.ui.viewmodels.home import HomeViewModel
from kiosk.ui.viewmodels.loyalty import LoyaltyViewModel
from kiosk.ui.viewmodels.offers import OffersViewModel
from kiosk.ui.viewmodels.order_outcome import OrderOutcomeViewModel
from kiosk.ui.viewmodels.order_status import OrderStatusViewModel
from kiosk.ui.viewmodels.product import ProductViewModel
from kiosk.ui.viewmodels.profile import ProfileViewModel
from kiosk.ui.viewmodels.scan import ScanViewModel
from kiosk.ui.viewmodels.search import SearchViewModel
from kiosk.ui.viewmodels.session import SessionViewModel
from kiosk.ui.viewmodels.shopper_messages import APP_OFFLINE, CARD_NOT_FOUND, PROFILE_OFFLINE, WELCOME
from kiosk.ui.viewmodels.speech import SpeechViewModel
from kiosk.ui.viewmodels.wishlist import WishlistViewModel

# The on-screen keyboard's layout for each interface language: a Spanish shopper gets the Spanish layout
# (with its ñ key and Spanish accents on a long press), not the English one the keyboard starts with.
KEYBOARD_LOCALES = {"en": "en_GB", "es": "es_ES"}

PAGES = (
    "attract", "home", "search", "product", "cart", "checkout", "confirmation", "profile",
    # associate screens (AssociateViewModel): only for an associate signed in on an associate-mode device
    "associateCustomer", "associateOrders", "associateReturn",
    "orderStatus",  # an order's QR scanned at this kiosk
    "enrol",  # joining the loyalty programme (issue 19)
)


@dataclass(frozen=True, slots=True)
class KioskStatus:
    pending_orders: int
    online: bool
    oldest_pending_s: float | None = None  # age of the oldest order still waiting to be sent


class AppViewModel(ViewModel):
    pageChanged, page = notified(str, "page", "attract")
    languageChanged, language = notified(str, "language", "en")
    storeNameChanged, storeName = notified(str, "storeName", "")
    scannerConnectedChanged, scannerConnected = notified(bool, "scannerConnected", True)
    nfcConnectedChanged, nfcConnected = notified(bool, "nfcConnected", True)
    onlineChanged, online = notified(bool, "online", True)
    pendingOrdersChanged, pendingOrders = notified(int, "pendingOrders", 0)
    oldestPendingMinutesChanged, oldestPendingMinutes = notified(int, "oldestPendingMinutes", 0)
    shopperNameChanged, shopperName = notified(str, "shopperName", "")
    shopperPointsChanged, shopperPoints = notified(int, "shopperPoints", 0)
    shopperPointsFigureChanged, shopperPointsFigure = notified(str, "shopperPointsFigure", "")  # "8.200" / "8,200"
    shopperMaskedChanged, shopperMasked = notified(str, "shopperMasked", "")
    noticeChanged, notice = notified(str, "notice", "")
    # a full catalog re-import is running (the backend could not continue the kiosk's cursor); StatusStrip
    catalogRefreshingChanged, catalogRefreshing = notified(bool, "catalogRefreshing", False)
    _catalogRefreshingPosted = Signal(bool)

    def __init__(
        self,
        *,
        runner: BackgroundRunner,
        store_name: str,
        language: str,
        switch_language: Callable[[str], None],
        status: Callable[[], KioskStatus],
        identify: Callable[[ScanResult], Customer | None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._runner = runner
        self._switch_language = switch_language
        self._status = status
        self._identify = identify
        self._history: list[str] = []
        self._device_down: set[str] = set()
        self._set("storeName", store_name)
        self._set("language", language)
        self.customer: Customer | None = None
        self.loyalty_number = ""  # known even offline, from the card itself
        self.staff_badge: Callable[[str], str | None] | None = None  # set when staff badges are configured
        self._catalogRefreshingPosted.connect(self._set_catalog_refreshing)
        self._status_timer = QTimer(self, interval=3000)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        # children are attached by the composition root through attach()
        self.home: HomeViewModel
        self.search: SearchViewModel
        self.product: ProductViewModel
        self.cart: CartViewModel
        self.checkout: CheckoutViewModel
        self.session: SessionViewModel
        self.scan: ScanViewModel
        self.demoScanner: DemoScannerViewModel
        self.travel: CartTravelViewModel
        self.profile: ProfileViewModel
        self.orderStatus: OrderStatusViewModel
        self.offers: OffersViewModel  # the session's coupons and the cart priced with the promotions
        self.admin: AdminViewModel  # staff screens, set by the composition root before QML loads
        self.associate: QObject  # associate screens (AssociateViewModel), likewise
        self.attract: QObject  # the attract loop's slides (AttractViewModel), likewise
        self.access: AccessibilityViewModel  # accessibility modes, speech and calls: attach_accessibility()
        self.speech: SpeechViewModel
        self.assistance: AssistanceViewModel
        self.enrolment: EnrolmentViewModel  # joining, the wishlist and points: attach_loyalty()
        self.wishlist: WishlistViewModel
        self.loyalty: LoyaltyViewModel
        self.orderOutcome: OrderOutcomeViewModel  # attach_order_outcome()

    def lang(self) -> str:
        return str(self.language)

    def post_catalog_refreshing(self, refreshing: bool) -> None:
        """From any thread (the sync runs on the writer): the property changes on the GUI thread."""
        self._catalogRefreshingPosted.emit(refreshing)

    @Slot(bool)
    def _set_catalog_refreshing(self, refreshing: bool) -> None:
        self._set("catalogRefreshing", refreshing)

    def catalog_changed(self, report: SyncReport) -> None:
        """A delta sync while running changed the catalog: every screen showing a touched product follows."""
        if not report.anything_changed:
            return
        for child in (self.home, self.search, self.product, self.cart):
            child.catalog_changed(report)

    keyboardLocale = Property(str, lambda self: KEYBOARD_LOCALES[self.lang()], notify=languageChanged)

    def attach(
        self,
        home: HomeViewModel,
        search: SearchViewModel,
        product: ProductViewModel,
        cart: CartViewModel,
        checkout: CheckoutViewModel,
        session: SessionViewModel,
        scan: ScanViewModel,
        demo_scanner: DemoScannerViewModel,
    ) -> None:
        self.home, self.search, self.product, self.cart = home, search, product, cart
        self.checkout, self.session, self.scan, self.demoScanner = checkout, session, scan, demo_scanner
        scan.productScanned.connect(self._open_match)
        scan.loyaltyScanned.connect(self._greet)
        checkout.orderSaved.connect(self._order_saved)
        checkout.reviewCartRequested.connect(self.openCart)
        checkout.backToCartRequested.connect(self._back_to_cart)
        # the cart quotes the checkout's way of receiving and delivery method: one set of figures
        cart.set_receiving(checkout.receiving)
        checkout.methodIdChanged.connect(cart.refresh_totals)
        checkout.methodIdChanged.connect(lambda: product.set_delivery_days(delivery_days(checkout.current_method())))
        checkout.optionKeyChanged.connect(cart.refresh_totals)

    def attach_omnichannel(self, travel: CartTravelViewModel, profile: ProfileViewModel) -> None:
        """The recognised shopper's account and the carts that travel (issue 8), beside the core journey."""
        self.travel, self.profile = travel, profile
        self.scan.handoffScanned.connect(self._handoff)
        travel.cartLoaded.connect(self._cart_arrived)
        travel.failed.connect(self._show_notice)
        self.cart.countChanged.connect(profile.refresh_points)

    def attach_order_status(self, order_status: OrderStatusViewModel) -> None:
        """An order QR scanned anywhere in the shop opens its status (and announces a pickup here)."""
        self.orderStatus = order_status
        self.scan.orderScanned.connect(self.openOrderStatus)

    def openOrderStatus(self, code: OrderCode) -> None:
        self.orderStatus.show(code)
        self._go("orderStatus")

    orderStatusVm = Property(QObject, lambda self: self.orderStatus, constant=True)

    def attach_offers(self, offers: OffersViewModel) -> None:
        """Issue 19: a coupon poster scanned anywhere applies its code to the session; the cart's prices follow."""
        self.offers = offers
        self.scan.couponScanned.connect(self._coupon_scanned)
        self.cart.subtotalChanged.connect(offers.refresh)
        self.cart.countChanged.connect(offers.refresh)
        self.onlineChanged.connect(offers.refresh)
        # the cart's and the checkout's totals blocks: savings per line and in total, the codes applied
        # each order of a split cart priced as the store prices it on its own (core.services.checkout)
        self.cart.set_pricing(offers.offers, offers.coupon_codes)
        self.checkout.set_offers(offers.offers, offers.coupon_codes)
        offers.changed.connect(self.cart.refresh_totals)
        offers.changed.connect(self.checkout.refresh_totals)

    def _coupon_scanned(self, code: str) -> None:
        outcome = self.offers.apply_scanned(code)
        if outcome.accepted:
            self._show_notice(outcome.message.get(self.lang()))
        else:
            self.scan.show(outcome.message)

    def offers_changed(self) -> None:
        """The backend's promotions changed (a refresher pass), or a shopper in a customer group was recognised:
        every screen showing an offer or a price follows."""
        self.home.reload()
        self.search.offers_changed()
        self.product.offers_changed()
        self.offers.offers_changed()

    offersVm = Property(QObject, lambda self: self.offers, constant=True)

    def attach_accessibility(
        self, access: AccessibilityViewModel, speech: SpeechViewModel, assistance: AssistanceViewModel
    ) -> None:
        """Issue 17: large text, contrast, reach, the speech service and 'call an associate'."""
        self.access, self.speech, self.assistance = access, speech, assistance
        speech.unavailable.connect(self._show_notice)  # the screen says why the kiosk cannot speak
        self.languageChanged.connect(speech.refresh_language)
        speech.enabledChanged.connect(lambda: self.session.set_speech_mode(bool(speech.enabled)))

    accessibilityVm = Property(QObject, lambda self: self.access, constant=True)
    speechVm = Property(QObject, lambda self: self.speech, constant=True)
    assistanceVm = Property(QObject, lambda self: self.assistance, constant=True)

    @Slot()
    def callAssociate(self) -> None:
        """From any shopper page (top bar, attract screen, confirmation, the keypad's F6)."""
        self.session.touch()
        self._show_notice(self.assistance.call(str(self.page)))

    def attach_loyalty(
        self, enrolment: EnrolmentViewModel, wishlist: WishlistViewModel, loyalty: LoyaltyViewModel
    ) -> None:
        """Issue 19 at the kiosk: joining the programme, the wishlist from a product page, points on screen."""
        self.enrolment, self.wishlist, self.loyalty = enrolment, wishlist, loyalty
        enrolment.enrolled.connect(self._enrolled)
        wishlist.notice.connect(self._show_notice)
        wishlist.changed.connect(self._wishlist_changed)
        self.product.productIdChanged.connect(wishlist.refresh)
        self.cart.countChanged.connect(loyalty.refresh)
        self.checkout.orderSaved.connect(
            lambda: loyalty.orders_confirmed(self.checkout.last_orders, earning=self.checkout.last_earning)
        )
        # points redeemed on the pay step: the order carries them, both totals blocks show what they take off
        self.checkout.set_redemption(lambda: (loyalty.points_to_redeem(), loyalty.discount()))
        # points ride on one order of a split cart: the store allows at most a share of THAT order
        loyalty.set_base(self.checkout.redeem_base, self.checkout.earning)
        self.checkout.totalChanged.connect(loyalty.refresh)  # another way of receiving or method: another limit
        loyalty.redeemPointsChanged.connect(self.checkout.refresh_totals)
        loyalty.redeemPointsChanged.connect(self.cart.refresh_totals)

    def attach_order_outcome(self, outcome: OrderOutcomeViewModel) -> None:
        """Issue 15: what the backend made of the order (short lines, notes, final amount) on the confirmation.
        After attach_loyalty: a receipt that beat the confirmation also gives the points line its figure."""
        self.orderOutcome = outcome

        def confirmed() -> None:
            checkout = self.checkout
            offline = checkout.placed_offline or not self.online
            for early in outcome.orders_confirmed(checkout.last_orders, offline=offline):
                self.loyalty.receipt_arrived(early)

        self.checkout.orderSaved.connect(confirmed)
        # "To pay" becomes the store's figure once every order of the confirmation has its answer
        outcome.answersChanged.connect(lambda: self.checkout.show_charged(outcome.charged_total()))
        # every order of a checkout says whether it waits here for the connection or is being sent
        self.onlineChanged.connect(lambda: outcome.set_online(self.online))
        self._status_timer.timeout.connect(outcome.check_refused)  # a refused order gets no receipt: ask kiosk.db

    @Slot(object)
    def receipt_arrived(self, receipt: OrderReceipt) -> None:
        """The outbox sender delivered an order (queued here from its thread): the confirmation, if it still
        shows that order, swaps the estimates for the backend's figures."""
        self.loyalty.receipt_arrived(receipt)
        self.orderOutcome.receipt_arrived(receipt)

    orderOutcomeVm = Property(QObject, lambda self: self.orderOutcome, constant=True)
    enrolVm = Property(QObject, lambda self: self.enrolment, constant=True)
    wishlistVm = Property(QObject, lambda self: self.wishlist, constant=True)
    loyaltyVm = Property(QObject, lambda self: self.loyalty, constant=True)

    @Slot()
    def openEnrol(self) -> None:
        """'Join' for a shopper the kiosk does not know; a recognised one goes to their account instead."""
        self.session.touch()
        if self.customer is not None:
            self.openProfile()
            return
        self.enrolment.wipe()
        self._go("enrol")

    def _enrolled(self, customer: Customer, notice: str) -> None:
        self.recognise(customer)
        self.profile.set_new_member(customer.loyalty_number)
        self._show_notice(notice)
        self._go("profile")

    def _wishlist_changed(self, customer: Customer) -> None:
        if self.customer is not None and self.customer.id == customer.id:
            self.customer = customer
            self.profile.refresh()

    travelVm = Property(QObject, lambda self: self.travel, constant=True)
    profileVm = Property(QObject, lambda self: self.profile, constant=True)

    def _handoff(self, cart_id: str) -> None:
        if self.page == "attract":
            self.start()
        self.session.touch()
        self.travel.load_handoff(cart_id)

    def _cart_arrived(self, notice: str) -> None:
        self._show_notice(notice)
        self._go("cart")

    def _show_notice(self, text: str) -> None:
        self._set("notice", "")
        self._set("notice", text)

    # child view-models, constant for QML
    homeVm = Property(QObject, lambda self: self.home, constant=True)
    searchVm = Property(QObject, lambda self: self.search, constant=True)
    productVm = Property(QObject, lambda self: self.product, constant=True)
    cartVm = Property(QObject, lambda self: self.cart, constant=True)
    checkoutVm = Property(QObject, lambda self: self.checkout, constant=True)
    sessionVm = Property(QObject, lambda self: self.session, constant=True)
    scanVm = Property(QObject, lambda self: self.scan, constant=True)
    demoScannerVm = Property(QObject, lambda self: self.demoScanner, constant=True)
    adminVm = Property(QObject, lambda self: self.admin, constant=True)
    associateVm = Property(QObject, lambda self: self.associate, constant=True)
    attractVm = Property(QObject, lambda self: self.attract, constant=True)

    # --- navigation -------------------------------------------------------------------------------
    def _go(self, page: str) -> None:
        if page not in PAGES:
            raise ValueError(f"Unknown page {page!r}")
        if page != self.page and self.page not in ("attract", "confirmation"):
            self._history.append(str(self.page))
            del self._history[:-20]
        self._set("page", page)

    @Slot()
    def start(self) -> None:
        self.session.touch()
        self.home.reload()
        self._history.clear()
        self._set("page", "home")

    @Slot()
    def goHome(self) -> None:
        # home is a fresh start: the top bar must not keep the last search's words (issue 18)
        self.search.clear()
        self._history.clear()
        self._set("page", "home")

    @Slot()
    def back(self) -> None:
        self._set("page", self._history.pop() if self._history else "home")

    @Slot(str)
    def searchFor(self, text: str) -> None:
        self.session.touch()
        self.search.setQuery(text)
        if self.page != "search":
            self._go("search")

    @Slot(str, str)
    def openCategory(self, category_id: str, title: str) -> None:
        self.search.browseCategory(category_id, title)
        self._go("search")

    @Slot(str)
    def openProduct(self, product_id: str) -> None:
        # The page switches when the product has loaded (on a worker); a shopper who has moved on in the
        # meantime (to another page, or walked away) is not pulled back to it. A newer product opened or
        # scanned meanwhile makes this load stale, and ProductViewModel drops it.
        asked_on = self.page

        def loaded(ok: bool) -> None:
            if ok and self.page == asked_on:
                self._go("product")

        self.product.load(product_id, on_loaded=loaded)

    def _open_match(self, match: ProductMatch) -> None:
        if self.page == "attract":
            self.start()
        self.session.touch()
        self.product.show(match.product, match.variant)
        self._go("product")

    @Slot()
    def openCart(self) -> None:
        self.cart.enter()
        self._go("cart")

    def _back_to_cart(self) -> None:
        """"Back" on the checkout's first step: the cart, as if the shopper had never left it."""
        if self._history and self._history[-1] == "cart":
            self.cart.enter()
            self._set("page", self._history.pop())
        else:
            self.openCart()

    @Slot()
    def openCheckout(self) -> None:
        if self.cart.count > 0:
            self.checkout.enter()
            self._go("checkout")

    def _order_saved(self) -> None:
        self.cart.wipe()
        self._history.clear()
        self._set("page", "confirmation")

    @Slot()
    def finish(self) -> None:
        """'Done' on the confirmation: the shopper walks away, so the session ends now."""
        self.session.end()

    # --- language ---------------------------------------------------------------------------------
    @Slot(str)
    def setLanguage(self, lang: str) -> None:
        if lang not in ("en", "es") or lang == self.language:
            return
        self._set("language", lang)
        self._switch_language(lang)
        for child in (
            self.product, self.cart, self.checkout, self.demoScanner, self.orderStatus, self.enrolment, self.offers,
            self.orderOutcome,
        ):  # fmt: skip
            child.refresh_language()
        self.loyalty.refresh()
        refresh_attract = getattr(self.attract, "refresh_language", None)  # absent in view-model-only tests
        if refresh_attract is not None:
            refresh_attract()
        self.home.reload()
        if self.search.mode == "search" and self.search.query:
            self.search.setQuery(str(self.search.query))

    # --- shopper ----------------------------------------------------------------------------------
    def _greet(self, result: ScanResult) -> None:
        token = result.member_token or ""
        staff_badge = self.staff_badge
        if staff_badge is not None and token.startswith("nfc-uid:"):
            # a bare NFC UID may be an associate's badge: asked first, on a worker (a slow hash per badge)
            def badge_done(name: str | None, error: Exception | None) -> None:
                if name:
                    self.admin.badge_presented(name)
                else:
                    self._greet_shopper(result)

            self._runner.read(lambda: staff_badge(token), badge_done)
            return
        self._greet_shopper(result)

    def _greet_shopper(self, result: ScanResult) -> None:
        if self.page == "attract":
            self.start()
        self.session.touch()
        identify = self._identify

        def done(customer: Customer | None, error: Exception | None) -> None:
            lang = self.lang()
            if customer is not None:
                self.recognise(customer)
                self._set("notice", WELCOME.get(lang).format(name=customer.first_name))
            elif error is not None and result.member_id:
                # Offline, or a reply the kiosk cannot use (refused, malformed): the card itself is known, and
                # its number is enough to order with points; only a clean "no such card" says not found.
                self.customer = None
                self.loyalty_number = result.member_id
                self._set("shopperName", "")
                masked = mask_card_number(result.member_id)
                self._set("shopperMasked", masked)
                self._set("notice", PROFILE_OFFLINE.get(lang).format(card=masked))
                self.loyalty.refresh()  # the card alone earns points: the checkout says how many
            elif error is not None:
                self._set("notice", APP_OFFLINE.get(lang))
            else:
                self._set("notice", CARD_NOT_FOUND.get(lang))

        self._runner.read(lambda: identify(result), done)

    def recognise(self, customer: Customer) -> None:
        self.customer = customer
        self.loyalty_number = customer.loyalty_number
        self._set("shopperName", customer.first_name)
        self._set("shopperPoints", customer.points)
        self._set("shopperPointsFigure", number_text(customer.points, self.language))
        self._set("shopperMasked", customer.masked_loyalty_number)
        if customer.groups:  # offers for the shopper's groups now show on cards, the product and the cart
            self.offers_changed()  # the home rows too
        else:
            self.home.reload()  # the home rows turn into offers and picks for this shopper
        self.profile.refresh()
        self.wishlist.refresh()
        self.loyalty.refresh()

    @Slot()
    def openProfile(self) -> None:
        if self.customer is not None:
            self.profile.refresh()
            self._go("profile")

    @Slot()
    def dismissNotice(self) -> None:
        self._set("notice", "")

    # --- status and wipe --------------------------------------------------------------------------
    @Slot()
    def refresh_status(self) -> None:
        status = self._status

        def done(result: KioskStatus | None, error: Exception | None) -> None:
            if result is not None:
                self._set("pendingOrders", result.pending_orders)
                self._set("oldestPendingMinutes", int((result.oldest_pending_s or 0) // 60))
                self._set("online", result.online)

        self._runner.read(status, done)

    def set_scanner_state(self, source: str, state: str) -> None:
        """Each reader reports under its own source ("serial:/dev/...", "nfc:/dev/..."), so one device
        coming back does not hide another that is still unplugged."""
        if state == "connected":
            self._device_down.discard(source)
        else:
            self._device_down.add(source)
        self._set("scannerConnected", not any(s.startswith("serial:") for s in self._device_down))
        self._set("nfcConnected", not any(s.startswith("nfc:") for s in self._device_down))

    def end_session(self) -> None:
        """Everything of the shopper leaves the screen and memory; then back to the attract loop."""
        had_groups = self.customer is not None and bool(self.customer.groups)
        self.customer = None  # and with it the customer groups the offers were priced for
        self.loyalty_number = ""
        for name in ("shopperName", "shopperMasked", "notice"):
            self._set(name, "")
        self._set("shopperPoints", 0)
        self._set("shopperPointsFigure", "")
        self.cart.wipe()
        self.checkout.wipe()
        self.product.wipe()
        self.travel.wipe()
        self.profile.wipe()
        self.enrolment.wipe()
        self.wishlist.wipe()
        self.loyalty.wipe()
        self.orderOutcome.wipe()
        self.orderStatus.wipe()
        self.offers.wipe()  # the shopper's coupon codes go with them
        self.search.clear()
        if had_groups:  # no card keeps an offer only the shopper's group had
            self.home.reload()
        self.scan.dismiss()
        self.demoScanner.setOpen(False)
        self.access.reset()
        self.speech.reset()  # the next shopper starts quiet, at the default volume
        self._history.clear()
        self._set("page", "attract")
