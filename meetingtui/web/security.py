"""Who may read the chair's page: the token, the Host, the Origin; read-only; headers.

Every request must carry the token (`?t=…`, compared in constant time), including the
page's script, its styles and the event stream. What it protects against, and what it
does not, is in the README ("The chair's web page"). The rules, in order:

- only GET and HEAD (nothing reaches the meeting: there is nothing to post to);
- the Host header must be an IP address or `localhost`, with the server's port: a name
  that resolves to the laptop (DNS rebinding) is refused;
- an Origin header, if sent, must be the page's own; a request another site's page makes
  from a browser (Sec-Fetch-Site cross-site or same-site, other than a top-level
  navigation) is refused;
- the token.

Every answer, refusals included, carries the security headers: a Content-Security-Policy
allowing only the page's own script, styles and event stream, `no-store`, no referrer, no
framing, no sniffing.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_PARAM = "t"
TOKEN_BYTES = 18  # 144 random bits: 24 URL-safe characters
TOKEN_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MIN_TOKEN_LENGTH = 20

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"cache-control", b"no-store"),
    (b"pragma", b"no-cache"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

REFUSED = {
    405: "Siden kan kun læses.",
    421: "Ukendt adresse: åbn siden med adressen fra sekretærens skærm.",
    403: "Adgang nægtet: åbn siden med den fulde adresse fra sekretærens skærm.",
}


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_problem(token: str) -> str | None:
    """Why a token given from outside (MEETINGTUI_SERVE_TOKEN) will not do, or None."""
    if len(token) < MIN_TOKEN_LENGTH or not set(token) <= TOKEN_ALPHABET:
        return f"the token must be at least {MIN_TOKEN_LENGTH} characters of A-Z, a-z, 0-9, - and _"
    return None


def host_allowed(host: str, port: int) -> bool:
    """`192.168.1.20:8765`, `[::1]:8765` or `localhost:8765`, with the server's port."""
    name, _, given_port = host.rpartition(":")
    if not name or given_port != str(port):
        return False
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
    except ValueError:
        return False
    return True


class Guard:
    """ASGI middleware in front of the whole app (pure ASGI: the event stream is not buffered)."""

    def __init__(self, app: ASGIApp, token: str, port: int):
        self.app = app
        self.token = token.encode()
        self.port = port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)  # lifespan
            return
        status = self.refusal(scope)
        if status is not None:
            await refuse(send, status)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, scope: Scope) -> int | None:
        if scope["method"] not in ("GET", "HEAD"):
            return 405
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if not host_allowed(host, self.port):
            return 421
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            return 403
        site = headers.get("sec-fetch-site", "none")
        if site not in ("same-origin", "none") and headers.get("sec-fetch-mode") != "navigate":
            return 403
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(TOKEN_PARAM, [""])
        if not hmac.compare_digest(given[0].encode("utf-8"), self.token):
            return 403
        return None


async def refuse(send: Send, status: int) -> None:
    body = (REFUSED[status] + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
