import QtQuick
import Kiosk

// The keypad's cursor: a thick ring around the control that has the keyboard focus. Controls take focus only
// from the keypad (Tab / arrows, focusPolicy Qt.TabFocus), never from a finger, so touch shoppers never see it.
Rectangle {
    anchors.fill: parent
    anchors.margins: -6
    radius: 12  // the control's own radius + 6, set where it is used
    color: "transparent"
    border.width: 4
    border.color: Theme.focus
    visible: parent !== null && parent.activeFocus
    z: 100
}
