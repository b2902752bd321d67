"""Staff badges on the NFC reader: UIDs stored as salted scrypt beside the PINs, never matched by a typed PIN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.admin_pin import BADGE_PREFIX, PinOutcome, ScryptParams, StaffPinService, normalise_uid
from kiosk.storage.admin_store import SqlitePinStore
from tests.fakes import FakeClock

FAST = ScryptParams(n=2**10)  # the store keeps each hash's own parameters; tests need no 32 MiB hashes


@pytest.fixture
def service(tmp_path: Path) -> Iterator[StaffPinService]:
    store = SqlitePinStore(tmp_path / "kiosk.db")
    yield StaffPinService(store, FakeClock(), params=FAST)
    store.close()


def test_a_badge_says_whose_it_is_and_other_cards_are_nobodys(service: StaffPinService) -> None:
    service.set_badge("04:a2:24:e2:c3:1d:80", "ana")
    assert service.check_badge("nfc-uid:04A224E2C31D80") == "ana"
    assert service.check_badge("04a224e2c31d80") == "ana"
    assert service.check_badge("nfc-uid:04A224E2C31D81") is None  # a shopper's card
    assert service.check_badge("not a uid") is None


def test_the_store_holds_a_hash_not_the_uid(service: StaffPinService, tmp_path: Path) -> None:
    service.set_badge("04A224E2C31D80", "ana")
    raw = (tmp_path / "kiosk.db").read_bytes() + (tmp_path / "kiosk.db-wal").read_bytes()
    assert b"04A224E2C31D80" not in raw and b"04a224e2c31d80" not in raw
    assert (BADGE_PREFIX + "ana").encode() in raw


def test_a_typed_pin_never_matches_a_badge_and_badge_misses_never_lock_the_pad(service: StaffPinService) -> None:
    service.set_badge("12345678", "ana")  # an all-digit 4-byte UID, typeable on the PIN pad
    assert service.check("12345678").outcome is PinOutcome.NOT_SET  # badges are not PINs
    for _ in range(10):
        assert service.check_badge("nfc-uid:DEADBEEF") is None
    service.set_pin("480913")
    assert service.check("480913").accepted  # ten unknown cards later the pad is not locked


@pytest.mark.parametrize("uid", ["", "04A2", "04A224E2C31D8", "04A224E2C31D80XX", "ZZZZZZZZ"])
def test_a_badge_uid_must_be_4_7_or_10_bytes_of_hex(uid: str) -> None:
    with pytest.raises(ValueError, match=r"^A badge UID is 4, 7 or 10 bytes in hex, like 04A224E2C31D80$"):
        normalise_uid(uid)
