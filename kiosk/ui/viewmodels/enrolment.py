"""Joining the loyalty programme at the kiosk: the form's state, the consent, and the QR to finish on the phone.

What the shopper types stays in this object's memory until the form is sent or the session ends (wipe());
it is never written to the kiosk's files or its log. The backend call runs on a worker; offline nothing is
saved or queued, and the shopper is offered the web shop's sign-up QR instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot

from kiosk.core.customer import Customer
from kiosk.core.enrolment import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    ContactKind,
    EnrolmentError,
    EnrolmentOutcome,
    EnrolmentRequest,
    EnrolmentResult,
    enrolment_request,
    join_url,
)
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError, RejectionReason
from kiosk.core.i18n import LocalizedText
from kiosk.core.ports import LoyaltyMembership
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner

_log = logging.getLogger(__name__)

ALREADY_MEMBER = LocalizedText(
    "You already have an account with us. Scan your loyalty card or the code in our app to be recognised.",
    "Ya tienes una cuenta con nosotros. Escanea tu tarjeta de cliente o el código de nuestra app para que te "
    "reconozcamos.",
)
ENROL_OFFLINE = LocalizedText(
    "We can't reach our online store right now, so nothing was saved. Scan the code to join on your phone, "
    "or try again in a moment.",
    "Ahora no podemos conectar con la tienda online, así que no se ha guardado nada. Escanea el código para "
    "unirte desde tu móvil o inténtalo de nuevo en un momento.",
)
ENROL_FAILED = LocalizedText(
    "We couldn't sign you up here. Scan the code to join on your phone, or ask a store associate.",
    "No hemos podido darte de alta aquí. Escanea el código para unirte desde tu móvil o pide ayuda al personal "
    "de la tienda.",
)
# the kiosk found the contact well formed but the store refused it (its own rules, or a newer one's)
EMAIL_REFUSED = LocalizedText(
    "The store could not accept this email address. Check it, or join with your phone number.",
    "La tienda no ha podido aceptar este correo. Revísalo o únete con tu número de teléfono.",
)
PHONE_REFUSED = LocalizedText(
    "The store could not accept this phone number. Check it, or join with your email address.",
    "La tienda no ha podido aceptar este teléfono. Revísalo o únete con tu correo electrónico.",
)
ENROL_UNAVAILABLE = LocalizedText(
    "Joining isn't available at this kiosk. Scan the code to join on your phone.",
    "En este quiosco no es posible darse de alta. Escanea el código para unirte desde tu móvil.",
)
WELCOME_MEMBER = LocalizedText(
    "Welcome to the club! Your card {card} is ready: this order already earns points.",
    "¡Bienvenido al club! Tu tarjeta {card} ya está lista: este pedido ya suma puntos.",
)


class MembershipUnavailableError(Exception):
    """The backend has no loyalty membership (kiosk.core.ports.LoyaltyMembership)."""


class EnrolmentViewModel(ViewModel):
    methodChanged, method = notified(str, "method", ContactKind.EMAIL.value)  # "email" or "phone"
    contactChanged, contact = notified(str, "contact", "")
    firstNameChanged, firstName = notified(str, "firstName", "")
    consentChanged, consent = notified(bool, "consent", False)
    consentTextChanged, consentText = notified(str, "consentText", "")
    consentVersionChanged, consentVersion = notified(str, "consentVersion", CONSENT_VERSION)
    errorChanged, error = notified(str, "error", "")  # what is wrong with the form, word for word
    messageChanged, message = notified(str, "message", "")  # the outcome when it is not a welcome
    busyChanged, busy = notified(bool, "busy", False)
    joinUrlChanged, joinUrl = notified(str, "joinUrl", "")
    joinQrChanged, joinQr = notified(str, "joinQr", "")
    phoneQrShownChanged, phoneQrShown = notified(bool, "phoneQrShown", False)
    enrolled = Signal(object, str)  # the new member (kiosk.core.customer.Customer), the welcome notice

    def __init__(
        self,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        membership: Callable[[], LoyaltyMembership | None],
        *,
        store_id: str,
        device_id: str,
        store_host: str,
        country_code: str = "ES",
        parent: ViewModel | None = None,
    ):
        super().__init__(parent)
        self._runner = runner
        self._lang = lang
        self._membership = membership  # resolved on the worker: building the demo store must not block the GUI
        self._store_id = store_id
        self._device_id = device_id
        self._country = country_code
        self._generation = 0  # a reply that arrives after the form was reset (session ended) is dropped
        url = join_url(store_host, store_id)
        self._set("joinUrl", url)
        self._set("joinQr", f"image://qr/{url}")
        self.refresh_language()

    # --- the form ---------------------------------------------------------------------------------
    @Slot(str)
    def setMethod(self, method: str) -> None:
        if method in (ContactKind.EMAIL.value, ContactKind.PHONE.value) and method != self.method:
            self._set("method", method)
            self._set("contact", "")  # an email typed into the phone field means nothing there
            self._set("error", "")

    @Slot(str)
    def setContact(self, text: str) -> None:
        self._set("contact", text[:254])
        self._set("error", "")

    @Slot(str)
    def setFirstName(self, text: str) -> None:
        self._set("firstName", text[:120])

    @Slot(bool)
    def setConsent(self, agreed: bool) -> None:
        self._set("consent", bool(agreed))
        if agreed:
            self._set("error", "")

    @Slot()
    def showPhoneQr(self) -> None:
        self._set("phoneQrShown", True)

    @Slot()
    def submit(self) -> None:
        if self.busy:
            return
        lang = self._lang()
        self._set("message", "")
        try:
            request = enrolment_request(
                ContactKind(str(self.method)),
                str(self.contact),
                first_name=str(self.firstName),
                consent=bool(self.consent),
                language=lang,
                store_id=self._store_id,
                device_id=self._device_id,
                country_code=self._country,
            )
        except EnrolmentError as exc:
            self._set("error", exc.text.get(lang))
            return
        self._set("error", "")
        self._set("busy", True)
        generation = self._generation
        membership = self._membership

        def work() -> EnrolmentResult:
            backend = membership()
            if backend is None:
                raise MembershipUnavailableError()
            return backend.enrol(request)

        def done(result: EnrolmentResult | None, error: Exception | None) -> None:
            if generation != self._generation:
                return
            self._set("busy", False)
            self._finish(request, result, error)

        self._runner.write(work, done)

    def _finish(self, request: EnrolmentRequest, result: EnrolmentResult | None, error: Exception | None) -> None:
        lang = self._lang()
        if result is not None and result.outcome is EnrolmentOutcome.CREATED and result.customer is not None:
            customer: Customer = result.customer
            notice = WELCOME_MEMBER.get(lang).format(card=customer.masked_loyalty_number)
            self.wipe()
            self.enrolled.emit(customer, notice)
            return
        if result is not None and result.outcome is EnrolmentOutcome.ALREADY_MEMBER:
            self._set("message", ALREADY_MEMBER.get(lang))
            self._set("contact", "")
            return
        # nothing was saved anywhere: the shopper can try again or take the QR; the log names no one
        if isinstance(error, BackendRejectedError) and error.reason is RejectionReason.CONTACT_REFUSED:
            # something to correct in the form, like the kiosk's own checks: said there, the contact kept
            refused = EMAIL_REFUSED if request.kind is ContactKind.EMAIL else PHONE_REFUSED
            self._set("error", refused.get(lang))
            _log.warning("loyalty enrolment by %s: the store refused the contact", request.kind.value)
            return
        if isinstance(error, MembershipUnavailableError):
            text = ENROL_UNAVAILABLE
        elif isinstance(error, BackendUnavailableError):
            text = ENROL_OFFLINE
        else:
            text = ENROL_FAILED
            _log.warning("loyalty enrolment by %s failed: %s", request.kind.value, type(error).__name__)
        self._set("message", text.get(lang))
        self._set("phoneQrShown", True)

    def refresh_language(self) -> None:
        self._set("consentText", CONSENT_TEXT.get(self._lang()))

    def wipe(self) -> None:
        """Forgets everything typed; a reply still on its way is dropped."""
        self._generation += 1
        self._set("method", ContactKind.EMAIL.value)
        for name in ("contact", "firstName", "error", "message"):
            self._set(name, "")
        for flag in ("consent", "busy", "phoneQrShown"):
            self._set(flag, False)
