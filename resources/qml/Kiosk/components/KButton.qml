pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Kiosk

// A large touch button; `kind` is "primary", "secondary" or "ghost". A real Qt Quick Control: named in the
// accessibility tree (its text, or `Accessible.name` where the text alone says too little), reached with
// the keypad (Tab, arrows) and pressed with Enter or Space.
AbstractButton {
    id: control
    property string kind: "primary"
    property int fontSize: Theme.textM
    property string description: ""
    readonly property real radius: height / 2

    implicitWidth: Math.max(Theme.touch * 2, label.implicitWidth + 64)
    implicitHeight: Theme.touch
    padding: 0
    leftPadding: 16
    rightPadding: 16
    focusPolicy: Qt.TabFocus
    opacity: enabled ? 1.0 : 0.45
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.description: description
    Accessible.onPressAction: control.click()

    background: Rectangle {
        radius: control.radius
        color: control.kind === "primary" ? (control.down ? Qt.darker(Theme.primary, 1.2) : Theme.primary)
             : control.kind === "secondary" ? (control.down ? Theme.line : Theme.surface)
             : "transparent"
        border.width: control.kind === "secondary" ? 2 : 0
        border.color: Theme.control
    }
    contentItem: Text {
        id: label
        text: control.text
        font.family: Theme.font
        font.pixelSize: control.fontSize
        font.weight: Font.DemiBold
        color: control.kind === "primary" ? Theme.primaryInk : Theme.ink
        elide: Text.ElideRight
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        Accessible.ignored: true  // the button already says it
    }
    FocusRing { radius: control.radius + 6 }
}
