pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Kiosk

// A round button with a line icon; `text` is its name for the accessibility tree and the speech (not drawn).
AbstractButton {
    id: button
    property string glyph: "back"
    readonly property real radius: width / 2
    implicitWidth: Theme.touch
    implicitHeight: Theme.touch
    padding: 0
    focusPolicy: Qt.TabFocus
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.onPressAction: button.click()
    background: Rectangle {
        radius: button.radius
        color: button.down ? Theme.line : Theme.surfaceAlt
        border.width: Theme.highContrast ? 2 : 0
        border.color: Theme.control
    }
    contentItem: Item {
        Icon { anchors.centerIn: parent; width: 32; height: 32; name: button.glyph; color: Theme.ink }
    }
    FocusRing { radius: button.radius + 6 }
}
