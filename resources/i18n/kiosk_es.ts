<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="20" />
        <source>Staff menu</source>
        <translation>Menú del personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="26" />
        <source>Signed in as %1</source>
        <translation>Sesión iniciada: %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="35" />
        <source>Customers: orders and returns</source>
        <translation>Clientes: pedidos y devoluciones</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="43" />
        <source>Waiting to collect (%1)</source>
        <translation>Esperando para recoger (%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="54" />
        <source>Order %1 · %n item(s) · waiting %2 min</source>
        <translation><numerusform>Pedido %1 · %n artículo · esperando %2 min</numerusform><numerusform>Pedido %1 · %n artículos · esperando %2 min</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="64" />
        <source>Rejected orders (%1)</source>
        <translation>Pedidos rechazados (%1)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="74" />
        <source>Exit kiosk app</source>
        <translation>Salir de la aplicación del quiosco</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="84" />
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="92" />
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
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="27" />
        <source>Find a customer</source>
        <translation>Buscar un cliente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="38" />
        <source>Email or phone number</source>
        <translation>Correo electrónico o teléfono</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="67" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="75" />
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="125" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="127" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="129" />
        <source>Loyalty card</source>
        <translation>Tarjeta de fidelización</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="131" />
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="136" />
        <source>Addresses</source>
        <translation>Direcciones</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="141" />
        <source>No saved addresses</source>
        <translation>No hay direcciones guardadas</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="169" />
        <source>Order for this customer</source>
        <translation>Pedir para este cliente</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="178" />
        <source>Orders…</source>
        <translation>Pedidos…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateCustomerPage.qml" line="178" />
        <source>Orders (%1)</source>
        <translation>Pedidos (%1)</translation>
    </message>
</context>
<context>
    <name>AssociateOrdersPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="20" />
        <source>Orders of %1</source>
        <translation>Pedidos de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="47" />
        <source>Loading orders…</source>
        <translation>Cargando pedidos…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="49" />
        <source>No orders yet</source>
        <translation>Todavía no hay pedidos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="88" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="109" />
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="109" />
        <source>Resend confirmation</source>
        <translation>Reenviar confirmación</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateOrdersPage.qml" line="116" />
        <source>Start a return</source>
        <translation>Iniciar una devolución</translation>
    </message>
</context>
<context>
    <name>AssociateReturnPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="26" />
        <source>Return of order %1</source>
        <translation>Devolución del pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="32" />
        <source>1. What comes back</source>
        <translation>1. Qué se devuelve</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="63" />
        <source>%1 · %2 · bought %3</source>
        <translation>%1 · %2 · comprados: %3</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="92" />
        <source>2. Reason</source>
        <translation>2. Motivo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="138" />
        <source>Recording the return…</source>
        <translation>Registrando la devolución…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="138" />
        <source>Confirm return</source>
        <translation>Confirmar la devolución</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="159" />
        <source>Return %1 recorded</source>
        <translation>Devolución %1 registrada</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="165" />
        <source>Write this number on the returned items and give it to the customer.</source>
        <translation>Escribe este número en los artículos devueltos y dáselo al cliente.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AssociateReturnPage.qml" line="172" />
        <source>Back to the orders</source>
        <translation>Volver a los pedidos</translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="54" />
        <source>The whole store, and everything online.</source>
        <translation>Toda la tienda, y todo lo online.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="61" />
        <source>Find any product, check stock in every store and get it delivered home.</source>
        <translation>Encuentra cualquier producto, consulta el stock de todas las tiendas y recíbelo en casa.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="71" />
        <source>Touch to start</source>
        <translation>Toca para empezar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/AttractPage.qml" line="81" />
        <source>or scan any barcode</source>
        <translation>o escanea cualquier código</translation>
    </message>
</context>
<context>
    <name>CartPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="16" />
        <source>Your cart</source>
        <translation>Tu carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="21" />
        <source>Your cart is empty. Scan a barcode or search to add products.</source>
        <translation>Tu carrito está vacío. Escanea un código o busca para añadir productos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="96" />
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="110" />
        <source>Continue on my phone</source>
        <translation>Seguir en mi móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="120" />
        <source>Checkout</source>
        <translation>Pagar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="156" />
        <source>Scan with your phone to open this cart in the web shop</source>
        <translation>Escanéalo con tu móvil para abrir este carrito en la tienda online</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="183" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Checkout: home delivery</source>
        <translation>Pagar: envío a domicilio</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Home delivery</source>
        <translation>Envío a domicilio</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="28" />
        <source>Checkout</source>
        <translation>Pagar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="35" />
        <source>Use my online profile</source>
        <translation>Usar mi perfil online</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="41" />
        <source>How would you like to get it?</source>
        <translation>¿Cómo quieres recibirlo?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="92" />
        <source>Your details</source>
        <translation>Tus datos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="100" />
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="101" />
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="102" />
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="103" />
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="104" />
        <source>Street and number</source>
        <translation>Calle y número</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="105" />
        <source>Postal code</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="106" />
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="111" />
        <source>Delivery method</source>
        <translation>Método de envío</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="138" />
        <source>%1-%2 days</source>
        <translation>%1-%2 días</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="147" />
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="155" />
        <source>Pay at the counter</source>
        <translation>Pagar en caja</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="155" />
        <source>Show the order QR or slip at the till</source>
        <translation>Enseña el QR o el ticket del pedido en caja</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="156" />
        <source>Pay on my phone</source>
        <translation>Pagar con mi móvil</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="156" />
        <source>Scan a secure payment link</source>
        <translation>Escanea un enlace de pago seguro</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="184" />
        <source>No card is needed at this kiosk.</source>
        <translation>No necesitas tarjeta en este quiosco.</translation>
    </message>
    <message>
        <source>Payment: pay at the counter with your order number or QR code. No card is needed at this kiosk.</source>
        <translation>Pago: paga en caja con tu número de pedido o el código QR. En este quiosco no se pide tarjeta.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="192" />
        <source>Shipping</source>
        <translation>Envío</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="198" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="206" />
        <source>This order earns %1 points</source>
        <translation>Este pedido suma %1 puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="233" />
        <source>Since you chose these, the store's stock or prices changed:</source>
        <translation>Desde que los elegiste, han cambiado el stock o los precios de la tienda:</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="255" />
        <source>Change my cart</source>
        <translation>Cambiar mi carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="261" />
        <source>Accept and place order</source>
        <translation>Aceptar y hacer el pedido</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="274" />
        <source>Checking stock and prices…</source>
        <translation>Comprobando stock y precios…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="275" />
        <source>Saving your order…</source>
        <translation>Guardando tu pedido…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="275" />
        <source>Place order</source>
        <translation>Hacer pedido</translation>
    </message>
</context>
<context>
    <name>ConfirmationPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="25" />
        <source>Your order is saved</source>
        <translation>Tu pedido está guardado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="78" />
        <source>Scan the code with your phone to pay %1 securely.</source>
        <translation>Escanea el código con tu móvil para pagar %1 de forma segura.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="79" />
        <source>Pay %1 at the counter: show this number or scan the code.</source>
        <translation>Paga %1 en caja: muestra este número o escanea el código.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="104" />
        <source>You will earn %1 points with this order.</source>
        <translation>Con este pedido sumarás %1 puntos.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="110" />
        <source>We will email your confirmation once it reaches our online store.</source>
        <translation>Te enviaremos la confirmación por correo cuando llegue a nuestra tienda online.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="133" />
        <source>Try printing again</source>
        <translation>Volver a imprimir</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="134" />
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="134" />
        <source>Print slip</source>
        <translation>Imprimir ticket</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="140" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>DeadLetterPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="23" />
        <source>Rejected orders</source>
        <translation>Pedidos rechazados</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="29" />
        <source>The online store refused these orders. Retry once the cause is fixed, or cancel to delete the shopper's details.</source>
        <translation>La tienda online ha rechazado estos pedidos. Reinténtalo cuando se haya corregido la causa, o cancélalo para borrar los datos del cliente.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="36" />
        <source>No rejected orders.</source>
        <translation>No hay pedidos rechazados.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="79" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="95" />
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="99" />
        <source>Tap again to cancel</source>
        <translation>Toca otra vez para cancelar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/DeadLetterPage.qml" line="99" />
        <source>Cancel order</source>
        <translation>Cancelar pedido</translation>
    </message>
</context>
<context>
    <name>DemoScannerTray</name>
    <message>
        <location filename="../qml/Kiosk/components/DemoScannerTray.qml" line="32" />
        <source>Demo scanner</source>
        <translation>Escáner demo</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/DemoScannerTray.qml" line="54" />
        <source>Tap a code to scan it</source>
        <translation>Toca un código para escanearlo</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="23" />
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="23" />
        <source>What are you looking for?</source>
        <translation>¿Qué estás buscando?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="33" />
        <source>Card %1 · %2 points</source>
        <translation>Tarjeta %1 · %2 puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="40" />
        <source>My account</source>
        <translation>Mi cuenta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="46" />
        <source>Shop by category</source>
        <translation>Compra por categoría</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="105" />
        <source>Offers for you</source>
        <translation>Ofertas para ti</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="120" />
        <source>Popular now</source>
        <translation>Lo más buscado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/HomePage.qml" line="120" />
        <source>Picked for you</source>
        <translation>Elegidos para ti</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="26" />
        <source>Are you still there?</source>
        <translation>¿Sigues ahí?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="34" />
        <source>For your privacy this session will end in %1 seconds and your cart will be cleared.</source>
        <translation>Por tu privacidad, la sesión terminará en %1 segundos y se vaciará el carrito.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="43" />
        <source>End session</source>
        <translation>Terminar sesión</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleWarning.qml" line="44" />
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Kiosk/Main.qml" line="23" />
        <source>Store kiosk</source>
        <translation>Quiosco de tienda</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Main.qml" line="87" />
        <source>Added to your cart: %1</source>
        <translation>Añadido al carrito: %1</translation>
    </message>
</context>
<context>
    <name>OrderStatusPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="19" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="27" />
        <source>Looking up your order…</source>
        <translation>Buscando tu pedido…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="35" />
        <source>We cannot find this order right now. Please ask a store associate.</source>
        <translation>Ahora no encontramos este pedido. Pide ayuda al personal de la tienda.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="81" />
        <source>%n item(s)</source>
        <translation><numerusform>%n artículo</numerusform><numerusform>%n artículos</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="89" />
        <source>The online store cannot be reached: last known status, as of %1</source>
        <translation>No se puede conectar con la tienda online: último estado conocido, a las %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="97" />
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>PinPadPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="21" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="31" />
        <source>Associate sign-in</source>
        <translation>Acceso del personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="31" />
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="37" />
        <source>Enter your PIN</source>
        <translation>Introduce tu PIN</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="61" />
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="89" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ProductCard</name>
    <message>
        <location filename="../qml/Kiosk/components/ProductCard.qml" line="75" />
        <source>In this store</source>
        <translation>En esta tienda</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/ProductCard.qml" line="75" />
        <source>Order for delivery</source>
        <translation>Pídelo a domicilio</translation>
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
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="80" />
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="133" />
        <source>Size</source>
        <translation>Talla</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="185" />
        <source>%n in this store</source>
        <translation><numerusform>%n en esta tienda</numerusform><numerusform>%n en esta tienda</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="185" />
        <source>Not in this store right now</source>
        <translation>Ahora no hay en esta tienda</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="196" />
        <source>%n at the warehouse: home delivery in 2-5 days</source>
        <translation><numerusform>%n en el almacén: entrega a domicilio en 2-5 días</numerusform><numerusform>%n en el almacén: entrega a domicilio en 2-5 días</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="196" />
        <source>Not at the warehouse</source>
        <translation>Sin existencias en el almacén</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="208" />
        <source>%1: %n available</source>
        <translation><numerusform>%1: %n disponible</numerusform><numerusform>%1: %n disponibles</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="208" />
        <source>%1: none</source>
        <translation>%1: sin existencias</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="216" />
        <source>Stock as of %1</source>
        <translation>Stock a las %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="227" />
        <source>No longer available</source>
        <translation>Ya no está disponible</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="228" />
        <source>Add to cart</source>
        <translation>Añadir al carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="228" />
        <source>Add to cart for delivery</source>
        <translation>Añadir al carrito para envío</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="240" />
        <source>Ref. %1</source>
        <translation>Ref. %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="251" />
        <source>Often bought together</source>
        <translation>Se suelen comprar juntos</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="50" />
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="60" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="61" />
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="64" />
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="69" />
        <source>This order earns</source>
        <translation>Este pedido suma</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="70" />
        <source>+%1 points</source>
        <translation>+%1 puntos</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="88" />
        <source>You have %n item(s) in your saved online cart.</source>
        <translation><numerusform>Tienes %n artículo en tu carrito online guardado.</numerusform><numerusform>Tienes %n artículos en tu carrito online guardado.</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="94" />
        <source>Add to this cart</source>
        <translation>Añadir a este carrito</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="102" />
        <source>Your wishlist</source>
        <translation>Tu lista de deseos</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="118" />
        <source>Recent purchases</source>
        <translation>Compras recientes</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="20" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="28" />
        <source>No results for “%1”. Showing results for “%2”.</source>
        <translation>No hay resultados para «%1». Mostramos resultados para «%2».</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="35" />
        <source>Type a few letters: we search the whole catalog, online and in stores.</source>
        <translation>Escribe unas letras: buscamos en todo el catálogo, online y en tiendas.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="36" />
        <source>Nothing found. Try another word, or scan the product's barcode.</source>
        <translation>No hay resultados. Prueba otra palabra o escanea el código de barras del producto.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="22" />
        <source>Offline: showing saved catalog; orders are kept and sent later</source>
        <translation>Sin conexión: catálogo guardado; los pedidos se guardan y se envían después</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="28" />
        <source>Scanner disconnected</source>
        <translation>Escáner desconectado</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="34" />
        <source>Card reader disconnected</source>
        <translation>Lector de tarjetas desconectado</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="41" />
        <source>%n order(s) waiting to be sent</source>
        <translation><numerusform>%n pedido pendiente de envío</numerusform><numerusform>%n pedidos pendientes de envío</numerusform></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="42" />
        <source>oldest %1 min</source>
        <translation>el más antiguo hace %1 min</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="46" />
        <source>Search the whole catalog or scan a barcode</source>
        <translation>Busca en todo el catálogo o escanea un código</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="84" />
        <source>%1 points</source>
        <translation>%1 puntos</translation>
    </message>
</context>
</TS>