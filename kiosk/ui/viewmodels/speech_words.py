"""What the kiosk's own voice says besides the screen's names: roles, states, help, and the messages it
speaks on its own, in every kiosk language. (QML's qsTr strings are translated in resources/i18n.)"""

from __future__ import annotations

from kiosk.core.i18n import LocalizedText

ROLE_BUTTON = LocalizedText("button", "botón")
ROLE_OPTION = LocalizedText("option", "opción")
ROLE_SWITCH = LocalizedText("switch", "interruptor")
ROLE_FIELD = LocalizedText("text field", "campo de texto")
ROLE_PICTURE = LocalizedText("picture", "imagen")
STATE_SELECTED = LocalizedText("selected", "seleccionada")
STATE_NOT_SELECTED = LocalizedText("not selected", "no seleccionada")
STATE_ON = LocalizedText("on", "activado")
STATE_OFF = LocalizedText("off", "desactivado")
STATE_UNAVAILABLE = LocalizedText("unavailable", "no disponible")
FIELD_FILLED = LocalizedText("filled in", "rellenado")
FIELD_EMPTY = LocalizedText("empty", "vacío")
DIGIT_ENTERED = LocalizedText("digit entered", "dígito introducido")
DIGIT_DELETED = LocalizedText("digit deleted", "dígito borrado")
CHARACTER_ENTERED = LocalizedText("character entered", "carácter introducido")
SPEECH_ON = LocalizedText(
    "Speech on. Arrows or Tab move, Enter chooses, Escape goes back, F1 is help.",
    "Voz activada. Las flechas o el tabulador mueven, Intro elige, Escape vuelve atrás, F1 es la ayuda.",
)
SPEECH_OFF = LocalizedText("Speech off.", "Voz desactivada.")
HELP = LocalizedText(
    "Help. Up and down arrows or Tab move between controls. Enter chooses. Escape goes back. "
    "F2 repeats. F3 turns speech on or off. F4 and F5 change the volume. F6 calls a store associate.",
    "Ayuda. Las flechas arriba y abajo o el tabulador mueven entre controles. Intro elige. Escape vuelve "
    "atrás. F2 repite. F3 activa o desactiva la voz. F4 y F5 cambian el volumen. F6 llama al personal.",
)
VOLUME = LocalizedText("Volume {percent} percent.", "Volumen {percent} por ciento.")
ADDED_TO_CART = LocalizedText("Added to your cart: {name}.", "Añadido al carrito: {name}.")
IDLE_WARNING = LocalizedText(
    "Are you still there? The session ends in {seconds} seconds. Press Enter for more time.",
    "¿Sigues ahí? La sesión termina en {seconds} segundos. Pulsa Intro para tener más tiempo.",
)
ASSOCIATE_CALLED = LocalizedText(
    "A store associate has been called and is on the way.",
    "Hemos avisado al personal de la tienda; vienen enseguida.",
)
