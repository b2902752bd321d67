pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// One product in a grid: image, brand, name, price, rating and whether it is on a shelf here.
Rectangle {
    id: card
    required property string productId
    required property string name
    required property string brand
    required property string price
    required property string image
    required property real rating
    required property bool inStockHere
    signal opened(string productId)

    radius: Theme.radius
    color: Theme.surface
    border.color: area.pressed ? Theme.primary : Theme.line
    border.width: area.pressed ? 3 : 1
    clip: true

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 6
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 120
            radius: Theme.radius - 6
            color: Theme.surfaceAlt
            clip: true
            Image {
                anchors.fill: parent
                source: card.image
                sourceSize.width: 400
                sourceSize.height: 400
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
            }
        }
        Text {
            Layout.fillWidth: true
            text: card.brand.toUpperCase()
            font.family: Theme.font; font.pixelSize: Theme.textS - 4; font.weight: Font.DemiBold
            font.letterSpacing: 1
            color: Theme.muted
            elide: Text.ElideRight
        }
        Text {
            Layout.fillWidth: true
            text: card.name
            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Medium
            color: Theme.ink
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.preferredHeight: Theme.textS * 2.6
        }
        RowLayout {
            Layout.fillWidth: true
            Text {
                text: card.price
                font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                color: Theme.ink
            }
            Item { Layout.fillWidth: true }
            RatingStars { rating: card.rating; size: 18 }
        }
        Text {
            Layout.fillWidth: true
            text: card.inStockHere ? qsTr("In this store") : qsTr("Order for delivery")
            font.family: Theme.font; font.pixelSize: Theme.textS - 4; font.weight: Font.DemiBold
            color: card.inStockHere ? Theme.ok : Theme.warn
            elide: Text.ElideRight
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: card.opened(card.productId)
    }
}
