"""Joining the loyalty programme: what the kiosk accepts and refuses, word for word, before any backend call."""

from __future__ import annotations

import pytest

from kiosk.core.enrolment import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    ContactKind,
    EnrolmentError,
    enrolment_request,
    join_url,
    normalise_email,
    normalise_phone,
    wishlist_url,
)


def _request(kind: ContactKind, contact: str, *, name: str = "Ana", consent: bool = True, lang: str = "es"):  # type: ignore[no-untyped-def]
    return enrolment_request(
        kind, contact, first_name=name, consent=consent, language=lang, store_id="madrid", device_id="k1"
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ana@example.com", "ana@example.com"),
        ("  Ana.López@Example.COM ", "ana.lópez@example.com"),
        ("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk"),
    ],
)
def test_emails_are_trimmed_and_lower_cased(typed: str, stored: str) -> None:
    assert normalise_email(typed) == stored


@pytest.mark.parametrize("typed", ["ana", "ana@", "@example.com", "ana@example", "ana@@example.com", "an a@example.com",
                                   "ana@example..com", "a" * 250 + "@example.com"])
def test_bad_emails_are_refused_in_both_languages(typed: str) -> None:
    with pytest.raises(EnrolmentError) as caught:
        normalise_email(typed)
    assert caught.value.text.en == "This email address is not valid. Write it like name@example.com."
    assert caught.value.text.es == "Este correo no es válido. Escríbelo así: nombre@ejemplo.com."


def test_an_empty_email_asks_for_one() -> None:
    with pytest.raises(EnrolmentError, match=r"^Enter your email address\.$") as caught:
        normalise_email("   ")
    assert caught.value.text.es == "Escribe tu correo electrónico."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("600 123 456", "+34600123456"),
        ("+34 600-123-456", "+34600123456"),
        ("0034 (600) 123.456", "+34600123456"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
    ],
)
def test_phones_get_their_country_prefix(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["60012345", "600 12a 456", "+34 600 123 456 789 012", "+0 600 123 456", "++34600123456"])
def test_bad_phones_are_refused_in_both_languages(typed: str) -> None:
    with pytest.raises(EnrolmentError) as caught:
        normalise_phone(typed)
    assert caught.value.text.en == "This phone number is not valid. Use 9 to 15 digits, like 600 123 456 or +34 600 123 456."
    assert caught.value.text.es == "Este teléfono no es válido. Usa de 9 a 15 cifras, como 600 123 456 o +34 600 123 456."


def test_a_nine_digit_number_is_national_only_in_spain() -> None:
    assert normalise_phone("600123456", "ES") == "+34600123456"
    assert normalise_phone("600123456", "PT") == "+600123456"


def test_the_request_carries_the_consent_words_shown_in_the_shoppers_language() -> None:
    request = _request(ContactKind.PHONE, "600 123 456", name="  Ana   María ", lang="es")
    assert (request.contact, request.first_name) == ("+34600123456", "Ana María")
    assert (request.consent_version, request.consent_text) == (CONSENT_VERSION, CONSENT_TEXT.es)
    assert _request(ContactKind.EMAIL, "ana@example.com", lang="en").consent_text == CONSENT_TEXT.en


@pytest.mark.parametrize(
    ("kwargs", "en", "es"),
    [
        ({"consent": False}, "To join, tick the box to agree to the programme's terms.",
         "Para unirte, marca la casilla y acepta las condiciones del programa."),
        ({"name": "  "}, "Enter your first name, so we can greet you.", "Escribe tu nombre para que podamos saludarte."),
        ({"name": "x" * 61}, "Your first name can have at most 60 characters.",
         "Tu nombre puede tener como máximo 60 caracteres."),
    ],
)
def test_name_and_consent_are_required(kwargs: dict[str, object], en: str, es: str) -> None:
    with pytest.raises(EnrolmentError) as caught:
        _request(ContactKind.EMAIL, "ana@example.com", **kwargs)  # type: ignore[arg-type]
    assert (caught.value.text.en, caught.value.text.es, str(caught.value)) == (en, es, en)


def test_the_contact_is_checked_before_the_consent() -> None:
    with pytest.raises(EnrolmentError, match=r"^Enter your phone number\.$"):
        _request(ContactKind.PHONE, "", consent=False)


def test_the_links_name_the_store_never_the_shopper() -> None:
    assert join_url("shop.example.com", "madrid gran vía") == "https://shop.example.com/loyalty/join?store=madrid%20gran%20v%C3%ADa"
    assert wishlist_url("shop.example.com") == "https://shop.example.com/account/wishlist"
