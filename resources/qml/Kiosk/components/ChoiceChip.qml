pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A pill for one of a group (a sort) or a switch (a filter): a radio button or check box for the
// accessibility tree and the keypad, its `text` drawn and spoken.
Tappable {
    id: chip
    implicitWidth: chipText.implicitWidth + 48
    implicitHeight: Theme.touch
    radius: height / 2
    color: selected ? Theme.primary : (down ? Theme.line : Theme.surface)
    borderColor: selected ? Theme.primary : Theme.control
    borderWidth: 2
    Text {
        id: chipText
        anchors.centerIn: parent
        text: chip.text
        font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
        color: chip.selected ? Theme.primaryInk : Theme.ink
        Accessible.ignored: true
    }
}
