pragma Singleton
import QtQuick

QtObject {
    readonly property string font: "Inter"
    readonly property color background: "#F5F3EF"
    readonly property color surface: "#FFFFFF"
    readonly property color surfaceAlt: "#EFEBE4"
    readonly property color ink: "#1D1B19"
    readonly property color muted: "#6B6660"
    readonly property color line: "#E2DDD5"
    readonly property color primary: "#1F4E46"
    readonly property color primaryInk: "#FFFFFF"
    readonly property color accent: "#E0663A"
    readonly property color ok: "#2E7D4F"
    readonly property color warn: "#B7791F"
    readonly property color bad: "#B3261E"
    readonly property int radius: 20
    readonly property int gap: 24
    // 72 px is above 9 mm on any kiosk panel from 21" 1080p to 55" 4K portrait.
    readonly property int touch: 72
    readonly property int textS: 20
    readonly property int textM: 24
    readonly property int textL: 32
    readonly property int textXL: 44
    readonly property int textHero: 72
}
