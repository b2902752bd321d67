"""A customer's personal data on an associate's screen: masked until the associate reveals a field for a
reason chosen from a list, and each reveal recorded (who, whose, which field, why, when; never the value).

An associate needs a customer's orders and points far more often than their address, and a screen in a shop
is seen by others: so the profile opens masked ("a•••@example.com", "••• •• 12") and showing a field is a
deliberate, accountable act. The record is a kiosk event (kiosk.core.events, kind PII_REVEAL), which reaches
the backend through the event queue like every other.
"""

from __future__ import annotations

import enum

from kiosk.core.customer import Address, Customer, mask_card_number
from kiosk.core.i18n import LocalizedText

MASK = "•••"


class PersonalField(enum.StrEnum):
    """What an associate can reveal, one at a time; the value is also the event's `field`."""

    NAME = "name"  # the full name: the first name alone is shown without a reveal
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"  # every saved address at once
    LOYALTY = "loyalty"  # the loyalty card number


FIELD_LABELS: dict[PersonalField, LocalizedText] = {
    PersonalField.NAME: LocalizedText("Full name", "Nombre completo"),
    PersonalField.EMAIL: LocalizedText("Email", "Correo electrónico"),
    PersonalField.PHONE: LocalizedText("Phone", "Teléfono"),
    PersonalField.ADDRESS: LocalizedText("Addresses", "Direcciones"),
    PersonalField.LOYALTY: LocalizedText("Loyalty card", "Tarjeta de fidelidad"),
}

# Why an associate may look; the code is what the event records, the text what the screen shows.
REVEAL_REASONS: tuple[tuple[str, LocalizedText], ...] = (
    ("customer_asked", LocalizedText("The customer asked", "Lo pide el cliente")),
    ("delivery_problem", LocalizedText("Delivery problem", "Problema con la entrega")),
    ("return", LocalizedText("Return", "Devolución")),
    ("verify_identity", LocalizedText("Check it is the customer", "Comprobar que es el cliente")),
)
REVEAL_REASON_CODES = frozenset(code for code, _ in REVEAL_REASONS)


class RevealError(ValueError):
    """A reveal asked for an unknown field or without one of the listed reasons."""


def check_reveal(field: str, reason: str) -> PersonalField:
    """The field to reveal, or RevealError with the words the associate sees."""
    try:
        known = PersonalField(field)
    except ValueError:
        raise RevealError(f"Unknown personal data field {field!r}") from None
    if reason not in REVEAL_REASON_CODES:
        raise RevealError("Choose why you need to see it")
    return known


def mask_email(email: str) -> str:
    """"ana.garcia@example.com" -> "a•••@example.com": the domain helps recognise it, the name stays hidden."""
    local, at, domain = email.strip().partition("@")
    if not at or not local:
        return MASK if email.strip() else ""
    return f"{local[:1]}{MASK}@{domain}"


def mask_phone(phone: str) -> str:
    """"+34 600 123 412" -> "••• •• 12": the last two digits, enough to ask "the one ending in 12?"."""
    digits = [ch for ch in phone if ch.isdigit()]
    if not digits:
        return ""
    return f"{MASK} •• {''.join(digits[-2:])}" if len(digits) > 2 else MASK


def mask_name(first_name: str, last_name: str) -> str:
    """The first name (what the shared kiosk shows anyway) and a mask for the rest."""
    first = first_name.strip()
    if not last_name.strip():
        return first
    return f"{first} {MASK}" if first else MASK


def address_text(address: Address) -> str:
    return f"{address.street}, {address.postal_code} {address.city} ({address.country_code})"


def mask_address(address: Address) -> str:
    """The town and country only: which address it is, not where the customer lives."""
    return f"{MASK}, {address.city} ({address.country_code})"


def full_name(customer: Customer) -> str:
    return f"{customer.first_name} {customer.last_name}".strip()


def field_value(customer: Customer, field: PersonalField, revealed: bool) -> str:
    """What the associate's screen shows for `field`: the value once revealed, its mask before."""
    if field is PersonalField.NAME:
        return full_name(customer) if revealed else mask_name(customer.first_name, customer.last_name)
    if field is PersonalField.EMAIL:
        return customer.email if revealed else mask_email(customer.email)
    if field is PersonalField.PHONE:
        return customer.phone if revealed else mask_phone(customer.phone)
    if field is PersonalField.LOYALTY:
        return customer.loyalty_number if revealed else mask_card_number(customer.loyalty_number)
    show = address_text if revealed else mask_address
    return "\n".join(show(a) for a in customer.addresses)


def has_value(customer: Customer, field: PersonalField) -> bool:
    """Whether there is anything to reveal (a customer without a phone has no phone to show)."""
    if field is PersonalField.ADDRESS:
        return bool(customer.addresses)
    if field is PersonalField.NAME:
        return bool(customer.last_name.strip())
    value = {PersonalField.EMAIL: customer.email, PersonalField.PHONE: customer.phone}.get(field)
    return bool((value if value is not None else customer.loyalty_number).strip())
