"""The product page's gallery, zoom, quantity and review texts (issue 18), by finger and by keypad, in English
and Spanish, every new control with an accessible name."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest

from kiosk.app import KioskApp
from kiosk.core.catalog import Product
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, settle_layout, tap, text_of
from tests.ui.test_keypad_speech import press

NEW_CONTROLS = ("galleryPrevious", "galleryNext", "zoomButton", "quantityLess", "quantityMore", "reviewsNext")


def _product(kiosk: KioskApp) -> Product:
    """A popular product with several colour pictures, a page of reviews and three or more on this store's shelf."""
    store = kiosk.services.store
    for hit in store.popular(300):
        product = store.product(hit.product_id)
        assert product is not None
        pictures = {v.image for v in product.variants if v.image}
        here = store.availability(product.variants[0]).here if product.variants else 0
        if len(pictures) >= 3 and product.review_count >= 7 and here >= 3:
            return product
    raise AssertionError("the demo catalog has no product with three pictures, 7 reviews and 3 on the shelf")


def _open(kiosk: KioskApp, qtbot, product: Product) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    vm.openProduct(product.id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.asOf != "", timeout=10000)
    qtbot.waitUntil(lambda: vm.product.reviewsState == "ready", timeout=10000)


def _shown_source(window: QQuickWindow) -> str:
    return str(find(window, "productImage").property("source").toString())


def _swipe_left(window: QQuickWindow, name: str) -> None:
    """A finger dragged right to left across most of the item, in small steps as a touch screen reports it."""
    item = find(window, name)
    settle_layout(item)
    start = item.mapToScene(QPointF(item.width() * 0.85, item.height() / 2))
    y = int(start.y())
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(start.x()), y))
    for step in range(1, 21):
        x = int(start.x() - item.width() * 0.7 * step / 20)
        QTest.mouseMove(window, QPoint(x, y), 10)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(int(start.x() - item.width() * 0.7), y), 10)  # fmt: skip


