"""Fixtures for the fault tests: the session's real Vendure, seen as a harness Target."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from kiosk.backends.vendure.server import VendureServer
from tests.faults.harness import Target
from tests.fixtures.vendure import VendureAdmin


def target_for(server: VendureServer, admin: VendureAdmin) -> Target:
    admin_url, shop_url = urlsplit(server.admin_url), urlsplit(server.shop_url)
    api_key = server.kiosk_credentials().api_key
    assert admin_url.hostname == "127.0.0.1" and admin_url.port and api_key
    return Target(admin_url.hostname, admin_url.port, admin_url.path, shop_url.path, api_key, admin.query)


@pytest.fixture(scope="session")
def fault_target(vendure_server: VendureServer, vendure_admin: VendureAdmin) -> Target:
    return target_for(vendure_server, vendure_admin)


# Figures the fault tests record, printed at the end of the session even when output is captured.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "fault harness figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
