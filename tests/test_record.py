"""The meeting record on disk: power cuts, damage, a failing disk, the lock, modes, following.

A power cut can leave the last write half on disk, or its blocks zeroed or filled with
garbage; the record must then load with every earlier event, drop the torn one with a
notice and keep the file as found. Damage anywhere else is reported (file, line, problem)
and never written over. A disk that refuses (full, read-only, no permission) loses
nothing. One writer at a time; a killed writer's lock is taken over.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pendulum
import pytest

from meetingtui.errors import RecordDamaged, RecordError, RecordLocked
from meetingtui.events import EventError, make
from meetingtui.notices import Notice, NoticeCode
from meetingtui.record import MeetingRecord, RecordFollower, logfile, recover_copy

T0 = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")


def event(n: int, text: str | None = None) -> dict:
    """A distinct event for each n (the id it will get)."""
    now = T0.add(minutes=n)
    if n % 2:
        return make("roll_call", now=now, member=f"medlem-{n}", status="afbud")
    return make(
        "decision_set", now=now, item=f"punkt-{n}", text=text or f"Beslutning {n}: godkendt."
    )


def without_id(events: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "id"} for e in events]


def write_record(path: Path, count: int, last_text: str | None = None) -> tuple[list[dict], int]:
    """A record with events 1..count; returns them and the file size before the last one."""
    record = MeetingRecord(path)
    written = []
    size_before_last = 0
    for n in range(1, count + 1):
        if n == count:
            size_before_last = path.stat().st_size
        written.append(record.append(event(n, last_text if n == count else None)))
    record.close()
    return written, size_before_last


def load(path: Path, **options) -> tuple[list[dict], list[Notice]]:
    notices: list[Notice] = []
    record = MeetingRecord(path, notice=notices.append, **options)
    try:
        return record.events, notices
    finally:
        record.close()


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".torn-*.bak"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def private_umask():
    """Files the tests write by hand are private, as the app makes them.

    (A record that others may read is made private with a notice: tested on its own.)
    """
    old = os.umask(0o077)
    yield
    os.umask(old)


# -- power cut inside the last write ---------------------------------------------------------
def check_cut(path: Path, data: bytes, earlier: list[dict]) -> None:
    """The file holds `data`, torn inside its last write: it loads without that write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    events, notices = load(path)
    assert events == earlier, "every event before the torn write must load, and only those"
    assert [n.code for n in notices] == [NoticeCode.TORN_WRITE_DROPPED], "it is announced"
    found = backups(path)
    assert len(found) == 1, "the file as found is kept"
    assert found[0].read_bytes() == data
    assert str(path) in notices[0].detail and found[0].name in notices[0].detail
    assert str(notices[0]) == notices[0].detail  # what the CLI prints
    # Repaired: it opens again without a notice, and the next event follows on.
    again = MeetingRecord(path)
    assert again.notices == [] and again.events == earlier
    assert again.append(event(len(earlier) + 1))["id"] == len(earlier) + 1
    again.close()
    assert load(path)[0] == [*earlier, dict(event(len(earlier) + 1), id=len(earlier) + 1)]


def test_power_cut_at_every_byte_of_the_last_write(tmp_path):
    source = tmp_path / "source.record"
    written, before = write_record(source, 6)
    data = source.read_bytes()
    assert len(data) - before > 100
    for offset in range(before + 1, len(data)):  # before+0 is a clean end, len is whole
        check_cut(tmp_path / f"cut-{offset}" / "meeting.record", data[:offset], written[:5])


def test_power_cut_inside_a_large_last_write_sampled(tmp_path):
    source = tmp_path / "source.record"
    decision = ("Regionsrådet godkender planen for 2026–2029 🙂, jf. § 13, stk. 2.\n" * 800)[
        :50_000
    ]
    written, before = write_record(source, 4, last_text=decision)
    data = source.read_bytes()
    assert len(data) - before > 50_000
    inside = range(before + 1, len(data))
    offsets = set(random.Random(4).sample(inside, 994))
    offsets |= {before + 1, before + 8, before + 9, before + 10, len(data) - 2, len(data) - 1}
    assert len(offsets) <= 1000
    for offset in sorted(offsets):
        check_cut(tmp_path / f"cut-{offset}" / "meeting.record", data[:offset], written[:3])


