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

import errno
import os
import shutil
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


class LogStorage(Storage):
    def __init__(
        self,
        path: str | os.PathLike,
        read_only: bool = False,
        notice: Notice | None = None,
        fsync: Callable[[int], None] = os.fsync,
        write: Callable[[int, bytes], int] = os.write,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self.notice = notice or (lambda message: None)
        self._fsync = fsync  # injectable, so tests can make the disk fail
        self._write = write
        self._tables: dict[str, dict[str, dict]] = {}
        self._lines = 0
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

    def _append(self, entries: list[dict]) -> None:
        if not entries:
            return
        if self.read_only:
            raise RecordError(f"{self.path}: the record is open read-only")
        data = b"".join(logfile.encode(e) for e in entries)
        fd = self._open()
        size = os.fstat(fd).st_size
        try:
            written = self._write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, "short write")
            self._fsync(fd)
        except OSError as err:
            self._undo_partial(fd, size)
            raise StorageFull(_why(self.path, err)) from err
        for entry in entries:
            self._apply(entry)
        self._lines += len(entries)

    def _undo_partial(self, fd: int, size: int) -> None:
        """A failed write may have left part of a line: cut it, so later lines stay valid."""
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        except OSError:
            self.close()  # the next append reopens; a partial line left would load as torn

    def _open(self) -> int:
        if self._fd is None:
            new = not self.path.exists()
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            try:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            except OSError as err:
                raise StorageFull(_why(self.path, err)) from err
            if new:
                _fsync_dir(self.path.parent)
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
            raise RecordError(_why(self.path, err)) from err
        found = logfile.scan(data)
        if found.damage:
            line, problem = found.damage
            raise RecordDamaged(self.path, line, problem, readable_events=len(found.entries))
        for entry in found.entries:
            if not {"t", "id"} <= set(entry) or not ("d" in entry or entry.get("del")):
                raise RecordDamaged(self.path, None, "an entry lacks its table or id")
            self._apply(entry)
        self._lines = len(found.entries)
        if found.torn:
            self._drop_torn_tail(data, found.good_bytes)
        elif not self.read_only and self._lines > 200 and self._lines > 2 * self._live():
            self.compact()

    def _drop_torn_tail(self, data: bytes, good_bytes: int) -> None:
        torn = len(data) - good_bytes
        if self.read_only:
            self.notice(
                f"{self.path}: the last write ({torn} bytes) was never completed and is ignored"
            )
            return
        backup = self.path.with_name(
            f"{self.path.name}.torn-{pendulum.now('UTC').format('YYYYMMDDTHHmmss')}.bak"
        )
        shutil.copyfile(self.path, backup)
        os.chmod(backup, FILE_MODE)
        self.compact()
        self.notice(
            f"{self.path}: the last write ({torn} bytes) was never completed and was dropped; "
            f"the file as found is kept as {backup.name}"
        )

    def _live(self) -> int:
        return sum(len(docs) for docs in self._tables.values())

    def compact(self) -> None:
        """Rewrite the file with only the live documents: temp file, fsync, rename."""
        entries = [
            {"t": name, "id": k, "d": d}
            for name, docs in self._tables.items()
            for k, d in docs.items()
        ]
        temp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.write(fd, b"".join(logfile.encode(e) for e in entries))
            os.fsync(fd)
        finally:
            os.close(fd)
        self.close()
        os.replace(temp, self.path)
        _fsync_dir(self.path.parent)
        self._lines = len(entries)

    def _remove_stray_temp_files(self) -> None:
        for stray in self.path.parent.glob(f"{self.path.name}.tmp-*"):
            stray.unlink(missing_ok=True)


class AppendTable(Table):
    """A TinyDB Table whose insert appends one document instead of rewriting the table."""

    def insert(self, document: Mapping) -> int:
        if not isinstance(document, Mapping):
            raise ValueError("Document is not a Mapping")
        if not isinstance(self._storage, LogStorage):
            return super().insert(document)
        doc_id = self._get_next_id()
        self._storage.append(self.name, doc_id, dict(document))
        self.clear_cache()
        return doc_id


class RecordDB(TinyDB):
    table_class = AppendTable


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _why(path: Path, err: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk has become read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EIO: "the disk reported an input/output error",
    }
    return f"{path}: cannot save: {reasons.get(err.errno, err.strerror or str(err))}"
