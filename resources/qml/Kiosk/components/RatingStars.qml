pragma ComponentBehavior: Bound
import QtQuick

// Five stars filled to `rating` (0..5): one picture of five grey stars, and the same row in gold clipped to
// the rating. Two shared pictures per card, not Canvas items or one item per star: a results grid builds a
// dozen cards per keystroke on the software renderer, and every item counts.
Item {
    id: stars
    property real rating: 0
    property int size: 24
    // the pictures are 5 stars of 64 px with 6 px gaps: 344 x 64
    readonly property real unit: size / 64
    implicitWidth: Math.round(344 * unit)
    implicitHeight: size
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Rated %1 out of 5").arg(Number(rating).toFixed(1))

    Image {
        anchors.fill: parent
        source: "../images/stars-empty.png"
        sourceSize.width: 344
        sourceSize.height: 64
    }
    Item {
        objectName: "ratingFill"
        clip: true
        height: stars.size
        // whole stars plus the gaps between them, then the fraction of the next star
        width: {
            const r = Math.max(0, Math.min(5, stars.rating));
            const whole = Math.floor(r);
            return (whole * 70 + (r - whole) * 64) * stars.unit;
        }
        Image {
            width: stars.implicitWidth
            height: stars.size
            source: "../images/stars-full.png"
            sourceSize.width: 344
            sourceSize.height: 64
        }
    }
}
