pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Associate mode: find a customer by email or phone and see the whole profile (this is the associate's
// device, not the shared screen), then order for them or open their orders.
Flickable {
    id: page
    required property var app
    readonly property var vm: app.associateVm
    readonly property bool wide: width > height
    contentHeight: column.implicitHeight + 2 * Theme.gap + 420
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Find a customer")

    ColumnLayout {
        id: column
        visible: page.vm.available
        x: Theme.gap
        y: Theme.gap
        width: page.width - 2 * Theme.gap
        spacing: 20

        Text {
            Layout.fillWidth: true
            text: qsTr("Find a customer")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 20
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 6
                Text {
                    text: qsTr("Email or phone number")
                    font.family: Theme.font; font.pixelSize: Theme.textCaption; font.weight: Font.DemiBold; color: Theme.muted
                }
                TextField {
                    id: query
                    objectName: "associateQueryInput"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: page.vm.query
                    font.family: Theme.font
                    font.pixelSize: Theme.textM
                    color: Theme.ink
                    leftPadding: 20
                    inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhPreferLowercase
                    Accessible.name: qsTr("Email or phone number")
                    EnterKey.type: Qt.EnterKeySearch  // the on-screen keyboard's Enter says "Search"
                    background: Rectangle {
                        radius: 14
                        color: Theme.surface
                        border.color: query.activeFocus ? Theme.focus : Theme.control
                        border.width: query.activeFocus ? 4 : 2
                    }
                    onTextEdited: page.vm.setQuery(text)
                    onAccepted: page.vm.lookUp()
                }
            }
            KButton {
                objectName: "associateSearchButton"
                Layout.alignment: Qt.AlignBottom
                enabled: !page.vm.searching
                text: qsTr("Search")
                onClicked: page.vm.lookUp()
            }
        }
        Text {
            objectName: "associateMessage"
            visible: text !== ""
            Layout.fillWidth: true
            text: page.vm.searching ? qsTr("Searching…") : page.vm.message
            font.family: Theme.font; font.pixelSize: Theme.textM
            color: page.vm.searching ? Theme.muted : Theme.bad
            wrapMode: Text.Wrap
        }

        Rectangle {
            objectName: "associateProfile"
            visible: page.vm.found
            Layout.fillWidth: true
            Layout.preferredHeight: profile.implicitHeight + 48
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.line
            ColumnLayout {
                id: profile
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 24
                spacing: 14
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 16
                    Text {
                        objectName: "associateFullName"
                        Layout.fillWidth: true
                        text: page.vm.fullName
                        font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                        wrapMode: Text.Wrap
                    }
                    Rectangle {
                        implicitWidth: tierText.implicitWidth + 32
                        implicitHeight: tierText.implicitHeight + 12
                        radius: height / 2
                        color: Theme.surfaceAlt
                        Text {
                            id: tierText
                            objectName: "associateTier"
                            anchors.centerIn: parent
                            text: page.vm.tier
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.primary
                        }
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: page.wide ? 4 : 2
                    columnSpacing: 24
                    rowSpacing: 10
                    Text { text: qsTr("Email"); font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    Text { objectName: "associateEmail"; Layout.fillWidth: true; text: page.vm.email; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; wrapMode: Text.WrapAnywhere }
                    Text { text: qsTr("Phone"); font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    Text { objectName: "associatePhone"; Layout.fillWidth: true; text: page.vm.phone; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; wrapMode: Text.Wrap }
                    Text { text: qsTr("Loyalty card"); font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    Text { objectName: "associateLoyalty"; Layout.fillWidth: true; text: page.vm.loyaltyNumber; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; wrapMode: Text.WrapAnywhere }
                    Text { text: qsTr("Points"); font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    Text { objectName: "associatePoints"; Layout.fillWidth: true; text: page.vm.pointsFigure; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink }
                }
                Text {
                    Layout.topMargin: 6
                    text: qsTr("Addresses")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                }
                Text {
                    visible: page.vm.addresses.count === 0
                    text: qsTr("No saved addresses")
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                }
                Repeater {
                    model: page.vm.addresses
                    delegate: Text {
                        required property int index
                        required property string line
                        objectName: "associateAddress_" + index
                        text: line
                        Layout.fillWidth: true
                        font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
        GridLayout {
            visible: page.vm.found
            Layout.fillWidth: true
            columns: page.wide ? 2 : 1
            columnSpacing: 20
            rowSpacing: 20
            KButton {
                objectName: "orderForCustomerButton"
                Layout.fillWidth: true
                implicitHeight: Theme.touch + 16
                fontSize: Theme.textL
                text: qsTr("Order for this customer")
                onClicked: page.vm.orderForCustomer()
            }
            KButton {
                objectName: "associateOrdersButton"
                Layout.fillWidth: true
                implicitHeight: Theme.touch + 16
                fontSize: Theme.textL
                kind: "secondary"
                text: page.vm.ordersLoading ? qsTr("Orders…") : qsTr("Orders (%1)").arg(page.vm.orders.count)
                onClicked: page.vm.showOrders()
            }
        }
    }
}
