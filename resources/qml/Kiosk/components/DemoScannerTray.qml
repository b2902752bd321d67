pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Demo only: sample codes that are "scanned" by writing their bytes into the virtual scanner's pty. Opened from
// the bottom bar's "Demo scanner" button, it is a row of the shell's layout just above the bar: the page gives
// up the room (it is pushed up, never covered), and dialogs, drawn above the shell, cover it.
Rectangle {
    id: tray
    required property var app
    readonly property var vm: app.demoScannerVm
    implicitHeight: list.contentHeight + heading.implicitHeight + 56  // Main.qml caps it (a share of the screen); the list scrolls
    color: Theme.surfaceAlt
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Demo scanner")

    Rectangle { anchors.top: parent.top; width: parent.width; height: 2; color: Theme.accent }

    ColumnLayout {
        objectName: "demoScannerPanel"
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        anchors.topMargin: 16
        anchors.bottomMargin: 12
        spacing: 8
        Text {
            id: heading
            Layout.fillWidth: true
            text: qsTr("Tap a code to scan it")
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink
            elide: Text.ElideRight
        }
        GridView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            // two columns where the screen is wide enough, so the tray takes less of the page's height
            cellWidth: width >= 1200 ? width / 2 : width
            cellHeight: Theme.touch + 8
            model: tray.vm.codes
            delegate: Item {
                id: cell
                required property int index
                required property string label
                required property string code
                width: GridView.view.cellWidth
                height: GridView.view.cellHeight
                Tappable {
                    id: row
                    // the row's own label and code, for tests and the accessibility tree
                    readonly property string label: cell.label
                    readonly property string code: cell.code
                    anchors.fill: parent
                    anchors.rightMargin: 8
                    anchors.bottomMargin: 8
                    radius: 12
                    color: down ? Theme.line : Theme.surface
                    text: qsTr("Scan %1").arg(cell.label)
                    description: cell.code
                    onClicked: tray.vm.scan(cell.index)
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 16
                        anchors.rightMargin: 16
                        spacing: 0
                        Text { Layout.fillWidth: true; text: cell.label; elide: Text.ElideRight; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink }
                        Text { Layout.fillWidth: true; text: cell.code; elide: Text.ElideMiddle; font.family: Theme.font; font.pixelSize: Theme.textXS; color: Theme.muted }
                    }
                }
            }
        }
    }
}
