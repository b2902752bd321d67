"""Money as Decimal plus currency, so no price is ever a float and no sum mixes currencies."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

_MINOR_UNITS = {"EUR": 2, "USD": 2, "GBP": 2, "JPY": 0, "CHF": 2, "MXN": 2}
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "CHF", "MXN": "MX$"}


def minor_digits(currency: str) -> int:
    """Digits of the currency's minor unit (2 for EUR, 0 for JPY): how backends store integer amounts."""
    return _MINOR_UNITS.get(currency, 2)


class CurrencyMismatchError(ValueError):
    """Raised when two amounts in different currencies are combined."""


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"Money amount must be Decimal, got {type(self.amount).__name__}")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise ValueError(f"Currency must be a three-letter ISO 4217 code, got {self.currency!r}")

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str) -> Money:
        try:
            value = Decimal(amount)
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(f"Not a decimal amount: {amount!r}") from exc
        if not value.is_finite():
            raise ValueError(f"Not a decimal amount: {amount!r}")
        return cls(value, currency)

    @classmethod
    def from_minor(cls, minor: int, currency: str) -> Money:
        """Backends such as Vendure store integer minor units (cents)."""
        digits = _MINOR_UNITS.get(currency, 2)
        return cls(Decimal(minor).scaleb(-digits), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def to_minor(self) -> int:
        digits = _MINOR_UNITS.get(self.currency, 2)
        return int(self.rounded().amount.scaleb(digits))

    def rounded(self) -> Money:
        digits = _MINOR_UNITS.get(self.currency, 2)
        quantum = Decimal(1).scaleb(-digits)
        return Money(self.amount.quantize(quantum, rounding=ROUND_HALF_EVEN), self.currency)

    def _check(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"Cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float):
            raise TypeError("Money cannot be multiplied by a float")
        return Money(self.amount * Decimal(factor), self.currency)

    def __lt__(self, other: Money) -> bool:
        self._check(other)
        return self.amount < other.amount

    def format(self, lang: str = "en") -> str:
        """Shopper-facing text: Spanish puts the symbol after with a comma decimal."""
        value = self.rounded().amount
        digits = _MINOR_UNITS.get(self.currency, 2)
        text = f"{abs(value):,.{digits}f}"
        symbol = _SYMBOLS.get(self.currency, self.currency)
        sign = "-" if value < 0 else ""
        if lang == "es":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
            return f"{sign}{text} {symbol}"
        return f"{sign}{symbol}{text}"
