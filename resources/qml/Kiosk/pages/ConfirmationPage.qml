pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Shown only after the order is committed on this kiosk: the number and QR the till needs.
Item {
    id: page
    required property var app
    readonly property var vm: app.checkoutVm

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 900)
        spacing: 24
        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 112; Layout.preferredHeight: 112; radius: 56
            color: Theme.ok
            Icon { anchors.centerIn: parent; width: 64; height: 64; name: "check"; color: "white"; stroke: 7 }
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Your order is saved")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            objectName: "orderNumber"
            Layout.fillWidth: true
            text: page.vm.orderNumber
            font.family: Theme.font; font.pixelSize: Theme.textHero; font.weight: Font.Bold; color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Pay %1 at the counter: show this number or scan the code.").arg(page.vm.orderTotal)
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 380; Layout.preferredHeight: 380
            radius: Theme.radius
            color: "white"
            border.color: Theme.line
            Image {
                objectName: "orderQr"
                anchors.centerIn: parent
                width: 340; height: 340
                source: page.vm.orderQr
                sourceSize.width: 340
                sourceSize.height: 340
                smooth: false
            }
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("We will email your confirmation once it reaches our online store.")
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        KButton {
            objectName: "doneButton"
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Done")
            fontSize: Theme.textL
            onClicked: page.app.finish()
        }
    }
}
