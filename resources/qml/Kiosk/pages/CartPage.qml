pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    required property var app
    readonly property var vm: app.cartVm

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        Text {
            text: qsTr("Your cart")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
        }
        Text {
            visible: page.vm.count === 0
            text: qsTr("Your cart is empty. Scan a barcode or search to add products.")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
        ListView {
            id: lines
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: page.vm.lines
            delegate: Rectangle {
                id: line
                required property string variantId
                required property string name
                required property string options
                required property string unitPrice
                required property string total
                required property int quantity
                required property string image
                width: ListView.view.width
                height: 160
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 20
                    Rectangle {
                        Layout.preferredWidth: 128
                        Layout.preferredHeight: 128
                        radius: 14
                        color: Theme.surfaceAlt
                        clip: true
                        Image { anchors.fill: parent; source: line.image; sourceSize.width: 256; sourceSize.height: 256; fillMode: Image.PreserveAspectCrop; asynchronous: true }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Text { Layout.fillWidth: true; text: line.name; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; elide: Text.ElideRight }
                        Text { Layout.fillWidth: true; text: line.options; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; elide: Text.ElideRight }
                        Text { text: line.unitPrice; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    }
                    RowLayout {
                        spacing: 8
                        RoundIconButton { icon: "minus"; onClicked: page.vm.decrement(line.variantId) }
                        Text { text: line.quantity; Layout.preferredWidth: 48; horizontalAlignment: Text.AlignHCenter; font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink }
                        RoundIconButton { icon: "plus"; onClicked: page.vm.increment(line.variantId) }
                    }
                    Text { Layout.preferredWidth: 150; horizontalAlignment: Text.AlignRight; text: line.total; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                }
            }
        }
        Text {
            visible: page.vm.error.length > 0
            text: page.vm.error
            color: Theme.bad
            font.family: Theme.font; font.pixelSize: Theme.textS
        }
        RowLayout {
            Layout.fillWidth: true
            Text { text: qsTr("Subtotal"); font.family: Theme.font; font.pixelSize: Theme.textL; color: Theme.ink }
            Item { Layout.fillWidth: true }
            Text { objectName: "cartSubtotal"; text: page.vm.subtotal; font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink }
        }
        KButton {
            objectName: "checkoutButton"
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 16
            fontSize: Theme.textL
            enabled: page.vm.count > 0
            text: qsTr("Checkout: home delivery")
            onClicked: page.app.openCheckout()
        }
    }
}
