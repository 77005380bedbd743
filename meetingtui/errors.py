"""Errors a user sees: each renders as one line saying where and what."""

from __future__ import annotations


class MeetingtuiError(Exception):
    """An error meant for the user; str() is the whole one-line message."""

    exit_code = 1


class AgendaError(MeetingtuiError):
    """An agenda file has one or more problems (one line each)."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class RecordError(MeetingtuiError):
    """The meeting record cannot be read or written."""


class RecordDamaged(RecordError):
    """The record file is damaged in a way that is not a torn last write."""

    def __init__(self, path, line: int | None, problem: str, readable_events: int = 0):
        self.path = path
        self.line = line
        self.problem = problem
        self.readable_events = readable_events
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(
            f"{where}: {problem}; the file is left untouched "
            f"(`meetingtui recover {path}` copies its {readable_events} readable events "
            "to a new file)"
        )


class RecordLocked(RecordError):
    """Another process is writing this record."""


class StorageFull(RecordError):
    """A write failed for lack of room or permission; nothing acknowledged is lost."""


class ExportError(MeetingtuiError):
    """The referat could not be written."""


class TimeInputError(MeetingtuiError):
    """A time the secretary typed cannot be used."""


class ActionError(MeetingtuiError):
    """An action that does not fit the meeting as it stands (message in Danish, for the UI)."""


class LockedByApproval(ActionError):
    """The referat is approved and the record locked: the action would change it.

    Only a correction ("Rettelse", `Secretary.correct`) may still be recorded; reading and
    exporting go on as before. (`RecordLocked` above is another matter: a second writer.)
    """
