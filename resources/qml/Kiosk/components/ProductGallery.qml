pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The product's pictures (ProductViewModel: gallery, galleryIndex): swipe between them, or use the arrows (a
// finger that cannot swipe, the keypad); the dots say which one is on show. A tap on the picture or the
// magnifier button asks for the zoomed view.
Rectangle {
    id: gallery
    required property var vm
    signal zoomRequested()
    radius: Theme.radius
    color: Theme.surfaceAlt
    clip: true

    ListView {
        id: pictures
        objectName: "galleryView"
        anchors.fill: parent
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: 250
        boundsBehavior: Flickable.StopAtBounds
        interactive: count > 1
        model: gallery.vm.gallery
        Accessible.role: Accessible.Graphic
        Accessible.name: pictures.count > 1 ? qsTr("%1, picture %2 of %3").arg(gallery.vm.name).arg(gallery.vm.galleryIndex + 1).arg(pictures.count)
                                            : qsTr("Picture of %1").arg(gallery.vm.name)
        // the swipe tells the view-model; the view-model (a colour chosen, an arrow) moves the list
        onCurrentIndexChanged: if (currentIndex >= 0 && currentIndex !== gallery.vm.galleryIndex) gallery.vm.showPicture(currentIndex)
        onCountChanged: currentIndex = gallery.vm.galleryIndex
        Connections {
            target: gallery.vm
            function onGalleryIndexChanged() {
                if (pictures.currentIndex !== gallery.vm.galleryIndex)
                    pictures.currentIndex = gallery.vm.galleryIndex
            }
        }
        delegate: Item {
            id: slide
            required property string picture
            required property int index
            width: pictures.width
            height: pictures.height
            ShownImage {
                objectName: slide.index === gallery.vm.galleryIndex ? "productImage" : ""
                anchors.fill: parent
                picture: slide.picture
                sourceSize.width: 900
                sourceSize.height: 900
                Accessible.ignored: true  // the list says which picture this is
            }
            TapHandler { onTapped: gallery.zoomRequested() }
        }
    }

    RoundIconButton {
        objectName: "galleryPrevious"
        visible: pictures.count > 1
        enabled: gallery.vm.galleryIndex > 0
        opacity: enabled ? 1 : 0.4
        anchors { left: parent.left; leftMargin: 16; verticalCenter: parent.verticalCenter }
        glyph: "back"
        text: qsTr("Previous picture")
        onClicked: gallery.vm.previousPicture()
    }
    RoundIconButton {
        objectName: "galleryNext"
        visible: pictures.count > 1
        enabled: gallery.vm.galleryIndex < pictures.count - 1
        opacity: enabled ? 1 : 0.4
        anchors { right: parent.right; rightMargin: 16; verticalCenter: parent.verticalCenter }
        glyph: "back"
        contentItem.rotation: 180  // the back arrow, pointing forward
        text: qsTr("Next picture")
        onClicked: gallery.vm.nextPicture()
    }
    RoundIconButton {
        objectName: "zoomButton"
        anchors { right: parent.right; bottom: parent.bottom; margins: 16 }
        glyph: "search"
        text: qsTr("Zoom in on the picture")
        onClicked: gallery.zoomRequested()
    }
    Row {
        objectName: "galleryDots"
        visible: pictures.count > 1
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 36 }
        spacing: 12
        Accessible.ignored: true  // the list's name says "picture 2 of 4"
        Repeater {
            model: pictures.count
            delegate: Rectangle {
                required property int index
                width: 16; height: 16; radius: 8
                color: index === gallery.vm.galleryIndex ? Theme.primary : Theme.surface
                border.color: Theme.control
                border.width: 2
            }
        }
    }
}
