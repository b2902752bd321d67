"""Joining the loyalty programme at the kiosk, and the wishlist's links: validation, consent and web-shop URLs.

A shopper joins with an email address or a phone number and an explicit, versioned consent. The kiosk only
checks and forwards: the backend creates the member (or says one exists, naming nobody) and records the
consent's version, the exact words shown and the time. Nothing of the request is written on the kiosk; the
view-model holds it in memory until the session ends.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import quote

from kiosk.core.customer import Customer
from kiosk.core.i18n import LocalizedText

# Bump the version whenever the words change: the backend keeps the version and the words each member saw.
CONSENT_VERSION = "loyalty-terms-2026-12"
CONSENT_TEXT = LocalizedText(
    "I want to join the loyalty programme. I agree that the store keeps my email or phone number to run my "
    "membership (points, offers, my wishlist) and can write to me about it. I can leave at any time from "
    "my account in the web shop.",
    "Quiero unirme al programa de fidelidad. Acepto que la tienda guarde mi correo o mi teléfono para "
    "gestionar mi cuenta (puntos, ofertas, mi lista de deseos) y que me escriba sobre ella. Puedo darme de "
    "baja cuando quiera desde mi cuenta en la tienda online.",
)

MAX_EMAIL = 254  # RFC 5321's limit on a whole address
MAX_FIRST_NAME = 60
PHONE_DIGITS = (9, 15)  # a Spanish number without its prefix has 9 digits; E.164 allows at most 15

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE_CHARS_RE = re.compile(r"^\+?[0-9 ().-]+$")


class ContactKind(enum.StrEnum):
    EMAIL = "email"
    PHONE = "phone"


class EnrolmentError(ValueError):
    """Input the kiosk refuses before asking the backend; `text` is shown to the shopper in their language."""

    def __init__(self, text: LocalizedText) -> None:
        super().__init__(text.en)
        self.text = text


EMAIL_MISSING = LocalizedText("Enter your email address.", "Escribe tu correo electrónico.")
EMAIL_INVALID = LocalizedText(
    "This email address is not valid. Write it like name@example.com.",
    "Este correo no es válido. Escríbelo así: nombre@ejemplo.com.",
)
PHONE_MISSING = LocalizedText("Enter your phone number.", "Escribe tu número de teléfono.")
PHONE_INVALID = LocalizedText(
    "This phone number is not valid. Use 9 to 15 digits, like 600 123 456 or +34 600 123 456.",
    "Este teléfono no es válido. Usa de 9 a 15 cifras, como 600 123 456 o +34 600 123 456.",
)
CONSENT_MISSING = LocalizedText(
    "To join, tick the box to agree to the programme's terms.",
    "Para unirte, marca la casilla y acepta las condiciones del programa.",
)
NAME_MISSING = LocalizedText(
    "Enter your first name, so we can greet you.", "Escribe tu nombre para que podamos saludarte."
)
NAME_TOO_LONG = LocalizedText(
    f"Your first name can have at most {MAX_FIRST_NAME} characters.",
    f"Tu nombre puede tener como máximo {MAX_FIRST_NAME} caracteres.",
)


@dataclass(frozen=True, slots=True)
class EnrolmentRequest:
    """What the backend needs to create a member; personal data, kept in memory only."""

    kind: ContactKind
    contact: str  # normalised: a lower-case email, or a phone as "+" and digits
    first_name: str
    language: str
    consent_version: str
    consent_text: str  # the exact words the shopper saw and agreed to, in their language
    store_id: str
    device_id: str


class EnrolmentOutcome(enum.StrEnum):
    CREATED = "created"
    ALREADY_MEMBER = "already_member"  # the email or phone has an account: the reply names nobody


@dataclass(frozen=True, slots=True)
class EnrolmentResult:
    outcome: EnrolmentOutcome
    customer: Customer | None = None  # the new member (0 points, their card number) when CREATED


def normalise_email(text: str) -> str:
    """The address as the backend stores it (trimmed, lower case), or EnrolmentError.

    >>> normalise_email("  Ana.Lopez@Example.COM ")
    'ana.lopez@example.com'
    """
    email = text.strip().lower()
    if not email:
        raise EnrolmentError(EMAIL_MISSING)
    if len(email) > MAX_EMAIL or not _EMAIL_RE.match(email):
        raise EnrolmentError(EMAIL_INVALID)
    return email


def normalise_phone(text: str, country_code: str = "ES") -> str:
    """"+" and the digits with the country's prefix, or EnrolmentError. A 9-digit number typed without a
    prefix in Spain is Spanish; "00" is the international prefix written out.

    >>> normalise_phone("600 123 456")
    '+34600123456'
    >>> normalise_phone("0044 20 7946 0958")
    '+442079460958'
    """
    raw = text.strip()
    if not raw:
        raise EnrolmentError(PHONE_MISSING)
    if not _PHONE_CHARS_RE.match(raw):
        raise EnrolmentError(PHONE_INVALID)
    digits = "".join(c for c in raw if c.isdigit())
    if raw.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif country_code.upper() == "ES" and len(digits) == 9:
        international = "34" + digits
    else:
        international = digits
    if not PHONE_DIGITS[0] <= len(international) <= PHONE_DIGITS[1] or international.startswith("0"):
        raise EnrolmentError(PHONE_INVALID)
    return "+" + international


def enrolment_request(
    kind: ContactKind,
    contact: str,
    *,
    first_name: str,
    consent: bool,
    language: str,
    store_id: str,
    device_id: str,
    country_code: str = "ES",
) -> EnrolmentRequest:
    """The request to send, or EnrolmentError for the first thing wrong: the contact, the name, then consent.
    The first name is the only other thing asked: the kiosk greets members by it, as on every visit."""
    normalised = normalise_email(contact) if kind is ContactKind.EMAIL else normalise_phone(contact, country_code)
    name = " ".join(first_name.split())
    if not name:
        raise EnrolmentError(NAME_MISSING)
    if len(name) > MAX_FIRST_NAME:
        raise EnrolmentError(NAME_TOO_LONG)
    if not consent:
        raise EnrolmentError(CONSENT_MISSING)
    return EnrolmentRequest(
        kind=kind,
        contact=normalised,
        first_name=name,
        language=language,
        consent_version=CONSENT_VERSION,
        consent_text=CONSENT_TEXT.get(language),
        store_id=store_id,
        device_id=device_id,
    )


def join_url(host: str, store_id: str) -> str:
    """The web shop's sign-up page, for a shopper who would rather finish on the phone; it names the store
    (for the web shop's own figures), never the shopper, so it can be shown and scanned by anyone.

    >>> join_url("shop.example.com", "madrid-gran-via")
    'https://shop.example.com/loyalty/join?store=madrid-gran-via'
    """
    return f"https://{host}/loyalty/join?store={quote(store_id, safe='')}"


def wishlist_url(host: str) -> str:
    """The web shop's wishlist page: the shopper signs in on the phone, so the link carries no identity.

    >>> wishlist_url("shop.example.com")
    'https://shop.example.com/account/wishlist'
    """
    return f"https://{host}/account/wishlist"
