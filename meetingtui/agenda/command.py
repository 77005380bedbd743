"""`meetingtui check` and `meetingtui new`: the secretary's agenda commands, in Danish."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from meetingtui import agenda as agenda_mod
from meetingtui import files
from meetingtui.errors import AgendaError


def add_check_and_new(sub) -> None:
    check = sub.add_parser(
        "check",
        help="tjek dagsordener (exit 2 ved fejl)",
        description="Tjek dagsordener: én linje pr. fejl (fil, linje, felt, hvad der er galt, "
        "og hvad der forventes). En fil i format 1 kan opgraderes med --upgrade.",
    )
    check.add_argument("agendas", nargs="+", metavar="AGENDA")
    check.add_argument(
        "--upgrade",
        action="store_true",
        help="skriv en dagsorden i format 1 som format 2 ved siden af (<navn>.format2.toml)",
    )
    check.set_defaults(handler=run_check)

    new = sub.add_parser(
        "new",
        help="lav dagsordenen til næste møde ud fra en udvalgsfil",
        description="Lav dagsordenen til næste møde ud fra en udvalgsfil (bodies/<udvalg>.toml): "
        "medlemmer, nummerering og mødets faste oplysninger kopieres ind.",
    )
    new.add_argument("body", metavar="BODY", help="udvalgsfilen, eller dens navn i bodies/")
    new.add_argument("--date", required=True, help="mødedato, fx 2026-06-11 eller 11-06-2026")
    new.add_argument("--start", help="starttidspunkt, fx 16.00 (ellers udvalgsfilens)")
    new.add_argument("--place", help="mødested (ellers udvalgsfilens)")
    new.add_argument(
        "-o", "--output", help="dagsordenens fil (standard: agendas/<udvalg>-<dato>.toml)"
    )
    new.set_defaults(handler=run_new)


def run_check(args) -> int:
    from meetingtui.agenda import body_file, upgrade

    out = Console(highlight=False, soft_wrap=True, emoji=False)
    problems: list[str] = []
    for path in args.agendas:
        try:
            if Path(path).parent.name == "bodies":  # a body file, checked as one
                body = body_file.load(path)
                out.print(f"{path}: OK (udvalgsfil, {len(body.members)} members)", markup=False)
                continue
            agenda = agenda_mod.load(path)
        except AgendaError as error:
            problems += error.problems
            continue
        out.print(
            f"{path}: OK ({len(agenda.members)} members, {len(agenda.items)} items)", markup=False
        )
        for note in agenda.notes:
            out.print(f"advarsel: {note}", markup=False)
        if agenda.format == 1 and args.upgrade:
            written = write_upgrade(Path(path))
            out.print(f"{path}: skrevet i format 2 som {written}", markup=False)
        elif agenda.format == 1:
            out.print(
                f"{path}: format 1 kan stadig bruges; opgrader til format 2 med "
                f"`meetingtui check --upgrade {path}` (skriver {upgrade.target(Path(path))})",
                markup=False,
            )
    if problems:
        raise AgendaError(problems)
    return 0


def write_upgrade(path: Path) -> Path:
    """The format-2 version of a checked format-1 agenda, written beside it (never over a file)."""
    import tomllib

    from meetingtui.agenda import upgrade
    from meetingtui.agenda.source import read_bytes

    data = read_bytes(path)
    text = upgrade.text(tomllib.loads(data.decode("utf-8").removeprefix("\ufeff")), path)
    target = upgrade.target(path)
    agenda_mod.parse(text.encode("utf-8"), target)  # it must load, or nothing is written
    write_agenda_file(target, text)
    return target


def make_folder(folder: Path) -> None:
    try:
        files.make_dirs(folder)
    except OSError as error:
        raise AgendaError(
            [
                f"{folder}: mappen kan ikke laves: {files.reason(error)} (forventet en mappe, der kan skrives i)"
            ]
        ) from None


def write_agenda_file(target: Path, text: str) -> None:
    make_folder(target.parent)
    try:
        files.write_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise AgendaError(
            [f"{target}: findes allerede (forventet et nyt filnavn; vælg et andet med -o)"]
        ) from None
    except OSError as error:
        raise AgendaError(
            [
                f"{target}: kan ikke skrives: {files.reason(error)} (forventet en mappe, der kan skrives i)"
            ]
        ) from None


def run_new(args) -> int:
    from meetingtui.agenda import body_file, new

    body = body_file.load(new.find_body(args.body))
    day = new.parse_date(args.date)
    start = new.parse_time(args.start) if args.start else None
    target = Path(args.output) if args.output else new.default_path(body, day)
    text = new.next_meeting(body, day, start, args.place, target)
    make_folder(target.parent)  # body_file is relative to it: it must exist to be followed
    agenda = agenda_mod.parse(text.encode("utf-8"), target)  # it passes check, or is not written
    write_agenda_file(target, text)
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    out.print(
        f"Dagsordenen til {body.name} {day.isoformat()} er skrevet i {target} "
        f"({len(agenda.members)} medlemmer, {len(agenda.items)} punkter).",
        markup=False,
    )
    out.print(f"Tilføj punkterne, og tjek den med: meetingtui check {target}", markup=False)
    reminder = new.reminder(body, len(agenda.items))
    if reminder:
        out.print(reminder, markup=False)
    return 0
