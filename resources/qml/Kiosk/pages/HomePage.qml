pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Browse by category, or pick from what is popular right now (or, for a recognised shopper, their offers and picks).
Flickable {
    id: page
    required property var app
    readonly property int columns: width > height ? 5 : 3
    contentHeight: column.implicitHeight + 2 * Theme.gap
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Home")

    ColumnLayout {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: page.width - 2 * Theme.gap
        spacing: Theme.gap

        Text {
            Layout.fillWidth: true
            text: page.app.shopperName.length > 0 ? qsTr("Hello, %1").arg(page.app.shopperName) : qsTr("What are you looking for?")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            wrapMode: Text.Wrap
        }
        RowLayout {
            visible: page.app.shopperName.length > 0
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                text: qsTr("Card %1 · %2 points").arg(page.app.shopperMasked).arg(page.app.shopperPointsFigure)
                font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
                elide: Text.ElideRight
            }
            KButton {
                objectName: "openProfileButton"
                kind: "secondary"
                text: qsTr("My account")
                onClicked: page.app.openProfile()
            }
        }
        RowLayout {
            // not recognised: scan a card, or join the loyalty programme here (issue 19)
            visible: page.app.shopperName.length === 0 && page.app.shopperMasked.length === 0
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                text: qsTr("Scan your loyalty card, or join to earn points on this order.")
                font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
                wrapMode: Text.Wrap
            }
            KButton {
                objectName: "openEnrolButton"
                kind: "secondary"
                text: qsTr("Join")
                Accessible.name: qsTr("Join our loyalty programme")
                onClicked: page.app.openEnrol()
            }
        }
        Text {
            Layout.topMargin: 8
            text: qsTr("Shop by category")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        // Every top-level category, pictured by its most popular product; a tap lists the whole category.
        GridLayout {
            objectName: "categoryGrid"
            Layout.fillWidth: true
            // the ten departments as near-square tiles: two rows of five upright, one row of ten across
            columns: page.width > page.height ? 10 : 5
            columnSpacing: 16
            rowSpacing: 16
            Repeater {
                model: page.app.homeVm.categories
                delegate: Tappable {
                    id: tile
                    required property string categoryId
                    required property string name
                    required property string image
                    objectName: "categoryTile-" + categoryId
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1  // equal columns whatever the names' lengths
                    Layout.preferredHeight: 170
                    radius: Theme.radius
                    color: Theme.surfaceAlt
                    borderColor: down ? Theme.primary : "transparent"
                    borderWidth: 3
                    clip: true
                    text: name
                    description: qsTr("Category")
                    onClicked: page.app.openCategory(tile.categoryId, tile.name)
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Home")
                    ShownImage {
                        anchors.fill: parent
                        picture: tile.image
                        sourceSize.width: 400
                        sourceSize.height: 400
                    }
                    Rectangle {
                        anchors.fill: parent
                        radius: Theme.radius
                        gradient: Gradient {
                            GradientStop { position: 0.35; color: "#00000000" }
                            GradientStop { position: 1.0; color: "#D0000000" }
                        }
                    }
                    Text {
                        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 14 }
                        text: tile.name
                        font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Bold
                        color: "white"  // on the picture's dark gradient, in either colour scheme
                        wrapMode: Text.Wrap
                        Accessible.ignored: true
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
            }
        }
        Text {
            visible: offersRow.count > 0
            Layout.topMargin: 8
            text: qsTr("Offers for you")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.accent
        }
        ProductRow {
            id: offersRow
            objectName: "offersRow"
            visible: count > 0
            Layout.fillWidth: true
            Layout.preferredHeight: 420
            cardWidth: (page.width - 2 * Theme.gap - 16 * (page.columns - 1)) / page.columns
            model: page.app.homeVm.offers
            onOpened: (productId) => page.app.openProduct(productId)
        }
        Text {
            Layout.topMargin: 16
            text: page.app.homeVm.personal ? qsTr("Picked for you") : qsTr("Popular now")
            font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        }
        GridLayout {
            Layout.fillWidth: true
            columns: page.columns
            columnSpacing: 16
            rowSpacing: 16
            Repeater {
                model: page.app.homeVm.popular
                delegate: ProductCard {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 420
                    onOpened: (productId) => page.app.openProduct(productId)
                }
            }
        }
    }
}
