"""The product page: variant picker, price, rating and stock here / other stores / warehouse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.catalog import LocationKind, Product, SearchHit, StockAvailability, Variant, format_opening_hours
from kiosk.core.customer import Customer
from kiosk.core.fulfilment import WAREHOUSE_DAYS
from kiosk.core.ports import CatalogStore
from kiosk.core.recommendations import Recommender
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.core.services.offers import Offers
from kiosk.core.stock import availability_state, first_on_shelf, stock_words
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import hit_rows, image_url, price_text
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.search import HIT_ROLES


class ProductViewModel(ViewModel):
    loadedChanged, loaded = notified(bool, "loaded", False)
    productIdChanged, productId = notified(str, "productId", "")
    nameChanged, name = notified(str, "name", "")
    brandChanged, brand = notified(str, "brand", "")
    descriptionChanged, description = notified(str, "description", "")
    priceChanged, price = notified(str, "price", "")  # the catalog price of the variant shown
    # the variant's offer (kiosk.core.services.offers): its badge ("−20% until Sunday") and, when one unit
    # already earns it, the price after it (the page then strikes `price` through); "" when none
    offerChanged, offer = notified(str, "offer", "")
    offerPriceChanged, offerPrice = notified(str, "offerPrice", "")
    imageChanged, image = notified(str, "image", "")
    ratingChanged, rating = notified(float, "rating", 0.0)
    reviewCountChanged, reviewCount = notified(int, "reviewCount", 0)
    variantLabelChanged, variantLabel = notified(str, "variantLabel", "")
    skuChanged, sku = notified(str, "sku", "")
    stockHereChanged, stockHere = notified(int, "stockHere", 0)
    stockWarehouseChanged, stockWarehouse = notified(int, "stockWarehouse", 0)
    stockElsewhereChanged, stockElsewhere = notified(int, "stockElsewhere", 0)
    asOfChanged, asOf = notified(str, "asOf", "")
    # kiosk.core.stock: the same state and words as the cards and the cart ("" until the figures arrive)
    stockStateChanged, stockState = notified(str, "stockState", "")
    stockWordsChanged, stockWords = notified(str, "stockWords", "")
    # kiosk.core.fulfilment's warehouse estimate: the one source every screen quotes
    warehouseDaysMinChanged, warehouseDaysMin = notified(int, "warehouseDaysMin", WAREHOUSE_DAYS[0])
    warehouseDaysMaxChanged, warehouseDaysMax = notified(int, "warehouseDaysMax", WAREHOUSE_DAYS[1])
    hasColoursChanged, hasColours = notified(bool, "hasColours", False)
    hasSizesChanged, hasSizes = notified(bool, "hasSizes", False)
    withdrawnChanged, withdrawn = notified(bool, "withdrawn", False)  # the catalog stopped selling it while shown
    addedToCart = Signal(str)

    def __init__(
        self,
        store: CatalogStore,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        add_to_cart: Callable[[Product, Variant], None],
        parent: QObject | None = None,
        customer: Callable[[], Customer | None] = lambda: None,
        cart_product_ids: Callable[[], list[str]] = list,
        offers: Offers | None = None,
    ):
        super().__init__(parent)
        self._offers = offers
        self._store = store
        self._runner = runner
        self._lang = lang
        self._add_to_cart = add_to_cart
        self._product: Product | None = None
        self._variant: Variant | None = None
        # Loads finish on a worker, in any order: only the newest load, show or wipe may fill the page (a late
        # load must not swap the product under the shopper, nor refill the page after the session's wipe).
        self._ticket = 0
        self._colours = RowListModel(("key", "label", "image", "selected"), self)
        self._sizes = RowListModel(("key", "label", "selected", "available"), self)
        self._stores = RowListModel(("name", "city", "quantity", "hours"), self)
        self._customer = customer
        self._cart_product_ids = cart_product_ids
        self._related = RowListModel(HIT_ROLES, self)

    def _get_colours(self) -> RowListModel:
        return self._colours

    def _get_sizes(self) -> RowListModel:
        return self._sizes

    def _get_stores(self) -> RowListModel:
        return self._stores

    colours = Property(QObject, _get_colours, constant=True)
    sizes = Property(QObject, _get_sizes, constant=True)
    otherStores = Property(QObject, _get_stores, constant=True)

    def _get_related(self) -> RowListModel:
        return self._related

    related = Property(QObject, _get_related, constant=True)  # "often bought together", from the cache

    def load(
        self, product_id: str, variant_id: str | None = None, on_loaded: Callable[[bool], None] | None = None
    ) -> None:
        store = self._store
        self._ticket += 1
        ticket = self._ticket

        def done(found: tuple[Product | None, frozenset[str]] | None, error: Exception | None) -> None:
            if ticket != self._ticket:
                return
            product, here = found if found is not None else (None, frozenset[str]())
            if product is None or not product.variants:
                if on_loaded:
                    on_loaded(False)
                return
            self._product = product
            self._set("withdrawn", False)
            variant = next((v for v in product.variants if v.id == variant_id), None)
            self._show(variant or first_on_shelf(product, here))
            if on_loaded:
                on_loaded(True)

        def read() -> tuple[Product | None, frozenset[str]]:
            here = frozenset(loc.id for loc in store.locations() if loc.kind is LocationKind.HERE)
            return store.product(product_id), here

        self._runner.read(read, done)

    def show(self, product: Product, variant: Variant) -> None:
        self._ticket += 1
        self._set("withdrawn", False)
        self._product = product
        self._show(variant)

    def _load_related(self, product_id: str) -> None:
        recommender = Recommender(self._store)
        customer, cart_ids, lang = self._customer(), self._cart_product_ids(), self._lang()

        def done(hits: list[SearchHit] | None, error: Exception | None) -> None:
            if hits is not None and self.productId == product_id:
                self._related.reset(hit_rows(hits, lang, self._offers))

        self._related.reset([])
        self._runner.read(lambda: recommender.for_product(product_id, customer, cart_ids, 8), done)

    def _show(self, variant: Variant) -> None:
        product = self._product
        assert product is not None
        lang = self._lang()
        self._variant = variant
        if self.productId != product.id:
            self._set("productId", product.id)
            self._load_related(product.id)
        self._set("name", product.name.get(lang))
        self._set("brand", product.brand)
        self._set("description", product.description.get(lang))
        self._set("price", price_text(variant.price, lang))
        self._show_offer(product, variant, lang)
        self._set("image", image_url(variant.image or product.image))
        self._set("rating", float(product.rating or 0.0))
        self._set("reviewCount", product.review_count)
        self._set("sku", variant.sku)
        self._set("variantLabel", variant_label(variant, lang))
        self._fill_options(product, variant, lang)
        self._set("loaded", True)
        store = self._store
        self._runner.read(lambda: store.availability(variant), self._stock_arrived(variant.id))

    def _show_offer(self, product: Product, variant: Variant, lang: str) -> None:
        offer = self._offers.variant_offer(product.id, variant.id, variant.price) if self._offers else None
        self._set("offer", offer.badge.get(lang) if offer is not None and offer.badge is not None else "")
        self._set("offerPrice", price_text(offer.price, lang) if offer is not None and offer.was is not None else "")

    def offers_changed(self) -> None:
        """The promotions changed: the badge and offer price follow."""
        if self._product is not None and self._variant is not None:
            self._show_offer(self._product, self._variant, self._lang())

    def _stock_arrived(self, variant_id: str) -> Callable[[StockAvailability | None, Exception | None], None]:
        def done(stock: StockAvailability | None, error: Exception | None) -> None:
            if stock is None or self._variant is None or self._variant.id != variant_id:
                return
            self._set("stockHere", stock.here)
            self._set("stockWarehouse", stock.warehouse)
            self._set("stockElsewhere", stock.elsewhere)
            state = availability_state(stock)
            self._set("stockState", str(state))
            self._set("stockWords", stock_words(state, self._lang()))
            self._set("asOf", stock.as_of.astimezone().strftime("%H:%M") if stock.as_of else "")
            self._stores.reset(
                [
                    {
                        "name": loc.name,
                        "city": loc.city,
                        "quantity": qty,
                        "hours": format_opening_hours(loc.opening_hours),
                    }
                    for loc, qty in stock.other_stores
                ]
            )

        return done

    def _fill_options(self, product: Product, current: Variant, lang: str) -> None:
        colour = current.option("colour")
        size = current.option("size")
        colours: dict[str, dict[str, object]] = {}
        sizes: dict[str, dict[str, object]] = {}
        for v in product.variants:
            c = v.option("colour")
            if c is not None and c.en not in colours:
                colours[c.en] = {
                    "key": c.en,
                    "label": c.get(lang),
                    "image": image_url(v.image),
                    "selected": colour is not None and c.en == colour.en,
                }
            s = v.option("size")
            if s is not None:
                same_colour = colour is None or (v.option("colour") or colour).en == colour.en
                entry = sizes.setdefault(
                    s.en,
                    {
                        "key": s.en,
                        "label": s.get(lang),
                        "selected": size is not None and s.en == size.en,
                        "available": False,
                    },
                )
                entry["available"] = bool(entry["available"]) or same_colour
        self._colours.reset(list(colours.values()))
        self._sizes.reset(list(sizes.values()))
        self._set("hasColours", len(colours) > 0)
        self._set("hasSizes", len(sizes) > 0)

    def _pick(self, colour: str | None, size: str | None) -> None:
        if self._product is None:
            return

        def score(v: Variant) -> int:
            c, s = v.option("colour"), v.option("size")
            return (2 if colour is not None and c is not None and c.en == colour else 0) + (
                1 if size is not None and s is not None and s.en == size else 0
            )

        best = max(self._product.variants, key=score)
        self._show(best)

    @Slot(str)
    def selectColour(self, key: str) -> None:
        size = self._variant.option("size") if self._variant else None
        self._pick(key, size.en if size else None)

    @Slot(str)
    def selectSize(self, key: str) -> None:
        colour = self._variant.option("colour") if self._variant else None
        self._pick(colour.en if colour else None, key)

    def catalog_changed(self, report: SyncReport) -> None:
        """A delta sync touched the catalog: the page on screen re-reads its product, stock and "as of"."""
        product = self._product
        if product is None:
            return
        if not (report.everything_changed or product.id in report.changed_product_ids
                or product.id in report.deleted_product_ids):  # fmt: skip
            return
        variant_id = self._variant.id if self._variant is not None else None

        def loaded(ok: bool) -> None:
            if not ok:
                self._set("withdrawn", True)

        self.load(product.id, variant_id, on_loaded=loaded)

    @Slot()
    def addToCart(self) -> None:
        if self._product is None or self._variant is None or self.withdrawn:
            return
        self._add_to_cart(self._product, self._variant)
        self.addedToCart.emit(self.name)

    def refresh_language(self) -> None:
        if self._product is not None and self._variant is not None:
            self._show(self._variant)

    def wipe(self) -> None:
        self._ticket += 1
        self._product = None
        self._variant = None
        text_properties = (
            "productId", "name", "brand", "description", "price", "offer", "offerPrice", "image", "variantLabel", "sku",
        )  # fmt: skip
        for name in (*text_properties, "asOf", "stockState", "stockWords"):
            self._set(name, "")
        self._set("loaded", False)
        self._set("withdrawn", False)
        self._colours.reset([])
        self._sizes.reset([])
        self._stores.reset([])
        self._related.reset([])


def variant_label(variant: Variant, lang: str) -> str:
    return " · ".join(value.get(lang) for _, value in variant.options)
