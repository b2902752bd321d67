"""Times search filters from facets on a filled catalog cache (issue 18): `python tools/bench_facets.py CACHE`.

CACHE is a catalog.db, e.g. the one `kiosk bench` leaves in its data folder (1M SKUs by default). The file is
opened as a cache (its schema must be this kiosk's); copy it first if another run uses it. For each query it
times, over 15 runs after one warm-up, the plain first page with its count, a page filtered by the most common
colour and size, "Only in this store" and sorted by price, and the facet counts for that refinement: the wall
time (which a busy machine inflates) and the reading thread's CPU time.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.core.catalog import SearchRefinement, SearchSort
from kiosk.core.search_facets import FacetFilters, FacetGroup
from kiosk.storage.catalog_store import SqliteCatalogStore

QUERIES = ("a", "ca", "camiseta", "zapatilla", "blue", "mug")


def timed(work: Callable[[], object], runs: int = 15) -> tuple[float, float, float]:
    """(wall p50, wall p90, CPU p50) in ms."""
    work()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.thread_time()
        work()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    wall.sort()
    return statistics.median(wall), wall[int(len(wall) * 0.9)], statistics.median(cpu)


def main(path: Path) -> None:
    store = SqliteCatalogStore(path)
    try:
        print(f"{store.product_count()} products in {path}")
        print(
            "| query | matches | filter (colour, size, in store, price ↑) → results | plain page + count"
            " | filtered page | facet counts |"
        )
        print("|---|---|---|---|---|---|")
        for query in QUERIES:
            plain = store.search_refined(query, SearchRefinement(), 24, 0)
            values = list(store.search_facets(query, SearchRefinement()))
            colour = next((v.key for v in values if v.group is FacetGroup.COLOUR), None)
            size = next((v.key for v in values if v.group is FacetGroup.SIZE), None)
            filters = FacetFilters(
                colours=frozenset({colour}) if colour else frozenset(), sizes=frozenset({size}) if size else frozenset()
            )
            refinement = SearchRefinement(SearchSort.PRICE_LOW, True, filters)
            narrowed = store.search_refined(query, refinement, 24, 0).total
            figures = [
                timed(lambda q=query: store.search_refined(q, SearchRefinement(), 24, 0)),
                timed(lambda q=query, r=refinement: store.search_refined(q, r, 24, 0)),
                timed(lambda q=query, r=refinement: store.search_facets(q, r)),
            ]
            cells = " | ".join(f"{w50:.1f} / {w90:.1f} / {c50:.1f}" for w50, w90, c50 in figures)
            print(f"| {query} | {plain.total}{'+' if plain.capped else ''} | {colour}, {size} → {narrowed} | {cells} |")
        print("(each timing: wall p50 / wall p90 / CPU p50, ms)")
    finally:
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
