"""Follow a record another process is writing, read-only, without taking its lock.

Polls os.stat; appended lines are read from where the last read stopped. A new inode
(the writer replaced the file to drop a torn write) or a shorter file means: read it all again.
"""

from __future__ import annotations

import os
from pathlib import Path

from meetingtui import events as ev
from meetingtui.record import logfile


class RecordFollower:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._stat: tuple | None = None
        self._offset = 0
        self._line = 1
        self._docs: dict[str, dict] = {}

    def poll(self) -> list[dict] | None:
        """The record's events if the file changed since the last poll, else None."""
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed by the with below
        except FileNotFoundError:
            return None
        with handle:
            # The stat of the file actually opened: the writer may rename a new one in.
            st = os.fstat(handle.fileno())
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            if stamp == self._stat:
                return None
            if self._stat is None or st.st_ino != self._stat[0] or st.st_size < self._offset:
                self._offset, self._line, self._docs = 0, 1, {}
            self._stat = stamp
            handle.seek(self._offset)
            data = handle.read()
        found = logfile.scan(data, self._line)
        for entry in found.entries:
            if entry.get("t") == "events":
                if entry.get("del"):
                    self._docs.pop(entry["id"], None)
                else:
                    self._docs[entry["id"]] = entry["d"]
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
