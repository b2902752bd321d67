"""Qt's own messages (QML warnings, platform plugin notes) into Python logging, so the journal gets one format."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_log = logging.getLogger("qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    _log.log(_LEVELS.get(kind, logging.WARNING), "%s", message, extra={"category": context.category or "default"})


def route_qt_messages_to_logging() -> None:
    """For `kiosk run` only: the test suite keeps pytest-qt's handler, which fails a test on a Qt warning."""
    qInstallMessageHandler(_handle)
