"""`kiosk bench`: the endless-aisle figures at a catalog size, measured through the real paths.

What it does, in order (see docs/performance.md for the figures and the machine):
1. the demo store for (seed 42, size) is generated once into the cache folder and reused;
2. full import: a fresh catalog.db filled through the normal sync path (CatalogSync -> SqliteCatalogStore):
   the demo store's catalog export, then pages since (`--import-path pages`: page by page, as from Vendure);
3. delta: 1% of the products change in the demo store, then one more sync;
4. engine timings without UI: the kiosk's own lookups/searches beside the backend's own API (the demo
   backend's LIKE search; Vendure's search too when asked), so the ratio shows in one run;
5. the kiosk itself in a child process, offscreen: cold start to the first interactive frame, scans written
   to a pty and read by the real SerialScanner, keystrokes into the real search field, taps on "add to cart",
   each timed to the first frame swapped after the change; then the process's resident memory, and last the
   same searches typed as hardware keys (Qt's test library, which the memory figure does not include);
6. the running kiosk all day (kiosk.commands.bench_live, a second kiosk process): freshness of a backend
   change on screen, the idle poll's requests and bytes, a 10k-change batch's GUI stall, and a soak's RSS.
Nothing here asserts a threshold: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import json
import math
import os
import platform
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import platformdirs

TARGETS = {
    "cold_start_ms": 1500,
    "scan_p95_ms": 50,
    "search_p95_ms": 50,
    "add_to_cart_ms": 20,
    "speech_focus_ms": 300,
    "import_skus_per_s": 100_000,
    "delta_s": 5,
    "rss_mb": 250,  # the kiosk process at the end, its backend out of process (issue 14)
}
_RESULT_PREFIX = "BENCH-RESULT "
_WORD = re.compile(r"[^\W\d_]{3,}")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("bench", help="measure import, scan, search, cart, start-up and memory")
    parser.add_argument("--catalog-size", type=int, default=1_000_000, help="demo catalog size (SKUs above 2000)")
    parser.add_argument("--data-dir", type=Path, help="cache folder, reused between runs (default: user cache)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--samples", type=int, default=40, help="scans, taps and search words to time")
    parser.add_argument(
        "--reuse-cache", action="store_true", help="keep the last run's catalog.db: no import or delta figures"
    )
    parser.add_argument(
        "--import-path",
        choices=("snapshot", "pages"),
        default="snapshot",
        help="first import from the demo store's catalog export (default) or page by page, as from Vendure",
    )
    parser.add_argument(
        "--store",
        choices=("process", "in-process"),
        default="process",
        help="the demo store in its own process over HTTP (default, as a shop runs its backend) or inside the"
        " kiosk (the RSS figure then includes the store's)",
    )
    live = parser.add_argument_group("the running kiosk all day (issue 15; the demo store in its own process)")
    live.add_argument("--freshness-samples", type=int, default=30, help="changes timed to the screen at a 1 s refresh")
    live.add_argument(
        "--default-interval-samples",
        type=int,
        default=4,
        help="changes also timed for real at the default 30 s refresh (each waits up to 30 s; 0: the model only)",
    )
    live.add_argument(
        "--default-interval-s", type=float, default=30, help="the refresh interval modelled and timed as the default"
    )
    live.add_argument("--batch-changes", type=int, default=10_000, help="products changed at once while the UI runs")
    live.add_argument("--soak-s", type=float, default=120, help="seconds of the soak (the store changing all along)")
    live.add_argument("--soak-interval-s", type=float, default=1, help="the kiosk's refresh interval in the soak")
    live.add_argument("--soak-change-s", type=float, default=1, help="seconds between the store's changes in the soak")
    live.add_argument(
        "--passes-in-process",
        action="store_true",
        help="every refresher pass on the kiosk's writer thread, as before catch-up passes (no worker process):"
        " the figures to compare with",
    )
    live.add_argument("--no-live", action="store_true", help="skip the live figures")
    live.add_argument(
        "--live-only", action="store_true", help="only the live figures (no import, engine or UI timings): make soak"
    )
    parser.add_argument(
        "--vendure",
        action="store_true",
        help="also time Vendure's own search, and (without --config) the catalog path from Vendure on "
        "PostgreSQL: first import, quiet journal poll, 1%% change set",
    )
    parser.add_argument(
        "--vendure-variants", type=int, default=100_000, help="with --vendure: variants to seed (default 100000)"
    )
    parser.add_argument(
        "--vendure-only", action="store_true", help="only the Vendure catalog bench (implies --vendure)"
    )
    parser.add_argument("--config", type=Path, help="with --vendure: a config whose [backend] names the server")
    parser.set_defaults(func=_bench)


# ---- statistics ---------------------------------------------------------------------------------------


def percentiles(values_ms: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99 by nearest rank, plus the count, rounded for printing."""
    if not values_ms:
        return {"n": 0}
    ordered = sorted(values_ms)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]

    return {"n": len(ordered), "p50": round(rank(50), 2), "p95": round(rank(95), 2), "p99": round(rank(99), 2)}


