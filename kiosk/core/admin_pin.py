"""Staff PINs: a slow salted scrypt hash, a constant-time check, and a lockout after five wrong tries.

The PIN guards leaving kiosk mode and the dead-letter orders. A 4-12 digit PIN has little entropy, so the
hash is deliberately slow (scrypt, 32 MiB) and online guessing is capped by a persisted lockout: restarting
the kiosk does not reset the count. Pure: hashlib/hmac/secrets only, no I/O; the store is a port.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import itertools
import math
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from kiosk.core.i18n import LocalizedText
from kiosk.core.ports import Clock

MIN_DIGITS = 4
MAX_DIGITS = 12
MAX_FAILURES = 5
LOCKOUT_S = 300.0

PIN_FORMAT = LocalizedText("The PIN must be 4 to 12 digits.", "El PIN debe tener de 4 a 12 dígitos.")
PIN_TOO_SIMPLE = LocalizedText(
    "That PIN is too easy to guess (one digit repeated or a run like 1234).",
    "Ese PIN es demasiado fácil de adivinar (un dígito repetido o una serie como 1234).",
)
BADGE_PREFIX = "badge:"  # stored beside the PINs, under "badge:<associate>"; never matched by a typed PIN
BADGE_FORMAT = "A badge UID is 4, 7 or 10 bytes in hex, like 04A224E2C31D80"
PIN_NOT_SET = LocalizedText(
    "No staff PIN is set on this kiosk. Set one with: kiosk admin set-pin",
    "Este quiosco no tiene PIN de personal. Configúralo con: kiosk admin set-pin",
)


class PinError(ValueError):
    """A PIN that may not be stored; `message` is shown to the person setting it."""

    def __init__(self, message: LocalizedText) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """N=2^15, r=8 costs 32 MiB and ~0.13 s per check here: slow for a thief, fine for a person."""

    n: int = 2**15
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        return 128 * self.r * self.n * 2  # scrypt needs 128*r*N bytes; leave room for its bookkeeping


@dataclass(frozen=True, slots=True)
class PinHash:
    """What is stored instead of the PIN: algorithm parameters, a random salt and the derived key."""

    salt: bytes
    digest: bytes
    params: ScryptParams = ScryptParams()

    @classmethod
    def create(cls, pin: str, params: ScryptParams | None = None, salt: bytes | None = None) -> PinHash:
        validate_pin(pin)
        params = params or ScryptParams()
        salt = salt if salt is not None else secrets.token_bytes(16)
        return cls(salt, _derive(pin, salt, params), params)

    @classmethod
    def create_for_badge(cls, uid: str, params: ScryptParams | None = None) -> PinHash:
        """A staff badge's UID, hashed like a PIN so kiosk.db never lists which cards open staff screens."""
        params = params or ScryptParams()
        salt = secrets.token_bytes(16)
        return cls(salt, _derive(uid, salt, params), params)

    def matches(self, pin: str) -> bool:
        """Compares in constant time, so timing tells an attacker nothing about how close a guess was."""
        return hmac.compare_digest(_derive(pin, self.salt, self.params), self.digest)

    def encode(self) -> str:
        b64 = base64.b64encode
        p = self.params
        return f"scrypt$n={p.n},r={p.r},p={p.p}${b64(self.salt).decode()}${b64(self.digest).decode()}"

    @classmethod
    def decode(cls, text: str) -> PinHash:
        try:
            algorithm, params, salt, digest = text.split("$")
            if algorithm != "scrypt":
                raise ValueError(algorithm)
            values = dict(item.split("=") for item in params.split(","))
            return cls(
                base64.b64decode(salt, validate=True),
                base64.b64decode(digest, validate=True),
                ScryptParams(int(values["n"]), int(values["r"]), int(values["p"])),
            )
        except (ValueError, KeyError) as exc:
            raise ValueError(f"Not a stored PIN hash: {text[:12]!r}…") from exc


def _derive(pin: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=params.n, r=params.r, p=params.p, maxmem=params.maxmem, dklen=32
    )


def validate_pin(pin: str) -> None:
    if not (MIN_DIGITS <= len(pin) <= MAX_DIGITS and pin.isascii() and pin.isdigit()):
        raise PinError(PIN_FORMAT)
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({0}, {1}, {9}):
        raise PinError(PIN_TOO_SIMPLE)


@dataclass(frozen=True, slots=True)
class LockoutState:
    failures: int = 0
    locked_until: datetime | None = None


class PinStore(Protocol):
    """Where PIN hashes and the failure count live (kiosk.db); never a PIN in clear."""

    def pins(self) -> Mapping[str, PinHash]: ...

    def set_pin(self, name: str, pin: PinHash, at: datetime) -> None: ...

    def lockout(self) -> LockoutState: ...

    def set_lockout(self, state: LockoutState) -> None: ...


