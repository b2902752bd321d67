"""Writes tests/fixtures/caches/kiosk-<version>.db with the checkout's own storage code: a release's kiosk.db as
that release leaves it (two orders waiting, one rejected, a staff PIN), for the migration test of the next
release. Run it on the released commit before changing kiosk.db's schema:

    .venv/bin/python tools/make_cache_fixture.py
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kiosk
from kiosk.core.admin_pin import StaffPinService
from kiosk.storage.admin_store import SqlitePinStore
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeClock
from tests.fixtures.vendure import sample_order


def main() -> int:
    target = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "caches" / f"kiosk-{kiosk.__version__}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    clock = FakeClock(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    outbox = SqliteOrderOutbox(target, clock)
    for number in ("K-0101", "K-0102", "K-0103"):
        outbox.save(sample_order(client_order_id=f"00000000-0000-4000-8000-00000000{number[-4:]}", number=number))
    outbox.mark_rejected("00000000-0000-4000-8000-000000000103", "Vendure refused the order: variant 1 is gone")
    outbox.checkpoint()
    outbox.close()
    pins = SqlitePinStore(target)
    StaffPinService(pins, clock).set_pin("482915", "maria")
    pins.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
