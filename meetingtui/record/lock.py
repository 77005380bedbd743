"""One writer per record file: a lock on a sidecar file that says who holds it.

The sidecar is `<record>.lock` in the record's folder by its canonical path (links in
the folder's path resolved), so every path to the folder finds the same sidecar. The
record itself may have only one name (the guard refuses a symbolic link or a hard link
to it), so one file has one sidecar: a second writer is refused whatever path it takes.
The app's own rewrites replace the record under its name (a torn write dropped) or
write a new file under a lock taken first (save elsewhere, recovery): the sidecar, and
so the lock, stays with the name.

Two backends behind one interface, chosen by platform:

- `FcntlBackend` (Linux, macOS): `flock` on the sidecar. The kernel lets go of it when
  its process dies, so a killed writer never leaves the record stuck.
- `MsvcrtBackend` (Windows): `msvcrt.locking` of one byte far past the holder line.
  Windows locks are mandatory (a locked byte cannot even be read), so the byte is not
  the holder line's, which the refused writer must read; Windows too lets go of a
  dead process's locks.

The holder line (process, host, since when) is written after the lock is taken, first
over the old line, then cut to length: it is never empty while a writer holds the lock.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
from pathlib import Path
from types import ModuleType
from typing import Protocol

import pendulum
from pendulum.tz import get_local_timezone

from meetingtui import files
from meetingtui.errors import RecordError, RecordLocked

HOLDER_BYTES = 4096  # the holder line is read from the start, at most this long
LOCKED_BYTE = 1 << 30  # where the Windows backend locks: never part of the holder line


def lock_path(record: Path) -> Path:
    """The sidecar of a record: beside it, in its folder by the folder's canonical path."""
    record = Path(record)
    return Path(os.path.realpath(record.parent)) / (record.name + ".lock")


class Backend(Protocol):
    def try_lock(self, fd: int) -> bool:
        """Take the lock; False if another holds it (OSError for anything else)."""

    def unlock(self, fd: int) -> None: ...


class FcntlBackend:
    def __init__(self) -> None:
        import fcntl

        self._fcntl = fcntl

    def try_lock(self, fd: int) -> bool:
        try:
            self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_UN)


class MsvcrtBackend:
    """`msvcrt.locking` on the byte at LOCKED_BYTE; `msvcrt` is injectable for the tests."""

    # LK_NBLCK fails with EACCES when another holds the byte (EDEADLOCK on some CRTs).
    HELD = frozenset({errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)})

    def __init__(self, msvcrt: ModuleType | None = None) -> None:
        if msvcrt is None:
            import msvcrt as real  # Windows only

            msvcrt = real
        self._msvcrt = msvcrt

    def try_lock(self, fd: int) -> bool:
        os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)  # locking() locks from the file position
        try:
            self._msvcrt.locking(fd, self._msvcrt.LK_NBLCK, 1)
        except OSError as err:
            if err.errno in self.HELD:
                return False
            raise
        return True

    def unlock(self, fd: int) -> None:
        os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)
        self._msvcrt.locking(fd, self._msvcrt.LK_UNLCK, 1)


def default_backend() -> Backend:
    return MsvcrtBackend() if sys.platform == "win32" else FcntlBackend()


class RecordLock:
    def __init__(self, record: Path, backend: Backend | None = None):
        self.record = Path(record)
        self.path = lock_path(self.record)
        self._backend = backend or default_backend()
        self._fd: int | None = None

    def acquire(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | files.NOFOLLOW | files.CLOEXEC | files.BINARY
        try:
            files.make_dirs(self.path.parent)
            fd = os.open(self.path, flags, files.FILE_MODE)
        except OSError as err:
            raise RecordError(
                f"{self.record}: cannot open its lock {self.path.name}: {files.reason(err)}"
            ) from err
        try:
            kind = files.not_a_file(os.fstat(fd))
            if kind:
                raise RecordError(f"{self.path}: the record's lock is {kind}, not a file")
            if not self._backend.try_lock(fd):
                raise RecordLocked(
                    f"{self.record}: the record is open in another meetingtui "
                    f"({_holder(fd)}); close that one first, or use `meetingtui attendance "
                    "--watch` to follow it read-only"
                )
        except OSError as err:
            os.close(fd)
            raise RecordError(
                f"{self.record}: cannot lock the record: {files.reason(err)} (its disk may not "
                "support locks, as some network drives do not)"
            ) from err
        except BaseException:
            os.close(fd)
            raise
        line = json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "since": pendulum.now().isoformat()}
        ).encode()
        try:
            # Write first, then cut what an earlier holder left: never an empty holder line.
            os.lseek(fd, 0, os.SEEK_SET)
            files.write_fully(fd, line)
            os.ftruncate(fd, len(line))
        except OSError:
            pass  # the lock holds all the same; only the holder's name may be missing
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                self._backend.unlock(fd)
            except OSError:
                pass  # closing lets go of it all the same
            finally:
                os.close(fd)


def holder_of(record: Path, backend: Backend | None = None) -> str | None:
    """Who writes `record` now ("process N on HOST, since …"), or None if nobody does.

    A probe for messages about another path to the same file: the lock is tried and let
    go at once; a lock file that cannot be opened says nothing."""
    flags = os.O_RDWR | files.NOFOLLOW | files.CLOEXEC | files.BINARY
    try:
        fd = os.open(lock_path(Path(record)), flags)
    except OSError:
        return None
    try:
        backend = backend or default_backend()
        if backend.try_lock(fd):
            backend.unlock(fd)
            return None
        return _holder(fd)
    except OSError:
        return None
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, HOLDER_BYTES) or b"{}")
        since = pendulum.parse(info["since"])
        if not isinstance(since, pendulum.DateTime):
            return "another process"
        since = since.in_tz(get_local_timezone())
        return (
            f"process {info['pid']} on {info['host']}, since {since.format('DD-MM-YYYY HH:mm:ss')}"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"
