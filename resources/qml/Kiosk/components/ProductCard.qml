pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One product in a grid: image, brand, name, price, rating and whether it is on a shelf here.
// Anchored, not laid out: a results grid rebinds a dozen of these per keystroke on the software renderer,
// and a layout pass per card (plus the layout objects themselves) was a large part of that frame.
Tappable {
    id: card
    required property string productId
    required property string name
    required property string brand
    required property string price
    required property string image
    required property real rating
    required property bool inStockHere
    // from kiosk.core.stock: the same words and states as the product page and the cart
    required property string stockState
    required property string stockWords
    // the offer's badge from kiosk.core.promotions ("−20% until Sunday"), "" when none
    required property string offer
    // keep the picture while the card's page is hidden (ShownImage): the search results the shopper goes back to
    property bool holdPicture: false
    signal opened(string productId)

    radius: Theme.radius
    color: Theme.surface
    borderColor: down ? Theme.primary : Theme.control
    borderWidth: down ? 3 : 1
    clip: true
    // what the speech and a screen reader say for the card: the name, then price and where it is
    text: name
    description: (offer.length > 0 ? offer + ", " : "") + price + ", " + stockWords
    onClicked: card.opened(card.productId)

    Rectangle {
        id: picture
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: brandText.top; margins: 16; bottomMargin: 6 }
        radius: Theme.radius - 6
        color: Theme.surfaceAlt
        clip: true
        ShownImage {
            anchors.fill: parent
            picture: card.image
            hold: card.holdPicture
            sourceSize.width: 400
            sourceSize.height: 400
        }
    }
    Rectangle {
        objectName: "offerBadge"
        visible: card.offer.length > 0
        anchors { left: picture.left; top: picture.top; margins: 10 }
        width: Math.min(offerText.implicitWidth + 20, picture.width - 20)
        height: offerText.implicitHeight + 8
        radius: 10
        color: Theme.accent
        Text {
            id: offerText
            anchors { fill: parent; leftMargin: 10; rightMargin: 10 }
            verticalAlignment: Text.AlignVCenter
            text: card.offer
            font.family: Theme.font; font.pixelSize: Theme.textXS; font.weight: Font.Bold
            color: Theme.toneInk
            elide: Text.ElideRight
        }
    }
    Text {
        id: brandText
        anchors { left: parent.left; right: parent.right; bottom: nameText.top; leftMargin: 16; rightMargin: 16; bottomMargin: 6 }
        text: card.brand.toUpperCase()
        font.family: Theme.font; font.pixelSize: Theme.textXS; font.weight: Font.DemiBold
        font.letterSpacing: 1
        color: Theme.muted
        elide: Text.ElideRight
    }
    Text {
        id: nameText
        anchors { left: parent.left; right: parent.right; bottom: priceText.top; leftMargin: 16; rightMargin: 16; bottomMargin: 6 }
        height: Theme.textS * 2.6
        text: card.name
        font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Medium
        color: Theme.ink
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    Text {
        id: priceText
        anchors { left: parent.left; bottom: stockText.top; leftMargin: 16; bottomMargin: 6 }
        text: card.price
        font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
        color: Theme.ink
    }
    RatingStars {
        anchors { right: parent.right; verticalCenter: priceText.verticalCenter; rightMargin: 16 }
        rating: card.rating
        size: 18
    }
    Text {
        id: stockText
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 16 }
        text: card.stockWords
        font.family: Theme.font; font.pixelSize: Theme.textXS; font.weight: Font.DemiBold
        color: Theme.stockColour(card.stockState)
        elide: Text.ElideRight
    }
}
