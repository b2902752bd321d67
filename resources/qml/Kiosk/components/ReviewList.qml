pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// What shoppers wrote, a page of reviews at a time (ProductViewModel: reviews, reviewPage, reviewPages,
// reviewsState). Reviews come from the online store: offline the section says it cannot read them now.
ColumnLayout {
    id: list
    required property var vm
    visible: vm.reviewPages > 0
    spacing: 16

    Text {
        text: qsTr("Reviews")
        font.family: Theme.font; font.pixelSize: Theme.textL; font.weight: Font.Bold; color: Theme.ink
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    Text {
        objectName: "reviewsState"
        Layout.fillWidth: true
        visible: list.vm.reviewsState === "loading" || list.vm.reviewsState === "unavailable"
        text: list.vm.reviewsState === "loading" ? qsTr("Loading reviews…") : qsTr("Reviews cannot be read right now. Try again later.")
        font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.muted
        wrapMode: Text.Wrap
    }
    Repeater {
        model: list.vm.reviews
        delegate: Rectangle {
            id: card
            required property string author
            required property int rating
            required property string title
            required property string body
            required property bool otherLanguage
            objectName: "reviewCard"
            Layout.fillWidth: true
            Layout.preferredHeight: reviewColumn.implicitHeight + 40
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.line
            ColumnLayout {
                id: reviewColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 20 }
                spacing: 8
                RatingStars { rating: card.rating; size: 24 }
                Text {
                    objectName: "reviewTitle"
                    Layout.fillWidth: true
                    text: card.title
                    font.family: Theme.font; font.pixelSize: Theme.textM; font.weight: Font.DemiBold; color: Theme.ink
                    wrapMode: Text.Wrap
                }
                Text {
                    Layout.fillWidth: true
                    text: card.body
                    font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
                    wrapMode: Text.Wrap
                    lineHeight: 1.2
                }
                Text {
                    Layout.fillWidth: true
                    // a review keeps the language it was written in; the shopper is told when it is not theirs
                    text: card.otherLanguage ? qsTr("%1 · written in another language").arg(card.author) : card.author
                    font.family: Theme.font; font.pixelSize: Theme.textXS; color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: list.vm.reviewPages > 1
        spacing: 16
        KButton {
            objectName: "reviewsPrevious"
            kind: "secondary"
            enabled: list.vm.reviewPage > 0
            text: qsTr("Previous")
            Accessible.name: qsTr("Previous reviews")
            onClicked: list.vm.previousReviews()
        }
        Text {
            objectName: "reviewsPage"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Page %1 of %2").arg(list.vm.reviewPage + 1).arg(list.vm.reviewPages)
            font.family: Theme.font; font.pixelSize: Theme.textS; color: Theme.ink
            elide: Text.ElideRight
        }
        KButton {
            objectName: "reviewsNext"
            kind: "secondary"
            enabled: list.vm.reviewPage + 1 < list.vm.reviewPages
            text: qsTr("More")
            Accessible.name: qsTr("More reviews")
            onClicked: list.vm.nextReviews()
        }
    }
}
