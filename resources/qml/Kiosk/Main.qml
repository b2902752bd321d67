pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

Window {
    id: root
    required property var app
    required property int initialWidth
    required property int initialHeight
    required property bool fullscreen
    readonly property var pages: ["attract", "home", "search", "product", "cart", "checkout", "confirmation", "profile",
                                  "associateCustomer", "associateOrders", "associateReturn", "orderStatus", "enrol"]

    width: initialWidth
    height: initialHeight
    visible: true
    visibility: fullscreen ? Window.FullScreen : Window.Windowed
    color: Theme.background
    title: qsTr("Store kiosk")

    readonly property var access: app.accessibilityVm
    // Reach mode: the whole kiosk (bars, pages, panels, keyboard) moves into the rows of the screen between
    // 800 and 1100 mm above the floor (AccessibilityViewModel computes them from the mounting height), as
    // long as that band is tall enough to use; everything outside it is left empty.
    readonly property bool reach: access.reachMode && access.reachBottom - access.reachTop >= 480

    Binding { target: Theme; property: "highContrast"; value: root.access.highContrast }
    Binding { target: Theme; property: "largeText"; value: root.access.largeText }
    Binding { target: Theme; property: "largeTextMin"; value: root.access.largeTextMin }

    Item {
    id: stage
    objectName: "stage"
    x: 0
    width: parent.width
    y: root.reach ? root.access.reachTop : 0
    height: root.reach ? root.access.reachBottom - root.access.reachTop : parent.height
    clip: root.reach  // the closed keyboard waits just below the band: out of sight, not over the screen below

    // Shopper pages (all but the associate's own screens) end above the bottom bar and the demo tray; the
    // on-screen keyboard takes the bottom of the screen while it is up, so the bar steps aside for it.
    readonly property bool shopperPage: !root.app.page.startsWith("associate")
    // what the shell keeps at the bottom of the stage: messages (toasts) float above it, over the page, never
    // over the page's own bottom buttons' row nor the bar
    readonly property real shellBottom: (bottomBar.visible ? bottomBar.height : 0) + (demoTray.visible ? demoTray.height : 0)
    readonly property bool demoAllowed: root.app.demoScannerVm.enabled && root.app.page !== "checkout"
                                        && root.app.page !== "confirmation"

    ColumnLayout {
        anchors.fill: parent
        anchors.bottomMargin: keyboard.active ? keyboard.height : 0
        spacing: 0
        AssociateModeBadge { app: root.app; Layout.fillWidth: true }
        TopBar {
            app: root.app
            Layout.fillWidth: true
            visible: root.app.page !== "attract" && root.app.page !== "confirmation"
        }
        StatusStrip { app: root.app; Layout.fillWidth: true }
        AssociateBanner { app: root.app; Layout.fillWidth: true }
        StackLayout {
            objectName: "pages"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true  // a page taller than its room never draws under the demo tray or the bottom bar
            currentIndex: Math.max(0, root.pages.indexOf(root.app.page))
            AttractPage { app: root.app }
            HomePage { app: root.app }
            SearchPage { app: root.app }
            ProductPage { app: root.app }
            CartPage { app: root.app }
            CheckoutPage { app: root.app }
            ConfirmationPage { app: root.app }
            ProfilePage { app: root.app }
            AssociateCustomerPage { app: root.app }
            AssociateOrdersPage { app: root.app }
            AssociateReturnPage { app: root.app }
            OrderStatusPage { app: root.app }
            EnrolPage { app: root.app }
        }
        DemoScannerTray {
            id: demoTray
            objectName: "demoScannerTray"
            app: root.app
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            Layout.maximumHeight: stage.height * (stage.width > stage.height ? 0.34 : 0.4)
            visible: stage.shopperPage && stage.demoAllowed && root.app.demoScannerVm.open && !keyboard.active
        }
        BottomBar {
            id: bottomBar
            objectName: "bottomBar"
            app: root.app
            Layout.fillWidth: true
            demoScanner: stage.demoAllowed
            visible: stage.shopperPage && !keyboard.active
        }
    }

    Toast {
        objectName: "scanToast"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: 150
        text: root.app.scanVm.message
        tone: Theme.bad
        onDismissed: root.app.scanVm.dismiss()
    }
    Toast {
        objectName: "noticeToast"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 140 + stage.shellBottom
        text: root.app.notice
        tone: Theme.primary
        onDismissed: root.app.dismissNotice()
    }
    Connections {
        // Moving to another page leaves no text field focused, and the on-screen keyboard closes with it: a
        // session that ends, and a checkout whose last field still had the keys up when the shopper tapped
        // "Place order" (in landscape they would cover the confirmation's Done). Typing in the top bar's
        // search field opens the results page, and that typing goes on.
        target: root.app
        function onPageChanged() {
            if (root.app.page !== "search" && root.activeFocusItem !== null)
                root.activeFocusItem.focus = false
        }
    }
    Connections {
        target: root.app.productVm
        function onAddedToCart(name) { addedToast.text = qsTr("Added to your cart: %1").arg(name) }
    }
    Toast {
        id: addedToast
        objectName: "addedToast"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 200 + stage.shellBottom
        tone: Theme.ok
        duration: 2500
        onDismissed: text = ""
    }

    AccessibilityPanel { app: root.app; anchors.fill: parent }
    IdleWarning { objectName: "idleWarning"; app: root.app; anchors.fill: parent }
    StaffOverlay { app: root.app; anchors.fill: parent }

    // the keyboard's layout follows the interface language; its globe key offers only the kiosk's languages
    Binding { target: VirtualKeyboardSettings; property: "activeLocales"; value: ["en_GB", "es_ES"] }
    Binding { target: VirtualKeyboardSettings; property: "locale"; value: root.app.keyboardLocale }

    // The keyboard's height follows its width: across a landscape screen it would take over half of it and
    // leave the form a strip, so it is no wider than 1400 px (keys still well above 9 mm), centred.
    // In reach mode it also stays in the band, narrower so that it leaves room for the field above it.
    InputPanel {
        id: keyboard
        z: 99
        width: Math.min(root.width, root.reach ? stage.height * 1.4 : 1400)
        x: (root.width - width) / 2
        y: active ? stage.height - height : stage.height
    }
    }
}
