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
from meetingtui.record.lock import RecordLock, lock_path
from meetingtui.record.storage import (
    FILE_MODE,
    LogStorage,
    RecordDB,
    _fsync_dir,
    _reason,
    _shape_problem,
    create_unique,
    make_dirs,
    write_fully,
)

RECORD_FORMAT = 1


def check_entry(entry: dict) -> None:
    """Raise ValueError saying what is wrong with a stored entry this version cannot use."""
    if entry.get("del"):
        return
    if entry["t"] == "meta":
        found = entry["d"].get("format", 0)
        if not isinstance(found, int) or isinstance(found, bool):
            raise ValueError(f"record format {found!r} is not a format number")
        if found > RECORD_FORMAT:
            raise ValueError(
                f"record format {found} was written by a newer meetingtui "
                f"(this one reads up to {RECORD_FORMAT})"
            )
    elif entry["t"] == "events":
        if not (entry["id"].isascii() and entry["id"].isdigit()) or int(entry["id"]) < 1:
            raise ValueError(f"event id {entry['id']!r} is not a number")
        try:
            ev.validate(entry["d"])
        except ev.EventError as err:
            raise ValueError(f"event {entry['id']}: {err}") from None


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
        self.pending: list[dict] = []
        self.save_error: str | None = None
        self.save_errno: int | None = None  # the OSError's errno behind save_error
        self.db = None
        self._lock = None if read_only else RecordLock(self.path)
        if self._lock:
            self._lock.acquire()
        try:
            self.db = RecordDB(
                self.path,
                storage=LogStorage,
                read_only=read_only,
                notice=self._note,
                **{"check": check_entry, **(storage_options or {})},
            )
            self.meta = self._meta(agenda_sha256)
            self.events = self._read_events()
        except BaseException:
            self.close()
            raise

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
            if not self.read_only:
                # Also when the file exists but holds no meta yet: a crash may have come
                # between creating it and its first line.
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
        checked = self.storage._check is check_entry  # every line was checked as loaded
        out = []
        for doc in sorted(self.db.table("events"), key=lambda d: d.doc_id):
            event = dict(doc, id=doc.doc_id)
            if not checked:
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
        doc = {k: v for k, v in event.items() if k != "id"}
        try:
            line = logfile.encode(doc)
        except (TypeError, ValueError) as err:
            # Refused here, before it is queued: an event that cannot be written would
            # block every later one behind it.
            raise ev.EventError(f"{event.get('kind')} event cannot be saved: {err}") from None
        # As it will read back from disk (tuples become lists, and so on).
        event = dict(logfile.decode(line[:-1]), id=self._next_id())
        self.pending.append(event)
        self.events.append(event)
        self.flush()
        return event

    def flush(self) -> bool:
        """Write what is pending; False (and save_error set) if the disk still refuses."""
        if self.pending:
            while self.pending:
                event = self.pending[0]
                doc = {k: v for k, v in event.items() if k != "id"}
                try:
                    self.storage.append("events", event["id"], doc)
                except StorageFull as err:
                    self.save_error = str(err)
                    self.save_errno = getattr(err.__cause__, "errno", None)
                    return False
                self.pending.pop(0)
            self._table_changed()
        self.save_error = self.save_errno = None
        return True

    def _table_changed(self) -> None:
        table = self.db.table("events")
        table._next_id = None
        table.clear_cache()

    def _next_id(self) -> int:
        return (self.events[-1]["id"] + 1) if self.events else 1

    def move_to(self, path: str | os.PathLike) -> None:
        """Save the whole record (pending events too) at another place and write there."""
        target = Path(path)
        if target.resolve() == self.path.resolve():
            raise RecordError(f"{target}: the record is saved there already")
        existed = target.exists()
        new = MeetingRecord(target, self.meta.get("agenda_sha256", ""), notice=self._notice)
        if new.events:
            new.close()
            raise RecordError(f"{path}: a record exists there already; choose a new file name")
        documents = [(e["id"], {k: v for k, v in e.items() if k != "id"}) for e in self.events]
        try:
            new.storage.append_many("events", documents)  # one write, one fsync
        except StorageFull as err:
            new.close()
            if not existed:
                target.unlink(missing_ok=True)
                lock_path(target).unlink(missing_ok=True)
            raise RecordError(str(err)) from err
        new.events = [dict(e) for e in self.events]
        new._table_changed()
        new.notices = self.notices + new.notices
        self.close()
        self.__dict__.update(new.__dict__)

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()
        if self._lock:
            self._lock.release()


def recover_copy(path: str | os.PathLike, target: Path | None = None) -> tuple[Path, int]:
    """Copy every readable event of a damaged record to a new file; the original stays.

    The copy holds the lines before the first one this version cannot use, and opens
    cleanly. Returns the copy's path and the number of events in it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise RecordError(f"{path}: cannot read: {_reason(err)}") from err
    good = []
    for entry in logfile.scan(data).entries:
        try:
            if _shape_problem(entry):
                break
            check_entry(entry)
        except ValueError:
            break
        good.append(entry)
    content = b"".join(logfile.encode(e) for e in good)
    try:
        target, fd = _new_file(path, Path(target) if target else None)
    except FileExistsError:
        raise RecordError(f"{target}: a file exists there already; choose a new name") from None
    except OSError as err:
        raise RecordError(f"{target or path.parent}: cannot save: {_reason(err)}") from err
    try:
        try:
            write_fully(fd, content, os.write)
            os.fsync(fd)
        finally:
            os.close(fd)
        _fsync_dir(target.parent)
    except OSError as err:
        target.unlink(missing_ok=True)
        raise RecordError(f"{target}: cannot save: {_reason(err)}") from err
    return target, sum(1 for e in good if e["t"] == "events")


def _new_file(path: Path, target: Path | None) -> tuple[Path, int]:
    if target is not None:
        make_dirs(target.parent)
        return target, os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    stamp = pendulum.now().format("YYYYMMDDTHHmmss")
    return create_unique(
        lambda suffix: path.with_name(f"{path.stem}-gendannet-{stamp}{suffix}{path.suffix}")
    )
