"""A strict URL splitter and the look-alike host test: scanned links are data, never opened.

We do not use urllib.parse.urlsplit for the decision: it accepts backslashes, odd schemes and userinfo
without complaint, and browsers disagree with it on exactly those, which is what phishing codes exploit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from kiosk.core.scanning import messages as r

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,31}):")
_PORT_RE = re.compile(r"^[0-9]{1,5}$")
_HOST_CHARS_RE = re.compile(r"^[a-z0-9.-]+$")

# Characters that render like Latin letters or digits in a URL bar; enough for the common tricks.
_CONFUSABLES = str.maketrans(
    {
        "0": "o", "1": "l", "i": "l", "|": "l", "3": "e", "5": "s", "$": "s", "@": "a",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "l", "ѕ": "s",
        "ԁ": "d", "ӏ": "l", "ј": "j", "һ": "h", "ԛ": "q", "ԝ": "w", "κ": "k", "ο": "o", "α": "a",
        "ν": "v", "ρ": "p", "ε": "e", "ι": "l", "τ": "t", "υ": "u", "ı": "l",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SplitUrl:
    scheme: str  # lower case
    host: str  # lower case, trailing dot removed, punycode kept as sent
    port: int | None
    path: str  # "" or starting with "/", still percent-encoded
    query: str
    fragment: str


class UrlRejected(Exception):
    """`host` is set for the tricks (userinfo, backslash, encoded host): where a browser would really go.
    A trick whose real host is empty is no address at all: plain MALFORMED_LINK."""

    def __init__(self, reason: str, host: str | None = None) -> None:
        if host is not None and not host:
            reason, host = r.MALFORMED_LINK, None
        super().__init__(reason)
        self.reason = reason
        self.host = host


def _real_host(authority: str) -> str:
    """The host a browser connects to: after the last "@", before the port, lower case, percent-decoded."""
    host = authority.rsplit("@", 1)[-1]
    if not host.startswith("["):
        host = host.split(":", 1)[0]
    return unquote(host).lower().rstrip(".")


def scheme_of(text: str) -> str | None:
    """The scheme if the text starts like a URL ("x:"), else None; "4006:..." is no scheme."""
    match = _SCHEME_RE.match(text)
    return match.group(1).lower() if match else None


def split_url(text: str) -> SplitUrl:
    """Splits an http(s) URL or raises UrlRejected with the reason a shopper is told."""
    scheme = scheme_of(text)
    if scheme not in ("http", "https"):
        raise UrlRejected(r.UNSUPPORTED_SCHEME)
    rest = text[len(scheme) + 1 :]
    if any(c.isspace() for c in text):
        raise UrlRejected(r.MALFORMED_LINK)
    if "\\" in text:
        # Browsers read "\\" as "/" in http(s) URLs (WHATWG URL), so https://evil.example\\@shop... goes to
        # evil.example: a disguise, named as such with the host a browser would open.
        whatwg = rest.replace("\\", "/").lstrip("/")
        raise UrlRejected(r.DISGUISED_LINK, _real_host(re.split(r"[/?#]", whatwg, maxsplit=1)[0]))
    if not rest.startswith("//"):
        raise UrlRejected(r.MALFORMED_LINK)
    rest = rest[2:]
    end = len(rest)
    for sep in "/?#":
        pos = rest.find(sep)
        if pos != -1:
            end = min(end, pos)
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        raise UrlRejected(r.USERINFO, _real_host(authority))
    host, port = authority, None
    if authority.startswith("["):
        close = authority.find("]")
        if close == -1:
            raise UrlRejected(r.MALFORMED_LINK)
        host, after = authority[: close + 1], authority[close + 1 :]
        if after:
            if not after.startswith(":") or not _PORT_RE.match(after[1:]):
                raise UrlRejected(r.MALFORMED_LINK)
            port = int(after[1:])
    elif ":" in authority:
        host, _, port_text = authority.partition(":")
        if not _PORT_RE.match(port_text):
            raise UrlRejected(r.MALFORMED_LINK)
        port = int(port_text)
    if port is not None and not 0 < port < 65536:
        raise UrlRejected(r.MALFORMED_LINK)
    host = host.lower()
    if host.endswith("."):
        host = host[:-1]
    if "%" in host:
        raise UrlRejected(r.DISGUISED_LINK, _real_host(host))  # shop%2eexample%2ecom: spelled to slip past checks
    if not host or ".." in host:
        raise UrlRejected(r.MALFORMED_LINK)
    fragment = ""
    if "#" in tail:
        tail, _, fragment = tail.partition("#")
    path, _, query = tail.partition("?")
    return SplitUrl(scheme, host, port, path, query, fragment)


def _unicode_host(host: str) -> str | None:
    """The host as a person would read it: punycode labels decoded; None if a label does not decode."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                labels.append(label.encode("ascii").decode("idna"))
            except UnicodeError:
                return None
        else:
            labels.append(label)
    return ".".join(labels)


def _skeleton(text: str) -> str:
    # NFKD then dropping combining marks folds "shöp" and "ѕһор" alike onto plain Latin letters
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.lower().translate(_CONFUSABLES)
    text = text.replace("rn", "m").replace("vv", "w")
    return "".join(ch for ch in text if ch not in ".-_")


def _without_tld(host: str) -> str:
    return host.rsplit(".", 1)[0] if "." in host else host


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1, in linear time (the <1 ms budget rules out the full table)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def is_lookalike(host: str, store_host: str) -> bool:
    """True if `host` is not `store_host` but could be taken for it, or smuggles it in.

    Subdomains of the store host are not look-alikes (only its owner can create them); they are simply
    not allow-listed.
    """
    if host == store_host or host.endswith("." + store_host):
        return False
    if store_host in host:
        return True  # shop.example.com.evil.net, shop.example.com-login.net
    decoded = _unicode_host(host)
    if decoded is None:
        return True  # undecodable punycode: nobody can tell what it shows
    internationalised = not decoded.isascii() or decoded != host
    if internationalised and _skeleton(store_host.split(".", maxsplit=1)[0]) in _skeleton(decoded):
        return True  # an internationalised name: any resemblance at all counts
    a, b = _skeleton(decoded), _skeleton(store_host)
    if a == b or _within_one_edit(a, b):
        return True
    name_a, name_b = _skeleton(_without_tld(decoded)), _skeleton(_without_tld(store_host))
    return len(name_b) >= 6 and (name_a == name_b or _within_one_edit(name_a, name_b))


def is_plain_host(host: str) -> bool:
    return bool(_HOST_CHARS_RE.match(host))
