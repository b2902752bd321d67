"""Search and category browse: debounced type-ahead whose results stream into a lazily fetched model."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Property, QObject, QTimer, Slot

from kiosk.core.catalog import SearchHit, SearchRefinement, SearchSort
from kiosk.core.ports import CatalogStore
from kiosk.core.search_facets import FacetFilters, FacetGroup, FacetValue
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import ProductBadges, hit_rows
from kiosk.ui.viewmodels.list_models import PagedListModel, Row, RowListModel

HIT_ROLES = (
    "productId", "name", "brand", "price", "image", "rating", "inStockHere", "stockState", "stockWords", "offer",
)  # fmt: skip
PAGE_SIZE = 24
FACET_ROLES = ("group", "key", "label", "count", "selected")
FACET_DELAY_MS = 150


class SearchViewModel(ViewModel):
    queryChanged, query = notified(str, "query", "")
    titleChanged, title = notified(str, "title", "")
    busyChanged, busy = notified(bool, "busy", False)
    modeChanged, mode = notified(str, "mode", "search")  # "search" or "category"
    # the typed query found nothing, so these are the results for this spelling ("camiza" -> "camisa")
    correctedQueryChanged, correctedQuery = notified(str, "correctedQuery", "")
    # how the shopper narrowed a search (kiosk.core.catalog.SearchRefinement); kept while typing, reset by clear
    sortChanged, sort = notified(str, "sort", str(SearchSort.RELEVANCE))
    inStoreOnlyChanged, inStoreOnly = notified(bool, "inStoreOnly", False)
    # how many matched (-1: not counted, as for a category); capped: at least that many (SEARCH_CANDIDATES)
    resultCountChanged, resultCount = notified(int, "resultCount", -1)
    countCappedChanged, countCapped = notified(bool, "countCapped", False)
    # how many facet values (size, colour, brand, price) are chosen; the values themselves are `facets`
    filterCountChanged, filterCount = notified(int, "filterCount", 0)
    # the facets that have values for this search, in display order ("size", "colour", "brand", "price")
    facetGroupsChanged, facetGroups = notified(list, "facetGroups", [])

    def __init__(
        self,
        store: CatalogStore,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        parent: QObject | None = None,
        offers: ProductBadges | None = None,
    ):
        super().__init__(parent)
        self._offers = offers  # each card's offer badge
        self._store = store
        self._runner = runner
        self._lang = lang
        self._category_id = ""
        self._generation = 0
        self._results = PagedListModel(HIT_ROLES, self._fetch_page, PAGE_SIZE, self)
        self._filters = FacetFilters()
        self._facets = RowListModel(FACET_ROLES, self)
        # facets are read once typing pauses: they cost ~25-40 ms of a worker's CPU at 1M SKUs (1000 candidates'
        # option lists), which every keystroke of a word would otherwise spend on counts nobody sees
        self._facet_timer = QTimer(self, singleShot=True, interval=FACET_DELAY_MS)
        self._facet_timer.timeout.connect(self._load_facets)
        # 0 ms: keystrokes that arrive in one event-loop pass are one query; stale answers are dropped by
        # generation, so no time-based debounce is needed (the cache answers any prefix in a few ms)
        self._debounce = QTimer(self, singleShot=True, interval=0)
        self._debounce.timeout.connect(self._run_query)

    def _get_results(self) -> RowListModel:
        return self._results

    results = Property(QObject, _get_results, constant=True)

    def _get_facets(self) -> RowListModel:
        return self._facets

    # one row per filter value: group ("size", "colour", "brand", "price"), key, label, count, selected
    facets = Property(QObject, _get_facets, constant=True)

    @Slot(str)
    def setQuery(self, text: str) -> None:
        self._set("correctedQuery", "")
        self._set("mode", "search")
        self._set("query", text[:100])
        self._set("title", text[:100])
        self._debounce.start()

    @Slot(str)
    def setSort(self, key: str) -> None:
        if key not in {str(s) for s in SearchSort} or key == self.sort:
            return
        self._set("sort", key)
        self._rerun()

    @Slot(bool)
    def setInStoreOnly(self, on: bool) -> None:
        if on == self.inStoreOnly:
            return
        self._set("inStoreOnly", on)
        self._rerun()

    @Slot(str, str)
    def toggleFacet(self, group: str, key: str) -> None:
        """Adds a filter value (size M, colour red...) or removes it when it was chosen."""
        if group not in {str(g) for g in FacetGroup} or not key:
            return
        self._set_filters(self._filters.toggled(FacetGroup(group), key))

    @Slot()
    def clearFilters(self) -> None:
        self._set_filters(FacetFilters())

    def _set_filters(self, filters: FacetFilters) -> None:
        if filters == self._filters:
            return
        self._filters = filters
        self._set("filterCount", sum(len(filters.chosen(g)) for g in FacetGroup))
        # the chips answer at once; the counts follow with the results
        chosen = {(str(g), k) for g in FacetGroup for k in filters.chosen(g)}
        self._facets.reset([{**row, "selected": (row["group"], row["key"]) in chosen} for row in self._facets.rows()])
        self._rerun()

    def _rerun(self) -> None:
        if self.mode == "search" and self.query.strip():
            self._debounce.start()

    def _refinement(self) -> SearchRefinement:
        return SearchRefinement(SearchSort(self.sort), bool(self.inStoreOnly), self._filters)

    @Slot(str, str)
    def browseCategory(self, category_id: str, title: str) -> None:
        self._set("mode", "category")
        self._set("correctedQuery", "")
        self._category_id = category_id
        self._set("title", title)
        self._set("query", "")
        self._run_query()

    @Slot()
    def clear(self) -> None:
        self._debounce.stop()
        self._facet_timer.stop()
        self._generation += 1
        self._category_id = ""
        self._set("query", "")
        self._set("title", "")
        self._set("correctedQuery", "")
        self._set("mode", "search")
        self._set("sort", str(SearchSort.RELEVANCE))
        self._set("inStoreOnly", False)
        self._filters = FacetFilters()
        self._set("filterCount", 0)
        self._set("facetGroups", [])
        self._facets.reset([])
        self._set("resultCount", -1)
        self._set("countCapped", False)
        self._results.restart([])

    def _page(self, offset: int, limit: int) -> Callable[[], Sequence[SearchHit]]:
        store = self._store
        if self.mode == "category":
            category = self._category_id
            return lambda: store.products_in_category(category, limit, offset)
        query, refinement = self.correctedQuery or self.query, self._refinement()
        return lambda: store.search_refined(query, refinement, limit, offset).hits if query.strip() else []

    def _run_query(self) -> None:
        self._generation += 1
        generation = self._generation
        self._set("busy", True)
        lang = self._lang()

        def done(first: tuple[list[Row], int, bool] | None, error: Exception | None) -> None:
            if generation != self._generation:
                return  # superseded by a newer keystroke
            rows, total, capped = first if first is not None else ([], -1, False)
            searched = self.mode == "search" and not self.correctedQuery and self.query.strip()
            # with a filter on, nothing left is an answer, not a typo
            if not rows and searched and not self.inStoreOnly and not self._filters:
                self._try_spelling(generation)  # stays busy: the corrected results follow
                return
            self._set("busy", False)
            self._set("resultCount", total)
            self._set("countCapped", capped)
            self._results.restart(rows)
            if self.mode == "search":
                self._facet_timer.start()
            else:
                self._set("facetGroups", [])
                self._facets.reset([])

        self._runner.read(self._first_page(lang), done)

    def _first_page(self, lang: str) -> Callable[[], tuple[list[Row], int, bool]]:
        """The first page and, for a search, how many matched in all (one read of the candidates)."""
        store, query, refinement = self._store, self.correctedQuery or self.query, self._refinement()
        offers = self._offers
        if self.mode == "category":
            rows = self._rows(0, PAGE_SIZE, lang)
            return lambda: (rows(), -1, False)

        def read() -> tuple[list[Row], int, bool]:
            if not query.strip():
                return [], 0, False
            found = store.search_refined(query, refinement, PAGE_SIZE, 0)
            return hit_rows(found.hits, lang, offers), found.total, found.capped

        return read

    def _load_facets(self) -> None:
        """The filter values and their counts for the results on screen, read after them: the type-ahead's
        first page stays as fast as before, and the chips follow once typing pauses."""
        store, query, refinement = self._store, self.correctedQuery or self.query, self._refinement()
        generation, lang = self._generation, self._lang()

        def done(values: Sequence[FacetValue] | None, error: Exception | None) -> None:
            if generation != self._generation or values is None:
                return
            self._facets.reset(
                [
                    {
                        "group": str(v.group),
                        "key": v.key,
                        "label": v.label.get(lang),
                        "count": v.count,
                        "selected": v.selected,
                    }
                    for v in values
                ]
            )
            self._set("facetGroups", list(dict.fromkeys(str(v.group) for v in values)))

        self._runner.read(lambda: store.search_facets(query, refinement) if query.strip() else (), done)

    def _try_spelling(self, generation: int) -> None:
        """Nothing matched as typed: one-letter typos are corrected against the cache's words and the
        corrected query runs instead, its spelling shown ("Showing results for ...")."""
        store, query = self._store, str(self.query)

        def done(suggestion: str | None, error: Exception | None) -> None:
            if generation != self._generation:
                return
            if not suggestion:
                self._set("busy", False)
                self._results.restart([])
                return
            self._set("correctedQuery", suggestion)
            self._run_query()

        self._runner.read(lambda: store.spelling_suggestion(query), done)

    def catalog_changed(self, report: SyncReport) -> None:
        """A delta sync changed or withdrew a product in the list on screen: the list is read again, so a
        withdrawn product disappears and prices and stock badges are current."""
        rows = self._results.rows()
        if not rows:
            return
        touched = report.changed_product_ids | report.deleted_product_ids
        if report.everything_changed or any(row.get("productId") in touched for row in rows):
            self._run_query()

    def _fetch_page(self, offset: int, limit: int, deliver: Callable[[list[Row]], None]) -> None:
        self._runner.read(self._rows(offset, limit, self._lang()), lambda rows, error: deliver(rows or []))

    def _rows(self, offset: int, limit: int, lang: str) -> Callable[[], list[Row]]:
        """The page's rows, formatted on the worker too: a row's picture URL checks the disk cache (a stat
        and a touch per row), file work the GUI thread should not do per keystroke."""
        page, offers = self._page(offset, limit), self._offers
        return lambda: hit_rows(page(), lang, offers)

    def offers_changed(self) -> None:
        """The promotions changed: the list on screen is read again with its new badges."""
        if self._results.rows():
            self._run_query()
