"""The record file as a TinyDB storage: a log that documents are only ever appended to.

Every new document is one checksummed line (logfile.py) appended to the file and fsynced
before the call returns; no acknowledged byte is rewritten in place, and no byte this
storage did not write is ever cut. The file is replaced whole (temporary file, fsync,
rename) only to drop a torn last write.

TinyDB gets what an append-only table needs and no more: `read()` gives the documents,
`write()` takes new documents under new ids, and anything else (an update, a removal,
a dropped table) is refused, by `write()` and, before TinyDB changes anything, by
`AppendOnlyTable`. The record appends through `append()`, which hands over only the new
documents, so a save costs the same whatever the size of the record.

On loading, the file must pass the guard (guard.py: a regular file, bounded, for a
writer one name and its own), and every line must be whole, usable and in order
(entries.py): an id written twice or a deletion is damage, reported with its line.

Each document is held in memory once, here, carrying its id as `id` (on disk the id is
the line's, beside the document): the record's list of events is these same objects.

Each events line written carries `prev`, the hash of the events line before it (chain.py).
The storage keeps the hash of the newest one (`head`): taken of the last line at loading,
then of each line it writes, so neither loading nor appending hashes the whole file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from operator import itemgetter
from pathlib import Path
from typing import Any, NoReturn

import pendulum
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from meetingtui import files
from meetingtui.errors import RecordDamaged, RecordError, StorageFull
from meetingtui.notices import Notice, NoticeCode
from meetingtui.record import chain, checked, entries, guard, logfile
from meetingtui.record.checked import CheckedPrefix, Tables
from meetingtui.record.entries import Check, shape_problem

__all__ = ["AppendOnlyTable", "Check", "LogStorage", "RecordDB", "shape_problem"]


class LogStorage(Storage):
    def __init__(
        self,
        path: str | os.PathLike,
        read_only: bool = False,
        notice: Callable[[Notice], None] | None = None,
        fsync: files.Fsync | None = None,
        write: files.Write | None = None,
        check: Check | None = None,
        checked: CheckedPrefix | None = None,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self._notice = notice or (lambda notice: None)
        self._fsync = fsync  # injectable (None: os.fsync), so tests can make the disk fail
        self._write = write
        self._check = check  # run on every line as loaded, before anything is repaired
        self._checked = checked  # the lines `check` passed before, if kept (checked.py)
        self._tables: Tables = {}  # {table: {id: document}}, ids as on disk (strings)
        self._size = 0  # bytes known whole on disk: the next line goes right after them
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file loaded
        self._cut_pending = False  # a failed write of ours left bytes that could not be cut
        self._chain = chain.State()  # the newest event's hash, the events without prev
        self._load()

    # -- TinyDB's Storage interface ----------------------------------------------------
    def read(self) -> Tables | None:
        # TinyDB puts a changed table into this mapping before calling write(): a new one.
        return dict(self._tables) or None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write: taken only if it adds new documents under new ids."""
        for name in self._tables.keys() - data.keys():
            _refuse(self.path, f"table {name!r} would be dropped")
        appended: list[tuple[str, dict]] = []
        for name, docs in data.items():
            old = self._tables.get(name, {})
            for key, doc in old.items():
                if docs.get(key) is not doc and docs.get(key) != doc:
                    _refuse(self.path, f"document {key} of {name!r} would change or go")
            last = max(map(int, old), default=0)
            new = sorted((int(key), doc) for key, doc in docs.items() if key not in old)
            if new and new[0][0] <= last:
                _refuse(self.path, f"document {new[0][0]} of {name!r} would not come last")
            appended += [(name, dict(doc, id=key)) for key, doc in new]
        self._append(appended)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- appending -----------------------------------------------------------------------
    def documents(self, table: str) -> list[dict]:
        """The documents of a table in id order: the objects held here, not copies."""
        return sorted(self._tables.get(table, {}).values(), key=itemgetter("id"))

    def append(self, table: str, documents: list[dict], unchained: Collection[str] = ()) -> None:
        """Append documents (each with a new `id`) in one write and one fsync: all or none.

        Durable on return. The documents are then held here as they are (not copied).
        Events whose id is in `unchained` are written without `prev`, as they were in the
        file they come from (a record moved elsewhere keeps its chain as it was).
        """
        self._append([(table, doc) for doc in documents], unchained)

    # -- the chain (chain.py) ------------------------------------------------------------
    @property
    def head(self) -> str:
        """The hash of the newest events line; the record's genesis if it has none."""
        if self._chain.last is not None:
            return self._chain.last
        return chain.genesis(chain.agenda_of(self._tables.get("meta", {}).get("1")))

    @property
    def unchained(self) -> frozenset[str]:
        """The ids of the events read without `prev` (written by an earlier meetingtui)."""
        return self._chain.unchained

    def line(self, table: str, doc: dict, prev: str | None) -> tuple[bytes, str | None]:
        """The line for a document, and for an event its hash as it will read back."""
        entry = {"t": table, "id": str(doc["id"]), "d": _without_id(doc)}
        if table != "events":
            return logfile.encode(entry), None
        if prev is not None:
            entry["prev"] = prev
        return chain.encode(entry)

    def _append(self, documents: list[tuple[str, dict]], unchained: Collection[str] = ()) -> None:
        if not documents:
            return
        if self.read_only:
            raise RecordError(f"{self.path}: the record is open read-only")
        keyed = [(table, str(doc["id"]), doc) for table, doc in documents]
        keys = [(table, key) for table, key, _ in keyed]
        if len(set(keys)) < len(keys) or any(key in self._tables.get(t, {}) for t, key in keys):
            _refuse(self.path, f"an id in {[key for _, key in keys]} is taken")
        head, lines = self.head, []
        for table, key, doc in keyed:
            line, hashed = self.line(table, doc, None if key in unchained else head)
            lines.append(line)
            head = hashed or head
        data = b"".join(lines)
        fd = self._open()
        self._ready(fd)
        try:
            files.write_fully(fd, data, self._write)
            (self._fsync or os.fsync)(fd)
        except OSError as err:
            self._undo_partial(fd)
            raise StorageFull(cannot(self.path, err)) from err
        self._size += len(data)
        for table, key, doc in keyed:
            self._tables.setdefault(table, {})[key] = doc
        if any(table == "events" for table, _, _ in keyed):
            # The events written without prev stay unchained here too, so the record
            # moved on from this file (move_to again) writes the very same lines.
            bare = {key for table, key, _ in keyed if table == "events" and key in unchained}
            self._chain = chain.State(head, self._chain.unchained | bare)

    def _ready(self, fd: int) -> None:
        """Make sure the next line goes right after the last whole one, in our file."""
        try:
            mine = os.fstat(fd)
            named: os.stat_result | None = os.lstat(self.path)
        except FileNotFoundError:
            named = None
        except OSError as err:
            raise StorageFull(cannot(self.path, err)) from err
        identity = (mine.st_dev, mine.st_ino)
        if (
            named is None
            or (named.st_dev, named.st_ino) != identity
            or self._identity not in (None, identity)
        ):
            raise StorageFull(
                f"{self.path}: cannot save: the record file was moved, replaced or deleted by "
                "another program; save the record to another place"
            )
        self._identity = identity
        if mine.st_size > self._size and not self._cut_pending:
            # Bytes this storage did not write: another program (a second writer that got
            # past the lock) appended them. They are never cut, and nothing is written here.
            raise StorageFull(
                f"{self.path}: cannot save: another program has written to the record since it "
                "was opened; nothing is cut or written over: save the record to another place"
            )
        if mine.st_size > self._size:
            # Part of a failed write of ours that could not be cut at the time: cut it now, or
            # the next line would follow half a line and the record would read as damaged.
            try:
                os.ftruncate(fd, self._size)
                os.fsync(fd)
            except OSError as err:
                raise StorageFull(cannot(self.path, err)) from err
            self._cut_pending = False
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
            self._cut_pending = True
            self.close()  # the next append cuts it first (see _ready)

    def _open(self) -> int:
        if self._fd is None:
            try:
                new = not os.path.lexists(self.path)
                files.make_dirs(self.path.parent)
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | files.NOFOLLOW | files.NONBLOCK
                fd = os.open(self.path, flags | files.CLOEXEC | files.BINARY, files.FILE_MODE)
            except OSError as err:
                raise StorageFull(cannot(self.path, err)) from err
            # Whatever is there now must still be a file this writer may write.
            problem = guard.problem(self.path, os.fstat(fd), read_only=False)
            if problem:
                os.close(fd)
                raise StorageFull(f"{problem}; save the record to another place")
            self._fd = fd
            if new:
                try:
                    files.fsync_dir(self.path.parent)
                except OSError as err:
                    raise StorageFull(cannot(self.path, err)) from err
        return self._fd

    # -- loading and repair ------------------------------------------------------------
    def _load(self) -> None:
        if not self.read_only:
            # Temporary files of a repair cut short by a crash (the record itself is whole).
            for stray in files.stray_temp_files(self.path):
                stray.unlink(missing_ok=True)
        opened = guard.read(self.path, self.read_only)
        if opened is None:
            return
        data, st = opened
        self._identity = (st.st_dev, st.st_ino)
        # The lines checked at an earlier opening, if the file still begins with them.
        known = self._checked.known(data) if self._checked else None
        before = known.lines if known else 0
        start = known.length if known else 0
        found = logfile.scan(data[start:], first_line=before + 1)
        if found.damage:
            line, damage = found.damage
            raise self._damaged(data, line, damage)
        good_bytes = start + found.good_bytes
        if (
            found.torn
            and not known
            and not found.entries
            and not logfile.could_be_torn_write(data[good_bytes:])
        ):
            raise RecordDamaged(
                self.path, 1, "this is not a meetingtui record (no checksummed record lines)"
            )
        if known:  # checked, in this order, when they were kept: held as they were kept
            self._tables = known.tables
            order = entries.Order(known.last_ids(), known.in_order)
        else:
            order = entries.Order()
        for number, entry in enumerate(found.entries, start=before + 1):
            problem = entries.problem(entry, number, order, self._check)
            if problem:
                raise self._damaged(data, number, problem)
            self._hold(entry)
        self._size = good_bytes
        # Only the newest event line is hashed; a cached prefix brings its state along.
        self._chain = chain.follow(known.state if known else chain.State(), found.entries)
        if self._checked and found.entries:
            done = checked.runs(
                (entry["t"] for entry in found.entries), known.runs if known else None
            )
            self._checked.keep(data[:good_bytes], self._tables, done, self._chain)
        if not self.read_only:
            private = guard.make_private(self.path, st)
            if private:
                self._notice(private)
        if found.torn:
            self._drop_torn_tail(data, good_bytes)

    def _hold(self, entry: dict) -> None:
        """Hold a checked entry's document, with its id as a number."""
        self._tables.setdefault(entry["t"], {})[entry["id"]] = dict(entry["d"], id=int(entry["id"]))

    def _damaged(self, data: bytes, line: int, problem: str) -> RecordDamaged:
        """Damage at `line`, with the number of events `meetingtui recover` would copy."""
        readable = entries.salvage(data, self._check).events
        return RecordDamaged(self.path, line, problem, readable)

    def _drop_torn_tail(self, data: bytes, good_bytes: int) -> None:
        torn = len(data) - good_bytes
        if self.read_only:
            self._notice(
                Notice(
                    NoticeCode.TORN_WRITE_IGNORED,
                    f"{self.path}: the last write ({torn} bytes) was never completed and is "
                    "ignored",
                )
            )
            return
        stamp = pendulum.now("UTC").format("YYYYMMDDTHHmmss")
        try:
            # The file as found, next to it, under a name no earlier backup has.
            backup = files.write_unique(
                lambda suffix: self.path.with_name(f"{self.path.name}.torn-{stamp}{suffix}.bak"),
                data,
                self._write,
                self._fsync,
            )
            # Keep the whole lines byte for byte; only the torn tail goes.
            files.replace_file(self.path, data[:good_bytes], self._write, self._fsync)
            replaced = os.lstat(self.path)  # the lock is held: it is the file just written
            self._identity = (replaced.st_dev, replaced.st_ino)
        except OSError as err:
            raise RecordError(
                f"{self.path}: the last write ({torn} bytes) was never completed, and it cannot "
                f"be dropped: {files.reason(err)}; the file is left as it is"
            ) from err
        self._notice(
            Notice(
                NoticeCode.TORN_WRITE_DROPPED,
                f"{self.path}: the last write ({torn} bytes) was never completed and was "
                f"dropped; the file as found is kept as {backup.name}",
            )
        )


