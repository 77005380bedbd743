"""What a record file must be before it is read or written, checked on the file itself.

- **A regular file.** A symbolic link, folder, named pipe (FIFO), device or socket is
  refused, saying what it is: a FIFO would hang the reader, a device (/dev/zero) never
  ends, and a link gives one file a second path with a lock sidecar of its own.
- **One name, for a writer.** A file with hard links (st_nlink > 1) is refused for the
  same reason: one writer per file, not per path. A reader may read one.
- **The user's own, for a writer.** A record owned by another user is refused: it
  cannot be made private, and whoever owns it can change it under the secretary. A
  reader (export, the chair's view, the bundled demo) may read one.
- **Private, for a writer.** A record readable or writable by others is made its
  owner's only (0600, as the app creates it) and the writer says so
  (RECORD_MADE_PRIVATE). Fixed rather than refused: the file is the user's own, and
  refusing would stop a meeting over a mode a `cp` gave it. A disk that keeps no
  permissions (FAT, exFAT, some SMB shares) cannot be fixed: that is said
  (RECORD_NOT_PRIVATE), not refused, as the secretary may have nowhere else to save.
- **At most MAX_BYTES**, and read through a bounded read, so a file that grows while
  it is read is refused too, never read without end.

The checks run twice: on `lstat` before the lock sidecar is made (a clear message, no
stray sidecar next to a link), and on the descriptor actually read (O_NOFOLLOW,
O_NONBLOCK, `fstat`), so nothing can be swapped in between. On Windows files have
ACLs, not an owner and mode bits: there only the kind, the links and the size count.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from meetingtui import files
from meetingtui.errors import RecordError
from meetingtui.notices import Notice, NoticeCode
from meetingtui.record import lock

MAX_BYTES = 256 * 1024 * 1024  # a 500-item meeting with 5,000 events is under 5 MB
READ_FLAGS = os.O_RDONLY | files.NOFOLLOW | files.NONBLOCK | files.CLOEXEC | files.BINARY


def current_user() -> int | None:
    """The effective user id, or None where files have no owner id (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") and not files.WINDOWS else None


def problem(path: Path, st: os.stat_result, read_only: bool) -> str | None:
    """Why `path` (with this stat) cannot be opened as a record, or None."""
    kind = files.not_a_file(st)
    if kind == "a symbolic link":
        try:
            target = f" to {os.readlink(path)}"
        except OSError:
            target = ""
        holder = lock.holder_of(path.resolve())
        held = f"; that record is open in another meetingtui ({holder})" if holder else ""
        return (
            f"{path}: is a symbolic link{target}, not a record file{held}; open the record by "
            "its own path (one file, one path, one lock)"
        )
    if kind:
        return f"{path}: is {kind}, not a record file (expected a .record file)"
    if st.st_size > MAX_BYTES:
        return (
            f"{path}: is {st.st_size:,} bytes, more than a record can be ({MAX_BYTES:,} "
            "bytes); it is not a meetingtui record"
        )
    if read_only:
        return None
    if st.st_nlink > 1:
        return (
            f"{path}: the record file has {st.st_nlink} names (hard links); through another "
            "name a second meetingtui could write it at the same time, so it is not opened: "
            "remove the other names, or copy the file and open the copy"
        )
    me = current_user()
    if me is not None and st.st_uid != me:
        return (
            f"{path}: the record belongs to another user (uid {st.st_uid}); meetingtui writes "
            "only your own records: copy it and open the copy"
        )
    return None


def check_path(path: Path, read_only: bool) -> os.stat_result | None:
    """The record's lstat if it exists and may be opened, None if absent; else RecordError."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise RecordError(f"{path}: cannot open: {files.reason(err)}") from err
    found = problem(path, st, read_only)
    if found:
        raise RecordError(found)
    return st


def read(path: Path, read_only: bool) -> tuple[bytes, os.stat_result] | None:
    """The whole record and the stat of the file read; None if there is no record yet."""
    check_path(path, read_only)
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a link swapped in
            check_path(path, read_only)
        raise RecordError(f"{path}: cannot read: {files.reason(err)}") from err
    try:
        st = os.fstat(fd)
        found = problem(path, st, read_only)
        if found:
            raise RecordError(found)
        data = files.read_at_most(fd, MAX_BYTES)
    except OSError as err:
        raise RecordError(f"{path}: cannot read: {files.reason(err)}") from err
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise RecordError(
            f"{path}: grew past {MAX_BYTES:,} bytes while it was read; it is not a meetingtui "
            "record"
        )
    return data, st


def make_private(path: Path, read: os.stat_result) -> Notice | None:
    """Make a writer's record (the file `read` was taken of) its owner's only; what was done.

    Done once the record was read whole and found good: a damaged file is left as it is.
    """
    if current_user() is None or not read.st_mode & 0o077:
        return None
    was = stat.S_IMODE(read.st_mode)
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return None  # gone or replaced: the writer finds out on its first save
    try:
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) != (read.st_dev, read.st_ino):
            return None
        os.fchmod(fd, files.FILE_MODE)
        now = stat.S_IMODE(os.fstat(fd).st_mode)
    except OSError:
        now = was
    finally:
        os.close(fd)
    if now & 0o077:
        return Notice(
            NoticeCode.RECORD_NOT_PRIVATE,
            f"{path}: the record can be read by others (mode {was:04o}) and its disk keeps "
            "no permissions (FAT, exFAT or a network share): keep it on this computer's disk",
        )
    return Notice(
        NoticeCode.RECORD_MADE_PRIVATE,
        f"{path}: the record could be read or written by others (mode {was:04o}); it is now "
        f"for its owner only ({now:04o}), as meetingtui makes every record",
    )
