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
    // the shopper's own details: the speech says whether the field is filled, never what is in it
    property bool personal: true
    signal edited(string text)
    spacing: 6
    Text {
        id: labelText
        text: field.label
        Accessible.ignored: true  // the field below carries it as its name
        font.family: Theme.font; font.pixelSize: Theme.textCaption; font.weight: Font.DemiBold; color: Theme.muted
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
        Accessible.name: field.label
        property bool personal: field.personal
        leftPadding: 20
        background: Rectangle {
            radius: 14
            color: Theme.surface
            border.color: input.activeFocus ? Theme.focus : Theme.control
            border.width: input.activeFocus ? 4 : 2
        }
        onTextEdited: field.edited(text)
        onActiveFocusChanged: if (activeFocus) revealLater.restart()
    }

    // The on-screen keyboard takes the lower part of the screen and the page above it shrinks: the field
    // being typed into must stay in sight (in landscape it would otherwise sit under the keys). Once the
    // keyboard is up and the page has its new height, the enclosing Flickable scrolls just enough.
    Timer { id: revealLater; interval: 60; onTriggered: field.reveal() }
    Connections {
        target: Qt.inputMethod
        function onVisibleChanged() { if (input.activeFocus) revealLater.restart() }
    }

    function reveal(): void {
        let item = field.parent
        while (item && !(item instanceof Flickable))
            item = item.parent
        const flick = item as Flickable
        if (!flick)
            return
        const top = input.mapToItem(flick.contentItem, 0, 0).y - labelText.height - 16
        const bottom = input.mapToItem(flick.contentItem, 0, input.height).y + 24
        let y = flick.contentY
        if (bottom > y + flick.height)
            y = bottom - flick.height
        if (top < y)
            y = top
        flick.contentY = Math.max(0, Math.min(y, flick.contentHeight - flick.height))
    }
}
