"""Writing files safely, in one place: folders, whole writes, atomic replaces, free names.

Every file meetingtui writes is its user's own (0600, in 0700 folders it creates), and
reaches the disk before the call returns:

- `replace_file`: a file replaced whole, through a temporary file, fsync and rename, so
  a crash leaves the old content or the new, never a mix;
- `create_unique`: a new file under the first free name (`name`, `name-2`, `name-3`, ...),
  never an existing file or link;
- `link_unique`: the same rule, for a file written elsewhere and linked into place whole.

`reason(err)` says in English why the disk refused; the UI words it for the secretary.
`not_a_file(st)` names what a path holds when it is not a regular file, and
`read_at_most` reads a file without ever taking more than a limit.

The same code runs on Windows: flags Windows lacks (O_NOFOLLOW, O_CLOEXEC, O_NONBLOCK)
count as none, files are opened in binary mode (O_BINARY: no newline translation), and
a folder cannot be opened there to fsync it (NTFS journals its names itself).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
WINDOWS = os.name == "nt"
# Flags some systems lack count as none; O_BINARY (Windows only) keeps "\n" as it is.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
BINARY = getattr(os, "O_BINARY", 0)
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY

Write = Callable[[int, bytes], int]
Fsync = Callable[[int], None]
# name_for(suffix) -> a candidate path; suffix is "" for the first, then "-2", "-3", ...
NameFor = Callable[[str], Path]


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


def write_fully(fd: int, data: bytes, write: Write | None = None) -> None:
    """Write all of `data` (os.write may take only part of it)."""
    write = write or os.write  # looked up now, so a test can stand in for the disk
    done = 0
    while done < len(data):
        count = write(fd, data if done == 0 else data[done:])
        if count <= 0:
            raise OSError(errno.EIO, "the disk took no data")
        done += count


def fsync_dir(directory: Path) -> None:
    """Make a new, renamed or removed name in `directory` durable."""
    if WINDOWS:  # a folder cannot be opened as a file there; NTFS journals names itself
        return
    fd = os.open(directory, os.O_RDONLY | CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_and_close(
    fd: int, data: bytes, write: Write | None = None, fsync: Fsync | None = None
) -> None:
    """Write `data` to a new file's descriptor, fsync it, and close it whatever happens."""
    try:
        write_fully(fd, data, write)
        (fsync or os.fsync)(fd)
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """Where `replace_file` writes before its rename (see `stray_temp_files`)."""
    return path.with_name(f"{path.name}.tmp-{os.getpid()}")


def stray_temp_files(path: Path) -> list[Path]:
    """Temporary files of replaces of `path` cut short by a crash (by any process)."""
    pattern = glob.escape(path.name) + ".tmp-*"
    return [stray for stray in path.parent.glob(pattern) if stray.is_file()]


def replace_file(
    path: Path, data: bytes, write: Write | None = None, fsync: Fsync | None = None
) -> None:
    """Replace `path` whole with `data`: a crash leaves the old file or the new, never a mix.

    Temporary file (0600, never through a link), fsync, rename over `path`, fsync of the
    folder. On failure the temporary file is removed and `path` is as it was.
    """
    temp = temp_name(path)
    try:
        fd = os.open(
            temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW | CLOEXEC | BINARY, FILE_MODE
        )
        write_and_close(fd, data, write, fsync)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def free_names(name_for: NameFor) -> Iterator[Path]:
    """The candidate names, in order: name_for(""), name_for("-2"), name_for("-3"), ..."""
    yield name_for("")
    number = 2
    while True:
        yield name_for(f"-{number}")
        number += 1


def create_unique(name_for: NameFor) -> tuple[Path, int]:
    """Create a new, empty file (0600) under the first free name; its path and descriptor.

    Never opens an existing file, nor follows a link planted under a candidate name.
    """
    for candidate in free_names(name_for):
        try:
            return candidate, create_new(candidate)
        except FileExistsError:
            continue
    raise AssertionError("unreachable: free_names never ends")


