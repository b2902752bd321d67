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
                value: page.vm.points.toLocaleString(Qt.locale(page.app.language), "f", 0)
            }
            Stat {
                objectName: "profilePointsThisOrder"
                label: qsTr("This order earns")
                value: qsTr("+%1 points").arg(page.vm.pointsThisOrder)
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
