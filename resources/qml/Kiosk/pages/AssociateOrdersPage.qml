pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Associate mode: the customer's orders (web and kiosk), newest first; resend a confirmation or start a return.
Rectangle {
    id: page
    required property var app
    readonly property var vm: app.associateVm
    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Orders of %1").arg(vm.fullName)

    ColumnLayout {
        visible: page.vm.available
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: 20
        Text {
            Layout.fillWidth: true
            text: qsTr("Orders of %1").arg(page.vm.fullName)
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            wrapMode: Text.Wrap
        }
        Rectangle {
            visible: page.vm.notice !== ""
            Layout.fillWidth: true
            Layout.preferredHeight: noticeText.implicitHeight + 32
            radius: 14
            color: page.vm.noticeIsError ? Theme.badSurface : Theme.chosen
            Text {
                id: noticeText
                objectName: "associateNotice"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                anchors.margins: 20
                text: page.vm.notice
                font.family: Theme.font; font.pixelSize: Theme.textM
                color: page.vm.noticeIsError ? Theme.bad : Theme.ok
                wrapMode: Text.Wrap
            }
        }
        Text {
            objectName: "associateOrdersStatus"
            visible: text !== ""
            Layout.fillWidth: true
            text: page.vm.ordersLoading ? qsTr("Loading orders…")
                : page.vm.ordersMessage !== "" ? page.vm.ordersMessage
                : list.count === 0 ? qsTr("No orders yet") : ""
            font.family: Theme.font; font.pixelSize: Theme.textM
            color: page.vm.ordersMessage !== "" ? Theme.bad : Theme.muted
            wrapMode: Text.Wrap
        }
        ListView {
            id: list
            objectName: "associateOrderList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 16
            model: page.vm.orders
            delegate: Rectangle {
                id: card
                required property string code
                required property string date
                required property string status
                required property string total
                required property string items
                required property bool returnable
                required property string returnNote
                objectName: "associateOrder_" + code
                width: ListView.view.width
                height: body.implicitHeight + 48
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                ColumnLayout {
                    id: body
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: 24
                    spacing: 10
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 16
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Order %1").arg(card.code)
                            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                            elide: Text.ElideRight
                        }
                        Text { text: card.total; font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink }
                    }
                    Text {
                        objectName: "associateOrderStatus_" + card.code
                        Layout.fillWidth: true
                        text: card.date + " · " + card.status
                        font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    }
                    Text { Layout.fillWidth: true; text: card.items; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; wrapMode: Text.Wrap }
                    Text {
                        // why these lines cannot be returned (not paid yet, cancelled), instead of a return button
                        objectName: "returnNote_" + card.code
                        visible: !card.returnable
                        Layout.fillWidth: true
                        text: card.returnNote
                        font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.bad
                        wrapMode: Text.Wrap
                    }
                    Flow {
                        Layout.fillWidth: true
                        Layout.topMargin: 8
                        spacing: 20
                        KButton {
                            objectName: "resend_" + card.code
                            kind: "secondary"
                            enabled: page.vm.resending === ""
                            text: page.vm.resending === card.code ? qsTr("Sending…") : qsTr("Resend confirmation")
                            onClicked: page.vm.resend(card.code)
                        }
                        KButton {
                            objectName: "return_" + card.code
                            visible: card.returnable
                            kind: "secondary"
                            text: qsTr("Start a return")
                            onClicked: page.vm.startReturn(card.code)
                        }
                    }
                }
            }
        }
    }
}
