"""`meetingtui serve`: its arguments, and the call into the server (imported only then)."""

from __future__ import annotations

import argparse

from meetingtui.web.address import DEFAULT_HOST, DEFAULT_PORT


def add_serve_command(sub) -> None:
    serve = sub.add_parser(
        "serve", help="show attendance and quorum in the chair's browser (read-only)"
    )
    serve.add_argument("agenda", nargs="?", help="agenda .toml file (default: the demo meeting)")
    serve.add_argument("--record", help="the meeting record file (followed, never written)")
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}, this computer only; for a "
        "tablet, this computer's address on the room's network)",
    )
    serve.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"the port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    serve.set_defaults(handler=run_serve)


def port_number(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r}: a port is a number from 0 to 65535")
    return int(text)


def run_serve(args) -> int:
    from meetingtui.web import server

    return server.run(args.agenda, args.record, args.host, args.port)
