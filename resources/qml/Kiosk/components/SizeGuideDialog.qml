pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The product's size guide as a table (ProductViewModel: sizeGuideOpen, sizeGuideTitle, sizeGuideColumns,
// sizeGuideRows, sizeGuideNote), over the whole window; the close button, a tap beside the card or the
// keypad's Escape (KeypadNavigator.back) closes it.
Rectangle {
    id: dialog
    required property var vm
    readonly property bool open: vm.sizeGuideOpen
    objectName: "sizeGuideDialog"
    visible: open
    color: Theme.scrim
    Accessible.role: Accessible.Dialog
    Accessible.name: vm.sizeGuideTitle
    onOpenChanged: if (open) closeButton.forceActiveFocus(Qt.TabFocusReason)
    MouseArea { anchors.fill: parent; onClicked: dialog.vm.setSizeGuideOpen(false) }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, 1000)
        height: Math.min(parent.height - 2 * Theme.gap, column.implicitHeight + 2 * Theme.gap)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.control
        border.width: Theme.highContrast ? 2 : 0
        MouseArea { anchors.fill: parent }  // a tap on the card is not a tap on the scrim

        Flickable {
            anchors.fill: parent
            anchors.margins: Theme.gap
            contentHeight: column.implicitHeight
            clip: true
            ColumnLayout {
                id: column
                width: parent.width
                spacing: 20
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 16
                    Text {
                        objectName: "sizeGuideTitle"
                        Layout.fillWidth: true
                        text: dialog.vm.sizeGuideTitle
                        font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
                        wrapMode: Text.Wrap
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                    }
                    RoundIconButton {
                        id: closeButton
                        objectName: "sizeGuideClose"
                        // room for the focus ring inside the card's clipped scroll area
                        Layout.margins: 8
                        glyph: "close"
                        text: qsTr("Close the size guide")
                        onClicked: dialog.vm.setSizeGuideOpen(false)
                    }
                }
                GridLayout {
                    objectName: "sizeGuideTable"
                    Layout.fillWidth: true
                    columns: Math.max(1, dialog.vm.sizeGuideColumns.length)
                    columnSpacing: 0
                    rowSpacing: 0
                    Accessible.role: Accessible.Table
                    Accessible.name: dialog.vm.sizeGuideTitle
                    Repeater {
                        model: dialog.vm.sizeGuideColumns
                        delegate: Rectangle {
                            id: head
                            required property string modelData
                            Layout.fillWidth: true
                            Layout.fillHeight: true  // one height for the row: a wrapped heading sets it
                            Layout.preferredWidth: 1
                            Layout.preferredHeight: Math.max(64, headText.implicitHeight + 24)
                            color: Theme.surfaceAlt
                            Text {
                                id: headText
                                anchors { fill: parent; leftMargin: 12; rightMargin: 12 }
                                verticalAlignment: Text.AlignVCenter
                                text: head.modelData
                                font.family: Theme.font; font.pixelSize: Theme.textS; font.weight: Font.Bold; color: Theme.ink
                                wrapMode: Text.Wrap
                                Accessible.role: Accessible.ColumnHeader
                                Accessible.name: text
                            }
                        }
                    }
                    Repeater {
                        // the rows' cells in reading order: row by row, as many per row as there are columns
                        model: {
                            const cells = []
                            for (const row of dialog.vm.sizeGuideRows)
                                for (let i = 0; i < row.length; ++i)
                                    cells.push({ text: row[i], first: i === 0 })
                            return cells
                        }
                        delegate: Rectangle {
                            id: cell
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Layout.preferredHeight: 56
                            color: Math.floor(index / Math.max(1, dialog.vm.sizeGuideColumns.length)) % 2 ? Theme.background : Theme.surface
                            Text {
                                anchors { fill: parent; leftMargin: 12; rightMargin: 12 }
                                verticalAlignment: Text.AlignVCenter
                                text: cell.modelData.text
                                font.family: Theme.font; font.pixelSize: Theme.textS
                                font.weight: cell.modelData.first ? Font.Bold : Font.Normal
                                color: Theme.ink
                                elide: Text.ElideRight
                                Accessible.role: Accessible.Cell
                                Accessible.name: text
                            }
                        }
                    }
                }
                Text {
                    objectName: "sizeGuideNote"
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: dialog.vm.sizeGuideNote
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }
        }
    }
}
