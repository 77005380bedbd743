"""The chair's page's address: the URL with its token, and the same as a QR code.

Light enough for the app to import (no web server): the app shows the address the
server it started listens on.
"""

from __future__ import annotations

import io

TOKEN_ENV = "MEETINGTUI_SERVE_TOKEN"  # a token given to `meetingtui serve` (the app's launcher)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def page_url(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?t={token}"


def qr_text(url: str) -> str:
    """The address as a QR code in half-block characters: light modules are the blocks,
    so it must be shown light on dark (white on black)."""
    import segno  # only when a code is shown: the server need not hold it

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=4)
    return out.getvalue()
