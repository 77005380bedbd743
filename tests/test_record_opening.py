"""Opening a record: one writer per file (not per path), what a record file may be, and where.

A symbolic link or a hard link to an open record is refused, and so is a second writer
after the app's own rename-based rewrites. A FIFO, device or folder is refused with a
clear message, never a hang; reads are bounded. A record others may read is made private
(with a notice), one owned by another user is not written. A record on a network drive
is opened with a warning. The lock works the same through its Windows backend, tested
here through a stand-in for `msvcrt`.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pendulum
import pytest

from meetingtui import paths
from meetingtui.errors import RecordDamaged, RecordError, RecordLocked
from meetingtui.events import make
from meetingtui.notices import NoticeCode
from meetingtui.record import MeetingRecord, RecordFollower, guard, lock, logfile, network
from meetingtui.record.lock import MsvcrtBackend, RecordLock, lock_path

T0 = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds and modes")


def event(n: int) -> dict:
    return make("decision_set", now=T0.add(minutes=n), item=f"punkt-{n}", text=f"Beslutning {n}.")


@pytest.fixture(autouse=True)
def private_umask():
    old = os.umask(0o077)
    yield
    os.umask(old)


def a_record(path: Path, count: int = 2) -> list[dict]:
    record = MeetingRecord(path)
    written = [record.append(event(n)) for n in range(1, count + 1)]
    record.close()
    return written


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def finishes(call, seconds: float = 10.0):
    """Run `call` in a thread: its result or exception, or a failure if it hangs."""
    box: dict = {}

    def run():
        try:
            box["value"] = call()
        except BaseException as err:  # noqa: BLE001 - handed to the test
            box["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "it hangs"
    if "error" in box:
        raise box["error"]
    return box.get("value")


# -- one writer per file ----------------------------------------------------------------------
def test_a_hard_link_to_an_open_record_is_refused_and_loses_nothing(tmp_path):
    """Each name had its own lock sidecar: the second writer's event was cut by the first."""
    path = tmp_path / "meeting.record"
    first = MeetingRecord(path)
    first.append(event(1))
    other = tmp_path / "other-name.record"
    os.link(path, other)
    with pytest.raises(RecordError, match="2 names") as caught:
        MeetingRecord(other)
    assert str(other) in str(caught.value) and "hard link" in str(caught.value)
    first.append(event(2))
    first.close()
    with pytest.raises(RecordError, match="hard link"):
        MeetingRecord(path)  # not by either name, while there are two
    reader = MeetingRecord(other, read_only=True)  # a reader may read it
    assert [e["id"] for e in reader.events] == [1, 2]
    reader.close()
    os.unlink(other)
    assert [e["id"] for e in MeetingRecord(path, read_only=True).events] == [1, 2]


def test_a_symbolic_link_to_a_record_is_refused(tmp_path):
    path = tmp_path / "meeting.record"
    a_record(path)
    link = tmp_path / "link.record"
    link.symlink_to(path)
    for read_only in (False, True):
        with pytest.raises(RecordError, match="is a symbolic link") as caught:
            MeetingRecord(link, read_only=read_only)
        assert str(path) in str(caught.value), "it says where the link points"
    assert not lock_path(link).exists(), "no lock sidecar is left beside the link"
    dangling = tmp_path / "dangling.record"
    dangling.symlink_to(tmp_path / "nowhere.record")
    with pytest.raises(RecordError, match="symbolic link"):
        MeetingRecord(dangling)
    assert not (tmp_path / "nowhere.record").exists(), "a link is never followed to create"


def test_a_record_through_a_linked_folder_has_the_same_lock(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real)
    first = MeetingRecord(real / "meeting.record")
    with pytest.raises(RecordLocked):
        MeetingRecord(tmp_path / "alias" / "meeting.record")
    with pytest.raises(RecordLocked):
        MeetingRecord(tmp_path / "alias" / ".." / "real" / "meeting.record")
    first.close()


def test_a_second_writer_is_refused_after_a_torn_write_was_dropped(tmp_path):
    """Dropping a torn write renames a new file into place: the lock stays with the record."""
    path = tmp_path / "meeting.record"
    a_record(path, 3)
    with open(path, "ab") as handle:
        handle.write(logfile.encode({"t": "events", "id": "4", "d": event(4)})[:20])
    inode = path.stat().st_ino
    first = MeetingRecord(path)
    assert path.stat().st_ino != inode, "the file was replaced"
    with pytest.raises(RecordLocked):
        MeetingRecord(path)
    first.append(event(4))
    first.close()


