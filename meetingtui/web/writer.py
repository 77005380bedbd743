"""Whether the secretary's app is still writing a record, found without taking its lock.

The writer holds `flock` on `<record>.lock` (record/lock.py) and writes its holder line
(process, host, since) into it. Trying the lock, even for a moment, could refuse the
secretary's app that starts at that instant, so the follower never does. It reads:

- on Linux, `/proc/locks`: whether any process holds a lock on the sidecar's inode;
- elsewhere, the holder line: the process named, on this host, still running and started
  before it took the lock.

A holder on another host (a record on a network drive) cannot be checked: "unknown".
"""

from __future__ import annotations

import json
import os
import socket
from enum import Enum
from pathlib import Path

import pendulum

from meetingtui.record.lock import HOLDER_BYTES, lock_path

PROC_LOCKS = Path("/proc/locks")


class Writer(Enum):
    WRITING = "writing"
    STOPPED = "stopped"  # nobody holds the lock: the app is closed (or never opened it)
    UNKNOWN = "unknown"  # held from another host, or the sidecar cannot be read


def writer_of(record: Path, proc_locks: Path = PROC_LOCKS) -> Writer:
    sidecar = lock_path(record)
    try:
        st = os.stat(sidecar)
    except FileNotFoundError:
        return Writer.STOPPED
    except OSError:
        return Writer.UNKNOWN
    held = _held_in_proc_locks(st, proc_locks)
    if held is not None:
        return Writer.WRITING if held else Writer.STOPPED
    return _holder_alive(sidecar)


def _held_in_proc_locks(st: os.stat_result, proc_locks: Path) -> bool | None:
    """Whether /proc/locks lists a lock on the file (None where there is no /proc/locks).

    Lines read `1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF`: the device's major and
    minor numbers in hex and the inode in decimal."""
    try:
        text = proc_locks.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in text.splitlines():
        fields = line.split()
        if "->" in fields:  # a waiter blocked on a lock, not a holder
            continue
        if any(_same_file(field, wanted) for field in fields[4:7]):
            return True
    return False


def _same_file(field: str, wanted: str) -> bool:
    parts = field.split(":")
    if len(parts) != 3:
        return False
    want = wanted.split(":")
    try:
        return (
            int(parts[0], 16) == int(want[0], 16)
            and int(parts[1], 16) == int(want[1], 16)
            and parts[2] == want[2]
        )
    except ValueError:
        return False


def _holder_alive(sidecar: Path) -> Writer:
    try:
        with open(sidecar, "rb") as handle:
            info = json.loads(handle.read(HOLDER_BYTES) or b"{}")
        pid, host = int(info["pid"]), str(info["host"])
        since = pendulum.parse(str(info["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Writer.UNKNOWN
    if host != socket.gethostname():
        return Writer.UNKNOWN
    import psutil  # only where there is no /proc/locks

    try:
        process = psutil.Process(pid)
        started = process.create_time()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return Writer.STOPPED
    if not isinstance(since, pendulum.DateTime) or started > since.timestamp() + 1:
        return Writer.STOPPED  # the number was reused by a later process
    return Writer.WRITING
