"""Which Vendure the local server installs: the pinned release, or another version on trial (KIOSK_VENDURE_NEXT).

`vendure/package.json` and its lockfile pin the release the suite and the demo run (main stays on it). To try
the next Vendure before moving to it, `make test-vendure-next VENDURE_NEXT=<version>` sets KIOSK_VENDURE_NEXT:
the launcher then installs that version of every `@vendure/*` package the project names into an install
folder of its own, leaving the pinned install alone. Prereleases are not always published whole (the
3.8.0-minor-… builds of `@vendure/core` ask for a `@vendure/common` of the same build that the npm registry
does not have), so what cannot be had at the requested version is named and kept at the pinned one, never
hidden: the install records it and the test summary prints it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

VERSION_ENV = "KIOSK_VENDURE_NEXT"
SCOPE = "@vendure/"
# A release (3.8.0) or a prerelease (3.8.0-minor-202609120217); npm ranges and tags are refused on purpose:
# the install folder is named after the exact version, so it must mean one build.
_VERSION = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z][0-9A-Za-z.-]*)?")


class VendureVersionError(ValueError):
    """A requested Vendure version that is malformed or that the npm registry cannot supply."""


def requested_version(environ: Mapping[str, str] | None = None) -> str | None:
    """The version KIOSK_VENDURE_NEXT asks for, None when unset or empty (the pinned release then)."""
    value = (os.environ if environ is None else environ).get(VERSION_ENV, "").strip()
    if not value:
        return None
    if not _VERSION.fullmatch(value):
        raise VendureVersionError(
            f"{VERSION_ENV}={value!r} is not an exact Vendure version such as 3.8.0 or 3.8.0-minor-202609120217"
        )
    return value


# `npm view <spec> <field>`: the field's value, or None when the registry has no match for the spec.
RegistryView = Callable[[str, str], Any]


@dataclass(frozen=True, slots=True)
class Retargeted:
    """The server project's package.json moved to another Vendure, and what could not move with it.

    `kept`: direct `@vendure/*` dependencies the registry has no such version of, left at their pinned
    version (e.g. `@vendure/create`, whose sample data is all the seed takes from it). `overrides`: packages
    that the moved ones require at a version the registry does not have, pinned by npm `overrides` to the
    version the pinned lockfile has.
    """

    version: str
    package_json: dict[str, Any]
    moved: tuple[str, ...]
    kept: Mapping[str, str]
    overrides: Mapping[str, str]

    def summary(self) -> str:
        """One line for the log and the test summary."""
        parts = [f"Vendure {self.version} on trial: {', '.join(self.moved)} at {self.version}"]
        parts += [f"{name} kept at {pinned} (npm has no {self.version})" for name, pinned in self.kept.items()]
        parts += [
            f"{name} overridden to {pinned} (npm has nothing matching what {self.version} asks for)"
            for name, pinned in self.overrides.items()
        ]
        return "; ".join(parts)


def retarget(
    package_json: Mapping[str, Any], lockfile: Mapping[str, Any], version: str, view: RegistryView
) -> Retargeted:
    """package.json with every `@vendure/*` dependency at `version` where npm has it.

    `@vendure/core` must exist at `version`: without it there is nothing to try, and that is an error
    naming the version. The transitive `@vendure/*` packages the moved ones require are checked too: a
    range npm cannot satisfy would fail the whole install (ETARGET), so it is pinned to the lockfile's
    version with an `overrides` entry and reported.
    """
    dependencies: dict[str, str] = dict(package_json.get("dependencies", {}))
    vendure = sorted(name for name in dependencies if name.startswith(SCOPE))
    if f"{SCOPE}core" not in vendure:
        raise VendureVersionError("vendure/package.json has no @vendure/core dependency to move")
    moved: list[str] = []
    kept: dict[str, str] = {}
    for name in vendure:
        if view(f"{name}@{version}", "version") is None:
            if name == f"{SCOPE}core":
                raise VendureVersionError(
                    f"Vendure {version} is not on the npm registry (npm view @vendure/core@{version} found nothing;"
                    " npm view @vendure/core versions lists what is)"
                )
            kept[name] = dependencies[name]
            continue
        dependencies[name] = version
        moved.append(name)
    overrides: dict[str, str] = {}
    for name in moved:
        required: Mapping[str, str] = view(f"{name}@{version}", "dependencies") or {}
        for dependency, wanted in sorted(required.items()):
            if not dependency.startswith(SCOPE) or dependency in dependencies or dependency in overrides:
                continue
            if view(f"{dependency}@{wanted}", "version") is not None:
                continue
            pinned = _locked_version(lockfile, dependency)
            if pinned is None:
                raise VendureVersionError(
                    f"{name}@{version} needs {dependency}@{wanted}, which is not on the npm registry,"
                    f" and the pinned lockfile has no {dependency} to fall back to"
                )
            overrides[dependency] = pinned
    result = {key: value for key, value in package_json.items() if key != "overrides"}
    result["dependencies"] = dependencies
    if overrides:
        result["overrides"] = dict(overrides)
    return Retargeted(version, result, tuple(moved), kept, overrides)


def _locked_version(lockfile: Mapping[str, Any], name: str) -> str | None:
    entry = lockfile.get("packages", {}).get(f"node_modules/{name}")
    return str(entry["version"]) if entry and "version" in entry else None


def npm_view(npm: str, env: Mapping[str, str], timeout_s: float = 120.0) -> RegistryView:
    """A RegistryView asking the npm registry through `npm view --json`; E404 (no such version) is None.

    Any other failure (no network, a registry error) raises, so a trial run never mistakes an unreachable
    registry for a missing package.
    """

    def view(spec: str, field: str) -> Any:
        result = subprocess.run(
            [npm, "view", spec, field, "--json"],
            capture_output=True,
            text=True,
            env=dict(env),
            timeout=timeout_s,
            check=False,
        )
        body = _json_or_none(result.stdout)
        if result.returncode == 0:
            # a range matching several versions answers a list; no match at all answers nothing
            if isinstance(body, list):
                return body[-1] if body else None
            return body
        if isinstance(body, dict) and body.get("error", {}).get("code") == "E404":
            return None
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise VendureVersionError(f"npm view {spec} {field} failed (exit {result.returncode}): {' / '.join(tail)}")

    return view


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except json.JSONDecodeError:
        return None
