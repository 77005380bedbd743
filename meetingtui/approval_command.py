"""`meetingtui approve` and `meetingtui correct`: the referat approved (and the record
locked), or a dated correction of an approved referat, from the command line.

    meetingtui approve AGENDA|--demo [--record R] --date DD-MM-YYYY
                       --how underskrift|naeste-moede|eget-system [--by id,id,…] [--note …]
    meetingtui correct AGENDA|--demo [--record R] --text … [--item ID] [--decision TEXT |
                       --summary TEXT] [--date DD-MM-YYYY]

Each prints one Danish line of what was registered. What does not fit is one line too:
exit status 2 for what was typed wrong (a date, a way, a member or item unknown), 1 for
what the meeting does not allow (not closed, already approved, not approved yet, a record
another process writes). `--demo` is the bundled meeting with the record the app keeps
for it in the data directory (`meetingtui --demo`), never the bundled record itself.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from meetingtui import approval, wording
from meetingtui.errors import MeetingtuiError, RecordError

# The ways as typed (ASCII, as on a command line) and as recorded.
HOWS = {"underskrift": "signed", "naeste-moede": "next_meeting", "eget-system": "own_system"}


class ApprovalInputError(MeetingtuiError):
    """Something typed on the command line that cannot be used (exit status 2)."""

    exit_code = 2


def add_approval_commands(sub) -> None:
    approve = sub.add_parser(
        "approve", help="register the referat's approval after the meeting (locks the record)"
    )
    _meeting_arguments(approve)
    approve.add_argument(
        "--date", required=True, metavar="DD-MM-YYYY", help="when it was approved (or YYYY-MM-DD)"
    )
    approve.add_argument(
        "--how",
        required=True,
        choices=sorted(HOWS),
        help="signed on paper, approved at the next meeting, or in the body's own system",
    )
    approve.add_argument(
        "--by",
        metavar="ID,ID,…",
        help="the member ids who approved it (default: the members who took part)",
    )
    approve.add_argument("--note", help="a note for the full referat")
    approve.set_defaults(handler=run_approve)

    correct = sub.add_parser("correct", help="register a dated correction of an approved referat")
    _meeting_arguments(correct)
    correct.add_argument(
        "--text", required=True, help="what was wrong and what is right (shown in the referat)"
    )
    correct.add_argument(
        "--item", metavar="N|ID", help="the item's number or id (default: the whole meeting)"
    )
    new = correct.add_mutually_exclusive_group()
    new.add_argument("--decision", metavar="TEXT", help="the item's decision from now on")
    new.add_argument("--summary", metavar="TEXT", help="the item's public summary from now on")
    correct.add_argument(
        "--date", metavar="DD-MM-YYYY", help="the correction's date, or YYYY-MM-DD (default: today)"
    )
    correct.set_defaults(handler=run_correct)


def _meeting_arguments(parser) -> None:
    parser.add_argument("agenda", nargs="?", help="agenda .toml file")
    parser.add_argument("--demo", action="store_true", help="the bundled demo meeting")
    parser.add_argument("--record", help="the meeting record file")


def run_approve(args) -> int:
    with _opened(args) as secretary:
        tz = secretary.agenda.meeting.timezone
        when = _date(args.date, tz)
        by = _members(args.by, secretary) if args.by is not None else secretary.approvers()
        found = secretary.approve(when, HOWS[args.how], by, args.note)
        line = f"{approval.description(secretary.state, found)} Referatet er nu låst."
    _print(line)
    return 0


def run_correct(args) -> int:
    with _opened(args) as secretary:
        tz = secretary.agenda.meeting.timezone
        when = _date(args.date, tz) if args.date else None
        item = _item(args.item, secretary.state) if args.item is not None else None
        field = (
            "decision"
            if args.decision is not None
            else "summary"
            if args.summary is not None
            else None
        )
        new = args.decision if args.decision is not None else args.summary
        found = secretary.correct(args.text, item, field, new, when)
        where = (
            f" i punkt {secretary.state.number(found.item)}"
            if found.item and secretary.state.has_item(found.item)
            else ""
        )
        line = f"Rettelse {wording.date_short(found.when)}{where} registreret: {found.text}"
    _print(line)
    return 0


def _item(given: str, state) -> str:
    """The item's id, given as its id or as the number the referat gives it ("3", "pkt. 3")."""
    if state.has_item(given):
        return given
    number = given.lower().removeprefix("punkt").removeprefix("pkt.").strip().rstrip(".")
    for item_state in state.items:
        if number.isdigit() and state.number(item_state.item.id) == int(number):
            return item_state.item.id
    raise ApprovalInputError(
        f"--item: punktet »{given}« findes ikke på dagsordenen (forventet et punkts nummer eller id)"
    )


def _print(line: str) -> None:
    Console(highlight=False, soft_wrap=True, emoji=False).print(line, markup=False)


def _date(text: str, tz: str):
    try:
        return approval.read_date(text, tz)
    except approval.DateUnreadable as error:
        raise ApprovalInputError(f"--date: {error}") from None


def _members(text: str, secretary) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [member for member in ids if member not in secretary.state.seats]
    if unknown:
        known = ", ".join(secretary.state.seats)
        raise ApprovalInputError(
            f"--by: »{unknown[0]}« er ikke et medlems id (forventet nogle af: {known})"
        )
    if not ids:
        raise ApprovalInputError("--by: ingen medlemmer nævnt (forventet id,id,…)")
    return ids


class _opened:
    """The meeting's Secretary on its existing record, opened for writing, closed after
    (an ActionError is a MeetingtuiError: cli.main prints its line, exit status 1)."""

    def __init__(self, args):
        self.args = args
        self.record = None

    def __enter__(self):
        from meetingtui import paths, session
        from meetingtui.secretary import Secretary

        args = self.args
        if args.demo and args.agenda:
            raise ApprovalInputError(f"{args.agenda}: name an AGENDA or --demo, not both")
        if not (args.agenda or args.demo):
            raise ApprovalInputError("name the meeting: an AGENDA file, or --demo")
        agenda_path = paths.DEMO_AGENDA if args.demo else args.agenda
        agenda, record_path = session.locate(agenda_path, args.record)
        if not Path(record_path).exists():
            raise RecordError(
                f"{record_path}: no record of this meeting (take it with `meetingtui "
                f"{'--demo' if args.demo else args.agenda}` first, or name it with --record)"
            )
        opened = session.open_session(agenda_path, args.record)
        self.record = opened.record
        return Secretary(opened.agenda, opened.record)

    def __exit__(self, kind, error, traceback) -> None:
        if self.record is not None:
            self.record.close()
