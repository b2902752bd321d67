pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Browse by category, or pick from what is popular right now.
Flickable {
    id: page
    required property var app
    readonly property int columns: width > height ? 5 : 3
    contentHeight: column.implicitHeight + 2 * Theme.gap
    clip: true

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
        Text {
            visible: page.app.shopperName.length > 0
            Layout.fillWidth: true
            text: qsTr("Card %1 · %2 points").arg(page.app.shopperMasked).arg(page.app.shopperPoints)
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
        }
        GridLayout {
            Layout.fillWidth: true
            columns: page.columns
            columnSpacing: 16
            rowSpacing: 16
            Repeater {
                model: page.app.homeVm.categories
                delegate: Rectangle {
                    id: tile
                    required property string categoryId
                    required property string name
                    required property string image
                    Layout.fillWidth: true
                    Layout.preferredHeight: 200
                    radius: Theme.radius
                    color: Theme.surfaceAlt
                    clip: true
                    Image {
                        anchors.fill: parent
                        source: tile.image
                        sourceSize.width: 400
                        sourceSize.height: 400
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                    }
                    Rectangle {
                        anchors.fill: parent
                        radius: Theme.radius
                        gradient: Gradient {
                            GradientStop { position: 0.4; color: "#00000000" }
                            GradientStop { position: 1.0; color: "#CC000000" }
                        }
                    }
                    Text {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.bottom: parent.bottom
                        anchors.margins: 16
                        text: tile.name
                        font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                        color: "white"
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    MouseArea { anchors.fill: parent; onClicked: page.app.openCategory(tile.categoryId, tile.name) }
                }
            }
        }
        Text {
            Layout.topMargin: 16
            text: qsTr("Popular now")
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
