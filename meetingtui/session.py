"""Open a meeting: agenda + record -> state. Shared by the CLI, the app and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from meetingtui import agenda as agenda_mod
from meetingtui import paths, times
from meetingtui.agenda import Agenda
from meetingtui.errors import MeetingtuiError
from meetingtui.meeting import MeetingState, fold
from meetingtui.notices import Notice
from meetingtui.record import MeetingRecord


@dataclass
class Session:
    agenda: Agenda
    record: MeetingRecord
    notices: list[Notice] = field(default_factory=list)
    """What opening the record found (a torn write, a changed agenda): codes for the UI."""

    def state(self) -> MeetingState:
        return fold(self.agenda, self.record.events, bool(self.record.meta.get("rehearsal")))


def resolve_agenda(path: str | Path | None) -> Path:
    return Path(path) if path else paths.DEMO_AGENDA


def open_session(
    agenda_path: str | Path | None,
    record_path: str | Path | None = None,
    read_only: bool = False,
    rehearse: bool = False,
) -> Session:
    """Open a meeting's record; `rehearse`: a rehearsal's own record (paths.rehearsal_record
    unless a path is given), marked as one in its meta, never the real record."""
    agenda, record_file = locate(agenda_path, record_path)
    if rehearse and record_path is None:
        record_file = paths.rehearsal_record(agenda)
    record = MeetingRecord(
        record_file,
        agenda.sha256,
        read_only=read_only,
        rehearsal=rehearse,
        cache_dir=paths.data_dir() / "cache",  # the lines checked before (record/checked.py)
    )
    if rehearse != bool(record.meta.get("rehearsal")):
        record.close()
        raise RecordKindMismatch(record_file, rehearse)
    return Session(agenda, record, list(record.notices))


class RecordKindMismatch(MeetingtuiError):
    """A rehearsal opened on a real record, or a real meeting on a rehearsal's."""

    def __init__(self, path: Path, rehearse: bool):
        self.path = path
        if rehearse:
            message = f"{path} er referatet fra det rigtige møde, ikke en prøve"
        else:
            message = f"{path} er en prøve (PRØVE), ikke det rigtige møde"
        super().__init__(message)


def rehearsal_clock(agenda: Agenda, start: str | None = None) -> times.SimulatedClock:
    """A rehearsal's clock: from the meeting's start (or `start`, 'HH.MM', as typed after
    --rehearse) on the meeting's day, advancing with real time."""
    meeting = agenda.meeting
    begin = times.parse(start, meeting.date, meeting.timezone) if start else meeting.start
    return times.SimulatedClock(begin)


def locate(agenda_path: str | Path | None, record_path: str | Path | None) -> tuple[Agenda, Path]:
    """The agenda (default: the demo; parsed through the cache) and its record's path."""
    agenda = agenda_mod.load(resolve_agenda(agenda_path), cache_dir=paths.data_dir() / "cache")
    return agenda, Path(record_path) if record_path else paths.default_record(agenda)


def open_demo_session() -> Session:
    """The bundled reference meeting and its bundled record, read-only."""
    return open_session(paths.DEMO_AGENDA, paths.DEMO_RECORD, read_only=True)


def dated_ahead(agenda_path: str | Path | None) -> bool:
    """The meeting is dated after today: it can be rehearsed, never recorded for real (its
    record would hold a rehearsal's times on the day), so it opens only as a rehearsal.
    An agenda that does not load is left to the app to report."""
    from meetingtui import timeline

    try:
        agenda = agenda_mod.load(agenda_path or paths.DEMO_AGENDA)
    except MeetingtuiError:
        return False
    today = times.system_now().in_tz(agenda.meeting.timezone).date()
    return timeline.mode_for(agenda, today) is timeline.Mode.REHEARSAL
