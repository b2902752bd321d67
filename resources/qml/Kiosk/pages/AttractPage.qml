pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The idle loop: invites a shopper to touch or scan; popular products drift behind the invitation.
Rectangle {
    id: page
    required property var app
    color: Theme.primary
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Welcome")
    Accessible.description: qsTr("Touch to start, or scan any barcode. Press F3 on the keypad to hear the screen.")

    GridView {
        id: mosaic
        anchors.fill: parent
        interactive: false
        cellWidth: width / (width > height ? 5 : 3)
        cellHeight: cellWidth
        model: page.app.homeVm.popular
        opacity: 0.35
        delegate: Image {
            required property string image
            width: mosaic.cellWidth
            height: mosaic.cellHeight
            source: image
            sourceSize.width: 360
            sourceSize.height: 360
            fillMode: Image.PreserveAspectCrop
            asynchronous: true
        }
    }
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Qt.rgba(Theme.primary.r, Theme.primary.g, Theme.primary.b, 0.25) }
            GradientStop { position: 0.65; color: Qt.rgba(Theme.primary.r, Theme.primary.g, Theme.primary.b, 0.94) }
        }
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 72
        anchors.bottomMargin: 140
        spacing: 28
        Text {
            Layout.fillWidth: true
            text: page.app.storeName
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; font.letterSpacing: 2
            color: Theme.primarySoft
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("The whole store, and everything online.")
            font.family: Theme.font; font.pixelSize: Theme.textHero; font.weight: Font.Bold
            color: Theme.primaryInk
            wrapMode: Text.Wrap
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Find any product, check stock in every store and get it delivered home.")
            font.family: Theme.font; font.pixelSize: Theme.textL
            color: Theme.primarySoft
            wrapMode: Text.Wrap
        }
        RowLayout {
            spacing: 24
            Layout.topMargin: 24
            KButton {
                objectName: "startButton"
                text: qsTr("Touch to start")
                fontSize: Theme.textL
                implicitHeight: Theme.touch + 24
                kind: "secondary"
                onClicked: page.app.start()
            }
            RowLayout {
                spacing: 12
                Icon { name: "scan"; color: Theme.primaryInk; Layout.preferredWidth: 44; Layout.preferredHeight: 44 }
                Text {
                    text: qsTr("or scan any barcode")
                    font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.primaryInk
                }
            }
        }
    }
    MouseArea {
        anchors.fill: parent
        z: -1
        onClicked: page.app.start()
    }
}
