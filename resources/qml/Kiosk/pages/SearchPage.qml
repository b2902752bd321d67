pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Results of a search or a category; rows are fetched lazily as the grid scrolls.
Item {
    id: page
    required property var app
    readonly property var vm: app.searchVm
    readonly property int columns: width > height ? 5 : 3
    Accessible.role: Accessible.Pane
    Accessible.name: vm.title.length > 0 ? vm.title : qsTr("Search")
    Accessible.description: vm.busy ? "" : qsTr("%n result(s)", "", grid.count)

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: 16
        Text {
            objectName: "searchTitle"
            Layout.fillWidth: true
            // the query as the title, in quotes, so it reads as what was searched for
            text: page.vm.mode === "search" && page.vm.query.length > 0 ? qsTr("“%1”").arg(page.vm.query)
                  : page.vm.title.length > 0 ? page.vm.title : qsTr("Search")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            elide: Text.ElideRight
        }
        Text {
            objectName: "correctedQuery"
            visible: page.vm.correctedQuery.length > 0
            Layout.fillWidth: true
            text: qsTr("No results for “%1”. Showing results for “%2”.").arg(page.vm.query).arg(page.vm.correctedQuery)
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
            wrapMode: Text.Wrap
        }
        SearchRefineBar {
            objectName: "searchRefineBar"
            Layout.fillWidth: true
            visible: page.vm.mode === "search" && page.vm.query.length > 0
            vm: page.vm
            language: page.app.language
        }
        Text {
            visible: grid.count === 0 && !page.vm.busy
            Layout.fillWidth: true
            text: page.vm.mode === "search" && page.vm.query.length === 0 ? qsTr("Type a few letters: we search the whole catalog, online and in stores.")
                  : page.vm.filterCount > 0 ? qsTr("Nothing matches these filters. Remove one, or clear them, to see more.")
                  : page.vm.inStoreOnly ? qsTr("None of these are in this store. Turn off “Only in this store” to see what we can order for you.")
                  : qsTr("Nothing found. Try another word, or scan the product's barcode.")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
            wrapMode: Text.Wrap
        }
        GridView {
            id: grid
            objectName: "resultsGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            cellWidth: width / page.columns
            cellHeight: 440
            // No off-screen buffer: buffered delegates are incubated asynchronously, and Qt warns when a new
            // search resets the model under one of them (DelegateModel::cancel). Visible cards are made at once.
            cacheBuffer: 0
            // cards of removed rows wait in a pool and are rebound for the next rows instead of rebuilt
            reuseItems: true
            model: page.vm.results
            // a new query updates the rows in place (the cards are kept and rebound), so go back to the top
            Connections {
                target: page.vm.results
                function onRestarted() { grid.positionViewAtBeginning() }
            }
            delegate: Item {
                id: cell
                required property string productId
                required property string name
                required property string brand
                required property string price
                required property string image
                required property real rating
                required property bool inStockHere
                required property string stockState
                required property string stockWords
                required property string offer
                width: grid.cellWidth
                height: grid.cellHeight
                ProductCard {
                    anchors.fill: parent
                    anchors.margins: 8
                    productId: cell.productId
                    name: cell.name
                    brand: cell.brand
                    price: cell.price
                    image: cell.image
                    rating: cell.rating
                    inStockHere: cell.inStockHere
                    stockState: cell.stockState
                    stockWords: cell.stockWords
                    offer: cell.offer
                    holdPicture: true
                    onOpened: (productId) => page.app.openProduct(productId)
                }
            }
        }
    }
}
