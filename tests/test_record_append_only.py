"""The record layer is append-only: TinyDB may add documents, never change or remove one.

Each event is held once in memory (the storage's document is the record's event), a
`del` line or an id written twice (a hand edit: no version wrote either into a record)
is damage, and a record opens without rewriting its file unless a torn write has to go.
"""

from __future__ import annotations

import pendulum
import pytest
from tinydb import Query

from meetingtui.errors import RecordDamaged, RecordError
from meetingtui.events import make
from meetingtui.record import MeetingRecord, logfile, recover_copy
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


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ({"t": "events", "id": "2", "del": True}, ["line 5", "deletion of event 2"]),
        ({"t": "scratch", "id": "1", "del": True}, ["line 5", "deletion of scratch 1"]),
        ({"t": "events", "id": "2", "d": "again"}, ["line 5", "event 2", "second time", "line 3"]),
        ({"t": "events", "id": "1", "d": "late"}, ["line 5", "event 1", "second time"]),
    ],
    ids=["del-event", "del-other-table", "duplicate-id", "duplicate-first-id"],
)
def test_a_deletion_or_an_id_written_again_is_damage_not_a_change_of_history(tmp_path, line, words):
    """A hand-edited record: history is never rewritten by a later line; `recover` keeps
    the first line of each id (the one that was acknowledged) and names what it left out."""
    path = tmp_path / "meeting.record"
    written = record_with(path, 3)
    if line.get("d") == "again":
        line = dict(line, d=event(7))  # another decision, under event 2's id
    elif line.get("d") == "late":
        line = dict(line, d=event(8))
    with open(path, "ab") as handle:
        handle.write(logfile.encode(line))
        handle.write(logfile.encode({"t": "events", "id": "4", "d": event(4)}))
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(RecordDamaged) as caught:
            MeetingRecord(path, read_only=read_only)
        for word in words:
            assert word in str(caught.value), (word, str(caught.value))
        assert "4 readable events" in str(caught.value)
    assert path.read_bytes() == before, "the file is left as it is"
    copy, count, left_out = recover_copy(path)
    assert count == 4 and [number for number, _ in left_out] == [5]
    reopened = MeetingRecord(copy, read_only=True)
    assert reopened.events == [*written, dict(event(4), id=4)]
    reopened.close()


def test_lines_out_of_order_are_damage_and_recover_puts_them_in_order(tmp_path):
    path = tmp_path / "meeting.record"
    written = record_with(path, 3)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[2], lines[3] = lines[3], lines[2]  # event 3 before event 2
    path.write_bytes(b"".join(lines))
    with pytest.raises(RecordDamaged, match="line 4: event 2 comes after event 3"):
        MeetingRecord(path)
    copy, count, left_out = recover_copy(path)
    assert (count, left_out) == (3, [])
    reopened = MeetingRecord(copy, read_only=True)
    assert reopened.events == written
    reopened.close()