def test_the_gallery_swipes_and_the_zoom_opens_and_closes_by_keypad(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    product = _product(kiosk)
    _open(kiosk, qtbot, product)
    page = vm.product
    rows = page.gallery.rows()
    assert len(rows) == len({v.image for v in product.variants if v.image} | {product.image} - {None})
    first = page.galleryIndex
    qtbot.waitUntil(lambda: _shown_source(window) == rows[first]["picture"])

    # a swipe shows the next picture, and the view-model knows which one is on show
    if first == len(rows) - 1:
        tap(window, find(window, "galleryPrevious"))
        qtbot.waitUntil(lambda: page.galleryIndex == first - 1)
        first -= 1
    _swipe_left(window, "galleryView")
    qtbot.waitUntil(lambda: page.galleryIndex == first + 1)
    qtbot.waitUntil(lambda: _shown_source(window) == rows[first + 1]["picture"])
    assert page.galleryPicture == rows[first + 1]["picture"]
    gallery_name = QAccessible.queryAccessibleInterface(find(window, "galleryView")).text(QAccessible.Text.Name)
    assert gallery_name == f"{product.name.en}, picture {first + 2} of {len(rows)}"

    # the arrows do the same for a finger that cannot swipe
    qtbot.waitUntil(lambda: not find(window, "galleryView").property("moving"))
    tap(window, find(window, "galleryPrevious"))
    qtbot.waitUntil(lambda: page.galleryIndex == first)

    # choosing a colour shows that colour's picture
    other = next(v for v in product.variants if v.image != rows[page.galleryIndex]["picture"] and v.option("colour"))
    colour = other.option("colour")
    assert colour is not None
    tap(window, find(window, f"colourSwatch-{colour.en}"))
    qtbot.waitUntil(lambda: rows[page.galleryIndex]["label"] == colour.en)

    # the zoom: opened from the keypad, bigger with its buttons, closed with its button or Escape
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    zoom_button = find(window, "zoomButton")
    zoom_button.forceActiveFocus(Qt.FocusReason.TabFocusReason)
    press(window, Qt.Key.Key_Space)
    zoom = find(window, "zoomView")
    qtbot.waitUntil(lambda: zoom.isVisible() and window.activeFocusItem() is not None
                    and window.activeFocusItem().objectName() == "zoomClose")  # fmt: skip
    assert page.zoomOpen and find(window, "zoomedImage").property("source").toString() == page.galleryPicture
    find(window, "zoomIn").forceActiveFocus(Qt.FocusReason.TabFocusReason)
    press(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: zoom.property("zoomScale") > 1.4)
    find(window, "zoomOut").forceActiveFocus(Qt.FocusReason.TabFocusReason)
    press(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: zoom.property("zoomScale") == 1.0)
    find(window, "zoomClose").forceActiveFocus(Qt.FocusReason.TabFocusReason)
    press(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not zoom.isVisible())
    # and by finger, then Escape
    tap(window, find(window, "zoomButton"))
    qtbot.waitUntil(zoom.isVisible)
    press(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not zoom.isVisible())
    assert vm.page == "product"
    tap(window, find(window, "zoomButton"))
    qtbot.waitUntil(zoom.isVisible)
    tap(window, find(window, "zoomIn"))
    qtbot.waitUntil(lambda: zoom.property("zoomScale") > 1.4)
    tap(window, find(window, "zoomClose"))
    qtbot.waitUntil(lambda: not zoom.isVisible())


def test_the_quantity_picker_adds_that_many_and_stops_at_what_is_available(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    product = _product(kiosk)
    _open(kiosk, qtbot, product)
    page = vm.product
    here = kiosk.services.store.availability(next(v for v in product.variants if v.sku == page.sku)).here
    assert page.maxQuantity == min(10, here) and page.quantity == 1
    assert find(window, "quantityLess").property("enabled") is False
    for _ in range(page.maxQuantity + 2):  # pressing past the limit does nothing
        if find(window, "quantityMore").property("enabled"):
            tap(window, find(window, "quantityMore"))
    qtbot.waitUntil(lambda: page.quantity == page.maxQuantity)
    assert text_of(window, "quantityValue") == str(page.maxQuantity)
    tap(window, find(window, "quantityLess"))
    qtbot.waitUntil(lambda: page.quantity == page.maxQuantity - 1)
    wanted = page.quantity
    name = QAccessible.queryAccessibleInterface(find(window, "addToCartButton")).text(QAccessible.Text.Name)
    assert name == f"Add to cart: {wanted} items"
    tap(window, find(window, "addToCartButton"))
    qtbot.waitUntil(lambda: vm.cart.count == wanted)
    assert [line.quantity for line in vm.cart.cart.lines] == [wanted]
    qtbot.waitUntil(lambda: text_of(window, "addedToast") == f"Added to your cart: {wanted} × {product.name.en}")


def test_review_texts_are_paged_in_both_languages(make_kiosk: MakeKiosk, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    product = _product(kiosk)
    _open(kiosk, qtbot, product)
    page = vm.product
    written = list(demo_backend.reviews(product.id, 6))
    pages = -(-product.review_count // 3)
    assert page.reviewPages == pages
    assert [r["title"] for r in page.reviews.rows()] == [r.title for r in written[:3]]
    assert text_of(window, "reviewsPage") == f"Page 1 of {pages}"
    tap(window, find(window, "reviewsNext"))
    qtbot.waitUntil(lambda: page.reviewPage == 1 and page.reviewsState == "ready")
    assert [r["title"] for r in page.reviews.rows()] == [r.title for r in written[3:6]]
    assert text_of(window, "reviewsPage") == f"Page 2 of {pages}"
    for name in (*NEW_CONTROLS, "reviewsPrevious", "addToCartButton"):
        iface = QAccessible.queryAccessibleInterface(find(window, name))
        assert iface is not None and iface.text(QAccessible.Text.Name), name
    vm.setLanguage("es")
    try:
        qtbot.waitUntil(lambda: text_of(window, "reviewsPage") == f"Página 2 de {pages}")
        spoken = {
            name: QAccessible.queryAccessibleInterface(find(window, name)).text(QAccessible.Text.Name)
            for name in (*NEW_CONTROLS, "reviewsPrevious")
        }
        assert spoken == {
            "galleryPrevious": "Foto anterior",
            "galleryNext": "Foto siguiente",
            "zoomButton": "Ampliar la foto",
            "quantityLess": "Una menos",
            "quantityMore": "Una más",
            "reviewsNext": "Más opiniones",
            "reviewsPrevious": "Opiniones anteriores",
        }
        tap(window, find(window, "reviewsPrevious"))
        qtbot.waitUntil(lambda: page.reviewPage == 0 and page.reviewsState == "ready")
        assert text_of(window, "reviewsPage") == f"Página 1 de {pages}"
    finally:
        vm.setLanguage("en")  # the translator is application-wide, and the application outlives this kiosk


def test_a_marked_down_variant_shows_its_compare_at_price(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm, store = kiosk.window, kiosk.app_vm, kiosk.services.store
    vm.start()
    found = None
    for hit in store.popular(300):
        product = store.product(hit.product_id)
        assert product is not None
        if product.variants[0].was_price is None:
            continue
        vm.openProduct(product.id)
        qtbot.waitUntil(lambda p=product: vm.page == "product" and vm.product.productId == p.id, timeout=10000)
        if not vm.product.offerPrice:  # a promotion's price block says "was" itself (checked in its own tests)
            found = product
            break
    assert found is not None, "the demo store marks some products down"
    variant = next(v for v in found.variants if v.sku == vm.product.sku)
    was, now = variant.was_price, variant.price
    assert was is not None
    saving = int((1 - now.amount / was.amount) * 100)
    assert find(window, "compareAtRow").isVisible()
    assert text_of(window, "productWasPrice") == f"Was {was.format('en')}"
    assert text_of(window, "productSaving") == f"Save {saving}%"
    spoken = QAccessible.queryAccessibleInterface(find(window, "compareAtRow")).text(QAccessible.Text.Name)
    assert spoken == f"Was {was.format('en')}, now {now.format('en')}: you save {saving}%"
    vm.setLanguage("es")
    try:
        qtbot.waitUntil(lambda: text_of(window, "productWasPrice") == f"Antes {was.format('es')}")
        assert text_of(window, "productSaving") == f"Ahorras un {saving}%"
    finally:
        vm.setLanguage("en")
    # a product at its full price has no such row
    full = next(p for p in (store.product(h.product_id) for h in store.popular(300)) if p and p.variants[0].compare_at is None)
    vm.openProduct(full.id)
    qtbot.waitUntil(lambda: vm.product.productId == full.id)
    assert not find(window, "compareAtRow").isVisible()


def test_a_garment_offers_its_size_guide_and_a_mug_none(make_kiosk: MakeKiosk, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm, store = kiosk.window, kiosk.app_vm, kiosk.services.store
    hits = list(store.popular(300))
    garment = next(h.product_id for h in hits if demo_backend.size_guide(h.product_id) is not None)
    plain = next(h.product_id for h in hits if demo_backend.size_guide(h.product_id) is None
                 and any(v.option("size") for v in store.product(h.product_id).variants))  # type: ignore[union-attr]  # fmt: skip
    guide = demo_backend.size_guide(garment)
    vm.start()
    vm.openProduct(garment)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.hasSizeGuide, timeout=10000)
    button = find(window, "sizeGuideButton")
    assert button.isVisible() and text_of(window, "sizeGuideButton") == "Size guide"
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    button.forceActiveFocus(Qt.FocusReason.TabFocusReason)
    press(window, Qt.Key.Key_Return)
    dialog = find(window, "sizeGuideDialog")
    qtbot.waitUntil(lambda: dialog.isVisible() and window.activeFocusItem() is not None
                    and window.activeFocusItem().objectName() == "sizeGuideClose")  # fmt: skip
    assert text_of(window, "sizeGuideTitle") == guide.title.en
    assert vm.product.sizeGuideColumns == [c.en for c in guide.columns]
    assert vm.product.sizeGuideRows == [list(r) for r in guide.rows]
    table = QAccessible.queryAccessibleInterface(find(window, "sizeGuideTable"))
    cells = [table.child(i).text(QAccessible.Text.Name) for i in range(table.childCount())]
    assert cells[: len(guide.columns) + len(guide.rows[0])] == [c.en for c in guide.columns] + list(guide.rows[0])
    press(window, Qt.Key.Key_Escape)  # the keypad's Escape closes the dialog, not the page
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert vm.page == "product"
    vm.setLanguage("es")
    try:
        qtbot.waitUntil(lambda: text_of(window, "sizeGuideButton") == "Guía de tallas")
        tap(window, find(window, "sizeGuideButton"))
        qtbot.waitUntil(dialog.isVisible)
        assert text_of(window, "sizeGuideTitle") == guide.title.es
        assert vm.product.sizeGuideColumns == [c.es for c in guide.columns]
        # the close button, pressed from the keypad (it has the focus: the demo scanner's tab, a known
        # fault of issue 18, overlaps where it sits on this screen), then a finger on the scrim beside the card
        qtbot.waitUntil(lambda: window.activeFocusItem() is not None
                        and window.activeFocusItem().objectName() == "sizeGuideClose")  # fmt: skip
        press(window, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        tap(window, find(window, "sizeGuideButton"))
        qtbot.waitUntil(dialog.isVisible)
        corner = dialog.mapToScene(QPointF(8, 8))
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(corner.x()), int(corner.y())))  # fmt: skip
        qtbot.waitUntil(lambda: not dialog.isVisible())
    finally:
        vm.setLanguage("en")
    # a product with sizes but no guide (a ball, a pan) offers none
    vm.openProduct(plain)
    qtbot.waitUntil(lambda: vm.product.productId == plain and vm.product.reviewsState != "loading")
    qtbot.waitUntil(lambda: not vm.product.hasSizeGuide)
    assert not find(window, "sizeGuideButton").isVisible()