def _timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def prefix_class(prefix: str) -> str:
    """How the issue groups search keystrokes: 1, 2, 3 characters, a longer word, or several words."""
    words = prefix.split()
    if len(words) > 1:
        return "multi_word"
    return {1: "1_char", 2: "2_chars", 3: "3_chars"}.get(len(prefix.strip()), "4plus_chars")


def keystroke_prefixes(queries: Sequence[str]) -> list[str]:
    """Every prefix a shopper types on the way to each query (trailing spaces excluded)."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1) if not q[:i].endswith(" ")]


# ---- the parent: data, import, engine timings, then the UI child ---------------------------------------


def _bench(args: argparse.Namespace) -> int:
    if args.catalog_size < 1:
        raise SystemExit("--catalog-size must be a positive number")
    if args.vendure_variants < 1:
        raise SystemExit("--vendure-variants must be a positive number")
    plan = _live_plan(args)
    if args.vendure_only:
        return _vendure_catalog(args, {}, plan)
    data_dir: Path = args.data_dir or Path(platformdirs.user_cache_dir("endless-aisle-kiosk")) / (
        f"bench-{args.catalog_size}"
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    from kiosk.commands.bench_live import print_live_report

    if plan is not None and args.store != "process":
        raise SystemExit("the live figures need the demo store in its own process (--store process or --no-live)")
    if args.live_only:
        results = measure_live_only(data_dir, args.catalog_size, plan)
        print_machine(results)
        print_live_report(results["live"])
        ok = bool(results["live"].get("ok"))
    else:
        results = measure(
            data_dir,
            args.catalog_size,
            max(5, args.samples),
            args.vendure,
            args.config,
            reuse_cache=args.reuse_cache,
            import_path=args.import_path,
            store=args.store,
            live=plan,
        )
        print_report(results)
        if "live" in results:
            print_live_report(results["live"])
        ok = bool(results.get("ui", {}).get("ok")) and bool(results.get("live", {"ok": True}).get("ok"))
    if args.vendure and args.config is None:
        return max(_vendure_catalog(args, results, plan), 0 if ok else 1)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0 if ok else 1


def _live_plan(args: argparse.Namespace) -> Any:
    """The live figures' LivePlan from the options (None with --no-live), checked."""
    from kiosk.commands.bench_live import LivePlan

    if args.no_live:
        if args.live_only:
            raise SystemExit("--live-only and --no-live exclude each other")
        return None
    for name in ("freshness_samples", "default_interval_samples", "batch_changes"):
        if getattr(args, name) < 0:
            raise SystemExit(f"--{name.replace('_', '-')} must not be negative")
    if not 1 <= args.default_interval_s <= 3600:
        raise SystemExit("--default-interval-s must be from 1 to 3600")
    if args.soak_s < 0 or not 1 <= args.soak_interval_s <= 3600 or args.soak_change_s <= 0:
        raise SystemExit("--soak-s must not be negative, --soak-interval-s from 1 to 3600, --soak-change-s positive")
    return LivePlan(
        freshness_samples=args.freshness_samples,
        default_interval_samples=args.default_interval_samples,
        default_interval_s=args.default_interval_s,
        batch_changes=args.batch_changes,
        soak_s=args.soak_s,
        soak_interval_s=args.soak_interval_s,
        soak_change_s=args.soak_change_s,
        catalog_worker=not args.passes_in_process,
    )


def _vendure_catalog(args: argparse.Namespace, results: dict[str, Any], plan: Any) -> int:
    """The Vendure bench (kiosk.commands.vendure_bench): the catalog path (not with --live-only) and the live
    figures (not with --no-live) against a seeded server; its figures join the JSON as `vendure`."""
    from kiosk.commands import vendure_bench
    from kiosk.commands.bench_live import print_live_report

    figures = vendure_bench.run(
        args.vendure_variants, report=lambda message: print(message, flush=True), live=plan,
        catalog=not args.live_only,
    )  # fmt: skip
    vendure_bench.print_figures(figures)
    if "live" in figures:
        print_live_report(figures["live"])
    results = {**results, "vendure": figures, "machine": results.get("machine") or machine()}
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0 if figures.get("live", {"ok": True}).get("ok") else 1


