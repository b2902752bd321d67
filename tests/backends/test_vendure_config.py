"""The Vendure config examples in README.md and docs/vendure.md are true: every key they name is accepted,
and the example, pointed at the real test server, runs a kiosk that syncs and finds a shopper."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.server import VendureServer
from kiosk.config import load_config
from kiosk.core.catalog import LocationKind
from kiosk.core.customer import CustomerLookup

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = ["README.md", "docs/vendure.md"]


def vendure_example(document: str) -> str:
    """The one ```toml block of the document that configures kind = "vendure"."""
    blocks = re.findall(r"```toml\n(.*?)```", (REPO / document).read_text(encoding="utf-8"), flags=re.DOTALL)
    found = [block for block in blocks if re.search(r'^kind = "vendure"', block, flags=re.MULTILINE)]
    assert len(found) == 1, f"{document}: {len(found)} Vendure config examples"
    return str(found[0])


def with_values(toml: str, **values: str) -> str:
    """The example with these keys' values replaced; each key must be in the example already."""
    for key, value in values.items():
        toml, count = re.subn(rf'^{key} = "[^"]*"', f"{key} = {json.dumps(value)}", toml, flags=re.MULTILINE)
        assert count == 1, f"the example has no {key}"
    return toml


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_key_of_the_example_is_accepted(document: str, tmp_path: Path) -> None:
    """As written (only the credentials file's path changed): the config parser and the adapter take it."""
    credentials = tmp_path / "vendure-credentials.json"
    credentials.write_text(json.dumps({"api_key": "lookup:secret"}))
    credentials.chmod(0o600)
    config_path = tmp_path / "kiosk.toml"
    config_path.write_text(with_values(vendure_example(document), credentials_file=str(credentials)))
    config = load_config(config_path, env={})
    assert config.backend.kind == "vendure"
    backend = VendureBackend.from_options(config.backend.options)  # raises on any key it does not know
    try:
        assert backend._client.admin_url == "https://shop.example.com/admin-api"
        assert backend._client.shop_url == "https://shop.example.com/shop-api"
        assert backend._client.timeout_s == 5.0
    finally:
        backend.close()


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_example_runs_against_a_real_server(document: str, vendure_server: VendureServer, tmp_path: Path) -> None:
    credentials = tmp_path / "vendure-credentials.json"
    credentials.write_text(json.dumps({"api_key": vendure_server.kiosk_credentials().api_key}))
    credentials.chmod(0o600)
    toml = with_values(
        vendure_example(document),
        admin_url=vendure_server.admin_url,
        shop_url=vendure_server.shop_url,
        credentials_file=str(credentials),
        here_location="Madrid Centro",
    )
    toml = re.sub(r'^channel_token = "[^"]*".*\n', "", toml, flags=re.MULTILINE)  # the test server has one channel
    config_path = tmp_path / "kiosk.toml"
    config_path.write_text(toml)
    backend = VendureBackend.from_options(load_config(config_path, env={}).backend.options)
    try:
        first = backend.catalog_changes(None, 10)
        kinds = {location.name: location.kind for location in first.locations}
        assert kinds["Madrid Centro"] is LocationKind.HERE
        assert kinds["Almacén Central"] is LocationKind.WAREHOUSE
        assert backend.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020329196") is not None
    finally:
        backend.close()


def test_inline_secrets_stay_out_of_the_configs_repr(tmp_path: Path) -> None:
    """A config object in a traceback or a log line must not carry the key or the password along."""
    config_path = tmp_path / "kiosk.toml"
    config_path.write_text(
        '[backend]\nkind = "vendure"\nadmin_url = "https://shop.example.com/admin-api"\n'
        'api_key = "lookup:inline-secret-key"\nusername = "kiosk"\npassword = "inline-secret-password"\n'
    )
    config = load_config(config_path, env={})
    assert config.backend.options["api_key"] == "lookup:inline-secret-key"
    text = repr(config) + str(config)
    assert "inline-secret" not in text
