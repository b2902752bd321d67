"""GraphQL over httpx for Vendure's two APIs, turning every way a call can fail into a typed backend error."""

from __future__ import annotations

import email.utils
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from kiosk.backends.vendure.credentials import VendureCredentials
from kiosk.core.errors import (
    BackendProtocolError,
    BackendRejectedError,
    BackendUnavailableError,
    NotTheBackendError,
)

_log = logging.getLogger(__name__)

API_KEY_HEADER = "vendure-api-key"
AUTH_TOKEN_HEADER = "vendure-auth-token"
CHANNEL_HEADER = "vendure-token"

# Statuses that mean "later may work": rate limiting and the usual gateway / overload answers.
_RETRYABLE_4XX = frozenset({408, 425, 429})

_LOGIN = """
mutation KioskLogin($username: String!, $password: String!) {
  login(username: $username, password: $password, rememberMe: true) {
    ... on CurrentUser { id }
    ... on ErrorResult { errorCode message }
  }
}
"""


@dataclass(frozen=True, slots=True)
class GraphQLReply:
    """The `data` object of a successful reply, with the server's clock from the Date header.

    The server time is what catalog sync measures its overlap against, so the kiosk's own clock (which
    may be off) never decides which changes are new.
    """

    data: Mapping[str, Any]
    server_time: datetime | None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: either delta-seconds or an HTTP date; None if absent or junk."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _server_time(response: httpx.Response) -> datetime | None:
    value = response.headers.get("date")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class VendureClient:
    """Posts GraphQL documents to the Admin or Shop API with the kiosk's credentials.

    Thread-safe: the sync worker and the order sender share one client. With password credentials the
    bearer session is obtained on first use and renewed once when Vendure says it is no longer valid.
    """

    def __init__(
        self,
        admin_url: str,
        shop_url: str,
        credentials: VendureCredentials,
        *,
        channel_token: str | None = None,
        timeout_s: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.admin_url = admin_url
        self.shop_url = shop_url
        self.timeout_s = timeout_s
        self._credentials = credentials
        self._channel_token = channel_token
        self._http = httpx.Client(timeout=timeout_s, transport=transport, follow_redirects=False)
        self._session_token: str | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    # --- public ------------------------------------------------------------------------------------
    def admin(
        self,
        operation: str,
        query: str,
        variables: Mapping[str, Any] | None = None,
        timeout_s: float | None = None,
    ) -> GraphQLReply:
        """One Admin API call; `operation` names it in error messages ("find customer", "add item").
        `timeout_s` replaces the client's timeout for a call that does more work than a read (placing an order)."""
        headers = self._auth_headers(operation)
        try:
            return self._post(self.admin_url, operation, query, variables, headers, timeout_s)
        except _SessionExpiredError:
            if not self._credentials.username:
                raise BackendRejectedError(
                    f"Vendure refused {operation}: the API key is not valid or lacks permission"
                ) from None
            with self._lock:
                self._session_token = None
            headers = self._auth_headers(operation)
            try:
                return self._post(self.admin_url, operation, query, variables, headers, timeout_s)
            except _SessionExpiredError:
                raise BackendRejectedError(f"Vendure refused {operation}: the kiosk account lacks permission") from None

    def shop(self, operation: str, query: str, variables: Mapping[str, Any] | None = None) -> GraphQLReply:
        """One anonymous Shop API call (search); no kiosk credentials are sent to the public API."""
        try:
            return self._post(self.shop_url, operation, query, variables, self._channel_headers())
        except _SessionExpiredError:
            raise BackendRejectedError(f"Vendure refused {operation}: not permitted") from None

    def get_bytes(self, url: str) -> bytes | None:
        """A plain GET (asset previews); None for any failure, since a missing image is not an error."""
        try:
            response = self._http.get(url)
        except httpx.HTTPError:
            return None
        return response.content if response.status_code == 200 else None

    # --- internals ---------------------------------------------------------------------------------
    def _channel_headers(self) -> dict[str, str]:
        return {CHANNEL_HEADER: self._channel_token} if self._channel_token else {}

    def _auth_headers(self, operation: str) -> dict[str, str]:
        headers = self._channel_headers()
        if self._credentials.api_key:
            headers[API_KEY_HEADER] = self._credentials.api_key
            return headers
        with self._lock:
            if self._session_token is None:
                self._session_token = self._login(operation)
            headers["authorization"] = f"Bearer {self._session_token}"
        return headers

    def _login(self, operation: str) -> str:
        variables = {"username": self._credentials.username, "password": self._credentials.password}
        response = self._send(self.admin_url, operation, _LOGIN, variables, self._channel_headers())
        body = self._decode(response, operation)
        result = body.get("data", {}) if isinstance(body.get("data"), Mapping) else {}
        login = result.get("login")
        if isinstance(login, Mapping) and login.get("errorCode"):
            raise BackendRejectedError(
                f"Vendure refused the kiosk's login ({login.get('errorCode')}); check username and password"
            )
        self._raise_for_errors(body, operation)
        token: str | None = response.headers.get(AUTH_TOKEN_HEADER)
        if not token:
            raise BackendProtocolError(
                "Vendure accepted the login but sent no session token; is authOptions.tokenMethod missing 'bearer'?"
            )
        _log.info("logged in to Vendure as the kiosk service account")
        return token

    def _post(
        self,
        url: str,
        operation: str,
        query: str,
        variables: Mapping[str, Any] | None,
        headers: Mapping[str, str],
        timeout_s: float | None = None,
    ) -> GraphQLReply:
        response = self._send(url, operation, query, variables or {}, headers, timeout_s)
        body = self._decode(response, operation)
        self._raise_for_errors(body, operation)
        data = body.get("data")
        if not isinstance(data, Mapping):
            raise BackendProtocolError(f"Vendure's reply to {operation} has no data")
        for value in data.values():
            # Vendure reports expected failures (out of stock, ineligible method...) as ErrorResult
            # members of a union: HTTP 200, no `errors`, but an `errorCode` where the object should be.
            if isinstance(value, Mapping) and value.get("errorCode"):
                raise BackendRejectedError(
                    f"Vendure rejected {operation}: {value.get('errorCode')}: {value.get('message', '')}"
                )
        return GraphQLReply(data=data, server_time=_server_time(response))

    def _send(
        self,
        url: str,
        operation: str,
        query: str,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
        timeout_s: float | None = None,
    ) -> httpx.Response:
        timeout = timeout_s or self.timeout_s
        try:
            response = self._http.post(
                url, json={"query": query, "variables": dict(variables)}, headers=headers, timeout=timeout
            )
        except httpx.TimeoutException:
            raise BackendUnavailableError(f"Vendure did not answer {operation} within {timeout:g} s ({url})") from None
        except httpx.TransportError as exc:
            raise BackendUnavailableError(
                f"Cannot reach Vendure for {operation} at {url} ({type(exc).__name__})"
            ) from None
        status = response.status_code
        if status >= 500 or status in _RETRYABLE_4XX:
            raise BackendUnavailableError(
                f"Vendure answered {operation} with HTTP {status} ({url})",
                retry_after_s=parse_retry_after(response.headers.get("retry-after")),
            )
        if status >= 400 and not _is_graphql_json(response):
            raise BackendRejectedError(f"Vendure refused {operation} with HTTP {status} ({url})")
        if 300 <= status < 400:
            # the GraphQL endpoint never redirects: a captive portal or a proxy's login page does
            raise NotTheBackendError(
                f"Vendure's address answered {operation} with a redirect (HTTP {status}, {url}):"
                " a captive portal or proxy, not Vendure"
            )
        return response

    @staticmethod
    def _decode(response: httpx.Response, operation: str) -> Mapping[str, Any]:
        """The reply as GraphQL's JSON object; anything else means another server answered (a captive portal's
        HTML page, a proxy's own JSON), which counts as unreachable, never as "online"."""
        try:
            body = response.json()
        except ValueError:
            kind = "an HTML page" if "html" in response.headers.get("content-type", "") else "not JSON"
            raise NotTheBackendError(
                f"Vendure's reply to {operation} is {kind}: a captive portal or proxy answered, not Vendure"
            ) from None
        if not isinstance(body, Mapping) or not ("data" in body or "errors" in body):
            raise NotTheBackendError(
                f"Vendure's reply to {operation} is not a GraphQL reply: another server answered, not Vendure"
            )
        return body

    @staticmethod
    def _raise_for_errors(body: Mapping[str, Any], operation: str) -> None:
        errors = body.get("errors")
        if not errors:
            return
        if not isinstance(errors, list) or not all(isinstance(e, Mapping) for e in errors):
            raise BackendProtocolError(f"Vendure's reply to {operation} has malformed errors")
        first = errors[0]
        extensions = first.get("extensions")
        code = extensions.get("code", "") if isinstance(extensions, Mapping) else ""
        if code == "FORBIDDEN":
            raise _SessionExpiredError()
        message = str(first.get("message", "")).strip() or "no message"
        suffix = f" ({code})" if code else ""
        raise BackendRejectedError(f"Vendure rejected {operation}: {message}{suffix}")


def _is_graphql_json(response: httpx.Response) -> bool:
    """GraphQL validation failures come back as HTTP 400 with a normal `errors` body worth reading."""
    if "json" not in response.headers.get("content-type", ""):
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, Mapping) and "errors" in body


class _SessionExpiredError(Exception):
    """Vendure said FORBIDDEN: the session is gone or the account lacks a permission."""
