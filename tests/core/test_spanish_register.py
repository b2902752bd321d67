"""Spanish addresses the shopper as "tú" everywhere (issue 18: the app used "tú", the scanning messages and the
printed slip "usted"). The forms below are the "usted" imperatives and possessives the kiosk once used or
would reach for; any of them in shopper-facing Spanish fails."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.core.scanning.messages import MESSAGES
from kiosk.core.slip import LABELS
from kiosk.core.stock import STOCK_WORDS

USTED = re.compile(
    r"\b(usted|ustedes|vuelva|inténtelo|escanee|pida|entrégueselo|pulse|toque|elija|seleccione|introduzca|"
    r"escriba|acerque|espere|compruebe|llame|muestre|recoja|su pedido|sus datos|su carrito|su tarjeta)\b",
    re.IGNORECASE,
)
TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "kiosk_es.ts"


def _spanish() -> list[str]:
    texts = [t.es for t in (*MESSAGES.values(), *LABELS.values(), *STOCK_WORDS.values())]
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None:
            texts += [translation.text or "", *(form.text or "" for form in translation.iter("numerusform"))]
    return texts


def test_no_shopper_facing_spanish_uses_usted() -> None:
    texts = _spanish()
    assert len(texts) > 200  # the scanning messages, the slip, the stock words and the whole UI were read
    assert [t for t in texts if USTED.search(t)] == []


def test_the_pattern_catches_the_forms_it_names() -> None:
    assert USTED.search("Vuelva a escanearlo.") and USTED.search("para ver su pedido")
    assert not USTED.search("Vuelve a escanearlo.") and not USTED.search("su fecha de consumo preferente")


def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.text:
            out[message.findtext("source") or ""] = translation.text
    return out


def test_one_verb_per_action_and_buttons_in_the_infinitive() -> None:
    """Placing an order is "hacer pedido" on every screen; the checkout is "tramitar pedido", never "pagar"
    (paying is one of its choices: "Pagar en caja"); buttons are infinitives, not "Pídelo"."""
    es = _table()
    assert es["Place order"] == "Hacer pedido"
    assert "hacer pedido" in es["Accept and place order"].lower()
    assert "hacer pedido" in es["Order for this customer"].lower()
    assert es["Checkout"] == "Tramitar pedido"
    assert [source for source, text in es.items() if text.startswith("Pagar") and "Pay" not in source] == []
