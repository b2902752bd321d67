"""Choosing the Vendure version: the pinned release, or another on trial (KIOSK_VENDURE_NEXT) in its own folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from kiosk.backends.vendure.server import (
    VendureServer,
    VendureServerError,
    default_project_dir,
    install_folder_name,
    project_hash,
)
from kiosk.backends.vendure.versions import (
    VERSION_ENV,
    VendureVersionError,
    npm_view,
    requested_version,
    retarget,
)

TRIAL = "3.8.0-minor-202609120217"
PACKAGE = {
    "name": "kiosk-vendure-server",
    "private": True,
    "dependencies": {"@vendure/core": "3.7.3", "@vendure/create": "3.7.3", "pg": "8.23.1", "typescript": "5.9.3"},
}
LOCK = {
    "packages": {
        "node_modules/@vendure/common": {"version": "3.7.3"},
        "node_modules/@vendure/core": {"version": "3.7.3"},
        "node_modules/@vendure/create": {"version": "3.7.3"},
    }
}


class FakeRegistry:
    """What `npm view` would answer, from a table: spec -> {field: value}; a spec not in it is an E404."""

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, spec: str, field: str) -> Any:
        self.asked.append(f"{spec} {field}")
        return self.table.get(spec, {}).get(field)


# What the registry held on 2026-12-07: core's 3.8 prerelease, but neither @vendure/create nor the
# @vendure/common that core asks for at that build.
REGISTRY_2026_12 = {
    f"@vendure/core@{TRIAL}": {"version": TRIAL, "dependencies": {"@vendure/common": f"^{TRIAL}", "graphql": "^16.11.0"}},
}


def test_no_request_means_the_pinned_release() -> None:
    assert requested_version({}) is None
    assert requested_version({VERSION_ENV: "  "}) is None
    assert requested_version({VERSION_ENV: TRIAL}) == TRIAL
    assert requested_version({VERSION_ENV: "3.8.1"}) == "3.8.1"


@pytest.mark.parametrize("value", ["^3.8.0", "latest", "3.8", "3.8.x", "v3.8.0", "3.8.0 3.8.1"])
def test_a_range_or_tag_is_refused_with_its_value_named(value: str) -> None:
    with pytest.raises(VendureVersionError) as caught:
        requested_version({VERSION_ENV: value})
    assert str(caught.value) == (
        f"KIOSK_VENDURE_NEXT={value!r} is not an exact Vendure version such as 3.8.0 or 3.8.0-minor-202609120217"
    )


def test_the_prerelease_moves_core_keeps_create_and_overrides_the_missing_common() -> None:
    moved = retarget(PACKAGE, LOCK, TRIAL, FakeRegistry(REGISTRY_2026_12))
    assert moved.package_json["dependencies"] == {
        "@vendure/core": TRIAL,
        "@vendure/create": "3.7.3",
        "pg": "8.23.1",
        "typescript": "5.9.3",
    }
    assert moved.package_json["overrides"] == {"@vendure/common": "3.7.3"}
    assert moved.package_json["name"] == "kiosk-vendure-server"
    assert moved.moved == ("@vendure/core",)
    assert moved.kept == {"@vendure/create": "3.7.3"}
    assert moved.overrides == {"@vendure/common": "3.7.3"}
    assert moved.summary() == (
        f"Vendure {TRIAL} on trial: @vendure/core at {TRIAL}; @vendure/create kept at 3.7.3 (npm has no {TRIAL}); "
        f"@vendure/common overridden to 3.7.3 (npm has nothing matching what {TRIAL} asks for)"
    )
    assert PACKAGE["dependencies"]["@vendure/core"] == "3.7.3"  # the input is not changed


def test_a_whole_release_moves_every_vendure_package_with_no_override() -> None:
    registry = FakeRegistry(
        {
            "@vendure/core@3.8.1": {"version": "3.8.1", "dependencies": {"@vendure/common": "^3.8.1"}},
            "@vendure/create@3.8.1": {"version": "3.8.1", "dependencies": {}},
            "@vendure/common@^3.8.1": {"version": "3.8.1"},
        }
    )
    moved = retarget(PACKAGE, LOCK, "3.8.1", registry)
    assert moved.package_json["dependencies"]["@vendure/core"] == "3.8.1"
    assert moved.package_json["dependencies"]["@vendure/create"] == "3.8.1"
    assert "overrides" not in moved.package_json
    assert moved.kept == {} and moved.overrides == {}
    assert moved.summary() == "Vendure 3.8.1 on trial: @vendure/core, @vendure/create at 3.8.1"
    # graphql and pg are never asked about: only @vendure/* packages are checked
    assert all(line.startswith("@vendure/") for line in registry.asked)


def test_a_version_npm_does_not_have_is_an_error_naming_it() -> None:
    with pytest.raises(VendureVersionError) as caught:
        retarget(PACKAGE, LOCK, "3.9.0", FakeRegistry(REGISTRY_2026_12))
    assert str(caught.value) == (
        "Vendure 3.9.0 is not on the npm registry (npm view @vendure/core@3.9.0 found nothing;"
        " npm view @vendure/core versions lists what is)"
    )


def test_a_missing_dependency_with_nothing_pinned_to_fall_back_to_is_an_error() -> None:
    with pytest.raises(VendureVersionError) as caught:
        retarget(PACKAGE, {"packages": {}}, TRIAL, FakeRegistry(REGISTRY_2026_12))
    assert str(caught.value) == (
        f"@vendure/core@{TRIAL} needs @vendure/common@^{TRIAL}, which is not on the npm registry,"
        " and the pinned lockfile has no @vendure/common to fall back to"
    )


def fake_npm(folder: Path, exit_code: int, stdout: str, stderr: str = "") -> str:
    """An executable that answers like `npm view --json` would (a real process, so npm_view's plumbing runs)."""
    script = folder / "npm"
    script.write_text(
        "#!/bin/sh\n"
        f"cat <<'OUT'\n{stdout}\nOUT\n"
        f"printf '%s' '{stderr}' >&2\n"
        f"exit {exit_code}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_npm_view_reads_a_value_a_range_and_a_404(tmp_path: Path) -> None:
    env = dict(os.environ)
    assert npm_view(fake_npm(tmp_path, 0, '"3.7.3"'), env)("@vendure/core@3.7.3", "version") == "3.7.3"
    assert npm_view(fake_npm(tmp_path, 0, '["3.7.2", "3.7.3"]'), env)("@vendure/core@^3.7.0", "version") == "3.7.3"
    missing = json.dumps({"error": {"code": "E404", "summary": "No match found for version ^3.8.0"}})
    assert npm_view(fake_npm(tmp_path, 1, missing), env)("@vendure/common@^3.8.0", "version") is None


def test_npm_view_never_takes_an_unreachable_registry_for_a_missing_package(tmp_path: Path) -> None:
    offline = json.dumps({"error": {"code": "ENOTFOUND", "summary": "request failed"}})
    view = npm_view(fake_npm(tmp_path, 1, offline, stderr="npm error code ENOTFOUND"), dict(os.environ))
    with pytest.raises(VendureVersionError) as caught:
        view("@vendure/core@3.8.0", "version")
    assert str(caught.value) == "npm view @vendure/core@3.8.0 version failed (exit 1): npm error code ENOTFOUND"


def test_a_trial_installs_into_its_own_folder_and_the_pinned_folder_name_is_unchanged() -> None:
    project = default_project_dir()
    pinned = install_folder_name(project, "20.20.2", None)
    assert pinned == project_hash(project, "20.20.2")  # the same hash as before trial versions existed
    trial = install_folder_name(project, "20.20.2", TRIAL)
    assert trial.startswith(f"next-{TRIAL}-")
    assert trial.removeprefix(f"next-{TRIAL}-") != pinned
    assert install_folder_name(project, "20.20.2", "3.8.1") != trial


def test_the_server_takes_its_version_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(VERSION_ENV, raising=False)
    assert VendureServer(cache_root=tmp_path).vendure_version is None
    monkeypatch.setenv(VERSION_ENV, TRIAL)
    assert VendureServer(cache_root=tmp_path).vendure_version == TRIAL
    monkeypatch.setenv(VERSION_ENV, "latest")
    with pytest.raises(VendureServerError) as caught:
        VendureServer(cache_root=tmp_path)
    assert str(caught.value) == (
        "KIOSK_VENDURE_NEXT='latest' is not an exact Vendure version such as 3.8.0 or 3.8.0-minor-202609120217"
    )


def test_the_running_server_has_the_vendure_it_was_asked_for(vendure_server: VendureServer) -> None:
    """`make test` runs the pinned release; `make test-vendure-next` the version on trial."""
    pinned = json.loads((default_project_dir() / "package.json").read_text(encoding="utf-8"))["dependencies"]
    installed = vendure_server.installed_packages()
    assert installed["@vendure/core"] == (vendure_server.vendure_version or pinned["@vendure/core"])
    if vendure_server.vendure_version is None:
        assert not vendure_server.install_dir.name.startswith("next-")
    else:
        assert vendure_server.install_dir.name.startswith(f"next-{vendure_server.vendure_version}-")
