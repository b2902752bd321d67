"""Sentences the shopper reads that come from view-models rather than QML, in every kiosk language."""

from __future__ import annotations

from kiosk.core.i18n import LocalizedText

CARD_NOT_FOUND = LocalizedText(
    "We could not find this card. Please ask a store associate.",
    "No encontramos esta tarjeta. Pide ayuda al personal de la tienda.",
)
WELCOME = LocalizedText("Welcome back, {name}!", "¡Hola de nuevo, {name}!")
PROFILE_OFFLINE = LocalizedText(
    "We can't load your profile right now. Your order will still earn points on card {card}.",
    "Ahora no podemos cargar tu perfil. Tu pedido sumará igualmente puntos en la tarjeta {card}.",
)
APP_OFFLINE = LocalizedText(
    "We can't recognise your app right now. Please scan your loyalty card or continue as a guest.",
    "Ahora no podemos reconocer tu app. Escanea tu tarjeta de cliente o continúa sin identificarte.",
)
