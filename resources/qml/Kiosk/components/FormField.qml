pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// A labelled text field; typing goes through the on-screen keyboard.
ColumnLayout {
    id: field
    property string label: ""
    property string value: ""
    property int hints: Qt.ImhNone
    signal edited(string text)
    spacing: 6
    Text {
        text: field.label
        font.family: Theme.font; font.pixelSize: Theme.textS - 2; font.weight: Font.DemiBold; color: Theme.muted
    }
    TextField {
        id: input
        objectName: field.objectName + "Input"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch
        text: field.value
        font.family: Theme.font
        font.pixelSize: Theme.textM
        color: Theme.ink
        inputMethodHints: field.hints
        leftPadding: 20
        background: Rectangle {
            radius: 14
            color: Theme.surface
            border.color: input.activeFocus ? Theme.primary : Theme.line
            border.width: 2
        }
        onTextEdited: field.edited(text)
    }
}
