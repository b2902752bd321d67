"""View-models: the QObjects and list models QML binds to, one per page or core object."""
