"""The kiosk without touching the screen: a keypad or keyboard moves a focus ring through every control,
presses it, goes back, asks for help, repeats, switches speech and its volume, calls an associate.

Keys (docs/accessibility.md has the table for the keypad's key caps):
  Tab / Down / Right       next control            Shift+Tab / Up / Left   previous control
  Enter / Space            press the focused control (in a text field, Enter goes to the next control)
  Escape / Backspace       back (closes a panel first; Backspace deletes in a text field)
  F1 / Help                help: the keys, spoken and shown        F2   repeat the last thing said
  F3                       speech on / off                         F4 / F5 (or volume keys)   quieter / louder
  F6                       call a store associate
  0-9 on the PIN pad       digits (never spoken: "digit entered")
In a text field Left and Right move the cursor, as usual. Installed on the window before the session
watcher, so it runs after every other filter there (wedge scans are taken out first, and any key still
counts as the shopper being there).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QKeyEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.ui.qt.self_voicing import SelfVoicing, describe, is_text_input
from kiosk.ui.viewmodels.accessibility import AccessibilityViewModel
from kiosk.ui.viewmodels.app import AppViewModel
from kiosk.ui.viewmodels.speech import SpeechViewModel
from kiosk.ui.viewmodels.speech_words import CHARACTER_ENTERED, HELP

K = Qt.Key
NEXT = {K.Key_Tab, K.Key_Down}
PREVIOUS = {K.Key_Backtab, K.Key_Up}
SIDEWAYS = {K.Key_Right: True, K.Key_Left: False}
PRESS = {K.Key_Return, K.Key_Enter, K.Key_Space, K.Key_Select}
BACK = {K.Key_Escape, K.Key_Backspace, K.Key_Back}


class KeypadNavigator(QObject):
    def __init__(
        self,
        window: QQuickWindow,
        app: AppViewModel,
        speech: SpeechViewModel,
        access: AccessibilityViewModel,
        voicing: SelfVoicing,
    ) -> None:
        super().__init__(app)
        self._window = window
        self._app = app
        self._speech = speech
        self._access = access
        self._voicing = voicing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        return self.handle(event)

    def handle(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        focus = self._window.activeFocusItem()
        typing = is_text_input(focus)
        if key == K.Key_F3:
            self._speech.toggle()
        elif key == K.Key_F2:
            self._speech.repeat()
        elif key in (K.Key_F1, K.Key_Help):
            self._voicing.say(HELP.get(self._app.lang()))
        elif key in (K.Key_F4, K.Key_VolumeDown):
            self._speech.quieter()
        elif key in (K.Key_F5, K.Key_VolumeUp):
            self._speech.louder()
        elif key == K.Key_F6:
            self._app.callAssociate()
        elif self._app.admin.screen == "pin" and not typing and self._pin_key(event):
            pass
        elif key in NEXT or key in PREVIOUS:
            self.move(key in NEXT)
        elif key in SIDEWAYS and not typing:
            self.move(SIDEWAYS[key])
        elif key in PRESS and typing:
            if key == K.Key_Space:
                return self._echo(focus, event)
            if focus is not None and focus.objectName() == "associateQueryInput":
                return False  # the associate's search runs on Enter
            self.move(True)  # Enter in a field: on to the next control
        elif key in PRESS:
            self.press(focus)
        elif (key in BACK and not typing) or key == K.Key_Escape:
            self.back()
        elif typing:
            return self._echo(focus, event)
        else:
            return False
        self._voicing.keypad_used = True
        return True

    def _echo(self, focus: QQuickItem | None, event: QKeyEvent) -> bool:
        """Typing is not consumed; in a personal field the speech says a character came, not which."""
        if event.text() and event.text().isprintable() and self._speech.enabled:
            from kiosk.ui.qt.self_voicing import is_personal

            self._voicing.say(CHARACTER_ENTERED.get(self._app.lang()) if is_personal(focus) else event.text())
        return False

    def _pin_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        admin = self._app.admin
        if text.isdigit() and len(text) == 1:
            admin.digit(text)
        elif event.key() == K.Key_Backspace:
            admin.backspace()
        else:
            return False
        return True

    # --- moves ------------------------------------------------------------------------------------------
    def move(self, forward: bool) -> None:
        """The next (or previous) control in the focus chain, staying inside an open panel or overlay;
        from nothing focused, the page's first control."""
        focus = self._window.activeFocusItem()
        if self._voicing.lost(focus):
            if self._voicing.focus_first() is not None:
                self._voicing.say(self._voicing.focused())
                return
            focus = self._window.contentItem()
        trap = self._voicing.overlay()
        target = focus.nextItemInFocusChain(forward)
        for _ in range(1000):  # the chain is a ring: at most once round it
            if target is None or target is focus or trap is None or _inside(target, trap):
                break
            target = target.nextItemInFocusChain(forward)
        if target is not None and target is not focus:
            target.forceActiveFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            reveal(target)

    def press(self, focus: QQuickItem | None) -> None:
        """The focused control's own press action (as a screen reader would trigger it)."""
        if focus is None or focus is self._window.contentItem():
            self.move(True)
            return
        iface = QAccessible.queryAccessibleInterface(focus)
        actions = iface.actionInterface() if iface is not None else None
        if actions is not None and QAccessibleActionInterface.pressAction() in actions.actionNames():
            actions.doAction(QAccessibleActionInterface.pressAction())
        elif focus.metaObject().indexOfMethod("click()") >= 0:
            focus.metaObject().invokeMethod(focus, "click")
        else:
            return
        # a choice or a switch says its new state ("selected", "on"); a button's own result speaks for itself
        after = self._window.activeFocusItem()
        role = iface.role() if iface is not None and iface.isValid() else None
        if after is not None and role in (QAccessible.Role.RadioButton, QAccessible.Role.CheckBox):
            self._voicing.say(describe(after, self._app.lang()))

    def back(self) -> None:
        """Closes what is open over the page first (accessibility panel, phone QR, demo scanner, a zoomed
        product picture or size guide, staff screens), else the page before this one."""
        app = self._app
        if self._access.panelOpen:
            self._access.setPanelOpen(False)
        elif app.travel.phoneUrl:
            app.travel.closePhone()
        elif app.demoScanner.open:
            app.demoScanner.setOpen(False)
        elif app.product.zoomOpen:
            app.product.setZoomOpen(False)
        elif app.product.sizeGuideOpen:
            app.product.setSizeGuideOpen(False)
        elif app.admin.screen == "deadLetters":
            app.admin.openMenu()
        elif app.admin.screen:
            app.admin.close()
        elif app.page not in ("attract", "confirmation", "home"):
            app.back()


def _inside(item: QQuickItem, ancestor: QQuickItem) -> bool:
    current: QQuickItem | None = item
    while current is not None:
        if current is ancestor:
            return True
        current = current.parentItem()
    return False


def reveal(item: QQuickItem) -> None:
    """Scrolls the enclosing Flickable just enough that the focused control shows whole (a sighted keypad
    user follows the ring; the checkout's last button is far below the first field)."""
    parent = item.parentItem()
    while parent is not None and not parent.inherits("QQuickFlickable"):
        parent = parent.parentItem()
    if parent is None:
        return
    content = parent.property("contentItem")
    top = item.mapToItem(content, QPointF(0, 0)).y() - 24
    bottom = item.mapToItem(content, QPointF(0, item.height())).y() + 24
    y = float(parent.property("contentY"))
    height = parent.height()
    if bottom > y + height:
        y = bottom - height
    y = min(y, top)
    limit = max(0.0, float(parent.property("contentHeight")) - height)
    parent.setProperty("contentY", max(0.0, min(y, limit)))
