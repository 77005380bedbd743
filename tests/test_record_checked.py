"""A record reopened is not checked again where it has not changed (record/checked.py),
and every change to it is checked all the same: an appended line, a line rewritten inside
what was checked, a cache file edited."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from test_record import T0, event, write_record

from meetingtui.errors import RecordDamaged
from meetingtui.record import MeetingRecord, logfile
from meetingtui.record import store as store_mod


@pytest.fixture
def checks(monkeypatch) -> list[dict]:
    """The entries the record's check is run on, in order."""
    seen: list[dict] = []
    original = store_mod.check_entry

    def counting(entry: dict) -> None:
        seen.append(entry)
        original(entry)

    monkeypatch.setattr(store_mod, "check_entry", counting)
    return seen


def open_cached(path: Path, cache: Path) -> list[dict]:
    record = MeetingRecord(path, cache_dir=cache)
    try:
        return list(record.events)
    finally:
        record.close()


def test_a_record_reopened_unchanged_is_not_checked_again_and_reads_the_same(tmp_path, checks):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    written, _ = write_record(path, 6)
    checks.clear()
    assert open_cached(path, cache) == written
    assert len(checks) == 7  # the meta line and six events
    checks.clear()
    assert open_cached(path, cache) == written
    assert checks == []
    assert open_cached(path, None) == written  # as read without the cache


def test_only_the_lines_added_since_are_checked(tmp_path, checks):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    write_record(path, 4)
    open_cached(path, cache)
    record = MeetingRecord(path, cache_dir=cache)
    record.append(event(5))
    record.append(event(6))
    everything = list(record.events)
    record.close()
    checks.clear()
    assert open_cached(path, cache) == everything
    assert [entry["id"] for entry in checks] == ["5", "6"]


def test_a_bad_line_appended_after_the_checked_ones_is_damage_on_its_line(tmp_path):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    write_record(path, 3)
    open_cached(path, cache)
    odd = {"v": 1, "kind": "coffee_break", "at": T0.isoformat(), "item": "punkt-1"}
    with open(path, "ab") as handle:
        handle.write(logfile.encode({"t": "events", "id": "4", "d": odd}))
    with pytest.raises(RecordDamaged) as caught:
        MeetingRecord(path, cache_dir=cache)
    assert "line 5" in str(caught.value) and "coffee_break" in str(caught.value)


def test_a_line_rewritten_inside_what_was_checked_is_checked_again(tmp_path):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    write_record(path, 4)
    open_cached(path, cache)
    lines = path.read_bytes().splitlines(keepends=True)
    odd = {"v": 1, "kind": "coffee_break", "at": T0.isoformat(), "item": "punkt-1"}
    lines[2] = logfile.encode({"t": "events", "id": "2", "d": odd})  # checksummed anew
    path.write_bytes(b"".join(lines))
    with pytest.raises(RecordDamaged) as caught:
        MeetingRecord(path, cache_dir=cache)
    assert "line 3" in str(caught.value) and "coffee_break" in str(caught.value)


def test_an_edited_cache_file_is_not_believed(tmp_path, checks):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    written, _ = write_record(path, 3)
    open_cached(path, cache)
    [kept] = cache.glob("record-checked-*.json")
    kept.write_bytes(kept.read_bytes().replace(b"medlem-1", b"medlem-9"))
    checks.clear()
    assert open_cached(path, cache) == written
    assert len(checks) == 4  # all checked again


def test_a_torn_last_write_after_the_checked_lines_is_still_dropped(tmp_path):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    written, _ = write_record(path, 3)
    open_cached(path, cache)
    with open(path, "ab") as handle:
        handle.write(logfile.encode({"t": "events", "id": "4", "d": event(4)})[:-7])
    assert open_cached(path, cache) == written
    assert open_cached(path, None) == written


