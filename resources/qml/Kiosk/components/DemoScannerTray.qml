pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Demo only: sample codes that are "scanned" by writing their bytes into the virtual scanner's pty.
Item {
    id: tray
    required property var app
    readonly property var vm: app.demoScannerVm
    visible: vm.enabled

    Tappable {
        id: fab
        objectName: "demoScannerButton"
        text: qsTr("Demo scanner")
        onClicked: tray.vm.setOpen(!tray.vm.open)
        // A tab on the right edge, clear of the page's bottom action buttons and of the home page's category
        // names: over pictures (product images, the first cards) in either orientation.
        anchors.right: parent.right
        anchors.rightMargin: -radius
        y: Math.round(parent.height * (parent.width > parent.height ? 0.30 : 0.42))
        width: fabRow.implicitWidth + 48 + radius
        height: Theme.touch
        radius: height / 2
        color: Theme.accent
        RowLayout {
            id: fabRow
            anchors.verticalCenter: parent.verticalCenter
            x: 24
            spacing: 10
            Icon { name: "scan"; color: Theme.toneInk; Layout.preferredWidth: 30; Layout.preferredHeight: 30 }
            Text { text: qsTr("Demo scanner"); color: Theme.toneInk; Accessible.ignored: true; font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold }
        }
    }

    Rectangle {
        objectName: "demoScannerPanel"
        visible: tray.vm.open
        anchors.right: parent.right
        anchors.rightMargin: Theme.gap
        anchors.top: fab.bottom
        anchors.topMargin: 12
        width: Math.min(640, parent.width - 2 * Theme.gap)
        height: Math.min(list.contentHeight + 100, parent.height * 0.5)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.control
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 20
            spacing: 8
            Text {
                text: qsTr("Tap a code to scan it")
                font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink
            }
            ListView {
                id: list
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 6
                model: tray.vm.codes
                delegate: Tappable {
                    id: row
                    required property int index
                    required property string label
                    required property string code
                    width: ListView.view.width
                    height: Theme.touch
                    radius: 12
                    color: down ? Theme.line : Theme.surfaceAlt
                    text: qsTr("Scan %1").arg(label)
                    description: code
                    onClicked: tray.vm.scan(index)
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 16
                        anchors.rightMargin: 16
                        spacing: 0
                        Text { Layout.fillWidth: true; text: row.label; elide: Text.ElideRight; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink }
                        Text { Layout.fillWidth: true; text: row.code; elide: Text.ElideMiddle; font.family: Theme.font; font.pixelSize: Theme.textXS; color: Theme.muted }
                    }
                }
            }
        }
    }
}
