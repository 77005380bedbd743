"""The record layer is append-only: TinyDB may add documents, never change or remove one.

Each event is held once in memory (the storage's document is the record's event), an
earlier record's `del` line is still read as before, and a record opens without
rewriting its file unless a torn write has to go.
"""

from __future__ import annotations

import pendulum
import pytest
from tinydb import Query

from meetingtui.errors import RecordError
from meetingtui.events import make
from meetingtui.record import MeetingRecord, logfile
from meetingtui.record.lock import lock_path
from meetingtui.record.storage import LogStorage, RecordDB

T0 = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")


def event(n: int) -> dict:
    return make("decision_set", now=T0.add(minutes=n), item=f"punkt-{n}", text=f"Beslutning {n}.")


def record_with(path, count: int) -> list[dict]:
    record = MeetingRecord(path, agenda_sha256="aaa")
    written = [record.append(event(n)) for n in range(1, count + 1)]
    record.close()
    return written


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "meeting.record"
    record_with(path, 3)
    database = RecordDB(LogStorage(path))
    yield database
    database.close()


def line_count(path) -> int:
    return len(path.read_bytes().splitlines())


def test_tinydb_inserts_are_appended_as_one_line_each(db, tmp_path):
    path = tmp_path / "meeting.record"
    before = path.read_bytes()
    table = db.table("notes")
    assert table.insert({"text": "en"}) == 1
    assert table.insert({"text": "to"}) == 2
    assert path.read_bytes().startswith(before), "nothing written is rewritten"
    assert line_count(path) == 4 + 2
    assert [doc["text"] for doc in table.all()] == ["en", "to"]
    assert db.table("events").get(doc_id=2)["item"] == "punkt-2"


@pytest.mark.parametrize(
    "change",
    [
        lambda db: db.table("events").update({"text": "Ændret."}, doc_ids=[1]),
        lambda db: db.table("events").update({"text": "Ændret."}),
        lambda db: db.table("events").upsert({"text": "Ændret."}, Query().item == "punkt-1"),
        lambda db: db.table("events").remove(doc_ids=[1]),
        lambda db: db.table("events").truncate(),
        lambda db: db.drop_table("events"),
        lambda db: db.drop_tables(),
    ],
    ids=["update", "update-all", "upsert", "remove", "truncate", "drop-table", "drop-tables"],
)
def test_changing_or_removing_is_refused_before_anything_changes(db, tmp_path, change):
    path = tmp_path / "meeting.record"
    before = path.read_bytes()
    with pytest.raises(RecordError, match="append-only"):
        change(db)
    assert path.read_bytes() == before
    assert db.table("events").get(doc_id=1)["text"] == "Beslutning 1."


def test_a_write_that_is_not_a_pure_append_is_refused(db, tmp_path):
    path = tmp_path / "meeting.record"
    before = path.read_bytes()
    storage = db.storage
    tables = storage.read()
    changed = dict(tables, events={**tables["events"], "2": dict(event(2), text="Ændret.")})
    removed = dict(tables, events={k: v for k, v in tables["events"].items() if k != "2"})
    dropped = {name: docs for name, docs in tables.items() if name != "events"}
    too_early = dict(tables, events={**tables["events"], "0": event(9)})
    for data in (changed, removed, dropped, too_early):
        with pytest.raises(RecordError, match="append-only"):
            storage.write(data)
    assert path.read_bytes() == before
    storage.write(dict(tables, events={**tables["events"], "4": event(4)}))  # an append is fine
    assert line_count(path) == 5


def test_an_id_that_is_taken_is_refused(tmp_path):
    path = tmp_path / "meeting.record"
    record = MeetingRecord(path)
    first = record.append(event(1))
    before = path.read_bytes()
    with pytest.raises(RecordError, match="taken"):
        record.storage.append("events", [dict(event(5), id=1)])
    with pytest.raises(RecordError, match="taken"):
        record.storage.append("events", [dict(event(5), id=7), dict(event(6), id=7)])
    assert path.read_bytes() == before and record.events == [first]
    record.close()


def test_each_event_is_held_once(tmp_path):
    path = tmp_path / "meeting.record"
    record_with(path, 3)
    record = MeetingRecord(path)
    record.append(event(4))
    held = record.storage.documents("events")
    assert len(held) == len(record.events) == 4
    assert all(mine is theirs for mine, theirs in zip(record.events, held, strict=True))
    record.close()


def test_move_to_keeps_the_record_object_and_its_events(tmp_path):
    path = tmp_path / "meeting.record"
    record_with(path, 2)
    record = MeetingRecord(path, agenda_sha256="aaa")
    events = record.events
    first = events[0]
    elsewhere = tmp_path / "usb" / "meeting.record"
    record.move_to(elsewhere)
    assert record.path == elsewhere and record.events is events and record.events[0] is first
    assert record.storage.documents("events")[0] is first
    assert record.meta["agenda_sha256"] == "aaa"
    record.append(event(3))
    MeetingRecord(path).close()  # the old file's lock was let go
    record.close()
    assert lock_path(elsewhere).exists()
    reopened = MeetingRecord(elsewhere, read_only=True)
    assert [e["id"] for e in reopened.events] == [1, 2, 3]
    reopened.close()


def test_a_record_opens_without_rewriting_its_file(tmp_path):
    path = tmp_path / "meeting.record"
    record_with(path, 300)
    inode, before = path.stat().st_ino, path.read_bytes()
    MeetingRecord(path).close()
    assert path.stat().st_ino == inode and path.read_bytes() == before


def test_del_lines_of_an_earlier_version_are_read_as_before_and_never_compacted(tmp_path):
    """No version of the app removed events, but its storage could write `del` lines."""
    path = tmp_path / "meeting.record"
    written = record_with(path, 3)
    lines = [logfile.encode({"t": "scratch", "id": str(n), "d": {"n": n}}) for n in range(1, 301)]
    lines += [logfile.encode({"t": "scratch", "id": str(n), "del": True}) for n in range(1, 301)]
    lines.append(logfile.encode({"t": "events", "id": "2", "del": True}))
    with open(path, "ab") as handle:
        handle.write(b"".join(lines))
    before = path.read_bytes()
    record = MeetingRecord(path)
    assert record.events == [written[0], written[2]]
    assert record.append(event(4))["id"] == 4
    record.close()
    assert path.read_bytes().startswith(before), "the old lines stay as they are"
    reopened = MeetingRecord(path, read_only=True)
    assert [e["id"] for e in reopened.events] == [1, 3, 4]
    reopened.close()
