pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

Rectangle {
    id: button
    property string icon: "back"
    signal clicked()
    implicitWidth: Theme.touch
    implicitHeight: Theme.touch
    radius: width / 2
    color: area.pressed ? Theme.line : Theme.surfaceAlt
    Icon { anchors.centerIn: parent; width: 32; height: 32; name: button.icon }
    MouseArea { id: area; anchors.fill: parent; onClicked: button.clicked() }
}
