"""Typed failures of the outside world, so the UI can explain each one and the outbox can decide to retry."""

from __future__ import annotations


class BackendError(Exception):
    """Base for anything the commerce backend did wrong or could not do."""


class BackendUnavailableError(BackendError):
    """Network down, timeout, 5xx: try again later; the kiosk works from its cache meanwhile."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NotTheBackendError(BackendUnavailableError):
    """Something answered in the backend's place: a captive portal's page, a proxy's error, a redirect to a
    login, JSON that is not the API's. The store's network is up but the backend is not reached, so for the
    kiosk it is offline: the banner shows, orders wait, and only the backend's own answer brings it back."""


class BackendRejectedError(BackendError):
    """The backend understood and refused (4xx, validation): retrying the same request will not help."""


class BackendProtocolError(BackendError):
    """The reply was not what the API promises (malformed JSON, missing fields)."""


class StorageError(Exception):
    """The local database could not do what was asked (disk full, I/O error); nothing was half-written."""
