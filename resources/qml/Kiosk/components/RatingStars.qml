pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Five stars filled to `rating` (0..5), drawn so they never depend on a font having a star glyph.
Row {
    id: stars
    property real rating: 0
    property int size: 24
    spacing: 2
    Repeater {
        model: 5
        Canvas {
            required property int index
            width: stars.size
            height: stars.size
            property real fill: Math.max(0, Math.min(1, stars.rating - index))
            onFillChanged: requestPaint()
            onPaint: {
                const ctx = getContext("2d");
                ctx.reset();
                const r = width / 2, cx = r, cy = r;
                ctx.beginPath();
                for (let i = 0; i < 10; i++) {
                    const rad = i % 2 === 0 ? r : r * 0.45;
                    const a = Math.PI / 5 * i - Math.PI / 2;
                    ctx.lineTo(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
                }
                ctx.closePath();
                ctx.fillStyle = "#D9D4CC";
                ctx.fill();
                ctx.save();
                ctx.clip();
                ctx.fillStyle = "#E8A317";
                ctx.fillRect(0, 0, width * fill, height);
                ctx.restore();
            }
        }
    }
}
