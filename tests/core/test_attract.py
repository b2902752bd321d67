"""The attract loop's content policy: slides checked, the backend's kept in the cache, the cache offline, the
built-in slides while nothing was ever cached."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.core.attract import (
    DEFAULT_CONTENT,
    DEFAULT_SLIDES,
    MAX_SLIDES,
    AttractContent,
    AttractError,
    AttractSlide,
    SlideKind,
    refresh_attract,
    slide_from_record,
    slide_record,
    slides_from_records,
)
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.storage.attract_cache import JsonAttractCache

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SLIDE = AttractSlide("s1", SlideKind.PROMOTION, LocalizedText("Socks: 3 for 2", "Calcetines: 3 por 2"),
                     LocalizedText("Mix and match", "Combínalos"), image="demo:p0000003:navy", product_id="p0000003")  # fmt: skip


class FakeAttractSource:
    def __init__(self, slides: Sequence[AttractSlide] = (), error: Exception | None = None) -> None:
        self.slides, self.error, self.calls = tuple(slides), error, 0

    def attract_slides(self, store_id: str) -> Sequence[AttractSlide]:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.slides


def test_a_record_round_trips_and_bad_records_say_why() -> None:
    assert slide_from_record(slide_record(SLIDE)) == SLIDE
    assert slide_from_record({"id": "x", "kind": "scan_hint", "title": "Scan me"}).title == LocalizedText.same("Scan me")
    with pytest.raises(AttractError, match="^Unknown slide kind 'banner'$"):
        slide_from_record({"id": "x", "kind": "banner", "title": "Hi"})
    with pytest.raises(AttractError, match="^Slide x has no title$"):
        slide_from_record({"id": "x", "kind": "promotion", "title": {"en": " ", "es": ""}})
    with pytest.raises(AttractError, match="^Slide x: text longer than 80 characters$"):
        slide_from_record({"id": "x", "kind": "promotion", "title": "a" * 81})
    with pytest.raises(AttractError, match="^A slide needs an id$"):
        slide_from_record({"kind": "promotion", "title": "Hi"})


def test_a_bad_slide_is_left_out_not_the_loop_and_the_loop_is_capped() -> None:
    records = [slide_record(SLIDE), {"id": "bad", "kind": "nope", "title": "x"}, slide_record(SLIDE)]
    assert slides_from_records(records) == (SLIDE,)  # the duplicate id too
    many = [{"id": f"s{n}", "kind": "scan_hint", "title": f"Tip {n}"} for n in range(20)]
    assert len(slides_from_records(many)) == MAX_SLIDES


def test_online_the_backend_slides_are_shown_and_cached(tmp_path: Path) -> None:
    cache = JsonAttractCache(tmp_path, "madrid")
    source = FakeAttractSource([SLIDE])
    content = refresh_attract(source, cache, "madrid", lambda: NOW)
    assert content == AttractContent((SLIDE,), NOW) and not content.built_in
    assert cache.load() == content


def test_offline_the_cached_slides_else_the_built_in_ones(tmp_path: Path) -> None:
    cache = JsonAttractCache(tmp_path, "madrid")
    offline = FakeAttractSource(error=BackendUnavailableError("no network"))
    assert refresh_attract(offline, cache, "madrid", lambda: NOW) is DEFAULT_CONTENT  # nothing cached yet
    assert cache.load() is None
    refresh_attract(FakeAttractSource([SLIDE]), cache, "madrid", lambda: NOW)
    assert refresh_attract(offline, cache, "madrid", lambda: NOW).slides == (SLIDE,)
    refused = FakeAttractSource(error=BackendRejectedError("bad file"))
    assert refresh_attract(refused, cache, "madrid", lambda: NOW).slides == (SLIDE,)
    assert refresh_attract(None, cache, "madrid", lambda: NOW).slides == (SLIDE,)  # a backend without slides


def test_a_store_with_no_slides_of_its_own_gets_the_built_in_ones_cached(tmp_path: Path) -> None:
    cache = JsonAttractCache(tmp_path, "madrid")
    content = refresh_attract(FakeAttractSource([]), cache, "madrid", lambda: NOW)
    assert content.slides == DEFAULT_SLIDES and content.fetched_at == NOW
    assert cache.load() == content


def test_the_cache_ignores_another_stores_file_and_a_broken_one(tmp_path: Path) -> None:
    JsonAttractCache(tmp_path, "madrid").save(AttractContent((SLIDE,), NOW))
    assert JsonAttractCache(tmp_path, "barcelona").load() is None  # the kiosk was moved to another store
    (tmp_path / "attract.json").write_text("{not json", encoding="utf-8")
    assert JsonAttractCache(tmp_path, "madrid").load() is None
    (tmp_path / "attract.json").write_text('{"format": 1, "store_id": "madrid", "slides": 3}', encoding="utf-8")
    assert JsonAttractCache(tmp_path, "madrid").load() is None
    assert not list(tmp_path.glob("*.tmp"))


def test_the_built_in_slides_are_in_both_languages() -> None:
    for slide in DEFAULT_SLIDES:
        assert slide.title.en and slide.title.es and slide.body.en and slide.body.es
