pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Associate mode: a return of an online order started in store: which lines and how many, why, then the
// backend's return number to give the customer.
Flickable {
    id: page
    required property var app
    readonly property var vm: app.associateVm
    readonly property bool done: vm.returnId !== ""
    contentHeight: column.implicitHeight + 2 * Theme.gap + 420
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Return of order %1").arg(vm.returnOrderCode)

    ColumnLayout {
        id: column
        visible: page.vm.available
        x: Theme.gap
        y: Theme.gap
        width: page.width - 2 * Theme.gap
        spacing: 20

        Text {
            Layout.fillWidth: true
            text: qsTr("Return of order %1").arg(page.vm.returnOrderCode)
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            wrapMode: Text.Wrap
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("1. What comes back")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        Repeater {
            model: page.vm.returnLines
            delegate: Rectangle {
                id: line
                required property string variantId
                required property string name
                required property string sku
                required property string price
                required property int bought
                required property int quantity
                required property string refund
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(info.implicitHeight, Theme.touch) + 40
                radius: Theme.radius
                color: quantity > 0 ? Theme.chosen : Theme.surface
                border.color: quantity > 0 ? Theme.primary : Theme.line
                border.width: 2
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 24
                    anchors.rightMargin: 24
                    spacing: 20
                    ColumnLayout {
                        id: info
                        Layout.fillWidth: true
                        spacing: 6
                        Text { Layout.fillWidth: true; text: line.name; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; wrapMode: Text.Wrap }
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("%1 · %2 · bought %3").arg(line.sku).arg(line.price).arg(line.bought)
                            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; wrapMode: Text.Wrap
                        }
                        Text {
                            objectName: "returnRefund_" + line.variantId
                            visible: line.quantity > 0
                            Layout.fillWidth: true
                            text: qsTr("Refund: %1").arg(line.refund)
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.ink
                        }
                    }
                    RoundIconButton {
                        objectName: "returnMinus_" + line.variantId
                        glyph: "minus"
                        text: qsTr("One less %1").arg(line.name)
                        opacity: line.quantity > 0 && !page.done ? 1.0 : 0.4
                        onClicked: page.vm.changeQuantity(line.variantId, -1)
                    }
                    Text {
                        objectName: "returnQty_" + line.variantId
                        Layout.preferredWidth: 48
                        horizontalAlignment: Text.AlignHCenter
                        text: line.quantity
                        font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    }
                    RoundIconButton {
                        objectName: "returnPlus_" + line.variantId
                        glyph: "plus"
                        text: qsTr("One more %1").arg(line.name)
                        opacity: line.quantity < line.bought && !page.done ? 1.0 : 0.4
                        onClicked: page.vm.changeQuantity(line.variantId, 1)
                    }
                }
            }
        }
        Text {
            Layout.fillWidth: true
            Layout.topMargin: 8
            text: qsTr("2. Reason")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        Flow {
            Layout.fillWidth: true
            spacing: 16
            Repeater {
                model: page.vm.reasons
                delegate: Tappable {
                    id: chip
                    required property string code
                    required property string label
                    readonly property bool chosen: page.vm.reason === code
                    objectName: "reason_" + code
                    width: chipText.implicitWidth + 56
                    height: Theme.touch
                    radius: height / 2
                    color: chosen ? Theme.primary : (down ? Theme.line : Theme.surface)
                    borderColor: chosen ? Theme.primary : Theme.control
                    borderWidth: 2
                    choice: true
                    selected: chosen
                    text: label
                    description: qsTr("Reason")
                    onClicked: page.vm.setReason(chip.code)
                    Text {
                        id: chipText
                        anchors.centerIn: parent
                        text: chip.label
                        font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold
                        color: chip.chosen ? Theme.primaryInk : Theme.ink
                        Accessible.ignored: true
                    }
                }
            }
        }
        Rectangle {
            // the money going back, before the associate confirms: the customer agrees to it first
            Layout.fillWidth: true
            Layout.topMargin: 8
            Layout.preferredHeight: refundRow.implicitHeight + 40
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.primary
            border.width: 2
            RowLayout {
                id: refundRow
                anchors.fill: parent
                anchors.leftMargin: 24
                anchors.rightMargin: 24
                Text {
                    Layout.fillWidth: true
                    text: qsTr("3. Refund to the customer")
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    objectName: "returnRefundTotal"
                    text: page.vm.refundTotal
                    font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
                }
            }
        }
        Text {
            objectName: "returnMessage"
            visible: text !== ""
            Layout.fillWidth: true
            text: page.vm.returnMessage
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.bad
            wrapMode: Text.Wrap
        }
        KButton {
            objectName: "confirmReturnButton"
            visible: !page.done
            enabled: !page.vm.returnBusy
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 16
            fontSize: Theme.textL
            text: page.vm.returnBusy ? qsTr("Recording the return…") : qsTr("Confirm return and refund %1").arg(page.vm.refundTotal)
            onClicked: page.vm.confirmReturn()
        }
        Rectangle {
            visible: page.done
            Layout.fillWidth: true
            Layout.preferredHeight: doneColumn.implicitHeight + 48
            radius: Theme.radius
            color: Theme.chosen
            border.color: Theme.ok
            border.width: 2
            ColumnLayout {
                id: doneColumn
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 24
                spacing: 16
                Text {
                    objectName: "returnDone"
                    Layout.fillWidth: true
                    text: qsTr("Return %1 recorded").arg(page.vm.returnId)
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ok
                    wrapMode: Text.Wrap
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Write this number on the returned items and give it to the customer.")
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                KButton {
                    objectName: "returnFinishButton"
                    Layout.fillWidth: true
                    text: qsTr("Back to the orders")
                    onClicked: page.vm.finishReturn()
                }
            }
        }
    }
}
