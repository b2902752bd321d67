"""Reason codes for rejected scans and the words the shopper reads for each, in every kiosk language."""

from __future__ import annotations

from kiosk.core.i18n import LocalizedText

# Stable codes: logs, tests and `kiosk scan explain` use them; the UI shows MESSAGES[code].
EMPTY = "empty"
TOO_LONG = "too_long"
INVALID_UTF8 = "invalid_utf8"
CONTROL_CHARACTERS = "control_characters"
BAD_SYMBOLOGY_ID = "bad_symbology_id"
BAD_CHECK_DIGIT = "bad_check_digit"
BAD_LENGTH = "bad_length"
NOT_NUMERIC = "not_numeric"
ADDON_ONLY = "addon_only"
INVALID_GS1 = "invalid_gs1"
CONFLICTING_DATA = "conflicting_data"
COUPON = "coupon"
LOGISTICS_LABEL = "logistics_label"
NON_GS1_SYMBOLOGY = "non_gs1_symbology"
NOT_A_PRODUCT = "not_a_product"
UNKNOWN_CODE = "unknown_code"
FOREIGN_LINK = "foreign_link"
UNKNOWN_STORE_LINK = "unknown_store_link"
LOOKALIKE_HOST = "lookalike_host"
USERINFO = "userinfo"
INSECURE_LINK = "insecure_link"
UNSUPPORTED_SCHEME = "unsupported_scheme"
MALFORMED_LINK = "malformed_link"
BAD_ORDER_CODE = "bad_order_code"
BAD_COUPON_CODE = "bad_coupon_code"  # issue 19: a coupon poster's code that is no code
# Added for 2D at the point of sale (issue 20); docs/scanning.md gives each one's source.
DISGUISED_LINK = "disguised_link"  # backslash / encoded-host tricks: a foreign address dressed as ours
DEPRECATED_DIGITAL_LINK = "deprecated_digital_link"
COMPRESSED_DIGITAL_LINK = "compressed_digital_link"
INVALID_DIGITAL_LINK = "invalid_digital_link"
MISSING_ASSOCIATION = "missing_association"
EXPIRED = "expired"
RECALLED = "recalled"
RCN_UNKNOWN_REGION = "rcn_unknown_region"
UNSUPPORTED_ECI = "unsupported_eci"
# Warnings: the item is shown, with this message beside it.
BEST_BEFORE_PASSED = "best_before_passed"
# Results that are not refusals and that the UI passes over silently, counted all the same.
DEBOUNCED = "debounced"
SAME_PACK = "same_pack"

_NOT_READ = LocalizedText(
    en="This barcode did not read correctly. Please scan it again.",
    es="Este código de barras no se ha leído bien. Vuelve a escanearlo.",
)

