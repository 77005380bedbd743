"""The command line: `meetingtui [AGENDA | --demo]` runs the app; check, export, attendance,
recover, import, serve.

Every failure the user can cause prints one line per problem (file, place, what, what
is expected) and exits non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console

from meetingtui import __version__, files
from meetingtui.errors import MeetingtuiError
from meetingtui.terminal_text import Printable


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        argv.insert(0, "run")
    if argv[0] == "run":
        # Starting the app imports some 200 modules and opens the meeting: long-lived
        # objects, no cyclic garbage. Collection passes over them cost 20-50 ms of a
        # start-up at 500 items. MeetingApp.run keeps it off until its first screen is
        # drawn, and turns it on (as the `finally` here does for every other way out).
        gc.disable()
    try:
        return _run(parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv))
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    try:
        return args.handler(args)
    except MeetingtuiError as error:
        for line in str(error).splitlines():
            err.print(f"meetingtui: {line}", markup=False)
        return error.exit_code
    except OSError as error:
        # A file the core did not expect to fail: still one line, never a traceback.
        where = f"{error.filename}: " if error.filename else ""
        err.print(f"meetingtui: {where}{files.reason(error)}", markup=False)
        return 1
    except KeyboardInterrupt:
        return 130


class DanishParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's detail follows in English
        self.exit(2, f"{self.prog}: fejl i kommandoen: {message} (se {self.prog} --help)\n")


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command`, only that command's (and its sibling's,
    for check/new and approve/correct): a command's arguments live beside its code, so
    building every command's parser would import every command's module (verify, import,
    serve, ...), some 30 ms of the app's start-up."""
    root = DanishParser(
        prog="meetingtui",
        description="Take the minutes of a committee meeting live, and export the referat.",
        epilog="With no command: `meetingtui AGENDA` opens the live app on that meeting, "
        "`meetingtui --demo` on the demo meeting, and `meetingtui` alone shows the meetings "
        "it knows (the demo first) to resume or start.",
    )
    root.add_argument("--version", action="version", version=f"meetingtui {__version__}")
    sub = root.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in COMMAND_PARSERS.items():
        if command in (None, *name.split("/")):
            add(sub)
    return root


def _add_run(sub) -> None:
    run = sub.add_parser("run", help="open the live app (the default command)")
    run.add_argument(
        "agenda",
        nargs="?",
        help="agenda .toml file (without it, and without --demo, --record or --rehearse: "
        "the home screen, a list of the meetings the app knows)",
    )
    run.add_argument(
        "--demo",
        action="store_true",
        help="the bundled demo meeting (also the default agenda of --record and --rehearse)",
    )
    run.add_argument(
        "--record", help="the meeting record file (default: one per meeting in the data directory)"
    )
    run.add_argument(
        "--rehearse",
        nargs="?",
        const="",
        metavar="HH.MM",
        help="a rehearsal (PRØVE): its own record and a simulated clock from the meeting's "
        "start, or from HH.MM",
    )
    run.set_defaults(handler=run_app)


def _add_check_and_new(sub) -> None:
    from meetingtui.agenda.command import add_check_and_new

    add_check_and_new(sub)


def _add_export(sub) -> None:
    export = sub.add_parser("export", help="export the referat as .docx, PDF or HTML")
    export.add_argument("agenda", nargs="?", help="agenda .toml file")
    export.add_argument("--demo", action="store_true", help="the bundled demo and its record")
    export.add_argument("--record", help="the meeting record file")
    export.add_argument(
        "--full", action="store_true", help="the full, confidential version with closed items"
    )
    export.add_argument("-o", "--output", help="file or folder to write (default: output/)")
    export.add_argument("--overwrite", action="store_true", help="replace an existing file")
    export.add_argument("--template", help="the body's Word template (.dotx/.docx) to write on")
    form = export.add_mutually_exclusive_group()
    form.add_argument(
        "--pdf",
        action="store_true",
        help="a PDF with a numbered contents page (needs LibreOffice; also: -o FILE.pdf)",
    )
    form.add_argument(
        "--html",
        action="store_true",
        help="the public referat as one accessible HTML page (also: -o FILE.html)",
    )
    form.add_argument("--text", action="store_true", help="print the referat in the terminal")
    export.add_argument(
        "--force",
        action="store_true",
        help="export even when the pre-export check finds problems (they are still printed)",
    )
    export.set_defaults(handler=run_export)


def _add_attendance(sub) -> None:
    attendance = sub.add_parser("attendance", help="print attendance and quorum (the chair's view)")
    attendance.add_argument("agenda", nargs="?", help="agenda .toml (default: the demo)")
    attendance.add_argument("--record", help="the meeting record file")
    attendance.add_argument("--watch", action="store_true", help="keep it live as it changes")
    attendance.set_defaults(handler=run_attendance)


def _add_recover(sub) -> None:
    recover = sub.add_parser(
        "recover", help="copy the readable events of a damaged record to a new file"
    )
    recover.add_argument("record")
    recover.set_defaults(handler=run_recover)


def _add_import(sub) -> None:
    from meetingtui.importing.command import add_import_command

    add_import_command(sub)


def _add_serve(sub) -> None:
    from meetingtui.web.command import add_serve_command

    add_serve_command(sub)


def _add_verify(sub) -> None:
    from meetingtui.verify import add_verify_command

    add_verify_command(sub)