def _config(data_dir: Path, catalog_size: int, store_url: str | None = None) -> Any:
    """The kiosk's config for the bench: the demo backend at this size, served from `store_url` if given."""
    from kiosk.config import load_config

    env = {"KIOSK_DATA_DIR": str(data_dir), "KIOSK_LANGUAGE": "en", "KIOSK_BACKEND": "demo"}
    env["KIOSK_SPEECH_ENGINE"] = "mock"  # issue 17: focus-to-speech is timed on Qt's mock engine
    config = load_config(None, env)
    options = {"url": store_url} if store_url else {}
    backend = dataclasses.replace(config.backend, catalog_size=catalog_size, options=options)
    return dataclasses.replace(config, backend=backend)


class StoreProcess:
    """`kiosk demo-store serve` as a child process on a free loopback port, for the length of a bench."""

    def __init__(self, data_dir: Path, catalog_size: int, timeout_s: float = 1800) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli", "demo-store", "serve", "--port", "0",
             "--catalog-size", str(catalog_size), "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        from kiosk.backends.demo.server import READY_PREFIX

        assert self.proc.stdout is not None
        # generation at 1M SKUs takes a minute or two the first time: the ready line comes after it
        for line in self.proc.stdout:
            if line.startswith(READY_PREFIX):
                self.ready: dict[str, Any] = json.loads(line[len(READY_PREFIX) :])
                return
        code = self.proc.wait(timeout=timeout_s)
        raise SystemExit(f"kiosk bench: the demo store process exited with {code} before it was ready")

    @property
    def url(self) -> str:
        return str(self.ready["url"])

    def memory(self) -> dict[str, float]:
        try:
            return rss_split(Path(f"/proc/{self.proc.pid}/status").read_text())
        except OSError:
            return {}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def rss_split(status: str) -> dict[str, float]:
    """A process's resident memory from /proc/<pid>/status, in MB: the total, then apart what is its own
    (anonymous: heaps, Python objects, SQLite's page cache), what maps files (file-backed: shared libraries
    such as Qt's, fonts, mmapped files; the kernel can drop and re-read these) and shared memory; and the peak."""
    return {
        key: round(_status_kb(status, field) / 1024, 1)
        for key, field in (
            ("total_mb", "VmRSS"),
            ("anon_mb", "RssAnon"),
            ("file_mb", "RssFile"),
            ("shmem_mb", "RssShmem"),
            ("peak_mb", "VmHWM"),
        )
    }


def measure(
    data_dir: Path,
    catalog_size: int,
    samples: int,
    vendure: bool,
    vendure_config: Path | None,
    *,
    reuse_cache: bool = False,
    import_path: str = "snapshot",
    store: str = "process",
    live: Any = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"machine": machine(), "catalog_size": catalog_size, "data_dir": str(data_dir)}
    if store == "in-process":
        from kiosk.backends.demo.backend import DemoBackend

        backend: Any = DemoBackend(data_dir / "demo", catalog_size=catalog_size)
        started = time.perf_counter()
        backend.prepare()
        out["demo_store"] = {"process": "in-process", "prepare_s": round(time.perf_counter() - started, 2)}
        out["demo_store"].update(backend.stats())
        if backend.export_seconds is not None:
            out["demo_store"]["export_s"] = round(backend.export_seconds, 2)
        return _measure_with(out, backend, None, data_dir, catalog_size, samples, vendure, vendure_config,
                             reuse_cache=reuse_cache, import_path=import_path)  # fmt: skip
    from kiosk.backends.demo.remote import RemoteDemoBackend

    started = time.perf_counter()
    server = StoreProcess(data_dir / "demo", catalog_size)
    try:
        ready = server.ready
        out["demo_store"] = {"process": "own process", "url": server.url}
        out["demo_store"]["prepare_s"] = round(time.perf_counter() - started, 2)
        out["demo_store"].update({k: ready[k] for k in ("products", "variants", "deleted", "customers", "orders")})
        if ready.get("export_s") is not None:
            out["demo_store"]["export_s"] = ready["export_s"]
        result = _measure_with(out, RemoteDemoBackend(server.url), server.url, data_dir, catalog_size, samples,
                               vendure, vendure_config, reuse_cache=reuse_cache, import_path=import_path)  # fmt: skip
        out["demo_store"]["rss"] = server.memory()
        if live is not None:
            from kiosk.commands.bench_live import run_live_child

            result["live"] = run_live_child(data_dir, catalog_size, server.url, live)
        return result
    finally:
        server.stop()


