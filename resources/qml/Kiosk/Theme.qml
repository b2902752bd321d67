pragma Singleton
import QtQuick

// Colours and sizes of every screen, and the accessibility modes as theme states (not separate pages):
// large text, high contrast and reach mode are set by Main.qml from the accessibility view-model.
// Every text/background pair the pages use is checked for WCAG AA in tests/ui/test_theme_contrast.py,
// in both colour schemes: change a colour here and that test says which pair fell short.
QtObject {
    // --- modes (bound from AccessibilityViewModel in Main.qml) ---
    property bool highContrast: false
    property bool largeText: false
    // the smallest text size whose capital H subtends 0.7° at the configured viewing distance on the
    // configured screen (EN 301 549 5.1.4), computed in kiosk/core/accessibility.py
    property int largeTextMin: 32

    readonly property string font: "Inter"
    readonly property color background: highContrast ? "#000000" : "#F5F3EF"
    readonly property color surface: highContrast ? "#000000" : "#FFFFFF"
    readonly property color surfaceAlt: highContrast ? "#1A1A1A" : "#EFEBE4"
    readonly property color ink: highContrast ? "#FFFFFF" : "#1D1B19"
    readonly property color muted: highContrast ? "#E6E6E6" : "#5F5A54"
    readonly property color line: highContrast ? "#FFFFFF" : "#E2DDD5"
    // outlines a shopper must see to find a control (fields, secondary buttons): 3:1 against the surface
    readonly property color control: highContrast ? "#FFFFFF" : "#8A8279"
    readonly property color primary: highContrast ? "#FFE14D" : "#1F4E46"
    readonly property color primaryInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color primarySoft: highContrast ? "#000000" : "#D8EAE5"  // secondary text on primary
    readonly property color accent: highContrast ? "#FFB59E" : "#B4441C"
    readonly property color ok: highContrast ? "#8CF5A8" : "#21663D"
    readonly property color warn: highContrast ? "#FFD27A" : "#855400"
    readonly property color bad: highContrast ? "#FF9C94" : "#B3261E"
    // text on a coloured panel (toasts, the scanner tab, the associate banner): white on the dark tones,
    // black on high contrast's light ones
    readonly property color toneInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color chosen: highContrast ? "#00332B" : "#E6F0EC"  // a selected option's panel
    readonly property color warnSurface: highContrast ? "#000000" : "#FFF4E5"
    readonly property color badSurface: highContrast ? "#000000" : "#F9E3E1"
    readonly property color scrim: highContrast ? "#E6000000" : "#B3000000"
    readonly property color focus: highContrast ? "#00E5FF" : "#0B57D0"  // the keypad's focus ring

    readonly property int radius: 20
    readonly property int gap: 24
    // 72 px is above 9 mm on any kiosk panel from 21" 1080p to 55" 4K portrait.
    readonly property int touch: 72

    // the colour of a kiosk.core.stock state, the same on cards, the product page and cart lines
    function stockColour(state: string): color {
        return state === "here" ? ok : state === "unavailable" ? bad : warn
    }

    function sized(base: int): int {
        return largeText ? Math.max(base, largeTextMin) : base
    }
    readonly property int textXS: sized(16)
    readonly property int textCaption: sized(18)
    readonly property int textS: sized(20)
    readonly property int textM: sized(24)
    readonly property int textL: sized(32)
    readonly property int textXL: sized(44)
    readonly property int textHero: sized(72)
}
