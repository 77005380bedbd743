"""The meeting record: one file per meeting, holding its events, opened for one writer.

Appending an event returns only once it is on disk. If the disk refuses (full,
read-only, no permission), the event is kept in memory as unsaved, every later append
retries it first, and `move_to()` lets the secretary save everything to another place.

Opening checks the file before anything is made beside it (guard.py), takes the lock of
the file (lock.py) for a writer, and warns a writer whose record is on a network drive
(network.py), where neither the lock nor fsync may hold.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pendulum

from meetingtui import events as ev
from meetingtui import files
from meetingtui.errors import RecordDamaged, RecordError, StorageFull
from meetingtui.notices import Notice, NoticeCode
from meetingtui.record import entries, guard, logfile, network
from meetingtui.record.checked import CheckedPrefix
from meetingtui.record.lock import RecordLock, lock_path
from meetingtui.record.storage import LogStorage, RecordDB

RECORD_FORMAT = 1


def check_entry(entry: dict) -> None:
    """Raise ValueError saying what is wrong with a stored entry this version cannot use."""
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


class _RecordFile:
    """One record file, opened: its lock (for a writer), its storage and TinyDB over it."""

    def __init__(
        self,
        path: Path,
        read_only: bool,
        notice: Callable[[Notice], None],
        storage_options: dict | None = None,
        cache_dir: Path | None = None,
    ):
        self.path = path
        guard.check_path(path, read_only)  # before a lock sidecar is made beside it
        self.lock = None if read_only else RecordLock(path)
        if self.lock:
            self.lock.acquire()
        # The lines check_entry passed at an earlier opening are not checked again.
        checked = CheckedPrefix(cache_dir, path, "check_entry") if cache_dir else None
        try:
            self.storage = LogStorage(
                path,
                read_only,
                notice,
                check=check_entry,
                checked=checked,
                **(storage_options or {}),
            )
        except BaseException:
            self.close()
            raise
        self.db = RecordDB(self.storage)
        if not read_only:
            on_network = network.network_drive(Path(os.path.abspath(path)))
            if on_network:
                notice(
                    Notice(
                        NoticeCode.RECORD_ON_NETWORK_DRIVE,
                        f"{path}: the record is on a network drive ({on_network}), where a "
                        "lock may not stop a writer on another computer and a save may not "
                        "reach the disk before it is shown as saved; keep the record on this "
                        "computer's own disk",
                    )
                )

    def meta(
        self, agenda_sha256: str, notice: Callable[[Notice], None], rehearsal: bool = False
    ) -> dict:
        """The record's header; written first if the file has none yet (and may be written).

        A rehearsal's record says so ("rehearsal": true), so it is never taken for the real
        one; records without the key (every record before it) are real meetings."""
        table = self.db.table("meta")
        found = table.get(doc_id=1)
        if found is None:
            meta = {
                "app": "meetingtui",
                "format": RECORD_FORMAT,
                "agenda_sha256": agenda_sha256,
                "created": pendulum.now().isoformat(),
            }
            if rehearsal:
                meta["rehearsal"] = True
            if not self.storage.read_only:
                # Also when the file exists but holds no meta yet: a crash may have come
                # between creating it and its first line.
                table.insert(meta)
            return meta
        if found.get("format", 0) > RECORD_FORMAT:
            raise RecordDamaged(
                self.path,
                None,
                f"record format {found['format']} is newer than this meetingtui reads "
                f"({RECORD_FORMAT})",
            )
        if agenda_sha256 and found.get("agenda_sha256") not in ("", agenda_sha256):
            notice(
                Notice(
                    NoticeCode.AGENDA_CHANGED,
                    f"{self.path}: the agenda file has changed since this record was started",
                )
            )
        return {key: value for key, value in found.items() if key != "id"}

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()  # closes the storage
        elif getattr(self, "storage", None) is not None:
            self.storage.close()
        if self.lock:
            self.lock.release()


class MeetingRecord:
    """A meeting's events, in id order, as saved (or, while the disk refuses, pending)."""

    def __init__(
        self,
        path: str | os.PathLike,
        agenda_sha256: str = "",
        read_only: bool = False,
        notice: Callable[[Notice], None] | None = None,
        storage_options: dict | None = None,
        rehearsal: bool = False,
        cache_dir: Path | None = None,
    ):
        self.read_only = read_only
        self.notices: list[Notice] = []
        self._notice = notice
        self.pending: list[dict] = []
        self.save_error: str | None = None
        self.save_errno: int | None = None  # the OSError's errno behind save_error
        self._file = _RecordFile(Path(path), read_only, self._note, storage_options, cache_dir)
        try:
            self.meta = self._file.meta(agenda_sha256, self._note, rehearsal)
            # The storage's own documents: each event is held once.
            self.events: list[dict] = self._file.storage.documents("events")
        except BaseException:
            self._file.close()
            raise

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def storage(self) -> LogStorage:
        """The storage of the file the record writes to now (it changes with move_to)."""
        return self._file.storage

    @property
    def head(self) -> str:
        """The hash of the newest event's line (chain.py): 64 hex digits.

        Of the newest event appended, pending ones included (they are written with the
        hashes counted here), so an event appended next has this as its `prev`. Before
        the first event, the record's genesis hash.
        """
        head = self._file.storage.head
        for event in self.pending:
            head = self._file.storage.line("events", event, head)[1] or head
        return head

    def _note(self, notice: Notice) -> None:
        self.notices.append(notice)
        if self._notice:
            self._notice(notice)

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
        while self.pending:
            try:
                self._file.storage.append("events", self.pending[:1])
            except StorageFull as err:
                self.save_error = str(err)
                self.save_errno = getattr(err.__cause__, "errno", None)
                return False
            self.pending.pop(0)
        self.save_error = self.save_errno = None
        return True

    def _next_id(self) -> int:
        return (self.events[-1]["id"] + 1) if self.events else 1

    def move_to(self, path: str | os.PathLike) -> None:
        """Save the whole record (pending events too) at another place and write there.

        The old file is left as it was, and its lock let go. On failure nothing changes.
        """
        target = Path(path)
        if target.resolve() == self.path.resolve() or _same_file(target, self.path):
            raise RecordError(f"{target}: the record is saved there already")
        existed = os.path.lexists(target)
        new = _RecordFile(target, False, self._note)
        try:
            if new.storage.documents("events"):
                raise RecordError(f"{path}: a record exists there already; choose a new file name")
            meta = new.meta(
                self.meta.get("agenda_sha256", ""), self._note, bool(self.meta.get("rehearsal"))
            )
            # One write, one fsync; the same ids, documents and agenda give the same chain.
            new.storage.append("events", self.events, unchained=self.storage.unchained)
        except StorageFull as err:
            new.close()
            if not existed:
                target.unlink(missing_ok=True)
                lock_path(target).unlink(missing_ok=True)
            raise RecordError(str(err)) from err
        except BaseException:
            new.close()
            raise
        old, self._file = self._file, new
        old.close()
        self.meta = meta
        self.pending = []
        self.save_error = self.save_errno = None

    def close(self) -> None:
        self._file.close()


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


