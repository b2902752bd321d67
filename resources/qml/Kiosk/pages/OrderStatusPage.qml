pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// An order's QR scanned at this kiosk: where the order is, and for a pickup here, that it is being brought.
// Nothing personal: the number, the state, the items' count and the total.
Item {
    id: page
    required property var app
    readonly property var vm: app.orderStatusVm
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Order %1").arg(vm.number)

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 900)
        spacing: 24
        Text {
            Layout.fillWidth: true
            text: qsTr("Order %1").arg(page.vm.number)
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "orderStatusBusy"
            visible: page.vm.busy
            Layout.fillWidth: true
            text: qsTr("Looking up your order…")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "orderStatusUnknown"
            visible: !page.vm.busy && !page.vm.found
            Layout.fillWidth: true
            text: qsTr("We cannot find this order right now. Please ask a store associate.")
            font.family: Theme.font; font.pixelSize: Theme.textL; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Rectangle {
            objectName: "arrivalBanner"
            visible: page.vm.arrival.length > 0
            Layout.fillWidth: true
            implicitHeight: arrivalText.implicitHeight + 2 * Theme.gap
            radius: Theme.radius
            color: page.vm.arrivalKind === "bringing" ? Theme.ok : Theme.surfaceAlt
            Text {
                id: arrivalText
                objectName: "arrivalMessage"
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.gap
                text: page.vm.arrival
                font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.DemiBold
                color: page.vm.arrivalKind === "bringing" ? "white" : Theme.ink
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
        }
        Text {
            objectName: "orderStatusHeadline"
            visible: page.vm.found
            Layout.fillWidth: true
            text: page.vm.headline
            font.family: Theme.font; font.pixelSize: Theme.textHero; font.weight: Font.Bold; color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderStatusDetail"
            visible: page.vm.found && page.vm.detail.length > 0
            Layout.fillWidth: true
            text: page.vm.detail
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderStatusItems"
            visible: page.vm.found && page.vm.itemCount > 0
            Layout.fillWidth: true
            text: qsTr("%n item(s)", "", page.vm.itemCount) + (page.vm.total.length > 0 ? " · " + page.vm.total : "")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            // the backend's final amount when it differs from the kiosk's estimate, or that an offer's price
            // is confirmed when the order is sent
            objectName: "orderStatusPriceNote"
            visible: page.vm.found && page.vm.priceNote.length > 0
            Layout.fillWidth: true
            text: page.vm.priceNote
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            // this kiosk's order, delivered: what the backend placed differently (short lines, notes)
            objectName: "orderStatusOutcome"
            visible: page.vm.found && page.vm.outcome.length > 0
            Layout.fillWidth: true
            text: page.vm.outcome
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.warn
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderStatusAsOf"
            visible: page.vm.found && page.vm.asOf.length > 0
            Layout.fillWidth: true
            text: qsTr("The online store cannot be reached: last known status, as of %1").arg(page.vm.asOf)
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.warn
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        KButton {
            objectName: "orderStatusDone"
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Done")
            fontSize: Theme.textL
            onClicked: page.app.goHome()
        }
    }
}
