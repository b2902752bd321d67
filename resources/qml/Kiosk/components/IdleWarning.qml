pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// "Are you still there?" with a countdown; touching anywhere (or the button) continues the session.
Rectangle {
    id: overlay
    required property var app
    visible: app.sessionVm.phase === "warning"
    color: Theme.scrim
    // a touch anywhere is more time, as any key is (SessionViewModel watches the window)
    MouseArea { anchors.fill: parent; onClicked: overlay.app.sessionVm.keepGoing() }
    // the keypad lands on "More time": one press of Enter keeps the session
    onVisibleChanged: if (visible) moreTime.forceActiveFocus(Qt.TabFocusReason)
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("Are you still there?")
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 120, 820)
        height: column.implicitHeight + 96
        radius: Theme.radius + 8
        color: Theme.surface
        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: parent.width - 96
            spacing: 28
            Text {
                Layout.fillWidth: true
                text: qsTr("Are you still there?")
                font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold
                color: Theme.ink
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("For your privacy this session will end in %1 seconds and your cart will be cleared.").arg(overlay.app.sessionVm.secondsLeft)
                font.family: Theme.font; font.pixelSize: Theme.textM
                color: Theme.muted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: 24
                KButton { objectName: "endSessionButton"; kind: "secondary"; text: qsTr("End session"); onClicked: overlay.app.sessionVm.end() }
                KButton { id: moreTime; objectName: "continueButton"; text: qsTr("More time"); onClicked: overlay.app.sessionVm.keepGoing() }
            }
        }
    }
}
