"""Fills resources/i18n/kiosk_es.ts from the Spanish table below after `make i18n` extracts new strings,
and resources/i18n/kiosk_en.ts (plural forms only, from `lupdate -pluralonly`) from the English one, so
English says "1 order" rather than "1 order(s)".

Plural forms (%n) get both forms. Unknown strings stay unfinished so Qt Linguist shows them.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ES: dict[str, str | tuple[str, str]] = {
    "%1 (%n review(s))": ("%1 (%n opinión)", "%1 (%n opiniones)"),
    "%1-%2 days": "%1-%2 días",
    "%1: %n available": ("%1: %n disponible", "%1: %n disponibles"),
    "%1: none": "%1: sin existencias",
    "%n at the warehouse: home delivery in %1-%2 days": (
        "%n en el almacén: entrega a domicilio en %1-%2 días",
        "%n en el almacén: entrega a domicilio en %1-%2 días",
    ),
    "%1 (%n on the shelf)": ("%1 (%n en el estante)", "%1 (%n en el estante)"),
    "%n order(s) waiting to be sent": ("%n pedido pendiente de envío", "%n pedidos pendientes de envío"),
    "Add to cart": "Añadir al carrito",
    "Refreshing the catalog…": "Actualizando el catálogo…",
    "Add to cart for delivery": "Añadir al carrito para envío",
    "No longer available": "Ya no está disponible",
    "Since you chose these, the store's stock or prices changed:":
        "Desde que los elegiste, han cambiado el stock o los precios de la tienda:",
    "Change my cart": "Cambiar mi carrito",
    # checkout in steps, the totals block, per-line fulfilment and split orders (issue 18, checkout-steps)
    "How to get %1": "Cómo recibir %1",
    "Step %1 of %2": "Paso %1 de %2",
    "Step %1 of %2, %3": "Paso %1 de %2, %3",
    "Current step": "Paso actual",
    "Done: go back to it": "Hecho: vuelve a él",
    "Your items": "Tus artículos",
    "Your items come in %n order(s), one for each way of receiving them:": (
        "Tus artículos van en %n pedido, uno por cada forma de recibirlos:",
        "Tus artículos van en %n pedidos, uno por cada forma de recibirlos:",
    ),
    "The rest of your items:": "El resto de tus artículos:",
    "Or get everything the same way:": "O recíbelo todo de la misma forma:",
    "Delivery address": "Dirección de entrega",
    "We use these only for this order: the confirmation email and the store's call when it is ready.":
        "Los usamos solo para este pedido: el correo de confirmación y el aviso de la tienda cuando esté listo.",
    "How would you like to pay?": "¿Cómo quieres pagar?",
    "Back to cart": "Volver al carrito",
    "Next: %1": "Siguiente: %1",
    "Order number %1": "Pedido número %1",
    "Scan each order's code with your phone to pay it securely.":
        "Escanea el código de cada pedido con tu móvil para pagarlo de forma segura.",
    "Pay %1 at the counter: show these numbers or scan the codes.":
        "Paga %1 en caja: enseña estos números o escanea los códigos.",
    "Order total": "Total del pedido",
    "Items": "Artículos",
    "Delivery": "Envío",
    "Savings": "Ahorro",
    "Coupon": "Cupón",
    "Points redeemed": "Puntos canjeados",
    "Coupon code": "Código de cupón",
    "Apply code": "Aplicar código",
    "You save %1": "Ahorras %1",
    "%1 points take %2 off this order": "%1 puntos descuentan %2 de este pedido",
    "Keep my points": "Guardar mis puntos",
    "Use my points": "Usar mis puntos",
    "Order %1": "Pedido %1",
    "No results for “%1”. Showing results for “%2”.": "No hay resultados para «%1». Mostramos resultados para «%2».",
    "Looking up your order…": "Buscando tu pedido…",
    # offers (issue 19): the badge's and prices' accessible names on the product page
    "Offer: %1": "Oferta: %1",
    "Now %1": "Ahora %1",
    "Was %1": "Antes %1",
    "Now %1, was %2": "Ahora %1, antes %2",
    "We cannot find this order right now. Please ask a store associate.":
        "Ahora no encontramos este pedido. Pide ayuda al personal de la tienda.",
    "%n item(s)": ("%n artículo", "%n artículos"),
    "The online store cannot be reached: last known status, as of %1":
        "No se puede conectar con la tienda online: último estado conocido, a las %1",
    "Waiting to collect (%1)": "Esperando para recoger (%1)",
    "Order %1 · %n item(s) · waiting %2 min": (
        "Pedido %1 · %n artículo · esperando %2 min", "Pedido %1 · %n artículos · esperando %2 min"
    ),
    "Accept and place order": "Aceptar y hacer pedido",
    "Checking stock and prices…": "Comprobando stock y precios…",
    "Added to your cart: %1": "Añadido al carrito: %1",
    "Are you still there?": "¿Sigues ahí?",
    "Card %1 · %2 points": "Tarjeta %1 · %2 puntos",
    "Checkout: home delivery": "Tramitar pedido: envío a domicilio",
    "City": "Ciudad",
    "Colour": "Color",
    "Continue": "Continuar",
    "Delivery method": "Método de envío",
    "Demo scanner": "Escáner demo",
    "Done": "Terminar",
    "Email": "Correo electrónico",
    "End session": "Terminar sesión",
    "Find any product, check stock in every store and get it delivered home.":
        "Encuentra cualquier producto, consulta el stock de todas las tiendas y recíbelo en casa.",
    "First name": "Nombre",
    "For your privacy this session will end in %1 seconds and your cart will be cleared.":
        "Por tu privacidad, la sesión terminará en %1 segundos y se vaciará el carrito.",
    "Hello, %1": "Hola, %1",
    "Home delivery": "Envío a domicilio",
    "In this store": "En esta tienda",
    "Last name": "Apellidos",
    "Not at the warehouse": "Sin existencias en el almacén",
    "Not in this store right now": "Ahora no hay en esta tienda",
    "Nothing found. Try another word, or scan the product's barcode.":
        "No hay resultados. Prueba otra palabra o escanea el código de barras del producto.",
    "Offline: showing saved catalog; orders are kept and sent later":
        "Sin conexión: catálogo guardado; los pedidos se guardan y se envían después",
    "Order for delivery": "Pedir a domicilio",
    "Pay %1 at the counter: show this number or scan the code.":
        "Paga %1 en caja: muestra este número o escanea el código.",
    "Payment: pay at the counter with your order number or QR code. No card is needed at this kiosk.":
        "Pago: paga en caja con tu número de pedido o el código QR. En este quiosco no se pide tarjeta.",
    "Phone": "Teléfono",
    "Place order": "Hacer pedido",
    "Popular now": "Lo más buscado",
    "Postal code": "Código postal",
    "Ref. %1": "Ref. %1",
    "Saving your order…": "Guardando tu pedido…",
    "Scanner disconnected": "Escáner desconectado",
    "Card reader disconnected": "Lector de tarjetas desconectado",
    "My account": "Mi cuenta",
    "How would you like to get it?": "¿Cómo quieres recibirlo?",
    "Your details": "Tus datos",
    "Payment": "Pago",
    "Pay at the counter": "Pagar en caja",
    "Show the order QR or slip at the till": "Enseña el QR o el ticket del pedido en caja",
    "Pay on my phone": "Pagar con mi móvil",
    "Scan a secure payment link": "Escanea un enlace de pago seguro",
    "No card is needed at this kiosk.": "No necesitas tarjeta en este quiosco.",
    "This order earns %1 points": "Este pedido suma %1 puntos",
    "Scan the code with your phone to pay %1 securely.": "Escanea el código con tu móvil para pagar %1 de forma segura.",
    "You will earn %1 points with this order.": "Con este pedido sumarás %1 puntos.",
    "Try printing again": "Volver a imprimir",
    "Printing…": "Imprimiendo…",
    "Print slip": "Imprimir ticket",
    "Offers for you": "Ofertas para ti",
    "Shop by category": "Compra por categoría",
    "Picked for you": "Elegidos para ti",
    "Often bought together": "Se suelen comprar juntos",
    "Card": "Tarjeta",
    "Tier": "Nivel",
    "Points": "Puntos",
    "This order earns": "Este pedido suma",
    "+%1 points": "+%1 puntos",
    "You have %n item(s) in your saved online cart.": (
        "Tienes %n artículo en tu carrito online guardado.",
        "Tienes %n artículos en tu carrito online guardado.",
    ),
    "Add to this cart": "Añadir a este carrito",
    "Your wishlist": "Tu lista de deseos",
    "Recent purchases": "Compras recientes",
    "Continue on my phone": "Seguir en mi móvil",
    "Checkout": "Tramitar pedido",
    "Scan with your phone to open this cart in the web shop": "Escanéalo con tu móvil para abrir este carrito en la tienda online",
    "%1 points": "%1 puntos",
    "Search": "Buscar",
    "Search the whole catalog or scan a barcode": "Busca en todo el catálogo o escanea un código",
    "Shipping": "Envío",
    "Size": "Talla",
    "Stock as of %1": "Stock a las %1",
    "Store kiosk": "Quiosco de tienda",
    "Street and number": "Calle y número",
    "Subtotal": "Subtotal",
    "Tap a code to scan it": "Toca un código para escanearlo",
    "The whole store, and everything online.": "Toda la tienda, y todo lo online.",
    "Total": "Total",
    "Touch to start": "Toca para empezar",
    "Type a few letters: we search the whole catalog, online and in stores.":
        "Escribe unas letras: buscamos en todo el catálogo, online y en tiendas.",
    "Use my online profile": "Usar mi perfil online",
    "We will email your confirmation once it reaches our online store.":
        "Te enviaremos la confirmación por correo cuando llegue a nuestra tienda online.",
    "What are you looking for?": "¿Qué estás buscando?",
    "Your cart": "Tu carrito",
    "Your cart is empty. Scan a barcode or search to add products.":
        "Tu carrito está vacío. Escanea un código o busca para añadir productos.",
    "Your order is saved": "Tu pedido está guardado",
    "or scan any barcode": "o escanea cualquier código",
    # staff screens: PIN pad, staff menu, rejected orders; status strip queue age
    "Associate sign-in": "Acceso del personal",
    "Back to the shop": "Volver a la tienda",
    "Cancel": "Cancelar",
    "Cancel order": "Cancelar pedido",
    "Checking…": "Comprobando…",
    "Enter your PIN": "Introduce tu PIN",
    "Exit kiosk app": "Salir de la aplicación del quiosco",
    "No rejected orders.": "No hay pedidos rechazados.",
    "OK": "OK",
    "Order %1": "Pedido %1",
    "No results for “%1”. Showing results for “%2”.": "No hay resultados para «%1». Mostramos resultados para «%2».",
    "Rejected orders": "Pedidos rechazados",
    "Rejected orders (%1)": "Pedidos rechazados (%1)",
    "Retry": "Reintentar",
    "Sign out": "Cerrar sesión",
    "Signed in as %1": "Sesión iniciada: %1",
    "Staff PIN": "PIN del personal",
    "Staff menu": "Menú del personal",
    "Tap again to cancel": "Toca otra vez para cancelar",
    "The online store refused these orders. Retry once the cause is fixed, or cancel to delete the shopper's details.":
        "La tienda online ha rechazado estos pedidos. Reinténtalo cuando se haya corregido la causa, o cancélalo"
        " para borrar los datos del cliente.",
    "oldest %1 min": "el más antiguo hace %1 min",
    # associate screens: customer lookup, orders, returns, ordering on behalf
    "%1 · %2 · bought %3": "%1 · %2 · comprados: %3",
    "1. What comes back": "1. Qué se devuelve",
    "2. Reason": "2. Motivo",
    "Addresses": "Direcciones",
    "Back to the orders": "Volver a los pedidos",
    "Confirm return": "Confirmar la devolución",
    "Customer": "Cliente",
    "Customers: orders and returns": "Clientes: pedidos y devoluciones",
    "Email or phone number": "Correo electrónico o teléfono",
    "Find a customer": "Buscar un cliente",
    "Loading orders…": "Cargando pedidos…",
    "Loyalty card": "Tarjeta de fidelización",
    "No orders yet": "Todavía no hay pedidos",
    "No saved addresses": "No hay direcciones guardadas",
    "Order for this customer": "Hacer pedido para este cliente",
    "Ordering for %1": "Pedido para %1",
    "Orders (%1)": "Pedidos (%1)",
    "Orders of %1": "Pedidos de %1",
    "Orders…": "Pedidos…",
    "Recording the return…": "Registrando la devolución…",
    "Resend confirmation": "Reenviar confirmación",
    "Return %1 recorded": "Devolución %1 registrada",
    "Return of order %1": "Devolución del pedido %1",
    "Searching…": "Buscando…",
    "Sending…": "Enviando…",
    "Start a return": "Iniciar una devolución",
    "Write this number on the returned items and give it to the customer.":
        "Escribe este número en los artículos devueltos y dáselo al cliente.",
    # issue 17: accessibility names, the panel, the keypad, calls for an associate
    "%1 · from the %2 screen": "%1 · desde la pantalla %2",
    "%1 · %2 · from the %3 screen": "%1 · %2 · desde la pantalla %3",
    "%n digit(s) entered": ("%n dígito introducido", "%n dígitos introducidos"),
    "%n item(s), subtotal %1": ("%n artículo, subtotal %1", "%n artículos, subtotal %1"),
    "%n result(s)": ("%n resultado", "%n resultados"),
    "More than %1 results": "Más de %1 resultados",
    "Remove %1 from the cart": "Quitar %1 del carrito",
    "To pay on your phone: %1": "A pagar en tu móvil: %1",
    "To pay at the counter: %1": "A pagar en caja: %1",
    "This screen starts over in %n second(s). Touch it to keep it.": (
        "Esta pantalla vuelve al inicio en %n segundo. Tócala para mantenerla.",
        "Esta pantalla vuelve al inicio en %n segundos. Tócala para mantenerla.",
    ),
    "Best match": "Más relevantes",
    "Price: low to high": "Precio: de menor a mayor",
    "Price: high to low": "Precio: de mayor a menor",
    "Newest": "Novedades",
    "Sort": "Ordenar",
    "Filter": "Filtrar",
    "Only in this store": "Solo en esta tienda",
    "None of these are in this store. Turn off “Only in this store” to see what we can order for you.":
        "Nada de esto está en esta tienda. Quita «Solo en esta tienda» para ver lo que te podemos pedir.",
    "“%1”": "«%1»",
    # associate mode, bottom bar and attract loop (issue 18: associate-shell)
    "Personal data is hidden. Show a field only when you need it: you will be asked why, and it is recorded.":
        "Los datos personales están ocultos. Muestra un dato solo cuando lo necesites: se te preguntará por qué y "
        "quedará registrado.",
    "hidden": "oculto",
    "Show": "Mostrar",
    "Show %1": "Mostrar %1",
    "Why do you need to see: %1?": "¿Por qué necesitas ver: %1?",
    "Your name, the customer, the field and the reason are recorded.":
        "Se registran tu nombre, el cliente, el dato y el motivo.",
    "Associate mode: %1 signed in": "Modo personal: sesión de %1",
    "Associate mode": "Modo personal",
    "Signed in: %1": "Sesión iniciada: %1",
    "Refund: %1": "Reembolso: %1",
    "3. Refund to the customer": "3. Reembolso al cliente",
    "Confirm return and refund %1": "Confirmar la devolución y reembolsar %1",
    "Slide %1 of %2": "Diapositiva %1 de %2",
    "Previous slide": "Diapositiva anterior",
    "Next slide": "Diapositiva siguiente",
    "Paused · ": "En pausa · ",
    "Language, accessibility and help": "Idioma, accesibilidad y ayuda",
    "Language": "Idioma",
    "Accessibility": "Accesibilidad",
    "Accessibility: speech, large text, contrast, reach": "Accesibilidad: voz, letra grande, contraste, alcance",
    "Back": "Atrás",
    "Call an associate": "Llamar al personal",
    "Calls for an associate: %1": "Avisos al personal: %1",
    "Cart: %n item(s)": ("Carrito: %n artículo", "Carrito: %n artículos"),
    "Category": "Categoría",
    "Close": "Cerrar",
    "Delete": "Borrar",
    "Everything within reach (lower on the screen)": "Todo al alcance (más abajo en la pantalla)",
    "High contrast": "Alto contraste",
    "Home": "Inicio",
    "Keypad: arrows move, Enter chooses, Escape goes back, F1 help, F2 repeat, F3 speech on or off.":
        "Teclado: las flechas mueven, Intro elige, Escape vuelve, F1 ayuda, F2 repite, F3 activa o desactiva la voz.",
    "Large text": "Letra grande",
    "Louder": "Más alto",
    "Mark all as answered": "Marcar todos como atendidos",
    "More time": "Más tiempo",
    "Off": "No",
    "On": "Sí",
    "One less %1": "Uno menos: %1",
    "One more %1": "Uno más: %1",
    "Order number %1. %2": "Pedido número %1. %2",
    "Picture of %1": "Imagen de %1",
    "QR code of order %1": "Código QR del pedido %1",
    "QR code of this cart for your phone": "Código QR de este carrito para tu móvil",
    "Quantity %1": "Cantidad %1",
    "Quieter": "Más bajo",
    "Rated %1 out of 5": "Valoración %1 de 5",
    "Reason": "Motivo",
    "Scan %1": "Escanear %1",
    "Size, sold out": "Talla, agotada",
    "Speech (plug in the headset)": "Voz (conecta los auriculares)",
    "Total %1": "Total %1",
    "Touch to start, or scan any barcode. Press F3 on the keypad to hear the screen.":
        "Toca para empezar o escanea cualquier código de barras. Pulsa F3 en el teclado para oír la pantalla.",
    "Volume %1%": "Volumen %1%",
    "Welcome": "Bienvenida",
    "Your cart is empty.": "Tu carrito está vacío.",
    # issue 19: joining the loyalty programme, the wishlist (loyalty-enrol-wishlist)
    "Join our loyalty programme": "Únete a nuestro programa de fidelidad",
    "Earn points on every order, here and in our web shop, and keep a wishlist.":
        "Suma puntos con cada pedido, aquí y en nuestra tienda online, y guarda tu lista de deseos.",
    "Join with": "Únete con",
    "Terms version %1": "Versión de las condiciones: %1",
    "Joining…": "Dándote de alta…",
    "Join now": "Unirme ahora",
    "Join on my phone": "Unirme desde mi móvil",
    "QR code to join on your phone": "Código QR para unirte desde tu móvil",
    "Scan this code with your phone's camera to finish joining in our web shop. "
    "Nothing you typed here is sent with it.":
        "Escanea este código con la cámara de tu móvil para terminar de unirte en nuestra tienda online. "
        "No se envía nada de lo que has escrito aquí.",
    "Scan your loyalty card, or join to earn points on this order.":
        "Escanea tu tarjeta de cliente o únete para sumar puntos con este pedido.",
    "Join": "Unirme",
    "In your wishlist": "En tu lista de deseos",
    "Add to wishlist": "Añadir a la lista de deseos",
    "Remove from wishlist": "Quitar de la lista de deseos",
    "Your new card number": "Tu nuevo número de tarjeta",
    "Note it down: it is also in your account in our web shop. Give it at the counter to collect points.":
        "Apúntalo: también está en tu cuenta de nuestra tienda online. Dilo en caja para sumar puntos.",
    "QR code of your wishlist in our web shop": "Código QR de tu lista de deseos en nuestra tienda online",
    "Your wishlist on your phone: scan the code and sign in to our web shop. "
    "Add to it here from any product page.":
        "Tu lista de deseos en tu móvil: escanea el código e inicia sesión en nuestra tienda online. "
        "Añade productos aquí desde cualquier ficha.",
    # search filters from facets and the product page's gallery, quantity, size guide and reviews (issue 18)
    "Brand": "Marca",
    "Price": "Precio",
    "%1 · %2": "%1 · %2",
    "%1 filter": "Filtro de %1",
    "%1 filter, %n chosen": ("Filtro de %1, %n elegido", "Filtro de %1, %n elegidos"),
    "Open: its choices follow": "Abierto: sus opciones están a continuación",
    "Shows its choices": "Muestra sus opciones",
    "Clear filters": "Quitar filtros",
    "%1 (%2)": "%1 (%2)",
    "%1, %n result(s)": ("%1, %n resultado", "%1, %n resultados"),
    "Nothing matches these filters. Remove one, or clear them, to see more.":
        "Nada coincide con estos filtros. Quita alguno, o todos, para ver más.",
    "%1, picture %2 of %3": "%1, foto %2 de %3",
    "Previous picture": "Foto anterior",
    "Next picture": "Foto siguiente",
    "Zoom in on the picture": "Ampliar la foto",
    "Zoomed picture of %1": "Foto ampliada de %1",
    "Close the zoomed picture": "Cerrar la foto ampliada",
    "Zoom out": "Reducir",
    "Zoom in": "Ampliar",
    "Reviews": "Opiniones",
    "Loading reviews…": "Cargando opiniones…",
    "Reviews cannot be read right now. Try again later.": "Ahora no se pueden leer las opiniones. Inténtalo más tarde.",
    "%1 · written in another language": "%1 · escrita en otro idioma",
    "Previous": "Anteriores",
    "Previous reviews": "Opiniones anteriores",
    "Page %1 of %2": "Página %1 de %2",
    "More": "Más",
    "More reviews": "Más opiniones",
    "Quantity": "Cantidad",
    "One fewer": "Una menos",
    "Quantity: %1": "Cantidad: %1",
    "One more": "Una más",
    "up to %1": "hasta %1",
    "%1: %2 items": "%1: %2 unidades",
    "Was %1, now %2: you save %3%": "Antes %1, ahora %2: ahorras un %3%",
    "Size guide": "Guía de tallas",
    "Shows the sizes and their measurements": "Muestra las tallas y sus medidas",
    "Close the size guide": "Cerrar la guía de tallas",
    "Save %1%": "Ahorras un %1%",
    "Pinch or double-tap the picture, or use the buttons, to zoom":
        "Para ampliar, pellizca o toca dos veces la foto, o usa los botones",
}


EN: dict[str, str | tuple[str, str]] = {
    "%1 filter, %n chosen": ("%1 filter, %n chosen", "%1 filter, %n chosen"),
    "%1, %n result(s)": ("%1, %n result", "%1, %n results"),
    "%n item(s)": ("%n item", "%n items"),
    "Order %1 · %n item(s) · waiting %2 min": ("Order %1 · %n item · waiting %2 min", "Order %1 · %n items · waiting %2 min"),
    "%1 (%n review(s))": ("%1 (%n review)", "%1 (%n reviews)"),
    "%1 (%n on the shelf)": ("%1 (%n on the shelf)", "%1 (%n on the shelf)"),
    "This screen starts over in %n second(s). Touch it to keep it.": (
        "This screen starts over in %n second. Touch it to keep it.",
        "This screen starts over in %n seconds. Touch it to keep it.",
    ),
    "%n at the warehouse: home delivery in %1-%2 days": (
        "%n at the warehouse: home delivery in %1-%2 days",
        "%n at the warehouse: home delivery in %1-%2 days",
    ),
    "%1: %n available": ("%1: %n available", "%1: %n available"),
    "You have %n item(s) in your saved online cart.": (
        "You have %n item in your saved online cart.",
        "You have %n items in your saved online cart.",
    ),
    "%n order(s) waiting to be sent": ("%n order waiting to be sent", "%n orders waiting to be sent"),
    "%n digit(s) entered": ("%n digit entered", "%n digits entered"),
    "%n item(s), subtotal %1": ("%n item, subtotal %1", "%n items, subtotal %1"),
    "%n result(s)": ("%n result", "%n results"),
    "Cart: %n item(s)": ("Cart: %n item", "Cart: %n items"),
    "Your items come in %n order(s), one for each way of receiving them:": (
        "Your items come in %n order, one for each way of receiving them:",
        "Your items come in %n orders, one for each way of receiving them:",
    ),
}


def fill(path: Path, table: dict[str, str | tuple[str, str]] | None = None) -> list[str]:
    table = ES if table is None else table
    tree = ET.parse(path)
    missing: list[str] = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        value = table.get(source)
        if value is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        translation.text = None
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, tuple) else (value, value)
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value if isinstance(value, str) else value[0]
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/i18n/kiosk_es.ts")
    untranslated = fill(target, EN if target.name == "kiosk_en.ts" else ES)
    for text in untranslated:
        print(f"untranslated: {text}")
    sys.exit(1 if untranslated else 0)
