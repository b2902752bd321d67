pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Staff screens above the shop: the PIN pad, the staff menu and the rejected orders. Also the hidden way
// in: five quick taps in the top-left corner. The corner only counts presses; each press still reaches
// whatever is underneath, so shoppers never notice it.
Item {
    id: overlay
    required property var app
    readonly property var screens: ["pin", "menu", "deadLetters"]

    MouseArea {
        objectName: "staffCorner"
        z: 2
        x: 0
        y: 0
        width: 96
        height: 96
        onPressed: (mouse) => { overlay.app.adminVm.cornerTapped(); mouse.accepted = false }
    }
    StackLayout {
        objectName: "staffScreens"
        anchors.fill: parent
        visible: overlay.app.adminVm.screen !== ""
        currentIndex: Math.max(0, overlay.screens.indexOf(overlay.app.adminVm.screen))
        PinPadPage { app: overlay.app }
        AdminPage { app: overlay.app }
        DeadLetterPage { app: overlay.app }
    }
    // Swallows touches meant for the shop underneath while a staff screen is up.
    MouseArea { anchors.fill: parent; z: -1; enabled: overlay.app.adminVm.screen !== "" }
}
