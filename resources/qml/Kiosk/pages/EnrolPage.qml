pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Joining the loyalty programme: email or phone, a first name and an explicit consent; or a QR to finish on
// the phone. What is typed lives in EnrolmentViewModel's memory only and is forgotten when the session ends.
Flickable {
    id: page
    required property var app
    readonly property var vm: app.enrolVm
    readonly property bool byEmail: vm.method === "email"
    contentHeight: column.implicitHeight + 2 * Theme.gap
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Join our loyalty programme")
    onVisibleChanged: if (visible) contentY = 0

    ColumnLayout {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: Math.min(page.width - 2 * Theme.gap, 1000)
        spacing: Theme.gap

        Text {
            objectName: "enrolTitle"
            Layout.fillWidth: true
            text: qsTr("Join our loyalty programme")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            wrapMode: Text.Wrap
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Earn points on every order, here and in our web shop, and keep a wishlist.")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            wrapMode: Text.Wrap
        }

        Text {
            text: qsTr("Join with")
            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.muted
        }
        RowLayout {
            spacing: 16
            ChoiceChip {
                objectName: "enrolByEmail"
                text: qsTr("Email")
                choice: true
                selected: page.byEmail
                onClicked: page.vm.setMethod("email")
            }
            ChoiceChip {
                objectName: "enrolByPhone"
                text: qsTr("Phone")
                choice: true
                selected: !page.byEmail
                onClicked: page.vm.setMethod("phone")
            }
        }

        FormField {
            objectName: "enrolContactField"
            Layout.fillWidth: true
            label: page.byEmail ? qsTr("Email") : qsTr("Phone")
            value: page.vm.contact
            hints: page.byEmail ? Qt.ImhEmailCharactersOnly : Qt.ImhDialableCharactersOnly
            onEdited: (t) => page.vm.setContact(t)
        }
        FormField {
            objectName: "enrolFirstNameField"
            Layout.fillWidth: true
            label: qsTr("First name")
            value: page.vm.firstName
            onEdited: (t) => page.vm.setFirstName(t)
        }

        Tappable {
            id: consentBox
            objectName: "enrolConsent"
            Layout.fillWidth: true
            implicitHeight: consentRow.implicitHeight + 40
            toggle: true
            selected: page.vm.consent
            text: page.vm.consentText
            description: qsTr("Terms version %1").arg(page.vm.consentVersion)
            color: selected ? Theme.chosen : Theme.surface
            borderColor: selected ? Theme.primary : Theme.control
            borderWidth: 2
            onClicked: page.vm.setConsent(!page.vm.consent)
            RowLayout {
                id: consentRow
                anchors.fill: parent
                anchors.margins: 20
                spacing: 20
                Rectangle {
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 44; Layout.preferredHeight: 44
                    radius: 8
                    color: consentBox.selected ? Theme.primary : Theme.surface
                    border.color: Theme.control
                    border.width: 3
                    Icon { anchors.centerIn: parent; width: 30; height: 30; name: "check"; color: Theme.primaryInk; stroke: 5; visible: consentBox.selected }
                }
                Text {
                    Layout.fillWidth: true
                    text: consentBox.text
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                    wrapMode: Text.Wrap
                    Accessible.ignored: true
                }
            }
        }

        Text {
            objectName: "enrolError"
            visible: text.length > 0
            Layout.fillWidth: true
            text: page.vm.error
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.bad
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Text {
            objectName: "enrolMessage"
            visible: text.length > 0
            Layout.fillWidth: true
            text: page.vm.message
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        ColumnLayout {
            // one under the other, full width: easy to reach, and clear of the demo scanner's tab on the right
            Layout.fillWidth: true
            spacing: 16
            KButton {
                objectName: "enrolSubmitButton"
                Layout.fillWidth: true
                fontSize: Theme.textL
                enabled: !page.vm.busy
                text: page.vm.busy ? qsTr("Joining…") : qsTr("Join now")
                onClicked: page.vm.submit()
            }
            KButton {
                objectName: "enrolOnPhoneButton"
                Layout.fillWidth: true
                kind: "secondary"
                fontSize: Theme.textL
                text: qsTr("Join on my phone")
                onClicked: page.vm.showPhoneQr()
            }
        }

        Rectangle {
            objectName: "enrolPhonePanel"
            visible: page.vm.phoneQrShown
            Layout.fillWidth: true
            Layout.preferredHeight: phoneRow.implicitHeight + 40
            radius: Theme.radius
            color: Theme.surfaceAlt
            RowLayout {
                id: phoneRow
                anchors.fill: parent
                anchors.margins: 20
                spacing: Theme.gap
                Rectangle {
                    Layout.preferredWidth: 280; Layout.preferredHeight: 280
                    color: "white"
                    radius: 12
                    Image {
                        objectName: "enrolQr"
                        anchors.centerIn: parent
                        width: 240; height: 240
                        source: page.vm.phoneQrShown ? page.vm.joinQr : ""
                        sourceSize.width: 240
                        sourceSize.height: 240
                        smooth: false
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTr("QR code to join on your phone")
                    }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Scan this code with your phone's camera to finish joining in our web shop. Nothing you typed here is sent with it.")
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                    wrapMode: Text.Wrap
                }
            }
        }
    }
}
