pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk

// Always-there navigation: home, back, type-ahead search, the recognised shopper, cart with its count. The
// language, accessibility and "call an associate" are in the bottom bar (BottomBar.qml), on every shopper page.
Rectangle {
    id: bar
    required property var app
    implicitHeight: 120
    color: Theme.surface

    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: 16

        RoundIconButton { glyph: "back"; text: qsTr("Back"); visible: bar.app.page !== "home"; onClicked: bar.app.back(); objectName: "backButton" }
        RoundIconButton { glyph: "home"; text: qsTr("Home"); onClicked: bar.app.goHome(); objectName: "homeButton" }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            radius: height / 2
            color: Theme.surfaceAlt
            border.color: searchField.activeFocus ? Theme.focus : Theme.highContrast ? Theme.control : "transparent"
            border.width: 2
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 24
                anchors.rightMargin: 16
                Icon { name: "search"; color: Theme.muted; Layout.preferredWidth: 30; Layout.preferredHeight: 30 }
                TextField {
                    id: searchField
                    objectName: "searchField"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    background: null
                    font.family: Theme.font
                    font.pixelSize: Theme.textM
                    color: Theme.ink
                    placeholderText: qsTr("Search the whole catalog or scan a barcode")
                    placeholderTextColor: Theme.muted
                    Accessible.name: qsTr("Search")
                    Accessible.description: placeholderText
                    inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase  // a search, not a sentence
                    // the query belongs to its results: elsewhere (product, cart, checkout) the field is blank
                    text: bar.app.page === "search" ? bar.app.searchVm.query : ""
                    onTextEdited: bar.app.searchFor(text)
                }
            }
        }

        Tappable {
            // The recognised shopper, on every page: first name and a masked card number only (shared screen).
            objectName: "shopperChip"
            visible: bar.app.shopperName.length > 0
            Layout.preferredWidth: Math.min(shopperRow.implicitWidth + 40, 360)
            Layout.preferredHeight: Theme.touch
            radius: height / 2
            color: Theme.surfaceAlt
            borderColor: Theme.primary
            borderWidth: 2
            text: qsTr("My account")
            onClicked: bar.app.openProfile()
            RowLayout {
                id: shopperRow
                anchors.fill: parent
                anchors.leftMargin: 20
                anchors.rightMargin: 20
                spacing: 10
                Icon { name: "person"; color: Theme.primary; Layout.preferredWidth: 30; Layout.preferredHeight: 30 }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Text {
                        objectName: "shopperChipName"
                        Layout.fillWidth: true
                        text: bar.app.shopperName
                        elide: Text.ElideRight
                        font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Bold
                        color: Theme.ink
                    }
                    Text {
                        text: qsTr("%1 points").arg(bar.app.shopperPointsFigure)
                        font.family: Theme.font; font.pixelSize: Theme.textXS
                        color: Theme.muted
                    }
                }
            }
        }

        Tappable {
            objectName: "cartButton"
            Layout.preferredWidth: cartRow.implicitWidth + 48
            Layout.preferredHeight: Theme.touch
            radius: height / 2
            color: Theme.primary
            text: qsTr("Cart: %n item(s)", "", bar.app.cartVm.count)
            onClicked: bar.app.openCart()
            RowLayout {
                id: cartRow
                anchors.centerIn: parent
                spacing: 12
                Icon { name: "cart"; color: Theme.primaryInk; Layout.preferredWidth: 34; Layout.preferredHeight: 34 }
                Text {
                    text: bar.app.cartVm.count
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                    color: Theme.primaryInk
                }
            }
        }
    }
}