@pytest.mark.parametrize(
    "damage",
    [
        "zeros over the whole last write",
        "zeros over the end of the last write",
        "garbage over the last write",
        "garbage ending in a newline",
        "zeros after a whole last write",
    ],
)
def test_power_cut_leaving_zeros_or_garbage(tmp_path, damage):
    path = tmp_path / "meeting.record"
    written, before = write_record(path, 5)
    data = bytearray(path.read_bytes())
    rng = random.Random(damage)
    last = len(data) - before
    earlier = written[:4]
    if damage == "zeros over the whole last write":
        data[before:] = bytes(last)
    elif damage == "zeros over the end of the last write":
        data[before + last // 3 :] = bytes(len(data) - before - last // 3)
    elif damage == "garbage over the last write":
        data[before:] = bytes(rng.choice(range(11, 256)) for _ in range(last))
    elif damage == "garbage ending in a newline":
        data[before:] = bytes(rng.choice(range(11, 256)) for _ in range(last - 1)) + b"\n"
    else:  # the size reached the disk before the data of a later write
        data += bytes(4096)
        earlier = written
    check_cut(path, bytes(data), earlier)


def test_a_torn_write_is_only_reported_when_opened_read_only(tmp_path):
    path = tmp_path / "meeting.record"
    written, before = write_record(path, 3)
    torn = path.read_bytes()[:-7]
    path.write_bytes(torn)
    events, notices = load(path, read_only=True)
    assert events == written[:2]
    assert [n.code for n in notices] == [NoticeCode.TORN_WRITE_IGNORED]
    assert "never completed" in notices[0].detail
    assert path.read_bytes() == torn and backups(path) == []


def test_a_stray_temporary_file_of_a_cut_rewrite_is_removed(tmp_path):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 5)
    data = path.read_bytes()
    stray = path.with_name(path.name + ".tmp-4242")
    stray.write_bytes(data[: len(data) // 2])  # a rewrite killed half way, before its rename
    events, notices = load(path)
    assert events == written and notices == []
    assert not stray.exists()
    assert path.read_bytes() == data


def test_a_repair_cut_short_leaves_the_record_as_it_was_and_is_done_again(tmp_path):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 5)
    torn = path.read_bytes()[:-20]
    path.write_bytes(torn)
    stray = path.with_name(path.name + ".tmp-999")
    stray.write_bytes(torn[: len(torn) // 3])  # the repair's own temp file, half written
    events, notices = load(path)
    assert events == written[:4] and len(notices) == 1
    assert not stray.exists()
    assert [b.read_bytes() for b in backups(path)] == [torn]


def test_a_torn_first_write_gives_a_record_that_remembers_its_agenda(tmp_path):
    path = tmp_path / "meeting.record"
    MeetingRecord(path, agenda_sha256="aaa").close()
    path.write_bytes(path.read_bytes()[:30])  # the very first line torn
    record = MeetingRecord(path, agenda_sha256="aaa")
    assert record.events == [] and len(record.notices) == 1
    record.append(event(1))
    record.close()
    reopened = MeetingRecord(path, agenda_sha256="bbb")
    assert [n.code for n in reopened.notices] == [NoticeCode.AGENDA_CHANGED]
    assert "agenda file has changed" in reopened.notices[0].detail
    assert reopened.events == [dict(event(1), id=1)]
    reopened.close()


def test_an_empty_file_opens_as_a_new_record(tmp_path):
    path = tmp_path / "meeting.record"
    path.write_bytes(b"")
    record = MeetingRecord(path, agenda_sha256="aaa")
    record.append(event(1))
    record.close()
    reopened = MeetingRecord(path, agenda_sha256="bbb")
    assert [n.code for n in reopened.notices] == [NoticeCode.AGENDA_CHANGED]
    reopened.close()


# -- damage other than a torn last write ----------------------------------------------------
def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def assert_damaged(path: Path, *words: str, read_only: bool = False) -> RecordDamaged:
    before = path.read_bytes()
    files = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(RecordDamaged) as caught:
        MeetingRecord(path, read_only=read_only)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert path.read_bytes() == before, "a damaged record is never written over"
    after = sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock"))
    assert after == [f for f in files if not f.endswith(".lock")], "no backup, no repair"
    return caught.value


def assert_recovers(path: Path, expected: list[dict], left_out: list[int]) -> list[str]:
    """recover copies `expected` (every readable event) and names the lines it left out."""
    before = path.read_bytes()
    copy, count, skipped = recover_copy(path)
    assert copy != path and copy.exists()
    assert count == len(expected)
    assert [line for line, _ in skipped] == left_out
    assert path.read_bytes() == before
    events, notices = load(copy)
    assert events == expected and notices == []
    assert mode(copy) == 0o600
    return [why for _, why in skipped]


@pytest.mark.parametrize("where", ["payload", "checksum"])
def test_a_corrupt_line_in_the_middle(tmp_path, where):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 6)
    lines = lines_of(path)  # line 1 is the record's header, line n+1 event n
    damaged = bytearray(lines[3])  # event 3
    damaged[30 if where == "payload" else 2] ^= 0x01
    lines[3] = bytes(damaged)
    path.write_bytes(b"".join(lines))
    error = assert_damaged(path, "line 4", "recover", "5 readable events")
    assert "checksum" in error.problem or "not a record line" in error.problem
    # Every readable event, those after the damage too, each under its own id.
    [why] = assert_recovers(path, [*written[:2], *written[3:]], left_out=[4])
    assert "checksum" in why or "not a record line" in why


@pytest.mark.parametrize(
    "content",
    [
        b"[meeting]\nbody = 'Udvalget'\ndate = 2025-11-20\n",
        b"hello, this is not a record",
        b"just one line of text\n",
        b'{"_default": {"1": {"kind": "roll_call"}}}',
        bytes(range(256)) * 4,
        "Dagsorden for mødet\n".encode("latin-1"),
    ],
    ids=["toml", "one-line", "one-line-newline", "tinydb-json", "binary", "latin-1"],
)
def test_a_file_that_is_not_a_record_at_all(tmp_path, content):
    path = tmp_path / "meeting.record"
    path.write_bytes(content)
    assert_damaged(path, "line 1")
    assert_damaged(path, "line 1", read_only=True)
    copy, count, left_out = recover_copy(path)
    assert count == 0 and load(copy)[0] == [] and left_out


def checksummed(entry: dict) -> bytes:
    return logfile.encode(entry)


@pytest.mark.parametrize("position", ["middle", "last"])
def test_an_event_of_an_unknown_kind(tmp_path, position):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 3)
    odd = {"v": 1, "kind": "coffee_break", "at": T0.isoformat(), "item": "punkt-1"}
    with open(path, "ab") as handle:
        handle.write(checksummed({"t": "events", "id": "4", "d": odd}))
        if position == "middle":
            handle.write(checksummed({"t": "events", "id": "5", "d": event(5)}))
    # A whole, checksummed line is not a torn write, even at the end: it is reported.
    assert_damaged(path, "line 5", "event 4", "coffee_break")
    after = [dict(event(5), id=5)] if position == "middle" else []
    [why] = assert_recovers(path, [*written, *after], left_out=[5])
    assert "coffee_break" in why


def test_an_event_from_a_future_version(tmp_path):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 3)
    future = dict(event(4), v=99)
    with open(path, "ab") as handle:
        handle.write(checksummed({"t": "events", "id": "4", "d": future}))
        handle.write(checksummed({"t": "events", "id": "5", "d": event(5)}))
    assert_damaged(path, "line 5", "event 4", "version 99", "newer")
    assert_recovers(path, [*written, dict(event(5), id=5)], left_out=[5])


