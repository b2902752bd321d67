pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// How many matched, the sort (relevance, price, new), the "in this store" filter and the filters from facets
// (size, colour, brand, price) of a search (SearchViewModel: sort, inStoreOnly, facets, facetGroups,
// filterCount, resultCount, countCapped). A facet is a large button that opens its values as chips below,
// one facet at a time, so the bar stays two rows high however many sizes or brands the results have.
ColumnLayout {
    id: bar
    required property var vm
    required property string language
    property string openGroup: ""  // the facet whose values are shown; layout state only
    spacing: 12

    function groupName(group: string): string {
        return group === "size" ? qsTr("Size") : group === "colour" ? qsTr("Colour")
             : group === "brand" ? qsTr("Brand") : group === "price" ? qsTr("Price") : group
    }
    function chosenIn(group: string): int {
        let n = 0
        for (let i = 0; i < bar.vm.facets.count; ++i) {
            const row = bar.vm.facets.get(i)
            if (row.group === group && row.selected)
                ++n
        }
        return n
    }

    Connections {
        target: bar.vm
        // a new search (or Home) closes the open facet when it has no values any more
        function onFacetGroupsChanged() {
            if (bar.vm.facetGroups.indexOf(bar.openGroup) < 0)
                bar.openGroup = ""
        }
    }

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
        // sorts and filters share one flow: one row across a landscape screen, wrapped in portrait
        ChoiceChip {
            objectName: "inStoreOnly"
            toggle: true
            selected: bar.vm.inStoreOnly
            text: qsTr("Only in this store")
            description: qsTr("Filter")
            onClicked: bar.vm.setInStoreOnly(!bar.vm.inStoreOnly)
        }
        Repeater {
            model: bar.vm.facetGroups
            delegate: ChoiceChip {
                id: groupChip
                required property string modelData
                readonly property int chosen: { bar.vm.facets.count; bar.vm.filterCount; return bar.chosenIn(modelData) }
                objectName: "facetGroup_" + modelData
                toggle: true  // open or closed: a check box the keypad and a screen reader can work
                selected: bar.openGroup === modelData || chosen > 0
                text: chosen > 0 ? qsTr("%1 · %2").arg(bar.groupName(modelData)).arg(chosen) : bar.groupName(modelData)
                Accessible.name: chosen > 0 ? qsTr("%1 filter, %n chosen", "", chosen).arg(bar.groupName(modelData))
                                            : qsTr("%1 filter").arg(bar.groupName(modelData))
                description: bar.openGroup === modelData ? qsTr("Open: its choices follow") : qsTr("Shows its choices")
                onClicked: bar.openGroup = bar.openGroup === modelData ? "" : modelData
            }
        }
        ChoiceChip {
            objectName: "clearFilters"
            visible: bar.vm.filterCount > 0
            text: qsTr("Clear filters")
            description: qsTr("Filter")
            onClicked: { bar.vm.clearFilters(); bar.openGroup = "" }
        }
    }
    Flow {
        objectName: "facetValues"
        Layout.fillWidth: true
        visible: bar.openGroup.length > 0
        spacing: 12
        Repeater {
            model: bar.vm.facets
            delegate: ChoiceChip {
                id: valueChip
                required property string group
                required property string key
                required property string label
                required property int count
                required selected
                objectName: "facet_" + group + "_" + key
                visible: group === bar.openGroup
                toggle: true
                opacity: count > 0 || selected ? 1.0 : 0.5
                text: qsTr("%1 (%2)").arg(label).arg(count)
                Accessible.name: qsTr("%1, %n result(s)", "", count).arg(label)
                description: bar.groupName(group)
                onClicked: bar.vm.toggleFacet(group, key)
            }
        }
    }
}
