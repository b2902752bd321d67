pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// A message from a scan or the system, e.g. why a code was refused; touch to dismiss. A touch on it also goes on
// to whatever lies under it: a message that happens to float over a button (the page's own, or the bottom bar's)
// never swallows the shopper's tap on that button.
Rectangle {
    id: toast
    property string text: ""
    property color tone: Theme.ink
    property int duration: 8000
    signal dismissed()
    visible: text.length > 0
    width: Math.min(parent.width - 96, 900)
    height: label.implicitHeight + 56
    radius: Theme.radius
    color: tone
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text
    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - 64
        text: toast.text
        color: Theme.toneInk
        font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Medium
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }
    MouseArea {
        anchors.fill: parent
        onPressed: mouse => {
            toast.dismissed()
            mouse.accepted = false  // the press (and its release) reach the item below
        }
    }
    Timer { running: toast.visible; interval: toast.duration; onTriggered: toast.dismissed() }
}
