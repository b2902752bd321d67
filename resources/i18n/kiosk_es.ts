<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>AccessibilityPanel</name>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="18" />
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="72" />
        <source>Accessibility</source>
        <translation>Accesibilidad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="24" />
        <source>On</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="24" />
        <source>Off</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="77" />
        <source>Keypad: arrows move, Enter chooses, Escape goes back, F1 help, F2 repeat, F3 speech on or off.</source>
        <translation>Teclado: las flechas mueven, Intro elige, Escape vuelve, F1 ayuda, F2 repite, F3 activa o desactiva la voz.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="84" />
        <source>Speech (plug in the headset)</source>
        <translation>Voz (conecta los auriculares)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="100" />
        <source>Quieter</source>
        <translation>Más bajo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="104" />
        <source>Volume %1%</source>
        <translation>Volumen %1%</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="107" />
        <source>Louder</source>
        <translation>Más alto</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="111" />
        <source>Large text</source>
        <translation>Letra grande</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="117" />
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="123" />
        <source>Everything within reach (lower on the screen)</source>
        <translation>Todo al alcance (más abajo en la pantalla)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="135" />
        <source>Call an associate</source>
        <translation>Llamar al personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AccessibilityPanel.qml" line="141" />
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="21" />
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="29" />
        <source>Staff menu</source>
        <translation>Menú del personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="35" />
        <source>Signed in as %1</source>
        <translation>Sesión iniciada: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="42" />
        <source>Calls for an associate: %1</source>
        <translation>Avisos al personal: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="54" />
        <source>%1 · %2 · from the %3 screen</source>
        <translation>%1 · %2 · desde la pantalla %3</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="55" />
        <source>%1 · from the %2 screen</source>
        <translation>%1 · desde la pantalla %2</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="63" />
        <source>Mark all as answered</source>
        <translation>Marcar todos como atendidos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="72" />
        <source>Customers: orders and returns</source>
        <translation>Clientes: pedidos y devoluciones</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="80" />
        <source>Waiting to collect (%1)</source>
        <translation>Esperando para recoger (%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="91" />
        <source>Order %1 · %n item(s) · waiting %2 min</source>
        <translation><numerusform>Pedido %1 · %n artículo · esperando %2 min</numerusform><numerusform>Pedido %1 · %n artículos · esperando %2 min</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="101" />
        <source>Rejected orders (%1)</source>
        <translation>Pedidos rechazados (%1)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="111" />
        <source>Exit kiosk app</source>
        <translation>Salir de la aplicación del quiosco</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="121" />
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="129" />
        <source>Back to the shop</source>
        <translation>Volver a la tienda</translation>
    </message>
</context>
<context>
    <name>AssociateBanner</name>
    <message>
        <location filename="../qml/Kiosk/components/AssociateBanner.qml" line="25" />
        <source>Ordering for %1</source>
        <translation>Pedido para %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AssociateBanner.qml" line="32" />
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
</context>
<context>
    <name>AssociateCustomerPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="15" />
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="33" />
        <source>Find a customer</source>
        <translation>Buscar un cliente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="44" />
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="58" />
        <source>Email or phone number</source>
        <translation>Correo electrónico o teléfono</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="74" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="82" />
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="129" />
        <source>Personal data is hidden. Show a field only when you need it: you will be asked why, and it is recorded.</source>
        <translation>Los datos personales están ocultos. Muestra un dato solo cuando lo necesites: se te preguntará por qué y quedará registrado.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="155" />
        <source>hidden</source>
        <translation>oculto</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="161" />
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="162" />
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="231" />
        <source>Why do you need to see: %1?</source>
        <translation>¿Por qué necesitas ver: %1?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="237" />
        <source>Your name, the customer, the field and the reason are recorded.</source>
        <translation>Se registran tu nombre, el cliente, el dato y el motivo.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="257" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Tarjeta de fidelización</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="172" />
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Direcciones</translation>
    </message>
    <message>
        <source>No saved addresses</source>
        <translation>No hay direcciones guardadas</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="188" />
        <source>Order for this customer</source>
        <translation>Hacer pedido para este cliente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="197" />
        <source>Orders…</source>
        <translation>Pedidos…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="197" />
        <source>Orders (%1)</source>
        <translation>Pedidos (%1)</translation>
    </message>
</context>
<context>
    <name>AssociateModeBadge</name>
    <message>
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="16" />
        <source>Associate mode: %1 signed in</source>
        <translation>Modo personal: sesión de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="33" />
        <source>Associate mode</source>
        <translation>Modo personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="41" />
        <source>Signed in: %1</source>
        <translation>Sesión iniciada: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="52" />
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="57" />
        <source>Find a customer</source>
        <translation>Buscar un cliente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="68" />
        <location filename="../qml/Kiosk/components/AssociateModeBadge.qml" line="74" />
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>AssociateOrdersPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="13" />
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="22" />
        <source>Orders of %1</source>
        <translation>Pedidos de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="49" />
        <source>Loading orders…</source>
        <translation>Cargando pedidos…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="51" />
        <source>No orders yet</source>
        <translation>Todavía no hay pedidos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="91" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="121" />
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="121" />
        <source>Resend confirmation</source>
        <translation>Reenviar confirmación</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="128" />
        <source>Start a return</source>
        <translation>Iniciar una devolución</translation>
    </message>
</context>
<context>
    <name>AssociateReturnPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="16" />
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="28" />
        <source>Return of order %1</source>
        <translation>Devolución del pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="34" />
        <source>1. What comes back</source>
        <translation>1. Qué se devuelve</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="66" />
        <source>%1 · %2 · bought %3</source>
        <translation>%1 · %2 · comprados: %3</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="73" />
        <source>Refund: %1</source>
        <translation>Reembolso: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="80" />
        <source>One less %1</source>
        <translation>Uno menos: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="94" />
        <source>One more %1</source>
        <translation>Uno más: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="104" />
        <source>2. Reason</source>
        <translation>2. Motivo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="127" />
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="156" />
        <source>3. Refund to the customer</source>
        <translation>3. Reembolso al cliente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="182" />
        <source>Recording the return…</source>
        <translation>Registrando la devolución…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="182" />
        <source>Confirm return and refund %1</source>
        <translation>Confirmar la devolución y reembolsar %1</translation>
    </message>
    <message>
        <source>Confirm return</source>
        <translation>Confirmar la devolución</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="203" />
        <source>Return %1 recorded</source>
        <translation>Devolución %1 registrada</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="209" />
        <source>Write this number on the returned items and give it to the customer.</source>
        <translation>Escribe este número en los artículos devueltos y dáselo al cliente.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="216" />
        <source>Back to the orders</source>
        <translation>Volver a los pedidos</translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="19" />
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="20" />
        <source>Touch to start, or scan any barcode. Press F3 on the keypad to hear the screen.</source>
        <translation>Toca para empezar o escanea cualquier código de barras. Pulsa F3 en el teclado para oír la pantalla.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="98" />
        <source>The whole store, and everything online.</source>
        <translation>Toda la tienda, y todo lo online.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="128" />
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="228" />
        <source>Slide %1 of %2</source>
        <translation>Diapositiva %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="197" />
        <source>Previous slide</source>
        <translation>Diapositiva anterior</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="220" />
        <source>Next slide</source>
        <translation>Diapositiva siguiente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="228" />
        <source>Paused · </source>
        <translation>En pausa · </translation>
    </message>
    <message>
        <source>Find any product, check stock in every store and get it delivered home.</source>
        <translation>Encuentra cualquier producto, consulta el stock de todas las tiendas y recíbelo en casa.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="62" />
        <source>Touch to start</source>
        <translation>Toca para empezar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="74" />
        <source>or scan any barcode</source>
        <translation>o escanea cualquier código</translation>
    </message>
    <message>
        <source>Call an associate</source>
        <translation>Llamar al personal</translation>
    </message>
    <message>
        <source>Accessibility: speech, large text, contrast, reach</source>
        <translation>Accesibilidad: voz, letra grande, contraste, alcance</translation>
    </message>
</context>
<context>
    <name>BottomBar</name>
    <message>
        <location filename="../qml/Kiosk/components/BottomBar.qml" line="18" />
        <source>Language, accessibility and help</source>
        <translation>Idioma, accesibilidad y ayuda</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/BottomBar.qml" line="65" />
        <source>Demo scanner</source>
        <translation>Escáner demo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/BottomBar.qml" line="86" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/BottomBar.qml" line="93" />
        <source>Accessibility</source>
        <translation>Accesibilidad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/BottomBar.qml" line="94" />
        <source>Accessibility: speech, large text, contrast, reach</source>
        <translation>Accesibilidad: voz, letra grande, contraste, alcance</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/BottomBar.qml" line="100" />
        <source>Call an associate</source>
        <translation>Llamar al personal</translation>
    </message>
</context>
<context>
    <name>CartPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="11" />
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="19" />
        <source>Your cart</source>
        <translation>Tu carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="12" />
        <source>Your cart is empty.</source>
        <translation>Tu carrito está vacío.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="12" />
        <source>%n item(s), subtotal %1</source>
        <translation><numerusform>%n artículo, subtotal %1</numerusform><numerusform>%n artículos, subtotal %1</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="24" />
        <source>Your cart is empty. Scan a barcode or search to add products.</source>
        <translation>Tu carrito está vacío. Escanea un código o busca para añadir productos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="85" />
        <source>You save %1</source>
        <translation>Ahorras %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="109" />
        <source>One less %1</source>
        <translation>Uno menos: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="110" />
        <source>Quantity %1</source>
        <translation>Cantidad %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="111" />
        <source>One more %1</source>
        <translation>Uno más: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="113" />
        <source>Remove %1 from the cart</source>
        <translation>Quitar %1 del carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="138" />
        <source>How to get %1</source>
        <translation>Cómo recibir %1</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="174" />
        <source>Continue on my phone</source>
        <translation>Seguir en mi móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="184" />
        <source>Checkout</source>
        <translation>Tramitar pedido</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="221" />
        <source>Scan with your phone to open this cart in the web shop</source>
        <translation>Escanéalo con tu móvil para abrir este carrito en la tienda online</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="229" />
        <source>QR code of this cart for your phone</source>
        <translation>Código QR de este carrito para tu móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="251" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="14" />
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="32" />
        <source>Checkout</source>
        <translation>Tramitar pedido</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="15" />
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="320" />
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="353" />
        <source>Use my online profile</source>
        <translation>Usar mi perfil online</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="171" />
        <source>How would you like to get it?</source>
        <translation>¿Cómo quieres recibirlo?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="38" />
        <source>Step %1 of %2</source>
        <translation>Paso %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="65" />
        <source>Step %1 of %2, %3</source>
        <translation>Paso %1 de %2, %3</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="66" />
        <source>Current step</source>
        <translation>Paso actual</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="66" />
        <source>Done: go back to it</source>
        <translation>Hecho: vuelve a él</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="121" />
        <source>Your items</source>
        <translation>Tus artículos</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="170" />
        <source>Your items come in %n order(s), one for each way of receiving them:</source>
        <translation><numerusform>Tus artículos van en %n pedido, uno por cada forma de recibirlos:</numerusform><numerusform>Tus artículos van en %n pedidos, uno por cada forma de recibirlos:</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="209" />
        <source>The rest of your items:</source>
        <translation>El resto de tus artículos:</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="209" />
        <source>Or get everything the same way:</source>
        <translation>O recíbelo todo de la misma forma:</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="313" />
        <source>Delivery address</source>
        <translation>Dirección de entrega</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="346" />
        <source>Your details</source>
        <translation>Tus datos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="362" />
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="363" />
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="364" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="365" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="330" />
        <source>Street and number</source>
        <translation>Calle y número</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="331" />
        <source>Postal code</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="332" />
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="267" />
        <source>Delivery method</source>
        <translation>Método de envío</translation>
    </message>
    <message>
        <source>%1-%2 days</source>
        <translation>%1-%2 días</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="398" />
        <source>Pay at the counter</source>
        <translation>Pagar en caja</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="398" />
        <source>Show the order QR or slip at the till</source>
        <translation>Enseña el QR o el ticket del pedido en caja</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="399" />
        <source>Pay on my phone</source>
        <translation>Pagar con mi móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="399" />
        <source>Scan a secure payment link</source>
        <translation>Escanea un enlace de pago seguro</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="431" />
        <source>No card is needed at this kiosk.</source>
        <translation>No necesitas tarjeta en este quiosco.</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>This order earns %1 points</source>
        <translation>Este pedido suma %1 puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="517" />
        <source>Since you chose these, the store's stock or prices changed:</source>
        <translation>Desde que los elegiste, han cambiado el stock o los precios de la tienda:</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="157" />
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="539" />
        <source>Change my cart</source>
        <translation>Cambiar mi carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="369" />
        <source>We use these only for this order: the confirmation email and the store's call when it is ready.</source>
        <translation>Los usamos solo para este pedido: el correo de confirmación y el aviso de la tienda cuando esté listo.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="390" />
        <source>How would you like to pay?</source>
        <translation>¿Cómo quieres pagar?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="448" />
        <source>Coupon code</source>
        <translation>Código de cupón</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="458" />
        <source>Apply code</source>
        <translation>Aplicar código</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="480" />
        <source>%1 points take %2 off this order</source>
        <translation>%1 puntos descuentan %2 de este pedido</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="488" />
        <source>Keep my points</source>
        <translation>Guardar mis puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="488" />
        <source>Use my points</source>
        <translation>Usar mis puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="545" />
        <source>Accept and place order</source>
        <translation>Aceptar y hacer pedido</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="605" />
        <source>Back to cart</source>
        <translation>Volver al carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="605" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="616" />
        <source>Next: %1</source>
        <translation>Siguiente: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="634" />
        <source>Checking stock and prices…</source>
        <translation>Comprobando stock y precios…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="635" />
        <source>Saving your order…</source>
        <translation>Guardando tu pedido…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="635" />
        <source>Place order</source>
        <translation>Hacer pedido</translation>
    </message>
</context>
<context>
    <name>ConfirmationPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="12" />
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="49" />
        <source>Your order is saved</source>
        <translation>Tu pedido está guardado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="13" />
        <source>Order number %1. %2</source>
        <translation>Pedido número %1. %2</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="61" />
        <source>To pay on your phone: %1</source>
        <translation>A pagar en tu móvil: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="62" />
        <source>To pay at the counter: %1</source>
        <translation>A pagar en caja: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="124" />
        <source>Order number %1</source>
        <translation>Pedido número %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="217" />
        <source>Scan each order's code with your phone to pay it securely.</source>
        <translation>Escanea el código de cada pedido con tu móvil para pagarlo de forma segura.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="218" />
        <source>Pay %1 at the counter: show these numbers or scan the codes.</source>
        <translation>Paga %1 en caja: enseña estos números o escanea los códigos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="220" />
        <source>Scan the code with your phone to pay %1 securely.</source>
        <translation>Escanea el código con tu móvil para pagar %1 de forma segura.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="221" />
        <source>Pay %1 at the counter: show this number or scan the code.</source>
        <translation>Paga %1 en caja: muestra este número o escanea el código.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="162" />
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="236" />
        <source>QR code of order %1</source>
        <translation>Código QR del pedido %1</translation>
    </message>
    <message>
        <source>You will earn %1 points with this order.</source>
        <translation>Con este pedido sumarás %1 puntos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="278" />
        <source>We will email your confirmation once it reaches our online store.</source>
        <translation>Te enviaremos la confirmación por correo cuando llegue a nuestra tienda online.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="297" />
        <source>This screen starts over in %n second(s). Touch it to keep it.</source>
        <translation><numerusform>Esta pantalla vuelve al inicio en %n segundo. Tócala para mantenerla.</numerusform><numerusform>Esta pantalla vuelve al inicio en %n segundos. Tócala para mantenerla.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="310" />
        <source>Try printing again</source>
        <translation>Volver a imprimir</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="311" />
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="311" />
        <source>Print slip</source>
        <translation>Imprimir ticket</translation>
    </message>
    <message>
        <source>Call an associate</source>
        <translation>Llamar al personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="317" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>DeadLetterPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="13" />
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="25" />
        <source>Rejected orders</source>
        <translation>Pedidos rechazados</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="22" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="31" />
        <source>The online store refused these orders. Retry once the cause is fixed, or cancel to delete the shopper's details.</source>
        <translation>La tienda online ha rechazado estos pedidos. Reinténtalo cuando se haya corregido la causa, o cancélalo para borrar los datos del cliente.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="38" />
        <source>No rejected orders.</source>
        <translation>No hay pedidos rechazados.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="81" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="97" />
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="101" />
        <source>Tap again to cancel</source>
        <translation>Toca otra vez para cancelar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="101" />
        <source>Cancel order</source>
        <translation>Cancelar pedido</translation>
    </message>
</context>
<context>
    <name>DemoScannerTray</name>
    <message>
        <location filename="../qml/Kiosk/components/DemoScannerTray.qml" line="16" />
        <source>Demo scanner</source>
        <translation>Escáner demo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/DemoScannerTray.qml" line="31" />
        <source>Tap a code to scan it</source>
        <translation>Toca un código para escanearlo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/DemoScannerTray.qml" line="61" />
        <source>Scan %1</source>
        <translation>Escanear %1</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="16" />
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="29" />
        <source>Join our loyalty programme</source>
        <translation>Únete a nuestro programa de fidelidad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="35" />
        <source>Earn points on every order, here and in our web shop, and keep a wishlist.</source>
        <translation>Suma puntos con cada pedido, aquí y en nuestra tienda online, y guarda tu lista de deseos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="41" />
        <source>Join with</source>
        <translation>Únete con</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="48" />
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="65" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="55" />
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="65" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="73" />
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="86" />
        <source>Terms version %1</source>
        <translation>Versión de las condiciones: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="145" />
        <source>Joining…</source>
        <translation>Dándote de alta…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="145" />
        <source>Join now</source>
        <translation>Unirme ahora</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="153" />
        <source>Join on my phone</source>
        <translation>Unirme desde mi móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="183" />
        <source>QR code to join on your phone</source>
        <translation>Código QR para unirte desde tu móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/EnrolPage.qml" line="188" />
        <source>Scan this code with your phone's camera to finish joining in our web shop. Nothing you typed here is sent with it.</source>
        <translation>Escanea este código con la cámara de tu móvil para terminar de unirte en nuestra tienda online. No se envía nada de lo que has escrito aquí.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="14" />
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="98" />
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="25" />
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="25" />
        <source>What are you looking for?</source>
        <translation>¿Qué estás buscando?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="35" />
        <source>Card %1 · %2 points</source>
        <translation>Tarjeta %1 · %2 puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="42" />
        <source>My account</source>
        <translation>Mi cuenta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="53" />
        <source>Scan your loyalty card, or join to earn points on this order.</source>
        <translation>Escanea tu tarjeta de cliente o únete para sumar puntos con este pedido.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="60" />
        <source>Join</source>
        <translation>Unirme</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="61" />
        <source>Join our loyalty programme</source>
        <translation>Únete a nuestro programa de fidelidad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="67" />
        <source>Shop by category</source>
        <translation>Compra por categoría</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="95" />
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="129" />
        <source>Offers for you</source>
        <translation>Ofertas para ti</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="144" />
        <source>Popular now</source>
        <translation>Lo más buscado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="144" />
        <source>Picked for you</source>
        <translation>Elegidos para ti</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="17" />
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="31" />
        <source>Are you still there?</source>
        <translation>¿Sigues ahí?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="39" />
        <source>For your privacy this session will end in %1 seconds and your cart will be cleared.</source>
        <translation>Por tu privacidad, la sesión terminará en %1 segundos y se vaciará el carrito.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="48" />
        <source>End session</source>
        <translation>Terminar sesión</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="49" />
        <source>More time</source>
        <translation>Más tiempo</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Kiosk/Main.qml" line="22" />
        <source>Store kiosk</source>
        <translation>Quiosco de tienda</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Main.qml" line="134" />
        <source>Added to your cart: %1</source>
        <translation>Añadido al carrito: %1</translation>
    </message>
</context>
<context>
    <name>OrderStatusPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="13" />
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="21" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="29" />
        <source>Looking up your order…</source>
        <translation>Buscando tu pedido…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="37" />
        <source>We cannot find this order right now. Please ask a store associate.</source>
        <translation>Ahora no encontramos este pedido. Pide ayuda al personal de la tienda.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="83" />
        <source>%n item(s)</source>
        <translation><numerusform>%n artículo</numerusform><numerusform>%n artículos</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="112" />
        <source>The online store cannot be reached: last known status, as of %1</source>
        <translation>No se puede conectar con la tienda online: último estado conocido, a las %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="120" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>PinPadPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="24" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="14" />
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="34" />
        <source>Associate sign-in</source>
        <translation>Acceso del personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="14" />
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="34" />
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="40" />
        <source>Enter your PIN</source>
        <translation>Introduce tu PIN</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="47" />
        <source>%n digit(s) entered</source>
        <translation><numerusform>%n dígito introducido</numerusform><numerusform>%n dígitos introducidos</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="66" />
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="92" />
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="102" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="92" />
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>ProductGallery</name>
    <message>
        <location filename="../qml/Kiosk/components/ProductGallery.qml" line="28" />
        <source>%1, picture %2 of %3</source>
        <translation>%1, foto %2 de %3</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ProductGallery.qml" line="29" />
        <source>Picture of %1</source>
        <translation>Imagen de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ProductGallery.qml" line="65" />
        <source>Previous picture</source>
        <translation>Foto anterior</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ProductGallery.qml" line="76" />
        <source>Next picture</source>
        <translation>Foto siguiente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ProductGallery.qml" line="83" />
        <source>Zoom in on the picture</source>
        <translation>Ampliar la foto</translation>
    </message>
</context>
<context>
    <name>ProductPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="67" />
        <source>%1 (%n review(s))</source>
        <translation><numerusform>%1 (%n opinión)</numerusform><numerusform>%1 (%n opiniones)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="137" />
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="162" />
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="195" />
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="230" />
        <source>Size</source>
        <translation>Talla</translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation>Imagen de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="21" />
        <source>Now %1, was %2</source>
        <translation>Ahora %1, antes %2</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="76" />
        <source>Offer: %1</source>
        <translation>Oferta: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="95" />
        <source>Now %1</source>
        <translation>Ahora %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="103" />
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="121" />
        <source>Was %1</source>
        <translation>Antes %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="118" />
        <source>Was %1, now %2: you save %3%</source>
        <translation>Antes %1, ahora %2: ahorras un %3%</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="128" />
        <source>Save %1%</source>
        <translation>Ahorras un %1%</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="203" />
        <source>Size guide</source>
        <translation>Guía de tallas</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="204" />
        <source>Shows the sizes and their measurements</source>
        <translation>Muestra las tallas y sus medidas</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="230" />
        <source>Size, sold out</source>
        <translation>Talla, agotada</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="262" />
        <source>%1 (%n on the shelf)</source>
        <translation><numerusform>%1 (%n en el estante)</numerusform><numerusform>%1 (%n en el estante)</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="273" />
        <source>Not at the warehouse</source>
        <translation>Sin existencias en el almacén</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="273" />
        <source>%n at the warehouse: home delivery in %1-%2 days</source>
        <translation><numerusform>%n en el almacén: entrega a domicilio en %1-%2 días</numerusform><numerusform>%n en el almacén: entrega a domicilio en %1-%2 días</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="285" />
        <source>%1: %n available</source>
        <translation><numerusform>%1: %n disponible</numerusform><numerusform>%1: %n disponibles</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="285" />
        <source>%1: none</source>
        <translation>%1: sin existencias</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="293" />
        <source>Stock as of %1</source>
        <translation>Stock a las %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="304" />
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="312" />
        <source>One fewer</source>
        <translation>Una menos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="322" />
        <source>Quantity: %1</source>
        <translation>Cantidad: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="329" />
        <source>One more</source>
        <translation>Una más</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="336" />
        <source>up to %1</source>
        <translation>hasta %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="351" />
        <source>No longer available</source>
        <translation>Ya no está disponible</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="352" />
        <source>Add to cart</source>
        <translation>Añadir al carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="352" />
        <source>Add to cart for delivery</source>
        <translation>Añadir al carrito para envío</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="353" />
        <source>%1: %2 items</source>
        <translation>%1: %2 unidades</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="366" />
        <source>In your wishlist</source>
        <translation>En tu lista de deseos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="366" />
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="367" />
        <source>Add to wishlist</source>
        <translation>Añadir a la lista de deseos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="367" />
        <source>Remove from wishlist</source>
        <translation>Quitar de la lista de deseos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="380" />
        <source>Ref. %1</source>
        <translation>Ref. %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="397" />
        <source>Often bought together</source>
        <translation>Se suelen comprar juntos</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="15" />
        <source>My account</source>
        <translation>Mi cuenta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="55" />
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="75" />
        <source>Your new card number</source>
        <translation>Tu nuevo número de tarjeta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="86" />
        <source>Note it down: it is also in your account in our web shop. Give it at the counter to collect points.</source>
        <translation>Apúntalo: también está en tu cuenta de nuestra tienda online. Dilo en caja para sumar puntos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="98" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="99" />
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="102" />
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="107" />
        <source>This order earns</source>
        <translation>Este pedido suma</translation>
    </message>
    <message>
        <source>+%1 points</source>
        <translation>+%1 puntos</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="126" />
        <source>You have %n item(s) in your saved online cart.</source>
        <translation><numerusform>Tienes %n artículo en tu carrito online guardado.</numerusform><numerusform>Tienes %n artículos en tu carrito online guardado.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="132" />
        <source>Add to this cart</source>
        <translation>Añadir a este carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="140" />
        <source>Your wishlist</source>
        <translation>Tu lista de deseos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="179" />
        <source>QR code of your wishlist in our web shop</source>
        <translation>Código QR de tu lista de deseos en nuestra tienda online</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="184" />
        <source>Your wishlist on your phone: scan the code and sign in to our web shop. Add to it here from any product page.</source>
        <translation>Tu lista de deseos en tu móvil: escanea el código e inicia sesión en nuestra tienda online. Añade productos aquí desde cualquier ficha.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="193" />
        <source>Recent purchases</source>
        <translation>Compras recientes</translation>
    </message>
</context>
<context>
    <name>RatingStars</name>
    <message>
        <location filename="../qml/Kiosk/components/RatingStars.qml" line="16" />
        <source>Rated %1 out of 5</source>
        <translation>Valoración %1 de 5</translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="15" />
        <source>Reviews</source>
        <translation>Opiniones</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="24" />
        <source>Loading reviews…</source>
        <translation>Cargando opiniones…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="24" />
        <source>Reviews cannot be read right now. Try again later.</source>
        <translation>Ahora no se pueden leer las opiniones. Inténtalo más tarde.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="65" />
        <source>%1 · written in another language</source>
        <translation>%1 · escrita en otro idioma</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="80" />
        <source>Previous</source>
        <translation>Anteriores</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="81" />
        <source>Previous reviews</source>
        <translation>Opiniones anteriores</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="88" />
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="96" />
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ReviewList.qml" line="97" />
        <source>More reviews</source>
        <translation>Más opiniones</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="13" />
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="25" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="14" />
        <source>%n result(s)</source>
        <translation><numerusform>%n resultado</numerusform><numerusform>%n resultados</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="24" />
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="33" />
        <source>No results for “%1”. Showing results for “%2”.</source>
        <translation>No hay resultados para «%1». Mostramos resultados para «%2».</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="47" />
        <source>Type a few letters: we search the whole catalog, online and in stores.</source>
        <translation>Escribe unas letras: buscamos en todo el catálogo, online y en tiendas.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="48" />
        <source>Nothing matches these filters. Remove one, or clear them, to see more.</source>
        <translation>Nada coincide con estos filtros. Quita alguno, o todos, para ver más.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="49" />
        <source>None of these are in this store. Turn off “Only in this store” to see what we can order for you.</source>
        <translation>Nada de esto está en esta tienda. Quita «Solo en esta tienda» para ver lo que te podemos pedir.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="50" />
        <source>Nothing found. Try another word, or scan the product's barcode.</source>
        <translation>No hay resultados. Prueba otra palabra o escanea el código de barras del producto.</translation>
    </message>
</context>
<context>
    <name>SearchRefineBar</name>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="18" />
        <source>Size</source>
        <translation>Talla</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="18" />
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="19" />
        <source>Brand</source>
        <translation>Marca</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="19" />
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="44" />
        <source>More than %1 results</source>
        <translation>Más de %1 resultados</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="45" />
        <source>%n result(s)</source>
        <translation><numerusform>%n resultado</numerusform><numerusform>%n resultados</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="54" />
        <source>Best match</source>
        <translation>Más relevantes</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="55" />
        <source>Price: low to high</source>
        <translation>Precio: de menor a mayor</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="56" />
        <source>Price: high to low</source>
        <translation>Precio: de mayor a menor</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="57" />
        <source>Newest</source>
        <translation>Novedades</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="65" />
        <source>Sort</source>
        <translation>Ordenar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="74" />
        <source>Only in this store</source>
        <translation>Solo en esta tienda</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="75" />
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="98" />
        <source>Filter</source>
        <translation>Filtrar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="87" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="88" />
        <source>%1 filter, %n chosen</source>
        <translation><numerusform>Filtro de %1, %n elegido</numerusform><numerusform>Filtro de %1, %n elegidos</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="89" />
        <source>%1 filter</source>
        <translation>Filtro de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="90" />
        <source>Open: its choices follow</source>
        <translation>Abierto: sus opciones están a continuación</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="90" />
        <source>Shows its choices</source>
        <translation>Muestra sus opciones</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="97" />
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="120" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="121" />
        <source>%1, %n result(s)</source>
        <translation><numerusform>%1, %n resultado</numerusform><numerusform>%1, %n resultados</numerusform></translation>
    </message>
</context>
<context>
    <name>SizeGuideDialog</name>
    <message>
        <location filename="../qml/Kiosk/components/SizeGuideDialog.qml" line="59" />
        <source>Close the size guide</source>
        <translation>Cerrar la guía de tallas</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="24" />
        <source>Offline: showing saved catalog; orders are kept and sent later</source>
        <translation>Sin conexión: catálogo guardado; los pedidos se guardan y se envían después</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="30" />
        <source>Scanner disconnected</source>
        <translation>Escáner desconectado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="36" />
        <source>Card reader disconnected</source>
        <translation>Lector de tarjetas desconectado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="42" />
        <source>Refreshing the catalog…</source>
        <translation>Actualizando el catálogo…</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="50" />
        <source>%n order(s) waiting to be sent</source>
        <translation><numerusform>%n pedido pendiente de envío</numerusform><numerusform>%n pedidos pendientes de envío</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="51" />
        <source>oldest %1 min</source>
        <translation>el más antiguo hace %1 min</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="23" />
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="24" />
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="47" />
        <source>Search the whole catalog or scan a barcode</source>
        <translation>Busca en todo el catálogo o escanea un código</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="49" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="69" />
        <source>My account</source>
        <translation>Mi cuenta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="90" />
        <source>%1 points</source>
        <translation>%1 puntos</translation>
    </message>
    <message>
        <source>Call an associate</source>
        <translation>Llamar al personal</translation>
    </message>
    <message>
        <source>Accessibility: speech, large text, contrast, reach</source>
        <translation>Accesibilidad: voz, letra grande, contraste, alcance</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/TopBar.qml" line="104" />
        <source>Cart: %n item(s)</source>
        <translation><numerusform>Carrito: %n artículo</numerusform><numerusform>Carrito: %n artículos</numerusform></translation>
    </message>
</context>
<context>
    <name>TotalsBlock</name>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="23" />
        <source>Order total</source>
        <translation>Total del pedido</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="24" />
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="53" />
        <source>Items</source>
        <translation>Artículos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="54" />
        <source>Delivery</source>
        <translation>Envío</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="55" />
        <source>Savings</source>
        <translation>Ahorro</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="56" />
        <source>Coupon</source>
        <translation>Cupón</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="57" />
        <source>Points redeemed</source>
        <translation>Puntos canjeados</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TotalsBlock.qml" line="66" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ZoomView</name>
    <message>
        <location filename="../qml/Kiosk/components/ZoomView.qml" line="18" />
        <source>Zoomed picture of %1</source>
        <translation>Foto ampliada de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ZoomView.qml" line="71" />
        <source>Close the zoomed picture</source>
        <translation>Cerrar la foto ampliada</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ZoomView.qml" line="79" />
        <source>Pinch or double-tap the picture, or use the buttons, to zoom</source>
        <translation>Para ampliar, pellizca o toca dos veces la foto, o usa los botones</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ZoomView.qml" line="92" />
        <source>Zoom out</source>
        <translation>Reducir</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ZoomView.qml" line="100" />
        <source>Zoom in</source>
        <translation>Ampliar</translation>
    </message>
</context>
</TS>