pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Orders the online store refused: each one can be sent again or cancelled (which deletes the shopper's details).
Rectangle {
    id: page
    required property var app
    readonly property var vm: app.adminVm
    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Rejected orders")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            RoundIconButton { objectName: "deadLettersBack"; glyph: "back"; text: qsTr("Back"); onClicked: page.vm.openMenu() }
            Text {
                Layout.fillWidth: true
                text: qsTr("Rejected orders")
                font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            }
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("The online store refused these orders. Retry once the cause is fixed, or cancel to delete the shopper's details.")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "deadLettersEmpty"
            visible: list.count === 0
            text: qsTr("No rejected orders.")
            font.family: Theme.font; font.pixelSize: Theme.textL; color: Theme.ink
        }
        Text {
            objectName: "deadLettersMessage"
            visible: page.vm.message.length > 0
            Layout.fillWidth: true
            text: page.vm.message
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.bad
            wrapMode: Text.Wrap
        }
        ListView {
            id: list
            objectName: "deadLetterList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 16
            model: page.vm.deadLetters
            delegate: Rectangle {
                id: card
                required property string orderId
                required property string number
                required property string date
                required property string error
                required property string items
                required property string total
                property bool confirming: false
                objectName: "deadLetter_" + number
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
                        Text { text: qsTr("Order %1").arg(card.number); font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink }
                        Item { Layout.fillWidth: true }
                        Text { text: card.total; font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink }
                    }
                    Text { text: card.date; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                    Text { Layout.fillWidth: true; text: card.items; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; wrapMode: Text.Wrap }
                    Text {
                        objectName: "deadLetterError_" + card.number
                        Layout.fillWidth: true
                        text: card.error
                        font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.bad
                        wrapMode: Text.Wrap
                    }
                    RowLayout {
                        Layout.topMargin: 8
                        spacing: 20
                        KButton { objectName: "retry_" + card.number; text: qsTr("Retry"); onClicked: page.vm.retry(card.orderId) }
                        KButton {
                            objectName: "cancel_" + card.number
                            kind: "secondary"
                            text: card.confirming ? qsTr("Tap again to cancel") : qsTr("Cancel order")
                            onClicked: {
                                if (card.confirming) page.vm.cancelOrder(card.orderId)
                                else card.confirming = true
                            }
                        }
                    }
                }
            }
        }
    }
}
