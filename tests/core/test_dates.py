"""The one date formatter: day first with a month name in both languages, on the wall clock of the zone given."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.dates import (
    MONTH_NAMES,
    date_text,
    datetime_text,
    day_month_text,
    moment_date_text,
    month_name,
    time_text,
)
from kiosk.core.i18n import SUPPORTED_LANGUAGES, LocalizedText

MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")


def test_every_month_has_its_name_in_both_languages() -> None:
    months = [date(2026, m, 13) for m in range(1, 13)]
    assert [date_text(d, "en") for d in months] == [
        "13 Jan 2026", "13 Feb 2026", "13 Mar 2026", "13 Apr 2026", "13 May 2026", "13 Jun 2026",
        "13 Jul 2026", "13 Aug 2026", "13 Sep 2026", "13 Oct 2026", "13 Nov 2026", "13 Dec 2026",
    ]  # fmt: skip
    assert [date_text(d, "es") for d in months] == [
        "13 ene 2026", "13 feb 2026", "13 mar 2026", "13 abr 2026", "13 may 2026", "13 jun 2026",
        "13 jul 2026", "13 ago 2026", "13 sept 2026", "13 oct 2026", "13 nov 2026", "13 dic 2026",
    ]  # fmt: skip
    assert set(MONTH_NAMES) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(
    ("day", "en", "es"),
    [
        (date(2026, 1, 1), "1 Jan 2026", "1 ene 2026"),
        (date(2026, 1, 31), "31 Jan 2026", "31 ene 2026"),
        (date(2026, 2, 1), "1 Feb 2026", "1 feb 2026"),
        (date(2026, 2, 28), "28 Feb 2026", "28 feb 2026"),
        (date(2028, 2, 29), "29 Feb 2028", "29 feb 2028"),
        (date(2026, 3, 1), "1 Mar 2026", "1 mar 2026"),
        (date(2026, 12, 31), "31 Dec 2026", "31 dic 2026"),
        (date(2027, 1, 1), "1 Jan 2027", "1 ene 2027"),
    ],
)
def test_month_boundaries_keep_day_and_month_together(day: date, en: str, es: str) -> None:
    assert (date_text(day, "en"), date_text(day, "es")) == (en, es)
    assert (day_month_text(day, "en"), day_month_text(day, "es")) == (en.rsplit(" ", 1)[0], es.rsplit(" ", 1)[0])


@pytest.mark.parametrize("lang", ["fr", "", "EN", "es-ES"])
def test_a_language_without_month_names_reads_english(lang: str) -> None:
    assert date_text(date(2026, 12, 13), lang) == "13 Dec 2026"
    assert day_month_text(date(2026, 9, 3), lang) == "3 Sep"
    assert month_name(5, lang) == "May"
    assert datetime_text(datetime(2026, 12, 13, 9, 5, tzinfo=UTC), lang, UTC) == "13 Dec 2026, 09:05"


def test_a_utc_moment_is_named_by_the_local_day_of_the_zone_given() -> None:
    new_year_in_madrid = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Madrid
    assert moment_date_text(new_year_in_madrid, MADRID) == LocalizedText("1 Jan 2027", "1 ene 2027")
    assert moment_date_text(new_year_in_madrid, UTC) == LocalizedText("31 Dec 2026", "31 dic 2026")
    assert datetime_text(new_year_in_madrid, "es", MADRID) == "1 ene 2027, 00:30"
    assert time_text(new_year_in_madrid, MADRID) == "00:30"
    still_last_year_in_new_york = datetime(2027, 1, 1, 3, 0, tzinfo=UTC)  # 22:00 on 31 December there
    assert moment_date_text(still_last_year_in_new_york, NEW_YORK) == LocalizedText("31 Dec 2026", "31 dic 2026")
    assert datetime_text(still_last_year_in_new_york, "en", NEW_YORK) == "31 Dec 2026, 22:00"
    end_of_march = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)  # a month boundary crossed by the zone: 1 April
    assert moment_date_text(end_of_march, MADRID) == LocalizedText("1 Apr 2026", "1 abr 2026")
    assert moment_date_text(end_of_march, timezone(timedelta(hours=1))) == LocalizedText("31 Mar 2026", "31 mar 2026")


@pytest.fixture
def machine_in_madrid(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's own zone set to Madrid (what `datetime.astimezone()` reads), restored after."""
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("machine_in_madrid")
def test_no_zone_is_the_machines_zone_with_its_rules_on_that_day() -> None:
    winter = datetime(2026, 12, 7, 9, 15, tzinfo=UTC)
    summer = datetime(2026, 7, 31, 22, 30, tzinfo=UTC)  # 00:30 on 1 August (summer time, UTC+2)
    assert datetime_text(winter, "es") == "7 dic 2026, 10:15"
    assert datetime_text(summer, "en") == "1 Aug 2026, 00:30"
    assert moment_date_text(summer) == LocalizedText("1 Aug 2026", "1 ago 2026")
    assert time_text(summer) == "00:30"
