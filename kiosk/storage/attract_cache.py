"""The attract loop's last slides from the backend, in a small JSON file beside the kiosk's data, so the loop
shows the store's own content offline and after a restart. No personal data: promotions and products only.

Written atomically (a temporary file renamed over the old one): a power cut leaves the old slides or the new,
never half a file. A file for another store (the kiosk was moved) or one that cannot be read counts as none.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path

from kiosk.core.attract import AttractContent, AttractError, slide_record, slides_from_records

CACHE_FILE = "attract.json"
FORMAT = 1
_log = logging.getLogger(__name__)


class JsonAttractCache:
    def __init__(self, data_dir: Path, store_id: str) -> None:
        self.path = data_dir / CACHE_FILE
        self._store_id = store_id

    def save(self, content: AttractContent) -> None:
        data = {
            "format": FORMAT,
            "store_id": self._store_id,
            "fetched_at": content.fetched_at.isoformat() if content.fetched_at else None,
            "slides": [slide_record(s) for s in content.slides],
        }
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    def load(self) -> AttractContent | None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            _log.warning("attract cache %s unreadable, ignored: %s", self.path, exc)
            return None
        try:
            if raw.get("format") != FORMAT or raw.get("store_id") != self._store_id:
                return None
            fetched = raw.get("fetched_at")
            slides = slides_from_records(list(raw["slides"]))
            return AttractContent(slides, datetime.fromisoformat(fetched) if fetched else None) if slides else None
        except (AttributeError, KeyError, TypeError, ValueError, AttractError) as exc:
            _log.warning("attract cache %s malformed, ignored: %s", self.path, exc)
            return None
