pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Checkout in four steps: your items, how to receive, your details, pay. The step indicator and the totals
// block (with Back / Next) stay in view on every step; only the step's own content scrolls. No card on the kiosk.
Item {
    id: page
    required property var app
    readonly property var vm: app.checkoutVm
    readonly property int step: vm.step
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Checkout")
    Accessible.description: page.vm.stepLabel + ". " + qsTr("Total %1").arg(page.vm.total)
    onVisibleChanged: if (visible) scroller.contentY = 0  // each visit starts at the top
    onStepChanged: scroller.contentY = 0

    // --- the step indicator: "Step 2 of 4, how to receive"; a passed step can be tapped to go back to it ---
    ColumnLayout {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.gap
        spacing: 12
        RowLayout {
            Layout.fillWidth: true
            Text {
                objectName: "checkoutTitle"
                Layout.fillWidth: true
                text: qsTr("Checkout")
                font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
                elide: Text.ElideRight
            }
            Text {
                objectName: "stepLabel"
                text: qsTr("Step %1 of %2").arg(page.step + 1).arg(page.vm.stepNames.length)
                Accessible.role: Accessible.StaticText
                Accessible.name: page.vm.stepLabel
                font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.muted
            }
        }
        RowLayout {
            objectName: "stepIndicator"
            Layout.fillWidth: true
            spacing: 8
            Repeater {
                model: page.vm.stepNames
                delegate: Tappable {
                    id: stepTab
                    required property string modelData
                    required property int index
                    readonly property bool current: index === page.step
                    readonly property bool done: index < page.step
                    objectName: "stepTab_" + index
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Theme.touch
                    enabled: done
                    radius: Theme.radius
                    color: current ? Theme.primary : done ? Theme.chosen : Theme.surfaceAlt
                    borderColor: current || done ? Theme.primary : Theme.line
                    borderWidth: 2
                    text: qsTr("Step %1 of %2, %3").arg(index + 1).arg(page.vm.stepNames.length).arg(modelData)
                    description: current ? qsTr("Current step") : done ? qsTr("Done: go back to it") : ""
                    onClicked: page.vm.goToStep(stepTab.index)
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        anchors.rightMargin: 12
                        spacing: 8
                        Text {
                            text: stepTab.done ? "✓" : String(stepTab.index + 1)
                            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                            color: stepTab.current ? Theme.primaryInk : Theme.ink
                            Accessible.ignored: true
                        }
                        Text {
                            Layout.fillWidth: true
                            text: stepTab.modelData
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                            color: stepTab.current ? Theme.primaryInk : Theme.ink
                            wrapMode: Text.Wrap
                            maximumLineCount: 2
                            Accessible.ignored: true
                        }
                    }
                }
            }
        }
    }

    // --- the step's content ---
    Flickable {
        id: scroller
        objectName: "checkoutScroller"
        anchors.top: header.bottom
        anchors.topMargin: 12
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: footer.top
        contentHeight: steps.implicitHeight + 2 * Theme.gap + 420  // room for the on-screen keyboard
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: steps
            x: Theme.gap
            y: Theme.gap / 2
            width: scroller.width - 2 * Theme.gap
            spacing: 20

            // step 1: your items
            ColumnLayout {
                objectName: "stepItems"
                visible: page.step === 0
                Layout.fillWidth: true
                spacing: 12
                Text {
                    text: qsTr("Your items")
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                }
                Repeater {
                    model: page.vm.reviewLines
                    delegate: Rectangle {
                        id: review
                        required property string variantId
                        required property string text
                        required property string total
                        required property string receive
                        objectName: "reviewLine_" + variantId
                        Layout.fillWidth: true
                        implicitHeight: Math.max(Theme.touch, reviewText.implicitHeight + 24)
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.line
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 20
                            anchors.rightMargin: 20
                            spacing: 16
                            ColumnLayout {
                                id: reviewText
                                Layout.fillWidth: true
                                spacing: 2
                                Text { Layout.fillWidth: true; text: review.text; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; wrapMode: Text.Wrap }
                                Text { visible: review.receive.length > 0; Layout.fillWidth: true; text: review.receive; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; wrapMode: Text.Wrap }
                            }
                            Text { text: review.total; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                        }
                    }
                }
                KButton {
                    objectName: "editCartButton"
                    kind: "secondary"
                    text: qsTr("Change my cart")
                    onClicked: page.vm.previousStep()
                }
            }

            // step 2: how to receive
            ColumnLayout {
                objectName: "stepReceive"
                visible: page.step === 1
                Layout.fillWidth: true
                spacing: 16
                Text {
                    Layout.fillWidth: true
                    text: page.vm.perLine ? qsTr("Your items come in %n order(s), one for each way of receiving them:", "", page.vm.parts.count)
                                          : qsTr("How would you like to get it?")
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                // lines received their own way: one order each way, said before anything is placed
                Repeater {
                    model: page.vm.parts
                    delegate: Rectangle {
                        id: part
                        required property string key
                        required property string title
                        required property string detail
                        required property string items
                        required property string total
                        objectName: "part_" + key
                        Layout.fillWidth: true
                        implicitHeight: partText.implicitHeight + 32
                        radius: Theme.radius
                        color: Theme.chosen
                        border.color: Theme.primary
                        border.width: 2
                        Accessible.role: Accessible.StaticText
                        Accessible.name: [part.title, part.detail, part.items, part.total].filter(x => x.length > 0).join(". ")
                        ColumnLayout {
                            id: partText
                            anchors.fill: parent
                            anchors.margins: 16
                            spacing: 2
                            Text { Layout.fillWidth: true; text: part.title; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; wrapMode: Text.Wrap }
                            Text { objectName: "partEstimate"; visible: part.detail.length > 0; Layout.fillWidth: true; text: part.detail; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink; wrapMode: Text.Wrap }
                            Text { Layout.fillWidth: true; text: part.items; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; wrapMode: Text.Wrap }
                            Text { objectName: "partTotal"; visible: part.total.length > 0; Layout.fillWidth: true; text: part.total; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                        }
                    }
                }
                Text {
                    visible: page.vm.perLine
                    Layout.fillWidth: true
                    text: page.vm.needsChoice ? qsTr("The rest of your items:") : qsTr("Or get everything the same way:")
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: page.vm.fulfilmentOptions
                    delegate: Tappable {
                        id: option
                        required property string optionKey
                        required property string kind
                        required property string title
                        required property string detail
                        required property bool available
                        required property string reason
                        readonly property bool chosen: page.vm.needsChoice && page.vm.optionKey === optionKey
                        objectName: "option_" + optionKey
                        Layout.fillWidth: true
                        Layout.preferredHeight: Math.max(Theme.touch + 24, optionText.implicitHeight + 32)
                        radius: Theme.radius
                        // not possible: a quiet panel, never a faded one, so the reason stays readable (>= 4.5:1)
                        color: chosen ? Theme.chosen : available ? Theme.surface : Theme.surfaceAlt
                        borderColor: chosen ? Theme.primary : available ? Theme.control : Theme.line
                        borderWidth: 2
                        enabled: available
                        choice: true
                        selected: chosen
                        text: title
                        description: available ? detail : reason
                        onClicked: page.vm.selectOption(option.optionKey)
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 24
                            anchors.rightMargin: 24
                            spacing: 16
                            Icon {
                                name: option.chosen ? "check" : option.kind === "home_delivery" ? "truck" : "store"
                                color: option.chosen ? Theme.primary : Theme.muted
                                Layout.preferredWidth: 36; Layout.preferredHeight: 36
                            }
                            ColumnLayout {
                                id: optionText
                                Layout.fillWidth: true
                                spacing: 2
                                Text { Layout.fillWidth: true; text: option.title; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: option.available ? Theme.ink : Theme.muted; wrapMode: Text.Wrap }
                                Text {
                                    objectName: option.available ? "optionDetail" : "optionReason"
                                    Layout.fillWidth: true
                                    text: option.available ? option.detail : option.reason
                                    font.family: Theme.font; font.pixelSize: Theme.textS; color: option.available ? Theme.muted : Theme.bad
                                    wrapMode: Text.Wrap
                                }
                            }
                        }
                    }
                }
                Text {
                    visible: page.vm.deliversHome
                    Layout.topMargin: 8
                    text: qsTr("Delivery method")
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                }
                Repeater {
                    model: page.vm.deliversHome ? page.vm.shippingMethods : null
                    delegate: Tappable {
                        id: method
                        required property string methodId
                        required property string name
                        required property string price
                        required property string listPrice
                        required property string spokenPrice
                        required property string estimate
                        readonly property bool chosen: page.vm.methodId === methodId
                        objectName: "method_" + methodId
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch + 16
                        radius: Theme.radius
                        color: chosen ? Theme.chosen : Theme.surface
                        borderColor: chosen ? Theme.primary : Theme.control
                        borderWidth: 2
                        choice: true
                        selected: chosen
                        text: name
                        description: estimate + ", " + spokenPrice
                        onClicked: page.vm.selectMethod(method.methodId)
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 24
                            anchors.rightMargin: 24
                            spacing: 16
                            Icon { name: method.chosen ? "check" : "truck"; color: method.chosen ? Theme.primary : Theme.muted; Layout.preferredWidth: 32; Layout.preferredHeight: 32 }
                            Text { Layout.fillWidth: true; text: method.name; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; elide: Text.ElideRight }
                            Text { objectName: "methodEstimate"; text: method.estimate; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                            // an offer (free shipping): the list price struck, then what the shopper pays, as the totals say
                            Text { objectName: "methodListPrice"; visible: method.listPrice.length > 0; text: method.listPrice; font.family: Theme.font; font.pixelSize: Theme.textS; font.strikeout: true; color: Theme.muted }
                            Text { objectName: "methodPrice"; text: method.price; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: method.listPrice.length > 0 ? Theme.ok : Theme.ink }
                        }
                    }
                }
                RowLayout {
                    visible: page.vm.deliversHome
                    Layout.fillWidth: true
                    Layout.topMargin: 8
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Delivery address")
                        font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    }
                    KButton {
                        objectName: "useProfileAddressButton"
                        visible: page.vm.canUseProfile
                        kind: "secondary"
                        text: qsTr("Use my online profile")
                        onClicked: page.vm.useProfile()
                    }
                }
                GridLayout {
                    visible: page.vm.deliversHome
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 20
                    rowSpacing: 16
                    FormField { objectName: "streetField"; Layout.fillWidth: true; Layout.columnSpan: 2; label: qsTr("Street and number"); value: page.vm.street; onEdited: (t) => page.vm.setField("street", t) }
                    FormField { objectName: "postalCodeField"; Layout.fillWidth: true; label: qsTr("Postal code"); value: page.vm.postalCode; hints: Qt.ImhDigitsOnly; onEdited: (t) => page.vm.setField("postalCode", t) }
                    FormField { objectName: "cityField"; Layout.fillWidth: true; label: qsTr("City"); value: page.vm.city; onEdited: (t) => page.vm.setField("city", t) }
                }
            }

            // step 3: your details
            ColumnLayout {
                objectName: "stepContact"
                visible: page.step === 2
                Layout.fillWidth: true
                spacing: 16
                RowLayout {
                    Layout.fillWidth: true
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Your details")
                        font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    }
                    KButton {
                        objectName: "useProfileButton"
                        visible: page.vm.canUseProfile
                        kind: "secondary"
                        text: qsTr("Use my online profile")
                        onClicked: page.vm.useProfile()
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 20
                    rowSpacing: 16
                    FormField { objectName: "firstNameField"; Layout.fillWidth: true; label: qsTr("First name"); value: page.vm.firstName; onEdited: (t) => page.vm.setField("firstName", t) }
                    FormField { objectName: "lastNameField"; Layout.fillWidth: true; label: qsTr("Last name"); value: page.vm.lastName; onEdited: (t) => page.vm.setField("lastName", t) }
                    FormField { objectName: "emailField"; Layout.fillWidth: true; label: qsTr("Email"); value: page.vm.email; hints: Qt.ImhEmailCharactersOnly; onEdited: (t) => page.vm.setField("email", t) }
                    FormField { objectName: "phoneField"; Layout.fillWidth: true; label: qsTr("Phone"); value: page.vm.phone; hints: Qt.ImhDialableCharactersOnly; onEdited: (t) => page.vm.setField("phone", t) }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("We use these only for this order: the confirmation email and the store's call when it is ready.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }

            // step 4: pay
            ColumnLayout {
                objectName: "stepPay"
                visible: page.step === 3
                Layout.fillWidth: true
                spacing: 16
                Text {
                    objectName: "receiveSummary"
                    visible: text.length > 0
                    Layout.fillWidth: true
                    text: page.vm.receiveSummary
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    text: qsTr("How would you like to pay?")
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 16
                    Repeater {
                        model: [
                            { kind: "pay_at_counter", title: qsTr("Pay at the counter"), detail: qsTr("Show the order QR or slip at the till") },
                            { kind: "pay_on_phone", title: qsTr("Pay on my phone"), detail: qsTr("Scan a secure payment link") }
                        ]
                        delegate: Tappable {
                            id: pay
                            required property var modelData
                            readonly property bool chosen: page.vm.payment === modelData.kind
                            objectName: "payment_" + modelData.kind
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Layout.preferredHeight: Math.max(Theme.touch + 24, payText.implicitHeight + 40)
                            radius: Theme.radius
                            color: chosen ? Theme.chosen : Theme.surface
                            borderColor: chosen ? Theme.primary : Theme.control
                            borderWidth: 2
                            choice: true
                            selected: chosen
                            text: modelData.title
                            description: modelData.detail
                            onClicked: page.vm.selectPayment(pay.modelData.kind)
                            ColumnLayout {
                                id: payText
                                anchors.fill: parent
                                anchors.margins: 20
                                spacing: 2
                                Text { Layout.fillWidth: true; text: pay.modelData.title; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink; wrapMode: Text.Wrap }
                                Text { Layout.fillWidth: true; text: pay.modelData.detail; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted; wrapMode: Text.Wrap }
                            }
                        }
                    }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("No card is needed at this kiosk.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
                // a coupon code (OffersViewModel: the exact outcome) and points to redeem (LoyaltyViewModel)
                ColumnLayout {
                    objectName: "payExtras"
                    Layout.fillWidth: true
                    spacing: 12
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        FormField {
                            id: couponField
                            property string typed: ""
                            objectName: "couponField"
                            Layout.fillWidth: true
                            label: qsTr("Coupon code")
                            value: couponField.typed
                            personal: false  // a code from a poster, not the shopper's data: speech may say it
                            onEdited: (t) => couponField.typed = t
                        }
                        KButton {
                            objectName: "applyCouponButton"
                            Layout.alignment: Qt.AlignBottom
                            kind: "secondary"
                            enabled: couponField.typed.trim().length > 0
                            text: qsTr("Apply code")
                            onClicked: if (page.app.offersVm.applyCoupon(couponField.typed)) couponField.typed = ""
                        }
                    }
                    Text {
                        objectName: "couponMessage"
                        visible: text.length > 0
                        Layout.fillWidth: true
                        text: page.app.offersVm.message
                        font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                        color: page.app.offersVm.accepted ? Theme.ok : Theme.bad
                        wrapMode: Text.Wrap
                    }
                    RowLayout {
                        objectName: "redeemRow"
                        visible: page.app.loyaltyVm.canRedeem
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        Text {
                            objectName: "redeemOffer"
                            Layout.fillWidth: true
                            text: page.app.loyaltyVm.redeemPoints > 0
                                  ? qsTr("%1 points take %2 off this order").arg(page.app.loyaltyVm.redeemPoints).arg(page.app.loyaltyVm.redeemDiscount)
                                  : page.app.loyaltyVm.redeemOffer
                            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                            wrapMode: Text.Wrap
                        }
                        KButton {
                            objectName: "redeemButton"
                            kind: "secondary"
                            text: page.app.loyaltyVm.redeemPoints > 0 ? qsTr("Keep my points") : qsTr("Use my points")
                            onClicked: page.app.loyaltyVm.redeemPoints > 0 ? page.app.loyaltyVm.clearRedeem() : page.app.loyaltyVm.redeemMost()
                        }
                    }
                    Text {
                        objectName: "redeemError"
                        visible: text.length > 0
                        Layout.fillWidth: true
                        text: page.app.loyaltyVm.redeemError
                        font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.bad
                        wrapMode: Text.Wrap
                    }
                }
                // The backend's re-check just before placing: what changed since the shopper saw it, and a choice.
                Rectangle {
                    objectName: "recheckPanel"
                    visible: page.vm.recheckPending
                    Layout.fillWidth: true
                    implicitHeight: recheckColumn.implicitHeight + 2 * Theme.gap
                    radius: Theme.radius
                    color: Theme.warnSurface
                    border.color: Theme.warn
                    ColumnLayout {
                        id: recheckColumn
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: 8
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Since you chose these, the store's stock or prices changed:")
                            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
                            wrapMode: Text.Wrap
                        }
                        Repeater {
                            model: page.vm.recheckChanges
                            delegate: Text {
                                required property string change
                                objectName: "recheckLine"
                                Layout.fillWidth: true
                                text: "• " + change
                                font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                                wrapMode: Text.Wrap
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            KButton {
                                objectName: "reviewCartButton"
                                Layout.fillWidth: true
                                kind: "secondary"
                                text: qsTr("Change my cart")
                                onClicked: page.vm.reviewCart()
                            }
                            KButton {
                                objectName: "acceptRecheckButton"
                                Layout.fillWidth: true
                                text: qsTr("Accept and place order")
                                onClicked: page.vm.acceptRecheck()
                            }
                        }
                    }
                }
            }
        }
    }

    // --- the totals block and Back / Next: in view on every step ---
    Rectangle {
        id: footer
        objectName: "checkoutFooter"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: footerColumn.implicitHeight + 2 * 20
        color: Theme.surface
        Rectangle { anchors.left: parent.left; anchors.right: parent.right; anchors.top: parent.top; height: 2; color: Theme.line }
        ColumnLayout {
            id: footerColumn
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: 20
            anchors.leftMargin: Theme.gap
            anchors.rightMargin: Theme.gap
            spacing: 6
            Text {
                objectName: "checkoutError"
                visible: page.vm.error.length > 0
                Layout.fillWidth: true
                text: page.vm.error
                font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.bad
                wrapMode: Text.Wrap
            }
            TotalsBlock {
                objectName: "checkoutTotals"
                Layout.fillWidth: true
                namePrefix: "checkout"
                subtotal: page.vm.subtotal
                delivery: page.vm.shipping
                total: page.vm.total
                pointsDiscount: page.vm.pointsDiscount
                savings: page.vm.savings
                coupon: page.vm.coupon
                points: page.app.loyaltyVm.pointsToEarnText
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 8
                spacing: Theme.gap
                KButton {
                    objectName: "stepBackButton"
                    kind: "secondary"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Theme.touch + 16
                    fontSize: Theme.textL
                    text: page.step === 0 ? qsTr("Back to cart") : qsTr("Back")
                    onClicked: page.vm.previousStep()
                }
                KButton {
                    id: nextButton
                    objectName: "stepNextButton"
                    visible: page.step < 3
                    Layout.fillWidth: true
                    Layout.preferredWidth: 2
                    implicitHeight: Theme.touch + 16
                    fontSize: Theme.textL
                    text: qsTr("Next: %1").arg(page.vm.stepNames.length > page.step + 1 ? page.vm.stepNames[page.step + 1] : "")
                    onClicked: {
                        const byKeypad = nextButton.activeFocus
                        page.vm.nextStep()
                        // the pay step replaces "Next" with "Place order": the keypad's focus moves there
                        if (byKeypad && page.step === 3)
                            placeButton.forceActiveFocus(Qt.TabFocusReason)
                    }
                }
                KButton {
                    id: placeButton
                    objectName: "placeOrderButton"
                    visible: page.step === 3 && !page.vm.recheckPending
                    Layout.fillWidth: true
                    Layout.preferredWidth: 2
                    implicitHeight: Theme.touch + 16
                    fontSize: Theme.textL
                    enabled: !page.vm.saving
                    text: page.vm.checking ? qsTr("Checking stock and prices…")
                          : page.vm.saving ? qsTr("Saving your order…") : qsTr("Place order")
                    onClicked: page.vm.placeOrder()
                }
            }
        }
    }
}
