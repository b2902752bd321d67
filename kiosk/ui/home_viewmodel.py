"""Home screen content: categories and popular products from the local cache."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Property, QObject, Slot

from kiosk.core.catalog import Category, SearchHit
from kiosk.core.ports import CatalogStore
from kiosk.ui.formatting import hit_row, image_url
from kiosk.ui.list_models import RowListModel
from kiosk.ui.qt_property import ViewModel
from kiosk.ui.runner import BackgroundRunner
from kiosk.ui.search_viewmodel import HIT_ROLES


class HomeViewModel(ViewModel):
    def __init__(
        self, store: CatalogStore, runner: BackgroundRunner, lang: Callable[[], str], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._lang = lang
        self._categories = RowListModel(("categoryId", "name", "image"), self)
        self._popular = RowListModel(HIT_ROLES, self)

    def _get_categories(self) -> RowListModel:
        return self._categories

    def _get_popular(self) -> RowListModel:
        return self._popular

    categories = Property(QObject, _get_categories, constant=True)
    popular = Property(QObject, _get_popular, constant=True)

    @Slot()
    def reload(self) -> None:
        store, lang = self._store, self._lang()

        def load() -> tuple[list[tuple[Category, SearchHit | None]], Sequence[SearchHit]]:
            cats = [(c, next(iter(store.products_in_category(c.id, 1, 0)), None)) for c in store.categories()]
            return cats, store.popular(12)

        def done(
            result: tuple[list[tuple[Category, SearchHit | None]], Sequence[SearchHit]] | None, error: Exception | None
        ) -> None:
            if result is None:
                return
            cats, popular = result
            self._categories.reset(
                [
                    {"categoryId": c.id, "name": c.name.get(lang), "image": image_url(top.image if top else None)}
                    for c, top in cats
                    if c.parent_id is None
                ]
            )
            self._popular.reset([hit_row(h, lang) for h in popular])

        self._runner.read(load, done)