class AppendOnlyTable(Table):
    """A TinyDB table that takes new documents only: changing or removing one is refused."""

    def _refused(self) -> NoReturn:
        storage = self.storage
        where = storage.path if isinstance(storage, LogStorage) else Path(self.name)
        _refuse(where, f"table {self.name!r} cannot be changed, only added to")

    def update(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refused()

    def update_multiple(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refused()

    def upsert(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refused()

    def remove(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refused()

    def truncate(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refused()


class RecordDB(TinyDB):
    """TinyDB over a LogStorage, with tables that can only be added to."""

    table_class = AppendOnlyTable

    def __init__(self, storage: LogStorage):
        super().__init__(storage=lambda: storage)
        self.log = storage  # the same object as `storage`, typed

    def drop_table(self, name: str) -> NoReturn:
        _refuse(self.log.path, f"table {name!r} cannot be dropped")

    def drop_tables(self) -> NoReturn:
        _refuse(self.log.path, "the tables cannot be dropped")


def _refuse(path: Path, what: str) -> NoReturn:
    raise RecordError(f"{path}: the record is append-only: {what}")


def _without_id(doc: dict) -> dict:
    return {key: value for key, value in doc.items() if key != "id"}


def cannot(path: Path, err: OSError, doing: str = "save") -> str:
    return f"{path}: cannot {doing}: {files.reason(err)}"
