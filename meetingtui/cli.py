"""The command line: `meetingtui [AGENDA]` runs the app; check, export, attendance, recover.

Every failure the user can cause prints one line per problem (file, place, what, what
is expected) and exits non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from meetingtui import __version__, files
from meetingtui import agenda as agenda_mod
from meetingtui.errors import AgendaError, MeetingtuiError
from meetingtui.terminal_text import Printable

COMMANDS = ("check", "export", "attendance", "recover", "run", "import")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        argv.insert(0, "run")
    args = parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    try:
        return args.handler(args)
    except MeetingtuiError as error:
        for line in str(error).splitlines():
            err.print(f"meetingtui: {line}", markup=False)
        return error.exit_code
    except OSError as error:
        # A file the core did not expect to fail (each known case is a MeetingtuiError):
        # still one line, never a traceback.
        where = f"{error.filename}: " if error.filename else ""
        err.print(f"meetingtui: {where}{files.reason(error)}", markup=False)
        return 1
    except KeyboardInterrupt:
        return 130


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="meetingtui",
        description="Take the minutes of a committee meeting live, and export the referat.",
        epilog="With no command: `meetingtui [AGENDA]` opens the live app (default: the demo meeting).",
    )
    root.add_argument("--version", action="version", version=f"meetingtui {__version__}")
    sub = root.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="open the live app (the default command)")
    run.add_argument(
        "agenda", nargs="?", help="agenda .toml file (default: the bundled demo meeting)"
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

    check = sub.add_parser("check", help="validate agenda files")
    check.add_argument("agendas", nargs="+", metavar="AGENDA")
    check.set_defaults(handler=run_check)

    export = sub.add_parser("export", help="export the referat as .docx")
    export.add_argument("agenda", nargs="?", help="agenda .toml file")
    export.add_argument(
        "--demo", action="store_true", help="the bundled reference meeting and its record"
    )
    export.add_argument("--record", help="the meeting record file")
    export.add_argument(
        "--full", action="store_true", help="the full, confidential version with closed items"
    )
    export.add_argument("-o", "--output", help="file or folder to write (default: output/)")
    export.add_argument("--overwrite", action="store_true", help="replace an existing file")
    export.add_argument(
        "--text", action="store_true", help="print the referat in the terminal instead"
    )
    export.set_defaults(handler=run_export)

    attendance = sub.add_parser("attendance", help="print attendance and quorum (the chair's view)")
    attendance.add_argument(
        "agenda", nargs="?", help="agenda .toml file (default: the demo meeting)"
    )
    attendance.add_argument("--record", help="the meeting record file")
    attendance.add_argument(
        "--watch", action="store_true", help="keep it live as the record changes"
    )
    attendance.set_defaults(handler=run_attendance)

    recover = sub.add_parser(
        "recover", help="copy the readable events of a damaged record to a new file"
    )
    recover.add_argument("record")
    recover.set_defaults(handler=run_recover)
    add_import_command(sub)
    return root


def run_app(args) -> int:
    from meetingtui.errors import RecordDamaged
    from meetingtui.ui.app import create_app

    rehearse = getattr(args, "rehearse", None)
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
    answer = input(
        f"Åbn en kopi med de {damage.readable_events} hændelser, der kan læses? "
        "Den beskadigede fil røres ikke. [j/N] "
    )
    if answer.strip().lower() not in ("j", "ja", "y", "yes"):
        return None
    target, count, left_out = recover_copy(Path(damage.path))
    err.print(f"meetingtui: fortsætter i {target} ({count} hændelser)", markup=False)
    for line in left_out_lines(damage.path, left_out):
        err.print(f"meetingtui: {line}", markup=False)
    return target


def run_check(args) -> int:
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    problems: list[str] = []
    for path in args.agendas:
        try:
            agenda = agenda_mod.load(path)
        except AgendaError as error:
            problems += error.problems
            continue
        out.print(
            f"{path}: OK ({len(agenda.members)} members, {len(agenda.items)} items)", markup=False
        )
    if problems:
        raise AgendaError(problems)
    return 0


def run_export(args) -> int:
    from meetingtui import export, session
    from meetingtui.errors import RecordError

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
    for notice in opened.notices:
        Console(stderr=True, emoji=False).print(f"meetingtui: {notice}", markup=False)
    if args.text:
        from meetingtui.minutes import build
        from meetingtui.minutes.terminal import renderable

        out.print(Printable(renderable(build(state, full=args.full))))
        return 0
    path, warnings = export.export_with_warnings(
        state,
        full=args.full,
        output=Path(args.output) if args.output else None,
        overwrite=args.overwrite,
    )
    for warning in warnings:
        Console(stderr=True, emoji=False).print(f"meetingtui: advarsel: {warning}", markup=False)
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


# -- meetingtui import (issue 11) --------------------------------------------------------


def add_import_command(sub) -> None:
    command = sub.add_parser(
        "import", help="make an agenda from a dagsorden or referat (.docx, .pdf, .txt, .html)"
    )
    command.add_argument(
        "source", metavar="SOURCE", help="the dagsorden: .docx, .pdf, .txt or .html"
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="AGENDA.toml",
        help="the agenda to write (default: SOURCE's name, .toml)",
    )
    command.add_argument("--overwrite", action="store_true", help="replace an existing agenda file")
    command.set_defaults(handler=run_import)


def run_import(args) -> int:
    from meetingtui.agenda.write import to_toml
    from meetingtui.importing import ImportFailed, import_source, report
    from meetingtui.importing.source import write_agenda

    source = Path(args.source)
    target = Path(args.output) if args.output else Path(source.stem + ".toml")
    if target.is_dir():
        target = target / (source.stem + ".toml")
    if (target.exists() or target.is_symlink()) and not args.overwrite:
        raise ImportFailed(f"{target}: findes allerede (brug --overwrite for at erstatte den)")
    result = import_source(source)
    comment = (
        f"Importeret af `meetingtui import` fra {source.name}.\n"
        "Ret det, der ikke passer, og tjek filen med `meetingtui check`."
    )
    write_agenda(target, to_toml(result.data, comment=comment), args.overwrite)
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    for line in report.lines(result, str(source), str(target)):
        out.print(Printable(Text(line)))
    return 0
