"""The record's hash chain: every event line carries the hash of the one before it.

The hashes here are computed by the test itself from the bytes on disk (SHA-256 of the
line's JSON with sorted keys), as an outside checker would, never taken from the code.
"""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui.events import make
from meetingtui.meeting import fold
from meetingtui.minutes import build, text
from meetingtui.record import MeetingRecord

T0 = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
LEGACY = Path(__file__).parent / "legacy"


def event(n: int) -> dict:
    return make("decision_set", now=T0.add(minutes=n), item=f"punkt-{n}", text=f"Beslutning {n}.")


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line[9:]) for line in path.read_bytes().splitlines()]


def sha(entry: dict) -> str:
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def genesis(agenda_sha: str) -> str:
    return hashlib.sha256(b"meetingtui record\n" + agenda_sha.encode()).hexdigest()


def write(path: Path, count: int, agenda_sha: str = "aaa") -> None:
    record = MeetingRecord(path, agenda_sha256=agenda_sha)
    for n in range(1, count + 1):
        record.append(event(n))
    record.close()


def test_each_event_line_carries_the_hash_of_the_one_before(tmp_path):
    path = tmp_path / "m.record"
    write(path, 4)
    lines = lines_of(path)
    events = [line for line in lines if line["t"] == "events"]
    assert [line["id"] for line in events] == ["1", "2", "3", "4"]
    assert events[0]["prev"] == genesis("aaa")
    for before, after in zip(events, events[1:], strict=False):
        assert after["prev"] == sha(before)
    assert "prev" not in lines[0], "the meta line is not part of the chain"


def test_the_events_the_app_reads_do_not_carry_the_chain(tmp_path):
    path = tmp_path / "m.record"
    write(path, 2)
    record = MeetingRecord(path, agenda_sha256="aaa", read_only=True)
    try:
        assert all("prev" not in e for e in record.events)
        assert record.events[1] == dict(event(2), id=2)
    finally:
        record.close()


def test_head_is_the_hash_of_the_newest_event_line_and_the_next_events_prev(tmp_path):
    path = tmp_path / "m.record"
    record = MeetingRecord(path, agenda_sha256="bbb")
    try:
        assert record.head == genesis("bbb")
        for n in range(1, 4):
            before = record.head
            record.append(event(n))
            assert lines_of(path)[-1]["prev"] == before
            assert record.head == sha(lines_of(path)[-1])
    finally:
        record.close()
    reopened = MeetingRecord(path, agenda_sha256="bbb", read_only=True)
    try:
        assert reopened.head == sha(lines_of(path)[-1])
    finally:
        reopened.close()


def test_reopening_with_the_checked_cache_keeps_the_head(tmp_path):
    path = tmp_path / "m.record"
    write(path, 3)
    for _ in range(2):  # the second opening takes the lines from the cache
        record = MeetingRecord(path, agenda_sha256="aaa", cache_dir=tmp_path / "cache")
        record.append(event(len(record.events) + 1))
        record.close()
    events = [line for line in lines_of(path) if line["t"] == "events"]
    assert len(events) == 5
    for before, after in zip(events, events[1:], strict=False):
        assert after["prev"] == sha(before)


def test_events_kept_while_the_disk_refuses_are_chained_as_head_said(tmp_path):
    path = tmp_path / "m.record"
    refusing = False

    def fsync(fd):
        if refusing:
            raise OSError(errno.ENOSPC, "No space left on device")

    record = MeetingRecord(path, agenda_sha256="aaa", storage_options={"fsync": fsync})
    try:
        record.append(event(1))
        refusing = True
        record.append(event(2))
        record.append(event(3))
        assert not record.saved
        promised = record.head  # what event 4 will chain onto
        refusing = False
        record.append(event(4))
        assert record.saved
    finally:
        record.close()
    events = [line for line in lines_of(path) if line["t"] == "events"]
    assert [line["id"] for line in events] == ["1", "2", "3", "4"]
    assert events[3]["prev"] == promised == sha(events[2])


@pytest.fixture
def legacy_copy(tmp_path):
    copy = tmp_path / "meeting.record"
    shutil.copyfile(LEGACY / "meeting.record", copy)
    copy.chmod(0o600)
    return copy


def test_an_old_record_continued_chains_its_new_events_onto_its_last_line(legacy_copy):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    old = legacy_copy.read_bytes()
    record = MeetingRecord(legacy_copy, agenda.sha256)
    try:
        assert record.head == sha(lines_of(legacy_copy)[-1])
        record.append(make("chair_set", member="meho-selman"))
        record.append(make("chair_set", member="anja-lund"))
    finally:
        record.close()
    assert legacy_copy.read_bytes().startswith(old), "the old lines are left as they were"
    lines = lines_of(legacy_copy)
    assert not any("prev" in line for line in lines[:-2])
    assert lines[-2]["prev"] == sha(lines[-3])
    assert lines[-1]["prev"] == sha(lines[-2])


def test_an_old_record_still_exports_the_same_text(legacy_copy):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_copy, agenda.sha256)  # opened for writing: nothing added
    try:
        state = fold(agenda, record.events)
    finally:
        record.close()
    assert text.render(build(state, full=True)) == (LEGACY / "referat-full.txt").read_text()


def test_moving_a_record_writes_the_same_chain(tmp_path):
    path, moved = tmp_path / "m.record", tmp_path / "elsewhere" / "m.record"
    write(path, 3)
    record = MeetingRecord(path, agenda_sha256="aaa")
    try:
        record.move_to(moved)
        record.append(event(4))
        head = record.head
    finally:
        record.close()
    old = [line for line in lines_of(path) if line["t"] == "events"]
    new = [line for line in lines_of(moved) if line["t"] == "events"]
    assert new[:3] == old
    assert new[3]["prev"] == sha(old[2])
    assert head == sha(new[3])


def test_moving_an_old_record_keeps_its_old_events_unchained(legacy_copy, tmp_path):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_copy, agenda.sha256)
    try:
        record.append(make("chair_set", member="meho-selman"))
        record.move_to(tmp_path / "moved.record")
    finally:
        record.close()
    old = [line for line in lines_of(legacy_copy) if line["t"] == "events"]
    new = [line for line in lines_of(tmp_path / "moved.record") if line["t"] == "events"]
    assert new == old, "a moved record says no more about its past than the original did"
