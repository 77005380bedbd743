"""Follow a record another process is writing, read-only, without taking its lock.

Polls the file; appended lines are read from where the last read stopped. A new inode
(the writer replaced the file to drop a torn write) or a shorter file means: read it all
again. The file must pass the reader's guard (a regular file, not a link, FIFO, device
or folder, at most guard.MAX_BYTES): anything else is a RecordError, never a hang or a
traceback. A line that would change history (an id written again, a deletion) is not
taken: the follower shows what was written first, and the writer reports the damage.
"""

from __future__ import annotations

import os
from pathlib import Path

from meetingtui import events as ev
from meetingtui import files
from meetingtui.errors import RecordError
from meetingtui.record import entries, guard, logfile


class RecordFollower:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._stat: tuple | None = None
        self._offset = 0
        self._line = 1
        self._docs: dict[str, dict] = {}

    def poll(self) -> list[dict] | None:
        """The record's events if the file changed since the last poll, else None."""
        if guard.check_path(self.path, read_only=True) is None:
            return None
        try:
            fd = os.open(self.path, guard.READ_FLAGS)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise RecordError(f"{self.path}: cannot read: {files.reason(err)}") from err
        try:
            # The stat of the file actually opened: the writer may rename a new one in.
            st = os.fstat(fd)
            problem = guard.problem(self.path, st, read_only=True)
            if problem:
                raise RecordError(problem)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            if stamp == self._stat:
                return None
            if self._stat is None or st.st_ino != self._stat[0] or st.st_size < self._offset:
                self._offset, self._line, self._docs = 0, 1, {}
            self._stat = stamp
            os.lseek(fd, self._offset, os.SEEK_SET)
            data = files.read_at_most(fd, max(guard.MAX_BYTES - self._offset, 0))
        except OSError as err:
            raise RecordError(f"{self.path}: cannot read: {files.reason(err)}") from err
        finally:
            os.close(fd)
        found = logfile.scan(data, self._line)
        for entry in found.entries:
            if entry.get("t") == "events" and entries.shape_problem(entry) is None:
                self._docs.setdefault(entry["id"], entry["d"])  # the first line for an id
        self._offset += found.good_bytes  # a half-written last line is read again next time
        self._line += len(found.entries)
        return events_of(self._docs)


def events_of(docs: dict[str, dict]) -> list[dict]:
    out = []
    for key in sorted(docs, key=int):
        event = dict(docs[key], id=int(key))
        try:
            ev.validate(event)
        except ev.EventError:
            continue  # a follower shows what it can; the writer reports damage
        out.append(event)
    return out
