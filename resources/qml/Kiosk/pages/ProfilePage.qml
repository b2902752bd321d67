pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The recognised shopper's account for this visit: first name and masked card only (a shared screen).
Flickable {
    id: page
    required property var app
    readonly property var vm: app.profileVm
    readonly property int columns: width > height ? 5 : 3
    contentHeight: column.implicitHeight + 2 * Theme.gap
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("My account")
    onVisibleChanged: if (visible) contentY = 0  // each visit starts at the top, never where the last shopper was

    component Stat: Rectangle {
        id: stat
        property string label
        property string value
        readonly property string text: value  // what tests and screen readers read
        Layout.fillWidth: true
        Layout.preferredHeight: 120
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.line
        Accessible.role: Accessible.StaticText
        Accessible.name: label + ": " + value
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 20
            spacing: 4
            Text { Accessible.ignored: true; text: stat.label; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
            Text {
                Layout.fillWidth: true
                text: stat.value
                font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.primary
                elide: Text.ElideRight
                Accessible.ignored: true
            }
        }
    }

    ColumnLayout {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: page.width - 2 * Theme.gap
        spacing: Theme.gap

        Text {
            objectName: "profileTitle"
            Layout.fillWidth: true
            text: qsTr("Hello, %1").arg(page.vm.firstName)
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            elide: Text.ElideRight
        }

        Rectangle {
            // only right after joining at this kiosk: the whole number, which the new member has no card for yet
            objectName: "newMemberPanel"
            visible: page.vm.newMemberCard.length > 0
            Layout.fillWidth: true
            Layout.preferredHeight: newMemberColumn.implicitHeight + 40
            radius: Theme.radius
            color: Theme.chosen
            ColumnLayout {
                id: newMemberColumn
                anchors.fill: parent
                anchors.margins: 20
                spacing: 8
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Your new card number")
                    font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.muted
                }
                Text {
                    objectName: "newMemberCard"
                    Layout.fillWidth: true
                    text: page.vm.newMemberCard
                    font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.primary
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Note it down: it is also in your account in our web shop. Give it at the counter to collect points.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                    wrapMode: Text.Wrap
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            columns: page.width > page.height ? 4 : 2
            columnSpacing: 16
            rowSpacing: 16
            Stat { objectName: "profileCard"; label: qsTr("Card"); value: page.vm.maskedCard }
            Stat { objectName: "profileTier"; label: qsTr("Tier"); value: page.vm.tier }
            Stat {
                objectName: "profilePoints"
                label: qsTr("Points")
                value: page.vm.pointsText
            }
            Stat {
                objectName: "profilePointsThisOrder"
                label: qsTr("This order earns")
                value: page.vm.pointsThisOrderText
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: savedRow.implicitHeight + 40
            visible: page.vm.savedCartCount > 0
            radius: Theme.radius
            color: Theme.surfaceAlt
            RowLayout {
                id: savedRow
                anchors.fill: parent
                anchors.margins: 20
                spacing: Theme.gap
                Icon { name: "cart"; color: Theme.primary; Layout.preferredWidth: 44; Layout.preferredHeight: 44 }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("You have %n item(s) in your saved online cart.", "", page.vm.savedCartCount)
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                KButton {
                    objectName: "addSavedCartButton"
                    text: qsTr("Add to this cart")
                    onClicked: page.app.travelVm.addSavedCart()
                }
            }
        }

        Text {
            visible: wishRow.count > 0
            text: qsTr("Your wishlist")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        ProductRow {
            id: wishRow
            objectName: "wishlistRow"
            visible: count > 0
            Layout.fillWidth: true
            Layout.preferredHeight: 400
            cardWidth: (page.width - 2 * Theme.gap - 16 * (page.columns - 1)) / page.columns
            model: page.vm.wishlist
            onOpened: (productId) => page.app.openProduct(productId)
        }

        Rectangle {
            // the wishlist "on the phone": the web shop's wishlist page; the link names no one (sign-in there)
            objectName: "wishlistPhonePanel"
            Layout.fillWidth: true
            Layout.preferredHeight: wishPhoneRow.implicitHeight + 40
            radius: Theme.radius
            color: Theme.surfaceAlt
            RowLayout {
                id: wishPhoneRow
                anchors.fill: parent
                anchors.margins: 20
                spacing: Theme.gap
                Rectangle {
                    Layout.preferredWidth: 200; Layout.preferredHeight: 200
                    color: "white"
                    radius: 12
                    Image {
                        objectName: "wishlistQr"
                        anchors.centerIn: parent
                        width: 170; height: 170
                        source: page.visible ? page.app.wishlistVm.phoneQr : ""
                        sourceSize.width: 170
                        sourceSize.height: 170
                        smooth: false
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTr("QR code of your wishlist in our web shop")
                    }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Your wishlist on your phone: scan the code and sign in to our web shop. Add to it here from any product page.")
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                    wrapMode: Text.Wrap
                }
            }
        }

        Text {
            visible: ordersList.count > 0
            text: qsTr("Recent purchases")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        Repeater {
            id: ordersList
            model: page.vm.recentOrders
            delegate: Rectangle {
                id: order
                required property string code
                required property string date
                required property string total
                required property string items
                Layout.fillWidth: true
                Layout.preferredHeight: 110
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 20
                    spacing: Theme.gap
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Text { text: order.date + "  ·  " + order.code; font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted }
                        Text { Layout.fillWidth: true; text: order.items; font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink; elide: Text.ElideRight }
                    }
                    Text { text: order.total; font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold; color: Theme.ink }
                }
            }
        }
    }
}
