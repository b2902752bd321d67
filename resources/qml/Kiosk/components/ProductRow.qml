pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A short, sideways-scrolling row of product cards (offers, wishlist, often bought together).
// A Repeater, not a ListView: these rows hold a dozen cards at most, and a ListView's asynchronous
// buffer incubation trips over the model being cleared when a session ends.
Flickable {
    id: row
    property alias model: repeater.model
    property int cardWidth: 300
    readonly property int count: repeater.count
    signal opened(string productId)

    contentWidth: cards.implicitWidth
    contentHeight: height
    flickableDirection: Flickable.HorizontalFlick
    boundsBehavior: Flickable.StopAtBounds
    clip: true

    Row {
        id: cards
        spacing: 16
        Repeater {
            id: repeater
            delegate: ProductCard {
                width: row.cardWidth
                height: row.height
                onOpened: (productId) => row.opened(productId)
            }
        }
    }
}
