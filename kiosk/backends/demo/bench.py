"""Hand-run throughput figures for the demo backend: generation, catalog paging, 1% delta, image rendering.

    python -m kiosk.backends.demo.bench --catalog-size 1000000 --data-dir /tmp/demo-bench

A measurement, not a test: the numbers depend on the machine, so nothing here asserts a threshold. Paging is
timed as a client sees it: catalog_changes calls only, the kiosk's own writing excluded. It isolates the
backend's share of an import; `kiosk bench` measures the whole kiosk (import through the real store, delta,
frames, memory) and docs/performance.md records both.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from kiosk.backends.demo.backend import DemoBackend


def measure(data_dir: Path, catalog_size: int, page_size: int, images: int) -> dict[str, float]:
    backend = DemoBackend(data_dir, catalog_size=catalog_size)
    out: dict[str, float] = {"catalog_size": catalog_size, "page_size": page_size}
    started = time.perf_counter()
    backend.prepare()
    out["prepare_s"] = round(time.perf_counter() - started, 2)
    out["db_mb"] = round(backend.path.stat().st_size / 1e6, 1)

    cursor, products, variants = None, 0, 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while True:
        page = backend.catalog_changes(cursor, page_size)
        products += len(page.products)
        variants += sum(len(p.variants) for p in page.products)
        cursor = page.next_cursor
        if not page.has_more:
            break
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time as well as wall time: on a shared machine the wall clock measures the neighbours too
    out.update(
        full_products=products,
        full_variants=variants,
        full_s=round(seconds, 2),
        full_cpu_s=round(cpu, 2),
        variants_per_s=round(variants / seconds),
        variants_per_cpu_s=round(variants / cpu),
    )

    started = time.perf_counter()
    changed = backend.simulate_changes(0.01, seed=int(time.time()))
    out.update(changed=changed, simulate_s=round(time.perf_counter() - started, 3))
    started = time.perf_counter()
    delta = 0
    while True:
        page = backend.catalog_changes(cursor, page_size)
        delta += len(page.products) + len(page.deleted_product_ids)
        cursor = page.next_cursor
        if not page.has_more:
            break
    out.update(delta_items=delta, delta_s=round(time.perf_counter() - started, 3))

    refs = [p.image for p in backend.catalog_changes(None, images).products if p.image]
    timings = []
    for ref in refs:
        started = time.perf_counter()
        backend.image_bytes(ref)  # first request: rendered and written to the cache
        timings.append(time.perf_counter() - started)
    if timings:
        out.update(
            image_ms_median=round(statistics.median(timings) * 1000, 1), image_ms_max=round(max(timings) * 1000, 1)
        )
    backend.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog-size", type=int, default=1_000_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--images", type=int, default=60, help="how many product pictures to render")
    parser.add_argument("--data-dir", type=Path, help="reuse a folder (default: a fresh temporary one)")
    args = parser.parse_args()
    if args.data_dir is not None:
        result = measure(args.data_dir, args.catalog_size, args.page_size, args.images)
    else:
        with tempfile.TemporaryDirectory(prefix="demo-bench-") as tmp:
            result = measure(Path(tmp), args.catalog_size, args.page_size, args.images)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
