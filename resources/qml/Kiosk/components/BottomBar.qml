pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The one place for the help a shopper may need on any screen: the language (each named in its own
// language), accessibility, calling an associate and, in the demo only, the sample-code scanner. It is a row of
// the shell's layout under the pages, so pages end above it and nothing is drawn over them; at the bottom
// of the screen it lies within forward reach (EN 301 549 8.3), and in reach mode it moves into the band with
// everything else.
Rectangle {
    id: bar
    required property var app
    property bool demoScanner: false  // the demo scanner's button is offered (Main.qml decides where)
    implicitHeight: Theme.touch + 24
    color: Theme.surface
    Accessible.role: Accessible.ToolBar
    Accessible.name: qsTr("Language, accessibility and help")

    Rectangle { anchors.top: parent.top; width: parent.width; height: 1; color: Theme.line }

    component BarButton: Tappable {
        id: button
        property string glyph: ""
        property string label: text
        property color ink: Theme.ink
        Layout.fillWidth: true
        Layout.minimumWidth: Theme.touch
        Layout.maximumWidth: content.implicitWidth + 48
        Layout.preferredHeight: Theme.touch
        radius: height / 2
        color: down ? Theme.line : Theme.surfaceAlt
        borderColor: Theme.highContrast ? Theme.control : "transparent"
        borderWidth: 2
        RowLayout {
            id: content
            anchors.fill: parent
            anchors.leftMargin: 20
            anchors.rightMargin: 20
            spacing: 10
            Icon { visible: button.glyph !== ""; name: button.glyph; color: button.ink; Layout.preferredWidth: 30; Layout.preferredHeight: 30 }
            Text {
                Layout.fillWidth: true
                text: button.label
                color: button.ink
                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.DemiBold
                wrapMode: Text.Wrap
                maximumLineCount: 2
                horizontalAlignment: Text.AlignHCenter
                Accessible.ignored: true  // the button says it
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: 12

        BarButton {
            objectName: "demoScannerButton"
            visible: bar.demoScanner
            glyph: "scan"
            text: qsTr("Demo scanner")
            color: bar.app.demoScannerVm.open ? Theme.accent : (down ? Theme.line : Theme.surfaceAlt)
            ink: bar.app.demoScannerVm.open ? Theme.toneInk : Theme.ink
            toggle: true
            selected: bar.app.demoScannerVm.open
            onClicked: bar.app.demoScannerVm.setOpen(!bar.app.demoScannerVm.open)
        }
        Item { Layout.fillWidth: true; Layout.minimumWidth: 0 }

        // Each language in its own words, the one on screen marked: a shopper who reads only Spanish looks
        // for "Español", not "Spanish".
        Repeater {
            model: [{ code: "en", name: "English" }, { code: "es", name: "Español" }]
            delegate: BarButton {
                required property var modelData
                objectName: "language_" + modelData.code
                text: modelData.name
                choice: true
                selected: bar.app.language === modelData.code
                color: selected ? Theme.primary : (down ? Theme.line : Theme.surfaceAlt)
                ink: selected ? Theme.primaryInk : Theme.ink
                description: qsTr("Language")
                onClicked: bar.app.setLanguage(modelData.code)
            }
        }
        BarButton {
            objectName: "accessibilityButton"
            glyph: "access"
            label: qsTr("Accessibility")
            text: qsTr("Accessibility: speech, large text, contrast, reach")
            onClicked: bar.app.accessibilityVm.setPanelOpen(true)
        }
        BarButton {
            objectName: "callAssociateButton"
            glyph: "help"
            text: qsTr("Call an associate")
            onClicked: bar.app.callAssociate()
        }
    }
}
