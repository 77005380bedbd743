"""Whether a record is on a network drive, where locks and fsync may not hold.

Municipal home folders are often network drives (SMB, NFS). There, a lock taken on one
laptop may not be seen on another, and fsync may return before the server has the data,
so "one writer" and "on disk before ✓ Gemt" are no longer the app's to promise. The
writer is not refused (it may be the only place the secretary can save), it is warned.

- Linux: the mount table (/proc/self/mountinfo), the longest mount point above the file.
- macOS and the BSDs: the output of `mount` ("<source> on <mount point> (<type>, ...)");
  `os.statvfs` does not give the file system's type there.
- Windows: a UNC path (\\\\server\\share\\...), or a drive letter whose GetDriveTypeW is
  DRIVE_REMOTE (a mapped network drive).

Each source is injectable for the tests. Anything that cannot be read means "not known
to be a network drive": no warning rather than a wrong one.
"""

from __future__ import annotations

import ntpath
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs3", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "9p", "afs",
        "coda", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "davfs", "webdav", "afpfs",
        "sshfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs2", "fuse.gvfsd-fuse",
        "fuse.glusterfs", "fuse.cephfs", "macfuse", "osxfuse",
    }
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW


def network_drive(
    path: Path,
    platform: str = sys.platform,
    mount_table: Callable[[], str] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """What network drive holds `path` ('cifs at /mnt/share'), or None if none is known."""
    try:
        if platform == "win32":
            return _windows(str(path), drive_type or _drive_type)
        where = os.path.realpath(path)
        if platform.startswith("linux"):
            mounts = _linux_mounts((mount_table or _read_mountinfo)())
        else:
            mounts = _mount_output_mounts((mount_table or _run_mount)())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    found = _holding(where, mounts)
    if found is None:
        return None
    point, fstype = found
    return f"{fstype} at {point}" if fstype in NETWORK_TYPES else None


def _holding(where: str, mounts: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The (mount point, type) of the deepest mount point above `where`."""
    best: tuple[str, str] | None = None
    for point, fstype in mounts:
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in a path as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _linux_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, type) from /proc/self/mountinfo: '... <point> <opts> ... - <type> ...'."""
    mounts = []
    for line in text.splitlines():
        before, sep, after = line.partition(" - ")
        fields = before.split()
        if not sep or len(fields) < 5 or not after.split():
            continue
        mounts.append((_unescape(fields[4]), after.split()[0]))
    return mounts


_MOUNT_LINE = re.compile(r"^.* on (?P<point>/.*?) \((?P<type>[^,)]+)")


def _mount_output_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, type) from `mount`: '//u@server/share on /Volumes/share (smbfs, ...)'."""
    mounts = []
    for line in text.splitlines():
        found = _MOUNT_LINE.match(line)
        if found:
            mounts.append((found.group("point"), found.group("type").strip()))
    return mounts


def _read_mountinfo() -> str:
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as file:
        return file.read(4 * 1024 * 1024)


def _run_mount() -> str:
    for command in ("/sbin/mount", "/usr/sbin/mount", "/bin/mount"):
        if os.path.exists(command):
            return subprocess.run(
                [command], capture_output=True, text=True, timeout=3, check=False
            ).stdout
    return ""


def _windows(path: str, drive_type: Callable[[str], int]) -> str | None:
    path = path.replace("/", "\\")
    if path.upper().startswith("\\\\?\\UNC\\"):  # \\?\UNC\server\share: a share, written long
        return f"network share {path}"
    if path.startswith(("\\\\?\\", "\\\\.\\")):  # \\?\C:\...: a local path, written long
        path = path[4:]
    drive, _ = ntpath.splitdrive(path)
    if drive.startswith("\\\\"):
        return f"network share {drive}"
    if drive and drive_type(drive + "\\") == DRIVE_REMOTE:
        return f"network drive {drive}"
    return None


def _drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))
