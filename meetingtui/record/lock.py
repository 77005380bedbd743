"""One writer per record: an flock on a sidecar file that says who holds it.

The kernel drops an flock when its process dies, so a killed writer never leaves the
record stuck: the next writer takes the lock over and rewrites the holder line.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from pathlib import Path

import pendulum
from pendulum.tz import get_local_timezone

from meetingtui import files
from meetingtui.errors import RecordError, RecordLocked


def lock_path(record: Path) -> Path:
    return record.with_name(record.name + ".lock")


class RecordLock:
    def __init__(self, record: Path):
        self.path = lock_path(record)
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            files.make_dirs(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, files.FILE_MODE)
        except OSError as err:
            raise RecordError(
                f"{self.path.with_suffix('')}: cannot open: {files.reason(err)}"
            ) from err
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise RecordLocked(
                f"{self.path.with_suffix('')}: the record is open in another meetingtui "
                f"({holder}); close that one first, or use `meetingtui attendance --watch` "
                "to follow it read-only"
            ) from None
        line = json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "since": pendulum.now().isoformat()}
        ).encode()
        try:
            # Write first, then cut what an earlier holder left: never an empty holder line.
            os.pwrite(fd, line, 0)
            os.ftruncate(fd, len(line))
        except OSError:
            pass  # the lock holds all the same; only the holder's name may be missing
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        since = pendulum.parse(info["since"])
        if not isinstance(since, pendulum.DateTime):
            return "another process"
        since = since.in_tz(get_local_timezone())
        return (
            f"process {info['pid']} on {info['host']}, since {since.format('DD-MM-YYYY HH:mm:ss')}"
        )
    except (ValueError, KeyError, TypeError):
        return "another process"
