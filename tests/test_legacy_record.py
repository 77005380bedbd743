"""A record written by an earlier release loads and exports to the same referat text.

`tests/legacy/` holds a record made by main at 61c3be7 (before the redesign of the event
and record layers), using every event kind that version could record, with the public
and full referat text that version exported from it (`tests/legacy/make_legacy.py` is
the script it was made with, kept for the record; it is not run). A secretary's meeting
outlives a release: whatever changes inside, these must keep coming out the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui.meeting import fold
from meetingtui.minutes import build, text
from meetingtui.record import MeetingRecord

LEGACY = Path(__file__).parent / "legacy"


@pytest.fixture
def legacy_record(tmp_path):
    copy = tmp_path / "meeting.record"
    shutil.copyfile(LEGACY / "meeting.record", copy)
    copy.chmod(0o600)
    return copy


@pytest.mark.parametrize("full", [False, True], ids=["public", "full"])
def test_a_record_from_an_earlier_release_exports_the_same_text(legacy_record, full):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_record, agenda.sha256, read_only=True)
    try:
        state = fold(agenda, record.events)
    finally:
        record.close()
    expected = (LEGACY / f"referat-{'full' if full else 'public'}.txt").read_text()
    assert text.render(build(state, full=full)) == expected


def test_a_record_from_an_earlier_release_can_be_continued(legacy_record):
    """Opened for writing, it takes new events after the old ones and reads back whole."""
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_record, agenda.sha256)
    try:
        kinds = {e["kind"] for e in record.events}
        assert {"amend", "retract", "item_added", "vote", "dissent"} <= kinds
        record.append(ev.make("chair_set", member="meho-selman"))
    finally:
        record.close()
    reopened = MeetingRecord(legacy_record, agenda.sha256, read_only=True)
    try:
        assert [e["id"] for e in reopened.events] == list(range(1, 40))
        assert reopened.events[-1]["member"] == "meho-selman"
    finally:
        reopened.close()


def test_a_continued_record_moved_twice_keeps_its_chain(legacy_record, tmp_path, capsys):
    """Moved on (Save as) twice in one session, a record with events from an earlier
    release writes the same lines both times: the old events still without prev, so the
    approval's seal still holds and `meetingtui verify` finds nothing changed."""
    from meetingtui.cli import main

    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_record, agenda.sha256)
    first, second = tmp_path / "a.record", tmp_path / "b.record"
    try:
        record.append(ev.make("chair_set", member="meho-selman"))
        approval = ev.make(
            "approved", time="2025-12-04T00:00:00+01:00", how="signed", by=[], seal=record.head
        )
        record.append(approval)
        record.move_to(first)
        record.move_to(second)
    finally:
        record.close()
    events_of = [path.read_bytes().splitlines()[1:] for path in (first, second)]
    assert events_of[0] == events_of[1]
    assert b'"prev"' not in events_of[1][0]  # the earlier release's events stay as they were
    assert main(["verify", str(second)]) == 0
    out = capsys.readouterr().out
    assert (
        "Protokollen er uændret: 40 registreringer; kæden hænger sammen fra registrering 39" in out
    )
    assert (
        "Godkendt: registrering 40 forsegler protokollen, som den stod efter registrering 39" in out
    )