@pytest.mark.parametrize(
    ("repeated", "found"),
    [
        ("2", "event 2 is written a second time (first on line 3)"),
        ("1", "event 1 is written a second time (first on line 2)"),
    ],
)
def test_an_id_of_the_checked_lines_written_again_is_damage_naming_its_first_line(
    tmp_path, repeated, found
):
    """The checked lines are not noted one by one: the line an id was first on is still
    found for the message, as when the whole file is checked."""
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    write_record(path, 3)
    open_cached(path, cache)
    with open(path, "ab") as handle:
        handle.write(logfile.encode({"t": "events", "id": repeated, "d": event(9)}))
    for cache_dir in (cache, None):  # the same damage, with and without the cache
        with pytest.raises(RecordDamaged) as caught:
            MeetingRecord(path, cache_dir=cache_dir)
        assert "line 5" in str(caught.value) and found in str(caught.value)


def test_a_record_reopened_from_the_cache_keeps_appending_in_order(tmp_path, checks):
    """Documents held from the cache are the record's events: appending after them (new
    ids, a chain that verifies) is as after a full check."""
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    write_record(path, 3)
    open_cached(path, cache)
    record = MeetingRecord(path, cache_dir=cache)
    assert [e["id"] for e in record.events] == [1, 2, 3]
    record.append(event(4))
    record.close()
    checks.clear()
    reopened = open_cached(path, None)  # the file alone, every line checked
    assert [e["id"] for e in reopened] == [1, 2, 3, 4]
    assert len(checks) == 5


def test_an_out_of_order_id_after_the_checked_lines_is_damage(tmp_path):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    write_record(path, 3)
    with open(path, "ab") as handle:
        handle.write(logfile.encode({"t": "events", "id": "7", "d": event(7)}))
    open_cached(path, cache)
    with open(path, "ab") as handle:
        handle.write(logfile.encode({"t": "events", "id": "5", "d": event(5)}))
    with pytest.raises(RecordDamaged) as caught:
        MeetingRecord(path, cache_dir=cache)
    assert "line 6" in str(caught.value)
    assert "event 5 comes after event 7: the lines are out of order" in str(caught.value)


def resign(kept: Path, change) -> None:
    """Rewrite a cache file's value and sign it with the user's key (as only the user's
    own program can): what it holds must still be of the shape written, or be a miss."""
    found = json.loads(kept.read_bytes().split(b"\n", 1)[1])
    change(found["value"])
    content = json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()
    key = (kept.parent / "key").read_bytes()
    kept.write_bytes(hmac.new(key, content, hashlib.sha256).hexdigest().encode() + b"\n" + content)


def _drop_a_document(value: dict) -> None:
    value["tables"]["events"].pop("2")


def _a_run_too_long(value: dict) -> None:
    value["runs"][-1][1] += 1


def _a_document_not_an_object(value: dict) -> None:
    value["tables"]["events"]["3"] = ["not", "a", "document"]


def _a_last_id_not_a_number(value: dict) -> None:
    value["tables"]["events"]["x"] = value["tables"]["events"].pop("3")


def _runs_not_a_list(value: dict) -> None:
    value["runs"] = {"events": 3}


def _a_run_naming_a_list(value: dict) -> None:
    value["runs"][-1][0] = ["events"]


def _an_empty_table(value: dict) -> None:
    value["tables"]["notes"] = {}


@pytest.mark.parametrize(
    "change",
    [
        _drop_a_document,
        _a_run_too_long,
        _a_document_not_an_object,
        _a_last_id_not_a_number,
        _runs_not_a_list,
        _a_run_naming_a_list,
        _an_empty_table,
    ],
)
def test_a_signed_cache_of_the_wrong_shape_is_a_miss_not_an_error(tmp_path, checks, change):
    path, cache = tmp_path / "m.record", tmp_path / "cache"
    written, _ = write_record(path, 3)
    open_cached(path, cache)
    [kept] = cache.glob("record-checked-*.json")
    resign(kept, change)
    checks.clear()
    assert open_cached(path, cache) == written
    assert len(checks) == 4  # all checked again
