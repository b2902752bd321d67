pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The idle loop: the store's slides (offers, new arrivals, "scan me" tips) in turn, and the invitation to touch
// or scan. Slides change by a cut, never an animation (nothing moves or flashes); a finger on a slide or a
// tap on its arrows holds it; each slide is a button whose name is its text, so a screen reader reads it.
Rectangle {
    id: page
    required property var app
    readonly property var vm: app.attractVm
    readonly property bool wide: width > height
    // with the demo tray open (or a landscape screen with large text) the page is short: the headline, the
    // position line and the picture's size give way so that the slide and "Touch to start" still fit
    readonly property bool compact: height < 900
    color: Theme.primary
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Welcome")
    Accessible.description: qsTr("Touch to start, or scan any barcode. Press F3 on the keypad to hear the screen.")

    GridView {
        id: mosaic
        anchors.fill: parent
        interactive: false
        cellWidth: width / (page.wide ? 5 : 3)
        cellHeight: cellWidth
        model: page.app.homeVm.popular
        opacity: 0.25
        delegate: ShownImage {
            required property string image
            width: mosaic.cellWidth
            height: mosaic.cellHeight
            picture: image
            sourceSize.width: 360
            sourceSize.height: 360
        }
    }
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Qt.rgba(Theme.primary.r, Theme.primary.g, Theme.primary.b, 0.55) }
            GradientStop { position: 0.6; color: Qt.rgba(Theme.primary.r, Theme.primary.g, Theme.primary.b, 0.96) }
        }
    }
    MouseArea {
        anchors.fill: parent
        onClicked: page.app.start()
    }

    // "Touch to start" is declared before the slides so that it is the first control the keypad reaches (and
    // the one Enter presses after F3), though it is drawn at the bottom.
    Flow {
        id: startRow
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: page.compact ? 32 : page.wide ? 56 : 64
        spacing: 24
        KButton {
            objectName: "startButton"
            text: qsTr("Touch to start")
            fontSize: Theme.textL
            implicitHeight: Theme.touch + 24
            kind: "secondary"
            onClicked: page.app.start()
        }
        Row {
            height: Theme.touch + 24
            spacing: 12
            Icon { anchors.verticalCenter: parent.verticalCenter; name: "scan"; color: Theme.primaryInk; width: 44; height: 44 }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("or scan any barcode")
                font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.primaryInk
            }
        }
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: startRow.top
        anchors.margins: page.compact ? 32 : page.wide ? 56 : 64
        anchors.bottomMargin: page.compact ? 16 : 28
        spacing: page.compact ? 16 : 28
        Text {
            Layout.fillWidth: true
            text: page.app.storeName
            font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; font.letterSpacing: 2
            color: Theme.primarySoft
            elide: Text.ElideRight
        }
        Text {
            visible: !page.compact
            Layout.fillWidth: true
            text: qsTr("The whole store, and everything online.")
            font.family: Theme.font; font.pixelSize: page.wide ? Theme.textXL : Theme.textHero; font.weight: Font.Bold
            color: Theme.primaryInk
            wrapMode: Text.Wrap
        }
        Item { Layout.fillHeight: true; Layout.minimumHeight: 0 }

        Repeater {
            // every slide is built once; the current one is shown (a cut: no motion between slides)
            model: page.vm.slides
            delegate: Tappable {
                id: slide
                required property int index
                required property string slideId
                required property string kind
                required property string kindLabel
                required property string title
                required property string body
                required property string image
                required property string opensProduct
                readonly property bool shown: index === page.vm.current
                objectName: "attractSlide_" + slideId
                visible: shown
                Layout.fillWidth: true
                Layout.preferredHeight: visible ? slideBody.implicitHeight + 64 : 0
                radius: Theme.radius
                color: Theme.surface
                borderColor: Theme.highContrast ? Theme.control : "transparent"
                borderWidth: 2
                text: kindLabel + ": " + title + (body !== "" ? ". " + body : "")
                description: qsTr("Slide %1 of %2").arg(index + 1).arg(page.vm.count)
                onPressedChanged: page.vm.setHeld(pressed)
                onClicked: page.vm.open(index)
                GridLayout {
                    id: slideBody
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.margins: 32
                    columns: (page.wide || page.compact) && slide.image !== "" ? 2 : 1
                    columnSpacing: 32
                    rowSpacing: 24
                    ShownImage {
                        visible: slide.image !== ""
                        Layout.preferredWidth: page.compact ? 260 : page.wide ? 420 : Math.min(slideBody.width, 560)
                        Layout.preferredHeight: Layout.preferredWidth * 0.75
                        Layout.alignment: Qt.AlignHCenter
                        picture: slide.image
                        sourceSize.width: 640
                        sourceSize.height: 480
                        fillMode: Image.PreserveAspectFit
                        Accessible.ignored: true  // the slide's name says what it shows
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 16
                        Rectangle {
                            implicitWidth: kindText.implicitWidth + 32
                            implicitHeight: kindText.implicitHeight + 12
                            radius: height / 2
                            color: slide.kind === "promotion" ? Theme.accent : Theme.primary
                            Text {
                                id: kindText
                                objectName: "attractSlideKind_" + slide.slideId
                                anchors.centerIn: parent
                                text: slide.kindLabel
                                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Bold
                                color: slide.kind === "promotion" ? Theme.toneInk : Theme.primaryInk
                                Accessible.ignored: true
                            }
                        }
                        Text {
                            objectName: "attractSlideTitle_" + slide.slideId
                            Layout.fillWidth: true
                            text: slide.title
                            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
                            wrapMode: Text.Wrap
                            Accessible.ignored: true
                        }
                        Text {
                            visible: slide.body !== ""
                            Layout.fillWidth: true
                            text: slide.body
                            font.family: Theme.font; font.pixelSize: Theme.textL; color: Theme.muted
                            wrapMode: Text.Wrap
                            Accessible.ignored: true
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            visible: page.vm.count > 1
            spacing: 24
            RoundIconButton {
                objectName: "attractPrevious"
                glyph: "back"
                text: qsTr("Previous slide")
                onClicked: page.vm.previous()
            }
            Row {
                spacing: 14
                Accessible.ignored: true
                Repeater {
                    model: page.vm.count
                    delegate: Rectangle {
                        required property int index
                        width: 18
                        height: 18
                        radius: 9
                        color: index === page.vm.current ? Theme.primaryInk : "transparent"
                        border.color: Theme.primaryInk
                        border.width: 2
                    }
                }
            }
            RoundIconButton {
                objectName: "attractNext"
                glyph: "back"
                rotation: 180  // the back arrow, pointing forward
                text: qsTr("Next slide")
                onClicked: page.vm.next()
            }
        }
        Text {
            objectName: "attractSlidePosition"
            Layout.alignment: Qt.AlignHCenter
            visible: page.vm.count > 1 && !page.compact
            text: (page.vm.paused ? qsTr("Paused · ") : "") + qsTr("Slide %1 of %2").arg(page.vm.current + 1).arg(page.vm.count)
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.primarySoft
        }
        Item { Layout.fillHeight: true; Layout.minimumHeight: 0 }
    }
}
