"""Staff PINs: stored as salted scrypt, checked in constant time, locked after five wrong tries (fake clock)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.core.admin_pin import (
    LockoutState,
    PinCheck,
    PinError,
    PinHash,
    PinOutcome,
    ScryptParams,
    StaffAccessPolicy,
    StaffPinService,
)
from kiosk.storage.admin_store import SqlitePinStore
from tests.fakes import FakeClock


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlitePinStore]:
    s = SqlitePinStore(tmp_path / "kiosk.db")
    yield s
    s.close()


def test_a_pin_hash_is_salted_slow_scrypt_and_round_trips() -> None:
    first = PinHash.create("480913")
    second = PinHash.create("480913")
    assert first.salt != second.salt and first.digest != second.digest  # random 16-byte salt each time
    assert len(first.salt) == 16 and len(first.digest) == 32
    assert first.params == ScryptParams(n=2**15, r=8, p=1)
    assert first.digest == hashlib.scrypt(b"480913", salt=first.salt, n=2**15, r=8, p=1, maxmem=2**26, dklen=32)
    encoded = first.encode()
    assert encoded.startswith("scrypt$n=32768,r=8,p=1$") and "480913" not in encoded
    assert PinHash.decode(encoded) == first
    assert first.matches("480913") and not first.matches("480914") and not first.matches("")


def test_a_damaged_stored_hash_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match=r"^Not a stored PIN hash: 'bcrypt\$xx\$y\$'…$"):
        PinHash.decode("bcrypt$xx$y$z")
    with pytest.raises(ValueError, match="Not a stored PIN hash"):
        PinHash.decode("scrypt$n=1,r=8$!!$!!")


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a45", "", " 4809", "٤٨٠٩١٣"])
def test_pin_must_be_4_to_12_ascii_digits(pin: str) -> None:
    with pytest.raises(PinError) as info:
        PinHash.create(pin)
    assert info.value.message.en == "The PIN must be 4 to 12 digits."
    assert info.value.message.es == "El PIN debe tener de 4 a 12 dígitos."


@pytest.mark.parametrize("pin", ["0000", "1234", "987654", "7890", "3210"])
def test_trivial_pins_are_refused(pin: str) -> None:
    with pytest.raises(PinError, match=r"^That PIN is too easy to guess \(one digit repeated or a run like 1234\)\.$"):
        PinHash.create(pin)


def test_the_store_keeps_only_the_hash(store: SqlitePinStore) -> None:
    clock = FakeClock()
    service = StaffPinService(store, clock)
    assert not service.is_set()
    assert service.check("480913") == PinCheck(PinOutcome.NOT_SET)
    assert service.check("480913").message().en == "No staff PIN is set on this kiosk. Set one with: kiosk admin set-pin"
    service.set_pin("480913")
    assert service.is_set()
    store.close()
    for suffix in ("", "-wal"):
        path = Path(str(store.path) + suffix)
        if path.exists():
            assert b"480913" not in path.read_bytes()
    reopened = SqlitePinStore(store.path)
    try:
        assert StaffPinService(reopened, clock).check("480913") == PinCheck(PinOutcome.ACCEPTED, name="admin")
    finally:
        reopened.close()


def test_five_wrong_pins_lock_the_pad_for_five_minutes_even_for_the_right_pin(store: SqlitePinStore) -> None:
    clock = FakeClock()
    service = StaffPinService(store, clock)
    service.set_pin("480913")
    messages = [service.check("111122").message().en for _ in range(4)]
    assert messages == [
        "Wrong PIN. 4 attempts left.",
        "Wrong PIN. 3 attempts left.",
        "Wrong PIN. 2 attempts left.",
        "Wrong PIN. 1 attempt left.",
    ]
    fifth = service.check("111122")
    assert fifth == PinCheck(PinOutcome.LOCKED, retry_in_s=300)
    assert fifth.message().en == "Too many wrong PINs. Try again in 5 minutes."
    assert fifth.message().es == "Demasiados PIN incorrectos. Vuelve a intentarlo en 5 minutos."
    clock.advance(241)
    locked = service.check("480913")  # the right PIN, but still locked
    assert locked.outcome is PinOutcome.LOCKED and locked.retry_in_s == 59
    assert locked.message().en == "Too many wrong PINs. Try again in 1 minute."
    assert store.lockout() == LockoutState(5, clock.now() + timedelta(seconds=59))
    clock.advance(59)
    assert service.check("480913").accepted
    assert store.lockout() == LockoutState()


def test_the_lockout_survives_a_restart(store: SqlitePinStore, tmp_path: Path) -> None:
    clock = FakeClock()
    StaffPinService(store, clock).set_pin("480913")
    for _ in range(5):
        StaffPinService(store, clock).check("000111")
    store.close()
    again = SqlitePinStore(tmp_path / "kiosk.db")
    try:
        assert StaffPinService(again, clock).check("480913").outcome is PinOutcome.LOCKED
    finally:
        again.close()


def test_a_right_pin_resets_the_count_and_wrong_counts_restart_after_a_lockout(store: SqlitePinStore) -> None:
    clock = FakeClock()
    service = StaffPinService(store, clock)
    service.set_pin("480913")
    service.check("000111")
    service.check("000111")
    assert service.check("480913").accepted
    assert service.check("000111").message().en == "Wrong PIN. 4 attempts left."
    for _ in range(4):
        service.check("000111")
    clock.advance(300)
    assert service.check("000111").message().es == "PIN incorrecto. Quedan 4 intentos."


def test_each_associate_can_have_a_pin_and_the_match_says_whose(store: SqlitePinStore) -> None:
    service = StaffPinService(store, FakeClock())
    service.set_pin("480913")
    service.set_pin("270561", name="ana")
    assert service.check("270561") == PinCheck(PinOutcome.ACCEPTED, name="ana")
    assert service.check("480913").name == "admin"
    service.set_pin("553901", name="ana")  # a new PIN replaces the old one
    assert not service.check("270561").accepted
    with pytest.raises(ValueError, match=r"^A PIN needs a name \(e.g. admin or the associate's id\)$"):
        service.set_pin("553901", name=" ")


def test_staff_access_expires_after_fifteen_idle_minutes() -> None:
    policy = StaffAccessPolicy()
    assert not policy.expired(899.9) and policy.expired(900)
    with pytest.raises(ValueError, match="^The staff re-authentication time must be positive$"):
        StaffAccessPolicy(0)
