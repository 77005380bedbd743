"""The meetings the app knows, for the home screen: plain data, no Textual.

Three sources, in this order:

- the bundled demo meeting (always first);
- the agenda files in the project's `agendas/` folder (the working directory's, where
  the README's commands run), and the agendas opened before from anywhere else, which
  the app remembers in `<data dir>/known-meetings.json` (`remember`): a record holds its
  agenda only by content hash, so without that list a meeting taken from another folder
  could not be resumed from the home screen;
- the records in the data directory (`records/`, `rehearsals/`) that none of those
  agendas claims, listed so the secretary sees them, with how to open them.

For each meeting: whether its record has started (roll call, opened) or is closed, the
time of the last registration, the item it stands at, and who holds it open now. An
agenda or record that cannot be read is a row with its one-line problem, never an
exception. Reading is read-only: nothing is locked and no record is written.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

import pendulum

from meetingtui import agenda as agenda_mod
from meetingtui import files, paths, session, times
from meetingtui.agenda import Agenda
from meetingtui.errors import AgendaError, MeetingtuiError, RecordDamaged
from meetingtui.eventkinds.definition import parse_time
from meetingtui.meeting import fold
from meetingtui.notices import Notice
from meetingtui.record import MeetingRecord, Recovered, recover_copy
from meetingtui.record.lock import holder_of
from meetingtui.secretary import Secretary

AGENDAS_FOLDER = Path("agendas")
"""The project's agendas, relative to where the app is started (the README's commands)."""
KNOWN_FILE = "known-meetings.json"
KNOWN_FORMAT = 1
KNOWN_LIMIT = 100  # remembered agendas kept, the latest first
KNOWN_MAX_BYTES = 1 << 20


class Stage(Enum):
    """Where a meeting stands, as its record says."""

    NOT_STARTED = "not_started"  # no registration yet
    ROLL_CALL = "roll_call"  # registrations, the meeting not opened yet
    IN_PROGRESS = "in_progress"  # opened, not closed
    CLOSED = "closed"  # closed: ready to export
    UNREADABLE = "unreadable"  # the agenda or the record cannot be read (see `problem`)
    DAMAGED = "damaged"  # the record is damaged: opening it offers a copy of what is readable
    NO_AGENDA = "no_agenda"  # a record whose agenda the app does not know


@dataclass(frozen=True)
class Opening:
    """How to open a meeting: the same arguments as `meetingtui [AGENDA] [--record] [--rehearse]`."""

    agenda: Path | None  # None: the bundled demo
    record: Path | None = None  # None: the meeting's own record in the data directory
    rehearse: bool = False  # a rehearsal, its clock from the meeting's start


@dataclass(frozen=True)
class KnownMeeting:
    stage: Stage
    source: Path  # the agenda file; for NO_AGENDA, the record file
    opening: Opening | None  # None: it cannot be opened from the list (NO_AGENDA)
    demo: bool = False
    rehearsal: bool = False
    body: str = ""
    start: pendulum.DateTime | None = None  # the announced start
    items: int = 0
    at_item: int | None = None  # number of the item under way, or last taken up
    last_registration: pendulum.DateTime | None = None
    closed: pendulum.DateTime | None = None
    approved: pendulum.DateTime | None = None  # when the referat was approved (it is locked)
    problem: str = ""  # one line, for UNREADABLE
    held_by: str | None = None  # the app that has the record open now ("process N on …")
    record: Path | None = None  # the record file read (None: there is none yet)


# -- the list ------------------------------------------------------------------------------------
def known_meetings(folders: Sequence[Path] | None = None) -> list[KnownMeeting]:
    """Every meeting the app knows: the demo first, then in progress, not started, closed,
    unreadable, and records without a known agenda."""
    found = _Found()
    demo = _load(paths.DEMO_AGENDA)
    assert isinstance(demo, Agenda), "the bundled demo agenda loads"
    found.add(demo, paths.DEMO_AGENDA, Opening(None), demo=True)
    for source, opening in _candidates([AGENDAS_FOLDER] if folders is None else folders):
        if found.listed(source, opening):
            continue
        loaded = _load(source)
        if isinstance(loaded, str):
            found.rows.append(KnownMeeting(Stage.UNREADABLE, source, opening, problem=loaded))
        elif loaded.sha256 == demo.sha256 and opening.record is None:
            # the demo agenda itself (agendas/diu-2025-11-20.toml): the demo's rows stand for it
            continue
        else:
            found.add(loaded, source, opening)
    rows = found.rows + _unclaimed_records(found.claimed)
    return rows[:1] + sorted(rows[1:], key=_order)


class _Found:
    """The rows so far, the agenda openings they stand for and the record files they read."""

    def __init__(self) -> None:
        self.rows: list[KnownMeeting] = []
        self.claimed: set[Path] = set()
        self._openings: set[tuple[Path, Path | None, bool]] = set()

    def listed(self, source: Path, opening: Opening) -> bool:
        """Whether this opening has a row already (noting it if not)."""
        record = _canonical(opening.record) if opening.record is not None else None
        key = (_canonical(source), record, opening.rehearse)
        if key in self._openings:
            return True
        self._openings.add(key)
        return False

    def add(self, agenda: Agenda, source: Path, opening: Opening, demo: bool = False) -> None:
        """The agenda's row; for its own record, also its rehearsal's if there is one."""
        self.listed(source, opening)
        self.rows.append(_meeting(agenda, source, opening, self.claimed, demo))
        if opening.record is None and not opening.rehearse:
            rehearsal = Opening(opening.agenda, None, rehearse=True)
            if paths.rehearsal_record(agenda).exists() and not self.listed(source, rehearsal):
                self.rows.append(_meeting(agenda, source, rehearsal, self.claimed, demo))


def _candidates(folders: Iterable[Path]) -> list[tuple[Path, Opening]]:
    """The agenda files in the folders, then those remembered, each with how it opens."""
    found: list[tuple[Path, Opening]] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            for path in sorted(folder.glob("*.toml")):
                if not path.name.startswith("."):
                    found.append((path, Opening(path)))
    for agenda, record, rehearse in remembered():
        if os.path.lexists(agenda):
            found.append((agenda, Opening(agenda, record, rehearse)))
    return found


def _load(path: Path) -> Agenda | str:
    """The agenda, or its problem in one line (the first, and how many more there are)."""
    try:
        return agenda_mod.load(path, cache_dir=paths.data_dir() / "cache")
    except AgendaError as error:
        first = error.problems[0] if error.problems else str(error)
        more = len(error.problems) - 1
        return f"{first} (+{more})" if more > 0 else first


def _meeting(
    agenda: Agenda, source: Path, opening: Opening, claimed: set[Path], demo: bool = False
) -> KnownMeeting:
    """One agenda's meeting, with where its record stands."""
    if opening.record is not None:
        record = opening.record
    elif opening.rehearse:
        record = paths.rehearsal_record(agenda)
    else:
        record = paths.default_record(agenda)
    claimed.add(_canonical(record))
    meeting = agenda.meeting
    row = KnownMeeting(
        Stage.NOT_STARTED,
        source,
        opening,
        demo=demo,
        rehearsal=opening.rehearse,
        body=meeting.body,
        start=meeting.start,
        items=len(agenda.items),
    )
    if not os.path.lexists(record):
        return row
    read = _read(record, agenda.sha256)
    if isinstance(read, str):
        return replace(row, stage=Stage.DAMAGED, problem=read, record=record)
    events, rehearsal = read
    row = replace(row, record=record, held_by=holder_of(record), rehearsal=rehearsal)
    if not events:
        return row
    state = fold(agenda, events, rehearsal)
    current = state.current
    if state.closed is not None:
        stage = Stage.CLOSED
    elif state.opened is not None:
        stage = Stage.IN_PROGRESS
    else:
        stage = Stage.ROLL_CALL
    return replace(
        row,
        stage=stage,
        last_registration=parse_time(events[-1]["at"]).in_tz(meeting.timezone),
        closed=state.closed,
        approved=state.approval.when if state.approval else None,
        at_item=state.number(current) if current and state.has_item(current) else None,
    )