def _add_approve_and_correct(sub) -> None:
    from meetingtui.approval_command import add_approval_commands

    add_approval_commands(sub)


# Each command's parser, in the order `meetingtui --help` lists them ("a/b": one adds both).
COMMAND_PARSERS: dict[str, Callable[[Any], None]] = {
    "run": _add_run,
    "check/new": _add_check_and_new,
    "export": _add_export,
    "attendance": _add_attendance,
    "recover": _add_recover,
    "import": _add_import,
    "serve": _add_serve,
    "verify": _add_verify,
    "approve/correct": _add_approve_and_correct,
}
COMMANDS: tuple[str, ...] = tuple(name for names in COMMAND_PARSERS for name in names.split("/"))


def run_app(args) -> int:
    from meetingtui import session
    from meetingtui.errors import RecordDamaged
    from meetingtui.ui.app import create_app, create_home_app

    rehearse = getattr(args, "rehearse", None)
    if args.demo and args.agenda:
        raise MeetingtuiError(f"{args.agenda}: name an AGENDA or --demo, not both")
    if not (args.agenda or args.demo or args.record or rehearse is not None):
        home = create_home_app()
        home.run()
        return home.return_code or 0
    if rehearse is None and args.record is None and session.dated_ahead(args.agenda):
        rehearse = ""  # a meeting dated ahead opens only as a rehearsal, never for real
    try:
        app = create_app(args.agenda, args.record, rehearse=rehearse)
    except RecordDamaged as damage:
        copy = offer_recovered_copy(damage)
        if copy is None:
            raise
        app = create_app(args.agenda, copy, rehearse=rehearse)
    app.run()
    return app.return_code or 0


def offer_recovered_copy(damage) -> Path | None:
    """A damaged record is never overwritten; offer to continue in a copy of what can be read."""
    from meetingtui.record import recover_copy

    if not sys.stdin.isatty():
        return None
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    err.print(f"meetingtui: {damage}", markup=False)
    from meetingtui import labels

    answer = input(f"{labels.recover_question(damage.readable_events)} [j/N] ")
    if answer.strip().lower() not in ("j", "ja", "y", "yes"):
        return None
    target, count, left_out = recover_copy(Path(damage.path))
    err.print(f"meetingtui: fortsætter i {target} ({count} hændelser)", markup=False)
    for line in left_out_lines(damage.path, left_out):
        err.print(f"meetingtui: {line}", markup=False)
    return target


def run_export(args) -> int:
    from meetingtui import export, preflight, session
    from meetingtui.errors import RecordError

    asked = "pdf" if args.pdf else "html" if args.html else None
    kind = export.chosen_format(asked, args.output, full=args.full and not args.text)
    if args.demo:
        opened = session.open_demo_session()
    elif not args.agenda:
        raise MeetingtuiError("export needs an AGENDA file, or --demo for the bundled meeting")
    else:
        opened = session.open_session(args.agenda, args.record, read_only=True)
        if not opened.record.path.exists():
            raise RecordError(
                f"{opened.record.path}: no record of this meeting (take it with `meetingtui "
                f"{args.agenda}` first, or name the record with --record)"
            )
    state = opened.state()
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    for notice in opened.notices:
        err.print(f"meetingtui: {notice}", markup=False)
    template = Path(args.template) if args.template else None
    if args.text:
        from meetingtui.minutes import build
        from meetingtui.minutes.terminal import renderable

        choices = export.house(state.agenda)[1]
        out.print(Printable(renderable(build(state, full=args.full, choices=choices))))
        return 0
    if kind == "pdf":
        from meetingtui import pdf

        pdf.find_office()  # what to install, before the check and the rendering
    problems = preflight.problems(state)
    for problem in problems:
        err.print(f"meetingtui: advarsel: {problem}", markup=False)
    if problems and not args.force:
        raise MeetingtuiError(preflight.stopped(len(problems)))
    path, warnings = export.export_with_warnings(
        state,
        full=args.full,
        output=Path(args.output) if args.output else None,
        overwrite=args.overwrite,
        kind=kind,
        template=template,
    )
    for warning in warnings:
        err.print(f"meetingtui: advarsel: {warning}", markup=False)
    variant = "Fuldt (fortroligt)" if args.full else "Offentligt"
    out.print(f"{variant} referat gemt i {path}", markup=False)
    return 0


def run_attendance(args) -> int:
    from meetingtui import chair_table

    return chair_table.run(args.agenda, args.record, watch=args.watch)


def run_recover(args) -> int:
    from meetingtui.record import recover_copy

    target, count, left_out = recover_copy(Path(args.record))
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    out.print(
        f"Copied {count} readable events to {target}; the damaged file {args.record} is untouched. "
        f"Open the copy with --record {target}",
        markup=False,
    )
    for line in left_out_lines(args.record, left_out):
        out.print(line, markup=False)
    return 0


SHOWN_LEFT_OUT = 20


def left_out_lines(record, left_out: list[tuple[int, str]]) -> list[str]:
    """One line per line of the damaged record not copied (the first SHOWN_LEFT_OUT)."""
    shown = [f"{record}, line {line}: left out: {why}" for line, why in left_out[:SHOWN_LEFT_OUT]]
    if len(left_out) > SHOWN_LEFT_OUT:
        shown.append(f"{record}: and {len(left_out) - SHOWN_LEFT_OUT} more lines left out")
    return shown
