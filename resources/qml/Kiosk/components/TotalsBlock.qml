pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// The one totals block the cart and every checkout step show: items, delivery, savings, coupon, points and the
// total, each row only when it has something to say. Objects are named `<namePrefix>Subtotal`, `…Delivery`,
// `…Savings`, `…Coupon`, `…Points`, `…Total`, so tests and the tour find the same rows on every page.
// `points` and `pointsDiscount` come from the loyalty view-model; `savings` and `coupon` are the promotions
// view-model's rows, filled where it is wired.
ColumnLayout {
    id: block
    property string namePrefix: "totals"
    property string subtotal: ""
    property string delivery: ""  // "" when nothing is delivered home
    property string savings: ""  // e.g. "−5,00 €"
    property string coupon: ""  // e.g. "SPRING10 −3,00 €"
    property string pointsDiscount: ""  // loyalty points redeemed, e.g. "−2,00 €"
    property string points: ""  // e.g. "This order earns 12 points"
    property string total: ""
    spacing: 4
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Order total")
    Accessible.description: qsTr("Total %1").arg(block.total)

    component TotalRow: RowLayout {
        id: row
        property string label: ""
        property string value: ""
        property string name: ""
        property bool strong: false
        property color valueColour: Theme.ink
        Layout.fillWidth: true
        visible: value.length > 0
        spacing: 12
        Text {
            Layout.fillWidth: true
            text: row.label
            font.family: Theme.font; font.pixelSize: row.strong ? Theme.textL : Theme.textM
            font.weight: row.strong ? Font.Bold : Font.Normal
            color: Theme.ink
            elide: Text.ElideRight
        }
        Text {
            objectName: row.name
            text: row.value
            font.family: Theme.font; font.pixelSize: row.strong ? Theme.textXL : Theme.textM
            font.weight: row.strong ? Font.Bold : Font.DemiBold
            color: row.valueColour
        }
    }

    TotalRow { name: block.namePrefix + "Subtotal"; label: qsTr("Items"); value: block.subtotal }
    TotalRow { name: block.namePrefix + "Delivery"; label: qsTr("Delivery"); value: block.delivery }
    TotalRow { name: block.namePrefix + "Savings"; label: qsTr("Savings"); value: block.savings; valueColour: Theme.ok }
    TotalRow { name: block.namePrefix + "Coupon"; label: qsTr("Coupon"); value: block.coupon; valueColour: Theme.ok }
    TotalRow { name: block.namePrefix + "PointsDiscount"; label: qsTr("Points redeemed"); value: block.pointsDiscount; valueColour: Theme.ok }
    Text {
        objectName: block.namePrefix + "Points"
        visible: text.length > 0
        Layout.fillWidth: true
        text: block.points
        font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.accent
        wrapMode: Text.Wrap
    }
    TotalRow { name: block.namePrefix + "Total"; label: qsTr("Total"); value: block.total; strong: true }
}