def _read(record: Path, agenda_sha256: str = "") -> tuple[list[dict], bool] | str:
    """A record's events and whether it is a rehearsal's, read-only; or its problem."""
    try:
        opened = MeetingRecord(record, agenda_sha256, read_only=True)
    except RecordDamaged as damage:  # its line and problem; the row offers the copy
        where = f"{record}, line {damage.line}" if damage.line else str(record)
        return f"{where}: {damage.problem}"
    except (MeetingtuiError, OSError) as error:
        lines = str(error).splitlines()
        return lines[0] if lines else type(error).__name__
    try:
        return opened.events, bool(opened.meta.get("rehearsal"))
    finally:
        opened.close()


def _unclaimed_records(claimed: set[Path]) -> list[KnownMeeting]:
    """Records in the data directory that no known agenda opens."""
    rows = []
    for folder in (paths.data_dir() / "records", paths.data_dir() / "rehearsals"):
        with contextlib.suppress(OSError):
            for path in sorted(folder.glob("*.record")):
                if _canonical(path) not in claimed:
                    rows.append(_orphan(path))
    return rows


def _orphan(path: Path) -> KnownMeeting:
    read = _read(path)
    if isinstance(read, str):
        return KnownMeeting(Stage.UNREADABLE, path, None, problem=read, record=path)
    events, rehearsal = read
    return KnownMeeting(
        Stage.NO_AGENDA,
        path,
        None,
        rehearsal=rehearsal,
        last_registration=parse_time(events[-1]["at"]) if events else None,
        record=path,
        held_by=holder_of(path),
    )


