"""`make package`: the kiosk as a PyInstaller one-dir bundle, smoke-tested outside the venv, in a Debian package.

    python packaging/build.py [--version 0.1.0+store2] [--out build/package] [--skip-smoke]

Steps: compile the translations (.ts -> .qm), run PyInstaller on packaging/kiosk.spec, stamp the bundle with
its version, run the frozen `kiosk` with a clean environment (no venv, no PYTHONPATH: what a store's machine
has) through --help, a GS1 scan, a demo sync, `kiosk doctor` and a screenshot, and only then lay out and build
the .deb with dpkg-deb. Prints the bundle's and the package's sizes. The bundle is called built only once its
smoke test passed (qutebrowser's build_release.py does the same).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(ROOT))

import kiosk  # noqa: E402  (after the path: build.py runs from a checkout, not an install)

DEB_NAME = "endless-aisle-kiosk"
# What the bundle needs from Debian at run time (Qt's own libraries are in the bundle): the compositor, GL/EGL,
# fonts' config, keyboard maps, D-Bus, Wayland client libraries, and PulseAudio (the virtual keyboard links it).
DEPENDS = (
    "adduser, systemd, cage, xwayland, libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, "
    "libdbus-1-3, libwayland-client0, libwayland-cursor0, libwayland-egl1, libpulse0, libglib2.0-0"
)


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def compile_translations(out: Path) -> Path:
    target = out / "i18n"
    target.mkdir(parents=True, exist_ok=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted((ROOT / "resources" / "i18n").glob("kiosk_*.ts")):
        run([str(lrelease), "-silent", str(ts), "-qm", str(target / ts.with_suffix(".qm").name)])
    return target


def build_bundle(out: Path, version: str) -> Path:
    i18n = compile_translations(out)
    env = {**os.environ, "KIOSK_I18N_BUILD": str(i18n)}
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    run(
        [str(pyinstaller), "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", str(out / "dist"),
         "--workpath", str(out / "work"), str(PACKAGING / "kiosk.spec")],
        env=env,
    )  # fmt: skip
    bundle = out / "dist" / "kiosk"
    (bundle / "VERSION").write_text(version + "\n", encoding="utf-8")
    return bundle


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A store machine's environment: no venv, no PYTHONPATH, no display unless given."""
    return {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(home), "LANG": "C.UTF-8", **extra}


def smoke_test(bundle: Path) -> None:
    exe = bundle / "kiosk"
    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as tmp:
        home = Path(tmp)
        config = home / "kiosk.toml"
        config.write_text(
            f'data_dir = "{home / "data"}"\n[backend]\nkind = "demo"\ncatalog_size = 300\n[scanner]\nport = ""\n',
            encoding="utf-8",
        )
        env = clean_env(home, QT_QPA_PLATFORM="offscreen")
        run([str(exe), "--help"], env=env, stdout=subprocess.DEVNULL, cwd=tmp)
        scan = run([str(exe), "scan", "explain", "--config", str(config)], env=env, cwd=tmp, capture_output=True,
                   input="]d2010950600013435210ABC123\n")  # fmt: skip
        if '"kind": "product"' not in scan.stdout and '"gtin"' not in scan.stdout:
            raise SystemExit(f"smoke test: the frozen kiosk did not read a GS1 scan:\n{scan.stdout}{scan.stderr}")
        run([str(exe), "sync", "--config", str(config)], env=env, cwd=tmp, stdout=subprocess.DEVNULL)
        run([str(exe), "doctor", "--config", str(config), "--skip-devices"], env=env, cwd=tmp)
        shots = home / "shots"
        started = time.monotonic()
        run([str(exe), "screenshot", "--out", str(shots), "--lang", "en"], env=env, cwd=tmp, stdout=subprocess.DEVNULL)
        if not (shots / "attract.png").exists() or (shots / "attract.png").stat().st_size < 20_000:
            raise SystemExit("smoke test: the frozen kiosk rendered no attract screen")
        print(f"smoke test: screenshots rendered in {time.monotonic() - started:.1f} s", flush=True)
        smoke_test_catalog_worker(exe, home, env, tmp)


