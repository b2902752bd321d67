pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Who, how it reaches the shopper (home, another store, or try it on here) and how to pay. No card on the kiosk.
Flickable {
    id: page
    required property var app
    readonly property var vm: app.checkoutVm
    readonly property bool wide: width > height
    readonly property bool home: vm.fulfilment === "home_delivery"
    contentHeight: column.implicitHeight + 2 * Theme.gap + 420
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Checkout")
    Accessible.description: qsTr("Total %1").arg(vm.total)
    onVisibleChanged: if (visible) contentY = 0  // each visit starts at the top, never where the last shopper was

    ColumnLayout {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: page.width - 2 * Theme.gap
        spacing: 20

        RowLayout {
            Layout.fillWidth: true
            Text {
                Layout.fillWidth: true
                text: qsTr("Checkout")
                font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            }
            KButton {
                objectName: "useProfileButton"
                visible: page.vm.canUseProfile
                kind: "secondary"
                text: qsTr("Use my online profile")
                onClicked: page.vm.useProfile()
            }
        }

        Text {
            text: qsTr("How would you like to get it?")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        Repeater {
            model: page.vm.fulfilmentOptions
            delegate: Tappable {
                id: option
                required property string optionKey
                required property string kind
                required property string title
                required property string detail
                required property bool available
                required property string reason
                readonly property bool chosen: page.vm.optionKey === optionKey
                objectName: "option_" + optionKey
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.touch + 24, optionText.implicitHeight + 32)
                radius: Theme.radius
                color: chosen ? Theme.chosen : Theme.surface
                borderColor: chosen ? Theme.primary : Theme.control
                borderWidth: 2
                opacity: available ? 1.0 : 0.55
                enabled: available
                choice: true
                selected: chosen
                text: title
                description: available ? detail : reason
                onClicked: page.vm.selectOption(option.optionKey)
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 24
                    anchors.rightMargin: 24
                    spacing: 16
                    Icon {
                        name: option.chosen ? "check" : option.kind === "home_delivery" ? "truck" : "store"
                        color: option.chosen ? Theme.primary : Theme.muted
                        Layout.preferredWidth: 36; Layout.preferredHeight: 36
                    }
                    ColumnLayout {
                        id: optionText
                        Layout.fillWidth: true
                        spacing: 2
                        Text { Layout.fillWidth: true; text: option.title; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; elide: Text.ElideRight }
                        Text {
                            Layout.fillWidth: true
                            text: option.available ? option.detail : option.reason
                            font.family: Theme.font; font.pixelSize: Theme.textS; color: option.available ? Theme.muted : Theme.bad
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
        }

        Text {
            Layout.topMargin: 8
            text: qsTr("Your details")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 20
            rowSpacing: 16
            FormField { objectName: "firstNameField"; Layout.fillWidth: true; label: qsTr("First name"); value: page.vm.firstName; onEdited: (t) => page.vm.setField("firstName", t) }
            FormField { objectName: "lastNameField"; Layout.fillWidth: true; label: qsTr("Last name"); value: page.vm.lastName; onEdited: (t) => page.vm.setField("lastName", t) }
            FormField { objectName: "emailField"; Layout.fillWidth: true; label: qsTr("Email"); value: page.vm.email; hints: Qt.ImhEmailCharactersOnly; onEdited: (t) => page.vm.setField("email", t) }
            FormField { objectName: "phoneField"; Layout.fillWidth: true; label: qsTr("Phone"); value: page.vm.phone; hints: Qt.ImhDialableCharactersOnly; onEdited: (t) => page.vm.setField("phone", t) }
            FormField { objectName: "streetField"; visible: page.home; Layout.fillWidth: true; Layout.columnSpan: 2; label: qsTr("Street and number"); value: page.vm.street; onEdited: (t) => page.vm.setField("street", t) }
            FormField { objectName: "postalCodeField"; visible: page.home; Layout.fillWidth: true; label: qsTr("Postal code"); value: page.vm.postalCode; hints: Qt.ImhDigitsOnly; onEdited: (t) => page.vm.setField("postalCode", t) }
            FormField { objectName: "cityField"; visible: page.home; Layout.fillWidth: true; label: qsTr("City"); value: page.vm.city; onEdited: (t) => page.vm.setField("city", t) }
        }

        Text {
            visible: page.home
            text: qsTr("Delivery method")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        Repeater {
            model: page.home ? page.vm.shippingMethods : null
            delegate: Tappable {
                id: method
                required property string methodId
                required property string name
                required property string price
                required property int daysMin
                required property int daysMax
                readonly property bool chosen: page.vm.methodId === methodId
                objectName: "method_" + methodId
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 16
                radius: Theme.radius
                color: chosen ? Theme.chosen : Theme.surface
                borderColor: chosen ? Theme.primary : Theme.control
                borderWidth: 2
                choice: true
                selected: chosen
                text: name
                description: qsTr("%1-%2 days").arg(daysMin).arg(daysMax) + ", " + price
                onClicked: page.vm.selectMethod(method.methodId)
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 24
                    anchors.rightMargin: 24
                    spacing: 16
                    Icon { name: method.chosen ? "check" : "truck"; color: method.chosen ? Theme.primary : Theme.muted; Layout.preferredWidth: 32; Layout.preferredHeight: 32 }
                    Text { Layout.fillWidth: true; text: method.name; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; elide: Text.ElideRight }
                    Text { text: qsTr("%1-%2 days").arg(method.daysMin).arg(method.daysMax); font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    Text { text: method.price; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                }
            }
        }

        Text {
            Layout.topMargin: 8
            text: qsTr("Payment")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            Repeater {
                model: [
                    { kind: "pay_at_counter", title: qsTr("Pay at the counter"), detail: qsTr("Show the order QR or slip at the till") },
                    { kind: "pay_on_phone", title: qsTr("Pay on my phone"), detail: qsTr("Scan a secure payment link") }
                ]
                delegate: Tappable {
                    id: pay
                    required property var modelData
                    readonly property bool chosen: page.vm.payment === modelData.kind
                    objectName: "payment_" + modelData.kind
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: payText.implicitHeight + 40
                    radius: Theme.radius
                    color: chosen ? Theme.chosen : Theme.surface
                    borderColor: chosen ? Theme.primary : Theme.control
                    borderWidth: 2
                    choice: true
                    selected: chosen
                    text: modelData.title
                    description: modelData.detail
                    onClicked: page.vm.selectPayment(pay.modelData.kind)
                    ColumnLayout {
                        id: payText
                        anchors.fill: parent
                        anchors.margins: 20
                        spacing: 2
                        Text { Layout.fillWidth: true; text: pay.modelData.title; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; wrapMode: Text.Wrap }
                        Text { Layout.fillWidth: true; text: pay.modelData.detail; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; wrapMode: Text.Wrap }
                    }
                }
            }
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("No card is needed at this kiosk.")
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
            wrapMode: Text.Wrap
        }

        RowLayout {
            Layout.fillWidth: true
            visible: page.home
            Text { text: qsTr("Shipping"); font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted }
            Item { Layout.fillWidth: true }
            Text { text: page.vm.shipping; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted }
        }
        RowLayout {
            Layout.fillWidth: true
            Text { text: qsTr("Total"); font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink }
            Item { Layout.fillWidth: true }
            Text { objectName: "checkoutTotal"; text: page.vm.total; font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink }
        }
        Text {
            objectName: "pointsEarned"
            visible: page.vm.pointsEarned > 0
            Layout.fillWidth: true
            text: qsTr("This order earns %1 points").arg(page.vm.pointsEarnedFigure)
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.accent
        }
        Text {
            objectName: "checkoutError"
            visible: page.vm.error.length > 0
            Layout.fillWidth: true
            text: page.vm.error
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.bad
            wrapMode: Text.Wrap
        }
        // The backend's re-check just before placing: what changed since the shopper saw it, and a choice.
        Rectangle {
            objectName: "recheckPanel"
            visible: page.vm.recheckPending
            Layout.fillWidth: true
            implicitHeight: recheckColumn.implicitHeight + 2 * Theme.gap
            radius: Theme.radius
            color: Theme.warnSurface
            border.color: Theme.warn
            ColumnLayout {
                id: recheckColumn
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: 8
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Since you chose these, the store's stock or prices changed:")
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: page.vm.recheckChanges
                    delegate: Text {
                        required property string change
                        objectName: "recheckLine"
                        Layout.fillWidth: true
                        text: "• " + change
                        font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                        wrapMode: Text.Wrap
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    KButton {
                        objectName: "reviewCartButton"
                        Layout.fillWidth: true
                        kind: "secondary"
                        text: qsTr("Change my cart")
                        onClicked: page.vm.reviewCart()
                    }
                    KButton {
                        objectName: "acceptRecheckButton"
                        Layout.fillWidth: true
                        text: qsTr("Accept and place order")
                        onClicked: page.vm.acceptRecheck()
                    }
                }
            }
        }
        KButton {
            objectName: "placeOrderButton"
            visible: !page.vm.recheckPending
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 16
            fontSize: Theme.textL
            enabled: !page.vm.saving
            text: page.vm.checking ? qsTr("Checking stock and prices…")
                  : page.vm.saving ? qsTr("Saving your order…") : qsTr("Place order")
            onClicked: page.vm.placeOrder()
        }
    }
}
