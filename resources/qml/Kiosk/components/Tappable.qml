pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Kiosk

// Anything a shopper taps that is not a plain KButton (a product card, a category tile, a delivery option,
// a colour swatch): a real button for the accessibility tree and the keypad, drawn as a rounded panel.
// `Accessible.name` is its `text` (what a screen reader and the kiosk's speech say; nothing drawn), and a
// `selected` choice among several is a radio button there.
AbstractButton {
    id: control
    property color color: Theme.surface
    property real radius: Theme.radius
    property color borderColor: "transparent"
    property int borderWidth: 0
    property string description: ""
    property bool choice: false  // one of a group (delivery option, size): a radio button, `selected` or not
    property bool toggle: false  // a switch (speech, large text): a check box, `selected` when on
    property bool selected: false

    padding: 0
    focusPolicy: Qt.TabFocus
    Accessible.role: toggle ? Accessible.CheckBox : choice ? Accessible.RadioButton : Accessible.Button
    Accessible.name: text
    Accessible.description: description
    Accessible.checkable: choice || toggle
    Accessible.checked: (choice || toggle) && selected
    Accessible.onPressAction: control.click()

    background: Rectangle {
        radius: control.radius
        color: control.color
        border.color: control.borderColor
        border.width: control.borderWidth
    }
    contentItem: Item {}
    FocusRing { radius: control.radius + 6 }
}
