"""What the kiosk says in speech mode: the focused control (name, role, state, description), each page as
it opens (its name and summary: totals, counts), and the messages the screen shows. It reads the same
accessibility tree a screen reader would (QAccessible), so what is spoken is what the QML declares.

Personal data is never spoken: a personal field says "filled in" or "empty", never its text; typing in it
says "character entered", on the PIN pad "digit entered"; the recognised shopper's name, email addresses and
long digit runs are cut from anything else before it is said.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.ui.viewmodels.app import AppViewModel
from kiosk.ui.viewmodels.speech import SpeechViewModel
from kiosk.ui.viewmodels.speech_words import (
    ADDED_TO_CART,
    DIGIT_DELETED,
    DIGIT_ENTERED,
    FIELD_EMPTY,
    FIELD_FILLED,
    IDLE_WARNING,
    ROLE_BUTTON,
    ROLE_FIELD,
    ROLE_OPTION,
    ROLE_PICTURE,
    ROLE_SWITCH,
    SPEECH_ON,
    STATE_NOT_SELECTED,
    STATE_OFF,
    STATE_ON,
    STATE_SELECTED,
    STATE_UNAVAILABLE,
)

Role = QAccessible.Role
ROLE_WORDS = {
    Role.Button: ROLE_BUTTON,
    Role.RadioButton: ROLE_OPTION,
    Role.CheckBox: ROLE_SWITCH,
    Role.EditableText: ROLE_FIELD,
    Role.Graphic: ROLE_PICTURE,
}
SETTLE_MS = 80
SETTLE_LIMIT = 12  # about a second at most
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# digits with the separators of phone and card numbers; a full stop only between digits, so a sentence's end
# ("€15.95. 12 in this store") splits two numbers
_NUMBER_RUN = re.compile(r"\+?\d(?:[\d\s()-]|\.(?=\d))*\d")
MIN_PERSONAL_DIGITS = 7  # a phone or card number; a price, a count or a date has fewer
# The kiosk's own order numbers (kiosk.core.services.checkout.order_number: 8 upper-case hex digits, XXXX-XXXX)
# are what the shopper reads out at the till, so they are said whole. One in twenty has 7 or 8 digits in a row
# ("3419-1237", "E999-7510") and was cut as a phone number: its confirmation said "Order number." Only the
# number standing alone is kept; one inside a longer run of digits ("+34 6123-4567", a card's 4-4-4-4) is not.
_ORDER_NUMBER = re.compile(r"(?<![\w+\-.(])(?<!\d[\s().-])[0-9A-F]{4}-[0-9A-F]{4}(?![\w-])(?![\s().-]\d)")


def is_text_input(item: QQuickItem | None) -> bool:
    return item is not None and (item.inherits("QQuickTextInput") or item.inherits("QQuickTextEdit"))


def is_personal(item: QQuickItem | None) -> bool:
    """A field whose text is the shopper's (FormField sets `personal`); the search field is not."""
    return is_text_input(item) and bool(item is not None and item.property("personal"))


def describe(item: QQuickItem | None, lang: str) -> str:
    """"Checkout, button", "Home delivery, option, selected. Free, 2-5 days", "Email, text field, filled in"."""
    if item is None:
        return ""
    iface = QAccessible.queryAccessibleInterface(item)
    if iface is None or not iface.isValid():
        return ""
    role = iface.role()
    state = iface.state()
    name = iface.text(QAccessible.Text.Name).strip()
    parts = [name] if name else []
    word = ROLE_WORDS.get(role)
    if word is not None:
        parts.append(word.get(lang))
    if role == Role.EditableText:
        value = str(item.property("text") or "")
        if is_personal(item):
            parts.append((FIELD_FILLED if value else FIELD_EMPTY).get(lang))
        elif value:
            parts.append(value)
    elif role == Role.RadioButton:
        parts.append((STATE_SELECTED if state.checked else STATE_NOT_SELECTED).get(lang))
    elif role == Role.CheckBox:
        parts.append((STATE_ON if state.checked else STATE_OFF).get(lang))
    if state.disabled:
        parts.append(STATE_UNAVAILABLE.get(lang))
    spoken = ", ".join(parts)
    description = iface.text(QAccessible.Text.Description).strip()
    if description and description != name:
        spoken += ". " + description
    return spoken