def measure_live_only(data_dir: Path, catalog_size: int, plan: Any) -> dict[str, Any]:
    """The live figures alone (`make soak`): the store process and the kiosk child, which fills or catches
    up its own cache at start-up, as a kiosk does."""
    from kiosk.commands.bench_live import run_live_child

    out: dict[str, Any] = {"machine": machine(), "catalog_size": catalog_size, "data_dir": str(data_dir)}
    server = StoreProcess(data_dir / "demo", catalog_size)
    try:
        out["demo_store"] = {"process": "own process", "url": server.url}
        out["live"] = run_live_child(data_dir, catalog_size, server.url, plan)
        out["demo_store"]["rss"] = server.memory()
    finally:
        server.stop()
    out["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def _measure_with(
    out: dict[str, Any],
    backend: Any,
    store_url: str | None,
    data_dir: Path,
    catalog_size: int,
    samples: int,
    vendure: bool,
    vendure_config: Path | None,
    *,
    reuse_cache: bool,
    import_path: str,
) -> dict[str, Any]:
    from kiosk.app import Services
    from kiosk.core.services.lookup import ProductLookup

    config = _config(data_dir, catalog_size, store_url)
    reuse_cache = reuse_cache and (data_dir / "catalog.db").exists()
    if not reuse_cache:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{data_dir / 'catalog.db'}{suffix}").unlink(missing_ok=True)
    services = Services.build(config, backend=backend)
    try:
        if reuse_cache:
            services.sync()  # catch up with any change since, untimed
        else:
            out.update(_import_and_delta(services, backend, data_dir, snapshot=import_path == "snapshot"))
        gtins, queries = pick_samples(services.store, catalog_size, samples)
        prefixes = keystroke_prefixes(queries)
        lookup = ProductLookup(services.store)
        store = services.store
        engine: dict[str, Any] = {
            "kiosk_lookup_ms": percentiles([_timed_ms(functools.partial(lookup.by_gtin, g)) for g in gtins]),
            # the demo backend's own API finds a product by GTIN through its search (13 digits)
            "demo_backend_lookup_ms": percentiles(
                [_timed_ms(functools.partial(backend.search, g[1:], 1)) for g in gtins]
            ),
        }
        for name, group in _by_class(prefixes).items():
            engine[f"kiosk_search_{name}_ms"] = percentiles(
                [_timed_ms(functools.partial(store.search, p, "en", 24, 0)) for p in group]
            )
            engine[f"demo_backend_search_{name}_ms"] = percentiles(
                [_timed_ms(functools.partial(backend.search, p, 24)) for p in group]
            )
        if vendure:
            engine.update(_vendure_timings(vendure_config, prefixes))
        out["engine"] = engine
        out["ranking"] = ranking_check(store, gtins[0], queries)
    finally:
        services.close()
        backend.close()
    out["bytecode_compiled"] = compile_kiosk()
    out["ui"] = run_ui_child(data_dir, catalog_size, gtins, queries[: max(6, samples // 3)], store_url)
    out["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    out["targets"] = TARGETS
    return out


def _import_and_delta(services: Any, backend: Any, data_dir: Path, *, snapshot: bool) -> dict[str, Any]:
    """A full import into the empty cache, then 1% of the products changed and synced again. The rate is
    the catalog's live SKUs over the wall time to a complete, searchable cache (a snapshot's import also
    takes the pages changed since the export, which the report counts again). `snapshot=False`: page by
    page, the path a backend without snapshots (Vendure) takes."""
    cpu = time.process_time()
    report = services.sync(snapshot=snapshot)
    cpu = time.process_time() - cpu
    skus = backend.stats()["variants"]
    out: dict[str, Any] = {
        "import": {
            "path": "snapshot" if report.snapshot else "pages",
            "products": report.products,
            "skus": skus,
            "pages": report.pages,
            "snapshot_error": report.snapshot_error,
            "seconds": round(report.seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "skus_per_s": round(skus / report.seconds) if report.seconds else 0,
            "skus_per_cpu_s": round(skus / cpu) if cpu else 0,
            "db_mb": round((data_dir / "catalog.db").stat().st_size / 1e6, 1),
        }
    }
    changed = backend.simulate_changes(0.01, seed=time.time_ns())
    delta = services.sync()
    out["delta"] = {
        "changed_products": changed,
        "skus": delta.variants,
        "deleted": delta.deleted,
        "seconds": round(delta.seconds, 3),
    }
    return out


def _by_class(prefixes: Sequence[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for p in prefixes:
        groups.setdefault(prefix_class(p), []).append(p)
    return dict(sorted(groups.items()))


def pick_samples(store: Any, catalog_size: int, samples: int) -> tuple[list[str], list[str]]:
    """Deterministic GTINs of live products, and search words taken from random product names (both
    languages, brands included), so the searches have the catalog's own word distribution."""
    from kiosk.backends.demo import catalog as demo_catalog

    rng = random.Random(f"bench:{catalog_size}")
    variants = demo_catalog.PRODUCT_MODE_MAX * 7 if catalog_size <= demo_catalog.PRODUCT_MODE_MAX else catalog_size
    gtins: list[str] = []
    names: list[tuple[str, str, str]] = []
    tries = 0
    while (len(gtins) < samples or len(names) < samples) and tries < samples * 50:
        tries += 1
        variant = store.variant_by_gtin(demo_catalog.variant_gtin(rng.randrange(variants)))
        if variant is None:
            continue  # deleted by a simulated change, or past the end of a small catalog
        product = store.product(variant.product_id)
        if product is None:
            continue
        if len(gtins) < samples:
            gtins.append(str(variant.gtin))
        names.append((product.name.en, product.name.es, product.brand))
    queries: list[str] = []
    for i, (en, es, brand) in enumerate(names[:samples]):
        words = _WORD.findall((en if i % 2 == 0 else es).lower())
        if not words:
            continue
        if i % 5 == 4:
            queries.append(brand.lower())
        elif i % 3 == 2 and len(words) > 1:
            k = rng.randrange(len(words) - 1)
            queries.append(f"{words[k]} {words[k + 1][: rng.choice((2, 3, 4))]}")
        else:
            queries.append(rng.choice(words))
    return gtins, queries


def ranking_check(store: Any, gtin: str, queries: Sequence[str]) -> dict[str, Any]:
    """Whether the ranking rules hold on real data: the exact code first, title matches before brand-only
    matches, and popularity order inside the title matches."""
    exact = store.search(gtin[1:], "en", 24, 0)
    variant = store.variant_by_gtin(gtin)
    first_is_exact = bool(exact) and variant is not None and exact[0].product_id == variant.product_id
    ordered = True
    for query in queries[:10]:
        words = query.lower().split()
        hits = store.search(query, "en", 24, 0)
        seen_brand_only = False
        for hit in hits:
            title = f"{hit.name.en} {hit.name.es}".lower()
            in_title = all(any(t.startswith(w) for t in re.findall(r"[^\W_]+", title)) for w in words)
            if not in_title:
                seen_brand_only = True
            elif seen_brand_only:
                ordered = False
    return {"exact_code_first": first_is_exact, "title_matches_before_brand_only": ordered}


def _vendure_timings(config_path: Path | None, prefixes: Sequence[str]) -> dict[str, Any]:
    from kiosk.backends.vendure.backend import VendureBackend
    from kiosk.config import load_config

    options: dict[str, Any] = {}
    if config_path is not None:
        config = load_config(config_path, {})
        if config.backend.kind != "vendure":
            raise SystemExit(f"kiosk: {config_path} does not configure a Vendure backend")
        options = dict(config.backend.options)
    backend = VendureBackend.from_options(options)  # no admin_url: the local dev server on 127.0.0.1
    try:
        backend.search("warm up", 24)
        out: dict[str, Any] = {}
        for name, group in _by_class(prefixes).items():
            out[f"vendure_search_{name}_ms"] = percentiles(
                [_timed_ms(functools.partial(backend.search, p, 24)) for p in group]
            )
        return out
    finally:
        close = getattr(backend, "close", None)
        if close is not None:
            close()


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    memory_gb = 0.0
    with contextlib.suppress(ValueError, OSError):
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "python_loop_ms": python_loop_ms(),
    }


def python_loop_ms() -> float:
    """A fixed pure-Python loop (10M additions), to compare runs on a busy or shared machine."""
    started = time.thread_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return round((time.thread_time() - started) * 1000, 1)


def compile_kiosk() -> bool:
    """Writes the kiosk's bytecode before the cold start is timed, as an installed kiosk has it (pip
    compiles on install). A source checkout run with PYTHONDONTWRITEBYTECODE=1, as this environment is,
    would otherwise compile ~110 modules at every start: ~0.2 s of imports the kiosk never pays. True when
    every module compiled."""
    import compileall

    import kiosk

    return bool(compileall.compile_dir(Path(kiosk.__file__).parent, quiet=1))


def run_ui_child(
    data_dir: Path, catalog_size: int, gtins: Sequence[str], queries: Sequence[str], store_url: str | None = None
) -> dict[str, Any]:
    """Starts the kiosk as its own process (so cold start and memory are the kiosk's) and reads its figures;
    with `store_url` its backend is the demo store process there, otherwise the store runs inside it."""
    params = {
        "data_dir": str(data_dir),
        "catalog_size": catalog_size,
        "gtins": list(gtins),
        "queries": list(queries),
        "store_url": store_url,
    }
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    spawned_ns = time.monotonic_ns()
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk.commands.bench", "--child", json.dumps(params), str(spawned_ns)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=1800,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(_RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(_RESULT_PREFIX) :])
            return result
    return {"ok": False, "error": f"the kiosk process exited with {proc.returncode} and no figures"}


# ---- printing -------------------------------------------------------------------------------------------


def _p(stats: dict[str, Any] | None) -> str:
    if not stats or not stats.get("n"):
        return "n/a"
    return f"p50 {stats['p50']:.1f}  p95 {stats['p95']:.1f}  p99 {stats['p99']:.1f} ms (n={stats['n']})"


def print_machine(r: dict[str, Any]) -> None:
    m = r["machine"]
    print(f"kiosk bench: {r['catalog_size']:,} SKUs requested; data in {r['data_dir']}")
    print(
        f"machine: {m['cpu']} x{m['cores']}, {m['memory_gb']} GB, Python {m['python']}, load {m['load_avg']},"
        f" 10M-addition loop {m['python_loop_ms']} ms"
    )


def print_report(r: dict[str, Any]) -> None:
    print_machine(r)
    d = r["demo_store"]
    where = f"its own process, {d['url']}" if d.get("url") else "inside the kiosk process"
    print(f"demo store ({where}): {d['products']:,} products, {d['variants']:,} SKUs (ready in {d['prepare_s']} s)")
    if "export_s" in d:
        print(f"demo store's catalog export written in {d['export_s']} s (the server's work, once per catalog version)")
    if "import" in r:
        i = r["import"]
        via = "from the catalog export, then pages since" if i["path"] == "snapshot" else "page by page"
        if i.get("snapshot_error"):
            via += f" (export refused: {i['snapshot_error']})"
        print(
            f"full import {via}: {i['skus']:,} SKUs in {i['seconds']} s ({i['pages']} pages)"
            f" = {i['skus_per_s']:,} SKUs/s (cpu {i['cpu_seconds']} s = {i['skus_per_cpu_s']:,} SKUs per cpu-s;"
            f" catalog.db {i['db_mb']} MB)"
        )
        x = r["delta"]
        print(f"1% delta: {x['changed_products']:,} products changed -> synced in {x['seconds']} s")
    else:
        print("full import and delta: not measured (--reuse-cache)")
    ui = r.get("ui", {})
    if ui.get("ok"):
        print(
            f"cold start to first interactive frame: {ui['cold_start_ms']:.0f} ms"
            f" (first frame {ui['first_frame_ms']:.0f} ms; kiosk bytecode"
            f" {'compiled first, as installed' if r.get('bytecode_compiled') else 'NOT all compiled'})"
        )
        print(f"scan (pty bytes) to product frame: {_p(ui['scan_ms'])}")
        for name, stats in ui["search_ms"].items():
            print(f"search keystroke (on-screen keyboard) to results frame, {name}: {_p(stats)}")
        for name, stats in ui.get("search_hardware_keys_ms", {}).items():
            print(f"  hardware key presses (held up to 30 ms by the wedge filter), {name}: {_p(stats)}")
        print(f"add to cart to frame: {_p(ui['add_to_cart_ms'])}")
        if "speech_focus_ms" in ui:
            print(f"focus change to speech (mock engine, target 300 ms): {_p(ui['speech_focus_ms'])}")
        print(f"longest GUI-thread stall: {ui['gui_stall_ms']:.0f} ms")
        backend = "backend out of process" if ui.get("backend_out_of_process") else "demo store INSIDE the process"
        for label, key in (("right after start", "rss_after_start"), ("at the end", "rss_end")):
            m = ui.get(key, {})
            print(
                f"kiosk RSS {label}: {m.get('total_mb', 0)} MB = anonymous {m.get('anon_mb', 0)}"
                f" + file-backed {m.get('file_mb', 0)} + shared {m.get('shmem_mb', 0)} MB ({backend})"
            )
        print(f"kiosk RSS peak: {ui['rss_peak_mb']} MB")
        if "rss_with_test_library_mb" in ui:
            print(
                f"  then, after the hardware-key timing loaded Qt's test library and QtWidgets (no kiosk does):"
                f" {ui['rss_with_test_library_mb']} MB"
            )
        if d.get("rss"):
            print(f"demo store process RSS at the end (not the kiosk's): {d['rss']['total_mb']} MB")
    else:
        print(f"UI: not measured ({ui.get('error', 'unknown error')})")
    print("engine only (no UI), kiosk cache vs the backend's own API:")
    for name, stats in r["engine"].items():
        print(f"  {name}: {_p(stats)}")
    print(f"ranking: {r['ranking']}")


# ---- the child: the real kiosk, offscreen, driven like a shopper ----------------------------------------


def _child(params: dict[str, Any], spawned_ns: int) -> dict[str, Any]:
    from kiosk.app import KioskApp, Services
    from kiosk.ui.devtools import bench_driver as drive

    config = _config(Path(params["data_dir"]), int(params["catalog_size"]), params.get("store_url"))
    kiosk = KioskApp(Services.build(config), width=1080, height=1920)
    vm, window = kiosk.app_vm, kiosk.window
    probe = drive.FrameProbe(window)
    popular: Any = vm.home.popular
    ready = drive.VisibleWhen(lambda: bool(popular.count > 0), [popular.countChanged])
    kiosk.start_sync()
    out: dict[str, Any] = {"ok": False}
    try:
        first_frame = probe.wait_frame_after(spawned_ns)
        if not drive.process_until(lambda: ready.at_ns is not None, 30):
            return {"ok": False, "error": "the attract screen never showed popular products"}
        interactive = probe.wait_frame_after(ready.at_ns or 0)
        if first_frame is None or interactive is None:
            return {"ok": False, "error": "no frame was rendered"}
        out["first_frame_ms"] = (first_frame - spawned_ns) / 1e6
        out["cold_start_ms"] = (interactive - spawned_ns) / 1e6
        out["rss_after_start"] = rss_split(Path("/proc/self/status").read_text())
        out["rss_after_start_mb"] = out["rss_after_start"]["total_mb"]

        stalls = drive.StallMonitor()
        stalls.start()
        drive.tap(window, drive.find_item(window, "startButton"))
        drive.process_until(lambda: vm.page == "home", 5)
        scans, adds = _scans_and_adds(kiosk, probe, params["gtins"])
        out["scan_ms"] = percentiles(scans)
        out["add_to_cart_ms"] = percentiles(adds)
        out["search_ms"] = _searches(kiosk, probe, params["queries"])
        out["speech_focus_ms"] = percentiles(drive.speech_after_focus(window, vm, 20))  # issue 17, mock engine
        # the memory at the end of the shopper's part; the hardware keys come after it because only Qt's test
        # library sends spontaneous key events, and it loads QtWidgets, which no kiosk does (bench_driver)
        out["rss_end"] = rss_split(Path("/proc/self/status").read_text())
        out["rss_mb"] = out["rss_end"]["total_mb"]
        out["rss_peak_mb"] = out["rss_end"]["peak_mb"]
        out["search_hardware_keys_ms"] = _searches(kiosk, probe, params["queries"][:4], on_screen=False)
        out["rss_with_test_library_mb"] = rss_split(Path("/proc/self/status").read_text())["total_mb"]
        stalls.stop()
        out["gui_stall_ms"] = round(stalls.longest_ms, 1)
        out["backend_out_of_process"] = bool(params.get("store_url"))
        out["ok"] = True
        return out
    finally:
        kiosk.shutdown()


def _status_kb(status: str, key: str) -> int:
    match = re.search(rf"^{key}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _scans_and_adds(kiosk: Any, probe: Any, gtins: Sequence[str]) -> tuple[list[float], list[float]]:
    """Each GTIN: written to the pty as a scanner sends it, timed to the product page's frame; then a tap on
    "add to cart", timed to the frame that shows the new cart count."""
    from kiosk.ui.devtools import bench_driver as drive

    vm, window = kiosk.app_vm, kiosk.window
    scans: list[float] = []
    adds: list[float] = []
    for gtin in gtins:
        vm.goHome()
        drive.process_until(lambda: vm.page == "home", 5)
        probe.wait_frame_after(drive.now_ns())
        expected = kiosk.services.store.variant_by_gtin(gtin)
        if expected is None:
            continue
        sku = expected.sku

        def on_product(sku: str = sku) -> bool:
            return bool(vm.page == "product" and vm.product.sku == sku)

        shown = drive.VisibleWhen(on_product, [vm.pageChanged, vm.product.skuChanged])
        started = drive.now_ns()
        kiosk.virtual_scanner.write(b"]E0" + gtin[1:].encode() + b"\r")
        frame = _frame_when(probe, shown)
        if frame is None:
            continue
        scans.append((frame - started) / 1e6)
        button = drive.find_item(window, "addToCartButton")
        # let the page transition finish so the tap lands on the button, as a finger's would (scrolled to
        # first when the page is taller than the screen, as a finger would)
        drive.process_until(functools.partial(_settled, button), 5)
        drive.scroll_into_view(window, button)
        drive.process_until(lambda: False, 0.35)
        count = int(vm.cart.count)

        def added_one(count: int = count) -> bool:
            return int(vm.cart.count) > count

        added = drive.VisibleWhen(added_one, [vm.cart.countChanged])
        started = drive.now_ns()
        drive.tap(window, button)
        frame = _frame_when(probe, added, timeout_s=5)
        if frame is not None:
            adds.append((frame - started) / 1e6)
    return scans, adds


def _settled(item: Any) -> bool:
    return bool(item.isVisible() and item.opacity() >= 1.0)


def _frame_when(probe: Any, shown: Any, timeout_s: float = 10) -> int | None:
    """Waits for `shown` (a VisibleWhen) to hold, then for the frame that shows it; None on time-out."""
    from kiosk.ui.devtools import bench_driver as drive

    try:
        if not drive.process_until(lambda: shown.at_ns is not None, timeout_s, step_ms=1):
            return None
        frame: int | None = probe.wait_frame_after(shown.at_ns)
        return frame
    finally:
        shown.close()


def _searches(kiosk: Any, probe: Any, queries: Sequence[str], on_screen: bool = True) -> dict[str, Any]:
    """Types each query into the real search field, one key at a time, timing every keystroke to the frame
    that shows its results (the next key is pressed only after that frame, as a shopper reading would).
    `on_screen`: taps on the on-screen keyboard's keys, as a shopper types; otherwise hardware key presses,
    which the keyboard-wedge filter holds for up to its gap before the field sees them."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.devtools import bench_driver as drive

    vm, window = kiosk.app_vm, kiosk.window
    results = vm.search.results
    restarts = [0]

    def count_restart() -> None:
        restarts[0] += 1

    def typer(ch: str) -> Callable[[], None]:
        if not on_screen:
            return lambda: drive.press_key(window, ch)
        key = drive.on_screen_key(window, ch)
        if key is None:
            return lambda: drive.commit_text(window, ch)
        return lambda: drive.tap(window, key)

    def keyboard_up() -> bool:
        return not on_screen or QGuiApplication.inputMethod().isVisible()

    window.requestActivate()  # taps focus a field only in the active window (offscreen: not active by itself)
    drive.process_until(window.isActive, 5)
    results.restarted.connect(count_restart)
    timings: dict[str, list[float]] = {}
    try:
        for query in queries:
            vm.search.clear()
            vm.goHome()
            drive.process_until(lambda: vm.page == "home", 5)
            probe.wait_frame_after(drive.now_ns())  # the shopper sees the page (laid out) before tapping
            field = drive.find_item(window, "searchField")
            drive.tap(window, field)
            drive.process_until(lambda: field.hasActiveFocus() and keyboard_up(), 5)  # noqa: B023
            probe.wait_frame_after(drive.now_ns())
            typed = ""
            for ch in query:
                typed += ch
                type_it = typer(ch)
                if ch == " ":
                    type_it()
                    drive.process_until(lambda: False, 0.2)  # a space alone changes no results worth timing
                    continue

                def results_for(text: str = typed, before: int = restarts[0]) -> bool:
                    return bool(restarts[0] > before and vm.search.query == text and not vm.search.busy)

                shown = drive.VisibleWhen(results_for, [results.restarted])
                started = drive.now_ns()
                type_it()
                frame = _frame_when(probe, shown)
                if frame is not None:
                    timings.setdefault(prefix_class(typed), []).append((frame - started) / 1e6)
    finally:
        results.restarted.disconnect(count_restart)
    return {name: percentiles(values) for name, values in sorted(timings.items())}


def _child_main(argv: Sequence[str]) -> int:
    params = json.loads(argv[0])
    spawned_ns = int(argv[1])
    try:
        result = _child(params, spawned_ns)
    except Exception as exc:  # reported to the parent, which prints it instead of the UI figures
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    print(_RESULT_PREFIX + json.dumps(result), flush=True)
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        sys.exit(_child_main(sys.argv[2:]))
    raise SystemExit("usage: kiosk bench [--catalog-size N] [--json FILE]")
