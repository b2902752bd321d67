pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Line icons drawn in code: no icon font to bundle, crisp at any size. Decorative: the control around an
// icon carries its accessible name.
Canvas {
    id: icon
    property string name: "search"
    property color color: Theme.ink
    property real stroke: 3
    implicitWidth: 32
    implicitHeight: 32
    Accessible.ignored: true
    onNameChanged: requestPaint()
    onColorChanged: requestPaint()
    onPaint: {
        const c = getContext("2d");
        c.reset();
        c.strokeStyle = icon.color;
        c.fillStyle = icon.color;
        c.lineWidth = icon.stroke;
        c.lineCap = "round";
        c.lineJoin = "round";
        const w = width, h = height;
        c.beginPath();
        if (name === "search") {
            c.arc(w * 0.42, h * 0.42, w * 0.28, 0, Math.PI * 2);
            c.moveTo(w * 0.63, h * 0.63); c.lineTo(w * 0.9, h * 0.9);
        } else if (name === "cart") {
            c.moveTo(w * 0.05, h * 0.15); c.lineTo(w * 0.2, h * 0.15); c.lineTo(w * 0.32, h * 0.65);
            c.lineTo(w * 0.82, h * 0.65); c.lineTo(w * 0.93, h * 0.3); c.lineTo(w * 0.25, h * 0.3);
            c.stroke(); c.beginPath();
            c.arc(w * 0.38, h * 0.83, w * 0.07, 0, Math.PI * 2);
            c.arc(w * 0.76, h * 0.83, w * 0.07, 0, Math.PI * 2);
            c.fill(); return;
        } else if (name === "back") {
            c.moveTo(w * 0.62, h * 0.15); c.lineTo(w * 0.28, h * 0.5); c.lineTo(w * 0.62, h * 0.85);
        } else if (name === "home") {
            c.moveTo(w * 0.1, h * 0.5); c.lineTo(w * 0.5, h * 0.12); c.lineTo(w * 0.9, h * 0.5);
            c.moveTo(w * 0.22, h * 0.4); c.lineTo(w * 0.22, h * 0.88); c.lineTo(w * 0.78, h * 0.88); c.lineTo(w * 0.78, h * 0.4);
        } else if (name === "scan") {
            const m = w * 0.1, k = w * 0.25;
            c.moveTo(m, m + k); c.lineTo(m, m); c.lineTo(m + k, m);
            c.moveTo(w - m - k, m); c.lineTo(w - m, m); c.lineTo(w - m, m + k);
            c.moveTo(w - m, h - m - k); c.lineTo(w - m, h - m); c.lineTo(w - m - k, h - m);
            c.moveTo(m + k, h - m); c.lineTo(m, h - m); c.lineTo(m, h - m - k);
            c.moveTo(w * 0.3, h * 0.5); c.lineTo(w * 0.7, h * 0.5);
        } else if (name === "close") {
            c.moveTo(w * 0.2, h * 0.2); c.lineTo(w * 0.8, h * 0.8);
            c.moveTo(w * 0.8, h * 0.2); c.lineTo(w * 0.2, h * 0.8);
        } else if (name === "plus") {
            c.moveTo(w * 0.5, h * 0.2); c.lineTo(w * 0.5, h * 0.8);
            c.moveTo(w * 0.2, h * 0.5); c.lineTo(w * 0.8, h * 0.5);
        } else if (name === "minus") {
            c.moveTo(w * 0.2, h * 0.5); c.lineTo(w * 0.8, h * 0.5);
        } else if (name === "check") {
            c.moveTo(w * 0.18, h * 0.52); c.lineTo(w * 0.42, h * 0.76); c.lineTo(w * 0.84, h * 0.26);
        } else if (name === "person") {
            c.arc(w * 0.5, h * 0.32, w * 0.18, 0, Math.PI * 2);
            c.moveTo(w * 0.14, h * 0.92); c.quadraticCurveTo(w * 0.5, h * 0.42, w * 0.86, h * 0.92);
        } else if (name === "phone") {
            c.roundedRect(w * 0.28, h * 0.08, w * 0.44, h * 0.84, w * 0.08, w * 0.08);
            c.moveTo(w * 0.44, h * 0.8); c.lineTo(w * 0.56, h * 0.8);
        } else if (name === "store") {
            c.moveTo(w * 0.1, h * 0.38); c.lineTo(w * 0.2, h * 0.14); c.lineTo(w * 0.8, h * 0.14); c.lineTo(w * 0.9, h * 0.38);
            c.lineTo(w * 0.1, h * 0.38);
            c.moveTo(w * 0.16, h * 0.38); c.lineTo(w * 0.16, h * 0.88); c.lineTo(w * 0.84, h * 0.88); c.lineTo(w * 0.84, h * 0.38);
            c.moveTo(w * 0.4, h * 0.88); c.lineTo(w * 0.4, h * 0.6); c.lineTo(w * 0.6, h * 0.6); c.lineTo(w * 0.6, h * 0.88);
        } else if (name === "access") {
            // the accessibility figure: a head, open arms and legs inside a circle
            c.arc(w * 0.5, h * 0.5, w * 0.44, 0, Math.PI * 2);
            c.moveTo(w * 0.56, h * 0.26); c.arc(w * 0.5, h * 0.26, w * 0.06, 0, Math.PI * 2);
            c.moveTo(w * 0.24, h * 0.4); c.lineTo(w * 0.76, h * 0.4);
            c.moveTo(w * 0.5, h * 0.4); c.lineTo(w * 0.5, h * 0.6);
            c.lineTo(w * 0.36, h * 0.8); c.moveTo(w * 0.5, h * 0.6); c.lineTo(w * 0.64, h * 0.8);
        } else if (name === "help") {
            // a bell: calls an associate
            c.moveTo(w * 0.2, h * 0.72); c.lineTo(w * 0.8, h * 0.72);
            c.moveTo(w * 0.26, h * 0.72); c.lineTo(w * 0.26, h * 0.46);
            c.quadraticCurveTo(w * 0.26, h * 0.18, w * 0.5, h * 0.18);
            c.quadraticCurveTo(w * 0.74, h * 0.18, w * 0.74, h * 0.46); c.lineTo(w * 0.74, h * 0.72);
            c.moveTo(w * 0.42, h * 0.84); c.lineTo(w * 0.58, h * 0.84);
            c.moveTo(w * 0.5, h * 0.18); c.lineTo(w * 0.5, h * 0.1);
        } else if (name === "truck") {
            c.rect(w * 0.05, h * 0.28, w * 0.55, h * 0.42);
            c.moveTo(w * 0.6, h * 0.4); c.lineTo(w * 0.8, h * 0.4); c.lineTo(w * 0.95, h * 0.56); c.lineTo(w * 0.95, h * 0.7); c.lineTo(w * 0.6, h * 0.7);
            c.stroke(); c.beginPath();
            c.arc(w * 0.25, h * 0.78, w * 0.08, 0, Math.PI * 2);
            c.arc(w * 0.78, h * 0.78, w * 0.08, 0, Math.PI * 2);
            c.fill(); return;
        }
        c.stroke();
    }
}
