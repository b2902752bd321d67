pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Small status line for shoppers and associates: offline, scanner unplugged, orders waiting to be sent, and a
// full catalog re-import running.
Rectangle {
    id: strip
    required property var app
    readonly property bool problem: !app.online || !app.scannerConnected || !app.nfcConnected || app.pendingOrders > 0
                                    || app.catalogRefreshing
    implicitHeight: problem ? 44 : 0
    visible: problem
    color: !app.online || !app.scannerConnected || !app.nfcConnected ? Theme.warnSurface : Theme.surfaceAlt
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: 24
        Text {
            objectName: "offlineBanner"
            visible: !strip.app.online
            text: qsTr("Offline: showing saved catalog; orders are kept and sent later")
            font.family: Theme.font; font.pixelSize: Theme.textCaption; color: Theme.warn
        }
        Text {
            objectName: "scannerDisconnected"
            visible: !strip.app.scannerConnected
            text: qsTr("Scanner disconnected")
            font.family: Theme.font; font.pixelSize: Theme.textCaption; color: Theme.bad
        }
        Text {
            objectName: "nfcDisconnected"
            visible: !strip.app.nfcConnected
            text: qsTr("Card reader disconnected")
            font.family: Theme.font; font.pixelSize: Theme.textCaption; color: Theme.bad
        }
        Text {
            objectName: "catalogRefreshing"
            visible: strip.app.catalogRefreshing
            text: qsTr("Refreshing the catalog…")
            Accessible.name: text
            font.family: Theme.font; font.pixelSize: Theme.textS - 2; color: Theme.muted
        }
        Item { Layout.fillWidth: true }
        Text {
            objectName: "queueStatus"
            visible: strip.app.pendingOrders > 0
            text: qsTr("%n order(s) waiting to be sent", "", strip.app.pendingOrders)
                  + (strip.app.oldestPendingMinutes > 0 ? " · " + qsTr("oldest %1 min").arg(strip.app.oldestPendingMinutes) : "")
            font.family: Theme.font; font.pixelSize: Theme.textCaption; color: Theme.muted
        }
    }
}
