pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The shopper's accessibility switches for this session: speech (with its volume), large text, high
// contrast, reach mode, and a call to an associate. Opened from the top bar or the attract screen; the
// keypad's F3 switches speech on without it.
Rectangle {
    id: panel
    required property var app
    readonly property var vm: app.accessibilityVm
    readonly property var speech: app.speechVm
    objectName: "accessibilityPanel"
    visible: vm.panelOpen
    color: Theme.scrim
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Accessibility")
    onVisibleChanged: if (visible) speechSwitch.forceActiveFocus(Qt.TabFocusReason)
    MouseArea { anchors.fill: parent; onClicked: panel.vm.setPanelOpen(false) }

    component ModeSwitch: Tappable {
        id: sw
        property string stateText: selected ? qsTr("On") : qsTr("Off")
        Layout.fillWidth: true
        implicitHeight: Theme.touch + 8
        radius: 16
        toggle: true
        color: selected ? Theme.chosen : Theme.surface
        borderColor: selected ? Theme.primary : Theme.control
        borderWidth: 2
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 24
            anchors.rightMargin: 24
            Text {
                Layout.fillWidth: true
                text: sw.text
                font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
                elide: Text.ElideRight
                Accessible.ignored: true
            }
            Text {
                text: sw.stateText
                font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.Bold
                color: sw.selected ? Theme.primary : Theme.muted
                Accessible.ignored: true
            }
        }
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 820)
        height: Math.min(parent.height - 2 * Theme.gap, column.implicitHeight + 64)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.control
        border.width: Theme.highContrast ? 2 : 0
        MouseArea { anchors.fill: parent }  // a tap on the card is not a tap on the scrim
        Flickable {
            anchors.fill: parent
            anchors.margins: 32
            contentHeight: column.implicitHeight
            clip: true
            ColumnLayout {
                id: column
                width: parent.width
                spacing: 16
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Accessibility")
                    font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Keypad: arrows move, Enter chooses, Escape goes back, F1 help, F2 repeat, F3 speech on or off.")
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
                ModeSwitch {
                    id: speechSwitch
                    objectName: "speechSwitch"
                    text: qsTr("Speech (plug in the headset)")
                    selected: panel.speech.enabled
                    onClicked: panel.speech.toggle()
                }
                Text {
                    objectName: "speechProblem"
                    visible: text.length > 0
                    Layout.fillWidth: true
                    text: panel.speech.problem
                    font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold; color: Theme.bad
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    visible: panel.speech.enabled
                    Layout.fillWidth: true
                    spacing: 16
                    KButton { objectName: "quieterButton"; kind: "secondary"; text: qsTr("Quieter"); onClicked: panel.speech.quieter() }
                    Text {
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        text: qsTr("Volume %1%").arg(Math.round(panel.speech.volume * 100))
                        font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
                    }
                    KButton { objectName: "louderButton"; kind: "secondary"; text: qsTr("Louder"); onClicked: panel.speech.louder() }
                }
                ModeSwitch {
                    objectName: "largeTextSwitch"
                    text: qsTr("Large text")
                    selected: panel.vm.largeText
                    onClicked: panel.vm.toggleLargeText()
                }
                ModeSwitch {
                    objectName: "highContrastSwitch"
                    text: qsTr("High contrast")
                    selected: panel.vm.highContrast
                    onClicked: panel.vm.toggleHighContrast()
                }
                ModeSwitch {
                    objectName: "reachModeSwitch"
                    text: qsTr("Everything within reach (lower on the screen)")
                    selected: panel.vm.reachMode
                    onClicked: panel.vm.toggleReachMode()
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: 8
                    spacing: 16
                    KButton {
                        objectName: "panelCallAssociateButton"
                        Layout.fillWidth: true
                        kind: "secondary"
                        text: qsTr("Call an associate")
                        onClicked: panel.app.callAssociate()
                    }
                    KButton {
                        objectName: "accessibilityCloseButton"
                        Layout.fillWidth: true
                        text: qsTr("Close")
                        onClicked: panel.vm.setPanelOpen(false)
                    }
                }
            }
        }
    }
}
