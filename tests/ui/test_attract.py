"""The attract loop (issue 18): the store's slides from the backend in turn, standing still while touched,
each read by the screen reader, in the screen's language; offline from the cache, and the built-in slides
when there is no cache."""

from __future__ import annotations

from kiosk.app import KioskApp
from kiosk.core.attract import PAUSE_AFTER_TOUCH_SECONDS, SLIDE_SECONDS
from kiosk.storage.attract_cache import CACHE_FILE
from kiosk.ui.devtools.accessibility_audit import Role, window_nodes
from tests.fakes import FakeClock
from tests.ui.helpers import find, tap, text_of, wait_for_frame


def _fetched(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    attract = kiosk.app_vm.attract
    qtbot.waitUntil(lambda: not attract.builtIn and attract.count > 1, timeout=10000)


def test_the_loop_rotates_stands_still_when_touched_and_reads_each_slide(kiosk: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    window, vm, attract = kiosk.window, kiosk.app_vm, kiosk.app_vm.attract
    _fetched(kiosk, qtbot)
    rows = attract.slides.rows()
    assert [r["slideId"] for r in rows][:3] == ["mad-trainers", "mad-new-1", "mad-scan"]  # madrid-gran-via's loop
    product = kiosk.services.store.product("p0000001")
    assert product is not None
    assert rows[0]["body"] == f"{product.name.en} and more, this week only, here and online."
    assert rows[0]["image"] != "" and rows[2]["image"] == ""

    # one slide every SLIDE_SECONDS, round and round
    assert attract.current == 0
    for expected in [*range(1, attract.count), 0]:
        clock.advance(SLIDE_SECONDS - 1)
        attract.tick()
        assert attract.current == (expected - 1) % attract.count  # not yet
        clock.advance(1)
        attract.tick()
        assert attract.current == expected

    # the screen reader reads the slide on screen: its kind, title and text
    wait_for_frame(qtbot, window)
    slide = next(n for n in window_nodes(window) if n.path.endswith("attractSlide_mad-trainers"))
    assert slide.role == Role.Button
    assert slide.name == f"Offer: This week: 20% off. {rows[0]['body']}"
    assert slide.description == f"Slide 1 of {attract.count}"
    assert text_of(window, "attractSlidePosition") == f"Slide 1 of {attract.count}"

    # a tap on the arrows moves and holds the loop for PAUSE_AFTER_TOUCH_SECONDS
    tap(window, find(window, "attractNext"))
    assert attract.current == 1 and attract.paused
    clock.advance(PAUSE_AFTER_TOUCH_SECONDS - 1)
    attract.tick()
    assert attract.current == 1
    wait_for_frame(qtbot, window)
    assert text_of(window, "attractSlidePosition") == f"Paused · Slide 2 of {attract.count}"
    clock.advance(1)
    attract.tick()
    assert not attract.paused
    clock.advance(SLIDE_SECONDS)
    attract.tick()
    assert attract.current == 2
    tap(window, find(window, "attractPrevious"))
    assert attract.current == 1

    # a finger on the slide holds it for as long as it stays there
    attract.setHeld(True)
    clock.advance(10 * SLIDE_SECONDS)
    attract.tick()
    assert attract.current == 1 and attract.paused
    attract.setHeld(False)

    # only the attract page rotates
    vm.start()
    clock.advance(PAUSE_AFTER_TOUCH_SECONDS + 5 * SLIDE_SECONDS)
    attract.tick()
    assert attract.current == 1

    vm.setLanguage("es")
    try:
        qtbot.waitUntil(lambda: attract.slides.get(2)["title"] == "Escanéame")
        assert attract.slides.get(0)["kindLabel"] == "Oferta"
        assert attract.slides.get(0)["body"] == f"{product.name.es} y más, solo esta semana, aquí y online."
    finally:
        vm.setLanguage("en")


def test_a_tap_on_a_product_slide_opens_the_product(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm, attract = kiosk.window, kiosk.app_vm, kiosk.app_vm.attract
    _fetched(kiosk, qtbot)
    wait_for_frame(qtbot, window)
    tap(window, find(window, "attractSlide_mad-trainers"))
    qtbot.waitUntil(lambda: vm.page == "product", timeout=5000)
    assert vm.product.productId == "p0000001"
    assert attract.current == 0


def test_offline_the_cached_slides_and_with_no_cache_the_built_in_ones(kiosk: KioskApp, qtbot, demo_backend, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    attract = kiosk.app_vm.attract
    _fetched(kiosk, qtbot)
    fetched_at = attract.content.fetched_at
    slides = attract.content.slides
    cache_file = kiosk.services.config.data_dir / CACHE_FILE
    assert cache_file.exists()
    clock.advance(3600)
    demo_backend.offline = True
    try:
        attract.refresh()  # the store cannot be reached: the cached slides stay, as fetched an hour ago
        kiosk.runner.wait_idle()
        qtbot.waitUntil(lambda: not attract._loading)
        assert attract.content.slides == slides and attract.content.fetched_at == fetched_at
        assert not attract.builtIn

        cache_file.unlink()  # a kiosk that never reached its store: the built-in slides
        attract.refresh()
        qtbot.waitUntil(lambda: attract.builtIn, timeout=5000)
        assert [attract.slides.get(i)["slideId"] for i in range(attract.count)] == [
            "default-endless-aisle", "default-scan", "default-loyalty"
        ]
    finally:
        demo_backend.offline = False
    attract.refresh()  # back online: the store's slides again, cached anew
    qtbot.waitUntil(lambda: not attract.builtIn, timeout=5000)
    assert attract.content.fetched_at == clock.now() and cache_file.exists()

    # a restart reads the cache before the backend is up
    attract.load_cached()
    kiosk.runner.wait_idle()
    qtbot.waitUntil(lambda: not attract._loading)
    assert attract.content.fetched_at == clock.now() and attract.content.slides == slides
