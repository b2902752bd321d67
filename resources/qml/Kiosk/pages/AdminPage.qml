pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// What staff can do once the PIN is accepted: rejected orders, and leaving the kiosk app.
Rectangle {
    id: page
    required property var app
    readonly property var vm: app.adminVm
    color: Theme.background
    onVisibleChanged: if (visible) { page.app.orderStatusVm.refreshArrivals(); page.app.assistanceVm.refresh() }
    // the store's calls and arrivals come from the backend: read again every 10 s while the menu is open
    Timer {
        interval: 10000
        repeat: true
        running: page.visible
        onTriggered: { page.app.orderStatusVm.refreshArrivals(); page.app.assistanceVm.refresh() }
    }
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Staff menu")

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 720)
        spacing: 28
        Text {
            Layout.fillWidth: true
            text: qsTr("Staff menu")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
        }
        Text {
            objectName: "staffSignedIn"
            Layout.fillWidth: true
            text: qsTr("Signed in as %1").arg(page.vm.staffName)
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
        }
        // shoppers who pressed "Call an associate" (newest first); also sent to the backend as events
        Text {
            objectName: "assistanceTitle"
            Layout.fillWidth: true
            text: qsTr("Calls for an associate: %1").arg(page.app.assistanceVm.waiting)
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold
            color: page.app.assistanceVm.waiting > 0 ? Theme.bad : Theme.ink
        }
        Repeater {
            model: page.app.assistanceVm.callsModel
            delegate: Text {
                required property string where
                required property string time
                required property string device
                objectName: "assistanceCall"
                Layout.fillWidth: true
                text: device.length > 0 ? qsTr("%1 · %2 · from the %3 screen").arg(time).arg(device).arg(where)
                                        : qsTr("%1 · from the %2 screen").arg(time).arg(where)
                font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            }
        }
        KButton {
            objectName: "answerCallsButton"
            visible: page.app.assistanceVm.waiting > 0
            kind: "secondary"
            text: qsTr("Mark all as answered")
            onClicked: page.app.assistanceVm.answerAll()
        }
        KButton {
            objectName: "associateCustomersButton"
            visible: page.app.associateVm.available
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 24
            fontSize: Theme.textL
            text: qsTr("Customers: orders and returns")
            onClicked: page.app.associateVm.open()
        }
        // Shoppers who scanned a pickup order's QR at this store, oldest first: someone should bring it.
        Text {
            objectName: "arrivalsTitle"
            visible: page.app.orderStatusVm.arrivals.count > 0
            Layout.fillWidth: true
            text: qsTr("Waiting to collect (%1)").arg(page.app.orderStatusVm.arrivals.count)
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.DemiBold; color: Theme.ink
        }
        Repeater {
            model: page.app.orderStatusVm.arrivals
            delegate: Text {
                required property string orderNumber
                required property int waitingMinutes
                required property int items
                objectName: "arrival_" + orderNumber
                Layout.fillWidth: true
                text: qsTr("Order %1 · %n item(s) · waiting %2 min", "", items).arg(orderNumber).arg(waitingMinutes)
                font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            }
        }
        KButton {
            objectName: "deadLettersButton"
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 24
            fontSize: Theme.textL
            kind: "secondary"
            text: qsTr("Rejected orders (%1)").arg(page.vm.rejectedCount)
            onClicked: page.vm.openDeadLetters()
        }
        KButton {
            objectName: "exitAppButton"
            visible: page.vm.mode === "kiosk"
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 24
            fontSize: Theme.textL
            kind: "secondary"
            text: qsTr("Exit kiosk app")
            onClicked: page.vm.exitApp()
        }
        KButton {
            objectName: "signOutButton"
            visible: page.vm.mode === "associate"
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 24
            fontSize: Theme.textL
            kind: "secondary"
            text: qsTr("Sign out")
            onClicked: page.vm.signOut()
        }
        KButton {
            objectName: "adminCloseButton"
            Layout.fillWidth: true
            implicitHeight: Theme.touch + 24
            fontSize: Theme.textL
            text: qsTr("Back to the shop")
            onClicked: page.vm.close()
        }
    }
}