def smoke_test_catalog_worker(exe: Path, home: Path, env: dict[str, str], cwd: str) -> None:
    """The hidden `kiosk catalog-worker` of the bundle (a running kiosk starts it for a big catalog pass):
    a frozen demo store over HTTP, a cache synced from it, then a pass run by the frozen worker to its report."""
    import json

    from kiosk.backends.demo.server import READY_PREFIX
    from kiosk.catalog_worker import CatalogWorkerProcess

    store = subprocess.Popen(
        [str(exe), "demo-store", "serve", "--port", "0", "--catalog-size", "300", "--data-dir", str(home / "store")],
        env=env, cwd=cwd, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert store.stdout is not None
        line = store.stdout.readline()
        if not line.startswith(READY_PREFIX):
            raise SystemExit(f"smoke test: the frozen demo store did not start: {line!r}")
        url = json.loads(line[len(READY_PREFIX) :])["url"]
        smoke_test_demo_data(url)
        config = home / "remote.toml"
        config.write_text(
            f'data_dir = "{home / "remote"}"\n[backend]\nkind = "demo"\nurl = "{url}"\n[scanner]\nport = ""\n',
            encoding="utf-8",
        )
        run([str(exe), "sync", "--config", str(config)], env=env, cwd=cwd, stdout=subprocess.DEVNULL)
        cache = home / "remote" / "catalog.db"
        worker = CatalogWorkerProcess("demo", {"url": url}, cache, command=[str(exe), "catalog-worker"])
        report = worker(lambda _reason: None)
        took = worker.runs[-1]
        print(f"smoke test: the frozen catalog worker ran a pass ({report.pages} page) in {took.seconds:.1f} s"
              f" (start {took.start_s:.2f} s, peak RSS {took.peak_rss_kb / 1024:.0f} MB)", flush=True)  # fmt: skip
    finally:
        store.terminate()
        store.wait(timeout=10)


# The frozen demo store's data files (resources/demo/, bundled by the spec): what each one makes the store answer.
# Member 448016711983 is the generated store's first (seed 42, any size): Gold tier, and VIP by customer_groups.json.
DEMO_MEMBER = "448016711983"


def smoke_test_demo_data(url: str) -> None:
    """The bundle carries the demo store's data: its promotions, recall list, attract loop and customer groups
    come back over HTTP from the frozen store (a missing file is a 422 naming it, or an empty answer)."""
    import httpx

    with httpx.Client(base_url=url + "/v1", timeout=30) as http:
        answers = {
            "promotions.json": http.get("/promotions"),
            "recalls.json": http.get("/recalls"),
            "attract.json": http.get("/attract", params={"store": "madrid-gran-via"}),
            "customer_groups.json": http.post("/customer-lookup", json={"by": "loyalty_number", "value": DEMO_MEMBER}),
        }
    for name, answer in answers.items():
        if answer.status_code != 200:
            raise SystemExit(f"smoke test: the frozen demo store lacks {name}: HTTP {answer.status_code} {answer.text}")
    counts = {name: len(answers[name].json()) for name in ("promotions.json", "recalls.json", "attract.json")}
    groups = sorted(answers["customer_groups.json"].json()["groups"])
    if not all(counts.values()) or groups != ["Gold", "VIP"]:
        raise SystemExit(f"smoke test: the frozen demo store's data is not the checkout's: {counts}, groups {groups}")
    print(f"smoke test: the frozen demo store serves its data files ({counts}, member groups {groups})", flush=True)


def lay_out_deb(bundle: Path, stage: Path, version: str) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    release = stage / "opt" / "kiosk" / "releases" / version
    release.parent.mkdir(parents=True)
    shutil.copytree(bundle, release, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/kiosk/current/kiosk", stage / "usr" / "bin" / "kiosk")
    units = stage / "lib" / "systemd" / "system"
    units.mkdir(parents=True)
    for unit in sorted((PACKAGING / "systemd").iterdir()):
        shutil.copy2(unit, units / unit.name)
    (stage / "etc" / "kiosk").mkdir(parents=True)
    shutil.copy2(PACKAGING / "kiosk.toml", stage / "etc" / "kiosk" / "kiosk.toml")
    rules = stage / "lib" / "udev" / "rules.d"
    rules.mkdir(parents=True)
    shutil.copy2(ROOT / "hardware" / "udev" / "99-kiosk-devices.rules", rules / "99-kiosk-devices.rules")
    debian = stage / "DEBIAN"
    debian.mkdir()
    size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (debian / "control").write_text(
        f"Package: {DEB_NAME}\nVersion: {version}\nArchitecture: amd64\nMaintainer: Endless-aisle kiosk developers"
        f" <dev@kiosk.invalid>\nInstalled-Size: {size_kb}\nDepends: {DEPENDS}\nSection: misc\nPriority: optional\n"
        "Description: Endless-aisle store kiosk (Qt Quick), full screen under cage\n"
        " Scan, find and order the whole online catalog from a store kiosk, offline-first. Runs as the kiosk\n"
        " user under the cage Wayland compositor on tty1, with a systemd watchdog, idle-only updates and a\n"
        " heartbeat to the backend.\n",
        encoding="utf-8",
    )
    (debian / "conffiles").write_text("/etc/kiosk/kiosk.toml\n", encoding="utf-8")
    for script in ("postinst", "prerm", "postrm"):
        target = debian / script
        target.write_text((PACKAGING / "debian" / script).read_text(encoding="utf-8").replace("@VERSION@", version))
        target.chmod(0o755)


def build_deb(stage: Path, out: Path, version: str) -> Path:
    deb = out / f"{DEB_NAME}_{version}_amd64.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(stage), str(deb)], stdout=subprocess.DEVNULL)
    return deb


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", default=os.environ.get("KIOSK_VERSION") or kiosk.__version__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "package")
    parser.add_argument("--skip-smoke", action="store_true", help="for a second build in the same run only")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    bundle = build_bundle(out, args.version)
    if not args.skip_smoke:
        smoke_test(bundle)
    stage = out / "deb-root"
    lay_out_deb(bundle, stage, args.version)
    deb = build_deb(stage, out, args.version)
    print(f"bundle   {bundle}  {folder_mb(bundle):.0f} MB")
    print(f"package  {deb}  {deb.stat().st_size / 2**20:.0f} MB")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