class Recovered(NamedTuple):
    path: Path  # the copy
    events: int  # how many events it holds
    left_out: list[tuple[int, str]]  # (line, why) of each line of the damaged file not copied


def recover_copy(path: str | os.PathLike, target: Path | None = None) -> Recovered:
    """Copy every readable event of a damaged record to a new file; the original stays.

    Every whole, checksummed line this version can use is copied, wherever it stands in
    the file (not only those before the first bad line), under its own id, so that
    corrections still point at what they correct. The copy opens cleanly; the lines left
    out are named with why. The copy is written under its lock, like any record.
    """
    path = Path(path)
    opened = guard.read(path, read_only=True)
    if opened is None:
        raise RecordError(f"{path}: no such file (expected a meeting record)")
    found = entries.salvage(opened[0], check_entry)
    content = b"".join(logfile.encode(entry) for entry in found.entries)
    stamp = pendulum.now().format("YYYYMMDDTHHmmss")

    def name_for(suffix: str) -> Path:
        return path.with_name(f"{path.stem}-gendannet-{stamp}{suffix}{path.suffix}")

    candidates = files.free_names(name_for) if target is None else iter([Path(target)])
    for candidate in candidates:
        try:
            if os.path.lexists(candidate):
                raise FileExistsError(candidate)
            _write_locked(candidate, content)
        except FileExistsError:
            if target is None:
                continue
            raise RecordError(
                f"{candidate}: a file exists there already; choose a new name"
            ) from None
        return Recovered(candidate, found.events, found.left_out)
    raise AssertionError("unreachable: free_names never ends")


def _write_locked(target: Path, content: bytes) -> None:
    """Write a new record file whole under its lock, so no writer opens it half made."""
    try:
        files.make_dirs(target.parent)
    except OSError as err:
        raise RecordError(
            f"{target.parent}: cannot create the folder: {files.reason(err)}"
        ) from err
    lock = RecordLock(target)
    lock.acquire()
    try:
        files.write_new(target, content)
    except FileExistsError:
        raise  # the caller tries the next name, or says so
    except OSError as err:
        raise RecordError(f"{target}: cannot save: {files.reason(err)}") from err
    finally:
        lock.release()
