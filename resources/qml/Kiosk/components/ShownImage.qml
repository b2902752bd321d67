import QtQuick

// A catalog picture that holds its decoded pixels only while it is on screen.
// Every page of the kiosk stays alive in one StackLayout, and an Image keeps its picture while its page is
// hidden: at the end of a 1M-SKU `kiosk bench` run the home tiles, the attract mosaic and slides and the last
// product's gallery held 35 MB of pixels nobody could see (docs/performance.md). So the source follows the
// item's visibility (a hidden page hides its items): coming back reads the files from the disk cache again,
// decoded off the GUI thread like the first time, and Qt's pixmap cache keeps the last few for a moment.
// `hold` keeps the picture while hidden: the search results, which the shopper goes back to from a product.
Image {
    property string picture
    property bool hold: false
    source: visible || hold ? picture : ""
    fillMode: Image.PreserveAspectCrop
    asynchronous: true
}
