pragma ComponentBehavior: Bound
import QtQuick

// Five stars filled to `rating` (0..5): two rows of the same two small pictures, the filled row clipped to
// the rating. Pictures, not Canvas: a results grid shows 24 cards at once, and 120 Canvas items painting in
// JavaScript cost a whole frame on the software renderer; a shared picture costs nothing after the first.
Item {
    id: stars
    property real rating: 0
    property int size: 24
    readonly property int gap: 2
    implicitWidth: 5 * size + 4 * gap
    implicitHeight: size

    Row {
        spacing: stars.gap
        Repeater {
            model: 5
            Image { source: "../images/star-empty.png"; width: stars.size; height: stars.size; sourceSize.width: 64; sourceSize.height: 64 }
        }
    }
    Item {
        objectName: "ratingFill"
        clip: true
        height: stars.size
        // whole stars plus the gaps between them, then the fraction of the next star
        width: {
            const r = Math.max(0, Math.min(5, stars.rating));
            const whole = Math.floor(r);
            return whole * (stars.size + stars.gap) + (r - whole) * stars.size;
        }
        Row {
            spacing: stars.gap
            Repeater {
                model: 5
                Image { source: "../images/star-full.png"; width: stars.size; height: stars.size; sourceSize.width: 64; sourceSize.height: 64 }
            }
        }
    }
}
