pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Associate mode: find a customer by email or phone and see the whole profile (this is the associate's
// device, not the shared screen), then order for them or open their orders.
Item {
    id: page
    required property var app
    readonly property var vm: app.associateVm
    readonly property bool wide: width > height
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Find a customer")

  Flickable {
    anchors.fill: parent
    contentHeight: column.implicitHeight + 2 * Theme.gap + 420
    clip: true
    interactive: page.vm.revealing === ""

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
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Personal data is hidden. Show a field only when you need it: you will be asked why, and it is recorded.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: page.vm.personalFields
                    delegate: RowLayout {
                        id: fieldRow
                        required property string field
                        required property string label
                        required property string value
                        required property bool revealed
                        Layout.fillWidth: true
                        spacing: 16
                        Text {
                            Layout.preferredWidth: page.wide ? 260 : 200
                            text: fieldRow.label
                            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                            wrapMode: Text.Wrap
                        }
                        Text {
                            objectName: "associateField_" + fieldRow.field
                            Layout.fillWidth: true
                            text: fieldRow.value
                            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                            wrapMode: Text.WrapAnywhere
                            Accessible.name: fieldRow.label + ": " + (fieldRow.revealed ? fieldRow.value : qsTr("hidden"))
                        }
                        KButton {
                            objectName: "reveal_" + fieldRow.field
                            visible: !fieldRow.revealed
                            kind: "secondary"
                            text: qsTr("Show")
                            Accessible.name: qsTr("Show %1").arg(fieldRow.label)
                            onClicked: page.vm.askReveal(fieldRow.field)
                        }
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 24
                    rowSpacing: 10
                    Text { text: qsTr("Points"); font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; Layout.preferredWidth: page.wide ? 260 : 200 }
                    Text { objectName: "associatePoints"; Layout.fillWidth: true; text: page.vm.pointsFigure; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink }
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

    // Why the associate needs to see a field: asked before anything is shown, and recorded with the reveal.
    Rectangle {
        objectName: "revealDialog"
        anchors.fill: parent
        visible: page.vm.revealing !== ""
        color: Qt.rgba(0, 0, 0, 0.45)
        MouseArea { anchors.fill: parent; onClicked: page.vm.cancelReveal() }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.gap, 900)
            height: dialogColumn.implicitHeight + 64
            radius: Theme.radius
            color: Theme.surface
            Accessible.role: Accessible.Dialog
            Accessible.name: dialogTitle.text
            MouseArea { anchors.fill: parent }  // a tap inside the card does not close it
            ColumnLayout {
                id: dialogColumn
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 32
                spacing: 16
                Text {
                    id: dialogTitle
                    objectName: "revealQuestion"
                    Layout.fillWidth: true
                    text: qsTr("Why do you need to see: %1?").arg(page.vm.revealLabel)
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Your name, the customer, the field and the reason are recorded.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: page.vm.revealReasons
                    delegate: KButton {
                        required property string code
                        required property string label
                        objectName: "revealReason_" + code
                        Layout.fillWidth: true
                        kind: "secondary"
                        text: label
                        onClicked: page.vm.reveal(code)
                    }
                }
                KButton {
                    objectName: "revealCancel"
                    Layout.fillWidth: true
                    kind: "ghost"
                    text: qsTr("Cancel")
                    onClicked: page.vm.cancelReveal()
                }
            }
        }
    }
}
