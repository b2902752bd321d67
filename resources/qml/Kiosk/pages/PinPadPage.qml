pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Staff PIN pad: big keys, dots instead of digits, the reason for a refusal in words.
Rectangle {
    id: page
    required property var app
    readonly property var vm: app.adminVm
    readonly property bool signIn: vm.mode === "associate"
    color: Theme.background
    Accessible.role: Accessible.Pane
    Accessible.name: signIn ? qsTr("Associate sign-in") : qsTr("Staff PIN")
    // how many digits, never which: the dots are one indicator, not one item per digit

    KButton {
        objectName: "pinCancel"
        visible: !page.signIn
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.gap
        kind: "secondary"
        text: qsTr("Cancel")
        onClicked: page.vm.close()
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 560)
        spacing: 28
        Text {
            Layout.fillWidth: true
            text: page.signIn ? qsTr("Associate sign-in") : qsTr("Staff PIN")
            font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.Bold; color: Theme.ink
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Enter your PIN")
            font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.muted
            horizontalAlignment: Text.AlignHCenter
        }
        Row {
            objectName: "pinDots"
            Accessible.role: Accessible.Indicator
            Accessible.name: qsTr("%n digit(s) entered", "", page.vm.entered)
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: 28
            spacing: 18
            Repeater {
                model: Math.max(4, page.vm.entered)
                delegate: Rectangle {
                    required property int index
                    width: 24; height: 24; radius: 12
                    color: index < page.vm.entered ? Theme.primary : "transparent"
                    border.color: Theme.primary
                    border.width: 2
                }
            }
        }
        Text {
            objectName: "pinMessage"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.textM * 3
            text: page.vm.checking ? qsTr("Checking…") : page.vm.message
            font.family: Theme.font; font.pixelSize: Theme.textM
            color: page.vm.checking ? Theme.muted : Theme.bad
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        GridLayout {
            Layout.alignment: Qt.AlignHCenter
            columns: 3
            rowSpacing: 20
            columnSpacing: 28
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"]
                delegate: Tappable {
                    id: key
                    required property string modelData
                    objectName: "pinKey" + (modelData === "back" ? "Back" : modelData === "ok" ? "Ok" : modelData)
                    Layout.preferredWidth: Theme.touch + 48
                    Layout.preferredHeight: Theme.touch + 48
                    radius: width / 2
                    color: modelData === "ok" ? (down ? Qt.darker(Theme.primary, 1.2) : Theme.primary)
                         : down ? Theme.line : Theme.surface
                    borderColor: Theme.control
                    borderWidth: modelData === "ok" ? 0 : 2
                    opacity: modelData === "ok" && page.vm.entered === 0 ? 0.45 : 1.0
                    // a key's label, as printed on a keypad; what was entered is never spoken ("digit entered")
                    text: modelData === "back" ? qsTr("Delete") : modelData === "ok" ? qsTr("OK") : modelData
                    property bool pinKey: modelData !== "back" && modelData !== "ok"
                    onClicked: {
                        if (key.modelData === "back") page.vm.backspace()
                        else if (key.modelData === "ok") page.vm.submit()
                        else page.vm.digit(key.modelData)
                    }
                    Text {
                        anchors.centerIn: parent
                        visible: key.modelData !== "back"
                        text: key.modelData === "ok" ? qsTr("OK") : key.modelData
                        font.family: Theme.font; font.pixelSize: Theme.textXL; font.weight: Font.DemiBold
                        color: key.modelData === "ok" ? Theme.primaryInk : Theme.ink
                        Accessible.ignored: true
                    }
                    Icon { anchors.centerIn: parent; visible: key.modelData === "back"; width: 40; height: 40; name: "back" }
                }
            }
        }
    }
}
