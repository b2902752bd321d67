pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Associate mode only: whose order the associate is building, and the way back to that customer's screens.
Rectangle {
    id: banner
    required property var app
    readonly property var vm: app.associateVm
    visible: vm.available && vm.orderingFor !== ""
    implicitHeight: visible ? row.implicitHeight + 24 : 0
    color: Theme.accent

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: 16
        Icon { name: "person"; color: Theme.toneInk; Layout.preferredWidth: 32; Layout.preferredHeight: 32 }
        Text {
            objectName: "orderingForText"
            Layout.fillWidth: true
            text: qsTr("Ordering for %1").arg(banner.vm.orderingFor)
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.toneInk
            elide: Text.ElideRight
        }
        KButton {
            objectName: "orderingForCustomerButton"
            kind: "secondary"
            text: qsTr("Customer")
            onClicked: banner.vm.open()
        }
    }
}
