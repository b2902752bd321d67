"""Home screen content: categories, popular products, and for a recognised shopper, offers and picks for them.

Everything comes from the local cache (recommendations too), so a recognised shopper gets personal rows
offline as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Property, QObject, Slot

from kiosk.core.catalog import Category, SearchHit
from kiosk.core.customer import Customer
from kiosk.core.ports import CatalogStore
from kiosk.core.recommendations import Recommender
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import ProductBadges, hit_rows, image_url
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.search import HIT_ROLES


class HomeViewModel(ViewModel):
    personalChanged, personal = notified(bool, "personal", False)

    def __init__(
        self,
        store: CatalogStore,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        parent: QObject | None = None,
        customer: Callable[[], Customer | None] = lambda: None,
        cart_product_ids: Callable[[], list[str]] = list,
        offers: ProductBadges | None = None,
    ):
        super().__init__(parent)
        self._offers_badges = offers  # each card's offer badge
        self._store = store
        self._runner = runner
        self._lang = lang
        self._customer = customer
        self._cart_product_ids = cart_product_ids
        self._categories = RowListModel(("categoryId", "name", "image"), self)
        self._popular = RowListModel(HIT_ROLES, self)
        self._offers = RowListModel(HIT_ROLES, self)

    def _get_categories(self) -> RowListModel:
        return self._categories

    def _get_popular(self) -> RowListModel:
        return self._popular

    def _get_offers(self) -> RowListModel:
        return self._offers

    categories = Property(QObject, _get_categories, constant=True)
    popular = Property(QObject, _get_popular, constant=True)  # "for you" once a shopper is recognised
    offers = Property(QObject, _get_offers, constant=True)  # personal offers: wishlist first

    @Slot()
    def catalog_changed(self, report: SyncReport) -> None:
        """The attract and home rows drop a withdrawn product and show current prices."""
        shown = {row.get("productId") for model in (self._popular, self._offers) for row in model.rows()}
        touched = report.changed_product_ids | report.deleted_product_ids
        if report.everything_changed or shown & touched:
            self.reload()

    def reload(self) -> None:
        store, lang = self._store, self._lang()
        customer, cart_ids = self._customer(), self._cart_product_ids()
        recommender = Recommender(store)

        def load() -> tuple[list[tuple[Category, SearchHit | None]], Sequence[SearchHit], Sequence[SearchHit]]:
            cats = [(c, next(iter(store.products_in_category(c.id, 1, 0)), None)) for c in store.categories()]
            if customer is None:
                return cats, store.popular(12), []
            return cats, recommender.for_shopper(customer, cart_ids, 12), recommender.personal_offers(customer, 6)

        def done(
            result: tuple[list[tuple[Category, SearchHit | None]], Sequence[SearchHit], Sequence[SearchHit]] | None,
            error: Exception | None,
        ) -> None:
            if result is None:
                return
            cats, popular, offers = result
            self._categories.reset(
                [
                    {"categoryId": c.id, "name": c.name.get(lang), "image": image_url(top.image if top else None)}
                    for c, top in cats
                    if c.parent_id is None
                ]
            )
            self._popular.reset(hit_rows(popular, lang, self._offers_badges))
            self._offers.reset(hit_rows(offers, lang, self._offers_badges))
            self._set("personal", customer is not None)

        self._runner.read(load, done)
