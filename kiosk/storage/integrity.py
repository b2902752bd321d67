"""SQLite integrity of the kiosk's files (`PRAGMA quick_check`), read-only, for `kiosk doctor`."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def quick_check(path: Path) -> list[str]:
    """The problems SQLite finds in `path` (empty: the file is sound); a file that is not a database, or
    cannot be opened, is one problem saying so. Opened read-only: checking never changes the file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems
