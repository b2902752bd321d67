pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A large touch button; `kind` is "primary", "secondary" or "ghost".
Rectangle {
    id: control
    property string text: ""
    property string kind: "primary"
    property int fontSize: Theme.textM
    signal clicked()

    implicitWidth: Math.max(Theme.touch * 2, label.implicitWidth + 64)
    implicitHeight: Theme.touch
    radius: height / 2
    opacity: enabled ? 1.0 : 0.45
    color: kind === "primary" ? (area.pressed ? Qt.darker(Theme.primary, 1.2) : Theme.primary)
         : kind === "secondary" ? (area.pressed ? Theme.line : Theme.surface)
         : "transparent"
    border.width: kind === "secondary" ? 2 : 0
    border.color: Theme.line

    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, control.width - 32)
        text: control.text
        font.family: Theme.font
        font.pixelSize: control.fontSize
        font.weight: Font.DemiBold
        color: control.kind === "primary" ? Theme.primaryInk : Theme.ink
        elide: Text.ElideRight
        horizontalAlignment: Text.AlignHCenter
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: control.clicked()
    }
}
