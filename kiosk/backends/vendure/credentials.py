"""The kiosk's Vendure service-account credentials: read from config or a private file, never printed."""

from __future__ import annotations

import json
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class CredentialsError(ValueError):
    """The credentials are missing, malformed or stored where others can read them."""


@dataclass(frozen=True, slots=True)
class VendureCredentials:
    """Either an Admin API key (preferred: no session to expire) or an administrator's username + password.

    The secrets are excluded from repr() so that a credentials object that ends up in a log line, a
    traceback or an assertion message shows which kind it is and nothing else.
    """

    api_key: str = field(default="", repr=False)
    username: str = ""
    password: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.api_key and not (self.username and self.password):
            raise CredentialsError("Vendure credentials need an api_key, or a username and a password")

    @property
    def kind(self) -> str:
        return "api-key" if self.api_key else "password"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str) -> VendureCredentials:
        """Accepts {api_key} or {username, password}, at the top level or under a `kiosk` table.

        The `kiosk` table is what the local test server's seed writes (next to a `superadmin` table).
        """
        nested = data.get("kiosk")
        if isinstance(nested, Mapping):
            data = nested
        values: dict[str, str] = {}
        for key in ("api_key", "username", "password"):
            value = data.get(key, "")
            if not isinstance(value, str):
                raise CredentialsError(f"{where}: {key} must be a string")
            values[key] = value.strip()
        try:
            return cls(**values)
        except CredentialsError as exc:
            raise CredentialsError(f"{where}: {exc}") from None


def load_credentials_file(path: Path) -> VendureCredentials:
    """Reads a JSON or TOML credentials file that only its owner may read (mode 0600 or stricter).

    A group- or world-readable file is refused before it is opened: a secret that others could already
    read is no longer a secret, and failing loudly is how the operator finds out.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise CredentialsError(f"Vendure credentials file {path} does not exist") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CredentialsError(
            f"Refusing to use Vendure credentials file {path}: its mode is {stat.S_IMODE(mode):04o}, "
            f"so group or others can access it; run: chmod 600 {path}"
        )
    text = path.read_text(encoding="utf-8")
    try:
        data: Any = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError):
        raise CredentialsError(f"Vendure credentials file {path} is not valid {_format(path)}") from None
    if not isinstance(data, Mapping):
        raise CredentialsError(f"Vendure credentials file {path} is not valid {_format(path)}")
    return VendureCredentials.from_mapping(data, str(path))


def _format(path: Path) -> str:
    return "TOML" if path.suffix == ".toml" else "JSON"
