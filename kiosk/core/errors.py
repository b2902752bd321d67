"""Typed failures of the outside world, so the UI can explain each one and the outbox can decide to retry."""

from __future__ import annotations

import enum


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


class RejectionReason(enum.StrEnum):
    """Why the store refused an order, in words an associate can act on; the raw text stays in the log."""

    PRODUCT_GONE = "product_gone"  # a variant the store no longer sells
    OUT_OF_STOCK = "out_of_stock"  # fewer on hand than ordered
    CONTACT_REFUSED = "contact_refused"  # an address, e-mail or phone the store would not take
    OTHER = "other"


class BackendRejectedError(BackendError):
    """The backend understood and refused (4xx, validation): retrying the same request will not help.
    `reason` is set at the raising site when the adapter knows it, so screens never parse the message."""

    def __init__(self, message: str, reason: RejectionReason = RejectionReason.OTHER) -> None:
        super().__init__(message)
        self.reason = reason


class BackendProtocolError(BackendError):
    """The reply was not what the API promises (malformed JSON, missing fields)."""


class StorageError(Exception):
    """The local database could not do what was asked (disk full, I/O error); nothing was half-written."""
