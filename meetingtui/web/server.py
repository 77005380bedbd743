"""`meetingtui serve`: bind, say the address (with its token, and a QR code in a
terminal), then serve the chair's page until stopped (Ctrl+C or SIGTERM).

The token is new for every start unless MEETINGTUI_SERVE_TOKEN gives one (the app's
launcher does, so the address it shows is known before the server prints it). The socket
is bound here, before uvicorn starts, so a taken port is one clear line, and `--port 0`
picks a free one (the tests do).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import socket
import sys

import uvicorn

from meetingtui import session
from meetingtui.errors import MeetingtuiError
from meetingtui.web.address import TOKEN_ENV, page_url, qr_text
from meetingtui.web.app import create_app
from meetingtui.web.live import LiveView
from meetingtui.web.security import new_token, token_problem


def bind(host: str, port: int) -> socket.socket:
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError as error:
        raise MeetingtuiError(
            f"--host {host}: not an IP address of this computer (for example 127.0.0.1 or "
            "192.168.1.20)"
        ) from error
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise MeetingtuiError(
            f"{host}:{port}: cannot listen there: {error.strerror or error} (another server on "
            "that port? choose another with --port; an address not of this computer?)"
        ) from error
    sock.set_inheritable(False)
    return sock


def run(agenda_path: str | None, record_path: str | None, host: str, port: int) -> int:
    agenda, record = session.locate(agenda_path, record_path)
    token = os.environ.get(TOKEN_ENV) or new_token()
    problem = token_problem(token)
    if problem:
        raise MeetingtuiError(f"{TOKEN_ENV}: {problem}")
    sock = bind(host, port)
    port = sock.getsockname()[1]
    urls = [page_url(address, port, token) for address in shown_addresses(host)]
    for url in urls:
        print(f"Formandens skærm: {url}", flush=True)
    url = urls[-1]  # the QR code: a network address rather than this computer's own
    print(f"Følger {record} (kun læsning). Stop med Ctrl+C.", flush=True)
    if sys.stdout.isatty():  # light modules as white blocks on black, whatever the theme
        from rich.console import Console
        from rich.text import Text

        Console(highlight=False).print(Text(qr_text(url), style="white on black"))
    app = create_app(LiveView(agenda, record), token, port)
    server = uvicorn_server(app)
    asyncio.run(server.serve(sockets=[sock]))
    return 0


def shown_addresses(host: str) -> list[str]:
    """The addresses to print: the one listened on, or, listening on every interface
    (0.0.0.0), this computer's addresses (the unspecified one reaches nothing)."""
    if not ipaddress.ip_address(host).is_unspecified:
        return [host]
    from meetingtui.web.interfaces import interfaces

    return [interface.address for interface in interfaces()]


def uvicorn_server(app: object) -> uvicorn.Server:
    """uvicorn as the page needs it: h11 only (no websockets), no access log (it would
    write every token-bearing URL), quiet, and a short wait for open streams on exit."""
    config = uvicorn.Config(
        app,  # type: ignore[arg-type]
        log_level="warning",
        access_log=False,
        http="h11",
        ws="none",
        lifespan="on",
        timeout_graceful_shutdown=2,
        server_header=False,
    )
    logging.getLogger("uvicorn.error").addFilter(_stream_ends_quietly)
    return uvicorn.Server(config)


def _stream_ends_quietly(record: logging.LogRecord) -> bool:
    """On Ctrl+C, sse-starlette ends an open page's stream without a last chunk, and
    uvicorn calls that an ERROR; it is how every open page is let go, so say nothing."""
    return "returned without completing response" not in record.getMessage()
