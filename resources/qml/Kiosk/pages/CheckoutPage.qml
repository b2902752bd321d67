pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Home delivery: who and where, how fast, and pay at the counter. Nothing is charged on the kiosk.
Flickable {
    id: page
    required property var app
    readonly property var vm: app.checkoutVm
    readonly property bool wide: width > height
    contentHeight: column.implicitHeight + 2 * Theme.gap + 420
    clip: true

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
                text: qsTr("Home delivery")
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

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 20
            rowSpacing: 16
            FormField { objectName: "firstNameField"; Layout.fillWidth: true; label: qsTr("First name"); value: page.vm.firstName; onEdited: (t) => page.vm.setField("firstName", t) }
            FormField { objectName: "lastNameField"; Layout.fillWidth: true; label: qsTr("Last name"); value: page.vm.lastName; onEdited: (t) => page.vm.setField("lastName", t) }
            FormField { objectName: "emailField"; Layout.fillWidth: true; label: qsTr("Email"); value: page.vm.email; hints: Qt.ImhEmailCharactersOnly; onEdited: (t) => page.vm.setField("email", t) }
            FormField { objectName: "phoneField"; Layout.fillWidth: true; label: qsTr("Phone"); value: page.vm.phone; hints: Qt.ImhDialableCharactersOnly; onEdited: (t) => page.vm.setField("phone", t) }
            FormField { objectName: "streetField"; Layout.fillWidth: true; Layout.columnSpan: 2; label: qsTr("Street and number"); value: page.vm.street; onEdited: (t) => page.vm.setField("street", t) }
            FormField { objectName: "postalCodeField"; Layout.fillWidth: true; label: qsTr("Postal code"); value: page.vm.postalCode; hints: Qt.ImhDigitsOnly; onEdited: (t) => page.vm.setField("postalCode", t) }
            FormField { objectName: "cityField"; Layout.fillWidth: true; label: qsTr("City"); value: page.vm.city; onEdited: (t) => page.vm.setField("city", t) }
        }

        Text {
            text: qsTr("Delivery method")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        Repeater {
            model: page.vm.shippingMethods
            delegate: Rectangle {
                id: method
                required property string methodId
                required property string name
                required property string price
                required property int daysMin
                required property int daysMax
                readonly property bool chosen: page.vm.methodId === methodId
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 16
                radius: Theme.radius
                color: chosen ? "#E6F0EC" : Theme.surface
                border.color: chosen ? Theme.primary : Theme.line
                border.width: 2
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
                MouseArea { anchors.fill: parent; onClicked: page.vm.selectMethod(method.methodId) }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: payRow.implicitHeight + 40
            radius: Theme.radius
            color: Theme.surfaceAlt
            RowLayout {
                id: payRow
                anchors.fill: parent
                anchors.margins: 20
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Payment: pay at the counter with your order number or QR code. No card is needed at this kiosk.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                    wrapMode: Text.Wrap
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
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
            objectName: "checkoutError"
            visible: page.vm.error.length > 0
            Layout.fillWidth: true
            text: page.vm.error
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.bad
            wrapMode: Text.Wrap
        }
        KButton {
            objectName: "placeOrderButton"
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 16
            fontSize: Theme.textL
            enabled: !page.vm.saving
            text: page.vm.saving ? qsTr("Saving your order…") : qsTr("Place order")
            onClicked: page.vm.placeOrder()
        }
    }
}
