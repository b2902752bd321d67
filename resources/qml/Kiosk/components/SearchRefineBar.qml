pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// How many matched, the sort (relevance, price, new) and the "in this store" filter of a search
// (SearchViewModel: sort, inStoreOnly, resultCount, countCapped).
ColumnLayout {
    id: bar
    required property var vm
    required property string language
    spacing: 12
    Text {
        objectName: "resultCount"
        Layout.fillWidth: true
        visible: bar.vm.resultCount >= 0 && !bar.vm.busy
        text: bar.vm.countCapped ? qsTr("More than %1 results").arg(Number(bar.vm.resultCount).toLocaleString(Qt.locale(bar.language), "f", 0))
                                 : qsTr("%n result(s)", "", bar.vm.resultCount)
        font.family: Theme.font; font.pixelSize: Theme.textM; color: Theme.ink
        elide: Text.ElideRight
    }
    Flow {
        Layout.fillWidth: true
        spacing: 12
        Repeater {
            model: [
                { key: "relevance", label: qsTr("Best match") },
                { key: "price_low", label: qsTr("Price: low to high") },
                { key: "price_high", label: qsTr("Price: high to low") },
                { key: "new", label: qsTr("Newest") }
            ]
            delegate: ChoiceChip {
                required property var modelData
                objectName: "sort_" + modelData.key
                choice: true
                selected: bar.vm.sort === modelData.key
                text: modelData.label
                description: qsTr("Sort")
                onClicked: bar.vm.setSort(modelData.key)
            }
        }
        ChoiceChip {
            objectName: "inStoreOnly"
            toggle: true
            selected: bar.vm.inStoreOnly
            text: qsTr("Only in this store")
            description: qsTr("Filter")
            onClicked: bar.vm.setInStoreOnly(!bar.vm.inStoreOnly)
        }
    }
}
