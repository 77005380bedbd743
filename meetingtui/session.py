"""Open a meeting: agenda + record -> state. Shared by the CLI, the app and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from meetingtui import agenda as agenda_mod
from meetingtui import paths
from meetingtui.agenda import Agenda
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
        return fold(self.agenda, self.record.events)


def resolve_agenda(path: str | Path | None) -> Path:
    return Path(path) if path else paths.DEMO_AGENDA


def open_session(
    agenda_path: str | Path | None, record_path: str | Path | None = None, read_only: bool = False
) -> Session:
    agenda, record_file = locate(agenda_path, record_path)
    record = MeetingRecord(record_file, agenda.sha256, read_only=read_only)
    return Session(agenda, record, list(record.notices))


def locate(agenda_path: str | Path | None, record_path: str | Path | None) -> tuple[Agenda, Path]:
    """The agenda (default: the demo; parsed through the cache) and its record's path."""
    agenda = agenda_mod.load(resolve_agenda(agenda_path), cache_dir=paths.data_dir() / "cache")
    return agenda, Path(record_path) if record_path else paths.default_record(agenda)


def open_demo_session() -> Session:
    """The bundled reference meeting and its bundled record, read-only."""
    return open_session(paths.DEMO_AGENDA, paths.DEMO_RECORD, read_only=True)
