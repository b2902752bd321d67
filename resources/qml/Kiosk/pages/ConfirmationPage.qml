pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Shown only after the order is committed on this kiosk: the number and QR the till needs.
Item {
    id: page
    required property var app
    readonly property var vm: app.checkoutVm
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Your order is saved")
    Accessible.description: qsTr("Order number %1. %2").arg(vm.orderNumber).arg(payInstruction.text) + " " + vm.orderItems

    // a screen reader hears the store's different amount as it arrives (speech mode says it via SelfVoicing)
    Connections {
        target: page.app.orderOutcomeVm
        function onAnnounced(text: string) { amountToPay.Accessible.announce(text) }
    }

    // the QR shrinks in landscape; a long order scrolls rather than pushing Done off the screen
    readonly property int qrSize: page.height > page.width ? 340 : 240

    Flickable {
        id: scroller
        objectName: "confirmationScroller"
        anchors.fill: parent
        contentWidth: width
        contentHeight: Math.max(height, column.implicitHeight + 2 * Theme.gap)
        boundsBehavior: Flickable.StopAtBounds
        clip: true

    ColumnLayout {
        id: column
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 900)
        spacing: page.height > page.width ? 24 : 14
        Rectangle {
            // landscape has no height to spare once the amount and items lead: the title says it all there
            visible: page.height > page.width
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 112; Layout.preferredHeight: 112; radius: 56
            color: Theme.ok
            Icon { anchors.centerIn: parent; width: 64; height: 64; name: "check"; color: Theme.toneInk; stroke: 7 }
        }
        Text {
            objectName: "savedTitle"
            Layout.fillWidth: true
            text: qsTr("Your order is saved")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            // the kiosk's figure (each order's own, summed) until the store has answered every order, then what
            // the store charges (CheckoutViewModel.show_charged); a different amount is announced as it arrives
            id: amountToPay
            objectName: "amountToPay"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: page.vm.orderPayment === "pay_on_phone" ? qsTr("To pay on your phone: %1").arg(page.vm.orderTotal)
                  : qsTr("To pay at the counter: %1").arg(page.vm.orderTotal)
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderItems"
            Layout.fillWidth: true
            text: page.vm.orderItems
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            maximumLineCount: 6
            elide: Text.ElideRight
        }
        Text {
            objectName: "orderSummary"
            visible: page.vm.orderCount <= 1
            Layout.fillWidth: true
            text: page.vm.orderSummary
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderEstimate"
            visible: page.vm.orderCount <= 1 && text.length > 0
            Layout.fillWidth: true
            text: page.vm.orderEstimate
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        // a cart received in several ways was placed as one order per way: each with its own code, together
        Repeater {
            model: page.vm.orderCount > 1 ? page.vm.orders : null
            delegate: Rectangle {
                id: placed
                required property int index
                required property string number
                required property string summary
                required property string estimate
                required property string items
                required property string total
                required property string qr
                required property string part
                // where this order stands with the store, and its outcome once answered (OrderOutcomeViewModel)
                readonly property var answer: page.app.orderOutcomeVm.answers[index] ?? ({})
                readonly property string standing: answer.state ?? ""
                readonly property string status: answer.status ?? ""
                readonly property string outcome: answer.outcome ?? ""
                readonly property string finalAmount: answer.finalAmount ?? ""
                readonly property string points: answer.points ?? ""
                objectName: "placedOrder_" + number
                Layout.fillWidth: true
                implicitHeight: placedRow.implicitHeight + 32
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                // the keypad stops on each order, and speech reads it whole: who it is, then where it stands
                activeFocusOnTab: true
                Accessible.role: Accessible.StaticText
                Accessible.name: [placed.part, qsTr("Order number %1").arg(placed.number), placed.summary, placed.estimate, placed.total]
                                 .filter(x => x.length > 0).join(". ")
                Accessible.description: [placed.status, placed.outcome, placed.finalAmount, placed.points]
                                        .filter(x => x.length > 0).join(" ")
                FocusRing { radius: Theme.radius + 6 }
                RowLayout {
                    id: placedRow
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 20
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Text { Layout.fillWidth: true; text: placed.part; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                        Text { objectName: "placedNumber"; text: placed.number; font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.primary }
                        Text { Layout.fillWidth: true; text: placed.summary; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; wrapMode: Text.Wrap }
                        Text { objectName: "placedEstimate"; Layout.fillWidth: true; visible: text.length > 0; text: placed.estimate; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink; wrapMode: Text.Wrap }
                        Text { Layout.fillWidth: true; text: placed.items; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; wrapMode: Text.Wrap }
                        Text { text: placed.total; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                        Text {
                            objectName: "placedStatus"
                            Layout.fillWidth: true
                            visible: text.length > 0
                            text: placed.status
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                            color: placed.standing === "refused" ? Theme.bad : placed.standing === "queued" ? Theme.warn
                                 : placed.standing === "answered" ? Theme.ok : Theme.muted
                            wrapMode: Text.Wrap
                        }
                        Text { objectName: "placedOutcome"; Layout.fillWidth: true; visible: text.length > 0; text: placed.outcome; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.warn; wrapMode: Text.Wrap }
                        Text { objectName: "placedFinalAmount"; Layout.fillWidth: true; visible: text.length > 0; text: placed.finalAmount; font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.ink; wrapMode: Text.Wrap }
                        Text { objectName: "placedPoints"; Layout.fillWidth: true; visible: text.length > 0; text: placed.points; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.accent; wrapMode: Text.Wrap }
                    }
                    Rectangle {
                        Layout.preferredWidth: 200; Layout.preferredHeight: 200
                        color: "white"
                        Image {
                            Accessible.role: Accessible.Graphic
                            Accessible.name: qsTr("QR code of order %1").arg(placed.number)
                            anchors.centerIn: parent
                            width: 180; height: 180
                            source: placed.qr
                            sourceSize.width: 180
                            sourceSize.height: 180
                            smooth: false
                        }
                    }
                }
            }
        }
        Rectangle {
            objectName: "paymentStatus"
            visible: page.vm.paymentState.length > 0
            Layout.fillWidth: true
            implicitHeight: paymentText.implicitHeight + 32
            radius: Theme.radius
            color: page.vm.paymentState === "settled" ? Theme.ok
                 : page.vm.paymentState === "declined" || page.vm.paymentState === "expired" ? Theme.warnSurface : Theme.surfaceAlt
            Text {
                id: paymentText
                objectName: "paymentMessage"
                anchors.centerIn: parent
                width: parent.width - 32
                text: page.vm.paymentMessage
                font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.DemiBold
                color: page.vm.paymentState === "settled" ? Theme.toneInk
                     : page.vm.paymentState === "declined" || page.vm.paymentState === "expired" ? Theme.bad : Theme.ink
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
        }
        Text {
            objectName: "orderNote"
            visible: page.vm.orderNote.length > 0
            Layout.fillWidth: true
            text: page.vm.orderNote
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.warn
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderNumber"
            visible: page.vm.orderCount <= 1
            Layout.fillWidth: true
            text: page.vm.orderNumber
            font.family: Theme.font; font.pixelSize: Theme.textHero; font.weight: Font.Bold; color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            id: payInstruction
            objectName: "payInstruction"
            Layout.fillWidth: true
            text: page.vm.orderCount > 1
                  ? (page.vm.orderPayment === "pay_on_phone" ? qsTr("Scan each order's code with your phone to pay it securely.")
                     : qsTr("Pay %1 at the counter: show these numbers or scan the codes.").arg(page.vm.orderTotal))
                  : page.vm.orderPayment === "pay_on_phone"
                  ? qsTr("Scan the code with your phone to pay %1 securely.").arg(page.vm.orderTotal)
                  : qsTr("Pay %1 at the counter: show this number or scan the code.").arg(page.vm.orderTotal)
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Rectangle {
            visible: page.vm.orderCount <= 1
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: page.qrSize + 40; Layout.preferredHeight: page.qrSize + 40
            radius: Theme.radius
            color: "white"
            border.color: Theme.line
            Image {
                objectName: "orderQr"
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("QR code of order %1").arg(page.vm.orderNumber)
                anchors.centerIn: parent
                width: page.qrSize; height: page.qrSize
                source: page.vm.orderQr
                sourceSize.width: page.qrSize
                sourceSize.height: page.qrSize
                smooth: false
            }
        }
        Text {
            // the backend's figure once it has the order, else the kiosk's estimate, said so (LoyaltyViewModel)
            objectName: "orderPoints"
            visible: text.length > 0
            Layout.fillWidth: true
            text: page.app.loyaltyVm.orderPointsText
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.accent
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        // --- the backend's outcome (issue 15), once the order reached it: what it placed differently, and the
        // final amount when it is not the one shown above (OrderOutcomeViewModel; empty until then) ----------
        Text {
            objectName: "orderOutcome"
            visible: text.length > 0
            Layout.fillWidth: true
            text: page.app.orderOutcomeVm.outcome
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.warn
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "orderFinalAmount"
            visible: text.length > 0
            Layout.fillWidth: true
            text: page.app.orderOutcomeVm.finalAmount
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        // --- end of the backend's outcome ------------------------------------------------------------------
        Text {
            Layout.fillWidth: true
            text: qsTr("We will email your confirmation once it reaches our online store.")
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "printMessage"
            visible: text.length > 0
            Layout.fillWidth: true
            text: page.vm.printMessage
            font.family: Theme.font; font.pixelSize: Theme.textS
            color: page.vm.printState === "failed" ? Theme.bad : Theme.ok
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            objectName: "resetCountdown"
            visible: page.app.sessionVm.resetIn > 0
            Layout.fillWidth: true
            text: qsTr("This screen starts over in %n second(s). Touch it to keep it.", "", page.app.sessionVm.resetIn)
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.gap
            KButton {
                objectName: "printButton"
                visible: page.vm.canPrint
                kind: "secondary"
                enabled: page.vm.printState !== "printing"
                text: page.vm.printState === "failed" ? qsTr("Try printing again")
                      : page.vm.printState === "printing" ? qsTr("Printing…") : qsTr("Print slip")
                fontSize: Theme.textL
                onClicked: page.vm.printSlip()
            }
            KButton {
                objectName: "doneButton"
                text: qsTr("Done")
                fontSize: Theme.textL
                onClicked: page.app.finish()
            }
        }
    }
    }
}
