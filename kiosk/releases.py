"""The kiosk's installed releases side by side: /opt/kiosk/releases/<version>/, `current` and `previous` links.

A new version is unpacked next to the running one (never over it), so switching is one atomic rename of the
`current` symlink and rolling back is the same rename pointing back; the previous release is kept for that,
older ones are pruned. A release that failed its health check is marked, so the update timer does not try
it again every 15 minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FAILED_MARK = ".failed"


class ReleaseError(Exception):
    """A package or bundle that cannot be staged; the message says why."""


class Releases:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / "releases"

    def _link(self, name: str) -> Path:
        return self.root / name

    def version_of(self, name: str) -> str | None:
        """The version `current` or `previous` points at, or None."""
        link = self._link(name)
        try:
            return Path(os.readlink(link)).name
        except OSError:
            return None

    def path(self, version: str) -> Path:
        return self.dir / version

    def failed(self, version: str) -> bool:
        return (self.path(version) / FAILED_MARK).exists()

    def mark_failed(self, version: str, reason: str) -> None:
        (self.path(version) / FAILED_MARK).write_text(reason + "\n", encoding="utf-8")

    def stage(self, package: Path) -> str:
        """Unpacks a .deb built by packaging/build.py (or copies a bundle folder) into releases/<version>;
        returns the version. Staging an already staged version is a no-op."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if not package.exists():
            raise ReleaseError(f"{package} does not exist")
        with tempfile.TemporaryDirectory(prefix=".staging-", dir=self.dir) as tmp:
            work = Path(tmp)
            if package.is_dir():
                bundle = package
            elif package.suffix == ".deb":
                try:
                    subprocess.run(["dpkg-deb", "-x", str(package), str(work)], check=True, capture_output=True)
                except (OSError, subprocess.CalledProcessError) as exc:
                    raise ReleaseError(f"{package} is not a readable Debian package: {exc}") from None
                found = sorted((work / "opt" / "kiosk" / "releases").glob("*"))
                if len(found) != 1:
                    raise ReleaseError(f"{package} holds no kiosk release (opt/kiosk/releases/<version>/)")
                bundle = found[0]
            else:
                raise ReleaseError(f"{package} is neither a .deb nor a bundle folder")
            version = self._bundle_version(bundle, package)
            target = self.path(version)
            if target.exists():
                return version
            if package.is_dir():
                shutil.copytree(bundle, work / "bundle", symlinks=True)
                bundle = work / "bundle"
            bundle.rename(target)  # same file system: the release appears whole or not at all
        return version

    @staticmethod
    def _bundle_version(bundle: Path, package: Path) -> str:
        executable = bundle / "kiosk"
        if not (executable.is_file() and os.access(executable, os.X_OK)):
            raise ReleaseError(f"{package} has no kiosk executable")
        try:
            version = (bundle / "VERSION").read_text(encoding="utf-8").strip()
        except OSError:
            raise ReleaseError(f"{package} has no VERSION file") from None
        if not version or "/" in version or version.startswith("."):
            raise ReleaseError(f"{package} has an unusable VERSION {version!r}")
        return version

    def switch(self, version: str) -> str | None:
        """`current` -> releases/<version>, `previous` -> what was current; returns that previous version."""
        if not self.path(version).is_dir():
            raise ReleaseError(f"release {version} is not staged")
        old = self.version_of("current")
        if old is not None and old != version:
            self._point("previous", old)
        self._point("current", version)
        return old

    def _point(self, name: str, version: str) -> None:
        link = self._link(name)
        temporary = self._link(f".{name}.new")
        temporary.unlink(missing_ok=True)
        os.symlink(Path("releases") / version, temporary)
        os.replace(temporary, link)  # atomic: a reader sees the old link or the new one

    def prune(self) -> list[str]:
        """Removes every release but `current` and `previous`; returns the versions removed."""
        keep = {self.version_of("current"), self.version_of("previous")}
        removed = []
        for release in sorted(self.dir.iterdir()) if self.dir.exists() else []:
            if release.name.startswith(".") or release.name in keep:
                continue
            shutil.rmtree(release)
            removed.append(release.name)
        return removed