def test_a_record_format_from_the_future(tmp_path):
    path = tmp_path / "meeting.record"
    path.write_bytes(
        checksummed({"t": "meta", "id": "1", "d": {"app": "meetingtui", "format": 7}})
        + checksummed({"t": "events", "id": "1", "d": event(1)})
    )
    assert_damaged(path, "line 1", "format 7", "newer")


def test_damage_is_reported_before_a_torn_tail_is_repaired(tmp_path):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 3)
    odd = {"v": 1, "kind": "coffee_break", "at": T0.isoformat()}
    with open(path, "ab") as handle:
        handle.write(checksummed({"t": "events", "id": "4", "d": odd}))
        handle.write(checksummed({"t": "events", "id": "5", "d": event(5)})[:25])
    assert_damaged(path, "event 4", "coffee_break")
    [odd, torn] = assert_recovers(path, written, left_out=[5, 6])
    assert "coffee_break" in odd and "never completed" in torn


def test_recover_never_overwrites_and_names_each_copy_anew(tmp_path):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 2)
    first = recover_copy(str(path)).path
    second = recover_copy(path).path
    assert first != second and load(first)[0] == load(second)[0] == written
    with pytest.raises(RecordError, match="exists"):
        recover_copy(path, target=first)


# -- a disk that refuses -------------------------------------------------------------------
class FlakyDisk:
    """Stands in for os.write / os.fsync: fails with `error` while it is set."""

    def __init__(self):
        self.error: int | None = None
        self.partial = False  # write half the bytes before failing
        self.fail_fsync = False

    def write(self, fd: int, data: bytes) -> int:
        if self.error is not None and not self.fail_fsync:
            if self.partial:
                os.write(fd, data[: len(data) // 2])
            raise OSError(self.error, os.strerror(self.error))
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        if self.error is not None and self.fail_fsync:
            raise OSError(self.error, os.strerror(self.error))
        os.fsync(fd)

    def options(self) -> dict:
        return {"write": self.write, "fsync": self.fsync}


CAUSES = [(errno.ENOSPC, "full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission")]


@pytest.mark.parametrize("how", ["write fails", "half written", "fsync fails"])
@pytest.mark.parametrize(("error", "word"), CAUSES, ids=["ENOSPC", "EROFS", "EACCES"])
def test_a_failing_disk_loses_nothing(tmp_path, error, word, how):
    path = tmp_path / "meeting.record"
    disk = FlakyDisk()
    record = MeetingRecord(path, storage_options=disk.options())
    saved = [record.append(event(n)) for n in (1, 2)]
    assert record.saved and record.save_error is None
    on_disk = path.read_bytes()

    disk.error, disk.partial, disk.fail_fsync = error, how == "half written", how == "fsync fails"
    third = record.append(event(3))
    fourth = record.append(event(4))
    assert (third["id"], fourth["id"]) == (3, 4)
    assert record.events == [*saved, third, fourth], "kept in memory"
    assert not record.saved and word in record.save_error and str(path) in record.save_error
    # What is on disk is what was saved before, whole: no half line left behind.
    assert path.read_bytes() == on_disk
    assert load(path, read_only=True) == (saved, [])
    assert record.flush() is False

    disk.error = None
    fifth = record.append(event(5))
    assert record.saved and record.save_error is None
    record.close()
    assert load(path) == ([*saved, third, fourth, fifth], [])


def test_flush_saves_what_was_pending_once_the_disk_is_back(tmp_path):
    path = tmp_path / "meeting.record"
    disk = FlakyDisk()
    record = MeetingRecord(path, storage_options=disk.options())
    record.append(event(1))
    disk.error = errno.ENOSPC
    record.append(event(2))
    assert not record.saved
    disk.error = None
    assert record.flush() is True and record.saved
    assert record.flush() is True
    record.close()
    assert without_id(load(path)[0]) == [event(1), event(2)]


def test_a_half_line_that_could_not_be_cut_is_cut_before_the_next_write(tmp_path, monkeypatch):
    path = tmp_path / "meeting.record"
    disk = FlakyDisk()
    record = MeetingRecord(path, storage_options=disk.options())
    record.append(event(1))
    saved_size = path.stat().st_size
    disk.error, disk.partial = errno.ENOSPC, True
    real_ftruncate = os.ftruncate

    def refuse(fd, size):
        raise OSError(errno.EROFS, "read-only")

    monkeypatch.setattr(os, "ftruncate", refuse)
    record.append(event(2))
    assert not record.saved
    assert path.stat().st_size > saved_size  # half a line is left for now
    monkeypatch.setattr(os, "ftruncate", real_ftruncate)
    disk.error = None
    record.append(event(3))
    assert record.saved
    record.close()
    assert load(path) == ([dict(event(n), id=n) for n in (1, 2, 3)], [])


@pytest.mark.parametrize(("error", "word"), CAUSES, ids=["ENOSPC", "EROFS", "EACCES"])
def test_move_to_saves_everything_at_another_place(tmp_path, error, word):
    path = tmp_path / "meeting.record"
    disk = FlakyDisk()
    notices: list[Notice] = []
    record = MeetingRecord(path, storage_options=disk.options(), notice=notices.append)
    record.append(event(1))
    disk.error = error
    record.append(event(2))
    record.append(event(3))
    assert not record.saved and word in record.save_error
    original = path.read_bytes()

    elsewhere = tmp_path / "usb" / "meeting.record"
    record.move_to(elsewhere)
    assert record.saved and record.path == elsewhere
    record.append(event(4))
    assert record.saved
    record.close()
    assert without_id(load(elsewhere)[0]) == [event(n) for n in (1, 2, 3, 4)]
    assert path.read_bytes() == original, "the old file is left as it was"
    assert without_id(load(path)[0]) == [event(1)]  # and its lock was let go


def test_move_to_refuses_a_place_that_holds_a_record(tmp_path):
    path = tmp_path / "meeting.record"
    other = tmp_path / "other.record"
    write_record(other, 2)
    before = other.read_bytes()
    record = MeetingRecord(path)
    record.append(event(1))
    with pytest.raises(RecordError, match="exists"):
        record.move_to(other)
    assert other.read_bytes() == before
    assert record.append(event(2))["id"] == 2 and record.path == path
    record.close()


def test_an_event_that_cannot_be_written_is_refused_and_blocks_nothing(tmp_path):
    path = tmp_path / "meeting.record"
    record = MeetingRecord(path)
    with pytest.raises(EventError):
        record.append(dict(event(2), extra=object()))
    with pytest.raises(EventError):
        record.append(dict(event(2), text="half a surrogate \ud800"))
    assert record.events == []
    assert record.append(event(1))["id"] == 1 and record.saved
    record.close()
    assert load(path)[0] == [dict(event(1), id=1)]


# -- one writer at a time ------------------------------------------------------------------
HOLDER = """
import sys, time
from meetingtui.record import MeetingRecord
record = MeetingRecord(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def hold_in_child(path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "holding"
    return child


def test_a_second_writer_is_refused_with_the_holder_named(tmp_path):
    path = tmp_path / "meeting.record"
    write_record(path, 2)
    child = hold_in_child(path)
    try:
        with pytest.raises(RecordLocked) as caught:
            MeetingRecord(path)
        message = str(caught.value)
        assert str(path) in message
        assert f"process {child.pid}" in message and "since" in message
    finally:
        child.kill()
        child.wait()


def test_the_lock_of_a_killed_writer_is_taken_over(tmp_path):
    path = tmp_path / "meeting.record"
    written, _ = write_record(path, 2)
    child = hold_in_child(path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    record = MeetingRecord(path)  # not stuck
    assert record.events == written
    record.append(event(3))
    record.close()
    assert len(load(path)[0]) == 3


def test_in_one_process_too_a_second_writer_is_refused(tmp_path):
    path = tmp_path / "meeting.record"
    first = MeetingRecord(path)
    with pytest.raises(RecordLocked, match=f"process {os.getpid()}"):
        MeetingRecord(path)
    first.close()
    MeetingRecord(path).close()  # let go on close


def test_readers_work_while_the_writer_holds_the_lock(tmp_path):
    path = tmp_path / "meeting.record"
    writer = MeetingRecord(path)
    writer.append(event(1))
    reader = MeetingRecord(path, read_only=True)
    assert reader.events == writer.events
    with pytest.raises(RecordError):
        reader.append(event(2))
    reader.close()
    follower = RecordFollower(path)
    assert follower.poll() == writer.events
    writer.append(event(2))
    assert follower.poll() == writer.events
    writer.close()


# -- permissions -----------------------------------------------------------------------------
@pytest.fixture
def open_umask():
    """Umask 0: what the files end up with is then what the code asked for."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_files_are_for_their_owner_only(tmp_path, open_umask):
    path = tmp_path / "data" / "records" / "meeting.record"
    written, _ = write_record(path, 3)
    assert mode(path) == 0o600
    assert mode(path.with_name(path.name + ".lock")) == 0o600
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "records") == 0o700
    path.write_bytes(path.read_bytes()[:-5])
    assert load(path)[0] == written[:2]
    assert mode(path) == 0o600, "the repaired file too"
    [backup] = backups(path)
    assert mode(backup) == 0o600
    copy = recover_copy(path, target=tmp_path / "new" / "copy.record").path
    assert mode(copy) == 0o600 and mode(tmp_path / "new") == 0o700


# -- following a record read-only -------------------------------------------------------------
def test_the_follower_sees_events_as_they_come(tmp_path):
    path = tmp_path / "meeting.record"
    follower = RecordFollower(path)
    assert follower.poll() is None  # no record yet
    writer = MeetingRecord(path)
    for n in (1, 2, 3):
        writer.append(event(n))
    assert follower.poll() == writer.events
    assert follower.poll() is None  # nothing new
    writer.append(event(4))
    writer.append(event(5))
    assert follower.poll() == writer.events
    writer.close()


def test_the_follower_follows_a_rewrite_of_the_file(tmp_path):
    """A writer that drops a torn write replaces the file: the follower reads the new one."""
    path = tmp_path / "meeting.record"
    writer = MeetingRecord(path)
    for n in (1, 2, 3):
        writer.append(event(n))
    writer.close()
    line = logfile.encode({"t": "events", "id": "4", "d": event(4)})
    with open(path, "ab") as handle:
        handle.write(line[:20])  # a torn write
    follower = RecordFollower(path)
    assert follower.poll() == writer.events
    inode = path.stat().st_ino
    writer = MeetingRecord(path)  # drops the torn write: a new file renamed into place
    assert path.stat().st_ino != inode
    writer.append(event(4))
    assert follower.poll() == writer.events
    writer.close()


def test_the_follower_waits_for_a_half_written_line(tmp_path):
    path = tmp_path / "meeting.record"
    writer = MeetingRecord(path)
    writer.append(event(1))
    writer.close()
    follower = RecordFollower(path)
    first = follower.poll()
    line = logfile.encode({"t": "events", "id": "2", "d": event(2)})
    with open(path, "ab") as handle:
        handle.write(line[: len(line) // 2])
        handle.flush()
        time.sleep(0.01)  # a new modification time
        assert follower.poll() in (None, first)
        handle.write(line[len(line) // 2 :])
    assert follower.poll() == [*first, dict(event(2), id=2)]


def test_record_lines_are_json_a_later_version_can_read(tmp_path):
    path = tmp_path / "meeting.record"
    write_record(path, 2)
    for line in lines_of(path):
        checksum, payload = line.rstrip(b"\n").split(b" ", 1)
        assert len(checksum) == 8
        entry = json.loads(payload)
        assert {"t", "id", "d"} <= set(entry)
