"""Dates and times as a shopper or associate reads them, the same in every message, screen and receipt.

Day first with a month name in both languages ("13 dic 2026", "13 Dec 2026"): "13/12/2026" in a coupon message
beside "13 dic 2026" on the next screen read as two different things, and a numeric date is read month-first by
some shoppers. The month names are a table here, not the C library's `%b`, which follows the process locale
(a Spanish locale wrote "dic." in the English message). Pure: the time zone is the caller's, passed in.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from kiosk.core.i18n import DEFAULT_LANGUAGE, LocalizedText

# CLDR's abbreviated month names (format context), without the Spanish full stop, as the shop writes them.
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
}


def month_name(month: int, lang: str) -> str:
    """The short name of month 1-12 in `lang`; a language without a table reads English."""
    return MONTH_NAMES.get(lang, MONTH_NAMES[DEFAULT_LANGUAGE])[month - 1]


def day_month_text(day: date, lang: str) -> str:
    """ "13 dic" / "13 Dec": a date within the coming months, where the year goes without saying."""
    return f"{day.day} {month_name(day.month, lang)}"


def date_text(day: date, lang: str) -> str:
    """ "13 dic 2026" / "13 Dec 2026"."""
    return f"{day_month_text(day, lang)} {day.year}"


def local_time(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """`moment` on the wall clock of `zone`; None is this machine's zone with its rules on that day (a naive
    moment is taken as already local, as `datetime.astimezone` does)."""
    return moment.astimezone(zone)


def time_text(moment: datetime, zone: tzinfo | None = None) -> str:
    """24-hour local time, as both languages read it in a Spanish store: "10:15"."""
    return f"{local_time(moment, zone):%H:%M}"


def datetime_text(moment: datetime, lang: str, zone: tzinfo | None = None) -> str:
    """ "13 dic 2026, 10:15": the local day of `moment` and its local time."""
    local = local_time(moment, zone)
    return f"{date_text(local.date(), lang)}, {local:%H:%M}"


def moment_date_text(moment: datetime, zone: tzinfo | None = None) -> LocalizedText:
    """The local day of `moment` in both languages, for a message built in both at once (a coupon's dates).
    The day is the zone's: 23:30 UTC on 31 December is already 1 January in Madrid."""
    day = local_time(moment, zone).date()
    return LocalizedText(date_text(day, "en"), date_text(day, "es"))