def test_a_second_writer_is_refused_at_the_place_a_record_was_saved_to(tmp_path):
    path = tmp_path / "meeting.record"
    record = MeetingRecord(path)
    record.append(event(1))
    elsewhere = tmp_path / "usb" / "meeting.record"
    record.move_to(elsewhere)
    with pytest.raises(RecordLocked):
        MeetingRecord(elsewhere)
    MeetingRecord(path).close()  # the old one was let go
    with pytest.raises(RecordError, match="saved there already"):
        record.move_to(tmp_path / "usb" / ".." / "usb" / "meeting.record")
    record.close()


def test_bytes_another_program_appended_are_never_cut(tmp_path):
    """A writer that got past the lock appends a line: the next save refuses, cuts nothing."""
    path = tmp_path / "meeting.record"
    record = MeetingRecord(path)
    record.append(event(1))
    theirs = logfile.encode({"t": "events", "id": "2", "d": event(2)})
    with open(path, "ab") as handle:
        handle.write(theirs)
    on_disk = path.read_bytes()
    mine = record.append(event(3))
    assert not record.saved and "another program has written" in record.save_error
    assert path.read_bytes() == on_disk, "their line is not cut, nothing is written after it"
    record.move_to(tmp_path / "safe.record")  # the secretary's way out loses nothing
    assert record.saved
    record.close()
    assert [e["id"] for e in MeetingRecord(tmp_path / "safe.record").events] == [1, mine["id"]]


def test_a_lock_sidecar_that_is_a_link_is_not_followed(tmp_path):
    path = tmp_path / "meeting.record"
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    lock_path(path).symlink_to(target)
    with pytest.raises(RecordError, match="lock"):
        MeetingRecord(path)
    assert target.read_text() == "keep me"


