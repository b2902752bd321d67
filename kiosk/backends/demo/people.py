"""The demo store's 50 customers: deterministic loyalty members with cards, app tokens and order history.

Loyalty numbers are 12-digit UPC-A numbers starting with 4 (GS1's range for numbers a company assigns
internally, so they can never collide with a product barcode), with valid check digits: loyalty cards carry
them as UPC-A barcodes. App tokens are 22 URL-safe characters (16 random bytes), as a loyalty app would put
in its QR code.
"""

from __future__ import annotations

import base64
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.backends.demo import vocab
from kiosk.core.customer import Address, Customer, PastOrder
from kiosk.core.money import Money
from kiosk.core.scanning.gtin import check_digit

CUSTOMER_COUNT = 50
# History dates count back from here, not from today, so every generation is identical.
HISTORY_END = date(2026, 11, 1)


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    """A customer plus what only the backend knows: the app token that identifies them."""

    customer: Customer
    app_token: str


@dataclass(frozen=True, slots=True)
class PastItem:
    """A product a customer can have bought: its names and price, taken from the generated catalog."""

    name_en: str
    name_es: str
    price_minor: int


_CITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (  # city, postal-code prefix, streets
    (
        "Madrid",
        "280",
        (
            "Calle de Alcalá",
            "Calle de Fuencarral",
            "Paseo de la Castellana",
            "Calle de Atocha",
            "Calle de Serrano",
            "Calle de Bravo Murillo",
            "Calle de Toledo",
        ),
    ),
    ("Barcelona", "080", ("Carrer de Mallorca", "Carrer d'Aragó", "Carrer de Sants", "Via Augusta")),
    ("Valencia", "460", ("Carrer de Russafa", "Avinguda del Port", "Carrer de Cuba")),
    ("Sevilla", "410", ("Calle Feria", "Avenida de la Constitución", "Calle Betis")),
    ("Bilbao", "480", ("Calle Licenciado Poza", "Gran Vía de Don Diego López de Haro")),
    ("Zaragoza", "500", ("Paseo de la Independencia", "Calle de Delicias")),
    ("Málaga", "290", ("Calle Larios", "Avenida de Andalucía")),
)
_TIERS = ((15_000, "Platinum"), (5_000, "Gold"), (1_500, "Silver"), (0, "Member"))


def loyalty_number(serial: int) -> str:
    """ "4" + 10 digits + the UPC-A check digit: the 12 digits printed under the card's barcode."""
    payload = f"4{serial:010d}"
    return payload + str(check_digit(payload))


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _tier(points: int) -> str:
    return next(name for threshold, name in _TIERS if points >= threshold)


def generate_customers(seed: int, items: Sequence[PastItem]) -> list[DemoCustomer]:
    """Fifty customers; the first is always a Spanish Gold member the demo tray can identify by card."""
    if not items:
        raise ValueError("customers need at least one product for their order history")
    rng = random.Random(f"customers:{seed}")
    out: list[DemoCustomer] = []
    emails: set[str] = set()
    phones: set[str] = set()
    loyalty: set[str] = set()
    for n in range(1, CUSTOMER_COUNT + 1):
        english = n % 5 == 0  # one in five is an English-speaking resident or visitor
        if english:
            first, last = rng.choice(vocab.FIRST_NAMES_EN), rng.choice(vocab.SURNAMES_EN)
        else:
            first = rng.choice(vocab.FIRST_NAMES_ES)
            last = f"{rng.choice(vocab.SURNAMES_ES)} {rng.choice(vocab.SURNAMES_ES)}"
        email = f"{_ascii(first)}.{_ascii(last.split()[0])}@example.com"
        while email in emails:
            email = f"{_ascii(first)}.{_ascii(last.split()[0])}{rng.randint(2, 99)}@example.com"
        emails.add(email)
        phone = f"+34 6{rng.randint(0, 99):02d} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"
        while phone in phones:
            phone = f"+34 6{rng.randint(0, 99):02d} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"
        phones.add(phone)
        number = loyalty_number(rng.randrange(10**10))
        while number in loyalty:
            number = loyalty_number(rng.randrange(10**10))
        loyalty.add(number)
        token = base64.urlsafe_b64encode(rng.randbytes(16)).decode("ascii").rstrip("=")
        points = 8_200 if n == 1 else int(rng.paretovariate(1.2) * 300) - 300
        city, postcode, streets = rng.choice(_CITIES)
        full_name = f"{first} {last}"
        floor = f", {rng.randint(1, 8)}º {rng.choice('ABCD')}" if rng.random() < 0.7 else ""
        addresses = [
            Address(
                full_name,
                f"{rng.choice(streets)} {rng.randint(1, 180)}{floor}",
                city,
                f"{postcode}{rng.randint(1, 50):02d}",
                "ES",
                phone,
            )
        ]
        if rng.random() < 0.2:  # a second address: work, or family
            city2, postcode2, streets2 = rng.choice(_CITIES)
            addresses.append(
                Address(
                    full_name,
                    f"{rng.choice(streets2)} {rng.randint(1, 180)}",
                    city2,
                    f"{postcode2}{rng.randint(1, 50):02d}",
                    "ES",
                    phone,
                )
            )
        history = []
        day = HISTORY_END
        for k in range(rng.choice((0, 1, 2, 2, 3, 4, 5)) if n != 1 else 3):
            day -= timedelta(days=rng.randint(9, 120))
            bought = rng.sample(list(items), min(len(items), rng.randint(1, 3)))
            total = Money.from_minor(sum(i.price_minor for i in bought), "EUR")
            names = tuple(i.name_en if english else i.name_es for i in bought)
            history.append(PastOrder(f"WEB-{seed % 100:02d}{n:02d}{k + 1:03d}", day, total, names))
        out.append(
            DemoCustomer(
                Customer(
                    id=f"c{n:04d}",
                    first_name=first,
                    last_name=last,
                    email=email,
                    loyalty_number=number,
                    points=points,
                    tier=_tier(points),
                    phone=phone,
                    addresses=tuple(addresses),
                    history=tuple(history),
                ),
                token,
            )
        )
    return out