class SelfVoicing(QObject):
    """Feeds the speech service from the window's focus, the app's page and its messages."""

    def __init__(self, window: QQuickWindow, app: AppViewModel, speech: SpeechViewModel) -> None:
        super().__init__(app)
        self._window = window
        self._app = app
        self._speech = speech
        self._quiet_focus = False  # a focus move that is spoken together with the page it opens
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._page_settled)
        self._settle_checks = 0
        self._pending_page = ""
        self._opened_ns = 0
        self.keypad_used = False  # set by the keypad: pages then open with their first control focused
        window.activeFocusItemChanged.connect(self._focus_changed)
        # Deferred readings name this object as their context: Qt drops them when it is deleted with the
        # view-models, so a page changed just before the kiosk shuts down is not read off a deleted window.
        app.pageChanged.connect(lambda: QTimer.singleShot(0, self, self._page_opened))
        speech.enabledChanged.connect(self._speech_switched)
        app.noticeChanged.connect(lambda: self.say_message(str(app.notice)))
        app.scan.messageChanged.connect(lambda: self.say_message(str(app.scan.message)))
        app.product.addedToCart.connect(lambda name: self.say_message(ADDED_TO_CART.get(app.lang()).format(name=name)))
        app.checkout.errorChanged.connect(lambda: self.say_message(str(app.checkout.error)))
        # a checkout step is a page of its own for a shopper who cannot see it: "Step 2 of 4, how to receive"
        app.checkout.stepChanged.connect(
            lambda: self.say_message(str(app.checkout.stepLabel)) if app.page == "checkout" else None
        )
        app.cart.errorChanged.connect(lambda: self.say_message(str(app.cart.error)))
        app.checkout.paymentMessageChanged.connect(lambda: self.say_message(str(app.checkout.paymentMessage)))
        # the store's answers made "To pay" another amount: said as it changes (OrderOutcomeViewModel.announced)
        app.orderOutcome.announced.connect(self.say_message)
        app.session.phaseChanged.connect(self._session_phase)
        app.admin.enteredChanged.connect(self._pin_changed)
        self._entered = 0

    # --- what is said -------------------------------------------------------------------------------
    def scrub(self, text: str) -> str:
        """The shopper's name, emails and phone- or card-like digit runs out of a sentence (an order number
        of the kiosk's, however many digits it has, stays)."""
        name = str(self._app.shopperName)
        if name:
            text = text.replace(name, "")
        text = _EMAIL.sub("", text)
        orders = [m.span() for m in _ORDER_NUMBER.finditer(text)]

        def cut(run: re.Match[str]) -> str:
            if any(start <= run.start() and run.end() <= end for start, end in orders):
                return run[0]
            return "" if sum(c.isdigit() for c in run[0]) >= MIN_PERSONAL_DIGITS else run[0]

        text = _NUMBER_RUN.sub(cut, text)
        text = re.sub(r"\s+([,.!?])", r"\1", re.sub(r"\s{2,}", " ", text))
        return re.sub(r",([.!?])", r"\1", text).strip()

    def say(self, text: str, asked_ns: int | None = None) -> None:
        self._speech.say(self.scrub(text), asked_ns=asked_ns)

    def say_message(self, text: str) -> None:
        if text:
            self.say(text)

    def current_page(self) -> QQuickItem | None:
        """The shown page's root item (staff screens above the shop when they are up)."""
        from kiosk.ui.devtools.bench_driver import find_item

        container = "staffScreens" if self._app.admin.screen else "pages"
        try:
            stack = find_item(self._window, container)
        except LookupError:
            return None
        index = int(stack.property("currentIndex") or 0)
        pages = [child for child in stack.childItems() if isinstance(child, QQuickItem)]
        return pages[index] if 0 <= index < len(pages) else None

    def page_summary(self) -> str:
        page = self.current_page()
        return describe(page, self._app.lang()) if page is not None else ""

    def focused(self) -> str:
        return describe(self._window.activeFocusItem(), self._app.lang())

    # --- signals ------------------------------------------------------------------------------------
    def lost(self, item: QQuickItem | None) -> bool:
        """No control has the focus: none at all, the window itself, or one taken off the screen (a delegate
        whose model was reset: a product's colours, reloaded after the page opened, drop the focused swatch)."""
        return (
            item is None
            or item is self._window.contentItem()
            or not item.isVisible()
            or item.parentItem() is None
        )

    def _focus_changed(self) -> None:
        if self._quiet_focus:
            return
        focus = self._window.activeFocusItem()
        if self.keypad_used and self.lost(focus):
            # the focused control went away under the keypad user: the ring comes back on the page
            QTimer.singleShot(0, self, self._refocus)
            return
        if self._speech.enabled:
            self.say(describe(focus, self._app.lang()), asked_ns=time.monotonic_ns())

    def _refocus(self) -> None:
        if self.lost(self._window.activeFocusItem()):
            self.say(describe(self.focus_first(), self._app.lang()))

    def overlay(self) -> QQuickItem | None:
        """What is open over the page and keeps the focus to itself until it closes."""
        from kiosk.ui.devtools.bench_driver import find_item

        for name in ("idleWarning", "accessibilityPanel", "phonePanel", "staffScreens"):
            try:
                item = find_item(self._window, name)
            except LookupError:
                continue
            if item.isVisible():
                return item
        return None

    def _page_opened(self) -> None:
        focus = self._window.activeFocusItem()
        typing = is_text_input(focus) and focus is not None and focus.isVisible()
        # the top bar's search field opens the results page as the shopper types: the typing goes on there
        if (self.keypad_used or self._speech.enabled) and self.overlay() is None and not typing:
            self.focus_first()
        self._opened_ns = time.monotonic_ns()
        self._settle_checks = 0
        self._pending_page = self._page_text()
        self._settle.start()

    def _page_text(self) -> str:
        focus = self._window.activeFocusItem()
        first = "" if self.lost(focus) else describe(focus, self._app.lang())
        return ". ".join(p for p in (self.page_summary(), first) if p)

    def _page_settled(self) -> None:
        """A page fills in from workers (a scanned product's stock, the home page's tiles): its summary is said
        once it has stayed the same for SETTLE_MS, or after SETTLE_LIMIT checks whatever it says then."""
        text = self._page_text()
        self._settle_checks += 1
        if text != self._pending_page and self._settle_checks < SETTLE_LIMIT:
            self._pending_page = text
            self._settle.start()
            return
        self.say(text, asked_ns=self._opened_ns)

    def focus_first(self) -> QQuickItem | None:
        """Moves the keypad's focus to the first control of the shown page, without speaking it twice."""
        page = self.current_page()
        if page is None or not page.isVisible():
            return None
        first = page.nextItemInFocusChain(True)
        if first is None or not self._inside(first, page):
            return None
        self._quiet_focus = True
        try:
            first.forceActiveFocus()
        finally:
            self._quiet_focus = False
        # Asked again rather than returning `first`: PySide invalidated that wrapper once this method's other
        # wrappers (the page, its stack) were released, though the item lives on (seen in the tests).
        return self._window.activeFocusItem()

    @staticmethod
    def _inside(item: QQuickItem, ancestor: QQuickItem) -> bool:
        current: QQuickItem | None = item
        while current is not None:
            if current is ancestor:
                return True
            current = current.parentItem()
        return False

    def _speech_switched(self) -> None:
        if self._speech.enabled:
            lang = self._app.lang()
            focus: QQuickItem | None = self._window.activeFocusItem()
            if focus is None or not focus.isVisible() or focus is self._window.contentItem():
                focus = self.focus_first()
            parts = [SPEECH_ON.get(lang), self.page_summary(), describe(focus, lang)]
            self.say(" ".join(p if p.endswith(".") else p + "." for p in parts if p))

    def _session_phase(self) -> None:
        if self._app.session.phase == "warning":
            self._focus_named("continueButton")  # "More time": one press of Enter
            seconds = int(self._app.session.secondsLeft)
            self.say(IDLE_WARNING.get(self._app.lang()).format(seconds=seconds))

    def _focus_named(self, name: str) -> None:
        from kiosk.ui.devtools.bench_driver import find_item

        try:
            item = find_item(self._window, name)
        except LookupError:
            return
        self._quiet_focus = True
        try:
            item.forceActiveFocus()
        finally:
            self._quiet_focus = False

    def _pin_changed(self) -> None:
        entered = int(self._app.admin.entered)
        if entered > self._entered:
            self.say(DIGIT_ENTERED.get(self._app.lang()))
        elif entered < self._entered and entered > 0:
            self.say(DIGIT_DELETED.get(self._app.lang()))
        self._entered = entered

    def reset(self) -> None:
        self.keypad_used = False
