"""The product page: picture gallery, variant picker, price, quantity, rating and review texts, and stock here /
other stores / warehouse."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.catalog import (
    LocationKind,
    Product,
    Review,
    SearchHit,
    StockAvailability,
    Variant,
    format_opening_hours,
)
from kiosk.core.customer import Customer
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.fulfilment import WAREHOUSE_DAYS
from kiosk.core.ports import CatalogStore
from kiosk.core.recommendations import Recommender
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.core.services.offers import Offers
from kiosk.core.size_guide import SizeGuide
from kiosk.core.stock import availability_state, first_on_shelf, stock_words
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import hit_rows, image_url, price_text, time_text
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.search import HIT_ROLES

_log = logging.getLogger(__name__)

# The page's quantity picker goes up to what is available, and no further than this: a kiosk shopper buying
# more of one thing than this is rare, and the counter can sell it (the cart's own limit is 99 a line).
QUANTITY_LIMIT = 10
REVIEWS_PER_PAGE = 3
GALLERY_ROLES = ("picture", "label")
REVIEW_ROLES = ("author", "rating", "title", "body", "otherLanguage")
ReviewSource = Callable[[str, int], Sequence[Review]]
SizeGuideLookup = Callable[[str], SizeGuide | None]


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
    # the variant's compare-at price when it is marked down ("" otherwise), and the saving in whole percent
    wasPriceChanged, wasPrice = notified(str, "wasPrice", "")
    savingPercentChanged, savingPercent = notified(int, "savingPercent", 0)
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
    # the picture on show in `gallery` (the product's pictures: each colour's, and the product's own)
    galleryIndexChanged, galleryIndex = notified(int, "galleryIndex", 0)
    galleryPictureChanged, galleryPicture = notified(str, "galleryPicture", "")  # its URL, for the zoomed view
    # the picture on show, full screen; open over the page like a panel, so the keypad's Escape closes it first
    zoomOpenChanged, zoomOpen = notified(bool, "zoomOpen", False)
    # how many "Add to cart" adds: 1..maxQuantity (what is available here, or elsewhere when none is here)
    quantityChanged, quantity = notified(int, "quantity", 1)
    maxQuantityChanged, maxQuantity = notified(int, "maxQuantity", 1)
    # review texts, a page at a time: "" (none to read), "loading", "ready", "unavailable" (backend offline)
    reviewsStateChanged, reviewsState = notified(str, "reviewsState", "")
    reviewPageChanged, reviewPage = notified(int, "reviewPage", 0)
    reviewPagesChanged, reviewPages = notified(int, "reviewPages", 0)
    # the product's size guide (asked from the backend, like reviews), shown as a table in a dialog
    hasSizeGuideChanged, hasSizeGuide = notified(bool, "hasSizeGuide", False)
    sizeGuideOpenChanged, sizeGuideOpen = notified(bool, "sizeGuideOpen", False)
    sizeGuideTitleChanged, sizeGuideTitle = notified(str, "sizeGuideTitle", "")
    sizeGuideNoteChanged, sizeGuideNote = notified(str, "sizeGuideNote", "")
    sizeGuideColumnsChanged, sizeGuideColumns = notified(list, "sizeGuideColumns", [])
    sizeGuideRowsChanged, sizeGuideRows = notified(list, "sizeGuideRows", [])  # lists of cells, as many as columns
    addedToCart = Signal(str)

    def __init__(
        self,
        store: CatalogStore,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        add_to_cart: Callable[[Product, Variant, int], None],
        parent: QObject | None = None,
        customer: Callable[[], Customer | None] = lambda: None,
        cart_product_ids: Callable[[], list[str]] = list,
        offers: Offers | None = None,
        reviews: ReviewSource | None = None,
        size_guides: SizeGuideLookup | None = None,
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
        self._gallery = RowListModel(GALLERY_ROLES, self)
        self._gallery_refs: list[str] = []
        self._reviews_source = reviews
        self._reviews = RowListModel(REVIEW_ROLES, self)
        self._review_ticket = 0
        self._size_guide_source = size_guides
        self._size_guide: SizeGuide | None = None

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

    def _get_gallery(self) -> RowListModel:
        return self._gallery

    gallery = Property(QObject, _get_gallery, constant=True)

    def _get_reviews(self) -> RowListModel:
        return self._reviews

    reviews = Property(QObject, _get_reviews, constant=True)  # the page of review texts on show

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
        changed_variant = self._variant is None or self._variant.id != variant.id
        self._variant = variant
        if self.productId != product.id:
            self._set("zoomOpen", False)
            self._set("productId", product.id)
            self._load_related(product.id)
            self._set("reviewPage", 0)
            self._load_reviews()
            self._load_size_guide(product.id)
        if changed_variant:
            self._set("quantity", 1)
        self._fill_gallery(product, variant, lang)
        self._show_size_guide(lang)
        self._set("name", product.name.get(lang))
        self._set("brand", product.brand)
        self._set("description", product.description.get(lang))
        self._set("price", price_text(variant.price, lang))
        self._show_offer(product, variant, lang)
        was = variant.was_price
        self._set("wasPrice", price_text(was, lang) if was is not None else "")
        self._set("savingPercent", int((1 - variant.price.amount / was.amount) * 100) if was is not None else 0)
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
            available = stock.here if stock.here > 0 else stock.elsewhere
            self._set("maxQuantity", max(1, min(QUANTITY_LIMIT, available)))
            self._set("quantity", min(int(self.quantity), int(self.maxQuantity)))
            self._set("asOf", time_text(stock.as_of) if stock.as_of else "")
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

    def _fill_gallery(self, product: Product, current: Variant, lang: str) -> None:
        """Every distinct picture of the product, in variant order (one per colour) and then the product's own,
        labelled with its colour; the current variant's picture is the one on show."""
        refs: dict[str, str] = {}
        for v in product.variants:
            if v.image and v.image not in refs:
                colour = v.option("colour")
                refs[v.image] = colour.get(lang) if colour is not None else ""
        if product.image and product.image not in refs:
            refs[product.image] = ""
        if list(refs) != self._gallery_refs or any(
            row["label"] != refs[ref] for row, ref in zip(self._gallery.rows(), self._gallery_refs, strict=False)
        ):
            self._gallery_refs = list(refs)
            self._gallery.reset([{"picture": image_url(ref), "label": label} for ref, label in refs.items()])
        shown = current.image or product.image
        self.showPicture(self._gallery_refs.index(shown) if shown in self._gallery_refs else 0)

    @Slot(int)
    def showPicture(self, index: int) -> None:
        """The gallery was swiped (or an arrow pressed) to picture `index`."""
        if 0 <= index < len(self._gallery_refs):
            self._set("galleryIndex", index)
            self._set("galleryPicture", image_url(self._gallery_refs[index]))

    @Slot(bool)
    def setZoomOpen(self, on: bool) -> None:
        self._set("zoomOpen", bool(on) and bool(self._gallery_refs))

    @Slot()
    def nextPicture(self) -> None:
        self.showPicture(int(self.galleryIndex) + 1)

    @Slot()
    def previousPicture(self) -> None:
        self.showPicture(int(self.galleryIndex) - 1)

    @Slot()
    def increaseQuantity(self) -> None:
        self._set("quantity", min(int(self.maxQuantity), int(self.quantity) + 1))

    @Slot()
    def decreaseQuantity(self) -> None:
        self._set("quantity", max(1, int(self.quantity) - 1))

    def _load_reviews(self) -> None:
        """One page of review texts from the backend (online only: reviews are not kept in the cache). The
        backend hands out a product's reviews in a stable order from the first, so page n is the last
        REVIEWS_PER_PAGE of the first (n + 1) * REVIEWS_PER_PAGE."""
        product, source = self._product, self._reviews_source
        self._review_ticket += 1
        ticket = self._review_ticket
        self._reviews.reset([])
        if product is None or source is None or product.review_count <= 0:
            self._set("reviewPages", 0)
            self._set("reviewsState", "")
            return
        pages = -(-product.review_count // REVIEWS_PER_PAGE)
        self._set("reviewPages", pages)
        page = min(int(self.reviewPage), pages - 1)
        self._set("reviewsState", "loading")
        first, lang, product_id = page * REVIEWS_PER_PAGE, self._lang(), product.id

        def done(found: Sequence[Review] | None, error: Exception | None) -> None:
            if ticket != self._review_ticket:
                return
            if found is None:
                if error is not None and not isinstance(error, BackendUnavailableError):
                    _log.warning("reviews of %s could not be read: %s", product_id, type(error).__name__)
                self._set("reviewsState", "unavailable")
                return
            self._reviews.reset(
                [
                    {"author": r.author, "rating": int(r.rating), "title": r.title, "body": r.body,
                     "otherLanguage": r.lang != lang}
                    for r in list(found)[first : first + REVIEWS_PER_PAGE]
                ]
            )
            self._set("reviewsState", "ready")

        self._runner.read(lambda: list(source(product_id, first + REVIEWS_PER_PAGE)), done)

    def _load_size_guide(self, product_id: str) -> None:
        """Asks the backend for the product's size guide; offline (or none) the page offers no guide."""
        self._size_guide = None
        self._set("sizeGuideOpen", False)
        self._show_size_guide(self._lang())
        source = self._size_guide_source
        if source is None:
            return

        def done(guide: SizeGuide | None, error: Exception | None) -> None:
            if self.productId != product_id:
                return
            if error is not None and not isinstance(error, BackendUnavailableError):
                _log.warning("size guide of %s could not be read: %s", product_id, type(error).__name__)
            self._size_guide = guide
            self._show_size_guide(self._lang())

        self._runner.read(lambda: source(product_id), done)

    def _show_size_guide(self, lang: str) -> None:
        guide = self._size_guide
        self._set("hasSizeGuide", guide is not None)
        self._set("sizeGuideTitle", guide.title.get(lang) if guide else "")
        self._set("sizeGuideNote", guide.note.get(lang) if guide else "")
        self._set("sizeGuideColumns", [c.get(lang) for c in guide.columns] if guide else [])
        self._set("sizeGuideRows", [list(row) for row in guide.rows] if guide else [])

    @Slot(bool)
    def setSizeGuideOpen(self, on: bool) -> None:
        self._set("sizeGuideOpen", bool(on) and self._size_guide is not None)

    @Slot()
    def nextReviews(self) -> None:
        if int(self.reviewPage) + 1 < int(self.reviewPages):
            self._set("reviewPage", int(self.reviewPage) + 1)
            self._load_reviews()

    @Slot()
    def previousReviews(self) -> None:
        if int(self.reviewPage) > 0:
            self._set("reviewPage", int(self.reviewPage) - 1)
            self._load_reviews()

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
        quantity = int(self.quantity)
        self._add_to_cart(self._product, self._variant, quantity)
        self.addedToCart.emit(self.name if quantity == 1 else f"{quantity} × {self.name}")

    def set_delivery_days(self, days: tuple[int, int]) -> None:
        """Home delivery from the warehouse with the checkout's delivery method (core.fulfilment.delivery_days):
        the page quotes what the cart and the checkout will say."""
        self._set("warehouseDaysMin", days[0])
        self._set("warehouseDaysMax", days[1])

    def refresh_language(self) -> None:
        if self._product is not None and self._variant is not None:
            self._show(self._variant)

    def wipe(self) -> None:
        self._ticket += 1
        self._product = None
        self._variant = None
        text_properties = (
            "productId", "name", "brand", "description", "price", "offer", "offerPrice", "wasPrice", "image",
            "variantLabel", "sku",
        )  # fmt: skip
        for name in (*text_properties, "asOf", "stockState", "stockWords"):
            self._set(name, "")
        self._set("loaded", False)
        self._set("withdrawn", False)
        self._set("savingPercent", 0)
        self._colours.reset([])
        self._sizes.reset([])
        self._stores.reset([])
        self._related.reset([])
        self._gallery_refs = []
        self._gallery.reset([])
        self._set("galleryIndex", 0)
        self._set("galleryPicture", "")
        self._set("zoomOpen", False)
        self._set("quantity", 1)
        self._set("maxQuantity", 1)
        self._review_ticket += 1
        self._reviews.reset([])
        self._set("reviewsState", "")
        self._set("reviewPage", 0)
        self._set("reviewPages", 0)


def variant_label(variant: Variant, lang: str) -> str:
    return " · ".join(value.get(lang) for _, value in variant.options)
