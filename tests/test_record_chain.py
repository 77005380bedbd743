"""The record's hash chain: every event line carries the hash of the one before it.

The hashes here are computed by the test itself from the bytes on disk (SHA-256 of the
line's JSON with sorted keys), as an outside checker would, never taken from the code.
"""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
import zlib
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui.events import VERSION, make
from meetingtui.meeting import fold
from meetingtui.minutes import build, text
from meetingtui.record import MeetingRecord, chain

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


@pytest.mark.parametrize("cached", [False, True], ids=["read", "from-the-checked-cache"])
def test_moving_an_old_record_keeps_its_old_events_unchained(legacy_copy, tmp_path, cached):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    cache = {"cache_dir": tmp_path / "cache"} if cached else {}
    record = MeetingRecord(legacy_copy, agenda.sha256, **cache)
    record.append(make("chair_set", member="meho-selman"))
    record.close()
    record = MeetingRecord(legacy_copy, agenda.sha256, **cache)  # the lines known: not read
    try:
        record.append(make("chair_set", member="anja-lund"))
        record.move_to(tmp_path / "moved.record")
    finally:
        record.close()
    old = [line for line in lines_of(legacy_copy) if line["t"] == "events"]
    new = [line for line in lines_of(tmp_path / "moved.record") if line["t"] == "events"]
    assert new == old, "a moved record says no more about its past than the original did"


# -- chain.check on raw lines ------------------------------------------------------------------
def raw_line(entry: dict) -> bytes:
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def raw_record(docs: list[dict | None], agenda: str = "aaa") -> tuple[bytes, list[str]]:
    """Meta and events; None for an event written without prev (an older meetingtui,
    so of an older format version)."""
    out = [raw_line({"t": "meta", "id": "1", "d": {"agenda_sha256": agenda}})]
    prev, hashes = genesis(agenda), []
    for n, doc in enumerate(docs, start=1):
        entry = {"t": "events", "id": str(n), "d": doc or dict(event(n), v=1)}
        if doc is not None:
            if doc.get("kind") == "approved":
                entry["d"] = dict(doc, seal=prev)
            entry["prev"] = prev
        out.append(raw_line(entry))
        prev = sha(entry)
        hashes.append(prev)
    return b"".join(out), hashes


def test_check_finds_the_approvals_seal_and_what_it_seals():
    approved = {"v": 2, "kind": "approved", "at": "2025-12-01T10:00:00+01:00"}
    data, hashes = raw_record([event(1), event(2), approved, event(4)])
    report = chain.check(data)
    assert report.changes == [] and report.events == 4 and report.first_chained == 1
    (seal,) = report.seals
    assert (seal.event, seal.line, seal.kind, seal.after) == (3, 4, "approved", 2)
    assert seal.seal == hashes[1] and seal.holds and seal.found
    assert report.unsealed_after_seal == [4]
    assert report.head == hashes[-1]


def test_check_reads_a_line_whose_checksum_is_wrong_and_goes_on_after_an_unreadable_one():
    data, _ = raw_record([event(1), event(2), event(3), event(4)])
    lines = data.split(b"\n")
    lines[2] = lines[2].replace(b"Beslutning 2.", b"Beslutning 5.")  # checksum left as it was
    lines[3] = b"0000abcd not json"  # event 3; event 4 after it is read, its link unknown
    report = chain.check(b"\n".join(lines))
    assert [(c.line, c.how, c.event) for c in report.changes] == [
        (3, chain.How.CHECKSUM, 2),
        (4, chain.How.UNREADABLE, None),
    ]
    assert report.events == 3 and report.last_event == 4
    assert report.torn == 0, "only the very last line can be a write cut short"


def test_check_names_events_without_prev_as_unprotected_runs():
    data, _ = raw_record([None, None, event(3), None, event(5)])
    report = chain.check(data)
    assert report.unprotected == [(1, 2), (4, 4)]
    assert report.first_chained == 3 and report.changes == []


def test_check_calls_an_event_written_twice_inserted():
    data, _ = raw_record([event(1), event(2), event(3)])
    lines = data.split(b"\n")
    again = json.loads(lines[3][9:])  # event 3 once more, chained onto itself
    again = {"t": "events", "id": "3", "d": again["d"], "prev": sha(again)}
    report = chain.check(data + raw_line(again))
    assert [(c.line, c.how, c.event) for c in report.changes] == [(5, chain.How.INSERTED, 3)]


def test_an_event_of_this_format_without_prev_had_it_taken_away():
    """This meetingtui writes format 4 and always chains it: a v4 event without prev
    cannot come from an older one, so it is a change, not an unprotected old event."""
    data, _ = raw_record([None, event(2), event(3)])
    lines = data.splitlines(keepends=True)
    entry = json.loads(lines[2][9:])
    del entry["prev"]
    lines[2] = raw_line(entry)
    report = chain.check(b"".join(lines))
    assert report.changed == chain.Change(3, chain.How.UNCHAINED, 2)
    assert chain.CHAINED_FROM_VERSION <= VERSION


def test_a_seal_that_is_not_a_string_is_neither_found_nor_holding():
    approved = {"v": 4, "kind": "approved", "at": "2025-12-01T10:00:00+01:00"}
    data, _ = raw_record([event(1), approved])
    lines = data.splitlines(keepends=True)
    entry = json.loads(lines[2][9:])
    entry["d"]["seal"] = ["ikke", "en", "streng"]  # unhashable: once a TypeError
    lines[2] = raw_line(entry)
    (seal,) = chain.check(b"".join(lines)).seals
    assert (seal.found, seal.holds, seal.readable) == (False, False, False)


def test_an_approval_without_a_seal_is_still_a_seal_that_does_not_hold():
    approved = {"v": 4, "kind": "approved", "at": "2025-12-01T10:00:00+01:00"}
    data, _ = raw_record([event(1), approved])
    lines = data.splitlines(keepends=True)
    entry = json.loads(lines[2][9:])
    del entry["d"]["seal"]
    lines[2] = raw_line(entry)
    (seal,) = chain.check(b"".join(lines)).seals
    assert (seal.event, seal.found, seal.holds) == (2, False, False)
