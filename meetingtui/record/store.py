"""The meeting record: one file per meeting, holding its events, opened for one writer.

Appending an event returns only once it is on disk. If the disk refuses (full,
read-only, no permission), the event is kept in memory as unsaved, every later append
retries it first, and `move_to()` lets the secretary save everything to another place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pendulum

from meetingtui import events as ev
from meetingtui.errors import RecordDamaged, RecordError, StorageFull
from meetingtui.record import logfile
from meetingtui.record.lock import RecordLock
from meetingtui.record.storage import FILE_MODE, LogStorage, RecordDB

RECORD_FORMAT = 1


class MeetingRecord:
    def __init__(
        self,
        path: str | os.PathLike,
        agenda_sha256: str = "",
        read_only: bool = False,
        notice: Callable[[str], None] | None = None,
        storage_options: dict | None = None,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self.notices: list[str] = []
        self._notice = notice
        self._lock = None if read_only else RecordLock(self.path)
        if self._lock:
            self._lock.acquire()
        try:
            self.db = RecordDB(
                self.path,
                storage=LogStorage,
                read_only=read_only,
                notice=self._note,
                **(storage_options or {}),
            )
            self.meta = self._meta(agenda_sha256)
            self.events = self._read_events()
        except BaseException:
            self.close()
            raise
        self.pending: list[dict] = []
        self.save_error: str | None = None

    @property
    def storage(self) -> LogStorage:
        return self.db.storage

    def _note(self, message: str) -> None:
        self.notices.append(message)
        if self._notice:
            self._notice(message)

    def _meta(self, agenda_sha256: str) -> dict:
        table = self.db.table("meta")
        found = table.get(doc_id=1)
        if found is None:
            meta = {
                "app": "meetingtui",
                "format": RECORD_FORMAT,
                "agenda_sha256": agenda_sha256,
                "created": pendulum.now().isoformat(),
            }
            if not self.read_only and self.path.exists() is False:
                table.insert(meta)
            return meta
        if found.get("format", 0) > RECORD_FORMAT:
            raise RecordDamaged(
                self.path,
                None,
                f"record format {found['format']} is newer than this meetingtui reads ({RECORD_FORMAT})",
            )
        if agenda_sha256 and found.get("agenda_sha256") not in ("", agenda_sha256):
            self._note(f"{self.path}: the agenda file has changed since this record was started")
        return dict(found)

    def _read_events(self) -> list[dict]:
        out = []
        for doc in sorted(self.db.table("events"), key=lambda d: d.doc_id):
            event = dict(doc, id=doc.doc_id)
            try:
                ev.validate(event)
            except ev.EventError as err:
                raise RecordDamaged(
                    self.path, None, f"event {doc.doc_id}: {err}", len(out)
                ) from None
            out.append(event)
        return out

    # -- writing ------------------------------------------------------------------------
    @property
    def saved(self) -> bool:
        return not self.pending

    def append(self, event: dict) -> dict:
        """Record one event; durable on return unless `saved` turns False (see save_error)."""
        if self.read_only:
            raise RecordError(f"{self.path}: the record is open read-only")
        ev.validate(event)
        event = dict(event, id=self._next_id())
        self.pending.append(event)
        self.events.append(event)
        self.flush()
        return event

    def flush(self) -> bool:
        """Write what is pending; False (and save_error set) if the disk still refuses."""
        table = self.db.table("events")
        while self.pending:
            event = self.pending[0]
            doc = {k: v for k, v in event.items() if k != "id"}
            try:
                table.insert(doc)
            except StorageFull as err:
                table._next_id = None  # recount from what is on disk
                self.save_error = str(err)
                return False
            self.pending.pop(0)
        self.save_error = None
        return True

    def _next_id(self) -> int:
        return (self.events[-1]["id"] + 1) if self.events else 1

    def move_to(self, path: str | os.PathLike) -> None:
        """Save the whole record (pending events too) at another place and write there."""
        new = MeetingRecord(path, self.meta.get("agenda_sha256", ""))
        if new.events:
            new.close()
            raise RecordError(f"{path}: a record exists there already; choose a new file name")
        for event in self.events:
            new.append({k: v for k, v in event.items() if k != "id"})
        if not new.saved:
            error = new.save_error
            new.close()
            raise RecordError(error or "cannot save there")
        self.close()
        self.__dict__.update(new.__dict__)

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()
        if self._lock:
            self._lock.release()


def recover_copy(path: Path, target: Path | None = None) -> tuple[Path, int]:
    """Copy every readable event of a damaged record to a new file; the original stays."""
    data = Path(path).read_bytes()
    found = logfile.scan(data)
    good = []
    for entry in found.entries:
        if entry.get("t") == "events":
            try:
                ev.validate(entry.get("d"))
            except ev.EventError:
                break
        good.append(entry)
    target = target or path.with_name(
        f"{path.stem}-gendannet-{pendulum.now().format('YYYYMMDDTHHmmss')}{path.suffix}"
    )
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.write(fd, b"".join(logfile.encode(e) for e in good))
        os.fsync(fd)
    finally:
        os.close(fd)
    return target, sum(1 for e in good if e.get("t") == "events")