_GROUPS = {
    Stage.IN_PROGRESS: 0,
    Stage.ROLL_CALL: 0,
    Stage.NOT_STARTED: 1,
    Stage.CLOSED: 2,
    Stage.UNREADABLE: 3,
    Stage.DAMAGED: 3,
    Stage.NO_AGENDA: 4,
}


def _order(row: KnownMeeting) -> tuple:
    """In progress (latest registration first), not started (soonest first), closed
    (latest first), then the rows that cannot be used as they are (by file name)."""
    group = _GROUPS[row.stage]
    if group == 0 and row.last_registration is not None:
        return (group, -row.last_registration.timestamp(), str(row.source))
    if group in (1, 2) and row.start is not None:
        sign = 1 if group == 1 else -1
        return (group, sign * row.start.timestamp(), row.rehearsal, str(row.source))
    return (group, 0, str(row.source))


def _canonical(path: Path) -> Path:
    return Path(os.path.realpath(path))


# -- opening one -------------------------------------------------------------------------------
def open_meeting(
    agenda: str | Path | None = None,
    record: str | Path | None = None,
    now: times.Now | None = None,
    rehearse: str | None = None,
) -> tuple[Secretary, list[Notice]]:
    """Open a meeting for the app (a new record, or the existing one resumed): the one way
    `meetingtui AGENDA`, the home screen and the tests open one; noted by `remember`.

    `rehearse` (None: the real meeting): a rehearsal in its own record, on a simulated
    clock from the meeting's start, or from the 'HH.MM' given (`now` overrides the clock).
    """
    opened = session.open_session(agenda, record, rehearse=rehearse is not None)
    if now is None:
        now = (
            session.rehearsal_clock(opened.agenda, rehearse or None)
            if rehearse is not None
            else times.system_now
        )
    remember(agenda, record, rehearse is not None)
    return Secretary(opened.agenda, opened.record, now=now), opened.notices


def recover(record: Path) -> Recovered:
    """A copy of what can be read of a damaged record, beside it (`meetingtui recover`)."""
    return recover_copy(record)


# -- the agendas opened before -------------------------------------------------------------------
def known_file() -> Path:
    return paths.data_dir() / KNOWN_FILE


def remembered() -> list[tuple[Path, Path | None, bool]]:
    """The agendas opened before (agenda, record named with --record or None, rehearsal),
    latest first. A missing, unreadable or malformed list is an empty one: it only helps
    the home screen find meetings, and is written again on the next opening."""
    try:
        fd = os.open(known_file(), os.O_RDONLY | files.NOFOLLOW | files.CLOEXEC | files.NONBLOCK)
        try:
            if files.not_a_file(os.fstat(fd)):
                return []
            data = json.loads(files.read_at_most(fd, KNOWN_MAX_BYTES))
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("format") != KNOWN_FORMAT:
        return []
    found = []
    for entry in data.get("meetings", []) if isinstance(data.get("meetings"), list) else []:
        if not isinstance(entry, dict):
            continue
        agenda, record, rehearse = entry.get("agenda"), entry.get("record"), entry.get("rehearse")
        if not isinstance(agenda, str) or not os.path.isabs(agenda):
            continue
        if record is not None and not (isinstance(record, str) and os.path.isabs(record)):
            continue
        found.append((Path(agenda), Path(record) if record else None, rehearse is True))
    return found


def remember(agenda: str | Path | None, record: str | Path | None, rehearse: bool) -> None:
    """Note that this agenda was opened (first in the list), so the home screen offers it
    from any folder. The demo is always offered and is not noted. Best effort: a data
    directory that refuses the write costs only this convenience."""
    if agenda is None:
        return
    entry = (
        Path(os.path.abspath(agenda)),
        Path(os.path.abspath(record)) if record is not None else None,
        rehearse,
    )
    before = remembered()
    if before[:1] == [entry]:
        return
    kept = [entry] + [known for known in before if known != entry][: KNOWN_LIMIT - 1]
    data = {
        "format": KNOWN_FORMAT,
        "meetings": [
            {"agenda": str(a), "record": str(r) if r else None, "rehearse": h} for a, r, h in kept
        ],
    }
    with contextlib.suppress(OSError):
        files.make_dirs(paths.data_dir())
        files.replace_file(known_file(), json.dumps(data, ensure_ascii=False, indent=1).encode())
