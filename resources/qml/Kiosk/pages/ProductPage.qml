pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// A product: a gallery of its pictures (swipe, zoom), variant picker, price, quantity, rating and reviews, and
// where it is in stock right now.
Flickable {
    id: page
    objectName: "productPage"
    required property var app
    readonly property var vm: app.productVm
    readonly property bool wide: width > height
    contentHeight: layout.implicitHeight + 2 * Theme.gap
    clip: true
    // the page stays put under a zoomed picture or the size guide (they are its own children, see the end)
    interactive: !vm.zoomOpen && !vm.sizeGuideOpen
    Accessible.role: Accessible.Pane
    Accessible.name: vm.name
    // what speech says after the name: the price the shopper pays (and the one before an offer), the offer, the stock
    Accessible.description: (vm.offerPrice.length > 0 ? qsTr("Now %1, was %2").arg(vm.offerPrice).arg(vm.price) : vm.price)
                            + ". " + (vm.offer.length > 0 ? vm.offer + ". " : "") + vm.stockWords

    GridLayout {
        id: layout
        x: Theme.gap
        y: Theme.gap
        width: page.width - 2 * Theme.gap
        columns: page.wide ? 2 : 1
        columnSpacing: 40
        rowSpacing: Theme.gap

        ProductGallery {
            objectName: "productGallery"
            Layout.fillWidth: true
            Layout.preferredWidth: 1  // equal columns: long descriptions must not starve the image
            Layout.preferredHeight: page.wide ? 760 : 820
            Layout.alignment: Qt.AlignTop
            vm: page.vm
            onZoomRequested: page.vm.setZoomOpen(true)
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            spacing: 18
            Text {
                Layout.fillWidth: true
                text: page.vm.brand.toUpperCase()
                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; font.letterSpacing: 2
                color: Theme.muted
            }
            Text {
                objectName: "productName"
                Layout.fillWidth: true
                text: page.vm.name
                font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold
                color: Theme.ink
                wrapMode: Text.Wrap
            }
            RowLayout {
                spacing: 12
                RatingStars { rating: page.vm.rating; size: 28 }
                Text {
                    objectName: "productRating"
                    text: qsTr("%1 (%n review(s))", "", page.vm.reviewCount).arg(Number(page.vm.rating).toLocaleString(Qt.locale(page.app.language === "es" ? "es_ES" : "en_GB"), "f", 1))  // 3,8 in Spanish
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                }
            }
            // the price block: the offer's badge, the price after the offer, the catalog price struck through
            Rectangle {
                objectName: "productOfferBadge"
                visible: page.vm.offer.length > 0
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Offer: %1").arg(page.vm.offer)
                implicitWidth: offerText.implicitWidth + 32
                implicitHeight: offerText.implicitHeight + 12
                radius: 12
                color: Theme.accent
                Text {
                    id: offerText
                    anchors.centerIn: parent
                    text: page.vm.offer
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                    color: Theme.toneInk
                }
            }
            Flow {
                Layout.fillWidth: true
                spacing: 18
                Text {
                    objectName: "productOfferPrice"
                    visible: page.vm.offerPrice.length > 0
                    Accessible.name: qsTr("Now %1").arg(page.vm.offerPrice)
                    text: page.vm.offerPrice
                    font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold
                    color: Theme.accent
                }
                Text {
                    objectName: "productPrice"
                    readonly property bool struck: page.vm.offerPrice.length > 0
                    Accessible.name: struck ? qsTr("Was %1").arg(page.vm.price) : page.vm.price
                    text: page.vm.price
                    font.family: Theme.font; font.weight: struck ? Font.Normal : Font.Bold
                    font.pixelSize: struck ? Theme.textL : Theme.textXL
                    font.strikeout: struck
                    color: struck ? Theme.muted : Theme.ink
                }
            }
            // compare-at ("was") price of a marked-down variant: its own item beside the price block; an offer's
            // struck price says "was" already, so the markdown row gives way to it
            RowLayout {
                objectName: "compareAtRow"
                visible: page.vm.wasPrice.length > 0 && page.vm.offerPrice.length === 0
                spacing: 16
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Was %1, now %2: you save %3%").arg(page.vm.wasPrice).arg(page.vm.price).arg(page.vm.savingPercent)
                Text {
                    objectName: "productWasPrice"
                    text: qsTr("Was %1").arg(page.vm.wasPrice)
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.strikeout: true
                    color: Theme.muted
                    Accessible.ignored: true
                }
                Text {
                    objectName: "productSaving"
                    text: qsTr("Save %1%").arg(page.vm.savingPercent)
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                    color: Theme.accent
                    Accessible.ignored: true
                }
            }

            Text {
                visible: page.vm.hasColours
                text: qsTr("Colour")
                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.muted
            }
            Flow {
                visible: page.vm.hasColours
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: page.vm.colours
                    delegate: Tappable {
                        id: swatch
                        required property string key
                        required property string label
                        required property string image
                        required selected
                        objectName: "colourSwatch-" + key
                        // the colour's own picture beside its name: the shopper sees every colour at once
                        width: Math.max(Theme.touch * 1.6, swatchText.implicitWidth + swatchPicture.width + 48)
                        height: Theme.touch
                        radius: 14
                        color: selected ? Theme.primary : Theme.surface
                        borderColor: selected ? Theme.primary : Theme.control
                        borderWidth: 2
                        choice: true
                        text: label
                        description: qsTr("Colour")
                        onClicked: page.vm.selectColour(swatch.key)
                        Rectangle {
                            id: swatchPicture
                            anchors { left: parent.left; leftMargin: 8; verticalCenter: parent.verticalCenter }
                            width: parent.height - 16
                            height: width
                            radius: 10
                            color: Theme.surfaceAlt
                            clip: true
                            ShownImage {
                                anchors.fill: parent
                                picture: swatch.image
                                sourceSize.width: 112
                                sourceSize.height: 112
                            }
                        }
                        Text {
                            id: swatchText
                            anchors { left: swatchPicture.right; leftMargin: 12; verticalCenter: parent.verticalCenter }
                            text: swatch.label
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Medium
                            color: swatch.selected ? Theme.primaryInk : Theme.ink
                            Accessible.ignored: true
                        }
                    }
                }
            }
            RowLayout {
                visible: page.vm.hasSizes
                Layout.fillWidth: true
                spacing: 16
                Text {
                    text: qsTr("Size")
                    font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.muted
                }
                KButton {
                    objectName: "sizeGuideButton"
                    visible: page.vm.hasSizeGuide
                    kind: "secondary"
                    fontSize: Theme.textS
                    text: qsTr("Size guide")
                    description: qsTr("Shows the sizes and their measurements")
                    onClicked: page.vm.setSizeGuideOpen(true)
                }
            }
            Flow {
                visible: page.vm.hasSizes
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: page.vm.sizes
                    delegate: Tappable {
                        id: sizeChip
                        required property string key
                        required property string label
                        required selected
                        required property bool available
                        objectName: "sizeChip-" + key
                        width: Math.max(Theme.touch, sizeText.implicitWidth + 36)
                        height: Theme.touch
                        radius: 14
                        opacity: available ? 1.0 : 0.4
                        color: selected ? Theme.primary : Theme.surface
                        borderColor: selected ? Theme.primary : Theme.control
                        borderWidth: 2
                        choice: true
                        text: label
                        description: available ? qsTr("Size") : qsTr("Size, sold out")
                        onClicked: page.vm.selectSize(sizeChip.key)
                        Text {
                            id: sizeText
                            anchors.centerIn: parent
                            text: sizeChip.label
                            font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                            color: sizeChip.selected ? Theme.primaryInk : Theme.ink
                            Accessible.ignored: true
                        }
                    }
                }
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: stockColumn.implicitHeight + 40
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                ColumnLayout {
                    id: stockColumn
                    anchors.fill: parent
                    anchors.margins: 20
                    spacing: 10
                    RowLayout {
                        Layout.fillWidth: true
                        Rectangle { Layout.preferredWidth: 16; Layout.preferredHeight: 16; radius: 8; color: Theme.stockColour(page.vm.stockState) }
                        Text {
                            objectName: "stockHere"
                            Layout.fillWidth: true
                            // kiosk.core.stock's words, as on the cards and cart lines, with the count on the shelf
                            text: page.vm.stockHere > 0 ? qsTr("%1 (%n on the shelf)", "", page.vm.stockHere).arg(page.vm.stockWords) : page.vm.stockWords
                            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
                            wrapMode: Text.Wrap
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Icon { name: "truck"; color: Theme.muted; Layout.preferredWidth: 28; Layout.preferredHeight: 28 }
                        Text {
                            objectName: "stockWarehouse"
                            Layout.fillWidth: true
                            text: page.vm.stockWarehouse > 0 ? qsTr("%n at the warehouse: home delivery in %1-%2 days", "", page.vm.stockWarehouse).arg(page.vm.warehouseDaysMin).arg(page.vm.warehouseDaysMax) : qsTr("Not at the warehouse")
                            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                            wrapMode: Text.Wrap
                        }
                    }
                    Repeater {
                        model: page.vm.otherStores
                        delegate: Text {
                            required property string name
                            required property int quantity
                            objectName: "stockStore"
                            Layout.fillWidth: true
                            text: quantity > 0 ? qsTr("%1: %n available", "", quantity).arg(name) : qsTr("%1: none").arg(name)
                            font.family: Theme.font; font.pixelSize: Theme.textS; color: quantity > 0 ? Theme.ink : Theme.muted
                            elide: Text.ElideRight
                        }
                    }
                    Text {
                        objectName: "stockAsOf"
                        visible: page.vm.asOf.length > 0
                        text: qsTr("Stock as of %1").arg(page.vm.asOf)
                        font.family: Theme.font; font.pixelSize: Theme.textXS; color: Theme.muted
                    }
                }
            }

            RowLayout {
                objectName: "quantityRow"
                Layout.fillWidth: true
                spacing: 20
                Text {
                    text: qsTr("Quantity")
                    font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.muted
                }
                RoundIconButton {
                    objectName: "quantityLess"
                    glyph: "minus"
                    enabled: page.vm.quantity > 1
                    opacity: enabled ? 1 : 0.4
                    text: qsTr("One fewer")
                    onClicked: page.vm.decreaseQuantity()
                }
                Text {
                    objectName: "quantityValue"
                    Layout.minimumWidth: 56
                    horizontalAlignment: Text.AlignHCenter
                    text: page.vm.quantity
                    font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Quantity: %1").arg(page.vm.quantity)
                }
                RoundIconButton {
                    objectName: "quantityMore"
                    glyph: "plus"
                    enabled: page.vm.quantity < page.vm.maxQuantity
                    opacity: enabled ? 1 : 0.4
                    text: qsTr("One more")
                    onClicked: page.vm.increaseQuantity()
                }
                Text {
                    objectName: "quantityLimit"
                    Layout.fillWidth: true
                    visible: page.vm.maxQuantity > 1
                    text: qsTr("up to %1").arg(page.vm.maxQuantity)
                    font.family: Theme.font; font.pixelSize: Theme.textXS; color: Theme.muted
                    elide: Text.ElideRight
                }
            }
            // the page's actions in one row (room for more beside "Add to cart"); the wishlist toggle follows
            RowLayout {
                objectName: "actionRow"
                Layout.fillWidth: true
                spacing: 16
                KButton {
                    objectName: "addToCartButton"
                    Layout.fillWidth: true
                    implicitHeight: Theme.touch + 16
                    fontSize: Theme.textL
                    text: page.vm.withdrawn ? qsTr("No longer available")
                          : page.vm.stockHere > 0 ? qsTr("Add to cart") : qsTr("Add to cart for delivery")
                    Accessible.name: page.vm.quantity > 1 ? qsTr("%1: %2 items").arg(text).arg(page.vm.quantity) : text
                    enabled: page.vm.loaded && !page.vm.withdrawn && (page.vm.stockHere > 0 || page.vm.stockElsewhere > 0)
                    onClicked: page.vm.addToCart()
                }
            }
            KButton {
                // a recognised shopper's wishlist (issue 19): a toggle, named for what a press does
                objectName: "wishlistButton"
                visible: page.app.wishlistVm.canWish
                Layout.fillWidth: true
                kind: "secondary"
                checked: page.app.wishlistVm.productWished  // from the backend's answer, never flipped by the tap
                enabled: !page.app.wishlistVm.busy
                text: checked ? qsTr("In your wishlist") : qsTr("Add to wishlist")
                Accessible.name: checked ? qsTr("Remove from wishlist") : qsTr("Add to wishlist")
                Accessible.checkable: true
                Accessible.checked: checked
                onClicked: page.app.wishlistVm.toggle()
            }
            Text {
                Layout.fillWidth: true
                text: page.vm.description
                font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                wrapMode: Text.Wrap
                lineHeight: 1.25
            }
            Text {
                text: qsTr("Ref. %1").arg(page.vm.sku)
                font.family: Theme.font; font.pixelSize: Theme.textXS; color: Theme.muted
            }
            ReviewList {
                objectName: "reviewList"
                Layout.fillWidth: true
                Layout.topMargin: 16
                vm: page.vm
            }
        }

        ColumnLayout {
            Layout.columnSpan: page.wide ? 2 : 1
            Layout.fillWidth: true
            visible: relatedRow.count > 0
            spacing: 16
            Text {
                text: qsTr("Often bought together")
                font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
            }
            ProductRow {
                id: relatedRow
                objectName: "relatedRow"
                Layout.fillWidth: true
                Layout.preferredHeight: 400
                cardWidth: page.wide ? 300 : 320
                model: page.vm.related
                onOpened: (productId) => page.app.openProduct(productId)
            }
        }
    }

    // Over the page's whole area, not scrolled with its content (children of the Flickable itself, not of its
    // contentItem); the top bar stays usable, and the idle warning and staff screens still come on top.
    ZoomView {
        parent: page
        anchors.fill: parent
        z: 10
        vm: page.vm
    }
    SizeGuideDialog {
        parent: page
        anchors.fill: parent
        z: 10
        vm: page.vm
    }
    // leaving the page (the top bar's Back or Home) closes them, so they are not open again on return
    onVisibleChanged: if (!visible) { vm.setZoomOpen(false); vm.setSizeGuideOpen(false) }
}