def create_new(path: Path) -> int:
    """Create `path` as a new file (0600) and open it for writing; FileExistsError if taken."""
    return os.open(path, NEW_FILE, FILE_MODE)


def write_unique(
    name_for: NameFor, data: bytes, write: Write | None = None, fsync: Fsync | None = None
) -> Path:
    """Write `data` to a new file under the first free name, durably; its path.

    A file that cannot be written whole is removed again.
    """
    path, fd = create_unique(name_for)
    _fill_new(path, fd, data, write, fsync)
    return path


def write_new(
    path: Path, data: bytes, write: Write | None = None, fsync: Fsync | None = None
) -> None:
    """Write `data` to `path`, which must not exist yet (FileExistsError), durably."""
    _fill_new(path, create_new(path), data, write, fsync)


def _fill_new(path: Path, fd: int, data: bytes, write: Write | None, fsync: Fsync | None) -> None:
    try:
        write_and_close(fd, data, write, fsync)
        fsync_dir(path.parent)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def link_unique(source: Path, name_for: NameFor, next_free: bool = True) -> Path:
    """Give the file `source` a new name: the first free one (or only name_for("")).

    A link never replaces anything, a symlink included, so nothing planted at a
    candidate name is followed or overwritten. FileExistsError if no name is free.
    """
    for candidate in free_names(name_for):
        try:
            os.link(source, candidate)
        except FileExistsError:
            if not next_free:
                raise
            continue
        fsync_dir(candidate.parent)
        return candidate
    raise AssertionError("unreachable: free_names never ends")


def numbered(path: Path) -> NameFor:
    """The free-name rule for a name the user sees: `x.docx`, `x-2.docx`, `x-3.docx`, ..."""
    return lambda suffix: path.with_name(f"{path.stem}{suffix}{path.suffix}")


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "the disk reported an input/output error",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ELOOP: "it is a symbolic link (or a loop of them)",
}


def reason(err: OSError) -> str:
    """Why the disk refused, in English (the UI has its own Danish texts, by errno)."""
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return err.strerror or str(err)


def not_a_file(st: os.stat_result) -> str | None:
    """What a path holds if it is not a regular file ('a folder', ...), else None."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_at_most(fd: int, limit: int) -> bytes:
    """Read from `fd` to its end, but never more than limit + 1 bytes (more means too big)."""
    chunks = []
    left = limit + 1
    # A file of known size in one read (a 2 MB agenda: no chunks to join, a third of the time).
    size = os.fstat(fd).st_size
    while left > 0:
        chunk = os.read(fd, min(left, max(size + 1, 1 << 20)))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class NotReadable(ValueError):
    """A file the user named cannot be read; str() is one Danish line naming it."""


def read_named(path: Path, limit: int, expected: str, name: str | None = None) -> bytes:
    """The whole of a file the user named (agenda source, record, referat), read without
    following a link swapped in or hanging on a FIFO; NotReadable with one Danish line
    (`name`, or the path, first; `expected` says what was wanted) when it cannot be."""
    name = name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise NotReadable(f"{name}: filen findes ikke (forventede {expected})") from None
    except IsADirectoryError:
        raise NotReadable(f"{name}: er en mappe (forventede {expected})") from None
    except PermissionError:
        raise NotReadable(f"{name}: ingen adgang til at læse filen") from None
    except OSError as error:
        raise NotReadable(f"{name}: kan ikke læses ({error.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotReadable(f"{name}: er en mappe (forventede {expected})")
        if not stat.S_ISREG(mode):
            raise NotReadable(f"{name}: er ikke en almindelig fil (forventede {expected})")
        data = read_at_most(fd, limit)
    except OSError as error:
        raise NotReadable(f"{name}: kan ikke læses ({error.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise NotReadable(f"{name}: filen er for stor (højst {limit // (1024 * 1024)} MB)")
    return data
