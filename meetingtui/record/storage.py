"""A crash-safe, append-only TinyDB storage, and a Table that appends without rewriting.

TinyDB's stock JSONStorage rewrites the whole file in place on every change: slow as the
record grows, and a kill mid-rewrite can leave it unparseable. Here every change is one
checksummed line appended to the file and fsynced before the call returns; no
acknowledged byte is rewritten in place. The file is rewritten whole only to compact it
or to drop a torn tail, and then through a temporary file, fsync and rename.

`AppendTable.insert` hands the one new document to the storage, so an insert costs the
same whatever the size of the record (TinyDB's own Table would rebuild and hand over the
whole database).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pendulum
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from meetingtui.errors import RecordDamaged, RecordError, StorageFull
from meetingtui.record import logfile

FILE_MODE = 0o600
DIR_MODE = 0o700
Notice = Callable[[str], None]
# check(entry) raises ValueError(problem) for an entry the reader cannot use.
Check = Callable[[dict], None]


class LogStorage(Storage):
    def __init__(
        self,
        path: str | os.PathLike,
        read_only: bool = False,
        notice: Notice | None = None,
        fsync: Callable[[int], None] = os.fsync,
        write: Callable[[int, bytes], int] = os.write,
        check: Check | None = None,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self.notice = notice or (lambda message: None)
        self._fsync = fsync  # injectable, so tests can make the disk fail
        self._write = write
        self._check = check  # run on every line as loaded, before anything is repaired
        self._tables: dict[str, dict[str, dict]] = {}
        self._lines = 0
        self._size = 0  # bytes known whole on disk: the next line goes right after them
        self._fd: int | None = None
        self._load()

    # -- TinyDB's Storage interface ----------------------------------------------------
    def read(self) -> dict | None:
        if not self._tables:
            return None
        # TinyDB mutates what it reads before handing it to write(): give it a copy.
        return {name: {k: dict(v) for k, v in docs.items()} for name, docs in self._tables.items()}

    def write(self, data: dict) -> None:
        """The general path (updates, removals): append only what differs."""
        entries = []
        for name, docs in data.items():
            old = self._tables.get(name, {})
            entries += [{"t": name, "id": k, "d": d} for k, d in docs.items() if old.get(k) != d]
            entries += [{"t": name, "id": k, "del": True} for k in old if k not in docs]
        for name in set(self._tables) - set(data):
            entries += [{"t": name, "id": k, "del": True} for k in self._tables[name]]
        self._append(entries)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- the fast path -----------------------------------------------------------------
    def append(self, table: str, doc_id: int, document: dict) -> None:
        self._append([{"t": table, "id": str(doc_id), "d": document}])

    def append_many(self, table: str, documents: list[tuple[int, dict]]) -> None:
        """Several documents in one write and one fsync: all of them on disk, or none."""
        self._append([{"t": table, "id": str(doc_id), "d": doc} for doc_id, doc in documents])

    def _append(self, entries: list[dict]) -> None:
        if not entries:
            return
        if self.read_only:
            raise RecordError(f"{self.path}: the record is open read-only")
        data = b"".join(logfile.encode(e) for e in entries)
        fd = self._open()
        self._ready(fd)
        try:
            write_fully(fd, data, self._write)
            self._fsync(fd)
        except OSError as err:
            self._undo_partial(fd)
            raise StorageFull(_why(self.path, err)) from err
        self._size += len(data)
        for entry in entries:
            self._apply(entry)
        self._lines += len(entries)

    def _ready(self, fd: int) -> None:
        """Make sure the next line goes right after the last whole one, in our file."""
        try:
            mine = os.fstat(fd)
            named = os.stat(self.path)
        except FileNotFoundError:
            named = None
        except OSError as err:
            raise StorageFull(_why(self.path, err)) from err
        if named is None or (named.st_dev, named.st_ino) != (mine.st_dev, mine.st_ino):
            raise StorageFull(
                f"{self.path}: cannot save: the record file was moved, replaced or deleted by "
                "another program; save the record to another place"
            )
        if mine.st_size > self._size:
            # Part of a failed write that could not be cut at the time: cut it now, or the
            # next line would follow half a line and the record would read as damaged.
            try:
                os.ftruncate(fd, self._size)
                os.fsync(fd)
            except OSError as err:
                raise StorageFull(_why(self.path, err)) from err
        elif mine.st_size < self._size:
            raise StorageFull(
                f"{self.path}: cannot save: the record file is shorter than what was saved "
                "(another program changed it); save the record to another place"
            )

    def _undo_partial(self, fd: int) -> None:
        """A failed write may have left part of a line: cut it, so later lines stay valid."""
        try:
            os.ftruncate(fd, self._size)
            os.fsync(fd)
        except OSError:
            self.close()  # the next append cuts it first (see _ready)

    def _open(self) -> int:
        if self._fd is None:
            try:
                new = not self.path.exists()
                make_dirs(self.path.parent)
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
                if new:
                    _fsync_dir(self.path.parent)
            except OSError as err:
                raise StorageFull(_why(self.path, err)) from err
        return self._fd

    def _apply(self, entry: dict) -> None:
        docs = self._tables.setdefault(entry["t"], {})
        if entry.get("del"):
            docs.pop(entry["id"], None)
        else:
            docs[entry["id"]] = entry["d"]

    # -- loading, repair and compaction -----------------------------------------------
    def _load(self) -> None:
        if not self.read_only:
            self._remove_stray_temp_files()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as err:
            raise RecordError(_why(self.path, err, "read")) from err
        found = logfile.scan(data)
        if found.damage:
            line, problem = found.damage
            raise RecordDamaged(self.path, line, problem, _events_in(found.entries))
        if (
            found.torn
            and not found.entries
            and not logfile.could_be_torn_write(data[found.good_bytes :])
        ):
            raise RecordDamaged(
                self.path, 1, "this is not a meetingtui record (no checksummed record lines)"
            )
        events = 0
        for number, entry in enumerate(found.entries, start=1):
            problem = _shape_problem(entry)
            if problem is None and self._check is not None:
                try:
                    self._check(entry)
                except ValueError as err:
                    problem = str(err)
            if problem:
                raise RecordDamaged(self.path, number, problem, events)
            self._apply(entry)
            events += entry["t"] == "events"
        self._lines = len(found.entries)
        self._size = found.good_bytes
        if found.torn:
            self._drop_torn_tail(data, found.good_bytes)
        elif not self.read_only and self._lines > 200 and self._lines > 2 * self._live():
            # Compaction only saves room: if it fails, the file as it is stays valid.
            with contextlib.suppress(OSError):
                self.compact()

    def _drop_torn_tail(self, data: bytes, good_bytes: int) -> None:
        torn = len(data) - good_bytes
        if self.read_only:
            self.notice(
                f"{self.path}: the last write ({torn} bytes) was never completed and is ignored"
            )
            return
        try:
            backup = self._keep_backup(data)
            # Keep the whole lines byte for byte; only the torn tail goes.
            self._rewrite(data[:good_bytes])
        except OSError as err:
            raise RecordError(
                f"{self.path}: the last write ({torn} bytes) was never completed, and it cannot "
                f"be dropped: {_reason(err)}; the file is left as it is"
            ) from err
        self.notice(
            f"{self.path}: the last write ({torn} bytes) was never completed and was dropped; "
            f"the file as found is kept as {backup.name}"
        )

    def _keep_backup(self, data: bytes) -> Path:
        """The file as found, next to it, under a name no earlier backup has."""
        stamp = pendulum.now("UTC").format("YYYYMMDDTHHmmss")
        backup, fd = create_unique(
            lambda suffix: self.path.with_name(f"{self.path.name}.torn-{stamp}{suffix}.bak")
        )
        try:
            write_fully(fd, data, self._write)
            self._fsync(fd)
        finally:
            os.close(fd)
        _fsync_dir(self.path.parent)
        return backup

    def _live(self) -> int:
        return sum(len(docs) for docs in self._tables.values())

    def compact(self) -> None:
        """Rewrite the file with only the live documents: temp file, fsync, rename."""
        entries = [
            {"t": name, "id": k, "d": d}
            for name, docs in self._tables.items()
            for k, d in docs.items()
        ]
        self._rewrite(b"".join(logfile.encode(e) for e in entries))
        self._lines = len(entries)

    def _rewrite(self, content: bytes) -> None:
        """Replace the file whole: a crash leaves the old file or the new one, never a mix."""
        temp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            try:
                write_fully(fd, content, self._write)
                self._fsync(fd)
            finally:
                os.close(fd)
            self.close()
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)
        self._size = len(content)

    def _remove_stray_temp_files(self) -> None:
        """Temporary files of a rewrite cut short by a crash (the record itself is whole)."""
        pattern = glob.escape(self.path.name) + ".tmp-*"
        for stray in self.path.parent.glob(pattern):
            if stray.is_file():
                stray.unlink(missing_ok=True)


class AppendTable(Table):
    """A TinyDB Table whose insert appends one document instead of rewriting the table."""

    def insert(self, document: Mapping) -> int:
        if not isinstance(document, Mapping):
            raise ValueError("Document is not a Mapping")
        if not isinstance(self._storage, LogStorage):
            return super().insert(document)
        doc_id = self._get_next_id()
        try:
            self._storage.append(self.name, doc_id, dict(document))
        except BaseException:
            self._next_id = None  # not stored: count again from what is on disk
            raise
        self.clear_cache()
        return doc_id


class RecordDB(TinyDB):
    table_class = AppendTable


def create_unique(name_for: Callable[[str], Path]) -> tuple[Path, int]:
    """Create a new file (0600, never an existing one): name_for(""), else name_for("-1"), ..."""
    number = 0
    while True:
        candidate = name_for(f"-{number}" if number else "")
        try:
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            number += 1


def make_dirs(directory: Path) -> None:
    """Create a directory and its missing parents, each readable by its owner only."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        if directory.parent == directory:
            break
        directory = directory.parent
    for created in reversed(missing):
        with contextlib.suppress(FileExistsError):
            created.mkdir(mode=DIR_MODE)


def write_fully(fd: int, data: bytes, write: Callable[[int, bytes], int]) -> None:
    done = 0
    while done < len(data):
        count = write(fd, data if done == 0 else data[done:])
        if count <= 0:
            raise OSError(errno.EIO, "the disk took no data")
        done += count


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _shape_problem(entry: dict) -> str | None:
    if not isinstance(entry.get("t"), str) or not isinstance(entry.get("id"), str):
        return "an entry lacks its table or id"
    if entry.get("del") is True:
        return None
    if not isinstance(entry.get("d"), dict):
        return "an entry lacks its document"
    return None


def _events_in(entries: list[dict]) -> int:
    return sum(1 for entry in entries if entry.get("t") == "events")


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk has become read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "the disk reported an input/output error",
}


def _reason(err: OSError) -> str:
    return _REASONS.get(err.errno, err.strerror or str(err))


def _why(path: Path, err: OSError, doing: str = "save") -> str:
    return f"{path}: cannot {doing}: {_reason(err)}"