# -- the Windows lock, through a stand-in for msvcrt ---------------------------------------------
class FakeMsvcrt:
    """msvcrt.locking as Windows does it: mandatory byte-range locks from the file position."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self):
        self.held: dict[tuple, int] = {}  # (device, inode, offset, length) -> fd

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        st = os.fstat(fd)
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        # A mandatory lock over the holder line would keep the refused writer from reading it.
        assert offset >= lock.HOLDER_BYTES, "the locked byte must not be the holder line's"
        key = (st.st_dev, st.st_ino, offset, nbytes)
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            del self.held[key]
        else:
            raise AssertionError(f"mode {mode} is not used")


def test_the_windows_backend_refuses_a_second_writer_and_names_the_holder(tmp_path, monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setattr(lock, "default_backend", lambda: MsvcrtBackend(fake))
    path = tmp_path / "meeting.record"
    first = MeetingRecord(path)
    first.append(event(1))
    with pytest.raises(RecordLocked, match=f"process {os.getpid()} on .*, since"):
        MeetingRecord(path)
    other = tmp_path / "other.record"
    os.link(path, other)
    with pytest.raises(RecordError, match="hard link"):
        MeetingRecord(other)
    os.unlink(other)
    first.close()
    assert fake.held == {}, "let go on close"
    again = MeetingRecord(path)
    assert [e["id"] for e in again.events] == [1]
    again.close()


def test_the_windows_backend_is_chosen_on_windows(tmp_path, monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    backend = lock.default_backend()
    assert isinstance(backend, MsvcrtBackend)
    monkeypatch.undo()
    first = RecordLock(tmp_path / "m.record", backend)
    first.acquire()
    with pytest.raises(RecordLocked):
        RecordLock(tmp_path / "m.record", MsvcrtBackend(fake)).acquire()
    first.release()


def test_a_lock_the_disk_cannot_take_is_a_clear_error(tmp_path):
    class NoLocks:
        def try_lock(self, fd):
            raise OSError(errno.ENOLCK, "No locks available")

        def unlock(self, fd):
            raise AssertionError("never taken")

    with pytest.raises(RecordError, match="cannot lock the record: No locks available"):
        RecordLock(tmp_path / "m.record", NoLocks()).acquire()


# -- what a record file may be ------------------------------------------------------------------
@POSIX
@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
def test_a_fifo_as_record_is_refused_without_hanging(tmp_path, read_only):
    fifo = tmp_path / "meeting.record"
    os.mkfifo(fifo)
    with pytest.raises(RecordError, match="is a named pipe"):
        finishes(lambda: MeetingRecord(fifo, read_only=read_only))
    with pytest.raises(RecordError, match="is a named pipe"):
        finishes(lambda: RecordFollower(fifo).poll())


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_as_record_is_refused_not_read_without_end():
    for read_only in (False, True):
        with pytest.raises(RecordError, match="/dev/zero: is a device"):
            finishes(lambda read_only=read_only: MeetingRecord("/dev/zero", read_only=read_only))
    with pytest.raises(RecordError, match="is a device"):
        finishes(lambda: RecordFollower(Path("/dev/zero")).poll())


def test_a_folder_as_record_is_refused(tmp_path):
    folder = tmp_path / "meeting.record"
    folder.mkdir()
    for read_only in (False, True):
        with pytest.raises(RecordError, match="is a folder, not a record file"):
            MeetingRecord(folder, read_only=read_only)
    with pytest.raises(RecordError, match="is a folder"):
        RecordFollower(folder).poll()


def test_a_path_under_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(RecordError, match="a part of the path is a file, not a folder"):
        MeetingRecord(tmp_path / "afile" / "meeting.record")


def test_a_record_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "meeting.record"
    a_record(path, 3)
    monkeypatch.setattr(guard, "MAX_BYTES", path.stat().st_size - 1)
    reads = []
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or b"")
    with pytest.raises(RecordError, match="more than a record can be"):
        MeetingRecord(path, read_only=True)
    assert reads == [], "not read at all"


def test_a_record_growing_while_read_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "meeting.record"
    a_record(path, 3)
    limit = path.stat().st_size + 10
    monkeypatch.setattr(guard, "MAX_BYTES", limit)
    real_read = os.read
    given = []

    def endless(fd, n):  # the file keeps growing as it is read
        given.append(real_read(fd, n) or b"0" * n)
        return given[-1]

    monkeypatch.setattr(os, "read", endless)
    with pytest.raises(RecordError, match="grew past"):
        MeetingRecord(path, read_only=True)
    assert sum(map(len, given)) == limit + 1


# -- owner and mode ---------------------------------------------------------------------------
@POSIX
def test_a_record_others_may_read_is_made_private_with_a_notice(tmp_path):
    path = tmp_path / "meeting.record"
    written = a_record(path)
    path.chmod(0o644)
    reader = MeetingRecord(path, read_only=True)
    assert reader.notices == [] and mode(path) == 0o644, "a reader changes nothing"
    reader.close()
    writer = MeetingRecord(path)
    [notice] = writer.notices
    assert notice.code is NoticeCode.RECORD_MADE_PRIVATE
    assert "mode 0644" in notice.detail and "0600" in notice.detail
    assert mode(path) == 0o600 and writer.events == written
    writer.close()
    path.chmod(0o666)
    assert [n.code for n in MeetingRecord(path).notices] == [NoticeCode.RECORD_MADE_PRIVATE]


@POSIX
def test_a_damaged_record_others_may_read_is_left_as_it_is(tmp_path):
    path = tmp_path / "meeting.record"
    a_record(path, 3)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([lines[0], b"garbage\n", *lines[1:]]))
    path.chmod(0o644)
    with pytest.raises(RecordDamaged):
        MeetingRecord(path)
    assert mode(path) == 0o644, "a damaged file is not touched, its mode neither"


@POSIX
def test_a_disk_that_keeps_no_permissions_is_said_not_refused(tmp_path, monkeypatch):
    path = tmp_path / "meeting.record"
    a_record(path)
    path.chmod(0o755)
    monkeypatch.setattr(os, "fchmod", lambda fd, mode: None)  # FAT: chmod does nothing
    record = MeetingRecord(path)
    assert [n.code for n in record.notices] == [NoticeCode.RECORD_NOT_PRIVATE]
    record.append(event(3))
    record.close()


@POSIX
def test_a_record_of_another_user_is_not_written(tmp_path, monkeypatch):
    path = tmp_path / "meeting.record"
    written = a_record(path)
    path.chmod(0o666)
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    with pytest.raises(RecordError, match=r"belongs to another user \(uid \d+\)"):
        MeetingRecord(path)
    assert mode(path) == 0o666, "not touched"
    reader = MeetingRecord(path, read_only=True)  # export, the chair's view: only reading
    assert reader.events == written
    reader.close()


# -- network drives ---------------------------------------------------------------------------
def mountinfo(point: str, fstype: str) -> str:
    escaped = point.replace(" ", "\\040")
    return (
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        f"95 22 0:50 / {escaped} rw,relatime shared:50 - {fstype} //server/home rw,vers=3.0\n"
    )


@pytest.mark.parametrize("fstype", ["cifs", "nfs4", "smb3", "fuse.sshfs", "9p"])
def test_a_record_on_a_network_drive_is_opened_with_a_warning(tmp_path, monkeypatch, fstype):
    share = tmp_path / "home share"
    share.mkdir()
    table = mountinfo(os.path.realpath(share), fstype)
    monkeypatch.setattr(network, "_read_mountinfo", lambda: table)
    monkeypatch.setattr(sys, "platform", "linux")
    path = share / "meeting.record"
    record = MeetingRecord(path)
    [notice] = record.notices
    assert notice.code is NoticeCode.RECORD_ON_NETWORK_DRIVE
    assert fstype in notice.detail and str(path) in notice.detail
    record.append(event(1))
    record.close()
    assert MeetingRecord(path, read_only=True).notices == [], "a reader is not warned"
    assert MeetingRecord(tmp_path / "local.record").notices == []


def test_the_mount_table_is_read_as_linux_writes_it():
    table = mountinfo("/mnt/home share", "cifs") + (
        "96 95 0:51 / /mnt/home\\040share/local rw - ext4 /dev/sdb1 rw\n"
    )
    read = lambda path: network.network_drive(  # noqa: E731
        Path(path), platform="linux", mount_table=lambda: table
    )
    assert read("/mnt/home share/referater/m.record") == "cifs at /mnt/home share"
    assert read("/mnt/home share/local/m.record") is None, "the deepest mount point counts"
    assert read("/mnt/home sharex/m.record") is None
    assert read("/home/sekretaer/m.record") is None


def test_the_mount_output_of_macos_is_read():
    output = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//sekr@fil01.kommune.dk/home on /Volumes/home (smbfs, nodev, nosuid, mounted by sekr)\n"
        "fil02:/export/referater on /Volumes/referater (nfs, asynchronous)\n"
    )
    read = lambda path: network.network_drive(  # noqa: E731
        Path(path), platform="darwin", mount_table=lambda: output
    )
    assert read("/Volumes/home/m.record") == "smbfs at /Volumes/home"
    assert read("/Volumes/referater/2025/m.record") == "nfs at /Volumes/referater"
    assert read("/Users/sekr/m.record") is None


def test_windows_network_shares_and_mapped_drives_are_found():
    types = {"C:\\": 3, "H:\\": network.DRIVE_REMOTE}
    read = lambda path: network.network_drive(  # noqa: E731
        path, platform="win32", drive_type=lambda root: types.get(root, 0)
    )
    assert read("\\\\fil01\\home\\sekr\\m.record") == "network share \\\\fil01\\home"
    assert read("//fil01/home/m.record") == "network share \\\\fil01\\home"
    assert read("\\\\?\\UNC\\fil01\\home\\m.record").startswith("network share")
    assert read("H:\\referater\\m.record") == "network drive H:"
    assert read("\\\\?\\H:\\referater\\m.record") == "network drive H:"
    assert read("C:\\Users\\sekr\\m.record") is None


def test_an_unreadable_mount_table_is_no_warning(tmp_path):
    def broken():
        raise OSError(errno.EACCES, "no")

    assert network.network_drive(tmp_path, platform="linux", mount_table=broken) is None


# -- the commands ---------------------------------------------------------------------------------
def meetingtui(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "meetingtui", *args],
        cwd=cwd,
        env=dict(os.environ, COLUMNS="200", NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["attendance", "export"])
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_the_commands_refuse_a_record_that_is_not_a_file_in_one_line(tmp_path, command, kind):
    record = tmp_path / "meeting.record"
    if kind == "folder":
        record.mkdir()
    else:
        os.mkfifo(record)
    args = [command, str(paths.DEMO_AGENDA), "--record", str(record)]
    line = one_line_error(meetingtui(*args, cwd=tmp_path))
    assert str(record) in line and ("folder" in line or "named pipe" in line)


def test_recover_says_which_lines_it_left_out(tmp_path):
    path = tmp_path / "meeting.record"
    a_record(path, 4)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b'"punkt-2"', b'"punkt-X"')  # checksum no longer matches
    path.write_bytes(b"".join(lines))
    result = meetingtui("recover", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Copied 3 readable events" in result.stdout
    assert f"{path}, line 3: left out: checksum does not match" in result.stdout


def test_a_symbolic_link_to_an_open_record_names_the_writer(tmp_path):
    """The second app through a link is told who has the record open, as on the same path."""
    import os
    import socket

    path = tmp_path / "meeting.record"
    writer = MeetingRecord(path)
    try:
        link = tmp_path / "link.record"
        link.symlink_to(path)
        with pytest.raises(RecordError, match="is a symbolic link") as caught:
            MeetingRecord(link)
        message = str(caught.value)
        assert f"process {os.getpid()} on {socket.gethostname()}" in message
        assert "open in another meetingtui" in message
    finally:
        writer.close()
    with pytest.raises(RecordError) as closed:
        MeetingRecord(link)
    assert "open in another meetingtui" not in str(closed.value), "nobody holds it now"