MESSAGES: dict[str, LocalizedText] = {
    EMPTY: LocalizedText(
        en="Nothing was scanned. Please try again.",
        es="No se ha leído nada. Inténtalo de nuevo.",
    ),
    TOO_LONG: LocalizedText(
        en="This code is too long to be a product code.",
        es="Este código es demasiado largo para ser un código de producto.",
    ),
    INVALID_UTF8: LocalizedText(
        en="This code could not be read.",
        es="No se ha podido leer este código.",
    ),
    CONTROL_CHARACTERS: LocalizedText(
        en="This code contains hidden characters and was ignored.",
        es="Este código contiene caracteres ocultos y se ha ignorado.",
    ),
    BAD_SYMBOLOGY_ID: LocalizedText(
        en="This code could not be read.",
        es="No se ha podido leer este código.",
    ),
    BAD_CHECK_DIGIT: _NOT_READ,
    BAD_LENGTH: LocalizedText(
        en="This barcode has the wrong number of digits.",
        es="Este código de barras tiene un número de dígitos incorrecto.",
    ),
    NOT_NUMERIC: LocalizedText(
        en="This barcode contains characters a product barcode cannot have.",
        es="Este código de barras contiene caracteres que un código de producto no puede tener.",
    ),
    ADDON_ONLY: LocalizedText(
        en="Only the small extra barcode was read. Please scan the main barcode.",
        es="Solo se ha leído el código pequeño adicional. Escanea el código de barras principal.",
    ),
    INVALID_GS1: LocalizedText(
        en="The product data in this code is not valid.",
        es="Los datos de producto de este código no son válidos.",
    ),
    CONFLICTING_DATA: LocalizedText(
        en="This code contains contradictory information.",
        es="Este código contiene información contradictoria.",
    ),
    COUPON: LocalizedText(
        en="Coupons and vouchers are redeemed at the till.",
        es="Los cupones y vales se canjean en caja.",
    ),
    LOGISTICS_LABEL: LocalizedText(
        en="This is a shipping label, not a product.",
        es="Esta es una etiqueta de envío, no un producto.",
    ),
    NON_GS1_SYMBOLOGY: LocalizedText(
        en="This type of barcode is not used for products.",
        es="Este tipo de código de barras no se usa para productos.",
    ),
    NOT_A_PRODUCT: LocalizedText(
        en="This code does not identify a product.",
        es="Este código no identifica un producto.",
    ),
    UNKNOWN_CODE: LocalizedText(
        en="This code is not a product, a loyalty card or a shop link.",
        es="Este código no es un producto, una tarjeta de cliente ni un enlace de la tienda.",
    ),
    FOREIGN_LINK: LocalizedText(
        en="This is a web link, not a product.",
        es="Esto es un enlace web, no un producto.",
    ),
    UNKNOWN_STORE_LINK: LocalizedText(
        en="This is a link to our web shop, not a product code.",
        es="Esto es un enlace a nuestra tienda online, no un código de producto.",
    ),
    LOOKALIKE_HOST: LocalizedText(
        en="This link imitates our shop's address. It was not opened.",
        es="Este enlace imita la dirección de nuestra tienda. No se ha abierto.",
    ),
    USERINFO: LocalizedText(
        en="This link hides its real address. It was not opened.",
        es="Este enlace oculta su dirección real. No se ha abierto.",
    ),
    INSECURE_LINK: LocalizedText(
        en="This link is not secure. It was not opened.",
        es="Este enlace no es seguro. No se ha abierto.",
    ),
    BAD_ORDER_CODE: LocalizedText(
        en="This order code could not be read. Please scan it again or ask a store associate.",
        es="No se ha podido leer este código de pedido. Vuelve a escanearlo o pide ayuda al personal.",
    ),
    BAD_COUPON_CODE: LocalizedText(
        en="This coupon code could not be read. Please type the code instead.",
        es="No se ha podido leer este código de cupón. Escríbelo en su lugar.",
    ),
    UNSUPPORTED_SCHEME: LocalizedText(
        en="This code contains a command or a file link, not a product.",
        es="Este código contiene una orden o un enlace a un archivo, no un producto.",
    ),
    MALFORMED_LINK: LocalizedText(
        en="This link is not valid.",
        es="Este enlace no es válido.",
    ),
    DISGUISED_LINK: LocalizedText(
        en="This link leads to a different address than the one it shows. It was not opened.",
        es="Este enlace lleva a una dirección distinta de la que muestra. No se ha abierto.",
    ),
    DEPRECATED_DIGITAL_LINK: LocalizedText(
        en="This product link uses an old form the GS1 standard no longer allows.",
        es="Este enlace de producto usa una forma antigua que la norma GS1 ya no permite.",
    ),
    COMPRESSED_DIGITAL_LINK: LocalizedText(
        en="This product code is in a compressed form this kiosk cannot read. Please scan the barcode on the pack.",
        es="Este código de producto está comprimido y este quiosco no puede leerlo. Escanea el código de barras "
        "del envase.",
    ),
    INVALID_DIGITAL_LINK: LocalizedText(
        en="This product link is not valid.",
        es="Este enlace de producto no es válido.",
    ),
    MISSING_ASSOCIATION: LocalizedText(
        en="The product data in this code is incomplete.",
        es="Los datos de producto de este código están incompletos.",
    ),
    EXPIRED: LocalizedText(
        en="This item is past its expiry date and cannot be sold. Please ask a store associate.",
        es="Este artículo ha caducado y no se puede vender. Pide ayuda al personal de la tienda.",
    ),
    RECALLED: LocalizedText(
        en="This item has been recalled and cannot be sold. Please hand it to a store associate.",
        es="Este artículo ha sido retirado del mercado y no se puede vender. Entrégaselo al personal de la "
        "tienda.",
    ),
    RCN_UNKNOWN_REGION: LocalizedText(
        en="This in-store price or weight label cannot be read at this kiosk. Please ask a store associate.",
        es="Esta etiqueta de precio o peso de la tienda no se puede leer en este quiosco. Pide ayuda al personal.",
    ),
    UNSUPPORTED_ECI: LocalizedText(
        en="This code uses a character set the kiosk cannot read.",
        es="Este código usa un juego de caracteres que el quiosco no puede leer.",
    ),
    BEST_BEFORE_PASSED: LocalizedText(
        en="Please note: this item is past its best-before date.",
        es="Atención: este artículo ha superado su fecha de consumo preferente.",
    ),
    DEBOUNCED: LocalizedText(
        en="The same code again at once: counted as one scan.",
        es="El mismo código otra vez enseguida: cuenta como un solo escaneo.",
    ),
    SAME_PACK: LocalizedText(
        en="The other barcode of the pack just scanned: counted as the same item.",
        es="El otro código del envase recién escaneado: cuenta como el mismo artículo.",
    ),
}

# Reasons a shopper is refused, warned or told nothing about (the last: the UI stays silent, but counts).
WARNINGS = frozenset({BEST_BEFORE_PASSED})
SILENT = frozenset({EMPTY, DEBOUNCED, SAME_PACK})


def deprecated_form_message(short_name: str) -> LocalizedText:
    """The deprecated-Digital-Link message naming the short name found, so an associate can tell the brand."""
    return LocalizedText(
        en=f'This product link uses the old short name "{short_name}", which the GS1 standard no longer allows.',
        es=f'Este enlace de producto usa el nombre corto antiguo "{short_name}", que la norma GS1 ya no permite.',
    )

REASONS = frozenset(MESSAGES)
