<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AdminPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/AdminPage.qml" line="91" />
        <source>Order %1 · %n item(s) · waiting %2 min</source>
        <translation><numerusform>Order %1 · %n item · waiting %2 min</numerusform><numerusform>Order %1 · %n items · waiting %2 min</numerusform></translation>
    </message>
</context>
<context>
    <name>CartPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/CartPage.qml" line="12" />
        <source>%n item(s), subtotal %1</source>
        <translation><numerusform>%n item, subtotal %1</numerusform><numerusform>%n items, subtotal %1</numerusform></translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/CheckoutPage.qml" line="170" />
        <source>Your items come in %n order(s), one for each way of receiving them:</source>
        <translation><numerusform>Your items come in %n order, one for each way of receiving them:</numerusform><numerusform>Your items come in %n orders, one for each way of receiving them:</numerusform></translation>
    </message>
</context>
<context>
    <name>ConfirmationPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ConfirmationPage.qml" line="297" />
        <source>This screen starts over in %n second(s). Touch it to keep it.</source>
        <translation><numerusform>This screen starts over in %n second. Touch it to keep it.</numerusform><numerusform>This screen starts over in %n seconds. Touch it to keep it.</numerusform></translation>
    </message>
</context>
<context>
    <name>OrderStatusPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/OrderStatusPage.qml" line="83" />
        <source>%n item(s)</source>
        <translation><numerusform>%n item</numerusform><numerusform>%n items</numerusform></translation>
    </message>
</context>
<context>
    <name>PinPadPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/PinPadPage.qml" line="47" />
        <source>%n digit(s) entered</source>
        <translation><numerusform>%n digit entered</numerusform><numerusform>%n digits entered</numerusform></translation>
    </message>
</context>
<context>
    <name>ProductPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="67" />
        <source>%1 (%n review(s))</source>
        <translation><numerusform>%1 (%n review)</numerusform><numerusform>%1 (%n reviews)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="262" />
        <source>%1 (%n on the shelf)</source>
        <translation><numerusform>%1 (%n on the shelf)</numerusform><numerusform>%1 (%n on the shelf)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="273" />
        <source>%n at the warehouse: home delivery in %1-%2 days</source>
        <translation><numerusform>%n at the warehouse: home delivery in %1-%2 days</numerusform><numerusform>%n at the warehouse: home delivery in %1-%2 days</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProductPage.qml" line="285" />
        <source>%1: %n available</source>
        <translation><numerusform>%1: %n available</numerusform><numerusform>%1: %n available</numerusform></translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/ProfilePage.qml" line="126" />
        <source>You have %n item(s) in your saved online cart.</source>
        <translation><numerusform>You have %n item in your saved online cart.</numerusform><numerusform>You have %n items in your saved online cart.</numerusform></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/pages/SearchPage.qml" line="14" />
        <source>%n result(s)</source>
        <translation><numerusform>%n result</numerusform><numerusform>%n results</numerusform></translation>
    </message>
</context>
<context>
    <name>SearchRefineBar</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="45" />
        <source>%n result(s)</source>
        <translation><numerusform>%n result</numerusform><numerusform>%n results</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="88" />
        <source>%1 filter, %n chosen</source>
        <translation><numerusform>%1 filter, %n chosen</numerusform><numerusform>%1 filter, %n chosen</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/SearchRefineBar.qml" line="121" />
        <source>%1, %n result(s)</source>
        <translation><numerusform>%1, %n result</numerusform><numerusform>%1, %n results</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/StatusStrip.qml" line="50" />
        <source>%n order(s) waiting to be sent</source>
        <translation><numerusform>%n order waiting to be sent</numerusform><numerusform>%n orders waiting to be sent</numerusform></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message numerus="yes">
        <location filename="../qml/Kiosk/components/TopBar.qml" line="104" />
        <source>Cart: %n item(s)</source>
        <translation><numerusform>Cart: %n item</numerusform><numerusform>Cart: %n items</numerusform></translation>
    </message>
</context>
</TS>