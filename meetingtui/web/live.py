"""What the web page shows, kept up to date from the record: the chair's view as JSON.

`LiveView.refresh()` polls the record (the read-only follower: only appended bytes are
read, and only when the file's stat changed), folds it when it changed, and rebuilds the
chair's view (chair_view, the same model as the terminal views) when the record changed,
the minute turned (the meeting's running length) or the writer came or went. It returns
the JSON text only when something a reader would see changed. Plain Python: the server
calls it from a worker thread.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import gc
import json
import os
import time
from pathlib import Path
from typing import Any

import pendulum

from meetingtui import chair_view, times, wording
from meetingtui.agenda import Agenda
from meetingtui.errors import MeetingtuiError
from meetingtui.meeting import MeetingState, fold
from meetingtui.record import RecordFollower, guard, logfile
from meetingtui.web.writer import Writer, writer_of

META_BYTES = 64 * 1024  # the meta line is short; read at most this of the record's head
WRITER_EVERY = 2.0  # seconds between checks of the writer (a read of /proc/locks)

# What the page's status line says, by what the server knows.
MISSING = "Referatet findes ikke endnu. Siden venter på, at sekretæren åbner mødet."
STOPPED = (
    "Referatet skrives ikke længere: sekretærens program er lukket. Siden viser det sidst "
    "gemte{at} og opdateres igen, når programmet åbnes."
)
CLOSED = "Mødet er afsluttet."
UNREADABLE = "Referatet kan ikke læses: {problem}"


class LiveView:
    def __init__(
        self,
        agenda: Agenda,
        record: Path,
        now: times.Now = times.system_now,
        writer: Any = writer_of,
    ):
        self.agenda = titles_only(agenda)
        self.record = Path(record)
        self._now = now
        self._writer_of = writer
        self._follower = RecordFollower(self.record)
        self._state: MeetingState | None = None
        self._changed: pendulum.DateTime | None = None  # the record's last write (mtime)
        self._problem: str | None = None
        self._writer = Writer.UNKNOWN
        self._writer_checked = -WRITER_EVERY
        self._minute: int | None = None
        self._stat: tuple[int, int, int] | None = None
        self.text = ""  # the latest JSON, as sent to every page

    def due(self) -> bool:
        """Whether refresh() may have something new: the record's stat changed, the writer
        is to be checked, or a running meeting's minute turned. A stat, no reading: the
        server asks this ten times a second and refreshes (in a thread) only when due."""
        try:
            st = os.stat(self.record)
            stat: tuple[int, int, int] | None = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            stat = None
        if stat != self._stat or not self.text:
            return True
        if time.monotonic() - self._writer_checked >= WRITER_EVERY:
            return True
        return self._minute is not None and int(time.time() // 60) != self._minute

    def refresh(self) -> str | None:
        """The new JSON if what the page shows changed, else None."""
        changed = self._poll()
        if time.monotonic() - self._writer_checked >= WRITER_EVERY:
            self._writer_checked = time.monotonic()
            writer = self._writer_of(self.record) if self.record.exists() else Writer.STOPPED
            changed = changed or writer != self._writer
            self._writer = writer
        now = self._now()
        # the running length shows whole minutes: a new minute matters only while it runs
        minute = int(time.time() // 60) if self._running(now) else None
        if not changed and minute == self._minute and self.text:
            return None
        self._minute = minute
        text = json.dumps(self.payload(now), ensure_ascii=False, separators=(",", ":"))
        if text == self.text:
            return None
        self.text = text
        return text

    def _running(self, now: pendulum.DateTime) -> bool:
        state = self._state
        if state is None or state.began is None or state.closed is not None:
            return False
        return now.in_tz(self.agenda.meeting.timezone).date() == self.agenda.meeting.date

    def _poll(self) -> bool:
        try:
            st = os.stat(self.record)
            self._stat = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            self._stat = None
        try:
            events = self._follower.poll()
        except MeetingtuiError as error:
            problem = str(error)
            changed, self._problem = problem != self._problem, problem
            return changed
        if events is None:
            return self._state is None and self._problem is None and not self.text
        try:
            self._state = fold(self.agenda, events, self._rehearsal())
        except (KeyError, ValueError, TypeError) as error:  # e.g. a record of another agenda
            self._problem = f"{type(error).__name__}: {error}"
            return True
        self._problem = None
        del events
        release_memory()
        try:
            mtime = self.record.stat().st_mtime
            self._changed = pendulum.from_timestamp(mtime, tz=self.agenda.meeting.timezone)
        except OSError:
            self._changed = None
        return True

    def _rehearsal(self) -> bool:
        """Whether the record is a rehearsal's: its first line, the meta entry, says so."""
        try:
            fd = os.open(self.record, guard.READ_FLAGS)
        except OSError:
            return False
        try:
            first = os.read(fd, META_BYTES).split(b"\n", 1)[0]
        finally:
            os.close(fd)
        try:
            entry = logfile.decode(first)
        except logfile.LineError:
            return False
        return entry.get("t") == "meta" and bool(entry.get("d", {}).get("rehearsal"))

    def payload(self, now: pendulum.DateTime) -> dict[str, Any]:
        state = self._state or fold(self.agenda, [])
        today = now.in_tz(self.agenda.meeting.timezone).date() == self.agenda.meeting.date
        view = chair_view.build(state, now=now if today else None)
        return {
            "view": dataclasses.asdict(view),
            "status": self.status(state),
            "writing": self._writer is Writer.WRITING and self._problem is None,
        }

    def status(self, state: MeetingState) -> str:
        """One plain line about the record itself ('' while the app writes it)."""
        if self._problem is not None:
            return UNREADABLE.format(problem=self._problem)
        if self._state is None:
            return MISSING
        if state.closed is not None:
            return CLOSED
        if self._writer is Writer.STOPPED:
            at = f" (kl. {wording.time_of_day(self._changed)})" if self._changed else ""
            return STOPPED.format(at=at)
        return ""


def titles_only(agenda: Agenda) -> Agenda:
    """The agenda without case text, case numbers, attachments or earlier decisions: all
    the page needs of an item is its title, so the server never even holds a closed item's
    content (and a 500-item agenda's 2 MB of text are not kept)."""
    items = tuple(
        dataclasses.replace(item, case="", sections=(), bilag=(), earlier=())
        for item in agenda.items
    )
    return dataclasses.replace(agenda, items=items)


def release_memory() -> None:
    """Hand the memory a fold let go of back to the system (glibc keeps freed memory in
    its arenas otherwise, and the server would stay at its peak). No-op elsewhere."""
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
