pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Associate mode: on every page while an associate is signed in, so nobody mistakes the device for the
// shoppers' kiosk: who is signed in, the way to the customer screens and the way out.
Rectangle {
    id: badge
    required property var app
    readonly property var admin: app.adminVm
    visible: admin.mode === "associate" && app.associateVm.available
    implicitHeight: visible ? row.implicitHeight + 20 : 0
    color: Theme.ink
    Accessible.role: Accessible.StatusBar
    Accessible.name: qsTr("Associate mode: %1 signed in").arg(badge.admin.staffName)

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: 16
        Rectangle {
            implicitWidth: modeText.implicitWidth + 28
            implicitHeight: modeText.implicitHeight + 12
            radius: height / 2
            color: Theme.accent
            Text {
                id: modeText
                objectName: "associateModeText"
                anchors.centerIn: parent
                text: qsTr("Associate mode")
                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Bold; color: Theme.toneInk
                Accessible.ignored: true
            }
        }
        Text {
            objectName: "associateStaffName"
            Layout.fillWidth: true
            text: qsTr("Signed in: %1").arg(badge.admin.staffName)
            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.surface
            elide: Text.ElideRight
            Accessible.ignored: true
        }
        Tappable {
            objectName: "associateFindCustomerButton"
            Layout.preferredWidth: findText.implicitWidth + 48
            Layout.preferredHeight: Theme.touch
            radius: height / 2
            color: down ? Theme.line : Theme.surface
            text: qsTr("Find a customer")
            onClicked: badge.app.associateVm.open()
            Text {
                id: findText
                anchors.centerIn: parent
                text: qsTr("Find a customer")
                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.ink
                Accessible.ignored: true
            }
        }
        Tappable {
            objectName: "associateSignOutButton"
            Layout.preferredWidth: outText.implicitWidth + 48
            Layout.preferredHeight: Theme.touch
            radius: height / 2
            color: down ? Theme.line : Theme.surface
            text: qsTr("Sign out")
            description: badge.admin.staffName
            onClicked: badge.admin.signOut()
            Text {
                id: outText
                anchors.centerIn: parent
                text: qsTr("Sign out")
                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.ink
                Accessible.ignored: true
            }
        }
    }
}