class PinOutcome(enum.StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True, slots=True)
class PinCheck:
    outcome: PinOutcome
    name: str = ""  # whose PIN matched, when accepted
    attempts_left: int = 0
    retry_in_s: int = 0

    @property
    def accepted(self) -> bool:
        return self.outcome is PinOutcome.ACCEPTED

    def message(self) -> LocalizedText:
        """What the PIN pad says; empty when accepted."""
        if self.outcome is PinOutcome.WRONG:
            if self.attempts_left == 1:
                return LocalizedText("Wrong PIN. 1 attempt left.", "PIN incorrecto. Queda 1 intento.")
            n = self.attempts_left
            return LocalizedText(f"Wrong PIN. {n} attempts left.", f"PIN incorrecto. Quedan {n} intentos.")
        if self.outcome is PinOutcome.LOCKED:
            minutes = max(1, math.ceil(self.retry_in_s / 60))
            if minutes == 1:
                return LocalizedText(
                    "Too many wrong PINs. Try again in 1 minute.",
                    "Demasiados PIN incorrectos. Vuelve a intentarlo en 1 minuto.",
                )
            return LocalizedText(
                f"Too many wrong PINs. Try again in {minutes} minutes.",
                f"Demasiados PIN incorrectos. Vuelve a intentarlo en {minutes} minutos.",
            )
        if self.outcome is PinOutcome.NOT_SET:
            return PIN_NOT_SET
        return LocalizedText("")


class StaffPinService:
    """Sets and checks staff PINs. Any stored PIN may unlock (one per associate is fine); the lockout is per
    kiosk, since a PIN pad does not know who is typing."""

    def __init__(
        self,
        store: PinStore,
        clock: Clock,
        *,
        max_failures: int = MAX_FAILURES,
        lockout_s: float = LOCKOUT_S,
        params: ScryptParams | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._max_failures = max_failures
        self._lockout = timedelta(seconds=lockout_s)
        self._params = params or ScryptParams()

    def set_pin(self, pin: str, name: str = "admin") -> None:
        name = name.strip()
        if not name:
            raise ValueError("A PIN needs a name (e.g. admin or the associate's id)")
        self._store.set_pin(name, PinHash.create(pin, self._params), self._clock.now())

    def is_set(self) -> bool:
        return bool(self._store.pins())

    def check(self, pin: str) -> PinCheck:
        now = self._clock.now()
        stored_state = state = self._store.lockout()
        if state.locked_until is not None:
            if now < state.locked_until:
                # While locked even the right PIN is not tried, so guessing gains nothing.
                return PinCheck(PinOutcome.LOCKED, retry_in_s=math.ceil((state.locked_until - now).total_seconds()))
            state = LockoutState()
        pins = {name: pin_hash for name, pin_hash in self._store.pins().items() if not name.startswith(BADGE_PREFIX)}
        if not pins:
            return PinCheck(PinOutcome.NOT_SET)
        matched = ""
        for name, stored in sorted(pins.items()):
            if stored.matches(pin) and not matched:  # every hash is computed: timing does not reveal which
                matched = name
        if matched:
            if stored_state != LockoutState():
                self._store.set_lockout(LockoutState())
            return PinCheck(PinOutcome.ACCEPTED, name=matched)
        failures = state.failures + 1
        if failures >= self._max_failures:
            self._store.set_lockout(LockoutState(failures, now + self._lockout))
            return PinCheck(PinOutcome.LOCKED, retry_in_s=math.ceil(self._lockout.total_seconds()))
        self._store.set_lockout(LockoutState(failures, None))
        return PinCheck(PinOutcome.WRONG, attempts_left=self._max_failures - failures)


    # --- badges on the NFC reader ------------------------------------------------------------------
    def set_badge(self, uid: str, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("A badge needs the associate's name or id")
        badge = PinHash.create_for_badge(normalise_uid(uid), self._params)
        self._store.set_pin(BADGE_PREFIX + name, badge, self._clock.now())

    def check_badge(self, uid: str) -> str | None:
        """The associate whose badge this is, or None (most NFC cards are shoppers'). A miss is not a wrong
        PIN: it neither counts towards the lockout nor is refused while the pad is locked, since a tag must
        be physically presented and shoppers tap their own cards all day."""
        try:
            key = normalise_uid(uid)
        except ValueError:
            return None
        matched = None
        for name, stored in sorted(self._store.pins().items()):
            if name.startswith(BADGE_PREFIX) and stored.matches(key) and matched is None:
                matched = name[len(BADGE_PREFIX) :]
        return matched


def normalise_uid(uid: str) -> str:
    """"04:a2:24..." / "nfc-uid:04A224..." / "04a224..." -> "04A224E2C31D80"; ValueError if not a UID."""
    text = uid.strip()
    if text.lower().startswith("nfc-uid:"):
        text = text[len("nfc-uid:") :]
    text = text.replace(":", "").replace(" ", "").upper()
    if len(text) not in (8, 14, 20) or any(ch not in "0123456789ABCDEF" for ch in text):
        raise ValueError(BADGE_FORMAT)
    return text


@dataclass(frozen=True, slots=True)
class StaffAccessPolicy:
    """How long a staff unlock lasts without input: an associate's tablet asks again after 15 minutes idle;
    the kiosk's admin menu, on a public screen, closes after the shopper idle timeout."""

    reauth_after_idle_s: float = 900.0

    def __post_init__(self) -> None:
        if self.reauth_after_idle_s <= 0:
            raise ValueError("The staff re-authentication time must be positive")

    def expired(self, idle_for_s: float) -> bool:
        return idle_for_s >= self.reauth_after_idle_s
