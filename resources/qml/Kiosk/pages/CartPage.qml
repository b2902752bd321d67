pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

Item {
    id: page
    required property var app
    readonly property var vm: app.cartVm
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Your cart")
    Accessible.description: vm.count === 0 ? qsTr("Your cart is empty.") : qsTr("%n item(s), subtotal %1", "", vm.count).arg(vm.subtotal)

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
                required property string notice  // a catalog change since it was added: new price or withdrawn
                required property bool withdrawn
                required property bool canIncrement  // stock for the way it is received allows one more
                required property string stockWords
                required property string stockState
                required property string receiveKey  // "" = as the whole order
                required property string receiveText  // how and when, the same words as checkout's
                required property var choices  // [{key, label}] the ways this line can be received
                required property string saving  // what the promotions take off this line, "" when nothing
                width: ListView.view.width
                height: Math.max(160, lineColumn.implicitHeight + 32)
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                ColumnLayout {
                    id: lineColumn
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 12
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 20
                    Rectangle {
                        Layout.preferredWidth: 128
                        Layout.preferredHeight: 128
                        radius: 14
                        color: Theme.surfaceAlt
                        clip: true
                        ShownImage { anchors.fill: parent; picture: line.image; sourceSize.width: 256; sourceSize.height: 256 }
                    }
                    ColumnLayout {
                        id: lineText
                        Layout.fillWidth: true
                        spacing: 4
                        Text { Layout.fillWidth: true; text: line.name; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; elide: Text.ElideRight }
                        Text { Layout.fillWidth: true; text: line.options; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; elide: Text.ElideRight }
                        Text { text: line.unitPrice; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                        Text {
                            objectName: "lineSaving_" + line.variantId
                            visible: line.saving.length > 0
                            text: qsTr("You save %1").arg(line.saving)
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.ok
                        }
                        Text {
                            objectName: "lineStock_" + line.variantId
                            visible: text.length > 0
                            Layout.fillWidth: true
                            text: line.stockWords
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                            color: Theme.stockColour(line.stockState)
                            wrapMode: Text.Wrap
                        }
                        Text {
                            objectName: "lineNotice"
                            Layout.fillWidth: true
                            visible: line.notice.length > 0
                            text: line.notice
                            wrapMode: Text.WordWrap
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                            color: line.withdrawn ? Theme.bad : Theme.ink
                        }
                    }
                    RowLayout {
                        spacing: 8
                        RoundIconButton { objectName: "cartMinus_" + line.variantId; glyph: "minus"; text: qsTr("One less %1").arg(line.name); onClicked: page.vm.decrement(line.variantId) }
                        Text { Accessible.name: qsTr("Quantity %1").arg(line.quantity); text: line.quantity; Layout.preferredWidth: 48; horizontalAlignment: Text.AlignHCenter; font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink }
                        RoundIconButton { objectName: "cartPlus_" + line.variantId; glyph: "plus"; enabled: line.canIncrement; text: qsTr("One more %1").arg(line.name); onClicked: page.vm.increment(line.variantId) }
                        // the whole line in one tap, whatever its quantity (issue 18)
                        RoundIconButton { objectName: "cartRemove_" + line.variantId; glyph: "close"; text: qsTr("Remove %1 from the cart").arg(line.name); onClicked: page.vm.remove(line.variantId) }
                    }
                    Text { Layout.preferredWidth: 150; horizontalAlignment: Text.AlignRight; text: line.total; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                }
                // how this line reaches the shopper: here, delivered, or picked up at a store that has it
                Text {
                    objectName: "lineReceive_" + line.variantId
                    Layout.fillWidth: true
                    text: line.receiveText
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Flow {
                    Layout.fillWidth: true
                    visible: line.choices.length > 0 && !line.withdrawn
                    spacing: 12
                    Repeater {
                        model: line.choices
                        delegate: ChoiceChip {
                            id: receiveChip
                            required property var modelData
                            objectName: "cartReceive_" + line.variantId + "_" + modelData.key
                            choice: true
                            selected: line.receiveKey === modelData.key
                            text: modelData.label
                            description: qsTr("How to get %1").arg(line.name)
                            // a second tap on the chosen way hands the line back to the whole order's choice
                            onClicked: page.vm.setLineFulfilment(line.variantId, receiveChip.selected ? "" : receiveChip.modelData.key)
                        }
                    }
                }
                }
            }
        }
        Text {
            visible: page.vm.error.length > 0
            text: page.vm.error
            color: Theme.bad
            font.family: Theme.font; font.pixelSize: Theme.textS
        }
        TotalsBlock {
            objectName: "cartTotals"
            visible: page.vm.count > 0
            Layout.fillWidth: true
            namePrefix: "cart"
            subtotal: page.vm.subtotal
            delivery: page.vm.delivery
            pointsDiscount: page.vm.pointsDiscount
            savings: page.vm.savings
            total: page.vm.total
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            KButton {
                objectName: "phoneButton"
                kind: "secondary"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                implicitHeight: Theme.touch + 16
                enabled: page.vm.count > 0 && !page.app.travelVm.busy
                text: qsTr("Continue on my phone")
                onClicked: page.app.travelVm.continueOnPhone()
            }
            KButton {
                objectName: "checkoutButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                implicitHeight: Theme.touch + 16
                fontSize: Theme.textL
                enabled: page.vm.count > 0
                text: qsTr("Checkout")
                onClicked: page.app.openCheckout()
            }
        }
        Text {
            objectName: "phoneError"
            visible: page.app.travelVm.error.length > 0
            Layout.fillWidth: true
            text: page.app.travelVm.error
            color: Theme.bad
            wrapMode: Text.Wrap
            font.family: Theme.font; font.pixelSize: Theme.textS
        }
    }

    // The cart as a QR: the phone opens it in the web shop (and a recognised shopper also gets the link).
    Rectangle {
        objectName: "phonePanel"
        anchors.fill: parent
        visible: page.app.travelVm.phoneUrl.length > 0
        color: Theme.scrim
        MouseArea { anchors.fill: parent; onClicked: page.app.travelVm.closePhone() }
        onVisibleChanged: if (visible) phoneDone.forceActiveFocus(Qt.TabFocusReason)
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.gap, 720)
            height: phoneColumn.implicitHeight + 80
            radius: Theme.radius
            color: Theme.surface
            MouseArea { anchors.fill: parent }
            ColumnLayout {
                id: phoneColumn
                anchors.fill: parent
                anchors.margins: 40
                spacing: Theme.gap
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Scan with your phone to open this cart in the web shop")
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                }
                Image {
                    objectName: "phoneQr"
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("QR code of this cart for your phone")
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: 420
                    Layout.preferredHeight: 420
                    source: page.app.travelVm.phoneQr
                    sourceSize.width: 420
                    sourceSize.height: 420
                    smooth: false
                }
                Text {
                    objectName: "phoneNote"
                    visible: text.length > 0
                    Layout.fillWidth: true
                    text: page.app.travelVm.phoneNote
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ok
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                }
                KButton {
                    id: phoneDone
                    objectName: "phoneDoneButton"
                    Layout.alignment: Qt.AlignHCenter
                    text: qsTr("Done")
                    onClicked: page.app.travelVm.closePhone()
                }
            }
        }
    }
}
