pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The picture on show, full screen: pinch or double-tap to zoom, drag to look around; large buttons zoom in
// and out and close it for a shopper who uses one finger or the keypad (its Escape closes it too, through
// KeypadNavigator.back).
Rectangle {
    id: zoom
    required property var vm  // ProductViewModel: galleryPicture, name, zoomOpen
    readonly property bool open: vm.zoomOpen
    property real zoomScale: 1.0
    readonly property real maxScale: 4.0
    objectName: "zoomView"
    visible: open
    color: Theme.background  // opaque: the page beneath would show through a scrim and crowd the picture
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Zoomed picture of %1").arg(vm.name)
    onOpenChanged: {
        zoomScale = 1.0
        if (open)
            closeButton.forceActiveFocus(Qt.TabFocusReason)
    }

    function zoomBy(factor: real) {
        const centreX = (flick.contentX + flick.width / 2) / flick.contentWidth
        const centreY = (flick.contentY + flick.height / 2) / flick.contentHeight
        zoomScale = Math.max(1.0, Math.min(maxScale, zoomScale * factor))
        flick.contentX = Math.max(0, centreX * flick.contentWidth - flick.width / 2)
        flick.contentY = Math.max(0, centreY * flick.contentHeight - flick.height / 2)
    }

    MouseArea { anchors.fill: parent }  // taps do not fall through to the page beneath

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.topMargin: Theme.touch + 2 * Theme.gap
        anchors.bottomMargin: Theme.touch + 2 * Theme.gap + hint.implicitHeight
        contentWidth: width * zoom.zoomScale
        contentHeight: height * zoom.zoomScale
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        Image {
            objectName: "zoomedImage"
            width: flick.contentWidth
            height: flick.contentHeight
            source: zoom.open ? zoom.vm.galleryPicture : ""
            sourceSize.width: 1800
            sourceSize.height: 1800
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            Accessible.ignored: true
        }
        PinchHandler {
            target: null
            property real startScale: 1.0
            onActiveChanged: if (active) startScale = zoom.zoomScale
            onActiveScaleChanged: zoom.zoomScale = Math.max(1.0, Math.min(zoom.maxScale, startScale * activeScale))
        }
        TapHandler {
            onDoubleTapped: zoom.zoomBy(zoom.zoomScale > 1.0 ? 1.0 / zoom.zoomScale : 2.5)
        }
    }

    RoundIconButton {
        id: closeButton
        objectName: "zoomClose"
        anchors { top: parent.top; right: parent.right; margins: Theme.gap }
        glyph: "close"
        text: qsTr("Close the zoomed picture")
        onClicked: zoom.vm.setZoomOpen(false)
    }
    Text {
        id: hint
        anchors { horizontalCenter: parent.horizontalCenter; bottom: zoomButtons.top; bottomMargin: 16 }
        width: parent.width - 2 * Theme.gap
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("Pinch or double-tap the picture, or use the buttons, to zoom")
        font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
        wrapMode: Text.Wrap
    }
    Row {
        id: zoomButtons
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: Theme.gap }
        spacing: 32
        RoundIconButton {
            objectName: "zoomOut"
            glyph: "minus"
            enabled: zoom.zoomScale > 1.0
            opacity: enabled ? 1 : 0.4
            text: qsTr("Zoom out")
            onClicked: zoom.zoomBy(1 / 1.5)
        }
        RoundIconButton {
            objectName: "zoomIn"
            glyph: "plus"
            enabled: zoom.zoomScale < zoom.maxScale
            opacity: enabled ? 1 : 0.4
            text: qsTr("Zoom in")
            onClicked: zoom.zoomBy(1.5)
        }
    }
}
